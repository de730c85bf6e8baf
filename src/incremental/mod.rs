//! A site kept in memory between rebuilds, for `serve`: a change re-renders only the pages it
//! touches ([`plan::Rebuild`]), which at 10,000 articles is the difference between
//! milliseconds and seconds. Anything the incremental path does not cover (site settings,
//! templates, a previous failure) falls back to a full, atomic build.

mod edition;
pub mod plan;
mod reach;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::time::Instant;

use rustc_hash::FxHashMap as HashMap;

use rayon::prelude::*;

use crate::content::{self, Article};
use crate::data::Region;
use crate::diagnostics::Diagnostic;
use crate::diagnostics::Diagnostics;
use crate::render::Templates;
use crate::site::articles::{self, LinkTargets, RenderedArticle};
use crate::site::edition::{in_every_edition, transpose};
use crate::site::write::{InFolder, InPlace, Sink};
use crate::site::{fingerprint, load, pages, read, stop_on_errors, BuildError, BuildOptions, Site};
use edition::{machine_hashes, machine_views, EditionUpdate, EditionUpdated};
use plan::Rebuild;
use reach::{link_keys, PathSet};

/// What one rebuild did.
#[derive(Debug)]
pub struct Update {
    /// Whether every page was rendered (a full build) or only those the change touched.
    pub full: bool,
    pub pages_rendered: usize,
    pub written: usize,
    pub removed: usize,
    pub warnings: Vec<Diagnostic>,
}

struct State {
    /// The site in each edition, the first first.
    sites: Vec<Site>,
    templates: Templates,
    /// Each edition's article bodies, in the order of `sites`.
    rendered: Vec<Vec<RenderedArticle>>,
    /// Where `@/` links lead: the same after most edits, so kept rather than made again.
    targets: LinkTargets,
    /// A hash of what each page's template saw in the first edition when it was last
    /// written, by output path (within the edition). Every edition has the same pages, and
    /// another edition's view of a page is made from the same inputs (converted): a page
    /// changes in every edition or in none, so the first edition's views tell which.
    views: HashMap<String, u64>,
    /// The same for each edition's feed and sitemap.
    feed_views: Vec<[u64; 2]>,
}

/// The pages whose view changed in the first edition (those to render in every edition), and
/// every page's view now.
fn changed_pages(site: &Site, rendered: &[RenderedArticle], before: &HashMap<String, u64>) -> (Vec<pages::Page>, HashMap<String, u64>) {
    let started = Instant::now();
    let now = pages::view_hashes(site, rendered);
    log::debug!("update: view hashes {:?}", started.elapsed());
    let selection = now.iter().filter(|(_, path, hash)| before.get(path) != Some(hash)).map(|(page, _, _)| page.clone()).collect();
    (selection, view_paths(now))
}

/// Page views by output path.
fn view_paths(views: Vec<(pages::Page, String, u64)>) -> HashMap<String, u64> {
    views.into_iter().map(|(_, path, hash)| (path, hash)).collect()
}

/// The in-memory site of a `serve` session.
pub struct Session {
    options: BuildOptions,
    /// `None` before the first build and after a failed one: the next rebuild is full.
    state: Option<State>,
}

impl Session {
    pub fn new(options: BuildOptions) -> Session {
        Session { options, state: None }
    }

    /// Rebuilds what `scope` touches (everything the first time or after a failure).
    pub fn apply(&mut self, scope: &Rebuild) -> Result<Update, BuildError> {
        let partial = !scope.everything && scope.templates.is_empty() && self.state.is_some();
        let result = match self.state.take() {
            Some(state) if partial => self.update(state, scope),
            _ => self.rebuild_all(),
        };
        // Kept only on success: after a failure the next change rebuilds everything.
        result.map(|(state, update)| {
            self.state = Some(state);
            update
        })
    }

