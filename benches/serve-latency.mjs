// Time from saving a file to the reloaded page under `regionreport serve`, measured in headless
// Chromium: for an article body edit, an article title edit and a region-file edit, each saved
// the way editors save (write a temporary file, rename it over the original).
//
//   cargo build --release && (cd tests/browser && npm ci)
//   node benches/serve-latency.mjs SITE [EDITS]
//
// SITE is a site folder (for instance one made by `cargo run --release --example synth --
// --articles 10000 --regions 34 /tmp/site`) or `example` for this repository's content. It is
// copied to a temporary folder first, so the original is never edited. Prints, per kind of
// edit, the time to the server's reload event and to the reloaded page's `load` event, and for
// comparison how long the browser takes to reload the same page when nothing changed.
import { spawn } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { get } from "node:http";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { chromium } from "../tests/browser/node_modules/playwright-core/index.mjs";

const repo = resolve(import.meta.dirname, "..");
const [source = "example", editsArg = "5"] = process.argv.slice(2);
const edits = Number(editsArg);
const site = mkdtempSync(join(tmpdir(), "regionreport-latency-"));
cpSync(source === "example" ? join(repo, "content") : join(source, "content"), join(site, "content"), { recursive: true });

const port = 20000 + Math.floor(Math.random() * 20000);
const server = spawn(join(repo, "target/release/regionreport"), ["serve", "--root", site, "--port", String(port)], {
  stdio: ["ignore", "pipe", "inherit"],
});
const base = await new Promise((ready, fail) => {
  server.stdout.on("data", (chunk) => {
    const found = String(chunk).match(/Serving .* at (\S+)/);
    if (found) ready(found[1]);
  });
  server.on("exit", (code) => fail(new Error(`serve exited with ${code}`)));
});

// The first article file (in name order) and the first region that is not a reference page.
const articleFile = firstFile(join(site, "content/articles"), ".md");
const articleText = readFileSync(articleFile, "utf8");
const articleSlug = articleText.match(/^slug:\s*(\S+)/m)?.[1] ?? articleFile.split("/").pop().replace(/\.md$/, "");
const regionFile = readdirSync(join(site, "content/regions"))
  .sort()
  .map((name) => join(site, "content/regions", name))
  .find((path) => !/^reference:\s*true/m.test(readFileSync(path, "utf8")));
const regionId = regionFile.split("/").pop().replace(/\.ya?ml$/, "");

const kinds = {
  "article body": {
    page: `articles/${articleSlug}/`,
    edit: (text, mark) => `${text.trimEnd()}\n\n${mark}\n`,
  },
  "article title": {
    page: `articles/${articleSlug}/`,
    edit: (text, mark) => text.replace(/^title:.*$/m, (line) => `${line} ${mark}`),
  },
  "region file": {
    page: `regions/${regionId}/`,
    edit: (text, mark) => text.replace(/^summary:.*$/m, (line) => `${line}${mark}`),
    file: regionFile,
  },
};

const events = listen(`${base}__regionreport/events`);
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
const rows = [];
try {
  for (const [name, kind] of Object.entries(kinds)) {
    const file = kind.file ?? articleFile;
    const original = readFileSync(file, "utf8");
    const page = await browser.newPage();
    await page.goto(base + kind.page, { waitUntil: "load" });
    const reloadAlone = [];
    for (let n = 1; n <= edits; n++) {
      const started = performance.now();
      await page.reload({ waitUntil: "load" });
      reloadAlone.push(performance.now() - started);
    }
    const toEvent = [];
    const toPage = [];
    for (let n = 1; n <= edits; n++) {
      const mark = `编辑${name.length}${n}号`;
      const loaded = page.waitForEvent("load", { timeout: 30000 });
      const reload = events.next();
      const saved = performance.now();
      save(file, kind.edit(original, mark));
      toEvent.push((await reload) - saved);
      await loaded;
      toPage.push(performance.now() - saved);
      if (!(await page.content()).includes(mark)) throw new Error(`${name}: the reloaded page does not show the edit`);
      // Let the watcher settle before the next edit.
      await new Promise((r) => setTimeout(r, 300));
    }
    save(file, original);
    await events.next();
    await page.close();
    rows.push([name, kind.page, summary(toEvent), summary(toPage), summary(reloadAlone)]);
  }
} finally {
  await browser.close();
  server.kill();
}

console.log(`| edit | page | save → reload event | save → page loaded | reload alone, no edit |`);
console.log(`|---|---|---|---|---|`);
for (const row of rows) console.log(`| ${row.join(" | ")} |`);

/// Writes `text` to `path` as editors do: into a temporary file, then renamed over it.
function save(path, text) {
  writeFileSync(`${path}.tmp~`, text);
  renameSync(`${path}.tmp~`, path);
}

function firstFile(dir, extension) {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      const found = firstFile(path, extension);
      if (found) return found;
    } else if (entry.name.endsWith(extension)) {
      return path;
    }
  }
  return undefined;
}

/// Subscribes to the server's event stream; `next()` resolves with the time of the next reload.
function listen(url) {
  const waiting = [];
  get(url, (response) => {
    let buffer = "";
    response.on("data", (chunk) => {
      buffer += chunk;
      let end;
      while ((end = buffer.indexOf("\n\n")) >= 0) {
        const message = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (message.includes("event: reload")) waiting.shift()?.(performance.now());
      }
    });
  });
  return { next: () => new Promise((resolve) => waiting.push(resolve)) };
}

function summary(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)];
  return `${Math.round(median)} ms (${Math.round(sorted[0])}–${Math.round(sorted[sorted.length - 1])})`;
}
