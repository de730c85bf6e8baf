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
        let message = clean_message(&err.without_snippet().to_string());
        let diagnostic = Diagnostic::error(path, message);
        if line == 0 {
            diagnostic
        } else {
            relocate(diagnostic.at(text, line, column), line_offset)
        }
    })
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

/// The parser's message without the position it appends (we print our own).
fn clean_message(raw: &str) -> String {
    let first = raw.lines().next().unwrap_or(raw).trim();
    let first = first.strip_prefix("error: ").unwrap_or(first);
    match first.rfind(" at line ") {
        Some(i) => first[..i].trim_end().to_string(),
        None => first.to_string(),
    }
}
