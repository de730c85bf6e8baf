// Search for regionreport sites. The query is folded as the index was (Traditional to
// Simplified by the table in meta.json, full width to ASCII, lower case), each word is also
// looked for in its other wordings (软件 and 软体: the pairs in meta.json), its character
// bigrams are looked up in the shards that hold them, and each result shown is confirmed
// against its own text (read from the page, which also gives the excerpt). No
// dependencies; every request stays on this site.
(() => {
  "use strict";
  const script = document.currentScript;
  const data = new URL(script.dataset.index, document.baseURI);
  const form = document.getElementById("search-form");
  const input = document.getElementById("search-input");
  const status = document.getElementById("search-status");
  // The messages are the page's, in its edition's language: `{name}` where a value goes.
  const say = (name, values = {}) => (form.dataset[name] || "").replace(/\{(\w+)\}/g, (_, key) => values[key] ?? "");
  const list = document.getElementById("search-results");
  const SHOWN = 20;
  const cache = new Map();

  /// A data file, fetched once: JSON, or a gzip-compressed binary shard (`.bin`).
  function load(name) {
    if (!cache.has(name)) {
      cache.set(name, (async () => {
        const response = await fetch(new URL(name, data));
        if (!response.ok) throw new Error(`${name}: ${response.status}`);
        if (!name.endsWith(".bin")) return response.json();
        const bytes = new Uint8Array(await response.arrayBuffer());
        // A host may already have undone the compression.
        const plain = bytes[0] === 0x1f && bytes[1] === 0x8b
          ? new Uint8Array(await new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"))).arrayBuffer())
          : bytes;
        return readShard(plain);
      })());
    }
    return cache.get(name);
  }

  /// LEB128 varints, as the index writes every number.
  function reader(bytes) {
    let at = 0;
    return {
      more: () => at < bytes.length,
      next() {
        let value = 0, scale = 1, byte;
        do {
          byte = bytes[at++];
          value += (byte & 0x7f) * scale;
          scale *= 128;
        } while (byte & 0x80);
        return value;
      },
      take(length) {
        at += length;
        return bytes.subarray(at - length, at);
      },
    };
  }

  /// A shard: bigram → its postings, still encoded (only a query's bigrams are decoded).
  function readShard(bytes) {
    const lists = new Map();
    const r = reader(bytes);
    while (r.more()) {
      const pair = String.fromCodePoint(r.next(), r.next());
      lists.set(pair, r.take(r.next()));
    }
    return lists;
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

  /// Every two adjacent word characters: [bigram, where it starts].
  function bigrams(chars) {
    const pairs = [];
    for (let i = 1; i < chars.length; i++) if (isWord(chars[i - 1]) && isWord(chars[i])) pairs.push([chars[i - 1] + chars[i], i - 1]);
    return pairs;
  }

  /// FNV-1a over the bigram's two code points, as the index was written.
  function shardOf(pair) {
    let hash = 0x811c9dc5;
    for (const c of pair) hash = Math.imul(hash ^ c.codePointAt(0), 0x01000193) >>> 0;
    return hash % meta.shards;
  }

  /// Postings as parallel arrays, sorted by page: `pages`, `counts`, `titles` (1 when the
  /// title holds it) and `starts` (start positions modulo 8 as bits).
  function postings(encoded) {
    const pages = [], counts = [], titles = [], starts = [];
    if (encoded) {
      const r = reader(encoded);
      for (let page = 0; r.more();) {
        page += r.next();
        const count = r.next();
        pages.push(page);
        counts.push(count >>> 1);
        titles.push(count & 1);
        starts.push(r.take(1)[0]);
      }
    }
    return { pages, counts, titles, starts };
  }

  const rotate = (bits, by) => ((bits >>> by) | (bits << (8 - by))) & 0xff;

  /// The pages in both `a` and `b` (postings sorted by page), kept when `keep` gives start
  /// bits other than 0; counts are combined by `combine`, titles must hold both.
  function intersect(a, b, combine, keep) {
    const out = { pages: [], counts: [], titles: [], starts: [] };
    for (let i = 0, j = 0; i < a.pages.length && j < b.pages.length;) {
      if (a.pages[i] < b.pages[j]) i++;
      else if (a.pages[i] > b.pages[j]) j++;
      else {
        const bits = keep(a.starts[i], b.starts[j]);
        if (bits) {
          out.pages.push(a.pages[i]);
          out.counts.push(combine(a.counts[i], b.counts[j]));
          out.titles.push(a.titles[i] & b.titles[j]);
          out.starts.push(bits);
        }
        i++;
        j++;
      }
    }
    return out;
  }

  /// Pages holding every bigram of `word` at the right distances from each other (as far
  /// as start positions modulo 8 tell), with the count of the rarest bigram.
  async function wordCandidates(word) {
    let found = null;
    for (const [pair, offset] of bigrams(word)) {
      const here = postings((await load(`shard-${shardOf(pair)}.bin`)).get(pair));
      here.starts = here.starts.map((bits) => rotate(bits, offset % 8));
      found = found ? intersect(found, here, Math.min, (a, b) => a & b) : here;
    }
    return found ?? postings(null);
  }

  /// The pages in `a` or `b` (postings sorted by page), each with its better count and title.
  function union(a, b) {
    const out = { pages: [], counts: [], titles: [], starts: [] };
    const take = (from, k) => ["pages", "counts", "titles", "starts"].forEach((key) => out[key].push(from[key][k]));
    let i = 0, j = 0;
    while (i < a.pages.length || j < b.pages.length) {
      if (j >= b.pages.length || (i < a.pages.length && a.pages[i] < b.pages[j])) take(a, i++);
      else if (i >= a.pages.length || b.pages[j] < a.pages[i]) take(b, j++);
      else {
        take(a, i);
        const k = out.pages.length - 1;
        out.counts[k] = Math.max(a.counts[i], b.counts[j]);
        out.titles[k] = a.titles[i] | b.titles[j];
        i++;
        j++;
      }
    }
    return out;
  }

  /// `word` (folded) and its other wordings: each pair's one side replaced by the other
  /// wherever a wording holds it, pair after pair, at most eight, as the index's own search
  /// makes them.
  function alternatives(word) {
    const found = [word];
    for (const [a, b] of meta.wordings) {
      for (let at = 0, known = found.length; at < known; at++) {
        for (const [from, to] of [[a, b], [b, a]]) {
          if (found.length < 8 && found[at].includes(from)) {
            const other = found[at].split(from).join(to);
            if (!found.includes(other)) found.push(other);
          }
        }
      }
    }
    return found;
  }

  /// Pages holding every word (each in one of its wordings), with their matches summed.
  async function candidates(words) {
    // Every shard the query needs, asked for at once.
    await Promise.all(words.flat().flatMap(bigrams).map(([pair]) => load(`shard-${shardOf(pair)}.bin`)));
    let found = null;
    for (const wordings of words) {
      let here = null;
      for (const word of wordings) {
        const one = await wordCandidates(word);
        here = here ? union(here, one) : one;
      }
      found = found ? intersect(found, here, (a, b) => a + b, () => 1) : here;
    }
    return found ?? postings(null);
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

  /// The text around the first match, with every word of the query (in any wording) marked.
  function excerpt(text, words) {
    const chars = Array.from(text.replace(/\s+/g, " "));
    const folded = chars.map(foldChar).join("");
    const foldedChars = Array.from(folded);
    const at = Math.min(...words[0].map((w) => folded.indexOf(w.join(""))).filter((i) => i >= 0));
    const first = Array.from(folded.slice(0, Number.isFinite(at) ? at : 0)).length;
    words = words.flat();
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

  let more = null;
  async function run(query) {
    list.replaceChildren();
    more?.remove();
    await ready();
    const words = fold(query.trim()).join("").split(/\s+/).filter((w) => Array.from(w).length >= 2)
      .map((w) => alternatives(w).map((a) => Array.from(a)));
    if (words.length === 0) {
      status.textContent = query.trim() ? say("tooShort") : "";
      return;
    }
    status.textContent = say("running");
    const found = await candidates(words);
    // Title matches first, then more matches, then the site's order (newest articles first).
    const ranked = found.pages.map((_, i) => i)
      .sort((a, b) => (found.titles[b] - found.titles[a]) || (found.counts[b] - found.counts[a]) || (found.pages[a] - found.pages[b]))
      .map((i) => found.pages[i]);
    const site = new URL("../", data);
    let total = ranked.length, next = 0;
    const announce = () => {
      const shown = list.children.length;
      status.textContent = total === 0
        ? say("none", { query: query.trim() })
        : say(total > shown ? "foundSome" : "found", { total, shown });
    };
    /// Shows a result; its excerpt follows when the page has been read, which also confirms
    /// it (pages holding the query's bigrams apart are rare, and are taken out).
    function show([url, title, region, date]) {
      const item = document.createElement("li");
      const link = document.createElement("a");
      link.href = new URL(url, site).href;
      link.textContent = title;
      const about = document.createElement("p");
      about.className = "meta";
      about.textContent = [region, date].filter(Boolean).join(" · ");
      item.append(link, about);
      list.append(item);
      pageText(link.href).then((text) => {
        const folded = fold(text).join("");
        if (words.every((wordings) => wordings.some((w) => folded.includes(w.join(""))))) {
          item.append(excerpt(text, words));
        } else {
          item.remove();
          total -= 1;
          announce();
        }
      }).catch(() => {});
    }
    async function showMore() {
      // Asked for at once, shown in order as each arrives.
      const infos = ranked.slice(next, next + SHOWN).map(pageInfo);
      next += infos.length;
      for (const info of infos) {
        show(await info);
        if (list.children.length === 1) announce();
      }
      if (next < ranked.length) {
        more ??= Object.assign(document.createElement("button"), { type: "button", className: "search-more" });
        more.textContent = say("more", { n: Math.min(SHOWN, ranked.length - next) });
        more.onclick = () => {
          const first = list.children.length;
          showMore().then(() => list.children[first]?.querySelector("a")?.focus());
        };
        list.after(more);
      } else {
        more?.remove();
      }
      announce();
    }
    await showMore();
  }

  // Arrow keys move between the box and the results; links keep their usual keys.
  document.addEventListener("keydown", (event) => {
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
    const links = [...list.querySelectorAll("li > a")];
    const at = links.indexOf(document.activeElement);
    if (document.activeElement === input && event.key === "ArrowDown" && links.length) {
      links[0].focus();
    } else if (at >= 0) {
      const to = at + (event.key === "ArrowDown" ? 1 : -1);
      (to < 0 ? input : links[Math.min(to, links.length - 1)]).focus();
    } else {
      return;
    }
    event.preventDefault();
  });

  const query = new URLSearchParams(location.search).get("q") ?? "";
  input.value = query;
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const url = new URL(location.href);
    url.searchParams.set("q", input.value);
    history.replaceState(null, "", url);
    run(input.value).catch((error) => (status.textContent = say("error") + error.message));
  });
  if (query) run(query).catch((error) => (status.textContent = say("error") + error.message));
})();
