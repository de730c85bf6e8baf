//! regionreport: turns regional data files and Markdown articles into a static report site.
//!
//! The pipeline, one module per stage: [`site::load`] reads `content/` into a [`site::Site`],
//! [`charts`] draws SVG, [`render`] fills the Tera templates, [`site::write`] updates `output/`.

pub mod charts;
pub mod config;
pub mod console;
pub mod content;
pub mod data;
pub mod diagnostics;
pub mod html;
pub mod policy;
pub mod render;
pub mod schema;
pub mod serve;
pub mod site;
pub mod yaml;

pub use site::{build, BuildOptions, BuildReport};
