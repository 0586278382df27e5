//! `page check`: every difference between a spec and its documentation pages (operations, their
//! parameters, bodies and responses at every depth, status codes, status tables), each with the
//! page's table and row and the spec's JSON pointer and line. Where the spec departs on purpose it
//! says so with an erratum next to the spot (`x-huawei-errata`); such differences are listed apart
//! and do not count.

use std::collections::BTreeSet;
use std::fmt;

use docpages::{Page, Required, Row, Table, TableRole, TypeExpr};
use openapiv3::{OpenAPI, Operation, Parameter, ReferenceOr, Schema};

use super::PageFile;
use super::schema_view::{self as view, SpecType};
use crate::diagnostics::Location;
use crate::load::SpecFile;
use crate::pointer::Pointer;
use crate::vendor::{self, Erratum};

/// Header rows a page documents that are not parameters in OpenAPI: the body's media type, content
/// negotiation and credentials are described elsewhere, and parameter definitions with these names
/// are ignored. The check does not compare them (the README says so).
pub const NOT_PARAMETERS: [&str; 3] = ["Content-Type", "Accept", "Authorization"];

/// Where on a page something is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageAt {
    /// The page file as shown.
    pub file: String,
    /// The line.
    pub line: usize,
    /// The number of the table (`表 N`), when the thing is in a numbered table.
    pub table: Option<u32>,
    /// The row, 1-based, when the thing is a table row.
    pub row: Option<usize>,
}

impl fmt::Display for PageAt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.file, self.line)?;
        match (self.table, self.row) {
            (Some(table), Some(row)) => write!(f, " (表 {table}, row {row})"),
            (None, Some(row)) => write!(f, " (row {row})"),
            (Some(table), None) => write!(f, " (表 {table})"),
            (None, None) => Ok(()),
        }
    }
}

/// What kind of finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// The spec and the page differ, and the spec does not say why.
    Difference,
    /// The spec departs from the page on purpose, and says why.
    Erratum(Erratum),
    /// An erratum that declares no difference: the spec now agrees with the page, or `about` does not
    /// name what differs.
    StaleErratum(Erratum),
}

/// One thing `page check` found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// Difference, declared erratum, or stale erratum.
    pub verdict: Verdict,
    /// The operation (its operationId), or `None` for a status table or the spec as a whole.
    pub operation: Option<String>,
    /// What is compared, e.g. "path parameter `project_id`", "property `tags[].key` of the 200 body".
    pub subject: String,
    /// Which aspect differs: a keyword (`minLength`, `type`, `required`, `enum`, `default`, …),
    /// `property <name>`, `parameter <name>`, `status <code>`, `operationId`, `method`, `path` or
    /// `body`.
    pub about: String,
    /// What the page says.
    pub page_says: String,
    /// What the spec says.
    pub spec_says: String,
    /// Where on the page, when the page has the thing.
    pub page_at: Option<PageAt>,
    /// Where in the spec.
    pub spec_at: Location,
}

/// What was compared with what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checked {
    /// The spec file.
    pub spec: String,
    /// The operation (`ShowWidget GET /v1/widgets/{id}`) or `status table`.
    pub subject: String,
    /// The page file.
    pub page: String,
}

/// The result of checking specs against pages.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// Each comparison made.
    pub checked: Vec<Checked>,
    /// Every finding, in spec order.
    pub findings: Vec<Finding>,
    /// The errata that declared a difference: where each is written, and its `about`.
    pub used_errata: Vec<(Pointer, String)>,
}

impl Report {
    /// The undeclared differences (and stale errata), which make the check fail.
    pub fn differences(&self) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(|f| !matches!(f.verdict, Verdict::Erratum(_)))
    }

    /// The differences the specs declare as errata.
    pub fn errata(&self) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(|f| matches!(f.verdict, Verdict::Erratum(_)))
    }

    /// Adds another report's comparisons and findings.
    pub fn extend(&mut self, other: Report) {
        self.checked.extend(other.checked);
        self.findings.extend(other.findings);
        self.used_errata.extend(other.used_errata);
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut current: Option<(&str, Option<&str>)> = None;
        for finding in &self.findings {
            let key = (finding.spec_at.file.as_str(), finding.operation.as_deref());
            if current != Some(key) {
                let what = finding.operation.as_deref().unwrap_or("(the spec)");
                writeln!(f, "{} {what}", finding.spec_at.file)?;
                current = Some(key);
            }
            let label = match &finding.verdict {
                Verdict::Difference => "difference",
                Verdict::Erratum(_) => "erratum",
                Verdict::StaleErratum(_) => "stale erratum",
            };
            writeln!(f, "  {label}: {} — {}", finding.subject, finding.about)?;
            let page_at =
                finding.page_at.as_ref().map(|at| format!(" at {at}")).unwrap_or_default();
            writeln!(f, "    page: {}{page_at}", finding.page_says)?;
            let line = finding.spec_at.line.map(|l| format!(":{l}")).unwrap_or_default();
            writeln!(
                f,
                "    spec: {} at {}{line} {}",
                finding.spec_says, finding.spec_at.file, finding.spec_at.pointer
            )?;
            if let Verdict::Erratum(e) | Verdict::StaleErratum(e) = &finding.verdict {
                writeln!(f, "    because: {}", e.evidence)?;
            }
        }
        let differences = self.differences().count();
        let errata = self.errata().count();
        let pages: BTreeSet<&str> = self.checked.iter().map(|c| c.page.as_str()).collect();
        write!(
            f,
            "page check: {} comparison(s) against {} page(s): {differences} difference(s), {errata} declared erratum/errata",
            self.checked.len(),
            pages.len()
        )
    }
}

