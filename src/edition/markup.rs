//! An edition's copy of a page, chart or feed: the first edition's markup with every text a
//! reader sees converted (text nodes, and the attributes read aloud or shown: `alt`, `title`,
//! `aria-label`, `placeholder`, `label`, a description's `content`), and nothing a machine
//! follows changed. Code (`code`, `pre`, `kbd`, `samp`), scripts and styles are left as
//! written. Rewritten by lol_html, which streams the markup and keeps every byte it is not
//! asked to change.

use std::borrow::Cow;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::sync::OnceLock;

use lol_html::html_content::{ContentType, Element, EndTag, TextType};
use lol_html::{doc_text, rewrite_str, ElementContentHandlers, HandlerResult, RewriteStrSettings, Selector};

use super::convert::{is_han, Converter};

/// Attributes whose values a reader sees or hears.
const READ_ATTRIBUTES: [&str; 5] = ["alt", "title", "aria-label", "placeholder", "label"];

/// Where the copy goes and what changes besides its text.
pub struct Target<'a> {
    pub converter: &'a Converter,
    /// The edition's language tag, for `<html lang>`.
    pub language: &'a str,
    /// The edition's folder below the output root, ending in `/`: `zh-hant/`.
    pub prefix: &'a str,
    /// The site's absolute URL: absolute links to the site (canonical, feed) move below the
    /// prefix.
    pub base_url: &'a str,
}

/// `markup` (a page, an SVG drawing or the Atom feed) for the edition `target`.
pub fn convert(markup: &str, target: &Target) -> Result<String, String> {
    let selectors = selectors().ok_or("the rewriter's selectors did not parse")?;
    let skipped = Rc::new(Cell::new(0usize));
    let in_noscript = Rc::new(Cell::new(0usize));
    let pending = RefCell::new(String::new());
    let up = "../".repeat(target.prefix.matches('/').count());
    let elements = vec![
        on(&selectors[0], |el| {
            let counter = if el.tag_name() == "noscript" { &in_noscript } else { &skipped };
            count_while_open(el, counter);
            Ok(())
        }),
        on(&selectors[1], |el| convert_read_attributes(el, target.converter)),
        on(&selectors[2], |el| adjust_for_edition(el, target, &up)),
    ];
    let text = doc_text!(|chunk| {
        // A `noscript`'s content is markup the parser reads as raw text.
        let fragment = in_noscript.get() > 0 && chunk.text_type() == TextType::RawText;
        let readable = matches!(chunk.text_type(), TextType::Data | TextType::RCData) || fragment;
        if skipped.get() > 0 || !readable {
            return Ok(());
        }
        let mut pending = pending.borrow_mut();
        // Most text nodes of a page are white space between tags: left as they are.
        if pending.is_empty() && chunk.last_in_text_node() && !chunk.as_str().chars().any(is_han) && !fragment {
            return Ok(());
        }
        if !chunk.last_in_text_node() {
            pending.push_str(chunk.as_str());
            chunk.remove();
            return Ok(());
        }
        // A text node in one chunk (the usual case) is read where it stands.
        let whole = match pending.is_empty() {
            true => chunk.as_str(),
            false => {
                pending.push_str(chunk.as_str());
                pending.as_str()
            }
        };
        let converted = match fragment {
            true => convert(whole, target).unwrap_or_else(|_| whole.to_owned()),
            false => target.converter.convert(whole),
        };
        // Text the conversion leaves as it was (names, most numbers and dates) stays where it is.
        if converted != whole || !pending.is_empty() {
            chunk.replace(&converted, ContentType::Html);
        }
        pending.clear();
        Ok(())
    });
    let settings = elements
        .into_iter()
        .fold(RewriteStrSettings::new(), |settings, handler| settings.append_element_content_handler(handler))
        .append_document_content_handler(text);
    rewrite_str(markup, settings).map_err(|e| e.to_string())
}

/// Converts the attributes a reader sees or hears.
fn convert_read_attributes(el: &mut Element, converter: &Converter) -> HandlerResult {
    for name in READ_ATTRIBUTES {
        if let Some(value) = el.get_attribute(name).filter(|v| v.chars().any(is_han)) {
            el.set_attribute(name, &converter.convert(&value))?;
        }
    }
    Ok(())
}

/// What differs in the edition's copy besides its text: its language, its absolute
/// addresses, and the edition switch; `up` leads from the edition's folder to the site root.
fn adjust_for_edition(el: &mut Element, target: &Target, up: &str) -> HandlerResult {
    let moved = |url: &str| match url.strip_prefix(target.base_url) {
        Some(rest) => format!("{}{}{rest}", target.base_url, target.prefix),
        None => url.to_string(),
    };
    match el.tag_name().as_str() {
        "html" => el.set_attribute("lang", target.language)?,
        "meta" => {
            if let Some(content) = el.get_attribute("content") {
                let content = if content.starts_with(target.base_url) { moved(&content) } else { target.converter.convert(&content) };
                el.set_attribute("content", &content)?;
            }
        }
        // Absolute links to the site's own pages: the canonical address, the feed's.
        "link" => {
            if let Some(href) = el.get_attribute("href") {
                el.set_attribute("href", &moved(&href))?;
            }
        }
        // The edition switch: its links were written relative to the first edition's copy
        // of the page, and name the edition they lead to.
        _ => {
            if let Some(href) = el.get_attribute("href").filter(|h| !h.contains("://") && !h.starts_with('/')) {
                el.set_attribute("href", &format!("{up}{href}"))?;
            }
            if el.get_attribute("data-edition").as_deref() == Some(target.prefix) {
                el.set_attribute("aria-current", "true")?;
            } else {
                el.remove_attribute("aria-current");
            }
        }
    }
    Ok(())
}

