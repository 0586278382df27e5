//! Broken specs produce diagnostics (file, JSON pointer, line), all of them at once, and never a panic.

use std::path::Path;

use codegen::diagnostics::{Diagnostic, Diagnostics, Severity};
use codegen::emit::Emitter;
use codegen::emit::crate_root::{CrateConfig, Packaging};
use codegen::resolve::Policy;

/// Loads and resolves one spec file, returning the rendered diagnostics and how many services resolved.
fn run(path: &Path) -> (Diagnostics, usize) {
    let (diags, services) = resolve(path, Policy::Strict);
    (diags, services.len())
}

/// Loads and resolves one spec file under `policy`.
fn resolve(path: &Path, policy: Policy) -> (Diagnostics, Vec<codegen::ir::Service>) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut diags = Diagnostics::default();
    let specs: Vec<_> = codegen::load::load_file(path, codegen::display(path, root), &mut diags)
        .into_iter()
        .collect();
    let services = codegen::resolve_all_with(&specs, policy, &mut diags);
    (diags, services)
}

/// One file generated for a resolved service.
fn generated(service: &codegen::ir::Service, emitter: Emitter, diags: &mut Diagnostics) -> String {
    codegen::emit_service(
        service,
        "test",
        &CrateConfig::minimal("test", Packaging::Workspace),
        diags,
    )
    .into_iter()
    .find(|file| file.emitter == emitter)
    .map(|file| file.output.contents)
    .expect("the file is generated")
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

/// Look-around, backreferences and Unicode property escapes are ECMA-262 with the `u` flag: no
/// diagnostic, and each is checked by a `runtime::Pattern::new` static.
#[test]
fn ecma_262_patterns_are_checked_as_written() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/patterns/ecma.yaml");
    let (mut diags, services) = resolve(&path, Policy::Strict);
    assert!(diags.is_empty(), "{diags}");
    for emitter in [Emitter::Models, Emitter::Operations] {
        let file = generated(&services[0], emitter, &mut diags);
        assert!(!file.contains("Pattern::legacy"));
        insta::assert_snapshot!(format!("ecma_262_patterns_{}", emitter.name()), file);
    }
    assert!(diags.is_empty(), "{diags}");
}

/// A pattern that is ECMA-262 only in Annex B's legacy syntax, or not at all, is an error in the
/// workspace (`invalid/patterns.yaml`'s snapshot) and a warning for `cargo xtask generate`, which
/// checks the first as Annex B reads it and leaves the second unchecked, saying so in its docs.
#[test]
fn pattern_mistakes_are_warnings_for_generate() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/invalid/patterns.yaml");
    let (mut diags, services) = resolve(&path, Policy::SkipUnsupported);
    assert!(!diags.has_errors(), "{diags}");
    assert_eq!(diags.warning_count(), 7, "{diags}");
    let coverage = &services[0].coverage;
    assert_eq!(coverage.types_generated, coverage.types_total, "nothing is skipped");
    assert_eq!(coverage.operations_generated, coverage.operations_total);
    insta::assert_snapshot!("pattern_mistakes_diagnostics", diags.to_string());
    let models = generated(&services[0], Emitter::Models, &mut diags);
    let operations = generated(&services[0], Emitter::Operations, &mut diags);
    // The three Annex B patterns are checked, the four invalid ones are not.
    assert_eq!(models.matches("runtime::Pattern::legacy(").count(), 2, "{models}");
    assert_eq!(operations.matches("runtime::Pattern::legacy(").count(), 1, "{operations}");
    assert!(!models.contains("Pattern::new(") && !operations.contains("Pattern::new("));
    assert_eq!(models.matches("not checked").count(), 3, "{models}");
    assert_eq!(operations.matches("not checked").count(), 1, "{operations}");
    insta::assert_snapshot!("pattern_mistakes_models", models);
    insta::assert_snapshot!("pattern_mistakes_operations", operations);
}

