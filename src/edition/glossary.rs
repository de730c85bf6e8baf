//! A site's glossary for an edition: terms whose rendering the site fixes, because a
//! conversion of characters and phrases cannot know them. `示例 → 範例` is the Taiwan word;
//! `亿元 → 億元人民幣` says which currency; `个人信息保护法 → 個人信息保護法` keeps a statute's
//! own title while its characters convert (the phrase rules would make it 個人資訊保護法, a
//! law that does not exist).
//!
//! Terms are found with Aho-Corasick, leftmost-longest (a longer term wins over one it
//! contains), and never converted again; the text between them is.

use std::collections::BTreeMap;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

/// The program's vocabulary for `variant`: Taiwan's words that OpenCC's phrases lack
/// (`taiwan.yaml`); none for the other variants.
pub fn builtin(variant: super::convert::Variant) -> BTreeMap<String, String> {
    match variant {
        // Part of the program; a test reads it.
        super::convert::Variant::Taiwan => serde_saphyr::from_str(include_str!("taiwan.yaml")).unwrap_or_default(),
        _ => BTreeMap::new(),
    }
}

/// An edition's glossary: source term → how the edition writes it.
#[derive(Default)]
pub struct Glossary {
    /// `None` when the site gives no terms (most editions): nothing to look for.
    terms: Option<(AhoCorasick, Vec<String>)>,
    /// The terms as given: (source term, its rendering).
    entries: Vec<(String, String)>,
}

impl Glossary {
    /// The glossary of `entries`; empty terms are left out (they would match everywhere).
    pub fn new(entries: &BTreeMap<String, String>) -> Glossary {
        let entries: Vec<(&String, &String)> = entries.iter().filter(|(from, _)| !from.is_empty()).collect();
        if entries.is_empty() {
            return Glossary::default();
        }
        let given = entries.iter().map(|(from, to)| ((*from).clone(), (*to).clone())).collect();
        let automaton = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .build(entries.iter().map(|(from, _)| from.as_str()))
            // Only a pattern set too large for memory fails to build; the site's text then
            // converts without the glossary rather than the build failing.
            .ok();
        Glossary { terms: automaton.map(|a| (a, entries.iter().map(|(_, to)| (*to).clone()).collect())), entries: given }
    }

    /// The terms as given: (source term, its rendering).
    pub fn entries(&self) -> &[(String, String)] {
        &self.entries
    }

    /// Appends `text` to `out`: each term as the glossary writes it, the text between terms
    /// through `convert`.
    pub fn apply(&self, text: &str, out: &mut String, mut convert: impl FnMut(&str, &mut String)) {
        let Some((automaton, renderings)) = &self.terms else {
            return convert(text, out);
        };
        let mut copied = 0;
        for found in automaton.find_iter(text) {
            if found.start() > copied {
                convert(&text[copied..found.start()], out);
            }
            out.push_str(&renderings[found.pattern().as_usize()]);
            copied = found.end();
        }
        if copied < text.len() {
            convert(&text[copied..], out);
        }
    }
}
