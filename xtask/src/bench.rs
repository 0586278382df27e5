//! `cargo xtask bench`: how long each generator stage takes (medians of repeated runs), peak memory,
//! and how generation time grows when the same spec is replicated 1×, 2× and 4×.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use codegen::diagnostics::Diagnostics;
use codegen::emit::ServiceContext;
use codegen::emit::crate_root::{CrateConfig, Packaging};
use codegen::resolve::Policy;

/// Median time of each stage for one input.
struct Stages {
    load: Duration,
    resolve: Duration,
    emit: Duration,
    format: Duration,
}

/// Runs the benchmarks and prints a Markdown table.
pub fn run(root: &Path, runs: usize) -> u8 {
    let mut inputs: Vec<(String, Vec<(String, String)>)> = Vec::new();
    let workspace: Vec<(String, String)> = std::fs::read_dir(root.join("specs"))
        .into_iter()
        .flatten()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .filter_map(|p| Some((codegen::display(&p, root), std::fs::read_to_string(&p).ok()?)))
        .collect();
    inputs.push(("workspace specs (5 files)".into(), workspace));
    let github: PathBuf = root
        .join("target/corpus/specs/_octokit_openapi_23.0.2/package/generated/api.github.com.json");
    match std::fs::read_to_string(&github) {
        Ok(text) => inputs.push((
            "GitHub api.github.com (13 MB)".into(),
            vec![("api.github.com.json".into(), text)],
        )),
        Err(_) => eprintln!(
            "note: run `cargo xtask corpus --only github` first to include the GitHub spec"
        ),
    }
    println!("| input | load | resolve | emit | format | total | peak memory |");
    println!("| --- | --- | --- | --- | --- | --- | --- |");
    for (name, sources) in &inputs {
        for factor in [1, 2, 4] {
            let replicated: Vec<(String, String)> = (0..factor)
                .flat_map(|copy| {
                    sources
                        .iter()
                        .map(move |(file, text)| (replicated_name(file, copy), text.clone()))
                })
                .collect();
            let stages = measure(&replicated, runs);
            let total = stages.load + stages.resolve + stages.emit + stages.format;
            println!(
                "| {name} ×{factor} | {:.1?} | {:.1?} | {:.1?} | {:.1?} | {:.1?} | {} |",
                stages.load,
                stages.resolve,
                stages.emit,
                stages.format,
                total,
                peak_memory()
            );
        }
    }
    pages(root, runs);
    0
}

/// Reading documentation pages, and checking the workspace specs against them: the fixture pages,
/// and the real ones in `../shared/pages` when they are there.
fn pages(root: &Path, runs: usize) {
    let mut sets = vec![("fixture pages".to_owned(), root.join("docpages/tests/fixtures"))];
    let real = root.join("../shared/pages");
    if real.is_dir() {
        sets.push(("real pages (../shared/pages)".to_owned(), real.clone()));
    }
    println!();
    println!("| pages | count | read, median per page | read, slowest page |");
    println!("| --- | --- | --- | --- |");
    for (name, dir) in sets {
        let texts: Vec<String> = markdown_files(&dir)
            .iter()
            .filter_map(|p| std::fs::read(p).ok())
            .map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
            .collect();
        let mut per_page: Vec<Duration> = texts
            .iter()
            .map(|text| {
                let times: Vec<Duration> = (0..runs.max(1))
                    .map(|_| {
                        let started = Instant::now();
                        std::hint::black_box(docpages::read_page(text));
                        started.elapsed()
                    })
                    .collect();
                median(times)
            })
            .collect();
        per_page.sort();
        let slowest = per_page.last().copied().unwrap_or_default();
        println!("| {name} | {} | {:.2?} | {slowest:.2?} |", texts.len(), median(per_page));
    }
    if real.is_dir() {
        let times: Vec<Duration> = (0..runs.max(1))
            .map(|_| {
                let started = Instant::now();
                for spec in ["ces", "csms", "ecs", "evs", "vpcep"] {
                    let mut diags = Diagnostics::default();
                    let path = root.join("specs").join(format!("{spec}.yaml"));
                    if let Some(spec) = codegen::load::load_file(&path, spec.into(), &mut diags) {
                        std::hint::black_box(codegen::pages::check::check_against_docs(
                            &spec, &real,
                        ));
                    }
                }
                started.elapsed()
            })
            .collect();
        println!(
            "\n`page check --docs ../shared/pages` over the workspace specs: {:.1?} (median)",
            median(times)
        );
    }
}

/// Every `.md` file below `dir`, sorted.
fn markdown_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|e| e == "md") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// `ces.yaml` copy 1 → `ces_1.yaml`, so replicas become separate services.
fn replicated_name(file: &str, copy: usize) -> String {
    if copy == 0 {
        return file.to_owned();
    }
    match file.rsplit_once('.') {
        Some((stem, extension)) => format!("{stem}_{copy}.{extension}"),
        None => format!("{file}_{copy}"),
    }
}

fn measure(sources: &[(String, String)], runs: usize) -> Stages {
    let (mut load, mut resolve, mut emit, mut format) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for _ in 0..runs.max(1) {
        let mut diagnostics = Diagnostics::default();
        let started = Instant::now();
        let specs: Vec<_> = sources
            .iter()
            .filter_map(|(file, text)| {
                codegen::load::load_str(file.clone(), text, &mut diagnostics)
            })
            .collect();
        load.push(started.elapsed());

        let started = Instant::now();
        let services = codegen::resolve_all_with(&specs, Policy::SkipUnsupported, &mut diagnostics);
        resolve.push(started.elapsed());

        let bench_crate = CrateConfig::minimal("bench", Packaging::Standalone);
        let started = Instant::now();
        let mut trees = Vec::new();
        for service in &services {
            let cx = ServiceContext::new(service, &bench_crate);
            for part in cx.parts() {
                trees.extend(codegen::emit::models::emit(&cx, part));
                trees.extend(codegen::emit::operations::emit(&cx, part));
                trees.extend(codegen::emit::status::emit(&cx, part));
                trees.extend(codegen::emit::client::emit(&cx, part));
            }
        }
        emit.push(started.elapsed());

        let started = Instant::now();
        let bytes: usize = trees
            .into_iter()
            .filter_map(|tokens| {
                codegen::format::rust_file(tokens, "", codegen::format::FileRole::Module).ok()
            })
            .map(|text| text.len())
            .sum();
        format.push(started.elapsed());
        std::hint::black_box(bytes);
    }
    Stages {
        load: median(load),
        resolve: median(resolve),
        emit: median(emit),
        format: median(format),
    }
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times.get(times.len() / 2).copied().unwrap_or_default()
}

/// The process's peak resident memory so far (Linux), e.g. `612 MiB`.
pub(crate) fn peak_memory() -> String {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .map(|v| v.trim().trim_end_matches(" kB").parse::<u64>().ok())
        })
        .flatten()
        .map_or_else(|| "n/a".to_owned(), |kb| format!("{} MiB", kb / 1024))
}
