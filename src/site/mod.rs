//! The site model and the build: read → load and check → claim output paths → render article
//! bodies (each page written as soon as its body is made) → the other pages, charts and files →
//! write and swap. See docs/architecture.md.

pub mod articles;
pub(crate) mod charts;
pub mod claims;
pub mod edition;
pub(crate) mod exports;
pub(crate) mod feeds;
pub mod fingerprint;
mod in_flight;
pub mod links;
pub mod load;
pub(crate) mod pages;
pub mod progress;
pub mod read;
pub mod search;
pub(crate) mod sitemap;
pub mod sources;
pub mod urls;
pub mod write;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::Context as _;
use rayon::prelude::*;

use crate::config::SiteConfig;
use crate::content::Article;
use crate::data::Region;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::render::Templates;
pub use pages::{all_pages, Page};
pub use write::{Collector, OutputFile, Sink};

/// What `regionreport build` was asked to do.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// The site folder (holding `content/` and optionally `templates/`).
    pub root: PathBuf,
    /// Where to write; `<root>/output` when `None`.
    pub output: Option<PathBuf>,
    /// Overrides `base_url` from site.yaml.
    pub base_url: Option<String>,
    /// Include articles marked `draft: true`.
    pub drafts: bool,
    /// Render everything even when nothing changed since the last build.
    pub full: bool,
    /// Replace an output folder that regionreport did not create.
    pub force: bool,
    /// Treat warnings as errors.
    pub strict: bool,
    /// Counts the files written, for a progress line.
    pub progress: Option<std::sync::Arc<progress::Progress>>,
}

impl BuildOptions {
    pub fn output_dir(&self) -> PathBuf {
        self.output.clone().unwrap_or_else(|| self.root.join("output"))
    }
}

/// What a successful build did.
#[derive(Debug, Clone)]
pub struct BuildReport {
    pub pages: usize,
    pub charts: usize,
    pub data_files: usize,
    pub written: usize,
    pub unchanged: usize,
    pub removed: usize,
    /// Nothing had changed since the last build, so nothing was rendered.
    pub up_to_date: bool,
    pub elapsed: Duration,
    /// Problems that did not stop the build.
    pub warnings: Vec<Diagnostic>,
}

/// Why a build failed.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    /// Mistakes in content, data or templates: every one found, in a stable order.
    #[error("{} error(s) in the site's content", crate::diagnostics::Counts::of(.0).errors)]
    Content(Vec<Diagnostic>),
    /// The output could not be written (permissions, disk full, refused folder…).
    #[error(transparent)]
    Output(#[from] anyhow::Error),
}

/// Everything the build knows about a site, in memory.
pub struct Site {
    pub root: PathBuf,
    pub config: SiteConfig,
    /// Sorted by `order`, then id.
    pub regions: Vec<Region>,
    /// Newest first, then by slug.
    pub articles: Vec<Article>,
    /// Tag slug → (display name, indices into `articles`, newest first).
    pub tags: BTreeMap<String, (String, Vec<usize>)>,
    pub urls: urls::Urls,
    /// The edition this value of the site shows ([`Site::in_edition`]).
    pub edition: crate::edition::Edition,
    /// Every edition the site is published in, the first first.
    pub editions: std::sync::Arc<[crate::edition::Edition]>,
}

impl Site {
    /// The site in its first edition; `editions` are every edition it is published in.
    pub fn new(
        root: &Path,
        config: SiteConfig,
        mut regions: Vec<Region>,
        mut articles: Vec<Article>,
        editions: std::sync::Arc<[crate::edition::Edition]>,
    ) -> Site {
        regions.sort_by(|a, b| (a.order.unwrap_or(i64::MAX), &a.id).cmp(&(b.order.unwrap_or(i64::MAX), &b.id)));
        articles.sort_by(article_order);
        // Grouped by hashing, then ordered: far fewer string comparisons than a sorted map
        // takes for tens of thousands of insertions.
        let mut by_tag: rustc_hash::FxHashMap<&str, (&str, Vec<usize>)> = Default::default();
        for (index, article) in articles.iter().enumerate() {
            for tag in &article.tags {
                by_tag.entry(&tag.slug).or_insert_with(|| (&tag.name, Vec::new())).1.push(index);
            }
        }
        let tags: BTreeMap<String, (String, Vec<usize>)> =
            by_tag.into_iter().map(|(slug, (name, indices))| (slug.to_string(), (name.to_string(), indices))).collect();
        let urls = urls::Urls::new(config.pretty_links, &config.base_url);
        let edition = editions[0].clone();
        Site { root: root.to_path_buf(), config, regions, articles, tags, urls, edition, editions }
    }

