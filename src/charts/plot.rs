//! The plot itself: value axis, columns, lines, gaps, marks and labels, and the horizontal
//! bars the narrow layout uses to compare regions.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::draw::{put, text_style, Area};
use super::layout::{labels_bars, Geometry};
use super::palette::{self, series_color};
use super::scale::{fit_text, label_step, text_width};
use super::spec::ChartSpec;
use crate::policy::number::format as format_number;

pub fn value_axis(root: &Area, geometry: &Geometry) {
    let (frame, axis, size) = (&geometry.plot, &geometry.axis, geometry.metrics.text_size);
    for tick in axis.ticks() {
        let y = frame.y(tick, axis);
        let color = if tick == 0.0 { palette::MUTED } else { palette::GRID };
        put(root, PathElement::new(vec![(frame.left, y), (frame.right, y)], color.stroke_width(1)));
        put(root, Text::new(format_number(tick), (frame.left - 6, y), text_style(size, &palette::MUTED, HPos::Right, VPos::Center)));
    }
}

/// A light band over each position without any data, labelled 无数据 where the band is wide
/// enough (the legend names the band's colour in any case).
pub fn gaps(root: &Area, spec: &ChartSpec, geometry: &Geometry) {
    let (frame, size) = (&geometry.plot, geometry.metrics.text_size);
    let positions = spec.x_labels.len();
    let band = frame.band(positions);
    let gaps: Vec<usize> = spec.gap_positions().collect();
    for run in gaps.chunk_by(|a, b| b - a == 1) {
        let x0 = frame.left + (run[0] as f64 * band).round() as i32;
        let x1 = frame.left + ((run[run.len() - 1] + 1) as f64 * band).round() as i32;
        gap_swatch(root, [(x0, frame.top), (x1, frame.bottom)]);
        let middle = ((x0 + x1) / 2, (frame.top + frame.bottom) / 2);
        let style = text_style(size, &palette::MUTED, HPos::Center, VPos::Center);
        let no_data = spec.no_data();
        if f64::from(x1 - x0) >= text_width(no_data, size) + 4.0 {
            put(root, Text::new(no_data.to_string(), middle, style));
        } else if f64::from(x1 - x0) >= size + 2.0 {
            // Too narrow for a line: the three characters one above the other, as Chinese is
            // also written.
            for (k, c) in no_data.chars().enumerate() {
                let y = middle.1 + ((k as f64 - 1.0) * size * 1.1) as i32;
                put(root, Text::new(c.to_string(), (middle.0, y), style.clone()));
            }
        }
    }
}

/// The shading that marks "no data": in gaps and as the legend's swatch.
pub fn gap_swatch(root: &Area, corners: [(i32, i32); 2]) {
    put(root, Rectangle::new(corners, palette::GAP.filled()));
    put(root, Rectangle::new(corners, palette::GRID.stroke_width(1)));
}

/// Vertical bars, stacked when there are several lines; labelled with their value when few.
pub fn columns(root: &Area, spec: &ChartSpec, geometry: &Geometry) {
    let (frame, axis, m) = (&geometry.plot, &geometry.axis, &geometry.metrics);
    let positions = spec.x_labels.len();
    let half = ((frame.band(positions) * 0.7) / 2.0).max(1.0) as i32;
    let label_values = labels_bars(spec, m);
    for i in 0..positions {
        let x = frame.x_center(i, positions);
        let mut base = 0.0;
        for (li, line) in spec.lines.iter().enumerate() {
            let Some(value) = line.values.get(i).copied().flatten() else { continue };
            let (y0, y1) = (frame.y(base, axis), frame.y(base + value, axis));
            put(root, Rectangle::new([(x - half, y1), (x + half, y0)], series_color(li).filled()));
            base += value;
            if label_values {
                let style = text_style(m.text_size, &palette::TEXT, HPos::Center, VPos::Bottom);
                put(root, Text::new(spec.format_value(value), (x, y1 - 3), style));
            }
        }
    }
}

pub fn lines(root: &Area, spec: &ChartSpec, geometry: &Geometry) {
    let (frame, axis) = (&geometry.plot, &geometry.axis);
    let positions = spec.x_labels.len();
    let markers = f64::from(frame.right - frame.left) / positions.max(1) as f64 >= 12.0;
    for (li, line) in spec.lines.iter().enumerate() {
        let color = series_color(li);
        let mut segment: Vec<(i32, i32)> = Vec::new();
        let points = line.values.iter().enumerate().map(|(i, v)| v.map(|v| (frame.x_center(i, positions), frame.y(v, axis))));
        for point in points.chain(std::iter::once(None)) {
            match point {
                Some(p) => segment.push(p),
                None => flush_segment(root, &mut segment, color, markers),
            }
        }
    }
}

