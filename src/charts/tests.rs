use super::*;

fn spec(kind: ChartKind, illustrative: bool) -> ChartSpec {
    ChartSpec {
        title: "湖南 · 投诉 <测试>".into(),
        kind,
        categorical: false,
        x_labels: vec!["2023年第1季度".into(), "2023年第2季度".into(), "2023年第3季度".into()],
        x_ticks: vec!["2023Q1".into(), "2023Q2".into(), "2023Q3".into()],
        x_notes: Vec::new(),
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
        decimals: 0,
        ..simplified()
    }
}

/// The fields a chart takes from its edition: the first, in Simplified script.
fn simplified() -> ChartSpec {
    let edition = crate::edition::Edition::first("zh-Hans", std::sync::Arc::new(crate::edition::Messages::builtin("zh-Hans")));
    ChartSpec {
        title: String::new(),
        kind: ChartKind::Bars,
        categorical: false,
        x_labels: Vec::new(),
        x_ticks: Vec::new(),
        x_notes: Vec::new(),
        x_title: String::new(),
        y_title: String::new(),
        unit: String::new(),
        lines: Vec::new(),
        marks: Vec::new(),
        source: String::new(),
        illustrative: false,
        decimals: 0,
        language: edition.language.clone(),
        fonts: edition.chart_fonts(),
        messages: edition.messages.clone(),
    }
}

/// Every `<text>` of an SVG with its font size.
fn texts(svg: &str) -> Vec<(String, f64)> {
    let doc = parse(svg);
    doc.descendants()
        .filter(|n| n.has_tag_name("text"))
        .map(|n| (n.text().unwrap_or("").trim().to_string(), n.attribute("font-size").and_then(|s| s.parse().ok()).unwrap_or(0.0)))
        .collect()
}

fn view_box(svg: &str) -> (f64, f64) {
    let doc = parse(svg);
    let parts: Vec<f64> = doc.root_element().attribute("viewBox").unwrap().split(' ').map(|p| p.parse().unwrap()).collect();
    (parts[2], parts[3])
}

/// Regions compared by their latest value, one of them a year behind.
fn comparison() -> ChartSpec {
    ChartSpec {
        title: "各地区催收市场规模（最新）".into(),
        kind: ChartKind::Bars,
        categorical: true,
        x_labels: vec!["湖南".into(), "甘肃".into(), "河南".into(), "北京".into()],
        x_ticks: vec!["湖南".into(), "甘肃".into(), "河南".into(), "北京".into()],
        x_notes: vec![Some("2024年".into()), Some("2023年".into()), Some("2024年".into()), Some("2024年".into())],
        x_title: "地区".into(),
        y_title: "催收市场规模（亿元）".into(),
        unit: "亿元".into(),
        lines: vec![Line { name: "催收市场规模".into(), values: vec![Some(49.5), Some(6.8), Some(31.0), Some(19.25)] }],
        marks: Vec::new(),
        source: "来源：示例数据".into(),
        illustrative: true,
        decimals: 2,
        ..simplified()
    }
}

fn parse(svg: &str) -> roxmltree::Document<'_> {
    roxmltree::Document::parse(svg).unwrap_or_else(|e| panic!("not well-formed: {e}\n{svg}"))
}

#[test]
fn svg_is_well_formed_with_title_desc_and_viewbox() {
    let svg = render_svg(&spec(ChartKind::Lines, true), Layout::Wide);
    let doc = parse(&svg);
    let root = doc.root_element();
    let (width, height) = size(&spec(ChartKind::Lines, true), Layout::Wide);
    assert_eq!(root.attribute("viewBox"), Some(format!("0 0 {width} {height}").as_str()));
    assert_eq!(root.attribute("role"), Some("img"));
    let title = root.children().find(|n| n.has_tag_name("title")).unwrap();
    assert_eq!(title.text(), Some("湖南 · 投诉 <测试>"));
    let desc = root.children().find(|n| n.has_tag_name("desc")).unwrap().text().unwrap();
    assert!(desc.starts_with("示例数据"), "{desc}");
    assert!(desc.contains("上门催收最新值（2023年第3季度）：7 件"), "{desc}");
}

