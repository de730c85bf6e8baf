//! `serve` against a full build, under random sequences of edits: bodies, titles, dates, tags,
//! regions, summaries, renames, deletions, new articles, region data and names, templates.
//! After every edit, the output `serve` left must be byte for byte a full build's. The
//! sequences are seeded, so a failure names the seed and step that reproduce it; set
//! `REGIONREPORT_RANDOM_STEPS` to run longer sequences.

use std::fs;
use std::path::{Path, PathBuf};

use regionreport::incremental::plan::{plan, Change, ChangeKind};
use regionreport::incremental::Session;
use regionreport::site::BuildOptions;

use super::helpers::{apply_as_serve, build_into, copy_example, tree, Rng};

const REGIONS: [&str; 4] = ["beijing", "gansu", "henan", "hunan"];
const TAGS: [&str; 6] = ["合规", "上门催收", "新标签", "Data", "data", "消费金融"];
const WORDS: [&str; 6] = ["催收", "投诉", "外包", "合规", "规模", "渠道"];

/// An article's front matter as this test writes it.
struct Front {
    title: String,
    date: String,
    region: String,
    tags: Vec<String>,
    summary: Option<String>,
}

impl Front {
    fn render(&self, body: &str) -> String {
        let mut text =
            format!("---\ntitle: {}\ndate: {}\nregion: {}\ntags: [{}]\n", self.title, self.date, self.region, self.tags.join(", "));
        if let Some(summary) = &self.summary {
            text.push_str(&format!("summary: {summary}\n"));
        }
        format!("{text}---\n{body}")
    }
}

/// The site being edited: its articles (path under content/articles → front matter, body).
struct Site {
    root: PathBuf,
    articles: Vec<(String, Front, String)>,
    made: usize,
}

impl Site {
    fn new(root: &Path, rng: &mut Rng) -> Site {
        copy_example(root);
        fs::remove_dir_all(root.join("content/articles")).unwrap();
        let mut site = Site { root: root.to_path_buf(), articles: Vec::new(), made: 0 };
        for _ in 0..8 {
            site.add(rng);
        }
        site
    }

    fn sentence(rng: &mut Rng) -> String {
        (0..8).map(|_| *rng.pick(&WORDS)).collect::<Vec<_>>().concat()
    }

    fn add(&mut self, rng: &mut Rng) -> Vec<String> {
        self.made += 1;
        let path = format!("{}/a{}.md", rng.pick(&REGIONS), self.made);
        let front = Front {
            title: format!("文章{}{}", self.made, Site::sentence(rng)),
            date: format!("2024-{:02}-{:02}", 1 + rng.below(12), 1 + rng.below(28)),
            region: rng.pick(&REGIONS).to_string(),
            tags: vec![rng.pick(&TAGS).to_string()],
            summary: None,
        };
        let body = format!("## 概况\n\n{}\n\n## 细节\n\n{}\n", Site::sentence(rng), Site::sentence(rng));
        self.articles.push((path.clone(), front, body));
        self.write(self.articles.len() - 1)
    }

    /// Writes article `i`; returns the changed paths relative to the root.
    fn write(&self, i: usize) -> Vec<String> {
        let (path, front, body) = &self.articles[i];
        let file = self.root.join("content/articles").join(path);
        fs::create_dir_all(file.parent().unwrap()).unwrap();
        fs::write(&file, front.render(body)).unwrap();
        vec![format!("content/articles/{path}")]
    }

    /// One random edit; returns the paths it changed.
    fn edit(&mut self, rng: &mut Rng) -> (String, Vec<String>) {
        let i = rng.below(self.articles.len());
        let kind = rng.below(12);
        let what = match kind {
            0 => {
                let extra = Site::sentence(rng);
                self.articles[i].2.push_str(&format!("\n{extra}\n"));
                "body"
            }
            1 => {
                self.articles[i].2.push_str(&format!("\n## 新节{}\n\n{}\n", rng.below(100), Site::sentence(rng)));
                "heading"
            }
            2 => {
                self.articles[i].1.title = format!("改名{}", Site::sentence(rng));
                "title"
            }
            3 => {
                self.articles[i].1.date = format!("20{}-{:02}-{:02}", 23 + rng.below(3), 1 + rng.below(12), 1 + rng.below(28));
                "date"
            }
            4 => {
                let tag = rng.pick(&TAGS).to_string();
                let tags = &mut self.articles[i].1.tags;
                if tags.contains(&tag) && tags.len() > 1 {
                    tags.retain(|t| *t != tag);
                } else if !tags.contains(&tag) {
                    tags.push(tag);
                }
                "tags"
            }
            5 => {
                self.articles[i].1.region = rng.pick(&REGIONS).to_string();
                "region"
            }
            6 => {
                self.articles[i].1.summary = if rng.below(2) == 0 { Some(Site::sentence(rng)) } else { None };
                "summary"
            }
            7 if self.articles.len() > 3 => return ("delete".into(), self.delete(i)),
            8 => return ("add".into(), self.add(rng)),
            9 => return ("move".into(), self.rename(i, rng)),
            10 => return ("region file".into(), self.edit_region(rng)),
            _ => return ("template".into(), self.edit_template(rng)),
        };
        (what.into(), self.write(i))
    }

