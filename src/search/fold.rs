//! Folding: the one way both the index and a reader's query are written before they meet, so
//! that 上門催收 finds pages written 上门催收 and the reverse, `ＡＰＰ` finds `app`.
//!
//! Traditional characters become Simplified by a table made from OpenCC's own conversion
//! (every CJK character passed through OpenCC's Traditional-to-Simplified conversion
//! once, per process), full-width ASCII becomes ASCII, letters become lower
//! case. The browser folds queries with the same table, written into the search data.

use std::sync::OnceLock;

/// The character ranges whose Traditional forms are folded: CJK Unified Ideographs, its
/// Extension A, and the compatibility ideographs.
const RANGES: [(u32, u32); 3] = [(0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF)];

/// Traditional → Simplified, character by character, as OpenCC converts each alone.
pub struct Folding {
    /// Indexed by code point from [`FIRST`]: the folded character, or `'\0'` for itself. An
    /// array rather than a map, as every character of every page goes through it.
    table: Vec<char>,
}

/// The first and last code points of [`RANGES`].
const FIRST: u32 = 0x3400;
const LAST: u32 = 0xFAFF;

/// The folding of this process, made on first use.
pub fn folding() -> &'static Folding {
    static FOLDING: OnceLock<Folding> = OnceLock::new();
    FOLDING.get_or_init(Folding::from_opencc)
}

impl Folding {
    fn from_opencc() -> Folding {
        let characters: Vec<char> = RANGES.iter().flat_map(|&(from, to)| (from..=to).filter_map(char::from_u32)).collect();
        // One conversion of every character, each on its own line so that no phrase spans two.
        let joined: String = characters.iter().flat_map(|c| [*c, '\n']).collect();
        let converted = crate::content::script::to_site_script(&joined, "zh-Hans");
        let mut table = vec!['\0'; (LAST - FIRST + 1) as usize];
        for (from, to) in characters.iter().zip(converted.split('\n')) {
            let mut chars = to.chars();
            if let (Some(to), None) = (chars.next(), chars.next()) {
                if to != *from {
                    table[(*from as u32 - FIRST) as usize] = to;
                }
            }
        }
        Folding { table }
    }

    pub fn fold_char(&self, c: char) -> char {
        match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFF01 + 0x21).map_or(c, |c| c.to_ascii_lowercase()),
            '\u{3000}' => ' ',
            'A'..='Z' => c.to_ascii_lowercase(),
            c if c.is_ascii() => c,
            c => match self.table.get((c as u32).wrapping_sub(FIRST) as usize) {
                Some(&folded) if folded != '\0' => folded,
                _ => c,
            },
        }
    }

    /// `text` folded, character for character (the result has as many characters).
    pub fn fold(&self, text: &str) -> String {
        text.chars().map(|c| self.fold_char(c)).collect()
    }

    /// The table, sorted: what the browser's folding needs beyond the fixed rules.
    pub fn table(&self) -> Vec<(char, char)> {
        let from = |i: usize| char::from_u32(FIRST + i as u32);
        self.table.iter().enumerate().filter(|(_, to)| **to != '\0').filter_map(|(i, to)| from(i).map(|f| (f, *to))).collect()
    }
}

/// A character that is part of a word for the index: a CJK character, a letter or a digit.
/// Anything else (spaces, punctuation) separates words.
pub fn is_word_char(c: char) -> bool {
    // Answered at once for ASCII and the common CJK block; the Unicode tables (slow to
    // search) only for the rest, with the same answers.
    match c {
        'a'..='z' | 'A'..='Z' | '0'..='9' | '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' => true,
        c if c.is_ascii() => false,
        c => c.is_alphanumeric(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_scripts_widths_and_cases_meet() {
        let f = folding();
        assert_eq!(f.fold("上門催收"), "上门催收");
        assert_eq!(f.fold("上门催收"), "上门催收");
        assert_eq!(f.fold("錯誤與檔案"), "错误与档案");
        assert_eq!(f.fold("ＡＰＰ催收　App"), "app催收 app");
        assert_eq!(f.fold("發展"), f.fold("发展"));
        assert_eq!(f.fold("a1，b"), "a1,b", "full-width punctuation becomes ASCII");
        assert_eq!(f.fold("、。"), "、。", "CJK punctuation stays");
    }

    #[test]
    fn folding_keeps_the_length_in_characters() {
        let text = "長沙（湖南）的ＡＰＰ催收，乾隆年間";
        assert_eq!(folding().fold(text).chars().count(), text.chars().count());
    }

    #[test]
    fn the_table_comes_from_opencc_and_is_sorted() {
        let table = folding().table();
        assert!(table.len() > 2000, "{} pairs", table.len());
        assert!(table.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(table.contains(&('門', '门')) && table.contains(&('與', '与')));
    }
}
