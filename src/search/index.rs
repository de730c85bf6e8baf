//! The search index: which pages hold which character bigram of their folded text (the way
//! Lucene's CJK analyzer indexes Chinese, which has no spaces to split words at). A query's
//! bigrams give the candidate pages; where each bigram starts in a page (modulo eight) rules
//! out most pages that hold the bigrams apart, and the text confirms the rest, so every page
//! whose text contains the query is found, and only those.

use std::borrow::Cow;

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use super::fold::{folding, is_word_char};
use super::wording::Wordings;

/// A page to index: what a result shows, and the text searched (borrowed from the rendered
/// site where it can be: ten thousand articles are a hundred MB of text).
#[derive(Debug, Clone)]
pub struct Document<'a> {
    pub url: String,
    pub title: String,
    /// The region's name, for articles and region pages.
    pub region: String,
    /// `YYYY-MM-DD` for articles; empty for other pages.
    pub date: String,
    /// What else a reader can find the page by: summary, tags, region.
    pub extra: String,
    /// The page's text, plain (an article's body).
    pub text: Cow<'a, str>,
}

/// One page holding a bigram.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Posting {
    pub doc: u32,
    /// How often the bigram occurs in the page.
    pub count: u32,
    /// Whether the page's title has it.
    pub in_title: bool,
    /// Bit `p` is set when the bigram starts at a character position `p` modulo 8.
    pub starts: u8,
}

/// How many shards the postings are spread over (see [`super::output`]).
pub const SHARDS: usize = 256;

/// The index of a site's pages: each bigram's postings, encoded as the shards hold them.
pub struct Index<'a> {
    pub docs: Vec<Document<'a>>,
    /// The lists of each shard's bigrams, by shard.
    shards: Vec<Lists>,
    /// The other wordings each query word is also looked for in.
    pub wordings: Wordings,
}

/// One bigram's pages in order, as bytes: for each page the difference from the page before
/// (the first from 0), how often times two plus one when the title has it (both as LEB128
/// varints), and the byte of [`Posting::starts`]. A large site has tens of millions of
/// postings; at three or four bytes each they fit where sixteen-byte structs did not.
#[derive(Debug, Default, Clone)]
pub struct PostingList {
    last: u32,
    len: u32,
    bytes: Vec<u8>,
}

impl PostingList {
    fn push(&mut self, posting: Posting) {
        let delta = if self.len == 0 { posting.doc } else { posting.doc - self.last };
        write_varint(&mut self.bytes, delta);
        write_varint(&mut self.bytes, posting.count.min(u32::MAX >> 1) << 1 | u32::from(posting.in_title));
        self.bytes.push(posting.starts);
        self.last = posting.doc;
        self.len += 1;
    }

    /// Appends `later`, whose pages all come after this list's.
    fn append(&mut self, later: PostingList) {
        if self.len == 0 {
            *self = later;
            return;
        }
        let mut at = 0;
        let first = read_varint(&later.bytes, &mut at);
        write_varint(&mut self.bytes, first - self.last);
        self.bytes.extend_from_slice(&later.bytes[at..]);
        self.last = later.last;
        self.len += later.len;
    }

    /// The encoded bytes, as a shard stores them.
    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }

    pub fn iter(&self) -> impl Iterator<Item = Posting> + '_ {
        let (mut at, mut doc) = (0, 0);
        std::iter::from_fn(move || {
            if at >= self.bytes.len() {
                return None;
            }
            doc += read_varint(&self.bytes, &mut at);
            let count = read_varint(&self.bytes, &mut at);
            let starts = self.bytes[at];
            at += 1;
            Some(Posting { doc, count: count >> 1, in_title: count & 1 == 1, starts })
        })
    }
}

