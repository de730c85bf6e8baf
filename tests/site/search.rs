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
    let (site, rendered) = (&prepared.sites[0], &prepared.rendered[0]);
    let docs = site::search::documents(site, rendered);
    assert_eq!(docs.len(), site.articles.len() + site.regions.len() + 1, "articles, regions and compare/");
    let index = Index::build(docs);
    let mut names: Vec<String> = site.tags.values().map(|(name, _)| name.clone()).collect();
    names.extend(site.regions.iter().map(|r| r.name.clone()));
    assert_complete_recall(&index, &names, 7);
}

#[test]
fn the_taiwan_edition_is_searched_in_its_own_words_with_complete_recall() {
    // Folding maps characters, not words: 資訊 folds to 资讯, never to 信息. The editions'
    // postings hold each page's text in every edition, so the 繁體 edition's readers find
    // 個人資訊 where the first edition's find 个人信息.
    let prepared = example_prepared();
    let first = site::search::index(&prepared.sites, &prepared.rendered, 0);
    let taiwan_site = &prepared.sites[1];
    let taiwan = site::search::index(&prepared.sites, &prepared.rendered, 1);
    let found = first.search("欠款信息");
    assert!(found.len() >= 2, "{found:?}");
    assert_eq!(taiwan.search("欠款資訊"), found);
    assert_eq!(taiwan.search("欠款资讯"), found, "in either script");

    let names: Vec<String> = taiwan_site.regions.iter().map(|r| r.name.clone()).collect();
    assert_complete_recall(&taiwan, &names, 11);
}

#[test]
fn each_edition_has_its_own_page_lists_beside_postings_they_share() {
    let built = example().tree();
    let prepared = example_prepared();
    // What `serve` writes (from the bodies' text it keeps) is what a build writes (from the
    // postings it makes as the bodies render).
    let files = site::search::files(&prepared.sites, &prepared.rendered);
    for (edition, folder) in files.iter().zip(["", "zh-hant/"]) {
        assert!(edition.len() > 256, "the shards, the page lists and meta.json: {}", edition.len());
        for file in edition {
            let path = format!("{folder}{}", file.path);
            assert!(built.get(&path) == Some(&file.bytes), "{path} differs");
        }
    }
    let lists = |folder: &str| String::from_utf8(built[&format!("{folder}search/docs-0.json")].clone()).unwrap();
    let title = &prepared.sites[1].articles[0].title;
    assert_ne!(title, &prepared.sites[0].articles[0].title);
    assert!(lists("zh-hant/").contains(title.as_str()), "the 繁體 titles");
    assert!(!lists("").contains(title.as_str()));
    assert_eq!(built["search/shard-0.bin"], built["zh-hant/search/shard-0.bin"]);
}

#[test]
fn a_query_finds_either_wording_in_both_editions() {
    // The first edition says 人工智能 and 欠款信息; the 繁體 one, 人工智慧 and 欠款資訊. A reader
    // types either, in either script, in either edition.
    let prepared = example_prepared();
    let index = |e: usize| site::search::index(&prepared.sites, &prepared.rendered, e);
    let (first, taiwan) = (index(0), index(1));
    for (mainland, taiwanese) in [("人工智能", "人工智慧"), ("欠款信息", "欠款資訊")] {
        let found = first.search(mainland);
        assert!(!found.is_empty(), "{mainland}");
        for query in [mainland, taiwanese] {
            assert_eq!(first.search(query), found, "{query} in the first edition");
            assert_eq!(taiwan.search(query), found, "{query} in the 繁體 edition");
        }
    }
    let names: Vec<String> = prepared.sites[1].regions.iter().map(|r| r.name.clone()).collect();
    assert_complete_recall(&taiwan, &names, 13);
}
