// Keyboard only: registering an association and starting an application without a
// mouse, moving with Tab from the top of each page and acting with Enter, as a person
// who cannot use a pointer does. Then the public pages at 200 % zoom.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { launchBrowser, startServer, watchErrors } from "./support.mjs";

const SARA = { email: "sara.lind@kindness-compassion.example", password: "Sokande-demo-2026" };

// Presses Enter on the focused link or button and waits for the page it leads to.
async function follow(page) {
  await Promise.all([page.waitForNavigation(), page.keyboard.press("Enter")]);
}

// Presses Tab until the focused element is the one `wanted` names (its label, its text
// or its name attribute), and fails after 120 presses: the element cannot be reached.
async function tabTo(page, wanted) {
  await page.waitForLoadState();
  for (let presses = 0; presses < 120; presses++) {
    await page.keyboard.press("Tab");
    const focused = await page.evaluate(() => {
      const element = document.activeElement;
      if (!element || element === document.body) return null;
      const label = element.labels?.[0]?.innerText ?? "";
      return { label: label.trim(), text: (element.innerText ?? element.value ?? "").trim(), name: element.getAttribute("name") ?? "" };
    });
    if (!focused) continue;
    const matches = (text) => (wanted instanceof RegExp ? wanted.test(text) : text === wanted);
    if (matches(focused.label) || matches(focused.text) || matches(focused.name)) return;
  }
  assert.fail(`${wanted} cannot be reached with Tab`);
}

describe("with the keyboard only", () => {
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

  test("an association registers from the start page", async () => {
    const page = await browser.newPage();
    const errors = watchErrors(page);
    await page.goto(server.url + "/");
    await tabTo(page, "Logga in");
    await follow(page);
    await page.getByRole("heading", { level: 1, name: "Logga in" }).waitFor();
    await tabTo(page, "Registrera en förening");
    await follow(page);
    await page.getByRole("heading", { level: 1, name: "Registrera förening" }).waitFor();
    for (const [field, value] of [
      ["name", "Grannstöd Kungsholmen"],
      ["org_number", "556016-0680"],
      ["founded_year", "2019"],
      ["members_in_city", "40"],
      ["target_group", "Äldre på Kungsholmen."],
      ["postal_address", "Fleminggatan 1, 112 26 Stockholm"],
      ["contact_person", "Kim Ek"],
      ["email", "kim.ek@grannstod.example"],
      ["phone", "070-765 43 21"],
      ["password", "ett långt och ovanligt lösenord"],
    ]) {
      await tabTo(page, field);
      await page.keyboard.type(value);
    }
    await tabTo(page, "Registrera föreningen");
    await follow(page);
    await page.getByRole("heading", { level: 1, name: "Kontrollera din e-post" }).waitFor({ timeout: 10_000 });
    assert.deepEqual(errors, []);
    await page.close();
  });

  test("a representative signs in and starts an application", async () => {
    const page = await browser.newPage();
    const errors = watchErrors(page);
    await page.goto(server.url + "/logga-in");
    await tabTo(page, "E-postadress");
    await page.keyboard.type(SARA.email);
    await tabTo(page, "Lösenord");
    await page.keyboard.type(SARA.password);
    await follow(page);
    await page.getByRole("heading", { level: 1, name: "Mina sidor" }).waitFor();
    await tabTo(page, "Kindness & Compassion");
    await follow(page);
    await tabTo(page, "Ansökningar om bidrag");
    await follow(page);
    await tabTo(page, /^Starta en ansökan om tidsbegränsat/i);
    await follow(page);
    await tabTo(page, "Aktuell ansökan");
    await follow(page);
    await page.waitForURL(/\/steg\/aktuell-ansokan$/);
    for (const [field, value] of [
      ["activity_name", "Läxhjälp på tangentbordet"],
      ["requested_ore", "120 000"],
      ["summary", "Läxhjälp två kvällar i veckan."],
    ]) {
      await tabTo(page, field);
      await page.keyboard.type(value);
    }
    await tabTo(page, "Spara och fortsätt");
    await follow(page);
    await page.waitForURL(/\/steg\/malgrupp$/);
    await page.goBack();
    await page.reload();
    assert.equal(await page.locator('[name="activity_name"]').inputValue(), "Läxhjälp på tangentbordet");
    assert.equal(await page.locator('[name="summary"]').inputValue(), "Läxhjälp två kvällar i veckan.");
    assert.deepEqual(errors.filter((e) => !/4\d\d/.test(e)), []);
    await page.close();
  });

  test("at 200 % zoom the public pages and the forms fit the window", async () => {
    // 200 % of a 1280 × 800 window: 640 × 400 CSS pixels at a device scale of 2.
    const context = await browser.newContext({ viewport: { width: 640, height: 400 }, deviceScaleFactor: 2 });
    const page = await context.newPage();
    for (const path of [
      "/", "/soka-bidrag", "/gemensam-utvecklingsgrupp/minnesanteckningar",
      "/gemensam-utvecklingsgrupp/minnesanteckningar/2017-11-27", "/beslut", "/anslagstavla",
      "/statistik", "/medlemskap", "/registrera", "/logga-in", "/forening/802534-3750",
    ]) {
      await page.goto(server.url + path);
      const wide = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(wide <= 640, `${path} is ${wide} px wide at 200 %`);
      // No text smaller than 12 CSS px (24 device px), and the main heading is visible.
      // (A chart's labels shrink with it; its table beside it holds the same figures.)
      const smallest = await page.evaluate(() => Math.min(...[...document.querySelectorAll("main *")]
        .filter((e) => !e.closest("svg") && e.childNodes.length && [...e.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim()))
        .map((e) => parseFloat(getComputedStyle(e).fontSize))));
      assert.ok(smallest >= 12, `${path}: text of ${smallest} px`);
      assert.ok(await page.locator("h1").isVisible(), `${path}: the heading shows`);
    }
    await context.close();
  });
});
