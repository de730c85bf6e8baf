// Browser tests: the example site served by `regionreport serve`, driven in headless Chromium.
// Run after a release build: `cd tests/browser && npm test` (`.ci/run` does both).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { chromium } from "playwright-core";
import AxeBuilder from "@axe-core/playwright";
import * as pdfjs from "pdfjs-dist/legacy/build/pdf.mjs";

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
  search: "search/?q=%E4%B8%8A%E9%97%A8%E5%82%AC%E6%94%B6",
  hantArticle: "zh-hant/articles/henan-home-visits/",
  hantRegion: "zh-hant/regions/hunan/",
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
async function open(path, width = 1280, colorScheme = "light") {
  const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme });
  const page = await context.newPage();
  page.on("close", () => context.close());
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

/// Loads every image of the page now (charts load lazily) and waits until each is decoded.
async function loadImages(page) {
  await page.$$eval("img", (imgs) => Promise.all(imgs.map((img) => ((img.loading = "eager"), img.decode().catch(() => {})))));
}

test("at 360 px nothing overflows and every chart is drawn whole", async () => {
  for (const [name, path] of Object.entries(pages)) {
    const { page } = await open(path, 360);
    await loadImages(page);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `${name} overflows by ${overflow}px`);
    const outside = await page.$$eval("figure.chart img", (imgs) =>
      imgs.map((img) => img.getBoundingClientRect()).filter((box) => box.left < 0 || box.right > window.innerWidth).map((box) => [box.left, box.right]),
    );
    assert.deepEqual(outside, [], `${name}: every chart's drawing fits the window`);
    await page.close();
  }
});

test("phones load the narrow drawing, desktops the wide one, and chart text stays at 11 px or more", async () => {
  for (const [width, suffix] of [[390, "-narrow.svg"], [1280, ".svg"]]) {
    for (const path of [pages.home, pages.region, pages.national, pages.article, pages.compare]) {
      const { page } = await open(path, width);
      await loadImages(page);
      const charts = await page.$$eval("figure.chart img", (imgs) =>
        Promise.all(
          imgs.map(async (img) => {
            const svg = new DOMParser().parseFromString(await (await fetch(img.currentSrc)).text(), "image/svg+xml");
            const viewBox = svg.documentElement.getAttribute("viewBox").split(" ").map(Number);
            const sizes = [...svg.querySelectorAll("text")].map((t) => parseFloat(t.getAttribute("font-size")));
            return { src: img.currentSrc, scale: img.getBoundingClientRect().width / viewBox[2], smallest: Math.min(...sizes) };
          }),
        ),
      );
      assert.ok(charts.length > 0, `${path} shows charts`);
      for (const chart of charts) {
        assert.ok(chart.src.endsWith(suffix) && (suffix !== ".svg" || !chart.src.endsWith("-narrow.svg")), `${width} px loads ${chart.src}`);
        assert.ok(chart.smallest * chart.scale >= 11, `${chart.src} at ${width} px: text at ${(chart.smallest * chart.scale).toFixed(1)} px`);
      }
      await page.close();
    }
  }
});

test("no accessibility violations at phone and desktop widths, light and dark", async () => {
  for (const [width, scheme] of [[390, "light"], [1280, "light"], [390, "dark"], [1280, "dark"]]) {
    for (const [name, path] of Object.entries(pages)) {
      const { page } = await open(path, width, scheme);
      await loadImages(page);
      // The live-reload script is serve's, not the site's; axe checks what is published.
      const results = await new AxeBuilder({ page }).analyze();
      const found = results.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
      assert.deepEqual(found, [], `${name} at ${width} px, ${scheme}`);
      await page.close();
    }
  }
});

