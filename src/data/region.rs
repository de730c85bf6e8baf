//! The checked region model, built from a [`RawRegion`] with a diagnostic for every mistake.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use serde_saphyr::Spanned;

use super::period::{Frequency, Period};
use super::raw::{RawPoint, RawRegion, RawSeries, RawSource};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::policy::{name, url};
use crate::yaml;

/// Most points a series may hold; beyond this a chart stops being readable anyway.
pub const MAX_POINTS: usize = 5_000;

/// How a series is drawn.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ChartKind {
    /// One bar per period (stacked by category when the series has categories).
    #[default]
    Bar,
    /// One line per category (or one line).
    Line,
}

/// A region and everything known about it.
#[derive(Debug, Clone)]
pub struct Region {
    pub id: String,
    pub name: String,
    /// Other names it goes by in text (cities), for telling an article's region.
    pub aliases: Vec<String>,
    pub summary: String,
    pub order: Option<i64>,
    pub reference: bool,
    pub illustrative: bool,
    /// When the figures were last revised (`YYYY-MM-DD`), as the editor wrote it.
    pub updated: Option<String>,
    pub sources: Vec<Source>,
    pub series: Vec<Series>,
    /// The data file, relative to the site root.
    pub path: PathBuf,
}

/// Where figures come from.
#[derive(Debug, Clone, Serialize)]
pub struct Source {
    pub id: String,
    pub title: String,
    pub publisher: String,
    /// The document's own address.
    pub url: Option<String>,
    /// A reprint where the figures were read.
    pub read_at: Option<String>,
    pub date: Option<String>,
    pub note: Option<String>,
}

/// A labelled moment on a series' time axis, e.g. a change of method.
#[derive(Debug, Clone)]
pub struct Mark {
    pub period: Period,
    pub label: String,
}

/// A data series: values by period, optionally broken down by category.
#[derive(Debug, Clone)]
pub struct Series {
    pub id: String,
    pub title: String,
    pub unit: String,
    pub frequency: Frequency,
    pub chart: ChartKind,
    /// Empty for a plain series; otherwise every point has one value per category, in this order.
    pub categories: Vec<String>,
    pub illustrative: bool,
    /// Source id applying to every point that does not name its own.
    pub source: Option<String>,
    pub note: Option<String>,
    pub marks: Vec<Mark>,
    /// Sorted by period, no duplicates.
    pub points: Vec<Point>,
}

/// The value(s) of a series for one period.
#[derive(Debug, Clone)]
pub struct Point {
    pub period: Period,
    /// One value, or one per category in the series' category order.
    pub values: Vec<f64>,
    pub source: Option<String>,
    pub note: Option<String>,
}

impl Point {
    pub fn total(&self) -> f64 {
        self.values.iter().sum()
    }
}

impl Series {
    /// Display names of the value columns: the categories, or the series title.
    pub fn value_names(&self) -> Vec<String> {
        if self.categories.is_empty() {
            vec![self.title.clone()]
        } else {
            self.categories.clone()
        }
    }

    /// Every period from the series' first to its last, gaps included, so gaps show as gaps.
    pub fn period_range(&self) -> Vec<Period> {
        match (self.points.first(), self.points.last()) {
            (Some(first), Some(last)) => {
                (first.period.ordinal()..=last.period.ordinal()).map(|o| Period::from_ordinal(self.frequency, o)).collect()
            }
            _ => Vec::new(),
        }
    }

    pub fn latest(&self) -> Option<&Point> {
        self.points.last()
    }

    /// The source a point's figure comes from.
    pub fn source_of<'a>(&'a self, point: &'a Point) -> Option<&'a str> {
        point.source.as_deref().or(self.source.as_deref())
    }
}

impl Region {
    pub fn series(&self, id: &str) -> Option<&Series> {
        self.series.iter().find(|s| s.id == id)
    }

    pub fn source(&self, id: &str) -> Option<&Source> {
        self.sources.iter().find(|s| s.id == id)
    }

    /// Whether any figure on the region's pages is illustrative.
    pub fn has_illustrative_data(&self) -> bool {
        self.series.iter().any(|s| s.illustrative)
    }
}

/// Context shared by the checks of one file.
struct FileCheck<'a> {
    path: &'a Path,
    text: &'a str,
    problems: &'a Diagnostics,
    /// Whether an error was found (the region is then not used).
    failed: bool,
}

