//! `regionreport import`: an article copied from the web (text or a saved HTML page) made into
//! a clean draft of the site. The steps, in order:
//!
//! 1. [`page`]: read the input; from HTML, extract the article and turn it into Markdown;
//! 2. remove pinyin glosses, then convert to the site's script ([`crate::content::script`]);
//! 3. [`clean`]: take out the page's furniture, spam, teasers, the repeated title, link lists;
//! 4. [`structure`]: sections, subsections, lists, the lead and the closing as Markdown, the
//!    words made safe by [`markup`] (plain text escaped, a page's links checked);
//! 5. [`meta`]: date, author, source, region and slug;
//! 6. write the draft (`draft: true`) and report what the damage checks still find in it,
//!    at their line and column in the written file.

pub mod clean;
pub mod markup;
pub mod meta;
pub mod page;
pub mod structure;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::content::date::Date;
use crate::content::{damage, script};
use crate::data::Region;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::policy::name;

/// What `import` is asked to do beyond its inputs.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    pub root: PathBuf,
    pub region: Option<String>,
    pub date: Option<String>,
    pub slug: Option<String>,
}

/// What import needs to know about the site.
pub struct SiteFacts {
    pub language: String,
    pub regions: Vec<Region>,
    /// Slugs of the articles the site has (file names), and of those imported so far.
    pub taken: BTreeSet<String>,
}

impl SiteFacts {
    /// Reads `content/site.yaml` and the region files of the site at `root`, and lists its
    /// articles. Region files with errors are left out (`check` reports them).
    pub fn load(root: &Path) -> Result<SiteFacts, String> {
        let reader = crate::site::read::Reader::new(root);
        let site_yaml = reader.read(&root.join("content/site.yaml"), crate::site::read::MAX_DATA_BYTES);
        let text = crate::site::read::utf8(&site_yaml).map_err(|d| d.headline())?;
        let config = crate::config::SiteConfig::parse(&site_yaml.path, &text).map_err(|d| d.headline())?;
        let problems = Diagnostics::default();
        let region_files: Vec<_> = reader
            .list("content/regions", &["yaml", "yml"], false, &problems)
            .iter()
            .map(|p| reader.read(&root.join(p), crate::site::read::MAX_DATA_BYTES))
            .collect();
        let regions = crate::site::load::load_regions(&region_files, &problems);
        let articles = reader.list("content/articles", &["md"], true, &problems);
        let taken = articles.iter().filter_map(|p| p.file_stem()?.to_str().map(str::to_owned)).collect();
        Ok(SiteFacts { language: config.language, regions, taken })
    }
}

/// An imported article, ready to be written.
#[derive(Debug)]
pub struct Imported {
    /// Where it goes, relative to the site root: `content/articles/<region>/<slug>.md`.
    pub path: PathBuf,
    pub text: String,
    pub slug: String,
    pub removed: Vec<clean::Removed>,
    pub glosses_removed: usize,
    /// Problems left in the written text, at their line and column in it.
    pub warnings: Vec<Diagnostic>,
}

/// Makes the draft for one input. `Err` says why the input cannot be imported.
pub fn import(input: &Path, site: &SiteFacts, options: &ImportOptions) -> Result<Imported, String> {
    import_page(page::read(input)?, site, options)
}

