//! The example site builds completely, and identically every time.

use super::helpers::*;

#[test]
fn every_page_kind_exists() {
    let built = example();
    let tree = built.tree();
    let expected = [
        "index.html",
        "404.html",
        "compare/index.html",
        "articles/index.html",
        "tags/index.html",
        "regions/hunan/index.html",
        "regions/gansu/index.html",
        "regions/henan/index.html",
        "regions/beijing/index.html",
        "regions/national/index.html",
        "articles/hunan-industry-overview/index.html",
        "articles/lanzhou-collection-market/index.html",
        "articles/henan-home-visits/index.html",
        "articles/beijing-home-visits/index.html",
        "articles/henan-inhouse-vs-outsourcing/index.html",
        "tags/上门催收/index.html",
        "charts/hunan-complaints.svg",
        "charts/hunan-market_size.svg",
        "charts/compare-market-size.svg",
        "charts/compare-complaints.svg",
        "data/hunan.csv",
        "data/hunan.json",
        "data/all.csv",
        "sitemap.xml",
        "feed.xml",
        "robots.txt",
        "style.css",
    ];
    for path in expected {
        assert!(tree.contains_key(path), "missing {path}");
    }
    assert!(built.report.pages >= 20, "{:?}", built.report);
}

#[test]
fn two_builds_are_byte_identical() {
    let first = example();
    let dir = tempfile::tempdir().unwrap();
    build_into(&example_root(), &dir.path().join("again"));
    assert_eq!(first.tree(), tree(&dir.path().join("again")));
}

#[test]
fn rebuilding_over_the_output_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    build_into(&example_root(), &out);
    let again = build_into(&example_root(), &out);
    assert_eq!(again.written, 0);
    assert_eq!(again.removed, 0);
}

#[test]
fn a_region_page_shows_charts_tables_downloads_sources_and_articles() {
    let html = example().read("regions/hunan/index.html");
    for expected in [
        "charts/hunan-complaints.svg",
        "charts/hunan-market_size.svg",
        "<table",
        "data/hunan.csv",
        "data/hunan.json",
        "湘银保监办便函〔2022〕95号",
        "湖南催收行业：规模、渠道与前景",
        "4,051",
    ] {
        assert!(html.contains(expected), "region page lacks {expected}");
    }
}

#[test]
fn articles_render_body_toc_charts_and_neighbours() {
    let html = example().read("articles/henan-home-visits/index.html");
    assert!(html.contains("class=\"toc\""), "long article has a table of contents");
    assert!(html.contains("<h2 id=\"法律边界\">"));
    assert!(html.contains("charts/henan-complaints.svg"), "chart shortcode became a figure");
    assert!(!html.contains("{{ chart"), "shortcode text never reaches the page");
    assert!(html.contains("rel=\"next\"") || html.contains("rel=\"prev\""), "neighbours within the region");
}

#[test]
fn real_national_figures_carry_their_sources_and_caveat() {
    let html = example().read("regions/national/index.html");
    assert!(html.contains("104,909"), "2023-Q1 national bank complaints");
    assert!(html.contains("关于2023年第一季度银行业消费投诉情况的通报"));
    assert!(html.contains("重复投诉"), "the 2022 method change is stated");
    let svg = example().read("charts/national-banking_complaints.svg");
    assert!(!svg.contains("示例数据"), "real data is not marked illustrative");
    assert!(svg.contains("2022年起重复投诉合并统计"));
}
