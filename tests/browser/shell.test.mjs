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

  test("on a phone the Meny disclosure opens and closes the menu, and Escape closes it", async () => {
    const context = await browser.newContext({ viewport: PHONE });
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(server.url + "/");

    const toggle = page.locator("summary", { hasText: "Meny" });
    const applyLink = page.getByRole("navigation", { name: "Huvudmeny" }).getByRole("link", { name: "Söka bidrag" });
    assert.equal(await toggle.isVisible(), true);
    assert.equal(await applyLink.isVisible(), false, "the menu starts closed");

    await toggle.click();
    assert.equal(await applyLink.isVisible(), true, "the menu opens");
    await page.screenshot({ path: join(outputDir, "phone-menu-open.png"), fullPage: true });
    await toggle.click();
    assert.equal(await applyLink.isVisible(), false, "and closes again");

    // Escape comes with the island: retry until it has hydrated.
    let closed = false;
    for (let attempt = 0; attempt < 100 && !closed; attempt++) {
      await toggle.click();
      await applyLink.focus();
      await page.keyboard.press("Escape");
      closed = !(await applyLink.isVisible());
      if (!closed) {
        await toggle.click();
        await page.waitForTimeout(100);
      }
    }
    assert.ok(closed, "Escape closes the open menu");
    assert.equal(
      await page.evaluate(() => document.activeElement?.tagName),
      "SUMMARY",
      "and focus goes back to Meny"
    );
    assert.deepEqual(errors, [], "no console errors and no CSP violations");
    await context.close();
  });

  test("on a wide screen the menu shows without a Meny button", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(server.url + "/");
    assert.equal(await page.locator("summary", { hasText: "Meny" }).isVisible(), false);
    const nav = page.getByRole("navigation", { name: "Huvudmeny" });
    assert.equal(await nav.getByRole("link", { name: "Söka bidrag" }).isVisible(), true);
    await page.close();
  });

  test("hydrating moves nothing: cumulative layout shift under 0.1 on a phone", async () => {
    const context = await browser.newContext({ viewport: PHONE });
    const page = await context.newPage();
    await page.addInitScript(() => {
      window.__cls = 0;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) {
          if (!entry.hadRecentInput) window.__cls += entry.value;
        }
      }).observe({ type: "layout-shift", buffered: true });
    });
    for (const path of ["/", "/soka-bidrag", "/logga-in"]) {
      await page.goto(server.url + path, { waitUntil: "networkidle" });
      // Give the wasm time to hydrate; the menu must not move the page when it does.
      await page.waitForTimeout(1500);
      const cls = await page.evaluate(() => window.__cls);
      assert.ok(cls < 0.1, `${path}: cumulative layout shift ${cls}`);
    }
    await context.close();
  });

  test("without JavaScript the Meny disclosure still opens, and every page is reachable by its links", async () => {
    const context = await browser.newContext({ viewport: PHONE, javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(server.url + "/");
    const toggle = page.locator("summary", { hasText: "Meny" });

    const nav = page.getByRole("navigation", { name: "Huvudmeny" });
    for (const [label, heading] of [
      ["Söka bidrag", "Söka bidrag"],
      ["Gemensam utvecklingsgrupp", "Gemensam utvecklingsgrupp"],
      ["Medlemskap", "Medlemskap i Helsam"],
      ["Logga in", "Logga in"],
      ["Start", "Föreningsbidrag från socialnämnden"],
    ]) {
      await toggle.click();
      await nav.getByRole("link", { name: label, exact: true }).click();
      await page.getByRole("heading", { level: 1, name: heading }).waitFor();
    }
    await page.screenshot({ path: join(outputDir, "phone-no-js.png"), fullPage: true });
    await context.close();
  });

  test("at 360 px wide nothing is wider than the screen: tables scroll in their own region", async () => {
    const context = await browser.newContext({ viewport: PHONE });
    const page = await context.newPage();
    const widest = () => page.evaluate(() => document.documentElement.scrollWidth);
    for (const [email, password, path] of [
      ["emelie.steen@socialforvaltningen.example", "Handlaggare-demo-2026", "/handlaggning/foretradare"],
      ["sara.lind@kindness-compassion.example", "Sokande-demo-2026", "/mina-sidor"],
    ]) {
      await page.goto(server.url + "/logga-in");
      await page.getByLabel("E-postadress").fill(email);
      await page.getByLabel("Lösenord").fill(password);
      await page.getByRole("button", { name: "Logga in" }).click();
      await page.getByRole("heading", { level: 1, name: "Mina sidor" }).waitFor();
      await page.goto(server.url + path);
      assert.ok((await widest()) <= 360, `${path} is ${await widest()} px wide`);
      if (path === "/mina-sidor") {
        await page.locator("main a[href^='/foreningar/']").first().click();
        await page.getByRole("heading", { level: 2, name: "Styrelse" }).waitFor();
        assert.ok((await widest()) <= 360, `the association page is ${await widest()} px wide`);
        // No word is split mid-word in the members table ("ägar-e").
        const roleCellsFit = await page.evaluate(() =>
          [...document.querySelectorAll("td")].every((cell) => cell.scrollWidth <= cell.clientWidth + 1));
        assert.ok(roleCellsFit, "table cells hold their words");
        await page.screenshot({ path: join(outputDir, "phone-association.png"), fullPage: true });
      }
      await context.clearCookies();
    }
    await context.close();
  });

  test("the demo banner shows, and the demo accounts are listed on the sign-in page", async () => {
    const page = await browser.newPage();
    await page.goto(server.url + "/logga-in");
    assert.match(await page.getByRole("complementary", { name: "Demoläge" }).innerText(), /Demoläge/);
    const rows = page.getByRole("table").getByRole("row");
    assert.equal(await rows.count(), 8, "a header row and seven accounts");
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
