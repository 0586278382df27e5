//! `cargo xtask page draft` and `cargo xtask page check`: documentation pages into a spec, and a
//! spec against its pages.

use std::path::{Path, PathBuf};

use codegen::diagnostics::Diagnostics;
use codegen::pages::PageFile;
use codegen::pages::check::{self, Report};
use codegen::pages::draft::{self, DraftOptions};

/// Exit statuses shared by both commands.
const CLEAN: u8 = 0;
const FOUND: u8 = 1;
const UNREADABLE: u8 = 2;

/// Drafts one spec from `pages` into `out`. Exit status: 0 when everything was read, 1 when the
/// draft has TODOs, 2 when nothing could be drafted.
pub fn draft(pages: &[PathBuf], out: &Path, options: &DraftOptions) -> u8 {
    let mut read = Vec::new();
    for path in pages {
        match PageFile::read(path, path.display().to_string()) {
            Ok(page) => read.push(page),
            Err(problem) => eprintln!("error: {problem}"),
        }
    }
    let drafted = draft::draft(&read, options);
    if drafted.operations == 0 {
        eprintln!("error: no operation could be drafted from {} page(s)", pages.len());
        for todo in &drafted.todos {
            eprintln!("  {}:{}: {}", todo.page, todo.line, todo.what);
        }
        return UNREADABLE;
    }
    if let Err(err) = std::fs::write(out, &drafted.yaml) {
        eprintln!("error: cannot write {}: {err}", out.display());
        return UNREADABLE;
    }
    for todo in &drafted.todos {
        println!("TODO(page) {}:{}: {}", todo.page, todo.line, todo.what);
    }
    println!(
        "drafted {} operation(s) from {} page(s) into {}: {} TODO(page) item(s)",
        drafted.operations,
        read.len(),
        out.display(),
        drafted.todos.len()
    );
    if read.len() < pages.len() {
        UNREADABLE
    } else if drafted.todos.is_empty() {
        CLEAN
    } else {
        FOUND
    }
}

/// What to check.
pub enum CheckTarget {
    /// These pages against this spec.
    Pages { spec: PathBuf, pages: Vec<PathBuf> },
    /// These specs (default: the workspace's) against the pages they name, below a folder.
    Docs { docs: PathBuf, specs: Vec<PathBuf> },
}

/// Runs `page check`. Exit status: 0 when the specs conform (declared errata aside), 1 when
/// something differs, 2 when a page or spec cannot be read.
pub fn check(root: &Path, target: CheckTarget) -> u8 {
    let mut report = Report::default();
    let mut problems = Vec::new();
    match target {
        CheckTarget::Pages { spec, pages } => {
            let Some(spec_file) = load(root, &spec, &mut problems) else {
                return finish(&report, &problems);
            };
            for path in &pages {
                match PageFile::read(path, path.display().to_string()) {
                    Ok(page) => report.extend(check_page(&spec_file, &page)),
                    Err(problem) => problems.push(problem),
                }
            }
        }
        CheckTarget::Docs { docs, specs } => {
            if !docs.is_dir() {
                problems.push(format!("{}: not a folder of documentation pages", docs.display()));
                return finish(&report, &problems);
            }
            let specs = if specs.is_empty() { workspace_specs(root) } else { specs };
            for path in &specs {
                let Some(spec) = load(root, path, &mut problems) else { continue };
                let (found, unreadable) = check::check_against_docs(&spec, &docs);
                report.extend(found);
                problems.extend(unreadable);
            }
        }
    }
    finish(&report, &problems)
}

/// A page against the spec: the operation it documents, or the status table.
fn check_page(spec: &codegen::load::SpecFile, page: &PageFile) -> Report {
    if let Some(pointer) = check::operation_for_page(spec, &page.page) {
        return check::check_operation(spec, &pointer, page);
    }
    if page.page.endpoint.is_none() && !page.page.status_codes.is_empty() {
        return check::check_status_table(spec, page);
    }
    let endpoint = page.page.endpoint.as_ref().map(|e| format!("{} {}", e.method, e.path));
    let finding = check::Finding {
        verdict: check::Verdict::Difference,
        operation: page.page.api_name.clone(),
        subject: endpoint.clone().unwrap_or_else(|| page.page.title.clone()),
        about: "operation".into(),
        page_says: endpoint.unwrap_or_else(|| "no method and path".into()),
        spec_says: "no operation with this method and path or operationId".into(),
        page_at: Some(check::PageAt {
            file: page.display.clone(),
            line: 1,
            table: None,
            row: None,
        }),
        spec_at: spec.locate(&codegen::pointer::Pointer::root().join("paths")),
    };
    Report {
        checked: vec![check::Checked {
            spec: spec.display.clone(),
            subject: "(no operation)".into(),
            page: page.display.clone(),
        }],
        findings: vec![finding],
        used_errata: Vec::new(),
    }
}

