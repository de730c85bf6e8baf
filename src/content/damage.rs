//! Signs that text was copied from the web and damaged on the way: pinyin glosses that a
//! reading-aid page put after characters (`導(dǎo)`), characters lost or blanked out by an
//! encoding slip or a word filter (`�`, `□□`, a space between two characters, half a word;
//! see [`gaps`]), contact boilerplate from advertisements or page footers (`微信：abc123`,
//! `QQ 12345678`), and lines of page furniture ([`furniture`]: breadcrumbs, bylines, rights
//! notices…). Each is reported as a warning with its line and column; the text is published
//! as written, since only an editor can tell what was meant. `import` removes the furniture
//! and leaves the rest to these warnings.

use std::path::Path;

use super::furniture;
use super::gaps;
use super::script::{gloss_at, is_cjk};
use crate::diagnostics::Diagnostic;

/// At most this many findings are reported per file; a badly damaged page would otherwise
/// bury every other message.
const MAX_REPORTED: usize = 5;

/// What starts each sign of damage other than a pinyin gloss in ASCII brackets (found with
/// `memchr`). Each is looked for with `memmem`, a pass per pattern: on Chinese text, where
/// the lead bytes of these patterns are everywhere, that is four times cheaper than one
/// multi-pattern pass.
const TRIGGERS: [&str; 7] = ["（", "\u{FFFD}", "□□", "微信", "QQ", "电话", "手机"];

/// Warnings for the signs of damage in `text` (the whole file at `path`), in the order they
/// appear. Each kind of sign is found in order, so only its first five are kept and the rest
/// counted: memory stays the same whatever the file holds.
pub fn scan(path: &Path, text: &str) -> Vec<Diagnostic> {
    let mut found = Found::default();
    found.extend(memchr::memchr_iter(b'(', text.as_bytes()).filter_map(|open| pinyin_gloss(text, open)));
    for trigger in TRIGGERS {
        let mut resume = 0;
        let signs = memchr::memmem::find_iter(text.as_bytes(), trigger.as_bytes()).filter_map(|start| {
            if start < resume {
                return None;
            }
            match trigger {
                "（" => pinyin_gloss(text, start),
                "\u{FFFD}" => {
                    Some((start, "replacement character `\u{FFFD}`: characters were lost when this text was copied or converted".into()))
                }
                "□□" => {
                    let run = text[start..].chars().take_while(|&c| c == '□').count();
                    resume = start + run * '□'.len_utf8();
                    Some((start, format!("{run} blank squares `{}`: characters removed by a word filter?", "□".repeat(run))))
                }
                keyword => contact_details(text, start, keyword),
            }
        });
        found.extend(signs);
    }
    found.extend(gaps::spaces(text));
    let article = Article::of(text);
    if article.draft {
        // Half a word cannot be told from the end of one without a dictionary (城市， and
        // 风险问也 look alike), so this weaker sign is reported while the article is a
        // draft (as `import` writes it), until an editor has read it.
        // Counted over the body only: a summary repeating the first paragraph would make a
        // word look more usual than it is.
        let body_start = article.body_start;
        found.extend(gaps::dangling(&text[body_start..]).map(|(offset, message)| (body_start + offset, message)));
    }
    found.extend(furniture_lines(text, article.body_start));
    found.kept.sort_by_key(|(offset, _)| *offset);
    let mut findings: Vec<Diagnostic> =
        found.kept.into_iter().take(MAX_REPORTED).map(|(offset, message)| locate(path, text, offset, message)).collect();
    if let Some(last) = findings.last_mut().filter(|_| found.total > MAX_REPORTED) {
        last.message.push_str(&format!(" ({} more signs of damage in this file are not listed)", found.total - MAX_REPORTED));
    }
    findings
}

/// The first signs of each kind, and how many there were in all.
#[derive(Default)]
struct Found {
    kept: Vec<(usize, String)>,
    total: usize,
}

