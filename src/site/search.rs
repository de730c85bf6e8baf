//! What the search index holds of a site: every article (title, summary, body text, tags,
//! region), every region page, and the comparison page.

use super::articles::RenderedArticle;
use super::OutputFile;
use super::{urls, Site};
use crate::data::Region;
use crate::search::index::{Document, Index};
use crate::search::output;
use crate::search::wording::Wordings;

/// The site's searchable pages, articles first in the site's order. Each is found by what its
/// page shows: an article also by the titles of the articles it links to before and after, a
/// region page by its series (titles, categories, notes) and the titles and summaries of its
/// articles.
pub fn documents<'a>(site: &Site, rendered: &'a [RenderedArticle]) -> Vec<Document<'a>> {
    let region_name = |id: &str| site.region(id).map_or_else(String::new, |r| r.name.clone());
    let neighbours = super::pages::neighbours(site);
    let title_of = |i: Option<usize>| i.map_or("", |i| site.articles[i].title.as_str());
    let mut docs: Vec<Document> = site
        .articles
        .iter()
        .zip(rendered)
        .zip(&neighbours)
        .map(|((article, body), &(older, newer))| {
            let regions: Vec<String> = article.regions.iter().map(|id| region_name(id)).collect();
            let tags: Vec<&str> = article.tags.iter().map(|t| t.name.as_str()).collect();
            let extra = [body.summary.as_str(), &tags.join(" "), &regions.join(" "), title_of(older), title_of(newer)].join("\n");
            Document {
                url: site.urls.link(&urls::article_page(&article.slug)),
                title: article.title.clone(),
                region: regions.join("、"),
                date: article.date.to_string(),
                extra,
                text: body.text.as_str().into(),
            }
        })
        .collect();
    docs.extend(site.regions.iter().map(|region| {
        let series: Vec<&str> = series_words(region).collect();
        let sources: Vec<&str> = region.sources.iter().map(|s| s.title.as_str()).collect();
        let articles: Vec<&str> = site
            .articles
            .iter()
            .zip(rendered)
            .filter(|(a, _)| a.regions.contains(&region.id))
            .flat_map(|(a, body)| [a.title.as_str(), body.summary.as_str()])
            .collect();
        Document {
            url: site.urls.link(&urls::region_page(&region.id)),
            title: region.name.clone(),
            region: region.name.clone(),
            date: String::new(),
            extra: [series.join(" "), sources.join(" "), articles.join("\n")].join("\n"),
            text: region.summary.clone().into(),
        }
    }));
    let msg = &site.edition.messages;
    let compared: Vec<&str> = site.regions.iter().filter(|r| !r.reference).map(|r| r.name.as_str()).collect();
    // The comparison's charts and tables show the regions' series by title and category.
    let series: std::collections::BTreeSet<&str> = site.regions.iter().flat_map(series_words).collect();
    docs.push(Document {
        url: site.urls.link(urls::COMPARE),
        title: msg.get("nav_compare").into(),
        region: String::new(),
        date: String::new(),
        extra: series.into_iter().collect::<Vec<_>>().join(" "),
        text: format!("{} {}", msg.get("compare_caption"), compared.join(" ")).into(),
    });
    docs
}

/// Each series of `region` as its chart and table show it: title, categories, note.
fn series_words(region: &Region) -> impl Iterator<Item = &str> {
    region
        .series
        .iter()
        .flat_map(|s| std::iter::once(s.title.as_str()).chain(s.categories.iter().map(String::as_str)).chain(s.note.as_deref()))
}

/// The paths of the search index's files of one edition, known before anything is built.
pub fn paths(site: &Site) -> Vec<String> {
    output::paths(site.articles.len() + site.regions.len() + 1)
}

/// The wordings a query word is also looked for in: Taiwan's words for mainland ones
/// (OpenCC's Taiwan phrases) and the terms each edition's glossary renders its own way.
pub fn wordings(site: &Site) -> Wordings {
    let glossaries = site.editions.iter().flat_map(|e| e.glossary().iter().cloned());
    Wordings::new(crate::edition::convert::taiwan_phrases().iter().cloned().chain(glossaries))
}

/// The search index's files of the edition `site` is in, made from the text that edition's
/// pages show: a reader finds a page by its own words (a Taiwan edition says 軟體 where the
/// first says 软件).
pub fn files(site: &Site, rendered: &[RenderedArticle]) -> Vec<OutputFile> {
    let step = std::time::Instant::now();
    let files = output::files(&Index::build(documents(site, rendered)).with_wordings(wordings(site)));
    let files = files.into_iter().map(|(path, bytes)| OutputFile::new(path, bytes)).collect();
    log::debug!("search index: {:?}", step.elapsed());
    files
}
