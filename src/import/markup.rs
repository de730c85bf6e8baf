//! Copied text is plain text, and the Markdown made from an HTML page is the page's: neither
//! may become markup the site did not mean. Plain text has its Markdown characters escaped,
//! so `[链接](…)`, `<b>` or `*` read as written; Markdown from a page keeps its links only when
//! the URL policy accepts them. In both, a `{{` never starts a shortcode.

use crate::policy::url;

/// A line of plain text, escaped so that Markdown shows it as written. A leading `- ` or
/// `* ` stays a list item, as the page showed one.
pub fn escape_text(line: &str) -> String {
    let (marker, rest) = match line.strip_prefix("- ").or_else(|| line.strip_prefix("* ")).or_else(|| line.strip_prefix("• ")) {
        Some(rest) => ("- ", rest),
        None => ("", line),
    };
    let mut out = String::with_capacity(line.len() + 8);
    out.push_str(marker);
    for (i, c) in rest.char_indices() {
        let at_start = i == 0 && marker.is_empty();
        let special = matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '{' | '}' | '|' | '~' | '!' | '&')
            || (at_start && matches!(c, '#' | '+' | '-' | '='));
        if special {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Markdown converted from a page, with links and images whose URL the site would refuse
/// reduced to their text, and `{{` written so that it is not a shortcode.
pub fn defuse(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len());
    let mut rest = markdown;
    while let Some(start) = rest.find("](") {
        let (before, after) = rest.split_at(start);
        let Some(close) = closing_paren(&after[2..]) else { break };
        if destination(&after[2..2 + close]).is_none_or(|target| url::check(&target).is_ok()) {
            out.push_str(&before.replace("{{", "{\\{"));
            out.push_str(&after[..2 + close + 1]);
        } else {
            // `[text](bad)` → `text`; `![alt](bad)` → `alt`.
            let open = before.rfind('[').unwrap_or(before.len());
            let text = &before[(open + 1).min(before.len())..];
            let kept = before[..open].strip_suffix('!').unwrap_or(&before[..open]);
            out.push_str(&kept.replace("{{", "{\\{"));
            out.push_str(text);
        }
        rest = &after[2 + close + 1..];
    }
    out.push_str(&rest.replace("{{", "{\\{"));
    out
}

/// The destination of a link whose parentheses hold `inside`, as the build's Markdown parser
/// reads it (angle brackets, escapes and character references undone); `None` when those
/// parentheses do not make a link.
fn destination(inside: &str) -> Option<String> {
    let probe = format!("[x]({inside})");
    pulldown_cmark::Parser::new(&probe).find_map(|event| match event {
        pulldown_cmark::Event::Start(pulldown_cmark::Tag::Link { dest_url, .. }) => Some(dest_url.into_string()),
        _ => None,
    })
}

/// The offset of the `)` that closes a link's target, counting nested parentheses.
fn closing_paren(target: &str) -> Option<usize> {
    let mut depth = 0usize;
    for (i, c) in target.char_indices() {
        match c {
            '(' => depth += 1,
            ')' if depth == 0 => return Some(i),
            ')' => depth -= 1,
            '\n' => return None,
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_reads_as_written() {
        assert_eq!(escape_text("[链接](javascript:alert(1))"), "\\[链接\\](javascript:alert(1))");
        assert_eq!(escape_text("<script>a*b_c</script>"), "\\<script\\>a\\*b\\_c\\</script\\>");
        assert_eq!(escape_text("# 不是标题"), "\\# 不是标题");
        assert_eq!(escape_text("- 列表项"), "- 列表项");
        assert_eq!(escape_text("{{ chart(region=\"a\") }}"), "\\{\\{ chart(region=\"a\") \\}\\}");
        assert_eq!(escape_text("普通的一句话。"), "普通的一句话。");
    }

    #[test]
    fn page_links_stay_when_the_site_accepts_them() {
        assert_eq!(defuse("见[原文](https://e.org/a)。"), "见[原文](https://e.org/a)。");
        assert_eq!(defuse("点[这里](javascript:alert(1))看"), "点这里看");
        assert_eq!(defuse("![图](data:image/png;base64,xx)后"), "图后");
        assert_eq!(defuse("{{ chart() }}"), "{\\{ chart() }}");
        assert_eq!(defuse("未闭合的 ](链接"), "未闭合的 ](链接");
        // The destination is read as Markdown reads it: in angle brackets with a space
        // before the scheme (a browser ignores it), or with its parentheses escaped.
        assert_eq!(defuse("[三](< javascript:alert\\(1\\)>)后"), "三后");
        assert_eq!(defuse("[三](java\\script:x)后"), "[三](java\\script:x)后", "`java\\script:` is a relative path");
        assert_eq!(defuse("[三](jav&#x61;script:x)后"), "三后", "a character reference is read as its character");
        assert_eq!(defuse("[原文](<https://e.org/a b> \"题\")"), "[原文](<https://e.org/a b> \"题\")");
    }
}
