//! Problems found in a site's input, reported as `path:line:col: message` with a source snippet.
//!
//! Every stage pushes what it finds into a [`Diagnostics`] list instead of stopping at the
//! first mistake, so an editor sees everything that is wrong in one run.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

/// How serious a problem is: errors fail the build, warnings do not (unless `--strict`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Error,
    Warning,
}

/// One problem in one input file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// The file, relative to the site root when it lies inside it.
    pub path: PathBuf,
    /// 1-based line, counted from the start of the file (front matter included); 0 if unknown.
    pub line: usize,
    /// 1-based column in characters; 0 if unknown.
    pub column: usize,
    pub message: String,
    /// The text of the offending line, kept so the report can show it.
    pub source_line: Option<String>,
}

/// The 1-based line and column (in characters) at which the text after `before` starts.
pub fn position_after(before: &str) -> (usize, usize) {
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (before.matches('\n').count() + 1, before[line_start..].chars().count() + 1)
}

impl Diagnostic {
    pub fn error(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic { severity: Severity::Error, path: path.into(), line: 0, column: 0, message: message.into(), source_line: None }
    }

    pub fn warning(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic { severity: Severity::Warning, ..Diagnostic::error(path, message) }
    }

    /// An error at a line of a text whose file is not known where it is found (a Markdown
    /// body, rendered on its own); the caller places it in its file (`Article::place`).
    pub fn error_on_line(line: usize, message: impl Into<String>) -> Self {
        Diagnostic { line, ..Diagnostic::error(PathBuf::new(), message) }
    }

    /// Points the diagnostic at `line:column` of `source` and keeps that line for the snippet.
    pub fn at(mut self, source: &str, line: usize, column: usize) -> Self {
        self.line = line;
        self.column = column;
        self.source_line = source.lines().nth(line.saturating_sub(1)).filter(|_| line > 0).map(str::to_owned);
        self
    }

    /// `path:line:col: severity: message`, the line editors and CI logs link to.
    pub fn headline(&self) -> String {
        let kind = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        format!("{}: {kind}: {}", self.location(), self.message)
    }

    /// `path:line:col`, or just `path` when the position is unknown.
    pub fn location(&self) -> String {
        let path = self.path.display();
        match (self.line, self.column) {
            (0, _) => format!("{path}"),
            (line, 0) => format!("{path}:{line}"),
            (line, col) => format!("{path}:{line}:{col}"),
        }
    }

    /// The headline followed by the offending line with a caret under the column.
    pub fn render(&self) -> String {
        let mut out = self.headline();
        out.push('\n');
        if let Some(text) = &self.source_line {
            let level = match self.severity {
                Severity::Error => Level::ERROR,
                Severity::Warning => Level::WARNING,
            };
            let span = caret_span(text, self.column);
            let path = self.path.display().to_string();
            // The headline above says what is wrong; the renderer adds only the snippet.
            let report = &[Group::with_level(level).element(
                Snippet::source(text.as_str()).line_start(self.line).path(path.as_str()).annotation(AnnotationKind::Primary.span(span)),
            )];
            let _ = writeln!(out, "{}", Renderer::plain().render(report));
        }
        out
    }
}

/// Byte range of the character at 1-based `column` (the whole line when unknown).
fn caret_span(text: &str, column: usize) -> std::ops::Range<usize> {
    if column == 0 {
        return 0..text.len();
    }
    let mut chars = text.char_indices().skip(column - 1);
    match chars.next() {
        Some((start, c)) => start..start + c.len_utf8(),
        None => text.len()..text.len(),
    }
}

/// The sink every step reports its problems into: shared by reference, safe to push to from
/// parallel work, read out sorted once the run is over.
#[derive(Debug, Default)]
pub struct Diagnostics {
    items: std::sync::Mutex<Vec<Diagnostic>>,
}

/// How many errors and warnings a list of problems holds, counted here and nowhere else;
/// shown as `2 error(s), 1 warning(s)`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub errors: usize,
    pub warnings: usize,
}

impl Counts {
    pub fn of(problems: &[Diagnostic]) -> Counts {
        let errors = problems.iter().filter(|d| d.severity == Severity::Error).count();
        Counts { errors, warnings: problems.len() - errors }
    }
}

impl std::fmt::Display for Counts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} error(s), {} warning(s)", self.errors, self.warnings)
    }
}

/// Every problem with its snippet, then the counts: what the terminal and serve's overlay show.
pub fn report(problems: &[Diagnostic]) -> String {
    let mut text: String = problems.iter().map(Diagnostic::render).collect();
    let _ = writeln!(text, "{}", Counts::of(problems));
    text
}

impl Diagnostics {
    pub fn push(&self, diagnostic: Diagnostic) {
        self.items().push(diagnostic);
    }

    pub fn extend(&self, found: impl IntoIterator<Item = Diagnostic>) {
        let found: Vec<Diagnostic> = found.into_iter().collect();
        if !found.is_empty() {
            self.items().extend(found);
        }
    }

    pub fn counts(&self) -> Counts {
        Counts::of(&self.items())
    }

    pub fn has_errors(&self) -> bool {
        self.counts().errors > 0
    }

    /// Every problem so far, sorted by file, then position, so output is stable whatever
    /// order the steps ran in; the sink keeps them.
    pub fn sorted(&self) -> Vec<Diagnostic> {
        let mut items = self.items().clone();
        items.sort_by(|a, b| (&a.path, a.line, a.column, a.severity, &a.message).cmp(&(&b.path, b.line, b.column, b.severity, &b.message)));
        items.dedup();
        items
    }

    fn items(&self) -> std::sync::MutexGuard<'_, Vec<Diagnostic>> {
        // A panic while pushing cannot leave the list half-written: keep using it.
        self.items.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

/// `{"errors": n, "warnings": n, "diagnostics": [...]}`, the stable form `check --format json` prints.
pub fn to_json(problems: &[Diagnostic]) -> String {
    let counts = Counts::of(problems);
    let items: Vec<serde_json::Value> = problems
        .iter()
        .map(|d| {
            serde_json::json!({
                "severity": if d.severity == Severity::Error { "error" } else { "warning" },
                "path": d.path.to_string_lossy(),
                "line": d.line,
                "column": d.column,
                "message": d.message,
            })
        })
        .collect();
    let report = serde_json::json!({ "errors": counts.errors, "warnings": counts.warnings, "diagnostics": items });
    serde_json::to_string_pretty(&report).unwrap_or_default()
}

/// The path shown to the user: relative to the site root when it lies under it.
pub fn display_path(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_path_buf()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headline_names_file_line_and_column() {
        let d = Diagnostic::error("content/site.yaml", "bad").at("a: 1\nb: x\n", 2, 4);
        assert_eq!(d.headline(), "content/site.yaml:2:4: error: bad");
        assert_eq!(d.source_line.as_deref(), Some("b: x"));
    }

    #[test]
    fn render_shows_the_offending_line_with_a_caret() {
        let d = Diagnostic::error("x.yaml", "expected a number").at("value: 十二\n", 1, 8);
        let text = d.render();
        assert!(text.contains("value: 十二"), "{text}");
        assert!(text.contains('^'), "{text}");
    }

    #[test]
    fn caret_span_handles_multibyte_characters() {
        assert_eq!(caret_span("ab十c", 3), 2..5);
        assert_eq!(caret_span("ab", 9), 2..2);
    }
}
