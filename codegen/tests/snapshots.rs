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
        let files = codegen::emit_service(&services[0], "cargo xtask regenerate", &mut diags);
        assert!(diags.is_empty(), "{diags}");
        for file in files {
            insta::assert_snapshot!(file.emitter.name(), file.output.contents);
        }
    });
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
