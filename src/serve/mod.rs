//! `regionreport serve`: build, serve the output over HTTP, watch the sources, rebuild what a
//! change touches and reload the open tabs. Depends on `site`; nothing depends on it.

mod connections;
mod hosts;
pub mod http;
pub mod hub;
mod watch;

pub use crate::incremental::plan;

use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::time::Instant;

use anyhow::{Context as _, Result};

use crate::config::SiteConfig;
use crate::incremental::Session;
use crate::site::read::{utf8, Reader, MAX_DATA_BYTES};
use crate::site::{self, BuildError, BuildOptions};
use crate::{say, warn_user};
pub use hosts::Hosts;
use hub::{Event, Hub};

/// What `regionreport serve` was asked to do.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub build: BuildOptions,
    pub bind: IpAddr,
    pub port: u16,
    /// Open the site in the default browser once it is served.
    pub open: bool,
    /// Host names answered besides this machine's (see [`Hosts`]).
    pub allow_hosts: Vec<String>,
}

/// Builds, serves and rebuilds on change until interrupted.
pub fn serve(options: &ServeOptions) -> Result<()> {
    let base_path = read_base_path(&options.build)?;
    let hub = Arc::new(Hub::default());
    let mut session = Session::new(options.build.clone());
    let everything = plan::Rebuild { everything: true, ..Default::default() };
    rebuild(&mut session, &everything, &hub, "initial build");
    let address = SocketAddr::new(options.bind, options.port);
    let server = http::listen(address)?;
    let url = format!("http://{address}{base_path}");
    say!("Serving {} at {url} (Ctrl+C to stop)", options.build.output_dir().display());
    if options.open {
        if let Err(e) = opener::open_browser(&url) {
            warn_user!("cannot open a browser: {e}");
        }
    }
    let site = http::Site { output: options.build.output_dir(), base_path, hub: Arc::clone(&hub) };
    let app = http::app(site, Hosts::new(&options.allow_hosts));
    let _watcher = watch::start(&options.build.root, move |changes| {
        let scope = plan::plan(&changes);
        if !scope.is_empty() {
            rebuild(&mut session, &scope, &hub, &describe(&changes));
        }
    })?;
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().context("cannot start the server")?;
    runtime.block_on(http::run(server, app))
}

/// The path of `base_url` in site.yaml (served under it, as the published site will be).
fn read_base_path(options: &BuildOptions) -> Result<String> {
    let path = options.root.join("content/site.yaml");
    let file = Reader::new(&options.root).read(&path, MAX_DATA_BYTES);
    // A site.yaml that cannot be read or does not parse yet is served at `/`; the first build
    // reports why.
    let configured = utf8(&file).and_then(|text| SiteConfig::parse(&path, &text)).map(|c| c.base_url).ok();
    let url = options.base_url.clone().or(configured).unwrap_or_else(|| "/".into());
    Ok(site::urls::base_path(&url).trim_end_matches('/').to_string() + "/")
}

fn describe(changes: &[plan::Change]) -> String {
    let mut names: Vec<String> = changes.iter().map(|c| c.path.display().to_string()).collect();
    names.sort();
    names.dedup();
    names.join(", ")
}

/// Rebuilds what `scope` touches and tells the tabs: reload, or the problems to show.
fn rebuild(session: &mut Session, scope: &plan::Rebuild, hub: &Hub, reason: &str) {
    let started = Instant::now();
    match session.apply(scope) {
        Ok(update) => {
            for warning in &update.warnings {
                warn_user!("{}", warning.render());
            }
            let how = if update.full { "all pages" } else { "pages touched" };
            say!(
                "Rebuilt ({reason}): {} {how} rendered, {} files written, {} removed in {} ms",
                update.pages_rendered,
                update.written,
                update.removed,
                started.elapsed().as_millis()
            );
            hub.broadcast(Event::Reload);
            // The search index follows the reload rather than holding it up.
            if !update.full && (update.pages_rendered > 0 || update.written > 0) {
                if let Err(error) = session.refresh_search() {
                    warn_user!("search index not updated: {error:#}");
                }
            }
        }
        Err(BuildError::Content(problems)) => {
            let text = crate::diagnostics::report(&problems);
            crate::console::print_error(format_args!("{text}"));
            hub.broadcast(Event::Problem(text));
        }
        Err(BuildError::Output(error)) => {
            let text = format!("error: {error:#}\n");
            crate::console::print_error(format_args!("{text}"));
            hub.broadcast(Event::Problem(text));
        }
    }
}
