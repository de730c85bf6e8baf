//! Which charts the site has and what each publishes: a wide and a narrow drawing, its figures
//! as a CSV file, the table beside it, and a citation.

mod compare;
mod publication;

use super::{exports, urls, OutputFile, Site};
use crate::charts::{self, region_series_chart, ChartSpec, Layout};
use crate::data::{Point, Region, Series};
use crate::edition::Messages;
use crate::render::views::{ChartView, TableView};

pub use compare::{COMPARE_COMPLAINTS, COMPARE_MARKET};

/// One chart and the figures it is drawn from.
pub struct PlannedChart<'a> {
    /// `charts/hunan-complaints`: the files are this with `.svg`, `-narrow.svg` and `.csv`.
    pub stem: String,
    pub spec: ChartSpec,
    pub table: TableView,
    /// The figures behind the chart, for its CSV: each region's series and points.
    pub figures: Vec<(&'a Region, &'a Series, &'a [Point])>,
    /// The page the chart is published on and its anchor there, for citations.
    pub page: String,
    pub anchor: String,
    /// When the figures were last revised (`YYYY-MM-DD`).
    pub updated: Option<String>,
    pub note: Option<String>,
    /// `季度数据 · 单位：件`.
    pub meta: String,
}

impl PlannedChart<'_> {
    /// The chart's files: both drawings (drawn side by side: a comparison chart of many
    /// regions is the slowest file of a region edit) and the CSV of its figures.
    pub fn files(&self) -> Vec<OutputFile> {
        let draw = |layout| OutputFile::new(urls::chart_image(&self.stem, layout), charts::render_svg(&self.spec, layout));
        let (wide, narrow) = rayon::join(|| draw(Layout::Wide), || draw(Layout::Narrow));
        vec![wide, narrow, OutputFile::new(urls::chart_data(&self.stem), exports::chart_csv(self.figures.iter().copied()))]
    }

    pub fn view(&self, site: &Site) -> ChartView {
        publication::view(site, self)
    }
}

/// Every chart of the site: one per region series, plus the cross-region ones.
pub fn plan(site: &Site) -> Vec<PlannedChart<'_>> {
    let mut planned: Vec<PlannedChart> = site.regions.iter().flat_map(|r| r.series.iter().map(move |s| series_chart(site, r, s))).collect();
    planned.extend(compare::charts(site));
    planned
}

/// Every file of every chart with the region and series it draws (`None` for the comparison
/// charts), whether or not the comparison charts have data: their names are the site's.
pub fn chart_paths(site: &Site) -> Vec<(String, Option<&str>, Option<&str>)> {
    let stems = site
        .regions
        .iter()
        .flat_map(|r| r.series.iter().map(move |s| (urls::region_chart(&r.id, &s.id), Some(r.id.as_str()), Some(s.id.as_str()))))
        .chain([COMPARE_MARKET, COMPARE_COMPLAINTS].map(|p| (p.to_string(), None, None)));
    stems.flat_map(|(stem, region, series)| urls::chart_files(&stem).map(|path| (path, region, series))).collect()
}

/// A region series' chart as its region page shows it (and chart shortcodes embed it).
pub fn series_chart<'a>(site: &Site, region: &'a Region, series: &'a Series) -> PlannedChart<'a> {
    let msg = &site.edition.messages;
    let spec = region_series_chart(region, series, &site.edition);
    let table = series_table(region, series, spec.decimals, msg);
    PlannedChart {
        stem: urls::region_chart(&region.id, &series.id),
        spec,
        table,
        figures: vec![(region, series, series.points.as_slice())],
        page: urls::region_page(&region.id),
        anchor: series.id.clone(),
        updated: region.updated.clone(),
        note: series.note.clone(),
        meta: msg.fill("frequency_meta", &[("frequency", series.frequency.label(msg)), ("unit", &series.unit)]),
    }
}

/// The view of a region series' chart, with its table.
pub fn series_view(site: &Site, region: &Region, series: &Series) -> ChartView {
    series_chart(site, region, series).view(site)
}

/// The cross-region charts (for the home and compare pages) with their tables.
pub fn compare_views(site: &Site) -> Vec<ChartView> {
    compare::charts(site).iter().map(|chart| chart.view(site)).collect()
}

/// One row per period from the first to the last (a missing one says 无数据), a column per
/// category (and a total), and the source when figures are real.
/// `decimals`: the chart's, so that table and chart print the figures alike.
fn series_table(region: &Region, series: &Series, decimals: usize, msg: &Messages) -> TableView {
    let with_total = series.categories.len() > 1;
    let with_source = !series.illustrative;
    let number = |v: f64| crate::policy::number::format_fixed(v, decimals);
    let mut headers = vec![msg.get("period").to_string()];
    headers.extend(series.value_names().into_iter().map(|n| format!("{n}（{}）", series.unit)));
    if with_total {
        headers.push(msg.fill("total_in", &[("unit", &series.unit)]));
    }
    if with_source {
        headers.push(msg.get("source").into());
    }
    let columns = headers.len() - 1;
    let rows = series
        .period_range()
        .into_iter()
        .map(|period| {
            let mut row = vec![period.label(msg)];
            let Some(p) = series.points.iter().find(|p| p.period == period) else {
                row.extend(std::iter::repeat_n(msg.get("no_data").to_string(), columns));
                return row;
            };
            row.extend(p.values.iter().map(|v| number(*v)));
            if with_total {
                row.push(number(p.total()));
            }
            if with_source {
                let source = series.source_of(p).and_then(|id| region.source(id)).map(|s| s.title.clone()).unwrap_or_default();
                row.push(match &p.note {
                    Some(note) => format!("{source}（{note}）"),
                    None => source,
                });
            }
            row
        })
        .collect();
    TableView { caption: format!("{} · {}", region.name, series.title), headers, rows, illustrative: series.illustrative }
}
