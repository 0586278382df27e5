//! The rules: services, operations, parameters, bodies, responses and schemas, old against new.

use std::collections::HashSet;

use super::{Finding, Level};
use crate::ir::{
    Field, IntegerWidth, NumberWidth, Operation, Parameter, ParameterLocation, Response,
    ResponseHeader, Service, Shape, ShapeKind, StringFormat, TypeKind,
};
use crate::pointer::Pointer;

/// Compares two sets of services (one per spec file), old and new. Services are paired by module
/// name; a removed file and an added file with the same title are a rename.
pub fn compare(before: &[Service], after: &[Service]) -> Vec<Finding> {
    let mut out = Findings::default();
    let mut unmatched_after: Vec<&Service> =
        after.iter().filter(|a| !before.iter().any(|b| b.module == a.module)).collect();
    for old in before {
        let new = after.iter().find(|a| a.module == old.module).or_else(|| {
            let position = unmatched_after.iter().position(|a| a.title == old.title)?;
            let renamed = unmatched_after.remove(position);
            out.push(
                "spec-renamed",
                Level::Info,
                &renamed.spec_file,
                None,
                &Pointer::root(),
                format!("spec file `{}` is now `{}`", old.spec_file, renamed.spec_file),
                format!("module and feature `{}` become `{}`", old.module, renamed.module),
                true,
            );
            Some(renamed)
        });
        match new {
            Some(new) => compare_service(&mut out, old, new),
            None => {
                out.push(
                    "spec-removed",
                    Level::Breaking,
                    &old.spec_file,
                    None,
                    &Pointer::root(),
                    format!("spec file `{}` ({}) was removed", old.spec_file, old.title),
                    format!("module and feature `{}` are removed", old.module),
                    true,
                );
                for op in &old.operations {
                    endpoint_removed(&mut out, old, op);
                }
            }
        }
    }
    for new in unmatched_after {
        out.push(
            "spec-added",
            Level::Info,
            &new.spec_file,
            None,
            &Pointer::root(),
            format!("spec file `{}` ({}) was added", new.spec_file, new.title),
            format!("new module and feature `{}`", new.module),
            false,
        );
        for op in &new.operations {
            endpoint_added(&mut out, new, op);
        }
    }
    out.items
}

#[derive(Default)]
struct Findings {
    items: Vec<Finding>,
}

impl Findings {
    #[allow(clippy::too_many_arguments)]
    fn push(
        &mut self,
        rule: impl Into<String>,
        level: Level,
        spec: &str,
        operation: Option<&str>,
        pointer: &Pointer,
        message: String,
        rust_impact: String,
        rust_breaking: bool,
    ) {
        let (rule, pointer) = (rule.into(), pointer.to_string());
        let fingerprint = Finding::fingerprint_of(&rule, spec, operation, &pointer, &message);
        self.items.push(Finding {
            rule,
            level,
            spec: spec.to_owned(),
            operation: operation.map(str::to_owned),
            pointer,
            message,
            rust_impact,
            rust_breaking,
            fingerprint,
            accepted: false,
        });
    }
}

fn operation_pointer(op: &Operation) -> Pointer {
    Pointer::root().join("paths").join(&op.path).join(op.method.to_lowercase())
}

fn endpoint_removed(out: &mut Findings, service: &Service, op: &Operation) {
    out.push(
        "endpoint-removed",
        Level::Breaking,
        &service.spec_file,
        Some(&op.id),
        &operation_pointer(op),
        format!("`{} {}` was removed", op.method, op.path),
        format!(
            "`{}`, `{}`, `{}` and the client method `{}` are removed",
            op.request_type, op.response_type, op.status_type, op.method_name
        ),
        true,
    );
}

fn endpoint_added(out: &mut Findings, service: &Service, op: &Operation) {
    out.push(
        "endpoint-added",
        Level::Info,
        &service.spec_file,
        Some(&op.id),
        &operation_pointer(op),
        format!("`{} {}` was added", op.method, op.path),
        format!(
            "new `{}`, `{}`, `{}` and client method `{}`",
            op.request_type, op.response_type, op.status_type, op.method_name
        ),
        false,
    );
}

fn compare_service(out: &mut Findings, before: &Service, after: &Service) {
    let key = |op: &Operation| (op.method.clone(), op.path.clone());
    for old in &before.operations {
        match after.operations.iter().find(|n| key(n) == key(old)) {
            Some(new) => {
                Operations { out, before, after, old, new, visited: HashSet::new() }.compare()
            }
            None => endpoint_removed(out, after, old),
        }
    }
    for new in
        after.operations.iter().filter(|n| !before.operations.iter().any(|o| key(o) == key(n)))
    {
        endpoint_added(out, after, new);
    }
    let old_table = before.status_table.as_ref().map(|t| &t.entries[..]).unwrap_or_default();
    let new_table = after.status_table.as_ref().map(|t| &t.entries[..]).unwrap_or_default();
    let table_name = after
        .status_table
        .as_ref()
        .or(before.status_table.as_ref())
        .map(|t| t.name.clone())
        .unwrap_or_default();
    let pointer = Pointer::root().join("x-huawei-status-codes");
    for old in old_table.iter().filter(|o| !new_table.iter().any(|n| n.code == o.code)) {
        out.push(
            "status-code-removed",
            Level::Warning,
            &after.spec_file,
            None,
            &pointer,
            format!("status {} {} was removed from the table", old.code, old.reason),
            format!("variant `{table_name}::{}` is removed", old.variant),
            true,
        );
    }
    for new in new_table.iter().filter(|n| !old_table.iter().any(|o| o.code == n.code)) {
        out.push(
            "status-code-added",
            Level::Info,
            &after.spec_file,
            None,
            &pointer,
            format!("status {} {} was added to the table", new.code, new.reason),
            format!(
                "new variant `{table_name}::{}` (breaking for exhaustive `match`es)",
                new.variant
            ),
            true,
        );
    }
}

