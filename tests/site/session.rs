//! `serve`'s rebuilds: re-rendering only what a change touches must leave exactly the output
//! a full build of the same content gives.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use regionreport::diagnostics::Diagnostic;
use regionreport::incremental::plan::{plan, Change, ChangeKind};
use regionreport::incremental::Session;
use regionreport::site::{BuildError, BuildOptions};

use super::helpers::{apply_as_serve, build_into, copy_example, tree};

/// The site's files, without regionreport's bookkeeping.
fn site_files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    tree(dir).into_iter().filter(|(k, _)| !k.starts_with(".regionreport")).collect()
}

fn assert_same_as_full_build(root: &Path) {
    let full = tempfile::tempdir().unwrap();
    build_into(root, &full.path().join("out"));
    let incremental = site_files(&root.join("output"));
    let expected = site_files(&full.path().join("out"));
    let differing: Vec<&String> = expected.keys().chain(incremental.keys()).filter(|k| expected.get(*k) != incremental.get(*k)).collect();
    assert!(differing.is_empty(), "incremental output differs from a full build in: {differing:?}");
}

/// A session on the site at `root`, after its first (full) build.
fn start(root: &Path) -> Session {
    let mut session = Session::new(BuildOptions { root: root.to_path_buf(), ..Default::default() });
    let first = session.apply(&regionreport::incremental::plan::Rebuild { everything: true, ..Default::default() }).unwrap();
    assert!(first.full && first.pages_rendered > 20, "{first:?}");
    session
}

/// A copy of the example site and a session on it, after its first build.
fn example_session() -> (tempfile::TempDir, Session) {
    let site = tempfile::tempdir().unwrap();
    copy_example(site.path());
    let session = start(site.path());
    (site, session)
}

/// The problems of an update that must fail because of the content.
fn failed_update(session: &mut Session, scope: &regionreport::incremental::plan::Rebuild, why: &str) -> Vec<Diagnostic> {
    match apply_as_serve(session, scope) {
        Err(BuildError::Content(problems)) => problems,
        other => panic!("{why}: {:?}", other.map(|u| u.pages_rendered)),
    }
}

fn change(root: &Path, session: &mut Session, path: &str) -> regionreport::incremental::Update {
    let kind = if root.join(path).exists() { ChangeKind::Written } else { ChangeKind::Removed };
    let scope = plan(&[Change { path: path.into(), kind }]);
    apply_as_serve(session, &scope).unwrap_or_else(|e| panic!("{e:?}"))
}

#[test]
fn partial_rebuilds_give_the_same_output_as_full_builds() {
    let site = tempfile::tempdir().unwrap();
    let root = site.path();
    copy_example(root);
    // Two articles a page, so additions and removals move articles between list pages.
    let settings = root.join("content/site.yaml");
    fs::write(&settings, fs::read_to_string(&settings).unwrap().replace("articles_per_page: 10", "articles_per_page: 2")).unwrap();
    let mut session = start(root);

    // An article edit re-renders that article and the pages that list it, not everything.
    let article = "content/articles/gansu/lanzhou-collection-market.md";
    let text = fs::read_to_string(root.join(article)).unwrap();
    fs::write(root.join(article), text.replace("## 市场背景", "## 市场的背景").replace("tags: [行业概况", "tags: [新标签, 行业概况"))
        .unwrap();
    let update = change(root, &mut session, article);
    assert!(!update.full);
    assert!(update.pages_rendered < 20, "{update:?}");
    assert_same_as_full_build(root);

    // A change deep in the body shows on the article's page only, in each of the two
    // editions.
    let text = fs::read_to_string(root.join(article)).unwrap();
    fs::write(root.join(article), text.replace("## 发展趋势", "## 今后的趋势")).unwrap();
    let update = change(root, &mut session, article);
    assert_eq!(update.pages_rendered, 2, "{update:?}");
    assert_same_as_full_build(root);

    // A new date moves the article to another list page, and changes its neighbours.
    fs::write(root.join(article), fs::read_to_string(root.join(article)).unwrap().replace("date: 2024-04-12", "date: 2024-08-01")).unwrap();
    change(root, &mut session, article);
    assert_same_as_full_build(root);

    // A region edit redraws its charts.
    let region = "content/regions/hunan.yaml";
    fs::write(root.join(region), fs::read_to_string(root.join(region)).unwrap().replace("value: 4051", "value: 4999")).unwrap();
    let update = change(root, &mut session, region);
    assert!(!update.full && update.written >= 3, "{update:?}");
    assert!(fs::read_to_string(root.join("output/regions/hunan/index.html")).unwrap().contains("4,999"));
    assert_same_as_full_build(root);

    // A new article, then its removal.
    let new = "content/articles/gansu/new-one.md";
    fs::write(root.join(new), "---\ntitle: 新文章\ndate: 2025-01-01\nregion: gansu\ntags: [独有标签]\n---\n\n## 一\n\n正文。\n").unwrap();
    change(root, &mut session, new);
    assert!(root.join("output/articles/new-one/index.html").exists());
    assert!(root.join("output/articles/page/3/index.html").exists(), "six articles make three list pages");
    assert_same_as_full_build(root);
    fs::remove_file(root.join(new)).unwrap();
    let update = change(root, &mut session, new);
    assert!(update.removed >= 2, "the article page and its tag page go: {update:?}");
    assert!(!root.join("output/articles/new-one/index.html").exists());
    assert_same_as_full_build(root);

    // A region's new name shows on every page that names the region.
    let gansu = "content/regions/gansu.yaml";
    fs::write(root.join(gansu), fs::read_to_string(root.join(gansu)).unwrap().replace("name: 甘肃", "name: 甘肃省")).unwrap();
    change(root, &mut session, gansu);
    assert_same_as_full_build(root);
}

