//! `page draft` and `page check` on the page fixtures the project writes itself
//! (`docpages/tests/fixtures/`): the draft of every fixture (snapshot), the round trip (a draft
//! checked against its page reports nothing), and every kind of difference injected into a spec.

use std::path::{Path, PathBuf};

use codegen::diagnostics::Diagnostics;
use codegen::load::SpecFile;
use codegen::pages::PageFile;
use codegen::pages::check::{self, Report, Verdict};
use codegen::pages::draft::{self, DraftOptions};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../docpages/tests/fixtures")
}

/// The fixture pages that document an operation, in file-name order.
fn operation_pages() -> Vec<PageFile> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(fixtures())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| page(p.file_name().unwrap().to_str().unwrap()))
        .filter(|p| p.page.endpoint.is_some())
        .collect()
}

/// A fixture page, as if it were in a checkout of a documentation repository.
fn page(name: &str) -> PageFile {
    let mut page = PageFile::read(&fixtures().join(name), name.to_owned()).unwrap();
    page.reference = Some(codegen::vendor::Source {
        repository: Some("huaweicloudDocs/widgets".into()),
        path: Some(format!("cn.zh-cn/API参考/{name}")),
        title: Some(page.page.title.clone()),
        ..Default::default()
    });
    page
}

fn options() -> DraftOptions {
    DraftOptions {
        title: Some("Widgets".into()),
        server: Some("https://widget.{region}.example.com".into()),
    }
}

fn load(yaml: &str) -> SpecFile {
    let mut diags = Diagnostics::default();
    let spec = codegen::load::load_str("draft.yaml".into(), yaml, &mut diags);
    assert!(!diags.has_errors(), "{diags}\n{yaml}");
    spec.unwrap()
}

fn check_page(spec: &SpecFile, page: &PageFile) -> Report {
    let pointer = check::operation_for_page(spec, &page.page)
        .unwrap_or_else(|| panic!("{} has no operation in the spec", page.display));
    check::check_operation(spec, &pointer, page)
}

fn differences(report: &Report) -> Vec<String> {
    report.differences().map(|f| format!("{} — {}", f.subject, f.about)).collect()
}

#[test]
fn every_fixture_page_drafts() {
    for page in operation_pages() {
        let drafted = draft::draft(std::slice::from_ref(&page), &options());
        assert_eq!(drafted.operations, 1, "{}", page.display);
        let name = page.display.trim_end_matches(".md").to_owned();
        insta::assert_snapshot!(format!("draft@{name}"), drafted.yaml);
    }
}

/// A draft checked against the page it came from agrees with it, except where the draft says it
/// could not read the page (each such row is a TODO).
#[test]
fn draft_then_check_reports_nothing() {
    for page in operation_pages() {
        let drafted = draft::draft(std::slice::from_ref(&page), &options());
        let spec = load(&drafted.yaml);
        let report = check_page(&spec, &page);
        let found = differences(&report);
        if drafted.todos.is_empty() {
            assert!(found.is_empty(), "{}: {report}", page.display);
            continue;
        }
        // Each difference is at a row the draft left to a human.
        for difference in report.differences() {
            let line = difference.page_at.as_ref().map(|at| at.line);
            assert!(
                drafted.todos.iter().any(|todo| Some(todo.line) == line),
                "{}: a difference the draft did not flag: {report}",
                page.display
            );
        }
        let name = page.display.trim_end_matches(".md").to_owned();
        insta::assert_snapshot!(format!("round_trip@{name}"), report.to_string());
    }
}

/// A draft of several pages shares identical tables (one schema each) and loads as one spec.
#[test]
fn pages_drafted_together_share_their_shapes() {
    let pages = operation_pages();
    let drafted = draft::draft(&pages, &options());
    assert_eq!(drafted.operations, pages.len());
    let spec = load(&drafted.yaml);
    let schemas = spec.document.components.as_ref().unwrap().schemas.len();
    let tables: usize = pages
        .iter()
        .map(|p| p.page.tables.iter().filter(|t| describes_fields(t.role)).count())
        .sum();
    assert!(schemas < tables, "{schemas} schemas for {tables} tables");
    for page in &pages {
        let report = check_page(&spec, page);
        let alone = draft::draft(std::slice::from_ref(page), &options());
        assert_eq!(
            report.differences().count() == 0,
            alone.todos.is_empty() || differences(&check_page(&load(&alone.yaml), page)).is_empty(),
            "{}: {report}",
            page.display
        );
    }
}

