// Accessibility, tested: axe-core (npm) with the WCAG 2.1 A and AA rules on every public
// page and the main applicant and officer pages, at 1280 px and at 360 px; any violation
// fails the test with its rule, its help text and the elements it found. The contexts
// bypass the pages' Content-Security-Policy only so that the test can inject axe itself;
// the pages are served as they always are.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { launchBrowser, startServer } from "./support.mjs";

const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const SARA = { email: "sara.lind@kindness-compassion.example", password: "Sokande-demo-2026" };
const EMELIE = { email: "emelie.steen@socialforvaltningen.example", password: "Handlaggare-demo-2026" };
const PUBLIC = ["/", "/soka-bidrag", "/beslut", "/anslagstavla", "/gemensam-utvecklingsgrupp", "/medlemskap",
  "/logga-in", "/registrera", "/kontakt", "/tillganglighet", "/personuppgifter", "/statistik",
  "/gemensam-utvecklingsgrupp/minnesanteckningar", "/gemensam-utvecklingsgrupp/minnesanteckningar?sok=lokal",
  "/gemensam-utvecklingsgrupp/minnesanteckningar/2017-11-27"];

async function violations(page) {
  await page.addScriptTag({ content: AXE });
  return page.evaluate(async () => {
    const result = await window.axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    });
    return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")})`);
  });
}

describe("accessibility (axe-core, WCAG 2.1 AA)", () => {
  let server;
  let browser;

  before(async () => {
    server = await startServer({ demo: true });
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function signedIn(context, who) {
    const page = await context.newPage();
    await page.goto(server.url + "/logga-in");
    await page.getByLabel("E-postadress").fill(who.email);
    await page.getByLabel("Lösenord").fill(who.password);
    await page.getByRole("button", { name: "Logga in" }).click();
    await page.getByRole("heading", { level: 1, name: "Mina sidor" }).waitFor();
    return page;
  }

  for (const width of [1280, 360]) {
    test(`public pages at ${width} px`, async () => {
      const context = await browser.newContext({ viewport: { width, height: 900 }, bypassCSP: true });
      const page = await context.newPage();
      const found = [];
      const decision = await (async () => {
        await page.goto(server.url + "/beslut");
        return page.locator("table a").first().getAttribute("href");
      })();
      for (const path of [...PUBLIC, decision]) {
        await page.goto(server.url + path);
        for (const v of await violations(page)) found.push(`${path}: ${v}`);
      }
      await context.close();
      assert.deepEqual(found, []);
    });

    test(`public pages in English at ${width} px`, async () => {
      const context = await browser.newContext({ viewport: { width, height: 900 }, bypassCSP: true });
      await context.addCookies([{ name: "sprak", value: "en", url: server.url }]);
      const page = await context.newPage();
      const found = [];
      for (const path of PUBLIC) {
        await page.goto(server.url + path);
        assert.equal(await page.getAttribute("html", "lang"), "en", path);
        for (const v of await violations(page)) found.push(`${path} (en): ${v}`);
      }
      await context.close();
      assert.deepEqual(found, []);
    });

    test(`applicant and officer pages at ${width} px`, async () => {
      const found = [];
      const applicantContext = await browser.newContext({ viewport: { width, height: 900 }, bypassCSP: true });
      const applicant = await signedIn(applicantContext, SARA);
      for (const v of await violations(applicant)) found.push(`/mina-sidor: ${v}`);
      await applicant.getByRole("link", { name: "Kindness & Compassion" }).first().click();
      for (const v of await violations(applicant)) found.push(`association: ${v}`);
      await applicant.getByRole("link", { name: "Ansökningar om bidrag" }).click();
      for (const v of await violations(applicant)) found.push(`applications: ${v}`);
      await applicant.getByRole("link", { name: "Samtalsgrupper för unga tjejer med psykisk ohälsa" }).first().click();
      for (const v of await violations(applicant)) found.push(`case: ${v}`);
      await applicant.goBack();
      await applicant.getByRole("link", { name: "Samtalsgrupper för vuxna i ensamhet", exact: true }).click();
      await applicant.getByRole("link", { name: "Återrapport", exact: true }).click();
      for (const v of await violations(applicant)) found.push(`follow-up report: ${v}`);
      await applicant.goBack();
      await applicant.goBack();
      await applicant.goBack();
      await applicant.getByRole("link", { name: /^Partnerskap: / }).click();
      for (const v of await violations(applicant)) found.push(`partnership: ${v}`);
      await applicant.locator("tr").filter({ hasText: "Ska lämnas" }).getByRole("link").click();
      for (const v of await violations(applicant)) found.push(`partnership report: ${v}`);
      await applicantContext.close();

      const officerContext = await browser.newContext({ viewport: { width, height: 900 }, bypassCSP: true });
      const officer = await signedIn(officerContext, EMELIE);
      for (const path of ["/handlaggning", "/handlaggning/oversikt", "/handlaggning/moten", "/handlaggning/aterrapporter", "/handlaggning/partnerskap", "/handlaggning/partnerskap/nytt"]) {
        await officer.goto(server.url + path);
        for (const v of await violations(officer)) found.push(`${path}: ${v}`);
      }
      await officer.goto(server.url + "/handlaggning");
      await officer.locator("table.queue tbody tr").first().getByRole("link").first().click();
      for (const v of await violations(officer)) found.push(`officer case: ${v}`);
      await officer.getByRole("link", { name: "Jäv, bedömning och attest" }).click();
      for (const v of await violations(officer)) found.push(`assessment: ${v}`);
      await officer.goto(server.url + "/handlaggning/partnerskap");
      await officer.getByRole("link", { name: /^Street Minds/ }).click();
      for (const v of await violations(officer)) found.push(`partnership: ${v}`);
      await officer.locator("tr").filter({ hasText: "1 juli–31 december 2023" }).getByRole("link").click();
      for (const v of await violations(officer)) found.push(`partnership review: ${v}`);
      await officer.getByRole("link", { name: "Visa tjänsteutlåtandet" }).click();
      for (const v of await violations(officer)) found.push(`partnership statement: ${v}`);
      await officerContext.close();
      assert.deepEqual(found, []);
    });
  }
});
