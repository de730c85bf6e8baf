//! Rendering article bodies: Markdown, internal links and embedded charts.

use crate::edition::convert::Converter;
use std::collections::HashMap;

use rayon::prelude::*;
use tera::Context;

use super::{charts, urls, Site};
use crate::content::markdown::{self, Heading, RenderSettings};
use crate::content::shortcode;
use crate::content::Article;
use crate::diagnostics::Diagnostics;
use crate::render::views::Shared;
use crate::render::Templates;

/// Characters a reader gets through per minute of Chinese text.
const READING_SPEED: usize = 400;

/// An article body ready for its page.
#[derive(Default)]
pub struct RenderedArticle {
    pub html: String,
    /// The body in each other edition's script, when made with it ([`render_bodies`] for a
    /// build; empty otherwise, and for bodies with charts or raw HTML, whose pages are
    /// converted whole).
    pub edition_html: Vec<String>,
    /// The body's text (no markup, no embedded charts), for the search index.
    pub text: String,
    /// The same in each other edition's script, when the body was made in it (as
    /// `edition_html`, charts or not): that edition's index reads it instead of converting
    /// `text` once more.
    pub edition_text: Vec<String>,
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

/// Every article body, rendered in parallel, as a stream in the order of `site.articles`
/// (problems go to `problems`): a build turns each into its page as it comes, and never holds
/// every body at once.
pub fn render_bodies<'a>(
    site: &'a Site,
    templates: &'a Templates,
    targets: &'a LinkTargets,
    problems: &'a Diagnostics,
    in_every_edition: bool,
) -> impl IndexedParallelIterator<Item = RenderedArticle> + 'a {
    let converters: Vec<&Converter> = match in_every_edition {
        true => site.editions.iter().filter_map(|e| e.converter.as_deref()).collect(),
        false => Vec::new(),
    };
    site.articles.par_iter().map(move |article| render_one(site, templates, targets, article, &converters, problems))
}

/// Renders the bodies of the articles at `indices` only (for rebuilds that touch a few), with
/// the site's link targets as they were kept. Their links to anchors are checked with
/// [`check_anchor_links`] once every body is in place.
pub fn render_some(
    site: &Site,
    templates: &Templates,
    targets: &LinkTargets,
    indices: &[usize],
    problems: &Diagnostics,
) -> Vec<(usize, RenderedArticle)> {
    indices.par_iter().map(|&i| (i, render_one(site, templates, targets, &site.articles[i], &[], problems))).collect()
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
    for index in indices {
        for (line, target, fragment) in &rendered[index].anchor_links {
            let known = targets.get(target).and_then(ids_of);
            if let Some(known) = known.filter(|k| !k.contains(&fragment.as_str())) {
                let message = format!(
                    "link to `@/{target}#{fragment}`: that page has no heading or section `{fragment}` (it has: {})",
                    known.join(", ")
                );
                problems.push(site.articles[index].body_error(*line, message));
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

fn render_one(
    site: &Site,
    templates: &Templates,
    targets: &LinkTargets,
    article: &Article,
    converters: &[&Converter],
    problems: &Diagnostics,
) -> RenderedArticle {
    let page = urls::article_page(&article.slug);
    let root = urls::root_prefix(&page);
    let resolve = |target: &str| targets.get(target).map(|t| [root.as_str(), &t.link].concat());
    let settings = RenderSettings { allow_raw_html: site.config.allow_raw_html, resolve: &resolve, converters };
    let body = markdown::render(article.body(), &settings);
    problems.extend(body.problems.into_iter().map(|problem| article.place(problem)));
    // A chart's figure comes from a template: a body with charts is converted with its page.
    let (edition_html, edition_text): (Vec<String>, Vec<String>) = body.editions.into_iter().map(|e| (e.html, e.text)).unzip();
    let edition_html = if body.charts.is_empty() { edition_html } else { Vec::new() };
    let (html, illustrative) = embed_charts(site, templates, article, &body.charts, body.html, problems);
    let heading_ids = body.headings.iter().map(|h| h.id.clone()).collect();
    let toc = if body.headings.len() >= site.config.toc_min_headings {
        Shared::new(body.headings.into_iter().filter(|h| h.level <= 3).collect())
    } else {
        Shared::default()
    };
    let summary = article.summary.clone().unwrap_or_else(|| truncate(&body.first_paragraph, 120));
    let mut chart_regions: Vec<String> = body.charts.iter().map(|c| c.region.clone()).collect();
    chart_regions.sort();
    chart_regions.dedup();
    let reading_minutes = body.text_chars.div_ceil(READING_SPEED).max(1);
    let mut internal_links = body.internal_links;
    internal_links.sort();
    internal_links.dedup();
    let anchor_links = body.anchor_links;
    RenderedArticle {
        html,
        edition_html,
        text: body.text,
        edition_text,
        toc,
        heading_ids,
        reading_minutes,
        summary,
        illustrative,
        chart_regions,
        internal_links,
        anchor_links,
        body_hash: Default::default(),
    }
}

/// Replaces each chart shortcode's placeholder in `html` by its figure; returns the HTML and
/// whether an embedded chart shows illustrative data. A shortcode naming no chart is a problem.
fn embed_charts(
    site: &Site,
    templates: &Templates,
    article: &Article,
    charts: &[shortcode::ChartRef],
    mut html: String,
    problems: &Diagnostics,
) -> (String, bool) {
    let page = urls::article_page(&article.slug);
    let root = urls::root_prefix(&page);
    let mut illustrative = false;
    for (index, chart) in charts.iter().enumerate() {
        let figure = match site.region(&chart.region).map(|r| (r, r.series(&chart.series))) {
            None => Err(format!("chart shortcode names unknown region `{}`", chart.region)),
            Some((region, None)) => {
                let known: Vec<&str> = region.series.iter().map(|s| s.id.as_str()).collect();
                Err(format!(
                    "chart shortcode names unknown series `{}` of region `{}` (it has: {})",
                    chart.series,
                    chart.region,
                    known.join(", ")
                ))
            }
            Some((region, Some(series))) => {
                illustrative |= series.illustrative;
                let mut context = Context::new();
                context.insert("chart", &charts::series_view(site, region, series));
                context.insert("root", &root);
                templates.render("partials/figure.html", &context, &page).map_err(|d| d.message)
            }
        };
        let placeholder = format!("<p>{}</p>", shortcode::placeholder(index));
        match figure {
            Ok(figure) => html = html.replacen(&placeholder, &figure, 1),
            Err(message) => problems.push(article.body_error(chart.line, message)),
        }
    }
    (html, illustrative)
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
