//! Which charts the site has, what each shows, and the tables beside them.

use super::{urls, OutputFile, Site};
use crate::charts::{self, region_series_chart, ChartKind, ChartSpec, Line};
use crate::data::{Region, Series};
use crate::policy::number::format as format_number;
use crate::render::views::{ChartView, TableView};

pub const COMPARE_MARKET: &str = "charts/compare-market-size.svg";
pub const COMPARE_COMPLAINTS: &str = "charts/compare-complaints.svg";

/// A chart file to draw.
pub struct PlannedChart {
    pub path: String,
    pub spec: ChartSpec,
}

impl PlannedChart {
    /// The chart as an SVG file of the output.
    pub fn draw(&self) -> OutputFile {
        OutputFile::new(self.path.clone(), charts::render_svg(&self.spec))
    }
}

/// Every chart of the site: one per region series, plus the cross-region ones.
pub fn plan(site: &Site) -> Vec<PlannedChart> {
    let mut planned: Vec<PlannedChart> = site
        .regions
        .iter()
        .flat_map(|r| {
            r.series.iter().map(move |s| PlannedChart { path: urls::region_chart(&r.id, &s.id), spec: region_series_chart(r, s) })
        })
        .collect();
    planned.extend(compare_charts(site).into_iter().map(|(path, spec, _)| PlannedChart { path, spec }));
    planned
}

/// Every chart path with the region and series it draws (`None` for the comparison charts),
/// whether or not the comparison charts have data: their names are the site's.
pub fn chart_paths(site: &Site) -> Vec<(String, Option<&str>, Option<&str>)> {
    let mut paths: Vec<(String, Option<&str>, Option<&str>)> = site
        .regions
        .iter()
        .flat_map(|r| r.series.iter().map(move |s| (urls::region_chart(&r.id, &s.id), Some(r.id.as_str()), Some(s.id.as_str()))))
        .collect();
    paths.extend([COMPARE_MARKET, COMPARE_COMPLAINTS].map(|p| (p.to_string(), None, None)));
    paths
}

/// The view of a region series' chart, with its table.
pub fn series_view(region: &Region, series: &Series) -> ChartView {
    let spec = region_series_chart(region, series);
    view(urls::region_chart(&region.id, &series.id), &spec, series.note.clone(), series_table(region, series))
}

/// The cross-region charts (for the home and compare pages) with their tables.
pub fn compare_views(site: &Site) -> Vec<ChartView> {
    compare_charts(site).into_iter().map(|(path, spec, table)| view(path, &spec, None, table)).collect()
}

fn view(url: String, spec: &ChartSpec, note: Option<String>, table: TableView) -> ChartView {
    ChartView {
        title: spec.title.clone(),
        url,
        alt: spec.description(),
        width: charts::WIDTH,
        height: charts::HEIGHT,
        illustrative: spec.illustrative,
        note,
        table,
    }
}

