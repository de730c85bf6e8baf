//! Parsing the input files read by [`super::read`] into a [`Site`].

use std::collections::{BTreeMap, HashSet};
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
pub fn load(root: &Path, inputs: Inputs, include_drafts: bool, problems: &Diagnostics) -> Option<Site> {
    problems.extend(inputs.problems);
    let config =
        utf8(&inputs.site_yaml).and_then(|text| SiteConfig::parse(&inputs.site_yaml.path, &text)).map_err(|d| problems.push(d)).ok();
    let regions = load_regions(&inputs.regions, problems);
    let articles = load_articles(inputs.articles, include_drafts, problems);
    // Regions whose file exists but has errors: articles naming them are not "unknown".
    let region_files: Vec<&str> = inputs.regions.iter().filter_map(|f| f.path.file_stem().and_then(|s| s.to_str())).collect();
    let catalogs = crate::edition::messages::Catalogs::new(site_messages(&inputs.templates, problems));
    let site = config.map(|config| {
        let editions = crate::edition::editions(&config, &catalogs).into();
        Site::new(root, config, regions, articles, editions)
    });
    if let Some(site) = &site {
        check_references(site, &region_files, problems);
    }
    site
}

/// The site's own interface text: each `templates/messages/<language>.yaml`, a map of
/// message keys to text, by language.
fn site_messages(templates: &[InputFile], problems: &Diagnostics) -> BTreeMap<String, BTreeMap<String, String>> {
    let catalogs = templates.iter().filter_map(|file| {
        let language = file.path.strip_prefix("templates/messages").ok()?.to_str()?.strip_suffix(".yaml")?.to_string();
        let text = utf8(file).map_err(|d| problems.push(d)).ok()?;
        let entries = crate::yaml::parse(&file.path, &text, 0).map_err(|d| problems.push(d)).ok()?;
        Some((language, entries))
    });
    catalogs.collect()
}

/// Parses region files; the first file of an id wins, a second is an error.
pub(crate) fn load_regions(files: &[InputFile], problems: &Diagnostics) -> Vec<Region> {
    let parsed: Vec<Option<Region>> = files
        .par_iter()
        .map(|file| {
            let id = file.path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
            let text = utf8(file).map_err(|d| problems.push(d)).ok()?;
            problems.extend(content::damage::scan(&file.path, &text));
            data::parse_region(id, &file.path, &text, problems)
        })
        .collect();
    let mut regions: Vec<Region> = Vec::new();
    for region in parsed.into_iter().flatten() {
        if let Some(first) = regions.iter().find(|r| r.id == region.id) {
            let message = format!("duplicate region id `{}` (also defined by {})", region.id, first.path.display());
            problems.push(Diagnostic::error(&region.path, message));
        } else {
            regions.push(region);
        }
    }
    regions
}

/// Parses article files, leaving out drafts unless `include_drafts`.
pub(crate) fn load_articles(files: Vec<InputFile>, include_drafts: bool, problems: &Diagnostics) -> Vec<Article> {
    files
        .into_par_iter()
        .filter_map(|file| {
            let stem = file.path.file_stem().and_then(|s| s.to_str()).unwrap_or("").to_string();
            let (path, text) = into_text(file).map_err(|d| problems.push(d)).ok()?;
            problems.extend(content::damage::scan(&path, &text));
            content::parse_article(&path, &stem, text).map_err(|errors| problems.extend(errors)).ok()
        })
        .filter(|a| include_drafts || !a.draft)
        .collect()
}

/// Checks between files: unknown regions, regions without articles. (Two articles with one
/// slug claim one output path: [`super::claims`] reports that.)
pub(crate) fn check_references(site: &Site, region_files: &[&str], problems: &Diagnostics) {
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
}
