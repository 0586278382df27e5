//! Broken specs produce diagnostics (file, JSON pointer, line), all of them at once, and never a panic.

use std::path::Path;

use codegen::diagnostics::{Diagnostics, Severity};
use codegen::emit::crate_root::{CrateConfig, Packaging};

/// Loads and resolves one spec file, returning the rendered diagnostics and how many services resolved.
fn run(path: &Path) -> (Diagnostics, usize) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut diags = Diagnostics::default();
    let specs: Vec<_> = codegen::load::load_file(path, codegen::display(path, root), &mut diags)
        .into_iter()
        .collect();
    let services = codegen::resolve_all(&specs, &mut diags);
    (diags, services.len())
}

#[test]
fn invalid_specs_report_every_error() {
    insta::glob!("fixtures/invalid/*.yaml", |path| {
        let (diags, services) = run(path);
        assert!(diags.has_errors(), "{} should have errors", path.display());
        assert_eq!(services, 0, "a spec with errors yields no service");
        insta::assert_snapshot!(diags.to_string());
    });
}

#[test]
fn name_clashes_are_renamed_and_reported_with_both_places() {
    insta::glob!("fixtures/warnings/*.yaml", |path| {
        let (diags, services) = run(path);
        assert!(!diags.has_errors(), "{diags}");
        assert!(diags.iter().all(|d| d.severity == Severity::Warning && !d.related.is_empty()));
        assert_eq!(services, 1);
        insta::assert_snapshot!(diags.to_string());
    });
}

#[test]
fn the_clash_fixture_generates_distinct_names() {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/warnings/name_clashes.yaml");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut diags = Diagnostics::default();
    let specs: Vec<_> = codegen::load::load_file(&path, codegen::display(&path, root), &mut diags)
        .into_iter()
        .collect();
    let services = codegen::resolve_all(&specs, &mut diags);
    for file in codegen::emit_service(
        &services[0],
        "test",
        &CrateConfig::minimal("test", Packaging::Workspace),
        &mut diags,
    ) {
        insta::assert_snapshot!(
            format!("name_clashes_{}", file.emitter.name()),
            file.output.contents
        );
    }
}

/// Every prefix of every spec and fixture is a broken document; none may panic the pipeline.
#[test]
fn truncated_specs_never_panic() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut inputs = Vec::new();
    for dir in [
        root.join("../specs"),
        root.join("tests/fixtures/invalid"),
        root.join("tests/fixtures/warnings"),
        root.join("tests/fixtures/openapi31"),
        root.join("tests/fixtures/openapi31/equivalence/3.1"),
    ] {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_file() {
                inputs.push(std::fs::read_to_string(path).unwrap());
            }
        }
    }
    let mut runs = 0;
    for text in &inputs {
        // Every 53rd character, or 300 cuts spread over the whole of a long spec.
        let step = (text.chars().count() / 300).max(53);
        let cuts: Vec<usize> = text.char_indices().map(|(i, _)| i).step_by(step).collect();
        for cut in cuts {
            let mut diags = Diagnostics::default();
            let specs: Vec<_> =
                codegen::load::load_str("cut.yaml".into(), &text[..cut], &mut diags)
                    .into_iter()
                    .collect();
            for service in codegen::resolve_all(&specs, &mut diags) {
                codegen::emit_service(
                    &service,
                    "test",
                    &CrateConfig::minimal("test", Packaging::Workspace),
                    &mut diags,
                );
            }
            runs += 1;
        }
    }
    assert!(runs > 500, "only {runs} truncations were tried");
}
