//! Writing a body's events as HTML: where its charts go ([`BodyHtml`]), and the same events
//! written again for each other edition with their text converted ([`edition_body`]).

use pulldown_cmark::{Event, LinkType, Tag, TagEnd};

use super::shortcode;
use crate::edition::Edition;

/// A body's HTML and where its charts go: chart `i` (of [`super::Rendered::charts`]) goes at byte
/// `chart_at[i]`, recorded as the HTML was written, so a figure is put in its place
/// without anything being looked for in the HTML.
#[derive(Debug, Default, Clone)]
pub struct BodyHtml {
    pub html: String,
    pub chart_at: Vec<usize>,
}

impl std::ops::Deref for BodyHtml {
    type Target = str;
    fn deref(&self) -> &str {
        &self.html
    }
}

impl std::fmt::Display for BodyHtml {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.html)
    }
}

impl BodyHtml {
    /// The HTML with `figures[i]` at the place of chart `i`.
    pub fn with_figures(self, figures: &[String]) -> String {
        if self.chart_at.is_empty() {
            return self.html;
        }
        let mut whole = String::with_capacity(self.html.len() + figures.iter().map(String::len).sum::<usize>());
        let mut copied = 0;
        for (&at, figure) in self.chart_at.iter().zip(figures) {
            whole.push_str(&self.html[copied..at]);
            whole.push_str(figure);
            copied = at;
        }
        whole.push_str(&self.html[copied..]);
        whole
    }
}

/// A body in another edition's script: the same HTML with its text converted (code, ids and
/// addresses left as written), and the text of that HTML, for that edition's search index.
#[derive(Debug, Default)]
pub struct EditionBody {
    pub html: BodyHtml,
    pub text: String,
}

/// Writes `events` as HTML, leaving out chart placeholders and recording where each was.
pub(super) fn write_html<'a>(events: impl Iterator<Item = Event<'a>>, capacity: usize) -> BodyHtml {
    let out = std::rc::Rc::new(std::cell::RefCell::new(BodyHtml { html: String::with_capacity(capacity), chart_at: Vec::new() }));
    let writer = SharedWriter(out.clone());
    let mut events = events.peekable();
    let recorder = out.clone();
    // A placeholder is a paragraph of its own: `<p>`, its text, `</p>`. When the event after
    // it is asked for, everything before it has been written.
    let events = std::iter::from_fn(move || loop {
        let event = events.next()?;
        let is_placeholder = |e: Option<&Event>| matches!(e, Some(Event::Text(t)) if t.contains(shortcode::PLACEHOLDER_MARK));
        if matches!(event, Event::Start(Tag::Paragraph)) && is_placeholder(events.peek()) {
            events.next();
            events.next_if(|e| matches!(e, Event::End(TagEnd::Paragraph)));
            let mut body = recorder.borrow_mut();
            let at = body.html.len();
            body.chart_at.push(at);
            continue;
        }
        return Some(event);
    });
    // Writing to a `String` cannot fail.
    let _ = pulldown_cmark::html::write_html_fmt(writer, events);
    std::rc::Rc::try_unwrap(out).map(std::cell::RefCell::into_inner).unwrap_or_else(|shared| shared.borrow().clone())
}

/// The HTML writer's output, shared with the iterator that records where charts go.
struct SharedWriter(std::rc::Rc<std::cell::RefCell<BodyHtml>>);

impl std::fmt::Write for SharedWriter {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        self.0.borrow_mut().html.push_str(s);
        Ok(())
    }
}

/// The body of `events` as `edition` shows it: text converted (not inside a code block, not
/// code spans, not the address an autolink shows) and the titles of links and images. Ids,
/// addresses and code stay. Its text is read from the converted events as the first
/// edition's is from the events. `sizes` are the first edition's HTML and text's, which a
/// conversion seldom changes.
pub(super) fn edition_body(events: &[Event], edition: &Edition, (html_size, text_size): (usize, usize)) -> EditionBody {
    let to_convert = convertible_text(events);
    let mut converted = convert_apart(&to_convert.iter().map(|&i| text_of(&events[i])).collect::<Vec<_>>(), edition).into_iter();
    let mut next = to_convert.into_iter().peekable();
    let mut in_code_block = false;
    let events = events.iter().enumerate().map(move |(at, event)| match event {
        Event::Start(Tag::CodeBlock(_)) => {
            in_code_block = true;
            event.clone()
        }
        Event::End(TagEnd::CodeBlock) => {
            in_code_block = false;
            event.clone()
        }
        Event::Text(text) if next.next_if_eq(&at).is_some() => Event::Text(converted.next().unwrap_or_else(|| edition.text(text)).into()),
        Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
            Event::Start(Tag::Link { link_type: *link_type, dest_url: dest_url.clone(), title: edition.text(title).into(), id: id.clone() })
        }
        Event::Start(Tag::Image { link_type, dest_url, title, id }) => Event::Start(Tag::Image {
            link_type: *link_type,
            dest_url: dest_url.clone(),
            title: edition.text(title).into(),
            id: id.clone(),
        }),
        Event::Html(html) if !in_code_block => Event::Html(raw_html_text(html, edition).into()),
        Event::InlineHtml(html) => Event::InlineHtml(raw_html_text(html, edition).into()),
        _ => event.clone(),
    });
    // Kept for the whole build: sized to fit, not grown.
    let mut text = String::with_capacity(text_size);
    let html = write_html(events.inspect(|event| add_to_text(event, &mut text)), html_size);
    text.shrink_to_fit();
    EditionBody { html, text }
}