impl FileCheck<'_> {
    fn error<T>(&mut self, at: &Spanned<T>, message: impl Into<String>) {
        self.failed = true;
        self.problems.push(yaml::error_at(self.path, self.text, 0, at, message));
    }

    fn warning<T>(&mut self, at: &Spanned<T>, message: impl Into<String>) {
        self.problems.push(yaml::warning_at(self.path, self.text, 0, at, message));
    }
}

/// Parses and checks one region file, reporting every problem (warnings too) into `problems`.
/// Returns the region when it has no errors.
pub fn parse_region(id: &str, path: &Path, text: &str, problems: &Diagnostics) -> Option<Region> {
    if let Err(why) = name::id(id) {
        let message = format!("region file name `{id}` is not a valid id: {why} (e.g. `hunan.yaml`)");
        problems.push(Diagnostic::error(path, message));
        return None;
    }
    let raw: RawRegion = yaml::parse(path, text, 0).map_err(|problem| problems.push(problem)).ok()?;
    let mut check = FileCheck { path, text, problems, failed: false };
    let sources = check_sources(&mut check, raw.sources);
    let source_ids: BTreeSet<String> = sources.iter().map(|s| s.id.clone()).collect();
    let mut series = Vec::new();
    let mut seen = BTreeSet::new();
    for raw_series in raw.series {
        if !seen.insert(raw_series.id.value.clone()) {
            check.error(&raw_series.id, format!("duplicate series id `{}`", raw_series.id.value));
            continue;
        }
        series.push(check_series(&mut check, raw_series, raw.illustrative, &source_ids));
    }
    if series.is_empty() {
        check.problems.push(Diagnostic::warning(path, format!("region `{id}` has no data series")));
    }
    let region = Region {
        id: id.to_string(),
        name: raw.name,
        aliases: raw.aliases.into_iter().map(|a| a.trim().to_string()).filter(|a| !a.is_empty()).collect(),
        summary: raw.summary,
        order: raw.order,
        reference: raw.reference,
        illustrative: raw.illustrative,
        updated: check_updated(&mut check, raw.updated),
        sources,
        series,
        path: path.to_path_buf(),
    };
    (!check.failed).then_some(region)
}

/// `updated:` must be a full date: it says how old the figures are.
fn check_updated(check: &mut FileCheck, updated: Option<Spanned<String>>) -> Option<String> {
    let updated = updated?;
    match crate::content::date::Date::parse(&updated.value) {
        Ok(_) => Some(updated.value),
        Err(why) => {
            check.error(&updated, format!("`updated`: {why} (write the day the figures were last revised, e.g. 2024-05-01)"));
            None
        }
    }
}

fn check_sources(check: &mut FileCheck, raw: Vec<RawSource>) -> Vec<Source> {
    let mut seen = BTreeSet::new();
    let mut sources = Vec::new();
    for s in raw {
        if let Err(why) = name::id(&s.id.value) {
            check.error(&s.id, format!("invalid source id `{}`: {why}", s.id.value));
        } else if !seen.insert(s.id.value.clone()) {
            check.error(&s.id, format!("duplicate source id `{}`", s.id.value));
        }
        for (url, what) in [(&s.url, "source URL"), (&s.read_at, "`read_at` URL")] {
            if let Some(url) = url {
                if let Err(why) = url::check_web(&url.value) {
                    check.error(url, format!("{what}: {why}"));
                }
            }
        }
        if let Some(date) = &s.date {
            if let Err(message) = crate::content::date::check_date(&date.value) {
                check.error(date, message);
            }
        }
        sources.push(Source {
            id: s.id.value,
            title: s.title,
            publisher: s.publisher,
            url: s.url.map(|u| u.value),
            read_at: s.read_at.map(|u| u.value),
            date: s.date.map(|d| d.value),
            note: s.note,
        });
    }
    sources
}