    pub fn region(&self, id: &str) -> Option<&Region> {
        self.regions.iter().find(|r| r.id == id)
    }
}

/// The order of a site's articles: newest first, then by slug.
pub fn article_order(a: &Article, b: &Article) -> std::cmp::Ordering {
    b.date.cmp(&a.date).then_with(|| a.slug.cmp(&b.slug))
}

/// Builds the site described by `options` into its output folder.
pub fn build(options: &BuildOptions) -> Result<BuildReport, BuildError> {
    let started = Instant::now();
    let out = options.output_dir();
    let step = Instant::now();
    let listing = read::list_inputs(&options.root);
    // Where a previous build may be up to date, its fingerprint is checked first, reading each
    // file only to hash it; else (or if it is not) the inputs are read to be built.
    if !options.full && fingerprint::exists(&out) {
        let fingerprint = fingerprint::of_site(options, &listing);
        log::debug!("fingerprint: {:?}", step.elapsed());
        if let Some(manifest) = fingerprint::intact(&out, &fingerprint) {
            let paths: Vec<&str> = manifest.files.keys().map(String::as_str).collect();
            return Ok(BuildReport { unchanged: paths.len(), up_to_date: true, ..report(&paths, started, Vec::new()) });
        }
    }
    // The articles are read as they are loaded, and each body again when it is rendered.
    let inputs = listing.read_but_articles();
    log::debug!("read: {:?}", step.elapsed());
    let step = Instant::now();
    let (generated, stats) = publish(options, |staging| {
        let generated = generate(options, inputs, staging).and_then(|g| strict(options, g))?;
        let fingerprint = generated.fingerprint.clone();
        Ok((generated, fingerprint))
    })?;
    log::debug!("generate and swap: {:?}", step.elapsed());
    let paths: Vec<&str> = generated.paths.iter().map(String::as_str).collect();
    Ok(BuildReport {
        written: stats.written,
        unchanged: stats.unchanged,
        removed: stats.removed,
        ..report(&paths, started, generated.warnings)
    })
}

/// Writes a build through a staging folder: `emit` hands it every file and returns the
/// build's fingerprint, and the folder replaces the output, with the fingerprint recorded,
/// only if `emit` succeeds.
pub(crate) fn publish<T>(
    options: &BuildOptions,
    emit: impl FnOnce(&write::Staging) -> Result<(T, String), BuildError>,
) -> Result<(T, write::WriteStats), BuildError> {
    let mut staging = write::Staging::begin(&options.output_dir(), &options.root, options.force)?;
    staging.report_to(options.progress.clone());
    let (value, fingerprint) = match emit(&staging) {
        Ok(value) => value,
        Err(error) => {
            staging.abort();
            return Err(error);
        }
    };
    let stats = staging.commit(|dir, files| fingerprint::record(dir, fingerprint, files).context("cannot record the build"))?;
    Ok((value, stats))
}

/// With `--strict`, warnings fail the build.
fn strict(options: &BuildOptions, generated: Generated) -> Result<Generated, BuildError> {
    if options.strict && !generated.warnings.is_empty() {
        Err(BuildError::Content(generated.warnings))
    } else {
        Ok(generated)
    }
}

/// Runs everything a build does and checks every internal link of the rendered pages, writing
/// nothing. Returns every problem found (warnings included), sorted.
pub fn check(options: &BuildOptions) -> Result<Vec<Diagnostic>, BuildError> {
    let collector = Collector::default();
    let generated = generate(options, read::read_inputs(&options.root), &collector)?;
    let files = collector.0.into_inner().unwrap_or_else(|e| e.into_inner());
    let problems = Diagnostics::default();
    problems.extend(generated.warnings);
    let output = crate::diagnostics::display_path(&options.root, &options.output_dir());
    links::check(&files, &generated.base_path, &output, &problems);
    Ok(problems.sorted())
}

