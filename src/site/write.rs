//! Writing the output folder atomically: the one way out. A build writes into a staging folder
//! beside the output; a file whose bytes did not change is hard-linked from the previous output
//! instead of written again (so it stays untouched: same inode, same time). Only when the whole
//! build succeeded is the staging folder swapped in for the output (`swap`). A failed or
//! interrupted build leaves the previous output exactly as it was.
//!
//! - One build at a time writes an output folder (`lock`); a second says so and stops.
//! - regionreport never creates a symbolic link, so a link found in the output, or in a staging
//!   or spare tree, was planted: such a tree is not trusted. Nothing is linked from it or
//!   written into it; it is replaced whole, links removed as links, never followed.
//! - The output must be a folder (or not exist yet): a file or a link given as `--output` is
//!   refused before anything is touched.
//! - Every output path is relative and made of plain parts (`check_relative`); that two
//!   things never claim one path is checked before anything is written (`site::claims`).

use std::collections::HashSet;
use std::fs;
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use anyhow::{bail, Context as _, Result};
use walkdir::WalkDir;

pub mod fault;
mod files;
mod folders;
mod lock;
mod swap;

use files::{make_folder, make_new_folder, remove_if_present, same_bytes, same_file, single_link, write_new};
use folders::{check_output_dir, is_own, is_trusted, remove_own, sibling};

pub use lock::OutputLock;

/// Left in every output folder regionreport writes, so it knows the folder is its own.
pub const MARKER: &str = ".regionreport-output";
const MARKER_TEXT: &[u8] = b"This folder is written by regionreport; files in it may be replaced or removed.\n";

/// Files at the output root that are carried over: git needs one to keep an empty folder.
const PRESERVED: &[&str] = &[".gitkeep"];

/// A file of the built site: its path relative to the output folder and its bytes.
#[derive(Debug, Clone)]
pub struct OutputFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

impl OutputFile {
    /// A file of the site. Pages, charts, the feed and the sitemap lose any character XML and
    /// HTML forbid ([`crate::policy::text`]) here, whichever field it came in by.
    pub fn new(path: String, bytes: impl Into<Vec<u8>>) -> OutputFile {
        let bytes = bytes.into();
        let markup = [".html", ".svg", ".xml"].iter().any(|ext| path.ends_with(ext));
        let bytes = if markup { crate::policy::text::strip(bytes) } else { bytes };
        OutputFile { path, bytes }
    }
}

/// Where the stages hand their files as soon as they are made.
pub trait Sink: Sync {
    fn put(&self, file: OutputFile);
}

/// Keeps every file in memory (for `check`, which writes nothing).
#[derive(Default)]
pub struct Collector(pub Mutex<Vec<OutputFile>>);

impl Sink for Collector {
    fn put(&self, file: OutputFile) {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).push(file);
    }
}

/// A sink for one edition's files: each goes below the edition's folder (`zh-hant/`), the
/// first edition's to the root.
pub struct InFolder<'a> {
    pub inner: &'a dyn Sink,
    pub folder: &'a str,
}

impl Sink for InFolder<'_> {
    fn put(&self, file: OutputFile) {
        if self.folder.is_empty() {
            self.inner.put(file);
        } else {
            self.inner.put(OutputFile { path: format!("{}{}", self.folder, file.path), ..file });
        }
    }
}

/// Writes straight into a live output folder (for `serve`'s rebuilds of a few pages, where a
/// half-applied change lasts milliseconds and the next full build repairs anything).
pub struct InPlace {
    dir: PathBuf,
    _lock: OutputLock,
    written: AtomicUsize,
    error: Mutex<Option<anyhow::Error>>,
}

impl InPlace {
    /// Takes the output's lock for as long as the writer lives. Every write replaces what stands
    /// at its path (and any non-folder on the way) rather than writing through it, so a link
    /// planted in the live output is removed, never followed.
    pub fn new(dir: &Path) -> Result<InPlace> {
        let lock = OutputLock::take(dir)?;
        Ok(InPlace { dir: dir.to_path_buf(), _lock: lock, written: AtomicUsize::new(0), error: Mutex::new(None) })
    }

    fn write(&self, path: &str, bytes: &[u8]) -> Result<()> {
        check_relative(path)?;
        let target = self.dir.join(path);
        if same_bytes(&target, bytes) {
            return Ok(());
        }
        if let Some(parent) = target.parent() {
            make_folder(&self.dir, parent)?;
        }
        // A new file, never written through one that may be shared with the spare tree.
        remove_if_present(&target)?;
        fs::write(&target, bytes).with_context(|| format!("cannot write {}", target.display()))?;
        self.written.fetch_add(1, Ordering::Relaxed);
        Ok(())
    }

    /// Removes an output file that is no longer produced, and its folder if left empty.
    pub fn remove(&self, path: &str) -> Result<bool> {
        check_relative(path)?;
        let target = self.dir.join(path);
        let existed = fs::symlink_metadata(&target).is_ok();
        remove_if_present(&target)?;
        if let Some(parent) = target.parent().filter(|p| *p != self.dir) {
            let _ = fs::remove_dir(parent);
        }
        Ok(existed)
    }

