//! What the search index holds of a site: every article (title, summary, body text, tags,
//! region), every region page, and the comparison page.

use super::articles::RenderedArticle;
use super::OutputFile;
use super::{urls, Site};
use crate::search::index::{Document, Index};
use crate::search::output;

/// The site's searchable pages, articles first in the site's order.
pub fn documents<'a>(site: &Site, rendered: &'a [RenderedArticle]) -> Vec<Document<'a>> {
    let region_name = |id: &str| site.region(id).map_or_else(String::new, |r| r.name.clone());
    let mut docs: Vec<Document> = site
        .articles
        .iter()
        .zip(rendered)
        .map(|(article, body)| {
            let regions: Vec<String> = article.regions.iter().map(|id| region_name(id)).collect();
            let tags: Vec<&str> = article.tags.iter().map(|t| t.name.as_str()).collect();
            let extra = [body.summary.as_str(), &tags.join(" "), &regions.join(" ")].join("\n");
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
        let series: Vec<&str> = region.series.iter().map(|s| s.title.as_str()).collect();
        let sources: Vec<&str> = region.sources.iter().map(|s| s.title.as_str()).collect();
        Document {
            url: site.urls.link(&urls::region_page(&region.id)),
            title: region.name.clone(),
            region: region.name.clone(),
            date: String::new(),
            extra: [series.join(" "), sources.join(" ")].join("\n"),
            text: region.summary.clone().into(),
        }
    }));
    let compared: Vec<&str> = site.regions.iter().filter(|r| !r.reference).map(|r| r.name.as_str()).collect();
    docs.push(Document {
        url: site.urls.link(urls::COMPARE),
        title: "地区对比".into(),
        region: String::new(),
        date: String::new(),
        extra: String::new(),
        text: format!("各地区关键指标对比 {}", compared.join(" ")).into(),
    });
    docs
}

/// The paths of the search index's files, known before anything is built.
pub fn paths(site: &Site) -> Vec<String> {
    output::paths(site.articles.len() + site.regions.len() + 1)
}

/// The search index's files for the site.
pub fn files(site: &Site, rendered: &[RenderedArticle]) -> Vec<OutputFile> {
    let index = Index::build(documents(site, rendered));
    output::files(&index).into_iter().map(|(path, bytes)| OutputFile::new(path, bytes)).collect()
}
