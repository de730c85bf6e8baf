//! Splitting an article into its YAML front matter and Markdown body, and reading the former.

use std::path::Path;

use schemars::JsonSchema;
use serde::Deserialize;
use serde_saphyr::Spanned;

use crate::diagnostics::Diagnostic;
use crate::yaml;

/// The parts of an article file. Line numbers count from the start of the file.
#[derive(Debug, PartialEq, Eq)]
pub struct Split<'a> {
    pub yaml: &'a str,
    /// Lines before the YAML block (the opening `---`), to shift YAML positions by.
    pub yaml_line_offset: usize,
    pub body: &'a str,
    /// 1-based line on which the body starts.
    pub body_line: usize,
}

/// Finds the `---` … `---` block at the top of `text`.
pub fn split(text: &str) -> Result<Split<'_>, String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let first_end = text.find('\n').unwrap_or(text.len());
    if text[..first_end].trim_end() != "---" {
        return Err("missing front matter: an article starts with a line `---`, then YAML (title, date, …), then `---`".into());
    }
    let yaml_start = (first_end + 1).min(text.len());
    let mut offset = yaml_start;
    for (line, raw_line) in (2..).zip(text[yaml_start..].split_inclusive('\n')) {
        if raw_line.trim_end() == "---" {
            let body_start = offset + raw_line.len();
            return Ok(Split { yaml: &text[yaml_start..offset], yaml_line_offset: 1, body: &text[body_start..], body_line: line + 1 });
        }
        offset += raw_line.len();
    }
    Err("unclosed front matter: the `---` on line 1 has no closing `---` line".into())
}

/// The article's front matter as written.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    #[schemars(with = "String")]
    pub title: Spanned<String>,
    #[schemars(with = "String")]
    pub date: Spanned<String>,
    /// The region the article is about (or use `regions` for several).
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub region: Option<Spanned<String>>,
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub regions: Vec<Spanned<String>>,
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub tags: Vec<Spanned<String>>,
    #[serde(default)]
    pub summary: Option<String>,
    #[serde(default)]
    pub author: Option<String>,
    /// Drafts are left out unless the build is run with `--drafts`.
    #[serde(default)]
    pub draft: bool,
    /// URL slug; by default the file name without `.md`.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub slug: Option<Spanned<String>>,
    /// Where the article was first published, when it comes from elsewhere (as `import`
    /// writes it): shown under the article.
    #[serde(default)]
    pub source: Option<RawOrigin>,
}

/// The original of an article taken from another site.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawOrigin {
    /// http(s) address of the original.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub url: Option<Spanned<String>>,
    /// The site or publisher it appeared on.
    #[serde(default)]
    pub name: Option<String>,
    /// The notice of rights the original states (e.g. its reprint terms).
    #[serde(default)]
    pub rights: Option<String>,
}

/// Parses the YAML of `split`, positions counted from the top of the file.
pub fn parse(path: &Path, split: &Split) -> Result<FrontMatter, Diagnostic> {
    yaml::parse(path, split.yaml, split.yaml_line_offset)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_yaml_and_body_with_file_line_numbers() {
        let s = split("---\ntitle: a\ndate: 2024-01-01\n---\n# Body\n").unwrap();
        assert_eq!(s.yaml, "title: a\ndate: 2024-01-01\n");
        assert_eq!(s.body, "# Body\n");
        assert_eq!(s.body_line, 5);
    }

    #[test]
    fn tolerates_bom_and_crlf() {
        let s = split("\u{feff}---\r\ntitle: a\r\n---\r\nbody").unwrap();
        assert_eq!(s.yaml, "title: a\r\n");
        assert_eq!(s.body, "body");
    }

    #[test]
    fn missing_and_unclosed_front_matter_are_errors() {
        assert!(split("# no front matter").unwrap_err().contains("missing front matter"));
        assert!(split("---\ntitle: a\n").unwrap_err().contains("unclosed front matter"));
        assert!(split("").unwrap_err().contains("missing front matter"));
    }

    #[test]
    fn yaml_errors_count_lines_from_the_top_of_the_file() {
        let text = "---\ntitle: a\ndate: [\n---\nbody";
        let s = split(text).unwrap();
        let err = parse(Path::new("a.md"), &s).unwrap_err();
        assert!(err.line >= 3, "line {} should be in the file's numbering", err.line);
    }

    #[test]
    fn unknown_fields_are_rejected() {
        let s = split("---\ntitle: a\ndate: 2024-01-01\ntgas: [x]\n---\n").unwrap();
        let err = parse(Path::new("a.md"), &s).unwrap_err();
        assert_eq!(err.line, 4);
        assert!(err.message.contains("unknown field `tgas`"), "{}", err.message);
    }
}
