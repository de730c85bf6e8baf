//! Lists that go on over several pages (the article list, a region's and a tag's articles):
//! how many pages, which entries each shows, their titles and the bar of page links.

use crate::render::views::{PageLinkView, PaginationView};

/// Entries a region or tag page lists (the article list's own size is set in `site.yaml`, up
/// to the same ceiling).
pub const ENTRIES_PER_PAGE: usize = crate::config::MAX_PER_PAGE;

/// How many pages `entries` take at `per_page` a page; an empty list still has its first page.
pub fn page_count(entries: usize, per_page: usize) -> usize {
    entries.div_ceil(per_page).max(1)
}

/// How many pages a region's or a tag's list of `entries` articles takes.
pub fn long_list_pages(entries: usize) -> usize {
    page_count(entries, ENTRIES_PER_PAGE)
}

/// The range of entries page `n` (1-based) shows.
pub(super) fn entries_of(n: usize, entries: usize, per_page: usize) -> std::ops::Range<usize> {
    let start = ((n - 1) * per_page).min(entries);
    start..(start + per_page).min(entries)
}

/// The bar of links of page `n` of `total`: previous, next and a window of numbers.
/// `link(k)` is page k's address as this page links to it.
pub(super) fn bar(n: usize, total: usize, link: impl Fn(usize) -> String) -> PaginationView {
    PaginationView {
        current: n,
        total,
        previous: (n > 1).then(|| link(n - 1)),
        next: (n < total).then(|| link(n + 1)),
        pages: page_window(n, total).into_iter().map(|k| k.map(|k| PageLinkView { number: k, url: link(k), current: k == n })).collect(),
    }
}

/// Page numbers to show around `current`: first, last and two either side, `None` for a gap.
pub(super) fn page_window(current: usize, total: usize) -> Vec<Option<usize>> {
    let mut shown: Vec<usize> = (1..=total).filter(|&k| k == 1 || k == total || k.abs_diff(current) <= 2).collect();
    shown.dedup();
    let mut out = Vec::with_capacity(shown.len() + 2);
    for (i, &k) in shown.iter().enumerate() {
        if i > 0 && k - shown[i - 1] > 1 {
            out.push(None);
        }
        out.push(Some(k));
    }
    out
}

/// The title of page `n` of the article list.
pub(super) fn list_title(msg: &crate::edition::Messages, n: usize) -> String {
    if n <= 1 {
        msg.get("all_articles").into()
    } else {
        msg.fill("all_articles_page", &[("n", &n.to_string())])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pagination_shows_a_window_with_gaps() {
        assert_eq!(page_window(1, 3), vec![Some(1), Some(2), Some(3)]);
        assert_eq!(page_window(10, 500), vec![Some(1), None, Some(8), Some(9), Some(10), Some(11), Some(12), None, Some(500)]);
        assert_eq!(page_window(1, 1), vec![Some(1)]);
    }

    #[test]
    fn entries_are_split_into_pages_of_at_most_the_size() {
        assert_eq!(page_count(0, 100), 1);
        assert_eq!(page_count(100, 100), 1);
        assert_eq!(page_count(101, 100), 2);
        assert_eq!(entries_of(1, 250, 100), 0..100);
        assert_eq!(entries_of(3, 250, 100), 200..250);
        assert_eq!(entries_of(1, 0, 100), 0..0);
    }
}
