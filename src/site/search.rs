//! What the search index holds of a site: every article (title, summary, body text, tags,
//! region), every region page, and the comparison page.

use super::articles::RenderedArticle;
use super::OutputFile;
use super::{urls, Site};
use crate::data::Region;
use crate::edition::convert::Converter;
use crate::edition::Edition;
use crate::search::index::{Document, Index};
use crate::search::output;
use rayon::prelude::*;
use std::borrow::Cow;

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
    let compared: Vec<&str> = site.regions.iter().filter(|r| !r.reference).map(|r| r.name.as_str()).collect();
    // The comparison's charts and tables show the regions' series by title and category.
    let series: std::collections::BTreeSet<&str> = site.regions.iter().flat_map(series_words).collect();
    docs.push(Document {
        url: site.urls.link(urls::COMPARE),
        title: "地区对比".into(),
        region: String::new(),
        date: String::new(),
        extra: series.into_iter().collect::<Vec<_>>().join(" "),
        text: format!("各地区关键指标对比 {}", compared.join(" ")).into(),
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

/// The paths of the search index's files in every edition, known before anything is built.
pub fn paths(site: &Site) -> Vec<String> {
    let paths = output::paths(site.articles.len() + site.regions.len() + 1);
    site.editions.iter().flat_map(|edition| paths.iter().map(move |path| format!("{}{path}", edition.prefix))).collect()
}

/// The search index's files for the site, in every edition: each edition's index is made
/// from its own text, so that a reader finds a page by the words it shows (a Taiwan edition
/// says 軟體 where the first says 软件).
pub fn files(site: &Site, rendered: &[RenderedArticle]) -> Vec<OutputFile> {
    let step = std::time::Instant::now();
    let documents = documents(site, rendered);
    // A build's bodies keep their text in each edition that converts, in the order of those
    // editions (`articles::render_bodies`).
    let kept_as = |edition: &Edition| site.editions.iter().filter(|e| e.converter.is_some()).position(|e| std::ptr::eq(e, edition));
    let files = site
        .editions
        .par_iter()
        .flat_map_iter(|edition| {
            let files = match edition.converter.as_deref() {
                None => output::files(&Index::build(documents.clone())),
                Some(converter) => {
                    let kept = kept_as(edition);
                    // `documents` lists the articles first, in the order of `rendered`.
                    let text = |page: usize, text: &str| match rendered.get(page).zip(kept).and_then(|(body, k)| body.edition_text.get(k)) {
                        Some(converted) => Cow::Borrowed(converted.as_str()),
                        None => Cow::Owned(converter.convert(text)),
                    };
                    output::files(&Index::build_converting(in_edition(&documents, converter), &text))
                }
            };
            files.into_iter().map(|(path, bytes)| OutputFile::new(format!("{}{path}", edition.prefix), bytes))
        })
        .collect();
    log::debug!("search index: {:?}", step.elapsed());
    files
}

/// The pages `docs` as the edition that converts with `converter` shows them; their text is
/// left for the edition's index to convert as it reads it ([`Index::build_converting`]).
pub fn in_edition<'a>(docs: &[Document<'a>], converter: &Converter) -> Vec<Document<'a>> {
    docs.par_iter().map(|doc| converted(doc, converter)).collect()
}

/// A page as another edition shows it: its address stays, what a result shows is converted,
/// and its text is left for the index to convert as it reads it.
fn converted<'a>(doc: &Document<'a>, converter: &Converter) -> Document<'a> {
    Document {
        url: doc.url.clone(),
        title: converter.convert(&doc.title),
        region: converter.convert(&doc.region),
        date: doc.date.clone(),
        extra: converter.convert(&doc.extra),
        text: doc.text.clone(),
    }
}
