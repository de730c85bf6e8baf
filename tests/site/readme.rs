//! The README's tour, run as a newcomer would: its sample region file builds, and the error it
//! shows for a mistake is the one the program prints.

use std::fs;

use super::helpers::{check_headlines, example_root};

fn readme() -> String {
    fs::read_to_string(example_root().join("README.md")).unwrap()
}

/// The fenced block of `language` whose first line starts with `first`.
fn block(text: &str, language: &str, first: &str) -> String {
    let fence = format!("```{language}\n");
    text.split(&fence)
        .skip(1)
        .map(|rest| rest.split("```").next().unwrap_or(""))
        .find(|b| b.starts_with(first))
        .unwrap_or_default()
        .to_string()
}

#[test]
fn the_tour_s_sample_error_is_what_the_program_prints() {
    let text = readme();
    let region = block(&text, "yaml", "name: 陕西");
    assert!(region.contains("series:"), "the tour's region file is in README");
    let shown =
        text.lines().find(|l| l.starts_with("content/regions/shaanxi.yaml:") && l.contains(": error: period `")).expect("a sample error");
    let period = shown.split("period `").nth(1).and_then(|r| r.split('`').next()).unwrap();
    let site = tempfile::tempdir().unwrap();
    for entry in walkdir::WalkDir::new(example_root().join("content")).into_iter().flatten() {
        let target = site.path().join(entry.path().strip_prefix(example_root()).unwrap());
        if entry.file_type().is_dir() {
            fs::create_dir_all(&target).unwrap();
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
    fs::write(site.path().join("content/regions/shaanxi.yaml"), &region).unwrap();
    assert_eq!(check_headlines(site.path(), true), Vec::<String>::new(), "the tour's file builds as it is");
    fs::write(site.path().join("content/regions/shaanxi.yaml"), format!("{region}      - {{ period: {period}, value: 9.6 }}\n")).unwrap();
    assert_eq!(check_headlines(site.path(), true), [shown]);
}

#[test]
fn every_built_in_template_and_its_variables_are_documented() {
    let text = readme();
    for (name, _) in regionreport::render::BUILTIN_TEMPLATES {
        if matches!(*name, "base.html" | "macros.html") {
            continue; // described in prose: the layout and the macros
        }
        assert!(text.contains(&format!("| `{name}` |")), "README's template table has no row for {name}");
    }
}
