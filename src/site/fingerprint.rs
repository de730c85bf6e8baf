//! Knowing when there is nothing to do. A build records, in a manifest inside the output
//! folder, a fingerprint of everything it read (options, program, content, templates) and the
//! files it wrote. The next build with the same fingerprint, finding the output exactly as that
//! build left it, stops there. The manifest depends only on the inputs, so it is as
//! deterministic as the rest of the output.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::Xxh3;

use super::read::{InputFile, Listing};
use super::write::MARKER;
use super::BuildOptions;

/// Where the last build's fingerprint and file list are kept, inside the output folder.
pub const MANIFEST: &str = ".regionreport-manifest.json";

/// Identifies the program: a hash of its sources, computed when it was compiled.
const BUILD_ID: &str = env!("REGIONREPORT_BUILD_ID");

/// What a build recorded about itself.
#[derive(Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct Manifest {
    pub fingerprint: String,
    /// Output path → size in bytes.
    pub files: BTreeMap<String, u64>,
}

/// A file's path and a hash of its bytes (or of why it was refused).
pub type Digest = (PathBuf, u128);

/// The digest of one file.
pub fn digest(file: &InputFile) -> Digest {
    (file.path.clone(), file.digest())
}

/// The same fingerprint as a build of the files records ([`of_digests`] of what
/// [`super::load::load`] read), reading each file only to hash it: a build that finds nothing
/// changed holds one file per thread, not the whole site.
pub fn of_site(options: &BuildOptions, listing: &Listing) -> String {
    of_digests(options, &listing.map_files(|file| digest(&file)))
}

/// A fingerprint of everything a build depends on: `options`, the program and the digest of
/// every file it read.
pub fn of_digests(options: &BuildOptions, digests: &[Digest]) -> String {
    let mut hasher = Xxh3::new();
    let mut field = |bytes: &[u8]| {
        hasher.update(&(bytes.len() as u64).to_le_bytes());
        hasher.update(bytes);
    };
    field(BUILD_ID.as_bytes());
    field(options.base_url.as_deref().unwrap_or("").as_bytes());
    field(&[u8::from(options.base_url.is_some()), u8::from(options.drafts)]);
    // Every file the build reads, templates included, is listed: nothing else is read.
    for (path, hash) in digests {
        field(path.to_string_lossy().as_bytes());
        field(&hash.to_le_bytes());
    }
    format!("{:032x}", hasher.digest128())
}

/// Whether a build left its manifest in `dir`: only then can the output be up to date.
pub fn exists(dir: &Path) -> bool {
    dir.join(MANIFEST).is_file()
}

/// The manifest of the last build in `dir`, if it had this fingerprint and its files are all
/// there, of the recorded sizes, and none was touched after the manifest was written.
pub fn intact(dir: &Path, fingerprint: &str) -> Option<Manifest> {
    let manifest_path = dir.join(MANIFEST);
    let written = fs::metadata(&manifest_path).ok()?.modified().ok()?;
    let manifest: Manifest = serde_json::from_slice(&fs::read(&manifest_path).ok()?).ok()?;
    if manifest.fingerprint != fingerprint {
        return None;
    }
    let checked = Checked { dir, manifest: &manifest, written, seen: AtomicUsize::new(0), differs: AtomicBool::new(false) };
    // A hundred thousand folders at a hundred thousand articles: walked on every thread.
    rayon::scope(|scope| checked.folder(scope, dir));
    let intact = !checked.differs.load(Ordering::Relaxed) && checked.seen.load(Ordering::Relaxed) == manifest.files.len();
    intact.then_some(manifest)
}

/// The walk of an output folder against its manifest.
struct Checked<'a> {
    dir: &'a Path,
    manifest: &'a Manifest,
    written: std::time::SystemTime,
    seen: AtomicUsize,
    differs: AtomicBool,
}

impl Checked<'_> {
    /// Checks the files of `folder` and hands each subfolder to another task of `scope`.
    fn folder<'s>(&'s self, scope: &rayon::Scope<'s>, folder: &Path) {
        let Ok(entries) = fs::read_dir(folder) else { return self.differs.store(true, Ordering::Relaxed) };
        for entry in entries {
            if self.differs.load(Ordering::Relaxed) {
                return;
            }
            let Ok(entry) = entry else { return self.differs.store(true, Ordering::Relaxed) };
            let path = entry.path();
            match entry.file_type() {
                Ok(kind) if kind.is_dir() => scope.spawn(move |scope| self.folder(scope, &path)),
                Ok(_) if self.file_is_recorded(&path) => {}
                _ => self.differs.store(true, Ordering::Relaxed),
            }
        }
    }

    /// Whether the file at `path` (not a folder) is in the manifest at its size, untouched since.
    fn file_is_recorded(&self, path: &Path) -> bool {
        let Some(rel) = path.strip_prefix(self.dir).ok().and_then(Path::to_str) else { return false };
        if [MANIFEST, MARKER, ".gitkeep"].contains(&rel) {
            return true;
        }
        self.seen.fetch_add(1, Ordering::Relaxed);
        // Not followed: a link is its own entry, and the build never writes one.
        let Ok(meta) = fs::symlink_metadata(path) else { return false };
        self.manifest.files.get(rel) == Some(&meta.len()) && meta.modified().is_ok_and(|m| m <= self.written)
    }
}

