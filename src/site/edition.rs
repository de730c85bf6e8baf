//! A loaded site put into one of its editions: every text a reader sees, converted once
//! ([`Edition::field`], which `serve` finds converted already unless an edit changed it); ids, slugs, addresses, file names, dates and numbers as they are.
//! Each edition is then rendered from its own [`Site`] with the same templates. Article
//! bodies are converted as they are rendered, a text event at a time
//! ([`crate::content::markdown`]).

use crate::config::SiteConfig;
use crate::content::{Article, Origin, Tag};
use crate::data::{Mark, Point, Region, Series, Source};
use crate::edition::Edition;

use rayon::prelude::*;

use super::{urls, Site};

/// The site in each of its editions, the first (the site as loaded) first.
pub fn in_every_edition(site: Site) -> Vec<Site> {
    let others: Vec<Site> = site.editions[1..].par_iter().map(|edition| site.in_edition(edition)).collect();
    std::iter::once(site).chain(others).collect()
}

/// `rows` of `columns` items each as columns of items: bodies by article (each in every
/// edition) become bodies by edition (each of every article), and the reverse.
pub fn transpose<T>(rows: Vec<Vec<T>>, columns: usize) -> Vec<Vec<T>> {
    let mut transposed: Vec<Vec<T>> = (0..columns).map(|_| Vec::with_capacity(rows.len())).collect();
    for row in rows {
        for (column, item) in transposed.iter_mut().zip(row) {
            column.push(item);
        }
    }
    transposed
}

impl Site {
    /// This site as `edition` shows it (the first edition: a copy of it as it is).
    pub fn in_edition(&self, edition: &Edition) -> Site {
        let config = config_in(&self.config, edition);
        let regions = self.regions.iter().map(|r| region_in(r, edition)).collect();
        let articles = self.articles.par_iter().map(|a| article_in(a, edition)).collect();
        let tags = self.tags.iter().map(|(slug, (name, indices))| (slug.clone(), (edition.field(name), indices.clone()))).collect();
        let urls = urls::Urls::new(config.pretty_links, &config.base_url).in_folder(&edition.prefix);
        Site { root: self.root.clone(), config, regions, articles, tags, urls, edition: edition.clone(), editions: self.editions.clone() }
    }
}

fn config_in(config: &SiteConfig, edition: &Edition) -> SiteConfig {
    let mut c = config.clone();
    c.title = edition.field(&c.title);
    c.description = edition.field(&c.description);
    c.publisher = edition.field_opt(&c.publisher);
    c.author = edition.field_opt(&c.author);
    c.footer = edition.field_opt(&c.footer);
    for link in &mut c.nav {
        link.title = edition.field(&link.title);
    }
    c
}

fn region_in(region: &Region, edition: &Edition) -> Region {
    Region {
        name: edition.field(&region.name),
        summary: edition.field(&region.summary),
        sources: region.sources.iter().map(|s| source_in(s, edition)).collect(),
        series: region.series.iter().map(|s| series_in(s, edition)).collect(),
        ..region.clone()
    }
}

fn source_in(source: &Source, edition: &Edition) -> Source {
    Source {
        title: edition.field(&source.title),
        publisher: edition.field(&source.publisher),
        note: edition.field_opt(&source.note),
        ..source.clone()
    }
}

fn series_in(series: &Series, edition: &Edition) -> Series {
    Series {
        title: edition.field(&series.title),
        unit: edition.field(&series.unit),
        categories: series.categories.iter().map(|c| edition.field(c)).collect(),
        note: edition.field_opt(&series.note),
        marks: series.marks.iter().map(|m| Mark { label: edition.field(&m.label), ..m.clone() }).collect(),
        points: series.points.iter().map(|p| Point { note: edition.field_opt(&p.note), ..p.clone() }).collect(),
        ..series.clone()
    }
}

fn article_in(article: &Article, edition: &Edition) -> Article {
    Article {
        title: edition.field(&article.title),
        summary: edition.field_opt(&article.summary),
        author: edition.field_opt(&article.author),
        tags: article.tags.iter().map(|t| Tag { name: edition.field(&t.name), slug: t.slug.clone() }).collect(),
        origin: article.origin.as_ref().map(|o| Origin { name: edition.field_opt(&o.name), ..o.clone() }),
        // The body's text is converted as it is rendered; the source (shared, not copied)
        // stays the author's, for problems to quote.
        ..article.clone()
    }
}
