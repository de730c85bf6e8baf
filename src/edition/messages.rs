//! Interface text: every label the templates and views print, in a catalog per language
//! (`templates/messages/<language>.yaml`, compiled in), written for that language's readers
//! rather than converted at build time. A site overrides any entry in its own
//! `templates/messages/<language>.yaml`; templates read the catalog as `msg`
//! (`{{ msg.nav_home }}`), Rust views through [`Messages::get`] and [`Messages::fill`].

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::content::script::is_traditional;

/// The built-in catalogs, by language.
const BUILTIN: &[(&str, &str)] = &[
    ("zh-Hans", include_str!("../../templates/messages/zh-Hans.yaml")),
    ("zh-Hant", include_str!("../../templates/messages/zh-Hant.yaml")),
];

/// One language's interface text: key → text, `{name}` where a value goes.
#[derive(Debug, Default, Clone, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(transparent)]
pub struct Messages(BTreeMap<String, String>);

impl Messages {
    /// The built-in catalog of `language`, with nothing of a site's over it.
    pub fn builtin(language: &str) -> Messages {
        (*Catalogs::default().of(language)).clone()
    }

    /// The text of `key`; the key itself when no catalog has it (a site's own template
    /// naming an entry it forgot to write shows the key, not nothing).
    pub fn get<'a>(&'a self, key: &'a str) -> &'a str {
        self.0.get(key).map_or(key, String::as_str)
    }

    /// The text of `key` with each `{name}` replaced by its value.
    pub fn fill(&self, key: &str, values: &[(&str, &str)]) -> String {
        let mut text = self.get(key).to_string();
        for (name, value) in values {
            text = text.replace(&format!("{{{name}}}"), value);
        }
        text
    }
}

/// Every language's catalog: the built-ins with the site's entries over them.
#[derive(Debug, Default)]
pub struct Catalogs {
    /// The site's own entries, by language.
    site: BTreeMap<String, BTreeMap<String, String>>,
}

impl Catalogs {
    /// Catalogs with the site's entries (`language` → key → text) over the built-ins.
    pub fn new(site: BTreeMap<String, BTreeMap<String, String>>) -> Catalogs {
        Catalogs { site }
    }

    /// The catalog of `language`: the built-in for its script (`zh-TW` and `zh-HK` take the
    /// Traditional one), with the site's entries for that exact tag over it. Entries a
    /// catalog lacks come from the zh-Hans one.
    pub fn of(&self, language: &str) -> Arc<Messages> {
        let script = if is_traditional(language) { "zh-Hant" } else { "zh-Hans" };
        let mut entries = builtin("zh-Hans");
        entries.extend(builtin(script));
        let own = self.site.iter().filter(|(tag, _)| tag.eq_ignore_ascii_case(language) || tag.as_str() == script);
        // The script's entries first, the exact tag's over them.
        let mut own: Vec<_> = own.collect();
        own.sort_by_key(|(tag, _)| tag.eq_ignore_ascii_case(language));
        for (_, site_entries) in own {
            entries.extend(site_entries.iter().map(|(k, v)| (k.clone(), v.clone())));
        }
        Arc::new(Messages(entries))
    }
}

/// The built-in catalog of `language` (`zh-Hans` or `zh-Hant`).
fn builtin(language: &str) -> BTreeMap<String, String> {
    let text = BUILTIN.iter().find(|(tag, _)| *tag == language).map_or("", |(_, text)| text);
    // The built-in catalogs are part of the program; a test reads each.
    serde_saphyr::from_str(text).unwrap_or_default()
}

/// The languages the program has a catalog of.
pub fn builtin_languages() -> impl Iterator<Item = &'static str> {
    BUILTIN.iter().map(|(tag, _)| *tag)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_builtin_catalog_reads_and_has_every_key() {
        let keys: Vec<BTreeMap<String, String>> = builtin_languages().map(builtin).collect();
        assert!(keys[0].len() > 50);
        for catalog in &keys[1..] {
            let missing: Vec<&String> = keys[0].keys().filter(|k| !catalog.contains_key(*k)).collect();
            assert!(missing.is_empty(), "missing in a catalog: {missing:?}");
        }
    }

    #[test]
    fn taiwan_reads_its_own_words_and_a_site_overrides_one() {
        let site = BTreeMap::from([("zh-Hant".to_string(), BTreeMap::from([("nav_compare".to_string(), "各地比較".to_string())]))]);
        let catalogs = Catalogs::new(site);
        let tw = catalogs.of("zh-TW");
        assert_eq!(tw.get("illustrative"), "範例資料");
        assert_eq!(tw.get("nav_compare"), "各地比較");
        assert_eq!(catalogs.of("zh-Hans").get("nav_compare"), "地区对比");
        assert_eq!(tw.fill("reading_minutes", &[("n", "3")]), "約 3 分鐘");
    }
}
