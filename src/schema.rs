//! JSON Schemas of the files editors write, generated from the types that read them, so the
//! schemas cannot drift from what the program accepts. Editors that speak the YAML language
//! server validate and complete fields as the user types (see the `$schema` comment at the top
//! of each example file).

use schemars::{schema_for, Schema};

/// The schemas, by file name under `docs/schemas/`.
pub fn all() -> Vec<(&'static str, String)> {
    vec![
        ("site.schema.json", render(schema_for!(crate::config::SiteConfig), "Site settings", "content/site.yaml")),
        ("region.schema.json", render(crate::data::region_schema(), "Region", "a region's data file, content/regions/<id>.yaml")),
        (
            "front-matter.schema.json",
            render(schema_for!(crate::content::front_matter::FrontMatter), "Article front matter", "the YAML at the top of an article"),
        ),
    ]
}

fn render(mut schema: Schema, title: &str, what: &str) -> String {
    schema.insert("title".into(), title.into());
    schema.insert("description".into(), format!("regionreport: {what}").into());
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    #[test]
    fn committed_schemas_match_the_types() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/schemas");
        for (name, text) in super::all() {
            let committed = std::fs::read_to_string(dir.join(name)).unwrap_or_default();
            assert!(committed == text, "docs/schemas/{name} is out of date: run `cargo run -- schema --write docs/schemas`");
        }
    }

    #[test]
    fn schemas_describe_the_fields() {
        let all = super::all();
        let region: serde_json::Value = serde_json::from_str(&all[1].1).unwrap();
        let text = region.to_string();
        for field in ["\"series\"", "\"frequency\"", "\"categories\"", "\"illustrative\"", "\"quarter\""] {
            assert!(text.contains(field), "region schema lacks {field}");
        }
        assert_eq!(region["additionalProperties"], serde_json::Value::Bool(false), "unknown fields are flagged while typing");
    }
}
