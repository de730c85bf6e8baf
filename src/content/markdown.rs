//! Markdown to HTML: CommonMark with tables, footnotes, strikethrough, task lists and heading
//! anchors; `@/` links resolved between pages; untrusted HTML sanitized.
//!
//! Safety is decided on the parser's events, not on the text. pulldown-cmark's HTML writer
//! escapes every text and attribute it writes; the only markup from the input that reaches the
//! page unescaped is raw HTML, and the only attribute values taken from it are link and image
//! URLs, heading attributes, footnote labels and code-block languages. So: every URL goes
//! through [`crate::policy::url`] (a refused one is an error and never written), heading
//! classes and attributes are dropped (only the id, remade by [`slug::anchor`], is kept), and a
//! body with any raw HTML goes whole through the allowlist sanitizer. A body without raw HTML
//! therefore needs no sanitizer: nothing in it can carry script.

use std::collections::{HashSet, VecDeque};

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use super::shortcode::{self, ChartRef};
use super::slug;
use crate::diagnostics::Diagnostic;
use crate::edition::Edition;
use body::{add_to_text, edition_body, write_html};
pub use body::{BodyHtml, EditionBody};

mod body;
pub mod limits;

/// A heading of an article, for its table of contents.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    pub text: String,
}

/// What rendering an article body produced.
#[derive(Debug, Default)]
pub struct Rendered {
    /// The body's HTML, in the site's own script.
    pub html: BodyHtml,
    /// The body in each of [`RenderSettings::editions`]' scripts.
    pub editions: Vec<EditionBody>,
    pub headings: Vec<Heading>,
    pub charts: Vec<ChartRef>,
    /// Problems with their 1-based body line.
    pub problems: Vec<Diagnostic>,
    /// `@/` links with a `#fragment`: (body line, target, fragment), for checking once every
    /// page's anchors are known.
    pub anchor_links: Vec<(usize, String, String)>,
    /// Targets of every `@/` link (without `#fragment` or trailing `/`), found or not: the
    /// body must be rendered again when one of them appears, goes or moves.
    pub internal_links: Vec<String>,
    /// Number of characters of text (for reading time).
    pub text_chars: usize,
    /// The text of the first paragraph, used when front matter has no summary.
    pub first_paragraph: String,
    /// The body's text, a line per block: what search finds the article by.
    pub text: String,
}

/// How to render: where the page sits and how to resolve `@/` links.
pub struct RenderSettings<'a> {
    /// Keep raw HTML as written instead of sanitizing it.
    pub allow_raw_html: bool,
    /// Maps an internal target such as `articles/foo.md` to a URL relative to the page.
    pub resolve: &'a (dyn Fn(&str) -> Option<String> + Sync),
    /// Other editions: the body is also rendered in each ([`Rendered::editions`]).
    pub editions: &'a [&'a Edition],
}

/// Renders a Markdown body.
pub fn render(body: &str, settings: &RenderSettings) -> Rendered {
    let mut expanded = shortcode::expand(body);
    let (charts, problems) = (std::mem::take(&mut expanded.charts), std::mem::take(&mut expanded.errors));
    let mut state = State { rendered: Rendered { charts, problems, ..Rendered::default() }, ..State::default() };
    if let Some((line, message)) = limits::markup(&expanded.text).or_else(|| limits::tables(&expanded.text)) {
        // Refused before the parser lays out a single cell or inline element.
        state.rendered.problems.push(Diagnostic::error_on_line(expanded.body_line(line), message));
        let editions = settings.editions.iter().map(|_| EditionBody::default()).collect();
        return Rendered { editions, ..state.rendered };
    }
    // Only bodies with links or problems need line numbers: found on first use.
    let line_starts = std::cell::OnceCell::new();
    let line_of = |offset: usize| {
        let starts: &Vec<usize> = line_starts.get_or_init(|| line_starts_of(&expanded.text));
        expanded.body_line(starts.partition_point(|&start| start <= offset).max(1))
    };
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES;
    let capacity = expanded.text.len() * 3 / 2;
    let events = Annotated {
        parser: Parser::new_ext(&expanded.text, options).into_offset_iter(),
        state: &mut state,
        settings,
        line_of: &line_of,
        queue: VecDeque::new(),
    };
    let (html, editions) = if settings.editions.is_empty() {
        // Streamed straight into the HTML writer; only a heading is held back until its text
        // is known.
        (write_html(events, capacity), Vec::new())
    } else {
        // Kept to be written once per edition, each with its text converted.
        let events: Vec<Event> = events.collect();
        let text_size = state.rendered.text.len();
        let editions = settings.editions.iter().map(|edition| edition_body(&events, edition, (capacity, text_size))).collect();
        (write_html(events.into_iter(), capacity), editions)
    };
    let needs_sanitizer = state.needs_sanitizer;
    let sanitized =
        |body: BodyHtml, state: &mut State| if needs_sanitizer { sanitize_body(body, settings.allow_raw_html, state) } else { body };
    let html = sanitized(html, &mut state);
    // A problem with the raw HTML is the first edition's to report, once.
    let editions = editions.into_iter().map(|e| EditionBody { html: sanitized(e.html, &mut State::default()), text: e.text }).collect();
    Rendered { html, editions, ..state.rendered }
}

