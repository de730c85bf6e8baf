//! Reading the input files: the only stage that touches `content/`. Everything is read into
//! memory once; parsing (in `load`) and the fingerprint both work from these bytes.

use std::fs;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use walkdir::WalkDir;

use crate::content::MAX_ARTICLE_BYTES;
use crate::diagnostics::{display_path, Diagnostic, Diagnostics};

/// Largest data or settings file read.
pub const MAX_DATA_BYTES: u64 = 16 * 1024 * 1024;

/// One input file's bytes, or why they could not be read.
pub struct InputFile {
    /// Relative to the site root, as shown in messages.
    pub path: PathBuf,
    pub bytes: Result<Vec<u8>, Diagnostic>,
}

/// Every input file of a site.
pub struct Inputs {
    pub site_yaml: InputFile,
    pub regions: Vec<InputFile>,
    pub articles: Vec<InputFile>,
    /// Problems met while listing folders (unreadable folders, symbolic links).
    pub problems: Diagnostics,
}

impl Inputs {
    /// All files, in a stable order.
    pub fn files(&self) -> impl Iterator<Item = &InputFile> {
        std::iter::once(&self.site_yaml).chain(&self.regions).chain(&self.articles)
    }
}

/// Reads `content/site.yaml`, `content/regions/*.yaml` and `content/articles/**/*.md`.
pub fn read_inputs(root: &Path) -> Inputs {
    let content = root.join("content");
    let mut problems = Diagnostics::default();
    let region_paths = list_files(root, &content.join("regions"), &["yaml", "yml"], false, &mut problems);
    let article_paths = list_files(root, &content.join("articles"), &["md"], true, &mut problems);
    let read_all = |paths: Vec<PathBuf>, limit: u64| -> Vec<InputFile> { paths.par_iter().map(|p| read_file(root, p, limit)).collect() };
    Inputs {
        site_yaml: read_file(root, &content.join("site.yaml"), MAX_DATA_BYTES),
        regions: read_all(region_paths, MAX_DATA_BYTES),
        articles: read_all(article_paths, MAX_ARTICLE_BYTES),
        problems,
    }
}

pub(super) fn read_file(root: &Path, path: &Path, limit: u64) -> InputFile {
    let rel = display_path(root, path);
    let bytes = read_limited(path, limit).map_err(|message| Diagnostic::error(&rel, message));
    InputFile { path: rel, bytes }
}

/// The bytes of the file at `path`, unless it is larger than `limit`. The size is checked on
/// the open file, and reading stops at the limit in case the file grows meanwhile.
fn read_limited(path: &Path, limit: u64) -> Result<Vec<u8>, String> {
    use std::io::Read as _;
    let file = fs::File::open(path).map_err(|e| format!("cannot read: {e}"))?;
    let size = file.metadata().map_err(|e| format!("cannot read: {e}"))?.len();
    let too_big = |size: u64| format!("file is {size} bytes; the limit is {limit} bytes");
    if size > limit {
        return Err(too_big(size));
    }
    let mut bytes = Vec::with_capacity(size as usize + 1);
    file.take(limit + 1).read_to_end(&mut bytes).map_err(|e| format!("cannot read: {e}"))?;
    if bytes.len() as u64 > limit {
        return Err(too_big(bytes.len() as u64));
    }
    Ok(bytes)
}

/// Files in `dir` with one of `extensions`, sorted; symbolic links are skipped with a warning.
fn list_files(root: &Path, dir: &Path, extensions: &[&str], recursive: bool, problems: &mut Diagnostics) -> Vec<PathBuf> {
    if !dir.is_dir() {
        return Vec::new();
    }
    let walker =
        WalkDir::new(dir).follow_links(false).follow_root_links(false).sort_by_file_name().max_depth(if recursive { 32 } else { 1 });
    let mut files = Vec::new();
    for entry in walker {
        match entry {
            Ok(entry) if entry.path_is_symlink() => {
                problems.push(Diagnostic::warning(
                    display_path(root, entry.path()),
                    "symbolic link ignored: content must be real files inside the site",
                ));
            }
            Ok(entry) if entry.file_type().is_file() => {
                let ext = entry.path().extension().and_then(|e| e.to_str()).unwrap_or("");
                if extensions.contains(&ext) {
                    files.push(entry.into_path());
                }
            }
            Ok(_) => {}
            Err(e) => problems.push(Diagnostic::error(display_path(root, dir), format!("cannot list folder: {e}"))),
        }
    }
    files
}

