//! Hostile input: script injection everywhere text reaches a page, names that try to leave the
//! output folder, symbolic links out of the site, and inputs built to exhaust time or memory.

use std::fs;
use std::path::Path;

use regionreport::site::{BuildError, BuildOptions};
use scraper::{Html, Selector};
use walkdir::WalkDir;

use super::diagnostics::fixture_site;
use super::helpers::{check_headlines, tree};

const XSS: &str = r#"<script>alert(1)</script><img src=x onerror=alert(1)><svg onload=alert(1)><iframe src="javascript:alert(1)"></iframe><a href="javascript:alert(1)">x</a>"#;

fn options(root: &Path) -> BuildOptions {
    BuildOptions { root: root.to_path_buf(), output: Some(root.join("output")), ..Default::default() }
}

fn problems(root: &Path) -> Vec<String> {
    check_headlines(root, false)
}

/// Fails if any page holds active content: script or iframe elements, event-handler
/// attributes, or `javascript:`/`data:` URLs.
fn assert_inert(out: &Path) {
    let any = Selector::parse("*").unwrap();
    for (path, bytes) in tree(out) {
        let text = String::from_utf8_lossy(&bytes);
        if path.ends_with(".html") {
            let doc = Html::parse_document(&text);
            for el in doc.select(&any) {
                let name = el.value().name();
                // The one script of a site is its own search page's, loaded from its own file.
                let own_search = path == "search/index.html"
                    && name == "script"
                    && el.value().attr("src") == Some("../search.js")
                    && el.inner_html().is_empty();
                assert!(own_search || !matches!(name, "script" | "iframe" | "object" | "embed"), "{path}: <{name}> element");
                for (attr, value) in el.value().attrs() {
                    assert!(!attr.starts_with("on"), "{path}: event handler {attr}={value}");
                    let v = value.trim().to_ascii_lowercase();
                    assert!(!v.starts_with("javascript:") && !v.starts_with("data:"), "{path}: {attr}={value}");
                }
            }
        } else if path.ends_with(".svg") || path.ends_with(".xml") {
            let doc = roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("{path}: {e}"));
            for node in doc.descendants().filter(|n| n.is_element()) {
                assert!(!node.has_tag_name("script"), "{path}: <script>");
                assert!(node.attributes().all(|a| !a.name().starts_with("on")), "{path}: event handler");
            }
        }
    }
}

#[test]
fn script_injection_never_reaches_the_output_as_active_content() {
    let site = fixture_site("");
    let root = site.path();
    let quoted = XSS.replace('\'', "''");
    let article = format!(
        "---\ntitle: '{quoted}'\ndate: 2024-01-05\nregion: alpha\ntags: ['{}']\nsummary: '{quoted}'\nauthor: '{quoted}'\n---\n\n## 标题 {XSS}\n\n{XSS}\n\n## 属性 {{onclick=alert(1) .x}}\n\n<a href=\"java&#9;script:alert(1)\">x</a>\n",
        "script-alert"
    );
    fs::write(root.join("content/articles/evil.md"), article).unwrap();
    let region = fs::read_to_string(root.join("content/regions/alpha.yaml")).unwrap().replace("name: 甲地", &format!("name: '{quoted}'")).replace(
        "summary: 测试用地区。",
        &format!("summary: '{quoted}'\nsources:\n  - id: s\n    title: '{quoted}'\n    publisher: '{quoted}'\n    url: 'https://example.org/?q=\"><script>alert(1)</script>'"),
    );
    fs::write(root.join("content/regions/alpha.yaml"), region.replace("title: 投诉", &format!("title: '{quoted}'"))).unwrap();
    fs::write(
        root.join("content/site.yaml"),
        format!("title: '{quoted}'\ndescription: '{quoted}'\nfooter: '{quoted}'\nbase_url: https://example.org/\n"),
    )
    .unwrap();
    let report = regionreport::build(&options(root)).unwrap_or_else(|e| panic!("{e:?}"));
    assert!(report.pages > 5);
    let out = root.join("output");
    assert_inert(&out);
    let article = fs::read_to_string(out.join("articles/evil/index.html")).unwrap();
    assert!(article.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "the title is shown as text");
}

#[test]
fn markdown_links_to_script_urls_are_located_errors() {
    let site = fixture_site("");
    let root = site.path();
    let body = "正文\n\n[x](javascript:alert(1)) [y](DATA:text/html,hi)\n\n![z]( vbscript:x )\n";
    fs::write(root.join("content/articles/evil.md"), format!("---\ntitle: t\ndate: 2024-01-05\nregion: alpha\n---\n{body}")).unwrap();
    let found = problems(root);
    assert_eq!(found.len(), 3, "{found:?}");
    assert!(found[0].starts_with("content/articles/evil.md:8:1: error: URL `DATA:text/html,hi` uses the scheme `data:`"), "{found:?}");
    assert!(
        found[1].starts_with("content/articles/evil.md:8:1: error: URL `javascript:alert(1)` uses the scheme `javascript:`"),
        "{found:?}"
    );
    assert!(found[2].starts_with("content/articles/evil.md:10:1: error: URL `vbscript:x`"), "{found:?}");
}

