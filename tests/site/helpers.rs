//! Building fixture sites into temporary folders.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use regionreport::site::{BuildOptions, BuildReport};
use walkdir::WalkDir;

/// The repository root, which is also the example site.
pub fn example_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A built site kept for the whole test run.
pub struct Built {
    pub dir: tempfile::TempDir,
    pub report: BuildReport,
}

impl Built {
    pub fn out(&self) -> PathBuf {
        self.dir.path().join("out")
    }

    pub fn read(&self, rel: &str) -> String {
        fs::read_to_string(self.out().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
    }

    /// Every output file, relative path → bytes.
    pub fn tree(&self) -> BTreeMap<String, Vec<u8>> {
        tree(&self.out())
    }
}

pub fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| (e.path().strip_prefix(dir).unwrap().to_string_lossy().into_owned(), fs::read(e.path()).unwrap()))
        .collect()
}

pub fn build_into(root: &Path, out: &Path) -> BuildReport {
    build_with(root, out, |_| {})
}

/// Copies the example's `content/` (not its output) into `dir`.
pub fn copy_example(dir: &Path) {
    let from = example_root().join("content");
    for entry in WalkDir::new(&from).into_iter().flatten() {
        let target = dir.join("content").join(entry.path().strip_prefix(&from).unwrap());
        if entry.file_type().is_dir() {
            fs::create_dir_all(&target).unwrap();
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

pub fn build_with(root: &Path, out: &Path, adjust: impl FnOnce(&mut BuildOptions)) -> BuildReport {
    let mut options = BuildOptions { root: root.to_path_buf(), output: Some(out.to_path_buf()), ..Default::default() };
    adjust(&mut options);
    match regionreport::build(&options) {
        Ok(report) => report,
        Err(regionreport::site::BuildError::Content(problems)) => {
            panic!("build failed:\n{}", problems.iter().map(|p| p.render()).collect::<String>())
        }
        Err(e) => panic!("build failed: {e:#}"),
    }
}

/// The example site, built once.
pub fn example() -> &'static Built {
    static BUILT: OnceLock<Built> = OnceLock::new();
    BUILT.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let report = build_into(&example_root(), &dir.path().join("out"));
        Built { dir, report }
    })
}

/// HTML files of the example output.
pub fn html_pages(built: &Built) -> Vec<String> {
    built.tree().keys().filter(|k| k.ends_with(".html")).cloned().collect()
}

/// The headlines (`path:line:col: severity: message`) of what `check` reports for the site at
/// `root`, errors only when `errors_only`.
pub fn check_headlines(root: &Path, errors_only: bool) -> Vec<String> {
    let options = BuildOptions { root: root.to_path_buf(), ..Default::default() };
    let found = match regionreport::site::check(&options) {
        Ok(found) | Err(regionreport::site::BuildError::Content(found)) => found,
        Err(e) => panic!("{e}"),
    };
    let wanted = |d: &&regionreport::diagnostics::Diagnostic| !errors_only || d.severity == regionreport::diagnostics::Severity::Error;
    found.iter().filter(wanted).map(|d| d.headline()).collect()
}

/// A small seeded generator (xorshift64*): the same seed gives the same sequence everywhere.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// What `serve` does with a change: the update, then (once the tabs are told to reload) the
/// search index written again.
pub fn apply_as_serve(
    session: &mut regionreport::incremental::Session,
    scope: &regionreport::incremental::plan::Rebuild,
) -> Result<regionreport::incremental::Update, regionreport::site::BuildError> {
    let update = session.apply(scope)?;
    if !update.full {
        session.refresh_search()?;
    }
    Ok(update)
}
