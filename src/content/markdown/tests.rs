use super::*;

fn resolve(target: &str) -> Option<String> {
    (target == "articles/known.md").then(|| "../known/index.html".to_string())
}

fn render_md(body: &str) -> Rendered {
    render(body, &RenderSettings { allow_raw_html: false, resolve: &resolve, editions: &[] })
}

#[test]
fn headings_get_unique_anchors_and_toc_entries() {
    let r = render_md("## 行业规模\n\ntext\n\n## 行业规模\n\n### Sub {#own}\n");
    let ids: Vec<&str> = r.headings.iter().map(|h| h.id.as_str()).collect();
    assert_eq!(ids, ["行业规模", "行业规模-1", "own"]);
    assert!(r.html.contains("<h2 id=\"行业规模-1\">"), "{}", r.html);
    assert_eq!(r.headings[2].level, 3);
}

#[test]
fn extensions_are_on() {
    let r = render_md("| a | b |\n|---|---|\n| 1 | 2 |\n\n~~old~~\n\n- [x] done\n\nnote[^1]\n\n[^1]: the note\n");
    assert!(r.html.contains("<table>"));
    assert!(r.html.contains("<del>old</del>"));
    assert!(r.html.contains("type=\"checkbox\""));
    assert!(r.html.contains("footnote-definition"));
}

#[test]
fn internal_links_resolve_or_are_reported() {
    let r = render_md("see [a](@/articles/known.md#part) and\n[b](@/articles/missing.md)\n");
    assert!(r.html.contains("href=\"../known/index.html#part\""), "{}", r.html);
    assert_eq!(lines_and_messages(&r), [(2, "link to `@/articles/missing.md`: no such page".to_string())]);
}

#[test]
fn raw_html_is_sanitized_unless_allowed() {
    let body =
        "hi <script>alert(1)</script> <img src=x onerror=alert(1)> [x](javascript:alert(1))\n\n<iframe src=\"https://e.com\"></iframe>\n";
    let r = render_md(body);
    for bad in ["<script", "onerror", "javascript:", "<iframe"] {
        assert!(!r.html.contains(bad), "{bad} survived: {}", r.html);
    }
    let trusted = render(body, &RenderSettings { allow_raw_html: true, resolve: &resolve, editions: &[] });
    assert!(
        trusted.html.contains("<iframe src=\"https://e.com\" sandbox=\"allow-scripts allow-popups allow-presentation\">"),
        "{}",
        trusted.html
    );
    for bad in ["<script", "onerror", "javascript:"] {
        assert!(!trusted.html.contains(bad), "{bad} survived with allow_raw_html: {}", trusted.html);
    }
    let framed = render(
        "<iframe srcdoc=\"<script>x</script>\" src=\"javascript:alert(1)\"></iframe>\n",
        &RenderSettings { allow_raw_html: true, resolve: &resolve, editions: &[] },
    );
    assert!(!framed.html.contains("srcdoc") && !framed.html.contains("javascript:"), "{}", framed.html);
}

#[test]
fn dangerous_urls_are_reported_and_never_written() {
    let r = render_md("[x](javascript:alert(1)) [y](data:text/html,hi)\n\n![i](JaVaScRiPt:alert(1))\n\n[z](<java\tscript:alert(1)>)\n");
    assert!(crate::html::active_content(&r.html).is_empty(), "{}", r.html);
    let lines: Vec<usize> = r.problems.iter().map(|d| d.line).collect();
    assert_eq!(lines, [1, 1, 3, 5], "{:?}", r.problems);
    assert!(r.problems[0].message.contains("scheme `javascript:`"), "{:?}", r.problems);
}

#[test]
fn heading_attributes_never_reach_the_page() {
    for body in ["## Title {onclick=alert(1)}\n", "## T {#x .c onmouseover=alert(1) style=color:red}\n", "# T {data-x=1 onload=y}\n"] {
        let r = render_md(body);
        assert!(crate::html::active_content(&r.html).is_empty(), "{body}: {}", r.html);
        assert!(!r.html.contains("class="), "{}", r.html);
    }
    assert!(render_md("## T {#own}\n").html.contains("<h2 id=\"own\">"), "the id is kept");
}

#[test]
fn raw_html_attributes_go_through_the_url_policy() {
    let r =
        render_md("<a href=\"java&#x09;script:alert(1)\">x</a> <img src=\" javascript:alert(2)\"> <a href=\"https://ok.org/\">ok</a>\n");
    assert!(crate::html::active_content(&r.html).is_empty(), "{}", r.html);
    assert!(r.html.contains("href=\"https://ok.org/\""), "{}", r.html);
}

