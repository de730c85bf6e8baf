//! Writing the output folder: only files whose bytes changed are written, files no longer
//! produced are removed, and nothing outside the output folder is ever touched.

use std::collections::HashSet;
use std::fs;
use std::path::{Component, Path, PathBuf};

use anyhow::{bail, Context as _, Result};
use rayon::prelude::*;
use walkdir::WalkDir;

/// Left in every output folder regionreport writes, so it knows the folder is its own.
pub const MARKER: &str = ".regionreport-output";

/// Files at the output root that are left alone: git needs one to keep the empty folder.
const PRESERVED: &[&str] = &[".gitkeep"];

/// A file of the built site: its path relative to the output folder and its bytes.
#[derive(Debug, Clone)]
pub struct OutputFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

impl OutputFile {
    pub fn new(path: String, bytes: impl Into<Vec<u8>>) -> OutputFile {
        OutputFile { path, bytes: bytes.into() }
    }
}

/// What the write changed.
#[derive(Debug, Default, Clone, Copy)]
pub struct WriteStats {
    pub written: usize,
    pub unchanged: usize,
    pub removed: usize,
}

/// Brings `dir` in line with `files`.
pub fn write_output(dir: &Path, site_root: &Path, files: &[OutputFile]) -> Result<WriteStats> {
    check_output_dir(dir, site_root)?;
    fs::create_dir_all(dir).with_context(|| format!("cannot create output folder {}", dir.display()))?;
    write_if_changed(&dir.join(MARKER), b"This folder is written by regionreport; files in it may be replaced or removed.\n")?;
    for file in files {
        check_relative(&file.path)?;
    }
    create_folders(dir, files)?;
    let written: Vec<bool> = files.par_iter().map(|f| write_if_changed(&dir.join(&f.path), &f.bytes)).collect::<Result<_>>()?;
    let keep: HashSet<PathBuf> = files
        .iter()
        .map(|f| dir.join(&f.path))
        .chain([MARKER, super::fingerprint::MANIFEST].into_iter().chain(PRESERVED.iter().copied()).map(|name| dir.join(name)))
        .collect();
    let removed = remove_stale(dir, &keep)?;
    let changed = written.iter().filter(|w| **w).count();
    Ok(WriteStats { written: changed, unchanged: files.len() - changed, removed })
}

/// Refuses folders whose contents must never be replaced.
fn check_output_dir(dir: &Path, site_root: &Path) -> Result<()> {
    let resolved = absolute(dir);
    let root = absolute(site_root);
    let home = std::env::var_os("HOME").map(PathBuf::from).map(|h| absolute(&h));
    let forbidden = [Some(root.clone()), Some(root.join("content")), Some(root.join("templates")), home, Some(PathBuf::from("/"))];
    if forbidden.iter().flatten().any(|f| *f == resolved) || root.starts_with(&resolved) {
        bail!("refusing to write the site into {}: choose a separate output folder such as `output/`", dir.display());
    }
    let foreign = |entry: &fs::DirEntry| !PRESERVED.iter().any(|p| entry.file_name() == *p);
    if resolved.is_dir() && !resolved.join(MARKER).exists() && fs::read_dir(&resolved)?.flatten().any(|e| foreign(&e)) {
        bail!("refusing to write into {}: the folder is not empty and was not created by regionreport", dir.display());
    }
    Ok(())
}

