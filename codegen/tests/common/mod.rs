//! Helpers shared by the integration tests.

use std::path::Path;

/// Generator options for the workspace layout, with `description` as the crate description.
pub fn options(description: &str) -> codegen::Options {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the codegen crate is inside the workspace");
    codegen::Options {
        specs_dir: root.join("specs"),
        display_root: root.to_path_buf(),
        command: "cargo xtask regenerate".into(),
        crate_config: codegen::emit::crate_root::CrateConfig {
            package_name: "huaweicloud-api".into(),
            description: description.into(),
            runtime_dependency: "{ path = \"../runtime\" }".into(),
            readme_doctest: None,
            dev_dependencies: Vec::new(),
            benches: Vec::new(),
            packaging: codegen::emit::crate_root::Packaging::Workspace,
        },
        policy: codegen::resolve::Policy::Strict,
    }
}

/// The crate generated from one spec given as `text` (shown as `file`), with the workspace layout;
/// fails the test when the spec has errors.
#[allow(dead_code, reason = "not every test binary that includes this module calls it")]
pub fn generate_text(file: &str, text: &str, description: &str) -> codegen::Generation {
    let mut diagnostics = codegen::diagnostics::Diagnostics::default();
    let spec = codegen::load::load_str(file.into(), text, &mut diagnostics);
    let generation =
        codegen::generate_loaded(spec.into_iter().collect(), &options(description), diagnostics);
    assert!(!generation.diagnostics.has_errors(), "{}", generation.diagnostics);
    generation
}
