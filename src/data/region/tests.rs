use super::*;
use crate::diagnostics::Severity;

const GOOD: &str = "\
name: 湖南
summary: 示例
sources:
  - id: cbirc
    title: 通报
    publisher: 湖南监管局
    url: https://example.org/a
    date: 2024-06-11
series:
  - id: market_size
    title: 市场规模
    unit: 亿元
    frequency: year
    points:
      - { period: '2021', value: 10.5 }
      - { period: '2022', value: 12 }
  - id: complaints
    title: 投诉
    unit: 件
    frequency: quarter
    chart: line
    categories: [电话骚扰, 其他]
    source: cbirc
    points:
      - period: 2023-Q1
        values: { 电话骚扰: 10, 其他: 2 }
      - period: 2023-Q2
        values: { 电话骚扰: 12, 其他: 3 }
";

fn parse(text: &str) -> (Option<Region>, Vec<Diagnostic>) {
    let problems = Diagnostics::default();
    let region = parse_region("hunan", Path::new("content/regions/hunan.yaml"), text, &problems);
    (region, problems.sorted())
}

fn errors(text: &str) -> Vec<(usize, String)> {
    parse(text).1.into_iter().filter(|d| d.severity == Severity::Error).map(|d| (d.line, d.message)).collect()
}

#[test]
fn parses_plain_and_categorised_series() {
    let (region, problems) = parse(GOOD);
    assert!(problems.is_empty(), "{problems:?}");
    let region = region.unwrap();
    assert!(region.illustrative, "regions are illustrative unless they say otherwise");
    let complaints = region.series("complaints").unwrap();
    assert_eq!(complaints.chart, ChartKind::Line);
    assert_eq!(complaints.points[1].values, vec![12.0, 3.0]);
    assert_eq!(complaints.points[1].total(), 15.0);
    assert_eq!(complaints.source_of(&complaints.points[0]), Some("cbirc"));
    assert_eq!(region.series("market_size").unwrap().latest().unwrap().period, Period::Year(2022));
}

#[test]
fn text_where_a_number_belongs_names_the_line() {
    let text = GOOD.replace("value: 12 }", "value: 十二 }");
    let e = errors(&text);
    assert_eq!(e.len(), 1, "{e:?}");
    assert_eq!(e[0].0, 16);
}

#[test]
fn duplicate_periods_are_errors_and_disorder_is_a_warning() {
    let text = GOOD.replace("period: '2022'", "period: '2021'");
    let e = errors(&text);
    assert_eq!(e, vec![(16, "duplicate period `2021` (first given on line 15)".to_string())]);

    let text = GOOD.replace("period: '2021'", "period: '2024'");
    let (region, problems) = parse(&text);
    assert!(region.is_some());
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].severity, Severity::Warning);
    assert!(problems[0].message.contains("should be in order"));
    let points = &region.unwrap().series[0].points;
    assert_eq!(points[0].period, Period::Year(2022), "points are sorted");
}

#[test]
fn category_mistakes_and_negative_counts_are_errors() {
    let text = GOOD.replace("values: { 电话骚扰: 12, 其他: 3 }", "values: { 电话骚扰: -1, 其它: 3 }");
    let e = errors(&text);
    let messages: Vec<&str> = e.iter().map(|(_, m)| m.as_str()).collect();
    assert!(messages.iter().any(|m| m.contains("category `其它` is not in the series' categories")), "{messages:?}");
    assert!(messages.iter().any(|m| m.contains("missing a value for category `其他`")), "{messages:?}");
    assert!(messages.iter().any(|m| m.contains("negative value -1")), "{messages:?}");
    assert!(e.iter().all(|(line, _)| *line == 28), "{e:?}");
}

#[test]
fn period_must_match_frequency() {
    let text = GOOD.replace("period: 2023-Q1", "period: 2023-01");
    let e = errors(&text);
    assert_eq!(e.len(), 1);
    assert!(e[0].1.contains("does not match the series frequency `quarter`"), "{}", e[0].1);
    assert_eq!(e[0].0, 25);
}

#[test]
fn unknown_source_and_bad_file_name_are_rejected() {
    let e = errors(&GOOD.replace("source: cbirc", "source: pboc"));
    assert_eq!(e[0].1, "unknown source `pboc`: declare it under `sources:`");
    let found = Diagnostics::default();
    let region = parse_region("../etc", Path::new("x.yaml"), GOOD, &found);
    let problems = found.sorted();
    assert!(region.is_none());
    assert!(problems[0].message.contains("not a valid id"));
}

#[test]
fn unknown_field_is_reported() {
    let e = errors(&GOOD.replace("summary:", "sumary:"));
    assert_eq!(e.len(), 1);
    assert_eq!(e[0].0, 2);
    assert!(e[0].1.contains("unknown field `sumary`"));
}
