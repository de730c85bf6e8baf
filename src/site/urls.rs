//! Where each page lives in the output and how pages link to each other.
//!
//! Pages link with relative URLs, so the same output works at any base path and straight from
//! disk. Links to folders name `index.html` unless `pretty_links` is on (for web servers).

use crate::content::slug::encode_path;

pub const HOME: &str = "index.html";
pub const COMPARE: &str = "compare/index.html";
pub const TAGS: &str = "tags/index.html";
pub const SEARCH: &str = "search/index.html";
pub const NOT_FOUND: &str = "404.html";
pub const STYLESHEET: &str = "style.css";
pub const FEED: &str = "feed.xml";
pub const SITEMAP: &str = "sitemap.xml";
pub const ROBOTS: &str = "robots.txt";
pub const ALL_DATA: &str = "data/all.csv";

pub fn region_page(id: &str) -> String {
    format!("regions/{id}/index.html")
}

pub fn article_page(slug: &str) -> String {
    format!("articles/{slug}/index.html")
}

pub fn tag_page(tag_slug: &str) -> String {
    format!("tags/{tag_slug}/index.html")
}

/// Page `n` (1-based) of the article list.
pub fn articles_page(n: usize) -> String {
    numbered_page("articles/index.html", n)
}

/// Page `n` (1-based) of a page whose list goes on over several pages, `first` being its first
/// page: `regions/hunan/index.html`, then `regions/hunan/page/2/index.html`.
pub fn numbered_page(first: &str, n: usize) -> String {
    match first.strip_suffix("index.html") {
        Some(folder) if n > 1 => format!("{folder}page/{n}/index.html"),
        _ => first.to_string(),
    }
}

/// The stem of a region series' chart files (`charts/hunan-complaints`).
pub fn region_chart(region: &str, series: &str) -> String {
    format!("charts/{region}-{series}")
}

/// A chart's drawing in `layout`: `charts/hunan-complaints.svg`, `…-narrow.svg`.
pub fn chart_image(stem: &str, layout: crate::charts::Layout) -> String {
    format!("{stem}{}.svg", layout.suffix())
}

/// A chart's figures: `charts/hunan-complaints.csv`.
pub fn chart_data(stem: &str) -> String {
    format!("{stem}.csv")
}

/// Every file of the chart with this stem.
pub fn chart_files(stem: &str) -> [String; 3] {
    use crate::charts::Layout;
    [chart_image(stem, Layout::Wide), chart_image(stem, Layout::Narrow), chart_data(stem)]
}

pub fn data_file(region: &str, extension: &str) -> String {
    format!("data/{region}.{extension}")
}

/// Turns output paths into the URLs pages use.
#[derive(Debug, Clone)]
pub struct Urls {
    pretty: bool,
    /// The site's address.
    base_url: String,
    /// The edition's folder below it (`zh-hant/`; empty for the first edition).
    folder: String,
}

impl Urls {
    pub fn new(pretty: bool, base_url: &str) -> Urls {
        Urls { pretty, base_url: base_url.to_string(), folder: String::new() }
    }

    /// The URLs of an edition written below `folder` (`zh-hant/`): absolute addresses lead
    /// into it. Relative links need nothing: every page of an edition is in its folder.
    pub fn in_folder(mut self, folder: &str) -> Urls {
        self.folder = folder.to_string();
        self
    }

    /// The root-relative URL of an output path, as templates print it after `root`.
    pub fn link(&self, path: &str) -> String {
        let path = if self.pretty { strip_index(path) } else { path };
        encode_path(path)
    }

    /// The absolute URL of an output path (sitemap, feed, canonical links): always pretty.
    pub fn absolute(&self, path: &str) -> String {
        format!("{}{}{}", self.base_url, self.folder, encode_path(strip_index(path)))
    }

    /// The absolute URL of `path` in the edition whose folder is `folder`.
    pub fn absolute_in(&self, folder: &str, path: &str) -> String {
        format!("{}{folder}{}", self.base_url, encode_path(strip_index(path)))
    }

    /// The path part of the edition's address (`/repo/`, `/repo/zh-hant/`): where the 404
    /// page, served at any depth, links from.
    pub fn base_path(&self) -> String {
        format!("{}{}", base_path(&self.base_url), self.folder)
    }
}

fn strip_index(path: &str) -> &str {
    if path == "index.html" {
        ""
    } else {
        path.strip_suffix("/index.html").map(|p| &path[..p.len() + 1]).unwrap_or(path)
    }
}

/// The relative way from the page at `path` back to the site root: `""`, `"../"`, `"../../"`…
pub fn root_prefix(path: &str) -> String {
    "../".repeat(path.matches('/').count())
}

/// The path part of an absolute URL: `https://x.github.io/repo/` → `/repo/`.
pub fn base_path(base_url: &str) -> String {
    let after_scheme = base_url.split_once("://").map_or(base_url, |(_, rest)| rest);
    match after_scheme.find('/') {
        Some(i) => after_scheme[i..].to_string(),
        None => "/".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_name_index_html_unless_pretty() {
        let plain = Urls::new(false, "https://e.org/r/");
        assert_eq!(plain.link(&region_page("hunan")), "regions/hunan/index.html");
        let pretty = Urls::new(true, "https://e.org/r/");
        assert_eq!(pretty.link(&region_page("hunan")), "regions/hunan/");
        assert_eq!(pretty.link(HOME), "");
        assert_eq!(pretty.link("charts/a.svg"), "charts/a.svg");
    }

    #[test]
    fn absolute_urls_are_pretty_and_encoded() {
        let urls = Urls::new(false, "https://e.org/r/");
        assert_eq!(urls.absolute(HOME), "https://e.org/r/");
        assert_eq!(urls.absolute(&tag_page("上门")), "https://e.org/r/tags/%E4%B8%8A%E9%97%A8/");
    }

    #[test]
    fn root_prefix_climbs_one_level_per_folder() {
        assert_eq!(root_prefix("index.html"), "");
        assert_eq!(root_prefix("compare/index.html"), "../");
        assert_eq!(root_prefix("articles/page/2/index.html"), "../../../");
    }

    #[test]
    fn base_path_is_the_url_path() {
        assert_eq!(base_path("https://x.github.io/repo/"), "/repo/");
        assert_eq!(base_path("https://example.org/"), "/");
        assert_eq!(base_path("https://example.org"), "/");
    }

    #[test]
    fn pagination_paths() {
        assert_eq!(articles_page(1), "articles/index.html");
        assert_eq!(articles_page(3), "articles/page/3/index.html");
        assert_eq!(numbered_page(&region_page("hunan"), 1), "regions/hunan/index.html");
        assert_eq!(numbered_page(&tag_page("e5"), 12), "tags/e5/page/12/index.html");
    }
}
