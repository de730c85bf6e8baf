//! YAML parsing with positions: every syntax or type error becomes a [`Diagnostic`].
//!
//! serde_yaml is archived; serde-saphyr is maintained, pure Rust, never panics on bad input,
//! bounds alias expansion (no "billion laughs"), and reports line and column for both syntax
//! errors and type errors, and for values wrapped in `Spanned`.

use std::path::Path;

use serde::de::DeserializeOwned;
use serde_saphyr::{Error, Spanned};

use crate::diagnostics::Diagnostic;

/// Parses `text` (the whole of `path`, or the part starting at `line_offset + 1`).
pub fn parse<T: DeserializeOwned>(path: &Path, text: &str, line_offset: usize) -> Result<T, Diagnostic> {
    serde_saphyr::from_str(text).map_err(|err| {
        let (line, column) = err.location().map(|loc| (loc.line() as usize, loc.column() as usize)).unwrap_or((0, 0));
        let diagnostic = Diagnostic::error(path, describe(&err, text, line, column));
        if line == 0 {
            diagnostic
        } else {
            relocate(diagnostic.at(text, line, column), line_offset)
        }
    })
}

/// The message for a parser error, chosen by its kind (the error's own text is used only for
/// the kinds we do not word ourselves).
fn describe(err: &Error, text: &str, line: usize, column: usize) -> String {
    match innermost(err) {
        Error::Budget { breach, .. } => {
            format!("file is too large or too deeply nested to read safely (limit reached: {breach:?})")
        }
        Error::InvalidScalar { ty, .. } if is_number(ty) => format!("expected a number, found `{}`", token_at(text, line, column)),
        Error::SerdeUnknownField { field, expected, .. } => {
            let list = expected.join(", ");
            let known = if expected.len() == 1 { list } else { format!("one of {list}") };
            match nearest(field, expected) {
                Some(near) => format!("unknown field `{field}`, expected {known}; did you mean `{near}`?"),
                None => format!("unknown field `{field}`, expected {known}"),
            }
        }
        other => clean_message(&other.to_string()),
    }
}

/// The error itself, out of the wrappers that add a snippet or an alias's position.
fn innermost(mut err: &Error) -> &Error {
    while let Error::WithSnippet { error, .. } | Error::AliasError { error, .. } = err {
        err = error;
    }
    err
}

/// Whether the parser wanted a number: it names floats "floating point" and integers by type.
fn is_number(ty: &str) -> bool {
    ty == "floating point" || (ty.starts_with(['i', 'u']) && ty[1..].bytes().all(|b| b.is_ascii_digit()) || ty.ends_with("size"))
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

/// The parser's message without the position it appends (we print our own).
fn clean_message(raw: &str) -> String {
    let first = raw.lines().next().unwrap_or(raw).trim();
    let first = first.strip_prefix("error: ").unwrap_or(first);
    match first.rfind(" at line ") {
        Some(i) => first[..i].trim_end().to_string(),
        None => first.to_string(),
    }
}

/// The known field nearest `unknown`, if one is close enough to be a typing slip.
fn nearest<'a>(unknown: &str, expected: &[&'a str]) -> Option<&'a str> {
    expected
        .iter()
        .map(|f| (strsim::damerau_levenshtein(unknown, f), *f))
        .filter(|(distance, f)| *distance <= 2.max(f.len() / 3))
        .min()
        .map(|(_, f)| f)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Sample {
        title: String,
        count: Option<u32>,
        value: Option<f64>,
    }

    fn error(text: &str) -> Diagnostic {
        parse::<Sample>(Path::new("a.yaml"), text, 0).unwrap_err()
    }

    /// Each kind of parser error we word ourselves, and one we pass on.
    #[test]
    fn each_parser_error_kind_becomes_a_located_message() {
        let unknown = error("title: t\ntitel: x\n");
        assert_eq!((unknown.line, unknown.column), (2, 1));
        assert_eq!(unknown.message, "unknown field `titel`, expected one of title, count, value; did you mean `title`?");
        assert_eq!(error("title: t\ncolour: x\n").message, "unknown field `colour`, expected one of title, count, value");

        let number = error("title: t\nvalue: 一点五\n");
        assert_eq!((number.line, number.message.as_str()), (2, "expected a number, found `一点五`"));
        assert_eq!(error("title: t\ncount: many\n").message, "expected a number, found `many`");

        let mut bomb = String::from("title: &a0 'lol'\nvalue: 1\n");
        for i in 1..30 {
            bomb.push_str(&format!("z{i}: &a{i} [{}]\n", vec![format!("*a{}", i - 1); 10].join(", ")));
        }
        let bomb = parse::<serde_json::Value>(Path::new("a.yaml"), &bomb, 0).unwrap_err();
        assert!(bomb.message.starts_with("file is too large or too deeply nested to read safely (limit reached: "), "{bomb:?}");

        let syntax = error("title: [\n");
        assert!(syntax.line >= 1 && !syntax.message.contains(" at line "), "{syntax:?}");
    }
}
