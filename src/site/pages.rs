//! Rendering every HTML page through its template, in parallel.

use std::collections::HashMap;

use rayon::prelude::*;
use tera::Context;

use super::articles::RenderedArticle;
use super::{charts, urls, OutputFile, Sink, Site};
use crate::data::Region;
use crate::diagnostics::Diagnostic;
use crate::policy::number::format as format_number;
use crate::render::views::*;
use crate::render::Templates;

/// A page of the site, by what it shows.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Page {
    Home,
    Compare,
    Tags,
    NotFound,
    /// A region page, by region id.
    Region(String),
    /// An article page, by index into `Site::articles`.
    Article(usize),
    /// Page `n` (1-based) of the article list.
    ArticleList(usize),
    /// A tag page, by tag slug.
    Tag(String),
}

/// An article page's body: the article as rendered, and its HTML (moved or copied out of it).
type ArticleBody<'r> = (&'r RenderedArticle, String);

/// Shared inputs of every page.
struct Pages<'a> {
    site: &'a Site,
    /// Every article as rendered, for the pages that list them (empty when only article
    /// pages are made).
    rendered: &'a [RenderedArticle],
    list_pages: usize,
    /// `site`, serialized once and copied into every page's context.
    shared: Context,
    /// For each article: the older and the newer article about the same (first) region.
    neighbours: Vec<(Option<usize>, Option<usize>)>,
    /// Region id → number of its articles, counted once rather than per region per page.
    article_counts: HashMap<&'a str, usize>,
}

/// How many articles a region or tag page shows in full before listing the rest by title.
const LATEST_IN_FULL: usize = 10;

/// Page chrome (header, navigation, footer) in bytes, added to the body size to size buffers.
const CHROME_BYTES: usize = 8 * 1024;

