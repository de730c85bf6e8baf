//! What a chart shows, independent of how it is drawn.

use crate::data::{Region, Series};

use std::sync::Arc;

use crate::edition::{Edition, Messages};
use crate::policy::number::{decimals_needed, format_fixed};

/// Bars (stacked when there are several lines) or lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChartKind {
    Bars,
    Lines,
}

/// One named sequence of values, one per x position (`None` where there is no data).
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub name: String,
    pub values: Vec<Option<f64>>,
}

/// Everything needed to draw one chart.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartSpec {
    pub title: String,
    pub kind: ChartKind,
    /// Whether the x positions are things compared (regions) rather than periods.
    pub categorical: bool,
    /// Label of each x position in reading form (`2024年第4季度`, or a region's name).
    pub x_labels: Vec<String>,
    /// The same labels in the short form tight axes use (`2024Q4`).
    pub x_ticks: Vec<String>,
    /// A note on a position, shown beside its value (the period of a latest value when the
    /// positions' periods differ).
    pub x_notes: Vec<Option<String>>,
    pub x_title: String,
    /// Axis title with unit, e.g. `投诉量（件）`.
    pub y_title: String,
    pub unit: String,
    pub lines: Vec<Line>,
    /// Labelled x positions, e.g. a change of statistical method.
    pub marks: Vec<(usize, String)>,
    /// `来源：…` line under the chart.
    pub source: String,
    /// Draws the 示例数据 badge.
    pub illustrative: bool,
    /// Digits after the point for every value of the chart.
    pub decimals: usize,
    /// The edition the chart is drawn for: its language (`lang`), the fonts of its script,
    /// and the words the chart writes itself (无数据, 示例数据, its description).
    pub language: String,
    pub fonts: &'static str,
    pub messages: Arc<Messages>,
}

impl ChartSpec {
    /// A plain-text summary for `<desc>` and `alt`: what is shown, range, latest value.
    pub fn description(&self) -> String {
        let msg = &self.messages;
        let no_data = self.no_data();
        let mut parts = Vec::new();
        if self.illustrative {
            parts.push(msg.get("chart_description_illustrative").to_string());
        }
        if self.categorical {
            parts.push(msg.fill("chart_description_empty", &[("title", &self.title), ("unit", &self.unit)]));
            let entries: Vec<String> = (0..self.x_labels.len())
                .map(|i| match self.position_total(i) {
                    Some(_) => format!("{} {}", self.x_labels[i], self.bar_label(i)),
                    None => format!("{} {no_data}", self.x_labels[i]),
                })
                .collect();
            parts.push(format!("{}。", entries.join("；")));
        } else {
            if let (Some(first), Some(last)) = (self.x_labels.first(), self.x_labels.last()) {
                let values = [("title", self.title.as_str()), ("first", first), ("last", last), ("unit", &self.unit)];
                parts.push(msg.fill("chart_description_span", &values));
            }
            for line in &self.lines {
                let latest = line.values.iter().enumerate().rev().find_map(|(i, v)| v.map(|v| (i, v)));
                if let Some((i, v)) = latest {
                    let value = self.format_value(v);
                    let values = [("name", line.name.as_str()), ("period", &self.x_labels[i]), ("value", &value), ("unit", &self.unit)];
                    parts.push(msg.fill("chart_description_latest", &values));
                }
            }
            let gaps: Vec<&str> = self.gap_positions().map(|i| self.x_labels[i].as_str()).collect();
            if !gaps.is_empty() {
                parts.push(format!("{no_data}：{}。", gaps.join(msg.get("list_separator"))));
            }
        }
        parts.push(self.source.clone());
        parts.join("")
    }

    /// What the chart writes where a position has no value (无数据).
    pub fn no_data(&self) -> &str {
        self.messages.get("no_data")
    }

    /// The badge of a chart of invented figures (示例数据).
    pub fn badge(&self) -> &str {
        self.messages.get("illustrative")
    }