/// Whether a value is sent (request) or received (response): the same change means different things.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Direction {
    Request,
    Response,
}

/// What holds a shape, for rule ids and messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Subject {
    Parameter,
    Body,
    Property,
    Header,
}

fn prefix(direction: Direction, subject: Subject) -> &'static str {
    match (direction, subject) {
        (Direction::Request, Subject::Parameter) => "request-parameter",
        (Direction::Request, Subject::Body) => "request-body",
        (Direction::Request, Subject::Property) => "request-property",
        (Direction::Response, Subject::Body) => "response-body",
        (_, Subject::Header) => "response-header",
        (Direction::Response, _) => "response-property",
    }
}

struct Operations<'a> {
    out: &'a mut Findings,
    before: &'a Service,
    after: &'a Service,
    old: &'a Operation,
    new: &'a Operation,
    /// Pairs of named types already compared in a direction (recursion and shared types).
    visited: HashSet<(usize, usize, Direction)>,
}

impl Operations<'_> {
    #[allow(clippy::too_many_arguments)]
    fn push(
        &mut self,
        rule: impl Into<String>,
        level: Level,
        pointer: &Pointer,
        message: String,
        rust_impact: String,
        rust_breaking: bool,
    ) {
        let (spec, id) = (self.after.spec_file.clone(), self.new.id.clone());
        self.out.push(rule, level, &spec, Some(&id), pointer, message, rust_impact, rust_breaking);
    }

    fn compare(&mut self) {
        let base = operation_pointer(self.new);
        if self.old.id != self.new.id {
            self.push(
                "operation-id-changed",
                Level::Info,
                &base.join("operationId"),
                format!("operationId `{}` is now `{}`", self.old.id, self.new.id),
                format!(
                    "`{}` and its types and client method are now named after `{}`",
                    self.old.request_type, self.new.id
                ),
                true,
            );
        }
        let group =
            |service: &Service, op: &Operation| op.group.map(|g| service.groups[g].module.clone());
        let (old_group, new_group) = (group(self.before, self.old), group(self.after, self.new));
        if old_group != new_group {
            let show = |g: &Option<String>| {
                g.as_ref()
                    .map_or_else(|| "the service module".to_owned(), |g| format!("module `{g}`"))
            };
            self.push(
                "operation-group-changed",
                Level::Info,
                &base.join("tags"),
                format!("the operation moved from {} to {} (its first tag, or the service's tags, changed); the wire format is unchanged", show(&old_group), show(&new_group)),
                format!("`{}` and its types move to {} (new paths and cargo feature)", self.new.request_type, show(&new_group)),
                true,
            );
        }
        self.parameters(&base);
        self.body(&base);
        self.responses(&base);
    }

    fn parameters(&mut self, base: &Pointer) {
        let (old_op, new_op) = (self.old, self.new);
        let key = |p: &Parameter| (p.location, p.wire_name.clone());
        for (index, new) in new_op.parameters.iter().enumerate() {
            let pointer = base.join("parameters").join(index);
            let place = place(new.location);
            match old_op.parameters.iter().find(|o| key(o) == key(new)) {
                None => {
                    let (rule, level) = if new.required {
                        ("new-required-request-parameter", Level::Breaking)
                    } else {
                        ("new-optional-request-parameter", Level::Info)
                    };
                    self.push(
                        rule,
                        level,
                        &pointer,
                        format!(
                            "new {}{place} parameter `{}`",
                            if new.required { "required " } else { "optional " },
                            new.wire_name
                        ),
                        format!(
                            "new field `{}.{}` and a new argument of client method `{}`",
                            new_op.request_type, new.rust_name, new_op.method_name
                        ),
                        true,
                    );
                }
                Some(old) => {
                    if old.required != new.required {
                        let (rule, level, how) = if new.required {
                            ("request-parameter-became-required", Level::Breaking, "required")
                        } else {
                            ("request-parameter-became-optional", Level::Info, "optional")
                        };
                        self.push(
                            rule,
                            level,
                            &pointer,
                            format!("{place} parameter `{}` became {how}", new.wire_name),
                            option_impact(&new_op.request_type, &new.rust_name, new.required),
                            true,
                        );
                    }
                    let style =
                        |p: &Parameter| (p.separator, p.object_style, p.allow_reserved, p.json);
                    if style(old) != style(new) {
                        self.push(
                            "request-parameter-style-changed",
                            Level::Breaking,
                            &pointer,
                            format!("{place} parameter `{}` is written differently (`style`, `explode`, `allowReserved` or JSON `content` changed)", new.wire_name),
                            "no type change; requests are encoded the new way".into(),
                            false,
                        );
                    }
                    let what = format!("{place} parameter `{}`", new.wire_name);
                    let owner = format!("{}.{}", new_op.request_type, new.rust_name);
                    self.shape(
                        Direction::Request,
                        Subject::Parameter,
                        &old.shape,
                        &new.shape,
                        &pointer.join("schema"),
                        &what,
                        &owner,
                    );
                }
            }
        }
        for old in
            old_op.parameters.iter().filter(|o| !new_op.parameters.iter().any(|n| key(n) == key(o)))
        {
            self.push(
                "request-parameter-removed",
                Level::Warning,
                base,
                format!("{} parameter `{}` was removed", place(old.location), old.wire_name),
                format!(
                    "field `{}.{}` and its client-method argument are removed",
                    old_op.request_type, old.rust_name
                ),
                true,
            );
        }
    }

    fn body(&mut self, base: &Pointer) {
        let pointer = base.join("requestBody");
        let request = self.new.request_type.clone();
        match (&self.old.body, &self.new.body) {
            (None, Some(new)) => {
                let (rule, level) = if new.required {
                    ("request-body-added-required", Level::Breaking)
                } else {
                    ("request-body-added-optional", Level::Info)
                };
                self.push(
                    rule,
                    level,
                    &pointer,
                    "a request body was added".into(),
                    format!("new field `{request}.body`"),
                    true,
                );
            }
            (Some(_), None) => self.push(
                "request-body-removed",
                Level::Warning,
                &pointer,
                "the request body was removed".into(),
                format!("field `{request}.body` is removed"),
                true,
            ),
            (Some(old), Some(new)) => {
                if old.required != new.required {
                    let (rule, level, how) = if new.required {
                        ("request-body-became-required", Level::Breaking, "required")
                    } else {
                        ("request-body-became-optional", Level::Info, "optional")
                    };
                    self.push(
                        rule,
                        level,
                        &pointer,
                        format!("the request body became {how}"),
                        option_impact(&request, "body", new.required),
                        true,
                    );
                }
                if old.media_type != new.media_type {
                    self.push(
                        "request-body-media-type-changed",
                        Level::Breaking,
                        &pointer.join("content"),
                        format!(
                            "the request body is now sent as `{}` (was `{}`)",
                            new.media_type, old.media_type
                        ),
                        "no type change; the body is encoded the new way".into(),
                        false,
                    );
                }
                let schema = pointer.join("content").join(&new.media_type).join("schema");
                self.shape(
                    Direction::Request,
                    Subject::Body,
                    &old.shape,
                    &new.shape,
                    &schema,
                    "the request body",
                    &format!("{request}.body"),
                );
            }
            (None, None) => {}
        }
    }

    fn responses(&mut self, base: &Pointer) {
        let (old_op, new_op) = (self.old, self.new);
        for new in &new_op.responses {
            let code = new.status.label();
            let pointer = base.join("responses").join(&code);
            let success = new.status.success;
            match old_op.responses.iter().find(|o| o.status.pattern == new.status.pattern) {
                None => {
                    let rule = if success {
                        "response-success-status-added"
                    } else {
                        "response-non-success-status-added"
                    };
                    self.push(
                        rule,
                        Level::Info,
                        &pointer,
                        format!("status {code} was added"),
                        format!(
                            "new variant `{}` in `{}` and `{}` (breaking for exhaustive `match`es)",
                            new.status.variant, new_op.response_type, new_op.status_type
                        ),
                        true,
                    );
                }
                Some(old) => {
                    let response_type = format!("{}::{}", new_op.response_type, new.status.variant);
                    match (&old.body, &new.body) {
                        (None, Some(_)) => self.push(
                            "response-body-added",
                            Level::Info,
                            &pointer,
                            format!("status {code} now documents a body"),
                            format!(
                                "`{response_type}` now holds the decoded body instead of raw bytes"
                            ),
                            true,
                        ),
                        (Some(_), None) => self.push(
                            "response-body-removed",
                            Level::Breaking,
                            &pointer,
                            format!("status {code} no longer documents a body"),
                            format!("`{response_type}` now holds raw bytes"),
                            true,
                        ),
                        (Some(old_body), Some(new_body)) => {
                            let schema =
                                pointer.join("content").join("application/json").join("schema");
                            self.shape(
                                Direction::Response,
                                Subject::Body,
                                old_body,
                                new_body,
                                &schema,
                                &format!("the {code} response body"),
                                &response_type,
                            );
                        }
                        (None, None) => {}
                    }
                    self.headers(old, new, &pointer, &response_type);
                }
            }
        }
        for old in old_op
            .responses
            .iter()
            .filter(|o| !new_op.responses.iter().any(|n| n.status.pattern == o.status.pattern))
        {
            let (rule, level) = if old.status.success {
                ("response-success-status-removed", Level::Breaking)
            } else {
                ("response-non-success-status-removed", Level::Warning)
            };
            self.push(
                rule,
                level,
                &base.join("responses").join(old.status.label()),
                format!("status {} was removed", old.status.label()),
                format!(
                    "variant `{}` is removed from `{}` and `{}`",
                    old.status.variant, old_op.response_type, old_op.status_type
                ),
                true,
            );
        }
    }

    /// Compares the documented headers of a response present on both sides (`variant` is its
    /// response enum variant, for the Rust impact).
    fn headers(&mut self, old: &Response, new: &Response, pointer: &Pointer, variant: &str) {
        let struct_name = new.headers_type.clone().unwrap_or_default();
        let same =
            |a: &ResponseHeader, b: &ResponseHeader| a.wire_name.eq_ignore_ascii_case(&b.wire_name);
        for header in &new.headers {
            let at = pointer.join("headers").join(&header.wire_name);
            let name = &header.wire_name;
            let Some(before) = old.headers.iter().find(|o| same(o, header)) else {
                let impact = if old.headers.is_empty() {
                    format!(
                        "`{variant}` gains the decoded headers, `{struct_name}` (breaking for patterns that match the variant)"
                    )
                } else {
                    format!(
                        "new field `{struct_name}.{}` (breaking for code that builds `{struct_name}` with a struct literal)",
                        header.rust_name
                    )
                };
                let level = if header.required { Level::Warning } else { Level::Info };
                let required = if header.required { "required " } else { "" };
                self.push(
                    "response-header-added",
                    level,
                    &at,
                    format!("the {required}response header `{name}` was documented"),
                    impact,
                    true,
                );
                continue;
            };
            let field = format!("{struct_name}.{}", header.rust_name);
            if before.required != header.required {
                let (rule, level, how) = if header.required {
                    ("response-header-became-required", Level::Warning, "required")
                } else {
                    ("response-header-became-optional", Level::Breaking, "optional")
                };
                self.push(
                    rule,
                    level,
                    &at.join("required"),
                    format!("response header `{name}` became {how}"),
                    format!("`{field}` changes between `T` and `Option<T>`"),
                    true,
                );
            }
            self.shape(
                Direction::Response,
                Subject::Header,
                &before.shape,
                &header.shape,
                &at.join("schema"),
                &format!("response header `{name}`"),
                &field,
            );
        }
        for header in old.headers.iter().filter(|o| !new.headers.iter().any(|n| same(o, n))) {
            let struct_name = old.headers_type.clone().unwrap_or_default();
            let impact = if new.headers.is_empty() {
                format!("`{variant}` no longer holds `{struct_name}`")
            } else {
                format!("field `{struct_name}.{}` is removed", header.rust_name)
            };
            let name = &header.wire_name;
            self.push(
                "response-header-removed",
                Level::Breaking,
                &pointer.join("headers").join(name),
                format!("response header `{name}` is no longer documented"),
                impact,
                true,
            );
        }
    }

    /// Compares two shapes at `pointer`; `what` names the value in messages, `owner` in Rust terms.
    #[allow(clippy::too_many_arguments)]
    fn shape(
        &mut self,
        direction: Direction,
        subject: Subject,
        old: &Shape,
        new: &Shape,
        pointer: &Pointer,
        what: &str,
        owner: &str,
    ) {
        let prefix = prefix(direction, subject);
        let old_desc = describe(self.before, old);
        let new_desc = describe(self.after, new);
        if !same_kind(self.before, self.after, old, new) {
            let rule = type_changed_rule(prefix);
            self.push(
                rule,
                Level::Breaking,
                pointer,
                format!("the type of {what} changed from {old_desc} to {new_desc}"),
                format!(
                    "`{owner}` changes type from `{}` to `{}`",
                    rust_type(self.before, old),
                    rust_type(self.after, new)
                ),
                true,
            );
            return;
        }
        if old.nullable != new.nullable {
            // Accepting null is compatible for requests; returning it can break readers.
            let (suffix, level) = match (new.nullable, direction) {
                (true, Direction::Request) => ("became-nullable", Level::Info),
                (true, Direction::Response) => ("became-nullable", Level::Breaking),
                (false, Direction::Request) => ("became-not-nullable", Level::Breaking),
                (false, Direction::Response) => ("became-not-nullable", Level::Info),
            };
            let change = if new.nullable {
                "changes from `T` to `Option<T>`"
            } else {
                "changes from `Option<T>` to `T`"
            };
            self.push(
                rule_id(prefix, suffix),
                level,
                &pointer.join("nullable"),
                format!(
                    "{what} {} null",
                    if new.nullable { "now accepts" } else { "no longer accepts" }
                ),
                format!("`{owner}` {change} where it was required"),
                true,
            );
        }
        self.constraints(direction, prefix, old, new, pointer, what);
        match (&old.kind, &new.kind) {
            (ShapeKind::String(a), ShapeKind::String(b)) if a != b => {
                self.format(direction, prefix, *a, *b, pointer, what)
            }
            (ShapeKind::Array(a), ShapeKind::Array(b)) => self.shape(
                direction,
                subject,
                a,
                b,
                &pointer.join("items"),
                &format!("the items of {what}"),
                &format!("{owner}[..]"),
            ),
            (ShapeKind::Map(a), ShapeKind::Map(b)) => self.shape(
                direction,
                subject,
                a,
                b,
                &pointer.join("additionalProperties"),
                &format!("the values of {what}"),
                &format!("{owner}[..]"),
            ),
            (ShapeKind::Named(a), ShapeKind::Named(b)) => {
                self.named(direction, *a, *b, pointer, what)
            }
            _ => {}
        }
    }

    fn format(
        &mut self,
        direction: Direction,
        prefix: &str,
        old: Option<StringFormat>,
        new: Option<StringFormat>,
        pointer: &Pointer,
        what: &str,
    ) {
        let name = |f: Option<StringFormat>| match f {
            Some(StringFormat::Uuid) => "uuid",
            Some(StringFormat::DateTime) => "date-time",
            None => "none",
        };
        let (suffix, level) = match (old, new, direction) {
            (None, Some(_), Direction::Request) => ("format-added", Level::Breaking),
            (None, Some(_), Direction::Response) => ("format-added", Level::Info),
            (Some(_), None, Direction::Request) => ("format-removed", Level::Info),
            (Some(_), None, Direction::Response) => ("format-removed", Level::Warning),
            (_, _, Direction::Request) => ("format-changed", Level::Breaking),
            (_, _, Direction::Response) => ("format-changed", Level::Warning),
        };
        self.push(
            rule_id(prefix, suffix),
            level,
            &pointer.join("format"),
            format!("the format of {what} changed from {} to {}", name(old), name(new)),
            "no type change; `validate()` checks the new format".into(),
            false,
        );
    }

    fn constraints(
        &mut self,
        direction: Direction,
        prefix: &str,
        old: &Shape,
        new: &Shape,
        pointer: &Pointer,
        what: &str,
    ) {
        let (a, b) = (&old.constraints, &new.constraints);
        let to_f = |v: Option<usize>| v.map(|v| v as f64);
        self.bound(
            direction,
            prefix,
            "max-length",
            true,
            to_f(a.max_length),
            to_f(b.max_length),
            &pointer.join("maxLength"),
            what,
        );
        self.bound(
            direction,
            prefix,
            "min-length",
            false,
            to_f(a.min_length),
            to_f(b.min_length),
            &pointer.join("minLength"),
            what,
        );
        self.bound(
            direction,
            prefix,
            "max-items",
            true,
            to_f(a.max_items),
            to_f(b.max_items),
            &pointer.join("maxItems"),
            what,
        );
        self.bound(
            direction,
            prefix,
            "min-items",
            false,
            to_f(a.min_items),
            to_f(b.min_items),
            &pointer.join("minItems"),
            what,
        );
        self.bound(
            direction,
            prefix,
            "max",
            true,
            a.maximum.map(|m| m.value),
            b.maximum.map(|m| m.value),
            &pointer.join("maximum"),
            what,
        );
        self.bound(
            direction,
            prefix,
            "min",
            false,
            a.minimum.map(|m| m.value),
            b.minimum.map(|m| m.value),
            &pointer.join("minimum"),
            what,
        );
        self.bound(
            direction,
            prefix,
            "max-properties",
            true,
            to_f(a.max_properties),
            to_f(b.max_properties),
            &pointer.join("maxProperties"),
            what,
        );
        self.bound(
            direction,
            prefix,
            "min-properties",
            false,
            to_f(a.min_properties),
            to_f(b.min_properties),
            &pointer.join("minProperties"),
            what,
        );
        if a.unique_items != b.unique_items {
            let (suffix, level) = match (b.unique_items, direction) {
                (true, Direction::Request) => ("unique-items-set", Level::Breaking),
                (true, Direction::Response) => ("unique-items-set", Level::Info),
                (false, Direction::Request) => ("unique-items-removed", Level::Info),
                (false, Direction::Response) => ("unique-items-removed", Level::Warning),
            };
            let how =
                if b.unique_items { "may no longer repeat items" } else { "may now repeat items" };
            self.push(
                rule_id(prefix, suffix),
                level,
                &pointer.join("uniqueItems"),
                format!("{what} {how}"),
                "no type change; `validate()` checks the new rule".into(),
                false,
            );
        }
        if a.multiple_of != b.multiple_of {
            let (suffix, level) = match (a.multiple_of, b.multiple_of, direction) {
                (None, Some(_), Direction::Request) => ("multiple-of-set", Level::Breaking),
                (None, Some(_), Direction::Response) => ("multiple-of-set", Level::Info),
                (Some(_), None, Direction::Request) => ("multiple-of-removed", Level::Info),
                (Some(_), None, Direction::Response) => ("multiple-of-removed", Level::Warning),
                (_, _, Direction::Request) => ("multiple-of-changed", Level::Warning),
                (_, _, Direction::Response) => ("multiple-of-changed", Level::Info),
            };
            let show = |v: Option<f64>| v.map_or("none".to_owned(), |v| v.to_string());
            self.push(
                rule_id(prefix, suffix),
                level,
                &pointer.join("multipleOf"),
                format!(
                    "the multipleOf of {what} changed from {} to {}",
                    show(a.multiple_of),
                    show(b.multiple_of)
                ),
                "no type change; `validate()` checks the new rule".into(),
                false,
            );
        }
        let numbers = |c: &crate::ir::Constraints| -> Option<Vec<String>> {
            c.allowed_integers
                .as_ref()
                .map(|v| v.iter().map(i64::to_string).collect())
                .or_else(|| {
                    c.allowed_numbers.as_ref().map(|v| v.iter().map(f64::to_string).collect())
                })
                .or_else(|| {
                    c.allowed_booleans.as_ref().map(|v| v.iter().map(bool::to_string).collect())
                })
        };
        self.number_enum(direction, prefix, numbers(a), numbers(b), &pointer.join("enum"), what);
        if a.pattern != b.pattern {
            let (suffix, level) = match (&a.pattern, &b.pattern, direction) {
                (None, Some(_), Direction::Request) => ("pattern-added", Level::Warning),
                (None, Some(_), Direction::Response) => ("pattern-added", Level::Info),
                (Some(_), None, Direction::Request) => ("pattern-removed", Level::Info),
                (Some(_), None, Direction::Response) => ("pattern-removed", Level::Warning),
                (_, _, Direction::Request) => ("pattern-changed", Level::Warning),
                (_, _, Direction::Response) => ("pattern-changed", Level::Info),
            };
            let show =
                |p: &Option<String>| p.as_ref().map_or("none".to_owned(), |p| format!("`{p}`"));
            self.push(
                rule_id(prefix, suffix),
                level,
                &pointer.join("pattern"),
                format!(
                    "the pattern of {what} changed from {} to {}",
                    show(&a.pattern),
                    show(&b.pattern)
                ),
                "no type change; `validate()` checks the new pattern".into(),
                false,
            );
        }
    }

    /// The `enum` of an integer or number: values added widen what may be sent and returned, values
    /// removed narrow it; an enum set or removed does the same for every value.
    fn number_enum(
        &mut self,
        direction: Direction,
        prefix: &str,
        old: Option<Vec<String>>,
        new: Option<Vec<String>>,
        pointer: &Pointer,
        what: &str,
    ) {
        let impact = || "no type change; `validate()` checks the new values".to_owned();
        match (old, new) {
            (None, Some(values)) => {
                let level =
                    if direction == Direction::Request { Level::Breaking } else { Level::Info };
                self.push(
                    rule_id(prefix, "enum-set"),
                    level,
                    pointer,
                    format!("{what} is now limited to {}", values.join(", ")),
                    impact(),
                    false,
                );
            }
            (Some(_), None) => {
                let level =
                    if direction == Direction::Request { Level::Info } else { Level::Warning };
                self.push(
                    rule_id(prefix, "enum-removed"),
                    level,
                    pointer,
                    format!("{what} is no longer limited to listed values"),
                    impact(),
                    false,
                );
            }
            (Some(old), Some(new)) => {
                for value in new.iter().filter(|v| !old.contains(v)) {
                    let level =
                        if direction == Direction::Request { Level::Info } else { Level::Warning };
                    self.push(
                        rule_id(prefix, "enum-value-added"),
                        level,
                        pointer,
                        format!("{what} has a new value `{value}`"),
                        impact(),
                        false,
                    );
                }
                for value in old.iter().filter(|v| !new.contains(v)) {
                    let level =
                        if direction == Direction::Request { Level::Breaking } else { Level::Info };
                    self.push(
                        rule_id(prefix, "enum-value-removed"),
                        level,
                        pointer,
                        format!("value `{value}` of {what} was removed"),
                        impact(),
                        false,
                    );
                }
            }
            (None, None) => {}
        }
    }

    /// An upper (`upper`) or lower bound: tightening what is accepted breaks requests; widening what
    /// may be returned needs a look from response readers.
    #[allow(clippy::too_many_arguments)]
    fn bound(
        &mut self,
        direction: Direction,
        prefix: &str,
        name: &'static str,
        upper: bool,
        old: Option<f64>,
        new: Option<f64>,
        pointer: &Pointer,
        what: &str,
    ) {
        if old == new {
            return;
        }
        let (suffix, tighter) = match (old, new) {
            (None, Some(_)) => ("set", true),
            (Some(_), None) => ("removed", false),
            (Some(o), Some(n)) => {
                let decreased = n < o;
                (if decreased { "decreased" } else { "increased" }, decreased == upper)
            }
            (None, None) => return,
        };
        let level = match (direction, tighter) {
            (Direction::Request, true) => Level::Breaking,
            (Direction::Request, false) => Level::Info,
            (Direction::Response, true) => Level::Info,
            (Direction::Response, false) => Level::Warning,
        };
        let show = |v: Option<f64>| v.map_or("none".to_owned(), |v| v.to_string());
        let label = name.replace('-', " ");
        self.push(
            rule_id(prefix, &format!("{name}-{suffix}")),
            level,
            pointer,
            format!("the {label} of {what} changed from {} to {}", show(old), show(new)),
            "no type change; `validate()` checks the new bound".into(),
            false,
        );
    }

    fn named(
        &mut self,
        direction: Direction,
        old_id: usize,
        new_id: usize,
        pointer: &Pointer,
        what: &str,
    ) {
        if !self.visited.insert((old_id, new_id, direction)) {
            return;
        }
        let (old, new) = (&self.before.types[old_id], &self.after.types[new_id]);
        if old.name != new.name {
            self.push(
                "type-renamed",
                Level::Info,
                pointer,
                format!(
                    "{what} is now the schema named `{}` (was `{}`); the wire format is unchanged",
                    new.name, old.name
                ),
                format!("type `{}` is now named `{}`", old.name, new.name),
                true,
            );
        }
        let prefix = prefix(direction, Subject::Property);
        match (&old.kind, &new.kind) {
            (TypeKind::StringEnum(a), TypeKind::StringEnum(b)) => {
                for value in b.iter().filter(|v| !a.iter().any(|o| o.wire_value == v.wire_value)) {
                    let level =
                        if direction == Direction::Request { Level::Info } else { Level::Warning };
                    self.push(
                        rule_id(prefix, "enum-value-added"),
                        level,
                        &pointer.join("enum"),
                        format!("{what} has a new value `{}`", value.wire_value),
                        format!("new variant `{}::{}` (breaking for exhaustive `match`es; older crates decode it as `Unknown`)", new.name, value.rust_name),
                        true,
                    );
                }
                for value in a.iter().filter(|v| !b.iter().any(|n| n.wire_value == v.wire_value)) {
                    let level =
                        if direction == Direction::Request { Level::Breaking } else { Level::Info };
                    self.push(
                        rule_id(prefix, "enum-value-removed"),
                        level,
                        &pointer.join("enum"),
                        format!("value `{}` of {what} was removed", value.wire_value),
                        format!("variant `{}::{}` is removed", old.name, value.rust_name),
                        true,
                    );
                }
            }
            (TypeKind::Struct(a), TypeKind::Struct(b)) => {
                let (old_count, new_count) = (old.property_count, new.property_count);
                let to_f = |v: Option<usize>| v.map(|v| v as f64);
                self.bound(
                    direction,
                    prefix,
                    "max-properties",
                    true,
                    to_f(old_count.max),
                    to_f(new_count.max),
                    &pointer.join("maxProperties"),
                    what,
                );
                self.bound(
                    direction,
                    prefix,
                    "min-properties",
                    false,
                    to_f(old_count.min),
                    to_f(new_count.min),
                    &pointer.join("minProperties"),
                    what,
                );
                self.fields(direction, &new.name, a, b, pointer)
            }
            (TypeKind::Union(a, _), TypeKind::Union(b, _)) => {
                // A new alternative is accepted by new servers but unknown to old readers.
                for variant in b.iter().filter(|v| !a.iter().any(|o| o.rust_name == v.rust_name)) {
                    let level =
                        if direction == Direction::Request { Level::Info } else { Level::Warning };
                    let impact = format!(
                        "new variant `{}::{}` (breaking for exhaustive `match`es)",
                        new.name, variant.rust_name
                    );
                    self.push(
                        rule_id(prefix, "one-of-added"),
                        level,
                        pointer,
                        format!("{what} has a new alternative `{}`", variant.rust_name),
                        impact,
                        true,
                    );
                }
                for variant in a.iter().filter(|v| !b.iter().any(|n| n.rust_name == v.rust_name)) {
                    let level =
                        if direction == Direction::Request { Level::Breaking } else { Level::Info };
                    let impact =
                        format!("variant `{}::{}` is removed", old.name, variant.rust_name);
                    self.push(
                        rule_id(prefix, "one-of-removed"),
                        level,
                        pointer,
                        format!("alternative `{}` of {what} was removed", variant.rust_name),
                        impact,
                        true,
                    );
                }
                for variant in b {
                    if let Some(previous) = a.iter().find(|o| o.rust_name == variant.rust_name) {
                        let owner = format!("{}::{}", new.name, variant.rust_name);
                        self.shape(
                            direction,
                            Subject::Property,
                            &previous.shape,
                            &variant.shape,
                            pointer,
                            &format!("alternative `{}` of {what}", variant.rust_name),
                            &owner,
                        );
                    }
                }
            }
            _ => {}
        }
    }

    fn fields(
        &mut self,
        direction: Direction,
        type_name: &str,
        old: &[Field],
        new: &[Field],
        pointer: &Pointer,
    ) {
        let prefix = prefix(direction, Subject::Property);
        for field in new {
            let at = pointer.join("properties").join(&field.wire_name);
            let member = format!("{type_name}.{}", field.rust_name);
            match old.iter().find(|o| o.wire_name == field.wire_name) {
                None => {
                    let (rule, level) = match (direction, field.required) {
                        (Direction::Request, true) => {
                            ("new-required-request-property", Level::Breaking)
                        }
                        (Direction::Request, false) => {
                            ("new-optional-request-property", Level::Info)
                        }
                        (Direction::Response, true) => {
                            ("response-required-property-added", Level::Info)
                        }
                        (Direction::Response, false) => {
                            ("response-optional-property-added", Level::Info)
                        }
                    };
                    self.push(
                        rule,
                        level,
                        &at,
                        format!("new {} property `{}` in `{type_name}`", if field.required { "required" } else { "optional" }, field.wire_name),
                        format!("new field `{member}` (breaking for code that builds `{type_name}` with a struct literal)"),
                        true,
                    );
                }
                Some(previous) => {
                    if previous.required != field.required {
                        let (rule, level, how) = match (direction, field.required) {
                            (Direction::Request, true) => {
                                ("request-property-became-required", Level::Breaking, "required")
                            }
                            (Direction::Request, false) => {
                                ("request-property-became-optional", Level::Info, "optional")
                            }
                            (Direction::Response, true) => {
                                ("response-property-became-required", Level::Info, "required")
                            }
                            (Direction::Response, false) => {
                                ("response-property-became-optional", Level::Breaking, "optional")
                            }
                        };
                        self.push(
                            rule,
                            level,
                            &at,
                            format!("property `{}` of `{type_name}` became {how}", field.wire_name),
                            option_impact(type_name, &field.rust_name, field.required),
                            true,
                        );
                    }
                    let what = format!("property `{}` of `{type_name}`", field.wire_name);
                    self.shape(
                        direction,
                        Subject::Property,
                        &previous.shape,
                        &field.shape,
                        &at,
                        &what,
                        &member,
                    );
                }
            }
        }
        for field in old.iter().filter(|o| !new.iter().any(|n| n.wire_name == o.wire_name)) {
            let level =
                if direction == Direction::Request { Level::Warning } else { Level::Breaking };
            self.push(
                rule_id(prefix, "removed"),
                level,
                &pointer.join("properties").join(&field.wire_name),
                format!("property `{}` of `{type_name}` was removed", field.wire_name),
                format!("field `{type_name}.{}` is removed", field.rust_name),
                true,
            );
        }
    }
}

