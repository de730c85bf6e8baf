//! One rule per kind of value, seen from the built site: names in either Unicode form are one
//! name, invisible characters and device names are refused, numbers print correctly over the
//! whole `f64` range, and text bound for SVG and XML stays well-formed.

use std::fs;
use std::path::Path;

use regionreport::site::BuildOptions;

use super::diagnostics::fixture_site;
use super::helpers::check_headlines;

fn options(root: &Path) -> BuildOptions {
    BuildOptions { root: root.to_path_buf(), ..Default::default() }
}

fn errors(root: &Path) -> Vec<String> {
    check_headlines(root, true)
}

fn set_region(root: &Path, text: &str) {
    fs::write(root.join("content/regions/alpha.yaml"), text).unwrap();
}

fn article(root: &Path, name: &str, front: &str) {
    fs::write(
        root.join(format!("content/articles/{name}.md")),
        format!("---\ntitle: t\ndate: 2024-01-05\nregion: alpha\n{front}---\n正文\n"),
    )
    .unwrap();
}

/// A series appended to the fixture region (whose other series the fixture articles embed).
const SERIES: &str = "  - id: big\n    title: 规模\n    unit: 亿元\n    frequency: year\n    points:\n";

#[test]
fn extreme_values_build_and_print_every_digit() {
    let site = fixture_site("");
    let root = site.path();
    let fixture = fs::read_to_string(root.join("content/regions/alpha.yaml")).unwrap();
    set_region(root, &format!("{fixture}{SERIES}      - {{ period: '2022', value: 1.7e308 }}\n      - {{ period: '2023', value: 2e19 }}\n      - {{ period: '2024', value: 5e-324 }}\n"));
    regionreport::build(&options(root)).unwrap_or_else(|e| panic!("{e:?}"));
    let page = fs::read_to_string(root.join("output/regions/alpha/index.html")).unwrap();
    assert!(page.contains("20,000,000,000,000,000,000"), "2e19 is not clamped to 2^64");
    assert!(!page.contains("18,446,744,073,709,551,615"));
    let largest = format!("17{}", ",000".repeat(102).replacen(",000", "0,000", 1));
    assert!(page.contains(&largest[..60]), "1.7e308 is printed whole");
    let svg = fs::read_to_string(root.join("output/charts/alpha-big.svg")).unwrap();
    roxmltree::Document::parse(&svg).expect("the chart is well-formed XML");
    assert!(!svg.contains("inf") && !svg.contains("NaN"));
}

#[test]
fn categories_are_names_listed_once_and_totals_stay_finite() {
    let site = fixture_site("");
    let root = site.path();
    let twice = "name: 甲地\nseries:\n  - id: c\n    title: 投诉\n    unit: 件\n    frequency: year\n    categories: [电话, 'Cafe\u{301}', 'Caf\u{e9}', 电话]\n    points:\n      - { period: '2023', values: { 电话: 1, 'Café': 2 } }\n";
    set_region(root, twice);
    assert_eq!(
        errors(root),
        [
            "content/regions/alpha.yaml:7:31: error: category `Café` is listed twice",
            "content/regions/alpha.yaml:7:39: error: category `电话` is listed twice",
        ]
    );
    let huge = "name: 甲地\nseries:\n  - id: c\n    title: 投诉\n    unit: 件\n    frequency: year\n    categories: [a, b]\n    points:\n      - { period: '2023', values: { a: 1.7e308, b: 1.7e308 } }\n";
    set_region(root, huge);
    assert_eq!(
        errors(root),
        ["content/regions/alpha.yaml:9:35: error: the values add up to more than the largest number a figure can hold"]
    );
}

#[test]
fn tags_in_either_unicode_form_make_one_tag_page() {
    let site = fixture_site("");
    let root = site.path();
    article(root, "nfc", "tags: ['Caf\u{e9}']\n");
    article(root, "nfd", "tags: ['Cafe\u{301}']\n");
    regionreport::build(&options(root)).unwrap_or_else(|e| panic!("{e:?}"));
    let tags: Vec<String> =
        fs::read_dir(root.join("output/tags")).unwrap().flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect();
    let cafe: Vec<&String> = tags.iter().filter(|t| t.starts_with("caf")).collect();
    assert_eq!(cafe, ["caf\u{e9}"], "{tags:?}");
    let page = fs::read_to_string(root.join("output/tags/caf\u{e9}/index.html")).unwrap();
    assert_eq!(page.matches("articles/nf").count(), 2, "both articles on the one page");
}

#[test]
fn invisible_characters_and_device_names_are_refused_in_names() {
    let site = fixture_site("");
    let root = site.path();
    article(root, "zwsp", "tags: [\"上门\\u200B催收\"]\n");
    article(root, "bidi", "tags: [\"\\u202Eevil\"]\n");
    article(root, "device", "slug: con\n");
    fs::write(root.join("content/regions/nul.yaml"), "name: x\n").unwrap();
    fs::write(root.join("content/regions/com1.yml"), "name: x\n").unwrap();
    let found = errors(root);
    let expected = [
        "content/articles/bidi.md:5:8: error: invalid tag `\\u{202e}evil`: it contains the invisible or control character U+202E",
        "content/articles/device.md:5:7: error: invalid slug `con`: `con` is a device name on Windows and cannot be a file or folder name there",
        "content/articles/zwsp.md:5:8: error: invalid tag `上门\\u{200b}催收`: it contains the invisible or control character U+200B",
        "content/regions/com1.yml: error: region file name `com1` is not a valid id: `com1` is a device name on Windows and cannot be a file or folder name there (e.g. `hunan.yaml`)",
        "content/regions/nul.yaml: error: region file name `nul` is not a valid id: `nul` is a device name on Windows and cannot be a file or folder name there (e.g. `hunan.yaml`)",
    ];
    assert_eq!(found, expected);
}

#[test]
fn control_characters_never_reach_a_chart_or_feed() {
    let site = fixture_site("");
    let root = site.path();
    let region = fs::read_to_string(root.join("content/regions/alpha.yaml")).unwrap().replace("title: 投诉", "title: \"投\\x01诉\\uFFFF\"");
    set_region(root, &region);
    article(root, "ctl", "summary: \"摘\\x08要\"\n");
    regionreport::build(&options(root)).unwrap_or_else(|e| panic!("{e:?}"));
    for file in ["output/charts/alpha-complaints.svg", "output/feed.xml", "output/sitemap.xml"] {
        let text = fs::read_to_string(root.join(file)).unwrap();
        roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("{file}: {e}"));
    }
    let svg = fs::read_to_string(root.join("output/charts/alpha-complaints.svg")).unwrap();
    assert!(svg.contains("投诉"), "the title is kept, without the control character");
    let raw = root.join("content/articles/raw.md");
    fs::write(&raw, "---\ntitle: \u{1}t\ndate: 2024-01-05\n---\n").unwrap();
    assert_eq!(
        errors(root),
        ["content/articles/raw.md:2:8: error: the control character U+0001 is not allowed in text (XML and HTML forbid it)"]
    );
}
