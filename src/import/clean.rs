//! Taking the page's furniture out of copied text, line by line, and finding the title. Every
//! line taken out is kept with its reason, so the editor can see what went and why.

use crate::content::furniture::{self, Furniture};
use crate::content::script::is_cjk;

/// A line of the input, numbered from 1.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub number: usize,
    pub text: String,
}

/// A line taken out, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Removed {
    pub line: Line,
    pub reason: Reason,
}

/// Why a line was taken out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Reason {
    Furniture(Furniture),
    /// A list of links to other pages at the end, from its heading on.
    LinkList,
    /// A line of keywords above the title, unrelated to the article.
    Spam,
    /// The title again, inside the body (often left from an image caption).
    RepeatedTitle,
    /// A teaser: the start of a later paragraph, cut off.
    Teaser,
}

impl Reason {
    /// A short name, for the summary of what was removed.
    pub fn name(self) -> &'static str {
        match self {
            Reason::Furniture(Furniture::Breadcrumb) => "breadcrumb",
            Reason::Furniture(Furniture::Byline) => "byline",
            Reason::Furniture(Furniture::Widget) => "page widget",
            Reason::Furniture(Furniture::Rights) => "rights notice",
            Reason::Furniture(Furniture::PageLink) => "page address",
            Reason::Furniture(Furniture::Contact) => "contact line",
            Reason::Furniture(Furniture::Badge) => "user badge",
            Reason::Furniture(Furniture::LinkListHeading) | Reason::LinkList => "link list",
            Reason::Spam => "spam keywords",
            Reason::RepeatedTitle => "repeated title",
            Reason::Teaser => "teaser",
        }
    }
}

/// The text once cleaned: its title, the lines of the article, and what was taken out.
#[derive(Debug, Default)]
pub struct Cleaned {
    pub title: Option<String>,
    pub lines: Vec<Line>,
    pub removed: Vec<Removed>,
}

/// Cleans `text`; `page_title` is the title the page's markup gave, if any.
pub fn clean(text: &str, page_title: Option<&str>) -> Cleaned {
    let lines: Vec<Line> = text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| Line { number: i + 1, text: l.trim().to_string() })
        .collect();
    let mut cleaned = Cleaned::default();
    let lines = cut_link_list(lines, &mut cleaned.removed);
    let mut kept = Vec::new();
    for line in lines {
        match furniture::classify(&line.text) {
            Some(kind) => cleaned.removed.push(Removed { line, reason: Reason::Furniture(kind) }),
            None => kept.push(line),
        }
    }
    let (title, body) = take_title(kept, page_title, &mut cleaned.removed);
    let body = drop_repeats(body, title.as_deref(), &mut cleaned.removed);
    cleaned.title = title;
    cleaned.lines = body;
    cleaned.removed.sort_by_key(|r| r.line.number);
    cleaned
}

/// Removes a list of links at the end: from a link-list heading on, when what follows it is
/// only short lines (link titles), not more of the article.
fn cut_link_list(mut lines: Vec<Line>, removed: &mut Vec<Removed>) -> Vec<Line> {
    let is_heading = |l: &Line| furniture::classify(&l.text) == Some(Furniture::LinkListHeading);
    let start = (0..lines.len()).find(|&i| {
        is_heading(&lines[i])
            && i * 2 >= lines.len().saturating_sub(1)
            && lines[i + 1..].iter().all(|l| is_link_title(&l.text) || is_heading(l))
    });
    if let Some(start) = start {
        removed.extend(lines.drain(start..).map(|line| Removed { line, reason: Reason::LinkList }));
    }
    lines
}

/// A line that can be the title of a linked page: short, not a sentence.
fn is_link_title(line: &str) -> bool {
    line.chars().count() <= 50 && !line.ends_with(['。', '；'])
}

/// Finds the title: the page's own, or the first line that reads as one. Lines above it
/// that are lists of unrelated keywords are spam.
fn take_title(lines: Vec<Line>, page_title: Option<&str>, removed: &mut Vec<Removed>) -> (Option<String>, Vec<Line>) {
    let whole: String = lines.iter().map(|l| l.text.as_str()).collect::<Vec<_>>().join("\n");
    let mut rest = lines.into_iter().peekable();
    let mut title = page_title.map(|t| clean_page_title(t, &whole));
    while let Some(line) = rest.peek() {
        if is_keyword_list(&line.text) && !shares_words(&line.text, &whole) {
            let line = rest.next().unwrap_or_else(|| unreachable!());
            removed.push(Removed { line, reason: Reason::Spam });
            continue;
        }
        if title.is_none() && reads_as_title(&line.text) {
            title = rest.next().map(|l| l.text);
        }
        break;
    }
    (title, rest.collect())
}

