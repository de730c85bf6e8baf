//! Writes a synthetic site for benchmarks: `cargo run --release --example synth -- --articles N
//! --regions R DIR`. The same arguments and seed always give the same files.

use std::fmt::Write as _;
use std::fs;
use std::path::PathBuf;

use clap::Parser;

/// Generate a reproducible synthetic regionreport site.
#[derive(Parser)]
struct Args {
    /// Number of articles (about 10 KB of Markdown each).
    #[arg(long, default_value_t = 1000)]
    articles: usize,
    /// Number of regions (10 years of market size, 40 quarters of complaints each).
    #[arg(long, default_value_t = 34)]
    regions: usize,
    /// Seed of the pseudo-random generator.
    #[arg(long, default_value_t = 42)]
    seed: u64,
    /// The site folder to create (its `content/` is replaced).
    dir: PathBuf,
}

/// SplitMix64: tiny, and its output never changes with a dependency update.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const PROVINCES: [&str; 34] = [
    "北京",
    "天津",
    "河北",
    "山西",
    "内蒙古",
    "辽宁",
    "吉林",
    "黑龙江",
    "上海",
    "江苏",
    "浙江",
    "安徽",
    "福建",
    "江西",
    "山东",
    "河南",
    "湖北",
    "湖南",
    "广东",
    "广西",
    "海南",
    "重庆",
    "四川",
    "贵州",
    "云南",
    "西藏",
    "陕西",
    "甘肃",
    "青海",
    "宁夏",
    "新疆",
    "香港",
    "澳门",
    "台湾",
];
const SUBJECTS: [&str; 12] = [
    "催收机构",
    "消费金融公司",
    "监管部门",
    "债务人",
    "委托方",
    "外包团队",
    "行业协会",
    "催收人员",
    "小微企业",
    "银行",
    "调解组织",
    "法院",
];
const VERBS: [&str; 10] =
    ["需要重新评估", "正在逐步规范", "明显加强了", "开始关注", "持续改进", "依法约束", "积极推动", "谨慎对待", "系统梳理", "重点核查"];
const OBJECTS: [&str; 12] = [
    "电话催收的频率",
    "上门拜访的流程",
    "个人信息的保护",
    "投诉处理机制",
    "人员培训体系",
    "外包合作的准入",
    "还款方案的设计",
    "录音录像的留存",
    "数据使用的边界",
    "客户体验",
    "合规审查",
    "风险定价",
];
const TAILS: [&str; 8] = [
    "，这一变化在过去几年尤为明显。",
    "，各方对此仍有不同看法。",
    "，其效果有待进一步观察。",
    "，并已写入内部制度。",
    "，以减少不必要的纠纷。",
    "，从而降低投诉数量。",
    "，同时兼顾回款效率。",
    "，这与监管导向一致。",
];
const CATEGORIES: [&str; 4] = ["电话骚扰", "上门催收", "威胁恐吓", "其他"];

fn main() -> std::io::Result<()> {
    let args = Args::parse();
    let mut rng = Rng(args.seed);
    let content = args.dir.join("content");
    if content.exists() {
        fs::remove_dir_all(&content)?;
    }
    fs::create_dir_all(content.join("regions"))?;
    fs::create_dir_all(content.join("articles"))?;
    fs::write(
        content.join("site.yaml"),
        "title: 合成测试站点\ndescription: 用于性能测试的合成数据，全部为示例数据。\nbase_url: https://example.org/synth/\narticles_per_page: 20\n",
    )?;
    let regions: Vec<String> = (0..args.regions).map(|i| format!("r{i:03}")).collect();
    for (i, id) in regions.iter().enumerate() {
        fs::write(content.join("regions").join(format!("{id}.yaml")), region_yaml(&mut rng, i))?;
    }
    for i in 0..args.articles {
        let dir = content.join("articles").join(format!("{:02}", i % 50));
        fs::create_dir_all(&dir)?;
        fs::write(dir.join(format!("a{i:06}.md")), article(&mut rng, i, args.articles, &regions))?;
    }
    println!("wrote {} regions and {} articles under {}", args.regions, args.articles, content.display());
    Ok(())
}

fn region_yaml(rng: &mut Rng, index: usize) -> String {
    let name = PROVINCES.get(index).map(|p| p.to_string()).unwrap_or_else(|| format!("地区{index}"));
    let mut y = format!("name: {name}\nsummary: {name}的合成示例数据。\nillustrative: true\nseries:\n");
    y.push_str("  - id: market_size\n    title: 催收市场规模\n    unit: 亿元\n    frequency: year\n    points:\n");
    let mut size = 5.0 + rng.below(400) as f64 / 10.0;
    for year in 2015..2025 {
        let _ = writeln!(y, "      - {{ period: '{year}', value: {size:.1} }}");
        size *= 1.0 + rng.below(150) as f64 / 1000.0;
    }
    let _ = writeln!(
        y,
        "  - id: complaints\n    title: 催收相关投诉\n    unit: 件\n    frequency: quarter\n    categories: [{}]\n    points:",
        CATEGORIES.join(", ")
    );
    for q in 0..40 {
        let values: Vec<String> = CATEGORIES.iter().map(|c| format!("{c}: {}", 50 + rng.below(500))).collect();
        let _ = writeln!(y, "      - period: {}-Q{}\n        values: {{ {} }}", 2015 + q / 4, q % 4 + 1, values.join(", "));
    }
    y
}

fn sentence(rng: &mut Rng) -> String {
    format!("{}{}{}{}", rng.pick(&SUBJECTS), rng.pick(&VERBS), rng.pick(&OBJECTS), rng.pick(&TAILS))
}

fn article(rng: &mut Rng, index: usize, total: usize, regions: &[String]) -> String {
    let region = &regions[rng.below(regions.len())];
    let tags: Vec<String> = (0..3).map(|_| format!("标签{:02}", rng.below(40))).collect();
    let (month, day) = (1 + rng.below(12), 1 + rng.below(28));
    let mut md = format!(
        "---\ntitle: 合成文章 {index}：{}\ndate: {}-{month:02}-{day:02}\nregion: {region}\ntags: [{}]\n---\n\n",
        rng.pick(&OBJECTS),
        2015 + rng.below(10),
        tags.join(", ")
    );
    let mut section = 0;
    while md.len() < 10_000 {
        section += 1;
        let _ = writeln!(md, "## 第{section}部分：{}\n", rng.pick(&OBJECTS));
        for _ in 0..3 {
            let other = rng.below(total);
            let _ = writeln!(
                md,
                "{}**{}**{}[相关文章](@/articles/{:02}/a{other:06}.md)。\n",
                sentence(rng),
                rng.pick(&OBJECTS),
                sentence(rng),
                other % 50
            );
        }
        for _ in 0..3 {
            let _ = writeln!(md, "- {}", sentence(rng));
        }
        md.push_str("\n| 指标 | 数值 |\n|---|---|\n");
        for _ in 0..3 {
            let _ = writeln!(md, "| {} | {} |", rng.pick(&OBJECTS), rng.below(1000));
        }
        md.push('\n');
    }
    md
}
