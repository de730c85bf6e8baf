//! Parsing the input files read by [`super::read`] into a [`Site`].

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::fingerprint::{self, Digest};
use super::read::{into_text, utf8, ArticleFiles, InputFile, Inputs};
use super::Site;
use crate::config::SiteConfig;
use crate::content::{self, Article};
use crate::data::{self, Region};
use crate::diagnostics::{Diagnostic, Diagnostics};

/// Builds the site from its inputs. Returns the site made of every file that could be parsed
/// (`None` when site.yaml is unusable), and the digest of every file read, in the order the
/// change fingerprint takes them; problems go to `problems`.
pub fn load(root: &Path, inputs: Inputs, include_drafts: bool, problems: &Diagnostics) -> (Option<Site>, Vec<Digest>) {
    problems.extend(inputs.problems);
    let config =
        utf8(&inputs.site_yaml).and_then(|text| SiteConfig::parse(&inputs.site_yaml.path, &text)).map_err(|d| problems.push(d)).ok();
    let regions = load_regions(&inputs.regions, problems);
    let (articles, article_digests) = load_articles(inputs.articles, include_drafts, problems);
    let digests = std::iter::once(&inputs.site_yaml)
        .chain(&inputs.regions)
        .map(fingerprint::digest)
        .chain(article_digests)
        .chain(inputs.templates.iter().map(fingerprint::digest))
        .collect();
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
    (site, digests)
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

/// Parses article files, leaving out drafts unless `include_drafts`; returns them with the
/// digest of every file. Unless the files were read to be kept, each article lets go of its
/// body once parsed and checked.
pub(crate) fn load_articles(files: ArticleFiles, include_drafts: bool, problems: &Diagnostics) -> (Vec<Article>, Vec<Digest>) {
    let keep = files.kept();
    let loaded: Vec<(Digest, Option<Article>)> = files.map(|file| {
        let digest = fingerprint::digest(&file);
        let article = load_article(file, problems).filter(|a| include_drafts || !a.draft).map(|mut article| {
            if !keep {
                article.let_go_of_body(digest.1);
            }
            article
        });
        (digest, article)
    });
    let (digests, articles): (Vec<Digest>, Vec<Option<Article>>) = loaded.into_iter().unzip();
    (articles.into_iter().flatten().collect(), digests)
}

/// Parses and checks one article file.
fn load_article(file: InputFile, problems: &Diagnostics) -> Option<Article> {
    let stem = file.path.file_stem().and_then(|s| s.to_str()).unwrap_or("").to_string();
    let (path, text): (PathBuf, String) = into_text(file).map_err(|d| problems.push(d)).ok()?;
    problems.extend(content::damage::scan(&path, &text));
    content::parse_article(&path, &stem, text).map_err(|errors| problems.extend(errors)).ok()
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
