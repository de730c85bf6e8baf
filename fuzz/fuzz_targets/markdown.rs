//! Markdown with shortcodes to HTML must never panic, and the sanitized output must hold no
//! script element, whatever the input.
#![no_main]

use libfuzzer_sys::fuzz_target;
use regionreport::content::markdown::{render, RenderSettings};

fn resolve(target: &str) -> Option<String> {
    target.starts_with("articles/").then(|| format!("../../{target}"))
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let rendered = render(text, &RenderSettings { allow_raw_html: false, resolve: &resolve });
    let lower = rendered.html.to_ascii_lowercase();
    assert!(!lower.contains("<script"), "script survived: {}", rendered.html);
    for (line, _) in &rendered.problems {
        assert!(*line >= 1 && *line <= text.lines().count() + 1);
    }
});