test("a region page prints as an A4 report with no chart split across pages", async () => {
  for (const path of [pages.region, pages.national]) {
    const { page } = await open(path, 1280);
    await loadImages(page);
    // Each chart's caption (its first line: what it measures, when updated) and, from the
    // drawing print uses (the wide one), its title and source line.
    const charts = await page.$$eval("figure.chart", (figures) =>
      Promise.all(
        figures.map(async (figure) => {
          const img = figure.querySelector("img");
          const svg = new DOMParser().parseFromString(await (await fetch(img.src)).text(), "image/svg+xml");
          const texts = [...svg.querySelectorAll("text")].map((t) => t.textContent.trim());
          const caption = [...figure.querySelector("figcaption").childNodes].find((n) => n.nodeType === Node.TEXT_NODE && n.textContent.trim()).textContent.trim();
          return { caption, title: texts.find((t) => !t.startsWith("示例数据")), source: texts.find((t) => t.startsWith("来源：")) };
        }),
      ),
    );
    await page.emulateMedia({ media: "print" });
    const hidden = await page.$$eval(".site-header nav, .chart-tools, #downloads", (els) => els.filter((el) => el.offsetParent !== null).length);
    assert.equal(hidden, 0, "navigation and downloads are not printed");
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    writeFileSync(join(screenshots, `${path.split("/").filter(Boolean).pop()}-print.pdf`), pdf);
    const doc = await pdfjs.getDocument({ data: new Uint8Array(pdf), useSystemFonts: false }).promise;
    const pageTexts = [];
    for (let i = 1; i <= doc.numPages; i++) {
      const content = await (await doc.getPage(i)).getTextContent();
      const { width, height } = (await doc.getPage(i)).getViewport({ scale: 1 });
      assert.ok(Math.abs(width - 595) < 2 && Math.abs(height - 842) < 2, `A4 pages (${width} × ${height} pt)`);
      pageTexts.push(content.items.map((item) => item.str).join("").normalize("NFKC").replace(/\s+/g, ""));
    }
    assert.ok(doc.numPages >= 2 && doc.numPages <= 4 + charts.length, `${path}: ${doc.numPages} pages for ${charts.length} charts`);
    // Walk the printed text in order: each chart's caption, its title, then its source line;
    // all must fall on one page (the drawing itself is never cut, but a caption can be left
    // at the foot of one page with its chart on the next).
    const flat = (text) => text.normalize("NFKC").replace(/\s+/g, "");
    const starts = pageTexts.map((_, i) => pageTexts.slice(0, i).join("").length);
    const pageAt = (offset) => starts.findLastIndex((start) => start <= offset);
    const printedText = pageTexts.join("");
    let cursor = 0;
    for (const chart of charts) {
      const top = printedText.indexOf(flat(chart.caption), cursor);
      assert.ok(top >= 0, `${path}: the caption "${chart.caption}" is printed`);
      const title = printedText.indexOf(flat(chart.title), top);
      assert.ok(title >= 0, `${path}: "${chart.title}" is printed`);
      const bottom = printedText.indexOf(flat(chart.source), top);
      assert.ok(bottom >= 0, `${path}: the source of "${chart.title}" is printed`);
      assert.equal(pageAt(top), pageAt(bottom), `${path}: "${chart.title}" starts on page ${pageAt(top) + 1} and ends on page ${pageAt(bottom) + 1}`);
      cursor = bottom;
    }
    const printed = pageTexts.join("");
    if (path === pages.national) assert.ok(/<https?:\/\//.test(printed), "the address of each source is printed");
    if (path === pages.region) assert.ok(printed.includes("示例数据"), "the illustrative mark is printed");
    await page.close();
  }
});

test("screenshots of the main pages at phone and desktop widths, light and dark", async () => {
  for (const name of ["home", "region", "article", "compare"]) {
    for (const [label, width] of [["desktop", 1280], ["phone", 390]]) {
      for (const scheme of ["light", "dark"]) {
        const { page } = await open(pages[name], width, scheme);
        await loadImages(page);
        await page.screenshot({ path: join(screenshots, `${name}-${label}-${scheme}.png`), fullPage: true });
        await page.close();
      }
    }
  }
});

/// The searchable pages of the sitemap (articles, regions, compare/) whose `<main>` text
/// holds every word, as root-relative paths.
async function pagesHolding(words) {
  const { page } = await open("sitemap.xml");
  const urls = await page.$$eval("loc", (locs) => locs.map((l) => l.textContent));
  const holding = [];
  for (const url of urls) {
    const path = new URL(url).pathname.replace(/^\/regionreport\//, "").replace(/index\.html$/, "");
    if (!/^(articles\/(?!page\/)[^/]+|regions\/[^/]+|compare)\/$/.test(path)) continue;
    await page.goto(base + path);
    const text = await page.$eval("main", (m) => m.textContent);
    if (words.every((w) => text.includes(w))) holding.push(path);
  }
  await page.close();
  return holding.sort();
}

/// Runs `query` from a shared link and waits until every result shown has been read.
async function search(query, page, edition = "") {
  await page.goto(`${base}${edition}search/?q=${encodeURIComponent(query)}`);
  await page.waitForFunction(() => {
    const status = document.getElementById("search-status").textContent;
    const items = [...document.querySelectorAll("#search-results li")];
    return /找到|找不到/.test(status) && items.every((li) => li.querySelectorAll("p").length === 2);
  }, null, { timeout: 5000 });
  const found = await page.$$eval("#search-results li > a", (links) => links.map((a) => new URL(a.href).pathname));
  return found.map((p) => p.replace(/^\/regionreport\//, "").replace(edition, "").replace(/index\.html$/, "")).sort();
}

test("search finds every page with the query, in either script, from a shared link", async () => {
  const { page, problems } = await open("search/");
  const expected = await pagesHolding(["上门催收"]);
  assert.ok(expected.length >= 3, JSON.stringify(expected));
  assert.deepEqual(await search("上门催收", page), expected, "every page holding the query, and only those");
  const marks = await page.$$eval("#search-results mark", (marks) => marks.map((m) => m.textContent));
  assert.ok(marks.length > 0 && marks.every((m) => m === "上门催收"), "the match is marked in each excerpt");
  assert.equal(await page.getAttribute("#search-status", "aria-live"), "polite", "the count is announced");
  assert.match(await page.textContent("#search-status"), new RegExp(`找到 ${expected.length} 个页面`));
  assert.deepEqual(await search("上門催收", page), expected, "Traditional finds the same pages");

  const both = await pagesHolding(["湖南", "投诉"]);
  assert.ok(both.length > 0 && both.length < (await pagesHolding(["投诉"])).length, JSON.stringify(both));
  assert.deepEqual(await search("湖南 投诉", page), both, "words apart must all occur");

  assert.deepEqual(await search("zzzz", page), []);
  assert.match(await page.textContent("#search-status"), /没有找到包含“zzzz”的页面/);
  assert.deepEqual(problems, []);
  await page.close();
});

test("search results are reached by keyboard, and the header's box works without script", async () => {
  const { page } = await open("search/?q=%E5%82%AC%E6%94%B6");
  await page.waitForSelector("#search-results li > a");
  await page.focus("#search-input");
  await page.keyboard.press("ArrowDown");
  const first = await page.$eval("#search-results li > a", (a) => a.href);
  assert.equal(await page.evaluate(() => document.activeElement.href), first, "↓ moves from the box to the first result");
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowUp");
  assert.equal(await page.evaluate(() => document.activeElement.href), first);
  await page.keyboard.press("ArrowUp");
  assert.equal(await page.evaluate(() => document.activeElement.id), "search-input", "↑ from the first result returns to the box");
  await page.keyboard.press("ArrowDown");
  await Promise.all([page.waitForURL(first), page.keyboard.press("Enter")]);
  await page.close();

  // The header's box is a plain form: it reaches the search page even with script off.
  const context = await browser.newContext({ javaScriptEnabled: false });
  const plain = await context.newPage();
  await plain.goto(base + pages.region);
  await plain.fill(".site-search input[name=q]", "催收");
  await Promise.all([plain.waitForURL(/search\/(index\.html)?\?q=%E5%82%AC%E6%94%B6/), plain.click(".site-search button")]);
  await context.close();
});

test("the 简/繁 switch lands on the same page in the other edition, and the 繁體 edition searches its own text", async () => {
  const { page, problems } = await open(pages.region);
  await Promise.all([page.waitForURL(/\/zh-hant\/regions\/hunan\//), page.click('.editions a[lang="zh-Hant"]')]);
  assert.equal(await page.getAttribute("html", "lang"), "zh-Hant");
  assert.equal(await page.getAttribute('.editions a[lang="zh-Hant"]', "aria-current"), "true");
  assert.match(await page.textContent("h1"), /湖南/);
  await Promise.all([page.waitForURL(/\/regionreport\/regions\/hunan\//), page.click('.editions a[lang="zh-Hans"]')]);
  assert.equal(await page.getAttribute("html", "lang"), "zh-Hans");

  // The same query in either script finds the same pages, each edition's own.
  const simplified = await search("上门催收", page);
  assert.deepEqual(await search("上門催收", page, "zh-hant/"), simplified);
  assert.match(await page.textContent("#search-status"), /找到 \d+ 個網頁/, "the status speaks the edition's language");

  // Either wording finds the page, in either edition: the 繁體 page says 人工智慧 where the
  // first says 人工智能.
  const overview = ["articles/hunan-industry-overview/"];
  assert.deepEqual(await search("人工智慧", page, "zh-hant/"), overview);
  assert.deepEqual(await search("人工智能", page, "zh-hant/"), overview, "the mainland word finds the Taiwan page");
  const marks = await page.$$eval("#search-results mark", (marks) => marks.map((m) => m.textContent));
  assert.ok(marks.includes("人工智慧"), `the page's own wording is marked: ${marks}`);
  assert.deepEqual(await search("人工智慧", page), overview, "and the Taiwan word the mainland page");
  assert.deepEqual(problems, []);
  await page.close();
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
  const hant = await page.goto(base + "zh-hant/no/such/page/");
  assert.equal(hant.status(), 404);
  assert.ok((await page.content()).includes("找不到網頁"), "a missing page of the 繁體 edition gets that edition's 404 page");
  const folder = await page.goto(base + "charts/");
  assert.equal(folder.status(), 404, "a folder without index.html is not listed");
  await page.close();
});