/// Draws one unbroken run of a line; a lone point gets a marker so it is not lost.
fn flush_segment(root: &Area, segment: &mut Vec<(i32, i32)>, color: RGBColor, markers: bool) {
    if segment.len() > 1 {
        put(root, PathElement::new(segment.clone(), color.stroke_width(2)));
    }
    if markers || segment.len() == 1 {
        for &p in segment.iter() {
            put(root, Circle::new(p, 3, color.filled()));
        }
    }
    segment.clear();
}

/// Dashed vertical lines at labelled positions (a change of method), labelled above the plot.
pub fn marks(root: &Area, spec: &ChartSpec, geometry: &Geometry) {
    let (frame, size) = (&geometry.plot, geometry.metrics.text_size);
    let positions = spec.x_labels.len();
    for (i, label) in &spec.marks {
        let x = frame.x_center(*i, positions) - (frame.band(positions) / 2.0) as i32;
        let mut y = frame.top - 4;
        while y < frame.bottom {
            put(root, PathElement::new(vec![(x, y), (x, (y + 5).min(frame.bottom))], palette::MUTED.stroke_width(1)));
            y += 9;
        }
        // Right of the line when there is room, else ending at it.
        let room_right = f64::from(geometry.metrics.width - geometry.metrics.pad - x) - 4.0;
        let on_right = text_width(label, size) <= room_right || room_right > f64::from(x);
        let (anchor, at, room) = match on_right {
            true => (HPos::Left, x + 4, room_right),
            false => (HPos::Right, x - 4, f64::from(x - geometry.metrics.pad)),
        };
        let text = fit_text(label, size, room);
        put(root, Text::new(text, (at, geometry.marks_y), text_style(size, &palette::MUTED, anchor, VPos::Center)));
    }
}

/// Period (or region) labels under the plot, thinned to fit; the axis title below them.
pub fn x_labels(root: &Area, spec: &ChartSpec, geometry: &Geometry) {
    let (frame, m) = (&geometry.plot, &geometry.metrics);
    let positions = spec.x_ticks.len();
    let widest = spec.x_ticks.iter().map(|l| text_width(l, m.text_size)).fold(0.0, f64::max);
    let step = label_step(positions, widest, f64::from(frame.right - frame.left));
    let band = frame.band(positions);
    let line_height = (m.text_size * 1.45).round() as i32;
    let style = text_style(m.text_size, &palette::TEXT, HPos::Center, VPos::Center);
    for (i, label) in spec.x_ticks.iter().enumerate().filter(|(i, _)| i % step == 0) {
        let x = frame.x_center(i, positions);
        put(root, PathElement::new(vec![(x, frame.bottom), (x, frame.bottom + 4)], palette::MUTED.stroke_width(1)));
        put(root, Text::new(fit_text(label, m.text_size, band * step as f64), (x, geometry.x_labels_y), style.clone()));
        if let Some(Some(note)) = spec.x_notes.get(i) {
            let muted = text_style(m.text_size, &palette::MUTED, HPos::Center, VPos::Center);
            put(root, Text::new(fit_text(note, m.text_size, band), (x, geometry.x_labels_y + line_height), muted));
        }
    }
    if !spec.x_title.is_empty() && !spec.categorical {
        let at = ((frame.left + frame.right) / 2, geometry.x_title_y);
        put(root, Text::new(spec.x_title.clone(), at, text_style(m.text_size, &palette::MUTED, HPos::Center, VPos::Center)));
    }
}

/// One row per region: its name, a bar from zero, the value (and its period when the
/// periods differ) after the bar. No value axis: every bar carries its figure.
pub fn horizontal_bars(root: &Area, spec: &ChartSpec, geometry: &Geometry) {
    let (frame, axis, m) = (&geometry.plot, &geometry.axis, &geometry.metrics);
    let half = (f64::from(m.row_height) * 0.3) as i32;
    put(root, PathElement::new(vec![(frame.left, frame.top), (frame.left, frame.bottom)], palette::MUTED.stroke_width(1)));
    for (i, name) in spec.x_labels.iter().enumerate() {
        let y = frame.top + i as i32 * m.row_height + m.row_height / 2;
        let name = fit_text(name, m.text_size, f64::from(frame.left - m.pad - 8));
        put(root, Text::new(name, (frame.left - 8, y), text_style(m.text_size, &palette::TEXT, HPos::Right, VPos::Center)));
        let mut base = 0.0;
        for (li, line) in spec.lines.iter().enumerate() {
            let Some(value) = line.values.get(i).copied().flatten() else { continue };
            let (x0, x1) = (frame.x(base, axis), frame.x(base + value, axis));
            put(root, Rectangle::new([(x0, y - half), (x1.max(x0 + 1), y + half)], series_color(li).filled()));
            base += value;
        }
        let label_x = frame.x(base, axis) + 6;
        let color = if spec.position_total(i).is_some() { palette::TEXT } else { palette::MUTED };
        put(root, Text::new(spec.bar_label(i), (label_x, y), text_style(m.text_size, &color, HPos::Left, VPos::Center)));
    }
}
