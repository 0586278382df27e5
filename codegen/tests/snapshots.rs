//! What the generator writes where nothing else keeps a copy: the grouped fixture's files. The
//! workspace specs' output is `generated/` itself, which `regenerate --check` guards.

use std::path::Path;

use codegen::diagnostics::Diagnostics;

mod common;

fn workspace_root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the codegen crate is inside the workspace")
}

fn workspace_options() -> codegen::Options {
    common::options("Snapshot test crate.")
}

/// Hash maps are seeded per instance, so two runs in one process would differ if any output
/// depended on their order.
#[test]
fn output_is_byte_identical_across_runs() {
    let first = codegen::generate(&workspace_options());
    for _ in 0..3 {
        let again = codegen::generate(&workspace_options());
        assert_eq!(first.files, again.files);
    }
    assert!(first.files.len() >= 15);
}

/// A spec with several tags: one module and one cargo feature per tag, shared and unused types in
/// the service's `models` behind the features that need them. Every file, by its path.
#[test]
fn grouped_spec_every_file() {
    let root = workspace_root();
    let path = root.join("codegen/tests/fixtures/grouped.yaml");
    let mut diags = Diagnostics::default();
    let specs: Vec<_> = codegen::load::load_file(&path, codegen::display(&path, root), &mut diags)
        .into_iter()
        .collect();
    let mut options = common::options("Snapshot test crate.");
    options.crate_config.packaging = codegen::emit::crate_root::Packaging::Standalone;
    options.command = "cargo xtask generate".into();
    let generation = codegen::generate_loaded(specs, &options, diags);
    insta::assert_snapshot!("grouped_diagnostics", generation.diagnostics.to_string());
    assert!(!generation.diagnostics.has_errors());
    for file in &generation.files {
        insta::assert_snapshot!(
            format!("grouped@{}", file.output.path.replace('/', ".")),
            file.output.contents
        );
    }
}
