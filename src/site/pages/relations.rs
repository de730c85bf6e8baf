//! How a page relates to other pages: an article's neighbours in its region, a page's
//! counterparts in the site's other editions.

use rustc_hash::FxHashMap as HashMap;

use crate::render::views::{AlternateView, EditionLinkView};
use crate::site::urls;
use crate::site::Site;

/// The articles about each region (any of an article's regions), newest first, by region id.
pub(crate) fn articles_by_region(site: &Site) -> HashMap<&str, Vec<usize>> {
    let mut by_region: HashMap<&str, Vec<usize>> = HashMap::default();
    for (i, article) in site.articles.iter().enumerate() {
        for region in &article.regions {
            let listed = by_region.entry(region.as_str()).or_default();
            // A region named twice in one article lists it once.
            if listed.last() != Some(&i) {
                listed.push(i);
            }
        }
    }
    by_region
}

/// Older and newer neighbour of each article within its first region (articles are newest first).
pub(crate) fn neighbours(site: &Site) -> Vec<(Option<usize>, Option<usize>)> {
    let mut by_region: HashMap<&str, Vec<usize>> = HashMap::default();
    for (i, article) in site.articles.iter().enumerate() {
        if let Some(region) = article.regions.first() {
            by_region.entry(region.as_str()).or_default().push(i);
        }
    }
    let mut result = vec![(None, None); site.articles.len()];
    for indices in by_region.values() {
        for (position, &i) in indices.iter().enumerate() {
            let newer = position.checked_sub(1).map(|p| indices[p]);
            result[i] = (indices.get(position + 1).copied(), newer);
        }
    }
    result
}

/// The page at `path` in every edition, linked from itself in the edition of `site`, when the
/// site has more than one (for the edition switch).
pub(crate) fn edition_links(site: &Site, path: &str, url: &str) -> Vec<EditionLinkView> {
    if site.editions.len() < 2 {
        return Vec::new();
    }
    // Up to this edition's root, then out of its folder to the site's root.
    let to_site_root = format!("{}{}", urls::root_prefix(path), "../".repeat(site.edition.prefix.matches('/').count()));
    site.editions
        .iter()
        .map(|e| EditionLinkView {
            language: e.language.clone(),
            label: e.label.into(),
            url: format!("{to_site_root}{}{url}", e.prefix),
            current: e.language == site.edition.language,
        })
        .collect()
}

/// The absolute address of the page at `path` in every edition, when the site has more than
/// one (for `<link rel="alternate" hreflang>` and the sitemap).
pub(crate) fn alternates(site: &Site, path: &str) -> Vec<AlternateView> {
    if site.editions.len() < 2 {
        return Vec::new();
    }
    let href = |prefix: &str| site.urls.absolute_in(prefix, path);
    site.editions.iter().map(|e| AlternateView { language: e.language.clone(), href: href(&e.prefix) }).collect()
}
