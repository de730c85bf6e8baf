//! Templates: the Tera instance (built-ins compiled in, overridden by the site's own files)
//! and the typed views templates see.

pub mod views;

use std::collections::BTreeMap;
use std::path::Path;

use tera::{Context, Tera};

use crate::diagnostics::Diagnostic;
use crate::site::read::{utf8, InputFile};

/// The default templates and assets, compiled into the binary so that a site folder with
/// only `content/` builds. A file of the same name in the site's `templates/` replaces one.
pub const BUILTIN_TEMPLATES: &[(&str, &str)] = &[
    ("base.html", include_str!("../../templates/base.html")),
    ("macros.html", include_str!("../../templates/macros.html")),
    ("index.html", include_str!("../../templates/index.html")),
    ("region.html", include_str!("../../templates/region.html")),
    ("article.html", include_str!("../../templates/article.html")),
    ("articles.html", include_str!("../../templates/articles.html")),
    ("compare.html", include_str!("../../templates/compare.html")),
    ("tags.html", include_str!("../../templates/tags.html")),
    ("tag.html", include_str!("../../templates/tag.html")),
    ("404.html", include_str!("../../templates/404.html")),
    ("partials/figure.html", include_str!("../../templates/partials/figure.html")),
    ("feed.xml", include_str!("../../templates/feed.xml")),
    ("sitemap.xml", include_str!("../../templates/sitemap.xml")),
];

/// Static assets copied to the output root (overridable like templates).
pub const BUILTIN_ASSETS: &[(&str, &str)] = &[("style.css", include_str!("../../templates/style.css"))];

/// All templates, each parsed once.
pub struct Templates {
    tera: Tera,
    /// Assets with the site's overrides applied, by output path.
    pub assets: Vec<(String, String)>,
}

impl Templates {
    /// Loads the built-ins, replaced or joined by the site's own `templates/` files (as read by
    /// [`crate::site::read`]): every `.html` and `.xml` file there is a template (the feed and
    /// the sitemap are `feed.xml` and `sitemap.xml`), `style.css` the stylesheet.
    pub fn load(files: &[InputFile]) -> Result<Templates, Vec<Diagnostic>> {
        let mut problems = Vec::new();
        let mut sources: BTreeMap<String, String> = BUILTIN_TEMPLATES.iter().map(|(n, t)| (n.to_string(), t.to_string())).collect();
        let mut assets: BTreeMap<String, String> = BUILTIN_ASSETS.iter().map(|(n, t)| (n.to_string(), t.to_string())).collect();
        for file in files {
            let name = file.path.strip_prefix("templates").unwrap_or(&file.path).to_string_lossy().replace('\\', "/");
            let target = if name.ends_with(".html") || name.ends_with(".xml") {
                &mut sources
            } else if assets.contains_key(&name) {
                &mut assets
            } else {
                continue;
            };
            match utf8(file) {
                Ok(text) => {
                    target.insert(name, text);
                }
                Err(problem) => problems.push(problem),
            }
        }
        let sources: Vec<(String, String)> = sources.into_iter().collect();
        let assets = assets.into_iter().collect();
        let mut tera = Tera::default();
        tera.autoescape_on(vec![".html", ".xml"]);
        tera.set_escape_fn(escape_html);
        if let Err(e) = tera.add_raw_templates(sources.iter().map(|(n, s)| (n.as_str(), s.as_str()))) {
            problems.push(template_error(&e, &sources));
        }
        if problems.is_empty() {
            Ok(Templates { tera, assets })
        } else {
            Err(problems)
        }
    }

    /// Renders `name`; `page` names the page being built, for the error message.
    pub fn render(&self, name: &str, context: &Context, page: &str) -> Result<String, Diagnostic> {
        self.render_bytes(name, context, page, 0).map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
    }

    /// Renders `name` into a buffer of `capacity` bytes to start with (a good guess of the page
    /// size saves the copies of a growing buffer).
    pub fn render_bytes(&self, name: &str, context: &Context, page: &str, capacity: usize) -> Result<Vec<u8>, Diagnostic> {
        let mut out = Vec::with_capacity(capacity);
        self.tera.render_to(name, context, &mut out).map_err(|e| {
            let mut d = template_error(&e, &[]);
            d.message = format!("while rendering {page}: {}", d.message);
            if d.path.as_os_str().is_empty() {
                d.path = Path::new("templates").join(name);
            }
            d
        })?;
        Ok(out)
    }
}

