// IOP partnerships in a real browser: Sara Lind, once verified as Kindness &
// Compassion's representative, amends the half-year report of the demo's partnership
// "Självhjälpsgrupper i samverkan med socialtjänsten" (a missing part is named in the
// error summary, which takes the focus); the officer approves it, saves the
// tjänsteutlåtande drafted from the report and downloads it as PDF.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { keptMails, launchBrowser, startServer, watchErrors } from "./support.mjs";

const SARA = { email: "sara.lind@kindness-compassion.example", password: "Sokande-demo-2026" };
const EMELIE = { email: "emelie.steen@socialforvaltningen.example", password: "Handlaggare-demo-2026" };
const ACTIVITY = "Självhjälpsgrupper i samverkan med socialtjänsten";

describe("an IOP partnership's report", () => {
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

  test("the partner reports, the officer approves and downloads the tjänsteutlåtande", async () => {
    // The officer's overview lists the seed's partnership and the active one.
    const emelie = await signedIn(EMELIE);
    const officer = emelie.page;
    const officerErrors = watchErrors(officer);
    await officer.goto(server.url + "/handlaggning");
    await officer.getByRole("link", { name: "Partnerskap (IOP)" }).click();
    await officer.getByRole("heading", { level: 1, name: "Partnerskap (IOP)" }).waitFor();
    await officer.getByRole("link", { name: /Street Minds – Öppen verksamhet för deltagare inom Bostad Först/ }).waitFor();
    const seedRow = officer.locator("tr").filter({ hasText: "Street Minds" });
    assert.match(await seedRow.innerText(), /30 juni 2026/);

    // The officer verifies Sara from the demo's pending minutes.
    await officer.goto(server.url + "/handlaggning/foretradare");
    await officer.getByRole("link", { name: "Kindness & Compassion" }).click();
    await officer.getByRole("button", { name: "Godkänn och verifiera" }).click();
    await officer.getByRole("status").filter({ hasText: "Beslutet är sparat" }).waitFor();

    // Sara finds the partnership from her association's page and opens the report due.
    const sara = await signedIn(SARA);
    const page = sara.page;
    const errors = watchErrors(page);
    await page.getByRole("link", { name: "Kindness & Compassion" }).click();
    await page.getByRole("link", { name: `Partnerskap: ${ACTIVITY}` }).click();
    await page.getByRole("heading", { level: 1, name: `Partnerskap: ${ACTIVITY}` }).waitFor();
    // The report the officer asked changes to (the current period cannot be sent in
    // before it ends).
    await page.locator("tr").filter({ hasText: "Behöver ändras" }).getByRole("link").click();
    await page.getByRole("heading", { level: 1, name: /^Rapport \d+:/ }).waitFor();
    const reportUrl = page.url();

    await page.getByLabel("Sammanfatta perioden").fill("Två grupper i veckan hela hösten, elva nya deltagare.");
    await page.locator('input[name="aktivitet_1"]').fill("Självhjälpsgrupp om ensamhet");
    await page.locator('input[name="aktivitet_schema_1"]').fill("tisdagar kl. 17–19");
    await page.getByLabel("Som minst").fill("4");
    await page.getByLabel("Som mest").fill("9");
    await page.locator('input[name="tillfalle_1"]').fill("Julfika");
    await page.locator('input[name="tillfalle_antal_1"]').fill("18");
    await page.getByLabel("Citat och synpunkter").fill("Jag har fått ett sammanhang.\n\nGruppen betyder mycket.");
    await page.getByLabel("Kvinnor").fill("60");
    await page.getByLabel("Män", { exact: true }).fill("40");
    // Sending in without saying how the money was used: named in the summary.
    await page.getByLabel("Hur medlen har använts").fill("");
    await page.getByRole("button", { name: "Skicka in rapporten" }).click();
    const summary = page.getByRole("alert");
    await summary.waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.classList.contains("error-summary")), true,
      "the error summary takes the focus");
    await summary.getByRole("link", { name: "Beskriv hur medlen har använts." }).click();
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute("name")), "medel");
    // What was typed is still there.
    assert.equal(await page.locator('input[name="tillfalle_1"]').inputValue(), "Julfika");
    await page.getByLabel("Hur medlen har använts").fill("Arvoden för gruppledare och hyra.");
    await page.getByRole("button", { name: "Skicka in rapporten" }).click();
    await page.getByRole("status").filter({ hasText: "Rapporten är inskickad." }).waitFor();

    // The officer approves it; Sara is mailed.
    await officer.goto(reportUrl.replace("/partnerskap/", "/handlaggning/partnerskap/"));
    await officer.getByText("Självhjälpsgrupp om ensamhet").first().waitFor();
    await officer.getByLabel("Godkänn rapporten").check();
    await officer.getByRole("button", { name: "Spara granskningen" }).click();
    await officer.getByRole("status").filter({ hasText: "Rapporten är godkänd." }).waitFor();
    const mail = keptMails(server.dataDir).find((m) => m.includes("Rapporten är godkänd") && m.includes("sara.lind@"));
    assert.ok(mail, "the verdict was mailed");

    // The tjänsteutlåtande, drafted from the report, saved, printed and as PDF.
    const proposal = officer.getByLabel("Förvaltningens förslag till beslut");
    assert.match(await proposal.inputValue(), /^Socialnämnden godkänner uppföljningen av IOP-samarbetet avseende självhjälpsgrupper/);
    assert.match(await officer.getByLabel("Jämställdhetsanalys").inputValue(), /60 procent kvinnor och 40 procent män/);
    await officer.getByLabel("Ärendets beredning").fill("Ärendet har beretts inom socialförvaltningen. Rådet för funktionshinderfrågor har haft möjlighet att behandla ärendet.");
    await officer.getByRole("button", { name: "Spara tjänsteutlåtandet" }).click();
    await officer.getByRole("status").filter({ hasText: "Tjänsteutlåtandet är sparat." }).waitFor();
    const pdfHref = await officer.getByRole("link", { name: "Ladda ner som PDF" }).getAttribute("href");
    const pdf = await officer.request.get(server.url + pdfHref);
    assert.equal(pdf.status(), 200);
    assert.equal(pdf.headers()["content-type"], "application/pdf");
    assert.ok((await pdf.body()).subarray(0, 5).toString() === "%PDF-");
    await officer.getByRole("link", { name: "Visa tjänsteutlåtandet" }).click();
    await officer.getByRole("heading", { level: 2, name: "Ärendets beredning" }).waitFor();
    await officer.getByText("Rådet för funktionshinderfrågor har haft möjlighet").waitFor();

    assert.deepEqual(errors.filter((e) => !e.includes("422")), []);
    assert.deepEqual(officerErrors, []);
    for (const c of [sara, emelie]) await c.context.close();
  });
});
