//! `regionreport import` on the pages in tests/fixtures/import/, each imitating damage found
//! in real copied articles: every draft is compared byte for byte with the one checked in,
//! every warning with its line and column. `REGIONREPORT_BLESS=1 cargo test import` writes the
//! expected files again after a deliberate change (then read the diff).

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use regionreport::import::{self, ImportOptions, SiteFacts};

use super::helpers::*;

/// A fixture and the options an editor would give with it.
struct Case {
    input: &'static str,
    date: Option<&'static str>,
}

const CASES: [Case; 8] = [
    Case { input: "traditional-glosses.txt", date: None },
    Case { input: "filter-gaps.txt", date: None },
    Case { input: "no-byline.txt", date: Some("2024-02-01") },
    Case { input: "relative-date.txt", date: Some("2024-12-27") },
    Case { input: "furniture.txt", date: None },
    Case { input: "sections.txt", date: None },
    Case { input: "ambiguous.txt", date: None },
    Case { input: "page.html", date: None },
];

fn fixtures() -> PathBuf {
    example_root().join("tests/fixtures/import")
}

fn imported(input: &str, date: Option<&str>) -> Result<import::Imported, String> {
    let site = SiteFacts::load(&example_root()).unwrap();
    let options = ImportOptions { root: example_root(), date: date.map(str::to_owned), ..Default::default() };
    import::import(&fixtures().join(input), &site, &options)
}

/// Checks `actual` against the checked-in file `name`, or writes it when blessing.
fn expect(name: &str, actual: &str) {
    let path = fixtures().join(name);
    if std::env::var_os("REGIONREPORT_BLESS").is_some() {
        fs::write(&path, actual).unwrap();
    }
    let expected = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    assert!(expected == actual, "{name} differs:\n--- expected\n{expected}\n--- actual\n{actual}");
}

#[test]
fn each_fixture_imports_as_checked_in() {
    for case in &CASES {
        let draft = imported(case.input, case.date).unwrap_or_else(|e| panic!("{}: {e}", case.input));
        let stem = case.input.rsplit_once('.').unwrap().0;
        expect(&format!("{stem}.expected.md"), &draft.text);
        let mut report = format!("{}\n", draft.path.display());
        for warning in &draft.warnings {
            report.push_str(&warning.headline());
            report.push('\n');
        }
        expect(&format!("{stem}.expected.warnings"), &report);
    }
}

#[test]
fn warnings_point_at_the_damage_in_the_written_file() {
    let draft = imported("filter-gaps.txt", None).unwrap();
    let (mut spaces, mut halves) = (0, 0);
    for warning in &draft.warnings {
        let line = draft.text.lines().nth(warning.line - 1).unwrap();
        let at: String = line.chars().skip(warning.column - 1).take(2).collect();
        if warning.message.starts_with("a space between") {
            assert!(at.starts_with(' '), "{}: {at:?}", warning.headline());
            spaces += 1;
        } else {
            // `问也`: elsewhere `问` is followed by `题` …
            let quoted = warning.message.split('`').nth(1).unwrap();
            assert_eq!(at, quoted, "{}", warning.headline());
            halves += 1;
        }
    }
    assert_eq!((spaces, halves), (3, 2), "the three spaces and the two halves of 问题 in the page");
}

#[test]
fn a_date_without_a_year_is_not_guessed() {
    let error = imported("relative-date.txt", None).unwrap_err();
    assert!(error.contains("`某律师3个月前 (12-27)栏目8`") && error.contains("--date"), "{error}");
    assert!(imported("no-byline.txt", None).unwrap_err().contains("no date found"));
}

/// `import --force` of the sections fixture into beijing under `slug`.
fn import_sections_forced(root: &Path, slug: &str) -> std::process::Output {
    regionreport(root)
        .args(["import", "--region", "beijing", "--slug", slug, "--force"])
        .arg(fixtures().join("sections.txt"))
        .output()
        .unwrap()
}

fn regionreport(root: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_regionreport"));
    command.current_dir(root);
    command
}