/// The text of a file, with line breaks normalized, or an error naming the line and column
/// of the first invalid byte.
pub fn utf8(file: &InputFile) -> Result<String, Diagnostic> {
    let bytes = file.bytes.as_ref().map_err(Clone::clone)?;
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(normalize_newlines(text.to_string())),
        Err(e) => Err(invalid_utf8(&file.path, &bytes[..e.valid_up_to()])),
    }
}

/// Turns `\r\n` and a lone `\r` into `\n`. YAML counts a lone carriage return as a line
/// break and Rust's `lines()` does not; with one convention, every line number agrees.
pub fn normalize_newlines(text: String) -> String {
    if !text.contains('\r') {
        return text;
    }
    text.replace("\r\n", "\n").replace('\r', "\n")
}

/// Points at the first byte after `valid`, the part of the file that was valid UTF-8.
fn invalid_utf8(path: &Path, valid: &[u8]) -> Diagnostic {
    let mut d = Diagnostic::error(path, "not valid UTF-8 text (is this a binary file, or saved in another encoding such as GBK?)");
    (d.line, d.column) = crate::diagnostics::position_after(&String::from_utf8_lossy(valid));
    d
}

/// Like [`utf8`], taking the bytes without copying them, with line breaks normalized.
pub fn into_text(file: InputFile) -> Result<(PathBuf, String), Diagnostic> {
    let bytes = file.bytes?;
    // Validating 100 MB of Chinese text with the standard library's scalar check is a
    // noticeable part of a large build; simdutf8 does the same check with vector instructions.
    if simdutf8::basic::from_utf8(&bytes).is_err() {
        let valid = std::str::from_utf8(&bytes).map_or_else(|e| e.valid_up_to(), str::len);
        return Err(invalid_utf8(&file.path, &bytes[..valid]));
    }
    // SAFETY: simdutf8 has just checked that `bytes` is valid UTF-8.
    let text = unsafe { String::from_utf8_unchecked(bytes) };
    Ok((file.path, normalize_newlines(text)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn carriage_returns_count_as_line_breaks_everywhere() {
        // Found by fuzzing: YAML saw 60 lines where `lines()` saw 4, so positions pointed past
        // the end of the file.
        let file = InputFile { path: "alpha.yaml".into(), bytes: Ok(b"name: x\rsummary: y\r\r\rseries: [\r".to_vec()) };
        let text = utf8(&file).unwrap();
        let (_, problems) = crate::data::parse_region("alpha", &file.path, &text);
        assert_eq!(problems[0].line, 5, "{problems:?}");
        assert_eq!(problems[0].source_line.as_deref(), Some("series: ["), "the snippet is the line the error is on");
        assert_eq!(normalize_newlines("a\r\nb\rc\n".into()), "a\nb\nc\n");
    }

    #[test]
    fn invalid_utf8_is_located() {
        let file = InputFile { path: "a.md".into(), bytes: Ok(b"ok\nab\xff".to_vec()) };
        let err = utf8(&file).unwrap_err();
        assert_eq!((err.line, err.column), (2, 3));
        assert!(err.message.contains("not valid UTF-8"));
        let gbk = InputFile { path: "b.md".into(), bytes: Ok(b"---\ntitle: \xba\xfe\xc4\xcf\n".to_vec()) };
        let err = into_text(gbk).unwrap_err();
        assert_eq!((err.line, err.column, err.path.as_path()), (2, 8, Path::new("b.md")));
        let text = InputFile { path: "c.md".into(), bytes: Ok("湖南\r\n".as_bytes().to_vec()) };
        assert_eq!(into_text(text).unwrap().1, "湖南\n");
    }

    #[test]
    fn files_over_the_limit_are_refused_with_their_size() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("big.md"), "x".repeat(101)).unwrap();
        let file = read_file(dir.path(), &dir.path().join("big.md"), 100);
        assert_eq!(file.bytes.unwrap_err().message, "file is 101 bytes; the limit is 100 bytes");
        assert_eq!(read_file(dir.path(), &dir.path().join("big.md"), 101).bytes.unwrap().len(), 101);
    }
}
