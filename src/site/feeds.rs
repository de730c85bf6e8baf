//! Files for machines: the Atom feed, the sitemap and robots.txt.

use std::fmt::Write as _;

use super::{urls, OutputFile, Site};
use crate::charts::escape_xml;

/// Atom feed of the newest articles. Its `updated` is the newest article's date, never the
/// time of the build, so an unchanged site gives an unchanged feed.
/// The files this module makes.
pub const FILES: [&str; 3] = [urls::FEED, urls::SITEMAP, urls::ROBOTS];

pub fn atom(site: &Site) -> OutputFile {
    let c = &site.config;
    let updated = site.articles.first().map(|a| a.date.rfc3339()).unwrap_or_else(|| "1970-01-01T00:00:00Z".into());
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    let _ = write!(
        xml,
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{lang}\">\n  <title>{title}</title>\n  <subtitle>{subtitle}</subtitle>\n  <id>{home}</id>\n  <link href=\"{home}\"/>\n  <link rel=\"self\" href=\"{feed}\"/>\n  <updated>{updated}</updated>\n",
        lang = escape_xml(&c.language),
        title = escape_xml(&c.title),
        subtitle = escape_xml(&c.description),
        home = escape_xml(&site.urls.absolute(urls::HOME)),
        feed = escape_xml(&site.urls.absolute(urls::FEED)),
    );
    for article in site.articles.iter().take(c.feed_limit) {
        let url = escape_xml(&site.urls.absolute(&urls::article_page(&article.slug)));
        let author = article.author.as_ref().or(c.author.as_ref()).or(c.publisher.as_ref()).cloned().unwrap_or_else(|| c.title.clone());
        let _ = write!(
            xml,
            "  <entry>\n    <title>{title}</title>\n    <id>{url}</id>\n    <link href=\"{url}\"/>\n    <updated>{date}</updated>\n    <author><name>{author}</name></author>\n",
            title = escape_xml(&article.title),
            date = article.date.rfc3339(),
            author = escape_xml(&author),
        );
        if let Some(summary) = &article.summary {
            let _ = writeln!(xml, "    <summary>{}</summary>", escape_xml(summary));
        }
        for tag in &article.tags {
            let _ = writeln!(xml, "    <category term=\"{}\"/>", escape_xml(&tag.name));
        }
        xml.push_str("  </entry>\n");
    }
    xml.push_str("</feed>\n");
    OutputFile::new(urls::FEED.into(), xml)
}

/// sitemap.xml listing every HTML page except the 404 page.
pub fn sitemap(site: &Site, pages: &[String]) -> OutputFile {
    let mut pages: Vec<&str> = pages.iter().map(String::as_str).filter(|p| p.ends_with(".html") && *p != urls::NOT_FOUND).collect();
    pages.sort_unstable();
    let dates: std::collections::HashMap<String, String> =
        site.articles.iter().map(|a| (urls::article_page(&a.slug), a.date.to_string())).collect();
    let mut xml =
        String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for page in pages {
        let _ = write!(xml, "  <url><loc>{}</loc>", escape_xml(&site.urls.absolute(page)));
        if let Some(date) = dates.get(page) {
            let _ = write!(xml, "<lastmod>{date}</lastmod>");
        }
        xml.push_str("</url>\n");
    }
    xml.push_str("</urlset>\n");
    OutputFile::new(urls::SITEMAP.into(), xml)
}

pub fn robots(site: &Site) -> OutputFile {
    let text = format!("User-agent: *\nAllow: /\n\nSitemap: {}\n", site.urls.absolute(urls::SITEMAP));
    OutputFile::new(urls::ROBOTS.into(), text)
}
