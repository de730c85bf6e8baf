//! Drawing a [`ChartSpec`] with plotters' SVG backend.
//!
//! Coordinates are mapped here rather than by plotters' chart builder so that tick values,
//! label thinning and the legend use our own font-free text measurement: plotters' built-in
//! estimate counts bytes, which makes every Chinese label three times too wide.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::palette::{self, series_color};
use super::scale::{fit_text, label_step, text_width, ValueAxis};
use super::spec::{ChartKind, ChartSpec};
use super::{FONT_FAMILY, HEIGHT, WIDTH};
use crate::policy::number::format as format_number;

type Area<'a> = DrawingArea<SVGBackend<'a>, Shift>;

/// The plot rectangle in pixels.
#[derive(Clone, Copy)]
struct Frame {
    left: i32,
    right: i32,
    top: i32,
    bottom: i32,
}

impl Frame {
    fn band(&self, positions: usize) -> f64 {
        f64::from(self.right - self.left) / positions.max(1) as f64
    }
    fn x_center(&self, i: usize, positions: usize) -> i32 {
        self.left + ((i as f64 + 0.5) * self.band(positions)).round() as i32
    }
    fn y(&self, value: f64, axis: &ValueAxis) -> i32 {
        let share = (value / axis.max).clamp(0.0, 1.0);
        self.bottom - (share * f64::from(self.bottom - self.top)).round() as i32
    }
}

/// plotters writes `font-size` as the given size divided by 1.24; undo that so sizes here are
/// the pixel sizes that end up in the SVG.
const PLOTTERS_FONT_SCALE: f64 = 1.24;

fn text_style(size: f64, color: &RGBColor, h: HPos, v: VPos) -> TextStyle<'static> {
    (FONT_FAMILY, size * PLOTTERS_FONT_SCALE).into_font().color(color).pos(Pos::new(h, v))
}

fn bold_style(size: f64, color: &RGBColor, h: HPos, v: VPos) -> TextStyle<'static> {
    (FONT_FAMILY, size * PLOTTERS_FONT_SCALE, FontStyle::Bold).into_font().color(color).pos(Pos::new(h, v))
}

fn put<'a, E>(area: &Area<'a>, element: E)
where
    E: plotters::element::Drawable<SVGBackend<'a>>,
    for<'b> &'b E: plotters::element::PointCollection<'b, (i32, i32)>,
{
    // Drawing into a String cannot fail; an error here could only come from plotters itself.
    let _ = area.draw(&element);
}

/// Renders the chart and returns plotters' SVG document.
pub fn draw(spec: &ChartSpec) -> String {
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, HEIGHT)).into_drawing_area();
        let _ = root.fill(&WHITE);
        draw_header(&root, spec);
        let legend_rows = draw_legend(&root, spec);
        let top = 58 + legend_rows * 22 + if spec.marks.is_empty() { 0 } else { 18 };
        let frame = Frame { left: 84, right: WIDTH as i32 - 24, top, bottom: HEIGHT as i32 - 64 };
        let axis = ValueAxis::covering(spec.max_value(), 5);
        draw_value_axis(&root, spec, &frame, &axis);
        match spec.kind {
            ChartKind::Bars => draw_bars(&root, spec, &frame, &axis),
            ChartKind::Lines => draw_lines(&root, spec, &frame, &axis),
        }
        draw_marks(&root, spec, &frame);
        draw_x_labels(&root, spec, &frame);
        let source = fit_text(&spec.source, 12.0, f64::from(WIDTH) - 40.0);
        put(&root, Text::new(source, (20, HEIGHT as i32 - 16), text_style(12.0, &palette::MUTED, HPos::Left, VPos::Center)));
        let _ = root.present();
    }
    svg
}

fn draw_header(root: &Area, spec: &ChartSpec) {
    let badge_width = if spec.illustrative { 100 } else { 0 };
    let title = fit_text(&spec.title, 20.0, f64::from(WIDTH) - 48.0 - f64::from(badge_width));
    put(root, Text::new(title, (20, 30), bold_style(20.0, &palette::TEXT, HPos::Left, VPos::Center)));
    if spec.illustrative {
        let (x0, x1) = (WIDTH as i32 - 20 - badge_width, WIDTH as i32 - 20);
        put(root, Rectangle::new([(x0, 14), (x1, 44)], palette::WARNING_BG.filled()));
        put(root, Rectangle::new([(x0, 14), (x1, 44)], palette::WARNING.stroke_width(1)));
        put(root, Text::new("示例数据", ((x0 + x1) / 2, 29), bold_style(16.0, &palette::WARNING, HPos::Center, VPos::Center)));
    }
}