    /// Writes the search index of every edition again for the site as it now is. `serve`
    /// calls it after an update has reached the browser: the index is built whole (about a
    /// second at ten thousand articles), so it follows an edit instead of delaying it.
    /// Returns the number of files that changed.
    pub fn refresh_search(&self) -> Result<usize, BuildError> {
        let Some(state) = &self.state else { return Ok(0) };
        let output = self.options.output_dir();
        let sink = InPlace::new(&output)?;
        let search_files = crate::site::search::files(&state.sites, &state.rendered);
        for (site, files) in state.sites.iter().zip(search_files) {
            let folder = &site.edition.prefix;
            let kept: BTreeSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
            // Fewer pages than before leave chunks the index no longer has.
            let dir = crate::search::output::DIR;
            let stale: Vec<String> = std::fs::read_dir(output.join(format!("{folder}{dir}")))
                .into_iter()
                .flatten()
                .flatten()
                .map(|entry| format!("{dir}/{}", entry.file_name().to_string_lossy()))
                .filter(|path| !kept.contains(path.as_str()) && !path.ends_with("/index.html"))
                .collect();
            for path in stale {
                sink.remove(&format!("{folder}{path}"))?;
            }
            let in_folder = InFolder { inner: &sink, folder };
            files.into_iter().for_each(|file| in_folder.put(file));
        }
        fingerprint::discard(&output);
        Ok(sink.finish()?)
    }

    /// A full build, like `regionreport build`, keeping the loaded site for later updates.
    fn rebuild_all(&self) -> Result<(State, Update), BuildError> {
        let inputs = read::read_inputs(&self.options.root);
        let problems = Diagnostics::default();
        let ((prepared, pages_rendered), stats) = crate::site::publish(&self.options, |staging| {
            let prepared = crate::site::prepare(&self.options, inputs, &problems)?;
            let mut pages_rendered = 0;
            let search_files = crate::site::search::files(&prepared.sites, &prepared.rendered);
            for ((site, rendered), search_files) in prepared.sites.iter().zip(&prepared.rendered).zip(search_files) {
                let sink = InFolder { inner: staging, folder: &site.edition.prefix };
                search_files.into_iter().for_each(|file| sink.put(file));
                let paths = crate::site::emit(site, &prepared.templates, rendered, pages::all_pages(site), Vec::new(), &sink, &problems);
                pages_rendered += paths.iter().filter(|p| p.ends_with(".html")).count();
            }
            stop_on_errors(&problems)?;
            let fingerprint = prepared.fingerprint.clone();
            Ok(((prepared, pages_rendered), fingerprint))
        })?;
        let update = Update { full: true, pages_rendered, written: stats.written, removed: stats.removed, warnings: problems.sorted() };
        let views = view_paths(pages::view_hashes(&prepared.sites[0], &prepared.rendered[0]));
        let feed_views = prepared.sites.iter().map(|site| machine_hashes(&machine_views(site))).collect();
        let crate::site::Prepared { sites, templates, rendered, targets, .. } = prepared;
        Ok((State { sites, templates, rendered, targets, views, feed_views }, update))
    }

