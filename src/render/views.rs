//! The data templates see. Templates never get the internal model, only these views, so the
//! model can change without breaking anyone's templates. Every URL in a view is relative to
//! the site root; templates prefix it with `root` (the way back to the root from the page).
//! An article's entry in a list is [`Shared`] by every list that shows it: it is made, and
//! hashed, once per build, however many pages list the article.

use std::hash::{Hash, Hasher};
use std::sync::{Arc, OnceLock};

use serde::{Serialize, Serializer};

use crate::content::markdown::Heading;

mod chart;
pub use chart::{ChartView, CiteView, ImageView, TableView};

/// A hash of a view (derived `Hash`), for telling whether what a template sees changed.
pub fn hash_view(view: &impl Hash) -> u64 {
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    view.hash(&mut hasher);
    hasher.finish()
}

/// A view that many pages include: one copy, serialized as the value itself, hashed once
/// (into the hash of each page that includes it, as a `u64`) rather than once per page.
#[derive(Debug)]
pub struct Shared<T>(Arc<(T, OnceLock<u64>)>);

impl<T> Shared<T> {
    pub fn new(value: T) -> Shared<T> {
        Shared(Arc::new((value, OnceLock::new())))
    }
}

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared(Arc::clone(&self.0))
    }
}

impl<T: Default> Default for Shared<T> {
    fn default() -> Self {
        Shared::new(T::default())
    }
}

impl<T> std::ops::Deref for Shared<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0 .0
    }
}

impl<T: Serialize> Serialize for Shared<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0 .0.serialize(serializer)
    }
}

impl<T: Hash> Hash for Shared<T> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        state.write_u64(*self.0 .1.get_or_init(|| hash_view(&self.0 .0)));
    }
}

/// `site`: available in every template.
#[derive(Debug, Clone, Serialize, Hash)]
pub struct SiteView {
    pub title: String,
    pub description: String,
    pub language: String,
    pub base_url: String,
    pub publisher: Option<String>,
    pub footer: Option<String>,
    /// Navigation links (built-in pages first, then `nav` from site.yaml).
    pub nav: Vec<LinkView>,
    /// The search page, which the search box in every page's header sends its query to.
    pub search_url: String,
    /// Whether any data on the site is illustrative (shown in the footer).
    pub has_illustrative_data: bool,
    /// The site's editions, the first first; the switch between them is shown when there are
    /// two or more.
    pub editions: Vec<EditionView>,
}

/// `page`: the page being rendered.
#[derive(Debug, Clone, Serialize, Hash)]
pub struct PageView {
    pub title: String,
    pub description: String,
    /// Absolute URL for `<link rel="canonical">`.
    pub canonical: String,
    /// Output path, e.g. `regions/hunan/index.html`.
    pub path: String,
    /// The page's URL relative to the site root, as links print it after `root`
    /// (`regions/hunan/` or `regions/hunan/index.html`).
    pub url: String,
    /// The page's absolute URL in every edition (empty when the site has one).
    pub alternates: Vec<AlternateView>,
    /// The page in every edition, linked from this page (the edition switch; empty when the
    /// site has one edition).
    pub editions: Vec<EditionLinkView>,
    /// Which navigation entry is current (`home`, `regions`, `articles`, `compare`, `tags`).
    pub section: String,
    /// Whether the page shows illustrative figures (the footer then says what they are).
    pub illustrative: bool,
}

/// The page in an edition, as the edition switch links to it.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, Hash)]
pub struct EditionLinkView {
    /// BCP 47 tag (`hreflang`, `lang`).
    pub language: String,
    /// 简 or 繁.
    pub label: String,
    /// The page in that edition, relative to this page.
    pub url: String,
    /// Whether it is this page.
    pub current: bool,
}

/// An edition of the site, as the edition switch and the alternate links name it.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, Hash)]
pub struct EditionView {
    /// BCP 47 tag (`hreflang`, `lang`).
    pub language: String,
    /// 简 or 繁.
    pub label: String,
    /// Its folder below the site root, ending in `/`; empty for the first edition.
    pub prefix: String,
}

/// A link: text and URL (relative to the site root, or absolute).
#[derive(Debug, Clone, Serialize, PartialEq, Eq, Hash)]
pub struct LinkView {
    pub title: String,
    pub url: String,
    /// Nav key, used to mark the current section.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub key: String,
}

