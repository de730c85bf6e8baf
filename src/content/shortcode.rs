//! Chart shortcodes in article bodies: `{{ chart(region="hunan", series="complaints") }}`.
//!
//! A shortcode stands on a line of its own (outside code blocks). Before Markdown runs, each
//! one is replaced by a placeholder paragraph; after the HTML is rendered and sanitized, the
//! site step swaps the placeholder for the chart figure, so chart markup never passes through
//! the sanitizer and shortcode text never reaches the page.

use std::borrow::Cow;

use super::markdown::limits::{MAX_CHARTS, SPLIT};
use crate::diagnostics::Diagnostic;

/// Marks a placeholder; stripped from input so content cannot forge one.
pub const PLACEHOLDER_MARK: char = '\u{E000}';

/// A chart requested by an article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChartRef {
    pub region: String,
    pub series: String,
    /// 1-based line in the body where the shortcode was written.
    pub line: usize,
}

/// The body with shortcodes replaced, and where each output line came from.
#[derive(Debug)]
pub struct Expanded<'a> {
    /// The body itself when it has no shortcode (most do not): nothing is copied.
    pub text: Cow<'a, str>,
    pub charts: Vec<ChartRef>,
    /// `source_line[i]` is the body line (1-based) that output line `i` came from; empty
    /// when the lines are the body's own.
    pub source_line: Vec<usize>,
    pub errors: Vec<Diagnostic>,
}

impl Expanded<'_> {
    /// The body line (1-based) that output line `line` came from.
    pub fn body_line(&self, line: usize) -> usize {
        self.source_line.get(line.wrapping_sub(1)).copied().unwrap_or(line)
    }
}

/// The placeholder text for chart number `index`.
pub fn placeholder(index: usize) -> String {
    format!("{PLACEHOLDER_MARK}chart{index}{PLACEHOLDER_MARK}")
}

/// Replaces shortcode lines by placeholder paragraphs.
pub fn expand(body: &str) -> Expanded<'_> {
    if !body.contains("{{") && !body.contains(PLACEHOLDER_MARK) {
        // Nothing to expand: the text stays as it is and line numbers map one to one.
        return Expanded { text: Cow::Borrowed(body), charts: Vec::new(), source_line: Vec::new(), errors: Vec::new() };
    }
    let mut out = Lines { text: String::with_capacity(body.len()), source_line: Vec::new() };
    let (mut charts, mut errors) = (Vec::new(), Vec::new());
    let mut too_many = false;
    let mut fence: Option<String> = None;
    for (index, line) in body.lines().enumerate() {
        let line_no = index + 1;
        let trimmed = line.trim();
        if let Some(marker) = fence_marker(trimmed) {
            match &fence {
                Some(open) if marker.starts_with(open.as_str()) => fence = None,
                None => fence = Some(marker),
                _ => {}
            }
        }
        let is_shortcode = fence.is_none() && trimmed.starts_with("{{") && trimmed.ends_with("}}");
        if !is_shortcode {
            if line.contains(PLACEHOLDER_MARK) {
                out.push(&line.replace(PLACEHOLDER_MARK, ""), line_no);
            } else {
                out.push(line, line_no);
            }
            continue;
        }
        match parse(trimmed) {
            Ok(_) if charts.len() == MAX_CHARTS => {
                // Reported once, at the first chart past the limit; no chart past it is drawn.
                if !too_many {
                    errors.push(Diagnostic::error_on_line(line_no, format!("more than {MAX_CHARTS} charts in one article; {SPLIT}")));
                    too_many = true;
                }
                out.push("", line_no);
            }
            Ok((region, series)) => {
                out.push("", line_no);
                out.push(&placeholder(charts.len()), line_no);
                out.push("", line_no);
                charts.push(ChartRef { region, series, line: line_no });
            }
            Err(message) => {
                errors.push(Diagnostic::error_on_line(line_no, message));
                out.push("", line_no);
            }
        }
    }
    Expanded { text: Cow::Owned(out.text), charts, source_line: out.source_line, errors }
}