fn place(location: ParameterLocation) -> &'static str {
    match location {
        ParameterLocation::Path => "path",
        ParameterLocation::Query => "query",
        ParameterLocation::Header => "header",
        ParameterLocation::Cookie => "cookie",
    }
}

fn option_impact(owner: &str, member: &str, required: bool) -> String {
    if required {
        format!("`{owner}.{member}` changes from `Option<T>` to `T`")
    } else {
        format!("`{owner}.{member}` changes from `T` to `Option<T>`")
    }
}

fn rule_id(prefix: &str, suffix: &str) -> String {
    format!("{prefix}-{suffix}")
}

fn type_changed_rule(prefix: &str) -> String {
    rule_id(prefix, "type-changed")
}

/// Whether two shapes have the same wire type (named types compare by kind, not by name).
fn same_kind(before: &Service, after: &Service, old: &Shape, new: &Shape) -> bool {
    match (&old.kind, &new.kind) {
        (ShapeKind::String(_), ShapeKind::String(_)) => true,
        (ShapeKind::Array(a), ShapeKind::Array(b)) | (ShapeKind::Map(a), ShapeKind::Map(b)) => {
            same_kind(before, after, a, b)
        }
        (ShapeKind::Named(a), ShapeKind::Named(b)) => {
            std::mem::discriminant(&before.types[*a].kind)
                == std::mem::discriminant(&after.types[*b].kind)
        }
        (a, b) => a == b,
    }
}

