use super::*;
use std::os::unix::fs::MetadataExt as _;

fn file(path: &str, text: &str) -> OutputFile {
    OutputFile::new(path.into(), text)
}

fn publish(out: &Path, site: &Path, files: &[OutputFile]) -> Result<WriteStats> {
    let staging = Staging::begin(out, site, false)?;
    for f in files {
        staging.put(f.clone());
    }
    staging.commit(|_, _| Ok(()))
}

#[test]
fn unchanged_files_are_kept_and_stale_files_removed() {
    use std::os::unix::fs::MetadataExt;
    let site = tempfile::tempdir().unwrap();
    let out = site.path().join("output");
    let first = publish(&out, site.path(), &[file("a/index.html", "1"), file("b.txt", "2")]).unwrap();
    assert_eq!((first.written, first.unchanged), (2, 0));
    let inode = fs::metadata(out.join("a/index.html")).unwrap().ino();
    let second = publish(&out, site.path(), &[file("a/index.html", "1"), file("c.txt", "3")]).unwrap();
    assert_eq!((second.written, second.unchanged, second.removed), (1, 1, 1));
    assert_eq!(fs::metadata(out.join("a/index.html")).unwrap().ino(), inode, "an unchanged file is the same file");
    assert!(!out.join("b.txt").exists());
    assert_eq!(fs::read_to_string(out.join("c.txt")).unwrap(), "3");
    assert!(!sibling(&out, "staging").unwrap().exists());
    assert!(is_own(&sibling(&out, "spare").unwrap()), "the previous tree is kept for the next build to reuse");
    let third = publish(&out, site.path(), &[file("a/index.html", "1"), file("c.txt", "4")]).unwrap();
    assert_eq!((third.written, third.unchanged, third.removed), (1, 1, 0));
    assert_eq!(fs::metadata(out.join("a/index.html")).unwrap().ino(), inode, "still the same file");
    assert_eq!(fs::read_to_string(out.join("c.txt")).unwrap(), "4");
    assert!(!out.join("b.txt").exists());
}

#[test]
fn an_aborted_build_leaves_the_output_as_it_was() {
    let site = tempfile::tempdir().unwrap();
    let out = site.path().join("output");
    publish(&out, site.path(), &[file("index.html", "good")]).unwrap();
    let staging = Staging::begin(&out, site.path(), false).unwrap();
    staging.put(file("index.html", "half-built"));
    staging.abort();
    assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "good");
    assert!(!sibling(&out, "staging").unwrap().exists());
    publish(&out, site.path(), &[file("index.html", "good")]).unwrap();
    assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "good");
}

#[test]
fn a_killed_build_leaves_the_output_and_the_next_build_recovers() {
    let site = tempfile::tempdir().unwrap();
    let out = site.path().join("output");
    publish(&out, site.path(), &[file("index.html", "good")]).unwrap();
    let staging = Staging::begin(&out, site.path(), false).unwrap();
    staging.put(file("index.html", "half-built"));
    drop(staging); // as if the process died here: nothing is cleaned up, and the lock goes with it
    assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "good");
    publish(&out, site.path(), &[file("index.html", "new")]).unwrap();
    assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "new");
}

#[test]
fn a_write_error_fails_the_commit_and_keeps_the_output() {
    let site = tempfile::tempdir().unwrap();
    let out = site.path().join("output");
    publish(&out, site.path(), &[file("index.html", "good")]).unwrap();
    let staging = Staging::begin(&out, site.path(), false).unwrap();
    staging.put(file("../escape.html", "x"));
    assert!(staging.commit(|_, _| Ok(())).is_err());
    assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "good");
    assert!(!site.path().join("escape.html").exists());
}

#[test]
fn refuses_the_site_root_its_sources_home_and_root() {
    let site = tempfile::tempdir().unwrap();
    fs::create_dir_all(site.path().join("content")).unwrap();
    fs::write(site.path().join("content/keep.md"), "x").unwrap();
    let home = PathBuf::from(std::env::var_os("HOME").unwrap());
    for dir in [
        site.path().to_path_buf(),
        site.path().join("content"),
        site.path().join("content/sub"),
        site.path().join("templates"),
        PathBuf::from("/"),
        home,
    ] {
        let err = Staging::begin(&dir, site.path(), true).err().unwrap_or_else(|| panic!("{dir:?} accepted"));
        assert!(err.to_string().contains("refusing"), "{dir:?}: {err}");
    }
    assert!(site.path().join("content/keep.md").exists());
}

