//! Every emitter's output for every workspace spec, so a spec change shows up as a snapshot diff.

use std::path::Path;

use codegen::diagnostics::Diagnostics;

mod common;

fn workspace_root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("the codegen crate is inside the workspace")
}

#[test]
fn every_emitter_for_every_spec() {
    insta::glob!("../../specs", "*.yaml", |path| {
        let mut diags = Diagnostics::default();
        let root = workspace_root();
        let specs: Vec<_> = codegen::load::load_file(path, codegen::display(path, root), &mut diags).into_iter().collect();
        let services = codegen::resolve_all(&specs, &mut diags);
        assert!(diags.is_empty(), "{diags}");
        let files = codegen::emit_service(&services[0], "cargo xtask regenerate", false, &mut diags);
        assert!(diags.is_empty(), "{diags}");
        for file in files {
            insta::assert_snapshot!(snapshot_name(&file), file.output.contents);
        }
    });
}

/// The emitter's name, prefixed by the group for the files of a group module
/// (`src/<service>/<group>/models.rs` is `<group>.models`).
fn snapshot_name(file: &codegen::GeneratedFile) -> String {
    let depth = file.output.path.split('/').count();
    match file.output.path.rsplit('/').nth(1) {
        Some(group) if depth == 4 => format!("{group}.{}", file.emitter.name()),
        _ => file.emitter.name().to_owned(),
    }
}

fn workspace_options() -> codegen::Options {
    common::options("Snapshot test crate.")
}

#[test]
fn crate_level_files() {
    let generation = codegen::generate(&workspace_options());
    assert!(generation.diagnostics.is_empty(), "{}", generation.diagnostics);
    for file in generation.files.iter().filter(|f| f.service.is_none()) {
        insta::assert_snapshot!(file.emitter.name(), file.output.contents);
    }
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
    let specs: Vec<_> = codegen::load::load_file(&path, codegen::display(&path, root), &mut diags).into_iter().collect();
    let mut options = common::options("Snapshot test crate.");
    options.crate_config.standalone = true;
    options.command = "cargo xtask generate".into();
    let generation = codegen::generate_loaded(&specs, &options, diags);
    insta::assert_snapshot!("grouped_diagnostics", generation.diagnostics.to_string());
    assert!(!generation.diagnostics.has_errors());
    for file in &generation.files {
        insta::assert_snapshot!(format!("grouped@{}", file.output.path.replace('/', ".")), file.output.contents);
    }
}
