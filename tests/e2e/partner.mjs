// The partner cabinet and moderation, run against the server and the offline preview:
// a partner fills the form with mistakes, fixes them, submits; the moderator reads
// the comparison and approves; an account whose countries match sees the module.
import { test } from "node:test";
import assert from "node:assert/strict";
import { onFreshTarget, shot, signIn, switchLocale, DEMO } from "./harness.mjs";

const LOGOS = new URL("../logos/", import.meta.url).pathname;

async function type(page, testid, text) {
  await page.getByTestId(testid).fill(text);
}

async function errorOf(page, testid) {
  return (await page.getByTestId(`error-${testid}`).textContent()).trim();
}

async function signOut(page, url) {
  await page.goto(`${url}/marketplace`);
  await page.getByTestId("sign-out").click();
  await page.getByTestId("sign-in").waitFor();
}

export function partnerFlows(mode, start) {
  test(`${mode}: a partner submits a module with the form's help, the moderator approves it, an account sees it`, () =>
    onFreshTarget(start, async (page, url) => {
      page.on("pageerror", (error) => assert.fail(`page error: ${error.message}`));
      await signIn(page, url, DEMO.partner);
      // A partner has no account language: the interface starts in the browser's; Russian first.
      await switchLocale(page, "ru");
      await page.getByTestId("nav-partner").click();
      await page.getByTestId("listing-row").first().waitFor();
      const rows = await page.getByTestId("listing-row").evaluateAll((r) => r.map((e) => e.dataset.code));
      assert.deepEqual(rows.sort(), ["chatterbox", "vibe-chat"], "the demo partner's published modules");
      await page.getByTestId("add-listing").click();
      await page.getByTestId("code").waitFor();

      // System data, with a mistake each, fixed as the message says (Russian interface).
      await type(page, "code", "kaz sms");
      assert.match(await errorOf(page, "code"), /Символ « » нельзя/);
      await type(page, "code", "kaz-sms");
      assert.equal(await errorOf(page, "code"), "");
      assert.equal(await page.getByTestId("code-as-sent").textContent(), "integrationModule[integrationCode]=kaz-sms");
      await page.getByTestId("min-api").selectOption("v4");
      await type(page, "connection-url", "http://kaz.example/connect");
      assert.match(await errorOf(page, "connection-url"), /https:\/\//);
      await type(page, "connection-url", "https://kaz.example/connect");
      await page.getByTestId("scope-order_read").check();
      await page.getByTestId("scope-customer_read").check();
      await page.getByTestId("section").selectOption("sms_email");

      // The logo: a hostile file is refused with its reason, a real one is shown as it will appear.
      await page.getByTestId("logo-file").setInputFiles(`${LOGOS}hostile/onload.svg`);
      await page.waitForFunction(() => document.querySelector("[data-testid=error-logo]")?.textContent.includes("onload"));
      assert.match(await errorOf(page, "logo"), /обработчик событий: onload/);
      await page.getByTestId("logo-file").setInputFiles(`${LOGOS}good/figma-style-export.svg`);
      await page.getByTestId("logo-preview").waitFor();
      assert.equal(await errorOf(page, "logo"), "");

      // Prices: a discount that is not lower is refused.
      await page.getByTestId("pricing-monthly").check();
      await type(page, "monthly-price", "990");
      await type(page, "discounted", "1200");
      assert.match(await errorOf(page, "discounted"), /ниже обычной/);
      await type(page, "discounted", "790");
      await type(page, "trial-days", "7");

      await type(page, "country-search", "казах");
      await page.getByTestId("country-KZ").check();
      await page.getByTestId("country-chip-KZ").waitFor();

      // Materials in Russian: blanket wording is refused with the seed's explanation.
      await type(page, "name-ru", "Каз СМС");
      await type(page, "short-ru", "СМС покупателям о статусе заказа");
      await type(page, "features-ru", "СМС о статусе заказа\nШаблоны");
      await type(page, "install-ru", "Разрешите все методы для API-ключа.");
      assert.match(await errorOf(page, "install-ru"), /«все методы» недопустимы/);
      await type(page, "install-ru", "Разрешите методы разделов «Заказы» и «Клиенты».");
      assert.equal(await errorOf(page, "install-ru"), "");
      assert.equal(await page.getByTestId("preview-name").textContent(), "Каз СМС", "the preview follows the form");
      assert.match(await page.getByTestId("preview-card").textContent(), /790/);
      await shot(page, `${mode}-partner-form-ru`);

      // The same form in English: messages in the interface's language.
      await switchLocale(page, "en");
      await type(page, "name-en", "Kaz SMS");
      await type(page, "short-en", "Order status SMS to customers");
      await type(page, "features-en", "Order status SMS\nTemplates");
      await type(page, "install-en", "Give the key full access.");
      assert.match(await errorOf(page, "install-en"), /“full access” is not acceptable/);
      await type(page, "support-url", "kaz.example/support");
      assert.match(await errorOf(page, "support-url"), /full address/);
      await shot(page, `${mode}-partner-form-errors-en`);
      await type(page, "install-en", "Allow the methods of the Orders and Customers sections.");
      await type(page, "support-url", "https://kaz.example/support");
      await type(page, "documentation-url", "https://kaz.example/docs");
      await page.getByTestId("preview-en").click();
      assert.equal(await page.getByTestId("preview-name").textContent(), "Kaz SMS");
      assert.match(await page.getByTestId("problem-count").textContent(), /No mistakes/);

      await page.getByTestId("submit-review").click();
      await page.getByTestId("module-secret").waitFor();
      assert.match(await page.getByTestId("secret-value").textContent(), /^[0-9a-f]{64}$/);
      await page.waitForFunction(() => document.querySelector("[data-testid=listing-status]")?.textContent === "In review");
      assert.match(page.url(), /\/partner\/lst-/);
      await shot(page, `${mode}-partner-submitted-en`);

      // The moderator reads the comparison (a new listing: every field is new) and approves.
      await signOut(page, url);
      await signIn(page, url, DEMO.moderator);
      await page.getByTestId("nav-moderation").click();
      const item = page.locator("[data-testid=review-item][data-code=kaz-sms]");
      await item.waitFor();
      assert.match(await item.getByTestId("diff").textContent(), /Kaz SMS/);
      await item.getByTestId("logo-after").waitFor();
      await shot(page, `${mode}-moderation-en`);
      await item.getByTestId("approve").click();
      await page.getByTestId("queue-empty").waitFor();

      // Steppe Goods (KZ, API v4) sees it; the partner sees it published.
      await signOut(page, url);
      await signIn(page, url, DEMO.steppe);
      await page.locator("[data-testid=module-card][data-code=kaz-sms]").waitFor();
      await signOut(page, url);
      await signIn(page, url, DEMO.partner);
      await page.goto(`${url}/partner`);
      const row = page.locator("[data-testid=listing-row][data-code=kaz-sms]");
      await row.waitFor();
      assert.equal(await row.getByTestId("listing-row-status").textContent(), "Published");
    }));

  test(`${mode}: a revision is rejected with a reason the partner reads, and the live listing stays (ru)`, () =>
    onFreshTarget(start, async (page, url) => {
      page.on("pageerror", (error) => assert.fail(`page error: ${error.message}`));
      await signIn(page, url, DEMO.partner);
      await switchLocale(page, "ru");
      await page.goto(`${url}/partner/lst-chatterbox`);
      await page.getByTestId("name-ru").waitFor();
      const live = await page.getByTestId("name-ru").inputValue();
      await type(page, "name-ru", `${live} Про`);
      await page.getByTestId("submit-review").click();
      await page.waitForFunction(() => document.querySelector("[data-testid=listing-status]")?.textContent.includes("на проверке"));
      assert.ok(await page.getByTestId("code").isDisabled(), "a published module's code is fixed");

      await signOut(page, url);
      await signIn(page, url, DEMO.moderator);
      await page.goto(`${url}/moderation`);
      const item = page.locator("[data-testid=review-item][data-code=chatterbox]");
      await item.waitFor();
      // Only the changed field is listed, live value beside the proposed one.
      const changed = item.locator("[data-testid=diff-row][data-changed=true]");
      assert.equal(await changed.count(), 1);
      assert.match(await changed.textContent(), new RegExp(`${live}.*${live} Про`));
      await shot(page, `${mode}-moderation-diff-ru`);
      assert.ok(await item.getByTestId("reject").isDisabled(), "a rejection needs a reason");
      await item.getByTestId("reject-reason").fill("Название должно совпадать с сайтом");
      await item.getByTestId("reject").click();
      await page.getByTestId("queue-empty").waitFor();

      await signOut(page, url);
      await signIn(page, url, DEMO.volga);
      const card = page.locator("[data-testid=module-card][data-code=chatterbox]");
      assert.equal(await card.locator(".card-name").textContent(), live, "the live listing stays");
      await signOut(page, url);
      await signIn(page, url, DEMO.partner);
      await page.goto(`${url}/partner`);
      const row = page.locator("[data-testid=listing-row][data-code=chatterbox]");
      await row.waitFor();
      assert.equal(await row.getByTestId("listing-row-reason").textContent(), "Название должно совпадать с сайтом");
      await shot(page, `${mode}-partner-rejected-ru`);
    }));
  test(`${mode}: a partner asks for a new section, the moderator adds it, the marketplace shows its tab (en)`, () =>
    onFreshTarget(start, async (page, url) => {
      page.on("pageerror", (error) => assert.fail(`page error: ${error.message}`));
      await signIn(page, url, DEMO.partner);
      await switchLocale(page, "en");
      await page.goto(`${url}/partner/lst-chatterbox`);
      await page.getByTestId("name-ru").waitFor();
      await page.getByTestId("section").selectOption("new");
      await page.getByTestId("submit-review").click();
      assert.match(await errorOf(page, "new-section-en"), /Fill in this field/);
      await type(page, "new-section-ru", "Чат-боты");
      await type(page, "new-section-en", "Chat bots");
      await page.getByTestId("submit-review").click();
      await page.waitForFunction(() => document.querySelector("[data-testid=listing-status]")?.textContent.includes("in review"));

      await signOut(page, url);
      await signIn(page, url, DEMO.moderator);
      await page.goto(`${url}/moderation`);
      const item = page.locator("[data-testid=review-item][data-code=chatterbox]");
      await item.getByTestId("section-request").waitFor();
      assert.match(await item.getByTestId("section-request").textContent(), /Чат-боты \/ Chat bots/);
      assert.ok(await item.getByTestId("approve").isDisabled(), "the section is decided first");
      assert.equal(await item.locator("h2").textContent(), "Govorun Chats · chatterbox", "named in the interface's language");
      const sectionRow = item.locator("[data-testid=diff-row][data-changed=true]", { hasText: "Chat bots" });
      assert.equal(await sectionRow.locator(".diff-before").textContent(), "Messengers", "a built-in section by its name");
      await shot(page, `${mode}-section-request-en`);
      await item.getByTestId("add-section").click();
      await page.locator("[data-testid=review-item][data-code=chatterbox] [data-testid=approve]:not([disabled])").waitFor();
      assert.equal(await item.getByTestId("section-request").count(), 0);
      await item.getByTestId("approve").click();
      await page.getByTestId("queue-empty").waitFor();

      await signOut(page, url);
      await signIn(page, url, DEMO.volga);
      await switchLocale(page, "en");
      const tab = page.locator("[data-testid=section-tab][data-section=added-chat-bots]");
      assert.equal((await tab.textContent()).replace(/\d+$/, ""), "Chat bots");
      await tab.click();
      const shown = await page.getByTestId("module-card").evaluateAll((c) => c.map((e) => e.dataset.code));
      assert.deepEqual(shown, ["chatterbox"]);
      await switchLocale(page, "ru");
      assert.equal((await tab.textContent()).replace(/\d+$/, ""), "Чат-боты");
      await shot(page, `${mode}-added-section-ru`);
    }));
}