#[test]
fn a_foreign_folder_needs_force_and_then_is_replaced() {
    let site = tempfile::tempdir().unwrap();
    let foreign = site.path().join("mine");
    fs::create_dir_all(&foreign).unwrap();
    fs::write(foreign.join("notes.txt"), "precious").unwrap();
    let err = publish(&foreign, site.path(), &[file("x.html", "x")]).unwrap_err();
    assert!(err.to_string().contains("--force"), "{err}");
    assert_eq!(fs::read_to_string(foreign.join("notes.txt")).unwrap(), "precious");
    let staging = Staging::begin(&foreign, site.path(), true).unwrap();
    staging.put(file("x.html", "x"));
    staging.commit(|_, _| Ok(())).unwrap();
    assert!(foreign.join("x.html").exists() && !foreign.join("notes.txt").exists());
}

#[test]
fn symbolic_links_in_the_old_output_are_not_followed() {
    let site = tempfile::tempdir().unwrap();
    let outside = site.path().join("outside.txt");
    fs::write(&outside, "keep me").unwrap();
    let elsewhere = site.path().join("elsewhere");
    fs::create_dir_all(&elsewhere).unwrap();
    fs::write(elsewhere.join("x.svg"), "same").unwrap();
    let out = site.path().join("output");
    publish(&out, site.path(), &[file("a.html", "a")]).unwrap();
    std::os::unix::fs::symlink(&outside, out.join("link.txt")).unwrap();
    std::os::unix::fs::symlink(&elsewhere, out.join("charts")).unwrap();
    let stats = publish(&out, site.path(), &[file("a.html", "a"), file("link.txt", "new"), file("charts/x.svg", "same")]).unwrap();
    assert_eq!(stats.unchanged, 0, "nothing is linked from an output holding planted links");
    assert_eq!(fs::read_to_string(out.join("link.txt")).unwrap(), "new");
    assert!(fs::symlink_metadata(out.join("charts")).unwrap().is_dir(), "a real folder now");
    assert_eq!(fs::metadata(elsewhere.join("x.svg")).unwrap().nlink(), 1, "the file outside was not linked into the output");
    assert!(!sibling(&out, "spare").unwrap().exists(), "a tree holding planted links is removed, not reused");

    publish(&out, site.path(), &[file("a.html", "a")]).unwrap();
    let spare = sibling(&out, "spare").unwrap();
    assert!(is_own(&spare));
    fs::remove_file(spare.join(MARKER)).unwrap();
    std::os::unix::fs::symlink(&outside, spare.join(MARKER)).unwrap();
    std::os::unix::fs::symlink(site.path(), spare.join("sub")).unwrap();
    publish(&out, site.path(), &[file("a.html", "b"), file("sub/x.html", "x")]).unwrap();
    assert_eq!(fs::read_to_string(out.join("sub/x.html")).unwrap(), "x");
    assert!(!site.path().join("x.html").exists(), "a link in the spare tree is not written through");
    assert_eq!(fs::read_to_string(&outside).unwrap(), "keep me", "nor is a link standing as the marker");
    assert!(outside.exists() && elsewhere.join("x.svg").exists(), "nothing outside the output is removed");
}

#[test]
fn a_file_or_link_given_as_the_output_is_refused_untouched() {
    let site = tempfile::tempdir().unwrap();
    let file_out = site.path().join("output.html");
    fs::write(&file_out, "mine").unwrap();
    let err = Staging::begin(&file_out, site.path(), true).err().unwrap();
    assert!(err.to_string().contains("it is a file, not a folder"), "{err}");
    assert_eq!(fs::read_to_string(&file_out).unwrap(), "mine");
    let real = site.path().join("real");
    fs::create_dir_all(&real).unwrap();
    let link_out = site.path().join("linked");
    std::os::unix::fs::symlink(&real, &link_out).unwrap();
    let err = Staging::begin(&link_out, site.path(), true).err().unwrap();
    assert!(err.to_string().contains("it is a symbolic link"), "{err}");
    assert_eq!(fs::read_dir(site.path()).unwrap().count(), 3, "nothing was created beside them");
}

