//! Each kind of mistake, as a fixture under tests/fixtures/invalid/ laid over the valid
//! fixture site, gives exactly the expected `path:line:col: severity: message` lines.

use std::fs;
use std::path::{Path, PathBuf};

use regionreport::site::{check, BuildError, BuildOptions};
use walkdir::WalkDir;

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn copy_tree(from: &Path, to: &Path) {
    for entry in WalkDir::new(from).into_iter().flatten() {
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            fs::create_dir_all(&target).unwrap();
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// The valid fixture with the files of `invalid/<name>` laid over it.
pub fn fixture_site(name: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&fixtures().join("valid"), dir.path());
    if !name.is_empty() {
        copy_tree(&fixtures().join("invalid").join(name), dir.path());
    }
    dir
}

/// Headlines of every problem `check` reports for the fixture.
fn problems(name: &str) -> Vec<String> {
    let site = fixture_site(name);
    let options = BuildOptions { root: site.path().to_path_buf(), ..Default::default() };
    let found = match check(&options) {
        Ok(found) | Err(BuildError::Content(found)) => found,
        Err(e) => panic!("{e}"),
    };
    found.iter().map(|d| d.headline()).collect()
}

fn assert_problems(name: &str, expected: &[&str]) {
    assert_eq!(problems(name), expected, "fixture {name}");
}

#[test]
fn the_valid_fixture_is_clean() {
    assert_problems("", &[]);
}

#[test]
fn yaml_syntax_error() {
    assert_problems("yaml-syntax", &["content/regions/alpha.yaml:4:12: error: expected string scalar"]);
}

#[test]
fn text_where_a_number_belongs() {
    assert_problems("wrong-type", &["content/regions/alpha.yaml:8:34: error: expected a number, found `一点五`"]);
}

#[test]
fn unknown_field_with_suggestion() {
    assert_problems("unknown-field", &["content/site.yaml:3:1: error: unknown field `descripton`, expected one of title, description, base_url, language, publisher, author, nav, footer, articles_per_page, feed_limit, toc_min_headings, pretty_links, allow_raw_html, compare, stale_after_months, editions; did you mean `description`?"]);
}

#[test]
fn missing_required_field() {
    assert_problems("missing-field", &["content/regions/alpha.yaml:6:5: error: missing field `unit`"]);
}

#[test]
fn invalid_date() {
    assert_problems(
        "invalid-date",
        &["content/articles/second.md:3:7: error: invalid date `2024-02-30`: day 30 does not exist in that month"],
    );
}

#[test]
fn invalid_period() {
    assert_problems("invalid-period", &["content/regions/alpha.yaml:8:19: error: invalid quarter in `2023-Q5`: quarters are Q1 to Q4"]);
}

#[test]
fn duplicate_period() {
    assert_problems("duplicate-period", &["content/regions/alpha.yaml:10:19: error: duplicate period `2023-Q1` (first given on line 8)"]);
}

#[test]
fn periods_out_of_order_is_a_warning() {
    assert_problems(
        "out-of-order",
        &["content/regions/alpha.yaml:9:19: warning: period `2023-Q1` comes after `2023-Q2`: periods should be in order"],
    );
}

#[test]
fn negative_count() {
    assert_problems(
        "negative-count",
        &["content/regions/alpha.yaml:8:35: error: negative value -3: counts and sizes cannot be below zero"],
    );
}

#[test]
fn category_not_in_the_list() {
    assert_problems(
        "unknown-category",
        &["content/regions/alpha.yaml:10:37: error: category `上门` is not in the series' categories (电话, 其他)"],
    );
}

#[test]
fn duplicate_region_id() {
    assert_problems(
        "duplicate-region",
        &[
            "content/regions/alpha.yml: error: duplicate region id `alpha` (also defined by content/regions/alpha.yaml)",
            "content/regions/alpha.yml: warning: region `alpha` has no data series",
        ],
    );
}

#[test]
fn duplicate_article_slug() {
    assert_problems(
        "duplicate-slug",
        &["content/articles/first.md: error: output path `articles/first/index.html` is claimed twice: by article `first` (content/articles/more/first.md) and by article `first` (content/articles/first.md); rename one of them"],
    );
}

#[test]
fn article_names_an_unknown_region() {
    assert_problems("unknown-region", &["content/articles/second.md:4:18: error: unknown region `omega` (known regions: alpha)"]);
}

#[test]
fn empty_and_malformed_tags() {
    assert_problems(
        "bad-tag",
        &[
            "content/articles/second.md:5:13: error: invalid tag ``: it is empty",
            "content/articles/second.md:5:17: error: invalid tag `../etc`: `.` is not allowed in a tag",
        ],
    );
}

#[test]
fn chart_shortcode_with_unknown_region_or_series() {
    assert_problems("shortcode-unknown-region", &["content/articles/second.md:9:1: error: chart shortcode names unknown region `omega`"]);
    assert_problems(
        "shortcode-unknown-series",
        &["content/articles/second.md:9:1: error: chart shortcode names unknown series `overdue_rate` of region `alpha` (it has: market_size, complaints)"],
    );
}

#[test]
fn links_to_missing_pages_and_anchors() {
    assert_problems("broken-link", &["content/articles/second.md:9:1: error: link to `@/articles/third.md`: no such page"]);
    assert_problems(
        "broken-anchor",
        &["content/articles/second.md:9:1: error: link to `@/articles/first.md#结论`: that page has no heading or section `结论` (it has: 概况)"],
    );
}

#[test]
fn missing_or_unclosed_front_matter() {
    assert_problems(
        "missing-front-matter",
        &["content/articles/second.md:1:1: error: missing front matter: an article starts with a line `---`, then YAML (title, date, …), then `---`"],
    );
    assert_problems(
        "unclosed-front-matter",
        &["content/articles/second.md:1:1: error: unclosed front matter: the `---` on line 1 has no closing `---` line"],
    );
}

#[test]
fn template_syntax_error_names_template_line_and_column() {
    assert_problems(
        "template-syntax",
        &["templates/tag.html:3:17: error: Failed to parse 'tag.html': expected `or`, `and`, `not`, `<=`, `>=`, `<`, `>`, `==`, `!=`, `+`, `-`, `*`, `/`, `%`, a filter, or a variable end (`}}`)"],
    );
}

#[test]
fn template_runtime_error_names_template_and_page() {
    assert_problems(
        "template-runtime",
        &["templates/region.html: error: while rendering regions/alpha/index.html: Failed to render 'region.html': Variable `region.population` not found in context while rendering 'region.html'"],
    );
}

#[test]
fn binary_file_named_md() {
    assert_problems(
        "binary-article",
        &["content/articles/second.md:3:1: error: not valid UTF-8 text (is this a binary file, or saved in another encoding such as GBK?)"],
    );
}

#[test]
fn text_damaged_by_copying_from_the_web_is_a_warning() {
    assert_problems(
        "scraped-text",
        &[
            "content/articles/second.md:9:37: warning: pinyin gloss `導(dǎo)`, left over from a copied web page? Remove `(dǎo)`",
            "content/articles/second.md:13:7: warning: 3 blank squares `□□□`: characters removed by a word filter?",
            "content/articles/second.md:13:19: warning: contact details `微信：cuishou_2024` look like an advertisement or page footer copied with the text",
        ],
    );
}

#[test]
fn warnings_do_not_fail_unless_strict() {
    let expected = [
        "content/regions/beta.yaml: warning: region `beta` has no articles",
        "content/regions/beta.yaml:3:9: warning: series `complaints` has no data points",
    ];
    assert_problems("empty-series", &expected);
    let site = fixture_site("empty-series");
    let out = site.path().join("output");
    let lenient = BuildOptions { root: site.path().to_path_buf(), output: Some(out.clone()), ..Default::default() };
    assert!(regionreport::build(&lenient).is_ok());
    let strict = BuildOptions { strict: true, full: true, ..lenient };
    fs::write(out.join("index.html"), "previous").unwrap();
    std::fs::File::options()
        .write(true)
        .open(site.path().join("content/site.yaml"))
        .unwrap()
        .set_modified(std::time::SystemTime::now())
        .unwrap();
    match regionreport::build(&strict) {
        Err(BuildError::Content(found)) => assert_eq!(found.len(), 2),
        other => panic!("strict build should fail: {:?}", other.map(|r| r.pages)),
    }
    assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "previous", "a failed build leaves the output as it was");
}