impl Page {
    /// Where the page is written in the output.
    pub fn path(&self, site: &Site) -> String {
        match self {
            Page::Home => urls::HOME.to_string(),
            Page::Compare => urls::COMPARE.to_string(),
            Page::Tags => urls::TAGS.to_string(),
            Page::NotFound => urls::NOT_FOUND.to_string(),
            Page::Region(id) => urls::region_page(id),
            Page::Article(i) => urls::article_page(&site.articles[*i].slug),
            Page::ArticleList(n) => urls::articles_page(*n),
            Page::Tag(key) => urls::tag_page(key),
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
        ArticlePages { pages: Pages::new(site, &[]), templates }
    }

    /// Renders the page of article `index` into `sink`, moving the body out of `rendered`.
    pub fn render(&self, index: usize, rendered: &mut RenderedArticle, sink: &dyn Sink) -> Result<(), Diagnostic> {
        let body = std::mem::take(&mut rendered.html);
        let capacity = body.len() + CHROME_BYTES;
        let page = Page::Article(index);
        let (path, template, context) = self.pages.prepare(&page, Some((rendered, body)));
        let html = self.templates.render_bytes(template, &context, &path, capacity)?;
        sink.put(OutputFile::new(path, html));
        Ok(())
    }
}

/// Renders the pages in `selection` into `sink` (for rebuilds that touch only some pages);
/// `rendered` still holds every article body.
pub fn render_selected(
    site: &Site,
    templates: &Templates,
    rendered: &[RenderedArticle],
    selection: Vec<Page>,
    sink: &dyn Sink,
) -> Result<Vec<String>, Vec<Diagnostic>> {
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
    render_jobs(site, templates, rendered, jobs, sink)
}

/// Every page of the site.
pub fn all_pages(site: &Site) -> Vec<Page> {
    let mut pages = vec![Page::Home, Page::Compare, Page::Tags, Page::NotFound];
    pages.extend(site.regions.iter().map(|r| Page::Region(r.id.clone())));
    pages.extend((1..=list_page_count(site)).map(Page::ArticleList));
    pages.extend(site.tags.keys().map(|k| Page::Tag(k.clone())));
    pages.extend((0..site.articles.len()).map(Page::Article));
    pages
}

/// How many pages the article list has.
pub fn list_page_count(site: &Site) -> usize {
    site.articles.len().div_ceil(site.config.articles_per_page).max(1)
}

fn render_jobs(
    site: &Site,
    templates: &Templates,
    rendered: &[RenderedArticle],
    jobs: Vec<(Page, Option<ArticleBody>)>,
    sink: &dyn Sink,
) -> Result<Vec<String>, Vec<Diagnostic>> {
    let pages = Pages::new(site, rendered);
    let list_pages = pages.list_pages;
    let exists = |page: &Page| match page {
        Page::Region(id) => site.region(id).is_some(),
        Page::Tag(key) => site.tags.contains_key(key),
        Page::Article(i) => *i < site.articles.len(),
        Page::ArticleList(n) => *n >= 1 && *n <= list_pages,
        _ => true,
    };
    let results: Vec<Result<String, Diagnostic>> = jobs
        .into_par_iter()
        .filter(|(job, _)| exists(job))
        .map(|(job, body)| {
            let capacity = body.as_ref().map_or(0, |(_, html)| html.len()) + CHROME_BYTES;
            let (path, template, context) = pages.prepare(&job, body);
            let html = templates.render_bytes(template, &context, &path, capacity)?;
            sink.put(OutputFile::new(path.clone(), html));
            Ok(path)
        })
        .collect();
    let (ok, errors): (Vec<_>, Vec<_>) = results.into_iter().partition(Result::is_ok);
    if errors.is_empty() {
        Ok(ok.into_iter().flatten().collect())
    } else {
        Err(errors.into_iter().filter_map(Result::err).collect())
    }
}

/// Older and newer neighbour of each article within its first region (articles are newest first).
fn neighbours(site: &Site) -> Vec<(Option<usize>, Option<usize>)> {
    let mut by_region: std::collections::HashMap<&str, Vec<usize>> = std::collections::HashMap::new();
    for (i, article) in site.articles.iter().enumerate() {
        if let Some(region) = article.regions.first() {
            by_region.entry(region.as_str()).or_default().push(i);
        }
    }
    let mut result = vec![(None, None); site.articles.len()];
    for indices in by_region.values() {
        for (position, &i) in indices.iter().enumerate() {
            let newer = position.checked_sub(1).map(|p| indices[p]);
            result[i] = (indices.get(position + 1).copied(), newer);
        }
    }
    result
}

fn site_view(site: &Site) -> SiteView {
    let c = &site.config;
    let link = |title: &str, path: &str, key: &str| LinkView { title: title.into(), url: site.urls.link(path), key: key.into() };
    let mut nav = vec![
        link("首页", urls::HOME, "home"),
        link("文章", &urls::articles_page(1), "articles"),
        link("地区对比", urls::COMPARE, "compare"),
        link("标签", urls::TAGS, "tags"),
    ];
    nav.extend(c.nav.iter().map(|n| LinkView { title: n.title.clone(), url: n.url.value.clone(), key: String::new() }));
    SiteView {
        title: c.title.clone(),
        description: c.description.clone(),
        language: c.language.clone(),
        base_url: c.base_url.clone(),
        publisher: c.publisher.clone(),
        footer: c.footer.clone(),
        nav,
        has_illustrative_data: site.regions.iter().any(Region::has_illustrative_data),
    }
}

impl<'a> Pages<'a> {
    fn new(site: &'a Site, rendered: &'a [RenderedArticle]) -> Pages<'a> {
        let mut shared = Context::new();
        shared.insert("site", &site_view(site));
        let mut article_counts: HashMap<&str, usize> = HashMap::new();
        for region in site.articles.iter().flat_map(|a| &a.regions) {
            *article_counts.entry(region.as_str()).or_default() += 1;
        }
        Pages { site, rendered, list_pages: list_page_count(site), shared, neighbours: neighbours(site), article_counts }
    }

    /// The output path, template and context of a page; an article page needs its body.
    fn prepare(&self, page: &Page, body: Option<ArticleBody>) -> (String, &'static str, Context) {
        let site = self.site;
        let path = page.path(site);
        let (template, title, section, mut context) = match page {
            Page::Home => ("index.html", site.config.title.clone(), "home", self.home()),
            Page::Region(id) => {
                // `render_jobs` keeps only pages of loaded regions.
                let r = site.region(id).expect("a loaded region");
                ("region.html", r.name.clone(), "regions", self.region(r))
            }
            Page::Article(i) => {
                let (rendered, html) = body.expect("an article page is prepared with its body");
                ("article.html", site.articles[*i].title.clone(), "articles", self.article(*i, rendered, html))
            }
            Page::ArticleList(n) => ("articles.html", list_title(*n), "articles", self.article_list(*n, self.list_pages)),
            Page::Compare => ("compare.html", "地区对比".into(), "compare", self.compare()),
            Page::Tags => ("tags.html", "标签".into(), "tags", self.tags()),
            Page::Tag(key) => ("tag.html", format!("标签：{}", site.tags[key].0), "tags", self.tag(key)),
            Page::NotFound => ("404.html", "页面不存在".into(), "", Context::new()),
        };
        let description =
            context.get("description").and_then(|v| v.as_str()).map(str::to_owned).unwrap_or_else(|| site.config.description.clone());
        let page_view = PageView { title, description, canonical: site.urls.absolute(&path), path: path.clone(), section: section.into() };
        context.extend(self.shared.clone());
        context.insert("page", &page_view);
        // The 404 page is served at any depth, so it links from the base path (`/repo/`).
        let root = if matches!(page, Page::NotFound) { urls::base_path(&site.config.base_url) } else { urls::root_prefix(&path) };
        context.insert("root", &root);
        (path, template, context)
    }