/// Counts what the output holds.
fn report(paths: &[&str], started: Instant, warnings: Vec<Diagnostic>) -> BuildReport {
    let count = |prefix: &str, suffix: &str| paths.iter().filter(|p| p.starts_with(prefix) && p.ends_with(suffix)).count();
    BuildReport {
        pages: count("", ".html"),
        // Each chart publishes one CSV beside its two drawings.
        charts: count("charts/", ".csv"),
        data_files: count("data/", ""),
        written: 0,
        unchanged: 0,
        removed: 0,
        up_to_date: false,
        elapsed: started.elapsed(),
        warnings,
    }
}

/// What [`generate`] handed to its sink.
pub struct Generated {
    /// Output paths of every file, in a stable order.
    pub paths: Vec<String>,
    /// Problems that did not stop the build.
    pub warnings: Vec<Diagnostic>,
    /// The path part of the site's base URL (`/repo/`).
    pub base_path: String,
    /// The fingerprint of everything the build read ([`fingerprint::of_digests`]).
    pub fingerprint: String,
}

/// Runs every step on `inputs`, handing each output file to `sink` as soon as it is made.
/// On error the sink may have received some files: a caller that writes them must discard them.
pub fn generate(options: &BuildOptions, inputs: read::Inputs, sink: &dyn Sink) -> Result<Generated, BuildError> {
    let problems = Diagnostics::default();
    let Loaded { site, templates, targets, fingerprint } = load_and_plan(options, inputs, &problems)?;
    let base_path = urls::base_path(&site.config.base_url);
    let sites = edition::in_every_edition(site);
    let sinks: Vec<write::InFolder> = sites.iter().map(|s| write::InFolder { inner: sink, folder: &s.edition.prefix }).collect();
    let step = Instant::now();
    let (rendered, runs) = articles::write_all(&sites, &templates, &targets, &sinks, &problems);
    articles::check_anchor_links(&sites[0], &targets, &rendered[0], 0..sites[0].articles.len(), &problems);
    stop_on_errors(&problems)?;
    log::debug!("articles: {:?}", step.elapsed());
    // The index is joined and written while the pages that are not articles render.
    let (search_files, mut paths): (Vec<Vec<OutputFile>>, Vec<String>) = rayon::join(
        || search::files_of_runs(&sites, &rendered, runs),
        || {
            sites
                .iter()
                .zip(&rendered)
                .zip(&sinks)
                .flat_map(|((site, rendered), sink)| {
                    let (article_pages, other_pages): (Vec<pages::Page>, Vec<pages::Page>) =
                        pages::all_pages(site).into_iter().partition(|p| matches!(p, pages::Page::Article(_)));
                    let written = article_pages.iter().map(|p| p.path(site)).collect();
                    let paths = emit(site, &templates, rendered, other_pages, written, sink, &problems);
                    paths.into_iter().map(|path| format!("{}{path}", site.edition.prefix))
                })
                .collect()
        },
    );
    for ((site, sink), files) in sites.iter().zip(&sinks).zip(search_files) {
        paths.extend(files.iter().map(|file| format!("{}{}", site.edition.prefix, file.path)));
        files.into_iter().for_each(|file| sink.put(file));
    }
    paths.sort();
    stop_on_errors(&problems)?;
    Ok(Generated { paths, warnings: problems.sorted(), base_path, fingerprint })
}

/// A site loaded, checked and its output paths claimed: ready to render.
struct Loaded {
    site: Site,
    templates: Templates,
    /// Where `@/` links lead.
    targets: articles::LinkTargets,
    /// The fingerprint of every file read.
    fingerprint: String,
}

/// Loads and checks the site and its templates, and claims every output path; fails with
/// every problem found if any is an error.
fn load_and_plan(options: &BuildOptions, inputs: read::Inputs, problems: &Diagnostics) -> Result<Loaded, BuildError> {
    let step = Instant::now();
    let templates = Templates::load(&inputs.templates).map_err(|found| problems.extend(found)).ok();
    let (site, digests) = load::load(&options.root, inputs, options.drafts, problems);
    let fingerprint = fingerprint::of_digests(options, &digests);
    log::debug!("load: {:?}", step.elapsed());
    let (Some(mut site), Some(templates)) = (site, templates) else {
        return Err(BuildError::Content(problems.sorted()));
    };
    if let Some(url) = &options.base_url {
        site.config.set_base_url(url);
        site.urls = urls::Urls::new(site.config.pretty_links, &site.config.base_url);
    }
    let planned = claims::collisions(&site, &templates, problems);
    if let Some(progress) = &options.progress {
        progress.plan(planned);
    }
    stop_on_errors(problems)?;
    let targets = articles::LinkTargets::of(&site);
    Ok(Loaded { site, templates, targets, fingerprint })
}

