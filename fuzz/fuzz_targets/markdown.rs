//! Markdown with shortcodes to HTML must never panic, and the output, read with a real HTML
//! parser, must hold no active content (script-like elements, event handlers, `style`, URLs
//! the URL policy refuses), whatever the input: in the first edition's script and converted
//! for a 繁體 edition.
#![no_main]

use libfuzzer_sys::fuzz_target;
use regionreport::content::markdown::{render, RenderSettings};
use regionreport::edition::convert::{Converter, Variant};

fn resolve(target: &str) -> Option<String> {
    target.starts_with("articles/").then(|| format!("../../{target}"))
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Some(converter) = Converter::new(Variant::Taiwan) else { return };
    let rendered = render(text, &RenderSettings { allow_raw_html: false, resolve: &resolve, converters: &[&converter] });
    for html in std::iter::once(&rendered.html).chain(rendered.editions.iter().map(|edition| &edition.html)) {
        let active = regionreport::html::active_content(html);
        assert!(active.is_empty(), "{active:?} survived in: {html}");
    }
    for problem in &rendered.problems {
        assert!(problem.line >= 1 && problem.line <= text.lines().count() + 1);
    }
});
