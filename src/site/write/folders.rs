//! Which folders a build may write, and which are regionreport's own: the output folder is
//! checked before anything is touched, and the folders beside it (staging, spare, lock) are
//! named here.

use std::fs;
use std::path::{Component, Path, PathBuf};

use anyhow::{anyhow, bail, Context as _, Result};
use walkdir::WalkDir;

use super::{MARKER, PRESERVED};

/// Whether `dir` is a real folder that regionreport made (it holds the marker, a real file).
pub(super) fn is_own(dir: &Path) -> bool {
    let real = |path: &Path, dir: bool| fs::symlink_metadata(path).map(|m| if dir { m.is_dir() } else { m.is_file() }).unwrap_or(false);
    real(dir, true) && real(&dir.join(MARKER), false)
}

/// Whether the tree at `dir` holds only folders and regular files, as regionreport makes them.
/// A symbolic link, FIFO, socket or device in it was put there by someone else.
pub(super) fn is_trusted(dir: &Path) -> bool {
    WalkDir::new(dir).follow_links(false).into_iter().all(|entry| entry.is_ok_and(|e| e.file_type().is_dir() || e.file_type().is_file()))
}

/// `.<name>.regionreport-<what>` in the folder that holds `output`.
pub(super) fn sibling(output: &Path, what: &str) -> Result<PathBuf> {
    let absolute = absolute(output);
    let name = absolute.file_name().ok_or_else(|| anyhow!("{} has no folder name", output.display()))?;
    let parent = absolute.parent().ok_or_else(|| anyhow!("{} has no parent folder", output.display()))?;
    Ok(parent.join(format!(".{}.regionreport-{what}", name.to_string_lossy())))
}

/// Removes a folder only if regionreport made it (it holds the marker).
pub(super) fn remove_own(dir: &Path) -> Result<()> {
    if fs::symlink_metadata(dir).is_err() {
        return Ok(());
    }
    if !is_own(dir) {
        bail!("{} is in the way and was not made by regionreport; remove it by hand", dir.display());
    }
    fs::remove_dir_all(dir).with_context(|| format!("cannot remove {}", dir.display()))
}

/// Refuses folders whose contents must never be replaced.
pub(super) fn check_output_dir(dir: &Path, site_root: &Path, force: bool) -> Result<()> {
    match fs::symlink_metadata(dir) {
        Ok(meta) if meta.file_type().is_symlink() => {
            bail!("refusing to write the site into {}: it is a symbolic link; give the folder it points to", dir.display())
        }
        Ok(meta) if !meta.is_dir() => bail!("refusing to write the site into {}: it is a file, not a folder", dir.display()),
        _ => {}
    }
    let resolved = absolute(dir);
    let root = absolute(site_root);
    let home = std::env::var_os("HOME").map(PathBuf::from).map(|h| absolute(&h));
    let forbidden = [Some(root.clone()), Some(root.join("content")), Some(root.join("templates")), home, Some(PathBuf::from("/"))];
    if forbidden.iter().flatten().any(|f| *f == resolved) || root.starts_with(&resolved) {
        bail!("refusing to write the site into {}: choose a separate output folder such as `output/`", dir.display());
    }
    if resolved.starts_with(root.join("content")) || resolved.starts_with(root.join("templates")) {
        bail!("refusing to write the site into {}: it is inside the site's sources", dir.display());
    }
    let foreign = |entry: &fs::DirEntry| !PRESERVED.iter().any(|p| entry.file_name() == *p);
    if !force && resolved.is_dir() && !resolved.join(MARKER).exists() && fs::read_dir(&resolved)?.flatten().any(|e| foreign(&e)) {
        bail!(
            "refusing to replace {}: the folder is not empty and was not created by regionreport (use --force to replace it)",
            dir.display()
        );
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
