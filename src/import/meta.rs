//! What the removed lines and the page say about the article: its date and author (from the
//! byline), where it came from (address, site, rights), which region it is about, and a slug.

use std::collections::BTreeSet;

use pinyin::ToPinyin;

use super::clean::{Reason, Removed};
use super::page::Page;
use crate::content::date::Date;
use crate::content::furniture::{find_date, Furniture};
use crate::content::script::is_cjk;
use crate::data::Region;

/// The date of the article: from a byline, or the page's publication time.
pub fn date(removed: &[Removed], page: &Page) -> Result<Date, String> {
    let bylines = removed.iter().filter(|r| r.reason == Reason::Furniture(Furniture::Byline));
    for byline in bylines {
        match find_date(&byline.line.text) {
            Some((Some(year), month, day)) => {
                if let Ok(date) = Date::parse(&format!("{year:04}-{month:02}-{day:02}")) {
                    return Ok(date);
                }
            }
            Some((None, month, day)) => {
                return Err(format!(
                    "the byline on line {} gives a date without a year (`{month}-{day}` in `{}`); the year is not guessed: give it with --date YYYY-MM-DD",
                    byline.line.number, byline.line.text
                ))
            }
            None => {}
        }
    }
    if let Some(date) = page.published.as_deref().and_then(|p| p.get(..10)).and_then(|d| Date::parse(d).ok()) {
        return Ok(date);
    }
    Err("no date found (no byline with a date, no publication time in the page): give one with --date YYYY-MM-DD".into())
}

/// The author named by a byline: `作者：李四`, `编辑：张三`, `文/王五`, or a name with a title
/// at the start of the byline (`某律师3个月前`).
pub fn author(removed: &[Removed], page: &Page) -> Option<String> {
    let bylines = removed.iter().filter(|r| r.reason == Reason::Furniture(Furniture::Byline)).map(|r| r.line.text.as_str());
    for line in bylines.chain(page.byline.as_deref()) {
        for label in ["作者", "文/", "文／", "撰文", "记者", "编辑", "责编"] {
            if let Some(name) = line.split(label).nth(1).map(|rest| name_after(rest.trim_start_matches([':', '：', ' ', '|']))) {
                if !name.is_empty() {
                    return Some(name);
                }
            }
        }
        let leading: String = line.chars().take_while(|c| is_cjk(*c)).collect();
        if ["律师", "记者", "老师", "编辑"].iter().any(|title| leading.ends_with(title)) && (3..=8).contains(&leading.chars().count())
        {
            return Some(leading);
        }
    }
    None
}

/// A name: the characters up to a space, a digit or punctuation.
fn name_after(text: &str) -> String {
    text.chars().take_while(|c| !c.is_whitespace() && !c.is_ascii_digit() && !"，。、；：:|()（）".contains(*c)).take(20).collect()
}

/// Where the article came from: the original's address, the site or publisher, its rights.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Origin {
    pub url: Option<String>,
    pub name: Option<String>,
    pub rights: Option<String>,
}

pub fn origin(removed: &[Removed], page: &Page) -> Origin {
    let lines = || removed.iter().map(|r| r.line.text.as_str());
    let url = lines().find_map(address_in).or_else(|| page.url.clone());
    let name = lines()
        .find_map(|line| {
            line.split("来源")
                .nth(1)
                .map(|rest| name_after(rest.trim_start_matches([':', '：', ' '])))
                .filter(|n| !n.is_empty() && !n.starts_with("http"))
        })
        .or_else(|| page.site_name.clone());
    let rights = removed.iter().find(|r| r.reason == Reason::Furniture(Furniture::Rights)).map(|r| r.line.text.clone());
    Origin { url, name, rights }
}

/// The first http(s) address in `line` that the URL policy accepts.
fn address_in(line: &str) -> Option<String> {
    let start = line.find("https://").or_else(|| line.find("http://"))?;
    let url: String = line[start..].chars().take_while(|c| c.is_ascii_graphic() && !"\"'<>".contains(*c)).collect();
    crate::policy::url::check_web(&url).ok().map(|()| url)
}

