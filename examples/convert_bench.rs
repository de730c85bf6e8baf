//! Throughput of the 繁體 conversion on a site's articles: `convert_bench SITE`. Converts every
//! article file with the build's converter (clause by clause, clauses met before taken from a
//! cache) twice, then with OpenCC alone, which is what text that never repeats costs.
use rayon::prelude::*;
use regionreport::edition::convert::{Converter, Variant};
use std::time::Instant;

fn main() {
    let root = std::path::PathBuf::from(std::env::args().nth(1).expect("usage: convert_bench SITE"));
    let texts: Vec<String> = walkdir::WalkDir::new(root.join("content/articles"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| std::fs::read_to_string(e.path()).unwrap_or_default())
        .collect();
    let mb = texts.iter().map(String::len).sum::<usize>() as f64 / 1e6;
    let measure = |what: &str, convert: &(dyn Fn(&str) -> String + Sync)| {
        let started = Instant::now();
        let out: usize = texts.par_iter().map(|t| convert(t).len()).sum();
        let s = started.elapsed().as_secs_f64();
        println!("{what}: {mb:.1} MB in {s:.2} s ({:.1} MB/s), out {:.1} MB", mb / s, out as f64 / 1e6);
    };
    let converter = Converter::new(Variant::Taiwan).expect("built-in dictionaries");
    measure("cached, first round", &|t| converter.convert(t));
    measure("cached, second round", &|t| converter.convert(t));
    let opencc = ferrous_opencc::OpenCC::from_config(ferrous_opencc::config::BuiltinConfig::S2twp).expect("built-in dictionaries");
    measure("OpenCC alone", &|t| opencc.convert(t));
}
