//! What the search index holds of a site: every article (title, summary, body text, tags,
//! region), every region page, and the comparison page, in every edition.
//!
//! The editions share one set of postings: a page holds a bigram if its page in any edition
//! does, and each edition has its own page lists (addresses, titles). A build adds each
//! article to the postings as soon as its bodies are rendered ([`Postings::add_article`]), so
//! the bodies' text is never all in memory; `serve`, which keeps the text, indexes it whole
//! ([`files`]).

use rayon::prelude::*;

use super::articles::RenderedArticle;
use super::OutputFile;
use super::{urls, Site};
use crate::data::Region;
use crate::search::index::{Document, Index, Run};
use crate::search::output;
use crate::search::wording::Wordings;

/// The site's searchable pages in the edition of `site`, articles first in the site's order,
/// their text taken from `rendered` (empty if the bodies' text is no longer kept). Each is
/// found by what its page shows: an article also by the titles of the articles it links to
/// before and after, a region page by its series (titles, categories, notes) and the titles
/// and summaries of its articles.
pub fn documents<'a>(site: &Site, rendered: &'a [RenderedArticle]) -> Vec<Document<'a>> {
    let neighbours = super::pages::neighbours(site);
    let mut docs: Vec<Document> = (0..site.articles.len()).map(|i| article_document(site, i, &rendered[i], neighbours[i])).collect();
    docs.extend(other_documents(site, rendered));
    docs
}

/// Article `index` as the index shows it, with its text borrowed from `body`.
fn article_document<'a>(
    site: &Site,
    index: usize,
    body: &'a RenderedArticle,
    (older, newer): (Option<usize>, Option<usize>),
) -> Document<'a> {
    let article = &site.articles[index];
    let region_name = |id: &str| site.region(id).map_or_else(String::new, |r| r.name.clone());
    let title_of = |i: Option<usize>| i.map_or("", |i| site.articles[i].title.as_str());
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
}

/// A region's page as the index shows it.
fn region_document(site: &Site, region: &Region, rendered: &[RenderedArticle]) -> Document<'static> {
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
}

/// The comparison page as the index shows it.
fn compare_document(site: &Site) -> Document<'static> {
    let msg = &site.edition.messages;
    let compared: Vec<&str> = site.regions.iter().filter(|r| !r.reference).map(|r| r.name.as_str()).collect();
    // The comparison's charts and tables show the regions' series by title and category.
    let series: std::collections::BTreeSet<&str> = site.regions.iter().flat_map(series_words).collect();
    Document {
        url: site.urls.link(urls::COMPARE),
        title: msg.get("nav_compare").into(),
        region: String::new(),
        date: String::new(),
        extra: series.into_iter().collect::<Vec<_>>().join(" "),
        text: format!("{} {}", msg.get("compare_caption"), compared.join(" ")).into(),
    }
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

/// The postings of a run of consecutive articles, added as their bodies are rendered.
pub struct Postings {
    run: Run,
    /// Each article's neighbours (the same in every edition), whose titles it is found by.
    neighbours: std::sync::Arc<[(Option<usize>, Option<usize>)]>,
}

impl Postings {
    /// Empty postings for the articles of `site` (any edition's).
    pub fn new(site: &Site) -> Postings {
        Postings { run: Run::default(), neighbours: super::pages::neighbours(site).into() }
    }

    /// Another run for the same site.
    pub fn another(&self) -> Postings {
        Postings { run: Run::default(), neighbours: self.neighbours.clone() }
    }

    /// Adds article `index` as each edition shows it: `sites[e]` and `bodies[e]` are its
    /// edition `e`. Articles are added in order.
    pub fn add_article(&mut self, sites: &[Site], index: usize, bodies: &[&RenderedArticle]) {
        let docs: Vec<Document> =
            sites.iter().zip(bodies).map(|(site, body)| article_document(site, index, body, self.neighbours[index])).collect();
        let views: Vec<[&str; 3]> = docs.iter().map(|d| [d.title.as_str(), d.extra.as_str(), &d.text]).collect();
        self.run.add(index as u32, &views);
    }
}