pub fn write_varint(out: &mut Vec<u8>, mut value: u32) {
    while value >= 0x80 {
        out.push(value as u8 | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

fn read_varint(bytes: &[u8], at: &mut usize) -> u32 {
    let (mut value, mut shift) = (0u32, 0);
    while let Some(&byte) = bytes.get(*at) {
        *at += 1;
        value |= u32::from(byte & 0x7F) << shift;
        if byte < 0x80 {
            break;
        }
        shift += 7;
    }
    value
}

/// A bigram as one number, and back.
pub fn key([a, b]: [char; 2]) -> u64 {
    u64::from(a) << 32 | u64::from(b)
}

pub fn pair(key: u64) -> [char; 2] {
    [char::from_u32((key >> 32) as u32).unwrap_or('\0'), char::from_u32(key as u32).unwrap_or('\0')]
}

/// The shard of a bigram: FNV-1a over its two code points (the browser computes the same).
pub fn shard_of(pair: [char; 2]) -> usize {
    let mut hash: u32 = 0x811C_9DC5;
    for c in pair {
        hash ^= c as u32;
        hash = hash.wrapping_mul(0x0100_0193);
    }
    hash as usize % SHARDS
}

/// The bigrams of folded `text`: every two adjacent word characters.
pub fn bigrams(folded: &str) -> impl Iterator<Item = [char; 2]> + '_ {
    positioned_bigrams(folded).map(|(pair, _)| pair)
}

/// The bigrams of folded `text`, each with the character position it starts at.
fn positioned_bigrams(folded: &str) -> impl Iterator<Item = ([char; 2], usize)> + '_ {
    let mut previous: Option<char> = None;
    folded.chars().enumerate().filter_map(move |(at, c)| {
        let pair = match (previous, is_word_char(c)) {
            (Some(p), true) => Some(([p, c], at - 1)),
            _ => None,
        };
        previous = is_word_char(c).then_some(c);
        pair
    })
}

/// Bigrams (as [`key`]s) and their lists.
type Lists = FxHashMap<u64, PostingList>;

/// The posting lists of a run of consecutive pages, each added in page order. Runs made apart
/// (on different threads, or while the pages render) are joined in order by
/// [`Index::from_runs`], so every list stays sorted by page without sorting millions of
/// postings.
pub struct Run {
    /// By shard, as the index keeps them: each shard is joined and written on its own.
    shards: Vec<Lists>,
    /// One page's postings as they are counted (kept from page to page to reuse its room).
    page: FxHashMap<u64, Posting>,
}

impl Run {
    /// Adds page `doc` as each of `views` shows it (its title, what else it is found by, its
    /// text: one view per edition). A page holds a bigram if any view does; its count and
    /// the places it starts at are those of every view together. The browser confirms a
    /// result on the page itself, so a bigram one edition's page lacks costs nothing but a
    /// look at that page.
    pub fn add(&mut self, doc: u32, views: &[[&str; 3]]) {
        for &[title, extra, text] in views {
            doc_postings(doc, [title, extra, text], &mut self.page);
        }
        for (key, posting) in self.page.drain() {
            self.shards[shard_of(pair(key))].entry(key).or_default().push(posting);
        }
    }
}

impl Default for Run {
    fn default() -> Run {
        Run { shards: vec![Lists::default(); SHARDS], page: FxHashMap::default() }
    }
}

impl<'a> Index<'a> {
    pub fn build(docs: Vec<Document<'a>>) -> Index<'a> {
        let run = docs.len().div_ceil(rayon::current_num_threads() * 4).max(1);
        let runs: Vec<Run> = docs
            .par_chunks(run)
            .enumerate()
            .map(|(r, chunk)| {
                let mut lists = Run::default();
                for (i, doc) in chunk.iter().enumerate() {
                    lists.add((r * run + i) as u32, &[[&doc.title, &doc.extra, &doc.text]]);
                }
                lists
            })
            .collect();
        Index::from_runs(docs, runs)
    }

    /// The index of `docs` from the runs that hold their postings, in page order.
    pub fn from_runs(docs: Vec<Document<'a>>, runs: Vec<Run>) -> Index<'a> {
        let mut by_shard: Vec<Vec<Lists>> = (0..SHARDS).map(|_| Vec::with_capacity(runs.len())).collect();
        for run in runs {
            for (shard, lists) in by_shard.iter_mut().zip(run.shards) {
                shard.push(lists);
            }
        }
        let shards = by_shard
            .into_par_iter()
            .map(|runs| {
                let mut runs = runs.into_iter();
                let mut lists = runs.next().unwrap_or_default();
                for later in runs {
                    for (key, list) in later {
                        lists.entry(key).or_default().append(list);
                    }
                }
                lists
            })
            .collect();
        Index { docs, shards, wordings: Wordings::default() }
    }

    /// The text searched of page `page`.
    pub fn text(&self, page: usize) -> &str {
        &self.docs[page].text
    }

    /// The postings of a bigram, by page.
    pub fn postings(&self, bigram: [char; 2]) -> impl Iterator<Item = Posting> + '_ {
        self.shards[shard_of(bigram)].get(&key(bigram)).into_iter().flat_map(PostingList::iter)
    }

    /// Every bigram's key and postings, in no particular order.
    pub fn lists(&self) -> impl Iterator<Item = (u64, &PostingList)> {
        self.shards.iter().flatten().map(|(key, list)| (*key, list))
    }

    /// The bigrams and postings of each shard, by shard.
    pub fn shards(&self) -> impl IndexedParallelIterator<Item = &Lists> {
        self.shards.par_iter()
    }

    /// How many bigrams and postings the index holds.
    pub fn size(&self) -> (usize, usize) {
        (self.shards.iter().map(Lists::len).sum(), self.lists().map(|(_, l)| l.len as usize).sum())
    }

    /// A page's text as searched: its title, then what else it is found by, then its text,
    /// a line each, folded.
    pub fn folded_text(&self, page: u32) -> String {
        let doc = &self.docs[page as usize];
        folding().fold(&format!("{}\n{}\n{}", doc.title, doc.extra, self.text(page as usize)))
    }

    /// The pages that hold every bigram of `word` at the right distances from each other (as
    /// far as positions modulo 8 tell), with how often the rarest of them occurs and whether
    /// the title holds them all.
    /// The candidates of any of `wordings`: their pages merged, the best count and title
    /// of each page kept.
    fn candidates_any(&self, wordings: &[String]) -> Vec<(u32, u32, bool)> {
        let mut all: Vec<(u32, u32, bool)> = wordings.iter().flat_map(|w| self.candidates(w)).collect();
        all.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(b.2.cmp(&a.2)).then(b.1.cmp(&a.1)));
        all.dedup_by_key(|c| c.0);
        all
    }

    fn candidates(&self, word: &str) -> Vec<(u32, u32, bool)> {
        let mut found: Option<Vec<(u32, u32, bool, u8)>> = None;
        for (pair, offset) in positioned_bigrams(word) {
            let here = self.postings(pair).map(|p| (p.doc, p.count, p.in_title, p.starts.rotate_right(offset as u32 % 8)));
            found = Some(match found {
                None => here.collect(),
                Some(before) => {
                    let mut here = here.peekable();
                    before
                        .into_iter()
                        .filter_map(|(doc, count, title, starts)| {
                            while here.next_if(|p| p.0 < doc).is_some() {}
                            let p = here.next_if(|p| p.0 == doc)?;
                            let starts = starts & p.3;
                            (starts != 0).then_some((doc, count.min(p.1), title && p.2, starts))
                        })
                        .collect()
                }
            });
        }
        found.unwrap_or_default().into_iter().map(|(doc, count, title, _)| (doc, count, title)).collect()
    }

    /// The pages whose text contains every word of `query` (words are separated by spaces),
    /// best first: matches in the title first, then more matches, then earlier in the site.
    /// The index with `wordings` for its queries.
    pub fn with_wordings(self, wordings: Wordings) -> Index<'a> {
        Index { wordings, ..self }
    }

    /// The pages holding every word of `query` (each in one of its wordings), best first.
    pub fn search(&self, query: &str) -> Vec<u32> {
        let words: Vec<Vec<String>> = query_words(query).iter().map(|w| self.wordings.alternatives(w)).collect();
        let mut found: Option<Vec<(u32, u32, bool)>> = None;
        for word in &words {
            let here = self.candidates_any(word);
            found = Some(match found {
                None => here,
                Some(before) => before
                    .into_iter()
                    .filter_map(|(doc, count, title)| {
                        let at = here.binary_search_by_key(&doc, |h| h.0).ok()?;
                        Some((doc, count + here[at].1, title && here[at].2))
                    })
                    .collect(),
            });
        }
        let mut found: Vec<(u32, u32, bool)> = found
            .unwrap_or_default()
            .into_iter()
            .filter(|&(doc, _, _)| {
                let text = self.folded_text(doc);
                words.iter().all(|wordings| wordings.iter().any(|w| text.contains(w.as_str())))
            })
            .collect();
        found.sort_by(|a, b| b.2.cmp(&a.2).then(b.1.cmp(&a.1)).then(a.0.cmp(&b.0)));
        found.into_iter().map(|(doc, _, _)| doc).collect()
    }
}