#[test]
fn illustrative_badge_legend_and_labels_are_drawn() {
    for layout in [Layout::Wide, Layout::Narrow] {
        let svg = render_svg(&spec(ChartKind::Bars, true), layout);
        let texts: Vec<String> = texts(&svg).into_iter().map(|(t, _)| t).collect();
        for expected in ["示例数据", "电话骚扰", "上门催收", "2023Q1", "投诉量（件）", "来源：示例数据", "口径变化", "40"]
        {
            assert!(texts.iter().any(|t| t == expected), "{layout:?}: missing text {expected:?} in {texts:?}");
        }
        assert_eq!(texts.iter().filter(|t| *t == "示例数据").count(), 1, "{layout:?}: the mark is drawn once");
        assert!(svg.contains("<style>text{font-family:Noto Sans CJK SC,"), "uses the CJK font stack of its script");
    }
}

#[test]
fn real_data_has_no_badge() {
    let real = ChartSpec { source: "来源：某监管局".into(), ..spec(ChartKind::Lines, false) };
    let svg = render_svg(&real, Layout::Narrow);
    assert!(!svg.contains("示例数据"), "{svg}");
    let illustrative = render_svg(&spec(ChartKind::Lines, true), Layout::Narrow);
    assert!(illustrative.contains("示例数据"));
}

#[test]
fn output_is_deterministic() {
    for layout in [Layout::Wide, Layout::Narrow] {
        assert_eq!(render_svg(&spec(ChartKind::Bars, true), layout), render_svg(&spec(ChartKind::Bars, true), layout));
        assert_eq!(render_svg(&comparison(), layout), render_svg(&comparison(), layout));
    }
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
    let empty = ChartSpec { x_labels: vec![], x_ticks: vec![], lines: vec![], ..spec(ChartKind::Bars, false) };
    for layout in [Layout::Wide, Layout::Narrow] {
        parse(&render_svg(&empty, layout));
        parse(&render_svg(&ChartSpec { x_labels: vec![], x_ticks: vec![], x_notes: vec![], lines: vec![], ..comparison() }, layout));
    }
}

#[test]
fn text_stays_legible_at_the_narrowest_column_of_each_layout() {
    let long_title = ChartSpec {
        title: "全国（参考）· 保险业消费投诉（含人身险与财产险，2020年第2季度至2023年第1季度）".into(),
        ..spec(ChartKind::Lines, true)
    };
    for chart in [spec(ChartKind::Bars, true), long_title, comparison()] {
        for layout in [Layout::Wide, Layout::Narrow] {
            let svg = render_svg(&chart, layout);
            let (width, _) = view_box(&svg);
            let scale = layout.narrowest_column() / width;
            for (text, size) in texts(&svg) {
                assert!(size * scale >= Layout::TEXT_MIN_CSS_PX, "{layout:?}: `{text}` renders at {:.1} px", size * scale);
            }
        }
    }
}