/// What the rewriter looks for, in the order [`convert`] uses them.
const SELECTORS: [&str; 3] = [
    // Text left as written (code, scripts, styles, the edition switch's names), and the
    // markup inside `noscript`, which the parser reads as raw text.
    "code, pre, kbd, samp, script, style, textarea, [data-edition], noscript",
    // Attributes a reader sees or hears.
    "[alt], [title], [aria-label], [placeholder], [label]",
    // What is different about the edition's copy: its language, addresses and switch.
    "html, meta[name=description], meta[property^='og:'][content], link[rel=canonical][href], \
     link[rel=alternate][href]:not([hreflang]), link[rel=self][href], a[data-edition][href]",
];

/// [`SELECTORS`], parsed once per process (a site has thousands of pages to rewrite).
fn selectors() -> Option<&'static [Selector]> {
    static PARSED: OnceLock<Option<Vec<Selector>>> = OnceLock::new();
    PARSED.get_or_init(|| SELECTORS.iter().map(|s| s.parse().ok()).collect()).as_deref()
}

/// A handler of the elements `selector` matches.
fn on<'h>(
    selector: &'static Selector,
    handler: impl FnMut(&mut Element<'_, '_>) -> HandlerResult + 'h,
) -> (Cow<'static, Selector>, ElementContentHandlers<'h>) {
    (Cow::Borrowed(selector), ElementContentHandlers::default().element(handler))
}

/// Counts `element` in `open` until its end tag: whether text is inside one.
fn count_while_open(element: &mut Element, open: &Rc<Cell<usize>>) {
    open.set(open.get() + 1);
    let open = Rc::clone(open);
    if let Some(handlers) = element.end_tag_handlers() {
        let leave: lol_html::EndTagHandler<'static> = Box::new(move |_: &mut EndTag<'_>| {
            open.set(open.get().saturating_sub(1));
            Ok(())
        });
        handlers.push(leave);
    }
}

/// The feed's atom `<id>`s and links are absolute: the edition's feed gives its own pages'.
pub fn move_feed_ids(feed: &str, target: &Target) -> String {
    feed.replace(&format!("<id>{}", target.base_url), &format!("<id>{}{}", target.base_url, target.prefix))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edition::convert::Variant;

    fn target(converter: &Converter) -> Target<'_> {
        Target { converter, language: "zh-Hant", prefix: "zh-hant/", base_url: "https://example.org/r/" }
    }

    #[test]
    fn readers_text_changes_and_machines_text_does_not() {
        let converter = Converter::new(Variant::Taiwan).unwrap();
        let page = concat!(
            r#"<html lang="zh-Hans"><head><title>湖南 · 催收软件</title>"#,
            r#"<link rel="canonical" href="https://example.org/r/regions/hunan/"></head><body>"#,
            r#"<nav><a data-edition="" href="../../regions/hunan/" aria-current="true">简</a>"#,
            r#"<a data-edition="zh-hant/" href="../../zh-hant/regions/hunan/">繁</a></nav>"#,
            r#"<main id="数据"><h2 id="个人信息">个人信息</h2><img alt="投诉图表" src="../../charts/湖南.svg">"#,
            r#"<p>发展 &amp; 头发 <code>软件 = 1</code></p><pre>软件</pre></main>"#,
            r#"<script>const s = "软件";</script></body></html>"#
        );
        let out = convert(page, &target(&converter)).unwrap();
        assert!(out.contains(r#"<html lang="zh-Hant">"#), "{out}");
        assert!(out.contains("<title>湖南 · 催收軟體</title>"));
        assert!(out.contains(r#"href="https://example.org/r/zh-hant/regions/hunan/""#));
        assert!(out.contains(r#"<h2 id="个人信息">個人資訊</h2>"#), "ids stay: {out}");
        assert!(out.contains(r#"<main id="数据">"#));
        assert!(out.contains(r#"alt="投訴圖表" src="../../charts/湖南.svg""#), "{out}");
        assert!(out.contains("發展 &amp; 頭髮 <code>软件 = 1</code>"), "{out}");
        assert!(out.contains("<pre>软件</pre>") && out.contains(r#"const s = "软件";"#));
        assert!(out.contains(r#"<a data-edition="" href="../../../regions/hunan/">简</a>"#), "{out}");
        assert!(out.contains(r#"<a data-edition="zh-hant/" href="../../../zh-hant/regions/hunan/" aria-current="true">繁</a>"#), "{out}");
    }

    #[test]
    fn chart_drawings_keep_their_style_and_numbers() {
        let converter = Converter::new(Variant::Taiwan).unwrap();
        let svg = r#"<svg xmlns="http://www.w3.org/2000/svg"><style>.a{fill:#000}</style><title>湖南 · 投诉</title><text x="1">单位：件</text><text>1,234</text></svg>"#;
        let out = convert(svg, &target(&converter)).unwrap();
        assert_eq!(
            out,
            r#"<svg xmlns="http://www.w3.org/2000/svg"><style>.a{fill:#000}</style><title>湖南 · 投訴</title><text x="1">單位：件</text><text>1,234</text></svg>"#
        );
    }
}
