//! Reading the input files: the one way into the build. Every file a build reads (settings,
//! region data, articles, templates and assets) is listed and opened here, and nowhere else:
//! - a file must be a regular file: a FIFO, socket or device is refused (opened without
//!   blocking, so a FIFO cannot hang the build);
//! - a symbolic link to a file is followed only when its target lies inside the site folder;
//!   one that leads out is refused, and a link to a folder is not walked into;
//! - each file is read up to a size limit, checked on the open file;
//! - what was read is hashed once: parsing (in `load`) and the change fingerprint both work
//!   from these bytes, so the fingerprint sees every file the build used;
//! - a build lists the articles and reads each as it is loaded, then lets its body go; the
//!   body is read again when it is rendered, and refused unless its bytes are the ones hashed.

use std::fs;
use std::io::Read as _;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use walkdir::WalkDir;
use xxhash_rust::xxh3::xxh3_128;

use crate::content::MAX_ARTICLE_BYTES;
use crate::diagnostics::{display_path, Diagnostic, Diagnostics};

/// Largest data, settings or template file read.
pub const MAX_DATA_BYTES: u64 = 16 * 1024 * 1024;

/// One input file's bytes, or why they could not be read.
pub struct InputFile {
    /// Relative to the site root, as shown in messages.
    pub path: PathBuf,
    pub bytes: Result<Vec<u8>, Diagnostic>,
}

impl InputFile {
    /// A hash of the file's bytes, or of why it was refused: what the change fingerprint
    /// records of it, and how a file read again is known to be the same.
    pub fn digest(&self) -> u128 {
        match &self.bytes {
            Ok(bytes) => xxh3_128(bytes),
            Err(refused) => xxh3_128(format!("\0{}", refused.message).as_bytes()),
        }
    }
}

/// Every input file of a site.
pub struct Inputs {
    pub site_yaml: InputFile,
    pub regions: Vec<InputFile>,
    pub articles: ArticleFiles,
    /// Every template, asset and message catalog under `templates/`, sorted.
    pub templates: Vec<InputFile>,
    /// Problems met while listing folders (unreadable folders, links that are not followed).
    pub problems: Vec<Diagnostic>,
}

impl Inputs {
    /// Every file read with the rest, in a stable order: the articles only if they were.
    pub fn files(&self) -> impl Iterator<Item = &InputFile> {
        let articles: &[InputFile] = match &self.articles {
            ArticleFiles::Read(files) => files,
            ArticleFiles::Listed { .. } => &[],
        };
        std::iter::once(&self.site_yaml).chain(&self.regions).chain(articles).chain(&self.templates)
    }
}

/// The article files of a site: read with the other files and kept (as `serve` and `check`
/// keep them), or only listed, each to be read as it is loaded and read again when its body
/// is rendered (as a build does, so that the bodies are never all in memory).
pub enum ArticleFiles {
    Read(Vec<InputFile>),
    Listed { reader: Reader, paths: Vec<PathBuf> },
}

impl ArticleFiles {
    /// Whether the articles' bodies stay in memory once loaded.
    pub fn kept(&self) -> bool {
        matches!(self, ArticleFiles::Read(_))
    }

    /// Each file, handed to `visit` on every thread as soon as it is read; the results in
    /// the files' order.
    pub fn map<T: Send>(self, visit: impl Fn(InputFile) -> T + Sync + Send) -> Vec<T> {
        match self {
            ArticleFiles::Read(files) => files.into_par_iter().map(visit).collect(),
            ArticleFiles::Listed { reader, paths } => {
                paths.par_iter().map(|path| visit(reader.read_listed(path, MAX_ARTICLE_BYTES))).collect()
            }
        }
    }
}

/// Reads `content/site.yaml`, `content/regions/*.yaml`, `content/articles/**/*.md` and
/// `templates/**`, the articles' bodies kept.
pub fn read_inputs(root: &Path) -> Inputs {
    list_inputs(root).read()
}

/// Lists the input files of the site at `root` without reading them.
pub fn list_inputs(root: &Path) -> Listing {
    let reader = Reader::new(root);
    let problems = Diagnostics::default();
    let regions = reader.list("content/regions", &["yaml", "yml"], false, &problems);
    let articles = reader.list("content/articles", &["md"], true, &problems);
    let templates = reader.list("templates", &["html", "xml", "css", "svg", "js", "yaml"], true, &problems);
    Listing { reader, regions, articles, templates, problems: problems.sorted() }
}

