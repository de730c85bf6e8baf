//! Converting reader-visible text to an edition's script with OpenCC's phrase-level rules and
//! dictionaries (as `opencc-fmmseg` ships them): each round of OpenCC replaces the longest
//! word of its dictionaries at each place (forward maximum matching), looked up in a table by
//! character and among the few words that begin with the place's first two characters. The
//! same text as opencc-fmmseg (a test compares the two), several times faster than either
//! OpenCC library on varied text (measured in docs/benchmarks.md).

use std::collections::BTreeMap;
use std::sync::OnceLock;

use opencc_fmmseg::{DictMaxLen, DictionaryMaxlength, OpenCC};
use rustc_hash::FxHashMap;

/// OpenCC's Simplified-to-Traditional conversions an edition can use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Variant {
    /// `t`: OpenCC's standard Traditional characters.
    Standard,
    /// `tw`: Taiwan's characters and phrasing (软件 → 軟體).
    Taiwan,
    /// `hk`: Hong Kong's characters.
    HongKong,
}

impl Variant {
    pub fn parse(name: &str) -> Option<Variant> {
        match name {
            "t" => Some(Variant::Standard),
            "tw" => Some(Variant::Taiwan),
            "hk" => Some(Variant::HongKong),
            _ => None,
        }
    }
}

/// A converter to one variant; its tables are made once per process, on another thread
/// from the moment the converter is made, so that they are ready when the first text comes.
pub struct Converter {
    variant: Variant,
}

/// One of OpenCC's rounds: at each place in the text, the longest of its dictionaries' words
/// that starts there is replaced by its conversion (OpenCC's forward maximum matching).
/// Most places start no word of two characters or more: a table by code point answers for
/// single characters, and the words' first two characters name the few longer words to try.
struct Stage {
    /// Conversions of single characters, by code point from [`TABLE_FIRST`]: an index into
    /// `conversions` plus one, 0 for none. An array, as every character of a text is looked up.
    table: Vec<u32>,
    /// Single characters beyond the table (CJK extensions B and later).
    other_chars: FxHashMap<char, u32>,
    /// Bit `c` for each character `c` of the Basic Multilingual Plane that starts a word of two
    /// characters or more: most characters of a text start none, and need no more looking.
    starters: Vec<u64>,
    /// Each word's first two characters → its words in `words`, a range of them.
    prefixes: FxHashMap<[char; 2], (u32, u32)>,
    /// Words of two characters or more (their place in `spelled`) with the index of their
    /// conversion, grouped by their first two characters, each group longest first: the
    /// first that a text starts with is the longest.
    words: Vec<(std::ops::Range<u32>, u32)>,
    /// Every word of `words`, one after the other: read together, not from as many places.
    spelled: String,
    conversions: Vec<Box<str>>,
}

/// The code points of [`Stage::table`]: CJK Extension A to the compatibility ideographs.
const TABLE_FIRST: u32 = 0x3400;
const TABLE_LAST: u32 = 0xFAFF;

impl Stage {
    /// The round of `dictionaries`; a word in two of them takes the first's conversion, as
    /// in OpenCC.
    fn new(dictionaries: &[&DictMaxLen]) -> Stage {
        let mut stage = Stage {
            table: vec![0; (TABLE_LAST - TABLE_FIRST + 1) as usize],
            other_chars: FxHashMap::default(),
            starters: vec![0; 0x10000 / 64],
            prefixes: FxHashMap::default(),
            words: Vec::new(),
            spelled: String::new(),
            conversions: Vec::new(),
        };
        let mut longer: BTreeMap<String, u32> = BTreeMap::new();
        for dictionary in dictionaries {
            // A dictionary is a hash map: its words are taken in order, so that every build
            // numbers them alike.
            let mut entries: Vec<(&[char], &str)> = dictionary.iter().collect();
            entries.sort_unstable();
            for (word, conversion) in entries {
                let index = stage.conversions.len() as u32 + 1;
                let added = match word {
                    [] => false,
                    [c] => stage.add_char(*c, index),
                    [..] => {
                        let word: String = word.iter().collect();
                        !longer.contains_key(&word) && longer.insert(word, index).is_none()
                    }
                };
                if added {
                    stage.conversions.push(conversion.into());
                }
            }
        }
        stage.group_words(longer);
        stage
    }

    /// Gives `c` the conversion at `index` unless an earlier dictionary gave it one.
    fn add_char(&mut self, c: char, index: u32) -> bool {
        match self.table.get_mut((c as u32).wrapping_sub(TABLE_FIRST) as usize) {
            Some(slot) if *slot == 0 => {
                *slot = index;
                true
            }
            Some(_) => false,
            None => !self.other_chars.contains_key(&c) && self.other_chars.insert(c, index).is_none(),
        }
    }

