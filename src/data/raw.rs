//! The region file exactly as written, with the position of every value worth pointing at.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::Deserialize;
use serde_saphyr::Spanned;

use super::period::Frequency;
use super::region::ChartKind;

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawRegion {
    /// Display name, e.g. 湖南.
    pub name: String,
    /// Other names the region goes by in text (its cities, e.g. 兰州 for 甘肃): `import`
    /// recognises an article's region by its name or one of these.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// A paragraph on the region page and the home page.
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
    /// When the region's figures were last revised (YYYY-MM-DD), shown beside every chart.
    /// Written by the editor: the build never reads the clock.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub updated: Option<Spanned<String>>,
    /// Where figures come from; series and points refer to them by `id`.
    #[serde(default)]
    pub sources: Vec<RawSource>,
    /// The data series: market size, complaints, or anything else with a unit.
    #[serde(default)]
    pub series: Vec<RawSeries>,
}

fn yes() -> bool {
    true
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawSource {
    /// Lowercase id used by `source:` fields.
    #[schemars(with = "String")]
    pub id: Spanned<String>,
    /// Title of the document, e.g. the notice's name.
    pub title: String,
    /// Organisation that published it.
    #[serde(default)]
    pub publisher: String,
    /// http(s) address of the document itself, on its publisher's site.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub url: Option<Spanned<String>>,
    /// http(s) address of a reprint where the figures were read, when the document itself
    /// could not be (shown as 转载来源, apart from the document).
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub read_at: Option<Spanned<String>>,
    /// Publication date: YYYY-MM-DD, YYYY-MM or YYYY.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub date: Option<Spanned<String>>,
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawSeries {
    /// Lowercase id, used in file names and chart shortcodes.
    #[schemars(with = "String")]
    pub id: Spanned<String>,
    /// Shown as the chart title and in tables.
    pub title: String,
    /// Unit of the values, e.g. 件, 亿元, %.
    pub unit: String,
    /// How often there is a value: year, quarter or month.
    pub frequency: Frequency,
    /// How the series is drawn.
    #[serde(default)]
    pub chart: ChartKind,
    /// Optional breakdown; each point then gives `values` with one number per category.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub categories: Vec<Spanned<String>>,
    /// Overrides the region's `illustrative` for this series.
    #[serde(default)]
    pub illustrative: Option<bool>,
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub source: Option<Spanned<String>>,
    /// Caveat printed under the chart.
    #[serde(default)]
    pub note: Option<String>,
    /// Labelled periods drawn on the chart, e.g. a change of method.
    #[serde(default)]
    pub marks: Vec<RawMark>,
    /// The values, one entry per period.
    #[serde(default)]
    pub points: Vec<RawPoint>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawMark {
    #[schemars(with = "String")]
    pub period: Spanned<String>,
    pub label: String,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawPoint {
    /// 2023, 2023-Q1 or 2023-01, matching the series' frequency.
    #[schemars(with = "String")]
    pub period: Spanned<String>,
    #[serde(default)]
    /// The value, for a series without categories.
    #[schemars(with = "Option<f64>")]
    pub value: Option<Spanned<f64>>,
    #[serde(default)]
    /// One value per category, for a series with categories.
    #[schemars(with = "Option<BTreeMap<String, f64>>")]
    pub values: Option<Spanned<BTreeMap<String, Spanned<f64>>>>,
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub source: Option<Spanned<String>>,
    #[serde(default)]
    pub note: Option<String>,
}