#[test]
fn a_broken_edit_keeps_the_output_and_the_fix_rebuilds() {
    let (site, mut session) = example_session();
    let root = site.path();
    let before = site_files(&root.join("output"));
    let region = "content/regions/gansu.yaml";
    let good = fs::read_to_string(root.join(region)).unwrap();
    fs::write(root.join(region), good.replace("name: 甘肃", "name: [甘肃")).unwrap();
    let scope = plan(&[Change { path: region.into(), kind: ChangeKind::Written }]);
    assert!(apply_as_serve(&mut session, &scope).is_err());
    assert_eq!(before, site_files(&root.join("output")), "nothing is written for a broken edit");
    fs::write(root.join(region), good.replace("name: 甘肃", "name: 甘肃省")).unwrap();
    apply_as_serve(&mut session, &scope).unwrap();
    assert!(fs::read_to_string(root.join("output/regions/gansu/index.html")).unwrap().contains("甘肃省"));
    assert_same_as_full_build(root);
}

#[test]
fn a_folder_of_articles_moved_out_and_back_in() {
    let (site, mut session) = example_session();
    let root = site.path();
    let aside = tempfile::tempdir().unwrap();
    fs::rename(root.join("content/articles/henan"), aside.path().join("henan")).unwrap();
    change(root, &mut session, "content/articles/henan");
    assert!(!root.join("output/articles/henan-home-visits/index.html").exists());
    assert_same_as_full_build(root);
    fs::rename(aside.path().join("henan"), root.join("content/articles/henan")).unwrap();
    change(root, &mut session, "content/articles/henan");
    assert!(root.join("output/articles/henan-home-visits/index.html").exists());
    assert_same_as_full_build(root);
}

#[test]
fn links_follow_an_article_that_moves_and_break_when_it_goes() {
    let (site, mut session) = example_session();
    let root = site.path();
    // henan-home-visits links to this article by its file.
    let linked = "content/articles/henan/henan-inhouse-vs-outsourcing.md";
    let text = fs::read_to_string(root.join(linked)).unwrap();
    fs::write(root.join(linked), text.replacen("---\n", "---\nslug: inhouse-or-outsourced\n", 1)).unwrap();
    change(root, &mut session, linked);
    let linking = fs::read_to_string(root.join("output/articles/henan-home-visits/index.html")).unwrap();
    assert!(linking.contains("见<a href=\"../../articles/inhouse-or-outsourced/"), "the link in the body follows the new slug");
    assert_same_as_full_build(root);

    fs::rename(root.join(linked), root.join("content/articles/henan/renamed.md")).unwrap();
    let scope = plan(&[
        Change { path: linked.into(), kind: ChangeKind::Removed },
        Change { path: "content/articles/henan/renamed.md".into(), kind: ChangeKind::Written },
    ]);
    let problems = failed_update(&mut session, &scope, "a link to a file that went is an error");
    assert!(problems.iter().any(|p| p.path.ends_with("henan-home-visits.md") && p.message.contains("no such page")), "{problems:?}");
}

#[test]
fn a_heading_that_links_point_at_is_checked_when_it_changes() {
    let (site, mut session) = example_session();
    let root = site.path();
    // henan-inhouse-vs-outsourcing links to `henan-home-visits.md#法律边界`.
    let target = "content/articles/henan/henan-home-visits.md";
    let good = fs::read_to_string(root.join(target)).unwrap();
    fs::write(root.join(target), good.replace("## 法律边界", "## 法律上的边界")).unwrap();
    let scope = plan(&[Change { path: target.into(), kind: ChangeKind::Written }]);
    let problems = failed_update(&mut session, &scope, "the link's anchor is gone");
    assert!(
        problems
            .iter()
            .any(|p| p.path.ends_with("henan-inhouse-vs-outsourcing.md") && p.message.contains("no heading or section `法律边界`")),
        "{problems:?}"
    );
    fs::write(root.join(target), good).unwrap();
    apply_as_serve(&mut session, &scope).unwrap();
    assert_same_as_full_build(root);
}

#[test]
fn a_region_page_gains_and_loses_its_second_page_as_articles_come_and_go() {
    let site = tempfile::tempdir().unwrap();
    copy_example(site.path());
    let root = site.path();
    // gansu has one article of its own; with 99 more its list just fills one page.
    for n in 1..=99 {
        let text = format!("---\ntitle: 满页文章{n}\ndate: 2019-{:02}-{:02}\nregion: gansu\n---\n\n正文{n}。\n", 1 + n % 12, 1 + n % 28);
        fs::write(root.join(format!("content/articles/gansu/full-{n}.md")), text).unwrap();
    }
    let mut session = start(root);
    let second = root.join("output/regions/gansu/page/2/index.html");
    assert!(!second.exists());
    let extra = "content/articles/gansu/one-more.md";
    fs::write(root.join(extra), "---\ntitle: 多出的一篇\ndate: 2018-01-01\nregion: gansu\n---\n\n正文。\n").unwrap();
    change(root, &mut session, extra);
    assert!(fs::read_to_string(&second).is_ok_and(|t| t.contains("多出的一篇")), "the oldest article moves to page 2");
    assert_same_as_full_build(root);
    fs::remove_file(root.join(extra)).unwrap();
    change(root, &mut session, extra);
    assert!(!second.exists(), "the page goes when its articles do");
    assert_same_as_full_build(root);
}
