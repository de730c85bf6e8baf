//! Throughput of the 繁體 conversion on a site's articles: `convert_bench SITE`.
use rayon::prelude::*;
use regionreport::edition::convert::{Converter, Variant};
use std::time::Instant;

fn main() {
    let root = std::path::PathBuf::from(std::env::args().nth(1).expect("SITE"));
    let texts: Vec<String> = walkdir::WalkDir::new(root.join("content/articles"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| std::fs::read_to_string(e.path()).unwrap_or_default())
        .collect();
    let bytes: usize = texts.iter().map(String::len).sum();
    let converter = Converter::new(Variant::Taiwan).unwrap();
    for round in 0..2 {
        let started = Instant::now();
        let out: usize = texts.par_iter().map(|t| converter.convert(t).len()).sum();
        let s = started.elapsed().as_secs_f64();
        println!(
            "cached, round {round}: {:.1} MB in {:.2} s ({:.1} MB/s), out {:.1} MB",
            bytes as f64 / 1e6,
            s,
            bytes as f64 / 1e6 / s,
            out as f64 / 1e6
        );
    }
    let opencc = ferrous_opencc::OpenCC::from_config(ferrous_opencc::config::BuiltinConfig::S2twp).unwrap();
    let started = Instant::now();
    let out: usize = texts.par_iter().map(|t| opencc.convert(t).len()).sum();
    let s = started.elapsed().as_secs_f64();
    println!(
        "OpenCC alone: {:.1} MB in {:.2} s ({:.1} MB/s), out {:.1} MB",
        bytes as f64 / 1e6,
        s,
        bytes as f64 / 1e6 / s,
        out as f64 / 1e6
    );
}
