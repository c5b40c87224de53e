// Who may act for an association, in a real browser: a member uploads the minutes that
// name her, an officer verifies her until the next annual meeting, and she sees it.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { launchBrowser, outputDir, startServer, watchErrors } from "./support.mjs";

const SARA = { email: "sara.lind@kindness-compassion.example", password: "Sokande-demo-2026" };
const EMELIE = { email: "emelie.steen@socialforvaltningen.example", password: "Handlaggare-demo-2026" };
const MINUTES = Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

describe("verifying an association's representatives", () => {
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

  test("a member uploads the minutes, an officer verifies her, and she may then submit", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const errors = watchErrors(page);
    const meeting = `${new Date().getFullYear() + 1}-03-14`;

    await signIn(page, SARA);
    await page.getByRole("link", { name: "Kindness & Compassion" }).click();
    await page.getByRole("heading", { level: 2, name: "Företrädare" }).waitFor();
    assert.match(await page.locator("main").innerText(), /inte skicka in för föreningen/);

    // A program passed off as a PDF is refused by its content; the date stays typed.
    const file = page.getByLabel("Protokoll eller annat dokument som visar vem som företräder föreningen");
    await file.setInputFiles({ name: "protokoll.pdf", mimeType: "application/pdf", buffer: Buffer.from("MZ\x90\x00not a pdf") });
    await page.getByLabel("Sara Lind").check();
    await page.getByLabel("Datum för föreningens nästa ordinarie årsmöte").fill(meeting);
    await page.getByRole("button", { name: "Skicka in dokumentet" }).click();
    await page.locator(".error-summary").waitFor();
    assert.match(await page.locator(".error-summary").innerText(), /inte en PDF, JPEG eller PNG/);
    assert.equal(await page.getByLabel("Datum för föreningens nästa ordinarie årsmöte").inputValue(), meeting);
    assert.equal(await page.getByLabel("Sara Lind").isChecked(), true);

    await file.setInputFiles({ name: "Protokoll årsmöte.pdf", mimeType: "application/pdf", buffer: MINUTES });
    await page.getByRole("button", { name: "Skicka in dokumentet" }).click();
    await page.getByRole("status").filter({ hasText: "Dokumentet är inskickat" }).waitFor();
    assert.match(await page.locator("main").innerText(), /Protokoll årsmöte\.pdf/);
    await page.getByRole("navigation", { name: "Huvudmeny" }).getByRole("button", { name: "Logga ut" }).click();

    await signIn(page, EMELIE);
    await page.getByRole("link", { name: "Företrädare att verifiera" }).click();
    await page.getByRole("heading", { level: 1, name: "Företrädare att verifiera" }).waitFor();
    const rows = page.locator("tbody tr");
    assert.equal(await rows.count(), 1, "the new document replaced the one waiting");
    await page.getByRole("link", { name: "Kindness & Compassion" }).click();
    await page.getByRole("heading", { level: 1, name: "Företrädare för Kindness & Compassion" }).waitFor();
    assert.equal(await page.getByLabel("Verifieringen gäller till och med").inputValue(), meeting,
      "the next annual meeting is offered");
    const download = page.waitForEvent("download");
    await page.getByRole("link", { name: "Protokoll årsmöte.pdf" }).click();
    assert.equal((await download).suggestedFilename(), "Protokoll årsmöte.pdf");
    await page.screenshot({ path: join(outputDir, "verification.png"), fullPage: true });
    await page.getByRole("button", { name: "Godkänn och verifiera" }).click();
    await page.getByRole("status").filter({ hasText: "Beslutet är sparat" }).waitFor();
    assert.match(await page.locator("main").innerText(), /Inga dokument väntar/);
    await page.getByRole("navigation", { name: "Huvudmeny" }).getByRole("button", { name: "Logga ut" }).click();

    await signIn(page, SARA);
    await page.getByRole("link", { name: "Kindness & Compassion" }).click();
    await page.getByRole("heading", { level: 2, name: "Företrädare" }).waitFor();
    const text = await page.locator("main").innerText();
    assert.match(text, new RegExp(`Sara Lind – verifierad till och med ${meeting}`));
    assert.match(text, /Du är verifierad företrädare/);
    assert.deepEqual(errors.filter((e) => !/4\d\d/.test(e)), []);
    await context.close();
  });
});
