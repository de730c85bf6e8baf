//! The charts that compare regions, on the home and compare pages.

use super::PlannedChart;
use crate::charts::{ChartKind, ChartSpec, Line};
use crate::data::{Region, Series};
use crate::edition::Messages;
use crate::policy::number::{decimals_needed, format_fixed};
use crate::render::views::TableView;
use crate::site::{urls, Site};

pub const COMPARE_MARKET: &str = "charts/compare-market-size";
pub const COMPARE_COMPLAINTS: &str = "charts/compare-complaints";

pub fn charts(site: &Site) -> Vec<PlannedChart<'_>> {
    market_chart(site).into_iter().chain(complaints_chart(site)).collect()
}

/// Regions that take part in comparisons.
fn compared(site: &Site) -> impl Iterator<Item = &Region> {
    site.regions.iter().filter(|r| !r.reference)
}

/// The latest revision date among `regions`: a comparison is as fresh as its newest input.
fn latest_update<'a>(regions: impl Iterator<Item = &'a Region>) -> Option<String> {
    regions.filter_map(|r| r.updated.clone()).max()
}

/// Latest value of the market series in each region, as bars. When the regions' latest
/// periods differ, each bar says its period.
fn market_chart(site: &Site) -> Option<PlannedChart<'_>> {
    let id = &site.config.compare.market_series;
    let entries: Vec<(&Region, &Series)> =
        compared(site).filter_map(|r| r.series(id).filter(|s| s.latest().is_some()).map(|s| (r, s))).collect();
    let (_, first) = entries.first()?;
    let latest: Vec<_> = entries.iter().filter_map(|(_, s)| s.latest()).collect();
    let periods_differ = latest.windows(2).any(|w| w[0].period != w[1].period);
    let illustrative = entries.iter().any(|(_, s)| s.illustrative);
    let decimals = decimals_needed(latest.iter().map(|p| p.total()));
    let msg = &site.edition.messages;
    let spec = ChartSpec {
        title: msg.fill("compare_latest", &[("series", &first.title)]),
        kind: ChartKind::Bars,
        categorical: true,
        x_labels: entries.iter().map(|(r, _)| r.name.clone()).collect(),
        x_ticks: entries.iter().map(|(r, _)| r.name.clone()).collect(),
        x_notes: latest.iter().map(|p| periods_differ.then(|| p.period.label(msg))).collect(),
        x_title: msg.get("region").into(),
        y_title: format!("{}（{}）", first.title, first.unit),
        unit: first.unit.clone(),
        lines: vec![Line { name: first.title.clone(), values: latest.iter().map(|p| Some(p.total())).collect() }],
        marks: Vec::new(),
        source: source_for(illustrative, msg),
        illustrative,
        decimals,
        language: site.edition.language.clone(),
        fonts: site.edition.chart_fonts(),
        messages: site.edition.messages.clone(),
    };
    let rows = entries
        .iter()
        .zip(&latest)
        .map(|((r, _), p)| vec![r.name.clone(), p.period.label(msg), format_fixed(p.total(), decimals)])
        .collect();
    let table = TableView {
        caption: spec.title.clone(),
        headers: vec![msg.get("region").into(), msg.get("period").into(), format!("{}（{}）", first.title, first.unit)],
        rows,
        illustrative,
    };
    let figures = entries.iter().zip(&latest).map(|((r, s), p)| (*r, *s, std::slice::from_ref(*p))).collect();
    let updated = latest_update(entries.iter().map(|(r, _)| *r));
    Some(compare_chart(COMPARE_MARKET, "chart-market", spec, table, figures, updated))
}

/// The total of the complaint series per period, one line per region.
fn complaints_chart(site: &Site) -> Option<PlannedChart<'_>> {
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
    let decimals = decimals_needed(lines.iter().flat_map(|l| l.values.iter().flatten().copied()));
    let msg = &site.edition.messages;
    let mut headers = vec![msg.get("period").to_string()];
    headers.extend(entries.iter().map(|(r, _)| format!("{}（{}）", r.name, first.unit)));
    let rows = periods
        .iter()
        .enumerate()
        .map(|(i, p)| {
            std::iter::once(p.label(msg))
                .chain(lines.iter().map(|l| l.values[i].map_or_else(|| msg.get("no_data").to_string(), |v| format_fixed(v, decimals))))
                .collect()
        })
        .collect();
    let spec = ChartSpec {
        title: msg.fill("compare_trend", &[("series", &first.title)]),
        kind: ChartKind::Lines,
        categorical: false,
        x_labels: periods.iter().map(|p| p.label(msg)).collect(),
        x_ticks: periods.iter().map(|p| p.label_short()).collect(),
        x_notes: Vec::new(),
        x_title: first.frequency.label(msg).into(),
        y_title: format!("{}（{}）", first.title, first.unit),
        unit: first.unit.clone(),
        lines,
        marks: Vec::new(),
        source: source_for(illustrative, msg),
        illustrative,
        decimals,
        language: site.edition.language.clone(),
        fonts: site.edition.chart_fonts(),
        messages: site.edition.messages.clone(),
    };
    let table = TableView { caption: spec.title.clone(), headers, rows, illustrative };
    let figures = entries.iter().map(|(r, s)| (*r, *s, s.points.as_slice())).collect();
    let updated = latest_update(entries.iter().map(|(r, _)| *r));
    Some(compare_chart(COMPARE_COMPLAINTS, "chart-complaints", spec, table, figures, updated))
}

fn compare_chart<'a>(
    stem: &str,
    anchor: &str,
    spec: ChartSpec,
    table: TableView,
    figures: Vec<(&'a Region, &'a Series, &'a [crate::data::Point])>,
    updated: Option<String>,
) -> PlannedChart<'a> {
    let meta = spec.messages.fill("unit", &[("unit", &spec.unit)]);
    PlannedChart {
        stem: stem.to_string(),
        spec,
        table,
        figures,
        page: urls::COMPARE.to_string(),
        anchor: anchor.to_string(),
        updated,
        note: None,
        meta,
    }
}

fn source_for(illustrative: bool, msg: &Messages) -> String {
    msg.get(if illustrative { "source_illustrative" } else { "compare_sources" }).into()
}
