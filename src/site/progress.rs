//! How far a build is, for a progress line: the files it will write (known once every output
//! path is claimed) and those handed to the writer so far. The build only counts; the binary
//! decides whether and how to show it.

use std::sync::atomic::{AtomicUsize, Ordering};

#[derive(Debug, Default)]
pub struct Progress {
    planned: AtomicUsize,
    written: AtomicUsize,
}

impl Progress {
    /// The build will write `files` files.
    pub fn plan(&self, files: usize) {
        self.planned.store(files, Ordering::Relaxed);
    }

    pub fn wrote_one(&self) {
        self.written.fetch_add(1, Ordering::Relaxed);
    }

    /// Files written and files planned (0 while the site is still being read and checked).
    pub fn get(&self) -> (usize, usize) {
        (self.written.load(Ordering::Relaxed), self.planned.load(Ordering::Relaxed))
    }
}
