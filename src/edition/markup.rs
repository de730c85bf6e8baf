//! An edition's copy of a page, chart or feed: the first edition's markup with every text a
//! reader sees converted (text nodes, and the attributes read aloud or shown: `alt`, `title`,
//! `aria-label`, `placeholder`, `label`, a description's `content`), and nothing a machine
//! follows changed. Code (`code`, `pre`, `kbd`, `samp`), scripts and styles are left as
//! written. Rewritten by lol_html, which streams the markup and keeps every byte it is not
//! asked to change.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use lol_html::html_content::{ContentType, EndTag, TextType};
use lol_html::{doc_text, element, rewrite_str, RewriteStrSettings};

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
    let skipped = Rc::new(Cell::new(0usize));
    let in_noscript = Rc::new(Cell::new(0usize));
    let pending = RefCell::new(String::new());
    let up = "../".repeat(target.prefix.matches('/').count());
    let moved = |url: &str| match url.strip_prefix(target.base_url) {
        Some(rest) => format!("{}{}{rest}", target.base_url, target.prefix),
        None => url.to_string(),
    };
    let elements = vec![
        element!("code, pre, kbd, samp, script, style, textarea, [data-edition]", |el| {
            count_while_open(el, &skipped);
            Ok(())
        }),
        element!("noscript", |el| {
            count_while_open(el, &in_noscript);
            Ok(())
        }),
        element!("[alt], [title], [aria-label], [placeholder], [label]", |el| {
            for name in READ_ATTRIBUTES {
                if let Some(value) = el.get_attribute(name).filter(|v| v.chars().any(is_han)) {
                    el.set_attribute(name, &target.converter.convert(&value))?;
                }
            }
            Ok(())
        }),
        element!("html", |el| {
            el.set_attribute("lang", target.language)?;
            Ok(())
        }),
        element!("meta[name=description], meta[property^='og:'][content]", |el| {
            if let Some(content) = el.get_attribute("content") {
                let content = if content.starts_with(target.base_url) { moved(&content) } else { target.converter.convert(&content) };
                el.set_attribute("content", &content)?;
            }
            Ok(())
        }),
        // Absolute links to the site's own pages: the canonical address, the feed's links.
        element!("link[rel=canonical][href], link[rel=alternate][href]:not([hreflang]), link[rel=self][href]", |el| {
            if let Some(href) = el.get_attribute("href") {
                el.set_attribute("href", &moved(&href))?;
            }
            Ok(())
        }),
        // The edition switch: its links were written relative to the first edition's
        // copy of the page, and name the edition they lead to.
        element!("a[data-edition][href]", |el| {
            if let Some(href) = el.get_attribute("href") {
                if !href.contains("://") && !href.starts_with('/') {
                    el.set_attribute("href", &format!("{up}{href}"))?;
                }
            }
            if el.get_attribute("data-edition").as_deref() == Some(target.prefix) {
                el.set_attribute("aria-current", "true")?;
            } else {
                el.remove_attribute("aria-current");
            }
            Ok(())
        }),
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
        pending.push_str(chunk.as_str());
        if !chunk.last_in_text_node() {
            chunk.remove();
            return Ok(());
        }
        let converted = match fragment {
            true => convert(&pending, target).unwrap_or_else(|_| pending.clone()),
            false => target.converter.convert(&pending),
        };
        pending.clear();
        chunk.replace(&converted, ContentType::Html);
        Ok(())
    });
    let settings = elements
        .into_iter()
        .fold(RewriteStrSettings::new(), |settings, handler| settings.append_element_content_handler(handler))
        .append_document_content_handler(text);
    rewrite_str(markup, settings).map_err(|e| e.to_string())
}

/// Counts `element` in `open` until its end tag: whether text is inside one.
fn count_while_open(element: &mut lol_html::html_content::Element, open: &Rc<Cell<usize>>) {
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
