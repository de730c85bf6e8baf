//! Ceilings on what one article body may cost. Each is checked before the work it bounds
//! (tables, charts) or as the parser's events stream past, and passing one is an error at the
//! line that passes it, naming the limit and what to do. Real articles stay far below every
//! one; together they keep a body's memory within a small multiple of its size, where a page
//! of empty table cells could otherwise cost hundreds of times its size.

/// Columns of one table: a wider table is data for a region file, not for an article.
pub const MAX_TABLE_COLUMNS: usize = 64;

/// Cells of all the tables of one body, counted as rows × columns (the parser gives every row
/// as many cells as the header, however few it writes).
pub const MAX_TABLE_CELLS: usize = 50_000;

/// Parser events (runs of text, starts and ends of elements) of one body: fifty times what a
/// long report with many tables and links has, and a few hundred kilobytes of text marked up
/// at every word. Each event costs a few hundred bytes in all (kept for every edition, written
/// as HTML, named in the page's template context), so this also caps a body's memory.
pub const MAX_EVENTS: usize = 100_000;

/// Chart shortcodes of one body.
pub const MAX_CHARTS: usize = 100;

/// Characters that may start inline markup (emphasis, links, code, HTML, escapes, entities,
/// strikethrough, table cells) in one body. The parser lays out a paragraph's inline markup
/// all at once, before the first of its events, so this is counted before it starts.
pub const MAX_MARKUP_CHARACTERS: usize = 200_000;

/// Whether each byte may start inline markup (see [`MAX_MARKUP_CHARACTERS`]).
const MARKUP: [bool; 256] = {
    let mut table = [false; 256];
    let mut i = 0;
    let chars = b"*_[]`<!\\&~|";
    while i < chars.len() {
        table[chars[i] as usize] = true;
        i += 1;
    }
    table
};

/// The line where `text` passes [`MAX_MARKUP_CHARACTERS`], and the message. Counted by table
/// lookup over every byte (a build checks every article, so this runs over all of them).
pub fn markup(text: &str) -> Option<(usize, String)> {
    let bytes = text.as_bytes();
    if bytes.iter().map(|&b| usize::from(MARKUP[usize::from(b)])).sum::<usize>() <= MAX_MARKUP_CHARACTERS {
        return None;
    }
    let mut seen = 0;
    let at = bytes.iter().position(|&b| {
        seen += usize::from(MARKUP[usize::from(b)]);
        seen > MAX_MARKUP_CHARACTERS
    })?;
    let line = bytes[..at].iter().filter(|&&b| b == b'\n').count() + 1;
    let message = format!("more than {MAX_MARKUP_CHARACTERS} markup characters (* _ [ ] ` < ! \\ & ~ |) in one article; {SPLIT}");
    Some((line, message))
}

/// What every message ends with.
pub const SPLIT: &str = "split the article into several";

/// The first place where the tables of `text` pass a limit: its line (1-based, in `text`) and
/// the message. One pass over the lines: a table starts at its delimiter row (`|---|:--|`,
/// also inside quotes and lists) and runs on to the next blank line.
pub fn tables(text: &str) -> Option<(usize, String)> {
    if !text.contains('|') {
        return None;
    }
    let mut cells = 0usize;
    let mut fence: Option<(char, usize)> = None;
    let mut lines = text.lines().enumerate().peekable();
    while let Some((index, line)) = lines.next() {
        let content = inside_containers(line);
        if let Some(marker) = fence_of(content) {
            fence = match fence {
                Some((c, n)) if c == marker.0 && marker.1 >= n => None,
                None => Some(marker),
                open => open,
            };
            continue;
        }
        if fence.is_some() {
            continue;
        }
        let Some(columns) = delimiter_row_columns(content) else { continue };
        if columns > MAX_TABLE_COLUMNS {
            let message = format!(
                "a table of {columns} columns; the limit is {MAX_TABLE_COLUMNS}: split the table, or put wide data in a region file"
            );
            return Some((index + 1, message));
        }
        let mut rows = 1; // the header
        while lines.next_if(|(_, next)| !inside_containers(next).trim().is_empty()).is_some() {
            rows += 1;
        }
        cells += rows * columns;
        if cells > MAX_TABLE_CELLS {
            return Some((index + 1, format!("tables of more than {MAX_TABLE_CELLS} cells in one article; {SPLIT}")));
        }
    }
    None
}

/// A line without the quote markers and indentation it sits in.
fn inside_containers(line: &str) -> &str {
    line.trim_start_matches(['>', ' ', '\t'])
}

/// A code fence's character and length, if `line` opens or closes one.
fn fence_of(line: &str) -> Option<(char, usize)> {
    let first = line.chars().next().filter(|&c| c == '`' || c == '~')?;
    let run = line.chars().take_while(|&c| c == first).count();
    (run >= 3).then_some((first, run))
}

/// The number of columns, if `line` is a table's delimiter row: only pipes, hyphens, colons
/// and spaces, with at least one pipe and one hyphen.
fn delimiter_row_columns(line: &str) -> Option<usize> {
    let line = line.trim();
    let only_delimiters = line.bytes().all(|b| matches!(b, b'|' | b'-' | b':' | b' ' | b'\t'));
    if !only_delimiters || !line.contains('|') || !line.contains('-') {
        return None;
    }
    let inner = line.strip_prefix('|').unwrap_or(line);
    let inner = inner.strip_suffix('|').unwrap_or(inner);
    Some(inner.split('|').count())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_within_the_limits_pass() {
        let table = "| 地区 | 投诉 |\n|---|---:|\n| 湖南 | 3 |\n| 甘肃 | 4 |\n";
        assert_eq!(tables(table), None);
        assert_eq!(tables("没有表格 | 只有一条竖线\n"), None);
    }

    #[test]
    fn a_table_too_wide_is_refused_at_its_delimiter_row() {
        let wide = format!("正文\n\n|{}\n|{}\n|\n", "a|".repeat(100), "-|".repeat(100));
        let (line, message) = tables(&wide).unwrap();
        assert_eq!(line, 4);
        assert!(message.contains("100 columns") && message.contains("limit is 64"), "{message}");
    }

    #[test]
    fn cells_are_counted_over_every_table_with_the_rows_the_parser_pads() {
        let one = format!("|{}\n|{}\n{}\n", "a|".repeat(50), "-|".repeat(50), "|\n".repeat(499));
        assert_eq!(tables(&one), None, "25,000 cells");
        let three = format!("{one}\n{one}\n> {one}");
        let (line, message) = tables(&three).unwrap();
        let delimiter_row = format!("|{}", "-|".repeat(50));
        let third = three.match_indices(&delimiter_row).nth(2).unwrap().0;
        let third_delimiter_row = three[..third].lines().count() + 1;
        assert_eq!(line, third_delimiter_row, "the table that passes the limit: {message}");
        assert!(message.contains("50000 cells"), "{message}");
    }

    #[test]
    fn markup_past_the_limit_is_refused_at_its_line() {
        assert_eq!(markup(&"*软* ".repeat(100)), None);
        let text = format!("标题\n\n{}\n\n{}", "*软* ".repeat(MAX_MARKUP_CHARACTERS / 2), "*件*");
        let (line, message) = markup(&text).unwrap();
        assert_eq!(line, 5, "{message}");
        assert!(message.contains("200000 markup characters"), "{message}");
    }

    #[test]
    fn a_delimiter_row_in_code_is_not_a_table() {
        let code = format!("```\n|{}\n```\n", "-|".repeat(200));
        assert_eq!(tables(&code), None);
    }
}
