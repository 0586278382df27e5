//! `page draft`: documentation pages into one OpenAPI 3.0.3 spec in the conventions of
//! `specs/README.md`: an operation per page (its API Explorer name as operationId), a schema per
//! table (identical tables shared), constraints as keywords, the page's examples, and the page each
//! operation comes from. What the reader could not read is never guessed: it stays in the draft as
//! a `TODO(page)` comment and is counted.

use std::collections::HashSet;

use docpages::{Constraints, ExampleKind, Page, Required, Row, Table, TableRole, TypeExpr};
use heck::ToUpperCamelCase;

use super::PageFile;
use super::check::NOT_PARAMETERS;
use super::yaml::Node;
use crate::vendor;

/// What the draft could not read: the page, its line, and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Todo {
    /// The page file as shown.
    pub page: String,
    /// The line on the page.
    pub line: usize,
    /// What was not read.
    pub what: String,
}

/// A drafted spec.
#[derive(Debug, Clone, PartialEq)]
pub struct Draft {
    /// The spec, as YAML with `TODO(page)` comments.
    pub yaml: String,
    /// How many operations it has.
    pub operations: usize,
    /// Everything left to a human, in page order.
    pub todos: Vec<Todo>,
}

/// How to draft.
#[derive(Debug, Clone, Default)]
pub struct DraftOptions {
    /// The spec's `info.title` (default: the repositories' names).
    pub title: Option<String>,
    /// The server URL template (pages do not give the host); without it the draft assumes
    /// `https://<repository>.{region}.myhuaweicloud.com` and says so in a TODO.
    pub server: Option<String>,
}

/// Drafts one spec from `pages`, in the given order.
pub fn draft(pages: &[PageFile], options: &DraftOptions) -> Draft {
    let mut drafter = Drafter::default();
    for page in pages {
        drafter.page(page);
    }
    drafter.finish(options)
}

#[derive(Default)]
struct Drafter {
    paths: Node,
    schemas: Vec<Schema>,
    todos: Vec<Todo>,
    operations: usize,
    repositories: Vec<String>,
    /// Tables whose schema is being built (for cycles through nested tables).
    building: HashSet<(String, usize)>,
}

/// A component schema of the draft, with the structure it was built from (identical tables share
/// one schema).
struct Schema {
    name: String,
    key: String,
    node: Node,
}

/// One page being drafted.
struct Cx<'p> {
    file: &'p PageFile,
    operation: String,
}

impl Cx<'_> {
    fn page(&self) -> &Page {
        &self.file.page
    }
}

impl Drafter {
    fn todo(&mut self, cx: &Cx<'_>, line: usize, what: impl Into<String>) -> String {
        let what = what.into();
        self.todos.push(Todo { page: cx.file.display.clone(), line, what: what.clone() });
        format!("TODO(page) {}:{line}: {what}", cx.file.display)
    }

