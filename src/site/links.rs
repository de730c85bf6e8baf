//! Checking the internal links of rendered pages: every `href` and `src` must reach a file of
//! the output, and every `#fragment` an `id` in the page it points at. Pages are read with a
//! real HTML parser ([`crate::html`]), so a template's unquoted or multi-line attributes and
//! every character reference count as a browser would read them.

use std::collections::{HashMap, HashSet};
use std::path::{Component, Path, PathBuf};

use super::OutputFile;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::html::{self, Item};

/// The `href` and `src` values of a page, and its `id`s, as a browser reads them.
fn links_and_ids(html_text: &str) -> (Vec<String>, HashSet<String>) {
    let (mut links, mut ids) = (Vec::new(), HashSet::new());
    html::scan(html_text, |item| {
        if let Item::Start(tag) = item {
            for (name, value) in &tag.attributes {
                match name.as_str() {
                    "href" | "src" => links.push(value.clone()),
                    "id" => {
                        ids.insert(value.clone());
                    }
                    _ => {}
                }
            }
        }
    });
    (links, ids)
}

fn decode(text: &str) -> String {
    percent_encoding::percent_decode_str(text).decode_utf8_lossy().into_owned()
}

/// The output path a link from `page` to `target` reaches, or `None` if it climbs out.
fn resolve(page: &str, target: &str, base_path: &str) -> Option<String> {
    let mut path = match target.strip_prefix(base_path) {
        Some(rest) if target.starts_with('/') => PathBuf::from(rest),
        _ if target.starts_with('/') => return None,
        _ => Path::new(page).parent().unwrap_or(Path::new("")).join(target),
    };
    if target.is_empty() || target.ends_with('/') {
        path.push("index.html");
    }
    let mut normal = PathBuf::new();
    for component in path.components() {
        match component {
            Component::ParentDir if !normal.pop() => return None,
            Component::Normal(part) => normal.push(part),
            _ => {}
        }
    }
    Some(normal.to_string_lossy().into_owned())
}

/// Every broken internal link in `files`, as diagnostics on the page that holds it, named by
/// where it is written (`output`, the output folder as the user named it). `base_path` is the
/// path of `base_url` (`/repo/`), which the 404 page links from.
pub fn check(files: &[OutputFile], base_path: &str, output: &Path, problems: &Diagnostics) {
    let pages: Vec<&OutputFile> = files.iter().filter(|f| f.path.ends_with(".html")).collect();
    let parsed: HashMap<&str, (Vec<String>, HashSet<String>)> =
        pages.iter().map(|f| (f.path.as_str(), links_and_ids(&String::from_utf8_lossy(&f.bytes)))).collect();
    let by_path: HashMap<&str, &OutputFile> = files.iter().map(|f| (f.path.as_str(), f)).collect();
    for page in pages {
        for target in &parsed[page.path.as_str()].0 {
            if let Some(problem) = check_one(page, target, base_path, &by_path, &parsed) {
                problems.push(Diagnostic::error(output.join(&page.path), problem));
            }
        }
    }
}

fn check_one(
    page: &OutputFile,
    target: &str,
    base_path: &str,
    files: &HashMap<&str, &OutputFile>,
    parsed: &HashMap<&str, (Vec<String>, HashSet<String>)>,
) -> Option<String> {
    let external = ["http://", "https://", "mailto:", "data:"].iter().any(|p| target.starts_with(p));
    if external {
        return None;
    }
    let (path, fragment) = match target.split_once('#') {
        Some((p, f)) => (p, Some(decode(f))),
        None => (target, None),
    };
    let resolved = if path.is_empty() { Some(page.path.clone()) } else { resolve(&page.path, &decode(path), base_path) };
    let Some(file) = resolved.as_deref().and_then(|p| files.get(p)) else {
        return Some(format!("link to `{target}`: no such file in the output"));
    };
    let fragment = fragment.filter(|f| !f.is_empty())?;
    let known = parsed.get(file.path.as_str()).map(|(_, ids)| ids);
    (!known.is_some_and(|ids| ids.contains(&fragment)))
        .then(|| format!("link to `{target}`: {} has no element with id `{fragment}`", file.path))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The problems `check` reports, sorted.
    fn found(files: &[OutputFile], base_path: &str, output: &str) -> Vec<Diagnostic> {
        let problems = Diagnostics::default();
        check(files, base_path, Path::new(output), &problems);
        problems.sorted()
    }

    fn page(path: &str, html: &str) -> OutputFile {
        OutputFile::new(path.into(), html)
    }

    #[test]
    fn finds_missing_files_and_anchors() {
        let files = vec![
            page(
                "index.html",
                r#"<a href="a/index.html#top">a</a> <a href="a/index.html#nope">b</a> <img src="missing.svg"> <a href="https://x.org/">x</a>"#,
            ),
            page("a/index.html", r#"<h2 id="top">t</h2><a href="../index.html">home</a><a href='../../up.html'>up</a>"#),
        ];
        let problems: Vec<String> =
            found(&files, "/", "output").into_iter().map(|d| format!("{}: {}", d.path.display(), d.message)).collect();
        assert_eq!(
            problems,
            [
                "output/a/index.html: link to `../../up.html`: no such file in the output",
                "output/index.html: link to `a/index.html#nope`: a/index.html has no element with id `nope`",
                "output/index.html: link to `missing.svg`: no such file in the output",
            ]
        );
    }

    #[test]
    fn percent_encoded_paths_and_base_paths_resolve() {
        let files = vec![
            page("tags/上门/index.html", r#"<h1 id="标题">t</h1>"#),
            page("404.html", r#"<a href="/repo/tags/%E4%B8%8A%E9%97%A8/index.html#%E6%A0%87%E9%A2%98">t</a><a href="/repo/">home</a>"#),
            page("index.html", ""),
        ];
        assert!(found(&files, "/repo/", "out").is_empty(), "{:?}", found(&files, "/repo/", "out"));
    }

    #[test]
    fn unquoted_multiline_and_encoded_attributes_are_read_as_a_browser_would() {
        let files = vec![
            page(
                "index.html",
                "<a href=gone.html>x</a><a\nhref\n=\n\"also&#45;gone.html\"\n>y</a><img src='a&amp;b.svg'><a href=#here>z</a>",
            ),
            page("a&b.svg", "<svg/>"),
        ];
        let problems: Vec<String> = found(&files, "/", "/tmp/site-out").into_iter().map(|d| d.headline()).collect();
        assert_eq!(
            problems,
            [
                "/tmp/site-out/index.html: error: link to `#here`: index.html has no element with id `here`",
                "/tmp/site-out/index.html: error: link to `also-gone.html`: no such file in the output",
                "/tmp/site-out/index.html: error: link to `gone.html`: no such file in the output",
            ]
        );
    }
}
