//! `serve` as a browser on this machine, a hostile page elsewhere and a crowd of clients see it.

use std::io::{Read as _, Write as _};
use std::net::TcpStream;
use std::path::Path;
use std::time::Duration;

use super::diagnostics::fixture_site;

// The benchmark (examples/serve_load) also reports percentiles, which these tests do not use.
#[allow(dead_code)]
#[path = "../../examples/serve_load/client.rs"]
mod client;

fn server(root: &Path) -> client::Server {
    client::Server::start(Path::new(env!("CARGO_BIN_EXE_regionreport")), root)
}

/// The status line and headers of the answer to `request`, sent raw.
fn raw(server: &client::Server, request: &str) -> String {
    let mut stream = TcpStream::connect(server.address).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    stream.write_all(request.as_bytes()).unwrap();
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer);
    let text = String::from_utf8_lossy(&answer).into_owned();
    text.split("\r\n\r\n").next().unwrap_or("").to_string()
}

#[test]
fn only_this_machine_s_names_get_an_answer() {
    let site = fixture_site("");
    let server = server(site.path());
    let page = &server.base_path;
    let ask = |host: &str| raw(&server, &format!("GET {page} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"));
    for host in ["localhost", &format!("localhost:{}", server.address.port()), "127.0.0.1", "[::1]:80"] {
        assert!(ask(host).starts_with("HTTP/1.1 200"), "{host}: {}", ask(host));
    }
    for host in ["evil.example", "attacker.example:1111", "localhost.evil.example"] {
        assert!(ask(host).starts_with("HTTP/1.1 403"), "{host}: {}", ask(host));
    }
    let no_host = raw(&server, &format!("GET {page} HTTP/1.0\r\n\r\n"));
    assert!(!no_host.starts_with("HTTP/1.1 200") && !no_host.starts_with("HTTP/1.0 200"), "{no_host}");
}

#[test]
fn only_get_and_head_are_answered() {
    let site = fixture_site("");
    let server = server(site.path());
    let page = &server.base_path;
    for method in ["POST", "PUT", "DELETE", "PATCH", "OPTIONS"] {
        let answer =
            raw(&server, &format!("{method} {page} HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"));
        assert!(answer.starts_with("HTTP/1.1 405"), "{method}: {answer}");
        assert!(answer.to_ascii_lowercase().contains("allow: get, head"), "{method}: {answer}");
    }
    let head = raw(&server, &format!("HEAD {page} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"));
    assert!(head.starts_with("HTTP/1.1 200"), "{head}");
}

#[test]
fn a_crowd_and_slow_clients_are_all_answered() {
    let site = fixture_site("");
    let server = server(site.path());
    let load = client::Load {
        address: server.address,
        host: "localhost".into(),
        path: server.base_path.clone(),
        clients: 200,
        requests: 5,
        slow: 20,
        slow_interval: Duration::from_millis(500),
        slow_for: Duration::ZERO,
        timeout: Duration::from_secs(10),
    };
    let outcome = client::run(&load);
    assert_eq!(outcome.failures, Vec::<String>::new());
    assert_eq!(outcome.latencies.len(), 200 * 5, "every request answered");
}

/// Lets this process hold a few thousand sockets where the soft limit is lower.
fn raise_open_file_limit() {
    let mut limit = libc::rlimit { rlim_cur: 0, rlim_max: 0 };
    // SAFETY: getrlimit and setrlimit only read and write the struct given.
    unsafe {
        if libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit) == 0 && limit.rlim_cur < limit.rlim_max {
            limit.rlim_cur = limit.rlim_max;
            libc::setrlimit(libc::RLIMIT_NOFILE, &limit);
        }
    }
}

#[test]
fn a_page_is_answered_while_hundreds_of_streams_and_stalled_clients_are_held() {
    raise_open_file_limit();
    let site = fixture_site("");
    let server = server(site.path());
    let page = &server.base_path;
    let connect = |request: &str| {
        let mut stream = TcpStream::connect(server.address).unwrap();
        stream.write_all(request.as_bytes()).unwrap();
        stream
    };
    let events = format!("GET {page}__regionreport/events HTTP/1.1\r\nHost: localhost\r\n\r\n");
    let mut first_stream = connect(&events);
    first_stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    let mut opening = [0; 12];
    first_stream.read_exact(&mut opening).unwrap();
    assert_eq!(&opening, b"HTTP/1.1 200", "the event stream opens");
    let streams: Vec<TcpStream> = (0..600).map(|_| connect(&events)).collect();
    let stalled: Vec<TcpStream> = (0..600).map(|_| connect(&format!("GET {page} HTTP/1.1\r\nHo"))).collect();

    let mut client = connect(&format!("GET {page} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"));
    client.set_read_timeout(Some(Duration::from_secs(2))).unwrap();
    let mut answer = [0; 12];
    client.read_exact(&mut answer).expect("the page is answered within 2 s");
    assert_eq!(&answer, b"HTTP/1.1 200");
    let mut rest = Vec::new();
    first_stream.set_read_timeout(Some(Duration::from_secs(2))).unwrap();
    let _ = first_stream.read_to_end(&mut rest);
    assert!(String::from_utf8_lossy(&rest).contains(": connected"), "the oldest stream was served, then closed for newer ones");
    drop((streams, stalled));
}