    /// Re-reads the changed files, renders again the bodies that changed or depend on what
    /// changed, then, in every edition, every page whose view changed
    /// ([`pages::view_hashes`]), in place.
    fn update(&self, state: State, scope: &Rebuild) -> Result<(State, Update), BuildError> {
        let started = Instant::now();
        let State { sites, templates, rendered, targets, views: views_before, feed_views: feed_views_before } = state;
        let mut sites = sites.into_iter();
        let site = sites.next().expect("a site has its first edition");
        // The other editions are made again from the first: the old ones are freed on the
        // side, not in the edit's way.
        rayon::spawn(move || drop(sites));
        let problems = Diagnostics::default();
        let changed_regions = read_regions(&self.options.root, &scope.regions, &problems)?;
        let (written_articles, touched) = touched_articles(&self.options.root, &site, scope);
        let changed_articles = read_articles(&self.options.root, &written_articles, self.options.drafts, &problems)?;
        let touched = PathSet::from(touched);
        let before = Before { link_keys: link_keys(&site, &touched), anchors: reach::anchors(&site, &rendered[0], &touched) };
        let regions_before: BTreeSet<String> = site.regions.iter().map(|r| r.id.clone()).collect();
        log::debug!("update: read {:?}", started.elapsed());

        let (site, mut bodies) = updated_site(site, by_article(rendered), changed_regions, changed_articles, &touched, scope);
        log::debug!("update: site {:?}", started.elapsed());
        let region_ids: Vec<&str> = site.regions.iter().map(|r| r.id.as_str()).collect();
        load::check_references(&site, &region_ids, &problems);
        let _ = crate::site::claims::collisions(&site, &templates, &problems);
        stop_on_errors(&problems)?;
        log::debug!("update: checked {:?}", started.elapsed());
        let moved_targets = before.link_keys.changed(&link_keys(&site, &touched));
        let targets = if moved_targets.is_empty() { targets } else { LinkTargets::of(&site) };
        let sites = in_every_edition(site);
        let rendered = render_stale_bodies(&sites, &templates, &targets, &mut bodies, &moved_targets, scope, &problems)?;
        check_anchors(&sites[0], &targets, &rendered[0], &before, &touched, &problems)?;
        log::debug!("update: bodies {:?}", started.elapsed());

        let sink = InPlace::new(&self.options.output_dir())?;
        let output = self.options.output_dir();
        let (selection, views) = changed_pages(&sites[0], &rendered[0], &views_before);
        let changes = edition::Changes { selection, before: &views_before, now: &views };
        // The editions are brought up to date side by side.
        let updated: Vec<EditionUpdated> = sites
            .par_iter()
            .zip(&rendered)
            .zip(feed_views_before)
            .map(|((site, rendered), feed_views_before)| {
                let edition = EditionUpdate { site, rendered, templates: &templates, sink: &sink, output: &output };
                edition.apply(&changes, feed_views_before, scope, &regions_before, &problems)
            })
            .collect::<Result<_, _>>()?;
        let (mut pages_rendered, mut removed) = (0, 0);
        let mut feed_views = Vec::with_capacity(sites.len());
        for (machine, counts) in updated {
            pages_rendered += counts.0;
            removed += counts.1;
            feed_views.push(machine);
        }
        // The output no longer matches the last full build's manifest.
        fingerprint::discard(&self.options.output_dir());
        let written = sink.finish()?;
        log::debug!("update: {pages_rendered} pages, {written} files in {:?}", started.elapsed());
        let update = Update { full: false, pages_rendered, written, removed, warnings: problems.sorted() };
        Ok((State { sites, templates, rendered, targets, views, feed_views }, update))
    }
}

/// The article files to read again, and every article path the change touches: the files
/// written, those removed, and those in folders that appeared or went.
fn touched_articles(root: &Path, site: &Site, scope: &Rebuild) -> (BTreeSet<PathBuf>, BTreeSet<PathBuf>) {
    let mut written = scope.articles.clone();
    let mut touched: BTreeSet<PathBuf> = scope.removed_articles.clone();
    for folder in &scope.folders {
        let files = walkdir::WalkDir::new(root.join(folder)).follow_links(false).into_iter().flatten();
        let markdown = files.filter(|e| e.path().extension().is_some_and(|x| x == "md"));
        written.extend(markdown.filter_map(|e| e.path().strip_prefix(root).ok().map(Path::to_path_buf)));
        touched.extend(site.articles.iter().filter(|a| a.path.starts_with(folder)).map(|a| a.path.clone()));
    }
    touched.extend(written.iter().cloned());
    (written, touched)
}

/// Bodies by edition (each of every article) → bodies by article (each in every edition).
fn by_article(rendered: Vec<Vec<RenderedArticle>>) -> Vec<Vec<RenderedArticle>> {
    let articles = rendered.first().map_or(0, Vec::len);
    transpose(rendered, articles)
}

/// What the site looked like before the change, for deciding which bodies to render again.
struct Before {
    /// What `@/` links to the changed articles and to regions led to.
    link_keys: reach::LinkKeys,
    /// The heading ids of the changed articles, by the key `@/` links name them with.
    anchors: BTreeMap<String, Vec<String>>,
}

/// The site after the change: changed regions and articles in, removed ones out, each article
/// that did not change with its old body (`None` for the others).
fn updated_site(
    site: Site,
    rendered: Vec<Vec<RenderedArticle>>,
    changed_regions: Vec<Region>,
    changed_articles: Vec<Article>,
    touched: &PathSet,
    scope: &Rebuild,
) -> (Site, Vec<Option<Vec<RenderedArticle>>>) {
    let Site { root, config, mut regions, articles, editions, .. } = site;
    regions.retain(|r| !scope.regions.contains(&r.id));
    regions.extend(changed_regions);
    let mut entries: Vec<(Article, Option<Vec<RenderedArticle>>)> =
        articles.into_iter().zip(rendered).filter(|(a, _)| !touched.contains(&a.path)).map(|(a, r)| (a, Some(r))).collect();
    entries.extend(changed_articles.into_iter().map(|a| (a, None)));
    // Sorted as the site sorts its articles, so each body stays beside its article.
    entries.sort_by(|(a, _), (b, _)| crate::site::article_order(a, b));
    let (articles, bodies): (Vec<Article>, Vec<Option<Vec<RenderedArticle>>>) = entries.into_iter().unzip();
    (Site::new(&root, config, regions, articles, editions), bodies)
}