    fn home(&self) -> Context {
        let mut c = Context::new();
        let regions: Vec<RegionSummaryView> = self.site.regions.iter().map(|r| self.region_summary(r)).collect();
        c.insert("regions", &regions);
        c.insert("charts", &charts::compare_views(self.site));
        let latest: Vec<ArticleSummaryView> = (0..self.site.articles.len().min(6)).map(|i| self.article_summary(i)).collect();
        c.insert("articles", &latest);
        c
    }

    fn region(&self, region: &Region) -> Context {
        let site = self.site;
        let series = region
            .series
            .iter()
            .map(|s| SeriesView {
                id: s.id.clone(),
                title: s.title.clone(),
                unit: s.unit.clone(),
                frequency: s.frequency.label_zh().into(),
                illustrative: s.illustrative,
                chart: charts::series_view(region, s),
            })
            .collect();
        let indices: Vec<usize> = (0..site.articles.len()).filter(|&i| site.articles[i].regions.contains(&region.id)).collect();
        let (articles, older) = self.long_list(&indices);
        let view = RegionView {
            summary: self.region_summary(region),
            series,
            sources: region.sources.iter().map(source_view).collect(),
            downloads: ["csv", "json"]
                .iter()
                .map(|ext| LinkView {
                    title: ext.to_uppercase(),
                    url: site.urls.link(&urls::data_file(&region.id, ext)),
                    key: String::new(),
                })
                .collect(),
            articles,
            older,
        };
        let mut c = Context::new();
        c.insert("description", &region.summary);
        c.insert("region", &view);
        c
    }

    fn article(&self, index: usize, rendered: &RenderedArticle, content: String) -> Context {
        let site = self.site;
        let link_to = |i: usize| LinkView {
            title: site.articles[i].title.clone(),
            url: site.urls.link(&urls::article_page(&site.articles[i].slug)),
            key: String::new(),
        };
        let (older, newer) = self.neighbours[index];
        let (previous, next) = (older.map(link_to), newer.map(link_to));
        let view = ArticleView {
            summary: self.summary_of(index, &rendered.summary),
            content,
            toc: rendered.toc.clone(),
            reading_minutes: rendered.reading_minutes,
            previous,
            next,
            illustrative: rendered.illustrative,
        };
        let mut c = Context::new();
        c.insert("description", &rendered.summary);
        c.insert("article", &view);
        c
    }

    fn article_list(&self, n: usize, total: usize) -> Context {
        let per_page = self.site.config.articles_per_page;
        let start = (n - 1) * per_page;
        let end = (start + per_page).min(self.site.articles.len());
        let articles: Vec<ArticleSummaryView> = (start..end).map(|i| self.article_summary(i)).collect();
        let link = |k: usize| self.site.urls.link(&urls::articles_page(k));
        let pagination = PaginationView {
            current: n,
            total,
            previous: (n > 1).then(|| link(n - 1)),
            next: (n < total).then(|| link(n + 1)),
            pages: page_window(n, total)
                .into_iter()
                .map(|k| k.map(|k| PageLinkView { number: k, url: link(k), current: k == n }))
                .collect(),
        };
        let mut c = Context::new();
        c.insert("articles", &articles);
        c.insert("pagination", &pagination);
        c
    }

    fn compare(&self) -> Context {
        let site = self.site;
        let compared: Vec<&Region> = site.regions.iter().filter(|r| !r.reference).collect();
        let market = &site.config.compare.market_series;
        let complaints = &site.config.compare.complaint_series;
        let latest = |r: &Region, id: &str| {
            r.series(id)
                .and_then(|s| s.latest().map(|p| (s, p)))
                .map(|(s, p)| format!("{} {}（{}）", format_number(p.total()), s.unit, p.period))
                .unwrap_or_else(|| "—".into())
        };
        let rows = compared
            .iter()
            .map(|r| {
                vec![
                    r.name.clone(),
                    latest(r, market),
                    latest(r, complaints),
                    self.article_count(&r.id).to_string(),
                    if r.has_illustrative_data() { "示例数据".into() } else { "真实数据".into() },
                ]
            })
            .collect();
        let table = TableView {
            caption: "各地区关键指标对比".into(),
            headers: vec!["地区".into(), "市场规模（最新）".into(), "投诉量合计（最新期）".into(), "文章数".into(), "数据性质".into()],
            rows,
            illustrative: compared.iter().any(|r| r.has_illustrative_data()),
        };
        let regions: Vec<RegionSummaryView> = compared.iter().map(|r| self.region_summary(r)).collect();
        let mut c = Context::new();
        c.insert("regions", &regions);
        c.insert("charts", &charts::compare_views(site));
        c.insert("table", &table);
        c
    }

