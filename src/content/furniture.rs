//! Page furniture: the lines a web page puts around an article and that come along when the
//! article is copied (a breadcrumb, a byline, share and read-aloud widgets, rights notices,
//! contact and report lines, headings of link lists). Each is told by the kind of line it is,
//! not by the strings of any one site: `import` removes such lines, `check` and `build` warn
//! about those left in an article.

use super::script::is_cjk;

/// What a line of furniture is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Furniture {
    /// `当前位置：首页 > 栏目 > 正文`.
    Breadcrumb,
    /// The author, a date and time, views or a column name: `编辑：张三 2024-10-19 22:14:02`.
    Byline,
    /// `扫描二维码`, `语音朗读`, `分享到`: controls of the page, not text.
    Widget,
    /// Copyright, reprint and disclaimer notices.
    Rights,
    /// `本文链接：https://…`.
    PageLink,
    /// Phone numbers, e-mail or QQ addresses, report lines.
    Contact,
    /// A short user badge on its own line: `资深用户`.
    Badge,
    /// The heading of a list of links to other pages: `相关推荐`, `延伸阅读`.
    LinkListHeading,
}

impl Furniture {
    /// Why such a line is not part of the article, for messages.
    pub fn reason(self) -> &'static str {
        match self {
            Furniture::Breadcrumb => "a breadcrumb line of the page it was copied from",
            Furniture::Byline => "a byline (author, date, views or column) of the page it was copied from",
            Furniture::Widget => "a control of the page it was copied from (share, QR code, read aloud)",
            Furniture::Rights => "a copyright, reprint or disclaimer notice of the page it was copied from",
            Furniture::PageLink => "the address line of the page it was copied from",
            Furniture::Contact => "contact or report details (phone, e-mail, QQ) of the page it was copied from",
            Furniture::Badge => "a user badge of the page it was copied from",
            Furniture::LinkListHeading => "the heading of a list of links to other pages",
        }
    }
}

/// Longer lines are text: 160 Chinese characters.
const MAX_FURNITURE_BYTES: usize = 480;

/// What kind of furniture `line` is, if any. A line of the article proper (a sentence, a
/// heading that belongs to the text) is `None`.
pub fn classify(line: &str) -> Option<Furniture> {
    classify_in(line, true)
}

/// [`classify`], looking for rights notices among sentences only when `sentences` holds: a
/// scan of a whole article asks for them only near its top and bottom, where pages put them,
/// since nearly every line of an article is a sentence.
pub fn classify_in(line: &str, sentences: bool) -> Option<Furniture> {
    // Furniture is short, and never a table row or a sentence other than a rights notice: a
    // paragraph of the article is left after a look at its length and its last character
    // (this runs on every line of every article in a build).
    let line = line.trim_end();
    if line.is_empty() || line.len() > MAX_FURNITURE_BYTES {
        return None;
    }
    let ends_sentence = line.ends_with(['。', '；', '！', '？']);
    if ends_sentence && !sentences {
        return None;
    }
    let line = line.trim_start().trim_start_matches(['#', '>', '*', '-', ' ']).trim_start();
    if line.is_empty() || line.starts_with('|') {
        return None;
    }
    let chars = line.chars().count();
    if ends_sentence || chars > 30 && (line.contains('。') || line.contains('！') || line.contains('？')) {
        return (sentences && chars <= 160 && Words::in_line(line).has(Word::Rights)).then_some(Furniture::Rights);
    }
    let sentence = false;
    let words = Words::in_line(line);
    if line.contains(['>', '»', '›', '＞']) && is_breadcrumb(line) {
        Some(Furniture::Breadcrumb)
    } else if words.has(Word::PageLinkLabel) && has_address(line) && starts_with_label(line, PAGE_LINK_LABELS) {
        Some(Furniture::PageLink)
    } else if !sentence && (words.has(Word::Report) || is_contact(line)) {
        Some(Furniture::Contact)
    } else if !sentence && is_byline(line, chars, words.has(Word::BylineLabel)) {
        Some(Furniture::Byline)
    } else if chars <= 30 && words.has(Word::Widget) {
        Some(Furniture::Widget)
    } else if chars <= 160 && words.has(Word::Rights) {
        Some(Furniture::Rights)
    } else if chars <= 8
        && ends_with_any(line, &["用户", "会员", "认证", "达人", "VIP"])
        && line.chars().all(|c| is_cjk(c) || c.is_ascii_alphanumeric())
    {
        Some(Furniture::Badge)
    } else if chars <= 8 && is_link_list_heading(line) {
        Some(Furniture::LinkListHeading)
    } else {
        None
    }
}

