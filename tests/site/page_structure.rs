//! What validators and screen readers check on every page: headings that never skip a level,
//! figures whose caption is their first or last child, a favicon that is there, and
//! the illustrative-data notice only where illustrative figures are shown.

use scraper::{ElementRef, Html, Selector};

use super::helpers::*;

fn page(path: &str) -> Html {
    let bytes = example().tree().remove(path).unwrap_or_else(|| panic!("no {path}"));
    Html::parse_document(&String::from_utf8(bytes).unwrap())
}

fn select<'a>(html: &'a Html, css: &str) -> Vec<ElementRef<'a>> {
    html.select(&Selector::parse(css).unwrap()).collect()
}

#[test]
fn headings_never_skip_a_level_on_any_page() {
    for path in html_pages(example()) {
        let html = page(&path);
        let levels: Vec<u8> = select(&html, "h1, h2, h3, h4, h5, h6").iter().map(|h| h.value().name()[1..].parse().unwrap()).collect();
        assert_eq!(levels.first(), Some(&1), "{path} starts with h{:?}", levels.first());
        for pair in levels.windows(2) {
            assert!(pair[1] <= pair[0] + 1, "{path}: h{} follows h{} ({levels:?})", pair[1], pair[0]);
        }
    }
}

#[test]
fn a_chart_figure_has_its_caption_first_and_both_drawings() {
    let html = page("regions/hunan/index.html");
    let figures = select(&html, "figure.chart");
    assert!(figures.len() >= 2);
    for figure in figures {
        let children: Vec<&str> = figure.children().filter_map(ElementRef::wrap).map(|e| e.value().name()).collect();
        assert_eq!(children.first(), Some(&"figcaption"), "{children:?}");
        assert_eq!(children.iter().filter(|c| **c == "figcaption").count(), 1, "{children:?}");
        // The browser picks the drawing: the narrow one in a phone's window, the wide one else.
        let source = figure.select(&Selector::parse("picture > source").unwrap()).next().expect("a <source> for phones");
        assert_eq!(source.value().attr("media"), Some("(max-width: 40rem)"));
        let narrow = source.value().attr("srcset").unwrap();
        let img = figure.select(&Selector::parse("picture > img").unwrap()).next().unwrap();
        let wide = img.value().attr("src").unwrap();
        assert!(narrow.ends_with("-narrow.svg") && wide.ends_with(".svg") && !wide.ends_with("-narrow.svg"), "{narrow} {wide}");
        for element in [source, img] {
            let width: u32 = element.value().attr("width").unwrap().parse().unwrap();
            let height: u32 = element.value().attr("height").unwrap().parse().unwrap();
            let file = element.value().attr(if element == img { "src" } else { "srcset" }).unwrap().trim_start_matches("../");
            let svg = example().read(file);
            assert!(svg.contains(&format!("viewBox=\"0 0 {width} {height}\"")), "{file}: the size the page reserves is the drawing's");
        }
    }
}

#[test]
fn every_page_links_the_favicon_the_build_writes() {
    let tree = example().tree();
    assert!(String::from_utf8_lossy(&tree["favicon.svg"]).starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    for path in html_pages(example()) {
        let html = page(&path);
        let icons = select(&html, "link[rel=icon]");
        assert_eq!(icons.len(), 1, "{path}");
        let href = icons[0].value().attr("href").unwrap();
        assert!(href.ends_with("favicon.svg"), "{path}: {href}");
    }
}

#[test]
fn the_illustrative_notice_is_on_pages_with_illustrative_figures_only() {
    let notice = |path: &str| select(&page(path), "footer .notice").len();
    // The example's regions are illustrative except the national reference data.
    for path in ["index.html", "regions/hunan/index.html", "compare/index.html"] {
        assert_eq!(notice(path), 1, "{path} shows illustrative figures");
    }
    for path in ["regions/national/index.html", "tags/index.html", "articles/index.html", "404.html"] {
        assert_eq!(notice(path), 0, "{path} shows no illustrative figure");
    }
}
