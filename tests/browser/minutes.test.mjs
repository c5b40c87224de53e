// The minutes of Gemensam utvecklingsgrupp, with the keyboard only: from the forum's
// page to the minutes, a search for "lokal" that finds the 2017 meeting's "lokaler",
// and the meeting opened from the hit.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { launchBrowser, startServer, watchErrors } from "./support.mjs";

describe("the minutes", () => {
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

  test("a search for lokal finds the 2017 meeting and opens it, by keyboard", async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 800 } });
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(server.url + "/gemensam-utvecklingsgrupp");
    await page.getByRole("link", { name: "Läs och sök i minnesanteckningarna" }).focus();
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { level: 1, name: "Minnesanteckningar" }).waitFor();

    await page.getByRole("searchbox", { name: "Sök i minnesanteckningarna" }).focus();
    await page.keyboard.type("lokal");
    await page.keyboard.press("Enter");
    await page.getByRole("status").filter({ hasText: "1 möte innehåller ”lokal”." }).waitFor();
    const marked = await page.locator(".hit__context mark").allTextContents();
    assert.ok(marked.includes("lokaler"), `the hit is marked in its context: ${marked}`);

    const hit = page.getByRole("link", { name: "27 november 2017 – Föreningarnas förutsättningar" });
    await hit.focus();
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { level: 1, name: "Föreningarnas förutsättningar" }).waitFor();
    assert.equal(await page.locator(".attendees li").count(), 31);
    await page.getByRole("heading", { level: 2, name: "Går det att samverka om lokaler?" }).waitFor();
    // Reflows at 360 px: nothing wider than the window.
    const wide = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(wide <= 360, `the page is ${wide} px wide at 360`);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test("the language switch keeps the page and its search, both ways, by keyboard", async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 800 } });
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(server.url + "/gemensam-utvecklingsgrupp/minnesanteckningar?sok=lokal");
    await page.getByRole("link", { name: "English" }).focus();
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { level: 1, name: "Minutes" }).waitFor();
    assert.equal(new URL(page.url()).pathname + new URL(page.url()).search,
      "/gemensam-utvecklingsgrupp/minnesanteckningar?sok=lokal");
    assert.equal(await page.getAttribute("html", "lang"), "en");
    await page.getByRole("status").filter({ hasText: "1 meeting contains “lokal”." }).waitFor();
    await page.getByRole("link", { name: "27 November 2017 – Föreningarnas förutsättningar" }).waitFor();

    // The choice is kept from page to page, and "Svenska" brings Swedish back here.
    await page.goto(server.url + "/beslut");
    await page.getByRole("heading", { level: 1, name: "Grant decisions" }).waitFor();
    await page.getByRole("link", { name: "Svenska" }).focus();
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { level: 1, name: "Beslut om bidrag" }).waitFor();
    assert.equal(new URL(page.url()).pathname, "/beslut");
    assert.equal(await page.getAttribute("html", "lang"), "sv");
    assert.deepEqual(errors, []);
    await context.close();
  });
});
