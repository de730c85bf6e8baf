//! Regions and their data series: the YAML files under `content/regions/`.

pub mod period;
mod raw;
mod region;

pub use period::{Frequency, Period};
pub use region::{parse_region, ChartKind, Mark, Point, Region, Series, Source};

/// JSON Schema of a region file.
pub fn region_schema() -> schemars::Schema {
    schemars::schema_for!(raw::RawRegion)
}

/// Whether `id` is usable as a region, series or source id: lowercase ASCII letters, digits,
/// `-` and `_`, starting with a letter. Ids become file names and URLs, so nothing else passes.
pub fn is_valid_id(id: &str) -> bool {
    let mut bytes = id.bytes();
    matches!(bytes.next(), Some(b'a'..=b'z')) && id.len() <= 64 && bytes.all(|b| matches!(b, b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_'))
}

#[cfg(test)]
mod tests {
    use super::is_valid_id;

    #[test]
    fn ids_are_lowercase_ascii_and_safe_as_paths() {
        assert!(is_valid_id("hunan"));
        assert!(is_valid_id("inner-mongolia_2"));
        for bad in ["", "Hunan", "湖南", "../etc", "a/b", "a\\b", "1abc", "a b", "a\0"] {
            assert!(!is_valid_id(bad), "{bad:?} should be rejected");
        }
    }
}
