//! How many large article bodies are worked on at once. While a body renders it costs memory
//! in proportion to its size (a multiple that `content::markdown::limits` keeps small); on a
//! machine with many cores, many large bodies at once would add up to many times that. Bodies
//! under [`SMALL`] go ahead freely; larger ones share [`BUDGET`] bytes of input, so a build's
//! peak grows with the largest file, not with the number of cores.

use std::sync::{Condvar, Mutex};

/// A body this small costs little however many render at once.
pub const SMALL: usize = 256 * 1024;

/// Bytes of large bodies in flight at once: one file at the size limit, or several smaller.
pub const BUDGET: usize = crate::content::MAX_ARTICLE_BYTES as usize;

#[derive(Default)]
pub struct InFlight {
    bytes: Mutex<usize>,
    freed: Condvar,
}

/// A large body's share of the budget, given back when dropped.
pub struct Permit<'a> {
    in_flight: &'a InFlight,
    bytes: usize,
}

impl InFlight {
    /// Waits until a body of `size` bytes fits in the budget; a small body never waits.
    /// A holder never asks for a second permit, so the waiting always ends.
    pub fn admit(&self, size: usize) -> Option<Permit<'_>> {
        if size < SMALL {
            return None;
        }
        let bytes = size.min(BUDGET);
        let mut used = self.bytes.lock().unwrap_or_else(|e| e.into_inner());
        while *used + bytes > BUDGET {
            used = self.freed.wait(used).unwrap_or_else(|e| e.into_inner());
        }
        *used += bytes;
        Some(Permit { in_flight: self, bytes })
    }
}

impl Drop for Permit<'_> {
    fn drop(&mut self) {
        *self.in_flight.bytes.lock().unwrap_or_else(|e| e.into_inner()) -= self.bytes;
        self.in_flight.freed.notify_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[test]
    fn large_bodies_wait_for_room_and_small_ones_never_do() {
        let in_flight = InFlight::default();
        let (now, most) = (AtomicUsize::new(0), AtomicUsize::new(0));
        std::thread::scope(|scope| {
            for _ in 0..8 {
                scope.spawn(|| {
                    let _permit = in_flight.admit(BUDGET / 2 + 1);
                    let at_once = now.fetch_add(1, Ordering::SeqCst) + 1;
                    most.fetch_max(at_once, Ordering::SeqCst);
                    std::thread::sleep(std::time::Duration::from_millis(5));
                    now.fetch_sub(1, Ordering::SeqCst);
                });
            }
        });
        assert_eq!(most.load(Ordering::SeqCst), 1, "two bodies over half the budget never render together");
        let held = in_flight.admit(BUDGET).expect("a large body takes a permit");
        assert!(in_flight.admit(SMALL - 1).is_none(), "a small body goes ahead while the budget is taken");
        drop(held);
        assert!(in_flight.admit(BUDGET * 4).is_some(), "a body over the budget takes all of it, and no more");
    }
}
