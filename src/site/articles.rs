//! Rendering article bodies: Markdown, internal links and embedded charts.

use super::in_flight::InFlight;
use std::collections::HashMap;

use rayon::prelude::*;
use tera::Context;

use super::pages::ArticlePages;
use super::search::Postings;
use super::sources::Sources;
use super::write::{InFolder, Sink};
use super::{charts, urls, Site};
use crate::content::markdown::{self, Heading, RenderSettings};
use crate::content::shortcode;
use crate::content::Article;
use crate::diagnostics::Diagnostics;
use crate::edition::Edition;
use crate::render::views::Shared;
use crate::render::Templates;

/// Characters a reader gets through per minute of Chinese text.
const READING_SPEED: usize = 400;

/// An article body ready for its page.
#[derive(Default)]
pub struct RenderedArticle {
    pub html: String,
    /// The body's text (no markup, no embedded charts), for the search index.
    pub text: String,
    /// Shared with the page's view, which every edit under `serve` builds again.
    pub toc: Shared<Vec<Heading>>,
    /// Ids of every heading, for checking links to them.
    pub heading_ids: Vec<String>,
    pub reading_minutes: usize,
    pub summary: String,
    pub illustrative: bool,
    /// Regions whose charts the body embeds (it must be rendered again when they change).
    pub chart_regions: Vec<String>,
    /// What its `@/` links name, sorted (it must be rendered again when one of them moves).
    pub internal_links: Vec<String>,
    /// Its `@/page#fragment` links: (body line, target, fragment), checked once every page's
    /// anchors are known.
    pub anchor_links: Vec<(usize, String, String)>,
    /// A hash of `html`, made when first asked for (by `serve`, to tell changed pages).
    pub body_hash: std::sync::OnceLock<u64>,
}

impl RenderedArticle {
    pub fn body_hash(&self) -> u64 {
        *self.body_hash.get_or_init(|| xxhash_rust::xxh3::xxh3_64(self.html.as_bytes()))
    }
}

/// Every article body in every edition, rendered in parallel, as a stream in the order of
/// `site.articles`: for each article, its body in the edition of each of `sites` (the first
/// edition's site first, then each other edition's, [`Site::in_edition`]). Each body is
/// parsed once and written in every edition. Problems go to `problems`. A build turns each
/// body into its pages as it comes, and never holds every body at once.
pub fn render_bodies<'a>(
    sites: &'a [Site],
    templates: &'a Templates,
    targets: &'a LinkTargets,
    problems: &'a Diagnostics,
) -> impl IndexedParallelIterator<Item = Vec<RenderedArticle>> + 'a {
    let sources = Sources::of(&sites[0]);
    (0..sites[0].articles.len()).into_par_iter().map(move |index| render_one(sites, (templates, &sources), targets, index, problems))
}

/// Renders every article body in every edition and writes each edition's article pages into
/// its sink (`sinks[e]` for `sites[e]`), adding each article to the search index's postings as
/// it goes. Returns the bodies by edition (each of every article), their text dropped, and
/// the postings of each run of articles, in order. Each run of articles is rendered on one
/// thread, and only what later pages need of a body is kept: the bodies' HTML and text are
/// never all in memory.
pub fn write_all(
    sites: &[Site],
    templates: &Templates,
    targets: &LinkTargets,
    sinks: &[InFolder],
    problems: &Diagnostics,
) -> (Vec<Vec<RenderedArticle>>, Vec<Postings>) {
    let article_pages: Vec<ArticlePages> = sites.iter().map(|s| ArticlePages::new(s, templates)).collect();
    let postings = Postings::new(&sites[0]);
    let in_flight = InFlight::default();
    let sources = Sources::of(&sites[0]);
    let runs: Vec<(Vec<Vec<RenderedArticle>>, Postings)> = runs(sites[0].articles.len())
        .into_par_iter()
        .map(|run| {
            let mut found = postings.another();
            let bodies = run
                .map(|index| {
                    let _permit = in_flight.admit(sites[0].articles[index].body_len());
                    let mut bodies = render_one(sites, (templates, &sources), targets, index, problems);
                    for ((body, pages), sink) in bodies.iter_mut().zip(&article_pages).zip(sinks) {
                        match pages.render(index, body) {
                            Ok(page) => sink.put(page),
                            Err(problem) => problems.push(problem),
                        }
                    }
                    found.add_article(sites, index, &bodies.iter().collect::<Vec<_>>());
                    bodies.iter_mut().for_each(|body| body.text = String::new());
                    bodies
                })
                .collect();
            (bodies, found)
        })
        .collect();
    let (bodies, postings): (Vec<_>, Vec<_>) = runs.into_iter().unzip();
    (crate::site::edition::transpose(bodies.into_iter().flatten().collect(), sites.len()), postings)
}

