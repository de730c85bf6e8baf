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
fn rendering_again_over_the_output_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    build_into(&example_root(), &out);
    let before = tree(&out);
    let again = build_with(&example_root(), &out, |o| o.full = true);
    assert!(!again.up_to_date);
    assert_eq!((again.written, again.removed), (0, 0));
    assert!(again.unchanged > 50);
    assert_eq!(before, tree(&out));
}

#[test]
fn a_build_with_nothing_changed_stops_early_and_an_edit_rebuilds() {
    let site = tempfile::tempdir().unwrap();
    copy_example(site.path());
    let out = site.path().join("output");
    let first = build_into(site.path(), &out);
    assert!(!first.up_to_date);
    let second = build_into(site.path(), &out);
    assert!(second.up_to_date);
    assert_eq!(second.pages, first.pages);

    let article = site.path().join("content/articles/gansu/lanzhou-collection-market.md");
    let text = std::fs::read_to_string(&article).unwrap().replace("## 市场背景", "## 市场的背景");
    std::fs::write(&article, text).unwrap();
    let third = build_into(site.path(), &out);
    assert!(!third.up_to_date);
    assert!(third.written >= 1);
    assert!(std::fs::read_to_string(out.join("articles/lanzhou-collection-market/index.html")).unwrap().contains("市场的背景"));

    std::fs::write(out.join("index.html"), "tampered").unwrap();
    let fourth = build_into(site.path(), &out);
    assert!(!fourth.up_to_date, "a changed output file is rebuilt");
    assert!(std::fs::read_to_string(out.join("index.html")).unwrap().contains("<!DOCTYPE html>"));
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
    // The two Henan articles link to each other, older to newer; the older has no "previous".
    assert!(
        html.contains("<a rel=\"next\" href=\"../../articles/henan-inhouse-vs-outsourcing/index.html\">自营还是委外"),
        "the newer Henan article is next"
    );
    assert!(!html.contains("rel=\"prev\""), "nothing older about Henan");
    let newer = example().read("articles/henan-inhouse-vs-outsourcing/index.html");
    assert!(newer.contains("<a rel=\"prev\" href=\"../../articles/henan-home-visits/index.html\">← 河南消费金融公司的上门催收"));
    assert!(!newer.contains("rel=\"next\""), "nothing newer about Henan");
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
