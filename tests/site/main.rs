//! Integration tests: build sites into temporary folders and check what a reader would get.

mod build_example;
mod chart_publications;
mod cli;
mod diagnostics;
mod editions;
mod helpers;
mod import;
mod import_random;
mod links;
mod output_safety;
mod outputs;
mod page_structure;
mod readme;
mod search;
mod serve;
mod session;
mod session_random;
mod untrusted;
mod values;
