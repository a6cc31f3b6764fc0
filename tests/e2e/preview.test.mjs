// The same flows in the offline preview: no server, demo data held in the browser.
import { test } from "node:test";
import assert from "node:assert/strict";
import { marketplaceFlows } from "./flows.mjs";
import { billingFlows } from "./billing.mjs";
import { partnerFlows } from "./partner.mjs";
import { applicationFlows } from "./applications.mjs";
import { keyboardFlows } from "./keyboard.mjs";
import { apiKeyFlows } from "./api_keys.mjs";
import { deliveryFlows } from "./deliveries.mjs";
import { connectFlows } from "./connect.mjs";
import { resellerFlows, resellerKeyboardFlows } from "./reseller.mjs";
import { bookingFlows } from "./booking.mjs";
import { searchFlows, synonymFlows, windowFlows } from "./search.mjs";
import { smsFlows } from "./sms.mjs";
import { reviewFlows } from "./reviews.mjs";
import { startPreview, onFreshTarget, shot, signIn, DEMO } from "./harness.mjs";

marketplaceFlows("preview", startPreview);
billingFlows("preview", startPreview);
partnerFlows("preview", startPreview);
applicationFlows("preview", startPreview);
keyboardFlows("preview", startPreview);
apiKeyFlows("preview", startPreview);
deliveryFlows("preview", startPreview);
smsFlows("preview", startPreview);
resellerFlows("preview", startPreview);
resellerKeyboardFlows("preview", startPreview);
bookingFlows("preview", startPreview);
searchFlows("preview", startPreview);
synonymFlows("preview", startPreview);
reviewFlows("preview", startPreview);
// `?modules=130` on any page: the preview makes 130 generated modules beside the demo's.
windowFlows("preview", startPreview, async (page, url) => {
  await page.goto(`${url}/signin?modules=130`);
  await page.waitForFunction(() => localStorage.getItem("souk.preview.generated") === "130");
});
connectFlows("preview", startPreview);

test("preview: shows the Offline preview badge and the demo sign-ins", () =>
  onFreshTarget(startPreview, async (page, url) => {
    await page.goto(`${url}/signin`);
    await page.getByTestId("demo-signins").waitFor();
    assert.match(await page.getByTestId("offline-badge").textContent(), /Офлайн-просмотр|Offline preview/);
    await signIn(page, url, DEMO.volga);
    assert.equal(await page.getByTestId("offline-badge").textContent(), "Офлайн-просмотр");
    await shot(page, "preview-badge-ru");
  }));

test("preview: the role switcher shows the partner's cabinet, the moderator's queue and another account", () =>
  onFreshTarget(startPreview, async (page, url) => {
    page.on("pageerror", (error) => assert.fail(`page error: ${error.message}`));
    const wasm = [];
    page.on("request", (request) => {
      if (request.url().endsWith(".wasm")) wasm.push(new URL(request.url()).pathname);
    });
    await signIn(page, url, DEMO.volga);
    assert.ok(wasm.length > 0 && wasm.every((path) => !path.startsWith("/apps/")), `the account loads the marketplace only: ${wasm}`);
    const roles = page.getByTestId("role-switch");
    assert.equal(await roles.inputValue(), DEMO.volga.email);
    await roles.selectOption(DEMO.partner.email);
    await page.getByTestId("listing-row").first().waitFor();
    assert.match(page.url(), /\/partner$/);
    assert.ok(wasm.at(-1).startsWith("/apps/cabinet/"), "the partner's cabinet is an app of its own");
    await shot(page, "preview-role-partner-en");
    // The top bar's links cross between the apps both ways.
    await page.getByTestId("nav-marketplace").click();
    await page.getByTestId("module-card").first().waitFor();
    assert.ok(!wasm.at(-1).startsWith("/apps/"), "the marketplace is loaded again");
    await page.getByTestId("nav-partner").click();
    await page.getByTestId("listing-row").first().waitFor();
    assert.ok(wasm.at(-1).startsWith("/apps/cabinet/"));
    await roles.selectOption(DEMO.moderator.email);
    await page.getByTestId("queue-empty").waitFor();
    assert.match(page.url(), /\/moderation$/);
    assert.ok(wasm.at(-1).startsWith("/apps/moderation/"), "moderation is an app of its own");
    await roles.selectOption(DEMO.steppe.email);
    await page.getByTestId("module-card").first().waitFor();
    assert.equal(await page.getByTestId("module-card").count(), 26, "Steppe Goods' catalog");
    // The account's balance, history and notices are the account app, out of the marketplace's first load.
    await page.getByTestId("nav-billing").click();
    await page.getByTestId("billing-balance").waitFor();
    assert.ok(wasm.at(-1).startsWith("/apps/account/"), "billing is the account app");
  }));
