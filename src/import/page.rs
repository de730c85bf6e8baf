//! What an input gives before cleaning: text copied from a page, or a saved HTML page whose
//! article is extracted (readability, `dom_smoothie`) and turned into Markdown (`htmd`).

use std::io::Read;
use std::path::Path;

/// The most an input may hold: far beyond any article, small enough for a string in memory.
pub const MAX_INPUT_BYTES: u64 = 8 * 1024 * 1024;

/// An input as text lines, with what its page said about itself.
#[derive(Debug, Default)]
pub struct Page {
    /// The page's own title (HTML); for copied text the title is found among the lines.
    pub title: Option<String>,
    pub text: String,
    /// The page's address, when the page names it (`<link rel=canonical>`, `og:url`).
    pub url: Option<String>,
    pub site_name: Option<String>,
    /// The page's byline and publication time, when its markup gives them.
    pub byline: Option<String>,
    pub published: Option<String>,
    /// Whether `text` is Markdown (converted from HTML) rather than plain text.
    pub markdown: bool,
}

/// Reads `input` (`-` for standard input): HTML when it is named `.html`/`.htm` or, from
/// standard input, when it starts like a document; otherwise text.
pub fn read(input: &Path) -> Result<Page, String> {
    let bytes = if input == Path::new("-") {
        let mut bytes = Vec::new();
        std::io::stdin().take(MAX_INPUT_BYTES + 1).read_to_end(&mut bytes).map_err(|e| format!("cannot read standard input: {e}"))?;
        bytes
    } else {
        let file = std::fs::File::open(input).map_err(|e| format!("cannot read {}: {e}", input.display()))?;
        let mut bytes = Vec::new();
        file.take(MAX_INPUT_BYTES + 1).read_to_end(&mut bytes).map_err(|e| format!("cannot read {}: {e}", input.display()))?;
        bytes
    };
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        return Err(format!("{} is larger than {} MB: not an article", input.display(), MAX_INPUT_BYTES / 1024 / 1024));
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        format!("{} is not UTF-8 (byte {} is invalid): save the page as UTF-8 first", input.display(), e.utf8_error().valid_up_to())
    })?;
    let extension = input.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
    let is_html = match extension.as_deref() {
        Some("html" | "htm" | "xhtml") => true,
        Some(_) => false,
        None => looks_like_html(&text),
    };
    if is_html {
        from_html(&text)
    } else {
        Ok(from_text(&text))
    }
}

/// Copied text, as a page with no metadata of its own.
pub fn from_text(text: &str) -> Page {
    Page { text: normalize(text), ..Page::default() }
}

fn looks_like_html(text: &str) -> bool {
    let start = text.trim_start().get(..512).unwrap_or(text.trim_start()).to_ascii_lowercase();
    start.starts_with("<!doctype html") || start.starts_with("<html") || start.contains("<body")
}

/// The article of an HTML page, as Markdown lines, with the page's metadata.
pub fn from_html(html: &str) -> Result<Page, String> {
    // Finding the article walks up from every element: on elements nested thousands deep
    // that takes time growing with the square of the depth, so such a page is refused first,
    // at the limit the build puts on an article's raw HTML.
    let (depth, line) = crate::html::deepest(html);
    let limit = crate::content::markdown::MAX_HTML_DEPTH;
    if depth > limit {
        return Err(format!("line {line}: elements nested {depth} deep, past the limit of {limit}: not an article page"));
    }
    let url = page_address(html);
    let config = dom_smoothie::Config { max_elements_to_parse: 50_000, ..Default::default() };
    let mut readability =
        dom_smoothie::Readability::new(html, url.as_deref(), Some(config)).map_err(|e| format!("cannot read the HTML page: {e}"))?;
    let article = readability.parse().map_err(|e| format!("no article found in the HTML page: {e}"))?;
    let markdown = htmd::convert(&article.content).map_err(|e| format!("cannot convert the article to Markdown: {e}"))?;
    let nonempty = |s: Option<String>| s.map(|s| normalize(&s).trim().replace('\n', " ")).filter(|s| !s.is_empty());
    Ok(Page {
        title: nonempty(Some(article.title.clone())),
        text: normalize(&markdown),
        url: url.or_else(|| nonempty(article.url.clone())),
        site_name: nonempty(article.site_name.clone()),
        byline: nonempty(article.byline.clone()),
        published: nonempty(article.published_time.clone()),
        markdown: true,
    })
}

