//! Search finds every page whose text contains the query, in either script: measured on a
//! query set made from the example site's own text (300 random pieces of two to four
//! characters, every tag and region name, each in both scripts).

use regionreport::search::index::Index;
use regionreport::search::recall;
use regionreport::site::{self, read, BuildOptions};

use super::helpers::*;

/// Measures `index` on a query set made from its own text (300 random pieces, and `names`,
/// each in both scripts, seeded with `seed`): every page holding a query is found, and only
/// those.
fn assert_complete_recall(index: &Index, names: &[String], seed: u64) {
    let queries = recall::query_set(index, names, 300, seed);
    assert!(queries.len() >= 600, "{} queries", queries.len());
    let measured = recall::measure(index, &queries);
    assert!(measured.expected > 1000, "the queries are found on many pages: {}", measured.expected);
    assert_eq!(measured.missed, Vec::<(String, String)>::new(), "recall {:.4}", measured.ratio());
    assert_eq!(measured.wrong, Vec::<(String, String)>::new());
}

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
    assert_complete_recall(&index, &names, 7);
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
    let converted = |_: usize, text: &str| std::borrow::Cow::Owned(convert(text));
    let first = Index::build(docs.clone());
    let taiwan = Index::build_converting(site::search::in_edition(&docs, converter), &converted);
    let found = first.search("个人信息");
    assert!(found.len() >= 2, "{found:?}");
    assert_eq!(taiwan.search("個人資訊"), found);
    assert_eq!(taiwan.search("个人资讯"), found, "in either script");
    assert!(taiwan.search("个人信息").is_empty(), "the first edition's words are not the Taiwan edition's");

    let names: Vec<String> = prepared.site.regions.iter().map(|r| convert(&r.name)).collect();
    assert_complete_recall(&taiwan, &names, 11);
}

#[test]
fn a_build_indexes_the_taiwan_text_its_render_kept_as_converting_again_would() {
    // A build keeps each body's text from rendering it in the 繁體 script and indexes that;
    // `serve`, which renders bodies in the first script only, converts their text. Both give
    // the same index of the example site.
    let built = example().tree();
    let prepared = example_prepared();
    let files = site::search::files(&prepared.site, &prepared.rendered);
    let taiwan: Vec<_> = files.iter().filter(|f| f.path.starts_with("zh-hant/search/")).collect();
    assert!(taiwan.len() > 256, "the shards, the page lists and meta.json: {}", taiwan.len());
    for file in taiwan {
        assert!(built.get(&file.path) == Some(&file.bytes), "{} differs", file.path);
    }
}
