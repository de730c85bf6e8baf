//! Where everything of a chart goes, for the width it is read at.
//!
//! A chart is drawn twice: wide for desktops and narrow for phones (the page lets the browser
//! pick with `<picture>`). The narrow layout is not the wide one shrunk: it is taller, has
//! fewer ticks and short period labels, and draws comparisons across regions as horizontal
//! bars. Both keep every text at a size that stays legible once the image is scaled to the
//! column it sits in (see [`Layout::TEXT_MIN_CSS_PX`]).

use super::scale::{text_width, wrap_text, ValueAxis};
use super::spec::{ChartKind, ChartSpec};
use crate::policy::number::format as format_number;

/// The two drawings of a chart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Layout {
    /// For columns 600 px wide and more.
    Wide,
    /// For phones: columns of 330–610 px.
    Narrow,
}

/// Sizes of one layout, in SVG user units (CSS px at scale 1).
pub struct Metrics {
    pub width: i32,
    pub plot_height: i32,
    pub pad: i32,
    pub title_size: f64,
    /// Every other text: labels, ticks, legend, source. Never smaller.
    pub text_size: f64,
    pub ticks: usize,
    /// Bars are labelled with their value up to this many positions.
    pub labelled_positions: usize,
    /// Height of one bar's row in horizontal bars.
    pub row_height: i32,
}

impl Layout {
    /// The narrowest column each layout is shown in (CSS px): the wide one from a 640 px
    /// window, the narrow one from a 360 px phone. With [`Metrics::text_size`] this keeps text
    /// at 11 CSS px or more.
    pub const fn narrowest_column(self) -> f64 {
        match self {
            Layout::Wide => 596.0,
            Layout::Narrow => 328.0,
        }
    }

    /// The smallest text any chart shows, in CSS px, at the narrowest column.
    pub const TEXT_MIN_CSS_PX: f64 = 11.0;

    pub fn metrics(self) -> Metrics {
        match self {
            Layout::Wide => Metrics {
                width: 680,
                plot_height: 250,
                pad: 16,
                title_size: 18.0,
                text_size: 13.0,
                ticks: 5,
                labelled_positions: 16,
                row_height: 30,
            },
            Layout::Narrow => Metrics {
                width: 340,
                plot_height: 230,
                pad: 10,
                title_size: 15.0,
                text_size: 12.0,
                ticks: 4,
                labelled_positions: 8,
                row_height: 30,
            },
        }
    }

    /// The file name suffix of this layout's drawing (`-narrow` before `.svg`).
    pub fn suffix(self) -> &'static str {
        match self {
            Layout::Wide => "",
            Layout::Narrow => "-narrow",
        }
    }
}

/// The plot rectangle in pixels.
#[derive(Debug, Clone, Copy)]
pub struct Frame {
    pub left: i32,
    pub right: i32,
    pub top: i32,
    pub bottom: i32,
}

impl Frame {
    pub fn band(&self, positions: usize) -> f64 {
        f64::from(self.right - self.left) / positions.max(1) as f64
    }
    pub fn x_center(&self, i: usize, positions: usize) -> i32 {
        self.left + ((i as f64 + 0.5) * self.band(positions)).round() as i32
    }
    pub fn y(&self, value: f64, axis: &ValueAxis) -> i32 {
        let share = (value / axis.max).clamp(0.0, 1.0);
        self.bottom - (share * f64::from(self.bottom - self.top)).round() as i32
    }
    /// The x of `value` on a horizontal value axis.
    pub fn x(&self, value: f64, axis: &ValueAxis) -> i32 {
        let share = (value / axis.max).clamp(0.0, 1.0);
        self.left + (share * f64::from(self.right - self.left)).round() as i32
    }
}

/// One entry of the legend, placed.
pub struct LegendItem {
    pub x: i32,
    pub y: i32,
    pub name: String,
    /// The series' index, or `None` for the 无数据 (no data) swatch.
    pub series: Option<usize>,
}

/// Where each part of a chart goes.
pub struct Geometry {
    pub metrics: Metrics,
    pub height: i32,
    pub badge_width: i32,
    /// Title lines with the baseline-centre y of each.
    pub title_lines: Vec<(String, i32)>,
    /// The value axis' title (`投诉量（件）`), written above the plot.
    pub y_title: (String, i32),
    pub legend: Vec<LegendItem>,
    pub marks_y: i32,
    pub plot: Frame,
    pub axis: ValueAxis,
    /// Horizontal bars: one row per position, values along x.
    pub horizontal: bool,
    pub x_labels_y: i32,
    pub x_title_y: i32,
    pub source_lines: Vec<(String, i32)>,
}

