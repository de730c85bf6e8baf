//! Drawing a [`ChartSpec`] with plotters' SVG backend, at the places [`Geometry`] gives.
//!
//! Coordinates are mapped here rather than by plotters' chart builder so that tick values,
//! label thinning and the legend use our own font-free text measurement: plotters' built-in
//! estimate counts bytes, which makes every Chinese label three times too wide.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::layout::Geometry;
use super::palette::{self, series_color};
use super::plot;
use super::spec::{ChartKind, ChartSpec};
use super::FONT_FAMILY;

pub type Area<'a> = DrawingArea<SVGBackend<'a>, Shift>;

/// plotters writes `font-size` as the given size divided by 1.24; undo that so sizes here are
/// the pixel sizes that end up in the SVG.
const PLOTTERS_FONT_SCALE: f64 = 1.24;

pub fn text_style(size: f64, color: &RGBColor, h: HPos, v: VPos) -> TextStyle<'static> {
    (FONT_FAMILY, size * PLOTTERS_FONT_SCALE).into_font().color(color).pos(Pos::new(h, v))
}

pub fn bold_style(size: f64, color: &RGBColor, h: HPos, v: VPos) -> TextStyle<'static> {
    (FONT_FAMILY, size * PLOTTERS_FONT_SCALE, FontStyle::Bold).into_font().color(color).pos(Pos::new(h, v))
}

pub fn put<'a, E>(area: &Area<'a>, element: E)
where
    E: plotters::element::Drawable<SVGBackend<'a>>,
    for<'b> &'b E: plotters::element::PointCollection<'b, (i32, i32)>,
{
    // Drawing into a String cannot fail; an error here could only come from plotters itself.
    let _ = area.draw(&element);
}

/// Renders the chart and returns plotters' SVG document.
pub fn draw(spec: &ChartSpec, geometry: &Geometry) -> String {
    let mut svg = String::new();
    {
        let size = (geometry.width(), geometry.height as u32);
        let root = SVGBackend::with_string(&mut svg, size).into_drawing_area();
        let _ = root.fill(&palette::BACKGROUND);
        draw_header(&root, spec, geometry);
        draw_legend(&root, geometry);
        if geometry.horizontal {
            plot::horizontal_bars(&root, spec, geometry);
        } else {
            plot::value_axis(&root, geometry);
            plot::gaps(&root, spec, geometry);
            match spec.kind {
                ChartKind::Bars => plot::columns(&root, spec, geometry),
                ChartKind::Lines => plot::lines(&root, spec, geometry),
            }
            plot::marks(&root, spec, geometry);
            plot::x_labels(&root, spec, geometry);
        }
        let size = geometry.metrics.text_size;
        for (line, y) in &geometry.source_lines {
            put(&root, Text::new(line.clone(), (geometry.metrics.pad, *y), text_style(size, &palette::MUTED, HPos::Left, VPos::Center)));
        }
        let _ = root.present();
    }
    svg
}

/// The badge (illustrative data) first, then the title, wrapped; then the value axis' title.
fn draw_header(root: &Area, spec: &ChartSpec, geometry: &Geometry) {
    let m = &geometry.metrics;
    let mut title_x = m.pad;
    if spec.illustrative {
        if let Some((_, y)) = geometry.title_lines.first() {
            let half = (m.title_size * 0.75) as i32;
            let (x0, x1) = (m.pad, m.pad + geometry.badge_width);
            put(root, Rectangle::new([(x0, y - half), (x1, y + half)], palette::WARNING_BG.filled()));
            put(root, Rectangle::new([(x0, y - half), (x1, y + half)], palette::WARNING.stroke_width(1)));
            put(
                root,
                Text::new(
                    spec.badge().to_string(),
                    ((x0 + x1) / 2, *y),
                    bold_style(m.text_size, &palette::WARNING, HPos::Center, VPos::Center),
                ),
            );
            title_x = x1 + 8;
        }
    }
    for (i, (line, y)) in geometry.title_lines.iter().enumerate() {
        let x = if i == 0 { title_x } else { m.pad };
        put(root, Text::new(line.clone(), (x, *y), bold_style(m.title_size, &palette::TEXT, HPos::Left, VPos::Center)));
    }
    let (y_title, y) = &geometry.y_title;
    put(root, Text::new(y_title.clone(), (m.pad, *y), text_style(m.text_size, &palette::MUTED, HPos::Left, VPos::Center)));
}

fn draw_legend(root: &Area, geometry: &Geometry) {
    let size = geometry.metrics.text_size;
    for item in &geometry.legend {
        let swatch = [(item.x, item.y - 6), (item.x + 12, item.y + 6)];
        match item.series {
            Some(i) => put(root, Rectangle::new(swatch, series_color(i).filled())),
            None => plot::gap_swatch(root, swatch),
        }
        put(root, Text::new(item.name.clone(), (item.x + 18, item.y), text_style(size, &palette::TEXT, HPos::Left, VPos::Center)));
    }
}
