//! `import` on arbitrary text and HTML: it never panics, and every draft it makes is an
//! article the site accepts (its front matter parses, its fields pass the checks).
#![no_main]

use std::path::Path;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use regionreport::diagnostics::Diagnostics;
use regionreport::import::{import_page, page, ImportOptions, SiteFacts};

fn site() -> &'static SiteFacts {
    static SITE: OnceLock<SiteFacts> = OnceLock::new();
    SITE.get_or_init(|| {
        let problems = Diagnostics::default();
        let region = "name: 湖南\naliases: [长沙]\nseries: []\n";
        let hunan = regionreport::data::parse_region("hunan", Path::new("hunan.yaml"), region, &problems).expect("a valid region");
        SiteFacts { language: "zh-Hans".into(), regions: vec![hunan], taken: Default::default() }
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let options = ImportOptions { date: Some("2024-01-01".into()), ..Default::default() };
    let pages = [Some(page::from_text(text)), page::from_html(text).ok()];
    for page in pages.into_iter().flatten() {
        if let Ok(draft) = import_page(page, site(), &options) {
            let parsed = regionreport::content::parse_article(Path::new("draft.md"), &draft.slug, draft.text.clone());
            if let Err(problems) = parsed {
                panic!("the draft is not a valid article: {problems:?}\n{}", draft.text);
            }
        }
    }
});