/// The region an article is about: named (or one of its aliases) in the title, else clearly
/// the most named in the body. `Err` says why none was chosen: none named, or several.
pub fn region<'a>(title: &str, body: &str, regions: &'a [Region]) -> Result<&'a Region, String> {
    let candidates: Vec<&Region> = regions.iter().filter(|r| !r.reference).collect();
    let mentions =
        |text: &str, r: &Region| std::iter::once(&r.name).chain(&r.aliases).map(|n| text.matches(n.as_str()).count()).sum::<usize>();
    let in_title: Vec<&Region> = candidates.iter().copied().filter(|r| mentions(title, r) > 0).collect();
    if let [only] = in_title[..] {
        return Ok(only);
    }
    let mut counted: Vec<(usize, &Region)> = candidates.iter().map(|r| (mentions(body, r), *r)).filter(|(n, _)| *n > 0).collect();
    counted.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.id.cmp(&b.1.id)));
    let names = |list: &[(usize, &Region)]| list.iter().map(|(n, r)| format!("{} ({n}×)", r.name)).collect::<Vec<_>>().join(", ");
    match counted.as_slice() {
        [] => Err("no region of the site is named in the text: give one with --region".into()),
        [(n, only)] if *n >= 2 => Ok(only),
        [(first, top), (second, _), ..] if *first >= 2 && *first >= 2 * second => Ok(top),
        _ => Err(format!("the region is unclear ({}): give it with --region", names(&counted))),
    }
}

/// An ASCII slug from the title's pinyin (`shang-men-cui-shou-de-fa-lv-bian-jie`), at most
/// about 60 characters, not in `taken`.
pub fn slug(title: &str, taken: &BTreeSet<String>) -> String {
    let mut words: Vec<String> = Vec::new();
    let mut latin = String::new();
    for (c, pinyin) in title.chars().zip(title.to_pinyin()) {
        match pinyin {
            Some(p) => {
                flush(&mut latin, &mut words);
                // ASCII only: ü is written v, as pinyin keyboards type it.
                words.push(p.plain().replace('ü', "v"));
            }
            None if c.is_ascii_alphanumeric() => latin.push(c.to_ascii_lowercase()),
            None => flush(&mut latin, &mut words),
        }
    }
    flush(&mut latin, &mut words);
    let mut base = String::new();
    for word in words {
        if !base.is_empty() && base.len() + word.len() + 1 > 60 {
            break;
        }
        if !base.is_empty() {
            base.push('-');
        }
        base.push_str(&word);
    }
    if base.is_empty() {
        base = "article".into();
    }
    let mut slug = base.clone();
    let mut n = 2;
    while taken.contains(&slug) {
        slug = format!("{base}-{n}");
        n += 1;
    }
    slug
}

fn flush(latin: &mut String, words: &mut Vec<String>) {
    if !latin.is_empty() {
        words.push(std::mem::take(latin));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::clean::Line;

    fn byline(text: &str) -> Removed {
        Removed { line: Line { number: 3, text: text.into() }, reason: Reason::Furniture(Furniture::Byline) }
    }

    #[test]
    fn dates_and_authors_come_from_bylines() {
        let page = Page::default();
        assert_eq!(date(&[byline("编辑：张三 2024-10-19 22:14:02")], &page).unwrap().to_string(), "2024-10-19");
        assert_eq!(author(&[byline("编辑：张三 2024-10-19 22:14:02")], &page).as_deref(), Some("张三"));
        assert_eq!(author(&[byline("2024-10-25 15:58:58 浏览 作者：李四")], &page).as_deref(), Some("李四"));
        assert_eq!(author(&[byline("某律师3个月前 (12-27)栏目8")], &page).as_deref(), Some("某律师"));
        let error = date(&[byline("某律师3个月前 (12-27)栏目8")], &page).unwrap_err();
        assert!(error.contains("`12-27`") && error.contains("line 3") && error.contains("--date"), "{error}");
        assert!(date(&[], &page).unwrap_err().contains("no date found"));
    }

    #[test]
    fn slugs_are_pinyin_and_unique() {
        let taken: BTreeSet<String> = ["shang-men-cui-shou".to_string()].into();
        assert_eq!(slug("上门催收", &BTreeSet::new()), "shang-men-cui-shou");
        assert_eq!(slug("法律", &BTreeSet::new()), "fa-lv");
        assert_eq!(slug("上门催收", &taken), "shang-men-cui-shou-2");
        assert_eq!(slug("2024年App催收新规", &BTreeSet::new()), "2024-nian-app-cui-shou-xin-gui");
        assert!(slug(&"催收".repeat(40), &BTreeSet::new()).len() <= 60);
        assert_eq!(slug("！？", &BTreeSet::new()), "article");
    }
}
