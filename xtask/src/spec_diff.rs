//! `cargo xtask spec-diff`: reads the specs at a git revision and in the working tree, and reports
//! the difference with `codegen::diff`.

use std::path::Path;
use std::process::Command;

use codegen::diff::{Accepted, Format, Level, Source};

/// Exit status when the report reaches the `--fail-on` level.
const FAILED: u8 = 1;
/// Exit status when a side could not be loaded.
const UNLOADABLE: u8 = 2;

/// Runs the command and returns its exit status.
pub fn run(
    root: &Path,
    base: Option<&str>,
    format: Format,
    fail_on: Option<Level>,
    accepted: &Accepted,
) -> u8 {
    let base = match base {
        Some(base) => base.to_owned(),
        None => default_base(root),
    };
    let before = match specs_at(root, &base) {
        Ok(sources) => sources,
        Err(message) => {
            eprintln!("error: cannot read the specs at `{base}`: {message}");
            return UNLOADABLE;
        }
    };
    let after = match specs_in_tree(root) {
        Ok(sources) => sources,
        Err(message) => {
            eprintln!("error: cannot read the working tree's specs: {message}");
            return UNLOADABLE;
        }
    };
    report(&before, &after, &base, format, fail_on, accepted, &crate::options(root))
}

/// Compares two sets of sources, prints the report, and returns the exit status.
pub fn report(
    before: &[Source],
    after: &[Source],
    base: &str,
    format: Format,
    fail_on: Option<Level>,
    accepted: &Accepted,
    options: &codegen::Options,
) -> u8 {
    match codegen::diff::run(before, after, base, accepted, options) {
        Ok(report) => {
            print!("{}", report.render(format));
            match fail_on {
                Some(level) if report.reaches(level) => FAILED,
                _ => 0,
            }
        }
        Err(error) => {
            eprintln!("{}", error.diagnostics);
            eprintln!(
                "error: the specs of the {} could not be loaded, so they cannot be compared",
                error.side
            );
            UNLOADABLE
        }
    }
}

/// The merge-base with `origin/main` when there is one, else `HEAD`.
fn default_base(root: &Path) -> String {
    git(root, &["merge-base", "HEAD", "origin/main"])
        .ok()
        .map(|out| out.trim().to_owned())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "HEAD".to_owned())
}

fn git(root: &Path, args: &[&str]) -> Result<String, String> {
    let output = Command::new("git")
        .arg("-C")
        .arg(root)
        .args(args)
        .output()
        .map_err(|e| format!("cannot run git: {e}"))?;
    if output.status.success() {
        Ok(String::from_utf8_lossy(&output.stdout).into_owned())
    } else {
        Err(String::from_utf8_lossy(&output.stderr).trim().to_owned())
    }
}

fn is_spec(name: &str) -> bool {
    name.ends_with(".yaml") || name.ends_with(".yml") || name.ends_with(".json")
}

/// The spec files of `specs/` at a revision (none if the folder did not exist there).
fn specs_at(root: &Path, rev: &str) -> Result<Vec<Source>, String> {
    git(root, &["rev-parse", "--verify", "--quiet", &format!("{rev}^{{commit}}")])
        .map_err(|_| format!("`{rev}` is not a commit"))?;
    let listing = git(root, &["ls-tree", "--name-only", rev, "specs/"])?;
    let mut sources = Vec::new();
    for path in listing.lines().filter(|p| is_spec(p)) {
        let text = git(root, &["show", &format!("{rev}:{path}")])?;
        sources.push((path.to_owned(), text));
    }
    Ok(sources)
}

/// The spec files in the working tree, uncommitted edits included.
fn specs_in_tree(root: &Path) -> Result<Vec<Source>, String> {
    let dir = root.join("specs");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| is_spec(n))
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|name| {
            std::fs::read_to_string(dir.join(&name))
                .map(|text| (format!("specs/{name}"), text))
                .map_err(|e| format!("specs/{name}: {e}"))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sources(dir: &Path) -> Vec<Source> {
        let mut names: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        names.sort();
        names
            .into_iter()
            .map(|n| (format!("specs/{n}"), std::fs::read_to_string(dir.join(&n)).unwrap()))
            .collect()
    }

    fn exit_status(case: &str, fail_on: Option<Level>) -> u8 {
        let root = crate::workspace_root();
        let dir = root.join("codegen/tests/fixtures").join(case);
        report(
            &sources(&dir.join("before")),
            &sources(&dir.join("after")),
            "base",
            Format::Json,
            fail_on,
            &Accepted::default(),
            &crate::options(&root),
        )
    }

    #[test]
    fn exit_status_follows_fail_on() {
        assert_eq!(exit_status("spec-diff/endpoint-removed", Some(Level::Breaking)), FAILED);
        assert_eq!(exit_status("spec-diff/endpoint-removed", None), 0);
        assert_eq!(
            exit_status("spec-diff/request-parameter-removed", Some(Level::Breaking)),
            0,
            "a warning does not fail --fail-on breaking"
        );
        assert_eq!(
            exit_status("spec-diff/request-parameter-removed", Some(Level::Warning)),
            FAILED
        );
        assert_eq!(exit_status("spec-diff/pure-refactor", Some(Level::Info)), 0);
    }

    #[test]
    fn a_broken_spec_on_either_side_exits_2() {
        assert_eq!(exit_status("spec-diff-broken/base", None), UNLOADABLE);
        assert_eq!(exit_status("spec-diff-broken/head", None), UNLOADABLE);
    }

    #[test]
    fn an_unknown_revision_exits_2() {
        let root = crate::workspace_root();
        assert_eq!(
            run(&root, Some("no-such-revision-anywhere"), Format::Text, None, &Accepted::default()),
            UNLOADABLE
        );
    }
}
