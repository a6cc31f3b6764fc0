// The first load of each browser app (src/apps.rs): wasm, js and css, raw and
// gzip/brotli, from a Trunk dist folder (the marketplace) and its apps/<app>/
// folders; beside a bare Leptos page's (benches/bare/) when its dist is given.
//   node scripts/bundle-size.mjs [dist] [out.json] [bare-dist]
import { readdirSync, readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { join, dirname } from "node:path";
import { gzipSync, brotliCompressSync, constants } from "node:zlib";

const [dist = "dist", out = "target/bench-first-load.json", bare] = process.argv.slice(2);
const kinds = { wasm: /\.wasm$/, js: /\.js$/, css: /\.css$/ };
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

// (the .br/.gz siblings that `make dist` writes end otherwise and are not counted)
function firstLoad(dir) {
  const figures = {};
  for (const [kind, pattern] of Object.entries(kinds)) {
    const files = readdirSync(dir).filter((f) => pattern.test(f));
    const bytes = Buffer.concat(files.map((f) => readFileSync(join(dir, f))));
    figures[kind] = {
      files: files.length,
      raw: bytes.length,
      gzip: gzipSync(bytes, { level: 9 }).length,
      brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
    };
  }
  const total = (key) => Object.values(figures).reduce((sum, f) => sum + f[key], 0);
  return { first_load: { raw: total("raw"), gzip: total("gzip"), brotli: total("brotli") }, ...figures };
}

const report = {
  measured_at: new Date().toISOString(),
  budget_gzip: 300 * 1024,
  marketplace: firstLoad(dist),
};
const apps = ["marketplace", ...readdirSync(join(dist, "apps")).sort()];
for (const app of apps.slice(1)) report[app] = firstLoad(join(dist, "apps", app));
if (bare) {
  report.bare_leptos = firstLoad(bare);
  for (const app of apps) {
    report[app].gzip_to_bare_leptos = +(report[app].first_load.gzip / report.bare_leptos.first_load.gzip).toFixed(2);
  }
}
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, JSON.stringify(report, null, 2) + "\n");
for (const app of apps) {
  console.log(app);
  for (const kind of Object.keys(kinds)) {
    const f = report[app][kind];
    console.log(`  ${kind.padEnd(5)} raw ${kb(f.raw).padStart(10)}  gzip ${kb(f.gzip).padStart(9)}  brotli ${kb(f.brotli).padStart(9)}`);
  }
  const load = report[app].first_load;
  const ratio = bare ? `, ${report[app].gzip_to_bare_leptos}x the bare Leptos page` : "";
  console.log(`  first load: gzip ${kb(load.gzip)} (budget ${kb(report.budget_gzip)})${ratio}, brotli ${kb(load.brotli)}`);
}
if (bare) {
  const load = report.bare_leptos.first_load;
  console.log(`bare Leptos page (anchor): gzip ${kb(load.gzip)}, brotli ${kb(load.brotli)}`);
}
console.log(`written to ${out}`);
