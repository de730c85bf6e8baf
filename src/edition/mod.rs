//! Editions: the site in another script (`zh-Hant` beside `zh-Hans`), written below a folder
//! of its own (`zh-hant/`) with the same paths as the first edition.
//!
//! An edition is a view of the model: the site is loaded and checked once, then every text a
//! reader sees is put into the edition's script once ([`Edition::text`]: the site's
//! [`glossary`] first, then the [`convert`]er), and the edition is rendered from those values
//! with the same templates as the first. Nothing is made by rewriting rendered output.
//! Interface text (labels the templates and views print) is not converted at all: each
//! edition's language has its own written [`messages`] catalog.
//!
//! This module knows nothing of pages or files: the model (`site::edition` puts a loaded
//! site into an edition) and the renderer (messages, the body's text events) use it.

pub mod convert;
pub mod glossary;
pub mod messages;

use std::sync::{Arc, Mutex};

use rustc_hash::FxHashMap;

use crate::config::SiteConfig;
use crate::content::script::is_traditional;
use convert::{Converter, Variant};
use glossary::Glossary;
pub use messages::Messages;

/// One edition of the site.
#[derive(Clone)]
pub struct Edition {
    /// BCP 47 tag: `zh-Hans`, `zh-Hant`.
    pub language: String,
    /// Its folder below the output root, ending in `/` (`zh-hant/`); empty for the first.
    pub prefix: String,
    /// What the edition switch calls it: 简 or 繁.
    pub label: &'static str,
    /// How the site's text becomes this edition's; `None` for the first.
    converter: Option<Arc<Converter>>,
    /// Terms whose rendering the site fixes in this edition.
    glossary: Arc<Glossary>,
    /// The interface text in this edition's language.
    pub messages: Arc<Messages>,
    /// The site's short texts as converted before: `serve` puts the site into the edition
    /// again after every edit, and converts only what the edit changed.
    converted: Arc<Mutex<FxHashMap<Box<str>, Box<str>>>>,
}

/// How many converted texts an edition keeps before it starts again.
const CONVERTED_KEPT: usize = 200_000;

impl Edition {
    /// The edition the site is written in: its text is shown as written.
    pub fn first(language: &str, messages: Arc<Messages>) -> Edition {
        Edition {
            language: language.to_string(),
            prefix: String::new(),
            label: label(language),
            converter: None,
            glossary: Arc::default(),
            messages,
            converted: Arc::default(),
        }
    }

    /// An edition that shows the site's text in `variant`'s script, with `glossary`'s terms
    /// as it gives them; `None` only if the converter's built-in dictionaries cannot be read.
    pub fn converting(
        language: &str,
        variant: Variant,
        glossary: &std::collections::BTreeMap<String, String>,
        messages: Arc<Messages>,
    ) -> Option<Edition> {
        // The program's own vocabulary for the variant first, the site's terms over it.
        let mut terms = glossary::builtin(variant);
        terms.extend(glossary.iter().map(|(from, to)| (from.clone(), to.clone())));
        let glossary = &terms;
        Some(Edition {
            language: language.to_string(),
            prefix: format!("{}/", language.to_ascii_lowercase()),
            label: label(language),
            converter: Some(Arc::new(Converter::new(variant)?)),
            glossary: Arc::new(Glossary::new(glossary)),
            messages,
            converted: Arc::default(),
        })
    }

    /// Whether this is the edition the site is written in.
    pub fn is_first(&self) -> bool {
        self.converter.is_none()
    }

    /// `text` as this edition shows it: the glossary's terms as the site fixes them, the rest
    /// converted to the edition's script. The first edition's text comes back as written.
    pub fn text(&self, text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        self.text_into(text, &mut out);
        out
    }

    /// Appends `text`, as this edition shows it, to `out`.
    pub fn text_into(&self, text: &str, out: &mut String) {
        match &self.converter {
            None => out.push_str(text),
            Some(converter) => self.glossary.apply(text, out, |plain, out| converter.convert_into(plain, out)),
        }
    }

