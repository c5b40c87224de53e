// A new association registers, confirms its address from the real mail, signs in and out.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { keptMails, launchBrowser, outputDir, startServer } from "./support.mjs";

describe("registering an association", () => {
  let server;
  let browser;

  before(async () => {
    server = await startServer({ demo: false });
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test("correcting a field that shows an error and pressing the button once submits the form", async () => {
    const page = await browser.newPage();
    await page.goto(server.url + "/registrera");
    const orgNumber = page.getByLabel("Organisationsnummer");
    const inlineError = page.locator("#falt-org_number-fel");
    for (let attempt = 0; attempt < 100 && (await inlineError.count()) === 0; attempt++) {
      await orgNumber.fill(attempt % 2 ? "556016-0681" : "556016-068");
      await orgNumber.press("Tab");
      await page.waitForTimeout(100);
    }
    await page.getByLabel("Föreningens namn").fill("Grannstöd Söder");
    await page.getByLabel("År då föreningen bildades").fill("2019");
    await page.getByLabel("Antal medlemmar i staden").fill("40");
    await page.getByLabel("Målgrupp").fill("Äldre i Södermalm.");
    await page.getByLabel("Postadress", { exact: true }).fill("Götgatan 1, 118 46 Stockholm");
    await page.getByLabel("Ditt namn").fill("Kim Ek");
    await page.getByLabel("Din e-postadress").fill("kim.ek@grannstod.example");
    await page.getByLabel("Telefonnummer").fill("070-765 43 21");
    await page.getByLabel("Välj ett lösenord").fill("ett annat långt och ovanligt lösenord");
    assert.equal(await inlineError.count(), 1, "the org number still shows its error");
    // Corrected by typing, then straight to the button: one click must be enough.
    await orgNumber.fill("556016-0680");
    await page.getByRole("button", { name: "Registrera föreningen" }).click();
    await page.getByRole("heading", { level: 1, name: "Kontrollera din e-post" }).waitFor({ timeout: 10_000 });
    await page.close();
  });

  test("register, confirm the e-mail from the mail, sign in, invite a member and sign out", async () => {
    const page = await browser.newPage();
    await page.goto(server.url + "/logga-in");
    await page.getByRole("link", { name: "Registrera en förening" }).click();
    await page.getByRole("heading", { level: 1, name: "Registrera förening" }).waitFor();

    // Hydrated, a field is checked as soon as the person leaves it, in the server's words.
    const orgNumber = page.getByLabel("Organisationsnummer");
    const inlineError = page.locator("#falt-org_number-fel");
    for (let attempt = 0; attempt < 100 && (await inlineError.count()) === 0; attempt++) {
      await orgNumber.fill(attempt % 2 ? "802534-3751" : "802534-375");
      await orgNumber.press("Tab");
      await page.waitForTimeout(100);
    }
    await orgNumber.fill("802534-3751");
    await orgNumber.press("Tab");
    assert.match(await inlineError.innerText(), /Organisationsnumret stämmer inte/);
    assert.equal(await orgNumber.getAttribute("aria-invalid"), "true");
    assert.match(await orgNumber.getAttribute("aria-describedby"), /falt-org_number-fel/);
    await orgNumber.fill("802534-3750");
    await orgNumber.press("Tab");
    assert.equal(await inlineError.count(), 0, "a corrected field loses its message");
    assert.equal(await orgNumber.getAttribute("aria-invalid"), null);

    // A mistake submitted: the message comes back by the field and the typing stays.
    await page.getByLabel("Föreningens namn").fill("Kindness & Compassion");
    await orgNumber.fill("802534-3751");
    await page.getByLabel("År då föreningen bildades").fill("2021");
    await page.getByLabel("Antal medlemmar i staden").fill("13");
    await page.getByLabel("Målgrupp").fill("Individer i utanförskap och social isolering.");
    await page.getByLabel("Postadress", { exact: true }).fill("Drottninggatan 1, 111 51 Stockholm");
    await page.getByLabel("Ditt namn").fill("Sara Lind");
    await page.getByLabel("Din e-postadress").fill("sara.lind@kindness.example");
    await page.getByLabel("Telefonnummer").fill("070-123 45 67");
    await page.getByLabel("Välj ett lösenord").fill("en lång och ovanlig fras");
    await page.getByRole("button", { name: "Registrera föreningen" }).click();
    await page.locator(".error-summary").waitFor();
    assert.match(await page.locator(".error-summary").innerText(), /Organisationsnumret stämmer inte/);
    // The summary has the focus, the title says there are errors, and the emptied
    // password field says why it is empty.
    assert.equal(await page.evaluate(() => document.activeElement?.classList.contains("error-summary")), true,
      "the error summary takes the focus");
    assert.match(await page.title(), /^Fel: /);
    assert.match(await page.locator("#falt-password-igen").innerText(), /Fyll i lösenordet igen/);
    assert.equal(await page.getByLabel("Föreningens namn").inputValue(), "Kindness & Compassion");
    await page.screenshot({ path: join(outputDir, "register-error.png"), fullPage: true });

    // The page came back from the server: wait for it to hydrate again, then correct.
    for (let attempt = 0; attempt < 100 && (await page.locator(".error-summary").count()) > 0; attempt++) {
      await orgNumber.fill(attempt % 2 ? "802534-3750" : "802534-375");
      await orgNumber.press("Tab");
      await page.waitForTimeout(100);
    }
    await orgNumber.fill("802534-3750");
    await orgNumber.press("Tab");
    assert.equal(await page.locator(".error-summary").count(), 0,
      "the corrected field leaves the error summary, and the empty summary goes");
    await page.getByLabel("Välj ett lösenord").fill("en lång och ovanlig fras");
    await page.getByRole("button", { name: "Registrera föreningen" }).click();
    await page.getByRole("heading", { level: 1, name: "Kontrollera din e-post" }).waitFor();

    // The worker writes the mail; the link in it confirms the address.
    let link;
    for (let attempt = 0; attempt < 100 && !link; attempt++) {
      const mail = keptMails(server.dataDir).find((text) =>
        text.includes("bekrafta-epost?token=") && text.includes("sara.lind@kindness.example"));
      link = mail?.match(/http:\/\/[^\s"<]+bekrafta-epost\?token=[A-Za-z0-9_-]+/)?.[0];
      if (!link) await page.waitForTimeout(100);
    }
    assert.ok(link, "the verification mail arrived with its link");
    await page.goto(link);
    await page.getByRole("button", { name: "Bekräfta e-postadressen" }).click();
    await page.getByRole("status").waitFor();
    assert.match(await page.getByRole("status").innerText(), /Din e-postadress är bekräftad/);

    await page.getByLabel("E-postadress").fill("sara.lind@kindness.example");
    await page.getByLabel("Lösenord").fill("en lång och ovanlig fras");
    await page.getByRole("button", { name: "Logga in" }).click();
    await page.getByRole("heading", { level: 1, name: "Mina sidor" }).waitFor();
    assert.match(await page.locator("main").innerText(), /sökande/);

    // The owner invites a co-member from the association's page.
    await page.getByRole("link", { name: "Kindness & Compassion" }).click();
    await page.getByRole("heading", { level: 1, name: "Kindness & Compassion" }).waitFor();
    await page.getByLabel("Bjud in en person (e-postadress)").fill("kim.berg@kindness.example");
    await page.getByRole("button", { name: "Skicka inbjudan" }).click();
    await page.getByRole("status").waitFor();
    assert.match(await page.getByRole("status").innerText(), /Inbjudan är skickad/);
    let invitation;
    for (let attempt = 0; attempt < 100 && !invitation; attempt++) {
      invitation = keptMails(server.dataDir).find((text) => text.includes("kim.berg@kindness.example"));
      if (!invitation) await page.waitForTimeout(100);
    }
    assert.ok(invitation?.includes("/inbjudan?token="), "the invitation mail carries its link");
    await page.screenshot({ path: join(outputDir, "association-profile.png"), fullPage: true });

    await page.getByRole("navigation", { name: "Huvudmeny" }).getByRole("button", { name: "Logga ut" }).click();
    await page.getByRole("navigation", { name: "Huvudmeny" }).getByRole("link", { name: "Logga in" }).waitFor();
    await page.close();
  });
});
