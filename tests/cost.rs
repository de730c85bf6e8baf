//! What one article can cost a build: for each shape of hostile Markdown (empty table cells,
//! deep lists and quotes, one long line, many headings, footnotes, links, emphasis, charts),
//! grown fourfold, the build's peak memory stays within 64 times the article's size above the
//! site's own, and memory and work (bytes allocated) grow in proportion to the size. A shape
//! past a limit is refused at a line, naming the limit. Memory is counted by this test's own
//! allocator; the tests run one after another, so no other build is counted.

use std::alloc::{GlobalAlloc, Layout, System};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use regionreport::site::{BuildError, BuildOptions};

struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);
static ALLOCATED: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call is passed on to the system allocator unchanged; the counters only watch.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let live = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
        PEAK.fetch_max(live, Ordering::Relaxed);
        ALLOCATED.fetch_add(layout.size(), Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if new_size > layout.size() {
            let grown = new_size - layout.size();
            let live = LIVE.fetch_add(grown, Ordering::Relaxed) + grown;
            PEAK.fetch_max(live, Ordering::Relaxed);
            ALLOCATED.fetch_add(grown, Ordering::Relaxed);
        } else {
            LIVE.fetch_sub(layout.size() - new_size, Ordering::Relaxed);
        }
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// One build at a time, so the counters see only it.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

/// What a build cost: peak bytes live above those live before it, and bytes allocated.
#[derive(Debug, Clone, Copy)]
struct Cost {
    peak: usize,
    allocated: usize,
}

/// Builds the example site with `article` added (if any); the cost, and the problems if the
/// build was refused.
fn build(article: Option<&str>) -> (Cost, Vec<String>) {
    let site = tempfile::tempdir().unwrap();
    copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("content"), &site.path().join("content"));
    if let Some(text) = article {
        let front = "---\ntitle: 形状\ndate: 2024-01-01\nregion: hunan\n---\n\n";
        std::fs::write(site.path().join("content/articles/shape.md"), format!("{front}{text}")).unwrap();
    }
    let options = BuildOptions { root: site.path().to_path_buf(), output: Some(site.path().join("out")), ..Default::default() };
    let _alone = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let (before, allocated_before) = (LIVE.load(Ordering::SeqCst), ALLOCATED.load(Ordering::SeqCst));
    PEAK.store(before, Ordering::SeqCst);
    let outcome = regionreport::build(&options);
    let cost =
        Cost { peak: PEAK.load(Ordering::SeqCst).saturating_sub(before), allocated: ALLOCATED.load(Ordering::SeqCst) - allocated_before };
    let problems = match outcome {
        Ok(_) => Vec::new(),
        Err(BuildError::Content(problems)) => problems.iter().map(|p| p.render()).collect(),
        Err(other) => panic!("{other:#}"),
    };
    (cost, problems)
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap().flatten() {
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// `unit` repeated to `size` bytes (whole units).
fn repeat(unit: impl Fn(usize) -> String, size: usize) -> String {
    let mut text = String::with_capacity(size + 64);
    let mut n = 0;
    while text.len() < size {
        text.push_str(&unit(n));
        n += 1;
    }
    text
}

type Shape = (&'static str, fn(usize) -> String);

const SHAPES: [Shape; 10] = [
    ("a header of many columns and rows of empty cells", |size| {
        let columns = size / 8;
        format!("|{}\n|{}\n{}", "a|".repeat(columns), "-|".repeat(columns), "|\n".repeat(size / 4))
    }),
    ("many full tables", |size| {
        repeat(|_| format!("|{}\n|{}\n{}\n", "数|".repeat(10), "-|".repeat(10), format!("|{}\n", "1|".repeat(10)).repeat(40)), size)
    }),
    ("deeply nested lists", |size| repeat(|n| format!("{}- 项\n", "  ".repeat(n % 200)), size)),
    ("deeply nested quotes", |size| repeat(|n| format!("{} 引文\n", ">".repeat(n % 300)), size)),
    ("one long line", |size| repeat(|_| "软件信息网络".into(), size)),
    ("many headings", |size| repeat(|n| format!("## 标题{n}\n\n"), size)),
    ("many footnotes", |size| repeat(|n| format!("文[^{n}]\n\n[^{n}]: 注{n}\n\n"), size)),
    ("many links", |size| repeat(|n| format!("[链{n}](https://e.org/{n}) "), size)),
    ("dense emphasis", |size| repeat(|_| "*软* ".into(), size)),
    ("many charts", |size| repeat(|_| "{{ chart(region=\"hunan\", series=\"complaints\") }}\n\n".into(), size)),
];

/// What a build may take besides 64 times the article: part of the site's steady size (the
/// site alone, built in release, peaks at over a hundred megabytes). Markup at every word
/// costs more than 64 times its size below the limits (its events are kept for the second
/// edition), and the event limit caps that at about this much.
const ALLOWANCE: usize = 16 * 1024 * 1024;

/// Sizes each shape is built at: each twice the one before.
const SIZES: [usize; 3] = [96 * 1024, 192 * 1024, 384 * 1024];

#[test]
fn every_shape_of_article_costs_memory_and_work_in_proportion_to_its_size() {
    // The first build also makes what the process keeps for later ones (conversion tables).
    let _ = build(None);
    let (steady, problems) = build(None);
    assert_eq!(problems, Vec::<String>::new());
    println!("the site alone: peak {} KB, allocated {} KB", steady.peak / 1024, steady.allocated / 1024);
    let mut report = Vec::new();
    for (name, make) in SHAPES {
        let costs: Vec<(Cost, Vec<String>)> = SIZES.iter().map(|&size| build(Some(&make(size)))).collect();
        for (&size, (cost, problems)) in SIZES.iter().zip(&costs) {
            let above = cost.peak.saturating_sub(steady.peak);
            assert!(above <= 64 * size + ALLOWANCE, "{name} at {size} bytes: peak {above} bytes above the site's own, over 64× its size");
            for problem in problems {
                assert!(
                    problem.contains("content/articles/shape.md:") && problem.contains("limit") || problem.contains("split"),
                    "{name}: {problem}"
                );
            }
        }
        // Fourfold the size: about fourfold the cost above the site's own. Buffers that double
        // as they grow can make it up to twice that; a cost growing with the square of the size
        // would make it sixteen. Shapes that cost next to nothing are measured from a floor.
        let grown = |of: fn(&Cost) -> usize, floor: usize| {
            let [small, _, large] = [0, 1, 2].map(|k| of(&costs[k].0).saturating_sub(of(&steady)).max(floor));
            (large as f64) / (small as f64)
        };
        let memory = grown(|c| c.peak, 1024 * 1024);
        let work = grown(|c| c.allocated, 1024 * 1024);
        let above: Vec<String> = costs.iter().map(|(c, _)| format!("{} KB", c.peak.saturating_sub(steady.peak) / 1024)).collect();
        report.push(format!("{name}: peak above the site {above:?}; ×4 the size gives memory ×{memory:.1}, work ×{work:.1}"));
        assert!(memory <= 8.0 && work <= 8.0, "{name} grows faster than its size: memory ×{memory:.1}, work ×{work:.1} for ×4");
    }
    println!("{}", report.join("\n"));
}
