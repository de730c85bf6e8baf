//! Serving the output folder over HTTP (axum on hyper and tokio), with live reload by
//! server-sent events.
//!
//! What a page on another site, or a misbehaving client, cannot do:
//! - read it through DNS rebinding: the `Host` header must name this machine ([`Hosts`]);
//! - change anything: methods other than GET and HEAD get 405;
//! - hold it up: a client has [`HEADER_TIMEOUT`] to send each request's header (and to send
//!   the next one on a kept-alive connection); live-reload streams and other connections each
//!   have a ceiling, and a full server closes its oldest stream or longest-waiting connection
//!   to make room ([`connections`](super::connections)), so a page is always answered;
//! - leave the output folder: `..`, encoded `%2e%2e`, backslashes and links leading out are
//!   refused. Folders serve their `index.html`, never a listing; a missing path gets the
//!   site's 404 page.
//!
//! HTML responses get the reload script injected, with the base path escaped for the
//! attribute it sits in; the files on disk never contain it.

use std::convert::Infallible;
use std::fs;
use std::net::SocketAddr;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context as _, Result};
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::sse::{KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use futures_util::stream::{self, Stream};
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use socket2::{Domain, Protocol, Socket, Type};
use tokio::sync::broadcast;

use super::connections::{Connection, Connections};
pub use super::hosts::Hosts;
use super::hub::{Event, Hub};

const RELOAD_JS: &str = include_str!("reload.js");
const EVENTS: &str = "__regionreport/events";

/// Time a client has to send a request's header, and to start the next request on a
/// kept-alive connection.
pub const HEADER_TIMEOUT: Duration = Duration::from_secs(10);

/// Where the site is and under which path it is served.
#[derive(Clone)]
pub struct Site {
    pub output: PathBuf,
    /// The path of `base_url`, e.g. `/` or `/repo/`.
    pub base_path: String,
    pub hub: Arc<Hub>,
}

/// Listens on `address`. Accepted connections do without Nagle's algorithm: each file of a
/// reload would otherwise wait ~40 ms for the browser's delayed acknowledgement.
pub fn listen(address: SocketAddr) -> Result<std::net::TcpListener> {
    let socket = Socket::new(Domain::for_address(address), Type::STREAM, Some(Protocol::TCP))?;
    socket.set_tcp_nodelay(true)?;
    socket.set_reuse_address(true)?;
    socket.bind(&address.into()).with_context(|| format!("cannot listen on {address}"))?;
    socket.listen(1024)?;
    socket.set_nonblocking(true)?;
    Ok(socket.into())
}

/// The routes: the event stream, and files for everything else; every request first passes
/// the host and method checks.
pub fn app(site: Site, hosts: Hosts) -> Router {
    let events = format!("{}{EVENTS}", site.base_path);
    Router::new()
        .route(&events, get(events_stream))
        .fallback(serve_file)
        .layer(middleware::from_fn_with_state(Arc::new(hosts), guard))
        .with_state(site)
}

/// Answers connections on `listener` until the process ends.
pub async fn run(listener: std::net::TcpListener, app: Router) -> Result<()> {
    let listener = tokio::net::TcpListener::from_std(listener)?;
    let connections = Arc::new(Connections::default());
    loop {
        let stream = match listener.accept().await {
            Ok((stream, _)) => stream,
            Err(_) => {
                // Out of file descriptors, or a connection reset before it was accepted.
                tokio::time::sleep(Duration::from_millis(20)).await;
                continue;
            }
        };
        let Some(connection) = connections.open() else { continue };
        let _ = stream.set_nodelay(true);
        tokio::spawn(serve_connection(stream, Arc::new(connection), app.clone()));
    }
}

/// Answers one connection's requests until it ends or the server needs its place. Each
/// request carries its [`Connection`], so the event stream can say it is one.
async fn serve_connection(stream: tokio::net::TcpStream, connection: Arc<Connection>, app: Router) {
    let answer = {
        let connection = Arc::clone(&connection);
        let app = TowerToHyperService::new(app);
        hyper::service::service_fn(move |mut request: axum::http::Request<hyper::body::Incoming>| {
            let connection = Arc::clone(&connection);
            let response = {
                connection.answering();
                request.extensions_mut().insert(Arc::clone(&connection));
                hyper::service::Service::call(&app, request)
            };
            async move {
                let response = response.await;
                connection.waiting();
                response
            }
        })
    };
    let serving = hyper::server::conn::http1::Builder::new()
        .timer(TokioTimer::new())
        .header_read_timeout(HEADER_TIMEOUT)
        .serve_connection(TokioIo::new(stream), answer);
    tokio::select! {
        _ = serving => {}
        () = connection.closed() => {}
    }
}

/// Refuses requests for another host name and methods that would change something.
async fn guard(State(hosts): State<Arc<Hosts>>, request: Request, next: Next) -> Response {
    let host = request.headers().get(header::HOST).and_then(|h| h.to_str().ok());
    if !host.is_some_and(|h| hosts.allows(h)) {
        let message = format!("{}: not a host name of this server; add it with --allow-host\n", host.unwrap_or("(no Host header)"));
        return (StatusCode::FORBIDDEN, message).into_response();
    }
    if request.method() != Method::GET && request.method() != Method::HEAD {
        return (StatusCode::METHOD_NOT_ALLOWED, [(header::ALLOW, "GET, HEAD")], "only GET and HEAD\n").into_response();
    }
    next.run(request).await
}

async fn serve_file(State(site): State<Site>, request: Request) -> Response {
    let path = request.uri().path();
    if path == "/" && site.base_path != "/" {
        return redirect(StatusCode::FOUND, &site.base_path);
    }
    match resolve(&site.output, &site.base_path, path) {
        Resolved::File(file) => file_response(&file, StatusCode::OK, &site),
        Resolved::Folder => redirect(StatusCode::MOVED_PERMANENTLY, &format!("{path}/")),
        Resolved::Missing => file_response(&not_found_page(&site.output, &site.base_path, path), StatusCode::NOT_FOUND, &site),
    }
}

/// The 404 page for a missing `url_path`: the one of the edition whose folder it is in
/// (`zh-hant/404.html`), or the site's.
pub fn not_found_page(output: &Path, base_path: &str, url_path: &str) -> PathBuf {
    let folder = url_path.strip_prefix(base_path).and_then(|rest| rest.split_once('/')).map(|(folder, _)| folder);
    // An edition's folder is named by its language tag: letters, digits and hyphens.
    let edition = folder.filter(|f| !f.is_empty() && f.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'));
    edition.map(|f| output.join(f).join("404.html")).filter(|page| page.is_file()).unwrap_or_else(|| output.join("404.html"))
}

fn redirect(status: StatusCode, location: &str) -> Response {
    match HeaderValue::from_str(location) {
        Ok(location) => (status, [(header::LOCATION, location)]).into_response(),
        Err(_) => StatusCode::NOT_FOUND.into_response(),
    }
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

/// The media type of a file, by extension; text types say they are UTF-8.
pub fn content_type(path: &Path) -> String {
    if path.file_name().is_some_and(|n| n == "feed.xml") {
        return "application/atom+xml".into();
    }
    let mime = mime_guess::from_path(path).first_or_octet_stream();
    if mime.type_() == mime_guess::mime::TEXT {
        format!("{mime}; charset=utf-8")
    } else {
        mime.to_string()
    }
}

fn file_response(file: &Path, status: StatusCode, site: &Site) -> Response {
    let (mut bytes, kind) = match fs::read(file) {
        Ok(bytes) => (bytes, content_type(file)),
        Err(_) => (b"<!DOCTYPE html><title>404</title><h1>404</h1>".to_vec(), "text/html; charset=utf-8".into()),
    };
    if kind.starts_with("text/html") {
        bytes = inject_reload(&bytes, &site.base_path);
    }
    let headers = [(header::CONTENT_TYPE, kind), (header::CACHE_CONTROL, "no-store".into())];
    (status, headers, Body::from(bytes)).into_response()
}

/// Adds the reload script before `</body>` (or at the end). The base path comes from
/// site.yaml, so it is escaped for the attribute it goes into.
pub fn inject_reload(html: &[u8], base_path: &str) -> Vec<u8> {
    let script = format!("<script data-base=\"{}\">{RELOAD_JS}</script>\n", crate::render::escape_html(base_path));
    let text = String::from_utf8_lossy(html);
    match text.rfind("</body>") {
        Some(i) => format!("{}{script}{}", &text[..i], &text[i..]).into_bytes(),
        None => format!("{text}{script}").into_bytes(),
    }
}

/// The server-sent event stream of one tab: the remembered problem first, then each event.
async fn events_stream(
    State(site): State<Site>,
    request: Request,
) -> Sse<impl Stream<Item = Result<axum::response::sse::Event, Infallible>>> {
    use axum::response::sse::Event as Message;
    if let Some(connection) = request.extensions().get::<Arc<Connection>>() {
        connection.streaming();
    }
    let (receiver, problem) = site.hub.subscribe();
    let to_message = |event: Event| match event {
        Event::Reload => Message::default().event("reload").data("{}"),
        Event::Problem(text) => Message::default().event("problem").data(serde_json::to_string(&text).unwrap_or_default()),
    };
    let first = Message::default().retry(Duration::from_millis(500)).comment("connected");
    let first = stream::iter(std::iter::once(first).chain(problem.map(|text| to_message(Event::Problem(text)))));
    let later = stream::unfold(receiver, move |mut receiver| async move {
        loop {
            match receiver.recv().await {
                Ok(event) => return Some((to_message(event), receiver)),
                // Behind by several rebuilds: the next reload shows the latest anyway.
                Err(broadcast::error::RecvError::Lagged(_)) => continue,
                Err(broadcast::error::RecvError::Closed) => return None,
            }
        }
    });
    use futures_util::StreamExt as _;
    Sse::new(first.chain(later).map(Ok)).keep_alive(KeepAlive::new().interval(Duration::from_secs(15)))
}

#[cfg(test)]
mod tests;