#[test]
fn the_narrow_layout_fits_a_phone_and_compares_regions_with_horizontal_bars() {
    let chart = comparison();
    let (wide, _) = size(&chart, Layout::Wide);
    let (narrow, narrow_height) = size(&chart, Layout::Narrow);
    assert!(narrow < wide && f64::from(narrow) <= 360.0, "{narrow} units wide");
    let svg = render_svg(&chart, Layout::Narrow);
    let doc = parse(&svg);
    // Horizontal bars: one row per region, all as thick, as long as their values.
    let bars: Vec<(f64, f64)> = doc
        .descendants()
        .filter(|n| n.has_tag_name("rect") && n.attribute("fill") == Some(palette::hex(palette::SERIES[0]).as_str()))
        .map(|n| (n.attribute("width").unwrap().parse().unwrap(), n.attribute("height").unwrap().parse().unwrap()))
        .collect();
    assert_eq!(bars.len(), 4, "{bars:?}");
    assert!(bars.iter().all(|(_, h)| *h == bars[0].1), "{bars:?}");
    let (hunan, gansu, henan, beijing) = (bars[0].0, bars[1].0, bars[2].0, bars[3].0);
    assert!(hunan > henan && henan > beijing && beijing > gansu, "{bars:?}");
    assert!((hunan / henan - 49.5 / 31.0).abs() < 0.1, "{bars:?}");
    assert!(f64::from(narrow_height) < 400.0);
    // Each bar says its value with the chart's decimals, and its period since the periods differ.
    let texts: Vec<String> = texts(&svg).into_iter().map(|(t, _)| t).collect();
    for expected in ["6.80 亿元（2023年）", "19.25 亿元（2024年）", "49.50 亿元（2024年）"] {
        assert!(texts.iter().any(|t| t == expected), "missing {expected:?} in {texts:?}");
    }
    let wide_texts: Vec<String> = self::texts(&render_svg(&chart, Layout::Wide)).into_iter().map(|(t, _)| t).collect();
    assert!(wide_texts.iter().any(|t| t == "2023年"), "the wide drawing names the periods too: {wide_texts:?}");
}

#[test]
fn a_comparison_describes_every_bar() {
    let desc = comparison().description();
    for expected in ["湖南 49.50 亿元（2024年）", "甘肃 6.80 亿元（2023年）", "北京 19.25 亿元（2024年）"] {
        assert!(desc.contains(expected), "{desc}");
    }
}

#[test]
fn gaps_are_labelled_no_data() {
    let mut chart = spec(ChartKind::Bars, false);
    chart.lines.iter_mut().for_each(|l| l.values[1] = None);
    assert_eq!(chart.gap_positions().collect::<Vec<_>>(), vec![1]);
    for layout in [Layout::Wide, Layout::Narrow] {
        let texts: Vec<String> = texts(&render_svg(&chart, layout)).into_iter().map(|(t, _)| t).collect();
        assert!(texts.iter().any(|t| t == "无数据"), "{layout:?}: the legend names the gap: {texts:?}");
    }
    assert!(chart.description().contains("无数据：2023年第2季度"), "{}", chart.description());
    let whole = spec(ChartKind::Bars, false);
    assert!(!whole.has_gaps());
    assert!(!texts(&render_svg(&whole, Layout::Wide)).iter().any(|(t, _)| t == "无数据"));
}

#[test]
fn one_file_serves_light_and_dark_schemes() {
    let svg = render_svg(&spec(ChartKind::Lines, false), Layout::Wide);
    assert!(svg.contains("@media (prefers-color-scheme: dark)"));
    for (light, dark) in palette::DARK {
        let rule = format!("[fill=\"{}\"]{{fill:{}}}", palette::hex(light), palette::hex(dark));
        assert!(svg.contains(&rule), "missing {rule}");
    }
    assert!(svg.contains(&format!("fill=\"{}\"", palette::hex(palette::BACKGROUND))), "the light colours are the attributes");
}

#[test]
fn a_chart_speaks_its_editions_language_in_its_scripts_fonts() {
    let messages = std::sync::Arc::new(crate::edition::Messages::builtin("zh-Hant"));
    let mut chart =
        ChartSpec { language: "zh-Hant".into(), fonts: "Noto Sans CJK TC, PingFang TC", messages, ..spec(ChartKind::Bars, true) };
    chart.lines.iter_mut().for_each(|l| l.values[1] = None);
    let svg = render_svg(&chart, Layout::Wide);
    let doc = parse(&svg);
    assert_eq!(doc.root_element().attribute("lang"), Some("zh-Hant"));
    assert!(svg.contains("<style>text{font-family:Noto Sans CJK TC, PingFang TC}</style>"));
    let words: Vec<String> = texts(&svg).into_iter().map(|(t, _)| t).collect();
    assert!(words.iter().any(|t| t == "範例資料") && words.iter().any(|t| t == "無資料"), "{words:?}");
    assert!(!words.iter().any(|t| t == "示例数据" || t == "无数据"), "{words:?}");
}
