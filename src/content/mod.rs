//! Articles: Markdown files with YAML front matter under `content/articles/`.

pub mod damage;
pub mod date;
pub mod front_matter;
pub mod furniture;
pub mod gaps;
pub mod markdown;
pub mod script;
pub mod shortcode;
pub mod slug;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde_saphyr::Spanned;

use crate::diagnostics::Diagnostic;
use crate::policy::name;
use crate::yaml;
pub use date::Date;

/// Largest article file read; anything bigger is refused with an error rather than loaded.
pub const MAX_ARTICLE_BYTES: u64 = 8 * 1024 * 1024;

/// An article whose front matter has been checked; its body is rendered later, once every
/// page's URL is known.
#[derive(Debug, Clone)]
pub struct Article {
    pub slug: String,
    pub title: String,
    pub date: Date,
    pub regions: Vec<String>,
    pub tags: Vec<Tag>,
    pub summary: Option<String>,
    pub author: Option<String>,
    pub draft: bool,
    /// Where the article was first published, when it comes from elsewhere.
    pub origin: Option<Origin>,
    /// The file, relative to the site root.
    pub path: PathBuf,
    /// The file's text, so problems can quote their line: the whole file, or only its front
    /// matter once the body is let go ([`Article::let_go_of_body`]).
    pub source: std::sync::Arc<str>,
    /// Whether `source` still holds the body, and if not, how to know the file unchanged
    /// when it is read again to be rendered.
    pub body: BodyText,
    /// Byte offset of the body in the file's text.
    pub body_offset: usize,
    /// Length in bytes of the file's whole text.
    pub len: usize,
    /// 1-based line of the file on which the body starts.
    pub body_line: usize,
    /// Where each region reference was written (for "unknown region" errors).
    pub region_positions: Vec<(usize, usize)>,
}

/// The original of an article taken from another site.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Origin {
    pub url: Option<String>,
    pub name: Option<String>,
    pub rights: Option<String>,
}

impl From<front_matter::RawOrigin> for Origin {
    fn from(raw: front_matter::RawOrigin) -> Origin {
        let text = |t: Option<String>| t.map(|t| t.trim().to_string()).filter(|t| !t.is_empty());
        Origin { url: raw.url.map(|u| u.value), name: text(raw.name), rights: text(raw.rights) }
    }
}

/// A tag as written, and its slug (its page is `tags/<slug>/`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tag {
    pub name: String,
    pub slug: String,
}

/// Where an article's body is while the site is in memory.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyText {
    /// In the article's `source`.
    Kept,
    /// Let go after loading, to be read again when rendered; `digest` is the hash of the
    /// file's bytes as first read ([`crate::site::read::InputFile::digest`]).
    LetGo { digest: u128 },
}

impl Article {
    /// The body, if it is kept in memory.
    pub fn body(&self) -> Option<&str> {
        (self.body == BodyText::Kept).then(|| &self.source[self.body_offset..])
    }

    /// The body's length in bytes, kept or not.
    pub fn body_len(&self) -> usize {
        self.len - self.body_offset
    }

    /// The body within `source`, the file's whole text.
    pub fn body_in<'s>(&self, source: &'s str) -> &'s str {
        &source[self.body_offset.min(source.len())..]
    }

    /// Keeps only the front matter: a build of ten thousand articles then holds the bodies
    /// of those being rendered, not of all of them. `digest` identifies the file's bytes.
    pub fn let_go_of_body(&mut self, digest: u128) {
        self.source = self.source[..self.body_offset].into();
        self.body = BodyText::LetGo { digest };
    }

    /// A diagnostic at a body line (1-based, counted within the body) of `source`, the
    /// file's whole text.
    pub fn body_error(&self, source: &str, body_line: usize, message: impl Into<String>) -> Diagnostic {
        self.place(source, Diagnostic::error_on_line(body_line, message))
    }

    /// A problem found in the body on its own (its line counted within the body), placed in
    /// this article's file, whose whole text is `source`.
    pub fn place(&self, source: &str, problem: Diagnostic) -> Diagnostic {
        let line = self.body_line + problem.line.saturating_sub(1);
        Diagnostic { path: self.path.clone(), ..problem }.at(source, line, problem.column.max(1))
    }
}

/// Checks an article file's text. `stem` is its file name without `.md`.
pub fn parse_article(path: &Path, stem: &str, source: String) -> Result<Article, Vec<Diagnostic>> {
    let split = front_matter::split(&source).map_err(|message| vec![Diagnostic::error(path, message).at(&source, 1, 1)])?;
    let fm = front_matter::parse(path, &split).map_err(|d| vec![d])?;
    let body_offset = source.len() - split.body.len();
    let body_line = split.body_line;
    let mut problems = Vec::new();
    let err = |at: &Spanned<String>, message: String| yaml::error_at(path, split.yaml, split.yaml_line_offset, at, message);

    let date = Date::parse(&fm.date.value).map_err(|m| problems.push(err(&fm.date, m))).ok();
    let slug = article_slug(&fm, &split, path, stem, &source).map_err(|problem| problems.push(problem)).ok();
    if fm.title.value.trim().is_empty() {
        problems.push(err(&fm.title, "empty title".into()));
    }
    let (regions, region_positions) = region_refs(&fm, split.yaml_line_offset, |r, why| problems.push(err(r, why)));
    let mut tags = Vec::new();
    let mut seen_tags = BTreeSet::new();
    for t in &fm.tags {
        match name::tag(&t.value) {
            Ok((name, slug)) => {
                if seen_tags.insert(slug.clone()) {
                    tags.push(Tag { name, slug });
                }
            }
            Err(why) => problems.push(err(t, format!("invalid tag `{}`: {why}", t.value.escape_debug()))),
        }
    }
    let origin = fm.source.map(|raw| {
        let bad_url = raw.url.as_ref().and_then(|url| crate::policy::url::check_web(&url.value).err().map(|why| (url, why)));
        if let Some((url, why)) = bad_url {
            problems.push(err(url, format!("source URL: {why}")));
        }
        Origin::from(raw)
    });
    match (problems.is_empty(), slug, date) {
        (true, Some(slug), Some(date)) => Ok(Article {
            slug,
            title: fm.title.value.trim().to_string(),
            date,
            regions,
            tags,
            summary: fm.summary.filter(|s| !s.trim().is_empty()),
            author: fm.author,
            draft: fm.draft,
            origin,
            path: path.to_path_buf(),
            body_offset,
            body_line,
            region_positions,
            len: source.len(),
            body: BodyText::Kept,
            source: source.into(),
        }),
        _ => Err(problems),
    }
}