impl Geometry {
    pub fn of(spec: &ChartSpec, layout: Layout) -> Geometry {
        let m = layout.metrics();
        let horizontal = layout == Layout::Narrow && spec.categorical && spec.kind == ChartKind::Bars;
        let line_height = |size: f64| (size * 1.45).round() as i32;
        let inner = f64::from(m.width - 2 * m.pad);

        let mut y = m.pad;
        let badge_width = if spec.illustrative { (text_width(spec.badge(), m.text_size) + 12.0) as i32 } else { 0 };
        let first_width = inner - f64::from(badge_width) - if spec.illustrative { 8.0 } else { 0.0 };
        let title_lines = stack_lines(wrap_text(&spec.title, m.title_size, first_width, inner), line_height(m.title_size), &mut y);
        y += 4;
        let y_title = (spec.y_title.clone(), y + line_height(m.text_size) / 2);
        y += line_height(m.text_size);
        let (legend, legend_bottom) = place_legend(spec, &m, y);
        y = legend_bottom;
        let marks_y = y + line_height(m.text_size) / 2;
        if !spec.marks.is_empty() && !horizontal {
            y += line_height(m.text_size);
        }
        // Room above the tallest bar for its value label.
        let headroom = if labels_bars(spec, &m) { 1.1 } else { 1.0 };
        let axis = ValueAxis::covering(spec.max_value() * headroom, m.ticks);
        let plot = plot_frame(spec, &m, &axis, horizontal, y + (m.text_size / 2.0) as i32 + 2);
        y = plot.bottom;
        let x_labels_y = y + 6 + line_height(m.text_size) / 2;
        if !horizontal {
            y += 6 + line_height(m.text_size);
            if spec.categorical && spec.x_notes.iter().any(Option::is_some) {
                y += line_height(m.text_size);
            }
        }
        let x_title_y = y + line_height(m.text_size) / 2;
        if !spec.x_title.is_empty() && !spec.categorical {
            y += line_height(m.text_size);
        }
        y += 6;
        let source_lines = stack_lines(wrap_text(&spec.source, m.text_size, inner, inner), line_height(m.text_size), &mut y);
        let height = y + m.pad;
        Geometry {
            metrics: m,
            height,
            badge_width,
            title_lines,
            y_title,
            legend,
            marks_y,
            plot,
            axis,
            horizontal,
            x_labels_y,
            x_title_y,
            source_lines,
        }
    }

    pub fn width(&self) -> u32 {
        self.metrics.width as u32
    }
}

/// Lines placed one under the other from `y` (moved below them), each with its middle.
fn stack_lines(lines: Vec<String>, line_height: i32, y: &mut i32) -> Vec<(String, i32)> {
    lines
        .into_iter()
        .map(|line| {
            let at = *y + line_height / 2;
            *y += line_height;
            (line, at)
        })
        .collect()
}

/// Whether bars carry their value: one line of few enough bars to leave room for labels.
pub fn labels_bars(spec: &ChartSpec, m: &Metrics) -> bool {
    spec.kind == ChartKind::Bars && spec.lines.len() == 1 && spec.x_labels.len() <= m.labelled_positions
}

/// Legend entries flowing into rows from `top`; returns them and the y below them. A legend
/// is drawn for several lines, and for the 无数据 swatch when a position has no data at all.
fn place_legend(spec: &ChartSpec, m: &Metrics, top: i32) -> (Vec<LegendItem>, i32) {
    let mut entries: Vec<(String, Option<usize>)> = Vec::new();
    if spec.lines.len() > 1 {
        entries.extend(spec.lines.iter().enumerate().map(|(i, l)| (l.name.clone(), Some(i))));
    }
    if spec.has_gaps() {
        entries.push((spec.no_data().to_string(), None));
    }
    if entries.is_empty() {
        return (Vec::new(), top);
    }
    let row_height = (m.text_size * 1.6).round() as i32;
    let max_x = f64::from(m.width - m.pad);
    let (mut x, mut row) = (f64::from(m.pad), 0);
    let mut items = Vec::new();
    for (name, series) in entries {
        let name = super::scale::fit_text(&name, m.text_size, f64::from(m.width - 2 * m.pad) - 24.0);
        let item_width = 18.0 + text_width(&name, m.text_size) + 14.0;
        if x + item_width > max_x && x > f64::from(m.pad) {
            x = f64::from(m.pad);
            row += 1;
        }
        items.push(LegendItem { x: x as i32, y: top + row * row_height + row_height / 2, name, series });
        x += item_width;
    }
    (items, top + (row + 1) * row_height)
}

/// The plot rectangle: room on the left for the tick labels (or region names), below `top`.
fn plot_frame(spec: &ChartSpec, m: &Metrics, axis: &ValueAxis, horizontal: bool, top: i32) -> Frame {
    if horizontal {
        let names = spec.x_labels.iter().map(|l| text_width(l, m.text_size)).fold(0.0, f64::max);
        let values = (0..spec.x_labels.len()).map(|i| text_width(&spec.bar_label(i), m.text_size)).fold(0.0, f64::max);
        let left = m.pad + names.min(f64::from(m.width) * 0.35) as i32 + 8;
        let right = m.width - m.pad - values.min(f64::from(m.width) * 0.4) as i32 - 6;
        let rows = spec.x_labels.len().max(1) as i32;
        return Frame { left, right, top, bottom: top + rows * m.row_height };
    }
    let widest_tick = axis.ticks().iter().map(|t| text_width(&format_number(*t), m.text_size)).fold(0.0, f64::max);
    let left = m.pad + widest_tick as i32 + 8;
    Frame { left, right: m.width - m.pad - 4, top, bottom: top + m.plot_height }
}
