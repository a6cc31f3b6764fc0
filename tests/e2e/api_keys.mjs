// The API keys screen, run against the server and the offline preview: a key
// made for a connection (shown once), used by a module (the server), revoked.
import { test } from "node:test";
import assert from "node:assert/strict";
import { onFreshTarget, shot, switchLocale, DEMO } from "./harness.mjs";

/** A module's call to the server's module API with `key`: its status and answer. */
async function credentials(url, key) {
  const response = await fetch(`${url}/api/credentials`, { headers: { "X-API-KEY": key } });
  return [response.status, await response.json()];
}

export function apiKeyFlows(mode, start) {
  test(`${mode}: an owner makes a key for a connection, sees it once, and revokes it (ru, then en)`, () =>
    onFreshTarget(start, async (page, url) => {
      // The account app's pages send a signed-out visitor to sign in (the marketplace) and back.
      for (const path of ["/billing", "/api-keys"]) {
        await page.goto(`${url}${path}`);
        await page.getByTestId("sign-in").waitFor();
        assert.equal(new URL(page.url()).search, `?next=${path}`);
      }
      await page.getByTestId("email").fill(DEMO.volga.email);
      await page.getByTestId("password").fill(DEMO.volga.password);
      await page.getByTestId("sign-in").locator("button[type=submit]").click();
      await page.getByTestId("api-keys-empty").waitFor();

      // An active module's pop-up: Connect opens the module's page for this account; the hint leads here.
      await page.goto(`${url}/marketplace/chatterbox`);
      const connect = page.getByTestId("connect-button");
      assert.equal(await connect.getAttribute("href"), `https://govorun.example?account=${encodeURIComponent(url)}`);
      assert.equal(await connect.getAttribute("target"), "_blank");
      await page.getByTestId("connect-keys").click();
      await page.getByTestId("api-keys-empty").waitFor();

      // Chatterbox's connection; every permission it declares is ticked to start with.
      const connection = page.getByTestId("api-key-connection");
      const chatterbox = connection.locator("option", { hasText: "Говорун" });
      await connection.selectOption(await chatterbox.getAttribute("value"));
      const scopes = page.locator("[data-testid^=api-key-scope-]");
      assert.equal(await scopes.count(), 6);
      for (const box of await scopes.all()) await box.uncheck();
      // None left: the rule the server applies says so as they are unticked.
      assert.equal(await page.locator("#error-api-key-scopes").textContent(), "Выберите хотя бы одно право.");
      await page.getByTestId("api-key-scope-integration_read").check();
      await page.getByTestId("api-key-scope-integration_write").check();
      assert.equal(await page.locator("#error-api-key-scopes").textContent(), "");
      await page.getByTestId("api-key-create").click();

      // Shown once, listed by its first characters only.
      const key = await page.getByTestId("api-key-value").textContent();
      assert.match(key, /^[A-Za-z0-9]{40}$/);
      const row = page.getByTestId("api-key-row");
      await row.waitFor();
      assert.equal(await row.getByTestId("api-key-prefix").textContent(), `${key.slice(0, 6)}…`);
      assert.match(await row.textContent(), /Интеграция: чтение/);
      assert.ok(!(await row.textContent()).includes(key));
      await shot(page, `${mode}-api-keys-ru`);
      if (mode === "server") {
        const [status, body] = await credentials(url, key);
        assert.equal(status, 200);
        assert.deepEqual(body.scopes, ["integration_read", "integration_write"]);
        await page.reload();
        await row.waitFor();
        assert.doesNotMatch(await row.textContent(), /Ещё не использовался/, "its use is shown");
      }

      // Revoked after asking; the module's next call is refused.
      await switchLocale(page, "en");
      await row.getByTestId("api-key-revoke").click();
      await shot(page, `${mode}-api-keys-revoke-en`);
      await page.getByTestId("confirm-api-key-revoke").click();
      await page.getByTestId("api-keys-empty").waitFor();
      if (mode === "server") assert.equal((await credentials(url, key))[0], 403);
    }));
}
