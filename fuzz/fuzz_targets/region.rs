//! Parsing a region file must never panic, every diagnostic must point inside the file, and
//! every chart of a region that loads must be well-formed XML with only finite numbers in it.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use regionreport::data::parse_region;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    // As the site's reader hands it over: line breaks normalized.
    let text = &regionreport::site::read::normalize_newlines(text.to_string());
    let found = regionreport::diagnostics::Diagnostics::default();
    let region = parse_region("alpha", Path::new("alpha.yaml"), text, &found);
    let problems = found.sorted();
    let lines = text.lines().count().max(1);
    for problem in &problems {
        assert!(problem.line <= lines + 1, "line {} beyond the file's {lines}", problem.line);
        let _ = problem.render();
    }
    if let Some(region) = region {
        for series in &region.series {
            assert!(series.points.windows(2).all(|w| w[0].period < w[1].period), "points sorted and unique");
            assert!(series.points.iter().all(|p| p.total().is_finite()), "totals are finite");
            let messages = std::sync::Arc::new(regionreport::edition::Messages::builtin("zh-Hans"));
            let edition = regionreport::edition::Edition::first("zh-Hans", messages);
            let spec = regionreport::charts::region_series_chart(&region, series, &edition);
            for layout in [regionreport::charts::Layout::Wide, regionreport::charts::Layout::Narrow] {
                let svg = regionreport::charts::render_svg(&spec, layout);
                let svg = regionreport::site::OutputFile::new("charts/x.svg".into(), svg).bytes;
                let svg = String::from_utf8(svg).expect("UTF-8");
                assert!(!svg.contains("NaN") && !svg.contains("inf"), "a number that is not one: {svg}");
                if let Err(e) = roxmltree::Document::parse(&svg) {
                    panic!("ill-formed chart ({e}): {svg}");
                }
            }
        }
    }
});
