//! Converting reader-visible text to an edition's script with OpenCC's phrase-level rules
//! (`opencc-fmmseg`, dictionaries built in: on varied text three to four times as fast as
//! `ferrous-opencc`, and as right; docs/benchmarks.md has the measurement).
//!
//! Only runs of Chinese characters are converted: OpenCC's phrases are made of nothing else,
//! so converting each run alone gives what converting the whole text gives.

use opencc_fmmseg::OpenCC;

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

    /// OpenCC's conversion from Simplified characters to the variant.
    fn convert(self, opencc: &OpenCC, text: &str) -> String {
        match self {
            Variant::Standard => opencc.s2t(text, false),
            Variant::Taiwan => opencc.s2twp(text, false),
            Variant::HongKong => opencc.s2hk(text, false),
        }
    }
}

/// A converter to one variant; the dictionaries are read once per process.
pub struct Converter {
    variant: Variant,
    opencc: &'static OpenCC,
}

impl Converter {
    /// The converter to `variant`; `None` only if the dictionaries compiled into the binary
    /// cannot be read, which no build of the crate allows.
    pub fn new(variant: Variant) -> Option<Converter> {
        Some(Converter { variant, opencc: opencc()? })
    }

    /// `text` converted whole, without the clause cache.
    fn convert_whole(&self, text: &str) -> String {
        self.variant.convert(self.opencc, text)
    }

    /// `text` in the edition's script. Text without Chinese characters comes back as it is.
    pub fn convert(&self, text: &str) -> String {
        // Most conversions keep the length (a Chinese character for one of the same width):
        // sized to fit, the result can become a boxed `str` without being copied.
        let mut out = String::with_capacity(text.len());
        self.convert_into(text, &mut out);
        out
    }

    /// Appends `text`, converted, to `out`. Only runs of Chinese characters go through
    /// OpenCC: its phrases are made of Chinese characters alone, so the text between runs
    /// (markup-free prose in Latin script, digits, punctuation, spaces) stays as it is, and
    /// most of a mixed text is copied rather than looked up.
    pub fn convert_into(&self, text: &str, out: &mut String) {
        let mut copied = 0;
        for (start, end) in han_runs(text) {
            out.push_str(&text[copied..start]);
            out.push_str(&self.convert_whole(&text[start..end]));
            copied = end;
        }
        out.push_str(&text[copied..]);
    }
}

/// The byte ranges of the runs of Chinese characters in `text`. ASCII, most of a mixed
/// text, is skipped a byte at a time without decoding.
fn han_runs(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut chars = text.char_indices().filter(|(_, c)| !c.is_ascii()).peekable();
    std::iter::from_fn(move || {
        let (start, first) = chars.find(|&(_, c)| is_han(c))?;
        let mut end = start + first.len_utf8();
        while let Some(&(at, c)) = chars.peek() {
            if at != end || !is_han(c) {
                break;
            }
            end = at + c.len_utf8();
            chars.next();
        }
        Some((start, end))
    })
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
        let Ok(dictionary) = opencc_fmmseg::DictionaryMaxlength::new() else { return Vec::new() };
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
    fn run_by_run_is_the_same_as_all_at_once() {
        // The example site's articles, converted whole and a run of Chinese characters at a
        // time.
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content/articles");
        for variant in [Variant::Standard, Variant::Taiwan, Variant::HongKong] {
            let converter = Converter::new(variant).unwrap();
            for entry in walkdir::WalkDir::new(&root).into_iter().filter_map(Result::ok).filter(|e| e.file_type().is_file()) {
                let text = std::fs::read_to_string(entry.path()).unwrap();
                assert_eq!(converter.convert(&text), converter.convert_whole(&text), "{variant:?}");
                assert_eq!(converter.convert(&text), converter.convert(&text));
            }
        }
    }
}
