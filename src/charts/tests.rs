use super::*;

fn spec(kind: ChartKind, illustrative: bool) -> ChartSpec {
    ChartSpec {
        title: "湖南 · 投诉 <测试>".into(),
        kind,
        x_labels: vec!["2023-Q1".into(), "2023-Q2".into(), "2023-Q3".into()],
        x_title: "季度".into(),
        y_title: "投诉量（件）".into(),
        unit: "件".into(),
        lines: vec![
            Line { name: "电话骚扰".into(), values: vec![Some(10.0), None, Some(30.0)] },
            Line { name: "上门催收".into(), values: vec![Some(5.0), Some(6.0), Some(7.0)] },
        ],
        marks: vec![(1, "口径变化".into())],
        source: "来源：示例数据".into(),
        illustrative,
    }
}

fn parse(svg: &str) -> roxmltree::Document<'_> {
    roxmltree::Document::parse(svg).unwrap_or_else(|e| panic!("not well-formed: {e}\n{svg}"))
}

#[test]
fn svg_is_well_formed_with_title_desc_and_viewbox() {
    let svg = render_svg(&spec(ChartKind::Lines, true));
    let doc = parse(&svg);
    let root = doc.root_element();
    assert_eq!(root.attribute("viewBox"), Some("0 0 800 450"));
    assert_eq!(root.attribute("role"), Some("img"));
    let title = root.children().find(|n| n.has_tag_name("title")).unwrap();
    assert_eq!(title.text(), Some("湖南 · 投诉 <测试>"));
    let desc = root.children().find(|n| n.has_tag_name("desc")).unwrap().text().unwrap();
    assert!(desc.starts_with("示例数据"), "{desc}");
    assert!(desc.contains("上门催收最新值（2023-Q3）：7 件"), "{desc}");
}

#[test]
fn illustrative_badge_legend_and_labels_are_drawn() {
    let svg = render_svg(&spec(ChartKind::Bars, true));
    let doc = parse(&svg);
    let texts: Vec<String> =
        doc.descendants().filter(|n| n.has_tag_name("text")).map(|n| n.text().unwrap_or("").trim().to_string()).collect();
    for expected in ["示例数据", "电话骚扰", "上门催收", "2023-Q1", "投诉量（件）", "来源：示例数据", "口径变化", "40"]
    {
        assert!(texts.iter().any(|t| t == expected), "missing text {expected:?} in {texts:?}");
    }
    assert!(!svg.contains("font-family=\"sans-serif\""), "uses the CJK font stack");
}

#[test]
fn real_data_has_no_badge() {
    let real = ChartSpec { source: "来源：某监管局".into(), ..spec(ChartKind::Lines, false) };
    let svg = render_svg(&real);
    assert!(!svg.contains("示例数据"), "{svg}");
    let illustrative = render_svg(&spec(ChartKind::Lines, true));
    assert!(illustrative.contains("示例数据"));
}

#[test]
fn output_is_deterministic() {
    let a = render_svg(&spec(ChartKind::Bars, true));
    let b = render_svg(&spec(ChartKind::Bars, true));
    assert_eq!(a, b);
}

#[test]
fn stacked_bars_scale_to_the_total() {
    let s = spec(ChartKind::Bars, false);
    assert_eq!(s.max_value(), 37.0);
    let lines = ChartSpec { kind: ChartKind::Lines, ..s };
    assert_eq!(lines.max_value(), 30.0);
}

#[test]
fn empty_chart_still_renders() {
    let empty = ChartSpec { x_labels: vec![], lines: vec![], ..spec(ChartKind::Bars, false) };
    parse(&render_svg(&empty));
}