#[test]
fn imported_drafts_build_and_nothing_is_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    copy_example(root);
    let inputs: Vec<PathBuf> = CASES.iter().filter(|c| c.date.is_none()).map(|c| fixtures().join(c.input)).collect();
    let run = regionreport(root).arg("import").args(&inputs).output().unwrap();
    assert_eq!(run.status.code(), Some(0), "{}", String::from_utf8_lossy(&run.stderr));
    let said = String::from_utf8_lossy(&run.stdout);
    assert_eq!(said.matches("imported ").count(), inputs.len(), "{said}");
    assert!(String::from_utf8_lossy(&run.stderr).contains("warning: a space between `的` and `催`"), "warnings on standard error");
    assert!(said.contains("-> content/articles/henan/zheng-zhou-cui-shou-qi-ye-ru-he-ying-dui-tou-su-nan-ti.md"), "{said}");
    // A year-less byline fails that input alone: exit 1, the other input imported.
    let mixed = regionreport(root)
        .args(["import", "--region", "beijing"])
        .arg(fixtures().join("relative-date.txt"))
        .arg(fixtures().join("no-byline.txt"))
        .output()
        .unwrap();
    assert_eq!(mixed.status.code(), Some(1));
    let with_date = regionreport(root).args(["import", "--date", "2024-12-27"]).arg(fixtures().join("relative-date.txt")).output().unwrap();
    assert_eq!(with_date.status.code(), Some(0), "{}", String::from_utf8_lossy(&with_date.stderr));

    let built = regionreport(root).args(["build", "--drafts", "--output"]).arg(root.join("out")).output().unwrap();
    assert_eq!(built.status.code(), Some(0), "{}", String::from_utf8_lossy(&built.stderr));
    let page = fs::read_to_string(root.join("out/articles/zheng-zhou-cui-shou-qi-ye-ru-he-ying-dui-tou-su-nan-ti/index.html")).unwrap();
    assert!(page.contains("https://www.example-finance.cn/news/2024/1025/88231.html"), "the source is shown");
    let published = regionreport(root).args(["build", "--output"]).arg(root.join("published")).output().unwrap();
    assert_eq!(published.status.code(), Some(0));
    assert!(!root.join("published/articles/zheng-zhou-cui-shou-qi-ye-ru-he-ying-dui-tou-su-nan-ti").exists(), "drafts stay unpublished");

    let target = root.join("content/articles/beijing/mine.md");
    fs::write(&target, "mine").unwrap();
    let again =
        regionreport(root).args(["import", "--region", "beijing", "--slug", "mine"]).arg(fixtures().join("sections.txt")).output().unwrap();
    assert_eq!(again.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&again.stderr).contains("already exists: give --force"));
    assert_eq!(fs::read_to_string(&target).unwrap(), "mine", "not overwritten");
    let forced = import_sections_forced(root, "mine");
    assert_eq!(forced.status.code(), Some(0));
    assert!(fs::read_to_string(&target).unwrap().starts_with("---\ntitle: \"北京催收行业合规指引要点\""));

    // A draft path that is another name of a file outside the site (a hard link) is refused,
    // with --force too, and the file outside keeps its content.
    let outside = tempfile::tempdir().unwrap();
    let theirs = outside.path().join("theirs.md");
    fs::write(&theirs, "not the site's").unwrap();
    let linked = root.join("content/articles/beijing/linked.md");
    fs::hard_link(&theirs, &linked).unwrap();
    let through = import_sections_forced(root, "linked");
    assert_eq!(through.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&through.stderr).contains("has 2 hard links (it is also a file elsewhere): not writing through it"));
    assert_eq!(fs::read_to_string(&theirs).unwrap(), "not the site's");
}

#[test]
fn stdout_writes_nothing_and_usage_errors_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    copy_example(root);
    let before = tree(&root.join("content"));
    let printed = regionreport(root).args(["import", "--stdout"]).arg(fixtures().join("sections.txt")).output().unwrap();
    assert_eq!(printed.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&printed.stdout).starts_with("---\ntitle: \"北京催收行业合规指引要点\""));
    assert_eq!(tree(&root.join("content")), before, "nothing written");
    let both = regionreport(root)
        .args(["import", "--slug", "x"])
        .arg(fixtures().join("sections.txt"))
        .arg(fixtures().join("furniture.txt"))
        .output()
        .unwrap();
    assert_eq!(both.status.code(), Some(2));
    assert_eq!(regionreport(root).arg("import").output().unwrap().status.code(), Some(2), "no input");
    let unknown = regionreport(root).args(["import", "--region", "nowhere"]).arg(fixtures().join("sections.txt")).output().unwrap();
    assert_eq!(unknown.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("--region `nowhere` is not a region of the site"));
}

#[test]
fn a_link_the_build_would_refuse_is_kept_as_its_text() {
    // Read as a browser reads it, ` javascript:` is `javascript:`: the draft keeps the words
    // and drops the link, and the draft builds.
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    copy_example(root);
    let page = root.join("page.html");
    let body = "<p>北京催收行业的新规定于2024年3月1日起施行，全文见<a href=\" javascript:alert(1)\">三</a>和\
                <a href=\"jav&#x61;script:alert(2)\">四</a>，另见<a href=\"https://e.org/a\">原文</a>。</p>";
    fs::write(&page, format!("<html><head><title>北京催收新规</title></head><body><h1>北京催收新规</h1>{body}</body></html>")).unwrap();
    let run =
        regionreport(root).args(["import", "--region", "beijing", "--date", "2024-03-02", "--slug", "links"]).arg(&page).output().unwrap();
    assert_eq!(run.status.code(), Some(0), "{}", String::from_utf8_lossy(&run.stderr));
    let draft = fs::read_to_string(root.join("content/articles/beijing/links.md")).unwrap();
    assert!(draft.contains("全文见三和四，另见[原文](https://e.org/a)"), "{draft}");
    assert!(!draft.to_lowercase().contains("script"), "{draft}");
    let built = regionreport(root).args(["build", "--drafts", "--output"]).arg(root.join("out")).output().unwrap();
    assert_eq!(built.status.code(), Some(0), "{}", String::from_utf8_lossy(&built.stderr));
}
