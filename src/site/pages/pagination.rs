//! The article list's pages: their titles and the window of page numbers each shows.

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
    use super::page_window;

    #[test]
    fn pagination_shows_a_window_with_gaps() {
        assert_eq!(page_window(1, 3), vec![Some(1), Some(2), Some(3)]);
        assert_eq!(page_window(10, 500), vec![Some(1), None, Some(8), Some(9), Some(10), Some(11), Some(12), None, Some(500)]);
        assert_eq!(page_window(1, 1), vec![Some(1)]);
    }
}