/// What rendering learns about a body while the events stream past.
#[derive(Default)]
struct State {
    rendered: Rendered,
    needs_sanitizer: bool,
    /// The body line of the first raw HTML, for a problem with it.
    raw_html_line: Option<usize>,
    used_ids: HashSet<String>,
    /// Events seen so far (see [`limits::MAX_EVENTS`]).
    events: usize,
    paragraph_depth: usize,
    first_paragraph_done: bool,
}

/// The parser's events with links resolved, headings named and facts collected on the way.
struct Annotated<'a, 's> {
    parser: pulldown_cmark::OffsetIter<'a, pulldown_cmark::DefaultBrokenLinkCallback>,
    state: &'s mut State,
    settings: &'s RenderSettings<'s>,
    line_of: &'s dyn Fn(usize) -> usize,
    queue: VecDeque<Event<'a>>,
}

impl<'a> Iterator for Annotated<'a, '_> {
    type Item = Event<'a>;

    fn next(&mut self) -> Option<Event<'a>> {
        if let Some(event) = self.queue.pop_front() {
            return Some(event);
        }
        if self.state.events > limits::MAX_EVENTS {
            return None; // reported where it was passed; the body goes no further
        }
        let (event, range) = self.parser.next()?;
        let event = self.visit(event, range.start);
        let Event::Start(Tag::Heading { level, .. }) = event else { return Some(event) };
        let mut heading = vec![event];
        while let Some((event, range)) = self.parser.next() {
            let end = matches!(event, Event::End(TagEnd::Heading(_)));
            heading.push(self.visit(event, range.start));
            if end {
                break;
            }
        }
        name_heading(&mut heading, level, &mut self.state.used_ids, &mut self.state.rendered.headings);
        self.queue.extend(heading);
        self.queue.pop_front()
    }
}

impl<'a> Annotated<'a, '_> {
    fn visit(&mut self, event: Event<'a>, offset: usize) -> Event<'a> {
        let state = &mut *self.state;
        let line_of = self.line_of;
        state.events += 1;
        if state.events == limits::MAX_EVENTS + 1 {
            let message = format!("more than {} pieces of markup and text in one article; {}", limits::MAX_EVENTS, limits::SPLIT);
            state.rendered.problems.push(Diagnostic::error_on_line(line_of(offset), message));
        }
        add_to_text(&event, &mut state.rendered.text);
        match event {
            Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
                let dest_url = resolve_link(dest_url, self.settings, state, &|| line_of(offset));
                Event::Start(Tag::Link { link_type, dest_url, title, id })
            }
            Event::Start(Tag::Image { link_type, dest_url, title, id }) => {
                let dest_url = resolve_link(dest_url, self.settings, state, &|| line_of(offset));
                Event::Start(Tag::Image { link_type, dest_url, title, id })
            }
            Event::Html(_) | Event::InlineHtml(_) => {
                state.needs_sanitizer = true;
                state.raw_html_line.get_or_insert_with(|| line_of(offset));
                event
            }
            Event::Start(Tag::Paragraph) => {
                state.paragraph_depth += 1;
                event
            }
            Event::End(TagEnd::Paragraph) => {
                state.paragraph_depth = state.paragraph_depth.saturating_sub(1);
                if !state.rendered.first_paragraph.is_empty() {
                    state.first_paragraph_done = true;
                }
                event
            }
            Event::Text(ref text) | Event::Code(ref text) => {
                state.rendered.text_chars += text.chars().count();
                if state.paragraph_depth > 0 && !state.first_paragraph_done && !text.contains(shortcode::PLACEHOLDER_MARK) {
                    state.rendered.first_paragraph.push_str(text);
                }
                event
            }
            other => other,
        }
    }
}

/// Gives the heading whose events are `events` an id (its own `{#id}`, or one made from
/// its text) and records it for the table of contents.
fn name_heading(events: &mut [Event], level: HeadingLevel, used: &mut HashSet<String>, headings: &mut Vec<Heading>) {
    let text: String = events[1..]
        .iter()
        .filter_map(|e| match e {
            Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
            _ => None,
        })
        .collect();
    if let Event::Start(Tag::Heading { id, classes, attrs, .. }) = &mut events[0] {
        // `{.class key=value}` would otherwise reach the page as written (`onclick=…`).
        classes.clear();
        attrs.clear();
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

/// Resolves `@/…` links and holds every other URL to the URL policy (a refused one is reported
/// and replaced by `#`). `line` finds the link's body line, only wanted for a problem or an
/// anchor to check later.
fn resolve_link<'a>(dest: CowStr<'a>, settings: &RenderSettings, state: &mut State, line: &dyn Fn() -> usize) -> CowStr<'a> {
    if let Some(target) = dest.strip_prefix("@/") {
        let (path, fragment) = match target.split_once('#') {
            Some((p, f)) => (p, Some(f)),
            None => (target, None),
        };
        state.rendered.internal_links.push(path.trim_end_matches('/').to_string());
        return match (settings.resolve)(path) {
            Some(url) => match fragment {
                Some(f) => {
                    let fragment = percent_encoding::percent_decode_str(f).decode_utf8_lossy().into_owned();
                    state.rendered.anchor_links.push((line(), path.to_string(), fragment));
                    CowStr::from(format!("{url}#{f}"))
                }
                None => CowStr::from(url),
            },
            None => {
                state.rendered.problems.push(Diagnostic::error_on_line(line(), format!("link to `@/{target}`: no such page")));
                dest
            }
        };
    }
    if let Err(message) = crate::policy::url::check(&dest) {
        state.rendered.problems.push(Diagnostic::error_on_line(line(), message));
        return CowStr::from("#");
    }
    dest
}

