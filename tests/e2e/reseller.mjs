// The reseller billing, a built-in module, in the browser: against the server
// and the selling BILLmanager's stand-in (`souk-server billmgr`), and in the
// offline preview, where the same stand-in answers inside the browser.
import { test } from "node:test";
import assert from "node:assert/strict";
import { onFreshTarget, shot, signIn, switchLocale, plain, DEMO } from "./harness.mjs";
import { tabTo, focused } from "./keyboard.mjs";

const offer = (page, id) => page.locator(`[data-testid=offer][data-remote-id="${id}"]`);
const plan = (page, name) => page.getByTestId("plan-row").filter({ has: page.getByRole("rowheader", { name, exact: true }) });

export function resellerFlows(mode, start) {
  test(`${mode}: an owner creates a handler, imports two plans, enables one, orders it and reads the log (ru, en)`, () =>
    onFreshTarget(start, async (page, url) => {
      page.on("pageerror", (error) => assert.fail(`page error: ${error.message}`));
      await signIn(page, url, DEMO.volga);
      await page.goto(`${url}/marketplace/souk-reseller`);
      await page.getByTestId("activate").click();
      await page.getByTestId("builtin-settings").click();
      await page.getByTestId("handlers-empty").waitFor();
      assert.match(page.url(), /\/builtins\/reseller\/[\w-]+$/);
      await page.getByTestId("api-log-switch").check();
      await page.getByTestId("api-log-empty").waitFor();
      await shot(page, `${mode}-reseller-empty-ru`);

      // Step 1 with a wrong password: the test call refuses, saying why, in either language.
      await page.getByTestId("handler-create").click();
      await page.getByTestId("handler-conditions").waitFor();
      await page.getByTestId("res-product").selectOption("vds");
      await page.getByTestId("res-user").fill("reseller1");
      await page.getByTestId("res-password").fill("wrong");
      await page.getByTestId("handler-next").click();
      const error = page.getByTestId("handler-error");
      await error.waitFor();
      assert.match(await error.textContent(), /не принял имя пользователя или пароль/);
      await shot(page, `${mode}-reseller-wrong-password-ru`);
      await switchLocale(page, "en");
      assert.match(await error.textContent(), /refused the user name or password/);

      // The right one: step 2 shows the selling account's balance.
      await page.getByTestId("res-password").fill("secret1");
      await page.getByTestId("handler-next").click();
      await page.getByTestId("handler-balance").waitFor();
      assert.match(plain(await page.getByTestId("handler-balance").textContent()), /reseller1.*₽1,500/);
      await page.getByTestId("handler-wizard").getByTestId("data-centre-create").click();
      await page.getByTestId("res-wizard-dc-name").fill("Moscow DC");
      await page.getByTestId("data-centre-save").click();
      await page.locator("[data-testid=res-data-centre] option:checked", { hasText: "Moscow DC" }).waitFor({ state: "attached" });
      await page.getByTestId("res-name").fill("VPS Moscow");
      await page.getByTestId("res-department").selectOption("technical");
      await page.getByTestId("res-priority").fill("10");
      await page.getByTestId("res-min-balance").fill("100");
      await shot(page, `${mode}-reseller-handler-step-2-en`);
      await page.getByTestId("handler-finish").click();
      await page.getByTestId("handler-row").waitFor();
      assert.match(plain(await page.getByTestId("handler-row").textContent()), /VPS Moscow.*reseller1.*Moscow DC.*Technical department.*10.*₽100/);

      // Changed: a new password is tested first, and refused here; left empty, the saved one stays.
      await page.getByTestId("handler-edit").click();
      await page.getByTestId("res-password").fill("nope");
      await page.getByTestId("handler-finish").click();
      await page.getByTestId("handler-error").waitFor();
      assert.match(await page.getByTestId("handler-error").textContent(), /refused the user name or password/);
      await page.getByTestId("res-password").fill("");
      await page.getByTestId("res-priority").fill("5");
      await page.getByTestId("handler-finish").click();
      await page.getByTestId("handler-wizard").waitFor({ state: "detached" });
      assert.match(plain(await page.getByTestId("handler-row").textContent()), /Technical department\s*5\s*₽100/);

      // Import: the plans the selling billing offers; the one sold by the day cannot be chosen, and says why.
      await page.getByTestId("plan-import").click();
      await page.getByTestId("import-next").click();
      await offer(page, "2190").waitFor();
      assert.equal(await offer(page, "2190").getByTestId("offer-choose").isDisabled(), true);
      assert.match(await offer(page, "2190").getByTestId("offer-why").textContent(), /No period you sell/);
      await offer(page, "2187").getByTestId("offer-choose").check();
      await offer(page, "2188").getByTestId("offer-choose").check();
      await page.getByTestId("res-provider").fill("Volga Hosting");
      await shot(page, `${mode}-reseller-import-en`);
      await page.getByTestId("import-finish").click();
      await page.getByTestId("plan-row").nth(1).waitFor();
      assert.deepEqual(await page.getByTestId("plan-row").evaluateAll((rows) => rows.map((r) => r.dataset.enabled)), ["false", "false"]);

      // Enable one; order it as a customer would; the other, still off, is refused.
      await plan(page, "VDS Light").getByTestId("plan-enable").click();
      await page.locator("[data-testid=plan-row][data-enabled=true]").waitFor();
      await plan(page, "VDS Light").getByTestId("plan-order").click();
      await page.getByTestId("plan-order-confirm").click();
      const ordered = page.getByTestId("plan-order-result");
      await ordered.waitFor();
      assert.match(plain(await ordered.textContent()), /placed on the selling billing by handler “VPS Moscow”/);
      await page.getByTestId("service-row").waitFor();
      await plan(page, "VDS Medium").getByTestId("plan-order").click();
      await page.getByTestId("plan-order-confirm").click();
      await page.getByTestId("order-error").waitFor();
      assert.match(await page.getByTestId("order-error").textContent(), /only enabled plans can be ordered/);

      // The service is suspended on the selling billing, then resumed.
      await page.getByTestId("service-suspend").click();
      await page.locator("[data-testid=service-row][data-status=suspended]").waitFor();
      await page.getByTestId("service-resume").click();
      await page.locator("[data-testid=service-row][data-status=active]").waitFor();

      // The access log: every call, newest first, the password masked.
      await page.getByTestId("api-log-refresh").click();
      const rows = page.getByTestId("api-log-row");
      await rows.nth(6).waitFor();
      const paths = await rows.evaluateAll((all) => all.map((r) => r.dataset.path));
      assert.deepEqual(paths, [
        "/billmgr?func=vds.resume",
        "/billmgr?func=vds.suspend",
        "/billmgr?func=vds.order.param",
        "/billmgr?func=whoami",
        "/billmgr?func=pricelist.export",
        "/billmgr?func=pricelist.export",
        "/billmgr?func=whoami",
        "/billmgr?func=whoami",
        "/billmgr?func=whoami",
        "/billmgr?func=whoami",
      ]);
      for (const params of await page.getByTestId("api-log-params").allTextContents()) {
        assert.match(params, /authinfo=\*\*\*/);
        assert.doesNotMatch(params, /secret1|wrong|nope/);
      }
      await shot(page, `${mode}-reseller-settings-en`);
      await switchLocale(page, "ru");
      assert.match(await plan(page, "VDS Light").getByTestId("plan-status").textContent(), /Вкл/);
      await shot(page, `${mode}-reseller-settings-ru`);

      // Opened again later: everything kept, the password nowhere on the page.
      await page.reload();
      await page.getByTestId("handler-row").waitFor();
      assert.equal(await page.getByTestId("plan-row").count(), 2);
      assert.doesNotMatch(await page.content(), /secret1/);
    }));
}

