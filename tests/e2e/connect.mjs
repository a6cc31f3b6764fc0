// Simple connection in the browser, against the server (with the demo
// module's real backend) and the offline preview (the module simulated).
import { test } from "node:test";
import assert from "node:assert/strict";
import { onFreshTarget, shot, signIn, DEMO } from "./harness.mjs";

export function connectFlows(mode, start) {
  test(`${mode}: an owner connects the demo module by simple connection and lands on its settings page (ru)`, () =>
    onFreshTarget(start, async (page, url, target) => {
      await signIn(page, url, DEMO.volga);
      await page.goto(`${url}/marketplace/vibe-chat`);
      // The pop-up asks the module first, then names what it asks for.
      const asked = page.getByTestId("requested-scopes");
      await asked.waitFor();
      assert.match(await asked.textContent(), /Клиенты/);
      assert.match(await asked.textContent(), /Интеграция/);
      await shot(page, `${mode}-connect-ru`);
      await page.getByTestId("connect-button").click();
      await page.getByTestId("demo-settings").waitFor();
      const system = await page.getByTestId("demo-system").textContent();
      assert.equal(system, url, "the module learnt the platform's address");
      if (mode === "server") {
        assert.ok(page.url().startsWith(`${target.demoModule}/settings?clientId=`), page.url());
        assert.equal(await page.getByTestId("demo-scopes").textContent(), "customer_write integration_write");
      } else {
        assert.match(page.url(), /\/demo\/module\.html\?key=\w{6}&account=/);
      }
      // Back in Souk: the connection's key is on the keys screen.
      await page.goto(`${url}/api-keys`);
      await page.locator("[data-testid=api-key-row][data-module=vibe-chat]").waitFor();
    }));
}
