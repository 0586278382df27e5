//! `cargo xtask bench`: how long each generator stage takes (medians of repeated runs) and its peak
//! memory, for the workspace specs and GitHub's, each replicated 1×, 2× and 4× to show how time and
//! memory grow; page reading and checking. `--against openapi-generator` compares the generator
//! with openapi-generator side by side ([`against`]).
//!
//! Each row runs in a process of its own (`bench-stages`, hidden), so peak memory is the row's own.

mod against;
mod openapi_generator;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use codegen::diagnostics::Diagnostics;
use codegen::emit::crate_root::{CrateConfig, Packaging};
use codegen::resolve::Policy;

/// The peer tools `--against` knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Peer {
    /// openapi-generator's `rust` generator, installed from PyPI into `target/` on first use.
    OpenapiGenerator,
}

/// Median time of each stage for one input, and the process's peak memory.
struct Stages {
    /// Loading every spec, on whichever thread loaded it.
    load: Duration,
    /// Resolving every spec.
    resolve: Duration,
    /// Emitting and formatting every file, on every core, as `generate` does.
    emit_and_format: Duration,
    /// The wall time of the whole run: loading runs ahead of resolving on other threads, so this
    /// is less than the sum of the stages when there are several specs.
    total: Duration,
    peak_kib: u64,
}

/// Runs the benchmarks and prints Markdown tables; returns the exit status.
pub fn run(root: &Path, runs: usize, against: Option<Peer>, compile: bool) -> u8 {
    if against == Some(Peer::OpenapiGenerator) {
        let status = against::run(root, runs, compile);
        println!();
        scaling(root, runs, &[github(root)].into_iter().flatten().collect::<Vec<_>>());
        return status;
    }
    let mut inputs = vec![("workspace specs".to_owned(), workspace_specs(root))];
    inputs.extend(github(root));
    scaling(root, runs, &inputs);
    pages(root, runs);
    0
}

/// The workspace's spec files.
fn workspace_specs(root: &Path) -> Vec<PathBuf> {
    let mut specs: Vec<PathBuf> = std::fs::read_dir(root.join("specs"))
        .into_iter()
        .flatten()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    specs.sort();
    specs
}

/// GitHub's spec, fetched on first use.
fn github(root: &Path) -> Option<(String, Vec<PathBuf>)> {
    match crate::corpus::fetch_named(root, "github") {
        Ok(spec) => Some(("GitHub api.github.com (13 MB)".to_owned(), vec![spec])),
        Err(message) => {
            eprintln!("note: without GitHub's spec ({message})");
            None
        }
    }
}

/// One row per input and factor: the stages, in a process of their own, and how the total grows.
fn scaling(root: &Path, runs: usize, inputs: &[(String, Vec<PathBuf>)]) {
    println!(
        "Medians of {runs} runs. Specs load on other threads ahead of resolving, so with several specs the total (wall time) is less than the sum of the stages.\n"
    );
    println!("| input | load | resolve | emit + format | total | growth | peak memory | growth |");
    println!("| --- | --- | --- | --- | --- | --- | --- | --- |");
    for (name, specs) in inputs {
        let mut first: Option<(Duration, u64)> = None;
        for factor in [1, 2, 4] {
            let stages = match stages_in_child(root, specs, factor, runs) {
                Ok(stages) => stages,
                Err(message) => {
                    eprintln!("{name} ×{factor}: {message}");
                    continue;
                }
            };
            let (time, memory) = *first.get_or_insert((stages.total, stages.peak_kib));
            println!(
                "| {name} ×{factor} | {} | {} | {} | {} | {:.2}× | {} MiB | {:.2}× |",
                seconds(stages.load),
                seconds(stages.resolve),
                seconds(stages.emit_and_format),
                seconds(stages.total),
                stages.total.as_secs_f64() / time.as_secs_f64(),
                stages.peak_kib / 1024,
                stages.peak_kib as f64 / memory as f64,
            );
        }
    }
}

/// Runs `bench-stages` in a new process of the current executable and reads its one line.
fn stages_in_child(
    root: &Path,
    specs: &[PathBuf],
    factor: usize,
    runs: usize,
) -> Result<Stages, String> {
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    let output = Command::new(exe)
        .args(["bench-stages", "--factor", &factor.to_string(), "--runs", &runs.to_string()])
        .args(specs)
        .current_dir(root)
        .output()
        .map_err(|e| e.to_string())?;
    let text = String::from_utf8_lossy(&output.stdout);
    let numbers: Vec<u64> = text.split_whitespace().filter_map(|n| n.parse().ok()).collect();
    match numbers[..] {
        [load, resolve, emit_and_format, total, peak_kib] if output.status.success() => {
            Ok(Stages {
                load: Duration::from_nanos(load),
                resolve: Duration::from_nanos(resolve),
                emit_and_format: Duration::from_nanos(emit_and_format),
                total: Duration::from_nanos(total),
                peak_kib,
            })
        }
        _ => Err(format!("bench-stages failed: {}", String::from_utf8_lossy(&output.stderr))),
    }
}

