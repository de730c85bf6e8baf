//! A bounded HTTP/1.1 load on loopback: many keep-alive clients asking for pages while slow
//! clients dribble a header byte at a time. Shared by the serve load test and the
//! `serve_load` benchmark. It sends only to the address it is given, stops by itself, and
//! every connection is closed when it returns.

use std::io::{BufRead as _, BufReader, Read as _, Write as _};
use std::net::{SocketAddr, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// What the load asks for.
pub struct Load {
    pub address: SocketAddr,
    /// The `Host` header sent.
    pub host: String,
    pub path: String,
    /// Keep-alive clients, each sending `requests` requests one after another.
    pub clients: usize,
    pub requests: usize,
    /// Clients that send one header byte every `slow_interval` and never finish.
    pub slow: usize,
    pub slow_interval: Duration,
    /// The slow clients keep going at least this long (to see the server drop them).
    pub slow_for: Duration,
    /// How long a client waits for an answer before counting it as failed.
    pub timeout: Duration,
}

/// What came of it: the time each answered request took, and what went wrong.
#[derive(Default)]
pub struct Outcome {
    pub latencies: Vec<Duration>,
    pub failures: Vec<String>,
    /// From the first ordinary request to the last answer.
    pub elapsed: Duration,
    /// How many slow clients the server had disconnected by the end.
    pub slow_dropped: usize,
}

impl Outcome {
    /// The `p`th percentile of the answered requests' times (0 ≤ p ≤ 100).
    pub fn percentile(&self, p: f64) -> Duration {
        let mut sorted = self.latencies.clone();
        sorted.sort();
        sorted.get(((sorted.len().max(1) - 1) as f64 * p / 100.0).round() as usize).copied().unwrap_or_default()
    }
}

pub fn run(load: &Load) -> Outcome {
    let outcome = Arc::new(Mutex::new(Outcome::default()));
    let done = Arc::new(AtomicBool::new(false));
    let slow_started = Instant::now();
    let slow: Vec<_> = (0..load.slow)
        .map(|_| {
            let (address, interval, done, outcome) = (load.address, load.slow_interval, Arc::clone(&done), Arc::clone(&outcome));
            std::thread::spawn(move || {
                if dribble(address, interval, &done) {
                    outcome.lock().unwrap().slow_dropped += 1;
                }
            })
        })
        .collect();
    std::thread::sleep(Duration::from_millis(300)); // the slow clients are connected first
    let started = Instant::now();
    let clients: Vec<_> = (0..load.clients)
        .map(|_| {
            let request = format!("GET {} HTTP/1.1\r\nHost: {}\r\nUser-Agent: serve-load\r\n\r\n", load.path, load.host);
            let (address, requests, timeout, outcome) = (load.address, load.requests, load.timeout, Arc::clone(&outcome));
            std::thread::spawn(move || {
                let (latencies, failure) = keep_alive_client(address, &request, requests, timeout);
                let mut outcome = outcome.lock().unwrap();
                outcome.latencies.extend(latencies);
                outcome.failures.extend(failure);
            })
        })
        .collect();
    for client in clients {
        let _ = client.join();
    }
    outcome.lock().unwrap().elapsed = started.elapsed();
    std::thread::sleep(load.slow_for.saturating_sub(slow_started.elapsed()));
    done.store(true, Ordering::Relaxed);
    for client in slow {
        let _ = client.join();
    }
    Arc::try_unwrap(outcome).ok().map(|m| m.into_inner().unwrap()).unwrap_or_default()
}

/// Sends `requests` requests on one connection; each answer's time, or the first failure.
fn keep_alive_client(address: SocketAddr, request: &str, requests: usize, timeout: Duration) -> (Vec<Duration>, Option<String>) {
    let mut latencies = Vec::with_capacity(requests);
    let started = Instant::now();
    let stream = match TcpStream::connect_timeout(&address, timeout) {
        Ok(stream) => stream,
        Err(e) => return (latencies, Some(format!("connect: {e}"))),
    };
    let _ = stream.set_read_timeout(Some(timeout));
    let _ = stream.set_nodelay(true);
    let mut reader = BufReader::new(match stream.try_clone() {
        Ok(s) => s,
        Err(e) => return (latencies, Some(format!("clone: {e}"))),
    });
    let mut writer = stream;
    for i in 0..requests {
        // The first request's time includes waiting to be accepted.
        let sent = if i == 0 { started } else { Instant::now() };
        let status = writer.write_all(request.as_bytes()).and_then(|()| read_response(&mut reader));
        match status {
            Ok(200) => latencies.push(sent.elapsed()),
            Ok(status) => return (latencies, Some(format!("status {status}"))),
            Err(e) => return (latencies, Some(format!("request {i}: {e}"))),
        }
    }
    (latencies, None)
}

/// Reads one response (status line, headers, a body of `Content-Length` bytes); its status.
fn read_response(reader: &mut BufReader<TcpStream>) -> std::io::Result<u16> {
    let mut line = String::new();
    reader.read_line(&mut line)?;
    let status =
        line.split(' ').nth(1).and_then(|s| s.parse().ok()).ok_or_else(|| std::io::Error::other(format!("bad status line {line:?}")))?;
    let mut length = 0usize;
    loop {
        line.clear();
        if reader.read_line(&mut line)? == 0 {
            return Err(std::io::Error::other("connection closed in the headers"));
        }
        if line == "\r\n" {
            break;
        }
        if let Some((name, value)) = line.split_once(':') {
            if name.eq_ignore_ascii_case("content-length") {
                length = value.trim().parse().unwrap_or(0);
            }
        }
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body)?;
    Ok(status)
}

/// Connects and sends a request header one byte per `interval` until `done`; whether the
/// server closed the connection first.
fn dribble(address: SocketAddr, interval: Duration, done: &AtomicBool) -> bool {
    let Ok(mut stream) = TcpStream::connect(address) else { return true };
    let header = b"GET / HTTP/1.1\r\nHost: localhost\r\nX-Slow: ".iter().chain(std::iter::repeat(&b'a'));
    for byte in header {
        if done.load(Ordering::Relaxed) {
            return false;
        }
        if stream.write_all(&[*byte]).is_err() {
            return true;
        }
        std::thread::sleep(interval);
    }
    false
}

/// A `regionreport serve` process on a free loopback port, stopped when dropped.
pub struct Server {
    child: std::process::Child,
    pub address: SocketAddr,
    /// The URL path the site is served under (`/` or `/repo/`).
    pub base_path: String,
}

impl Server {
    /// Starts `binary serve` on the site at `root` and waits until it serves.
    pub fn start(binary: &std::path::Path, root: &std::path::Path) -> Server {
        let port = std::net::TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).map(|a| a.port()).expect("a free port");
        let mut child = std::process::Command::new(binary)
            .args(["serve", "--port", &port.to_string(), "--root"])
            .arg(root)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("serve starts");
        let mut lines = BufReader::new(child.stdout.take().expect("piped")).lines();
        let serving = lines.by_ref().map_while(Result::ok).find(|l| l.starts_with("Serving")).expect("serve says where it serves");
        std::thread::spawn(move || lines.for_each(drop)); // keep its output flowing
        let url = serving.split(" at ").nth(1).and_then(|rest| rest.split_whitespace().next()).expect("a URL");
        let base_path = url.trim_start_matches("http://").split_once('/').map(|(_, p)| format!("/{p}")).unwrap_or("/".into());
        Server { child, address: SocketAddr::from(([127, 0, 0, 1], port)), base_path }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