    /// Largest value the value axis must reach (stack totals for stacked bars).
    pub fn max_value(&self) -> f64 {
        let positions = self.x_labels.len();
        let per_position = |i: usize| -> f64 {
            let values = self.lines.iter().filter_map(|l| l.values.get(i).copied().flatten());
            match (self.kind, self.lines.len()) {
                (ChartKind::Bars, n) if n > 1 => values.sum(),
                _ => values.fold(0.0, f64::max),
            }
        };
        (0..positions).map(per_position).fold(0.0, f64::max)
    }

    /// A value as this chart prints it: separators and the chart's decimals.
    pub fn format_value(&self, value: f64) -> String {
        format_fixed(value, self.decimals)
    }

    /// The total of the values at position `i` (`None` where no line has one).
    pub fn position_total(&self, i: usize) -> Option<f64> {
        let values: Vec<f64> = self.lines.iter().filter_map(|l| l.values.get(i).copied().flatten()).collect();
        (!values.is_empty()).then(|| values.iter().sum())
    }

    /// The label at the end of a comparison bar: its value with its unit, and its note.
    pub fn bar_label(&self, i: usize) -> String {
        let value =
            self.position_total(i).map_or_else(|| self.no_data().to_string(), |v| format!("{} {}", self.format_value(v), self.unit));
        match self.x_notes.get(i).and_then(Option::as_ref) {
            Some(note) => format!("{value}（{note}）"),
            None => value,
        }
    }

    /// Positions where no line has a value: gaps in the data, labelled 无数据.
    pub fn gap_positions(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.x_labels.len()).filter(|&i| !self.lines.is_empty() && self.position_total(i).is_none())
    }

    pub fn has_gaps(&self) -> bool {
        self.gap_positions().next().is_some()
    }
}

/// The chart of one region's series, as its region page and chart shortcodes show it.
pub fn region_series_chart(region: &Region, series: &Series, edition: &Edition) -> ChartSpec {
    let msg = &edition.messages;
    let periods = series.period_range();
    let x_labels = periods.iter().map(|p| p.label(msg)).collect();
    let x_ticks = periods.iter().map(|p| p.label_short()).collect();
    let lines = series
        .value_names()
        .into_iter()
        .enumerate()
        .map(|(column, name)| Line {
            name,
            values: periods.iter().map(|p| series.points.iter().find(|pt| pt.period == *p).map(|pt| pt.values[column])).collect(),
        })
        .collect();
    let marks = series.marks.iter().filter_map(|m| periods.iter().position(|p| *p == m.period).map(|i| (i, m.label.clone()))).collect();
    ChartSpec {
        title: format!("{} · {}", region.name, series.title),
        kind: match series.chart {
            crate::data::ChartKind::Bar => ChartKind::Bars,
            crate::data::ChartKind::Line => ChartKind::Lines,
        },
        categorical: false,
        x_labels,
        x_ticks,
        x_notes: Vec::new(),
        x_title: series.frequency.label(msg).to_string(),
        y_title: format!("{}（{}）", series.title, series.unit),
        unit: series.unit.clone(),
        lines,
        marks,
        source: source_line(region, series, msg),
        illustrative: series.illustrative,
        decimals: series_decimals(series),
        language: edition.language.clone(),
        fonts: edition.chart_fonts(),
        messages: edition.messages.clone(),
    }
}

/// The decimals a series' figures need, so that all of them are written with as many.
pub fn series_decimals(series: &Series) -> usize {
    decimals_needed(series.points.iter().flat_map(|p| p.values.iter().copied().chain(std::iter::once(p.total()))))
}

/// `来源：…` naming the publishers behind a series (or saying it is illustrative).
pub fn source_line(region: &Region, series: &Series, msg: &Messages) -> String {
    if series.illustrative {
        return msg.get("source_illustrative").to_string();
    }
    let mut publishers: Vec<&str> = Vec::new();
    for point in &series.points {
        if let Some(source) = series.source_of(point).and_then(|id| region.source(id)) {
            let name = if source.publisher.is_empty() { source.title.as_str() } else { source.publisher.as_str() };
            if !publishers.contains(&name) {
                publishers.push(name);
            }
        }
    }
    if publishers.is_empty() {
        msg.get("source_unknown").to_string()
    } else {
        msg.fill("source_list", &[("publishers", &publishers.join(msg.get("list_separator")))])
    }
}