/// Renders the bodies of the articles at `indices` only, in every edition of `sites` (for
/// rebuilds that touch a few), with the site's link targets as they were kept. Their links to
/// anchors are checked with [`check_anchor_links`] once every body is in place.
pub fn render_some(
    sites: &[Site],
    templates: &Templates,
    targets: &LinkTargets,
    indices: &[usize],
    problems: &Diagnostics,
) -> Vec<(usize, Vec<RenderedArticle>)> {
    let in_flight = InFlight::default();
    let sources = Sources::of(&sites[0]);
    indices
        .par_iter()
        .map(|&i| {
            let _permit = in_flight.admit(sites[0].articles[i].body_len());
            (i, render_one(sites, (templates, &sources), targets, i, problems))
        })
        .collect()
}

/// Checks the `@/page#fragment` links of the articles at `indices` against the ids the target
/// page has: an article's headings, or a region page's sections.
pub fn check_anchor_links(
    site: &Site,
    targets: &LinkTargets,
    rendered: &[RenderedArticle],
    indices: impl Iterator<Item = usize>,
    problems: &Diagnostics,
) {
    let by_slug: HashMap<&str, usize> = site.articles.iter().enumerate().map(|(i, a)| (a.slug.as_str(), i)).collect();
    let ids_of = |target: &Target| -> Option<Vec<&str>> {
        match &target.kind {
            TargetKind::Article(slug) => by_slug.get(slug.as_str()).map(|&i| rendered[i].heading_ids.iter().map(String::as_str).collect()),
            TargetKind::Region(id) => site.region(id).map(|region| {
                ["downloads", "sources", "articles"].into_iter().chain(region.series.iter().map(|s| s.id.as_str())).collect()
            }),
            TargetKind::Other => None,
        }
    };
    let sources = std::sync::OnceLock::new();
    for index in indices {
        for (line, target, fragment) in &rendered[index].anchor_links {
            let known = targets.get(target).and_then(ids_of);
            if let Some(known) = known.filter(|k| !k.contains(&fragment.as_str())) {
                let message = format!(
                    "link to `@/{target}#{fragment}`: that page has no heading or section `{fragment}` (it has: {})",
                    known.join(", ")
                );
                problems.push(sources.get_or_init(|| Sources::of(site)).body_error(&site.articles[index], *line, message));
            }
        }
    }
}

/// Where an `@/` link leads.
struct Target {
    kind: TargetKind,
    /// The link to it from the site's root (pretty or not, percent-encoded), made once for
    /// the thousands of links to it.
    link: String,
}

/// What kind of page a link leads to, for checking its `#fragment`.
enum TargetKind {
    /// An article, by slug.
    Article(String),
    /// A region's page, by id.
    Region(String),
    /// A page whose anchors are not checked (home, lists, compare).
    Other,
}

/// `@/` link targets (paths under `content/`, as authors write them) → where they lead.
pub struct LinkTargets(HashMap<String, Target>);

