// The officers' queue in a real browser: the demo case in the queue, taken by the
// officer from its case page, found again under "Mina ärenden"; then, while the officer
// keeps the queue open with the focus in the search field, the applicant withdraws the
// case in another browser and the queue changes without a reload, says so in its
// polite live region, and the focus stays where it was.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { launchBrowser, outputDir, startServer, watchErrors } from "./support.mjs";

const SARA = { email: "sara.lind@kindness-compassion.example", password: "Sokande-demo-2026" };
const EMELIE = { email: "emelie.steen@socialforvaltningen.example", password: "Handlaggare-demo-2026" };

describe("the officers' queue", () => {
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

  async function signIn(page, who) {
    await page.goto(server.url + "/logga-in");
    await page.getByLabel("E-postadress").fill(who.email);
    await page.getByLabel("Lösenord").fill(who.password);
    await page.getByRole("button", { name: "Logga in" }).click();
    await page.getByRole("heading", { level: 1, name: "Mina sidor" }).waitFor();
  }

  test("an officer takes the demo case, and a withdrawal shows in the open queue without a reload", async () => {
    const officerContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const officer = await officerContext.newPage();
    const errors = watchErrors(officer);
    await signIn(officer, EMELIE);
    await officer.getByRole("link", { name: "Ärendekö" }).first().click();
    await officer.getByRole("heading", { level: 1, name: "Ärendekö" }).waitFor();
    const row = officer.locator("table.queue tbody tr").filter({ hasText: "Kindness & Compassion" });
    await row.waitFor();
    assert.match(await row.innerText(), /Samtalsgrupper för unga tjejer med psykisk ohälsa/);
    assert.match(await row.innerText(), /500\s000\skr/);

    // Take the case from its page.
    await row.getByRole("link").first().click();
    await officer.getByRole("button", { name: "Ta ärendet" }).click();
    await officer.getByRole("status").filter({ hasText: "Handläggaren är sparad." }).waitFor();
    assert.match(await officer.locator(".facts").first().innerText(), /Emelie Steen/);
    await officer.getByRole("link", { name: "Till ärendekön" }).click();
    await officer.getByLabel("Handläggare", { exact: true }).selectOption("mig");
    await officer.getByRole("button", { name: "Visa ärenden" }).click();
    await officer.waitForURL(/handlaggare=mig/);
    await officer.locator("table.queue tbody tr").filter({ hasText: "Kindness & Compassion" }).waitFor();

    await officer.goto(server.url + "/handlaggning");
    await officer.screenshot({ path: join(outputDir, "queue.png"), fullPage: true });

    // The focus rests in the search field while the applicant withdraws the case.
    // The island hydrates and opens its event stream.
    const streaming = officer.waitForResponse((r) => r.url().endsWith("/handlaggning/live"), { timeout: 15_000 });
    await officer.goto(server.url + "/handlaggning");
    assert.equal((await streaming).status(), 200);
    await officer.getByLabel("Sök", { exact: true }).focus();

    const applicantContext = await browser.newContext();
    const applicant = await applicantContext.newPage();
    await signIn(applicant, SARA);
    await applicant.getByRole("link", { name: "Kindness & Compassion" }).click();
    await applicant.getByRole("link", { name: "Ansökningar om bidrag" }).click();
    await applicant.getByRole("link", { name: "Samtalsgrupper för unga tjejer med psykisk ohälsa" }).first().click();
    assert.match(await applicant.locator(".facts").first().innerText(), /Handläggare\s+Emelie Steen, telefon 08-508 25 158/);
    await applicant.getByRole("link", { name: "Återkalla ansökan" }).click();
    await applicant.getByRole("button", { name: "Ja, återkalla ansökan" }).click();

    await officer.locator("[role=status][aria-live=polite]").filter({ hasText: /Ärende SOF \d{4}\/\d+ har ändrats\./ }).waitFor({ timeout: 15_000 });
    await officer.locator("table.queue tbody tr").filter({ hasText: "Kindness & Compassion" }).waitFor({ state: "detached" });
    assert.ok((await officer.locator("table.queue tbody tr").count()) > 0, "the other demo cases stay");
    assert.equal(await officer.evaluate(() => document.activeElement?.getAttribute("name")), "sok", "the focus stays in the search field");
    assert.deepEqual(errors, []);
    await applicantContext.close();
    await officerContext.close();
  });
});