/// The places of the text events a reader sees in words: not inside a code block, not the
/// address an autolink shows, not a chart's placeholder.
fn convertible_text(events: &[Event]) -> Vec<usize> {
    let (mut in_code_block, mut in_autolink) = (false, false);
    let mut found = Vec::new();
    for (at, event) in events.iter().enumerate() {
        match event {
            Event::Start(Tag::CodeBlock(_)) => in_code_block = true,
            Event::End(TagEnd::CodeBlock) => in_code_block = false,
            Event::Start(Tag::Link { link_type, .. }) => in_autolink = matches!(link_type, LinkType::Autolink | LinkType::Email),
            Event::End(TagEnd::Link) => in_autolink = false,
            Event::Text(text) if !in_code_block && !in_autolink && !text.contains(shortcode::PLACEHOLDER_MARK) => found.push(at),
            _ => {}
        }
    }
    found
}

fn text_of<'e>(event: &'e Event) -> &'e str {
    match event {
        Event::Text(text) => text,
        _ => "",
    }
}

/// `texts` as `edition` shows them, converted in one pass: joined at a character that no
/// dictionary word or glossary term holds (and that Markdown never hands over as text), so
/// each is converted as it would be alone, without a million small conversions per site.
fn convert_apart(texts: &[&str], edition: &Edition) -> Vec<String> {
    const APART: char = '\0';
    if texts.iter().any(|t| t.contains(APART)) {
        return texts.iter().map(|t| edition.text(t)).collect();
    }
    let converted = edition.text(&texts.join("\0"));
    let pieces: Vec<String> = converted.split(APART).map(str::to_owned).collect();
    match pieces.len() == texts.len() {
        true => pieces,
        false => texts.iter().map(|t| edition.text(t)).collect(),
    }
}

/// Raw HTML an author wrote, as `edition` shows it: the text between its tags converted, its
/// tags (names, attributes, addresses) as written. The result goes through the sanitizer
/// like the original, so a tag read another way here can do no more than the original could.
fn raw_html_text(html: &str, edition: &Edition) -> String {
    let mut out = String::with_capacity(html.len());
    let (mut text_from, mut tag_from) = (0, None);
    let mut quote = None;
    for (at, c) in html.char_indices() {
        match (tag_from, c) {
            (None, '<') if html[at + 1..].starts_with(|n: char| n.is_ascii_alphabetic() || matches!(n, '/' | '!' | '?')) => {
                edition.text_into(&html[text_from..at], &mut out);
                tag_from = Some(at);
            }
            (Some(_), '"' | '\'') if quote.is_none() => quote = Some(c),
            (Some(_), c) if quote == Some(c) => quote = None,
            (Some(start), '>') if quote.is_none() => {
                out.push_str(&html[start..=at]);
                (tag_from, text_from) = (None, at + 1);
            }
            _ => {}
        }
    }
    match tag_from {
        Some(start) => {
            out.push_str(&html[start..]);
        }
        None => edition.text_into(&html[text_from..], &mut out),
    }
    out
}

/// Adds what `event` gives a body's searchable text: its words (chart placeholders left
/// out), or the line break that ends a block.
pub(super) fn add_to_text(event: &Event, text: &mut String) {
    match event {
        Event::End(TagEnd::Heading(_) | TagEnd::Item | TagEnd::TableCell | TagEnd::Paragraph) => text.push('\n'),
        Event::Text(words) | Event::Code(words) if !words.contains(shortcode::PLACEHOLDER_MARK) => text.push_str(words),
        _ => {}
    }
}
