//! How a page relates to other pages: an article's neighbours in its region, a page's
//! counterparts in the site's other editions.

use rustc_hash::FxHashMap as HashMap;

use crate::render::views::AlternateView;
use crate::site::Site;

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

/// The absolute address of the page at `path` in every edition, when the site has more than
/// one (for `<link rel="alternate" hreflang>` and the sitemap).
pub(crate) fn alternates(site: &Site, path: &str) -> Vec<AlternateView> {
    if site.editions.len() < 2 {
        return Vec::new();
    }
    let href = |prefix: &str| site.urls.absolute(&format!("{prefix}{path}"));
    site.editions.iter().map(|e| AlternateView { language: e.language.clone(), href: href(&e.prefix) }).collect()
}
