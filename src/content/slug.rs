//! Making URL parts: article slugs from file names, heading anchors, encoded paths. What a
//! name may be is decided by [`crate::policy::name`].
//!
//! Everything here becomes a file name under the output folder, so the rules exclude path
//! separators, `..`, control characters and anything else that could leave that folder.

/// Normalises a file stem or front-matter slug to `[a-z0-9-]+`; `None` when nothing usable is
/// left (e.g. a stem written only in Chinese: such an article needs `slug:` in front matter).
pub fn article_slug(text: &str) -> Option<String> {
    let mut slug = String::with_capacity(text.len());
    for c in text.trim().chars() {
        match c {
            'a'..='z' | '0'..='9' => slug.push(c),
            'A'..='Z' => slug.push(c.to_ascii_lowercase()),
            _ if !slug.ends_with('-') && !slug.is_empty() => slug.push('-'),
            _ => {}
        }
    }
    while slug.ends_with('-') {
        slug.pop();
    }
    (!slug.is_empty() && slug.len() <= 100).then_some(slug)
}

/// An anchor id for a heading: letters and digits of any script kept (lowercased), spaces
/// and dashes become `-`, everything else is dropped.
pub fn anchor(text: &str) -> String {
    let mut id = String::with_capacity(text.len());
    for c in text.trim().chars() {
        if c.is_alphanumeric() {
            id.extend(c.to_lowercase());
        } else if (c.is_whitespace() || c == '-' || c == '_') && !id.ends_with('-') && !id.is_empty() {
            id.push('-');
        }
    }
    while id.ends_with('-') {
        id.pop();
    }
    if id.is_empty() {
        id.push_str("section");
    }
    id
}

/// Percent-encodes a relative URL path for `href` attributes, sitemaps and feeds.
pub fn encode_path(path: &str) -> String {
    use percent_encoding::{utf8_percent_encode, AsciiSet, CONTROLS};
    const PATH: &AsciiSet = &CONTROLS.add(b' ').add(b'"').add(b'#').add(b'%').add(b'<').add(b'>').add(b'?').add(b'`').add(b'{').add(b'}');
    utf8_percent_encode(path, PATH).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn article_slugs_are_lowercase_ascii() {
        assert_eq!(article_slug("Hunan_Industry 2024").as_deref(), Some("hunan-industry-2024"));
        assert_eq!(article_slug("../../etc/passwd").as_deref(), Some("etc-passwd"));
        assert_eq!(article_slug("湖南"), None);
        assert_eq!(article_slug("--"), None);
    }

    #[test]
    fn anchors_keep_chinese_and_drop_punctuation() {
        assert_eq!(anchor("一、行业规模"), "一行业规模");
        assert_eq!(anchor("Big Data & AI"), "big-data-ai");
        assert_eq!(anchor("!!!"), "section");
    }

    #[test]
    fn encoded_paths_are_ascii() {
        assert_eq!(encode_path("tags/上门/index.html"), "tags/%E4%B8%8A%E9%97%A8/index.html");
        assert_eq!(encode_path("a b#c"), "a%20b%23c");
    }
}
