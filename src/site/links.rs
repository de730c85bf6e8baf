//! Checking the internal links of rendered pages: every `href` and `src` must reach a file of
//! the output, and every `#fragment` an `id` in the page it points at.

use std::collections::{HashMap, HashSet};
use std::path::{Component, Path, PathBuf};

use super::OutputFile;
use crate::diagnostics::Diagnostic;

/// The values of attribute `name` in `html`. A scanner, not a parser: it relies on attribute
/// values being quoted, which Tera's escaping guarantees for everything the templates print.
pub fn attribute_values<'a>(html: &'a str, name: &str) -> Vec<&'a str> {
    let mut values = Vec::new();
    for quote in ['"', '\''] {
        let pattern = format!(" {name}={quote}");
        let mut rest = html;
        while let Some(start) = rest.find(&pattern) {
            let value_start = start + pattern.len();
            let Some(len) = rest[value_start..].find(quote) else { break };
            values.push(&rest[value_start..value_start + len]);
            rest = &rest[value_start + len..];
        }
    }
    values
}

fn decode(text: &str) -> String {
    let unescaped = text.replace("&amp;", "&").replace("&#39;", "'").replace("&quot;", "\"");
    percent_encoding::percent_decode_str(&unescaped).decode_utf8_lossy().into_owned()
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

/// Every broken internal link in `files`, as diagnostics on the page that holds it.
/// `base_path` is the path of `base_url` (`/repo/`), which the 404 page links from.
pub fn check(files: &[OutputFile], base_path: &str) -> Vec<Diagnostic> {
    let by_path: HashMap<&str, &OutputFile> = files.iter().map(|f| (f.path.as_str(), f)).collect();
    let mut ids: HashMap<&str, HashSet<String>> = HashMap::new();
    let mut problems = Vec::new();
    for file in files.iter().filter(|f| f.path.ends_with(".html")) {
        let html = String::from_utf8_lossy(&file.bytes);
        for target in attribute_values(&html, "href").into_iter().chain(attribute_values(&html, "src")) {
            if let Some(problem) = check_one(file, target, base_path, &by_path, &mut ids) {
                problems.push(Diagnostic::error(format!("output/{}", file.path), problem));
            }
        }
    }
    problems
}

fn check_one<'a>(
    page: &OutputFile,
    target: &str,
    base_path: &str,
    files: &HashMap<&str, &'a OutputFile>,
    ids: &mut HashMap<&'a str, HashSet<String>>,
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
    let known = ids.entry(file.path.as_str()).or_insert_with(|| {
        let html = String::from_utf8_lossy(&file.bytes);
        attribute_values(&html, "id").into_iter().map(decode).collect()
    });
    (!known.contains(&fragment)).then(|| format!("link to `{target}`: {} has no element with id `{fragment}`", file.path))
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let problems: Vec<String> = check(&files, "/").into_iter().map(|d| format!("{}: {}", d.path.display(), d.message)).collect();
        assert_eq!(
            problems,
            [
                "output/index.html: link to `a/index.html#nope`: a/index.html has no element with id `nope`",
                "output/index.html: link to `missing.svg`: no such file in the output",
                "output/a/index.html: link to `../../up.html`: no such file in the output",
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
        assert!(check(&files, "/repo/").is_empty(), "{:?}", check(&files, "/repo/"));
    }
}