/// The regions an article names, once each, with where each is written; an invalid id is
/// reported through `invalid`.
fn region_refs(
    fm: &front_matter::FrontMatter,
    line_offset: usize,
    mut invalid: impl FnMut(&Spanned<String>, String),
) -> (Vec<String>, Vec<(usize, usize)>) {
    let (mut regions, mut positions) = (Vec::new(), Vec::new());
    for r in fm.region.iter().chain(fm.regions.iter()) {
        if let Err(why) = name::id(&r.value) {
            invalid(r, format!("invalid region id `{}`: {why}", r.value.escape_debug()));
        } else if !regions.contains(&r.value) {
            regions.push(r.value.clone());
            let (line, col) = yaml::position(r);
            positions.push((line + line_offset, col));
        }
    }
    (regions, positions)
}

/// The article's slug: its own `slug:`, or one made from the file name; either must pass the
/// name policy.
fn article_slug(
    fm: &front_matter::FrontMatter,
    split: &front_matter::Split,
    path: &Path,
    stem: &str,
    source: &str,
) -> Result<String, Diagnostic> {
    if let Some(own) = &fm.slug {
        return name::slug(&own.value).map(|()| own.value.clone()).map_err(|why| {
            let message = format!("invalid slug `{}`: {why}", own.value.escape_debug());
            yaml::error_at(path, split.yaml, split.yaml_line_offset, own, message)
        });
    }
    let why = match slug::article_slug(stem).map(|s| name::slug(&s).map(|()| s)) {
        Some(Ok(slug)) => return Ok(slug),
        Some(Err(why)) => format!("the file name `{stem}` cannot be a URL: {why}; rename the file or add `slug:` to the front matter"),
        None => {
            format!("cannot make a URL from the file name `{stem}`: rename the file with ASCII letters or add `slug:` to the front matter")
        }
    };
    Err(Diagnostic::error(path, why).at(source, 1, 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Article, Vec<Diagnostic>> {
        parse_article(Path::new("content/articles/x.md"), "Hunan-Overview", text.to_string())
    }

    #[test]
    fn reads_front_matter_and_locates_the_body() {
        let a = parse("---\ntitle: 湖南\ndate: 2024-03-01\nregion: hunan\ntags: [行业, 行业, 上门催收]\n---\n正文\n").unwrap();
        assert_eq!(a.slug, "hunan-overview");
        assert_eq!(a.regions, ["hunan"]);
        let names: Vec<&str> = a.tags.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(names, ["行业", "上门催收"], "duplicate tags are merged");
        assert_eq!(a.body(), Some("正文\n"));
        assert_eq!(a.body_line, 7);
        assert_eq!(a.region_positions, vec![(4, 9)]);
    }

    #[test]
    fn an_article_that_lets_go_of_its_body_keeps_its_front_matter() {
        let mut a = parse("---\ntitle: 湖南\ndate: 2024-03-01\n---\n正文\n第二行\n").unwrap();
        let whole = a.source.clone();
        a.let_go_of_body(7);
        assert_eq!((a.body(), &*a.source), (None, "---\ntitle: 湖南\ndate: 2024-03-01\n---\n"));
        assert_eq!(a.body, BodyText::LetGo { digest: 7 });
        assert_eq!(a.body_len(), "正文\n第二行\n".len());
        assert_eq!(a.body_in(&whole), "正文\n第二行\n");
        let problem = a.body_error(&whole, 2, "x");
        assert_eq!((problem.line, problem.source_line.as_deref()), (6, Some("第二行")));
    }

    #[test]
    fn collects_every_front_matter_problem_with_file_lines() {
        let errs = parse("---\ntitle: ''\ndate: 2024-02-30\nregions: [Hunan]\ntags: ['', 'a/b']\n---\n").unwrap_err();
        let lines: Vec<usize> = errs.iter().map(|d| d.line).collect();
        assert_eq!(lines, vec![3, 2, 4, 5, 5], "{errs:#?}");
        assert!(errs[0].message.contains("day 30"));
    }

    #[test]
    fn chinese_file_names_need_a_slug() {
        let errs = parse_article(Path::new("a.md"), "湖南", "---\ntitle: t\ndate: 2024-01-01\n---\n".into()).unwrap_err();
        assert!(errs[0].message.contains("add `slug:`"));
        let ok = parse_article(Path::new("a.md"), "湖南", "---\ntitle: t\ndate: 2024-01-01\nslug: hunan\n---\n".into()).unwrap();
        assert_eq!(ok.slug, "hunan");
    }

    #[test]
    fn missing_front_matter_points_at_line_one() {
        let errs = parse("# 标题\n").unwrap_err();
        assert_eq!((errs[0].line, errs[0].column), (1, 1));
    }
}
