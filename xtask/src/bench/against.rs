//! `cargo xtask bench --against openapi-generator`: the two generators side by side in one run, on
//! the same specs, each as its users run it: `cargo xtask generate` (the alias, so cargo's own
//! start-up counts) and openapi-generator's `rust` generator. Each run writes to a new directory.
//! The runs alternate, so a busy moment of the machine hits both.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use super::openapi_generator::{OpenApiGenerator, VERSION};
use super::{median, seconds};

/// The specs compared on: corpus entries (fetched on first use).
const SPECS: &[(&str, &str)] =
    &[("github", "GitHub api.github.com.json (13 MB)"), ("stripe", "Stripe (APIs.guru, 2.5 MB)")];

/// Runs the comparison and prints a Markdown table (and, with `compile`, a second one with what
/// building each generated crate costs); returns the exit status.
pub fn run(root: &Path, runs: usize, compile: bool) -> u8 {
    let peer = match OpenApiGenerator::installed(root) {
        Ok(peer) => peer,
        Err(message) => {
            eprintln!("error: {message}");
            return 2;
        }
    };
    if let Err(message) = build_xtask(root) {
        eprintln!("error: {message}");
        return 2;
    }
    let scratch = root.join("target/bench-against");
    // On a shared machine one run can take twice another: the fastest run is shown too.
    println!(
        "Medians (fastest) of {runs} runs, alternating; openapi-generator {VERSION} `rust`; the ratio is of the medians.\n"
    );
    println!("| spec | `cargo xtask generate` | openapi-generator | ratio |");
    println!("| --- | --- | --- | --- |");
    let mut failed = false;
    for &(name, shown) in SPECS {
        let spec = match crate::corpus::fetch_named(root, name) {
            Ok(spec) => spec,
            Err(message) => {
                eprintln!("{name}: cannot fetch the spec: {message}");
                failed = true;
                continue;
            }
        };
        let (mut ours, mut theirs) = (Vec::new(), Vec::new());
        for run in 0..runs.max(1) {
            let out = fresh(&scratch, &format!("{name}-ours-{run}"));
            // A partial generation (exit status 1) still counts: it wrote what it could.
            ours.push(timed(ours_command(root, &spec, &out), "cargo xtask generate", &[0, 1]));
            let out = fresh(&scratch, &format!("{name}-openapi-generator-{run}"));
            theirs.push(timed(peer.generate(&spec, &out), "openapi-generator", &[0]));
        }
        let (Ok(ours), Ok(theirs)) = (collect(ours), collect(theirs)) else {
            failed = true;
            continue;
        };
        let fastest = |times: &[Duration]| times.iter().min().copied().unwrap_or_default();
        let (ours_fastest, theirs_fastest) = (fastest(&ours), fastest(&theirs));
        let (ours, theirs) = (median(ours), median(theirs));
        println!(
            "| {shown} | {} ({}) | {} ({}) | {:.1}× |",
            seconds(ours),
            seconds(ours_fastest),
            seconds(theirs),
            seconds(theirs_fastest),
            theirs.as_secs_f64() / ours.as_secs_f64()
        );
    }
    if compile && !failed {
        failed |= compile_costs(root, &scratch, runs);
    }
    u8::from(failed)
}

/// `cargo build` of the crates both generators made from GitHub's spec (their last run's), with
/// the dependencies already built: time and peak memory, side by side. Each crate is built `runs`
/// times, alternating, since one build takes minutes, long enough for the machine's load to change.
fn compile_costs(root: &Path, scratch: &Path, runs: usize) -> bool {
    let target = scratch.join("target");
    let mut crates = Vec::new();
    for (who, dir) in
        [("ours", "github-ours-0"), ("openapi-generator", "github-openapi-generator-0")]
    {
        let build = CrateBuild { crate_dir: scratch.join(dir), target: target.clone() };
        let prepared = if who == "ours" {
            // The generated crate depends on the workspace's runtime; use the workspace's versions.
            std::fs::copy(root.join("Cargo.lock"), build.crate_dir.join("Cargo.lock"))
                .map(drop)
                .map_err(|e| format!("cannot copy Cargo.lock: {e}"))
        } else {
            outside_any_workspace(&build.crate_dir)
        };
        if let Err(message) = prepared.and_then(|()| build.dependencies()) {
            eprintln!("{who}: {message}");
            return true;
        }
        crates.push((who, build, Vec::new()));
    }
    for _ in 0..runs.max(1) {
        for (who, build, costs) in &mut crates {
            match build.timed() {
                Ok(cost) => costs.push(cost),
                Err(message) => {
                    eprintln!("{who}: {message}");
                    return true;
                }
            }
        }
    }
    println!("\n| GitHub's crate, `cargo build` | time | peak memory |");
    println!("| --- | --- | --- |");
    let medians: Vec<BuildCost> = crates
        .into_iter()
        .map(|(who, _, costs)| {
            let fastest = costs.iter().map(|cost| cost.time).min().unwrap_or_default();
            let median = BuildCost::median(costs);
            println!(
                "| {who} | {} ({}) | {} MiB |",
                seconds(median.time),
                seconds(fastest),
                median.peak_kib / 1024
            );
            median
        })
        .collect();
    if let [ours, theirs] = &medians[..] {
        println!(
            "| ours / openapi-generator | {:.0}% | {:.0}% |",
            100.0 * ours.time.as_secs_f64() / theirs.time.as_secs_f64(),
            100.0 * ours.peak_kib as f64 / theirs.peak_kib as f64
        );
    }
    false
}

