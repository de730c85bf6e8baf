//! The search index: which pages hold which character bigram of their folded text (the way
//! Lucene's CJK analyzer indexes Chinese, which has no spaces to split words at). A query's
//! bigrams give the candidate pages; each candidate is then confirmed against its text, so
//! every page whose text contains the query is found, and only those.

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use super::fold::{folding, is_word_char};

/// A page to index: what a result shows, and the text searched.
#[derive(Debug, Clone)]
pub struct Document {
    pub url: String,
    pub title: String,
    /// The region's name, for articles and region pages.
    pub region: String,
    /// `YYYY-MM-DD` for articles; empty for other pages.
    pub date: String,
    /// Everything a reader can find the page by (title, summary, body, tags, region), plain.
    pub text: String,
}

/// One page holding a bigram: how often, and whether its title does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Posting {
    pub doc: u32,
    pub count: u32,
    pub in_title: bool,
}

/// The index of a site's pages.
pub struct Index {
    pub docs: Vec<Document>,
    pub postings: FxHashMap<[char; 2], Vec<Posting>>,
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

impl Index {
    pub fn build(docs: Vec<Document>) -> Index {
        let per_doc: Vec<Vec<([char; 2], Posting)>> = docs.par_iter().enumerate().map(|(i, doc)| doc_postings(i as u32, doc)).collect();
        let mut postings: FxHashMap<[char; 2], Vec<Posting>> = FxHashMap::default();
        // Documents in order, so each list is sorted by page.
        for entries in per_doc {
            for (pair, posting) in entries {
                postings.entry(pair).or_default().push(posting);
            }
        }
        Index { docs, postings }
    }

    /// A page's text as searched: its title, a line break, its text, folded.
    pub fn folded_text(&self, doc: u32) -> String {
        let doc = &self.docs[doc as usize];
        folding().fold(&format!("{}\n{}", doc.title, doc.text))
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
            let docs: Vec<u32> = self.postings.get(&pair).map_or(Vec::new(), |list| list.iter().map(|p| p.doc).collect());
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
/// bigram. The text is folded as it is read, never copied.
fn doc_postings(doc: u32, document: &Document) -> Vec<([char; 2], Posting)> {
    let title: Vec<[char; 2]> = folded_bigrams(&document.title).collect();
    let mut pairs: Vec<[char; 2]> = title.clone();
    pairs.extend(folded_bigrams(&document.text));
    pairs.sort_unstable();
    pairs.chunk_by(|a, b| a == b).map(|run| (run[0], Posting { doc, count: run.len() as u32, in_title: title.contains(&run[0]) })).collect()
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

    fn doc(title: &str, date: &str, text: &str) -> Document {
        Document { url: format!("{title}/"), title: title.into(), region: String::new(), date: date.into(), text: text.into() }
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
