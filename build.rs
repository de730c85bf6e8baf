//! Gives each build of regionreport an identity derived from its sources, so that a site built
//! by one version is rebuilt by another (see `site::fingerprint`), and the identity is the same
//! on every machine that compiles the same sources.

use std::path::Path;

fn main() {
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    hasher.update(env!("CARGO_PKG_VERSION").as_bytes());
    for folder in ["src", "templates"] {
        println!("cargo:rerun-if-changed={folder}");
        let mut files: Vec<_> =
            walkdir::WalkDir::new(folder).into_iter().flatten().filter(|e| e.file_type().is_file()).map(|e| e.into_path()).collect();
        files.sort();
        for file in files {
            hasher.update(file.to_string_lossy().as_bytes());
            hasher.update(&std::fs::read(&file).unwrap_or_default());
        }
    }
    if Path::new("Cargo.lock").exists() {
        println!("cargo:rerun-if-changed=Cargo.lock");
        hasher.update(&std::fs::read("Cargo.lock").unwrap_or_default());
    }
    println!("cargo:rustc-env=REGIONREPORT_BUILD_ID={:032x}", hasher.digest128());
}
