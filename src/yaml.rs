//! YAML parsing with positions: every syntax or type error becomes a [`Diagnostic`].
//!
//! serde_yaml is archived; serde-saphyr is maintained, pure Rust, never panics on bad input,
//! bounds alias expansion (no "billion laughs"), and reports line and column for both syntax
//! errors and type errors, and for values wrapped in `Spanned`.

use std::path::Path;

use serde::de::DeserializeOwned;
use serde_saphyr::Spanned;

use crate::diagnostics::Diagnostic;

/// Parses `text` (the whole of `path`, or the part starting at `line_offset + 1`).
pub fn parse<T: DeserializeOwned>(path: &Path, text: &str, line_offset: usize) -> Result<T, Diagnostic> {
    serde_saphyr::from_str(text).map_err(|err| {
        let (line, column) = err.location().map(|loc| (loc.line() as usize, loc.column() as usize)).unwrap_or((0, 0));
        let mut message = clean_message(&err.without_snippet().to_string());
        if let Some(limit) = message.strip_prefix("budget breached: ") {
            message = format!("file is too large or too deeply nested to read safely (limit reached: {limit})");
        } else if message.starts_with("invalid floating point") || message.starts_with("invalid u") || message.starts_with("invalid i") {
            message = format!("expected a number, found `{}`", token_at(text, line, column));
        }
        let diagnostic = Diagnostic::error(path, message);
        if line == 0 {
            diagnostic
        } else {
            relocate(diagnostic.at(text, line, column), line_offset)
        }
    })
}

/// The scalar written at `line:column` (up to the next `,`, `}`, `]` or the end of the line).
fn token_at(text: &str, line: usize, column: usize) -> String {
    let source_line = text.lines().nth(line.saturating_sub(1)).unwrap_or("");
    let rest: String = source_line.chars().skip(column.saturating_sub(1)).collect();
    rest.split([',', '}', ']', '#']).next().unwrap_or("").trim().to_string()
}

/// Shifts a diagnostic found in an embedded YAML block to the line of the whole file.
pub fn relocate(mut diagnostic: Diagnostic, line_offset: usize) -> Diagnostic {
    if diagnostic.line > 0 {
        diagnostic.line += line_offset;
    }
    diagnostic
}

/// A diagnostic pointing at a spanned YAML value.
pub fn error_at<T>(path: &Path, text: &str, line_offset: usize, value: &Spanned<T>, message: impl Into<String>) -> Diagnostic {
    let (line, column) = position(value);
    relocate(Diagnostic::error(path, message).at(text, line, column), line_offset)
}

/// A warning pointing at a spanned YAML value.
pub fn warning_at<T>(path: &Path, text: &str, line_offset: usize, value: &Spanned<T>, message: impl Into<String>) -> Diagnostic {
    let mut d = error_at(path, text, line_offset, value, message);
    d.severity = crate::diagnostics::Severity::Warning;
    d
}

/// 1-based line and column of a spanned value.
pub fn position<T>(value: &Spanned<T>) -> (usize, usize) {
    (value.referenced.line() as usize, value.referenced.column() as usize)
}

/// The parser's message without the position it appends (we print our own), with a
/// suggestion when an unknown field is close to a known one.
fn clean_message(raw: &str) -> String {
    let first = raw.lines().next().unwrap_or(raw).trim();
    let first = first.strip_prefix("error: ").unwrap_or(first);
    let message = match first.rfind(" at line ") {
        Some(i) => first[..i].trim_end(),
        None => first,
    };
    match suggest_field(message) {
        Some(field) => format!("{message}; did you mean `{field}`?"),
        None => message.to_string(),
    }
}

/// For "unknown field `titel`, expected one of title, date…", the known field nearest `titel`.
fn suggest_field(message: &str) -> Option<&str> {
    let rest = message.strip_prefix("unknown field `")?;
    let (unknown, rest) = rest.split_once('`')?;
    let expected = rest.split_once("expected ")?.1;
    let expected = expected.strip_prefix("one of ").unwrap_or(expected);
    expected
        .split(", ")
        .map(|f| f.trim_matches(|c| c == '`' || c == ' '))
        .map(|f| (strsim::damerau_levenshtein(unknown, f), f))
        .filter(|(distance, f)| *distance <= 2.max(f.len() / 3))
        .min()
        .map(|(_, f)| f)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_fields_get_a_suggestion() {
        let m = clean_message("unknown field `titel`, expected one of title, date, tags at line 2, column 1");
        assert_eq!(m, "unknown field `titel`, expected one of title, date, tags; did you mean `title`?");
        let far = clean_message("unknown field `colour`, expected one of title, date at line 2, column 1");
        assert_eq!(far, "unknown field `colour`, expected one of title, date");
    }
}
