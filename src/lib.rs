//! regionreport: turns regional data files and Markdown articles into a static report site.
//!
//! The pipeline (docs/architecture.md): [`site::read`] reads every input file, [`site::load`]
//! parses and checks them into a [`site::Site`] (values through [`policy`]), [`site::claims`]
//! claims every output path, the render steps make bodies, pages ([`render`]), charts
//! ([`charts`]) and downloads, and [`site::write`] swaps the new output in. [`incremental`]
//! keeps a site in memory for [`serve`] and redoes only what an edit changed.

pub mod charts;
pub mod config;
pub mod console;
pub mod content;
pub mod data;
pub mod diagnostics;
pub mod edition;
pub mod html;
pub mod import;
pub mod incremental;
pub mod policy;
pub mod render;
pub mod schema;
pub mod search;
pub mod serve;
pub mod site;
pub mod yaml;

pub use site::{build, BuildOptions, BuildReport};