#[test]
fn csv_cells_cannot_start_a_formula() {
    let site = fixture_site("");
    let root = site.path();
    let region = fs::read_to_string(root.join("content/regions/alpha.yaml"))
        .unwrap()
        .replace("name: 甲地", "name: '=HYPERLINK(\"https://evil.example\",\"x\")'")
        .replace("title: 投诉", "title: '+cmd|calc'")
        .replace("unit: 件", "unit: '@SUM(A1)'")
        .replace("[电话, 其他]", "['-2+3', 其他]")
        .replace("电话: 3", "'-2+3': 3")
        .replace("电话: 4", "'-2+3': 4");
    fs::write(root.join("content/regions/alpha.yaml"), region).unwrap();
    regionreport::build(&options(root)).unwrap_or_else(|e| panic!("{e:?}"));
    for file in ["output/data/alpha.csv", "output/data/all.csv"] {
        let csv = fs::read_to_string(root.join(file)).unwrap();
        let mut reader = csv::Reader::from_reader(csv.as_bytes());
        let cells: Vec<String> = reader.records().flatten().flat_map(|r| r.iter().map(str::to_owned).collect::<Vec<_>>()).collect();
        for written in ["'=HYPERLINK(\"https://evil.example\",\"x\")", "'+cmd|calc", "'@SUM(A1)", "'-2+3"] {
            assert!(cells.iter().any(|c| c == written), "{file}: no cell `{written}` in {cells:?}");
        }
        let formula = cells.iter().find(|c| c.starts_with(['=', '+', '-', '@']));
        assert_eq!(formula, None, "{file}: a cell a spreadsheet would run");
    }
}

#[test]
fn source_urls_must_be_http() {
    let site = fixture_site("");
    let root = site.path();
    let region = fs::read_to_string(root.join("content/regions/alpha.yaml"))
        .unwrap()
        .replace("summary: 测试用地区。", "summary: x\nsources:\n  - id: s\n    title: t\n    url: javascript:alert(1)");
    fs::write(root.join("content/regions/alpha.yaml"), region).unwrap();
    assert_eq!(
        problems(root),
        ["content/regions/alpha.yaml:6:10: error: source URL: URL `javascript:alert(1)` uses the scheme `javascript:`; only http, https, mailto and relative URLs are allowed"]
    );
}

#[test]
fn names_that_would_leave_the_output_folder_are_rejected() {
    let site = fixture_site("");
    let root = site.path();
    fs::write(root.join("content/articles/a.md"), "---\ntitle: t\ndate: 2024-01-01\nslug: ../../etc\n---\n").unwrap();
    fs::write(root.join("content/articles/b.md"), "---\ntitle: t\ndate: 2024-01-01\ntags: ['a/b', '..', \"c\\u0000d\", '\\x']\n---\n")
        .unwrap();
    fs::write(root.join("content/regions/Bad Name.yaml"), "name: x\n").unwrap();
    fs::write(root.join("content/articles/c.md"), "---\ntitle: t\ndate: 2024-01-01\nregion: ../alpha\n---\n").unwrap();
    let found = problems(root);
    let expected = [
        "content/articles/a.md:4:7: error: invalid slug `../../etc`: use lowercase ASCII letters, digits and `-`",
        "content/articles/b.md:4:8: error: invalid tag `a/b`: `/` is not allowed in a tag",
        "content/articles/b.md:4:15: error: invalid tag `..`: `.` is not allowed in a tag",
        "content/articles/b.md:4:21: error: invalid tag `c\\0d`: it contains the invisible or control character U+0000",
        "content/articles/b.md:4:33: error: invalid tag `\\\\x`: `\\` is not allowed in a tag",
        "content/articles/c.md:4:9: error: invalid region id `../alpha`: use lowercase ASCII letters, digits, `-` or `_`, starting with a letter",
        "content/regions/Bad Name.yaml: error: region file name `Bad Name` is not a valid id: use lowercase ASCII letters, digits, `-` or `_`, starting with a letter (e.g. `hunan.yaml`)",
    ];
    assert_eq!(found, expected);
}

