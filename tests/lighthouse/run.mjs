// `make lighthouse`: Lighthouse (npm, with Debian's Chromium) on the start page, a
// minutes page and the decisions list, served by the release server with demo data.
// Prints each category's score and writes bench/results/lighthouse.json. Targets: 95
// for performance, 100 for accessibility, best practices and SEO.
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { tmpdir } from "node:os";
import { startServer } from "../browser/support.mjs";

const root = resolve(import.meta.dirname, "..", "..");
const lighthouse = process.env.LIGHTHOUSE;
const pages = [
  ["start page", "/"],
  ["a minutes page", "/gemensam-utvecklingsgrupp/minnesanteckningar/2017-11-27"],
  ["the decisions list", "/beslut"],
];
const targets = { performance: 95, accessibility: 100, "best-practices": 100, seo: 100 };
const flags = [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
  "--disable-component-update", "--disable-sync", "--no-first-run",
].join(" ");

const server = await startServer({ demo: true });
const results = [];
let missed = 0;
try {
  for (const [name, path] of pages) {
    const report = join(tmpdir(), `lighthouse-${results.length}.json`);
    execFileSync(lighthouse, [
      server.url + path,
      "--quiet",
      "--output=json",
      `--output-path=${report}`,
      `--chrome-flags=${flags}`,
      "--only-categories=performance,accessibility,best-practices,seo",
    ], { env: { ...process.env, CHROME_PATH: process.env.CHROMIUM ?? "/usr/bin/chromium" }, stdio: ["ignore", "ignore", "inherit"] });
    const json = JSON.parse(readFileSync(report, "utf8"));
    const scores = Object.fromEntries(Object.entries(json.categories).map(([id, c]) => [id, Math.round(c.score * 100)]));
    const failing = Object.values(json.audits)
      .filter((a) => a.score !== null && a.score < 1 && a.scoreDisplayMode === "binary")
      .map((a) => a.id);
    results.push({ name, path, scores, failing_audits: failing });
    console.log(`${name.padEnd(20)} ${Object.entries(scores).map(([k, v]) => `${k} ${v}`).join("  ")}${failing.length ? `  (failing: ${failing.join(", ")})` : ""}`);
    for (const [id, target] of Object.entries(targets)) if ((scores[id] ?? 0) < target) missed++;
  }
} finally {
  await server.stop();
}
mkdirSync(join(root, "bench", "results"), { recursive: true });
writeFileSync(join(root, "bench", "results", "lighthouse.json"), JSON.stringify({ lighthouse: "13.5.0", targets, results }, null, 2) + "\n");
console.log(missed ? `${missed} score(s) under target` : "every score meets its target");