#[test]
fn deeply_nested_raw_html_is_refused_not_parsed() {
    let body = format!("text\n\n{}x{}\n", "<div>".repeat(24_000), "</div>".repeat(24_000));
    let r = render_md(&body);
    assert_eq!(lines_and_messages(&r), [(3, format!("raw HTML nested 24000 elements deep; the limit is {MAX_HTML_DEPTH}"))]);
    assert!(!r.html.contains("<div>"));
    let fine = render_md(&format!("{}x{}\n", "<div>".repeat(50), "</div>".repeat(50)));
    assert!(fine.problems.is_empty() && fine.html.contains("<div>"));
}

#[test]
fn charts_and_first_paragraph_are_collected() {
    let r = render_md("## 标题\n\n第一段文字。\n\n{{ chart(region=\"hunan\", series=\"complaints\") }}\n\n第二段。\n");
    assert_eq!(r.first_paragraph, "第一段文字。");
    assert_eq!(r.charts.len(), 1);
    assert!(!r.html.contains(shortcode::PLACEHOLDER_MARK), "no placeholder reaches the HTML");
    let at = r.html.find("<p>第二段").unwrap();
    assert_eq!(r.html.chart_at, vec![at], "the chart goes where its shortcode was, before the second paragraph");
    let figure = r.html.clone().with_figures(&["<figure>图</figure>".to_string()]);
    assert!(
        figure.contains(
            "<p>第一段文字。</p>
<figure>图</figure><p>第二段。</p>"
        ),
        "{figure}"
    );
}

/// Each problem's body line and message.
fn lines_and_messages(r: &Rendered) -> Vec<(usize, String)> {
    r.problems.iter().map(|d| (d.line, d.message.clone())).collect()
}

#[test]
fn a_body_with_raw_html_keeps_its_charts_places_through_the_sanitizer() {
    let r = render_md("<div onclick=\"x()\">前</div>\n\n{{ chart(region=\"a\", series=\"b\") }}\n\n<span>后</span>\n");
    assert_eq!(r.html.chart_at.len(), 1);
    let (before, after) = r.html.split_at(r.html.chart_at[0]);
    assert!(before.contains("前") && !before.contains("onclick"), "{before}");
    assert!(after.contains("后"), "{after}");
}

/// `body` rendered with a 繁體 (Taiwan) edition beside it, without raw HTML.
fn render_in_taiwan_edition(body: &str) -> Rendered {
    let taiwan = crate::edition::Edition::converting(
        "zh-Hant",
        crate::edition::convert::Variant::Taiwan,
        &Default::default(),
        std::sync::Arc::default(),
    )
    .unwrap();
    render(body, &RenderSettings { allow_raw_html: false, resolve: &|_| None, editions: &[&taiwan] })
}

#[test]
fn raw_html_text_is_converted_and_its_tags_are_not() {
    let body = "<div title=\"软件>信息\"><a href=\"https://e.org/软件\">软件信息</a></div>\n\n正文<b>软件</b>\n";
    let r = render_in_taiwan_edition(body);
    let hant = &r.editions[0].html;
    assert!(hant.contains(">軟體資訊</a>") && hant.contains("<b>軟體</b>"), "{hant}");
    assert!(hant.contains("title=\"软件&gt;信息\"") || hant.contains("title=\"软件>信息\""), "an attribute stays as written: {hant}");
    assert!(hant.contains("https://e.org/软件") || hant.contains("https://e.org/%E8%BD%AF%E4%BB%B6"), "an address stays: {hant}");
    assert_eq!(r.html.matches('<').count(), hant.matches('<').count(), "the same tags");
}

#[test]
fn each_text_of_a_body_converts_as_it_would_alone() {
    // A body's texts are converted in one pass: a word split by markup stays split (軟件,
    // not 軟體, where only 软 is bold), code and autolinks stay, and every text keeps its place.
    let body = "**软**件与软件，`软件` <https://e.org/软件>\n\n```\n软件\n```\n\n| 信息 | 软件 |\n|---|---|\n| 搜索 | 网络 |\n";
    let r = render_in_taiwan_edition(body);
    let hant = &r.editions[0].html;
    for expected in [
        "<strong>軟</strong>件與軟體，",
        "<code>软件</code>",
        ">https://e.org/软件</a>",
        "<code>软件\n</code>",
        "<th>資訊</th>",
        "<td>搜尋</td>",
    ] {
        assert!(hant.contains(expected), "{expected} in {hant}");
    }
    assert_eq!(r.editions[0].text.lines().count(), r.text.lines().count(), "the same lines of text");
}