/// Output lines being written, with the body line each came from.
struct Lines {
    text: String,
    source_line: Vec<usize>,
}

impl Lines {
    fn push(&mut self, line: &str, source: usize) {
        self.text.push_str(line);
        self.text.push('\n');
        self.source_line.push(source);
    }
}

/// The fence characters of a fenced-code line (```` ``` ```` or `~~~`), if it is one.
fn fence_marker(trimmed: &str) -> Option<String> {
    let first = trimmed.chars().next()?;
    if first != '`' && first != '~' {
        return None;
    }
    let run: String = trimmed.chars().take_while(|&c| c == first).collect();
    (run.chars().count() >= 3).then_some(run)
}

/// Parses `{{ chart(region="…", series="…") }}` into (region, series).
fn parse(text: &str) -> Result<(String, String), String> {
    let inner = text.trim_start_matches("{{").trim_end_matches("}}").trim();
    let (name, rest) = inner
        .split_once('(')
        .ok_or_else(|| format!("malformed shortcode `{text}`: expected `{{{{ chart(region=\"…\", series=\"…\") }}}}`"))?;
    let name = name.trim();
    if name != "chart" {
        return Err(format!("unknown shortcode `{name}`: the only shortcode is `chart`"));
    }
    let args = rest.trim_end().strip_suffix(')').ok_or_else(|| format!("malformed shortcode `{text}`: missing `)`"))?;
    let (mut region, mut series) = (None, None);
    for arg in args.split(',').map(str::trim).filter(|a| !a.is_empty()) {
        let (key, value) = arg.split_once('=').ok_or_else(|| format!("malformed argument `{arg}`: write key=\"value\""))?;
        let value = unquote(value.trim()).ok_or_else(|| format!("argument `{}` needs a quoted value", key.trim()))?;
        match key.trim() {
            "region" => region = Some(value),
            "series" => series = Some(value),
            other => return Err(format!("unknown argument `{other}` to chart: it takes `region` and `series`")),
        }
    }
    match (region, series) {
        (Some(r), Some(s)) => Ok((r, s)),
        _ => Err("chart shortcode needs both `region` and `series`".into()),
    }
}

fn unquote(value: &str) -> Option<String> {
    let quoted = (value.starts_with('"') && value.ends_with('"')) || (value.starts_with('\'') && value.ends_with('\''));
    (quoted && value.len() >= 2).then(|| value[1..value.len() - 1].to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_shortcode_lines_with_placeholder_paragraphs() {
        let e = expand("intro\n{{ chart(region=\"hunan\", series=\"complaints\") }}\nafter\n");
        assert_eq!(e.charts, vec![ChartRef { region: "hunan".into(), series: "complaints".into(), line: 2 }]);
        assert!(e.text.contains(&format!("\n\n{}\n\n", placeholder(0))), "{:?}", e.text);
        assert_eq!(e.source_line, vec![1, 2, 2, 2, 3]);
        assert!(e.errors.is_empty());
    }

    #[test]
    fn leaves_code_blocks_alone() {
        let e = expand("```\n{{ chart(region=\"a\", series=\"b\") }}\n```\n");
        assert!(e.charts.is_empty());
        assert!(e.text.contains("{{ chart("));
    }

    #[test]
    fn reports_malformed_shortcodes_with_their_line() {
        let e = expand("x\n{{ chart(region=\"a\") }}\n{{ map(region=\"a\") }}\n");
        assert_eq!(e.errors.len(), 2);
        assert_eq!((e.errors[0].line, e.errors[0].message.as_str()), (2, "chart shortcode needs both `region` and `series`"));
        assert!(e.errors[1].message.contains("unknown shortcode `map`"));
    }

    #[test]
    fn content_cannot_forge_a_placeholder() {
        let forged = format!("{}\n", placeholder(0));
        let e = expand(&forged);
        assert!(!e.text.contains(PLACEHOLDER_MARK));
    }
}