fn check_series(check: &mut FileCheck, mut raw: RawSeries, region_illustrative: bool, sources: &BTreeSet<String>) -> Series {
    if let Err(why) = name::id(&raw.id.value) {
        check.error(&raw.id, format!("invalid series id `{}`: {why}", raw.id.value));
    }
    let categories = check_categories(check, &raw.categories);
    check_source_ref(check, raw.source.as_ref(), sources);
    if raw.points.len() > MAX_POINTS {
        check.error(&raw.id, format!("series `{}` has {} points; the limit is {MAX_POINTS}", raw.id.value, raw.points.len()));
    }
    let has_points = !raw.points.is_empty();
    let mut points: Vec<(Point, Spanned<String>)> = Vec::new();
    for p in std::mem::take(&mut raw.points).into_iter().take(MAX_POINTS) {
        if let Some(point) = check_point(check, &raw, &categories, &p, sources) {
            points.push((point, p.period));
        }
    }
    check_order(check, &mut points);
    if !has_points {
        check.warning(&raw.id, format!("series `{}` has no data points", raw.id.value));
    }
    let marks = raw
        .marks
        .iter()
        .filter_map(|m| check_period(check, &m.period, raw.frequency).map(|period| Mark { period, label: m.label.clone() }))
        .collect();
    Series {
        id: raw.id.value.clone(),
        title: raw.title,
        unit: raw.unit,
        frequency: raw.frequency,
        chart: raw.chart,
        categories,
        illustrative: raw.illustrative.unwrap_or(region_illustrative),
        source: raw.source.map(|s| s.value),
        note: raw.note,
        marks,
        points: points.into_iter().map(|(p, _)| p).collect(),
    }
}

fn check_source_ref(check: &mut FileCheck, source: Option<&Spanned<String>>, sources: &BTreeSet<String>) {
    if let Some(s) = source {
        if !sources.contains(&s.value) {
            check.error(s, format!("unknown source `{}`: declare it under `sources:`", s.value));
        }
    }
}

fn check_period(check: &mut FileCheck, text: &Spanned<String>, frequency: Frequency) -> Option<Period> {
    match Period::parse(&text.value) {
        Err(message) => {
            check.error(text, message);
            None
        }
        Ok(period) if period.frequency() != frequency => {
            let message = format!(
                "period `{}` does not match the series frequency `{}` (write e.g. `{}`)",
                text.value,
                serde_json::to_value(frequency).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default(),
                frequency.example()
            );
            check.error(text, message);
            None
        }
        Ok(period) => Some(period),
    }
}

fn check_point(
    check: &mut FileCheck,
    series: &RawSeries,
    categories: &[String],
    p: &RawPoint,
    sources: &BTreeSet<String>,
) -> Option<Point> {
    let period = check_period(check, &p.period, series.frequency);
    check_source_ref(check, p.source.as_ref(), sources);
    let values = match (&p.value, &p.values, series.categories.is_empty()) {
        (Some(v), None, true) => check_value(check, v).map(|v| vec![v]),
        (None, Some(map), false) => check_category_values(check, categories, map),
        (_, _, true) => {
            check.error(
                &p.period,
                format!("point `{}` needs one `value:` (series `{}` has no categories)", p.period.value, series.id.value),
            );
            None
        }
        (_, _, false) => {
            check.error(
                &p.period,
                format!("point `{}` needs `values:` with one number per category ({})", p.period.value, categories.join(", ")),
            );
            None
        }
    };
    Some(Point { period: period?, values: values?, source: p.source.as_ref().map(|s| s.value.clone()), note: p.note.clone() })
}

/// Duplicates are errors; periods out of order are a warning and get sorted.
fn check_order(check: &mut FileCheck, points: &mut Vec<(Point, Spanned<String>)>) {
    // Disorder is reported once, for the first period that goes back in time to one not
    // given before (a repeated period is reported as a duplicate instead).
    let mut latest: Option<Period> = None;
    let mut given = std::collections::BTreeSet::new();
    for (point, at) in points.iter() {
        match latest {
            Some(before) if point.period < before && !given.contains(&point.period) => {
                check.warning(at, format!("period `{}` comes after `{before}`: periods should be in order", at.value));
                break;
            }
            _ => latest = latest.max(Some(point.period)),
        }
        given.insert(point.period);
    }
    points.sort_by_key(|(p, _)| p.period);
    let mut first_seen: BTreeMap<Period, usize> = BTreeMap::new();
    for (point, at) in points.iter() {
        let line = at.referenced.line() as usize;
        if let Some(first) = first_seen.insert(point.period, line) {
            check.error(at, format!("duplicate period `{}` (first given on line {first})", point.period));
        }
    }
    points.dedup_by_key(|(p, _)| p.period);
}

mod values;

use values::{check_categories, check_category_values, check_value};

#[cfg(test)]
mod tests;
