//! Markdown with shortcodes to HTML must never panic, and the output, read with a real HTML
//! parser, must hold no active content (script-like elements, event handlers, `style`, URLs
//! the URL policy refuses), whatever the input.
#![no_main]

use libfuzzer_sys::fuzz_target;
use regionreport::content::markdown::{render, RenderSettings};

fn resolve(target: &str) -> Option<String> {
    target.starts_with("articles/").then(|| format!("../../{target}"))
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let rendered = render(text, &RenderSettings { allow_raw_html: false, resolve: &resolve });
    let active = regionreport::html::active_content(&rendered.html);
    assert!(active.is_empty(), "{active:?} survived in: {}", rendered.html);
    for problem in &rendered.problems {
        assert!(problem.line >= 1 && problem.line <= text.lines().count() + 1);
    }
});
