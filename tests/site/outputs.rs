//! Charts, feeds, the sitemap, data files, and the marking of illustrative data.

use scraper::{Html, Selector};

use super::helpers::*;

#[test]
fn every_chart_is_well_formed_svg_with_title_desc_and_viewbox() {
    let built = example();
    let charts: Vec<String> = built.tree().keys().filter(|k| k.starts_with("charts/") && k.ends_with(".svg")).cloned().collect();
    assert!(charts.len() >= 14, "{charts:?}");
    for chart in charts {
        let text = built.read(&chart);
        let doc = roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("{chart}: {e}"));
        let root = doc.root_element();
        assert!(root.attribute("viewBox").is_some(), "{chart} has no viewBox");
        for tag in ["title", "desc"] {
            let el = root.children().find(|n| n.has_tag_name(tag)).unwrap_or_else(|| panic!("{chart} has no <{tag}>"));
            assert!(!el.text().unwrap_or("").trim().is_empty(), "{chart}: empty <{tag}>");
        }
    }
}

#[test]
fn sitemap_and_feed_are_well_formed_and_list_the_pages() {
    let built = example();
    let sitemap = built.read("sitemap.xml");
    let doc = roxmltree::Document::parse(&sitemap).unwrap();
    let locs: Vec<&str> = doc.descendants().filter(|n| n.has_tag_name("loc")).filter_map(|n| n.text()).collect();
    let pages = html_pages(built).iter().filter(|p| !p.ends_with("404.html")).count();
    assert_eq!(locs.len(), pages, "every page of both editions");
    assert!(locs.contains(&"https://example.github.io/regionreport/regions/hunan/"));
    assert!(locs.contains(&"https://example.github.io/regionreport/zh-hant/regions/hunan/"));
    // Each page names its counterparts, itself included, in every edition.
    let xhtml = "http://www.w3.org/1999/xhtml";
    for url in doc.descendants().filter(|n| n.has_tag_name("url")) {
        let alternates: Vec<(&str, &str)> = url
            .children()
            .filter(|n| n.has_tag_name((xhtml, "link")))
            .map(|n| (n.attribute("hreflang").unwrap(), n.attribute("href").unwrap()))
            .collect();
        let loc = url.children().find(|n| n.has_tag_name("loc")).and_then(|n| n.text()).unwrap();
        let first = loc.replace("/regionreport/zh-hant/", "/regionreport/");
        let second = first.replace("/regionreport/", "/regionreport/zh-hant/");
        assert_eq!(alternates, vec![("zh-Hans", first.as_str()), ("zh-Hant", second.as_str())], "{loc}");
    }
    assert!(locs.iter().all(|l| l.is_ascii()), "URLs are percent-encoded");

    let feed = built.read("feed.xml");
    let doc = roxmltree::Document::parse(&feed).unwrap();
    let entries: Vec<_> = doc.descendants().filter(|n| n.has_tag_name("entry")).collect();
    assert_eq!(entries.len(), 5);
    let first_title = entries[0].children().find(|n| n.has_tag_name("title")).unwrap().text().unwrap();
    assert_eq!(first_title, "自营还是委外：河南消费金融公司的催收选择", "newest first");
    assert!(feed.contains("<updated>2024-07-15T00:00:00Z</updated>"), "updated is the newest article's date");
}

#[test]
fn illustrative_data_is_marked_on_every_page_that_shows_it() {
    let built = example();
    let img = Selector::parse("img[src$='.svg']").unwrap();
    let badge = Selector::parse(".badge-illustrative").unwrap();
    let table = Selector::parse("table[data-illustrative='true']").unwrap();
    let mut pages_with_illustrative = 0;
    for page in html_pages(built) {
        let doc = Html::parse_document(&built.read(&page));
        let shows_illustrative_chart = doc.select(&img).any(|el| {
            let src = el.value().attr("src").unwrap();
            let chart = &src[src.find("charts/").unwrap()..];
            built.read(chart).contains("示例数据，非真实统计")
        });
        let shows_illustrative_table = doc.select(&table).next().is_some();
        if shows_illustrative_chart || shows_illustrative_table {
            pages_with_illustrative += 1;
            assert!(doc.select(&badge).next().is_some(), "{page} shows illustrative data without the 示例数据 badge");
        }
    }
    assert!(pages_with_illustrative >= 8, "{pages_with_illustrative}");
    let svg = built.read("charts/gansu-complaints.svg");
    assert!(svg.contains("示例数据\n</text>"), "the chart itself carries the badge");
}

