//! The sitemap: every HTML page but the 404 page, in every edition (built-in template
//! `sitemap.xml`, which a site can override like any other).
//!
//! The protocol allows 50,000 URLs and 50 MB a file. While the site fits in one file,
//! `sitemap.xml` is that file. Past it, `sitemap.xml` is an index of `sitemaps/1.xml`,
//! `sitemaps/2.xml`… each rendered by the same template from its share of the URLs. A share
//! is sized from the longest entry, so no file can pass either limit whatever the addresses.
//! The parts need no claim: only an edition's folder could hold `sitemaps/`, and an edition's
//! language tag is never that name.

use rayon::prelude::*;
use serde::Serialize;
use tera::Context;

use super::{urls, OutputFile, Site};
use crate::diagnostics::Diagnostic;
use crate::render::views::{SitemapUrlView, SitemapView};
use crate::render::{escape_html, Templates};

/// URLs one file lists at most (the protocol's limit).
pub const MAX_URLS: usize = 50_000;

/// Bytes one file holds at most: the protocol's 50 MB with room for the template's own text.
const MAX_BYTES: usize = 45 * 1024 * 1024;

/// Where the parts of a sitemap too large for one file go.
pub const PARTS: &str = "sitemaps";

/// The sitemap's files: `sitemap.xml`, and its parts when it is an index.
pub fn files(site: &Site, templates: &Templates, pages: &[String]) -> Result<Vec<OutputFile>, Diagnostic> {
    render(site, templates, &view(site, pages))
}

/// What the sitemap lists.
pub fn view(site: &Site, pages: &[String]) -> SitemapView {
    let mut pages: Vec<&str> = pages.iter().map(String::as_str).filter(|p| p.ends_with(".html") && *p != urls::NOT_FOUND).collect();
    pages.sort_unstable();
    // Ten thousand URLs and dates: made in parallel, since `serve` makes them on every edit.
    let dates: rustc_hash::FxHashMap<String, String> =
        site.articles.par_iter().map(|a| (urls::article_page(&a.slug), a.date.to_string())).collect();
    let dates = &dates;
    let pages = &pages;
    let urls = site
        .editions
        .par_iter()
        .flat_map(move |edition| {
            pages.par_iter().map(move |page| {
                let alternates = super::pages::alternates(site, page);
                SitemapUrlView { loc: site.urls.absolute_in(&edition.prefix, page), lastmod: dates.get(*page).cloned(), alternates }
            })
        })
        .collect();
    SitemapView { urls }
}

/// `sitemap.xml` for `view`: the one file, or the index and its parts.
pub fn render(site: &Site, templates: &Templates, view: &SitemapView) -> Result<Vec<OutputFile>, Diagnostic> {
    split(templates, &view.urls, urls_per_file(&view.urls), |path| site.urls.absolute(path))
}

/// `urls` in files of `per_file` URLs at most; `absolute` gives a part's address for the index.
fn split(
    templates: &Templates,
    urls: &[SitemapUrlView],
    per_file: usize,
    absolute: impl Fn(&str) -> String,
) -> Result<Vec<OutputFile>, Diagnostic> {
    if urls.len() <= per_file {
        return Ok(vec![render_part(templates, urls, urls::SITEMAP)?]);
    }
    let parts: Vec<OutputFile> =
        urls.par_chunks(per_file).enumerate().map(|(k, share)| render_part(templates, share, &part(k + 1))).collect::<Result<_, _>>()?;
    let index = index(parts.iter().map(|p| absolute(&p.path)));
    Ok(std::iter::once(index).chain(parts).collect())
}

/// The path of part `k` (from 1).
pub fn part(k: usize) -> String {
    format!("{PARTS}/{k}.xml")
}

