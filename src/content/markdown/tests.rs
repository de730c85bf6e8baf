use super::*;

fn resolve(target: &str) -> Option<String> {
    (target == "articles/known.md").then(|| "../known/index.html".to_string())
}

fn render_md(body: &str) -> Rendered {
    render(body, &RenderSettings { allow_raw_html: false, resolve: &resolve })
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
    assert_eq!(r.problems, vec![(2, "link to `@/articles/missing.md`: no such page".to_string())]);
}

#[test]
fn raw_html_is_sanitized_unless_allowed() {
    let body =
        "hi <script>alert(1)</script> <img src=x onerror=alert(1)> [x](javascript:alert(1))\n\n<iframe src=\"https://e.com\"></iframe>\n";
    let r = render_md(body);
    for bad in ["<script", "onerror", "javascript:", "<iframe"] {
        assert!(!r.html.contains(bad), "{bad} survived: {}", r.html);
    }
    let trusted = render(body, &RenderSettings { allow_raw_html: true, resolve: &resolve });
    assert!(trusted.html.contains("<iframe"));
}

#[test]
fn dangerous_link_without_raw_html_is_still_cleaned() {
    let r = render_md("[x](javascript:alert(1)) [y](data:text/html,hi)\n");
    assert!(!r.html.contains("javascript:") && !r.html.contains("data:"), "{}", r.html);
}

#[test]
fn charts_and_first_paragraph_are_collected() {
    let r = render_md("## 标题\n\n第一段文字。\n\n{{ chart(region=\"hunan\", series=\"complaints\") }}\n\n第二段。\n");
    assert_eq!(r.first_paragraph, "第一段文字。");
    assert_eq!(r.charts.len(), 1);
    assert!(r.html.contains(&format!("<p>{}</p>", shortcode::placeholder(0))));
}
