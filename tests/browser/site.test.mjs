// Browser tests: the example site served by `regionreport serve`, driven in headless Chromium.
// Run after a release build: `cd tests/browser && npm test` (`.ci/run` does both).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { chromium } from "playwright-core";

const repo = resolve(import.meta.dirname, "../..");
const binary = join(repo, "target/release/regionreport");
const screenshots = join(repo, "target/screenshots");
const port = 20000 + Math.floor(Math.random() * 20000);
const base = `http://127.0.0.1:${port}/regionreport/`;
const site = mkdtempSync(join(tmpdir(), "regionreport-browser-"));
const pages = {
  home: "",
  region: "regions/hunan/",
  national: "regions/national/",
  article: "articles/henan-home-visits/",
  articles: "articles/",
  compare: "compare/",
  tags: "tags/",
  tag: "tags/%E4%B8%8A%E9%97%A8%E5%82%AC%E6%94%B6/",
};
let server, browser;

before(async () => {
  cpSync(join(repo, "content"), join(site, "content"), { recursive: true });
  mkdirSync(screenshots, { recursive: true });
  server = spawn(binary, ["serve", "--root", site, "--port", String(port)], { stdio: ["ignore", "pipe", "inherit"] });
  await new Promise((ready, fail) => {
    server.stdout.on("data", (chunk) => String(chunk).includes("Serving") && ready());
    server.on("exit", (code) => fail(new Error(`serve exited with ${code}`)));
  });
  browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
});

after(async () => {
  await browser?.close();
  server?.kill();
});

/// Opens `path` and returns the page with the console errors and failed requests it had.
async function open(path, width = 1280) {
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  const problems = [];
  page.on("console", (m) => m.type() === "error" && problems.push(`console: ${m.text()}`));
  page.on("pageerror", (e) => problems.push(`error: ${e.message}`));
  // The event stream is cut when the page reloads: that is how reloading works, not a failure.
  page.on("requestfailed", (r) => !r.url().endsWith("__regionreport/events") && problems.push(`failed: ${r.url()} ${r.failure()?.errorText}`));
  page.on("response", (r) => r.status() >= 400 && problems.push(`${r.status()}: ${r.url()}`));
  await page.goto(base + path, { waitUntil: "load" });
  return { page, problems };
}

test("every page kind loads with no console errors and no failed requests", async () => {
  for (const [name, path] of Object.entries(pages)) {
    const { page, problems } = await open(path);
    assert.deepEqual(problems, [], `${name} (${path})`);
    assert.ok((await page.title()).length > 0, `${name} has a title`);
    await page.close();
  }
});

test("every chart is visible and its Chinese labels render", async () => {
  for (const path of [pages.home, pages.region, pages.article, pages.compare]) {
    const { page } = await open(path);
    // Charts load lazily: bring each into view and wait until it is decoded.
    const charts = await page.$$eval("figure.chart img", async (imgs) => {
      for (const img of imgs) {
        img.scrollIntoView();
        await img.decode().catch(() => {});
      }
      return imgs.map((img) => ({ src: img.src, natural: img.naturalWidth, width: img.getBoundingClientRect().width, height: img.getBoundingClientRect().height }));
    });
    assert.ok(charts.length > 0, `${path} shows charts`);
    for (const c of charts) assert.ok(c.natural > 0 && c.width > 100 && c.height > 50, `${c.src} is drawn: ${JSON.stringify(c)}`);
    await page.close();
  }
  // Inside a chart, Chinese text is laid out with a CJK font: glyphs as wide as they are high.
  const { page } = await open("charts/hunan-complaints.svg");
  const label = await page.evaluate(() => {
    const title = [...document.querySelectorAll("text")].find((t) => t.textContent.includes("湖南"));
    const box = title.getBBox();
    return { text: title.textContent.trim(), width: box.width, fontSize: parseFloat(title.getAttribute("font-size")), cjk: document.fonts.check("16px 'Noto Sans CJK SC'", "湖南") };
  });
  assert.ok(label.cjk, "a CJK font is available to the chart");
  const perChar = label.width / [...label.text].length;
  assert.ok(perChar > label.fontSize * 0.6, `Chinese glyphs have real width: ${JSON.stringify(label)}`);
  await page.close();
});

test("at phone width nothing overflows horizontally", async () => {
  for (const [name, path] of Object.entries(pages)) {
    const { page } = await open(path, 390);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `${name} overflows by ${overflow}px`);
    await page.close();
  }
});

test("screenshots of the main pages at desktop and phone widths", async () => {
  for (const name of ["home", "region", "article", "compare"]) {
    for (const [label, width] of [["desktop", 1280], ["phone", 390]]) {
      const { page } = await open(pages[name], width);
      await page.$$eval("img", (imgs) => Promise.all(imgs.map((img) => ((img.loading = "eager"), img.decode().catch(() => {})))));
      await page.screenshot({ path: join(screenshots, `${name}-${label}.png`), fullPage: true });
      await page.close();
    }
  }
});

test("live reload: an edit shows within 2 s, a broken file shows an overlay until fixed", async () => {
  const file = join(site, "content/regions/hunan.yaml");
  const original = readFileSync(file, "utf8");
  const { page, problems } = await open(pages.region);
  await page.waitForTimeout(300); // the event stream connects
  assert.ok((await page.content()).includes("4,051"));

  let started = Date.now();
  let reloaded = page.waitForEvent("load", { timeout: 2000 });
  writeFileSync(file, original.replace("value: 4051", "value: 4999"));
  await reloaded;
  assert.ok((await page.content()).includes("4,999"), "the new value is on the page");
  const reloadMs = Date.now() - started;

  writeFileSync(file, original.replace("value: 4051", "value: [broken"));
  const overlay = await page.waitForSelector("#regionreport-error", { timeout: 2000 });
  assert.match(await overlay.textContent(), /content\/regions\/hunan\.yaml:\d+:\d+/);

  reloaded = page.waitForEvent("load", { timeout: 2000 });
  writeFileSync(file, original);
  await reloaded;
  assert.equal(await page.$("#regionreport-error"), null, "the overlay is gone once the file is fixed");
  assert.ok((await page.content()).includes("4,051"));
  assert.deepEqual(problems, []);
  console.log(`reload after a region edit: ${reloadMs} ms`);
  await page.close();
});

test("the reload script is served, never written into the output", async () => {
  const { page } = await open(pages.home);
  assert.ok((await page.content()).includes("__regionreport/events"));
  assert.ok(!readFileSync(join(site, "output/index.html"), "utf8").includes("__regionreport"));
  await page.close();
});

test("missing paths get the 404 page and no directory listing", async () => {
  const page = await browser.newPage();
  const missing = await page.goto(base + "no/such/page/");
  assert.equal(missing.status(), 404);
  assert.ok((await page.content()).includes("页面不存在"));
  const folder = await page.goto(base + "charts/");
  assert.equal(folder.status(), 404, "a folder without index.html is not listed");
  await page.close();
});
