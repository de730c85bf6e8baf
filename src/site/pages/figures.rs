//! What a region says about its figures: the headline numbers (and whether they are old) and
//! its sources, each document apart from where it was read.

use crate::content::date::Date;
use crate::data::{Point, Region, Series};
use crate::policy::number::format_fixed;
use crate::render::views::{KeyFigureView, SourceView};
use crate::site::Site;

/// The latest value of the region's first three series.
pub fn key_figures(site: &Site, region: &Region) -> Vec<KeyFigureView> {
    region
        .series
        .iter()
        .filter_map(|s| {
            s.latest().map(|p| KeyFigureView {
                label: s.title.clone(),
                value: format_fixed(p.total(), crate::charts::series_decimals(s)),
                unit: s.unit.clone(),
                period: p.period.label(&site.edition.messages),
                illustrative: s.illustrative,
                stale: stale_note(site, region, s, p),
            })
        })
        .take(3)
        .collect()
}

/// Says so when a latest figure is older than the same series' latest in another region, or
/// ended more than `stale_after_months` before the region's figures were last revised.
fn stale_note(site: &Site, region: &Region, series: &Series, latest: &Point) -> Option<String> {
    let msg = &site.edition.messages;
    let newest_elsewhere = site
        .regions
        .iter()
        .filter(|r| r.id != region.id && r.reference == region.reference)
        .filter_map(|r| r.series(&series.id))
        .filter(|s| s.frequency == series.frequency)
        .filter_map(|s| s.latest().map(|p| p.period))
        .max();
    if let Some(newer) = newest_elsewhere.filter(|newer| *newer > latest.period) {
        return Some(msg.fill("stale_other_regions", &[("period", &newer.label(msg))]));
    }
    let threshold = i64::from(site.config.stale_after_months);
    let updated = region.updated.as_deref().and_then(|d| Date::parse(d).ok())?;
    let months = i64::from(updated.year) * 12 + i64::from(updated.month) - 1 - latest.period.last_month();
    (threshold > 0 && months > threshold)
        .then(|| msg.fill("stale_months", &[("date", &updated.label(msg)), ("months", &months.to_string())]))
}

/// The region's sources, and their notes written once each (a source names its note by
/// number), in the order the sources first use them.
pub fn sources(region: &Region) -> (Vec<SourceView>, Vec<String>) {
    let mut notes: Vec<String> = Vec::new();
    let views = region
        .sources
        .iter()
        .map(|s| {
            let note = s.note.as_ref().filter(|n| !n.trim().is_empty()).map(|n| match notes.iter().position(|known| known == n) {
                Some(i) => i + 1,
                None => {
                    notes.push(n.clone());
                    notes.len()
                }
            });
            SourceView {
                title: s.title.clone(),
                publisher: s.publisher.clone(),
                url: s.url.clone(),
                read_at_host: s.read_at.as_deref().map(host),
                read_at: s.read_at.clone(),
                date: s.date.clone(),
                note,
            }
        })
        .collect();
    (views, notes)
}

/// The host of an http(s) URL (`finance.sina.com.cn`), to name a reprint by its site.
fn host(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    rest.split(['/', '?', '#']).next().unwrap_or(rest).to_string()
}

#[cfg(test)]
mod tests {
    use super::host;

    #[test]
    fn a_reprint_is_named_by_its_host() {
        assert_eq!(host("https://finance.sina.com.cn/money/x.shtml"), "finance.sina.com.cn");
        assert_eq!(host("http://e.org?x=1"), "e.org");
    }
}
