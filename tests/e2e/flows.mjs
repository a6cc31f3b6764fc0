// The marketplace flows, run against the server and against the offline preview.
import { test } from "node:test";
import assert from "node:assert/strict";
import { launchBrowser, watchedPage, shot, signIn, switchLocale, cards, plain, DEMO } from "./harness.mjs";

export function marketplaceFlows(mode, start) {
  let target;
  const browsers = [];

  test.before(async () => {
    target = await start();
  });
  test.after(async () => {
    await Promise.all(browsers.map((b) => b.close()));
    target?.stop();
  });

  // Each test is a new visitor: a fresh browser profile, no cookie, no stored language.
  const freshPage = async () => {
    const browser = await launchBrowser();
    browsers.push(browser);
    return watchedPage(browser);
  };

  test(`${mode}: a wrong password is refused without saying which field was wrong`, async () => {
    const page = await freshPage();
    await page.goto(`${target.url}/signin`);
    await switchLocale(page, "ru");
    await shot(page, `${mode}-signin-ru`);
    await page.getByTestId("email").fill(DEMO.volga.email);
    await page.getByTestId("password").fill("not-the-password");
    await page.getByTestId("sign-in").locator("button[type=submit]").click();
    await assert.doesNotReject(page.getByTestId("signin-error").waitFor());
    assert.equal(await page.getByTestId("signin-error").textContent(), "Неверный e-mail или пароль.");
    await switchLocale(page, "en");
    assert.equal(await page.getByTestId("signin-error").textContent(), "Wrong e-mail or password.");
    await shot(page, `${mode}-signin-error-en`);
    await page.close();
  });

  test(`${mode}: the Russian account sees its 43 modules, searches, filters and opens a pop-up`, async () => {
    const page = await freshPage();
    await signIn(page, target.url, DEMO.volga);
    // The account's language is the default.
    await page.locator("html[lang=ru]").waitFor({ state: "attached" });
    assert.equal(await cards(page).count(), 43);
    assert.equal(await page.locator("h1").textContent(), "Маркетплейс");
    assert.match(plain(await page.getByTestId("balance").textContent()), /12 500 ₽/);
    assert.equal(await page.getByTestId("lamp").count(), 3, "three modules are active on the demo account");
    await shot(page, `${mode}-marketplace-ru`);

    // All twelve sections, each with its count; the counts add up.
    const tabs = page.getByTestId("section-tab");
    assert.equal(await tabs.count(), 13);
    const telephony = tabs.and(page.locator("[data-section=telephony]"));
    const count = Number(await telephony.locator(".tab-count").textContent());
    await telephony.click();
    assert.equal(await cards(page).count(), count);
    assert.equal(await telephony.getAttribute("aria-selected"), "true");
    await tabs.and(page.locator("[data-section=all]")).click();

    // Search narrows as the user types.
    const search = page.getByTestId("search-input");
    await search.pressSequentially("касс", { delay: 40 });
    const found = await cards(page).count();
    assert.ok(found > 0 && found < 43, `search found ${found}`);
    await search.pressSequentially("а онлайн");
    await page.waitForFunction(() => document.querySelectorAll("[data-testid=module-card]").length === 1);
    assert.equal(await cards(page).first().getAttribute("data-code"), "chek-online");
    await search.fill("");
    await page.waitForFunction(() => document.querySelectorAll("[data-testid=module-card]").length === 43);

    // Free / paid filters.
    await page.locator("[data-testid=price-filter][data-filter=free]").click();
    for (const price of await page.getByTestId("price").allTextContents()) assert.equal(price, "Бесплатно");
    await page.locator("[data-testid=price-filter][data-filter=any]").click();

    // The pop-up: cost, trial, permissions, links; Esc closes it and focus returns to the card.
    const card = page.locator("[data-testid=module-card][data-code=zvonar-cloud-pbx]");
    await card.click();
    const popup = page.getByTestId("module-popup");
    await popup.waitFor();
    assert.match(plain(await popup.getByTestId("popup-cost").textContent()), /1 990 ₽ в месяц/);
    assert.match(await popup.getByTestId("popup-trial").textContent(), /14 дней/);
    assert.match(await popup.getByTestId("popup-permissions").textContent(), /Телефония/);
    assert.equal(await popup.getByTestId("link-docs").getAttribute("href"), "https://zvonar.example/docs/souk");
    assert.ok(await popup.getByTestId("link-support").getAttribute("href"));
    assert.ok(await popup.getByTestId("link-site").getAttribute("href"));
    assert.match(page.url(), /\/marketplace\/zvonar-cloud-pbx$/);
    await shot(page, `${mode}-popup-ru`);
    // Focus stays inside the dialog.
    for (let i = 0; i < 8; i++) await page.keyboard.press("Tab");
    assert.ok(await page.evaluate(() => document.activeElement.closest("[role=dialog]") !== null));
    await page.keyboard.press("Escape");
    await popup.waitFor({ state: "detached" });
    await page.waitForFunction(() => document.activeElement?.dataset?.code === "zvonar-cloud-pbx");
    assert.match(page.url(), /\/marketplace$/);

    // The backdrop closes it too.
    await card.click();
    await popup.waitFor();
    await page.mouse.click(10, 400);
    await popup.waitFor({ state: "detached" });

    // The grid keeps its search while a pop-up opens and closes.
    await search.fill("звонарь");
    await page.waitForFunction(() => document.querySelectorAll("[data-testid=module-card]").length === 1);
    await card.click();
    await popup.waitFor();
    await page.keyboard.press("Escape");
    await popup.waitFor({ state: "detached" });
    assert.equal(await search.inputValue(), "звонарь");
    assert.equal(await cards(page).count(), 1);
    await search.fill("");

    // The language switch changes every text, listing materials and prices too.
    await switchLocale(page, "en");
    assert.equal(await page.locator("h1").textContent(), "Marketplace");
    assert.equal(await card.locator(".card-name").textContent(), "Zvonar Cloud PBX");
    assert.equal(await card.getByTestId("price").textContent(), "₽1,990 per month");
    assert.equal(await card.getByTestId("trial").textContent(), "14-day free trial");
    await shot(page, `${mode}-marketplace-en`);
    await card.click();
    await popup.waitFor();
    assert.match(await popup.getByTestId("popup-trial").textContent(), /14 days/);
    await shot(page, `${mode}-popup-en`);
    await page.keyboard.press("Escape");
    await popup.waitFor({ state: "detached" });
    // The choice is remembered across a reload.
    await page.reload();
    await cards(page).first().waitFor();
    assert.equal(await page.locator("h1").textContent(), "Marketplace");
    await page.close();
  });

  test(`${mode}: a deep link opens the pop-up; an unknown code says not found`, async () => {
    const page = await freshPage();
    await signIn(page, target.url, DEMO.volga);
    await page.goto(`${target.url}/marketplace/gruz-line`);
    const popup = page.getByTestId("module-popup");
    await popup.waitFor();
    assert.equal(await popup.getAttribute("data-code"), "gruz-line");
    assert.match(await popup.getByTestId("popup-trial").textContent(), /30 дней/);
    await page.goto(`${target.url}/marketplace/no-such-module`);
    await page.getByTestId("module-not-found").waitFor();
    assert.match(await page.getByTestId("module-not-found").textContent(), /no-such-module/);
    await shot(page, `${mode}-not-found-ru`);
    // Closing it returns to the marketplace, where the language can be switched.
    await page.keyboard.press("Escape");
    await page.getByTestId("module-not-found").waitFor({ state: "detached" });
    assert.match(page.url(), /\/marketplace$/);
    await switchLocale(page, "en");
    await page.goto(`${target.url}/marketplace/no-such-module`);
    assert.match(await page.getByTestId("module-not-found").textContent(), /Module not found/);
    await shot(page, `${mode}-not-found-en`);
    await page.close();
  });

  test(`${mode}: the Kazakh account sees only modules for KZ or BY on API v4, in English`, async () => {
    const page = await freshPage();
    await signIn(page, target.url, DEMO.steppe);
    await page.locator("html[lang=en]").waitFor({ state: "attached" });
    assert.equal(await cards(page).count(), 26);
    const codes = await cards(page).evaluateAll((all) => all.map((c) => c.dataset.code));
    assert.ok(codes.includes("tengri-phone"), "a Kazakhstan-only module is there");
    assert.ok(!codes.includes("kolokol-voip"), "a Russia-only module is not");
    assert.ok(codes.includes("zvonar-cloud-pbx"), "a module for RU, KZ and BY on API v4 is there");
    assert.ok(!codes.includes("chatterbox"), "a module needing API v5 is not");
    assert.match(await page.getByTestId("balance").textContent(), /₽3,000/);
    await shot(page, `${mode}-marketplace-steppe-en`);
    // A module this account cannot see is "not found", even by its address.
    await page.goto(`${target.url}/marketplace/kolokol-voip`);
    await page.getByTestId("module-not-found").waitFor();
    // Signing out leads back to the sign-in screen, and the catalog is closed.
    await page.goto(`${target.url}/marketplace`);
    await page.getByTestId("sign-out").click();
    await page.getByTestId("sign-in").waitFor();
    await page.goto(`${target.url}/marketplace`);
    await page.getByTestId("sign-in").waitFor();
    assert.match(page.url(), /\/signin\?next=/);
    await page.close();
  });
}
