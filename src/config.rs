//! `content/site.yaml`: what the whole site is called, where it lives, and how it is laid out.

use std::path::Path;

use schemars::JsonSchema;
use serde::Deserialize;
use serde_saphyr::Spanned;

use crate::diagnostics::Diagnostic;
use crate::policy::url;
use crate::yaml;

/// The site's settings, as written in `content/site.yaml`.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SiteConfig {
    /// Site title, shown in every page header and in the feed.
    pub title: String,
    /// One or two sentences on what the site covers (home page, meta description, feed).
    #[serde(default)]
    pub description: String,
    /// Absolute URL the site is published at, e.g. `https://example.org/report/`.
    /// Used only where absolute URLs are required: sitemap, feed, canonical links.
    pub base_url: String,
    /// BCP 47 language tag of the content (`zh-Hans` by default).
    #[serde(default = "default_language")]
    pub language: String,
    /// Organisation that publishes the report (footer, feed).
    #[serde(default)]
    pub publisher: Option<String>,
    /// Default author of articles that do not name one.
    #[serde(default)]
    pub author: Option<String>,
    /// Extra links in the navigation bar, after the built-in ones.
    #[serde(default)]
    pub nav: Vec<NavLink>,
    /// Text shown in every page footer.
    #[serde(default)]
    pub footer: Option<String>,
    /// How many articles per page in the article list.
    #[serde(default = "default_per_page")]
    #[schemars(range(min = 1, max = 100))]
    pub articles_per_page: usize,
    /// How many articles the Atom feed carries.
    #[serde(default = "default_feed_limit")]
    pub feed_limit: usize,
    /// An article with at least this many headings gets a table of contents.
    #[serde(default = "default_toc_min")]
    pub toc_min_headings: usize,
    /// Link to folders as `regions/hunan/` instead of `regions/hunan/index.html`.
    /// Turn on only when publishing to a web server; files opened from disk need it off.
    #[serde(default)]
    pub pretty_links: bool,
    /// Let raw HTML in Markdown embed media (sandboxed `iframe`, `video`, `audio`). Raw HTML is
    /// always sanitized: script, event handlers and unsafe URLs never pass.
    #[serde(default)]
    pub allow_raw_html: bool,
    /// Which series the cross-region charts and the compare page use.
    #[serde(default)]
    pub compare: CompareConfig,
    /// A key figure whose period ended more than this many months before its region's
    /// `updated` date says that it is old (0: never).
    #[serde(default = "default_stale_after_months")]
    pub stale_after_months: u32,
    /// The editions the site is published in, the site's `language` first: for example
    /// `zh-Hans`, then `zh-Hant` with `variant: tw`. Every other edition is written below a
    /// folder named after its language (`zh-hant/`). Only the site's `language` by default.
    #[serde(default)]
    pub editions: Vec<EditionConfig>,
}

/// An edition of the site.
#[derive(Debug, Clone, Deserialize, serde::Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EditionConfig {
    /// BCP 47 tag: the site's `language` for the first edition, a Traditional one
    /// (`zh-Hant`, `zh-TW`, `zh-HK`) for another.
    #[schemars(with = "String")]
    pub language: Spanned<String>,
    /// OpenCC's conversion for a Traditional edition: `t` (standard characters, the
    /// default), `tw` (Taiwan's characters and phrasing), `hk` (Hong Kong's characters).
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub variant: Option<Spanned<String>>,
    /// Terms whose rendering the site fixes in this edition, written as the site writes
    /// them: `示例: 範例`, `亿元: 億元人民幣`, a statute's title as it titles itself
    /// (`个人信息保护法: 個人信息保護法`). A longer term wins over one it contains.
    #[serde(default)]
    pub glossary: std::collections::BTreeMap<String, String>,
}

/// A link in the navigation bar.
#[derive(Debug, Clone, Deserialize, serde::Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NavLink {
    pub title: String,
    /// Absolute URL, or a path relative to the site root such as `compare/`.
    #[schemars(with = "String")]
    pub url: Spanned<String>,
}

/// Series ids the cross-region views are built from.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CompareConfig {
    /// A yearly series: the home and compare pages chart each region's latest value.
    #[serde(default = "default_market_series")]
    pub market_series: String,
    /// A periodic series: the home and compare pages chart each region's total per period.
    #[serde(default = "default_complaint_series")]
    pub complaint_series: String,
}

impl Default for CompareConfig {
    fn default() -> Self {
        CompareConfig { market_series: default_market_series(), complaint_series: default_complaint_series() }
    }
}