#[test]
fn the_swap_keeps_the_previous_site_as_the_spare_tree() {
    let site = tempfile::tempdir().unwrap();
    let out = site.path().join("output");
    publish(&out, site.path(), &[file("index.html", "v1")]).unwrap();
    publish(&out, site.path(), &[file("index.html", "v2")]).unwrap();
    assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "v2");
    assert_eq!(fs::read_to_string(sibling(&out, "spare").unwrap().join("index.html")).unwrap(), "v1");
    assert!(!sibling(&out, "staging").unwrap().exists());
}

#[test]
fn a_file_shared_with_the_live_output_is_never_written_through() {
    let site = tempfile::tempdir().unwrap();
    let out = site.path().join("output");
    publish(&out, site.path(), &[file("a.html", "v1")]).unwrap();
    publish(&out, site.path(), &[file("a.html", "v1")]).unwrap(); // spare and output now share a.html
    let staging = Staging::begin(&out, site.path(), false).unwrap();
    staging.put(file("a.html", "v2"));
    assert_eq!(fs::read_to_string(out.join("a.html")).unwrap(), "v1", "the live file is untouched while staging");
    staging.commit(|_, _| Ok(())).unwrap();
    assert_eq!(fs::read_to_string(out.join("a.html")).unwrap(), "v2");
    let spare = sibling(&out, "spare").unwrap();
    assert_eq!(fs::read_to_string(spare.join("a.html")).unwrap(), "v1");
}

#[test]
fn unsafe_output_paths_are_refused() {
    for bad in ["../x", "/etc/x", "a/../../x", "", "a\\b", MARKER] {
        assert!(check_relative(bad).is_err(), "{bad}");
    }
}

#[test]
fn gitkeep_is_carried_over() {
    let site = tempfile::tempdir().unwrap();
    let out = site.path().join("output");
    fs::create_dir_all(&out).unwrap();
    fs::write(out.join(".gitkeep"), "").unwrap();
    publish(&out, site.path(), &[file("a.html", "a")]).unwrap();
    assert!(out.join(".gitkeep").exists());
}

#[test]
fn folders_of_pages_that_are_gone_are_removed_and_the_others_kept() {
    let site = tempfile::tempdir().unwrap();
    let out = site.path().join("output");
    let pages = |names: &[&str]| names.iter().map(|n| file(&format!("articles/{n}/index.html"), n)).collect::<Vec<_>>();
    publish(&out, site.path(), &pages(&["a", "b", "c"])).unwrap();
    publish(&out, site.path(), &pages(&["a", "c"])).unwrap();
    // The third build reuses the first one's tree, which still has `b`.
    let third = publish(&out, site.path(), &pages(&["a"])).unwrap();
    assert_eq!(third.removed, 1);
    let mut left: Vec<String> =
        fs::read_dir(out.join("articles")).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    left.sort();
    assert_eq!(left, ["a"], "no empty folder is left behind");
    assert_eq!(fs::read_to_string(out.join("articles/a/index.html")).unwrap(), "a");
}

#[test]
fn a_build_into_a_new_folder_writes_every_file_once() {
    let site = tempfile::tempdir().unwrap();
    let out = site.path().join("new/output");
    let stats = publish(&out, site.path(), &[file("index.html", "home"), file("a/b/c/index.html", "deep")]).unwrap();
    assert_eq!((stats.written, stats.unchanged, stats.removed), (2, 0, 0));
    assert_eq!(fs::read_to_string(out.join("a/b/c/index.html")).unwrap(), "deep");
    let staging = Staging::begin(&out.with_file_name("other"), site.path(), false).unwrap();
    staging.put(file("index.html", "one"));
    staging.put(file("index.html", "two"));
    let error = staging.commit(|_, _| Ok(())).unwrap_err();
    assert!(format!("{error:#}").contains("cannot create"), "two files claiming one path is an error: {error:#}");
}