/// A site's input files, listed and not yet read.
pub struct Listing {
    reader: Reader,
    regions: Vec<PathBuf>,
    articles: Vec<PathBuf>,
    templates: Vec<PathBuf>,
    problems: Vec<Diagnostic>,
}

impl Listing {
    /// Reads every file.
    pub fn read(self) -> Inputs {
        let mut files = self.map_files(|file| file).into_iter();
        let site_yaml = files.next().expect("site.yaml is always listed");
        let regions = files.by_ref().take(self.regions.len()).collect();
        let articles = ArticleFiles::Read(files.by_ref().take(self.articles.len()).collect());
        Inputs { site_yaml, regions, articles, templates: files.collect(), problems: self.problems }
    }

    /// Reads every file but the articles, which are read as they are loaded.
    pub fn read_but_articles(self) -> Inputs {
        let Listing { reader, regions, articles, templates, problems } = self;
        let read_all =
            |paths: &[PathBuf]| -> Vec<InputFile> { paths.par_iter().map(|path| reader.read_listed(path, MAX_DATA_BYTES)).collect() };
        let site_yaml = reader.read(&reader.root.join("content/site.yaml"), MAX_DATA_BYTES);
        let (regions, templates) = (read_all(&regions), read_all(&templates));
        Inputs { site_yaml, regions, articles: ArticleFiles::Listed { reader, paths: articles }, templates, problems }
    }

    /// Reads every file in the order of [`Inputs::files`], on every thread, handing each to
    /// `visit` as soon as it is read: what `visit` does not keep is dropped at once.
    pub fn map_files<T: Send>(&self, visit: impl Fn(InputFile) -> T + Sync) -> Vec<T> {
        let root = &self.reader.root;
        let site_yaml = visit(self.reader.read(&root.join("content/site.yaml"), MAX_DATA_BYTES));
        let listed: Vec<(&PathBuf, u64)> =
            [(&self.regions, MAX_DATA_BYTES), (&self.articles, MAX_ARTICLE_BYTES), (&self.templates, MAX_DATA_BYTES)]
                .into_iter()
                .flat_map(|(paths, limit)| paths.iter().map(move |path| (path, limit)))
                .collect();
        let rest: Vec<T> = listed.par_iter().map(|(path, limit)| visit(self.reader.read_listed(path, *limit))).collect();
        std::iter::once(site_yaml).chain(rest).collect()
    }
}

/// Reads files of one site folder, and only of it.
#[derive(Clone)]
pub struct Reader {
    /// As given, for messages.
    root: PathBuf,
    /// With every symbolic link resolved, to tell inside from outside.
    real_root: PathBuf,
}

impl Reader {
    pub fn new(root: &Path) -> Reader {
        let real_root = fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
        Reader { root: root.to_path_buf(), real_root }
    }

    /// Reads the file at `path` (under the root), wherever it came from: the folders on the way
    /// are resolved too, so a linked folder cannot lead out.
    pub fn read(&self, path: &Path, limit: u64) -> InputFile {
        let rel = display_path(&self.root, path);
        let bytes = match self.resolve(path) {
            Ok(real) => open_regular(&real, limit),
            Err(message) => Err(message),
        };
        InputFile { bytes: bytes.map_err(|message| Diagnostic::error(&rel, message)), path: rel }
    }

    /// Reads a file found by [`Reader::list`], whose folders were walked without following
    /// links: only the file itself may be a link, and only that is resolved (most files are
    /// not links, and resolving each of 10,000 paths would cost as much as reading them).
    fn read_listed(&self, path: &Path, limit: u64) -> InputFile {
        let rel = display_path(&self.root, path);
        let bytes = match open_regular(path, limit) {
            Err(Refusal::Link) => self.resolve(path).and_then(|real| open_regular(&real, limit)),
            other => other,
        };
        InputFile { bytes: bytes.map_err(|message| Diagnostic::error(&rel, message)), path: rel }
    }

