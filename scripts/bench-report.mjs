// Every figure `make bench` measured, beside its anchor and its aim: reads the
// target/bench-*.json each benchmark wrote, writes them together to
// target/bench.json and prints one table.
//   node scripts/bench-report.mjs
import { existsSync, readFileSync, writeFileSync } from "node:fs";

const parts = ["first-load", "search", "billing", "reads", "load", "faults"];
const read = (part) => {
  const file = `target/bench-${part}.json`;
  return existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : null;
};
const figures = Object.fromEntries(parts.map((part) => [part.replace("-", "_"), read(part)]));

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const ms = (value) => `${Number(value).toFixed(1)} ms`;
const ratio = (value) => `${Number(value).toFixed(2)}x`;
const rows = [];
// One line of the table: what, Souk's figure, the anchor's, the ratio, the aim and whether it is met.
const row = (what, ours, anchor, times, aim, met) => rows.push({ what, ours, anchor, times, aim, met });

const load = figures.first_load;
if (load) {
  for (const [app, aim] of [["marketplace", 300], ["cabinet", 360]]) {
    const gzip = load[app].first_load.gzip;
    const bare = load.bare_leptos?.first_load.gzip;
    row(`first load, ${app} (gzip)`, kb(gzip), bare ? kb(bare) : "-", bare ? ratio(gzip / bare) : "-",
      `<= ${aim} KB`, gzip <= aim * 1024);
  }
}
const search = figures.search;
if (search) {
  row("search as you type, p95", ms(search.souk.p95), ms(search.anchor.p95), ratio(search.ratio_p95),
    "<= 1.25x", search.ratio_p95 <= 1.25);
  row("search as you type, slowest frame", ms(search.souk.max), search.anchor.max === undefined ? "-" : ms(search.anchor.max), "-",
    "<= 50 ms", search.souk.max <= 50);
}
const billing = figures.billing;
if (billing) {
  for (const run of billing.runs) {
    const rows = run.due_subscriptions.toLocaleString("en");
    row(`billing ${rows} due`, `${run.billing_run_seconds.toFixed(2)} s`, `${run.bare_update_seconds.toFixed(2)} s`,
      ratio(run.ratio_to_bare_update), run.due_subscriptions >= 1e6 ? "<= 10 s, <= 3x" : "-",
      run.due_subscriptions >= 1e6 ? run.billing_run_seconds <= 10 && run.ratio_to_bare_update <= 3 : null);
    row(`  peak memory after ${rows}`, `${Math.round(run.peak_rss_kib_after_run / 1024)} MiB`, "-", "-", "flat", null);
  }
}
const reads = figures.reads;
if (reads) {
  for (const [name, anchor, what] of [["catalog", "catalog_static", "catalog"], ["module", "module_static", "module API"]]) {
    const ours = reads.runs[name];
    const theirs = reads.runs[anchor];
    const times = ours.requests_per_second / theirs.requests_per_second;
    row(`reads: ${what}, 64 connections`, `${Math.round(ours.requests_per_second)} req/s`,
      `${Math.round(theirs.requests_per_second)} req/s`, ratio(times), ">= 0.5x", times >= 0.5);
    row(`reads: ${what}, p99`, ms(ours.p99_ms), ms(theirs.p99_ms), ratio(ours.p99_ms / theirs.p99_ms), "<= 10 ms",
      ours.p99_ms <= 10);
  }
}
const mixed = figures.load;
if (mixed) {
  row(`mixed load, ${Math.round(mixed.seconds)} s at ${mixed.connections}`, `${Math.round(mixed.requests_per_second)} req/s`,
    "-", "-", "0 errors, balances = history",
    mixed.errors === 0 && mixed.accounts_whose_balance_is_not_their_history === 0 &&
      mixed.activations === mixed.activation_charges && mixed.top_ups_paid === mixed.top_ups_credited);
}
const faults = figures.faults;
if (faults) {
  row(`kill -9 mid-billing of ${faults.due_subscriptions.toLocaleString("en")}`, `${faults.charges} charges`, "-", "-",
    "each charged once", faults.charges === faults.due_subscriptions && faults.accounts_whose_balance_disagrees === 0);
}

writeFileSync("target/bench.json", JSON.stringify({ measured_at: new Date().toISOString(), ...figures }, null, 2) + "\n");
const columns = ["what", "ours", "anchor", "times", "aim", "met"];
const headings = { what: "figure", ours: "Souk", anchor: "anchor", times: "ratio", aim: "aim", met: "met" };
const shown = (r, c) => (c === "met" ? (r.met === null ? "" : r.met ? "yes" : "NO") : String(r[c]));
const width = Object.fromEntries(columns.map((c) => [c, Math.max(headings[c].length, ...rows.map((r) => shown(r, c).length))]));
const line = (cells) => columns.map((c) => cells[c].padEnd(width[c])).join("  ").trimEnd();
console.log(line(headings));
for (const r of rows) console.log(line(Object.fromEntries(columns.map((c) => [c, shown(r, c)]))));
const missing = parts.filter((part) => !figures[part.replace("-", "_")]);
if (missing.length) console.log(`not measured in this run: ${missing.join(", ")}`);
console.log("written to target/bench.json");
