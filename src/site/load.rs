//! Reading `content/` into a [`Site`]: the one stage that reads input files.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use walkdir::WalkDir;

use super::Site;
use crate::config::SiteConfig;
use crate::content::{self, Article, MAX_ARTICLE_BYTES};
use crate::data::{self, Region};
use crate::diagnostics::{display_path, Diagnostic, Diagnostics};

/// Largest data or settings file read.
const MAX_DATA_BYTES: u64 = 16 * 1024 * 1024;

/// Loads the site under `root`. Returns `None` when something essential (site.yaml) is
/// unusable; otherwise the site built from every file that could be read, and all problems.
pub fn load(root: &Path, include_drafts: bool) -> (Option<Site>, Diagnostics) {
    let mut problems = Diagnostics::default();
    let content = root.join("content");
    let config = match read_text(root, &content.join("site.yaml"), MAX_DATA_BYTES) {
        Ok((rel, text)) => SiteConfig::parse(&rel, &text).map_err(|d| problems.push(d)).ok(),
        Err(d) => {
            problems.push(d);
            None
        }
    };
    let regions = load_regions(root, &content.join("regions"), &mut problems);
    let articles = load_articles(root, &content.join("articles"), include_drafts, &mut problems);
    let site = config.map(|config| Site::new(root, config, regions, articles));
    if let Some(site) = &site {
        problems.extend(check_references(site));
    }
    (site, problems)
}

/// Reads a UTF-8 text file of at most `limit` bytes; the path in errors is relative to `root`.
fn read_text(root: &Path, path: &Path, limit: u64) -> Result<(PathBuf, String), Diagnostic> {
    let rel = display_path(root, path);
    let meta = fs::metadata(path).map_err(|e| Diagnostic::error(&rel, format!("cannot read: {e}")))?;
    if meta.len() > limit {
        return Err(Diagnostic::error(&rel, format!("file is {} bytes; the limit is {limit} bytes", meta.len())));
    }
    let bytes = fs::read(path).map_err(|e| Diagnostic::error(&rel, format!("cannot read: {e}")))?;
    match String::from_utf8(bytes) {
        Ok(text) => Ok((rel, text)),
        Err(e) => {
            let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
            let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
            let column =
                String::from_utf8_lossy(&valid[valid.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1)..]).chars().count() + 1;
            let mut d = Diagnostic::error(&rel, "not valid UTF-8 text (is this a binary file, or saved in another encoding such as GBK?)");
            d.line = line;
            d.column = column;
            Err(d)
        }
    }
}

/// Files directly in `dir` with one of `extensions`, sorted, symbolic links skipped.
fn list_files(root: &Path, dir: &Path, extensions: &[&str], recursive: bool, problems: &mut Diagnostics) -> Vec<PathBuf> {
    if !dir.is_dir() {
        return Vec::new();
    }
    let walker = WalkDir::new(dir).follow_links(false).sort_by_file_name().max_depth(if recursive { 32 } else { 1 });
    let mut files = Vec::new();
    for entry in walker {
        match entry {
            Ok(entry) if entry.path_is_symlink() => {
                problems.push(Diagnostic::warning(
                    display_path(root, entry.path()),
                    "symbolic link ignored: content must be real files inside the site",
                ));
            }
            Ok(entry) if entry.file_type().is_file() => {
                let ext = entry.path().extension().and_then(|e| e.to_str()).unwrap_or("");
                if extensions.contains(&ext) {
                    files.push(entry.into_path());
                }
            }
            Ok(_) => {}
            Err(e) => problems.push(Diagnostic::error(display_path(root, dir), format!("cannot list folder: {e}"))),
        }
    }
    files
}

fn load_regions(root: &Path, dir: &Path, problems: &mut Diagnostics) -> Vec<Region> {
    let files = list_files(root, dir, &["yaml", "yml"], false, problems);
    let results: Vec<(Option<Region>, Vec<Diagnostic>)> = files
        .par_iter()
        .map(|path| {
            let id = path.file_stem().and_then(|s| s.to_str()).unwrap_or("").to_string();
            match read_text(root, path, MAX_DATA_BYTES) {
                Ok((rel, text)) => data::parse_region(&id, &rel, &text),
                Err(d) => (None, vec![d]),
            }
        })
        .collect();
    let mut regions: Vec<Region> = Vec::new();
    for (region, found) in results {
        problems.extend(found);
        if let Some(region) = region {
            if let Some(first) = regions.iter().find(|r| r.id == region.id) {
                let message = format!("duplicate region id `{}` (also defined by {})", region.id, first.path.display());
                problems.push(Diagnostic::error(&region.path, message));
            } else {
                regions.push(region);
            }
        }
    }
    regions
}

fn load_articles(root: &Path, dir: &Path, include_drafts: bool, problems: &mut Diagnostics) -> Vec<Article> {
    let files = list_files(root, dir, &["md"], true, problems);
    let results: Vec<Result<Article, Vec<Diagnostic>>> = files
        .par_iter()
        .map(|path| {
            let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
            let (rel, text) = read_text(root, path, MAX_ARTICLE_BYTES).map_err(|d| vec![d])?;
            content::parse_article(&rel, stem, text)
        })
        .collect();
    let mut articles = Vec::with_capacity(results.len());
    for result in results {
        match result {
            Ok(article) if article.draft && !include_drafts => {}
            Ok(article) => articles.push(article),
            Err(found) => problems.extend(found),
        }
    }
    articles
}

/// Checks between files: duplicate slugs, unknown regions, regions without articles.
fn check_references(site: &Site) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    let mut slugs: BTreeMap<&str, &Path> = BTreeMap::new();
    for article in &site.articles {
        if let Some(first) = slugs.insert(&article.slug, &article.path) {
            let message = format!("duplicate article slug `{}` (also used by {})", article.slug, first.display());
            problems.push(Diagnostic::error(&article.path, message).at(&article.source, 1, 1));
        }
        for (region, &(line, column)) in article.regions.iter().zip(&article.region_positions) {
            if site.region(region).is_none() {
                let known: Vec<&str> = site.regions.iter().map(|r| r.id.as_str()).collect();
                let message = format!("unknown region `{region}` (known regions: {})", known.join(", "));
                problems.push(Diagnostic::error(&article.path, message).at(&article.source, line, column));
            }
        }
    }
    for region in &site.regions {
        if !region.reference && !site.articles.iter().any(|a| a.regions.contains(&region.id)) {
            problems.push(Diagnostic::warning(&region.path, format!("region `{}` has no articles", region.id)));
        }
    }
    problems
}