    /// Sorts the words of two characters or more into groups by their first two.
    fn group_words(&mut self, words: BTreeMap<String, u32>) {
        let mut groups: BTreeMap<[char; 2], Vec<(String, u32)>> = BTreeMap::new();
        for (word, index) in words {
            let mut chars = word.chars();
            if let (Some(a), Some(b)) = (chars.next(), chars.next()) {
                groups.entry([a, b]).or_default().push((word, index));
            }
        }
        for ([a, b], mut group) in groups {
            group.sort_by(|x, y| y.0.len().cmp(&x.0.len()).then_with(|| x.0.cmp(&y.0)));
            let from = self.words.len() as u32;
            for (word, index) in group {
                let start = self.spelled.len() as u32;
                self.spelled.push_str(&word);
                self.words.push((start..self.spelled.len() as u32, index));
            }
            self.prefixes.insert([a, b], (from, self.words.len() as u32));
            if let Some(bits) = self.starters.get_mut(a as usize / 64) {
                *bits |= 1 << (a as u32 % 64);
            }
        }
    }

    /// The conversion at `index` (plus one, as the tables keep it).
    fn conversion(&self, index: u32) -> &str {
        &self.conversions[index as usize - 1]
    }

    /// The conversion of the single character `c`, if the round has one.
    fn of_char(&self, c: char) -> Option<&str> {
        let index = match c as u32 {
            ..TABLE_FIRST => return None,
            code @ ..=TABLE_LAST => self.table[(code - TABLE_FIRST) as usize],
            _ => *self.other_chars.get(&c)?,
        };
        (index != 0).then(|| self.conversion(index))
    }

    /// Whether `c` can start a word of two characters or more.
    fn may_start_word(&self, c: char) -> bool {
        let code = c as usize;
        self.starters.get(code / 64).is_none_or(|bits| bits & 1 << (code % 64) != 0)
    }

    /// The longest word at the start of `rest` (whose first two characters are `pair`): its
    /// length in bytes and its conversion.
    fn longest_word(&self, rest: &str, pair: [char; 2]) -> Option<(usize, &str)> {
        let &(from, to) = self.prefixes.get(&pair)?;
        let spelled = self.spelled.as_bytes();
        let (word, index) = self.words[from as usize..to as usize]
            .iter()
            .find(|(word, _)| rest.as_bytes().starts_with(&spelled[word.start as usize..word.end as usize]))?;
        Some((word.len(), self.conversion(*index)))
    }

    fn apply(&self, text: &str, out: &mut String) {
        let bytes = text.as_bytes();
        let (mut at, mut copied) = (0, 0);
        while let Some(&byte) = bytes.get(at) {
            // ASCII converts only where a word starts with it (a few Taiwan words: `U盘`).
            if byte.is_ascii() && !self.may_start_word(char::from(byte)) {
                at += 1;
                continue;
            }
            let rest = &text[at..];
            let mut chars = rest.chars();
            let Some(c) = chars.next() else { break };
            let word = match chars.next() {
                Some(next) if self.may_start_word(c) => self.longest_word(rest, [c, next]),
                _ => None,
            };
            match word.or_else(|| self.of_char(c).map(|conversion| (c.len_utf8(), conversion))) {
                Some((length, conversion)) => {
                    out.push_str(&text[copied..at]);
                    out.push_str(conversion);
                    at += length;
                    copied = at;
                }
                None => at += c.len_utf8(),
            }
        }
        out.push_str(&text[copied..]);
    }
}

impl Variant {
    /// The rounds of OpenCC's conversion to the variant: Simplified to Traditional, then the
    /// variant's phrases and characters.
    fn stages(self) -> Option<&'static [Stage]> {
        static STAGES: [OnceLock<Option<Vec<Stage>>>; 3] = [OnceLock::new(), OnceLock::new(), OnceLock::new()];
        let made = STAGES[self as usize].get_or_init(|| {
            let d = dictionaries()?;
            let second = match self {
                Variant::Standard => None,
                Variant::Taiwan => Some(Stage::new(&[&d.tw_phrases, &d.tw_variants_phrases, &d.tw_variants])),
                Variant::HongKong => Some(Stage::new(&[&d.hk_variants_phrases, &d.hk_variants])),
            };
            Some(std::iter::once(Stage::new(&[&d.st_phrases, &d.st_characters])).chain(second).collect())
        });
        made.as_deref()
    }
}

/// OpenCC's dictionaries as opencc-fmmseg ships them, read once per process.
fn dictionaries() -> Option<&'static DictionaryMaxlength> {
    static DICTIONARIES: OnceLock<Option<DictionaryMaxlength>> = OnceLock::new();
    DICTIONARIES.get_or_init(|| DictionaryMaxlength::new().ok()).as_ref()
}

