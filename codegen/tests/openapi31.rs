//! OpenAPI 3.1 input: each fixture's 3.0 reading and diagnostics (under both policies), and a 3.1
//! spec that generates the same Rust as its hand-written 3.0 spelling, from YAML and from JSON.

use std::path::Path;

use codegen::diagnostics::Diagnostics;
use codegen::resolve::Policy;

mod common;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Loads `text` and resolves it under `policy`: the diagnostics, and the spec as read.
fn run(
    display: &str,
    text: &str,
    policy: Policy,
) -> (Diagnostics, Option<codegen::load::SpecFile>) {
    let mut diags = Diagnostics::default();
    let spec = codegen::load::load_str(display.into(), text, &mut diags);
    codegen::resolve_all_with(spec.as_slice(), policy, &mut diags);
    (diags, spec)
}

/// Every approximation is a warning saying what is generated under the skip policy, and an error
/// under the strict one (like schema mistakes); the 3.0 document each fixture is read as.
#[test]
fn each_fixture_is_read_as_openapi_30_with_every_approximation_reported() {
    insta::glob!("fixtures/openapi31/*.yaml", |path| {
        let text = std::fs::read_to_string(path).unwrap();
        let display = codegen::display(path, root());
        let (skip, spec) = run(&display, &text, Policy::SkipUnsupported);
        let (strict, _) = run(&display, &text, Policy::Strict);
        let spec = spec.expect("the fixture loads");
        assert_eq!(spec.declared_version, "3.1.0");
        assert_eq!(spec.document.openapi, "3.0.3");
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        insta::assert_snapshot!(
            format!("diagnostics@{name}"),
            format!("skip-unsupported:\n\n{skip}\n\nstrict:\n\n{strict}")
        );
        insta::assert_snapshot!(
            format!("converted@{name}"),
            serde_yaml::to_string(&spec.raw).unwrap()
        );
    });
}

/// The generated files, by path, with the spec file's name (in headers and the crate's table of
/// services) replaced by `<spec>`.
fn generated(path: &Path, text: &str) -> Vec<(String, String)> {
    let mut diags = Diagnostics::default();
    let display = codegen::display(path, root());
    let spec = codegen::load::load_str(display.clone(), text, &mut diags);
    let mut options = common::options("OpenAPI 3.1 test crate.");
    options.crate_config.packaging = codegen::emit::crate_root::Packaging::Standalone;
    let generation = codegen::generate_loaded(spec.into_iter().collect(), &options, diags);
    assert!(generation.diagnostics.is_empty(), "{}: {}", path.display(), generation.diagnostics);
    let mut files: Vec<(String, String)> = generation
        .files
        .into_iter()
        .map(|f| (f.output.path, f.output.contents.replace(&display, "<spec>")))
        .collect();
    files.sort();
    files
}

/// Every exact rewrite, checked by its result: a 3.1 spec generates byte for byte the Rust of its
/// hand-written 3.0 spelling (but for the header naming the file), without a diagnostic, under the
/// strict policy; and so does its JSON serialisation.
#[test]
fn a_31_spec_generates_the_same_rust_as_its_30_spelling() {
    let dir = root().join("tests/fixtures/openapi31/equivalence");
    let v31 = dir.join("3.1/pets.yaml");
    let v30 = dir.join("3.0/pets.yaml");
    let text31 = std::fs::read_to_string(&v31).unwrap();
    let expected = generated(&v30, &std::fs::read_to_string(&v30).unwrap());
    assert!(expected.len() >= 5, "{expected:?}");
    // Docs name each schema where the file has it: the hoisted `$defs` entry too.
    let hoisted = |files: Vec<(String, String)>| -> Vec<(String, String)> {
        let (from, to) = ("#/components/schemas/Pet/$defs/Address", "#/components/schemas/Address");
        assert!(files.iter().any(|(_, text)| text.contains(from)));
        files.into_iter().map(|(path, text)| (path, text.replace(from, to))).collect()
    };
    let from_yaml = hoisted(generated(&v31, &text31));
    for ((path, want), (got_path, got)) in expected.iter().zip(&from_yaml) {
        assert_eq!(path, got_path);
        similar_asserts(path, want, got);
    }
    assert_eq!(expected.len(), from_yaml.len());
    let json: serde_json::Value = serde_yaml::from_str(&text31).unwrap();
    let json_text = serde_json::to_string_pretty(&json).unwrap();
    let from_json = hoisted(generated(&dir.join("3.1/pets.json"), &json_text));
    assert_eq!(from_json, from_yaml, "the JSON form generates what the YAML form does");
}

