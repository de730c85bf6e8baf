// How quickly the search page shows its first results, and how much a query loads, measured
// in headless Chromium against `regionreport serve`.
//
//   cargo build --release && (cd tests/browser && npm ci)
//   node benches/search-latency.mjs SITE [QUERY...]
//
// SITE is a site folder (for instance one made by `cargo run --release --example synth --
// --articles 10000 --regions 34 /tmp/site`) or `example`. `serve` reads it in place and writes
// its output to memory. Each query is opened as a shared link (`search/?q=…`) in a fresh
// browser context (nothing cached) and again in the same context (the index cached). Prints,
// per query, the time from the start of navigation to the first result on screen, the number
// of results announced and the bytes loaded (index files and pages read for excerpts).
import { spawn } from "node:child_process";
import { join, resolve } from "node:path";
import { chromium } from "../tests/browser/node_modules/playwright-core/index.mjs";

const repo = resolve(import.meta.dirname, "..");
const [source = "example", ...given] = process.argv.slice(2);
const queries = given.length ? given : ["催收", "上门", "投诉", "上门催收", "催收行业", "上門催收", "催收 投诉"];
const site = source === "example" ? repo : source;

const port = 20000 + Math.floor(Math.random() * 20000);
const server = spawn(join(repo, "target/release/regionreport"), ["serve", "--root", site, "--port", String(port)], {
  stdio: ["ignore", "pipe", "inherit"],
});
// The site is served under its base URL's path: the address `serve` prints.
const base = await new Promise((ready, fail) => {
  server.stdout.on("data", (chunk) => {
    const url = String(chunk).match(/Serving .* at (\S+)/)?.[1];
    if (url) ready(url.endsWith("/") ? url : `${url}/`);
  });
  server.on("exit", (code) => fail(new Error(`serve exited with ${code}`)));
});
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });

/// Opens the query's link in `page`; returns [ms to the first result, results announced, bytes].
async function measure(page, query) {
  let bytes = 0;
  const count = (response) => response.body().then((b) => (bytes += b.length)).catch(() => {});
  page.on("response", count);
  const url = `${base}search/?q=${encodeURIComponent(query)}`;
  await page.goto(url, { waitUntil: "commit" });
  await page.waitForFunction(() => document.querySelector("#search-results li") || /没有找到/.test(document.getElementById("search-status").textContent), null, { timeout: 10000 });
  const shown = await page.evaluate(() => performance.now());
  await page.waitForFunction(() => [...document.querySelectorAll("#search-results li")].every((li) => li.querySelectorAll("p").length === 2), null, { timeout: 10000 });
  await page.waitForLoadState("networkidle");
  const status = await page.textContent("#search-status");
  page.off("response", count);
  return [Math.round(shown), status.match(/找到 (\d+)/)?.[1] ?? "0", bytes];
}

console.log("query\tcold ms\twarm ms\tresults\tcold KB");
for (const query of queries) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const [cold, results, bytes] = await measure(page, query);
  const [warm] = await measure(page, query);
  console.log(`${query}\t${cold}\t${warm}\t${results}\t${Math.round(bytes / 1024)}`);
  await context.close();
}
await browser.close();
server.kill();
