//! Every output path claimed before anything is written. Ids and slugs are checked one by one,
//! but two of them together can still name one file (region `a` with series `b-c` and region
//! `a-b` with series `c` both draw `charts/a-b-c.svg`; a region `all` meets `data/all.csv`).
//! The second claimant of a path is a content error naming both, in `build`, `check` and
//! `serve` alike. The paths come from the same functions that make the files, and a test
//! checks that every file of a build was claimed.

use rustc_hash::FxHashMap as HashMap;
use std::path::PathBuf;

use super::{charts, exports, feeds, pages, urls, Site};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::render::Templates;

/// Who makes an output file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claimant {
    /// What makes it, for the message: "region `a`, series `b-c`".
    pub what: String,
    /// The input file it comes from; `None` for the site's own pages and files.
    pub file: Option<PathBuf>,
}

impl Claimant {
    fn builtin(what: &str) -> Claimant {
        Claimant { what: what.to_string(), file: None }
    }
}

/// Every output path of `site` with what makes it, in a stable order.
pub fn claims(site: &Site, templates: &Templates) -> Vec<(String, Claimant)> {
    let mut claims: Vec<(String, Claimant)> = Vec::new();
    for page in pages::all_pages(site) {
        let claimant = match &page {
            pages::Page::Article(i) => {
                let article = &site.articles[*i];
                Claimant { what: format!("article `{}`", article.slug), file: Some(article.path.clone()) }
            }
            pages::Page::Region(id, _) => region_claimant(site, id, None),
            pages::Page::Tag(slug, _) => Claimant::builtin(&format!("the page of tag `{slug}`")),
            _ => Claimant::builtin("the site's own pages"),
        };
        claims.push((page.path(site), claimant));
    }
    for (path, region, series) in charts::chart_paths(site) {
        let claimant = match region {
            Some(region) => region_claimant(site, region, series),
            None => Claimant::builtin("the comparison charts"),
        };
        claims.push((path, claimant));
    }
    for (path, region) in exports::data_paths(site) {
        let claimant = match region {
            Some(region) => region_claimant(site, region, None),
            None => Claimant::builtin("the download of all regions"),
        };
        claims.push((path, claimant));
    }
    for path in super::search::paths(site) {
        claims.push((path, Claimant::builtin("the search index")));
    }
    for path in feeds::FILES {
        claims.push((path.to_string(), Claimant::builtin("the feed, sitemap and robots.txt")));
    }
    for (name, _) in &templates.assets {
        claims.push((name.clone(), Claimant::builtin("the stylesheet")));
    }
    // Every other edition has the same files below its folder, but the sitemap (one for
    // every edition) and robots.txt (read at the root only).
    let in_editions: Vec<(String, Claimant)> = site.editions[1..]
        .iter()
        .flat_map(|edition| {
            let every_edition = |path: &&(String, Claimant)| path.0 != urls::SITEMAP && path.0 != urls::ROBOTS;
            claims.iter().filter(every_edition).map(|(path, claimant)| (format!("{}{path}", edition.prefix), claimant.clone()))
        })
        .collect();
    claims.extend(in_editions);
    claims
}

fn region_claimant(site: &Site, id: &str, series: Option<&str>) -> Claimant {
    let what = match series {
        Some(series) => format!("region `{id}`, series `{series}`"),
        None => format!("region `{id}`"),
    };
    Claimant { what, file: site.region(id).map(|r| r.path.clone()) }
}

/// An error for each output path claimed twice, at the second claimant's file; once per pair
/// of claimants (two charts that collide do so in each of their files). Returns how many
/// paths are claimed: about the number of files the build writes.
pub fn collisions(site: &Site, templates: &Templates, problems: &Diagnostics) -> usize {
    let claims = claims(site, templates);
    let mut first: HashMap<&str, &Claimant> = HashMap::with_capacity_and_hasher(claims.len(), Default::default());
    let mut reported: Vec<(&Claimant, &Claimant)> = Vec::new();
    for (path, claimant) in &claims {
        let Some(earlier) = first.insert(path, claimant) else { continue };
        if reported.contains(&(earlier, claimant)) {
            continue;
        }
        reported.push((earlier, claimant));
        let named = |c: &Claimant| match &c.file {
            Some(file) => format!("{} ({})", c.what, file.display()),
            None => c.what.clone(),
        };
        let message =
            format!("output path `{path}` is claimed twice: by {} and by {}; rename one of them", named(earlier), named(claimant));
        let file = claimant.file.clone().or_else(|| earlier.file.clone()).unwrap_or_default();
        problems.push(Diagnostic::error(file, message));
    }
    claims.len()
}