#[test]
fn data_downloads_hold_every_value() {
    let built = example();
    let csv = built.read("data/hunan.csv");
    let header = csv.trim_start_matches('\u{feff}').lines().next().unwrap();
    assert_eq!(header, "region,region_name,series,series_title,unit,period,category,value,illustrative,source_title,source_url,read_at");
    assert!(csv.contains("hunan,湖南,banking_complaints,银行业消费投诉（真实）,件,2021,,4051,false,"));
    let json: serde_json::Value = serde_json::from_str(&built.read("data/hunan.json")).unwrap();
    let series = json["series"].as_array().unwrap();
    assert!(series.iter().any(|s| s["id"] == "complaints" && s["illustrative"] == true));
    let all = built.read("data/all.csv");
    assert!(all.contains("gansu,") && all.contains("national,"));
}

/// The example site with `count` more articles about gansu, all tagged `tag` and titled by
/// tag and number, dated by `date(n)`, built; the site folder and its output.
fn built_with_gansu_articles(count: usize, tag: &str, date: impl Fn(usize) -> String) -> (tempfile::TempDir, std::path::PathBuf) {
    let site = tempfile::tempdir().unwrap();
    copy_example(site.path());
    for n in 1..=count {
        let text = format!("---\ntitle: {tag}文章{n}\ndate: {}\nregion: gansu\ntags: [{tag}]\n---\n\n正文{n}。\n", date(n));
        std::fs::write(site.path().join(format!("content/articles/gansu/listed-{n}.md")), text).unwrap();
    }
    let out = site.path().join("out");
    build_into(site.path(), &out);
    (site, out)
}

