// Lighthouse on the built example site: every category must score 100 on the home page, a
// region, an article and compare/, on a phone (Lighthouse's default) and on a desktop.
// Usage: node lighthouse.mjs [output folder] (default: ../../output, built by `cargo run -- build`).
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { extname, join, resolve, normalize } from "node:path";
import lighthouse from "lighthouse";
import desktop from "lighthouse/core/config/desktop-config.js";
import * as chromeLauncher from "chrome-launcher";

const output = resolve(process.argv[2] ?? join(import.meta.dirname, "../../output"));
const types = { ".html": "text/html; charset=utf-8", ".css": "text/css", ".svg": "image/svg+xml", ".csv": "text/csv; charset=utf-8", ".xml": "application/xml", ".json": "application/json", ".txt": "text/plain" };

// A plain static server, as a static host serves the site (the site lives under /regionreport/,
// its base path, so relative links are checked as they will be published).
const server = createServer(async (request, response) => {
  const path = decodeURIComponent(new URL(request.url, "http://x").pathname).replace(/^\/regionreport\//, "/");
  let file = normalize(join(output, path));
  if (!file.startsWith(output)) return response.writeHead(403).end();
  if (file.endsWith("/")) file = join(file, "index.html");
  try {
    const body = await readFile(file);
    response.writeHead(200, { "content-type": types[extname(file)] ?? "application/octet-stream", "cache-control": "max-age=3600" }).end(body);
  } catch {
    response.writeHead(404, { "content-type": "text/html; charset=utf-8" }).end(await readFile(join(output, "404.html")).catch(() => ""));
  }
});
await new Promise((ready) => server.listen(0, "127.0.0.1", ready));
const base = `http://127.0.0.1:${server.address().port}/regionreport/`;

const chrome = await chromeLauncher.launch({ chromePath: "/usr/bin/chromium", chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu"] });
const pages = ["", "regions/hunan/", "articles/henan-home-visits/", "compare/"];
const failures = [];
for (const [label, config] of [["phone", undefined], ["desktop", desktop]]) {
  for (const path of pages) {
    const result = await lighthouse(base + path, { port: chrome.port, output: "json", logLevel: "error" }, config);
    const scores = Object.fromEntries(Object.entries(result.lhr.categories).map(([id, c]) => [id, Math.round(c.score * 100)]));
    console.log(`${label} /${path}: ${JSON.stringify(scores)}`);
    for (const [id, score] of Object.entries(scores)) {
      if (score < 100) {
        const audits = Object.values(result.lhr.audits).filter((a) => a.score !== null && a.score < 1 && result.lhr.categories[id].auditRefs.some((r) => r.id === a.id && r.weight > 0));
        failures.push(`${label} /${path}: ${id} ${score} (${audits.map((a) => `${a.id}: ${a.displayValue ?? a.score}`).join("; ")})`);
      }
    }
  }
}
await chrome.kill();
server.close();
if (failures.length > 0) {
  console.error(failures.join("\n"));
  process.exit(1);
}
