// Serves the offline preview's dist folder as souk-server serves its own: each
// app's pages (src/apps.rs, App::pages) get that app's build from apps/<app>/,
// any other unknown path the marketplace's. `make preview` and the browser tests.
//   node scripts/serve-preview.mjs <dist> [port]
import { createServer } from "node:http";
import { readFileSync, existsSync, statSync } from "node:fs";
import { join, extname, normalize } from "node:path";
import { pathToFileURL } from "node:url";

// As src/apps.rs has them (the browser tests load a page of each app here).
const APPS = {
  account: ["/billing", "/notifications", "/api-keys", "/account"],
  cabinet: ["/partner", "/apply", "/welcome"],
  moderation: ["/moderation"],
  builtins: ["/builtins"],
};
const TYPES = { ".html": "text/html", ".js": "text/javascript", ".wasm": "application/wasm", ".css": "text/css", ".json": "application/json", ".svg": "image/svg+xml" };

function page(path) {
  const answers = (pages) => pages.some((p) => path === p || path.startsWith(`${p}/`));
  const app = Object.keys(APPS).find((name) => answers(APPS[name]));
  return app ? `apps/${app}/index.html` : "index.html";
}

export function previewServer(root) {
  return createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, "http://x").pathname)).replace(/^(\.\.[/\\])+/, "");
    let file = join(root, path);
    if (!existsSync(file) || statSync(file).isDirectory()) file = join(root, page(path));
    res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" });
    res.end(readFileSync(file));
  });
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [root = "target/preview-dist", port = "8081"] = process.argv.slice(2);
  previewServer(root).listen(Number(port), "127.0.0.1", () => console.log(`The offline preview: http://127.0.0.1:${port}`));
}