/// The operations of a spec, in document order: (pointer, method, path, operation).
pub fn operations(doc: &OpenAPI) -> Vec<(Pointer, String, String, &Operation)> {
    let mut out = Vec::new();
    for (path, item) in &doc.paths.paths {
        let ReferenceOr::Item(item) = item else { continue };
        for (method, operation) in item.iter() {
            let pointer = Pointer::root().join("paths").join(path).join(method);
            out.push((pointer, method.to_uppercase(), path.clone(), operation));
        }
    }
    out
}

/// Compares the operation at `pointer` with its page.
pub fn check_operation(spec: &SpecFile, pointer: &Pointer, page: &PageFile) -> Report {
    let doc = &spec.document;
    let Some((_, method, path, operation)) =
        operations(doc).into_iter().find(|(p, ..)| p == pointer)
    else {
        return Report::default();
    };
    let mut checker = Checker::new(spec, page, operation.operation_id.clone());
    checker.operation(pointer, &method, &path, operation);
    let subject = format!(
        "{} {method} {path}",
        operation.operation_id.as_deref().unwrap_or("(no operationId)")
    );
    checker.finish(subject)
}

/// Compares the spec's status table (`x-huawei-status-codes`) with its page.
pub fn check_status_table(spec: &SpecFile, page: &PageFile) -> Report {
    let mut checker = Checker::new(spec, page, None);
    checker.status_table();
    checker.finish("status table".into())
}

/// The operation of a spec a page documents: the same method and path, else the same
/// operationId as the page's API Explorer name.
pub fn operation_for_page(spec: &SpecFile, page: &Page) -> Option<Pointer> {
    let ops = operations(&spec.document);
    if let Some(endpoint) = &page.endpoint
        && let Some((pointer, ..)) =
            ops.iter().find(|(_, m, p, _)| *m == endpoint.method && *p == endpoint.path)
    {
        return Some(pointer.clone());
    }
    let name = page.api_name.as_deref()?;
    ops.iter().find(|(.., op)| op.operation_id.as_deref() == Some(name)).map(|(p, ..)| p.clone())
}

/// Every erratum of a spec with the pointer of the node it is written on.
pub fn all_errata(spec: &SpecFile) -> Vec<(Pointer, Erratum)> {
    vendor::find_all(&spec.raw)
        .into_iter()
        .filter(|found| found.key == vendor::ERRATA)
        .flat_map(|vendor::Found { at, .. }| {
            vendor::errata_at(&spec.raw, &at).into_iter().map(move |e| (at.clone(), e))
        })
        .collect()
}

/// Checks every operation of `spec` (and its status table) against the pages they name
/// (`x-huawei-source`), found below `docs` as `<repository name>/<path>`. Operations that name no
/// page are differences; pages that cannot be read are problems (the second value). As every part
/// of the spec is checked, errata that declare nothing are reported as stale.
pub fn check_against_docs(spec: &SpecFile, docs: &std::path::Path) -> (Report, Vec<String>) {
    let mut report = Report::default();
    let mut problems = Vec::new();
    let root_source = spec.raw.get(vendor::SOURCE).and_then(|v| vendor::source(v).ok());
    let mut read = |source: &vendor::Source, at: &Pointer| -> Option<PageFile> {
        let path = super::page_path(docs, source)?;
        let display = path.to_string_lossy().into_owned();
        match PageFile::read(&path, display) {
            Ok(page) => Some(page),
            Err(problem) => {
                problems.push(format!(
                    "{problem} (named at {}:{} {at})",
                    spec.display,
                    spec.locate(at).line.unwrap_or(0)
                ));
                None
            }
        }
    };
    for (pointer, method, path, operation) in operations(&spec.document) {
        let source = spec
            .raw_at(&pointer)
            .and_then(|op| op.get(vendor::SOURCE))
            .and_then(|v| vendor::source(v).ok());
        let Some(mut source) = source.filter(|s| s.path.is_some()) else {
            let id = operation.operation_id.clone();
            let finding = Finding {
                verdict: Verdict::Difference,
                operation: id,
                subject: format!("{method} {path}"),
                about: vendor::SOURCE.into(),
                page_says: "(no page)".into(),
                spec_says: "names no page: give the operation an `x-huawei-source` with the page's repository and path".into(),
                page_at: None,
                spec_at: spec.locate(&pointer),
            };
            report.findings.push(finding);
            continue;
        };
        if source.repository.is_none() {
            source.repository = root_source.as_ref().and_then(|r| r.repository.clone());
        }
        if let Some(page) = read(&source, &pointer.join(vendor::SOURCE)) {
            report.extend(check_operation(spec, &pointer, &page));
        }
    }
    if spec.raw.get(vendor::STATUS_CODES).is_some() {
        match root_source.as_ref().filter(|s| s.path.is_some()) {
            Some(source) => {
                if let Some(page) = read(source, &Pointer::root().join(vendor::SOURCE)) {
                    report.extend(check_status_table(spec, &page));
                }
            }
            None => report.findings.push(Finding {
                verdict: Verdict::Difference,
                operation: None,
                subject: "the status table".into(),
                about: vendor::SOURCE.into(),
                page_says: "(no page)".into(),
                spec_says: "names no page: give the root `x-huawei-source` the status page's repository and path".into(),
                page_at: None,
                spec_at: spec.locate(&Pointer::root().join(vendor::STATUS_CODES)),
            }),
        }
    }
    if problems.is_empty() {
        for (at, erratum) in all_errata(spec) {
            let used =
                report.used_errata.iter().any(|(p, about)| *p == at && *about == erratum.about);
            if !used {
                report.findings.push(Finding {
                    operation: None,
                    subject: "an erratum that declares no difference".into(),
                    about: erratum.about.clone(),
                    page_says: erratum.page.clone(),
                    spec_says: erratum.spec.clone(),
                    page_at: None,
                    spec_at: spec.locate(&at.join(vendor::ERRATA)),
                    verdict: Verdict::StaleErratum(erratum),
                });
            }
        }
    }
    (report, problems)
}

