// Becoming a partner, run against the server and the offline preview: a company
// applies with the form's help, the moderator approves it, and the new partner
// sets a password through the letter's one-time link and lands in the cabinet.
import { test } from "node:test";
import assert from "node:assert/strict";
import { onFreshTarget, shot, signIn, switchLocale, DEMO } from "./harness.mjs";

const COMPANY = "Northwind Delivery";
const EMAIL = "ops@northwind.example";

async function errorOf(page, testid) {
  return (await page.getByTestId(`error-${testid}`).textContent()).trim();
}

/** Waits for the Partner applications tab to count `n` applications waiting. */
async function pendingCountIs(page, n) {
  await page.waitForFunction(
    (n) => document.querySelector("[data-testid=tab-applications] .tab-count")?.textContent === String(n),
    n,
  );
}

async function fillApplication(page, email) {
  await page.getByTestId("apply-company").fill(COMPANY);
  await page.getByTestId("apply-contact").fill("Nadia Sever");
  await page.getByTestId("apply-email").fill(email);
  await page.getByTestId("apply-phone").fill("+7 912 345-67-89");
  await page.getByTestId("apply-website").fill("https://northwind.example");
  await page.getByTestId("apply-message").fill("Courier delivery across Siberia.");
}

export function applicationFlows(mode, start) {
  test(`${mode}: a company applies, the moderator approves, the partner sets a password through the letter's link`, () =>
    onFreshTarget(start, async (page, url) => {
      page.on("pageerror", (error) => assert.fail(`page error: ${error.message}`));
      await page.goto(`${url}/signin`);
      await page.getByTestId("apply-link").click();
      await page.getByTestId("apply-form").waitFor();

      // Sent empty: every required field says so, and the first one takes the focus.
      await page.getByTestId("apply-submit").click();
      assert.equal(await errorOf(page, "apply-company"), "Fill in this field.");
      assert.equal(await errorOf(page, "apply-message"), "", "the message is optional");
      assert.equal(await page.evaluate(() => document.activeElement.dataset.testid), "apply-company");
      await fillApplication(page, "ops at northwind");
      assert.match(await errorOf(page, "apply-email"), /e-mail address/);
      await page.getByTestId("apply-phone").fill("12-34");
      assert.match(await errorOf(page, "apply-phone"), /international format/);
      await page.getByTestId("apply-website").fill("northwind.example");
      assert.match(await errorOf(page, "apply-website"), /full address/);
      await shot(page, `${mode}-apply-errors-en`);
      await fillApplication(page, EMAIL);
      for (const field of ["company", "contact", "email", "phone", "website"]) {
        assert.equal(await errorOf(page, `apply-${field}`), "", field);
      }
      await page.getByTestId("apply-submit").click();
      await page.getByTestId("apply-done").waitFor();
      assert.match(await page.getByTestId("apply-done").textContent(), new RegExp(EMAIL));

      // The same e-mail again, or a partner's: the answer a new applicant gets, telling nothing.
      for (const email of [EMAIL, DEMO.partner.email]) {
        await page.goto(`${url}/apply`);
        await fillApplication(page, email);
        await page.getByTestId("apply-submit").click();
        await page.getByTestId("apply-done").waitFor();
        assert.match(await page.getByTestId("apply-done").textContent(), new RegExp(email));
      }

      // The moderator, in Russian, reads the application and approves it: the letter carries the link.
      await signIn(page, url, DEMO.moderator);
      await switchLocale(page, "ru");
      await page.getByTestId("nav-moderation").click();
      await page.getByTestId("tab-applications").click();
      const card = page.locator(`[data-testid=application][data-email="${EMAIL}"]`);
      await card.waitFor();
      assert.equal(await card.getAttribute("data-status"), "pending");
      assert.match(await card.textContent(), /Nadia Sever.*\+7 912 345-67-89.*Courier delivery/s);
      // Each tab counts what waits in it, and the count follows the decision.
      await pendingCountIs(page, 1);
      await card.getByTestId("approve-application").click();
      await page.locator(`[data-testid=application][data-email="${EMAIL}"][data-status=approved]`).waitFor();
      await pendingCountIs(page, 0);
      assert.equal(await card.getByTestId("application-status").textContent(), "Одобрена");
      // Written in the applicant's language (English), whatever the moderator's.
      assert.equal(await card.getByTestId("letter-subject").textContent(), `${COMPANY} is now a Souk partner`);
      assert.equal(await page.locator("[data-testid=application]").count(), 1, "one application, none for the partner");
      await shot(page, `${mode}-applications-ru`);
      const first = await card.getByTestId("letter-link").getAttribute("href");
      assert.match(first, new RegExp(`^${url}/welcome/[0-9a-f]{64}$`));
      // A lost link: the moderator sends a new one, and the first stops working.
      await card.getByTestId("resend-link").click();
      await card.getByTestId("confirm-resend-link").click();
      await page.waitForFunction(
        ([email, old]) => {
          const link = document.querySelector(`[data-testid=application][data-email="${email}"] [data-testid=letter-link]`);
          return link && link.getAttribute("href") !== old;
        },
        [EMAIL, first],
      );
      const link = await card.getByTestId("letter-link").getAttribute("href");
      assert.match(link, new RegExp(`^${url}/welcome/[0-9a-f]{64}$`));
      await page.getByTestId("sign-out").click();
      await page.getByTestId("sign-in").waitFor();
      await page.goto(first);
      await page.getByTestId("welcome-invalid").waitFor();

      // The new partner follows the link (the interface is still Russian here).
      await page.goto(link);
      await page.getByTestId("welcome-form").waitFor();
      assert.match(await page.getByTestId("welcome-lead").textContent(), new RegExp(`${COMPANY}.*${EMAIL}`));
      await page.getByTestId("new-password").fill("short");
      assert.equal(await errorOf(page, "new-password"), "Не меньше 12 символов.");
      await page.getByTestId("new-password").fill("northwind-2026");
      await page.getByTestId("repeat-password").fill("northwind-2025");
      await page.getByTestId("welcome-submit").click();
      assert.equal(await errorOf(page, "repeat-password"), "Пароли не совпадают.");
      await shot(page, `${mode}-welcome-ru`);
      await page.getByTestId("repeat-password").fill("northwind-2026");
      await page.getByTestId("welcome-submit").click();
      await page.getByTestId("listings-empty").waitFor();
      assert.match(page.url(), /\/partner$/);

      // The link worked once; the password works from now on.
      await page.goto(link);
      await page.getByTestId("welcome-invalid").waitFor();
      await page.goto(`${url}/marketplace`);
      await page.getByTestId("sign-out").click();
      await page.getByTestId("sign-in").waitFor();
      await signIn(page, url, { email: EMAIL, password: "northwind-2026" });
      await page.getByTestId("nav-partner").click();
      await page.getByTestId("listings-empty").waitFor();

      // Your sign-in: a new password after the current one, then signing out everywhere.
      await page.getByTestId("nav-account").click();
      await page.getByTestId("password-form").waitFor();
      await page.getByTestId("current-password").fill("not-the-password");
      await page.getByTestId("new-password").fill("northwind-2027");
      await page.getByTestId("repeat-password").fill("northwind-2027");
      await page.getByTestId("change-password").click();
      await page.getByTestId("error-current-password").filter({ hasText: /\S/ }).waitFor();
      assert.equal(await errorOf(page, "current-password"), "Это не ваш текущий пароль.");
      await shot(page, `${mode}-account-ru`);
      await page.getByTestId("current-password").fill("northwind-2026");
      await page.getByTestId("change-password").click();
      await page.getByTestId("password-changed").filter({ hasText: /Пароль изменён/ }).waitFor();
      await page.getByTestId("sign-out-everywhere").click();
      await page.getByTestId("confirm-sign-out-everywhere").click();
      await page.getByTestId("sign-in").waitFor();
      await signIn(page, url, { email: EMAIL, password: "northwind-2027" });
    }));
}