impl Found {
    /// Keeps the first [`MAX_REPORTED`] of `signs` (which come in order) and counts the rest.
    fn extend(&mut self, signs: impl Iterator<Item = (usize, String)>) {
        let mut kept = 0;
        for sign in signs {
            self.total += 1;
            if kept < MAX_REPORTED {
                self.kept.push(sign);
                kept += 1;
            }
        }
    }
}

/// A CJK character followed by a bracketed pinyin syllable: `導(dǎo)`, `催（cuī）`, `導(dao3)`.
/// Syllables without a tone are left alone, so `(a)` or `(GDP)` are never reported.
fn pinyin_gloss(text: &str, open: usize) -> Option<(usize, String)> {
    let character = text[..open].chars().next_back().filter(|&c| is_cjk(c))?;
    let gloss = &text[open..open + gloss_at(&text[open..])?];
    Some((open - character.len_utf8(), format!("pinyin gloss `{character}{gloss}`, left over from a copied web page? Remove `{gloss}`")))
}

/// What the scan needs to know of a file as an article, from one split of its front matter.
struct Article {
    /// Where the body starts: the end of the text when it has no front matter (a region file).
    body_start: usize,
    /// Whether the front matter says `draft: true`.
    draft: bool,
}

impl Article {
    fn of(text: &str) -> Article {
        match super::front_matter::split(text) {
            Ok(split) => Article {
                body_start: text.len() - split.body.len(),
                draft: split.yaml.lines().any(|line| line.trim_end() == "draft: true"),
            },
            Err(_) => Article { body_start: text.len(), draft: false },
        }
    }
}

/// Lines of page furniture in an article's body (after its front matter, outside code
/// blocks). A file without front matter (a region file) has no body to look in. Sentences are
/// looked at only among the first and last [`EDGE_LINES`] lines, where pages put their rights
/// notices: elsewhere a sentence is the article's.
fn furniture_lines(text: &str, body_start: usize) -> impl Iterator<Item = (usize, String)> + '_ {
    let body = &text[body_start..];
    let line_count = memchr::memchr_iter(b'\n', body.as_bytes()).count() + 1;
    let mut in_code = false;
    let mut offset = body_start;
    body.split_inclusive('\n').enumerate().filter_map(move |(index, line)| {
        let start = offset;
        offset += line.len();
        let first = line.bytes().find(|b| *b != b' ');
        if matches!(first, Some(b'`' | b'~')) && (line.trim_start().starts_with("```") || line.trim_start().starts_with("~~~")) {
            in_code = !in_code;
            return None;
        }
        let near_edge = index < EDGE_LINES || index + EDGE_LINES >= line_count;
        let kind = (!in_code).then(|| furniture::classify_in(line, near_edge)).flatten()?;
        // Contact details inside a line are reported by their own check, more precisely.
        let indent = line.len() - line.trim_start().len();
        (kind != furniture::Furniture::Contact).then(|| (start + indent, format!("this line looks like {}: remove it?", kind.reason())))
    })
}

/// How many lines at each end of an article are searched for rights notices.
const EDGE_LINES: usize = 12;

