// The marketplace in a real browser against souk-server on a temporary SQLite file.
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
import { startServer, onFreshTarget, signIn, switchLocale, cards, shot, plain, DEMO, createUser, totp } from "./harness.mjs";

marketplaceFlows("server", startServer);
billingFlows("server", startServer);
partnerFlows("server", startServer);
applicationFlows("server", startServer);
keyboardFlows("server", startServer);
apiKeyFlows("server", startServer);
deliveryFlows("server", startServer);
smsFlows("server", startServer);
resellerFlows("server", startServer);
resellerKeyboardFlows("server", startServer);
bookingFlows("server", startServer);
searchFlows("server", startServer);
synonymFlows("server", startServer);
reviewFlows("server", startServer);
windowFlows("server", () => startServer({ generatedModules: 130 }));
connectFlows("server", startServer);

test("server: a failing server function shows a translated error and a working retry", () =>
  onFreshTarget(startServer, async (page, url) => {
    await signIn(page, url, DEMO.volga);
    // The next catalog call fails as a server error would; the one after goes through.
    let failures = 0;
    await page.route("**/api/catalog", (route) => {
      failures += 1;
      route.fulfill({ status: 500, contentType: "application/json", body: '{"error":"internal"}' });
    });
    await page.reload();
    const panel = page.getByTestId("error-panel");
    await panel.waitFor();
    assert.match(await panel.textContent(), /На сервере произошла ошибка/);
    await switchLocale(page, "en");
    assert.match(await panel.textContent(), /Something went wrong on the server/);
    await shot(page, "server-error-en");
    assert.equal(failures, 1);
    await page.unroute("**/api/catalog");
    await panel.getByRole("button").click();
    await cards(page).first().waitFor();
    assert.equal(await cards(page).count(), 43);
  }));

test("server: the cabinet sends a signed-out visitor to sign in and back, across two apps", () =>
  onFreshTarget(startServer, async (page, url) => {
    page.on("pageerror", (error) => assert.fail(`page error: ${error.message}`));
    await page.goto(`${url}/partner/lst-chatterbox`);
    await page.getByTestId("sign-in").waitFor();
    assert.equal(new URL(page.url()).search, "?next=/partner/lst-chatterbox");
    await page.getByTestId("email").fill(DEMO.partner.email);
    await page.getByTestId("password").fill(DEMO.partner.password);
    await page.getByTestId("sign-in").locator("button[type=submit]").click();
    await page.getByTestId("name-ru").waitFor();
    assert.match(page.url(), /\/partner\/lst-chatterbox$/);
  }));

test("server: the preview's demo data, passwords and all, is not served under any spelling", () =>
  onFreshTarget(startServer, async (page, url) => {
    for (const path of ["/demo/catalog.json", "/demo%2Fcatalog.json", "/%64emo/catalog.json", "//demo/catalog.json", "/./demo/catalog.json"]) {
      const response = await fetch(`${url}${path}`);
      const body = await response.text();
      assert.ok(!body.includes(DEMO.volga.password), `${path} answered ${response.status} with the demo passwords`);
    }
  }));

test("server: a new moderator sets up the second factor with the QR code, keeps the recovery codes, and signs in with one", () =>
  onFreshTarget(startServer, async (page, url, target) => {
    const ops = { email: "ops@souk.example", password: "an operator's long pass" };
    createUser(target.databaseUrl, ["--role", "moderator", "--email", ops.email, "--name", "Olga Ops"], ops.password);
    await page.goto(`${url}/signin`);
    await switchLocale(page, "ru");
    await page.getByTestId("email").fill(ops.email);
    await page.getByTestId("password").fill(ops.password);
    await page.keyboard.press("Enter");
    const qr = page.getByTestId("second-factor-qr");
    await qr.waitFor();
    assert.match(await qr.getAttribute("src"), /^data:image\/svg\+xml/);
    assert.equal(await qr.evaluate((img) => img.naturalWidth > 0), true, "the QR code is drawn");
    assert.equal(await page.evaluate(() => document.activeElement.dataset.testid), "second-factor-code");
    const secret = (await page.getByTestId("second-factor-secret").textContent()).trim();
    await page.getByTestId("second-factor-code").fill("000000");
    await page.keyboard.press("Enter");
    await page.getByTestId("error-second-factor-code").filter({ hasText: /не тот код/ }).waitFor();
    await shot(page, "server-second-factor-enrol-ru");
    await page.getByTestId("second-factor-code").fill(totp(secret));
    await page.keyboard.press("Enter");
    await page.getByTestId("recovery-codes").waitFor();
    const codes = await page.getByTestId("recovery-code").allTextContents();
    assert.equal(new Set(codes).size, 10);
    await shot(page, "server-recovery-codes-ru");
    await page.getByTestId("recovery-continue").click();
    await page.getByTestId("module-card").first().waitFor();

    // Another time, a recovery code instead of the app's.
    await page.getByTestId("sign-out").click();
    await page.getByTestId("sign-in").waitFor();
    // Signed out and in again without reloading the page: the sign-in goes on.
    await page.getByTestId("email").fill(DEMO.volga.email);
    await page.getByTestId("password").fill(DEMO.volga.password);
    await page.keyboard.press("Enter");
    await page.getByTestId("module-card").first().waitFor();
    await page.getByTestId("sign-out").click();
    await page.getByTestId("sign-in").waitFor();
    await page.getByTestId("email").fill(ops.email);
    await page.getByTestId("password").fill(ops.password);
    await page.keyboard.press("Enter");
    await page.getByTestId("second-factor-code").waitFor();
    assert.equal(await page.getByTestId("second-factor-demo").count(), 1, "demo mode shows the code");
    await page.getByTestId("second-factor-code").fill(codes[0].toUpperCase());
    await page.keyboard.press("Enter");
    await page.getByTestId("module-card").first().waitFor();
    await page.goto(`${url}/account`);
    await page.getByTestId("second-factor-state").filter({ hasText: /9/ }).waitFor();
  }));

test("server: the history shows its newest fifty operations, then the older ones on asking", () =>
  onFreshTarget(startServer, async (page, url) => {
    await signIn(page, url, DEMO.steppe);
    // 51 payments on the provider's stand-in, sent as this browser (its session, its origin).
    for (let n = 1; n <= 51; n += 1) {
      const started = await page.evaluate(async (amount) => {
        const body = JSON.stringify({ amount, idempotency_key: crypto.randomUUID() });
        const answer = await fetch("/api/top_up", { method: "POST", headers: { "content-type": "application/json" }, body });
        return answer.json();
      }, String(n));
      await page.evaluate((pay) => fetch(pay, { method: "POST", redirect: "manual" }), `${started.pay.url}/pay`);
    }
    await page.goto(`${url}/billing?tab=history`);
    await page.getByTestId("history-row").nth(49).waitFor();
    assert.equal(await page.getByTestId("history-row").count(), 50);
    assert.match(plain(await page.getByTestId("history-row").first().textContent()), /₽51/);
    await shot(page, "server-history-pages-en");
    await page.getByTestId("show-more").click();
    await page.getByTestId("history-row").nth(50).waitFor();
    await page.getByTestId("show-more").waitFor({ state: "detached" });
    const kinds = await page.getByTestId("history-row").evaluateAll((rows) => rows.map((r) => r.dataset.kind));
    assert.equal(kinds.filter((k) => k === "top_up").length >= 51, true, kinds.join());
  }));
