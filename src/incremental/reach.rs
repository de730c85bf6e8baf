//! What a change reaches beyond the pages (whose views are compared instead): which articles
//! it touches, where `@/` links lead, and which headings links may point at.

use std::collections::{BTreeMap, BTreeSet};
use std::ffi::OsString;
use std::path::{Path, PathBuf};

use crate::site::articles::{self, RenderedArticle};
use crate::site::Site;

/// The paths of the articles a change touches (usually one), compared as bytes: article paths
/// are all relative to the site root and made the same way, so equal bytes mean the same file,
/// and a byte comparison is many times cheaper than comparing paths component by component
/// or hashing them, which counts when 10,000 articles are scanned several times per save.
pub(super) struct PathSet(Vec<OsString>);

impl PathSet {
    pub(super) fn contains(&self, path: &Path) -> bool {
        self.0.binary_search_by(|p| p.as_os_str().cmp(path.as_os_str())).is_ok()
    }
}

impl From<BTreeSet<PathBuf>> for PathSet {
    fn from(paths: BTreeSet<PathBuf>) -> PathSet {
        let mut paths: Vec<OsString> = paths.into_iter().map(PathBuf::into_os_string).collect();
        paths.sort();
        PathSet(paths)
    }
}

/// How `@/` links name the articles at `touched` paths (with the slug each leads to), and the
/// regions: while they stay the same, every link leads where it did.
pub(super) struct LinkKeys {
    articles: BTreeSet<(String, String)>,
    regions: BTreeSet<String>,
}

impl LinkKeys {
    /// The link targets that lead elsewhere (or nowhere, or now somewhere) in `after`.
    pub(super) fn changed(&self, after: &LinkKeys) -> BTreeSet<String> {
        let articles = self.articles.symmetric_difference(&after.articles).map(|(key, _)| key.clone());
        let regions = self.regions.symmetric_difference(&after.regions).flat_map(|id| articles::region_link_keys(id));
        articles.chain(regions).collect()
    }
}

pub(super) fn link_keys(site: &Site, touched: &PathSet) -> LinkKeys {
    let articles = site.articles.iter().filter(|a| touched.contains(&a.path)).map(|a| (articles::link_key(a), a.slug.clone())).collect();
    LinkKeys { articles, regions: site.regions.iter().map(|r| r.id.clone()).collect() }
}

/// The heading ids of the articles at `touched` paths, by link key: links to them with a
/// `#fragment` must be checked again when these change.
pub(super) fn anchors(site: &Site, rendered: &[RenderedArticle], touched: &PathSet) -> BTreeMap<String, Vec<String>> {
    site.articles
        .iter()
        .zip(rendered)
        .filter(|(a, _)| touched.contains(&a.path))
        .map(|(a, r)| (articles::link_key(a), r.heading_ids.clone()))
        .collect()
}
