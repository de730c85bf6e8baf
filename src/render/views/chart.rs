//! What templates see of a chart: its drawings, table, downloads and citations.

use serde::Serialize;

use super::LinkView;

/// A chart as a small publication: its two drawings, its figures as a table and a CSV, when
/// they were updated, and how to cite it.
#[derive(Debug, Clone, Serialize, Hash)]
pub struct ChartView {
    pub title: String,
    /// The chart's id on the page it is published on (`complaints`, `chart-market`).
    pub anchor: String,
    /// The drawing for wide columns; also the SVG download.
    pub wide: ImageView,
    /// The drawing for phones (`<source media>` in a `<picture>`).
    pub narrow: ImageView,
    /// The media query under which the narrow drawing is shown.
    pub narrow_media: String,
    pub alt: String,
    pub illustrative: bool,
    /// `季度数据 · 单位：件`.
    pub meta: String,
    /// `2024年5月1日`: when the figures were last revised, from the region file.
    pub updated: Option<String>,
    /// `2024-05-01`, for `<time datetime>`.
    pub updated_date: Option<String>,
    /// Caveat shown with the chart (e.g. a change of method).
    pub note: Option<String>,
    /// The chart's figures (CSV) and its image (SVG).
    pub downloads: Vec<LinkView>,
    pub cite: CiteView,
    /// The same figures as a table: the accessible alternative to the chart.
    pub table: TableView,
}

/// One drawing of a chart; `url` relative to the site root.
#[derive(Debug, Clone, Serialize, Hash)]
pub struct ImageView {
    pub url: String,
    pub width: u32,
    pub height: u32,
}

/// Ready-made citations of a chart.
#[derive(Debug, Clone, Serialize, Hash)]
pub struct CiteView {
    /// GB/T 7714—2015 style, for a dataset online (`[DB/OL]`).
    pub gbt7714: String,
    pub plain: String,
    /// The absolute URL of the chart on its page.
    pub url: String,
}

/// A data table.
#[derive(Debug, Clone, Serialize, Hash)]
pub struct TableView {
    pub caption: String,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
    pub illustrative: bool,
}
