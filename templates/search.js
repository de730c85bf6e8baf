// Search for regionreport sites. The query is folded as the index was (Traditional to
// Simplified by the table in meta.json, full width to ASCII, lower case), its character
// bigrams are looked up in the shards that hold them, and candidate pages are confirmed
// against their own text (read from the page, which also gives the excerpt). No
// dependencies; every request stays on this site.
(() => {
  "use strict";
  const script = document.currentScript;
  const data = new URL(script.dataset.index, document.baseURI);
  const form = document.getElementById("search-form");
  const input = document.getElementById("search-input");
  const status = document.getElementById("search-status");
  const list = document.getElementById("search-results");
  const SHOWN = 20;
  /// At most this many candidates of a longer query are read to confirm them.
  const CONFIRMED_AT_MOST = 200;
  const cache = new Map();

  /// A data file, fetched once: JSON, or gzip-compressed JSON (`.bin`).
  function load(name) {
    if (!cache.has(name)) {
      cache.set(name, (async () => {
        const response = await fetch(new URL(name, data));
        if (!response.ok) throw new Error(`${name}: ${response.status}`);
        if (!name.endsWith(".bin")) return response.json();
        const bytes = new Uint8Array(await response.arrayBuffer());
        // A host may already have undone the compression.
        const stream = bytes[0] === 0x1f && bytes[1] === 0x8b
          ? new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"))
          : new Blob([bytes]).stream();
        return JSON.parse(await new Response(stream).text());
      })());
    }
    return cache.get(name);
  }

  let meta, folding;
  const isWord = (c) => /[\p{Alphabetic}\p{N}]/u.test(c);
  function foldChar(c) {
    const cp = c.codePointAt(0);
    if (cp >= 0xff01 && cp <= 0xff5e) return String.fromCodePoint(cp - 0xff01 + 0x21).toLowerCase();
    if (cp === 0x3000) return " ";
    if (cp < 0x80) return c.toLowerCase();
    return folding.get(c) ?? c;
  }
  const fold = (text) => Array.from(text, foldChar);

  function bigrams(chars) {
    const pairs = [];
    for (let i = 1; i < chars.length; i++) if (isWord(chars[i - 1]) && isWord(chars[i])) pairs.push(chars[i - 1] + chars[i]);
    return pairs;
  }

  /// FNV-1a over the bigram's two code points, as the index was written.
  function shardOf(pair) {
    let hash = 0x811c9dc5;
    for (const c of pair) hash = Math.imul(hash ^ c.codePointAt(0), 0x01000193) >>> 0;
    return hash % meta.shards;
  }

  /// Pages holding every bigram of the query: page → [smallest count, in title].
  async function candidates(pairs) {
    let found = null;
    for (const pair of pairs) {
      const shard = await load(`shard-${shardOf(pair)}.bin`);
      const encoded = shard[pair] || [];
      const here = new Map();
      for (let i = 0, page = 0; i < encoded.length; i += 2) {
        page += encoded[i];
        here.set(page, [Math.abs(encoded[i + 1]), encoded[i + 1] < 0]);
      }
      if (found === null) found = here;
      else for (const [page, [count, title]] of found) {
        const other = here.get(page);
        if (!other) found.delete(page);
        else found.set(page, [Math.min(count, other[0]), title && other[1]]);
      }
    }
    return found ?? new Map();
  }

  const chunk = (page, size) => Math.floor(page / size);
  const texts = new Map();
  /// A page's text, as its `<main>` shows it.
  function pageText(url) {
    if (!texts.has(url)) {
      texts.set(url, fetch(url).then((r) => r.text()).then((html) => {
        const page = new DOMParser().parseFromString(html, "text/html");
        return (page.querySelector("main") ?? page.body).textContent;
      }));
    }
    return texts.get(url);
  }
  async function pageInfo(page) {
    const docs = await load(`docs-${chunk(page, meta.docs_per_file)}.json`);
    return docs[page % meta.docs_per_file];
  }

  /// The text around the first match, with every word of the query marked.
  function excerpt(text, words) {
    const chars = Array.from(text.replace(/\s+/g, " "));
    const folded = chars.map(foldChar).join("");
    const foldedChars = Array.from(folded);
    const first = Array.from(folded.slice(0, Math.max(0, folded.indexOf(words[0].join(""))))).length;
    const start = Math.max(0, first - 30), end = Math.min(chars.length, first + 90);
    const p = document.createElement("p");
    if (start > 0) p.append("…");
    let i = start;
    while (i < end) {
      const word = words.find((w) => foldedChars.slice(i, i + w.length).join("") === w.join(""));
      if (word) {
        const mark = document.createElement("mark");
        mark.textContent = chars.slice(i, i + word.length).join("");
        p.append(mark);
        i += word.length;
      } else {
        p.append(chars[i]);
        i += 1;
      }
    }
    if (end < chars.length) p.append("…");
    return p;
  }

  /// The index's sizes and the folding table, read once.
  async function ready() {
    if (folding) return;
    meta = await load("meta.json");
    const pairs = Array.from(meta.fold);
    folding = new Map();
    for (let i = 0; i + 1 < pairs.length; i += 2) folding.set(pairs[i], pairs[i + 1]);
  }

  async function run(query) {
    list.replaceChildren();
    await ready();
    const words = fold(query.trim()).join("").split(/\s+/).filter((w) => Array.from(w).length >= 2).map((w) => Array.from(w));
    if (words.length === 0) {
      status.textContent = query.trim() ? "请输入至少两个字。" : "";
      return;
    }
    status.textContent = "正在搜索…";
    const found = await candidates([...new Set(words.flatMap(bigrams))]);
    const ranked = [...found].sort((a, b) => (b[1][1] - a[1][1]) || (b[1][0] - a[1][0]) || (a[0] - b[0]));
    const exact = words.every((w) => w.length === 2 && isWord(w[0]) && isWord(w[1]));
    const site = new URL("../", data);
    const read = (page) => pageInfo(page).then((info) => pageText(new URL(info[0], site).href).then((text) => [info, text]));
    let shown = 0, confirmed = 0, looked = 0;
    /// Shows a result; its excerpt follows when the page's text has been read.
    function show([url, title, region, date], text) {
      const item = document.createElement("li");
      const link = document.createElement("a");
      link.href = new URL(url, site).href;
      link.textContent = title;
      const about = document.createElement("p");
      about.className = "meta";
      about.textContent = [region, date].filter(Boolean).join(" · ");
      item.append(link, about);
      list.append(item);
      shown += 1;
      Promise.resolve(text).then((text) => item.append(excerpt(text, words))).catch(() => {});
    }
    if (exact) {
      // A query of two-character words needs no confirmation (its bigrams are its words):
      // the results are shown at once, their excerpts as the pages are read.
      const infos = await Promise.all(ranked.slice(0, SHOWN).map(([page]) => pageInfo(page)));
      for (const info of infos) show(info, pageText(new URL(info[0], site).href));
      status.textContent = `找到 ${ranked.length} 个页面${ranked.length > SHOWN ? `，显示前 ${SHOWN} 个` : ""}。`;
      return;
    }
    // Candidates of a longer query are read ten at a time in rank order, each shown once
    // its text confirms it.
    const limit = Math.min(ranked.length, CONFIRMED_AT_MOST);
    for (let i = 0; i < limit; i += 10) {
      const batch = await Promise.all(ranked.slice(i, Math.min(i + 10, limit)).map(([page]) => read(page)));
      for (const [info, text] of batch) {
        looked += 1;
        const folded = fold(text).join("");
        if (!words.every((w) => folded.includes(w.join("")))) continue;
        confirmed += 1;
        if (shown < SHOWN) show(info, text);
      }
    }
    const partial = looked < ranked.length ? `（在前 ${looked} 个候选页面中）` : "";
    status.textContent = confirmed === 0 && !partial
      ? `没有找到包含“${query.trim()}”的页面。`
      : `找到 ${confirmed} 个页面${partial}${confirmed > SHOWN ? `，显示前 ${SHOWN} 个` : ""}。`;
  }

  const query = new URLSearchParams(location.search).get("q") ?? "";
  input.value = query;
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const url = new URL(location.href);
    url.searchParams.set("q", input.value);
    history.replaceState(null, "", url);
    run(input.value).catch((error) => (status.textContent = `搜索出错：${error.message}`));
  });
  if (query) run(query).catch((error) => (status.textContent = `搜索出错：${error.message}`));
})();
