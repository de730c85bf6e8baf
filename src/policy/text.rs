//! One rule for the characters of input text. Every file the build reads as text (content,
//! region data, settings, templates) is refused if it holds a character XML forbids: C0
//! controls other than tab and line breaks, and the non-characters U+FFFE and U+FFFF. Pages,
//! charts (SVG), the feed and the sitemap are made from that text, so none of them can hold one.

/// The byte offset and character of the first character `text` may not hold.
pub fn forbidden(text: &str) -> Option<(usize, char)> {
    let bytes = text.as_bytes();
    // Each case starts with a byte that is rare in text: checking bytes first keeps this to a
    // scan that compilers vectorize.
    let suspect = |b: &u8| (*b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r')) || *b == 0xEF;
    if !bytes.iter().any(suspect) {
        return None;
    }
    text.char_indices().find(|&(_, c)| is_forbidden(c))
}

fn is_forbidden(c: char) -> bool {
    (c < ' ' && !matches!(c, '\t' | '\n' | '\r')) || matches!(c, '\u{FFFE}' | '\u{FFFF}')
}

#[cfg(test)]
mod tests {
    use super::forbidden;

    #[test]
    fn control_characters_and_non_characters_are_found() {
        assert_eq!(forbidden("湖南\t催收\r\n"), None);
        assert_eq!(forbidden("a\u{1}b"), Some((1, '\u{1}')));
        assert_eq!(forbidden("标题\u{8}"), Some((6, '\u{8}')));
        assert_eq!(forbidden("x\u{FFFF}"), Some((1, '\u{FFFF}')));
        assert_eq!(forbidden("\u{FEFF}ok \u{FFFD}"), None, "the byte order mark and the replacement character are text");
        assert_eq!(forbidden("\u{0}"), Some((0, '\u{0}')));
    }
}
