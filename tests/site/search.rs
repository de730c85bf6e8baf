//! Search finds every page whose text contains the query, in either script: measured on a
//! query set made from the example site's own text (300 random pieces of two to four
//! characters, every tag and region name, each in both scripts).

use regionreport::search::index::Index;
use regionreport::search::recall;
use regionreport::site::{self, read, BuildOptions};

use super::helpers::*;

/// The example site loaded and its article bodies rendered, as a build has them.
fn example_prepared() -> site::Prepared {
    let options = BuildOptions { root: example_root(), ..Default::default() };
    let problems = regionreport::diagnostics::Diagnostics::default();
    site::prepare(&options, read::read_inputs(&options.root), &problems).unwrap()
}

#[test]
fn recall_is_complete_on_the_example_site() {
    let prepared = example_prepared();
    let docs = site::search::documents(&prepared.site, &prepared.rendered);
    assert_eq!(docs.len(), prepared.site.articles.len() + prepared.site.regions.len() + 1, "articles, regions and compare/");
    let index = Index::build(docs);
    let mut names: Vec<String> = prepared.site.tags.values().map(|(name, _)| name.clone()).collect();
    names.extend(prepared.site.regions.iter().map(|r| r.name.clone()));
    let queries = recall::query_set(&index, &names, 300, 7);
    assert!(queries.len() >= 600, "{} queries", queries.len());
    let measured = recall::measure(&index, &queries);
    assert!(measured.expected > 1000, "the queries are found on many pages: {}", measured.expected);
    assert_eq!(measured.missed, Vec::<(String, String)>::new(), "recall {:.4}", measured.ratio());
    assert_eq!(measured.wrong, Vec::<(String, String)>::new());
}

#[test]
fn the_taiwan_edition_is_searched_in_its_own_words_with_complete_recall() {
    // Folding maps characters, not words: 資訊 folds to 资讯, never to 信息. The 繁體
    // edition's index is built from its own text, so its readers find 個人資訊 where the
    // first edition's find 个人信息.
    let prepared = example_prepared();
    let docs = site::search::documents(&prepared.site, &prepared.rendered);
    let converter = prepared.site.editions.iter().find_map(|e| e.converter.as_deref()).expect("the example site has a 繁體 edition");
    let convert = |text: &str| converter.convert(text);
    let first = Index::build(docs.clone());
    let taiwan = Index::build_converting(site::search::in_edition(&docs, converter), &convert);
    let found = first.search("个人信息");
    assert!(found.len() >= 2, "{found:?}");
    assert_eq!(taiwan.search("個人資訊"), found);
    assert_eq!(taiwan.search("个人资讯"), found, "in either script");
    assert!(taiwan.search("个人信息").is_empty(), "the first edition's words are not the Taiwan edition's");

    let names: Vec<String> = prepared.site.regions.iter().map(|r| convert(&r.name)).collect();
    let queries = recall::query_set(&taiwan, &names, 300, 11);
    let measured = recall::measure(&taiwan, &queries);
    assert!(measured.expected > 1000, "the queries are found on many pages: {}", measured.expected);
    assert_eq!(measured.missed, Vec::<(String, String)>::new(), "recall {:.4}", measured.ratio());
    assert_eq!(measured.wrong, Vec::<(String, String)>::new());
}