/// A difference before errata are looked up: the places an erratum may declare it.
struct Pending {
    finding: Finding,
    places: Vec<Pointer>,
}

struct Checker<'a> {
    spec: &'a SpecFile,
    doc: &'a OpenAPI,
    page: &'a PageFile,
    operation: Option<String>,
    pending: Vec<Pending>,
}

/// What a compared value is, for messages and erratum places.
struct Site<'s> {
    subject: &'s str,
    /// Where the spec declares it (a parameter, a property).
    declared_at: &'s Pointer,
    /// Where its schema is.
    schema_at: &'s Pointer,
}

impl<'a> Checker<'a> {
    fn new(spec: &'a SpecFile, page: &'a PageFile, operation: Option<String>) -> Self {
        Self { spec, doc: &spec.document, page, operation, pending: Vec::new() }
    }

    fn page_row(&self, table: &Table, row_index: usize) -> PageAt {
        let line = table.rows.get(row_index).map_or(table.line, |r| r.line);
        PageAt {
            file: self.page.display.clone(),
            line,
            table: table.number,
            row: Some(row_index + 1),
        }
    }

    fn page_line(&self, line: usize) -> PageAt {
        PageAt { file: self.page.display.clone(), line, table: None, row: None }
    }

    fn differ(
        &mut self,
        subject: &str,
        about: &str,
        says: (String, String),
        page_at: Option<PageAt>,
        spec_at: &Pointer,
        places: Vec<Pointer>,
    ) {
        let (page_says, spec_says) = says;
        let finding = Finding {
            verdict: Verdict::Difference,
            operation: self.operation.clone(),
            subject: subject.to_owned(),
            about: about.to_owned(),
            page_says,
            spec_says,
            page_at,
            spec_at: self.spec.locate(spec_at),
        };
        self.pending.push(Pending { finding, places });
    }

    /// Looks up an erratum for each difference, and records the comparison.
    fn finish(self, subject: String) -> Report {
        let raw = &self.spec.raw;
        let mut used_errata = Vec::new();
        let findings = self
            .pending
            .into_iter()
            .map(|Pending { mut finding, places }| {
                let erratum = places.iter().find_map(|place| {
                    let found = vendor::errata_at(raw, place)
                        .into_iter()
                        .find(|e| e.declares(&finding.about))?;
                    Some((place.clone(), found))
                });
                if let Some((place, erratum)) = erratum {
                    used_errata.push((place, erratum.about.clone()));
                    finding.verdict = Verdict::Erratum(erratum);
                }
                finding
            })
            .collect();
        let checked = vec![Checked {
            spec: self.spec.display.clone(),
            subject,
            page: self.page.display.clone(),
        }];
        Report { checked, findings, used_errata }
    }

    fn operation(&mut self, pointer: &Pointer, method: &str, path: &str, operation: &'a Operation) {
        let page = &self.page.page;
        let here = vec![pointer.clone()];
        if let Some(endpoint) = &page.endpoint {
            let at = Some(self.page_line(endpoint.line));
            if endpoint.method != method {
                self.differ(
                    "the operation",
                    "method",
                    (endpoint.method.clone(), method.to_owned()),
                    at.clone(),
                    pointer,
                    here.clone(),
                );
            }
            if endpoint.path != path {
                self.differ(
                    "the operation",
                    "path",
                    (endpoint.path.clone(), path.to_owned()),
                    at,
                    pointer,
                    here.clone(),
                );
            }
        }
        if let Some(name) = &page.api_name
            && operation.operation_id.as_deref() != Some(name.as_str())
        {
            let spec_id = operation.operation_id.clone().unwrap_or_else(|| "none".into());
            self.differ(
                "the operation",
                "operationId",
                (name.clone(), spec_id),
                None,
                &pointer.join("operationId"),
                here.clone(),
            );
        }
        self.parameters(pointer, path, operation);
        self.request_body(pointer, operation);
        self.responses(pointer, operation);
        self.examples(pointer, operation);
    }

