//! One build at a time per output folder. Two builds writing one folder would interleave their
//! staging trees; the second is told plainly instead.

use std::fs;
use std::path::Path;

use anyhow::{bail, Context as _, Result};

/// Held while a build or an update writes an output folder; released when dropped (or when the
/// process ends, however it ends).
pub struct OutputLock {
    _file: fs::File,
}

impl OutputLock {
    /// Takes the lock of `output`, a file `.<name>.regionreport-lock` beside it (inside it would
    /// be swapped away with the folder). Fails at once if another process holds it.
    pub fn take(output: &Path) -> Result<OutputLock> {
        let path = super::sibling(output, "lock")?;
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).with_context(|| format!("cannot create {}", parent.display()))?;
        }
        let file = fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .with_context(|| format!("cannot open the lock file {}", path.display()))?;
        match file.try_lock() {
            Ok(()) => Ok(OutputLock { _file: file }),
            Err(fs::TryLockError::WouldBlock) => bail!("another build is writing {}; try again when it has finished", output.display()),
            Err(fs::TryLockError::Error(e)) => Err(e).with_context(|| format!("cannot lock {}", path.display())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_writer_is_refused_until_the_first_is_done() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("output");
        let first = OutputLock::take(&out).unwrap();
        let second = OutputLock::take(&out).err().unwrap();
        assert_eq!(second.to_string(), format!("another build is writing {}; try again when it has finished", out.display()));
        drop(first);
        assert!(OutputLock::take(&out).is_ok());
    }
}
