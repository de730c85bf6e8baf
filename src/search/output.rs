//! The index as files the search page loads: a small `meta.json` (sizes and the folding
//! table), page lists in chunks, and the bigram postings in gzip-compressed binary shards, so
//! that a query loads only the shards of its bigrams. The pages' texts are not copied into
//! the index: the search page reads a result's own page for its excerpt, which also confirms
//! it, so the index stays small and quick to write. Compressed with fixed settings and no
//! timestamp: the same index gives the same bytes on every machine.

use std::io::Write;

use rayon::prelude::*;
use serde::Serialize;

use super::fold::folding;
use super::index::{pair, write_varint, Document, Index, PostingList, SHARDS};

/// Where the files go, below the output root.
pub const DIR: &str = "search";
/// Pages listed per `docs-K.json`.
pub const DOCS_PER_FILE: usize = 100;

/// What the search page reads first.
#[derive(Serialize)]
struct Meta<'a> {
    version: u32,
    docs: usize,
    shards: usize,
    docs_per_file: usize,
    /// Traditional → Simplified pairs, one after the other: `門门與与…`.
    fold: String,
    /// Pairs of wordings of one word, folded ([`super::wording`]).
    wordings: &'a [(String, String)],
}

/// Every file the index of `pages` pages is written as.
pub fn paths(pages: usize) -> Vec<String> {
    let mut paths = vec![format!("{DIR}/meta.json")];
    paths.extend((0..pages.div_ceil(DOCS_PER_FILE)).map(|k| format!("{DIR}/docs-{k}.json")));
    paths.extend((0..SHARDS).map(|s| format!("{DIR}/shard-{s}.bin")));
    paths
}

/// Every file of the index: (path below the output root, bytes).
pub fn files(index: &Index) -> Vec<(String, Vec<u8>)> {
    let fold: String = folding().table().into_iter().flat_map(|(from, to)| [from, to]).collect();
    let wordings = index.wordings.pairs();
    let meta = Meta { version: 3, docs: index.docs.len(), shards: SHARDS, docs_per_file: DOCS_PER_FILE, fold, wordings };
    let mut files = vec![(format!("{DIR}/meta.json"), json(&meta))];
    files.extend(page_lists(&index.docs));
    files.par_extend(index.shards().enumerate().map(|(s, lists)| {
        let mut lists: Vec<(u64, &PostingList)> = lists.iter().map(|(key, list)| (*key, list)).collect();
        lists.sort_unstable_by_key(|(key, _)| *key);
        (format!("{DIR}/shard-{s}.bin"), gzip(&shard_bytes(&lists)))
    }));
    files
}

/// The page lists of `docs`: what a result shows of each page (address, title, region, date).
/// Each edition has its own, beside postings that can be shared.
pub fn page_lists(docs: &[Document]) -> Vec<(String, Vec<u8>)> {
    let rows = |chunk: &[Document]| -> Vec<u8> {
        let rows: Vec<[&str; 4]> = chunk.iter().map(|d| [d.url.as_str(), d.title.as_str(), d.region.as_str(), d.date.as_str()]).collect();
        json(&rows)
    };
    docs.chunks(DOCS_PER_FILE).enumerate().map(|(k, chunk)| (format!("{DIR}/docs-{k}.json"), rows(chunk))).collect()
}

/// Whether `path` is one of the page lists [`page_lists`] makes.
pub fn is_page_list(path: &str) -> bool {
    path.strip_prefix(DIR).is_some_and(|rest| rest.starts_with("/docs-"))
}

/// A shard's bytes: for each bigram, in order, its two code points and the length of its
/// postings (LEB128 varints), then the postings as [`PostingList`] encodes them.
fn shard_bytes(lists: &[(u64, &PostingList)]) -> Vec<u8> {
    let mut out = Vec::with_capacity(lists.iter().map(|(_, l)| l.bytes().len() + 8).sum());
    for (key, list) in lists {
        let [a, b] = pair(*key);
        write_varint(&mut out, a as u32);
        write_varint(&mut out, b as u32);
        write_varint(&mut out, list.bytes().len() as u32);
        out.extend_from_slice(list.bytes());
    }
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
        let mut bytes_read = Vec::new();
        std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(&bytes[..]), &mut bytes_read).unwrap();
        // 催 U+50AC, 收 U+6536, then page 0 twice with its title, page 1 (电话催收, folded) once.
        let mut expected = Vec::new();
        for v in [0x50AC, 0x6536] {
            write_varint(&mut expected, v);
        }
        let list = index().lists().find(|(k, _)| *k == crate::search::index::key(['催', '收'])).unwrap().1.bytes().to_vec();
        write_varint(&mut expected, list.len() as u32);
        expected.extend_from_slice(&list);
        assert!(bytes_read.windows(expected.len()).any(|w| w == expected));
        let postings: Vec<_> = index().postings(['催', '收']).map(|p| (p.doc, p.count, p.in_title)).collect();
        assert_eq!(postings, vec![(0, 2, true), (1, 1, false)]);
        assert!(meta["fold"].as_str().unwrap().contains("門门"));
    }

    #[test]
    fn the_files_are_the_ones_named_in_advance() {
        let index = index();
        let written: Vec<String> = files(&index).into_iter().map(|(path, _)| path).collect();
        assert_eq!(written, paths(index.docs.len()));
    }
}
