// Search that forgives, typed in the browser in both languages: the wrong
// keyboard layout, transliteration, a typo, a Russian form; the best match first.
import { test } from "node:test";
import assert from "node:assert/strict";
import { onFreshTarget, shot, signIn, switchLocale, cards, DEMO } from "./harness.mjs";

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