/// Deepest nesting of raw HTML elements a body may have. Browsers' tree building (and so the
/// sanitizer's) takes time growing with the square of the depth; real articles stay far below.
pub const MAX_HTML_DEPTH: usize = 256;

/// The body HTML after the allowlist ([`sanitize`], or with `embeds` [`sanitize_with_embeds`]),
/// each piece between two charts on its own, so that the places of the charts stay known.
/// Too deeply nested HTML is refused (an error) rather than parsed, and replaced by nothing.
fn sanitize_body(body: BodyHtml, embeds: bool, state: &mut State) -> BodyHtml {
    let depth = crate::html::nesting_depth(&body.html);
    if depth > MAX_HTML_DEPTH {
        let line = state.raw_html_line.unwrap_or(1);
        state
            .rendered
            .problems
            .push(Diagnostic::error_on_line(line, format!("raw HTML nested {depth} elements deep; the limit is {MAX_HTML_DEPTH}")));
        return BodyHtml { html: String::new(), chart_at: vec![0; body.chart_at.len()] };
    }
    let clean = |piece: &str| if embeds { sanitize_with_embeds(piece) } else { sanitize(piece) };
    let bounds: Vec<usize> = std::iter::once(0).chain(body.chart_at.iter().copied()).chain([body.html.len()]).collect();
    let mut sanitized = BodyHtml { html: String::with_capacity(body.html.len()), chart_at: Vec::with_capacity(body.chart_at.len()) };
    for (i, piece) in bounds.windows(2).enumerate() {
        if i > 0 {
            sanitized.chart_at.push(sanitized.html.len());
        }
        sanitized.html.push_str(&clean(&body.html[piece[0]..piece[1]]));
    }
    sanitized
}

/// The allowlist every raw HTML fragment goes through: scripts, event handlers, styles,
/// iframes, forms and every URL the URL policy refuses are removed.
fn cleaner() -> ammonia::Builder<'static> {
    let mut b = ammonia::Builder::default();
    b.add_generic_attributes(["id", "class"])
        .add_tags(["input"])
        .add_tag_attributes("input", ["type", "checked", "disabled"])
        .url_schemes(["http", "https", "mailto"].into_iter().collect())
        .attribute_filter(|_element, attribute, value| match attribute {
            "href" | "src" | "cite" | "longdesc" | "poster" if crate::policy::url::check(value).is_err() => None,
            _ => Some(value.into()),
        });
    b
}

/// Raw HTML through the allowlist.
pub fn sanitize(html: &str) -> String {
    static CLEANER: std::sync::OnceLock<ammonia::Builder<'static>> = std::sync::OnceLock::new();
    CLEANER.get_or_init(cleaner).clean(html).to_string()
}

/// Raw HTML through the allowlist widened by `allow_raw_html` for embedded media: `iframe`
/// (sandboxed, so what it shows runs apart from the site), `video`, `audio`, `source`,
/// `track`. Script, event handlers and refused URLs go as always.
pub fn sanitize_with_embeds(html: &str) -> String {
    static CLEANER: std::sync::OnceLock<ammonia::Builder<'static>> = std::sync::OnceLock::new();
    let cleaner = CLEANER.get_or_init(|| {
        let mut b = cleaner();
        b.add_tags(["iframe", "video", "audio", "source", "track"])
            .add_tag_attributes("iframe", ["src", "width", "height", "title", "allowfullscreen", "loading"])
            .set_tag_attribute_value("iframe", "sandbox", "allow-scripts allow-popups allow-presentation")
            .add_tag_attributes("video", ["src", "width", "height", "controls", "poster", "preload", "muted", "loop"])
            .add_tag_attributes("audio", ["src", "controls", "preload", "muted", "loop"])
            .add_tag_attributes("source", ["src", "type"])
            .add_tag_attributes("track", ["src", "kind", "srclang", "label"]);
        b
    });
    cleaner.clean(html).to_string()
}

fn line_starts_of(text: &str) -> Vec<usize> {
    std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1)).collect()
}

#[cfg(test)]
mod tests;