export function resellerKeyboardFlows(mode, start) {
  test(`${mode}: a handler is created, a plan imported, enabled and ordered with the keyboard alone`, () =>
    onFreshTarget(start, async (page, url) => {
      page.on("pageerror", (error) => assert.fail(`page error: ${error.message}`));
      await signIn(page, url, DEMO.volga);
      await page.goto(`${url}/marketplace/souk-reseller`);
      await page.getByTestId("activate").click();
      await page.getByTestId("builtin-settings").click();
      await page.getByTestId("handlers-empty").waitFor();

      await tabTo(page, "handler-create");
      await page.keyboard.press("Enter");
      await tabTo(page, "res-user");
      await page.keyboard.type("reseller1");
      await page.keyboard.press("Tab");
      assert.equal(await focused(page), "res-password");
      await page.keyboard.type("secret1");
      await page.keyboard.press("Enter");
      await page.getByTestId("handler-balance").waitFor();
      await page.waitForFunction(() => document.activeElement?.dataset?.testid === "res-data-centre");
      await tabTo(page, "data-centre-create");
      await page.keyboard.press("Enter");
      await page.waitForFunction(() => document.activeElement?.dataset?.testid === "res-wizard-dc-name");
      await page.keyboard.type("Kazan");
      await page.keyboard.press("Enter");
      await page.locator("[data-testid=res-data-centre] option:checked", { hasText: "Kazan" }).waitFor({ state: "attached" });
      await tabTo(page, "res-name");
      await page.keyboard.type("Hosting");
      await page.keyboard.press("Enter");
      await page.getByTestId("handler-row").waitFor();

      await tabTo(page, "plan-import");
      await page.keyboard.press("Enter");
      await tabTo(page, "import-next");
      await page.keyboard.press("Enter");
      await offer(page, "1101").waitFor();
      await page.waitForFunction(() => document.activeElement?.dataset?.testid === "offer-choose");
      await page.keyboard.press("Space");
      await tabTo(page, "res-provider");
      await page.keyboard.type("Volga Hosting");
      await page.keyboard.press("Enter");
      await page.getByTestId("plan-row").waitFor();

      await tabTo(page, "plan-enable");
      await page.keyboard.press("Enter");
      await page.locator("[data-testid=plan-row][data-enabled=true]").waitFor();
      await tabTo(page, "plan-order");
      await page.keyboard.press("Enter");
      await tabTo(page, "plan-order-confirm");
      await page.keyboard.press("Enter");
      await page.getByTestId("plan-order-result").waitFor();
      assert.match(plain(await page.getByTestId("plan-order-result").textContent()), /«Hosting»|“Hosting”/);
    }));
}