/// The search index's files of every edition (in the order of `sites`), from the postings of
/// the articles (`runs`, in order) and the pages that are not articles. `rendered[e]` are the
/// bodies of edition `e`; their text is not read.
pub fn files_of_runs(sites: &[Site], rendered: &[Vec<RenderedArticle>], runs: Vec<Postings>) -> Vec<Vec<OutputFile>> {
    let step = std::time::Instant::now();
    let others = other_documents_by_edition(sites, rendered);
    let page_lists = |e: usize| -> Vec<Document> {
        let empty = RenderedArticle::default();
        let neighbours = super::pages::neighbours(&sites[e]);
        let article = |i: usize| article_document(&sites[e], i, rendered[e].get(i).unwrap_or(&empty), neighbours[i]);
        let mut docs: Vec<Document> = (0..sites[e].articles.len()).map(|i| Document { text: "".into(), ..article(i) }).collect();
        docs.extend(others[e].iter().cloned());
        docs
    };
    let index = shared_index(sites, runs, &others, page_lists(0));
    log::debug!("search index: postings joined {:?}", step.elapsed());
    let first = output::files(&index);
    let files = (0..sites.len())
        .map(|e| match e {
            0 => first.iter().map(|(path, bytes)| OutputFile::new(path.clone(), bytes.clone())).collect(),
            _ => {
                let shared = first.iter().filter(|(path, _)| !output::is_page_list(path)).cloned();
                output::page_lists(&page_lists(e)).into_iter().chain(shared).map(|(path, bytes)| OutputFile::new(path, bytes)).collect()
            }
        })
        .collect();
    log::debug!("search index: {:?}", step.elapsed());
    files
}

/// The pages that are not articles in each edition.
fn other_documents_by_edition(sites: &[Site], rendered: &[Vec<RenderedArticle>]) -> Vec<Vec<Document<'static>>> {
    sites.iter().zip(rendered).map(|(site, rendered)| other_documents(site, rendered)).collect()
}

/// The pages that are not articles (region pages, then the comparison) in the edition of `site`.
fn other_documents(site: &Site, rendered: &[RenderedArticle]) -> Vec<Document<'static>> {
    let mut docs: Vec<Document> = site.regions.iter().map(|region| region_document(site, region, rendered)).collect();
    docs.push(compare_document(site));
    docs
}

/// The index every edition searches: the articles' postings (`runs`) and those of the other
/// pages (`others[e]` in edition `e`), with `docs` as its pages.
fn shared_index<'a>(sites: &[Site], runs: Vec<Postings>, others: &[Vec<Document>], docs: Vec<Document<'a>>) -> Index<'a> {
    let mut last = Run::default();
    for i in 0..others[0].len() {
        let views: Vec<[&str; 3]> = others.iter().map(|docs| [docs[i].title.as_str(), docs[i].extra.as_str(), &docs[i].text]).collect();
        last.add((sites[0].articles.len() + i) as u32, &views);
    }
    let runs = runs.into_iter().map(|p| p.run).chain([last]).collect();
    Index::from_runs(docs, runs).with_wordings(wordings(&sites[0]))
}

/// The postings of every article, from bodies whose text is kept (as `serve` keeps them):
/// `rendered[e]` are the bodies of edition `e`.
fn runs_of_kept(sites: &[Site], rendered: &[Vec<RenderedArticle>]) -> Vec<Postings> {
    let postings = Postings::new(&sites[0]);
    let size = sites[0].articles.len().div_ceil(rayon::current_num_threads() * 4).max(1);
    let indices: Vec<usize> = (0..sites[0].articles.len()).collect();
    indices
        .par_chunks(size)
        .map(|chunk| {
            let mut run = postings.another();
            for &index in chunk {
                let bodies: Vec<&RenderedArticle> = rendered.iter().map(|r| &r[index]).collect();
                run.add_article(sites, index, &bodies);
            }
            run
        })
        .collect()
}

/// The search index's files of every edition, from bodies whose text is kept.
pub fn files(sites: &[Site], rendered: &[Vec<RenderedArticle>]) -> Vec<Vec<OutputFile>> {
    files_of_runs(sites, rendered, runs_of_kept(sites, rendered))
}

/// The index edition `edition` searches, with its pages' text (to measure what a query finds).
pub fn index<'a>(sites: &[Site], rendered: &'a [Vec<RenderedArticle>], edition: usize) -> Index<'a> {
    let docs = documents(&sites[edition], &rendered[edition]);
    shared_index(sites, runs_of_kept(sites, rendered), &other_documents_by_edition(sites, rendered), docs)
}