/// Makes the crate in `crate_dir` a workspace of its own, as ours is, so that cargo builds it
/// although it lies inside this workspace's `target/` (openapi-generator's manifest has no
/// `[workspace]` table).
fn outside_any_workspace(crate_dir: &Path) -> Result<(), String> {
    let manifest = crate_dir.join("Cargo.toml");
    let text = std::fs::read_to_string(&manifest)
        .map_err(|e| format!("cannot read {}: {e}", manifest.display()))?;
    if text.lines().any(|line| line.trim() == "[workspace]") {
        return Ok(());
    }
    let text =
        format!("{text}\n# Built on its own by `cargo xtask bench --compile`.\n[workspace]\n");
    std::fs::write(&manifest, text).map_err(|e| format!("cannot write {}: {e}", manifest.display()))
}

/// A generated crate built into a shared target directory.
struct CrateBuild {
    crate_dir: PathBuf,
    target: PathBuf,
}

/// What one build of a crate took.
#[derive(Clone, Copy)]
struct BuildCost {
    time: Duration,
    peak_kib: u64,
}

impl BuildCost {
    /// The median time, and the median peak memory.
    fn median(costs: Vec<BuildCost>) -> Self {
        let mut kib: Vec<u64> = costs.iter().map(|cost| cost.peak_kib).collect();
        kib.sort_unstable();
        let peak_kib = kib.get(kib.len() / 2).copied().unwrap_or(0);
        Self { time: median(costs.into_iter().map(|cost| cost.time).collect()), peak_kib }
    }
}

impl CrateBuild {
    /// `cargo build` for this crate, with no incremental state.
    fn cargo(&self, command: &mut Command) {
        command
            .arg("build")
            .arg("--quiet")
            .current_dir(&self.crate_dir)
            .env("CARGO_TARGET_DIR", &self.target)
            .env("CARGO_INCREMENTAL", "0")
            .env_remove("RUSTFLAGS");
    }

    /// Builds the crate and its dependencies, untimed.
    fn dependencies(&self) -> Result<(), String> {
        let mut command = Command::new(env!("CARGO"));
        self.cargo(&mut command);
        timed(command, "cargo build (dependencies)", &[0]).map(drop)
    }

    /// Builds the crate alone again from scratch (a newer mtime on its root): time and peak memory.
    fn timed(&self) -> Result<BuildCost, String> {
        let lib = self.crate_dir.join("src/lib.rs");
        std::fs::File::options()
            .write(true)
            .open(&lib)
            .and_then(|file| file.set_modified(std::time::SystemTime::now()))
            .map_err(|e| format!("cannot touch {}: {e}", lib.display()))?;
        let mut command = Command::new("/usr/bin/time");
        command.args(["-f", "peak-rss-kb=%M", env!("CARGO")]);
        self.cargo(&mut command);
        let started = Instant::now();
        let output =
            command.output().map_err(|e| format!("cannot run /usr/bin/time cargo: {e}"))?;
        let time = started.elapsed();
        let stderr = String::from_utf8_lossy(&output.stderr);
        let peak_kib = stderr
            .lines()
            .find_map(|line| line.strip_prefix("peak-rss-kb="))
            .and_then(|kb| kb.trim().parse().ok());
        match (output.status.success(), peak_kib) {
            (true, Some(peak_kib)) => Ok(BuildCost { time, peak_kib }),
            _ => Err(format!("cargo build failed:\n{stderr}")),
        }
    }
}

/// `cargo xtask generate <spec> --out <out>`, exactly as a user types it (in the workspace).
fn ours_command(root: &Path, spec: &Path, out: &Path) -> Command {
    let mut command = Command::new(env!("CARGO"));
    command.args(["xtask", "generate"]).arg(spec).arg("--out").arg(out).current_dir(root);
    command
}

/// Builds the alias's binary first, so no timed run includes a build.
fn build_xtask(root: &Path) -> Result<(), String> {
    let status = Command::new(env!("CARGO"))
        .args(["xtask", "--help"])
        .current_dir(root)
        .stdout(std::process::Stdio::null())
        .status()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    status.success().then_some(()).ok_or_else(|| "cannot build the xtask".to_owned())
}

/// An empty directory `name` under `scratch`.
fn fresh(scratch: &Path, name: &str) -> PathBuf {
    let dir = scratch.join(name);
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

/// Runs `command` with its output discarded; its wall time, or what went wrong when it exits with
/// a status other than `ok`.
fn timed(mut command: Command, what: &str, ok: &[i32]) -> Result<Duration, String> {
    let started = Instant::now();
    let output = command.output().map_err(|e| format!("cannot run {what}: {e}"))?;
    let elapsed = started.elapsed();
    match output.status.code() {
        Some(code) if ok.contains(&code) => Ok(elapsed),
        _ => Err(format!(
            "{what} failed ({}):\n{}",
            output.status,
            String::from_utf8_lossy(&output.stderr).lines().take(20).collect::<Vec<_>>().join("\n")
        )),
    }
}

fn collect(results: Vec<Result<Duration, String>>) -> Result<Vec<Duration>, ()> {
    results.into_iter().map(|r| r.map_err(|message| eprintln!("error: {message}"))).collect()
}
