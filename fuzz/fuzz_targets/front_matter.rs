//! Splitting and reading an article's front matter, and looking for signs of damaged text,
//! must never panic, whatever the bytes.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use regionreport::content::{damage, front_matter, parse_article};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    for finding in damage::scan(Path::new("a.md"), text) {
        // Every finding points at a character of the file.
        let line = text.split('\n').nth(finding.line - 1).expect("the line exists");
        assert!(finding.column >= 1 && finding.column <= line.chars().count());
    }
    if let Ok(split) = front_matter::split(text) {
        let _ = front_matter::parse(Path::new("a.md"), &split);
    }
    if let Ok(article) = parse_article(Path::new("a.md"), "a", text.to_string()) {
        // The body must be a suffix of the file, at the line the article says.
        let body = article.body().expect("a parsed article keeps its body until it lets it go");
        assert!(text.ends_with(body));
        assert_eq!(article.body_in(text), body);
    }
});
