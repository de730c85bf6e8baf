//! Editions: the site in another script (`zh-Hant` beside `zh-Hans`), written below a prefix
//! of its own (`zh-hant/`) with the same paths as the first edition, so that every page has
//! its counterpart one to one.
//!
//! The first edition is rendered; every other edition's files are made from the first's as
//! they are written ([`Derive`]), so no stage of the build needs to know about editions and
//! none can forget one: pages, charts and the feed are converted ([`markup`]), scripts'
//! messages too, data files are copied as they are. Two stages know, for speed: each
//! edition's search index is built from its own text ([`crate::site::search`]), and a build
//! renders article bodies in every edition's script at once, so that only the page around a
//! body is rewritten ([`crate::site::pages::ArticlePages::render_all`]; a test checks that
//! this gives the bytes of converting the whole page).

pub mod convert;
pub mod markup;

use crate::config::SiteConfig;
use crate::content::script::is_traditional;
use crate::site::{OutputFile, Sink};
use convert::{Converter, Variant};

/// One edition of the site.
#[derive(Clone)]
pub struct Edition {
    /// BCP 47 tag: `zh-Hans`, `zh-Hant`.
    pub language: String,
    /// Its folder below the output root, ending in `/` (`zh-hant/`); empty for the first.
    pub prefix: String,
    /// What the edition switch calls it: 简 or 繁.
    pub label: &'static str,
    /// How the first edition's text becomes this one's; `None` for the first.
    pub converter: Option<std::sync::Arc<Converter>>,
}

/// The editions of a site from its configuration: the site's `language` first, then each
/// other edition in the order given.
pub fn editions(config: &SiteConfig) -> Vec<Edition> {
    let label = |language: &str| if is_traditional(language) { "繁" } else { "简" };
    let mut editions =
        vec![Edition { language: config.language.clone(), prefix: String::new(), label: label(&config.language), converter: None }];
    for other in config.editions.iter().skip(1) {
        let variant = other.variant.as_ref().and_then(|v| Variant::parse(&v.value)).unwrap_or(Variant::Standard);
        editions.push(Edition {
            language: other.language.value.clone(),
            prefix: format!("{}/", other.language.value.to_ascii_lowercase()),
            label: label(&other.language.value),
            converter: Converter::new(variant).map(std::sync::Arc::new),
        });
    }
    editions
}

/// Files every edition has one of, below its prefix: everything but the sitemap (one for
/// all editions, listing each page's counterparts), `robots.txt` (read only at the root) and
/// the search index's data (each edition's made from its own text).
pub fn has_counterpart(path: &str) -> bool {
    let search_data = path.starts_with(crate::search::output::DIR) && path.contains('/') && !path.ends_with(".html");
    !(search_data || path == crate::site::urls::SITEMAP || path == crate::site::urls::ROBOTS)
}

/// Whether `path` is already a file of an edition other than the first (written there by
/// the stage that made it, as each edition's search index is).
pub fn is_edition_copy(editions: &[Edition], path: &str) -> bool {
    editions.iter().any(|edition| !edition.prefix.is_empty() && path.starts_with(&edition.prefix))
}

/// The paths of `path`'s copies in the other editions: none when it has no counterpart or is
/// itself an edition's copy. What a build writes, claims and removes beside `path`.
pub fn counterpart_paths<'e>(editions: &'e [Edition], path: &str) -> impl Iterator<Item = String> + 'e {
    let copied = has_counterpart(path) && !is_edition_copy(editions, path);
    let path = path.to_owned();
    editions.iter().filter(move |e| copied && e.converter.is_some()).map(move |e| format!("{}{path}", e.prefix))
}

/// `file` in every other edition: its copies, made from it (none when it is a copy itself).
pub fn copies(editions: &[Edition], file: &OutputFile, base_url: &str) -> Vec<OutputFile> {
    if is_edition_copy(editions, &file.path) {
        return Vec::new();
    }
    editions.iter().filter_map(|edition| edition.derive(file, base_url)).collect()
}

