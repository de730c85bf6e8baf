//! Files for machines: the Atom feed (built-in template `feed.xml`, which a site can override
//! like any other) and robots.txt. The sitemap is [`super::sitemap`]'s.

use tera::Context;

use super::{urls, OutputFile, Site};
use crate::diagnostics::Diagnostic;
use crate::render::views::{FeedEntryView, FeedView};
use crate::render::Templates;

/// The files this module and [`super::sitemap`] make (the sitemap's parts aside).
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
