//! Markdown to HTML: CommonMark with tables, footnotes, strikethrough, task lists and heading
//! anchors; `@/` links resolved between pages; untrusted HTML sanitized.

use std::collections::HashSet;

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use super::shortcode::{self, ChartRef};
use super::slug;

/// A heading of an article, for its table of contents.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    pub text: String,
}

/// What rendering an article body produced.
#[derive(Debug, Default)]
pub struct Rendered {
    /// HTML, with chart placeholders still in it (see [`shortcode`]).
    pub html: String,
    pub headings: Vec<Heading>,
    pub charts: Vec<ChartRef>,
    /// Problems with their 1-based body line.
    pub problems: Vec<(usize, String)>,
    /// Number of characters of text (for reading time).
    pub text_chars: usize,
    /// The text of the first paragraph, used when front matter has no summary.
    pub first_paragraph: String,
}

/// How to render: where the page sits and how to resolve `@/` links.
pub struct RenderSettings<'a> {
    /// Keep raw HTML as written instead of sanitizing it.
    pub allow_raw_html: bool,
    /// Maps an internal target such as `articles/foo.md` to a URL relative to the page.
    pub resolve: &'a (dyn Fn(&str) -> Option<String> + Sync),
}

/// Renders a Markdown body.
pub fn render(body: &str, settings: &RenderSettings) -> Rendered {
    let expanded = shortcode::expand(body);
    let mut rendered = Rendered { charts: expanded.charts, problems: expanded.errors, ..Rendered::default() };
    let line_starts = line_starts(&expanded.text);
    let line_of = |offset: usize| {
        let out_line = line_starts.partition_point(|&start| start <= offset).max(1);
        expanded.source_line.get(out_line - 1).copied().unwrap_or(out_line)
    };

    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES;
    let mut events: Vec<Event> = Vec::new();
    let mut needs_sanitizer = false;
    let mut used_ids = HashSet::new();
    let mut open_heading: Option<usize> = None;
    let mut paragraph_depth = 0usize;
    let mut first_paragraph_done = false;

    for (event, range) in Parser::new_ext(&expanded.text, options).into_offset_iter() {
        let event = match event {
            Event::Start(Tag::Heading { .. }) => {
                open_heading = Some(events.len());
                event
            }
            Event::End(TagEnd::Heading(level)) => {
                if let Some(start) = open_heading.take() {
                    name_heading(&mut events, start, level, &mut used_ids, &mut rendered.headings);
                }
                event
            }
            Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
                let dest_url = resolve_link(dest_url, settings, &mut needs_sanitizer, &mut rendered.problems, line_of(range.start));
                Event::Start(Tag::Link { link_type, dest_url, title, id })
            }
            Event::Start(Tag::Image { link_type, dest_url, title, id }) => {
                let dest_url = resolve_link(dest_url, settings, &mut needs_sanitizer, &mut rendered.problems, line_of(range.start));
                Event::Start(Tag::Image { link_type, dest_url, title, id })
            }
            Event::Html(_) | Event::InlineHtml(_) => {
                needs_sanitizer = true;
                event
            }
            Event::Start(Tag::Paragraph) => {
                paragraph_depth += 1;
                event
            }
            Event::End(TagEnd::Paragraph) => {
                paragraph_depth -= 1;
                if !rendered.first_paragraph.is_empty() {
                    first_paragraph_done = true;
                }
                event
            }
            Event::Text(ref text) | Event::Code(ref text) => {
                rendered.text_chars += text.chars().count();
                if paragraph_depth > 0 && !first_paragraph_done && !text.contains(shortcode::PLACEHOLDER_MARK) {
                    rendered.first_paragraph.push_str(text);
                }
                event
            }
            other => other,
        };
        events.push(event);
    }

    let mut html = String::with_capacity(expanded.text.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    rendered.html = if needs_sanitizer && !settings.allow_raw_html { sanitize(&html) } else { html };
    rendered
}

/// Gives the heading that starts at `events[start]` an id (its own `{#id}`, or one made from
/// its text) and records it for the table of contents.
fn name_heading<'a>(events: &mut [Event<'a>], start: usize, level: HeadingLevel, used: &mut HashSet<String>, headings: &mut Vec<Heading>) {
    let text: String = events[start + 1..]
        .iter()
        .filter_map(|e| match e {
            Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
            _ => None,
        })
        .collect();
    if let Event::Start(Tag::Heading { id, .. }) = &mut events[start] {
        let base = match id.take() {
            Some(own) => slug::anchor(&own),
            None => slug::anchor(&text),
        };
        let mut unique = base.clone();
        let mut n = 1;
        while !used.insert(unique.clone()) {
            unique = format!("{base}-{n}");
            n += 1;
        }
        *id = Some(CowStr::from(unique.clone()));
        headings.push(Heading { level: level as u8, id: unique, text });
    }
}

/// Resolves `@/…` links, and notes whether a URL needs the sanitizer's scheme check.
fn resolve_link<'a>(
    dest: CowStr<'a>,
    settings: &RenderSettings,
    needs_sanitizer: &mut bool,
    problems: &mut Vec<(usize, String)>,
    line: usize,
) -> CowStr<'a> {
    if let Some(target) = dest.strip_prefix("@/") {
        let (path, fragment) = match target.split_once('#') {
            Some((p, f)) => (p, Some(f)),
            None => (target, None),
        };
        return match (settings.resolve)(path) {
            Some(url) => match fragment {
                Some(f) => CowStr::from(format!("{url}#{f}")),
                None => CowStr::from(url),
            },
            None => {
                problems.push((line, format!("link to `@/{target}`: no such page")));
                dest
            }
        };
    }
    if !has_safe_scheme(&dest) {
        *needs_sanitizer = true;
    }
    dest
}

/// True for relative URLs and http(s)/mailto ones; anything else goes through the sanitizer.
fn has_safe_scheme(url: &str) -> bool {
    !url.contains(':') || url.starts_with("https://") || url.starts_with("http://") || url.starts_with("mailto:")
}

/// Removes scripts, event handlers, `javascript:`/`data:` URLs, iframes and the like.
pub fn sanitize(html: &str) -> String {
    use std::sync::OnceLock;
    static CLEANER: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    let cleaner = CLEANER.get_or_init(|| {
        let mut b = ammonia::Builder::default();
        b.add_generic_attributes(["id", "class"])
            .add_tags(["input"])
            .add_tag_attributes("input", ["type", "checked", "disabled"])
            .url_schemes(["http", "https", "mailto"].into_iter().collect());
        b
    });
    cleaner.clean(html).to_string()
}

fn line_starts(text: &str) -> Vec<usize> {
    std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1)).collect()
}

#[cfg(test)]
mod tests;