/// Makes the draft from a page already read.
pub fn import_page(page: page::Page, site: &SiteFacts, options: &ImportOptions) -> Result<Imported, String> {
    let (text, glosses_removed) = script::strip_glosses(&page.text);
    let text = script::to_site_script(&text, &site.language);
    let page_title = page.title.as_deref().map(|t| script::to_site_script(&script::strip_glosses(t).0, &site.language));
    let cleaned = clean::clean(&text, page_title.as_deref());
    let title = cleaned.title.clone().ok_or("no title found: the text has no short first line that reads as a title")?;
    let as_markdown: &dyn Fn(&str) -> String = if page.markdown { &markup::defuse } else { &markup::escape_text };
    let structured = structure::structure(&cleaned.lines, as_markdown);
    if structured.blocks.is_empty() {
        return Err("nothing is left of the article once the page's furniture is taken out".into());
    }
    let date = match &options.date {
        Some(date) => Date::parse(date).map_err(|why| format!("--date: {why}"))?,
        None => meta::date(&cleaned.removed, &page)?,
    };
    let body: String = structured.blocks.iter().map(|(_, block)| block.as_str()).collect::<Vec<_>>().join("\n\n");
    let (region, region_problem) = match &options.region {
        Some(id) => (Some(known_region(id, &site.regions)?), None),
        None => match meta::region(&title, &body, &site.regions) {
            Ok(region) => (Some(region.id.clone()), None),
            Err(why) => (None, Some(why)),
        },
    };
    let slug = match &options.slug {
        Some(slug) => name::slug(slug).map(|()| slug.clone()).map_err(|why| format!("--slug `{slug}`: {why}"))?,
        None => meta::slug(&title, &site.taken),
    };
    let draft = Draft {
        title: &title,
        date,
        author: meta::author(&cleaned.removed, &page),
        region: region.as_deref(),
        summary: structured.summary.as_deref(),
        origin: meta::origin(&cleaned.removed, &page),
        body: &body,
    };
    let text = draft.write();
    let path = match &region {
        Some(region) => PathBuf::from(format!("content/articles/{region}/{slug}.md")),
        None => PathBuf::from(format!("content/articles/{slug}.md")),
    };
    let mut warnings: Vec<Diagnostic> = region_problem.map(|why| Diagnostic::warning(&path, why).at(&text, 1, 1)).into_iter().collect();
    warnings.extend(damage::scan(&path, &text));
    Ok(Imported { path, text, slug, removed: cleaned.removed, glosses_removed, warnings })
}

/// Writes the draft under `root`, never over an existing file unless `force`, and never
/// through a link: a symbolic link anywhere on its path, or a file with other names (a hard
/// link, perhaps to a file outside the site), is refused. With `force` the draft is written
/// beside the old file and renamed over it, so no existing file's content is ever changed.
pub fn write(root: &Path, imported: &Imported, force: bool) -> Result<(), String> {
    let target = root.join(&imported.path);
    let mut partial = root.to_path_buf();
    for component in imported.path.components() {
        partial.push(component);
        if std::fs::symlink_metadata(&partial).is_ok_and(|m| m.file_type().is_symlink()) {
            return Err(format!("{} is a symbolic link: not writing through it", partial.display()));
        }
    }
    if let Ok(existing) = std::fs::symlink_metadata(&target) {
        if !force {
            return Err(format!("{} already exists: give --force to replace it, or another --slug", imported.path.display()));
        }
        if let Some(links) = hard_links(&existing) {
            return Err(format!(
                "{} has {links} hard links (it is also a file elsewhere): not writing through it",
                imported.path.display()
            ));
        }
    }
    if let Some(folder) = target.parent() {
        std::fs::create_dir_all(folder).map_err(|e| format!("cannot create {}: {e}", folder.display()))?;
    }
    let cannot = |e: std::io::Error| match e.kind() {
        std::io::ErrorKind::AlreadyExists => {
            format!("{} already exists: give --force to replace it, or another --slug", imported.path.display())
        }
        _ => format!("cannot write {}: {e}", imported.path.display()),
    };
    if !force {
        let mut file = create_new(&target).map_err(cannot)?;
        return std::io::Write::write_all(&mut file, imported.text.as_bytes()).map_err(cannot);
    }
    let staged = target.with_extension("md.regionreport-import");
    // A leftover of an interrupted import is ours: removed (a link as a link).
    let _ = std::fs::remove_file(&staged);
    let mut file = create_new(&staged).map_err(cannot)?;
    std::io::Write::write_all(&mut file, imported.text.as_bytes()).map_err(cannot)?;
    drop(file);
    std::fs::rename(&staged, &target).map_err(|e| {
        let _ = std::fs::remove_file(&staged);
        cannot(e)
    })
}