    fn page(&mut self, file: &PageFile) {
        let page = &file.page;
        let Some(endpoint) = &page.endpoint else {
            let cx = Cx { file, operation: String::new() };
            self.todo(&cx, 1, "no method and path found: the page is not drafted");
            return;
        };
        let operation = page.api_name.clone().unwrap_or_else(|| {
            format!("{} {}", endpoint.method.to_lowercase(), endpoint.path).to_upper_camel_case()
        });
        let cx = Cx { file, operation: operation.clone() };
        let mut op = Node::map();
        let mut notes = Vec::new();
        match &page.api_name {
            Some(name) => op.set("operationId", Node::text(name)),
            None => notes.push(self.todo(
                &cx,
                endpoint.line,
                "the page gives no API Explorer name; name the operation (operationId)",
            )),
        }
        if !page.title.is_empty() {
            op.set("summary", Node::text(&page.title));
        }
        if let Some(summary) = &page.summary {
            op.set("description", Node::text(summary));
        }
        if let Some(reference) = &file.reference {
            let mut source = Node::map();
            for (key, value) in [
                ("repository", &reference.repository),
                ("path", &reference.path),
                ("title", &reference.title),
            ] {
                if let Some(value) = value {
                    source.set(key, Node::text(value));
                }
            }
            if let Some(repository) = reference.repository_name()
                && !self.repositories.iter().any(|r| r == repository)
            {
                self.repositories.push(repository.to_owned());
            }
            op.set(vendor::SOURCE, source);
        } else {
            notes.push(self.todo(&cx, 1, "the page is not inside a documentation checkout (`<repository>/cn.zh-cn/…`), so `x-huawei-source` is missing"));
        }
        for unread in &page.unread {
            notes.push(self.todo(&cx, unread.line, &unread.what));
        }
        let parameters = self.parameters(&cx);
        if !parameters.is_empty() {
            op.set("parameters", Node::Seq(parameters));
        }
        if let Some(body) = self.request_body(&cx) {
            op.set("requestBody", body);
        }
        op.set("responses", self.responses(&cx));
        let first_key = match &op {
            Node::Map(entries) => entries.first().map(|e| e.key.clone()),
            _ => None,
        };
        if let Some(key) = first_key {
            op.comment(&key, notes);
        }
        let path_item = self.paths.entry(&endpoint.path);
        let method = endpoint.method.to_lowercase();
        if matches!(path_item, Node::Map(entries) if entries.iter().any(|e| e.key == method)) {
            self.todo(
                &cx,
                endpoint.line,
                format!(
                    "another page already documents {} {}; this one is not drafted",
                    endpoint.method, endpoint.path
                ),
            );
            return;
        }
        path_item.set(&method, op);
        self.operations += 1;
    }

