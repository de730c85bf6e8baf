// Recall of Pagefind on a built site, against the query set and expected pages that
// `examples/search_recall.rs --json FILE` writes (every page whose text contains the query).
//
//   npx pagefind_extended --site OUTPUT          (indexes OUTPUT into OUTPUT/pagefind)
//   node benches/pagefind-recall.mjs OUTPUT QUERIES.json [BASE]
//
// BASE is the site's base path (default /regionreport/). Runs each query with Pagefind's own
// search script in headless Chromium (playwright-core, from tests/browser) and prints the
// share of expected pages it returned.
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { readFileSync } from "node:fs";
import { extname, join, normalize, resolve } from "node:path";
import { createRequire } from "node:module";

const require = createRequire(join(import.meta.dirname, "../tests/browser/package.json"));
const { chromium } = require("playwright-core");
const [output, queriesFile, base = "/regionreport/"] = process.argv.slice(2);
const root = resolve(output);
const types = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".css": "text/css", ".json": "application/json", ".wasm": "application/wasm" };
const server = createServer(async (request, response) => {
  let path = decodeURIComponent(new URL(request.url, "http://x").pathname);
  path = path.startsWith(base) ? path.slice(base.length - 1) : path;
  let file = normalize(join(root, path));
  if (file.endsWith("/")) file = join(file, "index.html");
  try {
    response.writeHead(200, { "content-type": types[extname(file)] ?? "application/octet-stream" }).end(await readFile(file));
  } catch {
    response.writeHead(404).end();
  }
});
await new Promise((ready) => server.listen(0, "127.0.0.1", ready));
const origin = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox"] });
const page = await browser.newPage();
await page.goto(origin + base);
await page.evaluate(async (base) => {
  window.pf = await import(base + "pagefind/pagefind.js");
  await window.pf.init();
}, base);
const set = JSON.parse(readFileSync(queriesFile, "utf8"));
const normalizeUrl = (url) => url.replace(base, "").replace(/index\.html$/, "").replace(/^\//, "");
let expected = 0, found = 0, complete = 0;
const misses = [];
for (const { query, pages } of set) {
  const urls = await page.evaluate(async (q) => {
    const search = await window.pf.search(q);
    const data = await Promise.all(search.results.map((r) => r.data()));
    return data.map((d) => d.url);
  }, query);
  const got = new Set(urls.map(normalizeUrl));
  const want = pages.map(normalizeUrl);
  const hit = want.filter((u) => got.has(u)).length;
  expected += want.length;
  found += hit;
  if (hit === want.length) complete += 1;
  else if (misses.length < 10) misses.push(`${query}: ${hit} of ${want.length}`);
}
console.log(`${set.length} queries: recall ${(found / expected).toFixed(4)} (${found} of ${expected} pages); every page found for ${complete} queries`);
for (const miss of misses) console.log(`  ${miss}`);
await browser.close();
server.close();
