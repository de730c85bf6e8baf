//! How long `serve` takes to bring its output up to date after one edit, measured in-process
//! (no file watcher, no browser): the part of an edit's latency that the program controls.
//!
//!   cargo run --release --example serve_update -- SITE [EDITS]
//!
//! SITE is a site folder (e.g. one made by the `synth` example); it is copied to a temporary
//! folder first. For each kind of edit (an article body, an article title, a region file) it
//! saves EDITS edits one after another and prints the median and range of `Session::apply`.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use regionreport::incremental::plan::{plan, Change, ChangeKind};
use regionreport::incremental::Session;
use regionreport::site::BuildOptions;

fn main() -> anyhow::Result<()> {
    env_logger::Builder::from_env(env_logger::Env::default().default_filter_or("warn")).init();
    let mut args = std::env::args().skip(1);
    let source = PathBuf::from(args.next().ok_or_else(|| anyhow::anyhow!("usage: serve_update SITE [EDITS]"))?);
    let edits: usize = args.next().map_or(Ok(9), |n| n.parse())?;
    let work = tempfile::tempdir()?;
    copy_folder(&source.join("content"), &work.path().join("content"))?;
    let root = work.path().to_path_buf();
    let options = BuildOptions { root: root.clone(), ..Default::default() };
    let mut session = Session::new(options);
    session.apply(&plan(&[]))?;

    let article = first_file(&root.join("content/articles"), "md")?;
    let region = first_file(&root.join("content/regions"), "yaml")?;
    println!("| edit | median | range |\n|---|---|---|");
    measure(&mut session, &root, "article body", &article, edits, |text, i| format!("{}\n\nEdit {i}.\n", text.trim_end()))?;
    measure(&mut session, &root, "article title", &article, edits, |text, i| text.replacen("title: ", &format!("title: {i} "), 1))?;
    measure(&mut session, &root, "region file", &region, edits, |text, i| text.replacen("summary: ", &format!("summary: {i} "), 1))?;
    Ok(())
}

/// Saves `edits` edits of `file`, applying each to the session, and prints the times.
fn measure(
    session: &mut Session,
    root: &Path,
    label: &str,
    file: &Path,
    edits: usize,
    edit: impl Fn(&str, usize) -> String,
) -> anyhow::Result<()> {
    let mut times: Vec<Duration> = Vec::with_capacity(edits);
    for i in 0..edits {
        let text = std::fs::read_to_string(file)?;
        std::fs::write(file, edit(&text, i))?;
        let change = Change { path: file.strip_prefix(root)?.to_path_buf(), kind: ChangeKind::Written };
        let started = Instant::now();
        let update = session.apply(&plan(&[change]))?;
        times.push(started.elapsed());
        anyhow::ensure!(!update.full, "the edit was not applied incrementally");
    }
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!("| {label} | {:.1} ms | {:.1}–{:.1} ms |", ms(times[times.len() / 2]), ms(times[0]), ms(times[times.len() - 1]));
    Ok(())
}

/// The first file with extension `ext` under `folder`, in name order.
fn first_file(folder: &Path, ext: &str) -> anyhow::Result<PathBuf> {
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(folder)
        .into_iter()
        .flatten()
        .map(walkdir::DirEntry::into_path)
        .filter(|p| p.extension().is_some_and(|x| x == ext))
        .collect();
    files.sort();
    files.into_iter().next().ok_or_else(|| anyhow::anyhow!("no .{ext} file under {}", folder.display()))
}

fn copy_folder(from: &Path, to: &Path) -> anyhow::Result<()> {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry?;
        let target = to.join(entry.path().strip_prefix(from)?);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target)?;
        } else {
            std::fs::copy(entry.path(), &target)?;
        }
    }
    Ok(())
}