    fn parameters(&mut self, cx: &Cx<'_>) -> Vec<Node> {
        let page = cx.page();
        let mut out = Vec::new();
        for (index, table) in page.tables.iter().enumerate() {
            for row in &table.rows {
                let Some(location) = super::parameter_location(page, table.role, &row.name) else {
                    continue;
                };
                if location == "header"
                    && NOT_PARAMETERS.iter().any(|n| n.eq_ignore_ascii_case(&row.name))
                {
                    // OpenAPI describes these through the body and security, not as parameters.
                    continue;
                }
                let hint = format!("{}{}", cx.operation, row.name.to_upper_camel_case());
                let schema = self.value_schema(cx, row, index, &hint);
                let mut parameter = Node::map()
                    .with("name", Node::text(&row.name))
                    .with("in", Node::text(location));
                let required = location == "path" || row.required == Required::Yes;
                if required {
                    parameter.set("required", Node::Scalar(true.into()));
                }
                if let Some(description) = description(row) {
                    parameter.set("description", Node::text(description));
                }
                parameter.set("schema", schema);
                out.push(parameter);
            }
        }
        if let Some(endpoint) = &page.endpoint {
            for name in path_names(&endpoint.path) {
                let documented = out.iter().any(|p| {
                    matches!(p, Node::Map(entries) if entries.iter().any(|e| e.key == "in" && e.value == Node::text("path"))
                        && entries.iter().any(|e| e.key == "name" && e.value == Node::text(name)))
                });
                if documented {
                    continue;
                }
                let note = self.todo(cx, endpoint.line, format!("path parameter `{name}` has no row: its type is not on the page; drafted as a string"));
                let mut parameter = Node::map()
                    .with("name", Node::text(name))
                    .with("in", Node::text("path"))
                    .with("required", Node::Scalar(true.into()))
                    .with("schema", Node::map().with("type", Node::text("string")));
                parameter.comment("name", [note]);
                out.push(parameter);
            }
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
                let note = self.todo(cx, endpoint.line, format!("query parameter `{name}` is written in the path but has no row: its type is not on the page"));
                let mut parameter = Node::map()
                    .with("name", Node::text(name))
                    .with("in", Node::text("query"))
                    .with("schema", Node::map().with("type", Node::text("string")));
                parameter.comment("name", [note]);
                out.push(parameter);
            }
        }
        out
    }

    fn request_body(&mut self, cx: &Cx<'_>) -> Option<Node> {
        let page = cx.page();
        let table = page.tables.iter().position(|t| t.role == TableRole::RequestBody)?;
        let example =
            page.examples.iter().find(|e| e.kind == ExampleKind::Request && e.body.is_some());
        let schema = self.table_schema(cx, table, &format!("{}RequestBody", cx.operation));
        let mut media = Node::map().with("schema", listed_as_in(example, schema));
        if let Some(example) = example {
            self.example(cx, &mut media, example, table);
        }
        Some(
            Node::map()
                .with("required", Node::Scalar(true.into()))
                .with("content", Node::map().with("application/json", media)),
        )
    }

    fn responses(&mut self, cx: &Cx<'_>) -> Node {
        let page = cx.page();
        let mut codes: Vec<u16> = page.status_codes.iter().map(|s| s.code).collect();
        let body_statuses = page.tables.iter().filter_map(|t| match t.role {
            TableRole::ResponseBody { status } | TableRole::ResponseHeaders { status } => status,
            _ => None,
        });
        for code in body_statuses {
            if !codes.contains(&code) {
                codes.push(code);
            }
        }
        let success = codes.iter().copied().find(|c| (200..300).contains(c));
        let mut responses = Node::map();
        if codes.is_empty() {
            let note = self.todo(cx, 1, "the page lists no status codes");
            responses.set(
                "default",
                Node::map().with("description", Node::text("The page documents no status codes.")),
            );
            responses.comment("default", [note]);
            return responses;
        }
        for code in codes {
            let described = page
                .status_codes
                .iter()
                .find(|s| s.code == code)
                .map(|s| s.description.trim().to_owned())
                .filter(|d| !d.is_empty());
            let description = described.unwrap_or_else(|| {
                http::StatusCode::from_u16(code)
                    .ok()
                    .and_then(|s| s.canonical_reason())
                    .unwrap_or("")
                    .to_owned()
            });
            let mut response = Node::map().with("description", Node::text(description));
            let of_status = |status: Option<u16>| status.or(success) == Some(code);
            let headers: Vec<usize> = page.tables.iter().enumerate().filter(|(_, t)| matches!(t.role, TableRole::ResponseHeaders { status } if of_status(status))).map(|(i, _)| i).collect();
            if !headers.is_empty() {
                response.set("headers", self.response_headers(cx, &headers));
            }
            let body = page.tables.iter().position(
                |t| matches!(t.role, TableRole::ResponseBody { status } if of_status(status)),
            );
            if let Some(table) = body {
                let hint = if code >= 400 {
                    "ErrorResponse".to_owned()
                } else {
                    format!("{}ResponseBody", cx.operation)
                };
                let example = page.examples.iter().find(|e| {
                    matches!(e.kind, ExampleKind::Response { status } if of_status(status))
                        && e.body.is_some()
                });
                let schema = self.table_schema(cx, table, &hint);
                let mut media = Node::map().with("schema", listed_as_in(example, schema));
                if let Some(example) = example {
                    self.example(cx, &mut media, example, table);
                }
                response.set("content", Node::map().with("application/json", media));
            } else if let Some(example) = page.examples.iter().find(|e| {
                matches!(e.kind, ExampleKind::Response { status } if of_status(status))
                    && e.body.as_deref().is_some_and(|b| !b.trim().is_empty())
            }) {
                let note = self.todo(
                    cx,
                    example.line,
                    format!(
                        "the page has a {code} response example but no table describes the body"
                    ),
                );
                response.comment("description", [note]);
            }
            responses.set(&code.to_string(), response);
        }
        responses
    }

    fn response_headers(&mut self, cx: &Cx<'_>, tables: &[usize]) -> Node {
        let mut headers = Node::map();
        for &index in tables {
            let Some(table) = cx.page().tables.get(index) else { continue };
            for row in &table.rows {
                let hint = format!("{}{}", cx.operation, row.name.to_upper_camel_case());
                let mut header = Node::map();
                if let Some(description) = description(row) {
                    header.set("description", Node::text(description));
                }
                if row.required == Required::Yes {
                    header.set("required", Node::Scalar(true.into()));
                }
                header.set("schema", self.value_schema(cx, row, index, &hint));
                headers.set(&row.name, header);
            }
        }
        headers
    }

    /// Puts the page's example of a body described by table `table` into `media`, unless it is not
    /// JSON or has fields the tables do not document (then a TODO says so: the draft must agree
    /// with itself, and which one is right is for a human to decide).
    fn example(
        &mut self,
        cx: &Cx<'_>,
        media: &mut Node,
        example: &docpages::Example,
        table: usize,
    ) {
        let Some(body) = &example.body else { return };
        let value = match serde_json::from_str::<serde_json::Value>(body) {
            Ok(value) => value,
            Err(err) => {
                let first = body.lines().next().unwrap_or_default();
                let note = self.todo(
                    cx,
                    example.line,
                    format!("the example is not JSON ({err}): `{first}`"),
                );
                media.comment("schema", [note]);
                return;
            }
        };
        let mut undocumented = Vec::new();
        undocumented_fields(cx.page(), table, &value, "", &mut undocumented);
        if undocumented.is_empty() {
            media.set("example", Node::json(&value));
        } else {
            let note = self.todo(
                cx,
                example.line,
                format!(
                    "the example has fields the tables do not document ({}); it is left out",
                    undocumented.join(", ")
                ),
            );
            media.comment("schema", [note]);
        }
    }

    /// A `$ref` to the schema of the object table `index` describes (shared with identical tables).
    fn table_schema(&mut self, cx: &Cx<'_>, index: usize, hint: &str) -> Node {
        let page = cx.page();
        let key = table_key(page, index, &mut HashSet::new());
        if let Some(existing) = self.schemas.iter().find(|s| s.key == key) {
            return reference(&existing.name);
        }
        let name = self.claim(hint, &cx.operation);
        let building = (cx.file.display.clone(), index);
        if !self.building.insert(building.clone()) {
            return reference(&name);
        }
        // Claimed before the fields, so a nested table that refers back finds it.
        self.schemas.push(Schema { name: name.clone(), key: key.clone(), node: Node::map() });
        let node = match page.tables.get(index) {
            Some(table) => self.object(cx, table, index, &name),
            None => Node::map().with("type", Node::text("object")),
        };
        if let Some(schema) = self.schemas.iter_mut().find(|s| s.name == name) {
            schema.node = node;
        }
        self.building.remove(&building);
        reference(&name)
    }

    /// A schema name not taken by a different structure: `wanted`, else prefixed with the
    /// operation, else numbered.
    fn claim(&self, wanted: &str, operation: &str) -> String {
        let wanted = wanted.to_upper_camel_case();
        let free = |name: &str| !self.schemas.iter().any(|s| s.name == name);
        if free(&wanted) {
            return wanted;
        }
        let prefixed = format!("{operation}{wanted}");
        if free(&prefixed) {
            return prefixed;
        }
        (2..).map(|n| format!("{prefixed}{n}")).find(|name| free(name)).unwrap_or(prefixed)
    }

    fn object(&mut self, cx: &Cx<'_>, table: &Table, index: usize, name: &str) -> Node {
        let mut object = Node::map().with("type", Node::text("object"));
        let required: Vec<Node> = table
            .rows
            .iter()
            .filter(|r| r.required == Required::Yes)
            .map(|r| Node::text(&r.name))
            .collect();
        if !required.is_empty() {
            object.set("required", Node::Seq(required));
        }
        let mut properties = Node::map();
        for row in &table.rows {
            let hint = format!("{name}{}", row.name.to_upper_camel_case());
            let mut schema = self.value_schema(cx, row, index, &hint);
            if let Some(description) = description(row) {
                // Beside a `$ref` nothing counts: wrap it so the description stays.
                if matches!(&schema, Node::Map(entries) if entries.iter().any(|e| e.key == "$ref"))
                {
                    schema = Node::map().with("allOf", Node::Seq(vec![schema]));
                }
                schema.set("description", Node::text(description));
            }
            properties.set(&row.name, schema);
        }
        object.set("properties", properties);
        object
    }

    /// The schema of one row: its type and constraints (the description goes where the caller
    /// documents the row).
    fn value_schema(&mut self, cx: &Cx<'_>, row: &Row, table: usize, hint: &str) -> Node {
        let mut notes: Vec<String> = row.notes.iter().map(|n| format!("page: {n}")).collect();
        let mut schema = match &row.ty {
            Some(ty) => self.type_schema(cx, ty, row, hint, &mut notes),
            None => {
                let in_table = cx.page().tables.get(table).map_or(0, |t| t.line);
                notes.push(self.todo(
                    cx,
                    in_table.max(row.line),
                    format!("`{}` has no type on the page; drafted as a string", row.name),
                ));
                Node::map().with("type", Node::text("string"))
            }
        };
        self.constraints(cx, row, &mut schema, &mut notes);
        if !notes.is_empty()
            && let Node::Map(entries) = &schema
            && let Some(first) = entries.first().map(|e| e.key.clone())
        {
            schema.comment(&first, notes);
        }
        schema
    }

    fn type_schema(
        &mut self,
        cx: &Cx<'_>,
        ty: &TypeExpr,
        row: &Row,
        hint: &str,
        notes: &mut Vec<String>,
    ) -> Node {
        let scalar = |typ: &str, format: Option<&str>| {
            let node = Node::map().with("type", Node::text(typ));
            match format {
                Some(format) => node.with("format", Node::text(format)),
                None => node,
            }
        };
        match ty {
            TypeExpr::String { .. } => scalar("string", None),
            TypeExpr::Integer => scalar("integer", Some("int32")),
            TypeExpr::Long => scalar("integer", Some("int64")),
            TypeExpr::Boolean => scalar("boolean", None),
            TypeExpr::Float => scalar("number", Some("float")),
            TypeExpr::Double => scalar("number", Some("double")),
            TypeExpr::Number => scalar("number", None),
            TypeExpr::Timestamp => {
                notes.push(self.todo(cx, row.line, format!("`{}` is a Timestamp: the page does not say whether it is text or milliseconds; drafted as date-time text", row.name)));
                scalar("string", Some("date-time"))
            }
            TypeExpr::Object(name) => match row.nested {
                Some(nested) => {
                    let wanted =
                        name.as_deref().filter(|n| is_identifier(n)).map(str::to_owned).or_else(
                            || {
                                cx.page()
                                    .tables
                                    .get(nested)
                                    .map(|t| t.caption.trim().to_owned())
                                    .filter(|c| is_identifier(c))
                            },
                        );
                    self.table_schema(cx, nested, wanted.as_deref().unwrap_or(hint))
                }
                None => {
                    notes.push(self.todo(
                        cx,
                        row.line,
                        format!("`{}` is an object whose fields are not on the page", row.name),
                    ));
                    scalar("object", None)
                }
            },
            TypeExpr::Array(items) => {
                let items = self.type_schema(cx, items, row, &format!("{hint}Item"), notes);
                Node::map().with("type", Node::text("array")).with("items", items)
            }
            TypeExpr::Map(_, values) => {
                let values = match values.as_ref() {
                    TypeExpr::Any => Node::Scalar(true.into()),
                    other => self.type_schema(cx, other, row, &format!("{hint}Value"), notes),
                };
                Node::map().with("type", Node::text("object")).with("additionalProperties", values)
            }
            TypeExpr::Any => Node::map(),
            TypeExpr::Other(text) => {
                notes.push(self.todo(
                    cx,
                    row.line,
                    format!("`{}` has a type the reader does not know: `{text}`", row.name),
                ));
                Node::map()
            }
        }
    }

    /// The row's constraints as keywords of `schema`'s type (of its items, for an array of scalars:
    /// the pages give an array's lengths and values for each item); those that do not fit stay a
    /// TODO.
    fn constraints(&mut self, cx: &Cx<'_>, row: &Row, schema: &mut Node, notes: &mut Vec<String>) {
        let items_are_scalar = type_of(schema).as_deref() == Some("array")
            && type_of(schema.entry("items")).is_some_and(|t| t != "array" && t != "object");
        let schema = if items_are_scalar { schema.entry("items") } else { schema };
        let typ = type_of(schema);
        let mut c: Constraints = row.constraints.clone();
        if let Some(TypeExpr::String { max_length: Some(max) }) = &row.ty {
            c.max_length = c.max_length.or(Some(*max));
        }
        let typ = typ.as_deref().unwrap_or("");
        let numeric = typ == "integer" || typ == "number";
        let mut misfits = Vec::new();
        for (keyword, value) in [("minLength", c.min_length), ("maxLength", c.max_length)] {
            if let Some(value) = value {
                if typ == "string" {
                    schema.set(keyword, Node::Scalar(value.into()))
                } else {
                    misfits.push(format!("{keyword} {value}"))
                }
            }
        }
        for (keyword, exclusive_keyword, value, exclusive) in [
            ("minimum", "exclusiveMinimum", c.minimum, c.exclusive_minimum),
            ("maximum", "exclusiveMaximum", c.maximum, c.exclusive_maximum),
        ] {
            let Some(value) = value else { continue };
            if !numeric {
                misfits.push(format!("{keyword} {value}"));
                continue;
            }
            schema.set(keyword, number_node(value, typ == "integer"));
            if exclusive {
                schema.set(exclusive_keyword, Node::Scalar(true.into()));
            }
        }
        if !c.enum_values.is_empty() {
            match typed_values(&c.enum_values, typ) {
                Some(values) => schema.set("enum", Node::Seq(values)),
                None => misfits.push(format!("enum [{}]", c.enum_values.join(", "))),
            }
        }
        if let Some(default) = &c.default {
            match typed_values(std::slice::from_ref(default), typ).and_then(|mut v| v.pop()) {
                Some(value) => schema.set("default", value),
                None => misfits.push(format!("default `{default}`")),
            }
        }
        if !misfits.is_empty() {
            notes.push(self.todo(
                cx,
                row.line,
                format!(
                    "`{}`: {} do not fit its type `{}`",
                    row.name,
                    misfits.join(", "),
                    if typ.is_empty() { "unknown" } else { typ }
                ),
            ));
        }
    }

    fn finish(self, options: &DraftOptions) -> Draft {
        let Drafter { paths, schemas, mut todos, operations, repositories, .. } = self;
        let title = options.title.clone().unwrap_or_else(|| {
            if repositories.is_empty() {
                "Drafted from documentation pages".into()
            } else {
                repositories.join(", ").to_uppercase()
            }
        });
        let mut doc = Node::map().with("openapi", Node::text("3.0.3")).with(
            "info",
            Node::map().with("title", Node::text(title)).with("version", Node::text("1.0")),
        );
        if let [repository] = repositories.as_slice() {
            doc.set(
                vendor::SOURCE,
                Node::map()
                    .with("repository", Node::text(format!("{}/{repository}", super::DOCS_OWNER))),
            );
        }
        let server = match (&options.server, repositories.first()) {
            (Some(server), _) => Some((server.clone(), None)),
            (None, Some(repository)) => {
                let what = format!(
                    "the pages do not give the host: `https://{repository}.{{region}}.myhuaweicloud.com` is assumed from the repository name; pass `--server` with the service's endpoint"
                );
                todos.push(Todo { page: "(all pages)".into(), line: 0, what: what.clone() });
                Some((
                    format!("https://{repository}.{{region}}.myhuaweicloud.com"),
                    Some(format!("TODO(page): {what}")),
                ))
            }
            (None, None) => None,
        };
        if let Some((url, note)) = server {
            let mut entry = Node::map().with("url", Node::text(&url));
            if url.contains("{region}") {
                let region = Node::map()
                    .with("default", Node::text("cn-north-4"))
                    .with("description", Node::text("The region ID."));
                entry.set("variables", Node::map().with("region", region));
            }
            doc.set("servers", Node::Seq(vec![entry]));
            if let Some(note) = note {
                doc.comment("servers", [note]);
            }
        }
        doc.set("paths", paths);
        if !schemas.is_empty() {
            let mut section = Node::map();
            for schema in schemas {
                section.set(&schema.name, schema.node);
            }
            doc.set("components", Node::map().with("schemas", section));
        }
        let header = format!(
            "# Drafted by `cargo xtask page draft`: {operations} operation(s), {} TODO(page) item(s).\n# Descriptions are the pages' own words: rewrite them in English before committing a spec.\n",
            todos.len()
        );
        Draft { yaml: header + &doc.to_yaml(), operations, todos }
    }
}

