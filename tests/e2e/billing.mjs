// Activation, connections and billing, run against the server and the offline preview.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { onFreshTarget, shot, shotOutside, signIn, switchLocale, plain, runBilling, DEMO } from "./harness.mjs";

const card = (page, code) => page.locator(`[data-testid=module-card][data-code="${code}"]`);

async function openModule(page, base, code) {
  await page.goto(`${base}/marketplace/${code}`);
  await page.getByTestId("module-popup").waitFor();
}

async function closePopup(page) {
  await page.keyboard.press("Escape");
  await page.getByTestId("module-popup").waitFor({ state: "detached" });
}

/** Moves the account's clock `days` ahead: the preview's control, or a billing run on the server. */
export async function moveTime(page, mode, target, days) {
  if (mode === "preview") {
    for (let i = 0; i < Math.floor(days / 7); i++) await clickTime(page, "time-7d");
    for (let i = 0; i < days % 7; i++) await clickTime(page, "time-1d");
  } else {
    runBilling(target.databaseUrl, days);
    await page.reload();
    await page.getByTestId("who").waitFor();
  }
}

async function clickTime(page, testid) {
  const before = await page.getByTestId("preview-today").textContent();
  await page.getByTestId(testid).click();
  await page.waitForFunction((b) => document.querySelector("[data-testid=preview-today]")?.textContent !== b, before);
}