/// Records the fingerprint and the files written.
pub fn record(dir: &Path, fingerprint: String, files: &[(String, usize)]) -> std::io::Result<()> {
    let files = files.iter().map(|(path, size)| (path.clone(), *size as u64)).collect();
    let manifest = Manifest { fingerprint, files };
    let mut json = serde_json::to_vec(&manifest).unwrap_or_default();
    json.push(b'\n');
    fs::write(dir.join(MANIFEST), json)
}

/// Forgets the last build (its output was changed since), so the next build renders all.
pub fn discard(dir: &Path) {
    let _ = fs::remove_file(dir.join(MANIFEST));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Diagnostics;
    use crate::site::read::{list_inputs, Inputs};

    /// The fingerprint a build records of `inputs`: the digests of the files it loaded.
    fn of_loaded(options: &BuildOptions, inputs: Inputs) -> String {
        of_digests(options, &crate::site::load::load(&options.root, inputs, options.drafts, &Diagnostics::default()).1)
    }

    /// The fingerprint of the site at `options.root`, its articles read to be kept.
    fn of_read(options: &BuildOptions) -> String {
        of_loaded(options, list_inputs(&options.root).read())
    }

    #[test]
    fn a_touched_output_file_is_noticed() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("a.html"), "a").unwrap();
        record(dir.path(), "f1".into(), &[("a.html".to_string(), 1)]).unwrap();
        assert!(intact(dir.path(), "f1").is_some());
        assert!(intact(dir.path(), "f2").is_none(), "other inputs");
        fs::write(dir.path().join("extra.html"), "x").unwrap();
        assert!(intact(dir.path(), "f1").is_none(), "an extra file");
        fs::remove_file(dir.path().join("extra.html")).unwrap();
        fs::write(dir.path().join("a.html"), "b").unwrap();
        let later = fs::metadata(dir.path().join(MANIFEST)).unwrap().modified().unwrap() + std::time::Duration::from_secs(1);
        fs::File::options().write(true).open(dir.path().join("a.html")).unwrap().set_modified(later).unwrap();
        assert!(intact(dir.path(), "f1").is_none(), "a file edited after the build, same size");
    }

    #[test]
    fn the_fingerprint_follows_content_and_options() {
        let site = tempfile::tempdir().unwrap();
        fs::create_dir_all(site.path().join("content")).unwrap();
        fs::write(site.path().join("content/site.yaml"), "a").unwrap();
        let options = BuildOptions { root: site.path().to_path_buf(), ..Default::default() };
        let first = of_read(&options);
        assert_eq!(first, of_read(&options), "stable");
        fs::write(site.path().join("content/site.yaml"), "b").unwrap();
        assert_ne!(first, of_read(&options), "same size, other bytes");
        let drafts = BuildOptions { drafts: true, ..options.clone() };
        assert_ne!(of_read(&options), of_read(&drafts));
    }

    #[test]
    fn the_fingerprint_sees_every_file_the_build_reads_templates_and_refusals_included() {
        let site = tempfile::tempdir().unwrap();
        fs::create_dir_all(site.path().join("content/articles")).unwrap();
        fs::create_dir_all(site.path().join("templates/partials")).unwrap();
        fs::write(site.path().join("content/site.yaml"), "a").unwrap();
        fs::write(site.path().join("content/articles/a.md"), "---\ntitle: 甲\ndate: 2024-01-01\n---\n正文\n").unwrap();
        fs::write(site.path().join("content/articles/b.md"), "not an article").unwrap();
        let options = BuildOptions { root: site.path().to_path_buf(), ..Default::default() };
        let print = || {
            let read = of_read(&options);
            let loaded = of_loaded(&options, list_inputs(site.path()).read_but_articles());
            let hashed = of_site(&options, &list_inputs(site.path()));
            assert_eq!(read, hashed, "read to be built or only hashed, the same fingerprint");
            assert_eq!(read, loaded, "articles read with the rest or as they are loaded, the same fingerprint");
            read
        };
        let before = print();
        fs::write(site.path().join("content/articles/a.md"), "---\ntitle: 乙\ndate: 2024-01-01\n---\n正文\n").unwrap();
        let edited = print();
        assert_ne!(before, edited, "an article's text");
        fs::write(site.path().join("templates/partials/note.html"), "x").unwrap();
        let with_partial = print();
        assert_ne!(edited, with_partial, "a new partial");
        fs::write(site.path().join("templates/style.css"), "body{}").unwrap();
        assert_ne!(with_partial, print(), "the stylesheet");
        #[cfg(unix)]
        {
            let outside = tempfile::tempdir().unwrap();
            fs::write(outside.path().join("secret"), "1").unwrap();
            let refused = print();
            std::os::unix::fs::symlink(outside.path().join("secret"), site.path().join("templates/404.html")).unwrap();
            let linked = print();
            assert_ne!(refused, linked, "a file refused counts too");
            fs::write(outside.path().join("secret"), "2").unwrap();
            assert_eq!(linked, print(), "what lies outside the site is never read, so never fingerprinted");
        }
    }
}