/// The paths of the fields of an example value that table `table` (and the tables its rows refer
/// to) does not document.
fn undocumented_fields(
    page: &Page,
    table: usize,
    value: &serde_json::Value,
    prefix: &str,
    out: &mut Vec<String>,
) {
    match value {
        serde_json::Value::Array(items) => {
            for item in items {
                undocumented_fields(page, table, item, prefix, out);
            }
        }
        serde_json::Value::Object(fields) => {
            let Some(rows) = page.tables.get(table).map(|t| &t.rows) else { return };
            for (name, field) in fields {
                let path = format!("{prefix}{name}");
                match rows.iter().find(|r| &r.name == name) {
                    None if !out.contains(&path) => out.push(path),
                    None => {}
                    Some(row) => {
                        if let Some(nested) = row.nested {
                            undocumented_fields(page, nested, field, &format!("{path}."), out);
                        }
                    }
                }
            }
        }
        _ => {}
    }
}

/// A body table describes one object; when the page's example of the body is a JSON list, the body
/// is a list of those objects (older pages say so only by their examples).
fn listed_as_in(example: Option<&docpages::Example>, schema: Node) -> Node {
    let listed = example
        .and_then(|e| e.body.as_deref())
        .and_then(|body| serde_json::from_str::<serde_json::Value>(body).ok())
        .is_some_and(|value| value.is_array());
    if listed {
        Node::map().with("type", Node::text("array")).with("items", schema)
    } else {
        schema
    }
}