fn similar_asserts(path: &str, want: &str, got: &str) {
    if want != got {
        let diff = similar::TextDiff::from_lines(want, got)
            .unified_diff()
            .header("3.0 spelling", "3.1 spec")
            .to_string();
        panic!("{path} differs:\n{diff}");
    }
}

/// Swagger 2.0 is refused with a message that names it and says what to do; other versions name
/// theirs.
#[test]
fn other_versions_are_refused_by_name() {
    let cases = [
        ("swagger: \"2.0\"\ninfo: {title: t, version: \"1\"}\npaths: {}\n", "Swagger 2.0"),
        ("{\"swagger\": \"2.0\", \"paths\": {}}", "Swagger 2.0"),
        ("openapi: 4.0.0\ninfo: {title: t, version: \"1\"}\npaths: {}\n", "`4.0.0`"),
        ("openapi: 2.0\ninfo: {title: t, version: \"1\"}\npaths: {}\n", "`2.0`"),
        ("openapi: 3.1\ninfo: {title: t, version: \"1\"}\npaths: {}\n", "`3.1`"),
        ("openapi: [3, 1]\ninfo: {title: t, version: \"1\"}\n", "- 3"),
        ("openapi: banana\n", "`banana`"),
        ("info: {title: t, version: \"1\"}\n", "`openapi` version field is missing"),
    ];
    for (text, named) in cases {
        let mut diags = Diagnostics::default();
        assert!(codegen::load::load_str("v.yaml".into(), text, &mut diags).is_none(), "{text}");
        let shown = diags.to_string();
        assert!(diags.has_errors() && shown.contains(named), "{text}: {shown}");
    }
    let mut diags = Diagnostics::default();
    codegen::load::load_str("v.yaml".into(), cases[0].0, &mut diags);
    assert!(diags.to_string().contains("convert it to OpenAPI 3"), "{diags}");
}

/// `paths` is optional in 3.1: a document of components has no operations, and no error.
#[test]
fn a_31_document_without_paths_has_types_and_no_operations() {
    let text = "openapi: 3.1.1\ninfo: {title: Types, version: \"1\"}\ncomponents:\n  schemas:\n    Thing:\n      type: object\n      properties:\n        name: {type: [string, \"null\"]}\n";
    let (diags, spec) = run("types.yaml", text, Policy::Strict);
    assert!(diags.is_empty(), "{diags}");
    let mut diags = Diagnostics::default();
    let services = codegen::resolve_all(spec.as_slice(), &mut diags);
    assert_eq!(services.len(), 1);
    assert!(services[0].operations.is_empty());
    assert_eq!(services[0].types.len(), 1);
}

/// A problem found in a node the rewrite moved is reported where the file has it.
#[test]
fn diagnostics_in_moved_nodes_name_the_file_pointer_and_line() {
    let text = "openapi: 3.1.0\n\
        info: {title: t, version: \"1\"}\n\
        paths: {}\n\
        components:\n  schemas:\n    Code:\n      type: [string, integer]\n      pattern: \"[\"\n      minimum: 0\n\
        \x20   Ref:\n      $ref: \"#/components/schemas/Missing\"\n      description: Gone.\n";
    let (diags, _) = run("moved.yaml", text, Policy::Strict);
    let shown = diags.to_string();
    assert!(
        shown.contains("moved.yaml:8 #/components/schemas/Code/pattern"),
        "the pattern moved into `anyOf/0`: {shown}"
    );
    assert!(
        shown.contains("moved.yaml:11 #/components/schemas/Ref/$ref\n"),
        "the reference moved into `allOf/0`: {shown}"
    );
}
