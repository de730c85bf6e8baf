//! The article's structure, flattened to plain lines by copying, written again as Markdown:
//! `一、…` sections as `##`, `（一）…` and `1.1 …` subsections as `###`, runs of numbered
//! lines as lists, the editor's lead (`导语`) as the summary and the closing (`总结`) as a
//! section of its own.

use super::clean::Line;

/// The Markdown body (paragraphs separated by blank lines, each with the input line it came
/// from) and the summary.
#[derive(Debug, Default)]
pub struct Structured {
    pub blocks: Vec<(usize, String)>,
    pub summary: Option<String>,
}

const CHINESE_NUMERALS: &str = "一二三四五六七八九十";

/// Labels of an editor's lead, and of the closing.
const LEAD_LABELS: [&str; 5] = ["小编导语", "编者按", "导语", "导读", "摘要"];
const CLOSING_LABELS: [&str; 5] = ["小编总结", "写在最后", "总结", "结语", "小结"];

/// The level (2 or 3) and text of a line written as a numbered section heading.
pub fn heading_level(line: &str) -> Option<(usize, &str)> {
    if let Some(rest) = line.strip_prefix('#') {
        let level = 1 + rest.chars().take_while(|c| *c == '#').count();
        return Some((level.clamp(2, 4), rest.trim_start_matches('#').trim()));
    }
    let numeral = line.chars().take_while(|c| CHINESE_NUMERALS.contains(*c)).count();
    if numeral > 0 {
        let rest = &line[numeral * 3..];
        if let Some(text) = rest.strip_prefix('、').filter(|t| is_heading_text(t)) {
            return Some((2, text.trim()));
        }
    }
    for (open, close) in [("（", "）"), ("(", ")")] {
        if let Some(inner) = line.strip_prefix(open) {
            let numeral = inner.chars().take_while(|c| CHINESE_NUMERALS.contains(*c)).count();
            if numeral > 0 {
                if let Some(text) = inner[numeral * 3..].strip_prefix(close).filter(|t| is_heading_text(t)) {
                    return Some((3, text.trim()));
                }
            }
        }
    }
    let (number, rest) = split_number(line)?;
    (number.contains('.') && number.split('.').all(|p| !p.is_empty()) && is_heading_text(rest)).then(|| (3, rest.trim()))
}

/// `1.1 基本概念` → (`1.1`, ` 基本概念`): a decimal section number and what follows it.
fn split_number(line: &str) -> Option<(&str, &str)> {
    let end = line.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(line.len());
    let number = line[..end].trim_end_matches('.');
    (!number.is_empty()).then(|| (number, &line[end..]))
}

/// Heading text: short, and not a sentence.
fn is_heading_text(text: &str) -> bool {
    let text = text.trim();
    (1..=40).contains(&text.chars().count()) && !text.ends_with(['。', '；', '，'])
}

/// The text of a numbered list item: `1.`, `1、`, `1）`, `（1）`, `①`.
fn list_item(line: &str) -> Option<&str> {
    let circled = line.chars().next().filter(|c| ('①'..='⑳').contains(c));
    if let Some(c) = circled {
        return Some(line[c.len_utf8()..].trim());
    }
    let inner = line.strip_prefix('（').or_else(|| line.strip_prefix('('));
    let body = inner.unwrap_or(line);
    let digits = body.chars().take_while(char::is_ascii_digit).count();
    if digits == 0 || digits > 2 {
        return None;
    }
    let after = &body[digits..];
    let marks: &[&str] = if inner.is_some() { &["）", ")"] } else { &["、", ".", "．", "）", ")"] };
    let text = marks.iter().find_map(|m| after.strip_prefix(m))?;
    // `1.1 …` is a section number, not an item.
    (!text.starts_with(|c: char| c.is_ascii_digit()) && !text.trim().is_empty()).then(|| text.trim())
}

/// A lead or closing label at the start of `line`, with the text after it.
fn labelled<'a>(line: &'a str, labels: &[&str]) -> Option<&'a str> {
    let line = line.trim_start_matches(['【', '[']);
    labels.iter().find_map(|label| {
        let rest = line.strip_prefix(label)?.trim_start_matches(['】', ']']);
        let rest = rest.trim_start_matches([':', '：', ' ']);
        (rest.is_empty() || line[label.len()..].starts_with([':', '：', '】', ']', ' '])).then_some(rest)
    })
}

