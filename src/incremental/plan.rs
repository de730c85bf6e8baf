//! Deciding what a set of file changes touches. Pure: tests call it with made-up changes.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// What happened to a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChangeKind {
    /// Created, modified, or renamed into place (editors' atomic saves end this way).
    Written,
    /// Deleted or renamed away.
    Removed,
}

/// A change to a file, its path relative to the site root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub path: PathBuf,
    pub kind: ChangeKind,
}

/// The scope of a rebuild.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Rebuild {
    /// site.yaml or the base template changed: every page depends on it.
    pub everything: bool,
    /// Article files written (re-render the article and the pages that list it).
    pub articles: BTreeSet<PathBuf>,
    /// Article files removed (their pages go).
    pub removed_articles: BTreeSet<PathBuf>,
    /// Folders under `content/articles/` that appeared or disappeared (moved in or out, or
    /// deleted whole): the articles in them are added or removed.
    pub folders: BTreeSet<PathBuf>,
    /// Region ids whose data changed (redraw their charts, re-render the pages showing them).
    pub regions: BTreeSet<String>,
    /// Templates and assets changed, by name under `templates/`.
    pub templates: BTreeSet<String>,
}

impl Rebuild {
    pub fn is_empty(&self) -> bool {
        *self == Rebuild::default()
    }
}

/// Files editors write while saving (swap files, backups, atomic-save temporaries): never content.
pub fn is_editor_temporary(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    name.starts_with(".#")
        || name.starts_with('~')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name == "4913"
        || (name.starts_with('.') && name.contains(".sb-"))
}

/// Classifies changes into what must be rebuilt.
pub fn plan(changes: &[Change]) -> Rebuild {
    let mut rebuild = Rebuild::default();
    for change in changes.iter().filter(|c| !is_editor_temporary(&c.path)) {
        let mut parts = change.path.components().map(|c| c.as_os_str().to_string_lossy().into_owned());
        let extension = change.path.extension().and_then(|e| e.to_str()).unwrap_or("");
        match (parts.next().as_deref(), parts.next().as_deref()) {
            (Some("content"), Some("site.yaml")) => rebuild.everything = true,
            (Some("content"), Some("regions")) if matches!(extension, "yaml" | "yml") => {
                if let Some(id) = change.path.file_stem().and_then(|s| s.to_str()) {
                    rebuild.regions.insert(id.to_string());
                }
            }
            (Some("content"), Some("articles")) if extension == "md" => {
                let set = match change.kind {
                    ChangeKind::Written => &mut rebuild.articles,
                    ChangeKind::Removed => &mut rebuild.removed_articles,
                };
                set.insert(change.path.clone());
            }
            // A folder of articles moved or removed: its files' own events may not all arrive.
            (Some("content"), Some("articles")) if extension.is_empty() && parts.next().is_some() => {
                rebuild.folders.insert(change.path.clone());
            }
            (Some("templates"), Some(_)) => {
                let name = change.path.strip_prefix("templates").unwrap_or(&change.path).to_string_lossy().replace('\\', "/");
                if name == "base.html" || name == "macros.html" {
                    rebuild.everything = true;
                }
                rebuild.templates.insert(name);
            }
            _ => {}
        }
    }
    rebuild
}

#[cfg(test)]
mod tests {
    use super::*;

    fn written(path: &str) -> Change {
        Change { path: path.into(), kind: ChangeKind::Written }
    }

    fn removed(path: &str) -> Change {
        Change { path: path.into(), kind: ChangeKind::Removed }
    }

    #[test]
    fn an_article_edit_touches_that_article() {
        let r = plan(&[written("content/articles/hunan/a.md")]);
        assert_eq!(r.articles.iter().collect::<Vec<_>>(), [Path::new("content/articles/hunan/a.md")]);
        assert!(!r.everything && r.regions.is_empty());
    }

    #[test]
    fn a_region_edit_touches_that_region() {
        let r = plan(&[written("content/regions/hunan.yaml"), written("content/regions/gansu.yml")]);
        assert_eq!(r.regions.iter().map(String::as_str).collect::<Vec<_>>(), ["gansu", "hunan"]);
        assert!(r.articles.is_empty() && !r.everything);
    }

    #[test]
    fn a_rename_removes_the_old_page_and_writes_the_new() {
        let r = plan(&[removed("content/articles/old.md"), written("content/articles/new.md")]);
        assert!(r.removed_articles.contains(Path::new("content/articles/old.md")));
        assert!(r.articles.contains(Path::new("content/articles/new.md")));
    }

    #[test]
    fn site_settings_and_the_base_layout_touch_everything() {
        assert!(plan(&[written("content/site.yaml")]).everything);
        assert!(plan(&[written("templates/base.html")]).everything);
        let page_template = plan(&[written("templates/region.html")]);
        assert!(!page_template.everything);
        assert!(page_template.templates.contains("region.html"));
    }

    #[test]
    fn editor_temporaries_and_unrelated_files_are_ignored() {
        let r = plan(&[
            written("content/articles/.a.md.swp"),
            written("content/articles/a.md~"),
            written("content/articles/4913"),
            written("content/regions/.#hunan.yaml"),
            written("content/notes.txt"),
            written("output/index.html"),
        ]);
        assert!(r.is_empty(), "{r:?}");
    }

    #[test]
    fn a_burst_of_events_for_one_file_is_one_rebuild() {
        let burst: Vec<Change> = (0..50).map(|_| written("content/articles/a.md")).collect();
        assert_eq!(plan(&burst).articles.len(), 1);
    }

    #[test]
    fn folders_of_articles_appearing_or_going_are_noted() {
        let r = plan(&[removed("content/articles/hunan"), written("content/articles/new-folder")]);
        assert_eq!(r.folders.len(), 2);
        assert!(!r.everything);
    }
}