/// `path` made absolute and with `.`/`..` resolved (through symbolic links where it exists).
fn absolute(path: &Path) -> PathBuf {
    if let Ok(real) = fs::canonicalize(path) {
        return real;
    }
    let joined = std::env::current_dir().map(|cwd| cwd.join(path)).unwrap_or_else(|_| path.to_path_buf());
    let mut out = PathBuf::new();
    for component in joined.components() {
        match component {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

/// Output paths come from ids and slugs that were checked on load; this is the last guard.
fn check_relative(path: &str) -> Result<()> {
    let ok = !path.is_empty()
        && Path::new(path).components().all(|c| matches!(c, Component::Normal(_)))
        && !path.contains('\\')
        && !path.contains('\0');
    if !ok {
        bail!("internal error: refusing to write output path `{path}`");
    }
    Ok(())
}

/// Writes `bytes` to `path` unless it already holds exactly them. Returns whether it wrote.
fn write_if_changed(path: &Path, bytes: &[u8]) -> Result<bool> {
    if let Ok(meta) = fs::symlink_metadata(path) {
        if meta.is_file() && meta.len() == bytes.len() as u64 && fs::read(path).map(|old| old == bytes).unwrap_or(false) {
            return Ok(false);
        }
        if !meta.is_file() {
            remove_any(path)?;
        }
    }
    fs::write(path, bytes).with_context(|| format!("cannot write {}", path.display()))?;
    Ok(true)
}

/// Creates every folder the files need, once each, before the parallel writes.
fn create_folders(dir: &Path, files: &[OutputFile]) -> Result<()> {
    let folders: std::collections::BTreeSet<&Path> =
        files.iter().filter_map(|f| Path::new(&f.path).parent()).filter(|p| !p.as_os_str().is_empty()).collect();
    for folder in folders {
        let path = dir.join(folder);
        match fs::symlink_metadata(&path) {
            Ok(meta) if meta.is_dir() => continue,
            // A file or link where a folder belongs: replace it (it is inside the output folder).
            Ok(_) => remove_any(&path)?,
            Err(_) => {}
        }
        fs::create_dir_all(&path).with_context(|| format!("cannot create folder {}", path.display()))?;
    }
    Ok(())
}

fn remove_any(path: &Path) -> Result<()> {
    let meta = fs::symlink_metadata(path)?;
    if meta.is_dir() { fs::remove_dir_all(path) } else { fs::remove_file(path) }
        .with_context(|| format!("cannot remove {}", path.display()))
}

/// Removes files under `dir` not in `keep`, then folders left empty. Symbolic links are
/// removed as links, never followed.
fn remove_stale(dir: &Path, keep: &HashSet<PathBuf>) -> Result<usize> {
    let mut removed = 0;
    let mut folders = Vec::new();
    for entry in WalkDir::new(dir).follow_links(false).min_depth(1) {
        let entry = entry?;
        if entry.file_type().is_dir() {
            folders.push(entry.into_path());
        } else if !keep.contains(entry.path()) {
            fs::remove_file(entry.path()).with_context(|| format!("cannot remove {}", entry.path().display()))?;
            removed += 1;
        }
    }
    for folder in folders.iter().rev() {
        if fs::read_dir(folder).map(|mut d| d.next().is_none()).unwrap_or(false) {
            let _ = fs::remove_dir(folder);
        }
    }
    Ok(removed)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, text: &str) -> OutputFile {
        OutputFile::new(path.into(), text)
    }

    #[test]
    fn writes_changes_only_and_removes_stale_files() {
        let site = tempfile::tempdir().unwrap();
        let out = site.path().join("output");
        let first = write_output(&out, site.path(), &[file("a/index.html", "1"), file("b.txt", "2")]).unwrap();
        assert_eq!((first.written, first.unchanged), (2, 0));
        let second = write_output(&out, site.path(), &[file("a/index.html", "1"), file("c.txt", "3")]).unwrap();
        assert_eq!((second.written, second.unchanged, second.removed), (1, 1, 1));
        assert!(!out.join("b.txt").exists());
        assert_eq!(fs::read_to_string(out.join("c.txt")).unwrap(), "3");
    }

    #[test]
    fn refuses_the_site_root_its_sources_and_foreign_folders() {
        let site = tempfile::tempdir().unwrap();
        fs::create_dir_all(site.path().join("content")).unwrap();
        fs::write(site.path().join("content/keep.md"), "x").unwrap();
        for dir in [site.path().to_path_buf(), site.path().join("content"), site.path().join("templates"), PathBuf::from("/")] {
            let err = write_output(&dir, site.path(), &[file("x.html", "x")]).unwrap_err();
            assert!(err.to_string().contains("refusing"), "{dir:?}: {err}");
        }
        let foreign = site.path().join("mine");
        fs::create_dir_all(&foreign).unwrap();
        fs::write(foreign.join("notes.txt"), "precious").unwrap();
        assert!(write_output(&foreign, site.path(), &[file("x.html", "x")]).is_err());
        assert_eq!(fs::read_to_string(foreign.join("notes.txt")).unwrap(), "precious");
        assert!(site.path().join("content/keep.md").exists());
    }

    #[test]
    fn stale_symlinks_are_removed_without_following_them() {
        let site = tempfile::tempdir().unwrap();
        let outside = site.path().join("outside.txt");
        fs::write(&outside, "keep me").unwrap();
        let out = site.path().join("output");
        write_output(&out, site.path(), &[file("a.html", "a")]).unwrap();
        std::os::unix::fs::symlink(&outside, out.join("link.txt")).unwrap();
        write_output(&out, site.path(), &[file("a.html", "a")]).unwrap();
        assert!(!out.join("link.txt").exists());
        assert_eq!(fs::read_to_string(&outside).unwrap(), "keep me");
    }

    #[test]
    fn unsafe_output_paths_are_refused() {
        for bad in ["../x", "/etc/x", "a/../../x", ""] {
            assert!(check_relative(bad).is_err(), "{bad}");
        }
    }
}