/// Writes the cleaned lines as Markdown blocks; `text` turns a line's words into Markdown
/// (escaping plain text, or checking the links of Markdown from a page).
pub fn structure(lines: &[Line], text: &dyn Fn(&str) -> String) -> Structured {
    let mut out = Structured::default();
    let mut i = 0;
    while i < lines.len() {
        let line = &lines[i];
        if out.summary.is_none() && out.blocks.is_empty() {
            if let Some(lead) = labelled(&line.text, &LEAD_LABELS) {
                // The lead's text is on its line, or it is the next paragraph.
                let (text, used) =
                    if lead.is_empty() { (lines.get(i + 1).map(|l| l.text.clone()), 2) } else { (Some(lead.to_string()), 1) };
                out.summary = text;
                i += used;
                continue;
            }
        }
        if let Some(closing) = labelled(&line.text, &CLOSING_LABELS) {
            out.blocks.push((line.number, "## 总结".into()));
            if !closing.is_empty() {
                out.blocks.push((line.number, text(closing)));
            }
            i += 1;
            continue;
        }
        let items = lines[i..].iter().take_while(|l| list_item(&l.text).is_some()).count();
        if items >= 2 {
            let list: Vec<String> =
                lines[i..i + items].iter().enumerate().map(|(k, l)| format!("{}. {}", k + 1, list_item(&l.text).unwrap_or(""))).collect();
            out.blocks.push((line.number, list.join("\n")));
            i += items;
            continue;
        }
        match heading_level(&line.text) {
            Some((level, heading)) => out.blocks.push((line.number, format!("{} {}", "#".repeat(level), text(heading)))),
            None => out.blocks.push((line.number, text(&line.text))),
        }
        i += 1;
    }
    if out.summary.is_none() {
        out.summary =
            out.blocks.iter().map(|(_, b)| b.as_str()).find(|b| !b.starts_with('#') && !b.starts_with("1. ")).map(first_sentences);
    }
    out
}

/// The start of a paragraph for a summary: whole sentences up to about 120 characters.
fn first_sentences(paragraph: &str) -> String {
    let mut out = String::new();
    for sentence in paragraph.split_inclusive(['。', '！', '？']) {
        if !out.is_empty() && out.chars().count() + sentence.chars().count() > 120 {
            break;
        }
        out.push_str(sentence);
    }
    if out.chars().count() > 160 {
        out = out.chars().take(120).collect::<String>() + "…";
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<Line> {
        text.lines().enumerate().map(|(i, t)| Line { number: i + 1, text: t.to_string() }).collect()
    }

    #[test]
    fn sections_lists_lead_and_closing_are_recovered() {
        let text = "小编导语：上门催收有法律边界。\n一、法律规定\n（一）基本原则\n催收须合法。\n1.1 时间限制\n1. 不得在夜间上门；\n2. 不得限制人身自由；\n3. 不得骚扰无关人员。\n小编总结\n合规是底线。";
        let s = structure(&lines(text), &|t| t.to_string());
        assert_eq!(s.summary.as_deref(), Some("上门催收有法律边界。"));
        let blocks: Vec<&str> = s.blocks.iter().map(|(_, b)| b.as_str()).collect();
        assert_eq!(
            blocks,
            [
                "## 法律规定",
                "### 基本原则",
                "催收须合法。",
                "### 时间限制",
                "1. 不得在夜间上门；\n2. 不得限制人身自由；\n3. 不得骚扰无关人员。",
                "## 总结",
                "合规是底线。"
            ]
        );
    }

    #[test]
    fn a_lone_numbered_line_and_sentences_stay_paragraphs() {
        let s =
            structure(&lines("1. 这是唯一一条，后面没有第二条。\n一、二两种情况都存在，这是一句话。\n2024年的数据"), &|t| t.to_string());
        let blocks: Vec<&str> = s.blocks.iter().map(|(_, b)| b.as_str()).collect();
        assert_eq!(blocks, ["1. 这是唯一一条，后面没有第二条。", "一、二两种情况都存在，这是一句话。", "2024年的数据"]);
        assert_eq!(s.summary.as_deref(), Some("一、二两种情况都存在，这是一句话。"), "a summary is a paragraph, not a list");
    }

    #[test]
    fn without_a_lead_the_summary_is_the_first_sentences() {
        let long = "第一句话说明背景。".repeat(20);
        let s = structure(&lines(&long), &|t| t.to_string());
        assert!(s.summary.as_ref().unwrap().chars().count() <= 126, "{:?}", s.summary);
    }
}