    /// [`Self::text`] of a text of the site's model (a title, a name, a summary), taken
    /// from the texts this edition converted before when it is one of them.
    pub fn field(&self, text: &str) -> String {
        if self.converter.is_none() {
            return text.to_string();
        }
        let known = |converted: &FxHashMap<Box<str>, Box<str>>| converted.get(text).map(|t| t.to_string());
        if let Some(found) = self.converted.lock().ok().and_then(|c| known(&c)) {
            return found;
        }
        let made = self.text(text);
        if let Ok(mut converted) = self.converted.lock() {
            if converted.len() >= CONVERTED_KEPT {
                converted.clear();
            }
            converted.insert(text.into(), made.as_str().into());
        }
        made
    }

    /// [`Self::field`] of an optional text.
    pub fn field_opt(&self, text: &Option<String>) -> Option<String> {
        text.as_deref().map(|t| self.field(t))
    }

    /// The words this edition writes its own way: each glossary term (the program's for its
    /// variant and the site's) with its rendering.
    pub fn glossary(&self) -> &[(String, String)] {
        self.glossary.entries()
    }

    /// The font stack a chart's text is set in, for this edition's script.
    pub fn chart_fonts(&self) -> &'static str {
        if is_traditional(&self.language) {
            "Noto Sans CJK TC, Source Han Sans TC, PingFang TC, Microsoft JhengHei, sans-serif"
        } else {
            "Noto Sans CJK SC, Source Han Sans SC, PingFang SC, Microsoft YaHei, sans-serif"
        }
    }
}

fn label(language: &str) -> &'static str {
    if is_traditional(language) {
        "繁"
    } else {
        "简"
    }
}

/// The editions of a site from its configuration and message catalogs: the site's
/// `language` first, then each other edition in the order given.
pub fn editions(config: &SiteConfig, catalogs: &messages::Catalogs) -> Vec<Edition> {
    let mut editions = vec![Edition::first(&config.language, catalogs.of(&config.language))];
    for other in config.editions.iter().skip(1) {
        let language = &other.language.value;
        let variant = other.variant.as_ref().and_then(|v| Variant::parse(&v.value)).unwrap_or(Variant::Standard);
        editions.extend(Edition::converting(language, variant, &other.glossary, catalogs.of(language)));
    }
    editions
}

#[cfg(test)]
mod tests {
    use super::*;

    fn taiwan(glossary: &[(&str, &str)]) -> Edition {
        let entries = glossary.iter().map(|(from, to)| (from.to_string(), to.to_string())).collect();
        Edition::converting("zh-Hant", Variant::Taiwan, &entries, Arc::default()).unwrap()
    }

    #[test]
    fn the_first_edition_shows_text_as_written() {
        let first = Edition::first("zh-Hans", Arc::default());
        assert_eq!(first.text("软件与信息"), "软件与信息");
    }

    #[test]
    fn glossary_terms_take_the_sites_wording_and_the_rest_converts() {
        let tw = taiwan(&[("个人信息保护法", "個人信息保護法"), ("示例", "範例")]);
        assert_eq!(tw.text("依据《个人信息保护法》，个人信息受保护"), "依據《個人信息保護法》，個人資訊受保護");
        assert_eq!(tw.text("示例数据"), "範例資料");
        assert_eq!(taiwan(&[]).text("示例数据"), "示例資料");
    }
}

#[cfg(test)]
mod phrase_table {
    use super::*;

    /// The 繁體 edition of a site with no glossary of its own writes each of more than 200
    /// mainland words as a Taiwan reader does (软件 → 軟體, 信息 → 資訊, 人工智能 → 人工智慧,
    /// 社会里 → 社會裡 while 公里 stays 公里).
    #[test]
    fn a_taiwan_edition_writes_taiwans_words() {
        let table = include_str!("../../tests/fixtures/editions/taiwan-phrases.tsv");
        let tw = Edition::converting("zh-Hant", Variant::Taiwan, &Default::default(), Arc::default()).unwrap();
        assert!(!glossary::builtin(Variant::Taiwan).is_empty());
        let rows: Vec<(&str, &str)> = table.lines().filter_map(|l| l.split_once('\t')).collect();
        assert!(rows.len() >= 200, "{} rows", rows.len());
        let wrong: Vec<String> =
            rows.iter().filter(|(s, t)| tw.text(s) != *t).map(|(s, t)| format!("{s} → {} (want {t})", tw.text(s))).collect();
        assert!(wrong.is_empty(), "{} of {}:\n{}", wrong.len(), rows.len(), wrong.join("\n"));
    }
}
