//! Command-line arguments (clap), parsed into plain values; `main` turns them into actions.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// Build a static report site from regional data files and Markdown articles.
#[derive(Debug, Parser)]
#[command(name = "regionreport", version, about, long_about = None)]
pub struct Cli {
    /// Print the time each build step took.
    #[arg(long, short, global = true)]
    pub verbose: bool,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the site into the output folder.
    Build(BuildArgs),
    /// Run everything a build does, check every internal link, and write nothing.
    ///
    /// Exit codes: 0 clean, 1 mistakes in the content (or warnings with --strict),
    /// 2 usage or I/O errors.
    Check(CheckArgs),
    /// Build, serve the site on this machine, and rebuild and reload the browser on every change.
    Serve(ServeArgs),
    /// Print the JSON Schemas of site.yaml, region files and article front matter.
    Schema(SchemaArgs),
    /// Turn articles copied from the web (text, or saved HTML pages) into clean drafts.
    ///
    /// Each input becomes content/articles/<region>/<slug>.md with `draft: true`. Exit codes:
    /// 0 every input imported (warnings do not fail it), 1 some could not be, 2 usage errors.
    Import(ImportArgs),
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The site folder, holding `content/`.
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// The region the articles are about, instead of the one named in their text.
    #[arg(long)]
    pub region: Option<String>,
    /// The date of the articles (YYYY-MM-DD), when their byline gives none or no year.
    #[arg(long)]
    pub date: Option<String>,
    /// The file name (and URL) of the article; only with a single input.
    #[arg(long)]
    pub slug: Option<String>,
    /// Print the articles instead of writing them.
    #[arg(long)]
    pub stdout: bool,
    /// Replace an article file that already exists.
    #[arg(long)]
    pub force: bool,
    /// `.txt` files of copied text, saved `.html` pages, or `-` for standard input.
    #[arg(required = true, value_name = "FILE")]
    pub inputs: Vec<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The site folder, holding `content/` and optionally `templates/`.
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// Where to write the site [default: <ROOT>/output].
    #[arg(long)]
    pub output: Option<PathBuf>,
    /// Address to listen on; only this machine can connect unless you choose another.
    #[arg(long, default_value = "127.0.0.1")]
    pub bind: std::net::IpAddr,
    /// Port to listen on.
    #[arg(long, default_value_t = 1111)]
    pub port: u16,
    /// Open the site in the default browser.
    #[arg(long)]
    pub open: bool,
    /// Include articles marked `draft: true`.
    #[arg(long)]
    pub drafts: bool,
    /// Also answer requests for this host name (e.g. when serving on a LAN under a name);
    /// IP addresses and localhost are always answered. Repeat for several names.
    #[arg(long = "allow-host", value_name = "NAME")]
    pub allow_hosts: Vec<String>,
}

#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// Only this schema: `site`, `region` or `front-matter`.
    pub name: Option<String>,
    /// Write the schemas as files into this folder instead of printing them.
    #[arg(long)]
    pub write: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The site folder, holding `content/` and optionally `templates/`.
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// Treat warnings as errors.
    #[arg(long)]
    pub strict: bool,
    /// Include articles marked `draft: true`.
    #[arg(long)]
    pub drafts: bool,
    /// Output format: human-readable text, or JSON for tools.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Where a build would write (named in messages about links; nothing is written).
    #[arg(long)]
    pub output: Option<PathBuf>,
    /// Checks as built with this base URL instead of the one in site.yaml.
    #[arg(long)]
    pub base_url: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Text,
    Json,
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    /// The site folder, holding `content/` and optionally `templates/`.
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// Where to write the site [default: <ROOT>/output].
    #[arg(long)]
    pub output: Option<PathBuf>,
    /// Publish under this URL instead of `base_url` from site.yaml.
    #[arg(long)]
    pub base_url: Option<String>,
    /// Include articles marked `draft: true`.
    #[arg(long)]
    pub drafts: bool,
    /// Render every page even if nothing changed since the last build.
    #[arg(long)]
    pub full: bool,
    /// Replace an output folder that regionreport did not create.
    #[arg(long)]
    pub force: bool,
    /// Treat warnings as errors.
    #[arg(long)]
    pub strict: bool,
}
