//! Serving the output folder over HTTP, with live reload by server-sent events.
//!
//! Only files inside the output folder are served: `..`, encoded `%2e%2e`, backslashes and
//! symbolic links leading out are refused. Folders serve their `index.html`, never a listing;
//! a missing path gets the site's 404 page. HTML responses get the reload script injected; the
//! files on disk never contain it.

use std::fs;
use std::io::Write;
use std::net::SocketAddr;
use std::path::{Component, Path, PathBuf};
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use anyhow::{anyhow, Context as _, Result};
use socket2::{Domain, Protocol, Socket, Type};
use tiny_http::{Header, Request, Response, StatusCode};

const RELOAD_JS: &str = include_str!("reload.js");
const EVENTS: &str = "__regionreport/events";

/// What the browser tabs are told.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// A rebuild finished: reload.
    Reload,
    /// The last change could not be built: show this text.
    Problem(String),
}

/// Connects the rebuild loop to the open tabs.
#[derive(Default)]
pub struct Hub {
    state: Mutex<(Option<String>, Vec<Sender<Event>>)>,
}

impl Hub {
    /// Tells every open tab; remembers a problem for tabs that connect later.
    pub fn broadcast(&self, event: Event) {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        state.0 = match &event {
            Event::Problem(text) => Some(text.clone()),
            Event::Reload => None,
        };
        state.1.retain(|client| client.send(event.clone()).is_ok());
    }

    fn subscribe(&self) -> (Receiver<Event>, Option<String>) {
        let (sender, receiver) = channel();
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        state.1.push(sender);
        (receiver, state.0.clone())
    }
}

/// Where the site is and under which path it is served.
#[derive(Clone)]
pub struct Site {
    pub output: PathBuf,
    /// The path of `base_url`, e.g. `/` or `/repo/`.
    pub base_path: String,
    pub hub: Arc<Hub>,
}

/// Listens on `address`. Connections do without Nagle's algorithm: the server writes headers
/// and body separately, and with it each response after the first small one waited for the
/// browser's delayed acknowledgement, about 40 ms per file, which made a reload take five
/// times as long as the rebuild. Linux passes the setting on to accepted connections.
pub fn listen(address: SocketAddr) -> Result<tiny_http::Server> {
    let socket = Socket::new(Domain::for_address(address), Type::STREAM, Some(Protocol::TCP))?;
    socket.set_tcp_nodelay(true)?;
    socket.set_reuse_address(true)?;
    socket.bind(&address.into()).with_context(|| format!("cannot listen on {address}"))?;
    socket.listen(128)?;
    let listener: std::net::TcpListener = socket.into();
    tiny_http::Server::from_listener(listener, None).map_err(|e| anyhow!("cannot listen on {address}: {e}"))
}

/// Answers requests until the server is dropped; each request on a thread of its own.
pub fn run(server: &tiny_http::Server, site: &Site) {
    for request in server.incoming_requests() {
        let site = site.clone();
        std::thread::spawn(move || handle(request, &site));
    }
}

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes())
        .unwrap_or_else(|_| Header::from_bytes("X-Invalid", "1").unwrap_or_else(|_| unreachable!()))
}

fn handle(request: Request, site: &Site) {
    let path = request.url().split(['?', '#']).next().unwrap_or("/").to_string();
    if path == format!("{}{EVENTS}", site.base_path) {
        return events(request, &site.hub);
    }
    if path == "/" && site.base_path != "/" {
        let response = Response::empty(StatusCode(302)).with_header(header("Location", &site.base_path));
        let _ = request.respond(response);
        return;
    }
    let response = match resolve(&site.output, &site.base_path, &path) {
        Resolved::File(file) => file_response(&file, 200, site),
        Resolved::Folder => {
            let response = Response::empty(StatusCode(301)).with_header(header("Location", &format!("{path}/")));
            let _ = request.respond(response);
            return;
        }
        Resolved::Missing => file_response(&site.output.join("404.html"), 404, site),
    };
    let _ = request.respond(response);
}