/// What real-world specs write that has one meaning (`invalid/sloppy.yaml`, errors in the
/// workspace): `cargo xtask generate` generates it as meant, with a warning for each.
#[test]
fn sloppy_constructs_are_generated_as_meant() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/invalid/sloppy.yaml");
    let (mut diags, services) = resolve(&path, Policy::SkipUnsupported);
    assert!(!diags.has_errors(), "{diags}");
    assert_eq!(diags.warning_count(), 17, "{diags}");
    let service = &services[0];
    assert_eq!(service.coverage.types_generated, service.coverage.types_total);
    assert_eq!(service.coverage.operations_generated, service.coverage.operations_total);
    // The server with an undefined variable is left out, the other kept.
    assert_eq!(service.servers, ["https://backup.example.com/v1"]);
    insta::assert_snapshot!("sloppy_diagnostics", diags.to_string());
    let models = generated(service, Emitter::Models, &mut diags);
    // `Dog` is `Pet`'s properties and its own, in that order, `kind` and `barks` required.
    let dog = &models[models.find("pub struct Dog").expect("a Dog struct")..];
    let dog = &dog[..dog.find("\n}").unwrap()];
    let fields: Vec<&str> = dog
        .lines()
        .filter_map(|l| l.trim().strip_prefix("pub "))
        .filter_map(|l| l.split_once(':'))
        .map(|(name, _)| name)
        .collect();
    assert_eq!(fields, ["kind", "name", "size", "barks"], "{dog}");
    assert!(dog.contains("pub kind: String") && dog.contains("pub barks: bool"), "{dog}");
    // The repeated enum value is one variant.
    let size = &models[models.find("pub enum PetSize").expect("a PetSize enum")..];
    let size = &size[..size.find("\n}").unwrap()];
    assert_eq!(size.matches("Small").count(), 1, "{size}");
    // Types written in another spelling are read as their type.
    let pet = &models[models.find("pub struct Misspelt ").expect("a Misspelt struct")..];
    let pet = &pet[..pet.find("\n}").unwrap()];
    for field in [
        "pub tags: Option<Vec<String>>",
        "pub photo: Option<String>",
        "pub rank: Option<MisspeltRank>",
        "pub level: Option<i64>",
        "pub born: Option<i64>",
        "pub extra: Option<serde_json::Map<String, serde_json::Value>>",
    ] {
        assert!(pet.contains(field), "{field} in {pet}");
    }
    assert!(models.contains("    /// `1`\n    V1,"), "{models}");
    let operations = generated(service, Emitter::Operations, &mut diags);
    assert!(operations.contains("pub body: Option<serde_json::Value>"), "{operations}");
    assert!(operations.contains("Accepted(serde_json::Value)"), "{operations}");
}

/// Under `generate`, an operationId used twice, or one whose Rust names another already has, is
/// named from method and path instead, with a warning; every operation is generated.
#[test]
fn clashing_operation_ids_are_named_from_method_and_path_for_generate() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/invalid/duplicate_operation_ids.yaml");
    let (diags, services) = resolve(&path, Policy::SkipUnsupported);
    // The one error left is the `put` that declares no path parameter.
    assert_eq!(diags.error_count(), 1, "{diags}");
    let names: Vec<&str> = services[0].operations.iter().map(|op| op.id.as_str()).collect();
    assert_eq!(names, ["ListThings", "PostThings", "getThing", "DeleteThingsId"], "{diags}");
    let text = diags.to_string();
    assert!(text.contains("operationId `GetThing` gives the same Rust names"), "{text}");
    assert!(text.contains("this operation is named `DeleteThingsId`"), "{text}");
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
        root.join("tests/fixtures/patterns"),
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

