//! How long `import` takes on many copied pages: writes PAGES synthetic pages of about 10 KB
//! (seeded, each with a breadcrumb, a byline, Traditional script with pinyin glosses, filter
//! gaps, sections, lists and a link list at the end), then imports them all into a copy of
//! the site at SITE, as `regionreport import` does one after another.
//!
//!   cargo run --release --example import_bench -- SITE [PAGES]

use std::path::PathBuf;
use std::time::Instant;

use regionreport::import::{self, ImportOptions, SiteFacts};

const PARAGRAPHS: [&str; 6] = [
    "長沙的催收行業發(fā)展很快，監管部門要求催收機構不得騷擾無關第三人，並要求全程錄音，企業正在從人海戰術轉向精細化管理。",
    "郑州的催收企业开始重视合规，投诉逐渐减少。传统的 催收方式正在改变，很多企业依赖 、短信群发的做法也在减少。",
    "催收人员上门时应当出示工作证明，不得限制他人人身自由，也不得向邻居、同事透露欠款信息，违反规定的机构将被依法处罚。",
    "信用风险问也愈发突出。如何解决问题，是行业面临的关键问题，这些问题需要企业从流程上寻找原因并加以改进。",
    "對於長期失聯、電話無人接聽的客戶，上門拜訪是核實情況、恢復聯繫的最後手段，當面溝通更容易達成還款計劃。",
    "業內人士認為，未來幾年催收行業的集中度會進一步提高，合規經營的企業將獲得更多業務，技術投入也會持續增加。",
];

fn page(n: usize) -> String {
    let mut text = format!(
        "当前位置：首页 > 资讯 > 正文内容\n长沙催收行业观察第{n}期\n编辑：张三 2024-10-19 22:14:02\n小编导语：本文梳理催收行业的新变化。\n"
    );
    let mut section = 0;
    while text.len() < 10_000 {
        section += 1;
        text.push_str(&format!("{}、第{section}部分\n", ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"][(section - 1) % 10]));
        for k in 0..4 {
            text.push_str(PARAGRAPHS[(n + section + k) % PARAGRAPHS.len()]);
            text.push('\n');
        }
        text.push_str("1. 不得骚扰无关人员；\n2. 不得夜间联系；\n3. 全程录音。\n");
    }
    text.push_str("本文链接：https://www.example.com/a/1.html\n版权声明：转载请注明出处。\n相关推荐\n催收新规解读\n网贷逾期怎么办\n");
    text
}

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let site = PathBuf::from(args.next().ok_or_else(|| anyhow::anyhow!("usage: import_bench SITE [PAGES]"))?);
    let pages: usize = args.next().map_or(Ok(1000), |n| n.parse())?;
    let work = tempfile::tempdir()?;
    let inputs: Vec<PathBuf> = (0..pages)
        .map(|n| {
            let path = work.path().join(format!("page-{n}.txt"));
            std::fs::write(&path, page(n)).map(|()| path)
        })
        .collect::<Result<_, _>>()?;
    let bytes: u64 = inputs.iter().map(|p| std::fs::metadata(p).map_or(0, |m| m.len())).sum();
    let mut facts = SiteFacts::load(&site).map_err(anyhow::Error::msg)?;
    let options = ImportOptions { root: site.clone(), ..Default::default() };
    let started = Instant::now();
    let mut warnings = 0;
    for input in &inputs {
        let draft = import::import(input, &facts, &options).map_err(anyhow::Error::msg)?;
        warnings += draft.warnings.len();
        facts.taken.insert(draft.slug);
    }
    let elapsed = started.elapsed();
    println!(
        "imported {pages} pages ({:.1} MB) in {:.2} s: {:.2} ms a page, {warnings} warnings",
        bytes as f64 / 1e6,
        elapsed.as_secs_f64(),
        elapsed.as_secs_f64() * 1000.0 / pages as f64
    );
    Ok(())
}
