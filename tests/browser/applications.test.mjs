// Applying for a grant in a real browser, once hydrated and once without JavaScript:
// the OFU seed's application filled in step by step with its full budget (the totals
// 1 600 000 / 1 600 000), the required documents uploaded (with a progress bar when
// hydrated), submitted by a verified representative, and the Dnr on the receipt.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { launchBrowser, outputDir, startServer, watchErrors } from "./support.mjs";

const SARA = { email: "sara.lind@kindness-compassion.example", password: "Sokande-demo-2026" };
const EMELIE = { email: "emelie.steen@socialforvaltningen.example", password: "Handlaggare-demo-2026" };
const pdf = (text) => Buffer.from(`%PDF-1.4\n% ${text}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`);

// The seed's answers by field name, step by step; rows are added as they are needed.
const STEPS = [
  ["aktuell-ansokan", {
    activity_name: "Etablering av ett självhjälpscenter",
    period_from: "2024-01-01",
    period_to: "2024-12-31",
    requested_ore: "500 000 kr",
    summary: "Ett självhjälpscenter som vänder sig till personer med behov av stöd och hjälp utifrån sin sociala, eller i övrigt utsatta situation.",
  }],
  ["malgrupp", { target_group: "Människor som lever i utanförskap och social isolering, som har psykisk ohälsa." }],
  ["verksamhet", {
    activity_description: "20 till 30 samtalsgrupper med fem till åtta deltagare och filmvisning två söndagar i månaden.",
    rows: ["activities", "Lägg till en aktivitet", [
      { kind: "Samtalsgrupper", occasions: "30", participants: "8" },
      { kind: "Filmvisning med samtal", occasions: "22", participants: "20" },
    ]],
  }],
  ["mal", { rows: ["goals", "Lägg till ett mål", [
    { text: "Minska ensamhet och isolering genom samtalsgrupper och mötesplatser." },
    { text: "Stärka människors motståndskraft mot psykisk ohälsa." },
  ]] }],
  ["kompetens", { competence: "Generalsekreteraren är socionom och diakon." }],
  ["jamstalldhet", { gender_equality: "Samarbete med Citypolarna för att nå fler män.", share_women: "80", share_men: "20", share_other: "0" }],
  ["likabehandling", { equal_treatment: "Volontärerna utbildas om mångfald, jämlikhet och inkludering." }],
  ["lokal", { premises: "Hotell i Stockholms city upplåter rum gratis." }],
  ["budget", {
    rows: ["budget_income", "Lägg till en intäkt", [
      { source: "Medlemsintäkter", amount_ore: "3 000", status: "beviljat" },
      { source: "Insamling och gåvor", amount_ore: "2000", status: "beviljat" },
      { source: "Allmänna Arvsfonden", amount_ore: "500 000 kr", status: "planerar" },
      { source: "ICA-stiftelsen", amount_ore: "400 000,00", status: "planerar" },
      { source: "CSA", amount_ore: "30 000:-", status: "beviljat" },
      { source: "Maria Högalid Sjukvårdsförening", amount_ore: "40 000", status: "beviljat" },
      { source: "Timmermansorden", amount_ore: "50 000", status: "sokt" },
      { source: "Företagssamarbeten", amount_ore: "75 000", status: "beviljat" },
    ]],
    rows2: ["budget_costs", "Lägg till en kostnad", [
      { category: "Personal", description: "Generalsekreterare och administratör", amount_ore: "1 500 000" },
      { category: "Utbildning och aktiviteter", description: "Volontärer, filmvisningar", amount_ore: "70 000" },
      { category: "Förbrukningsmaterial", description: "", amount_ore: "30 000" },
    ]],
  }],
];

async function setField(page, name, value) {
  const field = page.locator(`[name="${name}"]`);
  if ((await field.evaluate((e) => e.tagName)) === "SELECT") await field.selectOption(value);
  else await field.fill(value);
}

async function fillRows(page, [prefix, addLabel, rows]) {
  for (let i = 0; i < rows.length; i++) {
    if (i > 0 && (await page.locator(`[name="${prefix}_${i}_${Object.keys(rows[i])[0]}"]`).count()) === 0) {
      await page.getByRole("button", { name: addLabel }).click();
      await page.locator(`[name="${prefix}_${i}_${Object.keys(rows[i])[0]}"]`).waitFor();
    }
    for (const [field, value] of Object.entries(rows[i])) await setField(page, `${prefix}_${i}_${field}`, value);
  }
}

