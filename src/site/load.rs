//! Parsing the input files read by [`super::read`] into a [`Site`].

use std::collections::HashSet;
use std::path::Path;

use rayon::prelude::*;

use super::read::{into_text, utf8, InputFile, Inputs};
use super::Site;
use crate::config::SiteConfig;
use crate::content::{self, Article};
use crate::data::{self, Region};
use crate::diagnostics::{Diagnostic, Diagnostics};

/// Builds the site from its inputs. Returns `None` when site.yaml is unusable; otherwise the
/// site made of every file that could be parsed, and all problems found.
pub fn load(root: &Path, inputs: Inputs, include_drafts: bool) -> (Option<Site>, Diagnostics) {
    let mut problems = inputs.problems.clone();
    let config =
        utf8(&inputs.site_yaml).and_then(|text| SiteConfig::parse(&inputs.site_yaml.path, &text)).map_err(|d| problems.push(d)).ok();
    let regions = load_regions(&inputs.regions, &mut problems);
    let articles = load_articles(inputs.articles, include_drafts, &mut problems);
    // Regions whose file exists but has errors: articles naming them are not "unknown".
    let region_files: Vec<&str> = inputs.regions.iter().filter_map(|f| f.path.file_stem().and_then(|s| s.to_str())).collect();
    let site = config.map(|config| Site::new(root, config, regions, articles));
    if let Some(site) = &site {
        problems.extend(check_references(site, &region_files));
    }
    (site, problems)
}

/// Parses region files; the first file of an id wins, a second is an error.
pub(crate) fn load_regions(files: &[InputFile], problems: &mut Diagnostics) -> Vec<Region> {
    let results: Vec<(Option<Region>, Vec<Diagnostic>)> = files
        .par_iter()
        .map(|file| {
            let id = file.path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
            match utf8(file) {
                Ok(text) => {
                    let (region, mut found) = data::parse_region(id, &file.path, &text);
                    found.extend(damage_warnings(&file.path, &text));
                    (region, found)
                }
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

/// Parses article files, leaving out drafts unless `include_drafts`.
pub(crate) fn load_articles(files: Vec<InputFile>, include_drafts: bool, problems: &mut Diagnostics) -> Vec<Article> {
    let results: Vec<(Option<Article>, Vec<Diagnostic>)> = files
        .into_par_iter()
        .map(|file| {
            let stem = file.path.file_stem().and_then(|s| s.to_str()).unwrap_or("").to_string();
            let (path, text) = match into_text(file) {
                Ok(text) => text,
                Err(d) => return (None, vec![d]),
            };
            let mut found = damage_warnings(&path, &text);
            match content::parse_article(&path, &stem, text) {
                Ok(article) => (Some(article), found),
                Err(errors) => {
                    found.extend(errors);
                    (None, found)
                }
            }
        })
        .collect();
    let mut articles = Vec::with_capacity(results.len());
    for (article, found) in results {
        problems.extend(found);
        articles.extend(article.filter(|a| include_drafts || !a.draft));
    }
    articles
}

/// Warnings for text that looks damaged by copying from the web (see [`content::damage`]).
fn damage_warnings(path: &Path, text: &str) -> Vec<Diagnostic> {
    content::damage::scan(text).into_iter().map(|f| Diagnostic::warning(path, f.message).at(text, f.line, f.column)).collect()
}

/// Checks between files: unknown regions, regions without articles. (Two articles with one
/// slug claim one output path: [`super::claims`] reports that.)
pub(crate) fn check_references(site: &Site, region_files: &[&str]) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    let loaded: HashSet<&str> = site.regions.iter().map(|r| r.id.as_str()).chain(region_files.iter().copied()).collect();
    for article in &site.articles {
        for (region, &(line, column)) in article.regions.iter().zip(&article.region_positions) {
            if !loaded.contains(region.as_str()) {
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
