use super::*;

fn output() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir_all(dir.path().join("out/regions/hunan")).unwrap();
    fs::write(dir.path().join("out/index.html"), "<body>home</body>").unwrap();
    fs::write(dir.path().join("out/regions/hunan/index.html"), "<body>hunan</body>").unwrap();
    fs::write(dir.path().join("secret.txt"), "secret").unwrap();
    std::os::unix::fs::symlink(dir.path().join("secret.txt"), dir.path().join("out/link.txt")).unwrap();
    dir
}

#[test]
fn paths_map_to_files_inside_the_output_only() {
    let dir = output();
    let out = dir.path().join("out");
    let real = fs::canonicalize(&out).unwrap();
    assert_eq!(resolve(&out, "/", "/"), Resolved::File(real.join("index.html")));
    assert_eq!(resolve(&out, "/", "/regions/hunan/"), Resolved::File(real.join("regions/hunan/index.html")));
    assert_eq!(resolve(&out, "/", "/regions/hunan"), Resolved::Folder);
    for hostile in [
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E%2Fsecret.txt",
        "/regions/..%5c..%5csecret.txt",
        "//etc/passwd",
        "/link.txt",
        "/%00",
        "/regions",
    ] {
        assert!(!matches!(resolve(&out, "/", hostile), Resolved::File(_)), "{hostile} was served");
    }
}

#[test]
fn a_base_path_is_honoured() {
    let dir = output();
    let out = dir.path().join("out");
    let real = fs::canonicalize(&out).unwrap();
    assert_eq!(resolve(&out, "/repo/", "/repo/"), Resolved::File(real.join("index.html")));
    assert_eq!(resolve(&out, "/repo/", "/repo"), Resolved::File(real.join("index.html")));
    assert_eq!(resolve(&out, "/repo/", "/index.html"), Resolved::Missing);
}

#[test]
fn content_types_follow_extensions() {
    assert_eq!(content_type(Path::new("a/index.html")), "text/html; charset=utf-8");
    assert_eq!(content_type(Path::new("charts/a.svg")), "image/svg+xml");
    assert_eq!(content_type(Path::new("feed.xml")), "application/atom+xml");
    assert_eq!(content_type(Path::new("data/a.csv")), "text/csv; charset=utf-8");
    assert_eq!(content_type(Path::new("data/a.json")), "application/json");
    assert_eq!(content_type(Path::new("style.css")), "text/css; charset=utf-8");
    assert_eq!(content_type(Path::new("x.unknown")), "application/octet-stream");
}

#[test]
fn the_reload_script_goes_before_the_end_of_body_with_its_base_path_escaped() {
    let html = inject_reload(b"<html><body><p>x</p></body></html>", "/repo/");
    let text = String::from_utf8(html).unwrap();
    assert!(text.contains("<script data-base=\"/repo/\">"));
    assert!(text.ends_with("</script>\n</body></html>"));
    let hostile = String::from_utf8(inject_reload(b"<body></body>", "/a\"><script>alert(1)</script>/")).unwrap();
    assert!(hostile.contains("data-base=\"/a&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;/\""), "{hostile}");
    assert_eq!(crate::html::start_tags(&hostile).iter().filter(|t| t.name == "script").count(), 1);
}

#[test]
fn a_missing_page_of_an_edition_gets_that_editions_404_page() {
    let dir = output();
    let out = dir.path().join("out");
    fs::create_dir_all(out.join("zh-hant")).unwrap();
    fs::write(out.join("404.html"), "找不到").unwrap();
    fs::write(out.join("zh-hant/404.html"), "找不到網頁").unwrap();
    assert_eq!(not_found_page(&out, "/repo/", "/repo/zh-hant/articles/gone/"), out.join("zh-hant/404.html"));
    assert_eq!(not_found_page(&out, "/repo/", "/repo/articles/gone/"), out.join("404.html"));
    assert_eq!(not_found_page(&out, "/repo/", "/repo/regions/gone/"), out.join("404.html"), "a folder without a 404 page");
    assert_eq!(not_found_page(&out, "/repo/", "/repo/..%2f/x"), out.join("404.html"));
}
