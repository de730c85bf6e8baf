//! Converting reader-visible text to an edition's script with OpenCC's phrase-level rules and
//! dictionaries (as `opencc-fmmseg` ships them), each round of OpenCC one Aho-Corasick
//! automaton over its words, leftmost-longest: the words OpenCC's forward maximum matching
//! finds, and the same text (a test compares the two), faster than either OpenCC library
//! on varied text (measured in docs/benchmarks.md).

use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use opencc_fmmseg::{DictMaxLen, DictionaryMaxlength, OpenCC};

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

/// A converter to one variant; its automata are made once per process, on another thread
/// from the moment the converter is made, so that they are ready when the first text comes.
pub struct Converter {
    variant: Variant,
}

/// One of OpenCC's rounds: its dictionaries' words, found leftmost-longest (what OpenCC's
/// forward maximum matching finds), each replaced by its conversion.
struct Stage {
    words: AhoCorasick,
    conversions: Vec<Box<str>>,
}

impl Stage {
    /// The round of `dictionaries`; a word in two of them takes the first's conversion, as
    /// in OpenCC.
    fn new(dictionaries: &[&DictMaxLen]) -> Option<Stage> {
        let mut seen = rustc_hash::FxHashSet::default();
        let (mut words, mut conversions) = (Vec::new(), Vec::new());
        for (word, conversion) in dictionaries.iter().flat_map(|d| d.iter()) {
            let word: String = word.iter().collect();
            if seen.insert(word.clone()) {
                words.push(word);
                conversions.push(conversion.into());
            }
        }
        // A contiguous NFA: built in a fraction of the time a DFA of 50,000 words takes,
        // and as fast on text whose words are far apart.
        let kind = Some(AhoCorasickKind::ContiguousNFA);
        let automaton = AhoCorasickBuilder::new().match_kind(MatchKind::LeftmostLongest).kind(kind).build(&words);
        Some(Stage { words: automaton.ok()?, conversions })
    }

    fn apply(&self, text: &str, out: &mut String) {
        let mut copied = 0;
        for found in self.words.find_iter(text) {
            out.push_str(&text[copied..found.start()]);
            out.push_str(&self.conversions[found.pattern().as_usize()]);
            copied = found.end();
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
                Variant::Taiwan => Some(Stage::new(&[&d.tw_phrases, &d.tw_variants_phrases, &d.tw_variants])?),
                Variant::HongKong => Some(Stage::new(&[&d.hk_variants_phrases, &d.hk_variants])?),
            };
            Some(std::iter::once(Stage::new(&[&d.st_phrases, &d.st_characters])?).chain(second).collect())
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
    /// The converter to `variant`. Its automata (a few tenths of a second to make, once per
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
        // automaton: it is not kept waiting while they are made.
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
    fn the_automata_convert_as_opencc_does() {
        // The example site's articles and the Taiwan phrase table, through the automata and
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
