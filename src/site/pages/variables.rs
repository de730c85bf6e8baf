//! What each page's template sees: the typed [`PageVariables`] of every page kind, built from
//! the site, and the `site` view every page shares.

use rustc_hash::FxHashMap as HashMap;
use std::sync::OnceLock;

use tera::Context;

use super::super::articles::RenderedArticle;
use super::super::{charts, urls, Site};
use super::pagination::{bar, entries_of, list_title, long_list_pages, ENTRIES_PER_PAGE};
use super::relations::{alternates, articles_by_region, edition_links, neighbours};
use super::{figures, list_page_count, ArticleBody, Page};
use crate::data::Region;
use crate::policy::number::format_fixed;
use crate::render::views::*;

/// Shared inputs of every page.
pub(super) struct Pages<'a> {
    pub(super) site: &'a Site,
    /// Every article as rendered, for the pages that list them (empty when only article
    /// pages are made).
    rendered: &'a [RenderedArticle],
    pub(super) list_pages: usize,
    /// `site`, serialized once and copied into every page's context.
    shared: Context,
    /// For each article: the older and the newer article about the same (first) region.
    neighbours: Vec<(Option<usize>, Option<usize>)>,
    /// Region id → its articles, newest first: found once rather than once per page.
    region_articles: HashMap<&'a str, Vec<usize>>,
    /// Each article's entry in lists, made the first time a page lists it; empty when entries
    /// are not kept (a build lists each article on a few pages only, and keeping them all
    /// would cost memory; `serve` builds every page's view on each edit).
    summaries: Vec<OnceLock<Shared<ArticleSummaryView>>>,
    /// Each article's one-line entry in long lists, likewise.
    links: Vec<OnceLock<Shared<ArticleLinkView>>>,
    /// The link to each region page, by region id, and to each tag page, by tag name and slug:
    /// made once rather than once per article listed.
    region_links: HashMap<&'a str, Shared<LinkView>>,
    tag_links: HashMap<(&'a str, &'a str), Shared<LinkView>>,
}

/// How many articles a region or tag page shows in full before listing the rest by title.
const LATEST_IN_FULL: usize = 10;

pub(super) fn site_view(site: &Site) -> SiteView {
    let c = &site.config;
    let link = |title: &str, path: &str, key: &str| LinkView { title: title.into(), url: site.urls.link(path), key: key.into() };
    let msg = &site.edition.messages;
    let mut nav = vec![
        link(msg.get("nav_home"), urls::HOME, "home"),
        link(msg.get("nav_articles"), &urls::articles_page(1), "articles"),
        link(msg.get("nav_compare"), urls::COMPARE, "compare"),
        link(msg.get("nav_tags"), urls::TAGS, "tags"),
    ];
    nav.extend(c.nav.iter().map(|n| LinkView { title: n.title.clone(), url: n.url.value.clone(), key: String::new() }));
    SiteView {
        title: c.title.clone(),
        description: c.description.clone(),
        language: site.edition.language.clone(),
        base_url: c.base_url.clone(),
        publisher: c.publisher.clone(),
        footer: c.footer.clone(),
        nav,
        search_url: site.urls.link(urls::SEARCH),
        has_illustrative_data: site.regions.iter().any(Region::has_illustrative_data),
        editions: site
            .editions
            .iter()
            .map(|e| EditionView { language: e.language.clone(), label: e.label.into(), prefix: e.prefix.clone() })
            .collect(),
    }
}

