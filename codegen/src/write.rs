//! Stage 6, write: make a directory hold exactly the generated files, or check that it does.
//!
//! The generator owns every file that starts with the [`GENERATED_MARKER`] line and nothing else, so
//! hand-written files (tests, examples) can live next to generated ones.

use std::collections::HashSet;
use std::fmt::Write as _;
use std::io;
use std::path::{Path, PathBuf};

use similar::TextDiff;

use crate::format::GENERATED_MARKER;

/// A file to write, relative to the directory being synced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// The path, relative to the directory, with `/` separators.
    pub path: String,
    /// The full contents.
    pub contents: String,
}

/// Write the files, or only compare.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Create, update and delete files.
    Write,
    /// Change nothing; report what differs.
    Check,
}

/// One file that is (or was) not what the specs produce.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// The file does not exist yet.
    Created(String),
    /// The file differs; with a short unified diff (current → expected).
    Updated(String, String),
    /// A generated file that no spec produces any more.
    Deleted(String),
}

impl Change {
    /// The path of the file.
    pub fn path(&self) -> &str {
        match self {
            Change::Created(p) | Change::Updated(p, _) | Change::Deleted(p) => p,
        }
    }
}

/// What a sync found (and, in [`Mode::Write`], did).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// Files created, updated or deleted, sorted by path.
    pub changes: Vec<Change>,
    /// How many files were already up to date.
    pub unchanged: usize,
}

/// At most this many diff lines per file are shown.
const DIFF_LINES: usize = 40;

/// Syncs `dir` with `files`. Directories named `target` are not searched for stale files.
pub fn sync(dir: &Path, files: &[OutputFile], mode: Mode) -> io::Result<Report> {
    let mut report = Report::default();
    // Files are independent, and writing a large crate is kernel work worth both cores.
    for outcome in crate::parallel::map(files, |file| sync_file(dir, file, mode)) {
        match outcome? {
            Some(change) => report.changes.push(change),
            None => report.unchanged += 1,
        }
    }
    let mut owned = Vec::new();
    owned_files(dir, dir, &mut owned)?;
    let expected: HashSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
    for path in owned {
        if !expected.contains(path.as_str()) {
            if mode == Mode::Write {
                let stale = dir.join(&path);
                std::fs::remove_file(&stale).map_err(|err| naming(&stale, err))?;
                remove_empty_parents(dir, &stale);
            }
            report.changes.push(Change::Deleted(path));
        }
    }
    report.changes.sort_by(|a, b| a.path().cmp(b.path()));
    Ok(report)
}

/// Compares one file with what is on disk and, in [`Mode::Write`], writes it when it differs;
/// `None` when it is up to date.
fn sync_file(dir: &Path, file: &OutputFile, mode: Mode) -> io::Result<Option<Change>> {
    let path = dir.join(&file.path);
    let in_context = |err: io::Error| naming(&path, err);
    let change = match std::fs::read_to_string(&path) {
        Ok(current) if current == file.contents => return Ok(None),
        // The diff is only shown when checking; writing a large crate should not pay for it.
        Ok(current) => {
            let diff = if mode == Mode::Check {
                short_diff(&current, &file.contents)
            } else {
                String::new()
            };
            Change::Updated(file.path.clone(), diff)
        }
        Err(err) if err.kind() == io::ErrorKind::NotFound => Change::Created(file.path.clone()),
        Err(err) => return Err(in_context(err)),
    };
    if mode == Mode::Write {
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(in_context)?;
        }
        std::fs::write(&path, &file.contents).map_err(in_context)?;
    }
    Ok(Some(change))
}

/// `err` with the path it is about in its message.
fn naming(path: &Path, err: io::Error) -> io::Error {
    io::Error::new(err.kind(), format!("{}: {err}", path.display()))
}

