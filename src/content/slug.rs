//! URL rules: article slugs, heading anchors and tag paths.
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

/// The folder name of a tag page, or an error saying why the tag cannot be one.
/// Chinese tags keep their characters (`tags/上门催收/`); separators and dots are refused.
pub fn tag_slug(tag: &str) -> Result<String, String> {
    let trimmed = tag.trim();
    if trimmed.is_empty() {
        return Err("empty tag".into());
    }
    if trimmed.chars().count() > 40 {
        return Err(format!("tag `{trimmed}` is longer than 40 characters"));
    }
    if let Some(c) = trimmed
        .chars()
        .find(|c| c.is_control() || matches!(c, '/' | '\\' | '.' | '?' | '#' | '%' | '<' | '>' | '"' | '\'' | '&' | ':' | '*' | '|'))
    {
        return Err(format!("tag `{}` contains `{}`, which is not allowed in a tag", trimmed.escape_debug(), c.escape_debug()));
    }
    let mut slug = String::new();
    for c in trimmed.chars() {
        if c.is_whitespace() {
            if !slug.ends_with('-') {
                slug.push('-');
            }
        } else {
            slug.extend(c.to_lowercase());
        }
    }
    Ok(slug)
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
    fn tag_slugs_refuse_path_characters() {
        assert_eq!(tag_slug("上门催收").unwrap(), "上门催收");
        assert_eq!(tag_slug(" Big  Data ").unwrap(), "big-data");
        assert!(tag_slug("").is_err());
        assert!(tag_slug("../x").is_err());
        assert!(tag_slug("a/b").is_err());
        assert!(tag_slug("a\u{0}b").is_err());
        assert!(tag_slug("<script>").is_err());
    }

    #[test]
    fn encoded_paths_are_ascii() {
        assert_eq!(encode_path("tags/上门/index.html"), "tags/%E4%B8%8A%E9%97%A8/index.html");
        assert_eq!(encode_path("a b#c"), "a%20b%23c");
    }
}