/// A page title often ends with the site's name (`标题 - 某某网`, `标题_某某网`); the part
/// found in the text is the article's.
fn clean_page_title(title: &str, text: &str) -> String {
    let title = title.trim();
    for separator in [" - ", " – ", " — ", "_", " | ", "|"] {
        if let Some((head, _)) = title.rsplit_once(separator) {
            if !head.trim().is_empty() && (text.contains(head.trim()) || !text.contains(title)) {
                return head.trim().to_string();
            }
        }
    }
    title.to_string()
}

/// A title: short, not a sentence, not a section of the text (`一、…`) or its lead.
pub fn reads_as_title(line: &str) -> bool {
    let chars = line.chars().count();
    (4..=60).contains(&chars) && !line.ends_with(['。', '，', '；', '：', ':']) && super::structure::heading_level(line).is_none()
}

/// Three or more short words separated by spaces, commas or bars, and no sentence.
fn is_keyword_list(line: &str) -> bool {
    let words: Vec<&str> = line.split([' ', '\u{3000}', ',', '，', '、', '|', '/']).filter(|w| !w.is_empty()).collect();
    words.len() >= 3 && words.iter().all(|w| w.chars().count() <= 10) && !line.contains(['。', '！', '？'])
}

/// Whether at least half of `line`'s words also occur in `text` outside `line`.
fn shares_words(line: &str, text: &str) -> bool {
    let words: Vec<&str> = line.split([' ', '\u{3000}', ',', '，', '、', '|', '/']).filter(|w| !w.is_empty()).collect();
    let shared = words.iter().filter(|w| text.matches(**w).count() > 1).count();
    shared * 2 >= words.len()
}

/// Removes the title repeated in the body, and teasers: a paragraph that is the cut-off start
/// of a later one.
fn drop_repeats(lines: Vec<Line>, title: Option<&str>, removed: &mut Vec<Removed>) -> Vec<Line> {
    let key = |text: &str| -> String { text.chars().filter(|c| is_cjk(*c) || c.is_alphanumeric()).collect() };
    let title_key = title.map(key).unwrap_or_default();
    let keys: Vec<String> = lines.iter().map(|l| key(&l.text)).collect();
    let mut kept = Vec::new();
    for (i, line) in lines.into_iter().enumerate() {
        let reason = if !title_key.is_empty() && keys[i] == title_key {
            Some(Reason::RepeatedTitle)
        } else if keys[i].chars().count() >= 12
            && keys[i + 1..].iter().any(|later| later.len() > keys[i].len() && later.starts_with(&keys[i]))
        {
            Some(Reason::Teaser)
        } else {
            None
        };
        match reason {
            Some(reason) => removed.push(Removed { line, reason }),
            None => kept.push(line),
        }
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn furniture_spam_teasers_and_link_lists_go_with_their_reasons() {
        let text = "当前位置：首页 > 法律 > 正文\n网贷 代还 信用卡套现 黑户贷款\n上门催收的法律边界\n编辑：张三 2024-10-19 22:14:02\n上门催收是常见的催收方式，但边界常被\n上门催收是常见的催收方式，但边界常被忽视。催收人员必须遵守法律。\n上门催收的法律边界\n违反规定的机构将被处罚。\n相关推荐\n催收新规解读\n网贷逾期怎么办\n";
        let cleaned = clean(text, None);
        assert_eq!(cleaned.title.as_deref(), Some("上门催收的法律边界"));
        let kept: Vec<&str> = cleaned.lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(kept, ["上门催收是常见的催收方式，但边界常被忽视。催收人员必须遵守法律。", "违反规定的机构将被处罚。"]);
        let reasons: Vec<(usize, &str)> = cleaned.removed.iter().map(|r| (r.line.number, r.reason.name())).collect();
        assert_eq!(
            reasons,
            [
                (1, "breadcrumb"),
                (2, "spam keywords"),
                (4, "byline"),
                (5, "teaser"),
                (7, "repeated title"),
                (9, "link list"),
                (10, "link list"),
                (11, "link list")
            ]
        );
    }

    #[test]
    fn keywords_that_belong_to_the_article_are_not_spam() {
        let text = "催收 上门催收 合规\n催收行业的合规之路\n催收机构开展上门催收，必须合规。合规是催收行业的底线。\n";
        let cleaned = clean(text, None);
        assert!(cleaned.removed.is_empty(), "{:?}", cleaned.removed);
    }

    #[test]
    fn a_page_title_loses_the_site_name() {
        assert_eq!(clean_page_title("上门催收的边界 - 某某网", "上门催收的边界\n正文"), "上门催收的边界");
        assert_eq!(clean_page_title("上门催收的边界", "正文"), "上门催收的边界");
    }
}