impl LinkTargets {
    pub fn of(site: &Site) -> LinkTargets {
        let target = |page: &str, kind: TargetKind| Target { link: site.urls.link(page), kind };
        let mut targets = HashMap::new();
        for article in &site.articles {
            targets.insert(link_key(article), target(&urls::article_page(&article.slug), TargetKind::Article(article.slug.clone())));
        }
        for region in &site.regions {
            for key in region_link_keys(&region.id) {
                targets.insert(key, target(&urls::region_page(&region.id), TargetKind::Region(region.id.clone())));
            }
        }
        for (key, page) in [("compare", urls::COMPARE), ("tags", urls::TAGS), ("articles", "articles/index.html"), ("", urls::HOME)] {
            targets.insert(key.to_string(), target(page, TargetKind::Other));
        }
        LinkTargets(targets)
    }

    /// Where `@/target` (a trailing `/` allowed) leads.
    fn get(&self, target: &str) -> Option<&Target> {
        self.0.get(target.trim_end_matches('/'))
    }
}

/// How `@/` links name an article: its path under `content/`.
pub fn link_key(article: &Article) -> String {
    let rel = article.path.strip_prefix("content").unwrap_or(&article.path);
    rel.to_string_lossy().replace('\\', "/")
}

/// How `@/` links name a region's page.
pub fn region_link_keys(id: &str) -> [String; 2] {
    [format!("regions/{id}.yaml"), format!("regions/{id}")]
}

/// The articles `0..count` cut into runs of consecutive articles for the build's threads to
/// share: a few per thread, so that none waits long for the last.
fn runs(count: usize) -> Vec<std::ops::Range<usize>> {
    let size = count.div_ceil(rayon::current_num_threads() * 16).max(1);
    (0..count).step_by(size).map(|start| start..(start + size).min(count)).collect()
}

/// Article `index`'s body in the edition of each of `sites` (none if its file cannot be read
/// again: the problem says why).
fn render_one(
    sites: &[Site],
    (templates, sources): (&Templates, &Sources),
    targets: &LinkTargets,
    index: usize,
    problems: &Diagnostics,
) -> Vec<RenderedArticle> {
    let (site, others) = (&sites[0], &sites[1..]);
    let article = &site.articles[index];
    let source = match sources.text(article) {
        Ok(source) => source,
        Err(problem) => {
            problems.push(problem);
            return sites.iter().map(|_| RenderedArticle::default()).collect();
        }
    };
    let page = urls::article_page(&article.slug);
    let root = urls::root_prefix(&page);
    let resolve = |target: &str| targets.get(target).map(|t| [root.as_str(), &t.link].concat());
    let editions: Vec<&Edition> = others.iter().map(|s| &s.edition).collect();
    let settings = RenderSettings { allow_raw_html: site.config.allow_raw_html, resolve: &resolve, editions: &editions };
    let mut body = markdown::render(article.body_in(&source), &settings);
    problems.extend(std::mem::take(&mut body.problems).into_iter().map(|problem| article.place(&source, problem)));
    let facts = BodyFacts::of(&body);
    let unknown_charts = chart_problems(site, &body.charts);
    problems.extend(unknown_charts.iter().map(|(line, message)| article.body_error(&source, *line, message.clone())));
    let first = facts.in_edition(
        site,
        index,
        &body.charts,
        body.html,
        body.text,
        (templates, problems, &source),
        &body.first_paragraph,
        &body.headings,
    );
    // A figure that cannot be made is the first edition's to report.
    let quiet = Diagnostics::default();
    let mut all = vec![first];
    for (edition_site, edition_body) in others.iter().zip(body.editions) {
        let first_paragraph = edition_site.edition.text(&body.first_paragraph);
        let headings: Vec<Heading> =
            body.headings.iter().map(|h| Heading { text: edition_site.edition.text(&h.text), ..h.clone() }).collect();
        all.push(facts.in_edition(
            edition_site,
            index,
            &body.charts,
            edition_body.html,
            edition_body.text,
            (templates, &quiet, &source),
            &first_paragraph,
            &headings,
        ));
    }
    all
}

/// What a body is, whatever the edition: the ids of its headings, its links and charts.
struct BodyFacts {
    heading_ids: Vec<String>,
    reading_minutes: usize,
    chart_regions: Vec<String>,
    internal_links: Vec<String>,
    anchor_links: Vec<(usize, String, String)>,
}

