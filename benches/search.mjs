// Search as you type over 10,000 modules: keystroke to the next painted frame
// in Souk's marketplace, beside the windowed vanilla page (anchors/, copied as
// they are from the shared benchmark anchors) filtering the same modules, in
// the same run. Figures go to target/bench-search.json; no test asserts on them.
//
//   node benches/search.mjs [--modules 10000] [--keys telephony]
//
// Needs `make dist` and the server built with `--profile server`
// (SOUK_SERVER_BIN to use another build).
import { chromium } from "playwright-core";
import { execFile, spawn, spawnSync } from "node:child_process";
import { promisify } from "node:util";
import { createServer } from "node:http";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const ROOT = new URL("..", import.meta.url).pathname;
const option = (name, fallback) => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? process.argv[at + 1] : fallback;
};
const MODULES = Number(option("modules", "10000"));
const KEYS = option("keys", "telephony");
const SERVER = process.env.SOUK_SERVER_BIN ?? join(ROOT, "target/server/souk-server");
const DIST = process.env.SOUK_DIST ?? join(ROOT, "dist");
// The demo account whose language is English, as the anchor page's words are.
const OWNER = { email: "owner@steppe.demo", password: "steppe-demo-2026" };

/** The anchor's own driver, run as it is on its page (not blocking: this process serves the page). */
async function anchorFigures(url) {
  const { stdout } = await promisify(execFile)("node", [join(ROOT, "benches/anchors/search-bench.mjs"), url, KEYS]);
  return JSON.parse(stdout.trim().split("\n").pop());
}

/** The anchor's measurement on Souk's marketplace, signed in first (the marketplace is an account's). */
async function soukFigures(base) {
  const ctx = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), "sb-")), {
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  const page = ctx.pages()[0] ?? (await ctx.newPage());
  const loadStarted = Date.now();
  await page.goto(`${base}/signin`, { waitUntil: "networkidle", timeout: 120000 });
  await page.getByTestId("email").fill(OWNER.email);
  await page.getByTestId("password").fill(OWNER.password);
  await page.getByTestId("sign-in").locator("button[type=submit]").click();
  await page.waitForSelector('[data-testid="module-card"]', { timeout: 120000 });
  const catalogSeconds = (Date.now() - loadStarted) / 1000;
  const input = page.locator('[data-testid="search-input"]');
  const samples = [];
  // Which keystrokes cost: the query typed so far, each with its median.
  const byKey = {};
  for (let round = 0; round < 5; round++) {
    await input.fill("");
    await page.waitForTimeout(300);
    await input.focus();
    for (const ch of KEYS) {
      // As the anchor's driver: from the key event to the next frame after the DOM settled.
      const ms = await page.evaluate(async (ch) => {
        const el = document.querySelector('[data-testid="search-input"]');
        const t0 = performance.now();
        el.value += ch;
        el.dispatchEvent(new Event("input", { bubbles: true }));
        await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
        return performance.now() - t0;
      }, ch);
      samples.push(ms);
      (byKey[ch] ??= []).push(ms);
    }
  }
  const found = await page.getByTestId("found").textContent();
  const cards = await page.locator('[data-testid="module-card"]').count();
  await ctx.close();
  const medians = Object.fromEntries(
    [...KEYS].map((ch, i) => [KEYS.slice(0, i + 1), quantiles(byKey[ch]).p50]),
  );
  return { ...quantiles(samples), p50_by_query: medians, cards_at_end: cards, found, sign_in_to_first_card_seconds: catalogSeconds };
}

function quantiles(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  const q = (p) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
  return { n: sorted.length, p50: +q(0.5).toFixed(2), p95: +q(0.95).toFixed(2), max: +sorted.at(-1).toFixed(2) };
}

function serveAnchors() {
  const server = createServer((request, response) => {
    const path = new URL(request.url, "http://x").pathname;
    if (path !== "/search-baseline.html") return response.writeHead(404).end();
    response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    response.end(readFileSync(join(ROOT, "benches/anchors/search-baseline.html")));
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

function startSouk(databaseUrl) {
  const child = spawn(SERVER, [], {
    env: { ...process.env, RUST_LOG: "warn", PORT: "0", DATABASE_URL: databaseUrl, SOUK_DIST: DIST,
      SOUK_DEMO: "1", SOUK_BILLING_INTERVAL: "0" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    let output = "";
    child.stdout.on("data", (chunk) => {
      output += chunk;
      const match = output.match(/running at (http:\/\/[\d.:]+)/);
      if (match) resolve({ url: match[1], stop: () => child.kill() });
    });
    child.on("exit", (code) => reject(new Error(`souk-server exited with ${code}: ${output}`)));
  });
}

const dir = mkdtempSync(join(tmpdir(), "souk-bench-search-"));
const databaseUrl = `sqlite://${join(dir, "souk.db")}`;
const seeded = spawnSync(SERVER, ["seed", "--modules", String(MODULES)], {
  env: { ...process.env, RUST_LOG: "warn", DATABASE_URL: databaseUrl },
  encoding: "utf8",
});
if (seeded.status !== 0) throw new Error(`souk-server seed: ${seeded.stderr}`);
const anchors = await serveAnchors();
const souk = await startSouk(databaseUrl);
let figures;
try {
  const anchorUrl = `http://127.0.0.1:${anchors.address().port}/search-baseline.html?n=${MODULES}&limit=60`;
  const anchor = await anchorFigures(anchorUrl);
  const marketplace = await soukFigures(souk.url);
  figures = {
    measured_at: new Date().toISOString(),
    modules: MODULES,
    keys: KEYS,
    anchor,
    souk: marketplace,
    ratio_p50: +(marketplace.p50 / anchor.p50).toFixed(2),
    ratio_p95: +(marketplace.p95 / anchor.p95).toFixed(2),
    aim: "p95 at most 1.25x the anchor's, no frame over 50 ms",
  };
} finally {
  souk.stop();
  anchors.close();
}
mkdirSync(join(ROOT, "target"), { recursive: true });
writeFileSync(join(ROOT, "target/bench-search.json"), JSON.stringify(figures, null, 2) + "\n");
const row = (name, f) => `  ${name.padEnd(22)} p50 ${String(f.p50).padStart(7)} ms  p95 ${String(f.p95).padStart(7)} ms  max ${String(f.max ?? "-").padStart(7)} ms`;
console.log(`search as you type "${KEYS}" over ${MODULES} modules`);
console.log(row("vanilla page (anchor)", figures.anchor));
console.log(row("Souk's marketplace", figures.souk));
console.log(`  ratio: p50 ${figures.ratio_p50}x, p95 ${figures.ratio_p95}x (aim: p95 <= 1.25x, max <= 50 ms)`);
console.log("written to target/bench-search.json");