    /// Reads again the article at `path` (relative to the root), listed and loaded before
    /// with its bytes hashed to `digest`: its text, unless the file has changed since.
    pub fn read_again(&self, path: &Path, digest: u128) -> Result<String, Diagnostic> {
        let file = self.read_listed(&self.root.join(path), MAX_ARTICLE_BYTES);
        if file.digest() != digest {
            let message = "the file changed while the site was being built; build again";
            return Err(Diagnostic::error(path, message));
        }
        into_text(file).map(|(_, text)| text)
    }

    /// `path` with every link resolved, if that stays inside the site folder.
    fn resolve(&self, path: &Path) -> Result<PathBuf, Refusal> {
        let real = fs::canonicalize(path).map_err(|e| Refusal::Io(e.to_string()))?;
        if real.starts_with(&self.real_root) {
            Ok(real)
        } else {
            Err(Refusal::Outside)
        }
    }

    /// Files under `dir` (relative to the root) with one of `extensions`, sorted. Links to
    /// folders are not walked into; links to files are listed and checked when read.
    pub(crate) fn list(&self, dir: &str, extensions: &[&str], recursive: bool, problems: &Diagnostics) -> Vec<PathBuf> {
        let dir = self.root.join(dir);
        if !dir.is_dir() {
            return Vec::new();
        }
        if self.resolve(&dir).is_err() {
            problems.push(Diagnostic::error(display_path(&self.root, &dir), Refusal::Outside.to_string()));
            return Vec::new();
        }
        let walker = WalkDir::new(&dir).follow_links(false).sort_by_file_name().max_depth(if recursive { 32 } else { 1 });
        let wanted = |path: &Path| {
            let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
            extensions.contains(&ext)
        };
        let mut files = Vec::new();
        for entry in walker {
            match entry {
                Ok(entry) if entry.file_type().is_dir() => {}
                Ok(entry) if entry.path_is_symlink() && entry.path().is_dir() => problems.push(Diagnostic::warning(
                    display_path(&self.root, entry.path()),
                    "symbolic link to a folder ignored: the site's folders must be real folders",
                )),
                Ok(entry) if wanted(entry.path()) => files.push(entry.into_path()),
                Ok(_) => {}
                Err(e) => problems.push(Diagnostic::error(display_path(&self.root, &dir), format!("cannot list folder: {e}"))),
            }
        }
        files
    }
}

/// Why a file was not read.
#[derive(Debug)]
enum Refusal {
    /// The path is a symbolic link (resolved and checked by the caller).
    Link,
    Outside,
    NotRegular,
    TooBig {
        size: u64,
        limit: u64,
    },
    Io(String),
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Refusal::Link => write!(f, "symbolic link not followed"),
            Refusal::Outside => write!(f, "refused: a symbolic link leads outside the site folder"),
            Refusal::NotRegular => write!(f, "refused: not a regular file (a FIFO, socket or device)"),
            Refusal::TooBig { size, limit } => write!(f, "file is {size} bytes; the limit is {limit} bytes"),
            Refusal::Io(e) => write!(f, "cannot read: {e}"),
        }
    }
}

impl From<Refusal> for String {
    fn from(refusal: Refusal) -> String {
        refusal.to_string()
    }
}

/// Opens `path` without following a link in its last part and without blocking, and reads it
/// if it is a regular file of at most `limit` bytes. The size is checked on the open file, and
/// reading stops at the limit in case the file grows meanwhile.
fn open_regular(path: &Path, limit: u64) -> Result<Vec<u8>, Refusal> {
    let file = open_no_follow(path)?;
    let meta = file.metadata().map_err(|e| Refusal::Io(e.to_string()))?;
    if !meta.is_file() {
        return Err(Refusal::NotRegular);
    }
    if meta.len() > limit {
        return Err(Refusal::TooBig { size: meta.len(), limit });
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize + 1);
    file.take(limit + 1).read_to_end(&mut bytes).map_err(|e| Refusal::Io(e.to_string()))?;
    if bytes.len() as u64 > limit {
        return Err(Refusal::TooBig { size: bytes.len() as u64, limit });
    }
    Ok(bytes)
}

