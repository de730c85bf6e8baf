//! Property: whatever mix of damage a copied page has, `import` either says why it cannot
//! import it or writes a draft that builds. Pages are made from pieces in random order and
//! number (seeded, so a failure repeats), imported into a copy of the example site, and the
//! site is built with `--drafts`.

use std::fs;

use regionreport::import::{self, page, ImportOptions, SiteFacts};

use super::helpers::*;

const FURNITURE: &[&str] = &[
    "当前位置：首页 > 资讯 > 正文",
    "编辑：周九 2023-08-15 10:00:00",
    "2024-01-05 08:00:00 浏览 作者：吴十",
    "某律师2个月前 (11-03)栏目5",
    "扫描二维码",
    "语音朗读：",
    "资深用户",
    "版权声明：本文来源于网络，如有侵权请联系删除。",
    "本文链接：https://www.example.org/a/1.html",
    "举报电话：12345",
    "客服QQ：12345678",
    "贷款 秒批 黑户 下款",
    "来源：某某网",
];

const TEXT: &[&str] = &[
    "長沙的催收行業發(fā)展很快，監管也在加強。",
    "郑州的催收企业开始重视合规，投诉逐渐减少。",
    "传统的 催收方式正在改变，依赖 、短信的做法也在减少。",
    "信用风险问也愈发突出，解决问题是关键，问题需要重视，问题很多。",
    "一、行业概况",
    "二、合规要求",
    "（一）人员管理",
    "1.1 基本原则",
    "1. 不得骚扰无关人员；",
    "2. 不得夜间联系；",
    "①保存证据",
    "小编导语：本文介绍催收行业的新变化。",
    "小编总结",
    "总结：合规是底线。",
    "兰州的小微企业欠款问题值得关注。",
    "北京出台了新的催收管理办法。",
    "催收人员应当出示工作证明，全程录音。",
    "title: \"引号\" 与 # 号 --- 和 {{ chart() }} 都是正文",
    "<script>alert(1)</script>",
    "[链接](javascript:alert(1))",
    "相关推荐",
    "最新文章",
];

const TITLES: &[&str] =
    &["催收行业的新变化", "上門催收的法律邊界", "湖南与河南的比较", "郑州催收企业观察", "北京催收新规", "无地区的一篇文章"];

fn page_text(rng: &mut Rng) -> String {
    let mut lines: Vec<&str> = Vec::new();
    for _ in 0..rng.next() % 3 {
        lines.push(*rng.pick(FURNITURE));
    }
    lines.push(*rng.pick(TITLES));
    for _ in 0..1 + rng.next() % 12 {
        lines.push(if rng.below(4) == 0 { *rng.pick(FURNITURE) } else { *rng.pick(TEXT) });
    }
    lines.join("\n")
}

#[test]
fn every_draft_import_writes_builds() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    copy_example(root);
    let mut site = SiteFacts::load(root).unwrap();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut written = 0;
    for round in 0..60 {
        let text = page_text(&mut rng);
        let date = (round % 3 == 0).then(|| "2024-03-01".to_string());
        let options = ImportOptions { root: root.to_path_buf(), date, ..Default::default() };
        let Ok(draft) = import::import_page(page::from_text(&text), &site, &options) else { continue };
        assert!(draft.text.contains("\ndraft: true\n"), "{}", draft.text);
        import::write(root, &draft, false).unwrap_or_else(|e| panic!("{e}\n{text}"));
        site.taken.insert(draft.slug.clone());
        written += 1;
    }
    assert!(written >= 20, "only {written} of 60 pages imported");
    let report = build_with(root, &root.join("out"), |o| o.drafts = true);
    assert!(report.pages > 0);
    let drafts = fs::read_dir(root.join("out/articles")).unwrap().count();
    assert!(drafts >= written, "{drafts} article folders for {written} drafts");
}
