//! One rule for URLs. Every URL taken from input (navigation links, sources, links and images
//! in Markdown, attributes of raw HTML) may be relative, or absolute with `http`, `https` or
//! `mailto`; nothing else, so no input can put `javascript:` or `data:` in front of a reader.
//!
//! The scheme is found the way a browser finds it: leading spaces and control characters are
//! ignored and tabs and line breaks anywhere are removed (`java\tscript:` is `javascript:`).

/// Schemes a link may use.
const ALLOWED: &[&str] = &["http", "https", "mailto"];

/// Whether `url` may be published, or why not.
pub fn check(url: &str) -> Result<(), String> {
    if let Some(c) = url.chars().find(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r')) {
        return Err(format!("URL `{}` contains the control character U+{:04X}", url.escape_debug(), c as u32));
    }
    match scheme(url) {
        Some(scheme) if !ALLOWED.contains(&scheme.as_str()) => {
            Err(format!("URL `{}` uses the scheme `{scheme}:`; only http, https, mailto and relative URLs are allowed", url.escape_debug()))
        }
        _ => Ok(()),
    }
}

/// Whether `url` is absolute with `http` or `https` (where the site must be reachable).
pub fn check_web(url: &str) -> Result<(), String> {
    check(url)?;
    match scheme(url).as_deref() {
        Some("http" | "https") => Ok(()),
        _ => Err(format!("`{}` must be an absolute http:// or https:// URL", url.escape_debug())),
    }
}

/// The scheme of `url`, lowercased, as a browser reads it; `None` for a relative URL.
fn scheme(url: &str) -> Option<String> {
    let cleaned: String = url.trim_start_matches(|c: char| c <= ' ').chars().filter(|c| !matches!(c, '\t' | '\n' | '\r')).collect();
    let end = cleaned.find(':')?;
    let candidate = &cleaned[..end];
    let mut chars = candidate.chars();
    let is_scheme =
        chars.next().is_some_and(|c| c.is_ascii_alphabetic()) && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    is_scheme.then(|| candidate.to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn web_and_relative_urls_pass() {
        for ok in [
            "https://x.org/a?b=c#d",
            "HTTP://X.ORG",
            "mailto:a@b.org",
            "compare/",
            "../a.html",
            "#top",
            "/abs/path",
            "//cdn.example.org/x",
            "a/b:c",
            "?q=1:2",
            "上门催收/",
        ] {
            assert!(check(ok).is_ok(), "{ok}");
        }
    }

    #[test]
    fn script_and_data_urls_are_refused_however_they_are_spelled() {
        for bad in [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            " javascript:alert(1)",
            "\u{1}javascript:alert(1)",
            "java\tscript:alert(1)",
            "java\nscript:alert(1)",
            "jav\r\nascript:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "vbscript:msgbox",
            "file:///etc/passwd",
            "blob:https://x.org/1",
            "a\u{0}b",
        ] {
            assert!(check(bad).is_err(), "{:?} should be refused", bad);
        }
    }

    #[test]
    fn web_urls_must_be_absolute_http() {
        assert!(check_web("https://x.org/").is_ok());
        assert!(check_web("/docs").is_err());
        assert!(check_web("mailto:a@b.org").is_err());
        assert!(check_web("javascript:x").is_err());
    }
}
