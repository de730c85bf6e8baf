//! Reading HTML with a real HTML5 tokenizer (html5ever, which the sanitizer already uses):
//! attribute values quoted or not, on one line or several, with every character reference
//! decoded, and the text of `<script>`, `<style>`, `<textarea>` and `<title>` read as the
//! browser reads it. `check` finds links and ids with it; tests and the fuzz targets look for
//! active content with it.

use std::cell::RefCell;

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts};

/// A start tag: its name (lowercase) and its attributes, values decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StartTag {
    pub name: String,
    pub attributes: Vec<(String, String)>,
}

impl StartTag {
    pub fn attribute(&self, name: &str) -> Option<&str> {
        self.attributes.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }
}

/// What [`scan`] hands its visitor.
pub enum Item<'a> {
    Start(&'a StartTag),
    End(&'a str),
}

/// Calls `visit` for every start and end tag of `html`, in order. Linear in the input.
pub fn scan(html: &str, mut visit: impl FnMut(Item)) {
    scan_lines(html, |item, _| visit(item));
}

/// [`scan`], with the line (from 1) each tag is on.
pub fn scan_lines(html: &str, visit: impl FnMut(Item, u64)) {
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(html));
    let tokenizer = Tokenizer::new(Visitor(RefCell::new(visit)), TokenizerOpts::default());
    let _ = tokenizer.feed(&input);
    tokenizer.end();
}

/// Every start tag of `html`.
pub fn start_tags(html: &str) -> Vec<StartTag> {
    let mut tags = Vec::new();
    scan(html, |item| {
        if let Item::Start(tag) = item {
            tags.push(tag.clone());
        }
    });
    tags
}

/// Elements that never have content, so never nest.
const VOID: &[&str] = &["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"];

/// How deeply the elements of `html` nest, counting as a browser's parser would at most.
pub fn nesting_depth(html: &str) -> usize {
    deepest(html).0
}

/// How deeply the elements of `html` nest at most, and the line where they first do.
pub fn deepest(html: &str) -> (usize, u64) {
    let (mut depth, mut deepest, mut at) = (0usize, 0usize, 1);
    scan_lines(html, |item, line| match item {
        Item::Start(tag) if !VOID.contains(&tag.name.as_str()) => {
            depth += 1;
            if depth > deepest {
                (deepest, at) = (depth, line);
            }
        }
        Item::End(_) => depth = depth.saturating_sub(1),
        Item::Start(_) => {}
    });
    (deepest, at)
}

/// What in `html` could run script in a reader's browser: script-like elements, event
/// handler attributes, and URLs whose scheme is not allowed ([`crate::policy::url`]).
pub fn active_content(html: &str) -> Vec<String> {
    const ELEMENTS: &[&str] = &["script", "iframe", "frame", "object", "embed", "applet", "base", "meta", "form", "svg", "math"];
    const URL_ATTRIBUTES: &[&str] = &["href", "src", "action", "formaction", "xlink:href", "poster", "data", "background", "cite"];
    let mut found = Vec::new();
    for tag in start_tags(html) {
        if ELEMENTS.contains(&tag.name.as_str()) {
            found.push(format!("<{}> element", tag.name));
        }
        for (name, value) in &tag.attributes {
            if name.starts_with("on") || name == "style" || name == "srcdoc" {
                found.push(format!("{name}= attribute on <{}>", tag.name));
            }
            if URL_ATTRIBUTES.contains(&name.as_str()) && crate::policy::url::check(value).is_err() {
                found.push(format!("{name}=\"{value}\" on <{}>", tag.name));
            }
        }
    }
    found
}

struct Visitor<F>(RefCell<F>);

impl<F: FnMut(Item, u64)> TokenSink for Visitor<F> {
    type Handle = ();

    fn process_token(&self, token: Token, line: u64) -> TokenSinkResult<()> {
        let Token::TagToken(tag) = token else { return TokenSinkResult::Continue };
        let name = tag.name.to_string();
        let visit = &mut *self.0.borrow_mut();
        if tag.kind == TagKind::EndTag {
            visit(Item::End(&name), line);
            return TokenSinkResult::Continue;
        }
        let attributes = tag.attrs.iter().map(|a| (qualified(&a.name), a.value.to_string())).collect();
        let start = StartTag { name, attributes };
        visit(Item::Start(&start), line);
        if tag.self_closing {
            return TokenSinkResult::Continue;
        }
        // The tokenizer alone does not know these elements hold text, not markup.
        match start.name.as_str() {
            "script" => TokenSinkResult::RawData(RawKind::ScriptData),
            "style" | "xmp" | "iframe" | "noembed" | "noframes" => TokenSinkResult::RawData(RawKind::Rawtext),
            "textarea" | "title" => TokenSinkResult::RawData(RawKind::Rcdata),
            "plaintext" => TokenSinkResult::Plaintext,
            _ => TokenSinkResult::Continue,
        }
    }
}

fn qualified(name: &html5ever::QualName) -> String {
    match &name.prefix {
        Some(prefix) => format!("{prefix}:{}", name.local),
        None => name.local.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attributes_are_read_as_a_browser_reads_them() {
        let tags = start_tags("<a href=unquoted>x</a><a\nhref\n=\n'multi&#10;line'>y</a><img src=\"a&amp;b&quot;c\" alt>");
        let values: Vec<Option<&str>> = tags.iter().map(|t| t.attribute("href").or(t.attribute("src"))).collect();
        assert_eq!(values, [Some("unquoted"), Some("multi\nline"), Some("a&b\"c")]);
    }

    #[test]
    fn markup_inside_script_and_textarea_is_text() {
        let tags = start_tags("<script>var a = '<a href=x>';</script><textarea><img src=y></textarea><p id=z>");
        let names: Vec<&str> = tags.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(names, ["script", "textarea", "p"]);
    }

    #[test]
    fn nesting_is_counted_without_void_elements() {
        assert_eq!(nesting_depth("<div><p>a<br><img></p></div><div></div>"), 2);
        assert_eq!(nesting_depth(&"<div>".repeat(1000)), 1000);
        assert_eq!(deepest("<p>\n<div><div>\n<span>a</span></div></div>\n<div>b</div>"), (4, 3), "four deep first on line 3");
    }

    #[test]
    fn active_content_is_found() {
        assert!(active_content("<p class=x>ok <a href=\"https://x.org\">x</a></p>").is_empty());
        for bad in [
            "<script>x</script>",
            "<img src=x onerror=alert(1)>",
            "<a href=' javascript:alert(1)'>x</a>",
            "<a href=\"java&#9;script:alert(1)\">x</a>",
            "<iframe srcdoc=x>",
            "<svg><a xlink:href=javascript:x>",
            "<h2 onclick=\"alert(1)\">t</h2>",
        ] {
            assert!(!active_content(bad).is_empty(), "{bad}");
        }
    }
}