    fn tags(&self) -> Context {
        let tags: Vec<TagView> = self.site.tags.keys().map(|k| self.tag_view(k, false)).collect();
        let mut c = Context::new();
        c.insert("tags", &tags);
        c
    }

    fn tag(&self, key: &str) -> Context {
        let mut c = Context::new();
        c.insert("tag", &self.tag_view(key, true));
        c
    }

    fn tag_view(&self, key: &str, with_articles: bool) -> TagView {
        let (name, indices) = &self.site.tags[key];
        let (articles, older) = if with_articles { self.long_list(indices) } else { (Vec::new(), Vec::new()) };
        TagView { name: name.clone(), url: self.site.urls.link(&urls::tag_page(key)), count: indices.len(), articles, older }
    }

    /// The articles at `indices` (newest first) as a long list shows them: the latest in full,
    /// the others by title and date only.
    fn long_list(&self, indices: &[usize]) -> (Vec<ArticleSummaryView>, Vec<ArticleLinkView>) {
        let split = indices.len().min(LATEST_IN_FULL);
        let latest = indices[..split].iter().map(|&i| self.article_summary(i)).collect();
        let older = indices[split..]
            .iter()
            .map(|&i| {
                let a = &self.site.articles[i];
                ArticleLinkView { title: a.title.clone(), url: self.site.urls.link(&urls::article_page(&a.slug)), date: a.date.to_string() }
            })
            .collect();
        (latest, older)
    }

    fn region_summary(&self, region: &Region) -> RegionSummaryView {
        let key_figures = region
            .series
            .iter()
            .filter_map(|s| {
                s.latest().map(|p| KeyFigureView {
                    label: s.title.clone(),
                    value: format_number(p.total()),
                    unit: s.unit.clone(),
                    period: p.period.label_zh(),
                    illustrative: s.illustrative,
                })
            })
            .take(3)
            .collect();
        RegionSummaryView {
            id: region.id.clone(),
            name: region.name.clone(),
            url: self.site.urls.link(&urls::region_page(&region.id)),
            summary: region.summary.clone(),
            reference: region.reference,
            illustrative: region.has_illustrative_data(),
            key_figures,
            article_count: self.article_count(&region.id),
        }
    }

    fn article_count(&self, region: &str) -> usize {
        self.article_counts.get(region).copied().unwrap_or(0)
    }

    fn article_summary(&self, index: usize) -> ArticleSummaryView {
        self.summary_of(index, &self.rendered[index].summary)
    }

    fn summary_of(&self, index: usize, summary: &str) -> ArticleSummaryView {
        let site = self.site;
        let a = &site.articles[index];
        ArticleSummaryView {
            title: a.title.clone(),
            url: site.urls.link(&urls::article_page(&a.slug)),
            date: a.date.to_string(),
            date_label: a.date.label_zh(),
            summary: summary.to_string(),
            author: a.author.clone().or_else(|| site.config.author.clone()),
            regions: a
                .regions
                .iter()
                .filter_map(|id| site.region(id))
                .map(|r| LinkView { title: r.name.clone(), url: site.urls.link(&urls::region_page(&r.id)), key: String::new() })
                .collect(),
            tags: a
                .tags
                .iter()
                .map(|t| LinkView { title: t.name.clone(), url: site.urls.link(&urls::tag_page(&t.slug)), key: String::new() })
                .collect(),
        }
    }
}

/// Page numbers to show around `current`: first, last and two either side, `None` for a gap.
fn page_window(current: usize, total: usize) -> Vec<Option<usize>> {
    let mut shown: Vec<usize> = (1..=total).filter(|&k| k == 1 || k == total || k.abs_diff(current) <= 2).collect();
    shown.dedup();
    let mut out = Vec::with_capacity(shown.len() + 2);
    for (i, &k) in shown.iter().enumerate() {
        if i > 0 && k - shown[i - 1] > 1 {
            out.push(None);
        }
        out.push(Some(k));
    }
    out
}

fn list_title(n: usize) -> String {
    if n <= 1 {
        "全部文章".into()
    } else {
        format!("全部文章（第 {n} 页）")
    }
}

fn source_view(s: &crate::data::Source) -> SourceView {
    SourceView { title: s.title.clone(), publisher: s.publisher.clone(), url: s.url.clone(), date: s.date.clone(), note: s.note.clone() }
}

#[cfg(test)]
mod tests {
    use super::page_window;

    #[test]
    fn pagination_shows_a_window_with_gaps() {
        assert_eq!(page_window(1, 3), vec![Some(1), Some(2), Some(3)]);
        assert_eq!(page_window(10, 500), vec![Some(1), None, Some(8), Some(9), Some(10), Some(11), Some(12), None, Some(500)]);
        assert_eq!(page_window(1, 1), vec![Some(1)]);
    }
}