/// The address a page gives for itself: `<link rel="canonical">` or `<meta property="og:url">`.
fn page_address(html: &str) -> Option<String> {
    let tags = crate::html::start_tags(html);
    let canonical = tags.iter().find(|t| t.name == "link" && t.attribute("rel").is_some_and(|r| r.eq_ignore_ascii_case("canonical")));
    let og_url = tags.iter().find(|t| t.name == "meta" && t.attribute("property") == Some("og:url"));
    let found = canonical.and_then(|t| t.attribute("href")).or_else(|| og_url.and_then(|t| t.attribute("content")))?.trim().to_string();
    crate::policy::url::check_web(&found).ok().map(|()| found)
}

/// Line ends as `\n`, no-break and zero-width spaces as the page meant them, no control
/// characters, no trailing blanks, no byte-order mark.
fn normalize(text: &str) -> String {
    let text = crate::site::read::normalize_newlines(text.trim_start_matches('\u{feff}').to_string());
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        let line: String = line
            .chars()
            .filter(|c| !matches!(c, '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}'))
            .filter(|c| *c == '\t' || !(c.is_control() || crate::policy::text::is_forbidden(*c)))
            .map(|c| if c == '\u{a0}' { ' ' } else { c })
            .collect();
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_pages_give_their_article_and_address() {
        let html = r#"<!DOCTYPE html><html><head><title>上门催收的边界 - 某某网</title>
<link rel="canonical" href="https://news.example.com/a/1.html"><meta property="og:site_name" content="某某网"></head>
<body><nav><a href="/">首页</a> <a href="/law">法律</a></nav>
<article><h1>上门催收的边界</h1><p>上门催收是催收机构常用的方式之一，但其法律边界常被忽视。催收人员必须遵守法律规定，不得骚扰无关人员。</p>
<h2>一、法律规定</h2><p>根据相关规定，催收人员不得在晚上十点后上门，不得限制人身自由，也不得向邻居透露欠款信息。</p>
<p>违反规定的机构将被依法处罚，情节严重的可能承担刑事责任。</p></article>
<aside>热门文章 <a href="/x">别的文章</a></aside><footer>版权所有 © 某某网</footer></body></html>"#;
        let page = from_html(html).unwrap();
        assert_eq!(page.url.as_deref(), Some("https://news.example.com/a/1.html"));
        assert!(page.text.contains("上门催收是催收机构常用的方式之一"), "{}", page.text);
        assert!(page.text.contains("法律规定"), "{}", page.text);
        assert!(!page.text.contains("版权所有"), "the footer is not the article: {}", page.text);
    }

    #[test]
    fn a_page_nested_past_the_builds_limit_is_refused_at_its_line() {
        let article = "<p>上门催收是催收机构常用的方式之一，但其法律边界常被忽视。</p>";
        let nested = |n: usize, tag: &str| {
            format!("<html><body>\n<{tag}>{}{article}{}</body></html>", format!("<{tag}>").repeat(n - 1), format!("</{tag}>").repeat(n))
        };
        // html, body and p count too: 253 divs reach the limit of 256, 254 pass it.
        assert!(from_html(&nested(253, "div")).is_ok_and(|page| page.text.contains("上门催收")));
        assert!(from_html(&nested(254, "div")).is_err_and(|e| e.starts_with("line 2: elements nested 257 deep")));
        for tag in ["div", "blockquote", "ul"] {
            let refused = from_html(&nested(20_000, tag)).err().unwrap();
            assert_eq!(refused, "line 2: elements nested 20003 deep, past the limit of 256: not an article page", "{tag}");
        }
    }

    #[test]
    fn text_is_normalized() {
        assert_eq!(normalize("\u{feff}一\r\n二\u{a0} \r三\u{200b}四"), "一\n二\n三四\n");
        assert_eq!(normalize("\u{1}\0标题\u{7}"), "标题\n");
    }
}
