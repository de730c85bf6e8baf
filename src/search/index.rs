//! The search index: which pages hold which character bigram of their folded text (the way
//! Lucene's CJK analyzer indexes Chinese, which has no spaces to split words at). A query's
//! bigrams give the candidate pages; each candidate is then confirmed against its text, so
//! every page whose text contains the query is found, and only those.

use std::borrow::Cow;

use rayon::prelude::*;

use super::fold::{folding, is_word_char};

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

/// One page holding a bigram: how often, and whether its title does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Posting {
    /// The bigram's two code points in one number (the first in the high half).
    pub key: u64,
    pub doc: u32,
    /// How often, shifted left by one, with the lowest bit set when the title has it: a
    /// posting is 16 bytes, and a large site has millions.
    count_and_title: u32,
}

impl Posting {
    pub fn new(key: u64, doc: u32, count: u32, in_title: bool) -> Posting {
        Posting { key, doc, count_and_title: count.min(u32::MAX >> 1) << 1 | u32::from(in_title) }
    }
    pub fn count(&self) -> u32 {
        self.count_and_title >> 1
    }
    pub fn in_title(&self) -> bool {
        self.count_and_title & 1 == 1
    }
}

/// How many shards the postings are spread over (see [`super::output`]).
pub const SHARDS: usize = 256;

/// The index of a site's pages: postings by shard, each shard sorted by bigram, then page.
pub struct Index<'a> {
    pub docs: Vec<Document<'a>>,
    pub shards: Vec<Vec<Posting>>,
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
    let mut previous: Option<char> = None;
    folded.chars().filter_map(move |c| {
        let pair = match (previous, is_word_char(c)) {
            (Some(p), true) => Some([p, c]),
            _ => None,
        };
        previous = is_word_char(c).then_some(c);
        pair
    })
}

impl<'a> Index<'a> {
    pub fn build(docs: Vec<Document<'a>>) -> Index<'a> {
        // Each thread files its pages' postings into shards of its own; the shards are then
        // joined and sorted. No page's postings are kept apart from the shards.
        let mut shards = docs
            .par_iter()
            .enumerate()
            .fold(
                || vec![Vec::new(); SHARDS],
                |mut shards: Vec<Vec<Posting>>, (i, doc)| {
                    for posting in doc_postings(i as u32, doc) {
                        shards[shard_of(pair(posting.key))].push(posting);
                    }
                    shards
                },
            )
            .reduce(
                || vec![Vec::new(); SHARDS],
                |mut a, b| {
                    a.iter_mut().zip(b).for_each(|(into, from)| into.extend(from));
                    a
                },
            );
        shards.par_iter_mut().for_each(|shard| shard.sort_unstable_by_key(|p| (p.key, p.doc)));
        Index { docs, shards }
    }

    /// The postings of a bigram, by page.
    pub fn postings(&self, bigram: [char; 2]) -> &[Posting] {
        let shard = &self.shards[shard_of(bigram)];
        let key = key(bigram);
        let start = shard.partition_point(|p| p.key < key);
        let end = shard.partition_point(|p| p.key <= key);
        &shard[start..end]
    }

    /// A page's text as searched: its title, then what else it is found by, then its text,
    /// a line each, folded.
    pub fn folded_text(&self, doc: u32) -> String {
        let doc = &self.docs[doc as usize];
        folding().fold(&format!("{}\n{}\n{}", doc.title, doc.extra, doc.text))
    }

    /// The pages whose text contains every word of `query` (words are separated by spaces),
    /// best first: matches in the title first, then more matches, then newer.
    pub fn search(&self, query: &str) -> Vec<u32> {
        let words = query_words(query);
        if words.is_empty() {
            return Vec::new();
        }
        let mut candidates: Option<Vec<u32>> = None;
        for pair in words.iter().flat_map(|w| bigrams(w).collect::<Vec<_>>()) {
            let docs: Vec<u32> = self.postings(pair).iter().map(|p| p.doc).collect();
            candidates = Some(match candidates {
                None => docs,
                Some(before) => intersect(&before, &docs),
            });
        }
        let candidates = candidates.unwrap_or_else(|| (0..self.docs.len() as u32).collect());
        let mut found: Vec<(bool, usize, &str, u32)> = candidates
            .into_iter()
            .filter_map(|d| {
                let text = self.folded_text(d);
                words.iter().all(|w| text.contains(w.as_str())).then_some((d, text))
            })
            .map(|(d, text)| {
                let title = text.split('\n').next().unwrap_or("");
                let in_title = words.iter().all(|w| title.contains(w.as_str()));
                let matches = words.iter().map(|w| text.matches(w.as_str()).count()).sum();
                (in_title, matches, self.docs[d as usize].date.as_str(), d)
            })
            .collect();
        found.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.cmp(&a.1)).then(b.2.cmp(a.2)).then(a.3.cmp(&b.3)));
        found.into_iter().map(|(_, _, _, d)| d).collect()
    }
}

/// One page's bigrams with how often each occurs and whether its title has it, sorted by
/// bigram. The text is folded as it is read, never copied; bigrams are sorted as numbers.
fn doc_postings(doc: u32, document: &Document) -> Vec<Posting> {
    let title: Vec<u64> = folded_bigrams(&document.title).map(key).collect();
    let mut keys: Vec<u64> = title.clone();
    keys.extend(folded_bigrams(&document.extra).map(key));
    keys.extend(folded_bigrams(&document.text).map(key));
    keys.sort_unstable();
    keys.chunk_by(|a, b| a == b).map(|run| Posting::new(run[0], doc, run.len() as u32, title.contains(&run[0]))).collect()
}

/// The bigrams of `text` as folded, without making the folded text.
fn folded_bigrams(text: &str) -> impl Iterator<Item = [char; 2]> + '_ {
    let f = folding();
    let mut previous: Option<char> = None;
    text.chars().filter_map(move |c| {
        let c = f.fold_char(c);
        let pair = match (previous, is_word_char(c)) {
            (Some(p), true) => Some([p, c]),
            _ => None,
        };
        previous = is_word_char(c).then_some(c);
        pair
    })
}

/// The folded words of a query, each of two characters or more.
pub fn query_words(query: &str) -> Vec<String> {
    let folded = folding().fold(query);
    folded.split_whitespace().filter(|w| w.chars().count() >= 2).map(str::to_owned).collect()
}

fn intersect(a: &[u32], b: &[u32]) -> Vec<u32> {
    let (mut i, mut j, mut out) = (0, 0, Vec::new());
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                out.push(a[i]);
                i += 1;
                j += 1;
            }
        }
    }
    out
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
    }

    #[test]
    fn bigrams_stop_at_punctuation() {
        let pairs: Vec<String> = bigrams("上门，催收 ab").map(|p| p.iter().collect()).collect();
        assert_eq!(pairs, ["上门", "催收", "ab"]);
    }
}