/// Files below `dir` whose first line carries the generated marker, as paths relative to `root`.
fn owned_files(root: &Path, dir: &Path, out: &mut Vec<String>) -> io::Result<()> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(err) if err.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(err) => return Err(err),
    };
    let mut paths: Vec<PathBuf> =
        entries.map(|e| e.map(|e| e.path())).collect::<io::Result<_>>()?;
    paths.sort();
    for path in paths {
        if path.is_dir() {
            if path
                .file_name()
                .is_some_and(|n| n == "target" || n.to_string_lossy().starts_with('.'))
            {
                continue;
            }
            owned_files(root, &path, out)?;
        } else if is_generated(&path)
            && let Ok(relative) = path.strip_prefix(root)
        {
            out.push(
                relative
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy())
                    .collect::<Vec<_>>()
                    .join("/"),
            );
        }
    }
    Ok(())
}

fn is_generated(path: &Path) -> bool {
    use std::io::{BufRead, BufReader, Read};
    let Ok(file) = std::fs::File::open(path) else { return false };
    let mut first = String::new();
    // Reading stops at the first line; binary or unreadable files are simply not ours.
    BufReader::new(file.take(4096)).read_line(&mut first).is_ok()
        && first.contains(GENERATED_MARKER)
}

fn remove_empty_parents(root: &Path, path: &Path) {
    let mut dir = path.parent();
    while let Some(d) = dir {
        if d == root || std::fs::remove_dir(d).is_err() {
            break;
        }
        dir = d.parent();
    }
}

fn short_diff(current: &str, expected: &str) -> String {
    // Myers' diff is quadratic at worst; past the deadline it settles for a coarser (still correct) diff.
    let diff = TextDiff::configure()
        .timeout(std::time::Duration::from_secs(1))
        .diff_lines(current, expected);
    let text =
        diff.unified_diff().context_radius(2).header("on disk", "generated from specs").to_string();
    let mut out = String::new();
    let total = text.lines().count();
    for line in text.lines().take(DIFF_LINES) {
        let _ = writeln!(out, "{line}");
    }
    if total > DIFF_LINES {
        let _ = writeln!(out, "... ({} more diff lines)", total - DIFF_LINES);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_dir(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("codegen-write-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    fn file(path: &str, body: &str) -> OutputFile {
        OutputFile { path: path.into(), contents: format!("// {GENERATED_MARKER} test\n{body}") }
    }

    #[test]
    fn sync_creates_updates_deletes_and_leaves_hand_written_files() {
        let dir = temp_dir("sync");
        std::fs::create_dir_all(dir.join("src/old")).unwrap();
        std::fs::write(dir.join("src/old/gone.rs"), format!("// {GENERATED_MARKER}\n")).unwrap();
        std::fs::write(dir.join("src/hand.rs"), "// mine\n").unwrap();
        std::fs::write(dir.join("src/lib.rs"), format!("// {GENERATED_MARKER} test\nold\n"))
            .unwrap();
        let files = [file("src/lib.rs", "new\n"), file("src/a/b.rs", "b\n")];

        let check = sync(&dir, &files, Mode::Check).unwrap();
        let paths: Vec<_> = check.changes.iter().map(Change::path).collect();
        assert_eq!(paths, ["src/a/b.rs", "src/lib.rs", "src/old/gone.rs"]);
        assert!(dir.join("src/old/gone.rs").exists(), "check mode writes nothing");
        let Change::Updated(_, diff) = &check.changes[1] else { panic!("expected an update") };
        assert!(diff.contains("-old") && diff.contains("+new"), "{diff}");

        sync(&dir, &files, Mode::Write).unwrap();
        assert!(!dir.join("src/old").exists(), "emptied directories are removed");
        assert_eq!(std::fs::read_to_string(dir.join("src/hand.rs")).unwrap(), "// mine\n");
        let again = sync(&dir, &files, Mode::Check).unwrap();
        assert!(again.changes.is_empty());
        assert_eq!(again.unchanged, 2);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
