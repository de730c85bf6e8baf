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
    ("region_articles.html", include_str!("../../templates/region_articles.html")),
    ("article.html", include_str!("../../templates/article.html")),
    ("articles.html", include_str!("../../templates/articles.html")),
    ("compare.html", include_str!("../../templates/compare.html")),
    ("tags.html", include_str!("../../templates/tags.html")),
    ("tag.html", include_str!("../../templates/tag.html")),
    ("search.html", include_str!("../../templates/search.html")),
    ("404.html", include_str!("../../templates/404.html")),
    ("partials/figure.html", include_str!("../../templates/partials/figure.html")),
    ("feed.xml", include_str!("../../templates/feed.xml")),
    ("sitemap.xml", include_str!("../../templates/sitemap.xml")),
];

/// Static assets copied to the output root (overridable like templates).
pub const BUILTIN_ASSETS: &[(&str, &str)] = &[
    ("style.css", include_str!("../../templates/style.css")),
    ("favicon.svg", include_str!("../../templates/favicon.svg")),
    ("search.js", include_str!("../../templates/search.js")),
];

/// All templates, each parsed once.
pub struct Templates {
    tera: Tera,
    /// Assets with the site's overrides applied, by output path.
    pub assets: Vec<(String, String)>,
}

impl Templates {
    /// Loads the built-ins, replaced or joined by the site's own `templates/` files (as read by
    /// [`crate::site::read`]): every `.html` and `.xml` file there is a template (the feed and
    /// the sitemap are `feed.xml` and `sitemap.xml`), `style.css` the stylesheet, `favicon.svg`
    /// the icon, `search.js` the search page's script.
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
        // Each template is parsed on its own first, so a syntax error belongs to the template
        // that has it (and every broken template is reported, not only the first).
        let syntax: Vec<Diagnostic> = sources
            .iter()
            .filter_map(|(name, text)| tera::Template::new(name, None, text).err().map(|e| syntax_error(&e, name, text)))
            .collect();
        if !syntax.is_empty() {
            problems.extend(syntax);
        } else if let Err(e) = tera.add_raw_templates(sources.iter().map(|(n, s)| (n.as_str(), s.as_str()))) {
            problems.push(linking_error(&e));
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
        self.tera.render_to(name, context, &mut out).map_err(|e| render_error(&e, name, page))?;
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

/// The messages of a Tera error and of each of its causes, first line of each.
fn chain(error: &tera::Error) -> Vec<String> {
    let mut messages = vec![error.to_string()];
    let mut cause = std::error::Error::source(error);
    while let Some(c) = cause {
        messages.push(c.to_string());
        cause = c.source();
    }
    messages
}

/// A syntax error of template `name`. Tera 1 hands the parser's report over as text only, so
/// the line, column and expectation are read from it (` --> 3:17` … `= expected …`); the
/// template it belongs to is known without reading anything.
fn syntax_error(error: &tera::Error, name: &str, text: &str) -> Diagnostic {
    let messages = chain(error);
    let position = messages.iter().find_map(|m| {
        let (line, column) = m.split(" --> ").nth(1)?.lines().next()?.trim().split_once(':')?;
        Some((line.parse::<usize>().ok()?, column.parse::<usize>().ok()?))
    });
    let expected = messages.iter().find_map(|m| m.lines().find_map(|l| l.trim().strip_prefix("= ").map(str::to_owned)));
    let message = match expected {
        Some(expected) => format!("Failed to parse '{name}': {expected}"),
        None => format!("Failed to parse '{name}'"),
    };
    let diagnostic = Diagnostic::error(Path::new("templates").join(name), message);
    match position {
        Some((line, column)) => diagnostic.at(text, line, column),
        None => diagnostic,
    }
}

/// An error joining templates that each parse: a missing or circular parent, by its kind.
fn linking_error(error: &tera::Error) -> Diagnostic {
    let (template, message) = match &error.kind {
        tera::ErrorKind::MissingParent { current, parent } => {
            (current.clone(), format!("`{current}` extends `{parent}`, which is neither a built-in template nor in templates/"))
        }
        tera::ErrorKind::CircularExtend { tpl, inheritance_chain } => {
            (tpl.clone(), format!("`{tpl}` extends itself through {}", inheritance_chain.join(" → ")))
        }
        _ => (String::new(), chain(error).join(": ")),
    };
    let path = if template.is_empty() { Path::new("templates").to_path_buf() } else { Path::new("templates").join(template) };
    Diagnostic::error(path, message)
}

/// An error rendering template `name` for the page `page`, at that template; the message is
/// Tera's own, cause by cause.
fn render_error(error: &tera::Error, name: &str, page: &str) -> Diagnostic {
    let summary: Vec<String> =
        chain(error).iter().map(|m| m.lines().next().unwrap_or("").trim().to_string()).filter(|m| !m.is_empty()).collect();
    let message = match &error.kind {
        tera::ErrorKind::TemplateNotFound(missing) => format!("template `{missing}` not found (neither built in nor in templates/)"),
        _ => summary.join(": "),
    };
    Diagnostic::error(Path::new("templates").join(name), format!("while rendering {page}: {message}"))
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
    fn every_broken_template_is_reported_with_its_position() {
        let errs = Templates::load(&[template("tag.html", "ok\n{% if %}\n"), template("tags.html", "{{ a | }}\n")]).err().unwrap();
        let located: Vec<(String, usize)> = errs.iter().map(|d| (d.path.display().to_string(), d.line)).collect();
        assert_eq!(located, [("templates/tag.html".to_string(), 2), ("templates/tags.html".to_string(), 1)], "{errs:?}");
    }

    #[test]
    fn a_missing_or_circular_parent_names_the_template() {
        let errs = Templates::load(&[template("404.html", "{% extends \"nope.html\" %}")]).err().unwrap();
        assert_eq!(errs[0].path, Path::new("templates/404.html"));
        assert_eq!(errs[0].message, "`404.html` extends `nope.html`, which is neither a built-in template nor in templates/");
        let circular = [template("a.html", "{% extends \"b.html\" %}"), template("b.html", "{% extends \"a.html\" %}")];
        let errs = Templates::load(&circular).err().unwrap();
        assert!(errs[0].message.contains("extends itself through"), "{errs:?}");
    }

    #[test]
    fn a_render_error_names_the_template_and_the_page() {
        let t =
            Templates::load(&[template("404.html", "{{ missing.field }}"), template("tags.html", "{% include \"gone.html\" %}")]).unwrap();
        let err = t.render("404.html", &Context::new(), "404.html").unwrap_err();
        assert_eq!(err.path, Path::new("templates/404.html"));
        assert!(err.message.starts_with("while rendering 404.html: ") && err.message.contains("missing.field"), "{err:?}");
        let err = t.render("tags.html", &Context::new(), "tags/index.html").unwrap_err();
        assert!(err.message.contains("gone.html"), "{err:?}");
    }

    #[test]
    fn syntax_errors_name_the_template_and_line() {
        let errs = Templates::load(&[template("tag.html", "ok\n{% if %}\n")]).err().unwrap();
        assert_eq!(errs[0].path, Path::new("templates/tag.html"), "{:?}", errs[0]);
        assert_eq!(errs[0].line, 2, "{:?}", errs[0]);
    }
}
