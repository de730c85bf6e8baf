//! Recall of search on any site, and what building its index costs: builds the index of the
//! site at SITE (articles, region pages, compare/), makes a query set from its own text
//! (QUERIES random pieces of two to four characters, every tag and region name, each in both
//! scripts) and compares each query's results with a plain substring scan of every page.
//!
//!   cargo run --release --example search_recall -- SITE [QUERIES] [--json FILE]
//!
//! Exits with 1 when a page containing a query was not found. With `--json FILE`, also writes
//! each query with the pages that contain it (root-relative URLs), to measure another search
//! engine against the same set (`benches/pagefind-recall.mjs`).

use std::time::Instant;

use regionreport::search::index::Index;
use regionreport::search::recall;
use regionreport::site::{self, read, BuildOptions};

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let json = args.iter().position(|a| a == "--json").and_then(|i| args.get(i + 1)).cloned();
    let positional: Vec<&String> = args.iter().filter(|a| !a.starts_with("--") && Some(*a) != json.as_ref()).collect();
    let root =
        std::path::PathBuf::from(positional.first().ok_or_else(|| anyhow::anyhow!("usage: search_recall SITE [QUERIES] [--json FILE]"))?);
    let count: usize = positional.get(1).map_or(Ok(300), |n| n.parse())?;
    let options = BuildOptions { root: root.clone(), ..Default::default() };
    let problems = regionreport::diagnostics::Diagnostics::default();
    let prepared = site::prepare(&options, read::read_inputs(&root), &problems).map_err(|e| anyhow::anyhow!("{e}"))?;
    let started = Instant::now();
    let docs = site::search::documents(&prepared.sites[0], &prepared.rendered[0]);
    let pages = docs.len();
    let index = Index::build(docs);
    let built = started.elapsed();
    let (bigrams, postings) = index.size();
    let mut names: Vec<String> = prepared.sites[0].tags.values().map(|(name, _)| name.clone()).collect();
    names.extend(prepared.sites[0].regions.iter().map(|r| r.name.clone()));
    let queries = recall::query_set(&index, &names, count, 7);
    let started = Instant::now();
    let measured = recall::measure(&index, &queries);
    println!(
        "{pages} pages, {} bigrams, {postings} postings, index built in {:.0} ms; {} queries ({:.0} ms), {} pages expected, recall {:.4}, {} missed, {} wrong",
        bigrams,
        built.as_secs_f64() * 1000.0,
        measured.queries,
        started.elapsed().as_secs_f64() * 1000.0,
        measured.expected,
        measured.ratio(),
        measured.missed.len(),
        measured.wrong.len()
    );
    if let Some(file) = json {
        let set: Vec<serde_json::Value> = queries
            .iter()
            .map(|q| {
                let mut pages: Vec<&str> = index.search(q).into_iter().map(|d| index.docs[d as usize].url.as_str()).collect();
                pages.sort_unstable();
                serde_json::json!({ "query": q, "pages": pages })
            })
            .collect();
        std::fs::write(file, serde_json::to_string(&set)?)?;
    }
    for (query, url) in measured.missed.iter().take(10) {
        println!("missed: {query} in {url}");
    }
    if measured.missed.is_empty() && measured.wrong.is_empty() {
        Ok(())
    } else {
        std::process::exit(1)
    }
}
