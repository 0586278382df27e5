//! Reads every `.md` page under a directory and prints what the reader made of each, with every
//! unread item as `path:line: what`.
//!
//! `cargo run -p docpages --example read_pages -- ../shared/pages [--all] [--dump PAGE]`
//! (`--all` lists pages that are not operations too; `--dump` prints one page's model as JSON.)

use std::path::{Path, PathBuf};
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(root) = args.first() else {
        eprintln!("usage: read_pages DIR [--all] [--dump PAGE]");
        std::process::exit(2);
    };
    if let Some(page) = args.iter().position(|arg| arg == "--dump").and_then(|i| args.get(i + 1)) {
        let text = std::fs::read_to_string(page).unwrap_or_default();
        let page = docpages::read_page(&text);
        println!("{}", serde_json::to_string_pretty(&page).unwrap_or_default());
        return;
    }
    let all = args.iter().any(|arg| arg == "--all");
    let mut files = Vec::new();
    collect(Path::new(root), &mut files);
    files.sort();
    let (mut pages, mut unread_total) = (0, 0);
    for file in files {
        let Ok(text) = std::fs::read_to_string(&file) else { continue };
        let started = Instant::now();
        let page = docpages::read_page(&text);
        let elapsed = started.elapsed();
        let is_operation = page.layout != docpages::Layout::NotAnOperation;
        if !is_operation && !all {
            continue;
        }
        pages += 1;
        unread_total += page.unread.len();
        let endpoint = page
            .endpoint
            .as_ref()
            .map_or_else(|| "-".to_string(), |e| format!("{} {} {:?}", e.method, e.path, e.query));
        println!(
            "{}: {:?} `{}` api={} {} tables={} examples={} status={} unread={} ({:.1} ms)",
            file.display(),
            page.layout,
            page.title,
            page.api_name.as_deref().unwrap_or("-"),
            endpoint,
            page.tables.len(),
            page.examples.len(),
            page.status_codes.len(),
            page.unread.len(),
            elapsed.as_secs_f64() * 1000.0,
        );
        for unread in &page.unread {
            println!("  {}:{}: {}", file.display(), unread.line, unread.what);
        }
    }
    println!("{pages} pages, {unread_total} unread items");
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, out);
        } else if path.extension().is_some_and(|ext| ext == "md") {
            out.push(path);
        }
    }
}
