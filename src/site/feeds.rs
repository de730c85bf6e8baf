//! Files for machines: the Atom feed and the sitemap (built-in templates `feed.xml` and
//! `sitemap.xml`, which a site can override like any other) and robots.txt.

use rayon::prelude::*;
use tera::Context;

use super::{urls, OutputFile, Site};
use crate::diagnostics::Diagnostic;
use crate::render::views::{FeedEntryView, FeedView, SitemapUrlView, SitemapView};
use crate::render::Templates;

/// The files this module makes.
pub const FILES: [&str; 3] = [urls::FEED, urls::SITEMAP, urls::ROBOTS];

/// Atom feed of the newest articles. Its `updated` is the newest article's date, never the
/// time of the build, so an unchanged site gives an unchanged feed.
pub fn atom(site: &Site, templates: &Templates) -> Result<OutputFile, Diagnostic> {
    render(templates, urls::FEED, "feed", &feed_view(site))
}

/// What `feed.xml` sees.
pub fn feed_view(site: &Site) -> FeedView {
    let c = &site.config;
    let entries = site
        .articles
        .iter()
        .take(c.feed_limit)
        .map(|article| FeedEntryView {
            title: article.title.clone(),
            url: site.urls.absolute(&urls::article_page(&article.slug)),
            updated: article.date.rfc3339(),
            author: article.author.as_ref().or(c.author.as_ref()).or(c.publisher.as_ref()).cloned().unwrap_or_else(|| c.title.clone()),
            summary: article.summary.clone(),
            categories: article.tags.iter().map(|t| t.name.clone()).collect(),
        })
        .collect();
    FeedView {
        language: c.language.clone(),
        title: c.title.clone(),
        subtitle: c.description.clone(),
        home: site.urls.absolute(urls::HOME),
        url: site.urls.absolute(urls::FEED),
        updated: site.articles.first().map(|a| a.date.rfc3339()).unwrap_or_else(|| "1970-01-01T00:00:00Z".into()),
        entries,
    }
}

/// sitemap.xml listing every HTML page except the 404 page.
pub fn sitemap(site: &Site, templates: &Templates, pages: &[String]) -> Result<OutputFile, Diagnostic> {
    render(templates, urls::SITEMAP, "sitemap", &sitemap_view(site, pages))
}

/// What `sitemap.xml` sees.
pub fn sitemap_view(site: &Site, pages: &[String]) -> SitemapView {
    let mut pages: Vec<&str> = pages.iter().map(String::as_str).filter(|p| p.ends_with(".html") && *p != urls::NOT_FOUND).collect();
    pages.sort_unstable();
    // Ten thousand URLs and dates: made in parallel, since `serve` makes them on every edit.
    let dates: rustc_hash::FxHashMap<String, String> =
        site.articles.par_iter().map(|a| (urls::article_page(&a.slug), a.date.to_string())).collect();
    let editions = &site.editions;
    let dates = &dates;
    let pages = &pages;
    let in_edition = |prefix: &str, page: &str| site.urls.absolute_in(prefix, page);
    let urls = editions
        .par_iter()
        .flat_map(move |edition| {
            pages.par_iter().map(move |page| {
                let alternates = super::pages::alternates(site, page);
                SitemapUrlView { loc: in_edition(&edition.prefix, page), lastmod: dates.get(*page).cloned(), alternates }
            })
        })
        .collect();
    SitemapView { urls }
}

/// Renders the template named like the file it makes, with `view` as `name`.
pub fn render(templates: &Templates, file: &str, name: &str, view: &impl serde::Serialize) -> Result<OutputFile, Diagnostic> {
    let mut context = Context::new();
    context.insert(name, view);
    let bytes = templates.render_bytes(file, &context, file, 0)?;
    Ok(OutputFile::new(file.into(), bytes))
}

pub fn robots(site: &Site) -> OutputFile {
    let text = format!("User-agent: *\nAllow: /\n\nSitemap: {}\n", site.urls.absolute(urls::SITEMAP));
    OutputFile::new(urls::ROBOTS.into(), text)
}