#[cfg(unix)]
fn open_no_follow(path: &Path) -> Result<fs::File, Refusal> {
    use std::os::unix::fs::OpenOptionsExt as _;
    // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer.
    match fs::OpenOptions::new().read(true).custom_flags(libc_flags::NOFOLLOW | libc_flags::NONBLOCK).open(path) {
        Ok(file) => Ok(file),
        Err(e) if e.raw_os_error() == Some(libc_flags::ELOOP) => Err(Refusal::Link),
        Err(e) => Err(Refusal::Io(e.to_string())),
    }
}

/// Elsewhere the link is seen before opening (a small window the Unix path does not have).
#[cfg(not(unix))]
fn open_no_follow(path: &Path) -> Result<fs::File, Refusal> {
    match fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => Err(Refusal::Link),
        Ok(meta) if !meta.is_file() => Err(Refusal::NotRegular),
        Ok(_) => fs::File::open(path).map_err(|e| Refusal::Io(e.to_string())),
        Err(e) => Err(Refusal::Io(e.to_string())),
    }
}

#[cfg(unix)]
mod libc_flags {
    pub use libc::{ELOOP, O_NOFOLLOW as NOFOLLOW, O_NONBLOCK as NONBLOCK};
}

/// The text of a file, with line breaks normalized, or an error naming the line and column
/// of the first invalid byte or forbidden character.
pub fn utf8(file: &InputFile) -> Result<String, Diagnostic> {
    let bytes = file.bytes.as_ref().map_err(Clone::clone)?;
    match std::str::from_utf8(bytes) {
        Ok(text) => allowed_text(&file.path, normalize_newlines(text.to_string())),
        Err(e) => Err(invalid_utf8(&file.path, &bytes[..e.valid_up_to()])),
    }
}

