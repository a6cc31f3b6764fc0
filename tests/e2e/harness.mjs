// What every browser test needs: Debian's chromium, a fresh souk-server on a
// temporary SQLite file, a static server for the offline preview, screenshots.
import { chromium } from "playwright-core";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { createHmac } from "node:crypto";
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, mkdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { previewServer } from "../../scripts/serve-preview.mjs";

export const ARTIFACTS = new URL("./artifacts/", import.meta.url).pathname;
mkdirSync(ARTIFACTS, { recursive: true });

export const DEMO = {
  volga: { email: "owner@volga.demo", password: "volga-demo-2026", locale: "ru" },
  steppe: { email: "owner@steppe.demo", password: "steppe-demo-2026", locale: "en" },
  clinic: { email: "owner@clinic.demo", password: "clinic-demo-2026", locale: "ru" },
  partner: { email: "partner@govorun.demo", password: "partner-demo-2026" },
  moderator: { email: "moderator@souk.demo", password: "moderator-demo-2026", secondFactor: true },
};

export async function launchBrowser() {
  const profile = mkdtempSync(join(tmpdir(), "souk-chromium-"));
  return chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    viewport: { width: 1280, height: 860 },
    locale: "en-US",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/** Runs `souk-server` with `args` and `env` until it prints `pattern`; resolves to the match and a way to stop it. */
function spawnUntil(args, env, pattern) {
  const child = spawn(process.env.SOUK_SERVER_BIN, args, {
    env: { ...process.env, RUST_LOG: "warn", ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    let output = "";
    child.stdout.on("data", (chunk) => {
      output += chunk;
      const match = output.match(pattern);
      if (match) resolve({ address: match[1], stop: () => child.kill() });
    });
    child.on("exit", (code) => reject(new Error(`souk-server ${args.join(" ")} exited with ${code}: ${output}`)));
  });
}

/**
 * Starts souk-server on a free port with a new SQLite file, the demo
 * module's backend and the stand-ins of the SMS gateway, the selling
 * BILLmanager and the booking partner on others for it to call;
 * resolves to their addresses. `generatedModules` more modules join the
 * demo catalog (`souk-server seed --modules`).
 */
export async function startServer({ generatedModules = 0 } = {}) {
  const dir = mkdtempSync(join(tmpdir(), "souk-e2e-"));
  const databaseUrl = `sqlite://${join(dir, "souk.db")}`;
  if (generatedModules > 0) {
    const seeded = spawnSync(process.env.SOUK_SERVER_BIN, ["seed", "--modules", String(generatedModules)], {
      env: { ...process.env, DATABASE_URL: databaseUrl, RUST_LOG: "warn" },
      encoding: "utf8",
    });
    if (seeded.status !== 0) throw new Error(`souk-server seed failed: ${seeded.stderr}`);
  }
  const started = [];
  const stopAll = () => started.forEach((process) => process.stop());
  const spawn = async (args, env, ready) => {
    try {
      const process = await spawnUntil(args, env, ready);
      started.push(process);
      return process;
    } catch (error) {
      stopAll();
      throw error;
    }
  };
  const module = await spawn(["demo-module", "--port", "0"], {}, /running at (http:\/\/[\d.:]+)/);
  const gateway = await spawn(["smsc", "--port", "0"], {}, /API\) at (http:\/\/[\d.:]+)/);
  const billing = await spawn(["billmgr", "--port", "0"], {}, /stand-in at (http:\/\/[\d.:]+)/);
  const booking = await spawn(["booking", "--port", "0"], {}, /stand-in at (http:\/\/[\d.:]+)/);
  const server = await spawn([], {
    PORT: "0",
    DATABASE_URL: databaseUrl,
    // The tests move time with `souk-server billing --now`, not the timer.
    SOUK_BILLING_INTERVAL: "0",
    SOUK_DIST: process.env.SOUK_DIST,
    SOUK_DEMO: "1",
    SOUK_DEMO_MODULE_URL: module.address,
    SOUK_SMS_GATEWAY_URL: gateway.address,
    SOUK_BILLMGR_URL: billing.address,
    SOUK_BOOKING_URL: booking.address,
    SOUK_ALLOW_LOCAL_MODULES: "1",
  }, /running at (http:\/\/[\d.:]+)/);
  return {
    url: server.address,
    databaseUrl,
    demoModule: module.address,
    smsGateway: gateway.address,
    billing: billing.address,
    booking: booking.address,
    stop: stopAll,
  };
}

/** Serves the offline preview's dist folder, each page from its app's build. */
export function startPreview() {
  const server = previewServer(process.env.SOUK_PREVIEW_DIST);
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      resolve({ url: `http://127.0.0.1:${server.address().port}`, stop: () => server.close() });
    });
  });
}

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
/** The rules every screen must pass: WCAG 2.1, levels A and AA, and headings in order. */
const RULES = {
  runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
  rules: { "heading-order": { enabled: true } },
};