/// A new file, never an existing one and never through a symbolic link.
fn create_new(path: &Path) -> std::io::Result<std::fs::File> {
    let mut open = std::fs::OpenOptions::new();
    open.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(&mut open, libc::O_NOFOLLOW);
    open.open(path)
}

/// How many names (hard links) a file has, if more than one.
fn hard_links(metadata: &std::fs::Metadata) -> Option<u64> {
    #[cfg(unix)]
    {
        let links = std::os::unix::fs::MetadataExt::nlink(metadata);
        (links > 1).then_some(links)
    }
    #[cfg(not(unix))]
    {
        let _ = metadata;
        None
    }
}

/// `imported FILE -> PATH`, then what was removed: counted by kind, or (`verbose`) line by line.
pub fn summary(input: &Path, imported: &Imported, verbose: bool) -> String {
    let mut out = format!("imported {} -> {}", input.display(), imported.path.display());
    let mut counts: std::collections::BTreeMap<&str, usize> = Default::default();
    for removed in &imported.removed {
        *counts.entry(removed.reason.name()).or_default() += 1;
    }
    let mut parts: Vec<String> = counts.iter().map(|(name, n)| format!("{name} {n}")).collect();
    if imported.glosses_removed > 0 {
        parts.push(format!("pinyin glosses {}", imported.glosses_removed));
    }
    if !parts.is_empty() {
        out.push_str(&format!("\n  removed: {}", parts.join(", ")));
    }
    if verbose {
        for removed in &imported.removed {
            out.push_str(&format!("\n  line {} ({}): {}", removed.line.number, removed.reason.name(), removed.line.text));
        }
    }
    out
}

fn known_region(id: &str, regions: &[Region]) -> Result<String, String> {
    match regions.iter().find(|r| r.id == id) {
        Some(region) => Ok(region.id.clone()),
        None => {
            let known: Vec<&str> = regions.iter().map(|r| r.id.as_str()).collect();
            Err(format!("--region `{id}` is not a region of the site (it has: {})", known.join(", ")))
        }
    }
}

/// The article as written: front matter, then the body.
struct Draft<'a> {
    title: &'a str,
    date: Date,
    author: Option<String>,
    region: Option<&'a str>,
    summary: Option<&'a str>,
    origin: meta::Origin,
    body: &'a str,
}

impl Draft<'_> {
    fn write(&self) -> String {
        let mut out = String::from("---\n");
        out.push_str(&format!("title: {}\ndate: {}\n", yaml_string(self.title), self.date));
        if let Some(author) = &self.author {
            out.push_str(&format!("author: {}\n", yaml_string(author)));
        }
        if let Some(region) = self.region {
            out.push_str(&format!("region: {region}\n"));
        }
        if let Some(summary) = self.summary {
            out.push_str(&format!("summary: {}\n", yaml_string(summary)));
        }
        let origin = &self.origin;
        if origin.url.is_some() || origin.name.is_some() || origin.rights.is_some() {
            out.push_str("source:\n");
            for (key, value) in [("url", &origin.url), ("name", &origin.name), ("rights", &origin.rights)] {
                if let Some(value) = value {
                    out.push_str(&format!("  {key}: {}\n", yaml_string(value)));
                }
            }
        }
        out.push_str("draft: true\n---\n\n");
        out.push_str(self.body);
        out.push('\n');
        out
    }
}

/// `text` as a double-quoted YAML scalar: safe for any text (colons, quotes, `#`, newlines).
fn yaml_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() || crate::policy::text::is_forbidden(c) => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::yaml_string;

    #[test]
    fn yaml_strings_survive_any_text() {
        assert_eq!(yaml_string(r#"标题："引号"\斜杠 # 注释"#), r#""标题：\"引号\"\\斜杠 # 注释""#);
        assert_eq!(yaml_string("两行\n文字\u{7}"), "\"两行\\n文字\"");
    }
}
