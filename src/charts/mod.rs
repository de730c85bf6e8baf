//! Charts: a [`ChartSpec`] in, an SVG document out. Pure: no paths, no I/O, no system fonts.
//!
//! Drawn with plotters' SVG backend, with default features off so that no font library is
//! linked: text is written as SVG `<text>` and laid out by the browser, and the little layout
//! we do ourselves uses [`scale::text_width`], so every machine produces the same bytes.

mod draw;
mod layout;
pub mod palette;
mod plot;
pub mod scale;
mod spec;

pub use layout::Layout;
pub use spec::{region_series_chart, series_decimals, source_line, ChartKind, ChartSpec, Line};

/// The font each text element names; the drawing's style sheet names the fonts of its
/// edition's script over it ([`ChartSpec::fonts`]).
pub const FONT_FAMILY: &str = "sans-serif";

/// Draws `spec` in `layout` as a standalone SVG document with `<title>`, `<desc>`, a
/// `viewBox` and the colours of the dark scheme.
pub fn render_svg(spec: &ChartSpec, layout: Layout) -> String {
    let body = draw::draw(spec, &layout::Geometry::of(spec, layout));
    add_head(&body, spec)
}

/// The size (width, height) of the drawing of `spec` in `layout`, for `<img width height>`.
pub fn size(spec: &ChartSpec, layout: Layout) -> (u32, u32) {
    let geometry = layout::Geometry::of(spec, layout);
    (geometry.width(), geometry.height as u32)
}

/// Inserts `<title>`/`<desc>`, ARIA attributes and the dark scheme into plotters' `<svg>`.
fn add_head(svg: &str, spec: &ChartSpec) -> String {
    let Some(open_end) = svg.find('>') else { return svg.to_string() };
    let (open, rest) = svg.split_at(open_end);
    let mut out = String::with_capacity(svg.len() + 512);
    out.push_str(open);
    out.push_str(" lang=\"");
    out.push_str(&escape_xml(&spec.language));
    out.push_str("\" role=\"img\" aria-labelledby=\"chart-title chart-desc\">\n<title id=\"chart-title\">");
    out.push_str(&escape_xml(&spec.title));
    out.push_str("</title>\n<desc id=\"chart-desc\">");
    out.push_str(&escape_xml(&spec.description()));
    out.push_str("</desc>\n");
    out.push_str(&format!("<style>text{{font-family:{}}}</style>", spec.fonts));
    out.push_str(&dark_scheme());
    out.push_str(&rest[1..]);
    out
}

/// A style sheet that repaints the chart when the reader's system uses a dark scheme. An SVG
/// shown through `<img>` sees that media query too, and a style rule outranks the colour
/// attributes plotters writes, so one file serves both schemes.
fn dark_scheme() -> String {
    let mut css = String::from("<style>@media (prefers-color-scheme: dark){");
    for (light, dark) in palette::DARK {
        let (light, dark) = (palette::hex(light), palette::hex(dark));
        css.push_str(&format!("[fill=\"{light}\"]{{fill:{dark}}}[stroke=\"{light}\"]{{stroke:{dark}}}"));
    }
    css.push_str("}</style>");
    css
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