async function axe(page, label) {
  // Animations are run to their end: a half-faded colour is not what is read.
  await page.evaluate(() => document.getAnimations().forEach((animation) => animation.finish()));
  // Evaluated through the DevTools protocol, which the pages' Content Security
  // Policy does not apply to: an injected <script> would be refused by it.
  if (!(await page.evaluate(() => Boolean(window.axe)))) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(
    (rules) => window.axe.run(document, rules).then((r) => r.violations),
    RULES,
  );
  const found = violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help}\n      ${v.nodes.slice(0, 6).map((n) => n.target.join(" ")).join("\n      ")}`,
  );
  const lang = await page.evaluate(() => document.documentElement.lang);
  assert.deepEqual(found, [], `${label} (${lang}): axe-core found\n  ${found.join("\n  ")}`);
}

/**
 * Runs axe-core on the screen as the user sees it now, in both languages:
 * the other through the top bar's switch (a dialog left open), then back,
 * leaving the remembered choice as it was. Fails on any violation, naming each.
 */
export async function audit(page, label) {
  const [lang, chosen] = await page.evaluate(() => [document.documentElement.lang, localStorage.getItem("souk.locale")]);
  await axe(page, label);
  const other = lang === "ru" ? "en" : "ru";
  const switchTo = async (target) => {
    await page.getByTestId("locale-switch").locator(`[data-locale=${target}]`).dispatchEvent("click");
    await page.locator(`html[lang=${target}]`).waitFor({ state: "attached" });
  };
  await switchTo(other);
  await axe(page, label);
  await switchTo(lang);
  await page.evaluate((saved) => (saved === null ? localStorage.removeItem("souk.locale") : localStorage.setItem("souk.locale", saved)), chosen);
}

/** Audits the screen (axe-core), then keeps a screenshot of it. */
export async function shot(page, name) {
  await audit(page, name);
  // Animations are run to their end, so a dialog is shot as the user sees it once open.
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), animations: "disabled" });
}

/** A page outside the app (the payment provider's stand-in): axe-core in its one language, then a screenshot. */
export async function shotOutside(page, name) {
  await axe(page, name);
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), animations: "disabled" });
}

/**
 * Signs in; a moderator then types the code the demo moderator's app would
 * show (demo mode prints it under the field), `onCode` first looking at that step.
 */
export async function signIn(page, base, user, onCode = async () => {}) {
  await page.goto(`${base}/signin`);
  await page.getByTestId("email").fill(user.email);
  await page.getByTestId("password").fill(user.password);
  await page.getByTestId("sign-in").locator("button[type=submit]").click();
  if (user.secondFactor) {
    const hint = page.getByTestId("second-factor-demo");
    await hint.waitFor();
    await onCode();
    await page.getByTestId("second-factor-code").fill((await hint.textContent()).match(/\d{6}/)[0]);
    await page.getByTestId("second-factor-submit").click();
  }
  await page.getByTestId("module-card").first().waitFor();
}

/** Chooses the interface language with the switch in the top bar. */
export async function switchLocale(page, locale) {
  await page.getByTestId("locale-switch").locator(`[data-locale=${locale}]`).click();
  await page.locator(`html[lang=${locale}]`).waitFor({ state: "attached" });
}

export const cards = (page) => page.getByTestId("module-card");

/** Text with its no-break spaces made plain, for comparing prices. */
export const plain = (text) => text.replace(/[\u00a0\u202f]/g, " ");

/**
 * A new page that fails the test on an uncaught error in the app, and on
 * anything the server's Content Security Policy refuses.
 */
export async function watchedPage(browser) {
  const page = await browser.newPage();
  page.on("pageerror", (error) => assert.fail(`page error: ${error.message}`));
  page.on("console", (message) => {
    if (/Content Security Policy/.test(message.text())) assert.fail(`refused by the page's policy: ${message.text()}`);
  });
  return page;
}

/** Runs `body(page, url)` in a fresh browser against a freshly started target, then cleans both up. */
export async function onFreshTarget(start, body) {
  const target = await start();
  const browser = await launchBrowser();
  try {
    await body(await watchedPage(browser), target.url, target);
  } finally {
    await browser.close();
    target.stop();
  }
}

/** `souk-server billing --now <now + days>` against a test server's database. */
export function runBilling(databaseUrl, days) {
  const now = new Date(Date.now() + days * 24 * 3600 * 1000).toISOString();
  const result = spawnSync(process.env.SOUK_SERVER_BIN, ["billing", "--now", now], {
    env: { ...process.env, DATABASE_URL: databaseUrl, RUST_LOG: "warn" },
    encoding: "utf8",
  });
  if (result.status !== 0) throw new Error(`souk-server billing failed: ${result.stderr}`);
  return JSON.parse(result.stdout);
}

/** `souk-server user create …` against a test server's database, the password on standard input. */
export function createUser(databaseUrl, args, password) {
  const result = spawnSync(process.env.SOUK_SERVER_BIN, ["user", "create", ...args], {
    env: { ...process.env, DATABASE_URL: databaseUrl, RUST_LOG: "warn" },
    input: `${password}\n`,
    encoding: "utf8",
  });
  if (result.status !== 0) throw new Error(`souk-server user create failed: ${result.stderr}`);
}

/** The code an authenticator app shows for a base32 secret (RFC 6238: SHA-1, 6 digits, 30 s). */
export function totp(secret, at = Date.now()) {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  const bits = [...secret.replace(/=+$/, "")].map((c) => alphabet.indexOf(c).toString(2).padStart(5, "0")).join("");
  const key = Buffer.from(bits.match(/.{8}/g).map((byte) => parseInt(byte, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(at / 1000 / 30)));
  const mac = createHmac("sha1", key).update(counter).digest();
  const offset = mac[mac.length - 1] & 0xf;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, "0");
}
