// The site shell in a real browser: islands hydrate, and every page works without JavaScript.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { launchBrowser, outputDir, startServer, watchErrors } from "./support.mjs";

const PHONE = { width: 360, height: 740 };

describe("the site shell", () => {
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

  test("the menu island hydrates: on a phone the Meny button opens and closes the menu", async () => {
    const context = await browser.newContext({ viewport: PHONE });
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(server.url + "/");

    const button = page.getByRole("button", { name: "Meny" });
    // Only the wasm code un-hides the button and collapses the menu.
    await button.waitFor({ state: "visible", timeout: 20_000 });
    const applyLink = page.getByRole("navigation", { name: "Huvudmeny" }).getByRole("link", { name: "Söka bidrag" });
    assert.equal(await applyLink.isVisible(), false, "the hydrated menu starts closed");
    assert.equal(await button.getAttribute("aria-expanded"), "false");

    await button.click();
    assert.equal(await button.getAttribute("aria-expanded"), "true");
    assert.equal(await applyLink.isVisible(), true, "the menu opens");
    await page.screenshot({ path: join(outputDir, "phone-menu-open.png"), fullPage: true });

    await button.focus();
    await page.keyboard.press("Enter");
    assert.equal(await button.getAttribute("aria-expanded"), "false", "Enter closes it again");
    assert.equal(await applyLink.isVisible(), false);

    assert.deepEqual(errors, [], "no console errors and no CSP violations");
    await context.close();
  });

  test("without JavaScript the menu is open and every page is reachable by its links", async () => {
    const context = await browser.newContext({ viewport: PHONE, javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(server.url + "/");
    assert.equal(await page.getByRole("button", { name: "Meny" }).isVisible(), false);

    const nav = page.getByRole("navigation", { name: "Huvudmeny" });
    for (const [label, heading] of [
      ["Söka bidrag", "Söka bidrag"],
      ["Gemensam utvecklingsgrupp", "Gemensam utvecklingsgrupp"],
      ["Medlemskap", "Medlemskap i Helsam"],
      ["Logga in", "Logga in"],
      ["Start", "Föreningsbidrag från socialnämnden"],
    ]) {
      await nav.getByRole("link", { name: label, exact: true }).click();
      await page.getByRole("heading", { level: 1, name: heading }).waitFor();
    }
    await page.screenshot({ path: join(outputDir, "phone-no-js.png"), fullPage: true });
    await context.close();
  });

  test("the demo banner shows, and the demo accounts are listed on the sign-in page", async () => {
    const page = await browser.newPage();
    await page.goto(server.url + "/logga-in");
    assert.match(await page.getByRole("complementary", { name: "Demoläge" }).innerText(), /Demoläge/);
    const rows = page.getByRole("table").getByRole("row");
    assert.equal(await rows.count(), 6, "a header row and five accounts");
    await page.screenshot({ path: join(outputDir, "desktop-login.png"), fullPage: true });
    await page.close();
  });

  test("the skip link is the first stop for the keyboard and moves focus to the content", async () => {
    const page = await browser.newPage();
    await page.goto(server.url + "/soka-bidrag");
    await page.keyboard.press("Tab");
    const focused = await page.evaluate(() => document.activeElement?.textContent);
    assert.equal(focused, "Hoppa till innehållet");
    await page.keyboard.press("Enter");
    const target = await page.evaluate(() => document.activeElement?.id);
    assert.equal(target, "innehall");
    await page.close();
  });

  test("an unknown address shows the Swedish 404 page", async () => {
    const page = await browser.newPage();
    const response = await page.goto(server.url + "/det-har-finns-inte");
    assert.equal(response.status(), 404);
    await page.getByRole("heading", { level: 1, name: "Sidan finns inte" }).waitFor();
    await page.close();
  });
});
