//! The server's open connections, with two ceilings that a crowd of clients cannot use up.
//!
//! A connection is waiting (for a request's header, or for the next request on a kept-alive
//! connection), answering a request, or streaming live-reload events. Streams have a small
//! pool of their own ([`MAX_STREAMS`]): when it is full the oldest stream is closed (its tab
//! reconnects, and is then the newest). Every other connection counts against
//! [`MAX_CONNECTIONS`]: when a new one would pass it, the connection that has waited longest
//! is closed. A stalled or idle client therefore never keeps a page request from being read,
//! and open streams never take a page's place.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use tokio::sync::Notify;

/// Connections other than live-reload streams held at once.
pub const MAX_CONNECTIONS: usize = 512;

/// Live-reload streams held at once: far more tabs than one person keeps open.
pub const MAX_STREAMS: usize = 64;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Waiting,
    Answering,
    Streaming,
}

struct Entry {
    state: State,
    close: Arc<Notify>,
}

/// Every open connection by the order it was accepted in (the key), so the oldest comes first.
#[derive(Default)]
pub struct Connections {
    table: Mutex<Table>,
}

#[derive(Default)]
struct Table {
    next: u64,
    open: BTreeMap<u64, Entry>,
}

impl Table {
    fn count(&self, state: impl Fn(State) -> bool) -> usize {
        self.open.values().filter(|entry| state(entry.state)).count()
    }

    /// Tells the oldest connection in `state` to close, and forgets it; false if there is none.
    fn close_oldest(&mut self, state: State) -> bool {
        let Some((&id, _)) = self.open.iter().find(|(_, entry)| entry.state == state) else { return false };
        if let Some(entry) = self.open.remove(&id) {
            entry.close.notify_one();
        }
        true
    }
}

impl Connections {
    fn table(&self) -> std::sync::MutexGuard<'_, Table> {
        self.table.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Registers a newly accepted connection, closing the longest-waiting one if the server is
    /// full. `None` when every other connection is in the middle of an answer: the new one is
    /// then dropped unread (that lasts milliseconds, where a stalled client lasts seconds).
    pub fn open(self: &Arc<Self>) -> Option<Connection> {
        let mut table = self.table();
        if table.count(|s| s != State::Streaming) >= MAX_CONNECTIONS && !table.close_oldest(State::Waiting) {
            return None;
        }
        let id = table.next;
        table.next += 1;
        let close = Arc::new(Notify::new());
        table.open.insert(id, Entry { state: State::Waiting, close: Arc::clone(&close) });
        Some(Connection { id, close, connections: Arc::clone(self) })
    }

    fn set(&self, id: u64, from: &[State], to: State) {
        if let Some(entry) = self.table().open.get_mut(&id) {
            if from.contains(&entry.state) {
                entry.state = to;
            }
        }
    }
}

/// One accepted connection; dropping it (when the connection ends) forgets it.
pub struct Connection {
    id: u64,
    close: Arc<Notify>,
    connections: Arc<Connections>,
}

impl Connection {
    /// Resolves when the server needs this connection's place.
    pub async fn closed(&self) {
        self.close.notified().await
    }

    pub fn answering(&self) {
        self.connections.set(self.id, &[State::Waiting], State::Answering);
    }

    /// The answer is on its way; a stream stays a stream until the connection ends.
    pub fn waiting(&self) {
        self.connections.set(self.id, &[State::Answering], State::Waiting);
    }

    /// This connection now carries a live-reload stream: it leaves the connections' count and
    /// joins the streams' pool, closing the oldest stream if the pool is full.
    pub fn streaming(&self) {
        let mut table = self.connections.table();
        if let Some(entry) = table.open.get_mut(&self.id) {
            entry.state = State::Streaming;
        }
        if table.count(|s| s == State::Streaming) > MAX_STREAMS {
            table.close_oldest(State::Streaming);
        }
    }
}

impl Drop for Connection {
    fn drop(&mut self) {
        self.connections.table().open.remove(&self.id);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn told_to_close(connection: &Connection) -> bool {
        let closed = connection.closed();
        futures_util::pin_mut!(closed);
        let waker = futures_util::task::noop_waker();
        closed.as_mut().poll(&mut std::task::Context::from_waker(&waker)).is_ready()
    }

    use std::future::Future as _;

    #[test]
    fn a_full_server_closes_the_connection_that_waited_longest() {
        let connections = Arc::new(Connections::default());
        let held: Vec<Connection> = (0..MAX_CONNECTIONS).map(|_| connections.open().unwrap()).collect();
        held[0].answering();
        let newcomer = connections.open().expect("room is made");
        assert!(!told_to_close(&held[0]), "a connection in the middle of an answer is kept");
        assert!(told_to_close(&held[1]), "the oldest waiting connection is closed");
        assert!(held[2..].iter().all(|c| !told_to_close(c)));
        assert!(!told_to_close(&newcomer));
    }

    #[test]
    fn streams_do_not_count_against_connections_and_the_oldest_stream_gives_way() {
        let connections = Arc::new(Connections::default());
        let streams: Vec<Connection> = (0..MAX_STREAMS + 1)
            .map(|_| {
                let c = connections.open().unwrap();
                c.answering();
                c.streaming();
                c.waiting();
                c
            })
            .collect();
        assert!(told_to_close(&streams[0]), "the oldest stream is closed when the pool is full");
        assert!(streams[1..].iter().all(|c| !told_to_close(c)), "a stream stays a stream after its answer began");
        let pages: Vec<Connection> = (0..MAX_CONNECTIONS).map(|_| connections.open().unwrap()).collect();
        assert!(pages.iter().all(|c| !told_to_close(c)), "streams took no connection's place");
    }

    #[test]
    fn a_server_full_of_answers_refuses_the_newcomer() {
        let connections = Arc::new(Connections::default());
        let held: Vec<Connection> = (0..MAX_CONNECTIONS).map(|_| connections.open().unwrap()).collect();
        held.iter().for_each(Connection::answering);
        assert!(connections.open().is_none());
        drop(held);
        assert!(connections.open().is_some(), "a closed connection gives its place back");
    }
}