    /// How many files were written, or the first error.
    pub fn finish(self) -> Result<usize> {
        match self.error.into_inner().unwrap_or_else(|e| e.into_inner()) {
            Some(error) => Err(error),
            None => Ok(self.written.into_inner()),
        }
    }
}

impl Sink for InPlace {
    fn put(&self, file: OutputFile) {
        if let Err(e) = self.write(&file.path, &file.bytes) {
            self.error.lock().unwrap_or_else(|e| e.into_inner()).get_or_insert(e);
        }
    }
}

/// What the write changed.
#[derive(Debug, Default, Clone, Copy)]
pub struct WriteStats {
    pub written: usize,
    pub unchanged: usize,
    pub removed: usize,
}

/// An output folder being replaced.
pub struct Staging {
    _lock: OutputLock,
    output: PathBuf,
    staging: PathBuf,
    /// The staging folder was created empty for this build: nothing in it needs checking,
    /// replacing or cleaning up, which saves several system calls per file.
    fresh: bool,
    /// The output folder exists, so unchanged files can be linked from it.
    live: bool,
    written: AtomicUsize,
    unchanged: AtomicUsize,
    /// Path and size of every file put, for the manifest.
    files: Mutex<Vec<(String, usize)>>,
    /// The first write error; the build fails with it at commit.
    error: Mutex<Option<anyhow::Error>>,
    progress: Option<Arc<super::progress::Progress>>,
}

impl Staging {
    /// Checks that `output` may be written and prepares the staging folder beside it: the
    /// spare tree the previous build left (so unchanged folders and files are reused, not
    /// created again), a leftover of an interrupted build, or a new folder.
    /// `force` allows a non-empty folder regionreport did not create.
    pub fn begin(output: &Path, site_root: &Path, force: bool) -> Result<Staging> {
        check_output_dir(output, site_root, force)?;
        let lock = OutputLock::take(output)?;
        let staging = sibling(output, "staging")?;
        let spare = sibling(output, "spare")?;
        // The tree to reuse: a leftover of an interrupted build, else the spare one.
        let reused = if is_own(&staging) {
            remove_own(&spare)?;
            Some(&staging)
        } else if is_own(&spare) {
            remove_own(&staging)?;
            Some(&spare)
        } else {
            remove_own(&staging)?;
            None
        };
        // Both trees are walked for planted links at once: at 10,000 pages each walk is a
        // tenth of a second of listing folders.
        let (reused_trusted, live) = rayon::join(|| reused.is_none_or(|tree| is_trusted(tree)), || output.is_dir() && is_trusted(output));
        let reused = match reused {
            Some(tree) if !reused_trusted => {
                fs::remove_dir_all(tree).with_context(|| format!("cannot remove {}", tree.display()))?;
                None
            }
            other => other,
        };
        let fresh = match reused {
            Some(tree) if *tree == spare => {
                fs::rename(&spare, &staging).with_context(|| format!("cannot reuse {}", spare.display()))?;
                false
            }
            Some(_) => false,
            None => {
                fs::create_dir_all(&staging).with_context(|| format!("cannot create staging folder {}", staging.display()))?;
                true
            }
        };
        fs::write(staging.join(MARKER), MARKER_TEXT)?;
        for name in PRESERVED {
            let _ = fs::remove_file(staging.join(name));
            let _ = fs::hard_link(output.join(name), staging.join(name));
        }
        let files = Mutex::new(Vec::new());
        Ok(Staging {
            _lock: lock,
            output: output.to_path_buf(),
            staging,
            fresh,
            live,
            written: AtomicUsize::new(0),
            unchanged: AtomicUsize::new(0),
            files,
            error: Mutex::new(None),
            progress: None,
        })
    }

    /// Counts each file put on `progress`.
    pub fn report_to(&mut self, progress: Option<Arc<super::progress::Progress>>) {
        self.progress = progress;
    }

    /// Puts `bytes` at `path` in the staging tree. A file the live output already has is
    /// hard-linked from it (it stays the same file); a file the staging tree already has is
    /// left alone; anything else is written as a new file, never through an existing one,
    /// which may be shared with the live output.
    fn stage(&self, path: &str, bytes: &[u8]) -> Result<()> {
        check_relative(path)?;
        let target = self.staging.join(path);
        if let Some(parent) = target.parent() {
            if self.fresh {
                make_new_folder(&self.staging, parent)?;
            } else {
                make_folder(&self.staging, parent)?;
            }
        }
        let live = self.output.join(path);
        if self.live && same_bytes(&live, bytes) {
            if !same_file(&live, &target) {
                remove_if_present(&target)?;
                fs::hard_link(&live, &target).with_context(|| format!("cannot link {}", target.display()))?;
            }
            self.unchanged.fetch_add(1, Ordering::Relaxed);
            return Ok(());
        }
        if self.fresh {
            write_new(&target, bytes)?;
        } else if !(same_bytes(&target, bytes) && single_link(&target)) {
            remove_if_present(&target)?;
            fs::write(&target, bytes).with_context(|| format!("cannot write {}", target.display()))?;
        }
        self.written.fetch_add(1, Ordering::Relaxed);
        Ok(())
    }