/// The first edition is the site's `language`; every other is a Traditional script, named once,
/// with a known variant.
fn check_editions(path: &Path, text: &str, config: &SiteConfig) -> Result<(), Diagnostic> {
    let mut seen = std::collections::BTreeSet::new();
    for (i, edition) in config.editions.iter().enumerate() {
        let language = &edition.language.value;
        let at = |span: &Spanned<String>, message: String| yaml::error_at(path, text, 0, span, message);
        if i == 0 && *language != config.language {
            return Err(at(
                &edition.language,
                format!("the first edition is the site's `language` (`{}`), not `{language}`", config.language),
            ));
        }
        if i > 0 && !crate::content::script::is_traditional(language) {
            return Err(at(
                &edition.language,
                format!("`{language}`: another edition must be in Traditional script (`zh-Hant`, `zh-TW`, `zh-HK`)"),
            ));
        }
        if !language.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') || language.is_empty() {
            return Err(at(&edition.language, format!("`{language}` is not a language tag")));
        }
        if !seen.insert(language.to_ascii_lowercase()) {
            return Err(at(&edition.language, format!("edition `{language}` is listed twice")));
        }
        if let Some(variant) = &edition.variant {
            if crate::edition::convert::Variant::parse(&variant.value).is_none() {
                return Err(at(variant, format!("unknown variant `{}`: use `t`, `tw` or `hk`", variant.value)));
            }
        }
    }
    Ok(())
}

fn default_stale_after_months() -> u32 {
    18
}
fn default_language() -> String {
    "zh-Hans".into()
}
fn default_per_page() -> usize {
    20
}
fn default_feed_limit() -> usize {
    20
}
fn default_toc_min() -> usize {
    3
}
fn default_market_series() -> String {
    "market_size".into()
}
fn default_complaint_series() -> String {
    "complaints".into()
}

/// Entries a page of a list shows at most: a page stays quick to load and read on a phone.
pub const MAX_PER_PAGE: usize = 100;

impl SiteConfig {
    /// Parses and checks `site.yaml`; `text` is its content.
    pub fn parse(path: &Path, text: &str) -> Result<SiteConfig, Diagnostic> {
        let mut config: SiteConfig = yaml::parse(path, text, 0)?;
        if !(1..=MAX_PER_PAGE).contains(&config.articles_per_page) {
            return Err(Diagnostic::error(path, format!("`articles_per_page` must be between 1 and {MAX_PER_PAGE}")));
        }
        if let Err(message) = url::check_web(&config.base_url) {
            return Err(Diagnostic::error(path, format!("`base_url`: {message}")));
        }
        for link in &config.nav {
            url::check(&link.url.value).map_err(|message| yaml::error_at(path, text, 0, &link.url, message))?;
        }
        check_editions(path, text, &config)?;
        config.set_base_url(&config.base_url.clone());
        Ok(config)
    }

    /// Replaces the base URL (e.g. from `--base-url`), normalised to end with `/`.
    pub fn set_base_url(&mut self, url: &str) {
        let trimmed = url.trim_end_matches('/');
        self.base_url = format!("{trimmed}/");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_fill_optional_fields() {
        let c = SiteConfig::parse(Path::new("site.yaml"), "title: T\nbase_url: https://x.org/r\n").unwrap();
        assert_eq!(c.language, "zh-Hans");
        assert_eq!(c.base_url, "https://x.org/r/");
        assert_eq!(c.compare.market_series, "market_size");
        assert!(!c.pretty_links);
    }

    #[test]
    fn unknown_field_is_reported_with_its_line() {
        let err = SiteConfig::parse(Path::new("site.yaml"), "title: T\nbase_url: https://x.org/\ntitel: x\n").unwrap_err();
        assert_eq!(err.line, 3);
        assert!(err.message.contains("unknown field `titel`"), "{}", err.message);
    }

    #[test]
    fn navigation_urls_go_through_the_url_policy() {
        for bad in ["javascript:alert(1)", "JAVASCRIPT:alert(1)", "data:text/html,x", "' java\tscript:alert(1)'"] {
            let text = format!("title: T\nbase_url: https://x.org/\nnav:\n  - title: x\n    url: {bad}\n");
            let err = SiteConfig::parse(Path::new("site.yaml"), &text).unwrap_err();
            assert_eq!((err.line, err.column), (5, 10), "{bad}: {err:?}");
            assert!(err.message.contains("only http, https, mailto and relative URLs"), "{}", err.message);
        }
        let ok = "title: T\nbase_url: https://x.org/\nnav:\n  - { title: x, url: compare/ }\n  - { title: y, url: 'https://y.org' }\n";
        assert_eq!(SiteConfig::parse(Path::new("site.yaml"), ok).unwrap().nav.len(), 2);
    }

    #[test]
    fn base_url_must_be_absolute() {
        let err = SiteConfig::parse(Path::new("site.yaml"), "title: T\nbase_url: /docs\n").unwrap_err();
        assert!(err.message.contains("base_url"));
    }
}
