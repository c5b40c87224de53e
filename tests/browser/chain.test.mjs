// The whole case chain in a real browser, as the OFU seed tells it: the officer takes
// Kindness & Compassion's open application, declares no jäv and assesses it with the
// seed's verdicts (avslag, justeras omedelbart); the avdelningschef and the enhetschef
// each declare no jäv and attest; the officer puts it on a meeting of the organisations-
// och föreningsutskott, records the decision as proposed and marks the minutes justerade;
// the applicant's mail holds the decision letter, and the case page shows the legal clock.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { keptMails, launchBrowser, startServer, watchErrors } from "./support.mjs";

const SARA = { email: "sara.lind@kindness-compassion.example", password: "Sokande-demo-2026" };
const EMELIE = { email: "emelie.steen@socialforvaltningen.example", password: "Handlaggare-demo-2026" };
const JORGEN = { email: "jorgen.nordin@socialforvaltningen.example", password: "Enhetschef-demo-2026" };
const LINA = { email: "lina.blombergsson@socialforvaltningen.example", password: "Avdelningschef-demo-2026" };
const ACTIVITY = "Samtalsgrupper för unga tjejer med psykisk ohälsa";

// The seed's verdicts, per criterion of the programme.
const VERDICTS = {
  stadsovergripande: ["delvis", "Verksamheten är stadsövergripande men vänder sig till en bred, något ospecificerad målgrupp."],
  kompletterar: ["uppfyller-inte", "En stor del av verksamheten kompletterar inte socialtjänstens insatser."],
  kvalitet: ["uppfyller", "Förvaltningen bedömer att verksamheten bedrivs med god kvalitet."],
  kostnader: ["uppfyller", "Förvaltningen bedömer att föreningens kostnader är rimliga."],
};

/** Today in Stockholm, as the server counts days: `2026-12-02`. */
function today() {
  return new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Stockholm" }).format(new Date());
}

describe("the case chain", () => {
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

  async function declareNoJav(page) {
    await page.getByLabel("Jag är inte jävig i ärendet").check();
    await page.getByRole("button", { name: "Spara jävsförklaringen" }).click();
    await page.getByRole("status").filter({ hasText: "Din jävsförklaring är sparad." }).waitFor();
  }

  test("assessment, no jäv, two attestations, the OFU's avslag and the decision letter", async () => {
    // The officer takes the case and assesses it.
    const officer = await signedIn(EMELIE);
    const errors = watchErrors(officer.page);
    const page = officer.page;
    await page.goto(server.url + "/handlaggning");
    const row = page.locator("table.queue tbody tr").filter({ hasText: ACTIVITY });
    await row.getByRole("link").first().click();
    const caseUrl = page.url();
    const dnr = (await page.getByRole("heading", { level: 1 }).innerText()).replace("Ärende ", "").trim();
    assert.match(dnr, /^SOF \d{4}\/\d+$/);
    await page.getByRole("button", { name: "Ta ärendet" }).click();
    await page.getByRole("status").filter({ hasText: "Handläggaren är sparad." }).waitFor();
    await page.getByRole("link", { name: "Jäv, bedömning och attest" }).click();
    const assessmentUrl = page.url();
    await declareNoJav(page);
    for (const [key, [verdict, text]] of Object.entries(VERDICTS)) {
      await page.locator(`input[name="bedomning_${key}"][value="${verdict}"]`).check();
      await page.locator(`textarea[name="text_${key}"]`).fill(text);
    }
    await page.getByLabel("Jämställdhetsanalys").fill("Föreningen når fler kvinnor än män och samarbetar med Citypolarna för att nå fler män.");
    await page.getByLabel("Avslå").check();
    await page.getByLabel("Förvaltningens synpunkter och motivering").fill(
      "Efter en samlad bedömning lever verksamheten inte upp till kraven i riktlinjerna för ett tidsbegränsat bidrag.");
    await page.getByLabel("Paragrafen föreslås justeras omedelbart").check();
    await page.getByRole("button", { name: "Skicka till attest" }).click();
    await page.getByRole("status").filter({ hasText: "väntar på attest" }).waitFor();

    // Two approvers attest, each after declaring no jäv.
    for (const who of [LINA, JORGEN]) {
      const approver = await signedIn(who);
      await approver.page.goto(assessmentUrl);
      await declareNoJav(approver.page);
      await approver.page.getByRole("button", { name: "Attestera förslaget" }).click();
      await approver.page.getByRole("status").filter({ hasText: "Du har attesterat förslaget." }).waitFor();
      await approver.context.close();
    }
    await page.goto(caseUrl);
    assert.match(await page.locator(".facts").first().innerText(), /Attesterad, klar för beslut/);

    // The OFU meets today: the case on the agenda, decided as proposed, justerad.
    await page.goto(server.url + "/handlaggning/moten");
    await page.getByLabel("Nämnd eller utskott").selectOption("ofu");
    await page.getByLabel("Datum för sammanträdet").fill(today());
    await page.getByLabel("Sista dag för ärenden").fill(today());
    await page.getByLabel("Plats", { exact: true }).fill("Stadshuset, Ragnar Östbergs plan 1");
    await page.getByRole("button", { name: "Lägg in sammanträdet" }).click();
    await page.getByRole("heading", { name: "Dagordning" }).waitFor();
    await page.getByLabel(new RegExp(`${dnr.replace("/", "\\/")} – Kindness & Compassion`)).check();
    await page.getByRole("button", { name: "Lägg till på dagordningen" }).click();
    // Nothing is chosen for the committee: saving without a choice is refused.
    await page.getByRole("button", { name: "Spara beslutet i § 1" }).click();
    await page.getByRole("alert").filter({ hasText: "Välj beslut." }).waitFor();
    await page.getByLabel("Enligt förslaget").check();
    await page.getByRole("button", { name: "Spara beslutet i § 1" }).click();
    await page.getByRole("status").filter({ hasText: "Beslutet är sparat." }).waitFor();
    await page.getByLabel("Datum för justering").fill(today());
    await page.getByRole("button", { name: "Protokollet är justerat" }).click();
    await page.getByText(/vinner laga kraft/).first().waitFor();
    // The refused save without a decision answered 422, as it should.
    assert.deepEqual(errors.filter((e) => !e.includes("422")), []);
    await officer.context.close();

    // The decision letter reaches the applicant.
    let letter;
    for (let i = 0; i < 150 && !letter; i++) {
      letter = keptMails(server.dataDir).find((text) => text.includes(SARA.email) && text.includes("laglighetsprövning") && text.includes(`Diarienummer: ${dnr}\r`));
      if (!letter) await new Promise((done) => setTimeout(done, 100));
    }
    assert.ok(letter, "the decision letter was sent to the applicant");
    assert.match(letter, /Beslut: Avslagen/);
    assert.match(letter, /Uppfyller inte\. En stor del av verksamheten kompletterar inte/);
    assert.match(letter, /förvaltningsrätten/);

    // The applicant reads the decision and when it wins legal force.
    const applicant = await signedIn(SARA);
    await applicant.page.goto(caseUrl.replace(/\/handlaggning\/arenden\//, "/ansokningar/"));
    await applicant.page.getByRole("heading", { name: "Beslut" }).waitFor();
    const decision = await applicant.page.locator("section[aria-labelledby=rubrik-beslut]").innerText();
    assert.match(decision, /Avslagen/);
    assert.match(decision, /vinner beslutet laga kraft/);
    await applicant.context.close();
  });
});