export function billingFlows(mode, start) {
  test(`${mode}: activate a paid module, refused in an exclusive section, stack, rename, CSV (ru, then en)`, () =>
    onFreshTarget(start, async (page, url) => {
      page.on("pageerror", (error) => assert.fail(`page error: ${error.message}`));
      await signIn(page, url, DEMO.volga);
      await page.locator("html[lang=ru]").waitFor({ state: "attached" });

      // A paid module: the charge and the balance after are shown before confirming.
      await openModule(page, url, "ambar-wms");
      await page.getByTestId("activate").click();
      const quote = page.getByTestId("activation-quote");
      assert.match(plain(await quote.textContent()), /Сейчас будет списано 6 900 ₽/);
      assert.match(plain(await quote.textContent()), /Баланс после списания: 5 600 ₽/);
      await shot(page, `${mode}-activation-quote-ru`);
      await page.getByTestId("confirm-activation").click();
      await page.getByTestId("active-module").waitFor();
      assert.match(plain(await page.getByTestId("next-charge").textContent()), /\d\d\.\d\d\.\d{4}/);
      await shot(page, `${mode}-active-module-ru`);
      await closePopup(page);
      assert.equal(await card(page, "ambar-wms").getByTestId("lamp").getAttribute("data-state"), "on");
      assert.match(plain(await page.getByTestId("balance").textContent()), /5 600 ₽/);

      // A second cash register is refused, naming the active one, with a way to it.
      await openModule(page, url, "kassa-mobile");
      await page.getByTestId("activate").click();
      const refusal = page.getByTestId("refusal");
      await refusal.waitFor();
      assert.equal(await refusal.getAttribute("data-reason"), "exclusive");
      assert.match(await refusal.textContent(), /Чек Онлайн/);
      await shot(page, `${mode}-exclusive-ru`);
      await page.getByTestId("go-to-active").click();
      await page.locator("[data-testid=module-popup][data-code=chek-online]").waitFor();

      // A second connection of the same module is fine: charged at once (its trial is spent).
      await page.getByTestId("add-connection").click();
      assert.match(plain(await page.getByTestId("activation-quote").textContent()), /Сейчас будет списано 990 ₽/);
      await page.getByTestId("confirm-activation").click();
      await page.locator("[data-testid=active-module] .connection-list li").nth(1).waitFor();
      await closePopup(page);
      const stack = card(page, "chek-online").getByTestId("connection-stack");
      assert.equal(await stack.textContent(), "2 подключения");
      await shot(page, `${mode}-stack-ru`);

      // The stack opens the drawer; rename inline: empty is refused, Esc cancels, Enter saves.
      await card(page, "chek-online").click();
      const drawer = page.getByTestId("connection-drawer");
      await drawer.waitFor();
      const rows = drawer.getByTestId("connection-row");
      assert.equal(await rows.count(), 2);
      await rows.nth(1).getByTestId("rename").click();
      const input = page.getByTestId("rename-input");
      await input.fill("   ");
      assert.equal(await page.getByTestId("error-rename-input").textContent(), "Название не может быть пустым.");
      await input.fill("x".repeat(65));
      assert.equal(await page.getByTestId("error-rename-input").textContent(), "Название — не длиннее 64 символов.");
      await input.press("Escape");
      await drawer.getByTestId("rename").nth(1).waitFor();
      assert.equal(await rows.nth(1).getByTestId("connection-name").textContent(), "Чек Онлайн 2");
      await rows.nth(1).getByTestId("rename").click();
      await page.getByTestId("rename-input").fill("Касса на Тверской");
      await shot(page, `${mode}-drawer-rename-ru`);
      await page.getByTestId("rename-input").press("Enter");
      await drawer.locator("[data-testid=connection-name]", { hasText: "Касса на Тверской" }).waitFor();
      await shot(page, `${mode}-drawer-ru`);
      await page.keyboard.press("Escape");
      await drawer.waitFor({ state: "detached" });

      // The history has the charges; the CSV holds exactly the filtered rows.
      await page.getByTestId("nav-billing").click();
      await page.getByTestId("tab-history").click();
      await page.getByTestId("history-row").first().waitFor();
      const first = page.getByTestId("history-row").first();
      assert.equal(await first.getAttribute("data-kind"), "charge");
      assert.match(plain(await first.textContent()), /Касса на Тверской|Чек Онлайн 2/);
      await switchLocale(page, "en");
      await page.getByTestId("filter-kind").selectOption("charge");
      await page.waitForFunction(() =>
        [...document.querySelectorAll("[data-testid=history-row]")].every((r) => r.dataset.kind === "charge"));
      const shown = await page.getByTestId("history-row").count();
      assert.equal(shown, 2);
      await shot(page, `${mode}-history-en`);
      const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-csv").click()]);
      const csv = readFileSync(await download.path(), "utf8");
      const lines = csv.split("\r\n").filter(Boolean);
      assert.equal(lines[0], 'Date and time,Operation,Module,Connection,"Amount, RUB","Balance after, RUB"');
      assert.equal(lines.length, 1 + shown);
      assert.ok(lines.every((l, i) => i === 0 || l.includes(",Charge,")), csv);
      assert.ok(lines.some((l) => l.endsWith(",Ambar WMS,Амбар WMS,-6900.00,5600.00")), csv);
      assert.ok(lines.some((l) => l.endsWith("-990.00,4610.00")), csv);
    }));

  test(`${mode}: a trial ends with too little money, the module freezes, a top-up unfreezes it (en)`, () =>
    onFreshTarget(start, async (page, url, target) => {
      page.on("pageerror", (error) => assert.fail(`page error: ${error.message}`));
      await signIn(page, url, DEMO.steppe);
      await page.locator("html[lang=en]").waitFor({ state: "attached" });
      await openModule(page, url, "sled-calltracking");
      await page.getByTestId("activate").click();
      assert.match(plain(await page.getByTestId("activation-quote").textContent()), /Free for 14 days, then ₽3,490 a month/);
      await page.getByTestId("confirm-activation").click();
      await page.getByTestId("active-module").waitFor();
      assert.match(await page.getByTestId("active-module").textContent(), /Free trial until/);
      await closePopup(page);

      // Two days before the trial ends, the notice arrives.
      await moveTime(page, mode, target, 12);
      await page.getByTestId("nav-notifications").click();
      const notice = page.getByTestId("notification").first();
      await notice.waitFor();
      assert.match(plain(await notice.textContent()), /Sled Call Tracking: ₽3,490 will be charged on/);
      await shot(page, `${mode}-notification-en`);

      // The trial ends; ₽3,000 does not cover ₽3,490: frozen.
      await moveTime(page, mode, target, mode === "preview" ? 3 : 15);
      await page.getByTestId("nav-marketplace").click();
      const sled = card(page, "sled-calltracking");
      await sled.getByTestId("frozen-label").waitFor();
      assert.equal(await sled.getByTestId("lamp").getAttribute("data-state"), "frozen");
      await shot(page, `${mode}-frozen-en`);

      // A top-up that covers the charge unfreezes it at once.
      await page.getByTestId("nav-billing").click();
      await page.getByTestId("top-up-amount").fill("12.345");
      await page.getByTestId("top-up-submit").click();
      assert.equal(await page.getByTestId("error-top-up-amount").textContent(), "At most two digits after the decimal point (kopecks).");
      if (mode === "preview") {
        assert.match(await page.locator("#hint-top-up-amount").textContent(), /A demo top-up: no money moves/);
        await page.getByTestId("top-up-amount").fill("1000");
        await page.getByTestId("top-up-submit").click();
        await page.getByTestId("top-up-done").waitFor();
      } else {
        // On the provider's page (the demo's stand-in): declined first, then paid.
        assert.match(await page.locator("#hint-top-up-amount").textContent(), /payment provider's page/);
        for (const [decision, status, balance] of [["decline", "canceled", "₽3,000"], ["pay", "succeeded", "₽510"]]) {
          await page.getByTestId("top-up-amount").fill("1000");
          await page.getByTestId("top-up-submit").click();
          await page.getByTestId("standin-notice").waitFor();
          assert.match(plain(await page.getByTestId("standin-amount").textContent()), /1,000/);
          if (decision === "decline") await shotOutside(page, `${mode}-payment-page-en`);
          await page.getByTestId(`standin-${decision}`).click();
          await page.locator(`[data-testid=payment-outcome][data-status=${status}]`).waitFor();
          assert.match(new URL(page.url()).search, /^\?payment=pay-/);
          assert.equal(plain(await page.getByTestId("billing-balance").textContent()), balance);
        }
        assert.match(await page.getByTestId("payment-outcome").textContent(), /Payment received: ₽1,000/);
      }
      assert.equal(plain(await page.getByTestId("billing-balance").textContent()), "₽510");
      await shot(page, `${mode}-top-up-en`);
      await page.getByTestId("nav-marketplace").click();
      await card(page, "sled-calltracking").locator("[data-testid=lamp][data-state=on]").waitFor();
      assert.equal(await card(page, "sled-calltracking").getByTestId("frozen-label").count(), 0);
      await page.getByTestId("nav-billing").click();
      await page.getByTestId("tab-history").click();
      await page.getByTestId("history-row").first().waitFor();
      const kinds = await page.getByTestId("history-row").evaluateAll((rows) => rows.map((r) => r.dataset.kind));
      assert.deepEqual(kinds.slice(0, 5), ["unfreeze", "charge", "top_up", "freeze", "trial_end"]);
      await switchLocale(page, "ru");
      await shot(page, `${mode}-history-ru`);
    }));
}
