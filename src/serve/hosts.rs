//! Which `Host` headers the server answers. A page on another site can make a browser send
//! requests to this machine under its own domain name (DNS rebinding) and read the answers;
//! refusing every name but this machine's defeats that. IP addresses are always allowed (a
//! rebinding needs a name), so are `localhost` and names under `.localhost`, and any name
//! given with `--allow-host`.

use std::net::IpAddr;

/// The host names a server answers to.
#[derive(Debug, Clone, Default)]
pub struct Hosts {
    extra: Vec<String>,
}

impl Hosts {
    /// Loopback names and addresses, and `extra` names (lowercase, without a port).
    pub fn new(extra: &[String]) -> Hosts {
        Hosts { extra: extra.iter().map(|h| h.trim().trim_end_matches('.').to_ascii_lowercase()).collect() }
    }

    /// Whether a request with this `Host` header may be answered.
    pub fn allows(&self, header: &str) -> bool {
        let name = strip_port(header.trim()).trim_end_matches('.').to_ascii_lowercase();
        if name.is_empty() {
            return false;
        }
        let literal = name.strip_prefix('[').and_then(|n| n.strip_suffix(']')).unwrap_or(&name);
        literal.parse::<IpAddr>().is_ok() || name == "localhost" || name.ends_with(".localhost") || self.extra.contains(&name)
    }
}

/// `example.org:8080` → `example.org`; `[::1]:8080` → `[::1]`.
fn strip_port(host: &str) -> &str {
    if host.starts_with('[') {
        return host.find(']').map_or(host, |end| &host[..=end]);
    }
    match host.rsplit_once(':') {
        Some((name, port)) if port.bytes().all(|b| b.is_ascii_digit()) => name,
        _ => host,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn this_machine_is_answered_and_other_names_are_not() {
        let hosts = Hosts::new(&["Preview.Example.org".to_string()]);
        for ok in
            ["localhost:1111", "127.0.0.1:1111", "[::1]:1111", "LOCALHOST", "site.localhost:80", "192.168.1.5:1111", "preview.example.org"]
        {
            assert!(hosts.allows(ok), "{ok}");
        }
        for bad in ["evil.example:1111", "localhost.evil.example", "127.0.0.1.nip.io", "", ":1111", "example.org"] {
            assert!(!hosts.allows(bad), "{bad}");
        }
    }
}