impl<'a> Pages<'a> {
    /// Pages of `site`; `keep_entries` keeps each article's list entries once made.
    pub(super) fn new(site: &'a Site, rendered: &'a [RenderedArticle], keep_entries: bool) -> Pages<'a> {
        let mut shared = Context::new();
        shared.insert("site", &site_view(site));
        shared.insert("msg", &*site.edition.messages);
        let entries = if keep_entries && !rendered.is_empty() { site.articles.len() } else { 0 };
        Pages {
            site,
            rendered,
            list_pages: list_page_count(site),
            shared,
            neighbours: neighbours(site),
            region_articles: articles_by_region(site),
            summaries: (0..entries).map(|_| OnceLock::new()).collect(),
            links: (0..entries).map(|_| OnceLock::new()).collect(),
            region_links: region_links(site),
            tag_links: tag_links(site),
        }
    }

    /// Whether `page` is a page of the site as it is now (a rebuild may ask for one that went).
    pub(super) fn exists(&self, page: &Page) -> bool {
        let site = self.site;
        match page {
            Page::Region(id, n) => site.region(id).is_some() && (1..=long_list_pages(self.region_of(id).len())).contains(n),
            Page::Tag(key, n) => site.tags.get(key).is_some_and(|(_, a)| (1..=long_list_pages(a.len())).contains(n)),
            Page::Article(i) => *i < site.articles.len(),
            Page::ArticleList(n) => (1..=self.list_pages).contains(n),
            _ => true,
        }
    }

    /// Frees the kept list entries on another thread: freeing ten thousand takes milliseconds
    /// that nothing needs to wait for.
    pub(super) fn free_in_background(self) {
        let entries = (self.summaries, self.links);
        rayon::spawn(move || drop(entries));
    }

    /// The output path, template and context of a page; an article page needs its body.
    pub(super) fn prepare(&self, page: &Page, body: Option<ArticleBody>) -> (String, &'static str, Context) {
        let (path, template, variables, page_view, root) = self.variables(page, body);
        let mut context = Context::from_serialize(&variables).unwrap_or_default();
        context.extend(self.shared.clone());
        context.insert("page", &page_view);
        context.insert("root", &root);
        (path, template, context)
    }

    /// A page's output path, template, own variables, `page` and `root`: everything its
    /// template sees but `site`.
    pub(super) fn variables(&self, page: &Page, body: Option<ArticleBody>) -> (String, &'static str, PageVariables, PageView, String) {
        let site = self.site;
        let msg = &site.edition.messages;
        let path = page.path(site);
        let (template, title, section, variables) = match page {
            Page::Home => ("index.html", site.config.title.clone(), "home", self.home()),
            Page::Region(id, n) => {
                // `render_jobs` keeps only pages that exist.
                let r = site.region(id).expect("a loaded region");
                match n {
                    1 => ("region.html", r.name.clone(), "regions", self.region(r)),
                    n => {
                        let title = msg.fill("region_articles_page", &[("region", &r.name), ("n", &n.to_string())]);
                        ("region_articles.html", title, "regions", self.region_articles(r, *n))
                    }
                }
            }
            Page::Article(i) => {
                let (rendered, html) = body.expect("an article page is prepared with its body");
                ("article.html", site.articles[*i].title.clone(), "articles", self.article(*i, rendered, html))
            }
            Page::ArticleList(n) => ("articles.html", list_title(msg, *n), "articles", self.article_list(*n, self.list_pages)),
            Page::Compare => ("compare.html", msg.get("nav_compare").into(), "compare", self.compare()),
            Page::Tags => ("tags.html", msg.get("nav_tags").into(), "tags", self.tags()),
            Page::Tag(key, n) => {
                let tag = &site.tags[key].0;
                let title = match n {
                    1 => msg.fill("tag_title", &[("tag", tag)]),
                    n => msg.fill("tag_title_page", &[("tag", tag), ("n", &n.to_string())]),
                };
                ("tag.html", title, "tags", self.tag(key, *n))
            }
            Page::Search => ("search.html", msg.get("search").into(), "search", PageVariables::Search {}),
            Page::NotFound => ("404.html", msg.get("not_found_title").into(), "", PageVariables::NotFound {}),
        };
        let description = variables.description().map_or_else(|| site.config.description.clone(), str::to_owned);
        let illustrative = variables.shows_illustrative_data();
        let canonical = site.urls.absolute(&path);
        let url = site.urls.link(&path);
        let alternates = alternates(site, &path);
        let editions = edition_links(site, &path, &url);
        let section = section.into();
        let page_view = PageView { title, description, canonical, path: path.clone(), url, alternates, editions, section, illustrative };
        // The 404 page is served at any depth, so it links from its edition's base path
        // (`/repo/`, `/repo/zh-hant/`).
        let root = if matches!(page, Page::NotFound) { site.urls.base_path() } else { urls::root_prefix(&path) };
        (path, template, variables, page_view, root)
    }

    fn home(&self) -> PageVariables {
        PageVariables::Home {
            regions: self.site.regions.iter().map(|r| self.region_summary(r)).collect(),
            charts: charts::compare_views(self.site),
            articles: (0..self.site.articles.len().min(6)).map(|i| self.article_summary(i)).collect(),
        }
    }

    fn region(&self, region: &Region) -> PageVariables {
        let site = self.site;
        let series = region
            .series
            .iter()
            .map(|s| SeriesView {
                id: s.id.clone(),
                title: s.title.clone(),
                unit: s.unit.clone(),
                frequency: s.frequency.label(&site.edition.messages).into(),
                illustrative: s.illustrative,
                chart: charts::series_view(site, region, s),
            })
            .collect();
        let (articles, older, pagination) = self.list_page(self.region_of(&region.id), 1, &urls::region_page(&region.id));
        let (sources, source_notes) = figures::sources(region);
        let view = RegionView {
            summary: self.region_summary(region),
            series,
            sources,
            source_notes,
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
        PageVariables::Region { description: region.summary.clone(), region: view, pagination }
    }

    /// Page `n` (from 2) of a region's articles.
    fn region_articles(&self, region: &Region, n: usize) -> PageVariables {
        let first = urls::region_page(&region.id);
        let indices = self.region_of(&region.id);
        let (_, articles, pagination) = self.list_page(indices, n, &first);
        let link = LinkView { title: region.name.clone(), url: self.site.urls.link(&first), key: region.id.clone() };
        PageVariables::RegionArticles { region: link, count: indices.len(), articles, pagination }
    }

    fn region_of(&self, id: &str) -> &[usize] {
        self.region_articles.get(id).map_or(&[], Vec::as_slice)
    }

    fn article(&self, index: usize, rendered: &RenderedArticle, content: String) -> PageVariables {
        let site = self.site;
        let link_to = |i: usize| match self.summaries.is_empty() {
            true => LinkView {
                title: site.articles[i].title.clone(),
                url: site.urls.link(&urls::article_page(&site.articles[i].slug)),
                key: String::new(),
            },
            false => {
                let listed = self.article_summary(i);
                LinkView { title: listed.title.clone(), url: listed.url.clone(), key: String::new() }
            }
        };
        let (older, newer) = self.neighbours[index];
        let (previous, next) = (older.map(link_to), newer.map(link_to));
        let view = ArticleView {
            summary: if self.summaries.is_empty() {
                Shared::new(self.summary_of(index, &rendered.summary))
            } else {
                self.article_summary(index)
            },
            content,
            toc: rendered.toc.clone(),
            reading_minutes: rendered.reading_minutes,
            previous,
            next,
            illustrative: rendered.illustrative,
            source: site.articles[index].origin.as_ref().map(|o| OriginView {
                url: o.url.clone(),
                name: o.name.clone(),
                rights: o.rights.clone(),
            }),
        };
        PageVariables::Article { description: rendered.summary.clone(), article: view }
    }

    fn article_list(&self, n: usize, total: usize) -> PageVariables {
        let per_page = self.site.config.articles_per_page;
        let start = (n - 1) * per_page;
        let end = (start + per_page).min(self.site.articles.len());
        let articles = (start..end).map(|i| self.article_summary(i)).collect();
        let pagination = bar(n, total, |k| self.site.urls.link(&urls::articles_page(k)));
        PageVariables::ArticleList { articles, pagination }
    }

    fn compare(&self) -> PageVariables {
        let site = self.site;
        let msg = &site.edition.messages;
        let compared: Vec<&Region> = site.regions.iter().filter(|r| !r.reference).collect();
        let market = &site.config.compare.market_series;
        let complaints = &site.config.compare.complaint_series;
        let latest = |r: &Region, id: &str| {
            r.series(id)
                .and_then(|s| s.latest().map(|p| (s, p)))
                .map(|(s, p)| {
                    format!("{} {}（{}）", format_fixed(p.total(), crate::charts::series_decimals(s)), s.unit, p.period.label(msg))
                })
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
                    msg.get(if r.has_illustrative_data() { "illustrative" } else { "real_data" }).into(),
                ]
            })
            .collect();
        let table = TableView {
            caption: msg.get("compare_caption").into(),
            headers: ["region", "compare_market", "compare_complaints", "compare_articles", "compare_kind"]
                .map(|key| msg.get(key).to_string())
                .into(),
            rows,
            illustrative: compared.iter().any(|r| r.has_illustrative_data()),
        };
        let regions = compared.iter().map(|r| self.region_summary(r)).collect();
        PageVariables::Compare { regions, charts: charts::compare_views(site), table }
    }

    fn tags(&self) -> PageVariables {
        PageVariables::Tags { tags: self.site.tags.keys().map(|k| self.tag_view(k)).collect() }
    }

    /// Page `n` of a tag's articles.
    fn tag(&self, key: &str, n: usize) -> PageVariables {
        let (name, indices) = &self.site.tags[key];
        let (articles, older, pagination) = self.list_page(indices, n, &urls::tag_page(key));
        let tag = TagView { name: name.clone(), url: self.site.urls.link(&urls::tag_page(key)), count: indices.len(), articles, older };
        PageVariables::Tag { tag, pagination }
    }

    fn tag_view(&self, key: &str) -> TagView {
        let (name, indices) = &self.site.tags[key];
        let url = self.site.urls.link(&urls::tag_page(key));
        TagView { name: name.clone(), url, count: indices.len(), articles: Vec::new(), older: Vec::new() }
    }

    /// Page `n` of a long list of the articles at `indices` (newest first), whose first page
    /// is `first`: on the first page the latest in full and the others by title and date, on
    /// the next pages all by title and date; and the bar of links to its pages.
    fn list_page(
        &self,
        indices: &[usize],
        n: usize,
        first: &str,
    ) -> (Vec<Shared<ArticleSummaryView>>, Vec<Shared<ArticleLinkView>>, PaginationView) {
        let total = long_list_pages(indices.len());
        let shown = &indices[entries_of(n, indices.len(), ENTRIES_PER_PAGE)];
        let in_full = if n == 1 { LATEST_IN_FULL } else { 0 };
        let (latest, older) = self.long_list(shown, in_full);
        (latest, older, bar(n, total, |k| self.site.urls.link(&urls::numbered_page(first, k))))
    }

    /// The articles at `indices` as a long list shows them: the first `in_full` in full, the
    /// others by title and date only.
    fn long_list(&self, indices: &[usize], in_full: usize) -> (Vec<Shared<ArticleSummaryView>>, Vec<Shared<ArticleLinkView>>) {
        let split = indices.len().min(in_full);
        let latest = indices[..split].iter().map(|&i| self.article_summary(i)).collect();
        let older = indices[split..]
            .iter()
            .map(|&i| {
                let made = || {
                    let a = &self.site.articles[i];
                    let url = self.site.urls.link(&urls::article_page(&a.slug));
                    Shared::new(ArticleLinkView { title: a.title.clone(), url, date: a.date.to_string() })
                };
                match self.links.get(i) {
                    Some(kept) => kept.get_or_init(made).clone(),
                    None => made(),
                }
            })
            .collect();
        (latest, older)
    }

    fn region_summary(&self, region: &Region) -> RegionSummaryView {
        let key_figures = figures::key_figures(self.site, region);
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
        self.region_of(region).len()
    }

    /// Article `index` as lists show it; needs every article's rendered summary.
    fn article_summary(&self, index: usize) -> Shared<ArticleSummaryView> {
        let made = || Shared::new(self.summary_of(index, &self.rendered[index].summary));
        match self.summaries.get(index) {
            Some(kept) => kept.get_or_init(made).clone(),
            None => made(),
        }
    }

    fn summary_of(&self, index: usize, summary: &str) -> ArticleSummaryView {
        let site = self.site;
        let a = &site.articles[index];
        ArticleSummaryView {
            title: a.title.clone(),
            url: site.urls.link(&urls::article_page(&a.slug)),
            date: a.date.to_string(),
            date_label: a.date.label(&site.edition.messages),
            summary: summary.to_string(),
            author: a.author.clone().or_else(|| site.config.author.clone()),
            regions: a.regions.iter().filter_map(|id| self.region_links.get(id.as_str()).cloned()).collect(),
            tags: a
                .tags
                .iter()
                .map(|t| match self.tag_links.get(&(t.name.as_str(), t.slug.as_str())) {
                    Some(link) => link.clone(),
                    None => Shared::new(tag_link(site, &t.name, &t.slug)),
                })
                .collect(),
        }
    }
}

/// The link to each region's page, by region id.
fn region_links(site: &Site) -> HashMap<&str, Shared<LinkView>> {
    let link = |r: &Region| LinkView { title: r.name.clone(), url: site.urls.link(&urls::region_page(&r.id)), key: String::new() };
    site.regions.iter().map(|r| (r.id.as_str(), Shared::new(link(r)))).collect()
}

/// The link to each tag's page under the name the tag is listed by. An article may spell a
/// tag another way (NFD beside NFC); its link is then made when it is listed.
fn tag_links(site: &Site) -> HashMap<(&str, &str), Shared<LinkView>> {
    site.tags.iter().map(|(slug, (name, _))| ((name.as_str(), slug.as_str()), Shared::new(tag_link(site, name, slug)))).collect()
}

fn tag_link(site: &Site, name: &str, slug: &str) -> LinkView {
    LinkView { title: name.to_string(), url: site.urls.link(&urls::tag_page(slug)), key: String::new() }
}