/// How many URLs a file takes so that it stays within both limits: an entry's size is
/// bounded by its address, its date and its alternates, plus the built-in template's markup.
fn urls_per_file(urls: &[SitemapUrlView]) -> usize {
    let entry = |url: &SitemapUrlView| {
        let alternates: usize = url.alternates.iter().map(|a| a.href.len() + a.language.len() + 64).sum();
        url.loc.len() + url.lastmod.as_ref().map_or(0, String::len) + alternates + 64
    };
    let longest = urls.par_iter().map(entry).max().unwrap_or(1);
    (MAX_BYTES / longest).clamp(1, MAX_URLS)
}

fn render_part(templates: &Templates, share: &[SitemapUrlView], path: &str) -> Result<OutputFile, Diagnostic> {
    #[derive(Serialize)]
    struct Share<'a> {
        urls: &'a [SitemapUrlView],
    }
    let mut context = Context::new();
    context.insert("sitemap", &Share { urls: share });
    let bytes = templates.render_bytes(urls::SITEMAP, &context, path, share.len() * 256)?;
    Ok(OutputFile::new(path.into(), bytes))
}

/// The sitemap index naming the parts at these addresses.
fn index(parts: impl Iterator<Item = String>) -> OutputFile {
    let mut xml =
        String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for address in parts {
        xml.push_str(&format!("  <sitemap><loc>{}</loc></sitemap>\n", escape_html(&address)));
    }
    xml.push_str("</sitemapindex>\n");
    OutputFile::new(urls::SITEMAP.into(), xml)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::views::AlternateView;

    fn url(loc: &str, alternates: usize) -> SitemapUrlView {
        let alternate = AlternateView { language: "zh-Hant".into(), href: loc.into() };
        SitemapUrlView { loc: loc.into(), lastmod: Some("2026-01-01".into()), alternates: vec![alternate; alternates] }
    }

    #[test]
    fn past_one_file_the_sitemap_is_an_index_of_parts_that_list_every_url_once() {
        let templates = Templates::load(&[]).unwrap();
        let all: Vec<SitemapUrlView> = (0..5).map(|k| url(&format!("https://e.org/r/{k}/?a&b"), 1)).collect();
        let files = split(&templates, &all, 2, |path| format!("https://e.org/r/{path}")).unwrap();
        let paths: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(paths, ["sitemap.xml", "sitemaps/1.xml", "sitemaps/2.xml", "sitemaps/3.xml"]);
        let text = |k: usize| String::from_utf8(files[k].bytes.clone()).unwrap();
        let index = text(0);
        let index = roxmltree::Document::parse(&index).unwrap();
        assert_eq!(index.root_element().tag_name().name(), "sitemapindex");
        let listed: Vec<&str> = index.descendants().filter(|n| n.has_tag_name("loc")).filter_map(|n| n.text()).collect();
        assert_eq!(listed, ["https://e.org/r/sitemaps/1.xml", "https://e.org/r/sitemaps/2.xml", "https://e.org/r/sitemaps/3.xml"]);
        let mut locs = Vec::new();
        for k in 1..=3 {
            let part = text(k);
            let part = roxmltree::Document::parse(&part).unwrap();
            let urls: Vec<String> = part
                .descendants()
                .filter(|n| n.has_tag_name("url"))
                .map(|u| u.children().find(|c| c.has_tag_name("loc")).unwrap().text().unwrap().to_string())
                .collect();
            assert!(urls.len() <= 2);
            locs.extend(urls);
        }
        assert_eq!(locs, all.iter().map(|u| u.loc.clone()).collect::<Vec<_>>());
        assert_eq!(split(&templates, &all, 5, |p| p.into()).unwrap().len(), 1, "one file while it fits");
    }

    #[test]
    fn a_file_takes_at_most_fifty_thousand_urls_and_fewer_when_they_are_long() {
        assert_eq!(urls_per_file(&[url("https://e.org/a/", 2)]), MAX_URLS);
        let long = format!("https://e.org/{}/", "%E6%96%87".repeat(300));
        let per_file = urls_per_file(&[url("https://e.org/a/", 0), url(&long, 8)]);
        assert!(per_file < MAX_URLS && per_file * (long.len() * 9) < 50 * 1000 * 1000, "{per_file}");
    }
}
