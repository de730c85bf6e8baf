//! The 繁體 edition: every page has its counterpart below `zh-hant/`, in Traditional script
//! wherever a reader looks, with the same addresses, ids and data.

use scraper::{Html, Node};

use super::helpers::*;

/// Elements whose text is not read as prose: code is left as written, scripts and styles
/// are not shown.
const NOT_CONVERTED: [&str; 7] = ["code", "pre", "kbd", "samp", "script", "style", "textarea"];

/// Every text a reader sees or hears on a page: text nodes outside code, scripts and styles
/// and outside the edition switch (which names each edition in its own script), and the
/// attributes read aloud or shown.
fn visible_texts(html: &str) -> Vec<String> {
    let document = Html::parse_document(html);
    let mut texts = Vec::new();
    for node in document.tree.nodes() {
        match node.value() {
            Node::Text(text) => {
                let hidden = node.ancestors().any(|a| {
                    a.value().as_element().is_some_and(|e| NOT_CONVERTED.contains(&e.name()) || e.attr("lang") == Some("zh-Hans"))
                });
                if !hidden {
                    texts.push(text.to_string());
                }
            }
            Node::Element(element) => {
                texts.extend(["alt", "title", "aria-label", "placeholder"].iter().filter_map(|a| element.attr(a)).map(str::to_owned));
            }
            _ => {}
        }
    }
    texts
}

#[test]
fn every_page_and_chart_has_its_counterpart() {
    let built = example();
    let pages = html_pages(built);
    let first: Vec<&String> = pages.iter().filter(|p| !p.starts_with("zh-hant/")).collect();
    for page in &first {
        assert!(pages.contains(&format!("zh-hant/{page}")), "{page} has no 繁體 counterpart");
    }
    assert_eq!(pages.len(), first.len() * 2);
    for chart in ["charts/hunan-complaints.svg", "charts/hunan-complaints-narrow.svg", "feed.xml", "search.js"] {
        assert!(built.out().join("zh-hant").join(chart).is_file(), "{chart}");
    }
    // Data has the same rows and figures in every edition; its names are the edition's.
    let (first, hant) = (built.read("data/hunan.csv"), built.read("zh-hant/data/hunan.csv"));
    assert_eq!(first.lines().count(), hant.lines().count());
    let figures = |csv: &str| csv.split(|c: char| !c.is_ascii_digit()).filter(|n| !n.is_empty()).map(str::to_owned).collect::<Vec<_>>();
    assert_eq!(figures(&first), figures(&hant));
}

#[test]
fn the_hant_edition_shows_no_simplified_text() {
    // Text left unconverted (a template label, a chart title, an attribute) would change if
    // converted again; text already in Traditional characters does not. The exceptions are characters that
    // are Traditional too and that OpenCC keeps or changes by the phrase around them, so that
    // a second pass over converted text can read them differently:
    // - 里 (鄰里, 公里, and 裡 "inside"): in 熟人社会里 the first pass matches 社会 and keeps
    //   里; the second, seeing 社會里, changes it to 裡.
    const ALLOWED: [char; 1] = ['里'];
    let built = example();
    // Characters only (OpenCC's s2tw): the edition's words are its own (the glossary keeps a
    // statute's 信息 where the phrase rules would say 資訊, the catalog says 檢視), but no
    // character may be left in Simplified script.
    let tw = ferrous_opencc::OpenCC::from_config(ferrous_opencc::config::BuiltinConfig::S2tw).unwrap();
    let mut left = Vec::new();
    let files: Vec<(String, Vec<u8>)> =
        built.tree().into_iter().filter(|(p, _)| p.starts_with("zh-hant/") && (p.ends_with(".html") || p.ends_with(".svg"))).collect();
    assert!(files.len() > 50);
    for (file, bytes) in files {
        let html = String::from_utf8(bytes).unwrap();
        for text in visible_texts(&html) {
            let again = tw.convert(&text);
            let differs = again.chars().zip(text.chars()).any(|(a, b)| a != b && !ALLOWED.contains(&b));
            if differs || again.chars().count() != text.chars().count() {
                left.push(format!("{file}: {text:?} → {again:?}"));
            }
        }
    }
    assert!(left.is_empty(), "{} texts left in Simplified script:\n{}", left.len(), left[..left.len().min(20)].join("\n"));
}

