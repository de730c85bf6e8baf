//! The region file exactly as written, with the position of every value worth pointing at.

use std::collections::BTreeMap;

use serde::Deserialize;
use serde_saphyr::Spanned;

use super::period::Frequency;
use super::region::ChartKind;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRegion {
    pub name: String,
    #[serde(default)]
    pub summary: String,
    /// Position in lists; regions without one follow, by id.
    #[serde(default)]
    pub order: Option<i64>,
    /// A reference area (e.g. the whole country): shown apart and left out of comparisons.
    #[serde(default)]
    pub reference: bool,
    /// Whether the region's figures are invented for illustration (the default).
    #[serde(default = "yes")]
    pub illustrative: bool,
    #[serde(default)]
    pub sources: Vec<RawSource>,
    #[serde(default)]
    pub series: Vec<RawSeries>,
}

fn yes() -> bool {
    true
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSource {
    pub id: Spanned<String>,
    pub title: String,
    #[serde(default)]
    pub publisher: String,
    #[serde(default)]
    pub url: Option<Spanned<String>>,
    #[serde(default)]
    pub date: Option<Spanned<String>>,
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSeries {
    pub id: Spanned<String>,
    pub title: String,
    pub unit: String,
    pub frequency: Frequency,
    #[serde(default)]
    pub chart: ChartKind,
    #[serde(default)]
    pub categories: Vec<String>,
    #[serde(default)]
    pub illustrative: Option<bool>,
    #[serde(default)]
    pub source: Option<Spanned<String>>,
    #[serde(default)]
    pub note: Option<String>,
    #[serde(default)]
    pub marks: Vec<RawMark>,
    #[serde(default)]
    pub points: Vec<RawPoint>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawMark {
    pub period: Spanned<String>,
    pub label: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPoint {
    pub period: Spanned<String>,
    #[serde(default)]
    pub value: Option<Spanned<f64>>,
    #[serde(default)]
    pub values: Option<Spanned<BTreeMap<String, Spanned<f64>>>>,
    #[serde(default)]
    pub source: Option<Spanned<String>>,
    #[serde(default)]
    pub note: Option<String>,
}
