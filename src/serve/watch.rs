//! Watching the site's sources with notify-debouncer-full: an editor's save is often several
//! events (write to a temporary, rename over the file), which it merges into one batch after
//! a short quiet time. Reads are ignored (the build itself reads every file), and folders
//! created later are watched too because the watch is recursive on `content/` and `templates/`.

use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{Context as _, Result};
use notify::{EventKind, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{new_debouncer, DebounceEventResult, Debouncer, RecommendedCache};

use crate::incremental::plan::{Change, ChangeKind};

/// How long after the last event of a burst the batch is handed on.
const QUIET: Duration = Duration::from_millis(15);

/// Watching stops when this is dropped.
pub type Watch = Debouncer<RecommendedWatcher, RecommendedCache>;

/// Watches `root/content` and `root/templates`; calls `on_change` with each debounced batch,
/// on the debouncer's thread.
pub fn start(root: &Path, mut on_change: impl FnMut(Vec<Change>) + Send + 'static) -> Result<Watch> {
    let root = std::fs::canonicalize(root).with_context(|| format!("cannot watch {}", root.display()))?;
    let events_root = root.clone();
    let mut debouncer = new_debouncer(QUIET, None, move |result: DebounceEventResult| {
        let Ok(events) = result else { return };
        let mut paths: Vec<PathBuf> =
            events.iter().filter(|e| !matches!(e.kind, EventKind::Access(_))).flat_map(|e| e.paths.iter().cloned()).collect();
        paths.sort();
        paths.dedup();
        let changes: Vec<Change> = paths.iter().filter_map(|p| change(&events_root, p)).collect();
        if !changes.is_empty() {
            on_change(changes);
        }
    })
    .context("cannot start watching files")?;
    for folder in ["content", "templates"] {
        let path = root.join(folder);
        if path.is_dir() {
            debouncer.watch(&path, RecursiveMode::Recursive).with_context(|| format!("cannot watch {}", path.display()))?;
        }
    }
    Ok(debouncer)
}

/// A change relative to the root; whether the file is still there decides its kind.
fn change(root: &Path, path: &Path) -> Option<Change> {
    let relative: PathBuf = path.strip_prefix(root).ok()?.to_path_buf();
    let kind = if path.exists() { ChangeKind::Written } else { ChangeKind::Removed };
    Some(Change { path: relative, kind })
}
