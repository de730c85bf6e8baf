//! The one way out: two things never claim one output path, one build writes an output folder
//! at a time, and a build stopped at the swap leaves the old site or the new one, never none.

use std::fs;
use std::path::Path;
use std::process::Command;

use regionreport::site::{BuildError, BuildOptions};

use super::diagnostics::fixture_site;
use super::helpers::{check_headlines, tree};

fn options(root: &Path) -> BuildOptions {
    BuildOptions { root: root.to_path_buf(), ..Default::default() }
}

fn regionreport() -> Command {
    Command::new(env!("CARGO_BIN_EXE_regionreport"))
}

/// A region file with one yearly series.
fn region(name: &str, series: &str) -> String {
    format!(
        "name: {name}\nseries:\n  - id: {series}\n    title: 规模\n    unit: 亿元\n    frequency: year\n    points:\n      - {{ period: '2023', value: 1 }}\n"
    )
}

/// Every error `check` and `build` report for the site at `root`; they must agree.
fn errors(root: &Path) -> Vec<String> {
    let checked = check_headlines(root, true);
    let Err(BuildError::Content(built)) = regionreport::build(&options(root)) else { panic!("the build must fail") };
    let built: Vec<String> =
        built.iter().filter(|d| d.severity == regionreport::diagnostics::Severity::Error).map(|d| d.headline()).collect();
    assert_eq!(checked, built, "check and build report the same");
    assert!(!root.join("output").exists(), "nothing was written");
    checked
}

#[test]
fn two_regions_drawing_one_chart_file_are_named_together() {
    let site = fixture_site("");
    let root = site.path();
    fs::write(root.join("content/regions/a.yaml"), region("甲", "b-c")).unwrap();
    fs::write(root.join("content/regions/a-b.yaml"), region("乙", "c")).unwrap();
    assert_eq!(
        errors(root),
        ["content/regions/a-b.yaml: error: output path `charts/a-b-c.svg` is claimed twice: by region `a`, series `b-c` (content/regions/a.yaml) and by region `a-b`, series `c` (content/regions/a-b.yaml); rename one of them"]
    );
}

#[test]
fn a_region_named_like_a_file_of_the_site_is_refused() {
    let site = fixture_site("");
    let root = site.path();
    fs::write(root.join("content/regions/all.yaml"), region("全部", "x")).unwrap();
    fs::write(root.join("content/regions/compare.yaml"), region("对比", "market-size")).unwrap();
    assert_eq!(
        errors(root),
        [
            "content/regions/all.yaml: error: output path `data/all.csv` is claimed twice: by region `all` (content/regions/all.yaml) and by the download of all regions; rename one of them",
            "content/regions/compare.yaml: error: output path `charts/compare-market-size.svg` is claimed twice: by region `compare`, series `market-size` (content/regions/compare.yaml) and by the comparison charts; rename one of them",
        ]
    );
}

#[test]
fn every_file_a_build_writes_was_claimed_first() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let inputs = regionreport::site::read::read_inputs(root);
    let problems = regionreport::diagnostics::Diagnostics::default();
    let prepared = regionreport::site::prepare(&options(root), inputs, &problems).unwrap();
    let claimed: std::collections::BTreeSet<String> =
        regionreport::site::claims::claims(&prepared.sites[0], &prepared.templates).into_iter().map(|(path, _)| path).collect();
    let collector = regionreport::site::Collector::default();
    let inputs = regionreport::site::read::read_inputs(root);
    regionreport::site::generate(&options(root), inputs, &collector).unwrap();
    let written: Vec<String> = collector.0.into_inner().unwrap().into_iter().map(|file| file.path).collect();
    assert!(written.iter().any(|p| p.starts_with("zh-hant/")), "both editions are written");
    assert!(written.len() > 50);
    let unclaimed: Vec<&String> = written.iter().filter(|p| !claimed.contains(*p)).collect();
    assert!(unclaimed.is_empty(), "written without a claim: {unclaimed:?}");
}

#[test]
fn a_second_build_of_the_same_output_is_told_and_stops() {
    let site = fixture_site("");
    let output = site.path().join("output");
    let lock = regionreport::site::write::OutputLock::take(&output).unwrap();
    let out = regionreport().args(["build", "--root"]).arg(site.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.trim_end(), format!("error: another build is writing {}; try again when it has finished", output.display()));
    drop(lock);
    assert!(regionreport().args(["build", "--root"]).arg(site.path()).output().unwrap().status.success());
}

/// Runs a build stopped dead (the writer's fault setting, `site::write::fault`) at `step`.
fn build_stopped_at(root: &Path, step: &str) -> std::process::Output {
    regionreport().env("REGIONREPORT_STOP_AT", step).args(["build", "--root"]).arg(root).output().unwrap()
}

#[test]
fn a_build_killed_at_the_swap_leaves_the_old_site_or_the_new_one() {
    let site = fixture_site("");
    let root = site.path();
    let output = root.join("output");
    assert!(regionreport().args(["build", "--root"]).arg(root).output().unwrap().status.success());
    let old = tree(&output);
    let config = root.join("content/site.yaml");
    fs::write(&config, fs::read_to_string(&config).unwrap().replace("title: ", "title: 新")).unwrap();
    // Stopped dead as it is about to swap: the new site is whole in the staging folder, the
    // old one whole in place. (.ci/run also kills a build inside the swap's system call.)
    let killed = build_stopped_at(root, "swap:1");
    assert_eq!(killed.status.code(), None, "stopped by a signal: {}", String::from_utf8_lossy(&killed.stderr));
    assert!(tree(&output) == old, "the old site is in place, unchanged");
    let staged = root.join(".output.regionreport-staging");
    assert!(fs::read_to_string(staged.join("index.html")).unwrap().contains("新"), "the new site waits whole in the staging folder");
    let finished = regionreport().args(["build", "--root"]).arg(root).output().unwrap();
    assert!(finished.status.success(), "{}", String::from_utf8_lossy(&finished.stderr));
    assert!(fs::read_to_string(output.join("index.html")).unwrap().contains("新"));
}
