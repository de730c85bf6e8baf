//! Every chart is a small publication: its own downloads, when its figures were updated, how to
//! cite it, its gaps and old figures said as such, its sources apart from where they were read.

use std::fs;

use scraper::{ElementRef, Html, Selector};

use super::diagnostics::fixture_site;
use super::helpers::*;

fn select<'a>(html: &'a Html, css: &str) -> Vec<ElementRef<'a>> {
    html.select(&Selector::parse(css).unwrap()).collect()
}

fn text(element: &ElementRef) -> String {
    element.text().collect()
}

#[test]
fn each_chart_offers_its_own_figures_and_image() {
    let built = example();
    let html = Html::parse_document(&built.read("regions/hunan/index.html"));
    let figures = select(&html, "figure.chart");
    let series = select(&html, "section.chart-section");
    assert_eq!(figures.len(), series.len());
    for figure in &figures {
        let links: Vec<&str> = figure.select(&Selector::parse("a[download]").unwrap()).map(|a| a.value().attr("href").unwrap()).collect();
        assert_eq!(links.len(), 2, "a CSV and an SVG per chart: {links:?}");
        let csv = built.read(links[0].trim_start_matches("../"));
        let svg = built.read(links[1].trim_start_matches("../"));
        assert!(links[0].ends_with(".csv") && svg.starts_with("<svg"));
        let rows: Vec<&str> = csv.trim_start_matches('\u{feff}').lines().collect();
        assert!(rows[0].starts_with("region,region_name,series,"));
        let series_ids: std::collections::BTreeSet<&str> = rows[1..].iter().map(|r| r.split(',').nth(2).unwrap()).collect();
        assert_eq!(series_ids.len(), 1, "one chart's CSV holds that chart's series only: {series_ids:?}");
    }
    // The banking series of Hunan: its CSV has every value of the series and no other.
    let csv = built.read("charts/hunan-banking_complaints.csv");
    assert!(csv.contains("hunan,湖南,banking_complaints,银行业消费投诉（真实）,件,2021,,4051,false,"), "{csv}");
}

#[test]
fn the_compare_page_has_downloads_for_its_charts() {
    let built = example();
    let html = Html::parse_document(&built.read("compare/index.html"));
    let links: Vec<String> = select(&html, "a[download]").iter().map(|a| a.value().attr("href").unwrap().to_string()).collect();
    assert!(links.iter().any(|l| l.ends_with("charts/compare-market-size.csv")), "{links:?}");
    assert!(links.iter().any(|l| l.ends_with("charts/compare-complaints.csv")), "{links:?}");
    let market = built.read("charts/compare-market-size.csv");
    for region in ["hunan", "gansu", "henan", "beijing"] {
        assert!(market.lines().any(|l| l.starts_with(&format!("{region},"))), "{region} is in the comparison's CSV");
    }
    assert!(!market.contains("national,"), "the reference region is not compared");
}

#[test]
fn each_chart_says_when_it_was_updated_and_how_to_cite_it() {
    let built = example();
    let html = Html::parse_document(&built.read("regions/hunan/index.html"));
    for figure in select(&html, "figure.chart") {
        let caption = text(&figure.select(&Selector::parse("figcaption").unwrap()).next().unwrap());
        assert!(caption.contains("数据更新于2026年11月30日"), "{caption}");
        let cite: Vec<String> = figure.select(&Selector::parse(".citation").unwrap()).map(|c| text(&c)).collect();
        assert_eq!(cite.len(), 2, "GB/T 7714 and plain text");
        assert!(cite[0].starts_with("地区观察编辑部. 湖南 · "), "{}", cite[0]);
        assert!(
            cite[0].contains("[DB/OL]. 催收行业地区观察. (2026-11-30)[引用日期]. https://example.github.io/regionreport/regions/hunan/#"),
            "{}",
            cite[0]
        );
        let illustrative =
            figure.select(&Selector::parse("table").unwrap()).next().unwrap().value().attr("data-illustrative") == Some("true");
        assert_eq!(cite[0].contains("（示例数据）[DB/OL]"), illustrative, "a citation of illustrative figures says so: {}", cite[0]);
        assert!(
            cite[1].contains("数据更新于2026年11月30日") && cite[1].contains("https://example.github.io/regionreport/regions/hunan/#"),
            "{}",
            cite[1]
        );
        // The citation's anchor is the chart's section on the page.
        let anchor = cite[0].rsplit('#').next().unwrap().trim_end_matches('.');
        assert_eq!(select(&html, &format!("section#{anchor} figure.chart")).len(), 1, "#{anchor}");
    }
}

