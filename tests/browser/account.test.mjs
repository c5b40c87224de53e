// Signing in, the error summary, and an admin's test mail from the queue to "Skickad e-post".
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { launchBrowser, outputDir, startServer, watchErrors } from "./support.mjs";

const ADMIN = { email: "admin@socialforvaltningen.example", password: "Administrator-demo-2026" };

describe("signing in and the admin's mail", () => {
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

  test("a wrong password shows the error summary and keeps the address", async () => {
    const page = await browser.newPage();
    const errors = watchErrors(page);
    await page.goto(server.url + "/logga-in");
    await page.getByLabel("E-postadress").fill(ADMIN.email);
    await page.getByLabel("Lösenord").fill("fel lösenord");
    await page.getByRole("button", { name: "Logga in" }).click();
    const summary = page.getByRole("alert");
    await summary.waitFor();
    assert.match(await summary.innerText(), /Fel e-postadress eller lösenord/);
    assert.equal(await page.getByLabel("E-postadress").inputValue(), ADMIN.email);
    assert.equal(await page.getByLabel("Lösenord").inputValue(), "", "the password is not written back");
    await page.screenshot({ path: join(outputDir, "login-error.png"), fullPage: true });
    assert.deepEqual(errors.filter((e) => !e.includes("401")), []);
    await page.close();
  });

  test("an empty form links each message to its field", async () => {
    const page = await browser.newPage();
    await page.goto(server.url + "/logga-in");
    await page.getByRole("button", { name: "Logga in" }).click();
    await page.getByRole("alert").waitFor();
    await page.getByRole("link", { name: "Ange ditt lösenord." }).click();
    const focused = await page.evaluate(() => document.activeElement?.getAttribute("name"));
    assert.equal(focused, "password", "the summary link moves focus to the field");
    await page.close();
  });

  test("an admin signs in with the keyboard, sends a test mail and finds it as sent", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(server.url + "/logga-in");
    await page.getByLabel("E-postadress").focus();
    await page.keyboard.type(ADMIN.email);
    await page.keyboard.press("Tab");
    await page.keyboard.type(ADMIN.password);
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { level: 1, name: "Mina sidor" }).waitFor();
    const nav = page.getByRole("navigation", { name: "Huvudmeny" });
    assert.equal(await nav.getByRole("link", { name: "Mina sidor" }).count(), 1);
    assert.equal(await nav.getByRole("button", { name: "Logga ut" }).count(), 1);

    await page.getByRole("link", { name: "Utskick och händelsekö" }).click();
    await page.getByRole("button", { name: "Skicka testmejl till mig" }).click();
    await page.getByRole("status").waitFor();
    assert.match(await page.getByRole("status").innerText(), /Testmejlet är köat/);
    await page.screenshot({ path: join(outputDir, "admin-outbox.png"), fullPage: true });

    // The worker sends within moments; the page shows what has been sent.
    let found = false;
    for (let attempt = 0; attempt < 40 && !found; attempt++) {
      await page.goto(server.url + "/admin/skickad-e-post");
      found = (await page.getByRole("link", { name: "Testmejl från Föreningsportalen" }).count()) === 1;
      if (!found) await page.waitForTimeout(250);
    }
    assert.ok(found, "the test mail is listed as sent");
    assert.ok((await page.getByText("Ny inloggning på ditt konto i Föreningsportalen").count()) >= 1, "so is the sign-in notice");
    await page.screenshot({ path: join(outputDir, "admin-sent-mail.png"), fullPage: true });

    await nav.getByRole("button", { name: "Logga ut" }).click();
    await page.getByRole("heading", { level: 1, name: "Föreningsbidrag från socialnämnden" }).waitFor();
    await page.goto(server.url + "/admin/utskick");
    await page.getByRole("heading", { level: 1, name: "Logga in" }).waitFor();
    assert.deepEqual(errors, []);
    await context.close();
  });
});