    /// The page's body examples against the spec's: the request's, and each response's.
    fn examples(&mut self, op_pointer: &Pointer, operation: &'a Operation) {
        let page = &self.page.page;
        let with_body =
            |e: &&docpages::Example| e.body.as_deref().is_some_and(|b| !b.trim().is_empty());
        if let Some((body, at)) = operation
            .request_body
            .as_ref()
            .and_then(|node| view::request_body(self.doc, node, op_pointer.join("requestBody")))
        {
            let page_example = page
                .examples
                .iter()
                .filter(with_body)
                .find(|e| e.kind == docpages::ExampleKind::Request);
            let spec_example = media_example(&body.content, &at);
            self.example(
                "the request body example",
                page_example,
                spec_example,
                vec![op_pointer.clone(), at.clone()],
            );
        }
        let success = operation.responses.responses.keys().find_map(|code| match code {
            openapiv3::StatusCode::Code(code) if (200..300).contains(code) => Some(*code),
            _ => None,
        });
        for (code, node) in &operation.responses.responses {
            let openapiv3::StatusCode::Code(code) = code else { continue };
            let at = op_pointer.join("responses").join(code);
            let Some((response, response_at)) = view::response(self.doc, node, at.clone()) else {
                continue;
            };
            let page_example = page.examples.iter().filter(with_body).find(|e| {
                matches!(e.kind, docpages::ExampleKind::Response { status } if status.or(success) == Some(*code))
            });
            let spec_example = media_example(&response.content, &response_at);
            let subject = format!("the {code} response example");
            self.example(
                &subject,
                page_example,
                spec_example,
                vec![op_pointer.clone(), at, response_at],
            );
        }
    }