/// The paths of the first edition's files with those of every other edition's copies, sorted.
pub fn every_edition(editions: &[Edition], paths: Vec<String>) -> Vec<String> {
    let mut all: Vec<String> = paths.iter().flat_map(|p| counterpart_paths(editions, p)).collect();
    all.extend(paths);
    all.sort();
    all
}

impl Edition {
    /// `file` of the first edition as this edition has it; `None` for the first edition and
    /// for files with no counterpart.
    pub fn derive(&self, file: &OutputFile, base_url: &str) -> Option<OutputFile> {
        let converter = self.converter.as_deref()?;
        if !has_counterpart(&file.path) {
            return None;
        }
        let path = format!("{}{}", self.prefix, file.path);
        let target = markup::Target { converter, language: &self.language, prefix: &self.prefix, base_url };
        let text = || std::str::from_utf8(&file.bytes).ok();
        let bytes = match file.path.rsplit('.').next() {
            Some("html" | "svg") => text().and_then(|t| markup::convert(t, &target).ok()).map(String::into_bytes),
            Some("xml") => text().and_then(|t| markup::convert(t, &target).ok()).map(|t| markup::move_feed_ids(&t, &target).into_bytes()),
            // The search page's messages.
            Some("js") => text().map(|t| converter.convert(t).into_bytes()),
            _ => None,
        };
        // Data (CSV, JSON), the stylesheet and anything markup that could not be read are
        // the same in every edition.
        Some(OutputFile::new(path, bytes.unwrap_or_else(|| file.bytes.clone())))
    }
}

impl Edition {
    /// The page `chrome` (the first edition's page, with `marker` where its body goes) as
    /// this edition has it, with `body` (already converted) in the marker's place.
    pub fn with_body(&self, chrome: &OutputFile, body: &str, base_url: &str, marker: &str) -> Option<OutputFile> {
        let converter = self.converter.as_deref()?;
        let target = markup::Target { converter, language: &self.language, prefix: &self.prefix, base_url };
        let page = markup::convert(std::str::from_utf8(&chrome.bytes).ok()?, &target).ok()?;
        let (before, after) = page.split_once(marker)?;
        // Sized once: a page is tens of kilobytes, and growing it as it is written costs
        // several copies of it.
        let mut whole = String::with_capacity(page.len() - marker.len() + body.len());
        whole.extend([before, body, after]);
        Some(OutputFile::new(format!("{}{}", self.prefix, chrome.path), whole))
    }
}

/// A sink that writes every file in every edition.
pub struct Derive<'a> {
    pub inner: &'a dyn Sink,
    pub editions: &'a [Edition],
    pub base_url: &'a str,
}

impl<'a> Derive<'a> {
    /// Writes into `inner` every file in each of the site's editions.
    pub fn new(site: &'a crate::site::Site, inner: &'a dyn Sink) -> Derive<'a> {
        Derive { inner, editions: &site.editions, base_url: &site.config.base_url }
    }
}

impl Derive<'_> {
    /// Writes `file` and its copies in other editions: those in `made`, and the others made
    /// from it.
    pub fn put_with(&self, file: OutputFile, made: Vec<OutputFile>) {
        for edition in self.editions.iter().filter(|e| !e.prefix.is_empty()) {
            let path = format!("{}{}", edition.prefix, file.path);
            if !made.iter().any(|m| m.path == path) {
                if let Some(derived) = edition.derive(&file, self.base_url) {
                    self.inner.put(derived);
                }
            }
        }
        made.into_iter().for_each(|copy| self.inner.put(copy));
        self.inner.put(file);
    }
}

impl Sink for Derive<'_> {
    fn put(&self, file: OutputFile) {
        copies(self.editions, &file, self.base_url).into_iter().for_each(|copy| self.inner.put(copy));
        self.inner.put(file);
    }
}