#[test]
fn symbolic_links_out_of_the_site_are_not_followed() {
    let outside = tempfile::tempdir().unwrap();
    fs::write(outside.path().join("secret.md"), "---\ntitle: 机密\ndate: 2024-01-01\n---\nSECRET-CONTENT\n").unwrap();
    fs::create_dir_all(outside.path().join("dir")).unwrap();
    fs::write(outside.path().join("dir/also.md"), "---\ntitle: 机密二\ndate: 2024-01-01\n---\nSECRET-TWO\n").unwrap();
    let site = fixture_site("");
    let root = site.path();
    std::os::unix::fs::symlink(outside.path().join("secret.md"), root.join("content/articles/linked.md")).unwrap();
    std::os::unix::fs::symlink(outside.path().join("dir"), root.join("content/articles/linked-dir")).unwrap();
    let Err(BuildError::Content(found)) = regionreport::build(&options(root)) else { panic!("a link out of the site must fail the build") };
    let found: Vec<String> = found.iter().map(|d| d.headline()).collect();
    assert_eq!(
        found,
        [
            "content/articles/linked-dir: warning: symbolic link to a folder ignored: the site's folders must be real folders",
            "content/articles/linked.md: error: refused: a symbolic link leads outside the site folder"
        ]
    );
    for entry in WalkDir::new(root.join("output")).into_iter().flatten().filter(|e| e.file_type().is_file()) {
        let text = String::from_utf8_lossy(&fs::read(entry.path()).unwrap()).into_owned();
        assert!(!text.contains("SECRET"), "{} holds content from outside the site", entry.path().display());
    }
}

#[test]
fn a_yaml_alias_bomb_is_refused() {
    let site = fixture_site("");
    let root = site.path();
    let mut bomb = String::from("name: x\nsummary: &a0 'lol'\n");
    for i in 1..30 {
        let prev = format!("*a{}", i - 1);
        bomb.push_str(&format!("z{i}: &a{i} [{}]\n", [prev.as_str(); 10].join(", ")));
    }
    fs::write(root.join("content/regions/bomb.yaml"), bomb).unwrap();
    let found = problems(root);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].starts_with("content/regions/bomb.yaml:"), "{found:?}");
}

#[test]
fn an_oversized_article_is_refused_without_reading_it() {
    let site = fixture_site("");
    let root = site.path();
    let big = fs::File::create(root.join("content/articles/huge.md")).unwrap();
    big.set_len(100 * 1024 * 1024).unwrap(); // sparse: costs no disk
    assert_eq!(problems(root), ["content/articles/huge.md: error: file is 104857600 bytes; the limit is 8388608 bytes"]);
}

#[test]
fn deeply_nested_markdown_is_rendered_without_overflow() {
    let site = fixture_site("");
    let root = site.path();
    let nested_list = "- ".repeat(10_000) + "深处\n";
    let nested_quote = ">".repeat(10_000) + " 深处\n";
    let body = format!("---\ntitle: 嵌套\ndate: 2024-01-01\nregion: alpha\n---\n\n{nested_list}\n{nested_quote}");
    fs::write(root.join("content/articles/nested.md"), body).unwrap();
    let report = regionreport::build(&options(root)).unwrap_or_else(|e| panic!("{e:?}"));
    assert!(report.pages > 0);
    assert!(fs::read_to_string(root.join("output/articles/nested/index.html")).unwrap().contains("深处"));
}

#[test]
fn a_series_with_too_many_points_is_refused() {
    let site = fixture_site("");
    let root = site.path();
    let mut region = String::from("name: 大\nseries:\n  - id: big\n    title: 大\n    unit: 件\n    frequency: month\n    points: [");
    let points: Vec<String> = (0..20_000).map(|i| format!("{{period: '{}-{:02}', value: 1}}", 1900 + (i / 12) % 300, i % 12 + 1)).collect();
    region.push_str(&points.join(", "));
    region.push_str("]\n");
    fs::write(root.join("content/regions/big.yaml"), region).unwrap();
    let found = problems(root);
    assert!(
        found.contains(&"content/regions/big.yaml:3:9: error: series `big` has 20000 points; the limit is 5000".to_string()),
        "{found:?}"
    );

    // A million points: refused by the parser's node budget before any memory is committed.
    fs::remove_file(root.join("content/regions/big.yaml")).unwrap();
    let million = "{period: '2000', value: 1},".repeat(1_000_000);
    let text = format!("name: x\nseries:\n  - id: m\n    title: m\n    unit: 件\n    frequency: year\n    points: [{million}]\n");
    assert!(text.len() < 32 * 1024 * 1024);
    fs::write(root.join("content/regions/million.yaml"), &text[..text.len().min(16 * 1024 * 1024)]).unwrap();
    let found = problems(root);
    assert!(found.iter().any(|f| f.starts_with("content/regions/million.yaml:7:") && f.contains("too large")), "{found:?}");

    let huge: String = "x".repeat(20 * 1024 * 1024);
    fs::write(root.join("content/regions/huge.yaml"), huge).unwrap();
    let found = problems(root);
    assert!(
        found.contains(&"content/regions/huge.yaml: error: file is 20971520 bytes; the limit is 16777216 bytes".to_string()),
        "{found:?}"
    );
}
