//! What a change reaches: the facts about the changed articles before and after it, and
//! from them the pages to render again.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::ffi::OsString;
use std::path::{Path, PathBuf};

use super::super::articles::{self, RenderedArticle};
use super::super::pages::{self, Page};
use super::super::plan::Rebuild;
use super::super::Site;
use crate::content::{Article, Tag};

/// What the site looked like before the change, as far as deciding what to render goes.
pub(super) struct Before {
    listings: BTreeMap<PathBuf, Listing>,
    /// Regions and tags the changed articles were in.
    pub(super) regions: BTreeSet<String>,
    pub(super) tags: BTreeSet<String>,
    /// Slugs of the changed articles (their pages may go).
    pub(super) article_slugs: BTreeSet<String>,
    pub(super) all_tags: BTreeSet<String>,
    pub(super) all_regions: BTreeSet<String>,
    pub(super) region_names: HashMap<String, String>,
    pub(super) article_count: usize,
    pub(super) list_pages: usize,
    pub(super) positions: Vec<usize>,
    /// Slugs of the changed articles' neighbours, whose previous/next links name them.
    pub(super) neighbours: BTreeSet<String>,
    /// What `@/` links to the changed articles and to regions lead to.
    pub(super) link_keys: LinkKeys,
    /// The heading ids of the changed articles, by the key `@/` links name them with.
    pub(super) anchors: BTreeMap<String, Vec<String>>,
}

impl Before {
    pub(super) fn of(site: &Site, rendered: &[RenderedArticle], touched: &PathSet, scope: &Rebuild) -> Before {
        let positions: Vec<usize> = positions(site, touched);
        let changed = || positions.iter().map(|&i| &site.articles[i]);
        Before {
            listings: listings(site, rendered, touched),
            regions: changed().flat_map(|a| a.regions.iter().cloned()).chain(scope.regions.iter().cloned()).collect(),
            tags: changed().flat_map(|a| a.tags.iter().map(|t| t.slug.clone())).collect(),
            article_slugs: changed().map(|a| a.slug.clone()).collect(),
            all_tags: site.tags.keys().cloned().collect(),
            all_regions: site.regions.iter().map(|r| r.id.clone()).collect(),
            region_names: site.regions.iter().map(|r| (r.id.clone(), r.name.clone())).collect(),
            article_count: site.articles.len(),
            list_pages: pages::list_page_count(site),
            neighbours: positions.iter().flat_map(|&i| region_neighbours(site, i)).map(|i| site.articles[i].slug.clone()).collect(),
            link_keys: link_keys(site, touched),
            anchors: anchors(site, rendered, touched),
            positions,
        }
    }
}

/// The same facts after the change.
pub(super) struct After {
    pub(super) positions: Vec<usize>,
    pub(super) regions: BTreeSet<String>,
    pub(super) tags: BTreeSet<String>,
    /// Regions whose name changed: every page naming them shows the new one.
    pub(super) renamed_regions: BTreeSet<String>,
    /// Articles whose bodies were rendered again because of what they embed or link to.
    pub(super) dependents: BTreeSet<usize>,
    /// Only article bodies changed: no other page shows anything of them.
    pub(super) bodies_only: bool,
    /// The sitemap lists every page, with article dates.
    pub(super) sitemap_changed: bool,
}

impl After {
    pub(super) fn of(
        site: &Site,
        rendered: &[RenderedArticle],
        touched: &PathSet,
        dependents: BTreeSet<usize>,
        before: &Before,
        scope: &Rebuild,
    ) -> After {
        let positions = positions(site, touched);
        let changed = || positions.iter().map(|&i| &site.articles[i]);
        let listings = listings(site, rendered, touched);
        let dates = |l: &BTreeMap<PathBuf, Listing>| l.values().map(|l| (l.slug.clone(), l.date.clone())).collect::<Vec<_>>();
        let counts_changed = (before.all_tags.len(), before.all_regions.len(), before.list_pages)
            != (site.tags.len(), site.regions.len(), pages::list_page_count(site));
        After {
            regions: changed().flat_map(|a| a.regions.iter().cloned()).chain(before.regions.iter().cloned()).collect(),
            tags: changed().flat_map(|a| a.tags.iter().map(|t| t.slug.clone())).chain(before.tags.iter().cloned()).collect(),
            renamed_regions: scope
                .regions
                .iter()
                .filter(|id| before.region_names.get(*id).map(String::as_str) != site.region(id).map(|r| r.name.as_str()))
                .cloned()
                .collect(),
            dependents,
            bodies_only: before.listings == listings && scope.regions.is_empty() && scope.folders.is_empty(),
            sitemap_changed: dates(&before.listings) != dates(&listings) || counts_changed,
            positions,
        }
    }
}

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

