//! A chart as readers get it: both drawings, downloads, the revision date and citations.

use super::PlannedChart;
use crate::charts::{self, Layout};
use crate::content::date::Date;
use crate::render::views::{ChartView, CiteView, ImageView, LinkView};
use crate::site::{urls, Site};

/// Windows up to 40rem (640 px, the stylesheet's phone breakpoint) get the narrow drawing.
pub const NARROW_MEDIA: &str = "(max-width: 40rem)";

pub fn view(site: &Site, chart: &PlannedChart) -> ChartView {
    let image = |layout: Layout| {
        let (width, height) = charts::size(&chart.spec, layout);
        ImageView { url: site.urls.link(&urls::chart_image(&chart.stem, layout)), width, height }
    };
    let wide = image(Layout::Wide);
    let updated = chart.updated.as_deref().and_then(|d| Date::parse(d).ok());
    let msg = &site.edition.messages;
    let downloads = vec![
        LinkView { title: msg.get("download_csv").into(), url: site.urls.link(&urls::chart_data(&chart.stem)), key: String::new() },
        LinkView { title: msg.get("download_svg").into(), url: wide.url.clone(), key: String::new() },
    ];
    ChartView {
        title: chart.spec.title.clone(),
        anchor: chart.anchor.clone(),
        wide,
        narrow: image(Layout::Narrow),
        narrow_media: NARROW_MEDIA.into(),
        alt: chart.spec.description(),
        illustrative: chart.spec.illustrative,
        meta: chart.meta.clone(),
        updated: updated.map(|d| d.label(msg)),
        updated_date: chart.updated.clone(),
        note: chart.note.clone(),
        downloads,
        cite: cite(site, chart, updated),
        table: chart.table.clone(),
    }
}

/// The chart cited as a dataset online, GB/T 7714—2015 style (the reader adds the date they
/// read it, which the build cannot know), and in plain words.
fn cite(site: &Site, chart: &PlannedChart, updated: Option<Date>) -> CiteView {
    let url = format!("{}#{}", site.urls.absolute(&chart.page), chart.anchor);
    let author = site.config.publisher.as_deref().unwrap_or(&site.config.title);
    let msg = &site.edition.messages;
    let title = match chart.spec.illustrative {
        true => msg.fill("chart_illustrative_title", &[("title", &chart.spec.title)]),
        false => chart.spec.title.clone(),
    };
    let cited = msg.get("cite_date");
    let revised = updated.map(|d| d.to_string());
    let gbt7714 = match &revised {
        Some(date) => format!("{author}. {title}[DB/OL]. {}. ({date})[{cited}]. {url}.", site.config.title),
        None => format!("{author}. {title}[DB/OL]. {}. [{cited}]. {url}.", site.config.title),
    };
    let plain = match updated {
        Some(date) => msg.fill("cite_web", &[("site", &site.config.title), ("title", &title), ("date", &date.label(msg)), ("url", &url)]),
        None => format!("{}：《{title}》。{url}", site.config.title),
    };
    CiteView { gbt7714, plain, url }
}
