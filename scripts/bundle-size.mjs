// The first load of the app: wasm, js and css, raw and gzip/brotli, from a Trunk dist folder.
import { readdirSync, readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { join, dirname } from "node:path";
import { gzipSync, brotliCompressSync, constants } from "node:zlib";

const [dist = "dist", out = "target/bench.json"] = process.argv.slice(2);
const kinds = { wasm: /\.wasm$/, js: /\.js$/, css: /\.css$/ };
// (the .br/.gz siblings that `make dist` writes end otherwise and are not counted)
const figures = {};
for (const [kind, pattern] of Object.entries(kinds)) {
  const files = readdirSync(dist).filter((f) => pattern.test(f));
  const bytes = Buffer.concat(files.map((f) => readFileSync(join(dist, f))));
  figures[kind] = {
    files: files.length,
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}
const total = (key) => Object.values(figures).reduce((sum, f) => sum + f[key], 0);
const report = {
  measured_at: new Date().toISOString(),
  first_load: { raw: total("raw"), gzip: total("gzip"), brotli: total("brotli") },
  budget_gzip: 300 * 1024,
  ...figures,
};
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, JSON.stringify(report, null, 2) + "\n");
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
for (const [kind, f] of Object.entries(figures)) {
  console.log(`${kind.padEnd(5)} raw ${kb(f.raw).padStart(10)}  gzip ${kb(f.gzip).padStart(9)}  brotli ${kb(f.brotli).padStart(9)}`);
}
console.log(`first load: gzip ${kb(report.first_load.gzip)} (budget ${kb(report.budget_gzip)}), brotli ${kb(report.first_load.brotli)}`);
console.log(`written to ${out}`);
