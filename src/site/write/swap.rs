//! Putting the new site in place of the old in one step. On Linux `renameat2` with
//! `RENAME_EXCHANGE` swaps the two folders atomically: at every instant the output path holds
//! either the old site or the new one. Elsewhere (and on file systems without the flag) the
//! swap is two renames, and a build killed between them leaves the output path empty for that
//! moment, with the old site in the spare folder and the new one in the staging folder; the
//! next build finds both and carries on.

use std::fs;
use std::path::Path;

use anyhow::{anyhow, Context as _, Result};

/// Swaps the folders at `staging` and `output` (both must exist): afterwards `output` holds
/// the new site and `staging` the old one.
pub fn exchange(staging: &Path, output: &Path) -> Result<()> {
    super::fault::reached(super::fault::Step::Swap);
    match exchange_atomically(staging, output) {
        Some(result) => result.with_context(|| format!("cannot move the new site into {}", output.display())),
        None => exchange_by_renames(staging, output),
    }
}

/// `None` where the system cannot exchange atomically.
#[cfg(target_os = "linux")]
fn exchange_atomically(staging: &Path, output: &Path) -> Option<std::io::Result<()>> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt as _;
    let (Ok(from), Ok(to)) = (CString::new(staging.as_os_str().as_bytes()), CString::new(output.as_os_str().as_bytes())) else {
        return Some(Err(std::io::Error::other("path holds a NUL byte")));
    };
    // SAFETY: both are valid NUL-terminated paths; AT_FDCWD resolves them like `rename`.
    let status = unsafe { libc::renameat2(libc::AT_FDCWD, from.as_ptr(), libc::AT_FDCWD, to.as_ptr(), libc::RENAME_EXCHANGE) };
    if status == 0 {
        return Some(Ok(()));
    }
    let error = std::io::Error::last_os_error();
    match error.raw_os_error() {
        Some(libc::EINVAL | libc::ENOSYS | libc::ENOTSUP) => None,
        _ => Some(Err(error)),
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange_atomically(_staging: &Path, _output: &Path) -> Option<std::io::Result<()>> {
    None
}

/// The portable swap: output → a side name, staging → output, side name → staging.
fn exchange_by_renames(staging: &Path, output: &Path) -> Result<()> {
    let aside = super::sibling(output, "spare")?;
    super::remove_own(&aside)?;
    fs::rename(output, &aside).with_context(|| format!("cannot move {} aside", output.display()))?;
    if let Err(e) = fs::rename(staging, output) {
        let _ = fs::rename(&aside, output);
        return Err(anyhow!(e).context(format!("cannot move the new site into {}", output.display())));
    }
    fs::rename(&aside, staging).with_context(|| format!("cannot move {} back", aside.display()))
}
