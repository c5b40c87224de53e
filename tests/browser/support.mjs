// Browser-test support: starts the real debug server on a free port with a fresh data
// folder, and launches Debian's Chromium through playwright-core (no browser downloads).
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { chromium } from "playwright-core";

const root = resolve(import.meta.dirname, "..", "..");
export const outputDir = join(root, "tests", "browser", "output");

/** Starts `server serve` with a fresh database; resolves to { url, stop }. */
export async function startServer({ demo = true, env = {} } = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), "portal-browser-"));
  const bin = process.env.PORTAL_SERVER_BIN ?? join(root, "target", "debug", "server");
  const child = spawn(bin, ["serve"], {
    cwd: root,
    env: {
      ...process.env,
      LEPTOS_SITE_ADDR: "127.0.0.1:0",
      LEPTOS_SITE_ROOT: process.env.PORTAL_SITE_ROOT ?? join(root, "target", "site"),
      PORTAL_DATA_DIR: dataDir,
      DATABASE_URL: "",
      PORTAL_DEMO: demo ? "1" : "0",
      RUST_LOG: "warn",
      ...env,
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const lines = createInterface({ input: child.stdout });
  const url = await new Promise((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error("the server did not start within 60 s")), 60_000);
    child.once("exit", (code) => reject(new Error(`the server exited with ${code}`)));
    lines.on("line", (line) => {
      const match = line.match(/http:\/\/(\S+)/);
      if (match) {
        clearTimeout(timer);
        resolveUrl(`http://${match[1]}`);
      }
    });
  });
  const stop = async () => {
    const exited = new Promise((done) => child.once("exit", done));
    child.kill("SIGTERM");
    await exited;
    rmSync(dataDir, { recursive: true, force: true });
  };
  return { url, stop, dataDir };
}

/** The mails the server kept as .eml files (no SMTP), decoded, oldest first. */
export function keptMails(dataDir) {
  const folder = join(dataDir, "mail");
  let names = [];
  try {
    names = readdirSync(folder).filter((name) => name.endsWith(".eml")).sort();
  } catch {
    return [];
  }
  return names.map((name) =>
    readFileSync(join(folder, name), "utf8")
      .replace(/=\r?\n/g, "")
      .replace(/((?:=[0-9A-F]{2})+)/g, (run) => Buffer.from(run.replace(/=/g, ""), "hex").toString("utf8")),
  );
}

/** Debian's Chromium, headless, with the flags this closed network needs. */
export async function launchBrowser() {
  mkdirSync(outputDir, { recursive: true });
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}

/** Collects console errors (CSP violations among them) and page errors. */
export function watchErrors(page) {
  const errors = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(String(error)));
  return errors;
}