#[test]
fn every_fixture_is_tested() {
    let this_file = include_str!("diagnostics.rs");
    for entry in fs::read_dir(fixtures().join("invalid")).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        assert!(this_file.contains(&format!("\"{name}\"")), "fixture {name} has no test");
    }
}

/// A build reads each article's body again when it renders it (only the front matter stays
/// in memory after loading); its problems in bodies are those `check` finds, quoting the
/// same lines.
#[test]
fn a_build_reports_body_problems_as_check_does() {
    for name in ["broken-link", "broken-anchor", "shortcode-unknown-series", "scraped-text"] {
        let site = fixture_site(name);
        let root = site.path().to_path_buf();
        let quoted = |found: Vec<regionreport::diagnostics::Diagnostic>| -> Vec<(String, Option<String>)> {
            found.iter().filter(|d| d.path.starts_with("content/articles")).map(|d| (d.headline(), d.source_line.clone())).collect()
        };
        let checked = match check(&BuildOptions { root: root.clone(), ..Default::default() }) {
            Ok(found) | Err(BuildError::Content(found)) => quoted(found),
            Err(e) => panic!("{e}"),
        };
        let options = BuildOptions { root: root.clone(), output: Some(root.join("output")), ..Default::default() };
        let built = match regionreport::build(&options) {
            Ok(report) => quoted(report.warnings),
            Err(BuildError::Content(found)) => quoted(found),
            Err(e) => panic!("{e}"),
        };
        assert!(!checked.is_empty() && checked.iter().all(|(_, line)| line.is_some()), "{name}: {checked:?}");
        assert_eq!(built, checked, "fixture {name}");
    }
}
