//! Throughput of the 繁體 conversion on a site's articles: `convert_bench SITE`. Converts every
//! article file to Taiwan's script and phrasing with the build's converter (OpenCC's rounds
//! as tables by character and by first two characters), with opencc-fmmseg and with ferrous-opencc, each on every thread,
//! three times; prints each time and how many articles each library converts differently.
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
    let measure = |what: &str, convert: &(dyn Fn(&str) -> String + Sync)| -> Vec<String> {
        let mut out = Vec::new();
        for round in 1..=3 {
            let started = Instant::now();
            out = texts.par_iter().map(|t| convert(t)).collect();
            let s = started.elapsed().as_secs_f64();
            println!("{what}, round {round}: {mb:.1} MB in {s:.2} s ({:.1} MB/s)", mb / s);
        }
        out
    };
    let started = Instant::now();
    let converter = Converter::new(Variant::Taiwan).expect("built-in dictionaries");
    converter.convert("预热");
    println!("tables made in {:.2} s", started.elapsed().as_secs_f64());
    let ours = measure("tables", &|t| converter.convert(t));
    let fmmseg = regionreport::edition::convert::opencc().expect("built-in dictionaries");
    let by_fmmseg = measure("opencc-fmmseg", &|t| fmmseg.s2twp(t, false));
    let ferrous = ferrous_opencc::OpenCC::from_config(ferrous_opencc::config::BuiltinConfig::S2twp).expect("built-in dictionaries");
    let by_ferrous = measure("ferrous-opencc", &|t| ferrous.convert(t));
    for (name, theirs) in [("opencc-fmmseg", by_fmmseg), ("ferrous-opencc", by_ferrous)] {
        let differ = ours.iter().zip(&theirs).filter(|(a, b)| a != b).count();
        println!("articles {name} converts differently: {differ} of {}", texts.len());
    }
}