/// A source of figures.
#[derive(Debug, Clone, Serialize, Hash)]
pub struct SourceView {
    pub title: String,
    pub publisher: String,
    /// The document's own address.
    pub url: Option<String>,
    /// A reprint where the figures were read (转载来源), and its host name to show.
    pub read_at: Option<String>,
    pub read_at_host: Option<String>,
    pub date: Option<String>,
    /// The number of the source's note in the region's notes (1-based): a note shared by
    /// several sources is written once.
    pub note: Option<usize>,
}

/// A headline number: the latest value of a series.
#[derive(Debug, Clone, Serialize, Hash)]
pub struct KeyFigureView {
    pub label: String,
    pub value: String,
    pub unit: String,
    pub period: String,
    pub illustrative: bool,
    /// Says when the figure is older than the other regions' or than `stale_after_months`.
    pub stale: Option<String>,
}

/// One series on a region page.
#[derive(Debug, Clone, Serialize, Hash)]
pub struct SeriesView {
    pub id: String,
    pub title: String,
    pub unit: String,
    pub frequency: String,
    pub illustrative: bool,
    pub chart: ChartView,
}

/// A region as listed on the home and compare pages.
#[derive(Debug, Clone, Serialize, Hash)]
pub struct RegionSummaryView {
    pub id: String,
    pub name: String,
    pub url: String,
    pub summary: String,
    pub reference: bool,
    pub illustrative: bool,
    pub key_figures: Vec<KeyFigureView>,
    pub article_count: usize,
}

/// `region` on `region.html`.
#[derive(Debug, Clone, Serialize, Hash)]
pub struct RegionView {
    #[serde(flatten)]
    pub summary: RegionSummaryView,
    pub series: Vec<SeriesView>,
    pub sources: Vec<SourceView>,
    /// Notes on the sources, each written once; a source refers to its note by number.
    pub source_notes: Vec<String>,
    /// Data downloads: `csv`, `json`.
    pub downloads: Vec<LinkView>,
    /// The region's latest articles (ten at most), newest first.
    pub articles: Vec<Shared<ArticleSummaryView>>,
    /// More of its articles, newest first, listed one line each: up to a hundred entries on
    /// the page in all; the rest are on the next pages (`pagination`).
    pub older: Vec<Shared<ArticleLinkView>>,
}

/// An article named in a long list: title, link and date only.
#[derive(Debug, Clone, Serialize, Hash)]
pub struct ArticleLinkView {
    pub title: String,
    pub url: String,
    /// `2024-03-01`.
    pub date: String,
}

/// An article as listed (home, article list, region and tag pages).
#[derive(Debug, Clone, Serialize, Hash)]
pub struct ArticleSummaryView {
    pub title: String,
    pub url: String,
    /// `2024-03-01`, for `<time datetime>`.
    pub date: String,
    /// `2024年3月1日`.
    pub date_label: String,
    pub summary: String,
    pub author: Option<String>,
    pub regions: Vec<Shared<LinkView>>,
    pub tags: Vec<Shared<LinkView>>,
}

/// `article` on `article.html`.
#[derive(Debug, Clone, Serialize, Hash)]
pub struct ArticleView {
    #[serde(flatten)]
    pub summary: Shared<ArticleSummaryView>,
    /// The body as HTML (already sanitized; print with `| safe`).
    pub content: String,
    /// Headings for the table of contents; empty when the article is short.
    pub toc: Shared<Vec<Heading>>,
    pub reading_minutes: usize,
    /// Older and newer article about the same region.
    pub previous: Option<LinkView>,
    pub next: Option<LinkView>,
    /// Whether an embedded chart shows illustrative data.
    pub illustrative: bool,
    /// Where the article was first published, when it comes from elsewhere.
    pub source: Option<OriginView>,
}

/// The original of an article taken from another site (address, site, rights notice).
#[derive(Debug, Clone, Serialize, Hash)]
pub struct OriginView {
    pub url: Option<String>,
    pub name: Option<String>,
    pub rights: Option<String>,
}

/// A tag with its articles.
#[derive(Debug, Clone, Serialize, Hash)]
pub struct TagView {
    pub name: String,
    pub url: String,
    pub count: usize,
    /// The tag's latest articles (ten at most, on the first page of its own), newest first.
    pub articles: Vec<Shared<ArticleSummaryView>>,
    /// More of its articles, newest first, listed one line each (this page's share of them).
    pub older: Vec<Shared<ArticleLinkView>>,
}

/// `pagination` on `articles.html`, `region.html`, `region_articles.html` and `tag.html`.
#[derive(Debug, Clone, Serialize, Hash)]
pub struct PaginationView {
    pub current: usize,
    pub total: usize,
    pub previous: Option<String>,
    pub next: Option<String>,
    /// The first page, the last, and the pages around the current one; `None` marks a gap.
    pub pages: Vec<Option<PageLinkView>>,
}