    /// Swaps the staged output in; `manifest` records the files first. Returns what changed.
    pub fn commit(self, manifest: impl FnOnce(&Path, &[(String, usize)]) -> Result<()>) -> Result<WriteStats> {
        if let Some(error) = self.error.lock().unwrap_or_else(|e| e.into_inner()).take() {
            self.keep_as_spare();
            return Err(error);
        }
        let files = std::mem::take(&mut *self.files.lock().unwrap_or_else(|e| e.into_inner()));
        if !self.fresh {
            let keep: HashSet<PathBuf> = files.iter().map(|(p, _)| PathBuf::from(p)).collect();
            remove_stale(&self.staging, &keep)?;
        }
        manifest(&self.staging, &files)?;
        let removed = count_removed(&self.output, &self.staging);
        if self.output.exists() {
            let ours = is_own(&self.output) && self.live;
            swap::exchange(&self.staging, &self.output)?;
            // The staging path now holds the previous output.
            let spare = sibling(&self.output, "spare")?;
            if ours && remove_own(&spare).is_ok() && fs::rename(&self.staging, &spare).is_ok() {
                // Kept, for the next build to reuse.
            } else {
                // A folder regionreport did not make (replaced with `--force`) or did not trust.
                fs::remove_dir_all(&self.staging)
                    .with_context(|| format!("cannot remove the previous output {}", self.staging.display()))?;
            }
        } else {
            fs::rename(&self.staging, &self.output).with_context(|| format!("cannot move the new site into {}", self.output.display()))?;
        }
        Ok(WriteStats { written: self.written.into_inner(), unchanged: self.unchanged.into_inner(), removed })
    }

    /// Sets the staged files aside for the next build; the output stays as it was.
    pub fn abort(self) {
        self.keep_as_spare();
    }

    fn keep_as_spare(&self) {
        if let Ok(spare) = sibling(&self.output, "spare") {
            if remove_own(&spare).is_ok() && fs::rename(&self.staging, &spare).is_ok() {
                return;
            }
        }
        let _ = remove_own(&self.staging);
    }
}

/// Removes from the staging tree every file the new site does not have (links are removed as
/// links, never followed), then the folders left empty.
fn remove_stale(staging: &Path, keep: &HashSet<PathBuf>) -> Result<()> {
    // Folders holding a file of the new site stay; only the others may be left empty.
    let holding: HashSet<&Path> = keep.iter().flat_map(|p| p.ancestors().skip(1)).collect();
    let mut folders = Vec::new();
    for entry in WalkDir::new(staging).follow_links(false).min_depth(1) {
        let entry = entry?;
        let rel = entry.path().strip_prefix(staging).unwrap_or(entry.path());
        if entry.file_type().is_dir() {
            if !holding.contains(rel) {
                folders.push(entry.path().to_path_buf());
            }
        } else if !keep.contains(rel) && ![MARKER, super::fingerprint::MANIFEST].iter().chain(PRESERVED).any(|n| rel == Path::new(n)) {
            fs::remove_file(entry.path()).with_context(|| format!("cannot remove {}", entry.path().display()))?;
        }
    }
    for folder in folders.iter().rev() {
        let _ = fs::remove_dir(folder); // fails, as it should, unless the folder is empty
    }
    Ok(())
}

impl Sink for Staging {
    fn put(&self, file: OutputFile) {
        let mut error = self.error.lock().unwrap_or_else(|e| e.into_inner());
        if error.is_some() {
            return;
        }
        drop(error);
        match self.stage(&file.path, &file.bytes) {
            Ok(()) => {
                self.files.lock().unwrap_or_else(|e| e.into_inner()).push((file.path, file.bytes.len()));
                if let Some(progress) = &self.progress {
                    progress.wrote_one();
                }
            }
            Err(e) => {
                error = self.error.lock().unwrap_or_else(|e| e.into_inner());
                error.get_or_insert(e);
            }
        }
    }
}

/// Files of the old output that the new one no longer has.
fn count_removed(old: &Path, new: &Path) -> usize {
    WalkDir::new(old)
        .follow_links(false)
        .min_depth(1)
        .into_iter()
        .flatten()
        .filter(|e| !e.file_type().is_dir())
        .filter(|e| e.path().strip_prefix(old).map(|rel| fs::symlink_metadata(new.join(rel)).is_err()).unwrap_or(false))
        .count()
}

/// Output paths come from ids and slugs checked on load; this is the last guard.
fn check_relative(path: &str) -> Result<()> {
    let ok = !path.is_empty()
        && Path::new(path).components().all(|c| matches!(c, Component::Normal(_)))
        && !path.contains('\\')
        && !path.contains('\0')
        && path != MARKER;
    if !ok {
        bail!("refusing to write output path `{path}`");
    }
    Ok(())
}

#[cfg(test)]
mod tests;