fn describes_fields(role: docpages::TableRole) -> bool {
    use docpages::TableRole::*;
    matches!(role, RequestBody | ResponseBody { .. } | Nested)
}

/// The parameter of the drafted operation named `name`.
fn parameter<'d>(doc: &'d mut serde_yaml::Value, name: &str) -> &'d mut serde_yaml::Value {
    let parameters = op(doc)["parameters"].as_sequence_mut().unwrap();
    parameters.iter_mut().find(|p| p["name"] == yaml(name)).unwrap()
}

/// One edit of a spec, and what the check must then say.
struct Injected {
    what: &'static str,
    edit: fn(&mut serde_yaml::Value),
    subject: &'static str,
    about: &'static str,
}

fn op(doc: &mut serde_yaml::Value) -> &mut serde_yaml::Value {
    &mut doc["paths"]["/v2/{project_id}/racks/{rack_id}/widgets"]["post"]
}

fn schema<'d>(doc: &'d mut serde_yaml::Value, name: &str) -> &'d mut serde_yaml::Value {
    &mut doc["components"]["schemas"][name]
}

fn yaml(text: &str) -> serde_yaml::Value {
    serde_yaml::from_str(text).unwrap()
}

fn remove(map: &mut serde_yaml::Value, key: &str) {
    map.as_mapping_mut().unwrap().remove(key).unwrap_or_else(|| panic!("no `{key}` to remove"));
}

const INJECTED: &[Injected] = &[
    Injected {
        what: "a property's type",
        edit: |d| {
            schema(d, "CreateWidgetRequestBody")["properties"]["name"]["type"] = yaml("integer")
        },
        subject: "property `name` of the request body",
        about: "type",
    },
    Injected {
        what: "a property no longer required",
        edit: |d| schema(d, "CreateWidgetRequestBody")["required"] = yaml("[]"),
        subject: "property `name` of the request body",
        about: "required",
    },
    Injected {
        what: "a longer maximum length",
        edit: |d| {
            schema(d, "CreateWidgetRequestBody")["properties"]["name"]["maxLength"] = yaml("65")
        },
        subject: "property `name` of the request body",
        about: "maxLength",
    },
    Injected {
        what: "another minimum length",
        edit: |d| {
            schema(d, "CreateWidgetRequestBody")["properties"]["name"]["minLength"] = yaml("2")
        },
        subject: "property `name` of the request body",
        about: "minLength",
    },
    Injected {
        what: "a property removed",
        edit: |d| remove(&mut schema(d, "CreateWidgetRequestBody")["properties"], "name"),
        subject: "property `name` of the request body",
        about: "property name",
    },
    Injected {
        what: "a property added",
        edit: |d| {
            schema(d, "CreateWidgetRequestBody")["properties"]["colour"] = yaml("{type: string}")
        },
        subject: "property `colour` of the request body",
        about: "property colour",
    },
    Injected {
        what: "a nested property's enum",
        edit: |d| schema(d, "Hook")["properties"]["shape"]["enum"] = yaml("[round, square, oval]"),
        subject: "property `shape`",
        about: "enum",
    },
    Injected {
        what: "a default",
        edit: |d| parameter(d, "dry_run")["schema"]["default"] = yaml("true"),
        subject: "query parameter `dry_run`",
        about: "default",
    },
    Injected {
        what: "a value bound",
        edit: |d| {
            schema(d, "CreateWidgetRequestBody")["properties"]["size"]["maximum"] = yaml("999")
        },
        subject: "property `size`",
        about: "maximum",
    },
    Injected {
        what: "a parameter removed",
        edit: |d| {
            let parameters = op(d)["parameters"].as_sequence_mut().unwrap();
            parameters.retain(|p| p["name"] != yaml("dry_run"));
        },
        subject: "query parameter `dry_run`",
        about: "parameter dry_run",
    },
    Injected {
        what: "a parameter required",
        edit: |d| parameter(d, "dry_run")["required"] = yaml("true"),
        subject: "query parameter `dry_run`",
        about: "required",
    },
    Injected {
        what: "a status removed",
        edit: |d| remove(&mut op(d)["responses"], "500"),
        subject: "status 500",
        about: "status 500",
    },
    Injected {
        what: "an example",
        edit: |d| {
            op(d)["requestBody"]["content"]["application/json"]["example"]["name"] = yaml("other")
        },
        subject: "the request body example",
        about: "example",
    },
    Injected {
        what: "the operationId",
        edit: |d| op(d)["operationId"] = yaml("MakeWidget"),
        subject: "the operation",
        about: "operationId",
    },
];