#[test]
fn machines_read_the_same_addresses_ids_and_languages() {
    let built = example();
    let simplified = built.read("articles/henan-home-visits/index.html");
    let traditional = built.read("zh-hant/articles/henan-home-visits/index.html");
    let ids = |html: &str| -> Vec<String> {
        let doc = Html::parse_document(html);
        let sel = scraper::Selector::parse("[id], a[href], img[src]").unwrap();
        doc.select(&sel)
            .map(|e| format!("{:?}{:?}{:?}", e.attr("id"), e.attr("href").filter(|h| !h.contains("://")), e.attr("src")))
            .filter(|s| !s.contains("data-edition"))
            .collect()
    };
    let (a, b) = (ids(&simplified), ids(&traditional));
    assert_eq!(a.len(), b.len());
    let differing: Vec<(&String, &String)> = a.iter().zip(&b).filter(|(x, y)| x != y).collect();
    // Only the edition switch's two links differ (each edition's copy sits one folder deeper).
    assert_eq!(differing.len(), 2, "{differing:?}");
    assert!(simplified.contains(r#"<html lang="zh-Hans">"#) && traditional.contains(r#"<html lang="zh-Hant">"#));
    assert!(traditional.contains(r#"hreflang="zh-Hans" href="https://example.github.io/regionreport/articles/henan-home-visits/""#));
    assert!(
        traditional.contains(r#"<link rel="canonical" href="https://example.github.io/regionreport/zh-hant/articles/henan-home-visits/">"#)
    );
    let feed = built.read("zh-hant/feed.xml");
    assert!(feed.contains("<id>https://example.github.io/regionreport/zh-hant/articles/"), "the edition's feed gives its own pages");
}

/// Each element of a page by name and attribute names (the current edition's mark left
/// out), in document order: what text must never change.
fn structure(html: &str) -> Vec<String> {
    Html::parse_document(html)
        .tree
        .nodes()
        .filter_map(|node| {
            node.value().as_element().map(|e| (e.name().to_string(), e.attrs().map(|(a, _)| a.to_string()).collect::<Vec<_>>()))
        })
        .map(|(name, mut attributes)| {
            attributes.retain(|a| a != "aria-current");
            attributes.sort();
            format!("{name}[{}]", attributes.join(" "))
        })
        .collect()
}

/// The example site with `edit` made to its files, built; returns its output.
fn example_edited(edit: impl FnOnce(&std::path::Path)) -> (tempfile::TempDir, std::collections::BTreeMap<String, Vec<u8>>) {
    let dir = tempfile::tempdir().unwrap();
    copy_example(dir.path());
    edit(dir.path());
    build_into(dir.path(), &dir.path().join("out"));
    let out = tree(&dir.path().join("out"));
    (dir, out)
}

fn append(path: &std::path::Path, text: &str) {
    let mut content = std::fs::read_to_string(path).unwrap();
    content.push_str(text);
    std::fs::write(path, content).unwrap();
}

#[test]
fn text_an_author_types_changes_nothing_but_where_it_is_written() {
    // The string the 繁體 edition once spliced its bodies in at, in a navigation address, a
    // title, a summary and a body beside a link whose address holds an attribute.
    const MARKER: &str = "\u{F8FF}regionreport-body\u{F8FF}";
    let (_dir, out) = example_edited(|root| {
        let site = root.join("content/site.yaml");
        let config = std::fs::read_to_string(&site).unwrap();
        let config = config.replacen(
            "toc_min_headings: 3\n",
            &format!("toc_min_headings: 3\nnav:\n  - title: 外链{MARKER}\n    url: \"https://example.org/{MARKER}\"\n"),
            1,
        );
        std::fs::write(&site, config).unwrap();
        std::fs::write(
            root.join("content/articles/marker.md"),
            format!("---\ntitle: 标记{MARKER}测试\ndate: 2024-05-01\nregions: [hunan]\nsummary: 摘要{MARKER}里\n---\n\n正文{MARKER}。[点这里](x/autofocus/onfocus=alert(1)//)\n"),
        )
        .unwrap();
    });
    let pages: Vec<&String> = out.keys().filter(|p| p.ends_with(".html") && !p.starts_with("zh-hant/")).collect();
    assert!(pages.len() > 20);
    for page in pages {
        let first = String::from_utf8_lossy(&out[page]);
        let hant = String::from_utf8_lossy(&out[&format!("zh-hant/{page}")]);
        assert_eq!(structure(&first), structure(&hant), "{page}: the 繁體 page has the first's elements and attributes");
        assert!(!hant.contains("onfocus=") || hant.contains("onfocus=alert(1)//"), "{page}");
    }
    let article = String::from_utf8_lossy(&out["zh-hant/articles/marker/index.html"]);
    let document = Html::parse_document(&article);
    let link = scraper::Selector::parse("a[href^='x/']").unwrap();
    let link = document.select(&link).next().expect("the body's link");
    assert_eq!(link.attr("href"), Some("x/autofocus/onfocus=alert(1)//"));
    assert_eq!(link.value().attrs().count(), 1, "the address is the link's only attribute");
    assert!(article.contains(&format!("<title>標記{MARKER}測試")), "the title shows what was typed, converted");
}

#[test]
fn every_link_of_an_edition_stays_in_it() {
    let (_dir, out) = example_edited(|root| {
        append(&root.join("content/articles/hunan/hunan-industry-overview.md"), "\n参见 <https://example.org/软件信息>。\n");
    });
    let read = |path: &str| String::from_utf8_lossy(&out[path]).into_owned();
    let base = "https://example.github.io/regionreport/";
    let feed = read("zh-hant/feed.xml");
    let links: Vec<&str> = feed.split("<link href=\"").skip(1).map(|rest| rest.split('"').next().unwrap()).collect();
    assert!(links.len() > 3);
    assert!(links.iter().all(|l| l.starts_with(&format!("{base}zh-hant/"))), "{links:?}");
    let not_found = read("zh-hant/404.html");
    let hrefs: Vec<&str> = not_found.split("href=\"").skip(1).map(|rest| rest.split('"').next().unwrap()).collect();
    let site_links: Vec<&&str> = hrefs.iter().filter(|h| h.starts_with('/')).collect();
    assert!(site_links.len() > 3);
    // The stylesheet is the same file for every edition; every page link is the edition's.
    for href in site_links.iter().filter(|h| !h.ends_with(".css") && !h.ends_with(".svg") && !h.ends_with(".csv")) {
        assert!(href.starts_with("/regionreport/zh-hant/") || href.contains("hreflang"), "{href}");
    }
    // An autolink shows its address as written, in both editions.
    let article = read("zh-hant/articles/hunan-industry-overview/index.html");
    assert!(article.contains(">https://example.org/软件信息</a>"), "the address an autolink shows is not converted");
    let sitemap = read("sitemap.xml");
    assert!(sitemap.contains(&format!("<loc>{base}zh-hant/articles/hunan-industry-overview/</loc>")));
    assert!(!out.contains_key("zh-hant/sitemap.xml") && !out.contains_key("zh-hant/robots.txt"));
}

#[test]
fn interface_text_and_glossary_terms_read_as_a_taiwan_reader_writes_them() {
    let built = example();
    let compare = built.read("zh-hant/compare/index.html");
    assert!(compare.contains("<title>地區比較"), "the catalog's word, not a conversion of 地区对比");
    assert!(compare.contains("範例資料") && !compare.contains("示例資料"));
    let article = built.read("zh-hant/articles/hunan-industry-overview/index.html");
    assert!(article.contains("《個人信息保護法》"), "a statute keeps its own title");
    assert!(!article.contains("個人資訊保護法"));
    let region = built.read("zh-hant/regions/hunan/index.html");
    assert!(region.contains("億元人民幣"), "the currency is said");
    let first = built.read("compare/index.html");
    assert!(first.contains("<title>地区对比") && first.contains("示例数据"));
}
