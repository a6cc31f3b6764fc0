// Search that forgives, typed in the browser in both languages: the wrong
// keyboard layout, transliteration, a typo, a Russian form; the best match first.
import { test } from "node:test";
import assert from "node:assert/strict";
import { onFreshTarget, shot, signIn, switchLocale, cards, plain, DEMO } from "./harness.mjs";

async function signOut(page, url) {
  await page.goto(`${url}/marketplace`);
  await page.getByTestId("sign-out").click();
  await page.getByTestId("sign-in").waitFor();
}

/** Types `typed` into the marketplace's search and waits for nothing to be found. */
async function findNothing(page, typed) {
  const search = page.getByTestId("search-input");
  await search.fill("");
  await search.pressSequentially(typed);
  await page.getByTestId("empty").waitFor();
}

async function firstFound(page, typed, code) {
  const search = page.getByTestId("search-input");
  await search.fill("");
  await search.pressSequentially(typed);
  await page.waitForFunction(
    ([code]) => document.querySelector("[data-testid=module-card]")?.dataset.code === code,
    [code],
  );
  assert.equal(await cards(page).first().getAttribute("data-code"), code, typed);
}

export function searchFlows(mode, start) {
  test(`${mode}: the search forgives the wrong layout, transliteration, a typo and a word's form (ru, en)`, () =>
    onFreshTarget(start, async (page, url) => {
      page.on("pageerror", (error) => assert.fail(`page error: ${error.message}`));
      await signIn(page, url, DEMO.volga);
      await cards(page).first().waitFor();
      for (const [typed, code] of [
        ["pdjyfhm", "zvonar-cloud-pbx"], // «звонарь» in the Latin layout
        ["zvonar", "zvonar-cloud-pbx"], // transliterated
        ["звонраь", "zvonar-cloud-pbx"], // two letters swapped
        ["кассой", "kassa-mobile"], // another form of «касса», in the name
      ]) {
        await firstFound(page, typed, code);
      }
      await shot(page, `${mode}-search-forgiving-ru`);
      await switchLocale(page, "en");
      for (const [typed, code] of [
        ["ямщтфк", "zvonar-cloud-pbx"], // "zvonar" in the Cyrillic layout
        ["амбар", "ambar-wms"], // Cyrillic for "Ambar"
        ["ambra", "ambar-wms"], // a typo
      ]) {
        await firstFound(page, typed, code);
      }
      await shot(page, `${mode}-search-forgiving-en`);
    }));
}

export function synonymFlows(mode, start) {
  test(`${mode}: a query that found nothing reaches the moderator, whose synonym makes it find (ru, en)`, () =>
    onFreshTarget(start, async (page, url) => {
      page.on("pageerror", (error) => assert.fail(`page error: ${error.message}`));
      await signIn(page, url, DEMO.volga);
      await switchLocale(page, "ru");
      // The owner pauses on «ККТ», which nothing in the catalog says: the moderators are told.
      const told = mode === "server" ? page.waitForResponse((r) => /report_missed_query/.test(r.url())) : null;
      await findNothing(page, "ККТ");
      if (told) assert.equal(await (await told).json(), true, "counted once the typing paused");
      // The preview keeps it in the browser's storage.
      else await page.waitForFunction(() => /"missed_queries":\{"ккт"/.test(localStorage.getItem("souk.preview.state") ?? ""));
      await signOut(page, url);

      // The moderator, in Russian: the query is listed; one click starts its synonym.
      await signIn(page, url, DEMO.moderator);
      await switchLocale(page, "ru");
      await page.goto(`${url}/moderation/search`);
      const missed = page.locator('[data-testid=missed-row][data-query="ккт"]');
      await missed.waitFor();
      assert.equal(await missed.getByTestId("missed-accounts").textContent(), "1");
      await page.getByTestId("synonyms-empty").waitFor();
      await shot(page, `${mode}-synonyms-missed-ru`);
      await missed.getByTestId("missed-answer").click();
      assert.equal(await page.getByTestId("sy-term").inputValue(), "ккт");
      assert.equal(await page.evaluate(() => document.activeElement?.id), "sy-meaning", "the focus on what it means");
      // A meaning equal to the term is refused as typed, naming the field.
      await page.keyboard.type("ККТ");
      await page.getByTestId("synonym-add").click();
      assert.match(await page.getByTestId("error-sy-meaning").textContent(), /отличаться/);
      await page.getByTestId("sy-meaning").fill("онлайн-касса");
      await page.keyboard.press("Enter");
      await page.locator('[data-testid=synonym-row][data-term="ккт"]').waitFor();
      await page.getByTestId("missed-empty").waitFor();
      assert.equal(await page.getByTestId("sy-term").inputValue(), "", "the form is cleared");
      await switchLocale(page, "en");
      // The same word again is refused by the rule the server applies too.
      await page.getByTestId("sy-term").fill("ккт");
      await page.getByTestId("sy-meaning").fill("касса");
      await page.getByTestId("synonym-add").click();
      assert.match(await page.getByTestId("error-sy-term").textContent(), /already has a synonym/);
      await shot(page, `${mode}-synonyms-en`);
      await signOut(page, url);

      // The owner's «ККТ» now finds the online cash register.
      await signIn(page, url, DEMO.volga);
      await page.getByTestId("search-input").fill("ККТ");
      await page.locator("[data-testid=module-card][data-code=chek-online]").waitFor();
      await shot(page, `${mode}-search-synonym-en`);
    }));
}

/**
 * A catalog larger than one window: the grid renders 60 cards and shows more
 * on request. `start` brings 130 generated modules, or `enlarge` asks for them.
 */
export function windowFlows(mode, start, enlarge = async () => {}) {
  test(`${mode}: a large catalog shows 60 cards at a time, and more from the keyboard (en, ru)`, () =>
    onFreshTarget(start, async (page, url) => {
      await enlarge(page, url);
      await signIn(page, url, DEMO.steppe);
      await cards(page).first().waitFor();
      const found = Number(plain(await page.getByTestId("found").textContent()).match(/\d+/)[0]);
      assert.ok(found > 120, `${found} modules`);
      assert.equal(await cards(page).count(), 60, "the first window");
      assert.equal(plain(await page.getByTestId("shown-of").textContent()), `Showing 60 of ${found}`);
      await shot(page, `${mode}-marketplace-window-en`);
      const more = page.getByTestId("show-more");
      assert.equal(await more.textContent(), "Show 60 more");
      await more.focus();
      await page.keyboard.press("Enter");
      await page.waitForFunction(() => document.querySelectorAll("[data-testid=module-card]").length === 120);
      const focused = () =>
        page.evaluate(() => [...document.querySelectorAll("[data-testid=module-card]")].indexOf(document.activeElement));
      await page.waitForFunction(() => document.activeElement?.dataset.testid === "module-card");
      assert.equal(await focused(), 60, "the keyboard goes on from the first card shown");
      await switchLocale(page, "ru");
      assert.equal(plain(await page.getByTestId("shown-of").textContent()), `Показано 120 из ${found}`);
      assert.equal(await more.textContent(), `Показать ещё ${Math.min(60, found - 120)}`);
      await more.scrollIntoViewIfNeeded();
      await shot(page, `${mode}-marketplace-window-ru`);
      await switchLocale(page, "en");
      // A new query starts from the first window again.
      await page.getByTestId("search-input").fill("integration");
      await page.waitForFunction(() => document.querySelectorAll("[data-testid=module-card]").length === 60);
    }));
}
