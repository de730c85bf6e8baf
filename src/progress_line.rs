//! The progress line of a long build on a terminal. Nothing for the first two seconds (most
//! builds are over by then) and nothing at all when standard error is not a terminal, so logs
//! and CI output stay clean.

use std::io::IsTerminal as _;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::Duration;

use indicatif::{ProgressBar, ProgressStyle};
use regionreport::site::progress::Progress;

/// How long a build runs before its progress is shown.
const DELAY: Duration = Duration::from_secs(2);
const TICK: Duration = Duration::from_millis(100);

/// Runs `work`, showing `progress` on standard error while it lasts past [`DELAY`].
pub fn while_running<T>(progress: &Progress, work: impl FnOnce() -> T) -> T {
    if !std::io::stderr().is_terminal() {
        return work();
    }
    let (finished, done) = mpsc::channel::<()>();
    std::thread::scope(|scope| {
        scope.spawn(move || draw(progress, done));
        let result = work();
        drop(finished);
        result
    })
}

fn draw(progress: &Progress, done: Receiver<()>) {
    if done.recv_timeout(DELAY) != Err(RecvTimeoutError::Timeout) {
        return;
    }
    let style =
        |template: &str| ProgressStyle::with_template(template).unwrap_or_else(|_| ProgressStyle::default_bar()).progress_chars("=> ");
    let bar = ProgressBar::new(0).with_elapsed(DELAY).with_style(style("{spinner} reading and checking the site, {elapsed}"));
    let mut counting = false;
    loop {
        let (written, planned) = progress.get();
        if planned > 0 {
            if !counting {
                bar.set_style(style("{spinner} writing [{bar:30}] {pos}/{len} files, {elapsed}"));
                bar.set_length(planned as u64);
                counting = true;
            }
            bar.set_position(written.min(planned) as u64);
        }
        bar.tick();
        if done.recv_timeout(TICK) != Err(RecvTimeoutError::Timeout) {
            break;
        }
    }
    bar.finish_and_clear();
}