/// Escapes text for HTML content and quoted attributes. Unlike Tera's default it leaves `/`
/// alone, so URLs stay readable in the page source.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut copied = 0;
    // Every character escaped is ASCII, so scanning bytes finds them; the text between them
    // is copied in one piece.
    for (at, byte) in text.bytes().enumerate() {
        let entity = match byte {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&text[copied..at]);
        out.push_str(entity);
        copied = at + 1;
    }
    out.push_str(&text[copied..]);
    out
}

/// A Tera error with its whole chain of causes, located at the template (and, for syntax
/// errors, the line and column) it names. `sources` are the templates' texts, for the snippet.
fn template_error(error: &tera::Error, sources: &[(String, String)]) -> Diagnostic {
    let mut messages = vec![error.to_string()];
    let mut cause = std::error::Error::source(error);
    while let Some(c) = cause {
        messages.push(c.to_string());
        cause = c.source();
    }
    let name = messages.iter().find_map(|m| m.split('\'').nth(1).filter(|n| n.ends_with(".html"))).unwrap_or_default().to_string();
    let path = if name.is_empty() { Default::default() } else { Path::new("templates").join(&name) };
    // Syntax errors carry a pest report: ` --> 3:17`, the line, a caret, then `= expected …`.
    let position = messages.iter().find_map(|m| {
        let (line, column) = m.split(" --> ").nth(1)?.lines().next()?.trim().split_once(':')?;
        Some((line.parse::<usize>().ok()?, column.parse::<usize>().ok()?))
    });
    let expected = messages.iter().find_map(|m| m.lines().find_map(|l| l.trim().strip_prefix("= ").map(str::to_owned)));
    let summary: Vec<&str> =
        messages.iter().map(|m| m.lines().next().unwrap_or("").trim()).filter(|m| !m.is_empty() && !m.starts_with("-->")).collect();
    let mut message = summary.join(": ");
    if let Some(expected) = expected {
        message = format!("{message}: {expected}");
    }
    let diagnostic = Diagnostic::error(path, message);
    match (position, sources.iter().find(|(n, _)| *n == name)) {
        (Some((line, column)), Some((_, text))) => diagnostic.at(text, line, column),
        _ => diagnostic,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_covers_markup_and_quotes_and_keeps_everything_else() {
        assert_eq!(escape_html(r#"<a href="x">湖南 & 'y'</a>/"#), "&lt;a href=&quot;x&quot;&gt;湖南 &amp; &#39;y&#39;&lt;/a&gt;/");
        assert_eq!(escape_html("催收"), "催收");
        assert_eq!(escape_html("&"), "&amp;");
        assert_eq!(escape_html(""), "");
    }

    fn template(name: &str, text: &str) -> InputFile {
        InputFile { path: Path::new("templates").join(name), bytes: Ok(text.as_bytes().to_vec()) }
    }

    #[test]
    fn builtins_parse_and_site_templates_override_them() {
        assert!(Templates::load(&[]).is_ok());
        let t = Templates::load(&[template("404.html", "custom {{ 1 + 1 }}")]).unwrap();
        assert_eq!(t.render("404.html", &Context::new(), "404.html").unwrap(), "custom 2");
    }

    #[test]
    fn a_new_partial_of_the_site_is_loaded() {
        let partial = template("partials/note.html", "<aside>{{ text }}</aside>");
        let page = template("404.html", "{% include \"partials/note.html\" %}");
        let t = Templates::load(&[page, partial]).unwrap();
        let mut context = Context::new();
        context.insert("text", "注意");
        assert_eq!(t.render("404.html", &context, "404.html").unwrap(), "<aside>注意</aside>");
    }

    #[test]
    fn syntax_errors_name_the_template_and_line() {
        let errs = Templates::load(&[template("tag.html", "ok\n{% if %}\n")]).err().unwrap();
        assert_eq!(errs[0].path, Path::new("templates/tag.html"), "{:?}", errs[0]);
        assert_eq!(errs[0].line, 2, "{:?}", errs[0]);
    }
}
