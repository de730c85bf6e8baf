//! Bringing one edition's output up to date after an edit: its pages whose views changed,
//! its charts and downloads of changed regions, its feed (and, for the first edition, the
//! sitemap), and removing what is gone.

use std::collections::BTreeSet;
use std::path::Path;

use rayon::prelude::*;
use rustc_hash::FxHashMap as HashMap;

use super::plan::Rebuild;
use crate::diagnostics::Diagnostics;
use crate::render::views::{hash_view, FeedView, SitemapView};
use crate::render::Templates;
use crate::site::articles::RenderedArticle;
use crate::site::write::{InFolder, InPlace, Sink};
use crate::site::{charts, exports, feeds, pages, sitemap, stop_on_errors, urls, BuildError, Site};

/// What [`EditionUpdate::apply`] did: what the feed and sitemap saw, and how many pages were
/// rendered and files removed.
pub(super) type EditionUpdated = ([u64; 2], (usize, usize));

/// Which pages an update renders and removes, the same in every edition.
pub(super) struct Changes<'a> {
    /// The pages whose view changed.
    pub(super) selection: Vec<pages::Page>,
    /// Every page's view before and now, by output path.
    pub(super) before: &'a HashMap<String, u64>,
    pub(super) now: &'a HashMap<String, u64>,
}

/// What an update writes in one edition.
pub(super) struct EditionUpdate<'a> {
    pub(super) site: &'a Site,
    pub(super) rendered: &'a [RenderedArticle],
    pub(super) templates: &'a Templates,
    pub(super) sink: &'a InPlace,
    pub(super) output: &'a Path,
}

impl EditionUpdate<'_> {
    /// Renders the edition's pages in `changes`, removes those that are gone, redraws
    /// the charts and downloads of changed regions and writes the feed and sitemap if what
    /// they show changed.
    pub(super) fn apply(
        &self,
        changes: &Changes,
        feed_views_before: [u64; 2],
        scope: &Rebuild,
        regions_before: &BTreeSet<String>,
        problems: &Diagnostics,
    ) -> Result<EditionUpdated, BuildError> {
        let (site, folder) = (self.site, self.site.edition.prefix.as_str());
        // What the feed and the sitemap see is made while the pages render.
        let sink = InFolder { inner: self.sink, folder };
        let pages_rendered = changes.selection.len();
        let (_, machine) = rayon::join(
            || pages::render_selected(site, self.templates, self.rendered, changes.selection.clone(), &sink, problems),
            || machine_views(site),
        );
        stop_on_errors(problems)?;
        let gone = Gone { sink: self.sink, folder };
        let mut removed = gone.pages(changes.before, changes.now)?;
        update_region_files(site, &scope.regions, &sink, &gone, self.output)?;
        removed += gone.regions(site, regions_before)?;
        let feed_views = write_feeds(site, self.templates, machine, feed_views_before, (&sink, &gone, self.output))?;
        Ok((feed_views, (pages_rendered, removed)))
    }
}

/// What the feed and the sitemap see.
/// Only the first edition has a sitemap (listing every edition): another's is empty.
pub(super) fn machine_views(site: &Site) -> (FeedView, SitemapView) {
    if !site.edition.is_first() {
        return (feeds::feed_view(site), SitemapView { urls: Vec::new() });
    }
    let paths: Vec<String> = pages::all_pages(site).iter().map(|page| page.path(site)).collect();
    (feeds::feed_view(site), sitemap::view(site, &paths))
}

/// Hashes of what the feed and the sitemap see, to tell when they must be written again.
pub(super) fn machine_hashes((feed, sitemap): &(FeedView, SitemapView)) -> [u64; 2] {
    [hash_view(feed), hash_view(sitemap)]
}

/// Writes the feed and the sitemap again if what they see changed; returns what they saw.
/// Only the first edition writes the sitemap (one for every edition).
fn write_feeds(
    site: &Site,
    templates: &Templates,
    views: (FeedView, SitemapView),
    before: [u64; 2],
    (sink, gone, output): (&InFolder, &Gone, &Path),
) -> Result<[u64; 2], BuildError> {
    let now = machine_hashes(&views);
    let (feed, sitemap) = views;
    let content = |d| BuildError::Content(vec![d]);
    if now[0] != before[0] {
        sink.put(feeds::render(templates, urls::FEED, "feed", &feed).map_err(content)?);
    }
    if site.edition.is_first() && now[1] != before[1] {
        let files = sitemap::render(site, templates, &sitemap).map_err(content)?;
        let kept: BTreeSet<String> = files.iter().map(|f| f.path.clone()).collect();
        files.into_iter().for_each(|file| sink.put(file));
        // Parts past the new count (the site shrank) would otherwise stay, listed nowhere.
        if let Ok(entries) = std::fs::read_dir(output.join(sitemap::PARTS)) {
            for entry in entries.flatten() {
                let path = format!("{}/{}", sitemap::PARTS, entry.file_name().to_string_lossy());
                if !kept.contains(&path) {
                    gone.remove(&path)?;
                }
            }
        }
    }
    Ok(now)
}

/// Removes one edition's files that the site no longer has.
struct Gone<'a> {
    sink: &'a InPlace,
    /// The edition's folder.
    folder: &'a str,
}

impl Gone<'_> {
    fn remove(&self, path: &str) -> Result<bool, BuildError> {
        Ok(self.sink.remove(&format!("{}{path}", self.folder))?)
    }

    /// Removes the pages the site no longer has.
    fn pages(&self, before: &HashMap<String, u64>, now: &HashMap<String, u64>) -> Result<usize, BuildError> {
        let mut removed = 0;
        for path in before.keys().filter(|path| !now.contains_key(*path)) {
            removed += usize::from(self.remove(path)?);
        }
        Ok(removed)
    }

    /// Removes the downloads of regions that are gone.
    fn regions(&self, site: &Site, before: &BTreeSet<String>) -> Result<usize, BuildError> {
        let mut removed = 0;
        for id in before.iter().filter(|id| site.region(id).is_none()) {
            for path in [urls::data_file(id, "csv"), urls::data_file(id, "json")] {
                removed += usize::from(self.remove(&path)?);
            }
        }
        Ok(removed)
    }
}

/// Charts and data files of changed regions: their own charts and the comparison charts
/// redrawn, the downloads written again, charts of series that are gone removed. Charts
/// depend on region data only, so article changes never come here.
fn update_region_files(site: &Site, regions: &BTreeSet<String>, sink: &InFolder, gone: &Gone, output: &Path) -> Result<(), BuildError> {
    if regions.is_empty() {
        return Ok(());
    }
    let of_changed_region = |name: &str| regions.iter().any(|id| name.starts_with(&format!("{id}-")));
    let planned = charts::plan(site);
    let planned_paths: BTreeSet<String> = planned.iter().flat_map(|c| urls::chart_files(&c.stem)).collect();
    if let Ok(entries) = std::fs::read_dir(output.join(gone.folder).join("charts")) {
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let path = format!("charts/{name}");
            if of_changed_region(&name) && !planned_paths.contains(&path) {
                gone.remove(&path)?;
            }
        }
    }
    let redrawn: Vec<_> =
        planned.iter().filter(|c| c.stem.starts_with("charts/compare-") || of_changed_region(&c.stem["charts/".len()..])).collect();
    redrawn.par_iter().flat_map_iter(|chart| chart.files()).for_each(|file| sink.put(file));
    exports::data_files(site, |r| regions.contains(&r.id)).into_iter().for_each(|f| sink.put(f));
    Ok(())
}
