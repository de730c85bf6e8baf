//! Watching the site's sources. Events are debounced (an editor's save is often several
//! events: write to a temporary, rename over the file), reads are ignored (the build itself
//! reads every file), and folders created later are watched too because the watch is
//! recursive on `content/` and `templates/`.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{channel, RecvTimeoutError};
use std::time::Duration;

use anyhow::{Context as _, Result};
use notify::{Event, EventKind, RecommendedWatcher, RecursiveMode, Watcher};

use crate::site::plan::{Change, ChangeKind};

/// How long after the last event of a burst the batch is handed on.
const QUIET: Duration = Duration::from_millis(15);

/// Watches `root/content` and `root/templates`; calls `on_change` with each debounced batch,
/// on a thread of its own. Watching stops when the returned watcher is dropped.
pub fn start(root: &Path, mut on_change: impl FnMut(Vec<Change>) + Send + 'static) -> Result<RecommendedWatcher> {
    let root = std::fs::canonicalize(root).with_context(|| format!("cannot watch {}", root.display()))?;
    let (sender, receiver) = channel::<PathBuf>();
    let mut watcher = notify::recommended_watcher(move |result: notify::Result<Event>| {
        if let Ok(event) = result {
            if !matches!(event.kind, EventKind::Access(_)) {
                for path in event.paths {
                    let _ = sender.send(path);
                }
            }
        }
    })
    .context("cannot start watching files")?;
    for folder in ["content", "templates"] {
        let path = root.join(folder);
        if path.is_dir() {
            watcher.watch(&path, RecursiveMode::Recursive).with_context(|| format!("cannot watch {}", path.display()))?;
        }
    }
    std::thread::spawn(move || {
        while let Ok(first) = receiver.recv() {
            let mut paths = vec![first];
            loop {
                match receiver.recv_timeout(QUIET) {
                    Ok(path) => paths.push(path),
                    Err(RecvTimeoutError::Timeout) => break,
                    Err(RecvTimeoutError::Disconnected) => return,
                }
            }
            paths.sort();
            paths.dedup();
            let changes: Vec<Change> = paths.iter().filter_map(|p| change(&root, p)).collect();
            if !changes.is_empty() {
                on_change(changes);
            }
        }
    });
    Ok(watcher)
}

/// A change relative to the root; whether the file is still there decides its kind.
fn change(root: &Path, path: &Path) -> Option<Change> {
    let relative: PathBuf = path.strip_prefix(root).ok()?.to_path_buf();
    let kind = if path.exists() { ChangeKind::Written } else { ChangeKind::Removed };
    Some(Change { path: relative, kind })
}
