//! Markdown with shortcodes to HTML must never panic, and the output, read with a real HTML
//! parser, must hold no active content (script-like elements, event handlers, `style`, URLs
//! the URL policy refuses), whatever the input: in the first edition's script and in a 繁體
//! edition's. The 繁體 body has the first's elements and attributes, in the same order: text
//! an author types changes nothing but the text where it is written.
#![no_main]

use std::collections::BTreeMap;
use std::sync::Arc;

use libfuzzer_sys::fuzz_target;
use regionreport::content::markdown::{render, RenderSettings};
use regionreport::edition::convert::Variant;
use regionreport::edition::{Edition, Messages};

fn resolve(target: &str) -> Option<String> {
    target.starts_with("articles/").then(|| format!("../../{target}"))
}

/// Each start tag by name and attribute names, in order.
fn structure(html: &str) -> Vec<String> {
    let tags = regionreport::html::start_tags(html);
    tags.iter().map(|t| format!("{}{:?}", t.name, t.attributes.iter().map(|(n, _)| n).collect::<Vec<_>>())).collect()
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let glossary = BTreeMap::from([("示例".to_string(), "範例".to_string())]);
    let messages = Arc::new(Messages::builtin("zh-Hant"));
    let Some(taiwan) = Edition::converting("zh-Hant", Variant::Taiwan, &glossary, messages) else { return };
    let rendered = render(text, &RenderSettings { allow_raw_html: false, resolve: &resolve, editions: &[&taiwan] });
    for html in std::iter::once(&rendered.html).chain(rendered.editions.iter().map(|edition| &edition.html)) {
        let active = regionreport::html::active_content(html);
        assert!(active.is_empty(), "{active:?} survived in: {html}");
    }
    for edition in &rendered.editions {
        assert_eq!(structure(&rendered.html), structure(&edition.html), "the 繁體 body's elements differ");
        assert_eq!(rendered.html.chart_at.len(), edition.html.chart_at.len());
    }
    for problem in &rendered.problems {
        assert!(problem.line >= 1 && problem.line <= text.lines().count() + 1);
    }
});
