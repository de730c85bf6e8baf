//! Rendering every HTML page through its template, in parallel.

mod figures;
mod pagination;
mod relations;
mod variables;

pub(crate) use relations::{alternates, neighbours};

use rayon::prelude::*;

use super::articles::RenderedArticle;
use super::{urls, OutputFile, Sink, Site};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::render::views::hash_view;
use crate::render::Templates;
use pagination::{long_list_pages, page_count};
use variables::Pages;

/// A page of the site, by what it shows.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Page {
    Home,
    Compare,
    Tags,
    Search,
    NotFound,
    /// Page `n` (1-based) of a region: its figures and first articles, then more articles.
    Region(String, usize),
    /// An article page, by index into `Site::articles`.
    Article(usize),
    /// Page `n` (1-based) of the article list.
    ArticleList(usize),
    /// Page `n` (1-based) of a tag's articles, by tag slug.
    Tag(String, usize),
}

/// An article page's body: the article as rendered, and its HTML (moved or copied out of it).
type ArticleBody<'r> = (&'r RenderedArticle, String);

/// Page chrome (header, navigation, footer) in bytes, added to the body size to size buffers.
const CHROME_BYTES: usize = 8 * 1024;

impl Page {
    /// Where the page is written in the output.
    pub fn path(&self, site: &Site) -> String {
        match self {
            Page::Home => urls::HOME.to_string(),
            Page::Compare => urls::COMPARE.to_string(),
            Page::Tags => urls::TAGS.to_string(),
            Page::Search => urls::SEARCH.to_string(),
            Page::NotFound => urls::NOT_FOUND.to_string(),
            Page::Region(id, n) => urls::numbered_page(&urls::region_page(id), *n),
            Page::Article(i) => urls::article_page(&site.articles[*i].slug),
            Page::ArticleList(n) => urls::articles_page(*n),
            Page::Tag(key, n) => urls::numbered_page(&urls::tag_page(key), *n),
        }
    }
}

/// Renders article pages one at a time, as their bodies are made: a build then never holds
/// every body at once.
pub struct ArticlePages<'a> {
    pages: Pages<'a>,
    templates: &'a Templates,
}

impl<'a> ArticlePages<'a> {
    pub fn new(site: &'a Site, templates: &'a Templates) -> ArticlePages<'a> {
        ArticlePages { pages: Pages::new(site, &[], false), templates }
    }

    /// The page of article `index`, its body moved out of `rendered` into the page.
    pub fn render(&self, index: usize, rendered: &mut RenderedArticle) -> Result<OutputFile, Diagnostic> {
        let body = std::mem::take(&mut rendered.html);
        render_page(&self.pages, self.templates, &Page::Article(index), Some((rendered, body)))
    }
}

/// Renders one page through its template; an article page needs its body.
fn render_page(pages: &Pages, templates: &Templates, page: &Page, body: Option<ArticleBody>) -> Result<OutputFile, Diagnostic> {
    let capacity = body.as_ref().map_or(0, |(_, html)| html.len()) + CHROME_BYTES;
    let (path, template, context) = pages.prepare(page, body);
    let html = templates.render_bytes(template, &context, &path, capacity)?;
    Ok(OutputFile::new(path, html))
}

/// Renders the pages in `selection` into `sink` (for rebuilds that touch only some pages);
/// `rendered` still holds every article body. Returns the paths of the pages made; a page
/// that cannot be rendered is reported to `problems`.
pub fn render_selected(
    site: &Site,
    templates: &Templates,
    rendered: &[RenderedArticle],
    selection: Vec<Page>,
    sink: &dyn Sink,
    problems: &Diagnostics,
) -> Vec<String> {
    let jobs = selection
        .into_iter()
        .map(|page| {
            let body = match page {
                Page::Article(i) => Some((&rendered[i], rendered[i].html.clone())),
                _ => None,
            };
            (page, body)
        })
        .collect();
    render_jobs(site, templates, rendered, jobs, sink, problems)
}

/// Every page with its output path and a hash of everything its template sees (`site`, its
/// variables, `page`, `root`; an article's body by its hash). Two renders of a page with the
/// same hash give the same bytes, so `serve` renders again exactly the pages whose hash
/// changed: a field added to any view counts without anyone listing it.
pub fn view_hashes(site: &Site, rendered: &[RenderedArticle]) -> Vec<(Page, String, u64)> {
    let pages = Pages::new(site, rendered, true);
    let shared = hash_view(&variables::site_view(site));
    let hashes = all_pages(site)
        .into_par_iter()
        // Thousands of small pieces of work: in batches, so the threads share them cheaply.
        .with_min_len(64)
        .map(|page| {
            let body = match page {
                Page::Article(i) => Some((&rendered[i], String::new())),
                _ => None,
            };
            let (path, template, variables, page_view, root) = pages.variables(&page, body);
            let body_hash = match page {
                Page::Article(i) => Some(rendered[i].body_hash()),
                _ => None,
            };
            let hash = hash_view(&(shared, template, &variables, &page_view, &root, body_hash));
            (page, path, hash)
        })
        .collect();
    pages.free_in_background();
    hashes
}

/// Every page of the site.
pub fn all_pages(site: &Site) -> Vec<Page> {
    let mut pages = vec![Page::Home, Page::Compare, Page::Tags, Page::Search, Page::NotFound];
    let by_region = relations::articles_by_region(site);
    let region_pages = |id: &str| long_list_pages(by_region.get(id).map_or(0, Vec::len));
    pages.extend(site.regions.iter().flat_map(|r| (1..=region_pages(&r.id)).map(|n| Page::Region(r.id.clone(), n))));
    pages.extend((1..=list_page_count(site)).map(Page::ArticleList));
    pages.extend(site.tags.iter().flat_map(|(k, (_, articles))| (1..=long_list_pages(articles.len())).map(|n| Page::Tag(k.clone(), n))));
    pages.extend((0..site.articles.len()).map(Page::Article));
    pages
}

/// How many pages the article list has.
pub fn list_page_count(site: &Site) -> usize {
    page_count(site.articles.len(), site.config.articles_per_page)
}

fn render_jobs(
    site: &Site,
    templates: &Templates,
    rendered: &[RenderedArticle],
    jobs: Vec<(Page, Option<ArticleBody>)>,
    sink: &dyn Sink,
    problems: &Diagnostics,
) -> Vec<String> {
    let pages = Pages::new(site, rendered, false);
    jobs.into_par_iter()
        .filter(|(job, _)| pages.exists(job))
        .filter_map(|(job, body)| {
            let file = render_page(&pages, templates, &job, body).map_err(|problem| problems.push(problem)).ok()?;
            let path = file.path.clone();
            sink.put(file);
            Some(path)
        })
        .collect()
}