/// One page's bigrams, each with its posting, added to `page`; `parts` are its title, what
/// else it is found by and its text. The text is folded as it is read, never copied.
fn doc_postings(doc: u32, parts: [&str; 3], page: &mut FxHashMap<u64, Posting>) {
    let f = folding();
    let [title, extra, text] = parts;
    let title_end = title.chars().count() as u32;
    // The three parts as one text, a line each: a plain loop over each (a chained iterator
    // costs a branch per character, and a page has thousands).
    let (mut at, mut previous) = (0u32, None);
    for part in [title, "\n", extra, "\n", text] {
        for c in part.chars() {
            let c = f.fold_char(c);
            let word = is_word_char(c);
            if let (Some(p), true) = (previous, word) {
                let start = at - 1;
                let posting = page.entry(key([p, c])).or_insert(Posting { doc, count: 0, in_title: false, starts: 0 });
                posting.count += 1;
                posting.in_title |= start < title_end;
                posting.starts |= 1 << (start % 8);
            }
            previous = word.then_some(c);
            at += 1;
        }
    }
}

/// The folded words of a query, each of two characters or more.
pub fn query_words(query: &str) -> Vec<String> {
    let folded = folding().fold(query);
    folded.split_whitespace().filter(|w| w.chars().count() >= 2).map(str::to_owned).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(title: &str, date: &str, text: &'static str) -> Document<'static> {
        Document {
            url: format!("{title}/"),
            title: title.into(),
            region: String::new(),
            date: date.into(),
            extra: String::new(),
            text: text.into(),
        }
    }

    #[test]
    fn every_page_holding_the_query_is_found_in_either_script() {
        let index = Index::build(vec![
            doc("上门催收的边界", "2024-01-01", "上门催收必须合法。"),
            doc("電話催收", "2024-02-01", "電話與上門催收都要錄音。"),
            doc("无关", "2024-03-01", "上门拜访与催收不同。"),
        ]);
        assert_eq!(index.search("上门催收"), vec![0, 1], "title match first");
        assert_eq!(index.search("上門催收"), vec![0, 1]);
        assert_eq!(index.search("上门 催收"), vec![0, 1, 2], "every word, anywhere");
        assert_eq!(index.search("录音"), vec![1]);
        assert!(index.search("催").is_empty(), "one character is not a query");
        assert!(index.search("门催收拜").is_empty());
        assert_eq!(index.search("录音。"), vec![1], "punctuation is part of the query");
        assert_eq!(index.search("電話與上門"), vec![1], "bigrams apart from the first keep their distance");
    }

    #[test]
    fn bigrams_held_apart_are_not_candidates() {
        // 催收 and 收费 both occur, never as 催收费: positions rule the page out before its
        // text is read.
        let index = Index::build(vec![doc("甲", "2024-01-01", "催收是一门生意，收费另算。"), doc("乙", "2024-01-01", "催收费用。")]);
        assert_eq!(index.candidates("催收费").iter().map(|c| c.0).collect::<Vec<_>>(), vec![1]);
    }

    #[test]
    fn lists_joined_from_runs_read_as_one() {
        let texts = ["催收", "无关", "催收催收", "催收"];
        let docs: Vec<Document> = texts.iter().map(|t| doc("题", "2024-01-01", t)).collect();
        let index = Index::build(docs.clone());
        let mut lists: FxHashMap<u64, PostingList> = FxHashMap::default();
        for (i, d) in docs.iter().enumerate() {
            let mut run = FxHashMap::<u64, PostingList>::default();
            let mut page = FxHashMap::default();
            doc_postings(i as u32, [&d.title, &d.extra, &d.text], &mut page);
            for (k, p) in page {
                run.entry(k).or_default().push(p);
            }
            for (k, l) in run {
                lists.entry(k).or_default().append(l);
            }
        }
        let docs_of = |l: &PostingList| l.iter().map(|p| (p.doc, p.count)).collect::<Vec<_>>();
        let k = key(['催', '收']);
        assert_eq!(docs_of(&lists[&k]), vec![(0, 1), (2, 2), (3, 1)]);
        assert_eq!(docs_of(&index.shards[shard_of(['催', '收'])][&k]), docs_of(&lists[&k]));
    }

    #[test]
    fn bigrams_stop_at_punctuation() {
        let pairs: Vec<String> = bigrams("上门，催收 ab").map(|p| p.iter().collect()).collect();
        assert_eq!(pairs, ["上门", "催收", "ab"]);
    }
}