#[test]
fn the_title_and_the_illustrative_mark_are_shown_once_per_chart() {
    let html = Html::parse_document(&example().read("regions/hunan/index.html"));
    for section in select(&html, "section.chart-section") {
        let heading = section.select(&Selector::parse("h2").unwrap()).next().unwrap();
        assert!(heading.value().has_class("visually-hidden", scraper::CaseSensitivity::CaseSensitive), "the drawing shows the title");
        let badges = section.select(&Selector::parse(".badge-illustrative").unwrap()).count();
        assert_eq!(badges, 0, "the mark is inside the drawing, not repeated beside it");
        let caption = section.select(&Selector::parse("figcaption").unwrap()).next().unwrap();
        let visible: String = caption
            .children()
            .filter_map(ElementRef::wrap)
            .filter(|e| !e.value().has_class("visually-hidden", scraper::CaseSensitivity::CaseSensitive))
            .map(|e| text(&e))
            .collect();
        assert!(!visible.contains("湖南 · "), "{visible}");
    }
}

#[test]
fn sources_name_the_document_apart_from_the_reprint_and_notes_once() {
    let html = Html::parse_document(&example().read("regions/national/index.html"));
    let sources = select(&html, "ol.sources > li");
    assert!(sources.len() >= 20);
    for source in &sources {
        let whole = text(source);
        assert!(whole.contains("转载来源"), "each national figure was read in a reprint: {whole}");
        let cite = source.select(&Selector::parse("cite").unwrap()).next().unwrap();
        assert!(text(&cite).starts_with('《'), "the document is named first");
        assert!(cite.select(&Selector::parse("a").unwrap()).next().is_none(), "the document's title does not link to the reprint");
    }
    let notes: Vec<String> = select(&html, "ol.source-notes > li").iter().map(text).collect();
    let repeated = notes.iter().filter(|n| n.contains("经新闻转载页面读取")).count();
    assert_eq!(repeated, 1, "the shared note is written once: {notes:?}");
}

#[test]
fn gaps_say_no_data_and_old_figures_say_they_are_old() {
    let site = fixture_site("");
    let root = site.path();
    let regions = root.join("content/regions");
    fs::write(
        regions.join("beta.yaml"),
        "name: 乙地\nupdated: 2024-06-30\nseries:\n  - id: market_size\n    title: 市场规模\n    unit: 亿元\n    frequency: year\n    points:\n      - { period: '2020', value: 1 }\n      - { period: '2022', value: 2.25 }\n",
    )
    .unwrap();
    let alpha = fs::read_to_string(regions.join("alpha.yaml"))
        .unwrap()
        .replace("summary: 测试用地区。", "summary: 测试用地区。\nupdated: 2024-06-30");
    fs::write(regions.join("alpha.yaml"), alpha).unwrap();
    let out = root.join("out");
    build_into(root, &out);
    let page = fs::read_to_string(out.join("regions/beta/index.html")).unwrap();
    let html = Html::parse_document(&page);
    let rows: Vec<String> = select(&html, "figure.chart tbody tr").iter().map(text).collect();
    assert!(rows.iter().any(|r| r.contains("2021年") && r.contains("无数据")), "{rows:?}");
    assert!(rows.iter().any(|r| r.contains("2020年") && r.contains("1.00")), "one number of decimals per series: {rows:?}");
    let stale: Vec<String> = select(&html, ".figures .stale").iter().map(text).collect();
    assert_eq!(stale, ["较旧：其他地区已有2023年的数据"], "beta's 2022 is behind alpha's 2023");
    let alpha = Html::parse_document(&fs::read_to_string(out.join("regions/alpha/index.html")).unwrap());
    assert!(select(&alpha, ".figures .stale").iter().all(|s| !text(s).contains("其他地区")), "alpha's figure is the newest");
    let svg = fs::read_to_string(out.join("charts/beta-market_size-narrow.svg")).unwrap();
    assert!(svg.contains("无数据"), "the chart labels the gap too");
    let compare = fs::read_to_string(out.join("charts/compare-market-size.svg")).unwrap();
    assert!(compare.contains("2022年") && compare.contains("2023年"), "bars of different years say their year");
}

#[test]
fn a_threshold_in_site_yaml_flags_figures_older_than_it() {
    let site = fixture_site("");
    let root = site.path();
    let region = root.join("content/regions/alpha.yaml");
    let text = fs::read_to_string(&region).unwrap().replace("summary: 测试用地区。", "summary: 测试用地区。\nupdated: 2026-01-15");
    fs::write(&region, text).unwrap();
    let config = root.join("content/site.yaml");
    let base = fs::read_to_string(&config).unwrap();
    let with_threshold = |months: u32| format!("{}\nstale_after_months: {months}\n", base.trim_end());
    let stale_notes = |months: u32| {
        fs::write(&config, with_threshold(months)).unwrap();
        let out = root.join(format!("out-{months}"));
        build_into(root, &out);
        let html = Html::parse_document(&fs::read_to_string(out.join("regions/alpha/index.html")).unwrap());
        select(&html, ".figures .stale").iter().map(|s| s.text().collect::<String>()).collect::<Vec<_>>()
    };
    // The 2023 figure ended in December 2023: 25 months before January 2026.
    assert!(stale_notes(24).iter().any(|n| n.contains("25个月")), "{:?}", stale_notes(24));
    assert!(stale_notes(36).is_empty(), "{:?}", stale_notes(36));
}