    fn delete(&mut self, i: usize) -> Vec<String> {
        let (path, _, _) = self.articles.remove(i);
        fs::remove_file(self.root.join("content/articles").join(&path)).unwrap();
        vec![format!("content/articles/{path}")]
    }

    /// Moves article `i` to another folder and name (so its slug changes too).
    fn rename(&mut self, i: usize, rng: &mut Rng) -> Vec<String> {
        let old = self.articles[i].0.clone();
        fs::remove_file(self.root.join("content/articles").join(&old)).unwrap();
        self.made += 1;
        self.articles[i].0 = format!("{}/moved{}.md", rng.pick(&REGIONS), self.made);
        let mut changed = vec![format!("content/articles/{old}")];
        changed.extend(self.write(i));
        changed
    }

    /// Changes a region's name or its latest figure.
    fn edit_region(&self, rng: &mut Rng) -> Vec<String> {
        let id = rng.pick(&REGIONS);
        let path = self.root.join(format!("content/regions/{id}.yaml"));
        let text = fs::read_to_string(&path).unwrap();
        let text = if rng.below(2) == 0 {
            let name = text.lines().find(|l| l.starts_with("name: ")).unwrap().to_string();
            text.replacen(&name, &format!("{name}{}", rng.pick(&["省", "地区", "一"])), 1)
        } else {
            let value = text.lines().find(|l| l.contains("value: ")).unwrap().to_string();
            let at = value.find("value: ").unwrap() + "value: ".len();
            let end = value[at..].find(|c: char| !c.is_ascii_digit() && c != '.').map_or(value.len(), |e| at + e);
            text.replacen(&value, &format!("{}{}{}", &value[..at], 1 + rng.below(500), &value[end..]), 1)
        };
        fs::write(&path, text).unwrap();
        vec![format!("content/regions/{id}.yaml")]
    }

    /// Adds or changes a site template (a full rebuild for `serve`).
    fn edit_template(&self, rng: &mut Rng) -> Vec<String> {
        let dir = self.root.join("templates");
        fs::create_dir_all(&dir).unwrap();
        let builtin = regionreport::render::BUILTIN_TEMPLATES.iter().find(|(n, _)| *n == "404.html").unwrap().1;
        fs::write(dir.join("404.html"), builtin.replace("</main>", &format!("<p>{}</p></main>", rng.below(1000)))).unwrap();
        vec!["templates/404.html".into()]
    }
}

fn site_files(dir: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    tree(dir).into_iter().filter(|(k, _)| !k.starts_with(".regionreport")).collect()
}

fn run(seed: u64, steps: usize) {
    let dir = tempfile::tempdir().unwrap();
    let mut rng = Rng(seed);
    let mut site = Site::new(dir.path(), &mut rng);
    let mut session = Session::new(BuildOptions { root: dir.path().to_path_buf(), ..Default::default() });
    session.apply(&regionreport::incremental::plan::Rebuild { everything: true, ..Default::default() }).unwrap();
    for step in 1..=steps {
        let (what, paths) = site.edit(&mut rng);
        let changes: Vec<Change> = paths
            .iter()
            .map(|p| Change { path: p.into(), kind: if dir.path().join(p).exists() { ChangeKind::Written } else { ChangeKind::Removed } })
            .collect();
        apply_as_serve(&mut session, &plan(&changes)).unwrap_or_else(|e| panic!("seed {seed}, step {step} ({what}): {e:?}"));
        let full = tempfile::tempdir().unwrap();
        build_into(dir.path(), &full.path().join("out"));
        let (served, built) = (site_files(&dir.path().join("output")), site_files(&full.path().join("out")));
        let differing: Vec<&String> = built.keys().chain(served.keys()).filter(|k| built.get(*k) != served.get(*k)).collect();
        assert!(differing.is_empty(), "seed {seed}, step {step} ({what}): serve's output differs from a full build in {differing:?}");
    }
}

#[test]
fn random_edits_keep_serve_equal_to_a_full_build() {
    let steps = std::env::var("REGIONREPORT_RANDOM_STEPS").ok().and_then(|s| s.parse().ok()).unwrap_or(25);
    for seed in [0x9E37_79B9_7F4A_7C15, 0x2545_F491_4F6C_DD1D] {
        run(seed, steps);
    }
}
