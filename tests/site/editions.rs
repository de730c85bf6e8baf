//! The 繁體 edition: every page has its counterpart below `zh-hant/`, in Traditional script
//! wherever a reader looks, with the same addresses, ids and data.

use regionreport::edition::convert::{Converter, Variant};
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
                let hidden = node
                    .ancestors()
                    .any(|a| a.value().as_element().is_some_and(|e| NOT_CONVERTED.contains(&e.name()) || e.attr("data-edition").is_some()));
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
    // Data is the same in every edition.
    assert_eq!(built.read("data/hunan.csv"), built.read("zh-hant/data/hunan.csv"));
}

#[test]
fn the_hant_edition_shows_no_simplified_text() {
    // Text left unconverted (a template label, a chart title, an attribute) would change if
    // converted again; text already converted does not. The exceptions are characters that
    // are Traditional too and that OpenCC keeps or changes by the phrase around them, so that
    // a second pass over converted text can read them differently:
    // - 里 (鄰里, 公里, and 裡 "inside"): in 熟人社会里 the first pass matches 社会 and keeps
    //   里; the second, seeing 社會里, changes it to 裡.
    const ALLOWED: [char; 1] = ['里'];
    let built = example();
    let tw = Converter::new(Variant::Taiwan).unwrap();
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

#[test]
fn an_article_page_converted_with_its_body_is_the_page_converted_whole() {
    // A build converts each article's body as it renders it and only the page around it
    // through the rewriter; `serve` converts whole pages. Both must give the same bytes.
    let built = example();
    let site = regionreport::site::BuildOptions { root: example_root(), ..Default::default() };
    let config = std::fs::read_to_string(site.root.join("content/site.yaml")).unwrap();
    let config = regionreport::config::SiteConfig::parse(std::path::Path::new("site.yaml"), &config).unwrap();
    let editions = regionreport::edition::editions(&config);
    let tree = built.tree();
    let articles: Vec<&String> =
        tree.keys().filter(|p| p.starts_with("articles/") && p.ends_with(".html") && !p.contains("page/")).collect();
    assert!(articles.len() >= 5);
    for path in articles {
        let page = regionreport::site::OutputFile::new(path.clone(), tree[path].clone());
        let whole = editions[1].derive(&page, &config.base_url).unwrap();
        assert_eq!(String::from_utf8_lossy(&whole.bytes), String::from_utf8_lossy(&tree[&format!("zh-hant/{path}")]), "{path}");
    }
}