    fn example(
        &mut self,
        subject: &str,
        page: Option<&docpages::Example>,
        spec: Option<(&'a serde_json::Value, Pointer)>,
        places: Vec<Pointer>,
    ) {
        let page_value =
            page.and_then(|e| e.body.as_deref()).map(serde_json::from_str::<serde_json::Value>);
        let page_at = page.map(|e| self.page_line(e.line));
        let says = match (&page_value, &spec) {
            (None, None) => return,
            (Some(Ok(page)), Some((spec, _))) => match first_difference(page, spec, "") {
                None => return,
                Some(at) => (
                    format!("{} at `{at}`", excerpt(page, &at)),
                    format!("{} at `{at}`", excerpt(spec, &at)),
                ),
            },
            (Some(Ok(_)), None) => ("an example".to_owned(), "none".to_owned()),
            (Some(Err(err)), Some(_)) => {
                (format!("an example that is not JSON ({err})"), "a JSON example".to_owned())
            }
            (Some(Err(err)), None) => {
                (format!("an example that is not JSON ({err})"), "none".to_owned())
            }
            (None, Some(_)) => ("none".to_owned(), "an example".to_owned()),
        };
        let spec_at = spec.map_or_else(|| places.last().cloned().unwrap_or_default(), |(_, at)| at);
        self.differ(subject, "example", says, page_at, &spec_at, places);
    }

    fn parameters(&mut self, op_pointer: &Pointer, path: &str, operation: &'a Operation) {
        let page = &self.page.page;
        // The spec's parameters: the path item's, overridden by the operation's.
        let mut declared: Vec<(&'a Parameter, Pointer)> = Vec::new();
        let item_pointer = op_pointer.parent().unwrap_or_default();
        let item = self.doc.paths.paths.get(path).and_then(|i| match i {
            ReferenceOr::Item(item) => Some(item),
            ReferenceOr::Reference { .. } => None,
        });
        let lists = [
            item.map(|i| (&i.parameters, item_pointer.join("parameters"))),
            Some((&operation.parameters, op_pointer.join("parameters"))),
        ];
        for (list, list_pointer) in lists.into_iter().flatten() {
            for (index, node) in list.iter().enumerate() {
                if let Some((parameter, at)) =
                    view::parameter(self.doc, node, list_pointer.join(index))
                {
                    let data = parameter.parameter_data_ref();
                    declared.retain(|(p, _)| {
                        let d = p.parameter_data_ref();
                        !(d.name == data.name && location(p) == location(parameter))
                    });
                    declared.push((parameter, at));
                }
            }
        }
        let mut matched = vec![false; declared.len()];
        for table in &page.tables {
            for (row_index, row) in table.rows.iter().enumerate() {
                let Some(kind) = super::parameter_location(page, table.role, &row.name) else {
                    continue;
                };
                if kind == "header"
                    && NOT_PARAMETERS.iter().any(|n| n.eq_ignore_ascii_case(&row.name))
                {
                    continue;
                }
                let subject = format!("{kind} parameter `{}`", row.name);
                let found = declared.iter().position(|(p, _)| {
                    location(p) == kind && same_name(kind, &p.parameter_data_ref().name, &row.name)
                });
                let page_at = self.page_row(table, row_index);
                let Some(index) = found else {
                    let about = format!("parameter {}", row.name);
                    self.differ(
                        &subject,
                        &about,
                        ("documented".into(), "not declared".into()),
                        Some(page_at),
                        op_pointer,
                        vec![op_pointer.clone()],
                    );
                    continue;
                };
                matched[index] = true;
                let (parameter, at) = &declared[index];
                let data = parameter.parameter_data_ref();
                let schema = view::parameter_schema(self.doc, parameter, at);
                let schema_at =
                    schema.as_ref().map_or_else(|| at.join("schema"), |(_, p)| p.clone());
                let site = Site { subject: &subject, declared_at: at, schema_at: &schema_at };
                self.required(row, data.required, &site, page_at.clone());
                self.value(row, schema.map(|(s, _)| s), &site, page_at);
            }
        }
        // Names written into the documented path (`?limit={limit}`) are query parameters too.
        if let Some(endpoint) = &page.endpoint {
            for name in &endpoint.query {
                let documented = page.tables.iter().any(|t| {
                    t.rows.iter().any(|r| {
                        &r.name == name
                            && super::parameter_location(page, t.role, name) == Some("query")
                    })
                });
                if documented {
                    continue;
                }
                let found = declared.iter().position(|(p, _)| {
                    location(p) == "query" && &p.parameter_data_ref().name == name
                });
                match found {
                    Some(index) => matched[index] = true,
                    None => {
                        let subject = format!("query parameter `{name}`");
                        let at = Some(self.page_line(endpoint.line));
                        self.differ(
                            &subject,
                            &format!("parameter {name}"),
                            ("written in the path".into(), "not declared".into()),
                            at,
                            op_pointer,
                            vec![op_pointer.clone()],
                        );
                    }
                }
            }
        }
        for (index, (parameter, at)) in declared.iter().enumerate() {
            if matched[index] {
                continue;
            }
            let data = parameter.parameter_data_ref();
            let kind = location(parameter);
            let subject = format!("{kind} parameter `{}`", data.name);
            let about = format!("parameter {}", data.name);
            // A path parameter the page's path has, but no table documents.
            let in_path = page
                .endpoint
                .as_ref()
                .filter(|e| kind == "path" && e.path.contains(&format!("{{{}}}", data.name)));
            let (page_says, page_at) = match in_path {
                Some(endpoint) => {
                    ("in the path, without a row".to_owned(), Some(self.page_line(endpoint.line)))
                }
                None => ("not documented".to_owned(), None),
            };
            self.differ(
                &subject,
                &about,
                (page_says, "declared".into()),
                page_at,
                at,
                vec![op_pointer.clone(), at.clone()],
            );
        }
    }

    fn request_body(&mut self, op_pointer: &Pointer, operation: &'a Operation) {
        let page = &self.page.page;
        let table = page.tables.iter().position(|t| t.role == TableRole::RequestBody);
        let body = operation
            .request_body
            .as_ref()
            .and_then(|node| view::request_body(self.doc, node, op_pointer.join("requestBody")));
        let subject = "the request body";
        match (table, body) {
            (None, None) => {}
            (Some(index), None) => {
                let at = Some(PageAt { row: None, ..self.page_row(&page.tables[index], 0) });
                self.differ(
                    subject,
                    "body",
                    ("documented".into(), "none".into()),
                    at,
                    op_pointer,
                    vec![op_pointer.clone()],
                );
            }
            (None, Some((_, at))) => {
                self.differ(
                    subject,
                    "body",
                    ("none".into(), "declared".into()),
                    None,
                    &at,
                    vec![op_pointer.clone(), at.clone()],
                );
            }
            (Some(index), Some((body, at))) => {
                let media =
                    body.content.get("application/json").or_else(|| body.content.values().next());
                let schema_node = media.and_then(|m| m.schema.as_ref());
                let media_at = at
                    .join("content")
                    .join(body.content.keys().next().map_or("application/json", String::as_str))
                    .join("schema");
                match schema_node.and_then(|node| view::schema(self.doc, node, media_at.clone())) {
                    Some((schema, schema_at)) => self.object(index, schema, schema_at, subject),
                    None => self.differ(
                        subject,
                        "body",
                        ("documented".into(), "no schema".into()),
                        None,
                        &at,
                        vec![at.clone()],
                    ),
                }
            }
        }
    }

    fn responses(&mut self, op_pointer: &Pointer, operation: &'a Operation) {
        let page = &self.page.page;
        let responses_at = op_pointer.join("responses");
        let declared: Vec<(u16, Pointer)> = operation
            .responses
            .responses
            .keys()
            .filter_map(|code| match code {
                openapiv3::StatusCode::Code(code) => Some((*code, responses_at.join(code))),
                openapiv3::StatusCode::Range(_) => None,
            })
            .collect();
        let success = declared.iter().map(|(c, _)| *c).find(|c| (200..300).contains(c));
        // Status codes the page lists.
        for status in &page.status_codes {
            if !declared.iter().any(|(code, _)| *code == status.code) {
                let subject = format!("status {}", status.code);
                let at = Some(self.page_line(status.line));
                self.differ(
                    &subject,
                    &subject,
                    ("documented".into(), "no response".into()),
                    at,
                    &responses_at,
                    vec![op_pointer.clone()],
                );
            }
        }
        if !page.status_codes.is_empty() {
            for (code, at) in &declared {
                if !page.status_codes.iter().any(|s| s.code == *code) {
                    let subject = format!("status {code}");
                    self.differ(
                        &subject,
                        &subject,
                        ("not documented".into(), "a response".into()),
                        None,
                        at,
                        vec![op_pointer.clone(), at.clone()],
                    );
                }
            }
        }
        // Response bodies, per status (a table without a status is the success response's).
        for (index, table) in page.tables.iter().enumerate() {
            let TableRole::ResponseBody { status } = table.role else { continue };
            let Some(code) = status.or(success) else { continue };
            let subject = format!("the {code} response body");
            let Some((_, at)) = declared.iter().find(|(c, _)| *c == code) else {
                if !page.status_codes.iter().any(|s| s.code == code) {
                    let about = format!("status {code}");
                    let page_at = Some(PageAt { row: None, ..self.page_row(table, 0) });
                    self.differ(
                        &subject,
                        &about,
                        ("documented".into(), "no response".into()),
                        page_at,
                        &responses_at,
                        vec![op_pointer.clone()],
                    );
                }
                continue;
            };
            let node = operation.responses.responses.get(&openapiv3::StatusCode::Code(code));
            let Some((response, response_at)) =
                node.and_then(|n| view::response(self.doc, n, at.clone()))
            else {
                continue;
            };
            let media_key = response.content.keys().next().cloned();
            let schema = media_key.as_ref().and_then(|key| {
                let node = response.content.get(key)?.schema.as_ref()?;
                view::schema(self.doc, node, response_at.join("content").join(key).join("schema"))
            });
            match schema {
                Some((schema, schema_at)) => self.object(index, schema, schema_at, &subject),
                None => {
                    let page_at = Some(PageAt { row: None, ..self.page_row(table, 0) });
                    self.differ(
                        &subject,
                        "body",
                        ("documented".into(), "none".into()),
                        page_at,
                        &response_at,
                        vec![at.clone(), response_at.clone()],
                    );
                }
            }
        }
    }

    /// Compares the rows of table `table_index` with the properties of the object a schema holds
    /// (directly, or as the items of an array).
    fn object(&mut self, table_index: usize, schema: &'a Schema, at: Pointer, subject: &str) {
        let page = &self.page.page;
        let Some(table) = page.tables.get(table_index) else { return };
        let Some((object, object_at)) = view::object_of(self.doc, schema, at.clone()) else {
            return;
        };
        let properties = view::properties(self.doc, object, &object_at);
        let mut matched = vec![false; properties.len()];
        for (row_index, row) in table.rows.iter().enumerate() {
            let page_at = self.page_row(table, row_index);
            let field = format!("property `{}` of {subject}", row.name);
            let Some(index) = properties.iter().position(|p| p.name == row.name) else {
                let about = format!("property {}", row.name);
                self.differ(
                    &field,
                    &about,
                    ("documented".into(), "not declared".into()),
                    Some(page_at),
                    &object_at,
                    vec![object_at.clone()],
                );
                continue;
            };
            matched[index] = true;
            let property = &properties[index];
            let site = Site {
                subject: &field,
                declared_at: &property.declared_at,
                schema_at: &property.schema_at,
            };
            self.required(row, property.required, &site, page_at.clone());
            self.value(row, property.schema, &site, page_at);
        }
        for (index, property) in properties.iter().enumerate() {
            if !matched[index] {
                let field = format!("property `{}` of {subject}", property.name);
                let about = format!("property {}", property.name);
                self.differ(
                    &field,
                    &about,
                    ("not documented".into(), "declared".into()),
                    None,
                    &property.declared_at,
                    vec![object_at.clone(), property.declared_at.clone()],
                );
            }
        }
    }

    fn required(&mut self, row: &Row, spec_required: bool, site: &Site<'_>, page_at: PageAt) {
        let page_required = matches!(row.required, Required::Yes);
        if page_required != spec_required {
            let says = |r: bool| if r { "required" } else { "optional" }.to_owned();
            let page_says = match &row.required {
                Required::Conditional(text) => format!("optional, required only when: {text}"),
                Required::Unspecified => "optional (no 是否必选 column)".into(),
                _ => says(page_required),
            };
            let places = vec![
                site.declared_at.clone(),
                site.declared_at.parent().unwrap_or_default(),
                site.schema_at.clone(),
            ];
            self.differ(
                site.subject,
                "required",
                (page_says, says(spec_required)),
                Some(page_at),
                site.declared_at,
                places,
            );
        }
    }

    /// Type, constraints and nested fields of one parameter or property.
    fn value(&mut self, row: &Row, schema: Option<&'a Schema>, site: &Site<'_>, page_at: PageAt) {
        let Some(schema) = schema else { return };
        let places = vec![site.declared_at.clone(), site.schema_at.clone()];
        let spec_type = view::spec_type(self.doc, schema, 0);
        if let Some(ty) = &row.ty
            && !type_matches(ty, &spec_type)
        {
            self.differ(
                site.subject,
                "type",
                (describe(ty), spec_type.describe()),
                Some(page_at.clone()),
                site.schema_at,
                places.clone(),
            );
        }
        let page = page_constraints(row);
        // An array of scalars: the page's lengths and values are each item's.
        let constrained = match (&row.ty, &spec_type) {
            (Some(TypeExpr::Array(_)), SpecType::Array(items)) if is_scalar(items) => {
                view::array_items(self.doc, schema).unwrap_or(schema)
            }
            _ => schema,
        };
        let spec = view::spec_constraints(constrained);
        let number = |v: Option<(f64, bool)>| v.map(|(v, _)| v);
        let comparisons = [
            (
                "minLength",
                page.min_length.map(|v| v.to_string()),
                spec.min_length.map(|v| v.to_string()),
            ),
            (
                "maxLength",
                page.max_length.map(|v| v.to_string()),
                spec.max_length.map(|v| v.to_string()),
            ),
            ("minimum", page.minimum.map(show_number), number(spec.minimum).map(show_number)),
            ("maximum", page.maximum.map(show_number), number(spec.maximum).map(show_number)),
            (
                "exclusiveMinimum",
                flag(page.minimum.is_some() && page.exclusive_minimum),
                flag(spec.minimum.is_some_and(|(_, e)| e)),
            ),
            (
                "exclusiveMaximum",
                flag(page.maximum.is_some() && page.exclusive_maximum),
                flag(spec.maximum.is_some_and(|(_, e)| e)),
            ),
            ("default", page.default.clone(), spec.default.clone()),
        ];
        for (about, page_value, spec_value) in comparisons {
            if page_value != spec_value {
                let show = |v: Option<String>| v.unwrap_or_else(|| "none".into());
                self.differ(
                    site.subject,
                    about,
                    (show(page_value), show(spec_value)),
                    Some(page_at.clone()),
                    site.schema_at,
                    places.clone(),
                );
            }
        }
        let page_enum: BTreeSet<&str> = page.enum_values.iter().map(String::as_str).collect();
        let spec_enum: BTreeSet<&str> = spec.enum_values.iter().map(String::as_str).collect();
        if page_enum != spec_enum {
            let show = |values: &BTreeSet<&str>| {
                if values.is_empty() {
                    "no list of values".to_owned()
                } else {
                    values.iter().copied().collect::<Vec<_>>().join(", ")
                }
            };
            self.differ(
                site.subject,
                "enum",
                (show(&page_enum), show(&spec_enum)),
                Some(page_at.clone()),
                site.schema_at,
                places.clone(),
            );
        }
        if let Some(nested) = row.nested {
            self.object(nested, schema, site.schema_at.clone(), site.subject);
        }
    }

    fn status_table(&mut self) {
        let page = &self.page.page;
        let table_at = Pointer::root().join(vendor::STATUS_CODES);
        let Some(serde_yaml::Value::Sequence(entries)) = self.spec.raw_at(&table_at).cloned()
        else {
            self.differ(
                "the status table",
                "status table",
                ("a status table".into(), "none".into()),
                None,
                &Pointer::root(),
                vec![Pointer::root()],
            );
            return;
        };
        let code_of =
            |entry: &serde_yaml::Value| entry.get("code").and_then(serde_yaml::Value::as_u64);
        for status in &page.status_codes {
            let subject = format!("status {}", status.code);
            let at = Some(self.page_line(status.line));
            let Some(index) =
                entries.iter().position(|e| code_of(e) == Some(u64::from(status.code)))
            else {
                self.differ(
                    &subject,
                    &subject,
                    ("listed".into(), "not listed".into()),
                    at,
                    &table_at,
                    vec![Pointer::root()],
                );
                continue;
            };
            let entry_at = table_at.join(index);
            let entry = &entries[index];
            if let Some(reason) = &status.reason {
                let spec_reason =
                    entry.get("reason").and_then(serde_yaml::Value::as_str).unwrap_or_default();
                if reason != spec_reason {
                    self.differ(
                        &subject,
                        "reason",
                        (reason.clone(), spec_reason.to_owned()),
                        at.clone(),
                        &entry_at.join("reason"),
                        vec![Pointer::root(), entry_at.clone()],
                    );
                }
            }
            if let Some(outcome) = status.outcome {
                let page_outcome = match outcome {
                    docpages::Outcome::Normal => "success",
                    docpages::Outcome::Abnormal => "error",
                };
                let spec_outcome =
                    entry.get("outcome").and_then(serde_yaml::Value::as_str).unwrap_or_default();
                if page_outcome != spec_outcome {
                    self.differ(
                        &subject,
                        "outcome",
                        (page_outcome.into(), spec_outcome.to_owned()),
                        at,
                        &entry_at.join("outcome"),
                        vec![Pointer::root(), entry_at.clone()],
                    );
                }
            }
        }
        for (index, entry) in entries.iter().enumerate() {
            let Some(code) = code_of(entry) else { continue };
            if !page.status_codes.iter().any(|s| u64::from(s.code) == code) {
                let subject = format!("status {code}");
                self.differ(
                    &subject,
                    &subject,
                    ("not listed".into(), "listed".into()),
                    None,
                    &table_at.join(index),
                    vec![Pointer::root()],
                );
            }
        }
    }
}

/// The first example of a body's content (JSON first), with its pointer.
fn media_example<'a>(
    content: &'a indexmap::IndexMap<String, openapiv3::MediaType>,
    at: &Pointer,
) -> Option<(&'a serde_json::Value, Pointer)> {
    let (key, media) =
        content.get_key_value("application/json").or_else(|| content.iter().next())?;
    let media_at = at.join("content").join(key);
    if let Some(example) = &media.example {
        return Some((example, media_at.join("example")));
    }
    media.examples.iter().find_map(|(name, node)| match node {
        ReferenceOr::Item(example) => {
            example.value.as_ref().map(|v| (v, media_at.join("examples").join(name).join("value")))
        }
        ReferenceOr::Reference { .. } => None,
    })
}

/// The JSON pointer of the first place two values differ.
fn first_difference(a: &serde_json::Value, b: &serde_json::Value, at: &str) -> Option<String> {
    use serde_json::Value;
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            let key = x
                .keys()
                .chain(y.keys())
                .find(|k| x.get(*k).zip(y.get(*k)).is_none_or(|(p, q)| p != q))?;
            let inner = format!("{at}/{key}");
            match (x.get(key), y.get(key)) {
                (Some(p), Some(q)) => first_difference(p, q, &inner),
                _ => Some(inner),
            }
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => x
            .iter()
            .zip(y)
            .enumerate()
            .find_map(|(i, (p, q))| first_difference(p, q, &format!("{at}/{i}"))),
        _ if a == b => None,
        _ => Some(if at.is_empty() { "/".into() } else { at.to_owned() }),
    }
}

