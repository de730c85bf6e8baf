//! Data downloads: `data/<region>.csv`, `data/<region>.json` and `data/all.csv`.

use serde::Serialize;

use super::{urls, OutputFile, Site};
use crate::data::{Point, Region, Series};

const CSV_HEADER: [&str; 12] = [
    "region",
    "region_name",
    "series",
    "series_title",
    "unit",
    "period",
    "category",
    "value",
    "illustrative",
    "source_title",
    "source_url",
    "read_at",
];

/// Every download path with the region it is about (`None` for `data/all.csv`).
pub fn data_paths(site: &Site) -> Vec<(String, Option<&str>)> {
    let mut paths: Vec<(String, Option<&str>)> =
        site.regions.iter().flat_map(|r| ["csv", "json"].map(|ext| (urls::data_file(&r.id, ext), Some(r.id.as_str())))).collect();
    paths.push((urls::ALL_DATA.to_string(), None));
    paths
}

/// `data/all.csv`, and the CSV and JSON files of each region for which `wanted` holds (all of
/// them in a build; the changed ones when serving).
pub fn data_files(site: &Site, wanted: impl Fn(&Region) -> bool) -> Vec<OutputFile> {
    let mut files = Vec::new();
    let mut all = csv_writer();
    for region in &site.regions {
        let mut one = csv_writer();
        for row in csv_rows(region) {
            let _ = one.write_record(&row);
            let _ = all.write_record(&row);
        }
        if wanted(region) {
            files.push(OutputFile::new(urls::data_file(&region.id, "csv"), finish(one)));
            files.push(OutputFile::new(urls::data_file(&region.id, "json"), json(region)));
        }
    }
    files.push(OutputFile::new(urls::ALL_DATA.into(), finish(all)));
    files
}

/// The figures of one chart as a CSV file, in the same columns as every other download.
pub fn chart_csv<'a>(figures: impl IntoIterator<Item = (&'a Region, &'a Series, &'a [Point])>) -> Vec<u8> {
    let mut writer = csv_writer();
    for (region, series, points) in figures {
        for row in point_rows(region, series, points) {
            let _ = writer.write_record(&row);
        }
    }
    finish(writer)
}

fn csv_writer() -> csv::Writer<Vec<u8>> {
    let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(Vec::new());
    let _ = w.write_record(CSV_HEADER);
    w
}

fn finish(writer: csv::Writer<Vec<u8>>) -> Vec<u8> {
    // A UTF-8 byte-order mark so spreadsheet programs read the Chinese text correctly.
    let mut bytes = "\u{feff}".as_bytes().to_vec();
    bytes.extend(writer.into_inner().unwrap_or_default());
    bytes
}

/// One row per value (long format), each cell safe to open in a spreadsheet.
fn csv_rows(region: &Region) -> Vec<Vec<String>> {
    region.series.iter().flat_map(|series| point_rows(region, series, &series.points)).collect()
}

fn point_rows(region: &Region, series: &Series, points: &[Point]) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    for point in points {
        let source = series.source_of(point).and_then(|id| region.source(id));
        for (category, value) in series.categories.iter().map(String::as_str).chain(std::iter::once("")).zip(&point.values) {
            let row = [
                region.id.as_str(),
                &region.name,
                &series.id,
                &series.title,
                &series.unit,
                &point.period.to_string(),
                category,
                &value.to_string(),
                if series.illustrative { "true" } else { "false" },
                source.map_or("", |s| s.title.as_str()),
                source.and_then(|s| s.url.as_deref()).unwrap_or(""),
                source.and_then(|s| s.read_at.as_deref()).unwrap_or(""),
            ];
            rows.push(row.iter().map(|cell| defuse_formula(cell)).collect());
        }
    }
    rows
}

/// Spreadsheet programs run a cell starting with `=`, `+`, `-` or `@` as a formula; a leading
/// apostrophe keeps such text inert. Numbers are left alone.
pub fn defuse_formula(cell: &str) -> String {
    let risky = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if risky && cell.parse::<f64>().is_err() {
        format!("'{cell}")
    } else {
        cell.to_string()
    }
}

#[derive(Serialize)]
struct JsonRegion<'a> {
    id: &'a str,
    name: &'a str,
    illustrative: bool,
    sources: &'a [crate::data::Source],
    series: Vec<JsonSeries<'a>>,
}

#[derive(Serialize)]
struct JsonSeries<'a> {
    id: &'a str,
    title: &'a str,
    unit: &'a str,
    frequency: crate::data::Frequency,
    illustrative: bool,
    categories: &'a [String],
    note: Option<&'a str>,
    points: Vec<JsonPoint<'a>>,
}

#[derive(Serialize)]
struct JsonPoint<'a> {
    period: String,
    /// One value per category (in `categories` order), or one value.
    values: &'a [f64],
    total: f64,
    source: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<&'a str>,
}

fn json(region: &Region) -> String {
    let view = JsonRegion {
        id: &region.id,
        name: &region.name,
        illustrative: region.has_illustrative_data(),
        sources: &region.sources,
        series: region
            .series
            .iter()
            .map(|s| JsonSeries {
                id: &s.id,
                title: &s.title,
                unit: &s.unit,
                frequency: s.frequency,
                illustrative: s.illustrative,
                categories: &s.categories,
                note: s.note.as_deref(),
                points: s
                    .points
                    .iter()
                    .map(|p| JsonPoint {
                        period: p.period.to_string(),
                        values: &p.values,
                        total: p.total(),
                        source: s.source_of(p),
                        note: p.note.as_deref(),
                    })
                    .collect(),
            })
            .collect(),
    };
    let mut text = serde_json::to_string_pretty(&view).unwrap_or_default();
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::defuse_formula;

    #[test]
    fn formula_cells_are_defused_but_numbers_kept() {
        assert_eq!(defuse_formula("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(defuse_formula("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(defuse_formula("-1+2"), "'-1+2");
        assert_eq!(defuse_formula("-12.5"), "-12.5");
        assert_eq!(defuse_formula("湖南"), "湖南");
    }
}