/// What a request path leads to.
#[derive(Debug, PartialEq, Eq)]
pub enum Resolved {
    File(PathBuf),
    /// A folder asked for without its trailing slash: redirect, so relative links resolve.
    Folder,
    Missing,
}

/// Maps a URL path to a file inside `output`, refusing anything that would leave it.
pub fn resolve(output: &Path, base_path: &str, url_path: &str) -> Resolved {
    let Some(rest) = url_path.strip_prefix(base_path).or_else(|| (url_path.to_string() + "/" == base_path).then_some("")) else {
        return Resolved::Missing;
    };
    let Ok(decoded) = percent_encoding::percent_decode_str(rest).decode_utf8() else { return Resolved::Missing };
    if decoded.contains(['\\', '\0']) {
        return Resolved::Missing;
    }
    let relative = Path::new(decoded.as_ref());
    if !relative.components().all(|c| matches!(c, Component::Normal(_))) {
        return Resolved::Missing;
    }
    let mut file = output.join(relative);
    if file.is_dir() {
        if !decoded.is_empty() && !decoded.ends_with('/') {
            return Resolved::Folder;
        }
        file.push("index.html");
    }
    // Symbolic links may not lead out of the output folder.
    match (fs::canonicalize(&file), fs::canonicalize(output)) {
        (Ok(real), Ok(root)) if real.starts_with(&root) && real.is_file() => Resolved::File(real),
        _ => Resolved::Missing,
    }
}

/// The media type of a file, by extension.
pub fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "svg" => "image/svg+xml",
        "xml" if path.file_name().is_some_and(|n| n == "feed.xml") => "application/atom+xml",
        "xml" => "application/xml",
        "csv" => "text/csv; charset=utf-8",
        "json" => "application/json",
        "txt" => "text/plain; charset=utf-8",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "webp" => "image/webp",
        _ => "application/octet-stream",
    }
}

fn file_response(file: &Path, status: u16, site: &Site) -> Response<std::io::Cursor<Vec<u8>>> {
    let mut bytes = fs::read(file).unwrap_or_else(|_| b"<!DOCTYPE html><title>404</title><h1>404</h1>".to_vec());
    let kind = if fs::metadata(file).is_ok() { content_type(file) } else { "text/html; charset=utf-8" };
    if kind.starts_with("text/html") {
        bytes = inject_reload(&bytes, &site.base_path);
    }
    Response::from_data(bytes)
        .with_status_code(StatusCode(status))
        .with_header(header("Content-Type", kind))
        .with_header(header("Cache-Control", "no-store"))
}

/// Adds the reload script before `</body>` (or at the end).
pub fn inject_reload(html: &[u8], base_path: &str) -> Vec<u8> {
    let script = format!("<script data-base=\"{base_path}\">{RELOAD_JS}</script>\n");
    let text = String::from_utf8_lossy(html);
    match text.rfind("</body>") {
        Some(i) => format!("{}{script}{}", &text[..i], &text[i..]).into_bytes(),
        None => format!("{text}{script}").into_bytes(),
    }
}