#[test]
fn specs_resolved_one_at_a_time_still_get_distinct_modules() {
    let spec = "openapi: 3.0.3\ninfo: {title: T, version: '1'}\npaths: {}\n";
    let mut diags = Diagnostics::default();
    let mut resolution = codegen::Resolution::new(Policy::Strict);
    for file in ["specs/my-api.yaml", "other/my_api.yaml", "specs/runtime.yaml"] {
        let stem = Path::new(file).file_stem().unwrap().to_str().unwrap().to_owned();
        let mut loaded = codegen::load::load_str(file.into(), spec, &mut diags).unwrap();
        loaded.stem = stem;
        resolution.add(&loaded, &mut diags);
        // Dropped here: the next spec's check must not need this one.
    }
    let modules: Vec<&str> = resolution.services.iter().map(|s| s.module.as_str()).collect();
    assert_eq!(modules, ["my_api"]);
    let errors: Vec<_> = diags.iter().filter(|d| d.severity == Severity::Error).collect();
    assert_eq!(errors.len(), 2, "{diags}");
    assert!(errors[0].message.contains("module name `my_api`, like another spec file"));
    assert_eq!(errors[0].location.file, "other/my_api.yaml");
    assert_eq!(errors[0].location.line, Some(1));
    let (_, first) = &errors[0].related[0];
    assert_eq!((first.file.as_str(), first.pointer.as_str()), ("specs/my-api.yaml", "#"));
    assert!(errors[1].message.contains("the module `runtime`"));
}

#[test]
fn a_large_spec_mapped_while_resolving_still_places_every_diagnostic() {
    // Over a megabyte, so its lines are mapped on another thread beside resolving it.
    let filler: Vec<String> = (0..4000)
        .map(|i| {
            format!("\"S{i}\": {{\"type\": \"object\", \"description\": \"{}\"}}", "x".repeat(300))
        })
        .collect();
    let text = format!(
        "{{\"openapi\": \"3.0.3\", \"info\": {{\"title\": \"T\", \"version\": \"1\"}}, \"paths\": {{}},\n\"components\": {{\"schemas\": {{\n{},\n\"Typo\": {{\"type\": \"object\",\n\"requried\": [\"a\"]}}}}}}}}\n",
        filler.join(",\n")
    );
    assert!(text.len() > 1 << 20);
    let mut diags = Diagnostics::default();
    let specs: Vec<_> =
        codegen::load::load_str("big.json".into(), &text, &mut diags).into_iter().collect();
    codegen::resolve_all_with(&specs, Policy::Strict, &mut diags);
    let errors: Vec<_> = diags.iter().filter(|d| d.severity == Severity::Error).collect();
    assert_eq!(errors.len(), 1, "{diags}");
    assert_eq!(errors[0].location.pointer, "#/components/schemas/Typo/requried");
    assert_eq!(errors[0].location.line, Some(4004));
}

#[test]
fn a_json_spec_whose_paths_do_not_read_is_reported_where_they_break() {
    // The paths of a JSON document are read apart from the rest; an error in either is reported
    // as in the whole document.
    let text = "{\"openapi\": \"3.0.3\", \"info\": {\"title\": \"T\", \"version\": \"1\"},\n\"paths\": {\"/a\": {\"get\":\n{\"responses\": 5}}}}\n";
    let error = the_only_load_error(text);
    assert!(error.message.contains("expected struct Responses"), "{error:?}");
    assert_eq!(error.location.pointer, "#/paths/~1a/get", "{error:?}");
    assert_eq!(error.location.line, Some(2), "{error:?}");
}

#[test]
fn a_json_spec_that_makes_the_typed_reader_panic_is_reported_not_a_panic() {
    // A key twice in one object: `openapiv3` fails to read the parameter, then reads it again from
    // a JSON value (which keeps one of the two) to word its error, succeeds, and panics.
    let text = "{\"openapi\": \"3.0.3\", \"info\": {\"title\": \"T\", \"version\": \"1\"},\n\"paths\": {\"/a\": {\"get\": {\"parameters\": [{\"name\": \"a\", \"name\": \"b\", \"in\": \"header\", \"schema\": {}}], \"responses\": {}}}}}\n";
    let error = the_only_load_error(text);
    assert!(error.message.contains("duplicate entry with key \"name\""), "{error:?}");
}

/// The one error of loading `text`, which loads nothing.
fn the_only_load_error(text: &str) -> Diagnostic {
    let mut diags = Diagnostics::default();
    assert!(codegen::load::load_str("spec.json".into(), text, &mut diags).is_none());
    let errors: Vec<_> = diags.iter().filter(|d| d.severity == Severity::Error).collect();
    assert_eq!(errors.len(), 1, "{diags}");
    errors[0].clone()
}
