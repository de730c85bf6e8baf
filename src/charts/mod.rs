//! Charts: a [`ChartSpec`] in, an SVG document out. Pure: no paths, no I/O, no system fonts.
//!
//! Drawn with plotters' SVG backend, with default features off so that no font library is
//! linked: text is written as SVG `<text>` and laid out by the browser, and the little layout
//! we do ourselves uses [`scale::text_width`], so every machine produces the same bytes.

mod draw;
pub mod palette;
pub mod scale;
mod spec;

pub use spec::{region_series_chart, ChartKind, ChartSpec, Line};

/// Pixel size of every chart's view box (it scales to the page width).
pub const WIDTH: u32 = 800;
pub const HEIGHT: u32 = 450;

/// Font stack written into the SVG: CJK fonts first so Chinese labels render everywhere.
pub const FONT_FAMILY: &str = "Noto Sans CJK SC, Source Han Sans SC, PingFang SC, Microsoft YaHei, sans-serif";

/// Draws `spec` as a standalone SVG document with `<title>`, `<desc>` and a `viewBox`.
pub fn render_svg(spec: &ChartSpec) -> String {
    let body = draw::draw(spec);
    add_accessibility(&body, spec)
}

/// Inserts `<title>`/`<desc>` and ARIA attributes into plotters' `<svg>` element.
fn add_accessibility(svg: &str, spec: &ChartSpec) -> String {
    let Some(open_end) = svg.find('>') else { return svg.to_string() };
    let (open, rest) = svg.split_at(open_end);
    let mut out = String::with_capacity(svg.len() + 512);
    out.push_str(open);
    out.push_str(" role=\"img\" aria-labelledby=\"chart-title chart-desc\">\n<title id=\"chart-title\">");
    out.push_str(&escape_xml(&spec.title));
    out.push_str("</title>\n<desc id=\"chart-desc\">");
    out.push_str(&escape_xml(&spec.description()));
    out.push_str("</desc>");
    out.push_str(&rest[1..]);
    out
}

/// Escapes text for XML content and attribute values.
pub fn escape_xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if crate::policy::text::is_forbidden(c) => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests;