/// The `{name}`s of a path template, in order.
fn path_names(path: &str) -> impl Iterator<Item = &str> {
    path.split('{').skip(1).filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
}

/// The `type` of a schema node.
fn type_of(schema: &Node) -> Option<String> {
    match schema {
        Node::Map(entries) => {
            entries.iter().find(|e| e.key == "type").and_then(|e| match &e.value {
                Node::Scalar(serde_yaml::Value::String(t)) => Some(t.clone()),
                _ => None,
            })
        }
        _ => None,
    }
}

fn reference(name: &str) -> Node {
    Node::map().with("$ref", Node::text(format!("#/components/schemas/{name}")))
}

/// The row's description, with conditional requirement prose kept (never turned into a flag).
fn description(row: &Row) -> Option<String> {
    let text = row.description.trim();
    let condition = match &row.required {
        Required::Conditional(condition) => Some(format!("是否必选: {condition}")),
        _ => None,
    };
    match (text.is_empty(), condition) {
        (true, None) => None,
        (true, Some(condition)) => Some(condition),
        (false, None) => Some(text.to_owned()),
        (false, Some(condition)) => Some(format!("{text}\n\n{condition}")),
    }
}

/// Everything that shapes the schema of a table: its rows' names, flags, types and constraints,
/// and the same of its nested tables (not prose).
fn table_key(page: &Page, index: usize, seen: &mut HashSet<usize>) -> String {
    let Some(table) = page.tables.get(index) else { return String::new() };
    if !seen.insert(index) {
        return format!("<cycle {index}>");
    }
    let rows: Vec<String> = table
        .rows
        .iter()
        .map(|r| {
            let nested = r.nested.map(|n| table_key(page, n, seen)).unwrap_or_default();
            format!("{}|{:?}|{:?}|{:?}|{{{nested}}}", r.name, r.required, r.ty, r.constraints)
        })
        .collect();
    seen.remove(&index);
    rows.join("\n")
}

fn is_identifier(text: &str) -> bool {
    let mut chars = text.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

fn number_node(value: f64, integer: bool) -> Node {
    if integer && value.fract() == 0.0 && value.abs() < 9.0e15 {
        Node::Scalar((value as i64).into())
    } else {
        Node::Scalar(value.into())
    }
}

/// Page values as values of the schema's type; `None` when one does not parse.
fn typed_values(values: &[String], typ: &str) -> Option<Vec<Node>> {
    values
        .iter()
        .map(|value| {
            let value = value.trim();
            match typ {
                "string" => Some(Node::text(value)),
                "integer" => value.parse::<i64>().ok().map(|v| Node::Scalar(v.into())),
                "number" => value.parse::<f64>().ok().map(|v| Node::Scalar(v.into())),
                "boolean" => value.parse::<bool>().ok().map(|v| Node::Scalar(v.into())),
                _ => None,
            }
        })
        .collect()
}
