//! What making the 繁體 copy of built pages costs: `edition_bench OUTPUT` reads every article
//! page of a built site and converts it as the build does (lol_html and OpenCC) on every
//! thread, beside lol_html passing the pages through with no handler, and with one handler
//! that does nothing (what registering a handler costs by itself).
use rayon::prelude::*;
use regionreport::edition::convert::{Converter, Variant};
use regionreport::edition::markup::{convert, Target};
use std::time::Instant;

fn main() {
    let out = std::path::PathBuf::from(std::env::args().nth(1).expect("usage: edition_bench OUTPUT"));
    let pages: Vec<String> = walkdir::WalkDir::new(out.join("articles"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| std::fs::read_to_string(e.path()).unwrap_or_default())
        .collect();
    let mb = pages.iter().map(String::len).sum::<usize>() as f64 / 1e6;
    println!("{} article pages, {mb:.1} MB", pages.len());
    let measure = |what: &str, rewrite: &(dyn Fn(&str) -> usize + Sync)| {
        let started = Instant::now();
        let out: usize = pages.par_iter().map(|p| rewrite(p)).sum();
        let s = started.elapsed().as_secs_f64();
        println!("{what}: {s:.2} s ({:.0} MB/s), {:.1} MB out", mb / s, out as f64 / 1e6);
    };
    let len = |result: Result<String, lol_html::errors::RewritingError>| result.map_or(0, |s| s.len());
    measure("lol_html, no handler", &|p| len(lol_html::rewrite_str(p, lol_html::RewriteStrSettings::new())));
    measure("lol_html, a text handler doing nothing", &|p| {
        len(lol_html::rewrite_str(p, lol_html::RewriteStrSettings::new().append_document_content_handler(lol_html::doc_text!(|_| Ok(())))))
    });
    let converter = Converter::new(Variant::Taiwan).expect("built-in dictionaries");
    let target = Target { converter: &converter, language: "zh-Hant", prefix: "zh-hant/", base_url: "https://example.org/" };
    measure("converted as the build does", &|p| convert(p, &target).map_or(0, |s| s.len()));
}