/// Draws the legend (only for several lines) and returns how many rows it took.
fn draw_legend(root: &Area, spec: &ChartSpec) -> i32 {
    if spec.lines.len() < 2 {
        return 0;
    }
    let (mut x, mut row) = (20.0, 0);
    let max_x = f64::from(WIDTH) - 20.0;
    for (i, line) in spec.lines.iter().enumerate() {
        let name = fit_text(&line.name, 13.0, 220.0);
        let item_width = 18.0 + text_width(&name, 13.0) + 16.0;
        if x + item_width > max_x && x > 20.0 {
            x = 20.0;
            row += 1;
        }
        let y = 62 + row * 22;
        let color = series_color(i);
        put(root, Rectangle::new([(x as i32, y - 6), (x as i32 + 12, y + 6)], color.filled()));
        put(root, Text::new(name, (x as i32 + 18, y), text_style(13.0, &palette::TEXT, HPos::Left, VPos::Center)));
        x += item_width;
    }
    row + 1
}

fn draw_value_axis(root: &Area, spec: &ChartSpec, frame: &Frame, axis: &ValueAxis) {
    for tick in axis.ticks() {
        let y = frame.y(tick, axis);
        let color = if tick == 0.0 { palette::MUTED } else { palette::GRID };
        put(root, PathElement::new(vec![(frame.left, y), (frame.right, y)], color.stroke_width(1)));
        put(root, Text::new(format_number(tick), (frame.left - 8, y), text_style(12.0, &palette::MUTED, HPos::Right, VPos::Center)));
    }
    let title = fit_text(&spec.y_title, 13.0, f64::from(frame.bottom - frame.top));
    let style = text_style(13.0, &palette::MUTED, HPos::Center, VPos::Center).transform(FontTransform::Rotate270);
    put(root, Text::new(title, (18, (frame.top + frame.bottom) / 2), style));
}

fn draw_bars(root: &Area, spec: &ChartSpec, frame: &Frame, axis: &ValueAxis) {
    let positions = spec.x_labels.len();
    let half = ((frame.band(positions) * 0.7) / 2.0).max(1.0) as i32;
    let label_values = spec.lines.len() == 1 && positions <= 16;
    for i in 0..positions {
        let x = frame.x_center(i, positions);
        let mut base = 0.0;
        for (li, line) in spec.lines.iter().enumerate() {
            let Some(value) = line.values.get(i).copied().flatten() else { continue };
            let (y0, y1) = (frame.y(base, axis), frame.y(base + value, axis));
            put(root, Rectangle::new([(x - half, y1), (x + half, y0)], series_color(li).filled()));
            base += value;
            if label_values {
                put(root, Text::new(format_number(value), (x, y1 - 4), text_style(12.0, &palette::TEXT, HPos::Center, VPos::Bottom)));
            }
        }
    }
}

fn draw_lines(root: &Area, spec: &ChartSpec, frame: &Frame, axis: &ValueAxis) {
    let positions = spec.x_labels.len();
    let markers = positions <= 24;
    for (li, line) in spec.lines.iter().enumerate() {
        let color = series_color(li);
        let mut segment: Vec<(i32, i32)> = Vec::new();
        let points = line.values.iter().enumerate().map(|(i, v)| v.map(|v| (frame.x_center(i, positions), frame.y(v, axis))));
        for point in points.chain(std::iter::once(None)) {
            match point {
                Some(p) => segment.push(p),
                None => {
                    flush_segment(root, &mut segment, color, markers);
                }
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

fn draw_marks(root: &Area, spec: &ChartSpec, frame: &Frame) {
    let positions = spec.x_labels.len();
    for (i, label) in &spec.marks {
        let x = frame.x_center(*i, positions) - (frame.band(positions) / 2.0) as i32;
        let mut y = frame.top - 6;
        while y < frame.bottom {
            put(root, PathElement::new(vec![(x, y), (x, (y + 5).min(frame.bottom))], palette::MUTED.stroke_width(1)));
            y += 9;
        }
        let text = fit_text(label, 12.0, f64::from(frame.right - x) - 8.0);
        put(root, Text::new(text, (x + 4, frame.top - 10), text_style(12.0, &palette::MUTED, HPos::Left, VPos::Center)));
    }
}

fn draw_x_labels(root: &Area, spec: &ChartSpec, frame: &Frame) {
    let positions = spec.x_labels.len();
    let widest = spec.x_labels.iter().map(|l| text_width(l, 12.0)).fold(0.0, f64::max);
    let step = label_step(positions, widest, f64::from(frame.right - frame.left));
    let band = frame.band(positions);
    for (i, label) in spec.x_labels.iter().enumerate().filter(|(i, _)| i % step == 0) {
        let x = frame.x_center(i, positions);
        let text = fit_text(label, 12.0, band * step as f64);
        put(root, PathElement::new(vec![(x, frame.bottom), (x, frame.bottom + 4)], palette::MUTED.stroke_width(1)));
        put(root, Text::new(text, (x, frame.bottom + 18), text_style(12.0, &palette::TEXT, HPos::Center, VPos::Center)));
    }
    if !spec.x_title.is_empty() {
        put(
            root,
            Text::new(
                spec.x_title.clone(),
                ((frame.left + frame.right) / 2, frame.bottom + 38),
                text_style(12.0, &palette::MUTED, HPos::Center, VPos::Center),
            ),
        );
    }
}