/// One numbered link of the pagination bar.
#[derive(Debug, Clone, Serialize, Hash)]
pub struct PageLinkView {
    pub number: usize,
    pub url: String,
    pub current: bool,
}

/// `feed` on `feed.xml`, the Atom feed. Every URL here is absolute.
#[derive(Debug, Clone, Serialize, Hash)]
pub struct FeedView {
    pub language: String,
    pub title: String,
    pub subtitle: String,
    /// The site's home page.
    pub home: String,
    /// The feed itself.
    pub url: String,
    /// The newest article's date (RFC 3339), never the time of the build.
    pub updated: String,
    pub entries: Vec<FeedEntryView>,
}

/// One article of the feed.
#[derive(Debug, Clone, Serialize, Hash)]
pub struct FeedEntryView {
    pub title: String,
    pub url: String,
    pub updated: String,
    /// The article's author, else the site's author, publisher or title.
    pub author: String,
    pub summary: Option<String>,
    /// Its tags.
    pub categories: Vec<String>,
}

/// `sitemap` on `sitemap.xml`.
#[derive(Debug, Clone, Serialize, Hash)]
pub struct SitemapView {
    /// Every page but the 404 page, sorted by path.
    pub urls: Vec<SitemapUrlView>,
}

/// One page of the sitemap.
#[derive(Debug, Clone, Serialize, Hash)]
pub struct SitemapUrlView {
    /// Absolute URL.
    pub loc: String,
    /// An article's date (`YYYY-MM-DD`).
    pub lastmod: Option<String>,
    /// The page in every edition (itself included) when the site has more than one.
    pub alternates: Vec<AlternateView>,
}

/// A page's counterpart in an edition.
#[derive(Debug, Clone, Serialize, Hash)]
pub struct AlternateView {
    pub language: String,
    /// Absolute URL.
    pub href: String,
}

/// What one page's template sees besides `site`, `page` and `root`, by page kind. Serialized,
/// each variant's fields are the template's variables; hashed, it tells `serve` whether a page
/// would render differently (so a field added here is noticed without anyone listing it).
#[derive(Debug, Clone, Serialize, Hash)]
#[serde(untagged)]
pub enum PageVariables {
    /// `index.html`.
    Home { regions: Vec<RegionSummaryView>, charts: Vec<ChartView>, articles: Vec<Shared<ArticleSummaryView>> },
    /// `region.html`: a region's figures and the first page of its articles.
    Region { description: String, region: RegionView, pagination: PaginationView },
    /// `region_articles.html`: page 2 and on of a region's articles, by title and date.
    RegionArticles { region: LinkView, count: usize, articles: Vec<Shared<ArticleLinkView>>, pagination: PaginationView },
    /// `article.html`.
    Article { description: String, article: ArticleView },
    /// `articles.html`.
    ArticleList { articles: Vec<Shared<ArticleSummaryView>>, pagination: PaginationView },
    /// `compare.html`.
    Compare { regions: Vec<RegionSummaryView>, charts: Vec<ChartView>, table: TableView },
    /// `tags.html`.
    Tags { tags: Vec<TagView> },
    /// `tag.html`: page `pagination.current` of a tag's articles.
    Tag { tag: TagView, pagination: PaginationView },
    /// `search.html`: the page runs the search itself.
    Search {},
    /// `404.html`.
    NotFound {},
}

impl PageVariables {
    /// Whether the page shows any illustrative figure: a chart, a table or a key figure.
    pub fn shows_illustrative_data(&self) -> bool {
        match self {
            PageVariables::Home { regions, charts, .. } | PageVariables::Compare { regions, charts, .. } => {
                regions.iter().any(|r| r.illustrative) || charts.iter().any(|c| c.illustrative)
            }
            PageVariables::Region { region, .. } => region.summary.illustrative,
            PageVariables::Article { article, .. } => article.illustrative,
            PageVariables::ArticleList { .. }
            | PageVariables::RegionArticles { .. }
            | PageVariables::Tags { .. }
            | PageVariables::Tag { .. }
            | PageVariables::Search {}
            | PageVariables::NotFound {} => false,
        }
    }

    /// The page's own description, for `page.description`.
    pub fn description(&self) -> Option<&str> {
        match self {
            PageVariables::Region { description, .. } | PageVariables::Article { description, .. } => Some(description),
            _ => None,
        }
    }
}