/// The server-sent event stream of one tab.
fn events(request: Request, hub: &Hub) {
    let (receiver, problem) = hub.subscribe();
    let mut writer = request.into_writer();
    let head =
        "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: keep-alive\r\n\r\nretry: 500\n\n";
    if writer.write_all(head.as_bytes()).and_then(|_| writer.flush()).is_err() {
        return;
    }
    let mut send = |event: Option<Event>| -> bool {
        let text = match event {
            Some(Event::Reload) => "event: reload\ndata: {}\n\n".to_string(),
            Some(Event::Problem(text)) => format!("event: problem\ndata: {}\n\n", serde_json::to_string(&text).unwrap_or_default()),
            None => ": still here\n\n".to_string(),
        };
        writer.write_all(text.as_bytes()).and_then(|_| writer.flush()).is_ok()
    };
    if let Some(text) = problem {
        if !send(Some(Event::Problem(text))) {
            return;
        }
    } else if !send(None) {
        return;
    }
    loop {
        let event = match receiver.recv_timeout(Duration::from_secs(15)) {
            Ok(event) => Some(event),
            Err(RecvTimeoutError::Timeout) => None,
            Err(RecvTimeoutError::Disconnected) => return,
        };
        if !send(event) {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn output() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir_all(dir.path().join("out/regions/hunan")).unwrap();
        fs::write(dir.path().join("out/index.html"), "<body>home</body>").unwrap();
        fs::write(dir.path().join("out/regions/hunan/index.html"), "<body>hunan</body>").unwrap();
        fs::write(dir.path().join("secret.txt"), "secret").unwrap();
        std::os::unix::fs::symlink(dir.path().join("secret.txt"), dir.path().join("out/link.txt")).unwrap();
        dir
    }

    #[test]
    fn paths_map_to_files_inside_the_output_only() {
        let dir = output();
        let out = dir.path().join("out");
        let real = fs::canonicalize(&out).unwrap();
        assert_eq!(resolve(&out, "/", "/"), Resolved::File(real.join("index.html")));
        assert_eq!(resolve(&out, "/", "/regions/hunan/"), Resolved::File(real.join("regions/hunan/index.html")));
        assert_eq!(resolve(&out, "/", "/regions/hunan"), Resolved::Folder);
        for hostile in [
            "/../secret.txt",
            "/%2e%2e/secret.txt",
            "/%2E%2E%2Fsecret.txt",
            "/regions/..%5c..%5csecret.txt",
            "//etc/passwd",
            "/link.txt",
            "/%00",
            "/regions",
        ] {
            assert!(!matches!(resolve(&out, "/", hostile), Resolved::File(_)), "{hostile} was served");
        }
    }

    #[test]
    fn a_base_path_is_honoured() {
        let dir = output();
        let out = dir.path().join("out");
        let real = fs::canonicalize(&out).unwrap();
        assert_eq!(resolve(&out, "/repo/", "/repo/"), Resolved::File(real.join("index.html")));
        assert_eq!(resolve(&out, "/repo/", "/repo"), Resolved::File(real.join("index.html")));
        assert_eq!(resolve(&out, "/repo/", "/index.html"), Resolved::Missing);
    }

    #[test]
    fn content_types_follow_extensions() {
        assert_eq!(content_type(Path::new("a/index.html")), "text/html; charset=utf-8");
        assert_eq!(content_type(Path::new("charts/a.svg")), "image/svg+xml");
        assert_eq!(content_type(Path::new("feed.xml")), "application/atom+xml");
        assert_eq!(content_type(Path::new("sitemap.xml")), "application/xml");
        assert_eq!(content_type(Path::new("data/a.csv")), "text/csv; charset=utf-8");
        assert_eq!(content_type(Path::new("data/a.json")), "application/json");
        assert_eq!(content_type(Path::new("style.css")), "text/css; charset=utf-8");
    }

    #[test]
    fn the_reload_script_goes_before_the_end_of_body() {
        let html = inject_reload(b"<html><body><p>x</p></body></html>", "/repo/");
        let text = String::from_utf8(html).unwrap();
        assert!(text.contains("<script data-base=\"/repo/\">"));
        assert!(text.ends_with("</script>\n</body></html>"));
    }

    #[test]
    fn the_hub_remembers_a_problem_until_a_reload() {
        let hub = Hub::default();
        hub.broadcast(Event::Problem("bad".into()));
        let (receiver, problem) = hub.subscribe();
        assert_eq!(problem.as_deref(), Some("bad"));
        hub.broadcast(Event::Reload);
        assert_eq!(receiver.recv().unwrap(), Event::Reload);
        assert_eq!(hub.subscribe().1, None);
    }
}