/// Every kind of difference injected into the draft of a page is reported, naming the field.
#[test]
fn every_injected_difference_is_reported() {
    let page = page("structured.md");
    let drafted = draft::draft(std::slice::from_ref(&page), &options());
    let original: serde_yaml::Value = serde_yaml::from_str(&drafted.yaml).unwrap();
    for injected in INJECTED {
        let mut doc = original.clone();
        (injected.edit)(&mut doc);
        let spec = load(&serde_yaml::to_string(&doc).unwrap());
        let report = check_page(&spec, &page);
        let found = differences(&report);
        assert!(
            report
                .differences()
                .any(|f| f.about == injected.about && f.subject.contains(injected.subject)),
            "{}: expected `{} — {}` among {found:#?}",
            injected.what,
            injected.subject,
            injected.about
        );
    }
}

/// An erratum next to the spot turns the difference into a declared one; an erratum that declares
/// nothing is stale.
#[test]
fn errata_declare_differences() {
    let page = page("structured.md");
    let drafted = draft::draft(std::slice::from_ref(&page), &options());
    let mut doc: serde_yaml::Value = serde_yaml::from_str(&drafted.yaml).unwrap();
    let name = &mut schema(&mut doc, "CreateWidgetRequestBody")["properties"]["name"];
    name["maxLength"] = yaml("65");
    name["x-huawei-errata"] = yaml(
        "[{about: maxLength, page: '64', spec: '65', evidence: the service accepts 65 characters}]",
    );
    let spec = load(&serde_yaml::to_string(&doc).unwrap());
    let report = check_page(&spec, &page);
    assert_eq!(report.differences().count(), 0, "{report}");
    let declared: Vec<_> = report.errata().collect();
    assert_eq!(declared.len(), 1, "{report}");
    assert!(matches!(&declared[0].verdict, Verdict::Erratum(e) if e.evidence.contains("65")));
    insta::assert_snapshot!("erratum_report", report.to_string());
}

/// The page the check is given must be the one the spec names: an operation is found by method and
/// path, else by its API Explorer name.
#[test]
fn pages_are_matched_to_operations() {
    let page = page("structured.md");
    let drafted = draft::draft(std::slice::from_ref(&page), &options());
    let spec = load(&drafted.yaml);
    assert!(check::operation_for_page(&spec, &page.page).is_some());
    let other = docpages::read_page("# 其他\n\n## URI\n\nGET /v9/nothing\n");
    assert!(check::operation_for_page(&spec, &other).is_none());
}

/// A service-wide status table against its status-code page: codes, reasons and outcomes.
#[test]
fn status_tables_are_checked_against_their_page() {
    let page = page("status_page.md");
    let spec = load(
        "openapi: 3.0.3\ninfo: {title: Widgets, version: '1'}\npaths: {}\n\
         x-huawei-status-codes:\n\
         - {code: 200, reason: OK, outcome: success}\n\
         - {code: 202, reason: Accepted, outcome: error}\n\
         - {code: 300, reason: multiple choices, outcome: error}\n\
         - {code: 503, reason: Service Unavailable, outcome: error}\n",
    );
    let report = check::check_status_table(&spec, &page);
    let found = differences(&report);
    assert_eq!(
        found,
        ["status 202 — outcome", "status 413 — status 413", "status 503 — status 503",],
        "{report}"
    );
    insta::assert_snapshot!("status_table_report", report.to_string());
}