/// A short rendering of the value at a JSON pointer.
fn excerpt(value: &serde_json::Value, pointer: &str) -> String {
    let found = if pointer == "/" { Some(value) } else { value.pointer(pointer) };
    match found {
        None => "nothing".into(),
        Some(value) => {
            let text = value.to_string();
            if text.chars().count() > 60 {
                format!("{}…", text.chars().take(60).collect::<String>())
            } else {
                text
            }
        }
    }
}

fn is_scalar(ty: &SpecType) -> bool {
    matches!(
        ty,
        SpecType::String(_) | SpecType::Integer(_) | SpecType::Number(_) | SpecType::Boolean
    )
}

fn location(parameter: &Parameter) -> &'static str {
    match parameter {
        Parameter::Path { .. } => "path",
        Parameter::Query { .. } => "query",
        Parameter::Header { .. } => "header",
        Parameter::Cookie { .. } => "cookie",
    }
}

/// Header names compare case-insensitively, as HTTP does; others exactly.
fn same_name(location: &str, a: &str, b: &str) -> bool {
    if location == "header" { a.eq_ignore_ascii_case(b) } else { a == b }
}

/// The page's constraints of a row, with the length a `String(255)` type gives.
fn page_constraints(row: &Row) -> docpages::Constraints {
    let mut constraints = row.constraints.clone();
    if let Some(TypeExpr::String { max_length: Some(max) }) = &row.ty {
        constraints.max_length = constraints.max_length.or(Some(*max));
    }
    constraints
}