fn describe(service: &Service, shape: &Shape) -> String {
    match &shape.kind {
        ShapeKind::String(_) => "string".into(),
        ShapeKind::Integer(IntegerWidth::I32) => "integer (int32)".into(),
        ShapeKind::Integer(IntegerWidth::I64) => "integer (int64)".into(),
        ShapeKind::Number(NumberWidth::F32) => "number (float)".into(),
        ShapeKind::Number(NumberWidth::F64) => "number (double)".into(),
        ShapeKind::Boolean => "boolean".into(),
        ShapeKind::Array(items) => format!("array of {}", describe(service, items)),
        ShapeKind::Named(id) => match &service.types[*id].kind {
            TypeKind::Struct(_) => format!("object `{}`", service.types[*id].name),
            TypeKind::StringEnum(_) => format!("string enum `{}`", service.types[*id].name),
            TypeKind::Union(..) => format!("union `{}`", service.types[*id].name),
        },
        ShapeKind::AnyJson => "any JSON value".into(),
        ShapeKind::JsonObject => "free-form object".into(),
        ShapeKind::Map(values) => format!("map of {}", describe(service, values)),
        ShapeKind::Binary => "raw bytes".into(),
        ShapeKind::Base64 => "base64 bytes".into(),
    }
}

fn rust_type(service: &Service, shape: &Shape) -> String {
    match &shape.kind {
        ShapeKind::String(_) => "String".into(),
        ShapeKind::Integer(IntegerWidth::I32) => "i32".into(),
        ShapeKind::Integer(IntegerWidth::I64) => "i64".into(),
        ShapeKind::Number(NumberWidth::F32) => "f32".into(),
        ShapeKind::Number(NumberWidth::F64) => "f64".into(),
        ShapeKind::Boolean => "bool".into(),
        ShapeKind::Array(items) => format!("Vec<{}>", rust_type(service, items)),
        ShapeKind::Named(id) => service.types[*id].name.clone(),
        ShapeKind::AnyJson => "serde_json::Value".into(),
        ShapeKind::JsonObject => "serde_json::Map<String, serde_json::Value>".into(),
        ShapeKind::Map(values) => format!("BTreeMap<String, {}>", rust_type(service, values)),
        ShapeKind::Binary => "bytes::Bytes".into(),
        ShapeKind::Base64 => "runtime::Base64".into(),
    }
}
