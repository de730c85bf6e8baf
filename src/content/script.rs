//! Simplified and Traditional Chinese: converting text between the scripts with OpenCC's
//! phrase-level rules (through [`crate::edition::convert`]), and removing the pinyin
//! glosses that reading-aid pages put after characters (`導(dǎo)`) before converting.

/// Which script a site (or an edition of it) is written in, from its BCP 47 language tag:
/// `zh-Hant`, `zh-TW`, `zh-HK` and `zh-MO` are Traditional, every other tag Simplified.
pub fn is_traditional(language: &str) -> bool {
    let tag = language.to_ascii_lowercase();
    tag.contains("hant") || ["zh-tw", "zh-hk", "zh-mo"].iter().any(|t| tag.starts_with(t))
}

/// `text` in the script of `language`: Traditional text becomes Simplified for a Simplified
/// site (and the reverse), phrase by phrase, so that `發展` becomes `发展` and `軟體` is read as
/// a word. Text already in the target script comes back unchanged.
pub fn to_site_script(text: &str, language: &str) -> String {
    // The dictionaries are compiled in and cannot fail to load short of a broken build of
    // the crate; text is then left as written rather than the import failing.
    let Some(opencc) = crate::edition::convert::opencc() else { return text.to_string() };
    if is_traditional(language) {
        opencc.s2t(text, false)
    } else {
        opencc.t2s(text, false)
    }
}

/// A pinyin gloss right after a Chinese character: `(dǎo)`, `（xiàn）`, `(dao3)`. Returns its
/// length in bytes when `rest` starts with one.
pub fn gloss_at(rest: &str) -> Option<usize> {
    let open = rest.chars().next().filter(|c| matches!(c, '(' | '（'))?;
    let inner = &rest[open.len_utf8()..];
    let syllable_len: usize = inner.chars().take_while(|&c| is_pinyin_letter(c) || c.is_ascii_digit()).map(char::len_utf8).sum();
    let syllable = &inner[..syllable_len];
    let close = inner[syllable_len..].chars().next().filter(|c| matches!(c, ')' | '）'))?;
    let letters = syllable.chars().filter(|c| !c.is_ascii_digit()).count();
    let toned = syllable.chars().any(is_toned) || syllable.ends_with(['1', '2', '3', '4', '5']);
    let digits_at_end_only = syllable.trim_end_matches(['1', '2', '3', '4', '5']).chars().all(|c| !c.is_ascii_digit());
    ((1..=6).contains(&letters) && toned && digits_at_end_only).then_some(open.len_utf8() + syllable_len + close.len_utf8())
}

/// `text` without the pinyin glosses that follow Chinese characters; the count removed.
pub fn strip_glosses(text: &str) -> (String, usize) {
    let mut out = String::with_capacity(text.len());
    let mut removed = 0;
    let mut previous_is_cjk = false;
    let mut index = 0;
    while index < text.len() {
        if previous_is_cjk {
            if let Some(len) = gloss_at(&text[index..]) {
                index += len;
                removed += 1;
                continue;
            }
        }
        let Some(c) = text[index..].chars().next() else { break };
        out.push(c);
        previous_is_cjk = is_cjk(c);
        index += c.len_utf8();
    }
    (out, removed)
}

pub fn is_cjk(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{2A6DF}')
}

/// Vowels with one of the four pinyin tone marks.
pub fn is_toned(c: char) -> bool {
    "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ".contains(c)
}

fn is_pinyin_letter(c: char) -> bool {
    c.is_ascii_lowercase() || is_toned(c) || c == 'ü'
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glosses_go_first_then_the_script_is_converted_by_phrase() {
        let (plain, removed) = strip_glosses("小編導(dǎo)語：現(xiàn)代發(fā)展（fā）");
        assert_eq!((plain.as_str(), removed), ("小編導語：現代發展", 4));
        assert_eq!(to_site_script(&plain, "zh-Hans"), "小编导语：现代发展");
        assert_eq!(to_site_script("发展与规范", "zh-Hant"), "發展與規範");
        assert_eq!(to_site_script("湖南催收行业", "zh-CN"), "湖南催收行业", "Simplified text is left as it is");
    }

    #[test]
    fn brackets_that_are_not_glosses_stay() {
        for text in ["国内生产总值(GDP)", "见(a)", "湖南(2023年)", "增长(dao)", "text (dǎo)", "第(1)条", "(dǎo)开头"] {
            assert_eq!(strip_glosses(text).0, text, "{text}");
        }
        assert_eq!(strip_glosses("導(dao3)向").0, "導向", "numbered tones are glosses too");
    }

    #[test]
    fn traditional_tags_are_recognised() {
        assert!(is_traditional("zh-Hant") && is_traditional("zh-TW") && is_traditional("zh-hk"));
        assert!(!is_traditional("zh-Hans") && !is_traditional("zh-CN") && !is_traditional("zh"));
    }
}
