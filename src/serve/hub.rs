//! Connects the rebuild loop (a thread of its own) to the open browser tabs.

use std::sync::Mutex;

use tokio::sync::broadcast;

/// What the browser tabs are told.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// A rebuild finished: reload.
    Reload,
    /// The last change could not be built: show this text.
    Problem(String),
}

/// Tells every open tab what happened, and remembers a problem for tabs that connect later.
pub struct Hub {
    sender: broadcast::Sender<Event>,
    problem: Mutex<Option<String>>,
}

impl Default for Hub {
    fn default() -> Hub {
        // A tab that falls this far behind reloads anyway on the next event.
        Hub { sender: broadcast::channel(16).0, problem: Mutex::new(None) }
    }
}

impl Hub {
    pub fn broadcast(&self, event: Event) {
        *self.problem.lock().unwrap_or_else(|e| e.into_inner()) = match &event {
            Event::Problem(text) => Some(text.clone()),
            Event::Reload => None,
        };
        let _ = self.sender.send(event); // no tab open is not an error
    }

    /// A tab's stream of events, and the problem to show it first, if any.
    pub fn subscribe(&self) -> (broadcast::Receiver<Event>, Option<String>) {
        let problem = self.problem.lock().unwrap_or_else(|e| e.into_inner());
        (self.sender.subscribe(), problem.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hub_remembers_a_problem_until_a_reload() {
        let hub = Hub::default();
        hub.broadcast(Event::Problem("bad".into()));
        let (mut receiver, problem) = hub.subscribe();
        assert_eq!(problem.as_deref(), Some("bad"));
        hub.broadcast(Event::Reload);
        assert_eq!(receiver.try_recv().unwrap(), Event::Reload);
        assert_eq!(hub.subscribe().1, None);
    }
}
