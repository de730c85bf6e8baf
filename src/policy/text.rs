//! One rule for characters XML and HTML forbid: C0 controls other than tab and line breaks,
//! and the non-characters U+FFFE and U+FFFF. Every file the build reads as text (content,
//! region data, settings, templates) is refused if it holds one, with its line and column
//! ([`forbidden`]); one written as a YAML escape (`"\x01"`) is decoded after that check, so
//! every page, chart, feed and sitemap is also cleaned of them as it is made ([`strip`]).

/// The byte offset and character of the first character `text` may not hold.
pub fn forbidden(text: &str) -> Option<(usize, char)> {
    if !has_suspect(text.as_bytes()) {
        return None;
    }
    text.char_indices().find(|&(_, c)| is_forbidden(c))
}

/// `bytes` (UTF-8 text) without the characters [`forbidden`] finds. Works on bytes: each
/// forbidden character is either one byte below 0x20 (never part of a longer sequence) or
/// one of two three-byte sequences.
pub fn strip(bytes: Vec<u8>) -> Vec<u8> {
    if !has_suspect(&bytes) {
        return bytes;
    }
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let non_character = bytes[i] == 0xEF && bytes.get(i + 1) == Some(&0xBF) && matches!(bytes.get(i + 2), Some(0xBE | 0xBF));
        if non_character {
            i += 3;
            continue;
        }
        if !is_control_byte(bytes[i]) {
            out.push(bytes[i]);
        }
        i += 1;
    }
    out
}

/// Whether `bytes` may hold a forbidden character. Every page and input passes here, so it is
/// two quick passes: control bytes, counted in blocks without an early exit (which compilers
/// turn into vector instructions), and `EF BF`, the start of U+FFC0–U+FFFF (rare in text,
/// unlike `EF BC`, the full-width punctuation of every Chinese sentence).
fn has_suspect(bytes: &[u8]) -> bool {
    let controls = bytes.chunks(256).any(|block| block.iter().fold(0u8, |any, &b| any | u8::from(is_control_byte(b))) != 0);
    controls || memchr::memmem::find(bytes, b"\xEF\xBF").is_some()
}

fn is_control_byte(b: u8) -> bool {
    b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r')
}

/// Whether XML forbids `c` even escaped (every caller that drops such characters asks here).
pub fn is_forbidden(c: char) -> bool {
    (c < ' ' && !matches!(c, '\t' | '\n' | '\r')) || matches!(c, '\u{FFFE}' | '\u{FFFF}')
}

#[cfg(test)]
mod tests {
    use super::{forbidden, strip};

    #[test]
    fn stripping_removes_exactly_the_forbidden_characters() {
        assert_eq!(strip("<t>标题\u{1}\u{FFFF}\u{FFFE}\u{FFFD}\t\n</t>".into()), "<t>标题\u{FFFD}\t\n</t>".as_bytes());
        assert_eq!(strip("湖南催收".into()), "湖南催收".as_bytes());
        assert_eq!(strip(b"\xEF\xBF".to_vec()), b"\xEF\xBF", "a cut-off sequence is left as it is");
    }

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