/// The words that tell furniture apart, by what they suggest.
#[derive(Debug, Clone, Copy)]
enum Word {
    PageLinkLabel,
    Report,
    BylineLabel,
    Widget,
    Rights,
}

const PAGE_LINK_LABELS: &[&str] = &["本文链接", "原文链接", "本文地址", "文章链接", "转载地址"];

const WORDS: &[(Word, &[&str])] = &[
    (Word::PageLinkLabel, PAGE_LINK_LABELS),
    (Word::Report, &["举报电话", "举报邮箱", "投诉电话", "联系电话", "联系我们", "客服电话", "咨询电话"]),
    (Word::BylineLabel, &["编辑", "作者", "来源", "浏览", "阅读", "发布", "栏目", "点击", "评论", "责编", "记者", "时间"]),
    (Word::Widget, &["扫描二维码", "扫一扫", "二维码", "语音朗读", "朗读本文", "分享到", "打印本文", "字号", "收藏本文"]),
    (
        Word::Rights,
        &[
            "版权所有",
            "版权归",
            "版权声明",
            "转载请注明",
            "转载请联系",
            "未经授权",
            "未经许可",
            "禁止转载",
            "如有侵权",
            "若有侵权",
            "免责声明",
            "本站不承担",
            "仅代表作者",
            "不代表本站",
            "Copyright",
            "copyright",
            "©",
            "All Rights Reserved",
        ],
    ),
];

/// Which kinds of [`Word`] a line contains: one pass of an Aho–Corasick automaton over the
/// line, since this runs on every line of every article.
struct Words(u8);

impl Words {
    fn in_line(line: &str) -> Words {
        static AUTOMATON: std::sync::OnceLock<(aho_corasick::AhoCorasick, Vec<Word>)> = std::sync::OnceLock::new();
        let (automaton, kinds) = AUTOMATON.get_or_init(|| {
            let (kinds, patterns): (Vec<Word>, Vec<&str>) =
                WORDS.iter().flat_map(|(kind, words)| words.iter().map(move |w| (*kind, *w))).unzip();
            // The patterns are a fixed list of short strings: building cannot fail.
            (aho_corasick::AhoCorasick::new(patterns).expect("furniture words"), kinds)
        });
        Words(automaton.find_overlapping_iter(line).fold(0, |set, found| set | 1 << kinds[found.pattern().as_usize()] as u8))
    }

    fn has(&self, word: Word) -> bool {
        self.0 & (1 << word as u8) != 0
    }
}

fn is_breadcrumb(line: &str) -> bool {
    let labelled = starts_with_label(line, &["当前位置", "您的位置", "你的位置", "所在位置", "当前位置", "位置"]);
    let separators = line.matches(['>', '»', '›', '＞']).count();
    (labelled && separators >= 1) || (line.starts_with("首页") && separators >= 2)
}

/// A date, a time or a relative time together with a byline word, or a short line that is
/// little more than a date and names.
fn is_byline(line: &str, chars: usize, labelled: bool) -> bool {
    if chars > 80 || !line.bytes().any(|b| b.is_ascii_digit()) && !line.contains('前') {
        return false;
    }
    let dated = has_date(line) || has_time(line) || has_relative_time(line);
    dated && (labelled || (chars <= 40 && !line.contains(['，', '。'])))
}

/// A phone number, an e-mail address or a QQ number.
fn is_contact(line: &str) -> bool {
    if !line.bytes().any(|b| b.is_ascii_digit()) {
        return false;
    }
    has_phone(line) || has_email(line) || has_qq(line)
}

