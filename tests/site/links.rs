//! Every internal link and image in every page reaches a file (and anchor) of the output.

use std::collections::HashSet;
use std::path::{Component, Path, PathBuf};

use scraper::{Html, Selector};

use super::helpers::*;

/// The base path of the example's `base_url`, which the 404 page links from.
const BASE_PATH: &str = "/regionreport/";

fn decode(s: &str) -> String {
    percent_encoding::percent_decode_str(s).decode_utf8_lossy().into_owned()
}

/// Resolves `target` (relative to the page at `page`) to an output path.
fn resolve(page: &str, target: &str) -> Option<String> {
    let mut path = if let Some(abs) = target.strip_prefix(BASE_PATH) {
        PathBuf::from(abs)
    } else {
        Path::new(page).parent().unwrap_or(Path::new("")).join(target)
    };
    if target.is_empty() || target.ends_with('/') || target == BASE_PATH.trim_end_matches('/') {
        path.push("index.html");
    }
    let mut normal = PathBuf::new();
    for c in path.components() {
        match c {
            Component::ParentDir if !normal.pop() => return None,
            Component::ParentDir => {}
            Component::Normal(p) => normal.push(p),
            _ => {}
        }
    }
    Some(normal.to_string_lossy().into_owned())
}

fn ids(html: &Html) -> HashSet<String> {
    let sel = Selector::parse("[id]").unwrap();
    html.select(&sel).filter_map(|e| e.value().attr("id")).map(str::to_owned).collect()
}

#[test]
fn every_internal_href_and_src_resolves() {
    let built = example();
    let tree = built.tree();
    let sel = Selector::parse("[href], [src]").unwrap();
    let mut checked = 0;
    let mut broken = Vec::new();
    for page in html_pages(built) {
        let doc = Html::parse_document(&built.read(&page));
        for el in doc.select(&sel) {
            let target = el.value().attr("href").or(el.value().attr("src")).unwrap();
            if target.starts_with("http://") || target.starts_with("https://") || target.starts_with("mailto:") {
                continue;
            }
            let (path, fragment) = match target.split_once('#') {
                Some((p, f)) => (p, Some(decode(f))),
                None => (target, None),
            };
            let file = if path.is_empty() { Some(page.clone()) } else { resolve(&page, &decode(path)) };
            checked += 1;
            let Some(file) = file.filter(|f| tree.contains_key(f)) else {
                broken.push(format!("{page}: {target} (no such file)"));
                continue;
            };
            if let Some(fragment) = fragment {
                let target_doc = Html::parse_document(&String::from_utf8_lossy(&tree[&file]));
                if !ids(&target_doc).contains(&fragment) {
                    broken.push(format!("{page}: {target} (no id `{fragment}` in {file})"));
                }
            }
        }
    }
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
    assert!(checked > 200, "only {checked} links checked");
}

#[test]
fn check_notices_links_broken_in_a_built_page() {
    let built = example();
    let mut files: Vec<regionreport::site::OutputFile> =
        built.tree().into_iter().map(|(path, bytes)| regionreport::site::OutputFile::new(path, bytes)).collect();
    let clean = link_problems(&files);
    assert!(clean.is_empty(), "{clean:?}");
    let page = files.iter_mut().find(|f| f.path == "regions/hunan/index.html").unwrap();
    let broken = String::from_utf8_lossy(&page.bytes).replace(
        "</main>",
        "<a href=../../articles/nope/index.html>x</a><a href='#nowhere'>y</a><img src=\"../../charts/gone.svg\"></main>",
    );
    page.bytes = broken.into_bytes();
    let found: Vec<String> = link_problems(&files).iter().map(|d| d.headline()).collect();
    assert_eq!(
        found,
        [
            "out/regions/hunan/index.html: error: link to `#nowhere`: regions/hunan/index.html has no element with id `nowhere`",
            "out/regions/hunan/index.html: error: link to `../../articles/nope/index.html`: no such file in the output",
            "out/regions/hunan/index.html: error: link to `../../charts/gone.svg`: no such file in the output",
        ]
    );
}

#[test]
fn pages_link_to_folders_through_index_html_so_they_work_from_disk() {
    let html = example().read("index.html");
    assert!(html.contains("href=\"regions/hunan/index.html\""));
    assert!(html.contains("href=\"style.css\""));
    let article = example().read("articles/hunan-industry-overview/index.html");
    assert!(article.contains("href=\"../../style.css\""));
    assert!(article.contains("href=\"../../regions/hunan/index.html\""), "@/ links resolve relatively");
}

/// What `check` says of the links in `files`, sorted.
fn link_problems(files: &[regionreport::site::OutputFile]) -> Vec<regionreport::diagnostics::Diagnostic> {
    let problems = regionreport::diagnostics::Diagnostics::default();
    regionreport::site::links::check(files, BASE_PATH, Path::new("out"), &problems);
    problems.sorted()
}
