//! The file operations of the writer. None follows a symbolic link at the path it is given:
//! what stands in the way of a folder or a new file is removed (a link as a link), and files
//! are compared only when they are regular files.

use std::fs;
use std::path::Path;

use anyhow::{anyhow, Context as _, Result};

/// Creates `folder` under `root`, replacing a file or link that stands where it belongs.
pub(super) fn make_folder(root: &Path, folder: &Path) -> Result<()> {
    if fs::symlink_metadata(folder).map(|m| m.is_dir()).unwrap_or(false) {
        return Ok(());
    }
    let mut path = root.to_path_buf();
    for part in folder.strip_prefix(root).unwrap_or(folder).components() {
        path.push(part);
        match fs::symlink_metadata(&path) {
            Ok(meta) if meta.is_dir() => continue,
            Ok(_) => remove_if_present(&path)?,
            Err(_) => {}
        }
        match fs::create_dir(&path) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && path.is_dir() => {}
            Err(e) => return Err(anyhow!(e).context(format!("cannot create folder {}", path.display()))),
        }
    }
    Ok(())
}

/// Creates `folder` in a tree this build started empty: one system call when its parent
/// exists, the careful walk of [`make_folder`] when it does not.
pub(super) fn make_new_folder(root: &Path, folder: &Path) -> Result<()> {
    match fs::create_dir(folder) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(_) => make_folder(root, folder),
    }
}

/// Writes a file that must not exist yet (two pages claiming one path is a bug, not an update).
pub(super) fn write_new(path: &Path, bytes: &[u8]) -> Result<()> {
    use std::io::Write as _;
    let mut file = fs::File::create_new(path).with_context(|| format!("cannot create {}", path.display()))?;
    file.write_all(bytes).with_context(|| format!("cannot write {}", path.display()))?;
    super::fault::reached(super::fault::Step::File);
    Ok(())
}

pub(super) fn remove_if_present(path: &Path) -> Result<()> {
    match fs::symlink_metadata(path) {
        Ok(meta) if meta.is_dir() => fs::remove_dir_all(path),
        Ok(_) => fs::remove_file(path),
        Err(_) => return Ok(()),
    }
    .with_context(|| format!("cannot remove {}", path.display()))
}

pub(super) fn same_file(a: &Path, b: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (fs::symlink_metadata(a), fs::symlink_metadata(b)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

pub(super) fn single_link(path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    fs::symlink_metadata(path).map(|m| m.nlink() == 1).unwrap_or(false)
}

pub(super) fn same_bytes(path: &Path, bytes: &[u8]) -> bool {
    match fs::symlink_metadata(path) {
        Ok(meta) if meta.is_file() && meta.len() == bytes.len() as u64 => fs::read(path).map(|old| old == bytes).unwrap_or(false),
        _ => false,
    }
}
