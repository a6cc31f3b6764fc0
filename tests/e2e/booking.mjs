// The booking channel, a built-in module, in the browser: against the server
// and the booking partner's stand-in (`souk-server booking`), and in the
// offline preview, where the same stand-in answers inside the browser.
import { test } from "node:test";
import assert from "node:assert/strict";
import { onFreshTarget, shot, signIn, switchLocale, plain, DEMO } from "./harness.mjs";
import { tabTo, focused } from "./keyboard.mjs";

const rows = (page) => page.locator("[data-testid=service-row]");
const row = (page, n) => rows(page).nth(n);

/** What the partner received, as `METHOD path`: from the stand-in's own route, or the preview's copy in the browser. */
async function partnerCalls(page, target) {
  const events = target.booking
    ? await (await fetch(`${target.booking}/_stand-in/events`)).json()
    : await page.evaluate(() => JSON.parse(localStorage.getItem("souk.preview.booking") ?? "{}").events ?? []);
  return events.map((e) => `${e.method} ${e.path.replace(/merchants\/[\w-]+/, "merchants/M").replace(/merchantId=[\w-]+/, "merchantId=M")}`);
}

async function openChannel(page, url) {
  await signIn(page, url, DEMO.clinic);
  await page.goto(`${url}/marketplace/souk-booking`);
  await page.getByTestId("builtin-settings").click();
  await row(page, 11).waitFor();
  assert.match(page.url(), /\/builtins\/booking\/[\w-]+$/);
}

export function bookingFlows(mode, start) {
  test(`${mode}: a clinic activates the channel, prices three examinations in bulk, publishes them, edits one and switches traffic off (ru, en)`, () =>
    onFreshTarget(start, async (page, url, target) => {
      page.on("pageerror", (error) => assert.fail(`page error: ${error.message}`));
      await openChannel(page, url);
      await page.getByTestId("api-log-switch").check();
      await page.getByTestId("api-log-empty").waitFor();
      await shot(page, `${mode}-booking-start-ru`);

      // One text accepted: activating is refused, naming the other, in either language.
      await page.getByTestId("consent-declaration").check();
      await page.getByTestId("channel-activate").click();
      const refused = page.getByTestId("activation-error");
      await refused.waitFor();
      assert.match(await refused.textContent(), /Примите условия и положения/);
      assert.equal(await page.getByTestId("channel-publish").isDisabled(), true, "nothing to publish before activation");
      await switchLocale(page, "en");
      assert.match(await refused.textContent(), /Accept the terms and conditions/);
      await shot(page, `${mode}-booking-consent-missing-en`);
      await page.getByTestId("consent-terms").check();
      await page.getByTestId("channel-activate").click();
      await page.getByTestId("channel-active").waitFor();
      assert.match(await page.getByTestId("channel-active").textContent(), /consent declaration 2026-09, terms and conditions 3\.1 accepted/);

      // Three examinations ticked; two of them 10 % cheaper on the channel, previewed first.
      for (const n of [0, 1, 2]) {
        await row(page, n).getByTestId("service-tick").check();
        await page.locator(`[data-testid=service-row][data-ticked=true]`).nth(n).waitFor();
      }
      await row(page, 0).getByTestId("service-choose").check();
      await row(page, 1).getByTestId("service-choose").check();
      assert.match(await page.getByTestId("bulk-chosen").textContent(), /2/);
      await page.getByTestId("bulk-kind").selectOption("percent");
      await page.getByTestId("bulk-price").fill("-10");
      await page.getByTestId("bulk-preview").click();
      const preview = page.getByTestId("bulk-preview-row");
      await preview.nth(1).waitFor();
      assert.deepEqual((await preview.allTextContents()).map(plain), [
        "General practitioner consultation: ₽2,500 → ₽2,250",
        "Cardiologist consultation: ₽3,500 → ₽3,150",
      ]);
      await shot(page, `${mode}-booking-bulk-preview-en`);
      await page.getByTestId("bulk-apply").click();
      await page.getByTestId("bulk-applied").waitFor();
      assert.equal(plain(await row(page, 0).getByTestId("channel-price").textContent()), "₽2,250");

      // Published: the merchant and the three services; then a longer examination goes out by itself.
      await page.getByTestId("channel-publish").click();
      await page.getByTestId("channel-published").waitFor();
      await page.locator("[data-testid=channel-live][data-live=true]").waitFor();
      await page.locator("[data-testid=service-row][data-shown=true]").nth(2).waitFor();
      const synced = plain(await row(page, 0).getByTestId("sync-status").textContent());
      assert.match(synced, /^Sent .* · POST$/);
      await row(page, 0).getByTestId("service-edit").click();
      await page.getByTestId("bk-duration").fill("45");
      await page.getByTestId("service-save").click();
      await page.getByTestId("service-form").waitFor({ state: "detached" });
      await page.waitForFunction(
        (before) => document.querySelector("[data-testid=service-row] [data-testid=sync-status]")?.textContent.trim() !== before,
        synced,
      );
      assert.match(plain(await row(page, 0).getByTestId("sync-status").textContent()), /^Sent .* · PATCH durationSec$/);
      assert.equal(plain(await row(page, 0).getByTestId("service-duration").textContent()), "45 min");
      await shot(page, `${mode}-booking-published-en`);

      // Traffic permission off: the partner removes the merchant.
      await page.getByTestId("traffic-permission").uncheck();
      await page.locator("[data-testid=channel-live][data-live=false]").waitFor();
      assert.deepEqual(await partnerCalls(page, target), [
        "POST /v1/partners/premium-organizer/merchants?merchantId=M",
        `POST /v1/partners/premium-organizer/merchants/M/services?serviceId=svc-demo-01`,
        `POST /v1/partners/premium-organizer/merchants/M/services?serviceId=svc-demo-02`,
        `POST /v1/partners/premium-organizer/merchants/M/services?serviceId=svc-demo-03`,
        `PATCH /v1/partners/premium-organizer/merchants/M/services/svc-demo-01?updateMask=durationSec`,
        "DELETE /v1/partners/premium-organizer/merchants/M",
      ]);
      await page.getByTestId("api-log-refresh").click();
      await page.getByTestId("api-log-row").nth(5).waitFor();
      await switchLocale(page, "ru");
      assert.match(plain(await row(page, 0).getByTestId("sync-status").textContent()), /^Отправлено .* · PATCH durationSec$/);
      await shot(page, `${mode}-booking-traffic-off-ru`);
    }));

  test(`${mode}: the channel is activated, a service ticked and published with the keyboard alone`, () =>
    onFreshTarget(start, async (page, url) => {
      page.on("pageerror", (error) => assert.fail(`page error: ${error.message}`));
      await openChannel(page, url);
      await tabTo(page, "consent-declaration");
      await page.keyboard.press("Space");
      await tabTo(page, "consent-terms");
      await page.keyboard.press("Space");
      await tabTo(page, "channel-activate");
      await page.keyboard.press("Enter");
      await page.getByTestId("channel-active").waitFor();
      await tabTo(page, "service-tick");
      await page.keyboard.press("Space");
      await page.locator("[data-testid=service-row][data-ticked=true]").waitFor();
      await page.waitForFunction(() => document.activeElement?.dataset?.testid === "service-tick");
      assert.equal(await focused(page), "service-tick", "the focus stays on the box ticked");
      await tabTo(page, "channel-publish");
      await page.keyboard.press("Enter");
      await page.locator("[data-testid=service-row][data-shown=true]").waitFor();
    }));
}
