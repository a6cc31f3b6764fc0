// Every flow works with the keyboard alone; and every screen, in both
// languages, passes axe-core (the screens the other flows do not shoot).
import { test } from "node:test";
import assert from "node:assert/strict";
import { onFreshTarget, shot, audit, signIn, DEMO, ARTIFACTS } from "./harness.mjs";

/** Presses Tab (Shift+Tab when `back`) until the element with `testid` has the focus. */
export async function tabTo(page, testid, { back = false, most = 80 } = {}) {
  for (let n = 0; n < most; n++) {
    if ((await page.evaluate(() => document.activeElement?.dataset?.testid)) === testid) return;
    await page.keyboard.press(back ? "Shift+Tab" : "Tab");
  }
  assert.fail(`${testid} cannot be reached with the keyboard`);
}

export const focused = (page) => page.evaluate(() => document.activeElement?.dataset?.testid);

async function signOut(page, url) {
  await page.goto(`${url}/marketplace`);
  await page.getByTestId("sign-out").click();
  await page.getByTestId("sign-in").waitFor();
}

export function keyboardFlows(mode, start) {
  test(`${mode}: sign in, search, open a module, activate it, rename its connection and top up, keyboard only`, () =>
    onFreshTarget(start, async (page, url) => {
      page.on("pageerror", (error) => assert.fail(`page error: ${error.message}`));
      await page.goto(`${url}/signin`);
      await page.getByTestId("sign-in").waitFor();
      await tabTo(page, "email");
      await page.keyboard.type(DEMO.volga.email);
      await page.keyboard.press("Tab");
      assert.equal(await focused(page), "password");
      await page.keyboard.type(DEMO.volga.password);
      await page.keyboard.press("Enter");
      await page.getByTestId("module-card").first().waitFor();

      await tabTo(page, "search-input");
      await page.keyboard.type("Амбар");
      await page.waitForFunction(() => document.querySelectorAll("[data-testid=module-card]").length === 1);
      await tabTo(page, "module-card");
      await page.keyboard.press("Enter");
      await page.getByTestId("module-popup").waitFor();

      await tabTo(page, "activate");
      await page.keyboard.press("Enter");
      await page.getByTestId("activation-quote").waitFor();
      await tabTo(page, "confirm-activation");
      await page.keyboard.press("Enter");
      await page.getByTestId("active-module").waitFor();

      await tabTo(page, "open-connections");
      await page.keyboard.press("Enter");
      await page.getByTestId("connection-drawer").waitFor();
      await tabTo(page, "rename");
      await page.keyboard.press("Enter");
      await page.getByTestId("rename-input").waitFor();
      assert.equal(await focused(page), "rename-input", "the new name is typed at once");
      await page.keyboard.type("Склад на Тверской");
      await page.keyboard.press("Enter");
      const name = page.getByTestId("connection-drawer").getByTestId("connection-name");
      await name.filter({ hasText: /^Склад на Тверской$/ }).waitFor();
      await shot(page, `${mode}-keyboard-drawer-ru`);
      await page.keyboard.press("Escape");
      await page.getByTestId("connection-drawer").waitFor({ state: "detached" });

      await tabTo(page, "nav-billing", { back: true });
      await page.keyboard.press("Enter");
      // Billing is the account app: its page loads before the keyboard goes on.
      await page.getByTestId("top-up-amount").waitFor();
      await tabTo(page, "top-up-amount");
      await page.keyboard.type("1 000");
      await page.keyboard.press("Enter");
      if (mode === "preview") {
        await page.getByTestId("top-up-done").waitFor();
      } else {
        // The provider's page, in the browser's language, paid with the keyboard too.
        await page.getByTestId("standin-notice").waitFor();
        await tabTo(page, "standin-pay");
        await page.keyboard.press("Enter");
        await page.locator("[data-testid=payment-outcome][data-status=succeeded]").waitFor();
      }
      assert.match(await page.getByTestId("billing-balance").textContent(), /6\s600/);
      await shot(page, `${mode}-keyboard-top-up-ru`);
    }));

  test(`${mode}: the screens no flow stops at pass axe-core in both languages`, () =>
    onFreshTarget(start, async (page, url) => {
      await page.goto(`${url}/signin`);
      await page.getByTestId("sign-in").waitFor();
      await audit(page, `${mode} sign-in`);
      await page.goto(`${url}/apply`);
      await page.getByTestId("apply-form").waitFor();
      await audit(page, `${mode} apply`);
      await page.goto(`${url}/welcome/${"0".repeat(64)}`);
      await page.getByTestId("welcome-invalid").waitFor();
      await audit(page, `${mode} welcome, a dead link`);

      await signIn(page, url, DEMO.moderator, async () => {
        assert.match(await page.locator("#hint-second-factor-code").textContent(), /recovery codes/);
        await audit(page, `${mode} sign-in, the moderator's code`);
        await page.screenshot({ path: `${ARTIFACTS}/${mode}-second-factor-en.png` });
      });
      await audit(page, `${mode} marketplace, a moderator`);
      await page.goto(`${url}/account`);
      await page.getByTestId("second-factor-state").waitFor();
      assert.match(await page.getByTestId("second-factor-state").textContent(), /Recovery codes left: 0/);
      await page.goto(`${url}/moderation`);
      await page.getByTestId("queue-empty").waitFor();
      await audit(page, `${mode} moderation, nothing in review`);
      await page.goto(`${url}/moderation/applications`);
      await page.getByTestId("applications-empty").waitFor();
      await audit(page, `${mode} applications, none`);

      await signOut(page, url);
      await signIn(page, url, DEMO.partner);
      await page.goto(`${url}/partner`);
      await page.getByTestId("listing-row").first().waitFor();
      await audit(page, `${mode} partner's modules`);
      // A partner reads times in the zone they choose, and every time names it.
      await page.getByTestId("zone-switch").selectOption("Asia/Yekaterinburg");
      await page.locator("[data-testid=listing-row] td", { hasText: "UTC+5" }).first().waitFor();
      await page.reload();
      await page.locator("[data-testid=listing-row] td", { hasText: "UTC+5" }).first().waitFor();
      assert.equal(await page.getByTestId("zone-switch").inputValue(), "Asia/Yekaterinburg", "kept");
      await page.goto(`${url}/partner/new`);
      await page.getByTestId("name-ru").waitFor();
      await audit(page, `${mode} a new module`);

      await signOut(page, url);
      await signIn(page, url, DEMO.volga);
      await page.goto(`${url}/billing`);
      await page.getByTestId("billing-balance").waitFor();
      await audit(page, `${mode} balance`);
      await page.goto(`${url}/notifications`);
      await page.getByTestId("notifications-empty").waitFor();
      await audit(page, `${mode} notifications, none yet`);
      await page.goto(`${url}/account`);
      await page.getByTestId("password-form").waitFor();
      await audit(page, `${mode} your sign-in`);
    }));
}
