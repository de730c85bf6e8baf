//! The command line as CI uses it: exit codes, JSON output, and a build killed half way.

use std::fs;
use std::process::{Command, Stdio};

use super::diagnostics::fixture_site;
use super::helpers::tree;

fn regionreport() -> Command {
    Command::new(env!("CARGO_BIN_EXE_regionreport"))
}

#[test]
fn check_exit_codes_are_0_clean_1_content_2_usage() {
    let clean = fixture_site("");
    let status = regionreport().args(["check", "--root"]).arg(clean.path()).output().unwrap();
    assert_eq!(status.status.code(), Some(0), "{}", String::from_utf8_lossy(&status.stderr));
    assert!(!clean.path().join("output").exists(), "check writes nothing");

    let broken = fixture_site("negative-count");
    let out = regionreport().args(["check", "--root"]).arg(broken.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("content/regions/alpha.yaml:8:35: error: negative value -3"), "{stderr}");
    assert!(stderr.contains("8 |       - { period: 2023-Q1, value: -3 }"), "the offending line is shown: {stderr}");
    assert!(stderr.trim_end().ends_with("1 error(s), 0 warning(s)"), "{stderr}");

    let usage = regionreport().args(["check", "--no-such-flag"]).output().unwrap();
    assert_eq!(usage.status.code(), Some(2));
}

#[test]
fn strict_turns_warnings_into_failures() {
    let site = fixture_site("out-of-order");
    let lenient = regionreport().args(["check", "--root"]).arg(site.path()).output().unwrap();
    assert_eq!(lenient.status.code(), Some(0));
    let strict = regionreport().args(["check", "--strict", "--root"]).arg(site.path()).output().unwrap();
    assert_eq!(strict.status.code(), Some(1));
}

#[test]
fn check_speaks_json_for_tools() {
    let site = fixture_site("invalid-date");
    let out = regionreport().args(["check", "--format", "json", "--root"]).arg(site.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["errors"], 1);
    assert_eq!(report["diagnostics"][0]["path"], "content/articles/second.md");
    assert_eq!(report["diagnostics"][0]["line"], 3);
    assert_eq!(report["diagnostics"][0]["column"], 7);
}

#[test]
fn build_refuses_a_foreign_folder_unless_forced() {
    let site = fixture_site("");
    let foreign = site.path().join("mine");
    fs::create_dir_all(&foreign).unwrap();
    fs::write(foreign.join("notes.txt"), "keep").unwrap();
    let out = regionreport().args(["build", "--root"]).arg(site.path()).arg("--output").arg(&foreign).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("refusing"));
    assert_eq!(fs::read_to_string(foreign.join("notes.txt")).unwrap(), "keep");
    let forced = regionreport().args(["build", "--force", "--root"]).arg(site.path()).arg("--output").arg(&foreign).output().unwrap();
    assert_eq!(forced.status.code(), Some(0));
    assert!(foreign.join("index.html").exists());
}

#[test]
fn a_build_killed_half_way_leaves_the_previous_output() {
    let site = fixture_site("");
    let build = || regionreport().args(["build", "--root"]).arg(site.path()).output().unwrap();
    assert!(build().status.success());
    let output = site.path().join("output");
    let before = tree(&output);
    // Rename the site, so the next build has to rewrite every page, and stop it dead (the
    // writer's fault setting) as its third file is written: deterministic, whatever the
    // machine's speed.
    let config = site.path().join("content/site.yaml");
    fs::write(&config, fs::read_to_string(&config).unwrap().replace("title: ", "title: 改名后的")).unwrap();
    let killed = regionreport()
        .env("REGIONREPORT_STOP_AT", "file:3")
        .args(["build", "--root"])
        .arg(site.path())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .unwrap();
    assert_eq!(killed.code(), None, "the build was killed by the signal");
    let staging = site.path().join(".output.regionreport-staging");
    assert!(staging.exists(), "the half-written site was in the staging folder");
    assert!(before == tree(&output), "the output changed although the build was killed");

    let finished = build();
    assert!(finished.status.success(), "{}", String::from_utf8_lossy(&finished.stderr));
    assert!(fs::read_to_string(output.join("index.html")).unwrap().contains("改名后的"));
    assert!(!staging.exists(), "the next build cleans up the leftover");
}

#[test]
fn a_reader_that_goes_away_ends_the_output_quietly() {
    let site = fixture_site("invalid-date");
    for format in ["json", "text"] {
        let mut child = regionreport()
            .args(["check", "--format", format, "--root"])
            .arg(site.path())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take()); // as `| head -0` would
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("panicked"), "{format}: {stderr}");
        assert!(out.status.code().is_some(), "{format}: ended by a signal");
    }
}
