//! What a chart shows, independent of how it is drawn.

use crate::data::{Period, Region, Series};

use crate::policy::number::format as format_number;

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
    /// Label of each x position (periods, or region names).
    pub x_labels: Vec<String>,
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
}

impl ChartSpec {
    /// A plain-text summary for `<desc>` and `alt`: what is shown, range, latest value.
    pub fn description(&self) -> String {
        let mut parts = Vec::new();
        if self.illustrative {
            parts.push("示例数据，非真实统计。".to_string());
        }
        let (first, last) = (self.x_labels.first(), self.x_labels.last());
        if let (Some(first), Some(last)) = (first, last) {
            parts.push(format!("{}：{} 至 {}，单位：{}。", self.title, first, last, self.unit));
        }
        for line in &self.lines {
            let latest = line.values.iter().enumerate().rev().find_map(|(i, v)| v.map(|v| (i, v)));
            if let Some((i, v)) = latest {
                parts.push(format!("{}最新值（{}）：{} {}。", line.name, self.x_labels[i], format_number(v), self.unit));
            }
        }
        parts.push(self.source.clone());
        parts.join("")
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
}

/// The chart of one region's series, as its region page and chart shortcodes show it.
pub fn region_series_chart(region: &Region, series: &Series) -> ChartSpec {
    let periods = period_range(series);
    let x_labels = periods.iter().map(|p| p.to_string()).collect();
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
        x_labels,
        x_title: series.frequency.label_zh().to_string(),
        y_title: format!("{}（{}）", series.title, series.unit),
        unit: series.unit.clone(),
        lines,
        marks,
        source: source_line(region, series),
        illustrative: series.illustrative,
    }
}

/// Every period from the series' first to its last, gaps included, so gaps show as gaps.
fn period_range(series: &Series) -> Vec<Period> {
    match (series.points.first(), series.points.last()) {
        (Some(first), Some(last)) => {
            (first.period.ordinal()..=last.period.ordinal()).map(|o| Period::from_ordinal(series.frequency, o)).collect()
        }
        _ => Vec::new(),
    }
}

/// `来源：…` naming the publishers behind a series (or saying it is illustrative).
pub fn source_line(region: &Region, series: &Series) -> String {
    if series.illustrative {
        return "来源：示例数据（虚构，仅用于演示，非真实统计）".to_string();
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
        "来源：未注明".to_string()
    } else {
        format!("来源：{}", publishers.join("、"))
    }
}
