//! What the search index holds of a site: every article (title, summary, body text, tags,
//! region), every region page, and the comparison page.

use super::articles::RenderedArticle;
use super::{urls, Site};
use crate::search::index::Document;

/// The site's searchable pages, articles first in the site's order.
pub fn documents(site: &Site, rendered: &[RenderedArticle]) -> Vec<Document> {
    let region_name = |id: &str| site.region(id).map_or_else(String::new, |r| r.name.clone());
    let mut docs: Vec<Document> = site
        .articles
        .iter()
        .zip(rendered)
        .map(|(article, body)| {
            let regions: Vec<String> = article.regions.iter().map(|id| region_name(id)).collect();
            let tags: Vec<&str> = article.tags.iter().map(|t| t.name.as_str()).collect();
            let text = [body.summary.as_str(), &tags.join(" "), &regions.join(" "), &html_text(&body.html)].join("\n");
            Document {
                url: site.urls.link(&urls::article_page(&article.slug)),
                title: article.title.clone(),
                region: regions.join("、"),
                date: article.date.to_string(),
                text,
            }
        })
        .collect();
    docs.extend(site.regions.iter().map(|region| {
        let series: Vec<&str> = region.series.iter().map(|s| s.title.as_str()).collect();
        let sources: Vec<&str> = region.sources.iter().map(|s| s.title.as_str()).collect();
        Document {
            url: site.urls.link(&urls::region_page(&region.id)),
            title: region.name.clone(),
            region: region.name.clone(),
            date: String::new(),
            text: [region.summary.as_str(), &series.join(" "), &sources.join(" ")].join("\n"),
        }
    }));
    let compared: Vec<&str> = site.regions.iter().filter(|r| !r.reference).map(|r| r.name.as_str()).collect();
    docs.push(Document {
        url: site.urls.link(urls::COMPARE),
        title: "地区对比".into(),
        region: String::new(),
        date: String::new(),
        text: format!("各地区关键指标对比 {}", compared.join(" ")),
    });
    docs
}

/// The text of a body's HTML (made by our Markdown renderer, so well formed): tags dropped,
/// block ends as line breaks, the five entities it writes decoded.
pub fn html_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        let Some(close) = rest[open..].find('>') else { break };
        let tag = &rest[open + 1..open + close];
        if tag.starts_with('/')
            && matches!(tag.trim_start_matches('/'), "p" | "li" | "h2" | "h3" | "h4" | "td" | "th" | "tr" | "blockquote")
        {
            out.push('\n');
        }
        rest = &rest[open + close + 1..];
    }
    out.push_str(rest);
    out.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::html_text;

    #[test]
    fn body_html_becomes_its_text() {
        assert_eq!(html_text("<h2 id=\"a\">标题</h2><p>上门<strong>催收</strong> &amp; 电话</p>"), "标题\n上门催收 & 电话\n");
    }
}