/// `bench-stages`: measures the stages over `specs`, each replicated `factor` times as separate
/// services, and prints `load resolve emit_and_format total` (median nanoseconds) and the peak
/// memory (KiB) on one line.
pub fn stages_command(specs: &[PathBuf], factor: usize, runs: usize) -> u8 {
    let mut sources = Vec::new();
    for spec in specs {
        let Ok(text) = std::fs::read_to_string(spec) else {
            eprintln!("cannot read {}", spec.display());
            return 2;
        };
        let file = spec.file_name().map_or("spec".into(), |n| n.to_string_lossy().into_owned());
        sources.extend((0..factor).map(|copy| (replicated_name(&file, copy), text.clone())));
    }
    let stages = measure(&sources, runs);
    println!(
        "{} {} {} {} {}",
        stages.load.as_nanos(),
        stages.resolve.as_nanos(),
        stages.emit_and_format.as_nanos(),
        stages.total.as_nanos(),
        peak_kib()
    );
    0
}

/// `1.23 s` or `45.6 ms`.
fn seconds(duration: Duration) -> String {
    if duration >= Duration::from_secs(1) {
        format!("{:.2} s", duration.as_secs_f64())
    } else {
        format!("{:.1} ms", duration.as_secs_f64() * 1000.0)
    }
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
    let mut times: [Vec<Duration>; 4] = Default::default();
    let options = codegen::Options {
        specs_dir: PathBuf::from("specs"),
        display_root: PathBuf::new(),
        command: "cargo xtask bench".into(),
        crate_config: CrateConfig::minimal("bench", Packaging::Standalone),
        policy: Policy::SkipUnsupported,
    };
    let weighed: Vec<(&(String, String), u64)> =
        sources.iter().map(|source| (source, source.1.len() as u64)).collect();
    for _ in 0..runs.max(1) {
        let started = Instant::now();
        let mut diagnostics = Diagnostics::default();
        let mut resolution = codegen::Resolution::new(Policy::SkipUnsupported);
        // As `regenerate` does: loaded ahead on other threads, resolved in order, each document
        // dropped once resolved.
        let loading = Mutex::new(Duration::ZERO);
        let mut resolving = Duration::ZERO;
        let load = |(file, text): &&(String, String)| {
            let loading_started = Instant::now();
            let mut found = Diagnostics::default();
            let spec = codegen::load::load_str(file.clone(), text, &mut found);
            *loading.lock().unwrap_or_else(|e| e.into_inner()) += loading_started.elapsed();
            (spec, found)
        };
        codegen::parallel::ahead(&weighed, codegen::LOAD_AHEAD_BYTES, load, |(spec, found)| {
            let resolving_started = Instant::now();
            diagnostics.extend(found);
            if let Some(spec) = spec {
                resolution.add(&spec, &mut diagnostics);
            }
            resolving += resolving_started.elapsed();
        });
        let services = resolution.services;

        let emitting_started = Instant::now();
        let generation = codegen::generate_services(&services, &options, diagnostics);
        let loading = loading.into_inner().unwrap_or_else(|e| e.into_inner());
        for (stage, time) in [loading, resolving, emitting_started.elapsed(), started.elapsed()]
            .into_iter()
            .enumerate()
        {
            times[stage].push(time);
        }
        std::hint::black_box(generation);
    }
    let [load, resolve, emit_and_format, total] = times.map(median);
    Stages { load, resolve, emit_and_format, total, peak_kib: peak_kib() }
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times.get(times.len() / 2).copied().unwrap_or_default()
}

/// The process's peak resident memory so far (Linux; 0 elsewhere), in KiB.
fn peak_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            let line = status.lines().find_map(|l| l.strip_prefix("VmHWM:"))?;
            line.trim().trim_end_matches(" kB").parse().ok()
        })
        .unwrap_or(0)
}

/// The process's peak resident memory so far, e.g. `612 MiB`.
pub(crate) fn peak_memory() -> String {
    format!("{} MiB", peak_kib() / 1024)
}
