//! Search finds every page whose text contains the query, in either script: measured on a
//! query set made from the example site's own text (300 random pieces of two to four
//! characters, every tag and region name, each in both scripts).

use regionreport::search::index::Index;
use regionreport::search::recall;
use regionreport::site::{self, read, BuildOptions};

use super::helpers::*;

#[test]
fn recall_is_complete_on_the_example_site() {
    let options = BuildOptions { root: example_root(), ..Default::default() };
    let problems = regionreport::diagnostics::Diagnostics::default();
    let prepared = site::prepare(&options, read::read_inputs(&options.root), &problems).unwrap();
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
