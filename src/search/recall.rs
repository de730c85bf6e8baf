//! How to tell that search finds every page: a query set made from the site's own text, and
//! each query's results compared with a plain substring scan of every page.

use super::fold::is_word_char;
use super::index::{query_words, Index};

/// `count` random substrings of two to four word characters from the pages' texts (seeded),
/// plus every name in `names` (tags, regions); each also written in Traditional script.
pub fn query_set(index: &Index, names: &[String], count: usize, seed: u64) -> Vec<String> {
    let mut state = seed;
    let mut next = move || {
        state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        (z ^ (z >> 31)) as usize
    };
    let mut queries: Vec<String> = Vec::new();
    let mut attempts = 0;
    while queries.len() < count && attempts < count * 50 && !index.docs.is_empty() {
        attempts += 1;
        let text: Vec<char> = index.text(next() % index.docs.len()).chars().collect();
        if text.len() < 4 {
            continue;
        }
        let length = 2 + next() % 3;
        let start = next() % (text.len() - length);
        let piece: String = text[start..start + length].iter().collect();
        if piece.chars().all(is_word_char) {
            queries.push(piece);
        }
    }
    queries.extend(names.iter().filter(|n| n.chars().count() >= 2).cloned());
    let traditional: Vec<String> = queries.iter().map(|q| crate::content::script::to_site_script(q, "zh-Hant")).collect();
    queries.extend(traditional);
    queries
}

/// What a query set found.
#[derive(Debug, Default)]
pub struct Recall {
    pub queries: usize,
    /// Pages that contain all of a query's words: found by the scan.
    pub expected: usize,
    /// (query, page url) the index did not return though the page contains the query.
    pub missed: Vec<(String, String)>,
    /// (query, page url) returned though the page does not contain the query.
    pub wrong: Vec<(String, String)>,
}

impl Recall {
    /// The share of expected pages found, from 0 to 1.
    pub fn ratio(&self) -> f64 {
        if self.expected == 0 {
            1.0
        } else {
            1.0 - self.missed.len() as f64 / self.expected as f64
        }
    }
}

/// Runs every query through `index` and through a scan of every page's folded text.
pub fn measure(index: &Index, queries: &[String]) -> Recall {
    let texts: Vec<String> = (0..index.docs.len() as u32).map(|d| index.folded_text(d)).collect();
    let mut recall = Recall { queries: queries.len(), ..Recall::default() };
    for query in queries {
        let words = query_words(query);
        let expected: Vec<usize> =
            (0..texts.len()).filter(|&d| !words.is_empty() && words.iter().all(|w| texts[d].contains(w.as_str()))).collect();
        let mut found: Vec<usize> = index.search(query).into_iter().map(|d| d as usize).collect();
        found.sort_unstable();
        recall.expected += expected.len();
        let url = |d: usize| index.docs[d].url.clone();
        recall.missed.extend(expected.iter().filter(|d| found.binary_search(d).is_err()).map(|d| (query.clone(), url(*d))));
        recall.wrong.extend(found.iter().filter(|d| expected.binary_search(d).is_err()).map(|d| (query.clone(), url(*d))));
    }
    recall
}