/// The folder of the first page of tag `tag` (its folder name is a slug of it).
fn tag_folder(out: &std::path::Path, tag: &str) -> std::path::PathBuf {
    let heading = format!("<h1>标签：{tag}</h1>");
    std::fs::read_dir(out.join("tags"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| std::fs::read_to_string(p.join("index.html")).is_ok_and(|t| t.contains(&heading)))
        .expect("the tag has a page")
}

#[test]
fn long_tag_and_region_lists_show_the_latest_in_full_and_the_rest_one_line_each() {
    let (_site, out) = built_with_gansu_articles(14, "长列表", |n| format!("2020-01-{n:02}"));
    for page in [tag_folder(&out, "长列表").join("index.html"), out.join("regions/gansu/index.html")] {
        let html = Html::parse_document(&std::fs::read_to_string(&page).unwrap());
        let titles = |selector: &str| -> Vec<String> {
            html.select(&Selector::parse(selector).unwrap()).map(|a| a.text().collect::<String>()).collect()
        };
        let full = titles(".article-list li > h2 a, .article-list li > h3 a");
        let older = titles(".article-index a");
        assert_eq!(full.len(), 10, "{}: the latest ten in full", page.display());
        assert!(full.contains(&"长列表文章14".to_string()), "newest first: {full:?}");
        assert!(older.contains(&"长列表文章1".to_string()) && !full.contains(&"长列表文章1".to_string()), "{older:?}");
        assert_eq!(
            full.len() + older.len(),
            if page.ends_with("regions/gansu/index.html") { 15 } else { 14 },
            "every article is listed once"
        );
    }
}

#[test]
fn a_site_overrides_the_feed_and_sitemap_templates() {
    let site = super::diagnostics::fixture_site("");
    let root = site.path();
    std::fs::create_dir_all(root.join("templates")).unwrap();
    std::fs::write(
        root.join("templates/sitemap.xml"),
        "<?xml version=\"1.0\"?>\n<urlset>{% for url in sitemap.urls %}<url><loc>{{ url.loc }}</loc></url>{% endfor %}</urlset>\n",
    )
    .unwrap();
    std::fs::write(root.join("templates/feed.xml"), "<feed>{{ feed.title }} {{ feed.entries | length }}</feed>\n").unwrap();
    let options = regionreport::BuildOptions { root: root.to_path_buf(), ..Default::default() };
    regionreport::build(&options).unwrap_or_else(|e| panic!("{e:?}"));
    let sitemap = std::fs::read_to_string(root.join("output/sitemap.xml")).unwrap();
    assert!(sitemap.starts_with("<?xml version=\"1.0\"?>\n<urlset><url><loc>"), "{sitemap}");
    assert!(!sitemap.contains("lastmod"), "the site's own template, not the built-in one");
    let feed = std::fs::read_to_string(root.join("output/feed.xml")).unwrap();
    assert!(feed.starts_with("<feed>") && feed.trim_end().ends_with(" 2</feed>"), "{feed}");
}

#[test]
fn region_and_tag_pages_go_on_over_pages_of_a_hundred_linked_for_readers_and_crawlers() {
    let (_site, out) = built_with_gansu_articles(240, "分页", |n| format!("2010-{:02}-{:02}", 1 + (n / 28) % 12, 1 + n % 28));
    for (first, expected) in [(out.join("regions/gansu"), 241), (tag_folder(&out, "分页"), 240)] {
        let mut listed = Vec::new();
        let mut page = first.join("index.html");
        let mut number = 1;
        loop {
            let html = Html::parse_document(&std::fs::read_to_string(&page).unwrap());
            let select = |s: &str| html.select(&Selector::parse(s).unwrap()).collect::<Vec<_>>();
            let entries: Vec<String> =
                select(".article-list li > h2 a, .article-list li > h3 a, .article-index a").iter().map(|a| a.text().collect()).collect();
            assert!(entries.len() <= 100, "{}: {} entries", page.display(), entries.len());
            listed.extend(entries);
            let nav = select("nav.pagination[aria-label]");
            assert_eq!(nav.len(), 1, "{}: one labelled page bar", page.display());
            let current: Vec<String> = select("nav.pagination [aria-current=page]").iter().map(|e| e.text().collect()).collect();
            assert_eq!(current, [number.to_string()], "{}", page.display());
            let Some(next) = select("nav.pagination a[rel=next]").first().and_then(|a| a.value().attr("href")) else { break };
            page = page.parent().unwrap().join(decode(next));
            number += 1;
            assert!(page.is_file(), "the next page exists: {}", page.display());
        }
        assert_eq!(number, 3, "{}: three pages", first.display());
        let distinct: std::collections::BTreeSet<&String> = listed.iter().collect();
        assert_eq!((listed.len(), distinct.len()), (expected, expected), "{}: every article listed once", first.display());
        let last = Html::parse_document(&std::fs::read_to_string(first.join("page/3/index.html")).unwrap());
        let back = last.select(&Selector::parse("nav.pagination a[rel=prev]").unwrap()).next().unwrap().value().attr("href").unwrap();
        assert!(first.join("page/3").join(decode(back)).is_file(), "the previous page exists");
    }
    let sitemap = std::fs::read_to_string(out.join("sitemap.xml")).unwrap();
    assert!(sitemap.contains("/regions/gansu/page/3/"), "a crawler finds the later pages in the sitemap");
    assert!(out.join("zh-hant/regions/gansu/page/2/index.html").is_file(), "every edition has the later pages");
}

fn decode(href: &str) -> String {
    percent_encoding::percent_decode_str(href).decode_utf8_lossy().into_owned()
}
