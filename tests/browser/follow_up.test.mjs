// After the decision, in a real browser: Sara Lind writes Kindness & Compassion's
// follow-up report for last year's grant (the demo's "Samtalsgrupper för vuxna i
// ensamhet", 150 000 kr) against its own budget, is told that a line 10 % off needs a
// comment, attaches the accounts and, once the officer has verified her as the
// association's representative, sends it in; the officer approves it with a reclaim of
// the 25 000 kr the figures leave unused; the letter is mailed; the finance unit records
// the repayment.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { keptMails, launchBrowser, startServer, watchErrors } from "./support.mjs";

const SARA = { email: "sara.lind@kindness-compassion.example", password: "Sokande-demo-2026" };
const EMELIE = { email: "emelie.steen@socialforvaltningen.example", password: "Handlaggare-demo-2026" };
const KARIN = { email: "karin.ek@socialforvaltningen.example", password: "Ekonom-demo-2026" };
const ACTIVITY = "Samtalsgrupper för vuxna i ensamhet";
const PDF = Buffer.from("%PDF-1.4\n1 0 obj\n<< >>\nendobj\ntrailer\n<< >>\n%%EOF\n");

function today() {
  return new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Stockholm" }).format(new Date());
}

describe("the follow-up report", () => {
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

  async function signedIn(who) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(server.url + "/logga-in");
    await page.getByLabel("E-postadress").fill(who.email);
    await page.getByLabel("Lösenord").fill(who.password);
    await page.getByRole("button", { name: "Logga in" }).click();
    await page.getByRole("heading", { level: 1, name: "Mina sidor" }).waitFor();
    return { context, page };
  }

  test("report against the budget, review with a reclaim, repayment recorded", async () => {
    // Sara finds the report from the granted case's page.
    const sara = await signedIn(SARA);
    const errors = watchErrors(sara.page);
    let page = sara.page;
    await page.getByRole("link", { name: "Kindness & Compassion" }).click();
    await page.getByRole("link", { name: "Ansökningar om bidrag" }).click();
    await page.getByRole("link", { name: ACTIVITY, exact: true }).click();
    await page.getByRole("heading", { level: 2, name: "Återrapportering" }).waitFor();
    await page.getByRole("link", { name: "Återrapport", exact: true }).click();
    await page.getByRole("heading", { level: 1, name: /^Återrapport – SOF/ }).waitFor();
    const reportUrl = page.url();

    // The first draft: a cost 33 % under budget without a comment is saved as a draft …
    await page.getByLabel("Beskriv vad ni har gjort under perioden").fill("Vi höll samtalsgrupper varje vecka under hela perioden.");
    await page.getByLabel("Genomförda tillfällen").fill("38");
    await page.getByLabel("Antal deltagare").fill("14");
    await page.getByLabel("Kvinnor").fill("70");
    await page.getByLabel("Män", { exact: true }).fill("30");
    await page.getByLabel("Uppnått", { exact: true }).check();
    await page.locator('input[name="intakt_1"]').fill("15 000");
    await page.locator('input[name="kostnad_1"]').fill("60 000");
    await page.locator('input[name="kostnad_2"]').fill("50 000");
    await page.locator('input[name="kostnad_3"]').fill("30 000");
    await page.getByRole("button", { name: "Spara utkast" }).click();
    await page.getByRole("status").filter({ hasText: "Utkastet är sparat." }).waitFor();
    assert.equal(await page.locator('input[name="kostnad_2"]').inputValue(), "50 000");
    // … and only a verified representative may send it in.
    assert.equal(await page.getByRole("button", { name: "Skicka in återrapporten" }).count(), 0);
    await page.getByText("Bara föreningens verifierade företrädare kan skicka in återrapporten").first().waitFor();

    // The accounts through the shared storage.
    await page.getByLabel("Vad är dokumentet?").selectOption("ekonomisk-redovisning");
    await page.getByLabel("Fil", { exact: true }).setInputFiles({ name: "Ekonomisk redovisning.pdf", mimeType: "application/pdf", buffer: PDF });
    await page.getByRole("button", { name: "Ladda upp" }).click();
    await page.getByRole("status").filter({ hasText: "Bilagan är uppladdad." }).waitFor();
    await page.getByRole("link", { name: "Ekonomisk redovisning.pdf" }).waitFor();

    // The officer verifies Sara from the demo's pending minutes.
    const emelie = await signedIn(EMELIE);
    const officer = emelie.page;
    const officerErrors = watchErrors(officer);
    await officer.goto(server.url + "/handlaggning/foretradare");
    await officer.getByRole("link", { name: "Kindness & Compassion" }).click();
    await officer.getByRole("button", { name: "Godkänn och verifiera" }).click();
    await officer.getByRole("status").filter({ hasText: "Beslutet är sparat" }).waitFor();

    // Sending in: the line 33 % under budget needs its comment, by the field.
    await page.goto(reportUrl);
    await page.getByRole("button", { name: "Skicka in återrapporten" }).click();
    const summary = page.getByRole("alert");
    await summary.waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.classList.contains("error-summary")), true,
      "the error summary takes the focus");
    const problem = summary.getByRole("link", { name: /skiljer sig mer än 10 procent/ });
    await problem.click();
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute("name")), "kostnad_kommentar_2");
    await page.locator('textarea[name="kostnad_kommentar_2"]').fill("En samtalsledare slutade i maj och ersattes inte.");
    await page.getByRole("button", { name: "Skicka in återrapporten" }).click();
    await page.getByRole("status").filter({ hasText: "Återrapporten är inskickad." }).waitFor();

    // The officer finds it waiting and approves it with a reclaim of the unused money.
    await officer.goto(server.url + "/handlaggning/aterrapporter");
    await officer.getByRole("link", { name: /^SOF/ }).first().waitFor();
    await officer.locator("table").filter({ hasText: "Väntar på granskning" }).getByRole("link").first().click();
    await officer.getByText("= 25\u00a0000\u00a0kr som inte har använts").first().waitFor();
    await officer.getByLabel("Godkänn med återkrav av pengar som inte har använts").check();
    assert.equal(await officer.getByLabel("Belopp att återkräva i kronor").inputValue(), "25 000");
    await officer.getByLabel("Skäl till återkravet").fill("Personalkostnaden blev lägre än budgeterat.");
    await officer.getByRole("button", { name: "Spara beslutet" }).click();
    await officer.getByRole("status").filter({ hasText: "beslutet om återkrav är skickat" }).waitFor();

    // Sara sees the decision with how to pay; the letter is in her mail.
    await page.goto(reportUrl);
    await page.getByRole("heading", { level: 2, name: "Beslut om återkrav" }).waitFor();
    await page.getByText("Att betala tillbaka: 25\u00a0000\u00a0kr").waitFor();
    const letter = keptMails(server.dataDir).find((m) => m.includes("Beslut om återbetalning av bidrag") && m.includes("sara.lind@"));
    assert.ok(letter, "the reclaim letter was mailed");
    assert.match(letter, /bankgiro 5050-1055/);

    // The finance unit records the repayment.
    const karin = await signedIn(KARIN);
    const finance = karin.page;
    await finance.goto(server.url + "/ekonomi/aterkrav");
    const row = finance.locator("tr").filter({ hasText: "Kindness & Compassion" });
    await row.getByLabel(/Betaldag/).fill(today());
    await row.getByRole("button", { name: "Registrera inbetalning" }).click();
    await finance.getByRole("status").filter({ hasText: "Inbetalningen är registrerad." }).waitFor();
    await finance.locator("table").filter({ hasText: "Betalda återkrav" }).getByText("Kindness & Compassion").waitFor();

    // The one refusal (422) is the browser's note of the answer, not a fault.
    assert.deepEqual(errors.filter((e) => !e.includes("422")), []);
    assert.deepEqual(officerErrors, []);
    for (const c of [sara, emelie, karin]) await c.context.close();
  });
});
