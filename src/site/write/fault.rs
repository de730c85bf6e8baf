//! Stopping the process at a chosen step of the writer, so that tests can check what a build
//! killed there leaves behind, on any machine and at exactly that step. Only debug builds
//! (what `cargo test` runs) read the setting; a release build never stops here.
//!
//! `REGIONREPORT_STOP_AT=file:3` stops the process as the third output file has been written
//! (to the staging folder); `swap:1` as it is about to put the new site in place of the old.
//! The process ends as a `SIGKILL` would end it: at once, with no clean-up.

/// The writer's steps a process can be stopped at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// An output file has been written.
    File,
    /// The new site is about to replace the old one.
    Swap,
}

/// Counts `step` and stops the process if the setting names it and this is its count.
pub fn reached(step: Step) {
    #[cfg(debug_assertions)]
    checked::reached(step);
    #[cfg(not(debug_assertions))]
    let _ = step;
}

#[cfg(debug_assertions)]
mod checked {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::OnceLock;

    use super::Step;

    /// The step and count the environment names, read once.
    fn setting() -> Option<(Step, usize)> {
        static SETTING: OnceLock<Option<(Step, usize)>> = OnceLock::new();
        *SETTING.get_or_init(|| parse(&std::env::var("REGIONREPORT_STOP_AT").ok()?))
    }

    pub(super) fn parse(value: &str) -> Option<(Step, usize)> {
        let (name, count) = value.split_once(':')?;
        let step = match name {
            "file" => Step::File,
            "swap" => Step::Swap,
            _ => return None,
        };
        Some((step, count.parse().ok().filter(|&n| n > 0)?))
    }

    pub(super) fn reached(step: Step) {
        static COUNTS: [AtomicUsize; 2] = [AtomicUsize::new(0), AtomicUsize::new(0)];
        let Some((stop_at, count)) = setting() else { return };
        if stop_at == step && COUNTS[step as usize].fetch_add(1, Ordering::SeqCst) + 1 == count {
            std::process::abort();
        }
    }
}

#[cfg(all(test, debug_assertions))]
mod tests {
    use super::*;

    #[test]
    fn the_setting_names_a_step_and_its_count() {
        assert_eq!(checked::parse("file:3"), Some((Step::File, 3)));
        assert_eq!(checked::parse("swap:1"), Some((Step::Swap, 1)));
        for wrong in ["file", "file:0", "file:x", "write:3", ""] {
            assert_eq!(checked::parse(wrong), None, "{wrong}");
        }
    }
}