impl Converter {
    /// The converter to `variant`. Its tables (a tenth of a second to make, once per
    /// process) are started at once on another thread.
    pub fn new(variant: Variant) -> Option<Converter> {
        std::thread::spawn(move || variant.stages());
        Some(Converter { variant })
    }

    /// `text` in the edition's script. Text without Chinese characters comes back as it is.
    pub fn convert(&self, text: &str) -> String {
        // Most conversions keep the length (a Chinese character for one of the same width).
        let mut out = String::with_capacity(text.len());
        self.convert_into(text, &mut out);
        out
    }

    /// Appends `text`, converted, to `out`: each round of OpenCC over the text the round
    /// before gave. ASCII text has nothing to convert.
    pub fn convert_into(&self, text: &str, out: &mut String) {
        // No stages only if the dictionaries compiled into the binary cannot be read, which no
        // build of the crate allows: the text is then shown as written.
        // ASCII text (most of a mixed text's events) has nothing to convert, and needs no
        // table: it is not kept waiting while they are made.
        let stages = match text.is_ascii() {
            false => self.variant.stages(),
            true => None,
        };
        let Some(stages) = stages else { return out.push_str(text) };
        let mut current = std::borrow::Cow::Borrowed(text);
        for (i, stage) in stages.iter().enumerate() {
            if i + 1 == stages.len() {
                return stage.apply(&current, out);
            }
            let mut next = String::with_capacity(current.len());
            stage.apply(&current, &mut next);
            current = std::borrow::Cow::Owned(next);
        }
    }
}

/// OpenCC with its dictionaries, read once per process; `None` only if the dictionaries
/// compiled into the binary cannot be read, which no build of the crate allows.
pub fn opencc() -> Option<&'static OpenCC> {
    static OPENCC: std::sync::OnceLock<Option<OpenCC>> = std::sync::OnceLock::new();
    OPENCC
        .get_or_init(|| {
            let mut opencc = OpenCC::new();
            // Texts are converted a run of Chinese characters at a time, many at once on the
            // build's threads: a run split again across threads would cost more than it saves.
            opencc.set_parallel(false);
            OpenCC::get_last_error().is_none().then_some(opencc)
        })
        .as_ref()
}

/// OpenCC's Taiwan phrases: each word in standard Traditional characters with Taiwan's word
/// for it (軟件 → 軟體, 信息 → 資訊), for search to find either wording. Read once per process.
pub fn taiwan_phrases() -> &'static [(String, String)] {
    static PHRASES: std::sync::OnceLock<Vec<(String, String)>> = std::sync::OnceLock::new();
    PHRASES.get_or_init(|| {
        let Some(dictionary) = dictionaries() else { return Vec::new() };
        let mut phrases: Vec<(String, String)> =
            dictionary.tw_phrases.iter().map(|(from, to)| (from.iter().collect(), to.to_string())).collect();
        phrases.sort();
        phrases
    })
}

/// A Chinese character (the unified ideographs and their extension A and compatibility
/// forms): the only characters OpenCC's dictionaries change.
pub fn is_han(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{3134F}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn taiwan_phrasing_and_characters() {
        let tw = Converter::new(Variant::Taiwan).unwrap();
        assert_eq!(tw.convert("催收软件的个人信息"), "催收軟體的個人資訊");
        let t = Converter::new(Variant::Standard).unwrap();
        assert_eq!(t.convert("发展与头发"), "發展與頭髮");
        assert_eq!(t.convert("2024 年 GDP"), "2024 年 GDP");
    }

    #[test]
    fn the_tables_convert_as_opencc_does() {
        // The example site's articles and the Taiwan phrase table, through the tables and
        // through opencc-fmmseg's own forward maximum matching.
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut texts: Vec<String> = walkdir::WalkDir::new(root.join("content/articles"))
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(|e| std::fs::read_to_string(e.path()).unwrap())
            .collect();
        texts.push(std::fs::read_to_string(root.join("tests/fixtures/editions/taiwan-phrases.tsv")).unwrap());
        texts.push("U盘里的SQL注入，B超与PN结".into());
        let opencc = opencc().unwrap();
        type Reference<'a> = &'a dyn Fn(&str) -> String;
        let by_opencc: [(Variant, Reference); 3] = [
            (Variant::Standard, &|t| opencc.s2t(t, false)),
            (Variant::Taiwan, &|t| opencc.s2twp(t, false)),
            (Variant::HongKong, &|t| opencc.s2hk(t, false)),
        ];
        for (variant, reference) in by_opencc {
            let converter = Converter::new(variant).unwrap();
            for text in &texts {
                assert_eq!(converter.convert(text), reference(text), "{variant:?}");
            }
        }
    }
}
