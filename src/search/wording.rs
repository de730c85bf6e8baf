//! Words said differently in mainland and Taiwan usage (软件 and 軟體, 信息 and 資訊, 人工智能
//! and 人工智慧, 搜索 and 搜尋): a query finds a page that says either. Folding maps
//! characters, not words, so each query word is also looked for in its other wordings
//! ([`Wordings::alternatives`]); the search page does the same with the pairs written into
//! the index's `meta.json`. Nothing is added to the index: its size and the time to build
//! it stay what they were.

use super::fold::folding;

/// At most this many wordings of one query word are looked for.
const MAX_ALTERNATIVES: usize = 8;

/// Pairs of wordings of one word, folded (`软件`, `软体`), sorted, each pair once.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Wordings {
    pairs: Vec<(String, String)>,
}

impl Wordings {
    /// The wordings of `pairs`, each side folded; pairs that fold to the same text, or whose
    /// side is shorter than a query word (two characters), are left out.
    pub fn new(pairs: impl IntoIterator<Item = (String, String)>) -> Wordings {
        let f = folding();
        let mut pairs: Vec<(String, String)> = pairs
            .into_iter()
            .map(|(a, b)| (f.fold(&a), f.fold(&b)))
            .filter(|(a, b)| a != b && a.chars().count() >= 2 && b.chars().count() >= 2)
            .map(|(a, b)| if a < b { (a, b) } else { (b, a) })
            .collect();
        pairs.sort();
        pairs.dedup();
        Wordings { pairs }
    }

    pub fn pairs(&self) -> &[(String, String)] {
        &self.pairs
    }

    /// `word` (folded) and its other wordings: each pair's one side replaced by the other
    /// wherever `word` holds it, pair after pair, on every wording found so far. The
    /// search page makes the same list the same way.
    pub fn alternatives(&self, word: &str) -> Vec<String> {
        let mut found = vec![word.to_string()];
        for (a, b) in &self.pairs {
            for at in 0..found.len() {
                for (from, to) in [(a, b), (b, a)] {
                    if found.len() < MAX_ALTERNATIVES && found[at].contains(from.as_str()) {
                        let other = found[at].replace(from.as_str(), to);
                        if !found.contains(&other) {
                            found.push(other);
                        }
                    }
                }
            }
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn taiwan() -> Wordings {
        let pairs = [("軟件", "軟體"), ("信息", "資訊"), ("人工智能", "人工智慧"), ("示例", "範例"), ("a", "b")];
        Wordings::new(pairs.map(|(a, b)| (a.to_string(), b.to_string())))
    }

    #[test]
    fn a_word_is_looked_for_in_each_wording() {
        let w = taiwan();
        assert_eq!(w.alternatives("人工智能"), ["人工智能", "人工智慧"]);
        assert_eq!(w.alternatives("人工智慧"), ["人工智慧", "人工智能"]);
        assert_eq!(w.alternatives("催收软件信息"), ["催收软件信息", "催收软件资讯", "催收软体信息", "催收软体资讯"]);
        assert_eq!(w.alternatives("催收"), ["催收"]);
        assert!(w.pairs().iter().all(|(a, b)| a < b), "{:?}", w.pairs());
        assert_eq!(w.pairs().len(), 4, "single characters are no query word");
    }
}
