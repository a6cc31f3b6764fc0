// The SMS service, a built-in module, in the browser: against the server and
// the gateway's stand-in (`souk-server smsc`), and in the offline preview,
// where the same stand-in answers inside the browser.
import { test } from "node:test";
import assert from "node:assert/strict";
import { onFreshTarget, shot, signIn, switchLocale, plain, DEMO } from "./harness.mjs";

const event = (page, name) => page.locator(`[data-testid=sms-event][data-event=${name}]`);
const template = (page, name, lang) => page.locator(`[data-testid=sms-template][data-event=${name}][data-lang=${lang}]`);

export function smsFlows(mode, start) {
  test(`${mode}: an owner activates the SMS service, signs in to the gateway, sends a test SMS and reads the log (ru, en)`, () =>
    onFreshTarget(start, async (page, url) => {
      page.on("pageerror", (error) => assert.fail(`page error: ${error.message}`));
      const wasm = [];
      page.on("request", (request) => {
        if (request.url().endsWith(".wasm")) wasm.push(new URL(request.url()).pathname);
      });
      await signIn(page, url, DEMO.volga);
      await page.goto(`${url}/marketplace/souk-sms`);
      // Free: activated at once. A module of Souk's own: Settings, not a partner's page.
      await page.getByTestId("activate").click();
      await page.getByTestId("builtin-settings").click();
      await page.getByTestId("sms-gateway").waitFor();
      assert.match(page.url(), /\/builtins\/sms\/[\w-]+$/);
      assert.ok(wasm.at(-1).startsWith("/apps/builtins/"), `the built-ins are an app of their own: ${wasm}`);
      await page.getByTestId("api-log-switch").check();
      await page.getByTestId("api-log-empty").waitFor();

      // A wrong password: saved, and the gateway's answer in the user's language.
      await page.getByTestId("sms-login").fill("demo");
      await page.getByTestId("sms-password").fill("wrong");
      await page.getByTestId("sms-sender").fill("Souk");
      await page.getByTestId("sms-save").click();
      await page.getByTestId("sms-password-saved").waitFor();
      await page.getByTestId("sms-check-balance").click();
      const error = page.getByTestId("sms-error");
      await error.waitFor();
      assert.match(await error.textContent(), /Неверный логин или пароль/);
      await shot(page, `${mode}-sms-wrong-password-ru`);
      await switchLocale(page, "en");
      assert.match(await error.textContent(), /Wrong login or password/);

      // Fixed with the additional password; the balance, then a test message.
      await page.getByTestId("sms-password-additional").check();
      await page.getByTestId("sms-password-change").click();
      await page.getByTestId("sms-password").fill("demo-api");
      await page.getByTestId("sms-save").click();
      await page.getByTestId("sms-saved").waitFor();
      await page.getByTestId("sms-check-balance").click();
      await page.getByTestId("sms-balance").waitFor();
      assert.equal(plain(await page.getByTestId("sms-balance").textContent()), "₽1,500");
      const phone = page.getByTestId("sms-test-phone");
      await phone.fill("+7 999 12");
      await phone.blur();
      assert.match(await page.getByTestId("error-sms-test-phone").textContent(), /\+7 and ten digits/);
      await phone.fill("+7 999 123-45-67");
      await page.getByTestId("sms-test-send").click();
      const sent = page.locator("[data-testid=sms-test-result][data-parts='1']");
      await sent.waitFor();
      assert.match(plain(await sent.textContent()), /Souk: SMS check: the service is connected\./);
      assert.match(plain(await sent.textContent()), /cost ₽3\.80, balance left ₽1,496\.20/);

      // Points never expire: the reminder is off, cannot be switched on, and says why.
      assert.equal(await event(page, "points_expiring").getAttribute("data-on"), "true");
      await page.getByTestId("sms-programme-never").check();
      await page.getByTestId("sms-programme-save").click();
      await page.locator("[data-testid=sms-event][data-event=points_expiring][data-possible=false]").waitFor();
      assert.equal(await event(page, "points_expiring").locator("input").isDisabled(), true);
      assert.equal(await event(page, "points_expiring").locator("input").isChecked(), false);
      assert.match(await event(page, "points_expiring").getByTestId("sms-event-reason").textContent(), /never expire/);
      await page.getByTestId("sms-enabled").check();
      await page.locator("[data-testid=sms-enabled]:checked").waitFor();

      // The sender name counts: a longer one makes the Russian accrual text two parts.
      const accrual = template(page, "points_accrued", "ru");
      assert.equal(await accrual.getByTestId("sms-template-parts").textContent(), "1");
      assert.equal(await accrual.getByTestId("sms-template-length").textContent(), "68");
      await page.getByTestId("sms-sender").fill("VolgaTrade");
      await accrual.getByTestId("sms-template-warning").waitFor();
      assert.equal(await accrual.getByTestId("sms-template-parts").textContent(), "2");
      assert.equal(await accrual.getByTestId("sms-template-length").textContent(), "74");
      assert.equal(await template(page, "points_accrued", "en").getByTestId("sms-template-parts").textContent(), "1");

      // The log: each call, newest first, the password masked.
      await page.getByTestId("api-log-refresh").click();
      await page.locator("[data-testid=api-log-row]").nth(2).waitFor();
      const rows = page.getByTestId("api-log-row");
      assert.equal(await rows.count(), 3);
      assert.equal(await rows.first().getAttribute("data-path"), "/sys/send.php");
      assert.equal(await rows.last().getAttribute("data-error-code"), "2");
      for (const params of await page.getByTestId("api-log-params").allTextContents()) {
        assert.match(params, /psw=\*\*\*/);
        assert.doesNotMatch(params, /demo-api|wrong/);
      }
      await shot(page, `${mode}-sms-settings-en`);
      await switchLocale(page, "ru");
      await shot(page, `${mode}-sms-settings-ru`);

      // Opened again later: the password is saved, never shown; the choices kept.
      await page.reload();
      await page.getByTestId("sms-password-saved").waitFor();
      assert.equal(await page.getByTestId("sms-password").count(), 0);
      assert.equal(await page.getByTestId("sms-login").inputValue(), "demo");
      assert.equal(await event(page, "points_expiring").getAttribute("data-possible"), "false");
    }));
}
