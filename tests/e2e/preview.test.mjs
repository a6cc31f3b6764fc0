// The same flows in the offline preview: no server, demo data held in the browser.
import { test } from "node:test";
import assert from "node:assert/strict";
import { marketplaceFlows } from "./flows.mjs";
import { billingFlows } from "./billing.mjs";
import { partnerFlows } from "./partner.mjs";
import { startPreview, onFreshTarget, shot, signIn, DEMO } from "./harness.mjs";

marketplaceFlows("preview", startPreview);
billingFlows("preview", startPreview);
partnerFlows("preview", startPreview);

test("preview: shows the Offline preview badge and the demo sign-ins", () =>
  onFreshTarget(startPreview, async (page, url) => {
    await page.goto(`${url}/signin`);
    await page.getByTestId("demo-signins").waitFor();
    assert.match(await page.getByTestId("offline-badge").textContent(), /Офлайн-просмотр|Offline preview/);
    await signIn(page, url, DEMO.volga);
    assert.equal(await page.getByTestId("offline-badge").textContent(), "Офлайн-просмотр");
    await shot(page, "preview-badge-ru");
  }));