/// A short line of the kind that heads a list of other pages' links.
fn is_link_list_heading(line: &str) -> bool {
    let line = line.trim_end_matches([':', '：']);
    ends_with_any(line, &["推荐", "文章", "阅读", "看看", "排行", "热点", "专题", "喜欢", "资讯"]) && !line.contains(['，', '。', '、'])
}

fn starts_with_label(line: &str, labels: &[&str]) -> bool {
    labels.iter().any(|label| line.strip_prefix(label).is_some_and(|rest| rest.trim_start().starts_with([':', '：', '>', ' '])))
}

fn ends_with_any(line: &str, words: &[&str]) -> bool {
    words.iter().any(|w| line.ends_with(w))
}

fn has_address(line: &str) -> bool {
    line.contains("http://") || line.contains("https://") || line.contains("www.")
}

/// `2024-10-19`, `2024/10/19`, `2024.10.19`, `2024年10月19日`, or a month and day `(12-27)`.
pub fn has_date(line: &str) -> bool {
    find_date(line).is_some()
}

/// The first date in `line`: (year when written, month, day).
pub fn find_date(line: &str) -> Option<(Option<u32>, u32, u32)> {
    if !line.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    let chars: Vec<char> = line.chars().collect();
    for start in 0..chars.len() {
        if start > 0 && chars[start - 1].is_ascii_digit() {
            continue;
        }
        if let Some(found) = date_at(&chars[start..]) {
            return Some(found);
        }
    }
    None
}

fn date_at(chars: &[char]) -> Option<(Option<u32>, u32, u32)> {
    let number = |from: usize, max_len: usize| -> Option<(u32, usize)> {
        let len = chars[from..].iter().take(max_len).take_while(|c| c.is_ascii_digit()).count();
        let value: String = chars[from..from + len].iter().collect();
        (len > 0).then(|| value.parse().ok().map(|v| (v, from + len))).flatten()
    };
    let separator = |i: usize| chars.get(i).filter(|c| matches!(c, '-' | '/' | '.' | '年' | '月')).map(|_| i + 1);
    let (first, after_first) = number(0, 4)?;
    let after_sep = separator(after_first)?;
    let (second, after_second) = number(after_sep, 2)?;
    let valid_day = |m: u32, d: u32| (1..=12).contains(&m) && (1..=31).contains(&d);
    if after_first == 4 && (1990..=2100).contains(&first) {
        let after_sep2 = separator(after_second)?;
        let (day, end) = number(after_sep2, 2)?;
        let end_ok = chars.get(end).is_none_or(|c| !c.is_ascii_digit());
        return (valid_day(second, day) && end_ok).then_some((Some(first), second, day));
    }
    // A month and day alone (`12-27`, `12月27日`), as relative bylines write recent dates.
    let end_ok = chars.get(after_second).is_none_or(|c| !c.is_ascii_digit() && *c != ':' && *c != '-');
    (after_first <= 2 && valid_day(first, second) && end_ok && matches!(chars[after_first], '-' | '月')).then_some((None, first, second))
}

fn has_time(line: &str) -> bool {
    let bytes = line.as_bytes();
    bytes
        .windows(5)
        .any(|w| w[0].is_ascii_digit() && w[1].is_ascii_digit() && w[2] == b':' && w[3].is_ascii_digit() && w[4].is_ascii_digit())
}

fn has_relative_time(line: &str) -> bool {
    line.contains('前')
        && ["分钟前", "小时前", "天前", "个月前", "年前", "周前"].iter().any(|unit| {
            line.match_indices(unit)
                .any(|(i, _)| line[..i].chars().next_back().is_some_and(|c| c.is_ascii_digit() || "一二三四五六七八九十几半".contains(c)))
        })
}

/// A mainland mobile number, a landline with its area code, or a 400/800 service number.
fn has_phone(line: &str) -> bool {
    let digits_runs = digit_runs(line);
    digits_runs.iter().any(|run| {
        let d: String = run.chars().filter(char::is_ascii_digit).collect();
        (d.len() == 11 && d.starts_with('1') && d.as_bytes()[1] >= b'3')
            || ((d.starts_with("400") || d.starts_with("800")) && d.len() == 10)
            || (d.starts_with('0') && (10..=12).contains(&d.len()) && run.contains('-'))
    })
}

