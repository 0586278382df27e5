//! spec-diff: one before/after fixture pair per rule (`fixtures/spec-diff/<rule>/`), each reported in
//! all three formats; a pure refactor reports nothing; a broken side is an error, never "no change".

use std::path::Path;

use codegen::diff::{Accepted, Format, Level, Source};

mod common;

fn sources(dir: &Path) -> Vec<Source> {
    let mut names: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|n| (format!("specs/{n}"), std::fs::read_to_string(dir.join(&n)).unwrap()))
        .collect()
}

fn options() -> codegen::Options {
    common::options("spec-diff test crate.")
}

fn report(case: &Path, accepted: &Accepted) -> codegen::diff::Report {
    codegen::diff::run(
        &sources(&case.join("before")),
        &sources(&case.join("after")),
        "base",
        accepted,
        &options(),
    )
    .expect("both sides load")
}

#[test]
fn every_rule_has_a_fixture_reported_in_three_formats() {
    insta::glob!("fixtures/spec-diff/*/case.md", |path| {
        let case = path.parent().unwrap();
        let rule = case.file_name().unwrap().to_str().unwrap();
        let report = report(case, &Accepted::default());
        if rule == "pure-refactor" {
            assert!(report.findings.is_empty(), "a refactor reported {:#?}", report.findings);
        } else {
            assert!(
                report.findings.iter().any(|f| f.rule == rule),
                "{rule} was not reported: {:#?}",
                report.findings
            );
        }
        insta::assert_snapshot!("text", report.render(Format::Text));
        insta::assert_snapshot!("markdown", report.render(Format::Markdown));
        insta::assert_snapshot!("json", report.render(Format::Json));
    });
}

#[test]
fn levels_follow_the_direction_of_the_change() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/spec-diff");
    let level = |case: &str| {
        report(&root.join(case), &Accepted::default())
            .findings
            .iter()
            .find(|f| f.rule == case)
            .map(|f| f.level)
    };
    assert_eq!(level("request-property-max-length-decreased"), Some(Level::Breaking));
    assert_eq!(level("request-property-max-length-increased"), Some(Level::Info));
    assert_eq!(level("response-property-max-length-increased"), Some(Level::Warning));
    assert_eq!(level("response-property-became-optional"), Some(Level::Breaking));
    assert_eq!(level("request-property-became-optional"), Some(Level::Info));
    assert_eq!(level("request-property-enum-value-removed"), Some(Level::Breaking));
    assert_eq!(level("response-property-enum-value-added"), Some(Level::Warning));
    assert_eq!(level("new-optional-request-property"), Some(Level::Info));
    assert_eq!(level("type-renamed"), Some(Level::Info));
}

#[test]
fn accepted_findings_are_marked_and_do_not_fail() {
    let case =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/spec-diff/endpoint-removed");
    let open = report(&case, &Accepted::default());
    assert!(open.reaches(Level::Breaking));
    let fingerprints: String = open
        .findings
        .iter()
        .map(|f| format!("{} accepted: the operation is retired\n", f.fingerprint))
        .collect();
    let accepted = report(
        &case,
        &Accepted::parse(&format!("# reviewed in the release meeting\n{fingerprints}")),
    );
    assert!(accepted.findings.iter().all(|f| f.accepted));
    assert!(!accepted.reaches(Level::Info));
    assert!(accepted.render(Format::Markdown).contains("(accepted)"));
    // Fingerprints are stable: the same change gives the same ids on every run.
    assert_eq!(report(&case, &Accepted::default()).findings, open.findings);
}

#[test]
fn a_broken_side_is_an_error_naming_the_side() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/spec-diff-broken");
    for (dir, side) in [("base", "base"), ("head", "working tree")] {
        let case = root.join(dir);
        let error = codegen::diff::run(
            &sources(&case.join("before")),
            &sources(&case.join("after")),
            "base",
            &Accepted::default(),
            &options(),
        )
        .unwrap_err();
        assert_eq!(error.side, side);
        assert!(
            error.diagnostics.to_string().contains("unknown schema type `integr`"),
            "{}",
            error.diagnostics
        );
    }
}