/// A site loaded and every article body rendered and kept, in every edition: what `serve`
/// holds between edits.
pub struct Prepared {
    /// The site in each edition, the first first.
    pub sites: Vec<Site>,
    pub templates: Templates,
    /// The article bodies of each edition, in the order of `sites`.
    pub rendered: Vec<Vec<articles::RenderedArticle>>,
    /// Where `@/` links lead (kept by `serve` for later updates).
    pub targets: articles::LinkTargets,
    /// The fingerprint of every file read.
    pub fingerprint: String,
}

/// Loads the site, its templates and renders every article body; problems go to `problems`,
/// and fail it if any is an error.
pub fn prepare(options: &BuildOptions, inputs: read::Inputs, problems: &Diagnostics) -> Result<Prepared, BuildError> {
    let Loaded { site, templates, targets, fingerprint } = load_and_plan(options, inputs, problems)?;
    let sites = edition::in_every_edition(site);
    let bodies: Vec<Vec<articles::RenderedArticle>> = articles::render_bodies(&sites, &templates, &targets, problems).collect();
    let rendered = edition::transpose(bodies, sites.len());
    articles::check_anchor_links(&sites[0], &targets, &rendered[0], 0..sites[0].articles.len(), problems);
    stop_on_errors(problems)?;
    Ok(Prepared { sites, templates, rendered, targets, fingerprint })
}

/// Renders the pages of `site`'s edition in `selection` and every file that is not a page
/// (but the search index, made for every edition at once: [`search`]) into `sink`; `written`
/// are the pages already written. The first edition's sitemap lists both in every edition,
/// and is made while they render: a page that cannot be rendered fails the build. Returns the paths of all files, sorted; problems go to `problems`.
pub fn emit(
    site: &Site,
    templates: &Templates,
    rendered: &[articles::RenderedArticle],
    selection: Vec<pages::Page>,
    written: Vec<String>,
    sink: &dyn Sink,
    problems: &Diagnostics,
) -> Vec<String> {
    let step = Instant::now();
    let mut paths = Vec::new();
    let mut put = |file: OutputFile| {
        paths.push(file.path.clone());
        sink.put(file);
    };
    let listed: Vec<String> = selection.iter().map(|page| page.path(site)).chain(written.iter().cloned()).collect();
    // Pages are most of the work; the other files are made beside them rather than after,
    // the sitemap too (one template over every page in every edition: a tenth of a second
    // that would otherwise keep one thread waiting).
    let ((mut pages, sitemap), others) = rayon::join(
        || {
            rayon::join(
                || pages::render_selected(site, templates, rendered, selection, sink, problems),
                || site.edition.is_first().then(|| sitemap::files(site, templates, &listed)),
            )
        },
        || files_besides_pages(site, templates),
    );
    pages.extend(written);
    match others {
        Ok(files) => files.into_iter().for_each(&mut put),
        Err(problem) => problems.push(problem),
    }
    match sitemap {
        Some(Ok(files)) => files.into_iter().for_each(&mut put),
        Some(Err(problem)) => problems.push(problem),
        None => {}
    }
    paths.extend(pages);
    paths.sort();
    log::debug!("charts, pages and files: {:?}", step.elapsed());
    paths
}

/// Charts, data downloads, the feed, robots.txt and the stylesheet: every file but the pages
/// and the sitemap (which lists the pages).
fn files_besides_pages(site: &Site, templates: &Templates) -> Result<Vec<OutputFile>, Diagnostic> {
    let planned = charts::plan(site);
    let mut files: Vec<OutputFile> = planned.par_iter().flat_map_iter(charts::PlannedChart::files).collect();
    files.extend(exports::data_files(site, |_| true));
    files.push(feeds::atom(site, templates)?);
    // Crawlers read robots.txt at the site's root only.
    if site.edition.is_first() {
        files.push(feeds::robots(site));
    }
    files.extend(templates.assets.iter().map(|(name, text)| OutputFile::new(name.clone(), text.clone())));
    Ok(files)
}

/// Fails with every problem found once any of them is an error.
pub(crate) fn stop_on_errors(problems: &Diagnostics) -> Result<(), BuildError> {
    if problems.has_errors() {
        Err(BuildError::Content(problems.sorted()))
    } else {
        Ok(())
    }
}