/// Runs of digits, with the `-` and spaces phone numbers are written with.
fn digit_runs(line: &str) -> Vec<&str> {
    let mut runs = Vec::new();
    let mut start = None;
    for (i, c) in line.char_indices() {
        let part = c.is_ascii_digit() || (start.is_some() && matches!(c, '-' | ' '));
        match (part, start) {
            (true, None) if c.is_ascii_digit() => start = Some(i),
            (false, Some(s)) => {
                runs.push(line[s..i].trim_end_matches(['-', ' ']));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        runs.push(line[s..].trim_end_matches(['-', ' ']));
    }
    runs
}

fn has_email(line: &str) -> bool {
    line.match_indices('@').any(|(i, _)| {
        let before = line[..i].chars().next_back().is_some_and(|c| c.is_ascii_alphanumeric());
        let domain: String = line[i + 1..].chars().take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-')).collect();
        before && domain.contains('.') && !domain.ends_with('.')
    })
}

fn has_qq(line: &str) -> bool {
    line.match_indices("QQ").chain(line.match_indices("qq")).any(|(i, _)| {
        let rest = line[i + 2..].trim_start_matches(['号', ':', '：', ' ', '群']);
        rest.chars().take_while(char::is_ascii_digit).count() >= 5
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn furniture_is_told_by_the_kind_of_line() {
        let cases = [
            ("当前位置：首页 > 行业资讯 > 正文内容", Furniture::Breadcrumb),
            ("首页 » 法律 » 催收", Furniture::Breadcrumb),
            ("编辑：张三 2024-10-19 22:14:02", Furniture::Byline),
            ("2024-10-25 15:58:58 浏览 作者：李四", Furniture::Byline),
            ("某律师3个月前 (12-27)栏目8", Furniture::Byline),
            ("发布时间：2023年5月6日 来源：某某网", Furniture::Byline),
            ("扫描二维码", Furniture::Widget),
            ("语音朗读：", Furniture::Widget),
            ("版权声明：本文内容由互联网用户自发贡献，版权归原作者所有，如有侵权请联系删除。", Furniture::Rights),
            ("本文链接：https://www.example.com/a/123.html", Furniture::PageLink),
            ("举报电话：12345 举报邮箱：report@example.com", Furniture::Contact),
            ("客服QQ：12345678", Furniture::Contact),
            ("咨询请拨打 138-0013-8000", Furniture::Contact),
            ("资深用户", Furniture::Badge),
            ("相关推荐", Furniture::LinkListHeading),
            ("随机看看", Furniture::LinkListHeading),
            ("延伸阅读：", Furniture::LinkListHeading),
            ("## 最新文章", Furniture::LinkListHeading),
        ];
        for (line, kind) in cases {
            assert_eq!(classify(line), Some(kind), "{line}");
        }
    }

    #[test]
    fn the_article_itself_is_not_furniture() {
        for line in [
            "2024年10月，湖南省出台了催收行业的新规定，要求机构在每天8:00至21:00之间联系债务人。",
            "一、上门催收的法律边界",
            "根据《民法典》第1165条的规定，侵权行为人应当承担责任。",
            "催收人员应当出示工作证明，全程录音录像，留存记录备查。",
            "小编导语",
            "总结",
            "1.1 基本概念",
            "2024年湖南催收市场规模约49.5亿元",
            "借款人王某在2023-05-06收到了催收短信。",
            "阅读理解",
        ] {
            assert_eq!(classify(line), None, "{line}");
        }
    }

    #[test]
    fn dates_with_and_without_a_year() {
        assert_eq!(find_date("编辑：张三 2024-10-19 22:14:02"), Some((Some(2024), 10, 19)));
        assert_eq!(find_date("2023年5月6日"), Some((Some(2023), 5, 6)));
        assert_eq!(find_date("某律师3个月前 (12-27)栏目8"), Some((None, 12, 27)));
        assert_eq!(find_date("电话 0731-84561234"), None);
        assert_eq!(find_date("2024-13-01"), None);
    }
}
