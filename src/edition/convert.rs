//! Converting reader-visible text to an edition's script with OpenCC's phrase-level rules
//! (`ferrous-opencc`, dictionaries built in).
//!
//! Text is converted a clause at a time: OpenCC's phrases never span punctuation or a line
//! break, so converting each clause alone gives what converting the whole text gives, and a
//! clause met before (navigation, labels, names, a sentence repeated on many pages) is taken
//! from a per-thread cache instead of being matched against the dictionaries again.

use std::cell::RefCell;

use ferrous_opencc::config::BuiltinConfig;
use ferrous_opencc::OpenCC;
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

    fn config(self) -> BuiltinConfig {
        match self {
            Variant::Standard => BuiltinConfig::S2t,
            Variant::Taiwan => BuiltinConfig::S2twp,
            Variant::HongKong => BuiltinConfig::S2hk,
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// Clauses longer than this are converted without being cached: a cache of whole paragraphs
/// would hold a site's text twice and rarely be hit.
const CACHED_UP_TO: usize = 96;
/// A thread's cache is emptied when it holds this many clauses.
const CACHE_LIMIT: usize = 200_000;

/// A converter to one variant, made once per process.
pub struct Converter {
    variant: Variant,
    opencc: &'static OpenCC,
}

impl Converter {
    /// The converter to `variant`; `None` only if the dictionaries compiled into the binary
    /// cannot be read, which no build of the crate allows.
    pub fn new(variant: Variant) -> Option<Converter> {
        static CONVERTERS: [std::sync::OnceLock<Option<OpenCC>>; 3] =
            [std::sync::OnceLock::new(), std::sync::OnceLock::new(), std::sync::OnceLock::new()];
        let opencc = CONVERTERS[variant.index()].get_or_init(|| OpenCC::from_config(variant.config()).ok()).as_ref()?;
        Some(Converter { variant, opencc })
    }

    /// `text` in the edition's script. Text without Chinese characters comes back as it is.
    pub fn convert(&self, text: &str) -> String {
        // Most conversions keep the length (a Chinese character for one of the same width):
        // sized to fit, the result can become a boxed `str` without being copied.
        let mut out = String::with_capacity(text.len());
        self.convert_into(text, &mut out);
        out
    }

    /// Appends `text`, converted, to `out`.
    pub fn convert_into(&self, text: &str, out: &mut String) {
        thread_local! {
            static CACHE: RefCell<[FxHashMap<Box<str>, Box<str>>; 3]> = RefCell::default();
        }
        // The cache is taken once per text: a page's text node has dozens of clauses.
        CACHE.with_borrow_mut(|caches| {
            let cache = &mut caches[self.variant.index()];
            for clause in clauses(text) {
                if !clause.chars().any(is_han) {
                    out.push_str(clause);
                } else if clause.len() > CACHED_UP_TO {
                    out.push_str(&self.opencc.convert(clause));
                } else if let Some(converted) = cache.get(clause) {
                    out.push_str(converted);
                } else {
                    if cache.len() >= CACHE_LIMIT {
                        cache.clear();
                    }
                    let converted = self.opencc.convert(clause);
                    out.push_str(&converted);
                    cache.insert(clause.into(), converted.into());
                }
            }
        });
    }
}

/// A Chinese character (the unified ideographs and their extension A and compatibility
/// forms): the only characters OpenCC's dictionaries change.
pub fn is_han(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{3134F}')
}

/// Where a clause ends: after punctuation or white space, which no OpenCC phrase contains.
fn ends_clause(c: char) -> bool {
    matches!(
        c,
        '，' | '。'
            | '！'
            | '？'
            | '；'
            | '：'
            | '、'
            | '\n'
            | ' '
            | ','
            | '.'
            | ';'
            | ':'
            | '!'
            | '?'
            | '（'
            | '）'
            | '('
            | ')'
            | '“'
            | '”'
            | '《'
            | '》'
            | '<'
            | '>'
    )
}

/// `text` in pieces that each end with a clause end (the last perhaps not).
fn clauses(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let end = rest.char_indices().find(|&(_, c)| ends_clause(c)).map_or(rest.len(), |(i, c)| i + c.len_utf8());
        let (clause, after) = rest.split_at(end);
        rest = after;
        Some(clause)
    })
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
    fn clause_by_clause_is_the_same_as_all_at_once() {
        // The example site's articles, converted whole and clause by clause (cached or not).
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content/articles");
        for variant in [Variant::Standard, Variant::Taiwan, Variant::HongKong] {
            let converter = Converter::new(variant).unwrap();
            for entry in walkdir::WalkDir::new(&root).into_iter().filter_map(Result::ok).filter(|e| e.file_type().is_file()) {
                let text = std::fs::read_to_string(entry.path()).unwrap();
                assert_eq!(converter.convert(&text), converter.opencc.convert(&text), "{variant:?}");
                assert_eq!(converter.convert(&text), converter.convert(&text));
            }
        }
    }
}