/// Period rows, one column per category (and a total), plus the source when figures are real.
fn series_table(region: &Region, series: &Series) -> TableView {
    let with_total = series.categories.len() > 1;
    let with_source = !series.illustrative;
    let mut headers = vec!["期间".to_string()];
    headers.extend(series.value_names().into_iter().map(|n| format!("{n}（{}）", series.unit)));
    if with_total {
        headers.push(format!("合计（{}）", series.unit));
    }
    if with_source {
        headers.push("来源".into());
    }
    let rows = series
        .points
        .iter()
        .map(|p| {
            let mut row = vec![p.period.to_string()];
            row.extend(p.values.iter().map(|v| format_number(*v)));
            if with_total {
                row.push(format_number(p.total()));
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

/// Regions that take part in comparisons.
fn compared(site: &Site) -> impl Iterator<Item = &Region> {
    site.regions.iter().filter(|r| !r.reference)
}

fn compare_charts(site: &Site) -> Vec<(String, ChartSpec, TableView)> {
    let mut out = Vec::new();
    out.extend(market_chart(site));
    out.extend(complaints_chart(site));
    out
}

/// Latest value of the market series in each region, as bars.
fn market_chart(site: &Site) -> Option<(String, ChartSpec, TableView)> {
    let id = &site.config.compare.market_series;
    let entries: Vec<(&Region, &Series)> =
        compared(site).filter_map(|r| r.series(id).filter(|s| s.latest().is_some()).map(|s| (r, s))).collect();
    let (_, first) = entries.first()?;
    let illustrative = entries.iter().any(|(_, s)| s.illustrative);
    let latest = |s: &Series| s.latest().map(|p| (p.period, p.total()));
    let rows = entries
        .iter()
        .filter_map(|(r, s)| latest(s).map(|(period, v)| vec![r.name.clone(), period.to_string(), format_number(v)]))
        .collect();
    let spec = ChartSpec {
        title: format!("各地区{}（最新）", first.title),
        kind: ChartKind::Bars,
        x_labels: entries.iter().map(|(r, _)| r.name.clone()).collect(),
        x_title: "地区".into(),
        y_title: format!("{}（{}）", first.title, first.unit),
        unit: first.unit.clone(),
        lines: vec![Line { name: first.title.clone(), values: entries.iter().map(|(_, s)| latest(s).map(|(_, v)| v)).collect() }],
        marks: Vec::new(),
        source: source_for(illustrative),
        illustrative,
    };
    let table = TableView {
        caption: spec.title.clone(),
        headers: vec!["地区".into(), "期间".into(), format!("{}（{}）", first.title, first.unit)],
        rows,
        illustrative,
    };
    Some((COMPARE_MARKET.to_string(), spec, table))
}

/// The total of the complaint series per period, one line per region.
fn complaints_chart(site: &Site) -> Option<(String, ChartSpec, TableView)> {
    let id = &site.config.compare.complaint_series;
    let entries: Vec<(&Region, &Series)> =
        compared(site).filter_map(|r| r.series(id).filter(|s| !s.points.is_empty()).map(|s| (r, s))).collect();
    let (_, first) = entries.first()?;
    let entries: Vec<(&Region, &Series)> = entries.iter().copied().filter(|(_, s)| s.frequency == first.frequency).collect();
    let mut periods: Vec<_> = entries.iter().flat_map(|(_, s)| s.points.iter().map(|p| p.period)).collect();
    periods.sort();
    periods.dedup();
    let total_at = |s: &Series, period| s.points.iter().find(|p| p.period == period).map(|p| p.total());
    let illustrative = entries.iter().any(|(_, s)| s.illustrative);
    let lines: Vec<Line> =
        entries.iter().map(|(r, s)| Line { name: r.name.clone(), values: periods.iter().map(|p| total_at(s, *p)).collect() }).collect();
    let mut headers = vec!["期间".to_string()];
    headers.extend(entries.iter().map(|(r, _)| format!("{}（{}）", r.name, first.unit)));
    let rows = periods
        .iter()
        .enumerate()
        .map(|(i, p)| {
            std::iter::once(p.to_string())
                .chain(lines.iter().map(|l| l.values[i].map(format_number).unwrap_or_else(|| "—".into())))
                .collect()
        })
        .collect();
    let spec = ChartSpec {
        title: format!("各地区{}（合计）走势", first.title),
        kind: ChartKind::Lines,
        x_labels: periods.iter().map(|p| p.to_string()).collect(),
        x_title: first.frequency.label_zh().into(),
        y_title: format!("{}（{}）", first.title, first.unit),
        unit: first.unit.clone(),
        lines,
        marks: Vec::new(),
        source: source_for(illustrative),
        illustrative,
    };
    let table = TableView { caption: spec.title.clone(), headers, rows, illustrative };
    Some((COMPARE_COMPLAINTS.to_string(), spec, table))
}

fn source_for(illustrative: bool) -> String {
    if illustrative {
        "来源：示例数据（虚构，仅用于演示，非真实统计）".into()
    } else {
        "来源：见各地区页面".into()
    }
}
