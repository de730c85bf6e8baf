//! Load benchmark of `regionreport serve`: hundreds of keep-alive clients and a few slow ones on
//! loopback, every ordinary request timed. Exits 1 if any request failed or took over 2 s.
//!
//!   cargo run --release --example serve_load -- SITE [CLIENTS REQUESTS SLOW]
//!
//! (defaults: 200 clients × 20 requests, 20 slow clients sending a header byte a second; the
//! slow clients go on for 14 s, past the server's 10 s header timeout, so a run takes 14 s).

mod client;

use std::path::PathBuf;
use std::time::Duration;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let site = PathBuf::from(args.first().map(String::as_str).unwrap_or("."));
    let number = |i: usize, default: usize| args.get(i).and_then(|a| a.parse().ok()).unwrap_or(default);
    let binary = std::env::current_exe().expect("own path").with_file_name("../regionreport");
    let server = client::Server::start(&binary, &site);
    let load = client::Load {
        address: server.address,
        host: format!("localhost:{}", server.address.port()),
        path: server.base_path.clone(),
        clients: number(1, 200),
        requests: number(2, 20),
        slow: number(3, 20),
        slow_interval: Duration::from_secs(1),
        // Past the server's 10 s header timeout, so the benchmark shows the slow clients dropped.
        slow_for: Duration::from_secs(14),
        timeout: Duration::from_secs(10),
    };
    let outcome = client::run(&load);
    let elapsed = outcome.elapsed;
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "{} clients × {} requests, {} slow clients: {} answered, {} failed in {:.2} s ({:.0} requests/s)",
        load.clients,
        load.requests,
        load.slow,
        outcome.latencies.len(),
        outcome.failures.len(),
        elapsed.as_secs_f64(),
        outcome.latencies.len() as f64 / elapsed.as_secs_f64()
    );
    println!(
        "latency ms: median {:.1}, p90 {:.1}, p99 {:.1}, max {:.1}",
        ms(outcome.percentile(50.0)),
        ms(outcome.percentile(90.0)),
        ms(outcome.percentile(99.0)),
        ms(outcome.percentile(100.0))
    );
    println!("slow clients disconnected by the server: {} of {}", outcome.slow_dropped, load.slow);
    for failure in outcome.failures.iter().take(5) {
        println!("failed: {failure}");
    }
    if !outcome.failures.is_empty() || outcome.percentile(100.0) > Duration::from_secs(2) {
        std::process::exit(1);
    }
}