/// Indices of the articles at `touched` paths.
fn positions(site: &Site, touched: &PathSet) -> Vec<usize> {
    site.articles.iter().enumerate().filter(|(_, a)| touched.contains(&a.path)).map(|(i, _)| i).collect()
}

/// What lists show of the articles at `touched` paths.
fn listings(site: &Site, rendered: &[RenderedArticle], touched: &PathSet) -> BTreeMap<PathBuf, Listing> {
    site.articles.iter().zip(rendered).filter(|(a, _)| touched.contains(&a.path)).map(|(a, r)| (a.path.clone(), listing(a, r))).collect()
}

/// The pages a change reaches.
pub(super) fn select_pages(site: &Site, before: &Before, after: &After, scope: &Rebuild) -> BTreeSet<Page> {
    if after.bodies_only {
        return after.positions.iter().map(|&i| Page::Article(i)).collect();
    }
    let mut selection: BTreeSet<Page> = [Page::Home, Page::Compare, Page::Tags].into_iter().collect();
    let renamed = !after.renamed_regions.is_empty();
    selection.extend(list_pages_touched(site, before.article_count, &before.positions, &after.positions, renamed));
    selection.extend(after.regions.iter().chain(&scope.regions).map(|id| Page::Region(id.clone())));
    selection.extend(after.tags.iter().map(|t| Page::Tag(t.clone())));
    selection.extend(after.positions.iter().flat_map(|&i| region_neighbours(site, i).into_iter().chain([i])).map(Page::Article));
    for (i, article) in site.articles.iter().enumerate() {
        let shows_renamed_region = article.regions.iter().any(|r| after.renamed_regions.contains(r));
        if after.dependents.contains(&i) || shows_renamed_region || before.neighbours.contains(&article.slug) {
            selection.insert(Page::Article(i));
        }
        if shows_renamed_region {
            // Tag pages list the article with its region's name.
            selection.extend(article.tags.iter().map(|t| Page::Tag(t.slug.clone())));
        }
    }
    selection
}

/// What pages other than its own show of an article: if none of it changed, only its own
/// page is rendered again.
#[derive(PartialEq, Eq)]
struct Listing {
    slug: String,
    title: String,
    date: String,
    summary: String,
    author: Option<String>,
    regions: Vec<String>,
    tags: Vec<Tag>,
}

fn listing(article: &Article, rendered: &RenderedArticle) -> Listing {
    Listing {
        slug: article.slug.clone(),
        title: article.title.clone(),
        date: article.date.to_string(),
        summary: rendered.summary.clone(),
        author: article.author.clone(),
        regions: article.regions.clone(),
        tags: article.tags.clone(),
    }
}

/// The articles before and after `index` among those about the same (first) region: the ones
/// whose "previous/next" links name it.
fn region_neighbours(site: &Site, index: usize) -> Vec<usize> {
    let Some(region) = site.articles[index].regions.first() else { return Vec::new() };
    let same: Vec<usize> = (0..site.articles.len()).filter(|&i| site.articles[i].regions.first() == Some(region)).collect();
    let Some(at) = same.iter().position(|&i| i == index) else { return Vec::new() };
    [at.checked_sub(1), Some(at + 1)].into_iter().flatten().filter_map(|p| same.get(p).copied()).collect()
}

/// Pages of the article list whose content may have changed: those between the old and new
/// positions of the changed articles, all from the first of them on when the number of
/// articles changed, and all when a region's name (shown in the list) changed.
fn list_pages_touched(site: &Site, old_count: usize, old: &[usize], new: &[usize], everything: bool) -> Vec<Page> {
    let per_page = site.config.articles_per_page;
    let last = pages::list_page_count(site);
    let page_of = |i: usize| i / per_page + 1;
    let lowest = old.iter().chain(new).copied().min();
    let (first, end) = match lowest {
        _ if everything => (1, last),
        None => return Vec::new(),
        Some(low) if old_count != site.articles.len() => (page_of(low), last.max(page_of(old_count.saturating_sub(1)))),
        Some(low) => (page_of(low), page_of(old.iter().chain(new).copied().max().unwrap_or(low))),
    };
    (first..=end).map(Page::ArticleList).collect()
}