describe("applying for a grant", () => {
  let server;
  let browser;

  before(async () => {
    server = await startServer({ demo: true });
    browser = await launchBrowser();
    // The demo's minutes name Sara Lind: an officer verifies her, so she may submit.
    const page = await browser.newPage();
    await signIn(page, EMELIE);
    await page.getByRole("link", { name: "Företrädare att verifiera" }).click();
    await page.getByRole("link", { name: "Kindness & Compassion" }).click();
    await page.getByRole("button", { name: "Godkänn och verifiera" }).click();
    await page.getByRole("status").filter({ hasText: "Beslutet är sparat" }).waitFor();
    await page.close();
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

  for (const javaScript of [true, false]) {
    test(`the seed's application is written, budgeted, documented and sent in ${javaScript ? "with" : "without"} JavaScript`, async () => {
      const context = await browser.newContext({ javaScriptEnabled: javaScript });
      const page = await context.newPage();
      const errors = watchErrors(page);
      await signIn(page, SARA);
      await page.getByRole("link", { name: "Kindness & Compassion" }).click();
      await page.getByRole("link", { name: "Ansökningar om bidrag" }).click();
      await page.getByRole("button", { name: /tidsbegränsat bidrag/i }).first().click();
      await page.getByRole("link", { name: "Aktuell ansökan" }).click();

      for (const [slug, answers] of STEPS) {
        await page.waitForURL(new RegExp(`/steg/${slug}$`));
        for (const [name, value] of Object.entries(answers)) {
          if (name.startsWith("rows")) await fillRows(page, value);
          else await setField(page, name, value);
        }
        if (slug === "aktuell-ansokan" && javaScript) {
          // Hydrated, the step saves itself a few seconds after a change.
          await page.locator(".autosave").filter({ hasText: /Sparat \d\d:\d\d/ }).waitFor({ timeout: 15_000 });
          assert.match(await page.locator("#falt-summary-antal").innerText(), /^\d+ av 4000 tecken$/);
        }
        if (slug === "budget") {
          if (!javaScript) {
            // Without JavaScript the totals are those of the last save.
            await page.getByRole("button", { name: "Spara och gå till översikten" }).click();
            await page.getByRole("link", { name: "Budget" }).click();
          }
          assert.match(await page.locator("#summa-intakter").innerText(), /^1\s600\s000$/);
          assert.match(await page.locator("#summa-kostnader").innerText(), /^1\s600\s000$/);
          assert.match(await page.locator("#skillnad").innerText(), /^0$/);
          if (javaScript) await page.screenshot({ path: join(outputDir, "application-budget.png"), fullPage: true });
        }
        await page.getByRole("button", { name: "Spara och fortsätt" }).click();
      }

      await page.waitForURL(/\/bilagor$/);
      for (const [label, name] of [["Stadgar", "Stadgar.pdf"], ["Verksamhetsberättelse", "Verksamhetsberättelse 2022.pdf"], ["Budget för hela föreningen", "Budget 2024.pdf"]]) {
        await page.getByLabel("Vilken handling är det?").selectOption({ label });
        await page.getByLabel("Filer", { exact: true }).setInputFiles({ name, mimeType: "application/pdf", buffer: pdf(`${name} ${javaScript}`) });
        if (javaScript) {
          // The bar shows as soon as the file is chosen, and fills as it is sent.
          await page.locator(".upload-progress progress").waitFor();
          if (label === "Stadgar") await page.screenshot({ path: join(outputDir, "application-upload.png"), fullPage: true });
        }
        await page.getByRole("button", { name: "Ladda upp" }).click();
        await page.getByRole("link", { name }).waitFor();
      }
      const required = await page.locator("main").innerText();
      assert.doesNotMatch(required, /Saknas/);

      await page.getByRole("link", { name: "Fortsätt till granska och skicka in" }).click();
      await page.getByRole("heading", { level: 1, name: "Granska och skicka in" }).waitFor();
      await page.getByRole("button", { name: "Skicka in ansökan" }).click();
      await page.getByRole("heading", { level: 1, name: "Ansökan har kommit in" }).waitFor();
      const receipt = await page.locator("main").innerText();
      assert.match(receipt, new RegExp(`SOF ${new Date().getFullYear()}/\\d+`));
      if (javaScript) await page.screenshot({ path: join(outputDir, "application-receipt.png"), fullPage: true });
      assert.deepEqual(errors.filter((e) => !/4\d\d/.test(e)), []);
      await context.close();
    });
  }
});
