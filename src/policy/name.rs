//! One rule for names. Ids, slugs and tags become file and folder names of the output, which
//! must be checked out on any system (Windows refuses `con`, `nul`, `com1`…); tags and
//! categories are also shown, compared and used as table keys, so two spellings of one name
//! (NFC and NFD, an invisible character in one of them) must not make two things.
//!
//! Every name is NFC-normalized and trimmed; control, format (bidi, zero-width) and other
//! invisible characters are refused, and so is a name longer than its kind allows.

use unicode_normalization::UnicodeNormalization as _;
use unicode_properties::{GeneralCategory, UnicodeGeneralCategory as _};

/// Longest id (region, series, source), in characters.
pub const MAX_ID: usize = 64;
/// Longest article slug.
pub const MAX_SLUG: usize = 100;
/// Longest tag.
pub const MAX_TAG: usize = 40;
/// Longest category name.
pub const MAX_LABEL: usize = 64;

/// Characters a tag may not hold: they would change the meaning of its URL or folder name.
const TAG_FORBIDDEN: &[char] = &['/', '\\', '.', '?', '#', '%', '<', '>', '"', '\'', '&', ':', '*', '|'];

/// A region, series or source id: lowercase ASCII letters, digits, `-` and `_`, starting with
/// a letter, and not a name Windows reserves.
pub fn id(text: &str) -> Result<(), String> {
    let mut bytes = text.bytes();
    let shape = matches!(bytes.next(), Some(b'a'..=b'z')) && bytes.all(|b| matches!(b, b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_'));
    if !shape {
        return Err("use lowercase ASCII letters, digits, `-` or `_`, starting with a letter".into());
    }
    within(text, MAX_ID)?;
    not_reserved(text)
}

/// An article slug: lowercase ASCII letters, digits and single `-` between them.
pub fn slug(text: &str) -> Result<(), String> {
    let shape = !text.is_empty()
        && !text.starts_with('-')
        && !text.ends_with('-')
        && !text.contains("--")
        && text.bytes().all(|b| matches!(b, b'a'..=b'z' | b'0'..=b'9' | b'-'));
    if !shape {
        return Err("use lowercase ASCII letters, digits and `-`".into());
    }
    within(text, MAX_SLUG)?;
    not_reserved(text)
}

/// A tag as it will be shown, and the folder name of its page (`tags/<slug>/`): Chinese tags
/// keep their characters, letters are lowercased and runs of spaces become `-`.
pub fn tag(text: &str) -> Result<(String, String), String> {
    let name = visible(text, MAX_TAG)?;
    if let Some(c) = name.chars().find(|c| TAG_FORBIDDEN.contains(c)) {
        return Err(format!("`{c}` is not allowed in a tag"));
    }
    let mut slug = String::with_capacity(name.len());
    for c in name.chars() {
        if c.is_whitespace() {
            if !slug.ends_with('-') {
                slug.push('-');
            }
        } else {
            slug.extend(c.to_lowercase());
        }
    }
    not_reserved(&slug)?;
    Ok((name, slug))
}

/// A name shown to readers and used as a key, such as a category: any visible text.
pub fn label(text: &str) -> Result<String, String> {
    visible(text, MAX_LABEL)
}

/// `text` NFC-normalized and trimmed, if it is non-empty visible text of at most `max` characters.
fn visible(text: &str, max: usize) -> Result<String, String> {
    let name: String = text.trim().nfc().collect();
    if name.is_empty() {
        return Err("it is empty".into());
    }
    if let Some(c) = name.chars().find(|&c| is_invisible(c)) {
        return Err(format!("it contains the invisible or control character U+{:04X}", c as u32));
    }
    within(&name, max)?;
    Ok(name)
}

fn within(text: &str, max: usize) -> Result<(), String> {
    let count = text.chars().count();
    if count > max {
        return Err(format!("it is {count} characters long; the limit is {max}"));
    }
    Ok(())
}

/// Control and format characters (bidi controls, zero-width spaces and joiners, the byte
/// order mark), line and paragraph separators, and the fillers and variation selectors that
/// draw nothing: a name holding one looks like another name.
pub fn is_invisible(c: char) -> bool {
    matches!(
        c.general_category(),
        GeneralCategory::Control
            | GeneralCategory::Format
            | GeneralCategory::LineSeparator
            | GeneralCategory::ParagraphSeparator
            | GeneralCategory::Unassigned
            | GeneralCategory::Surrogate
    ) || matches!(c, '\u{115F}' | '\u{1160}' | '\u{3164}' | '\u{FFA0}' | '\u{034F}' | '\u{17B4}' | '\u{17B5}' | '\u{180B}'..='\u{180F}')
        || matches!(c, '\u{FE00}'..='\u{FE0F}' | '\u{E0100}'..='\u{E01EF}')
}

/// Names Windows reserves for devices, with or without an extension and in any case: a file
/// or folder called so cannot be created there, so a repository holding one cannot be checked out.
fn not_reserved(name: &str) -> Result<(), String> {
    let stem = name.split('.').next().unwrap_or(name).trim_end().to_ascii_lowercase();
    let numbered = |prefix: &str| {
        stem.strip_prefix(prefix).is_some_and(|n| {
            let mut chars = n.chars();
            matches!((chars.next(), chars.next()), (Some('0'..='9' | '¹' | '²' | '³'), None))
        })
    };
    let reserved = matches!(stem.as_str(), "con" | "prn" | "aux" | "nul" | "conin$" | "conout$") || numbered("com") || numbered("lpt");
    if reserved {
        return Err(format!("`{name}` is a device name on Windows and cannot be a file or folder name there"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_lowercase_ascii_and_never_device_names() {
        assert!(id("hunan").is_ok());
        assert!(id("inner-mongolia_2").is_ok());
        for bad in ["", "Hunan", "湖南", "../etc", "a/b", "a\\b", "1abc", "a b", "a\0", "con", "nul", "com1", "lpt9", "aux", "prn"] {
            assert!(id(bad).is_err(), "{bad:?} should be refused");
        }
        assert!(id("console").is_ok(), "only the exact device names are reserved");
        assert!(id(&"a".repeat(MAX_ID + 1)).is_err());
    }

    #[test]
    fn slugs_refuse_device_names_and_stray_dashes() {
        assert!(slug("hunan-2024").is_ok());
        for bad in ["", "-a", "a-", "a--b", "A", "con", "com3", "a/b", "湖南"] {
            assert!(slug(bad).is_err(), "{bad:?} should be refused");
        }
    }

    #[test]
    fn tags_in_either_normal_form_are_one_tag() {
        let composed = tag("Caf\u{e9} 催收").unwrap();
        let decomposed = tag("Cafe\u{301} 催收").unwrap();
        assert_eq!(composed, decomposed);
        assert_eq!(composed.1, "caf\u{e9}-催收");
    }

    #[test]
    fn tags_refuse_invisible_bidi_and_path_characters() {
        for bad in [
            "",
            "a/b",
            "../x",
            "<script>",
            "a\u{0}b",
            "上门\u{200B}催收",
            "\u{202E}收催",
            "a\u{2066}b",
            "\u{FEFF}催收",
            "催\u{3164}收",
            "a\u{FE0F}",
            "a\u{2028}b",
            "nul",
            "COM1",
            "Con",
        ] {
            assert!(tag(bad).is_err(), "{:?} should be refused", bad.escape_debug().to_string());
        }
        assert!(tag(&"催".repeat(MAX_TAG + 1)).is_err());
        assert_eq!(tag("  上门催收 ").unwrap().0, "上门催收", "trimmed");
    }

    #[test]
    fn labels_are_normalized() {
        assert_eq!(label("Cafe\u{301}").unwrap(), "Caf\u{e9}");
        assert!(label("电话\u{200D}").is_err());
        assert!(label("  ").is_err());
    }
}
