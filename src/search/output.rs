//! The index as files the search page loads: a small `meta.json` (sizes and the folding
//! table), page lists in chunks, and the bigram postings in gzip-compressed shards, so that a
//! query loads only the shards of its bigrams. The pages' texts are not copied into the
//! index: the search page reads a result's own page for its excerpt, and to confirm a
//! candidate of a longer query, so the index stays small and quick to write. Compressed with fixed settings and no timestamp: the same index gives the same
//! bytes on every machine.

use std::io::Write;

use rayon::prelude::*;
use serde::Serialize;

use super::fold::folding;
use super::index::{pair, Index, Posting, SHARDS};

/// Where the files go, below the output root.
pub const DIR: &str = "search";
/// Pages listed per `docs-K.json`.
pub const DOCS_PER_FILE: usize = 100;

/// What the search page reads first.
#[derive(Serialize)]
struct Meta {
    version: u32,
    docs: usize,
    shards: usize,
    docs_per_file: usize,
    /// Traditional → Simplified pairs, one after the other: `門门與与…`.
    fold: String,
}

/// Every file the index of `pages` pages is written as.
pub fn paths(pages: usize) -> Vec<String> {
    let mut paths = vec![format!("{DIR}/meta.json")];
    paths.extend((0..pages.div_ceil(DOCS_PER_FILE)).map(|k| format!("{DIR}/docs-{k}.json")));
    paths.extend((0..SHARDS).map(|s| format!("{DIR}/shard-{s}.bin")));
    paths
}

/// The shard of a bigram: FNV-1a over its two code points (the browser computes the same).
pub fn shard_of(pair: [char; 2], shards: usize) -> usize {
    let mut hash: u32 = 0x811C_9DC5;
    for c in pair {
        hash ^= c as u32;
        hash = hash.wrapping_mul(0x0100_0193);
    }
    hash as usize % shards
}

/// Every file of the index: (path below the output root, bytes).
pub fn files(index: &Index) -> Vec<(String, Vec<u8>)> {
    let shards = SHARDS;
    debug_assert_eq!(index.shards.len(), shards);
    let fold: String = folding().table().into_iter().flat_map(|(from, to)| [from, to]).collect();
    let meta = Meta { version: 1, docs: index.docs.len(), shards, docs_per_file: DOCS_PER_FILE, fold };
    let mut files = vec![(format!("{DIR}/meta.json"), json(&meta))];
    for (k, chunk) in index.docs.chunks(DOCS_PER_FILE).enumerate() {
        let rows: Vec<[&str; 4]> = chunk.iter().map(|d| [d.url.as_str(), d.title.as_str(), d.region.as_str(), d.date.as_str()]).collect();
        files.push((format!("{DIR}/docs-{k}.json"), json(&rows)));
    }
    files.par_extend(
        index.shards.par_iter().enumerate().map(|(s, shard)| (format!("{DIR}/shard-{s}.bin"), gzip(shard_json(shard).as_bytes()))),
    );
    files
}

/// A shard as JSON: `{"催收":[0,-2,1,1],…}`, each bigram's pages as differences from the one
/// before, each count negative when the bigram is in the page's title. Written by hand: the
/// shards hold every posting of the site.
fn shard_json(shard: &[Posting]) -> String {
    let mut out = String::with_capacity(shard.len() * 6 + 2);
    out.push('{');
    for (n, run) in shard.chunk_by(|a, b| a.key == b.key).enumerate() {
        if n > 0 {
            out.push(',');
        }
        let [a, b] = pair(run[0].key);
        // Two word characters (letters, digits, CJK): nothing in them needs escaping.
        out.push('"');
        out.push(a);
        out.push(b);
        out.push_str("\":[");
        let mut previous = 0i64;
        for (i, p) in run.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            let count = if p.in_title() { -i64::from(p.count()) } else { i64::from(p.count()) };
            out.push_str(&format!("{},{count}", i64::from(p.doc) - previous));
            previous = i64::from(p.doc);
        }
        out.push(']');
    }
    out.push('}');
    out
}

fn json(value: &impl Serialize) -> Vec<u8> {
    // Serializing strings, numbers and maps with string keys cannot fail.
    serde_json::to_vec(value).unwrap_or_default()
}

/// Gzip with a fixed level (the fastest: a tenth larger than the default, three times
/// quicker), no name, time 0 and the "unknown" system byte.
fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::GzBuilder::new().mtime(0).operating_system(255).write(Vec::new(), flate2::Compression::fast());
    // Writing into a Vec cannot fail.
    let _ = encoder.write_all(bytes);
    encoder.finish().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::index::Document;

    fn index() -> Index<'static> {
        let doc = |t: &str, x: &'static str| Document {
            url: format!("{t}/"),
            title: t.into(),
            region: "湖南".into(),
            date: "2024-01-01".into(),
            extra: String::new(),
            text: x.into(),
        };
        Index::build(vec![doc("上门催收", "上门催收必须合法。"), doc("電話", "電話催收")])
    }

    #[test]
    fn the_same_index_gives_the_same_bytes() {
        assert_eq!(files(&index()), files(&index()));
    }

    #[test]
    fn postings_are_found_in_their_shard() {
        let files = files(&index());
        let meta: serde_json::Value = serde_json::from_slice(&files[0].1).unwrap();
        let shards = meta["shards"].as_u64().unwrap() as usize;
        let shard = crate::search::index::shard_of(['催', '收']);
        assert_eq!(shards, SHARDS);
        let (_, bytes) = files.iter().find(|(p, _)| *p == format!("search/shard-{shard}.bin")).unwrap();
        let mut text = String::new();
        std::io::Read::read_to_string(&mut flate2::read::GzDecoder::new(&bytes[..]), &mut text).unwrap();
        let shard: serde_json::Value = serde_json::from_str(&text).unwrap();
        // Page 0 has 催收 twice, once in its title; page 1 (电话催收, folded) once.
        assert_eq!(shard["催收"], serde_json::json!([0, -2, 1, 1]));
        assert!(meta["fold"].as_str().unwrap().contains("門门"));
    }

    #[test]
    fn the_files_are_the_ones_named_in_advance() {
        let index = index();
        let written: Vec<String> = files(&index).into_iter().map(|(path, _)| path).collect();
        assert_eq!(written, paths(index.docs.len()));
    }
}
