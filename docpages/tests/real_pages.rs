//! Reads the real documentation pages when they are present (`DOCPAGES_REAL_PAGES`, default
//! `../../shared/pages` from this crate): every operation page (one with a `## URI` section) must
//! have a title, an endpoint, a table, and for VPCEP its API Explorer name; status-code pages must
//! give status codes. Prints what each page left unread. The pages are not part of the project
//! (another licence), so without them the test only says it was skipped.

use std::path::{Path, PathBuf};

use docpages::{Layout, read_page};

fn pages_dir() -> PathBuf {
    match std::env::var_os("DOCPAGES_REAL_PAGES") {
        Some(dir) => PathBuf::from(dir),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/pages"),
    }
}

fn markdown_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            markdown_files(&path, out);
        } else if path.extension().is_some_and(|ext| ext == "md") {
            out.push(path);
        }
    }
}

fn is_operation_page(text: &str) -> bool {
    text.lines().any(|line| line.trim_end().starts_with("## URI"))
}

/// Unread items that are the page's own mistakes, which the reader must report, not repair:
/// a type cell it cannot read (`Interger`, `Integer or Float`, `Objects`) and an object row no
/// table describes.
fn is_a_page_mistake(what: &str) -> bool {
    (what.contains(": type `") && what.ends_with("` not understood"))
        || what.contains(": no table describes")
}

#[test]
fn real_operation_pages() {
    let dir = pages_dir();
    if !dir.is_dir() {
        eprintln!("skipped: no real pages at {} (set DOCPAGES_REAL_PAGES)", dir.display());
        return;
    }
    let mut files = Vec::new();
    markdown_files(&dir, &mut files);
    files.sort();
    let (mut operations, mut unread_total) = (0, 0);
    for path in &files {
        let Ok(text) = std::fs::read_to_string(path) else { continue };
        if !is_operation_page(&text) {
            continue;
        }
        operations += 1;
        let page = read_page(&text);
        let name = path.display();
        assert!(!page.title.is_empty(), "{name}: no title");
        assert_ne!(page.layout, Layout::NotAnOperation, "{name}");
        assert!(page.endpoint.is_some(), "{name}: no endpoint");
        assert!(!page.tables.is_empty(), "{name}: no table");
        if path.components().any(|part| part.as_os_str() == "vpcep") {
            assert!(page.api_name.is_some(), "{name}: no API Explorer name");
        }
        let lines: Vec<&str> = text.lines().collect();
        for row in page.tables.iter().flat_map(|table| &table.rows) {
            let line = lines.get(row.line - 1).copied().unwrap_or_default();
            assert!(
                line.contains("<tr") || line.trim_start().starts_with('|'),
                "{name}:{}",
                row.line
            );
        }
        println!("{name}: {} unread", page.unread.len());
        for unread in &page.unread {
            println!("  {name}:{}: {}", unread.line, unread.what);
            assert!(is_a_page_mistake(&unread.what), "{name}:{}: {}", unread.line, unread.what);
        }
        unread_total += page.unread.len();
    }
    println!("{operations} operation pages, {unread_total} unread items");
    assert!(operations > 0, "no operation page under {}", dir.display());
}

#[test]
fn real_status_code_pages() {
    let dir = pages_dir();
    let pages = ["evs/cn.zh-cn/API参考/HTTP状态码.md", "ecs/cn.zh-cn/API参考/通用请求返回值.md"];
    for page in pages {
        let path = dir.join(page);
        let Ok(text) = std::fs::read_to_string(&path) else {
            eprintln!("skipped: {} not found", path.display());
            continue;
        };
        let page = read_page(&text);
        assert_eq!(page.layout, Layout::NotAnOperation, "{}", path.display());
        assert!(page.status_codes.len() > 10, "{}", path.display());
        assert!(page.status_codes.iter().all(|code| code.outcome.is_some()), "{}", path.display());
        assert!(page.unread.is_empty(), "{}: {:?}", path.display(), page.unread);
    }
}