/// Renders, in every edition of `sites`, the bodies that are new, and those that embed a
/// changed region's chart or link to a page that appeared, went or moved; returns every
/// edition's bodies.
fn render_stale_bodies(
    sites: &[Site],
    templates: &Templates,
    targets: &LinkTargets,
    bodies: &mut [Option<Vec<RenderedArticle>>],
    moved_targets: &BTreeSet<String>,
    scope: &Rebuild,
    problems: &Diagnostics,
) -> Result<Vec<Vec<RenderedArticle>>, BuildError> {
    let depends = |r: &Vec<RenderedArticle>| {
        r.first().is_none_or(|r| {
            r.chart_regions.iter().any(|id| scope.regions.contains(id)) || r.internal_links.iter().any(|l| moved_targets.contains(l))
        })
    };
    let stale: Vec<usize> = (0..bodies.len()).filter(|&i| bodies[i].as_ref().is_none_or(depends)).collect();
    for (i, body) in articles::render_some(sites, templates, targets, &stale, problems) {
        bodies[i] = Some(body);
    }
    stop_on_errors(problems)?;
    let bodies = bodies.iter_mut().map(|b| b.take().unwrap_or_default()).collect();
    Ok(transpose(bodies, sites.len()))
}

/// Checks `#fragment` links as a full build checks them: those of the changed articles and of
/// every body linking into a changed article whose headings changed.
fn check_anchors(
    site: &Site,
    targets: &LinkTargets,
    rendered: &[RenderedArticle],
    before: &Before,
    touched: &PathSet,
    problems: &Diagnostics,
) -> Result<(), BuildError> {
    let anchors_now = reach::anchors(site, rendered, touched);
    let headings_changed: BTreeSet<&String> =
        before.anchors.iter().filter(|(key, ids)| anchors_now.get(*key) != Some(*ids)).map(|(key, _)| key).collect();
    let linking_in = |i: usize| rendered[i].internal_links.iter().any(|l| headings_changed.contains(l));
    let changed = |i: usize| touched.contains(&site.articles[i].path);
    let checked: Vec<usize> = (0..rendered.len()).filter(|&i| changed(i) || (!headings_changed.is_empty() && linking_in(i))).collect();
    if checked.iter().any(|&i| !rendered[i].anchor_links.is_empty()) {
        articles::check_anchor_links(site, targets, rendered, checked.into_iter(), problems);
    }
    stop_on_errors(problems)
}

/// Parses the region files named by `ids` (a missing file means the region was removed).
fn read_regions(root: &Path, ids: &BTreeSet<String>, problems: &Diagnostics) -> Result<Vec<Region>, BuildError> {
    let files: Vec<read::InputFile> = ids
        .iter()
        .filter_map(|id| ["yaml", "yml"].iter().map(|ext| root.join(format!("content/regions/{id}.{ext}"))).find(|p| p.is_file()))
        .map(|path| read::Reader::new(root).read(&path, read::MAX_DATA_BYTES))
        .collect();
    let regions = load::load_regions(&files, problems);
    stop_on_errors(problems)?;
    Ok(regions)
}

/// Parses the article files at `paths` (relative to `root`).
fn read_articles(root: &Path, paths: &BTreeSet<PathBuf>, include_drafts: bool, problems: &Diagnostics) -> Result<Vec<Article>, BuildError> {
    let reader = read::Reader::new(root);
    let files: Vec<read::InputFile> = paths
        .iter()
        .map(|path| root.join(path))
        .filter(|absolute| absolute.is_file())
        .map(|absolute| reader.read(&absolute, content::MAX_ARTICLE_BYTES))
        .collect();
    let (articles, _) = load::load_articles(read::ArticleFiles::Read(files), include_drafts, problems);
    stop_on_errors(problems)?;
    Ok(articles)
}
