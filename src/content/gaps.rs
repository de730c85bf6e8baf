//! Words removed by a word filter. Pages that republish articles often run a filter that
//! deletes words it dislikes and leaves a trace: a space between two Chinese characters
//! (`传统的 催收`, `依赖 、短信`), or the first character of a two-character word left
//! dangling (`信用风险问也愈发突出`, `解决问。` where the text said 问题). Only an editor can
//! tell what was deleted, so these are found, never filled in.

use super::script::is_cjk;

/// Punctuation a word can stand before; a space before it is a gap like one between words.
const CLOSING: &str = "、，。；：！？）》」";

/// Offsets and messages of the spaces between Chinese characters in `text`.
pub fn spaces(text: &str) -> impl Iterator<Item = (usize, String)> + '_ {
    let bytes = text.as_bytes();
    // U+3000 (ideographic space) is E3 80 80; E3 also leads 、 。 「 and the like, which are
    // passed over on their second byte.
    memchr::memchr2_iter(b' ', 0xE3, bytes).filter_map(move |start| {
        if bytes[start] == 0xE3 && bytes.get(start + 1..start + 3) != Some(&[0x80, 0x80]) {
            return None;
        }
        let rest = &text[start..];
        let blank_len: usize = rest.chars().take_while(|c| matches!(c, ' ' | '\u{3000}')).map(char::len_utf8).sum();
        if blank_len == 0 {
            return None;
        }
        let before = text[..start].chars().next_back().filter(|&c| is_cjk(c))?;
        let after = rest[blank_len..].chars().next().filter(|&c| is_cjk(c) || CLOSING.contains(c))?;
        // A run of spaces is reported once, at its first space.
        if text[..start].ends_with([' ', '\u{3000}']) {
            return None;
        }
        Some((
            start,
            format!("a space between `{before}` and `{after}`: a word removed by a filter? (`{before}{}{after}`)", &rest[..blank_len]),
        ))
    })
}

/// Offsets and messages of characters that look like the first half of a word whose second
/// half was deleted: `X` followed by the end of a sentence or `也` here, but followed by the
/// same `Y` in most (three or more, three in four) of its other occurrences (`问` and `问题`).
pub fn dangling(text: &str) -> impl Iterator<Item = (usize, String)> + '_ {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut bigrams: Vec<(char, char)> = chars.windows(2).map(|w| (w[0].1, w[1].1)).filter(|(a, _)| is_cjk(*a)).collect();
    bigrams.sort_unstable();
    let mut next_index = 0;
    // Lazy, so that a file full of such signs costs no more memory than a clean one.
    std::iter::from_fn(move || {
        while next_index + 1 < chars.len() {
            let ((offset, x), (_, next)) = (chars[next_index], chars[next_index + 1]);
            next_index += 1;
            if let Some(message) = dangling_at(&bigrams, x, next) {
                return Some((offset, message));
            }
        }
        None
    })
}

/// The message when `x` followed by `next` looks like half a word, given the text's bigrams.
fn dangling_at(bigrams: &[(char, char)], x: char, next: char) -> Option<String> {
    // Only before the end of a sentence or 也: before a comma or 的 a noun ends so often
    // (债务人，) that the sign says nothing.
    if !is_cjk(x) || !"。！？也".contains(next) {
        return None;
    }
    let count = |pair: (char, char)| bigrams.partition_point(|p| *p <= pair) - bigrams.partition_point(|p| *p < pair);
    if count((x, next)) > 1 {
        return None;
    }
    let followers = &bigrams[bigrams.partition_point(|p| p.0 < x)..bigrams.partition_point(|p| p.0 <= x)];
    let (usual, times) = most_common_follower(followers)?;
    let others = followers.len() - 1;
    (usual != next && is_cjk(usual) && times >= 3 && times * 4 >= others * 3).then(|| {
        format!("`{x}{next}`: elsewhere `{x}` is followed by `{usual}` ({times} of {others} times); `{x}{usual}` cut by a filter?")
    })
}

/// The follower seen most often in `followers` (sorted pairs with one first character).
fn most_common_follower(followers: &[(char, char)]) -> Option<(char, usize)> {
    followers.chunk_by(|a, b| a.1 == b.1).map(|run| (run[0].1, run.len())).max_by_key(|(_, n)| *n)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spaces_in(text: &str) -> Vec<String> {
        spaces(text).map(|(_, m)| m).collect()
    }

    #[test]
    fn a_space_between_chinese_characters_is_a_gap() {
        assert_eq!(spaces_in("传统的 催收、上门催收").len(), 1);
        assert!(spaces_in("客户在接到催收 或催收信息时")[0].contains("`收` and `或`"));
        assert!(spaces_in("依赖 、短信")[0].contains("`赖` and `、`"));
        assert_eq!(spaces_in("两个　　空格").len(), 1, "a run of spaces is one gap");
        let (offset, _) = spaces("第一行\n传统的 催收").next().unwrap();
        assert_eq!(&"第一行\n传统的 催收"[offset..offset + 1], " ");
    }

    #[test]
    fn spaces_next_to_latin_text_digits_or_markup_are_not_gaps() {
        for text in ["## 标题", "- 列表项", "湖南 2024 年", "使用 WeChat 联系", "**粗体** 文字", "| 湖南 | 49.5 |", "A 股市场"]
        {
            assert!(spaces_in(text).is_empty(), "{text}: {:?}", spaces_in(text));
        }
    }

    #[test]
    fn a_dangling_half_of_a_word_is_found_where_the_text_uses_the_whole_word() {
        let text = "这是一个问题。另一个问题也很重要。信用风险问也愈发突出。如何解决问题，是关键问题。";
        let found: Vec<_> = dangling(text).collect();
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(&text[found[0].0..found[0].0 + 3], "问");
        assert!(found[0].1.contains("`问也`") && found[0].1.contains("`问题`"), "{}", found[0].1);
        assert!(dangling("解决问。这个问题和那个问题，还有新问题。").any(|(_, m)| m.contains("`问。`")));
        // Twice is not enough to tell a word: `长沙` followed by `上门` twice says nothing of `沙的`.
        assert_eq!(dangling("长沙上门催收。长沙上门拜访。长沙的客户。").count(), 0);
    }

    #[test]
    fn words_that_end_a_phrase_are_not_dangling() {
        // 收 ends 催收 and starts 收到: no follower dominates, so nothing is reported.
        let text = "上门催收。电话催收，收到通知，收入下降，催收了。";
        assert_eq!(dangling(text).count(), 0, "{:?}", dangling(text).collect::<Vec<_>>());
        assert_eq!(dangling("问题").count(), 0);
    }
}