/// `text`, unless it holds a character no input may hold ([`crate::policy::text`]).
fn allowed_text(path: &Path, text: String) -> Result<String, Diagnostic> {
    match crate::policy::text::forbidden(&text) {
        None => Ok(text),
        Some((at, c)) => {
            let (line, column) = crate::diagnostics::position_after(&text[..at]);
            let message = format!("the control character U+{:04X} is not allowed in text (XML and HTML forbid it)", c as u32);
            Err(Diagnostic::error(path, message).at(&text, line, column))
        }
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
    let text = allowed_text(&file.path, normalize_newlines(text))?;
    Ok((file.path, text))
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
        let found = crate::diagnostics::Diagnostics::default();
        crate::data::parse_region("alpha", &file.path, &text, &found);
        let problems = found.sorted();
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
    fn an_article_read_again_must_be_the_one_hashed() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.md"), "---\r\ntitle: 甲\r\n---\r\n正文\r\n").unwrap();
        let reader = Reader::new(dir.path());
        let digest = reader.read_listed(&dir.path().join("a.md"), MAX_ARTICLE_BYTES).digest();
        assert_eq!(reader.read_again(Path::new("a.md"), digest).unwrap(), "---\ntitle: 甲\n---\n正文\n");
        std::fs::write(dir.path().join("a.md"), "---\r\ntitle: 乙\r\n---\r\n正文\r\n").unwrap();
        let changed = reader.read_again(Path::new("a.md"), digest).unwrap_err();
        assert_eq!(
            (changed.path.as_path(), changed.message.as_str()),
            (Path::new("a.md"), "the file changed while the site was being built; build again")
        );
        std::fs::remove_file(dir.path().join("a.md")).unwrap();
        assert!(reader.read_again(Path::new("a.md"), digest).is_err(), "a file removed meanwhile");
    }

    #[test]
    fn files_over_the_limit_are_refused_with_their_size() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("big.md"), "x".repeat(101)).unwrap();
        let reader = Reader::new(dir.path());
        let file = reader.read(&dir.path().join("big.md"), 100);
        assert_eq!(file.bytes.unwrap_err().message, "file is 101 bytes; the limit is 100 bytes");
        assert_eq!(reader.read(&dir.path().join("big.md"), 101).bytes.unwrap().len(), 101);
    }

    #[test]
    fn control_characters_in_text_are_refused_where_they_are() {
        for (bytes, line, column) in [(&b"title: a\x01b\n"[..], 1, 9), (b"a\n\n  \x1b[31m", 3, 3), ("标题\u{FFFF}".as_bytes(), 1, 3)] {
            let file = InputFile { path: "a.yaml".into(), bytes: Ok(bytes.to_vec()) };
            let err = utf8(&file).unwrap_err();
            assert_eq!((err.line, err.column), (line, column), "{err:?}");
            assert!(err.message.contains("control character"), "{}", err.message);
            let err = into_text(InputFile { path: "a.md".into(), bytes: Ok(bytes.to_vec()) }).unwrap_err();
            assert_eq!((err.line, err.column), (line, column));
        }
    }

    /// A site folder with `content/` and, beside it, a secret the site must never read.
    fn site_with_secret() -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path().join("site");
        std::fs::create_dir_all(site.join("content/articles/sub")).unwrap();
        std::fs::create_dir_all(site.join("content/regions")).unwrap();
        std::fs::create_dir_all(site.join("templates")).unwrap();
        std::fs::write(dir.path().join("secret.txt"), "TOKEN=hunter2").unwrap();
        (dir, site)
    }

    #[cfg(unix)]
    #[test]
    fn links_out_of_the_site_are_refused_and_links_inside_followed() {
        use std::os::unix::fs::symlink;
        let (dir, site) = site_with_secret();
        let secret = dir.path().join("secret.txt");
        symlink(&secret, site.join("content/site.yaml")).unwrap();
        symlink(&secret, site.join("templates/style.css")).unwrap();
        symlink(&secret, site.join("content/articles/leak.md")).unwrap();
        symlink("../../../secret.txt", site.join("content/regions/relative.yaml")).unwrap();
        std::fs::write(site.join("content/shared.md"), "---\n").unwrap();
        symlink(site.join("content/shared.md"), site.join("content/articles/inside.md")).unwrap();
        symlink(dir.path(), site.join("content/articles/sub/outside-folder")).unwrap();
        let inputs = read_inputs(&site);
        let outcome = |file: &InputFile| match &file.bytes {
            Ok(bytes) => String::from_utf8_lossy(bytes).into_owned(),
            Err(d) => d.message.clone(),
        };
        let all: Vec<(String, String)> = inputs.files().map(|f| (f.path.display().to_string(), outcome(f))).collect();
        assert!(all.iter().all(|(_, text)| !text.contains("hunter2")), "{all:?}");
        let refused: Vec<&str> = all.iter().filter(|(_, t)| t.contains("leads outside the site folder")).map(|(p, _)| p.as_str()).collect();
        assert_eq!(
            refused,
            ["content/site.yaml", "content/regions/relative.yaml", "content/articles/leak.md", "templates/style.css"],
            "{all:?}"
        );
        assert!(all.contains(&("content/articles/inside.md".to_string(), "---\n".to_string())), "{all:?}");
        assert_eq!(crate::diagnostics::Counts::of(&inputs.problems).errors, 0);
        assert_eq!(inputs.problems[0].path, Path::new("content/articles/sub/outside-folder"));
    }

    #[cfg(unix)]
    #[test]
    fn a_linked_content_folder_cannot_lead_out() {
        let (dir, site) = site_with_secret();
        let elsewhere = dir.path().join("elsewhere");
        std::fs::create_dir_all(elsewhere.join("regions")).unwrap();
        std::fs::write(elsewhere.join("regions/a.yaml"), "name: secret").unwrap();
        std::fs::remove_dir_all(site.join("content/regions")).unwrap();
        std::os::unix::fs::symlink(elsewhere.join("regions"), site.join("content/regions")).unwrap();
        let inputs = read_inputs(&site);
        assert!(inputs.regions.is_empty());
        assert!(inputs.problems.iter().any(|d| d.message.contains("leads outside")));
        let reader = Reader::new(&site);
        assert!(reader.read(&site.join("content/regions/a.yaml"), 100).bytes.is_err(), "read by name, the folder is resolved too");
    }

    #[cfg(unix)]
    #[test]
    fn fifos_are_refused_without_waiting_for_a_writer() {
        let (_dir, site) = site_with_secret();
        let fifo = site.join("content/site.yaml");
        let c_path = std::ffi::CString::new(fifo.as_os_str().as_encoded_bytes()).unwrap();
        assert_eq!(unsafe { libc::mkfifo(c_path.as_ptr(), 0o600) }, 0);
        let inputs = read_inputs(&site);
        assert_eq!(inputs.site_yaml.bytes.unwrap_err().message, "refused: not a regular file (a FIFO, socket or device)");
    }
}