/// Contact details after a keyword: `微信：abc_123`, `QQ 12345678`, `电话 13800000000`. A
/// keyword alone (`通过微信联系`, `电话催收`) is not reported.
fn contact_details(text: &str, start: usize, keyword: &str) -> Option<(usize, String)> {
    let after = &text[start + keyword.len()..];
    let separator: usize = after.chars().take_while(|c| matches!(c, '号' | ':' | '：' | ' ' | '\u{3000}')).map(char::len_utf8).sum();
    let rest = &after[separator..];
    let id = &rest[..rest.chars().take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-')).count()];
    let digits = id.chars().filter(char::is_ascii_digit).count();
    // A WeChat id is letters as well as digits: it counts when it has a digit, `_` or `-`, or
    // follows a colon (`微信：abcdef`), so that a plain word (`微信 WeChat`) does not.
    let labelled = after[..separator].contains([':', '：']);
    let looks_like_id =
        if keyword == "微信" { id.len() >= 6 && (digits > 0 || labelled || id.contains(['_', '-'])) } else { digits >= 5 };
    if !looks_like_id || id.len() > 20 {
        return None;
    }
    let shown = &text[start..start + keyword.len() + separator + id.len()];
    Some((start, format!("contact details `{shown}` look like an advertisement or page footer copied with the text")))
}

fn locate(path: &Path, text: &str, offset: usize, message: String) -> Diagnostic {
    let (line, column) = crate::diagnostics::position_after(&text[..offset]);
    Diagnostic::warning(path, message).at(text, line, column)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn messages(text: &str) -> Vec<String> {
        scan(Path::new("a.md"), text).into_iter().map(|f| f.message).collect()
    }

    #[test]
    fn a_file_of_nothing_but_damage_keeps_five_and_counts_the_rest() {
        let text = "\u{FFFD}".repeat(8 * 1024 * 1024 / 3);
        let findings = scan(Path::new("a.md"), &text);
        assert_eq!(findings.len(), MAX_REPORTED);
        let more = text.chars().count() - MAX_REPORTED;
        assert!(
            findings[4].message.ends_with(&format!("({more} more signs of damage in this file are not listed)")),
            "{}",
            findings[4].message
        );
        assert_eq!((findings[4].line, findings[4].column), (1, 5));
    }

    #[test]
    fn pinyin_glosses_are_found_with_their_position() {
        let found = scan(Path::new("a.md"), "第一行\n催收行业的發展導(dǎo)向和規(guī)范");
        assert_eq!(found.len(), 2);
        assert_eq!((found[0].line, found[0].column), (2, 8));
        assert!(found[0].message.contains("`導(dǎo)`"), "{}", found[0].message);
        assert!(found[1].message.contains("`規(guī)`"));
        assert!(messages("催（cuī）收")[0].contains("Remove `（cuī）`"));
    }

    #[test]
    fn brackets_that_are_not_glosses_are_left_alone() {
        for text in ["国内生产总值(GDP)", "见上文(a)", "湖南(2023年)", "增长(dao)", "[相关文章](@/articles/a.md)", "text (dǎo)"]
        {
            assert!(scan(Path::new("a.md"), text).is_empty(), "{text}: {:?}", scan(Path::new("a.md"), text));
        }
    }

    #[test]
    fn lost_characters_are_found() {
        assert!(messages("投诉\u{FFFD}\u{FFFD}数量")[0].contains("replacement character"));
        let found = messages("暴力□□□行为");
        assert_eq!(found.len(), 1);
        assert!(found[0].contains("3 blank squares"), "{}", found[0]);
        assert!(scan(Path::new("a.md"), "选项：□ 是").is_empty());
    }

    #[test]
    fn contact_details_are_found_but_channels_are_not() {
        assert!(messages("详情加微信：cuishou_2023 咨询")[0].contains("`微信：cuishou_2023`"));
        assert!(messages("QQ 12345678")[0].contains("`QQ 12345678`"));
        assert!(messages("联系电话13800000000")[0].contains("`电话13800000000`"));
        assert!(messages("微信：abcdef")[0].contains("`微信：abcdef`"));
        for text in ["通过微信、QQ等社交平台联系", "电话催收的频率", "微信群", "QQ号码被用于催收", "微信 WeChat 和 QQ"]
        {
            assert!(scan(Path::new("a.md"), text).is_empty(), "{text}: {:?}", scan(Path::new("a.md"), text));
        }
    }

    #[test]
    fn only_the_first_few_are_listed() {
        let text = "導(dǎo)".repeat(8);
        let found = scan(Path::new("a.md"), &text);
        assert_eq!(found.len(), MAX_REPORTED);
        assert!(found[MAX_REPORTED - 1].message.contains("3 more signs"), "{}", found[MAX_REPORTED - 1].message);
    }
}