fn load(root: &Path, path: &Path, problems: &mut Vec<String>) -> Option<codegen::load::SpecFile> {
    let mut diags = Diagnostics::default();
    let display = codegen::display(path, root);
    let spec = codegen::load::load_file(path, display, &mut diags);
    if diags.has_errors() || spec.is_none() {
        problems.push(diags.to_string());
        return None;
    }
    spec
}

fn workspace_specs(root: &Path) -> Vec<PathBuf> {
    let mut specs: Vec<PathBuf> = std::fs::read_dir(root.join("specs"))
        .map(|entries| entries.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    specs.retain(|p| p.extension().is_some_and(|e| e == "yaml" || e == "yml" || e == "json"));
    specs.sort();
    specs
}

fn finish(report: &Report, problems: &[String]) -> u8 {
    println!("{report}");
    for problem in problems {
        eprintln!("error: {problem}");
    }
    if !problems.is_empty() {
        UNREADABLE
    } else if report.differences().next().is_some() {
        FOUND
    } else {
        CLEAN
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixtures() -> PathBuf {
        crate::workspace_root().join("docpages/tests/fixtures")
    }

    /// A scratch folder laid out like a checkout of a documentation repository.
    fn checkout(test: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("xtask-page-{test}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("widgets/cn.zh-cn/API参考")).unwrap();
        dir
    }

    fn place(docs: &Path, fixture: &str) -> PathBuf {
        let path = docs.join("widgets/cn.zh-cn/API参考").join(fixture);
        std::fs::copy(fixtures().join(fixture), &path).unwrap();
        path
    }

    fn options() -> DraftOptions {
        DraftOptions { title: None, server: Some("https://widget.{region}.example.com".into()) }
    }

    #[test]
    fn draft_exit_statuses() {
        let docs = checkout("draft");
        let out = docs.join("spec.yaml");
        let page = place(&docs, "structured.md");
        assert_eq!(draft(std::slice::from_ref(&page), &out, &options()), CLEAN, "everything read");
        let todo = place(&docs, "unread.md");
        assert_eq!(draft(&[page.clone(), todo], &out, &options()), FOUND, "TODOs left");
        let no_host = DraftOptions::default();
        assert_eq!(draft(std::slice::from_ref(&page), &out, &no_host), FOUND, "the host is a TODO");
        assert_eq!(draft(&[docs.join("missing.md")], &out, &options()), UNREADABLE);
        std::fs::remove_dir_all(&docs).unwrap();
    }

    #[test]
    fn check_exit_statuses() {
        let root = crate::workspace_root();
        let docs = checkout("check");
        let spec = docs.join("widgets.yaml");
        let page = place(&docs, "structured.md");
        assert_eq!(draft(std::slice::from_ref(&page), &spec, &options()), CLEAN);
        let pages = |spec: &Path, pages: &[PathBuf]| CheckTarget::Pages {
            spec: spec.to_path_buf(),
            pages: pages.to_vec(),
        };
        assert_eq!(check(&root, pages(&spec, std::slice::from_ref(&page))), CLEAN);
        let with_docs = || CheckTarget::Docs { docs: docs.clone(), specs: vec![spec.clone()] };
        assert_eq!(check(&root, with_docs()), CLEAN, "the draft names its page");

        let text =
            std::fs::read_to_string(&spec).unwrap().replace("maxLength: 64", "maxLength: 65");
        std::fs::write(&spec, text).unwrap();
        assert_eq!(check(&root, pages(&spec, std::slice::from_ref(&page))), FOUND);
        assert_eq!(check(&root, with_docs()), FOUND);

        assert_eq!(check(&root, pages(&spec, &[docs.join("missing.md")])), UNREADABLE);
        std::fs::remove_file(&page).unwrap();
        assert_eq!(check(&root, with_docs()), UNREADABLE, "a page the spec names is missing");
        std::fs::remove_dir_all(&docs).unwrap();
    }
}