impl BodyFacts {
    fn of(body: &markdown::Rendered) -> BodyFacts {
        let mut chart_regions: Vec<String> = body.charts.iter().map(|c| c.region.clone()).collect();
        chart_regions.sort();
        chart_regions.dedup();
        let mut internal_links = body.internal_links.clone();
        internal_links.sort();
        internal_links.dedup();
        BodyFacts {
            heading_ids: body.headings.iter().map(|h| h.id.clone()).collect(),
            reading_minutes: body.text_chars.div_ceil(READING_SPEED).max(1),
            chart_regions,
            internal_links,
            anchor_links: body.anchor_links.clone(),
        }
    }

    /// The body as the edition of `site` shows it, its charts drawn from that site's data.
    #[allow(clippy::too_many_arguments)]
    fn in_edition(
        &self,
        site: &Site,
        index: usize,
        charts: &[shortcode::ChartRef],
        html: markdown::BodyHtml,
        text: String,
        (templates, problems, source): (&Templates, &Diagnostics, &str),
        first_paragraph: &str,
        headings: &[Heading],
    ) -> RenderedArticle {
        let article = &site.articles[index];
        let (figures, illustrative) = chart_figures(site, (templates, source), article, charts, problems);
        let toc = if headings.len() >= site.config.toc_min_headings {
            Shared::new(headings.iter().filter(|h| h.level <= 3).cloned().collect())
        } else {
            Shared::default()
        };
        RenderedArticle {
            html: html.with_figures(&figures),
            text,
            toc,
            heading_ids: self.heading_ids.clone(),
            reading_minutes: self.reading_minutes,
            summary: article.summary.clone().unwrap_or_else(|| truncate(first_paragraph, 120)),
            illustrative,
            chart_regions: self.chart_regions.clone(),
            internal_links: self.internal_links.clone(),
            anchor_links: self.anchor_links.clone(),
            body_hash: Default::default(),
        }
    }
}

/// A problem for each chart shortcode that names no chart: (body line, message).
fn chart_problems(site: &Site, charts: &[shortcode::ChartRef]) -> Vec<(usize, String)> {
    let problem = |chart: &shortcode::ChartRef| match site.region(&chart.region) {
        None => Some(format!("chart shortcode names unknown region `{}`", chart.region)),
        Some(region) if region.series(&chart.series).is_none() => {
            let known: Vec<&str> = region.series.iter().map(|s| s.id.as_str()).collect();
            Some(format!(
                "chart shortcode names unknown series `{}` of region `{}` (it has: {})",
                chart.series,
                chart.region,
                known.join(", ")
            ))
        }
        Some(_) => None,
    };
    charts.iter().filter_map(|chart| problem(chart).map(|message| (chart.line, message))).collect()
}

/// The figure of each chart the body embeds, from the data of `site` (empty for a chart that
/// names none: [`chart_problems`] reports it), and whether one shows illustrative data.
fn chart_figures(
    site: &Site,
    (templates, source): (&Templates, &str),
    article: &Article,
    charts: &[shortcode::ChartRef],
    problems: &Diagnostics,
) -> (Vec<String>, bool) {
    let page = urls::article_page(&article.slug);
    let root = urls::root_prefix(&page);
    let mut illustrative = false;
    let figures = charts
        .iter()
        .map(|chart| {
            let Some((region, Some(series))) = site.region(&chart.region).map(|r| (r, r.series(&chart.series))) else {
                return String::new();
            };
            illustrative |= series.illustrative;
            let mut context = Context::new();
            context.insert("chart", &charts::series_view(site, region, series));
            context.insert("root", &root);
            context.insert("msg", &*site.edition.messages);
            templates.render("partials/figure.html", &context, &page).unwrap_or_else(|problem| {
                problems.push(article.body_error(source, chart.line, problem.message));
                String::new()
            })
        })
        .collect();
    (figures, illustrative)
}

fn truncate(text: &str, max_chars: usize) -> String {
    if text.chars().count() <= max_chars {
        text.to_string()
    } else {
        let mut cut: String = text.chars().take(max_chars).collect();
        cut.push('…');
        cut
    }
}