fn show_number(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 9.0e15 {
        format!("{}", value as i64)
    } else {
        value.to_string()
    }
}

fn flag(set: bool) -> Option<String> {
    set.then(|| "true".to_owned())
}

/// Whether a page type and a spec type agree (see `specs/README.md` for the mapping).
pub(crate) fn type_matches(page: &TypeExpr, spec: &SpecType) -> bool {
    match (page, spec) {
        (TypeExpr::Any, _) | (_, SpecType::Any) => true,
        (TypeExpr::String { .. }, SpecType::String(_)) => true,
        (TypeExpr::Integer, SpecType::Integer(format)) => {
            matches!(format.as_deref(), None | Some("int32"))
        }
        (TypeExpr::Long, SpecType::Integer(format)) => format.as_deref() == Some("int64"),
        (TypeExpr::Float, SpecType::Number(format)) => {
            matches!(format.as_deref(), None | Some("float"))
        }
        (TypeExpr::Double, SpecType::Number(format)) => {
            matches!(format.as_deref(), None | Some("double"))
        }
        (TypeExpr::Number, SpecType::Number(_)) => true,
        (TypeExpr::Boolean, SpecType::Boolean) => true,
        (TypeExpr::Timestamp, SpecType::String(format)) => format.as_deref() == Some("date-time"),
        (TypeExpr::Timestamp, SpecType::Integer(format)) => format.as_deref() == Some("int64"),
        (TypeExpr::Object(_), SpecType::Object | SpecType::Map(_)) => true,
        (TypeExpr::Array(page), SpecType::Array(spec)) => type_matches(page, spec),
        (TypeExpr::Map(_, page), SpecType::Map(spec)) => type_matches(page, spec),
        (TypeExpr::Map(..), SpecType::Object) => true,
        _ => false,
    }
}

/// A page type in words.
pub(crate) fn describe(ty: &TypeExpr) -> String {
    match ty {
        TypeExpr::String { max_length: Some(max) } => format!("String({max})"),
        TypeExpr::String { max_length: None } => "String".into(),
        TypeExpr::Integer => "Integer".into(),
        TypeExpr::Long => "Long".into(),
        TypeExpr::Boolean => "Boolean".into(),
        TypeExpr::Float => "Float".into(),
        TypeExpr::Double => "Double".into(),
        TypeExpr::Number => "Number".into(),
        TypeExpr::Timestamp => "Timestamp".into(),
        TypeExpr::Object(Some(name)) => format!("{name} object"),
        TypeExpr::Object(None) => "Object".into(),
        TypeExpr::Array(inner) => format!("Array of {}", describe(inner)),
        TypeExpr::Map(k, v) => format!("Map<{},{}>", describe(k), describe(v)),
        TypeExpr::Any => "any value".into(),
        TypeExpr::Other(text) => format!("`{text}` (not a type the reader knows)"),
    }
}
