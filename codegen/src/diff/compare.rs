//! The rules: services, operations, parameters, bodies, responses and schemas, old against new.

use std::collections::HashSet;

use super::{Finding, Level};
use crate::ir::{
    Field, IntegerWidth, NumberWidth, Operation, Parameter, ParameterLocation, Response,
    ResponseHeader, Service, Shape, ShapeKind, StringFormat, TypeId, TypeKind,
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
                Place { spec: &renamed.spec_file, operation: None, pointer: &Pointer::root() },
                Change {
                    rule: "spec-renamed".into(),
                    level: Level::Info,
                    message: format!(
                        "spec file `{}` is now `{}`",
                        old.spec_file, renamed.spec_file
                    ),
                    rust: RustImpact::breaking(format!(
                        "module and feature `{}` become `{}`",
                        old.module, renamed.module
                    )),
                },
            );
            Some(renamed)
        });
        match new {
            Some(new) => compare_service(&mut out, old, new),
            None => {
                out.push(
                    Place { spec: &old.spec_file, operation: None, pointer: &Pointer::root() },
                    Change {
                        rule: "spec-removed".into(),
                        level: Level::Breaking,
                        message: format!(
                            "spec file `{}` ({}) was removed",
                            old.spec_file, old.title
                        ),
                        rust: RustImpact::breaking(format!(
                            "module and feature `{}` are removed",
                            old.module
                        )),
                    },
                );
                for op in &old.operations {
                    endpoint_removed(&mut out, old, op);
                }
            }
        }
    }
    for new in unmatched_after {
        out.push(
            Place { spec: &new.spec_file, operation: None, pointer: &Pointer::root() },
            Change {
                rule: "spec-added".into(),
                level: Level::Info,
                message: format!("spec file `{}` ({}) was added", new.spec_file, new.title),
                rust: RustImpact::compatible(format!("new module and feature `{}`", new.module)),
            },
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

/// Where a finding is: the spec file, the operation (if any) and the JSON pointer.
struct Place<'a> {
    spec: &'a str,
    operation: Option<&'a str>,
    pointer: &'a Pointer,
}

/// What a finding says: its rule, level, message and what it means for the generated Rust API.
struct Change {
    rule: String,
    level: Level,
    message: String,
    rust: RustImpact,
}

/// What a change does to the generated Rust API, and whether that breaks code using it.
struct RustImpact {
    text: String,
    breaking: bool,
}

impl RustImpact {
    fn breaking(text: impl Into<String>) -> Self {
        Self { text: text.into(), breaking: true }
    }

    fn compatible(text: impl Into<String>) -> Self {
        Self { text: text.into(), breaking: false }
    }
}

impl Findings {
    fn push(&mut self, place: Place<'_>, change: Change) {
        let Change { rule, level, message, rust } = change;
        let (spec, operation, pointer) = (place.spec, place.operation, place.pointer.to_string());
        let fingerprint = Finding::fingerprint_of(&rule, spec, operation, &pointer, &message);
        self.items.push(Finding {
            rule,
            level,
            spec: spec.to_owned(),
            operation: operation.map(str::to_owned),
            pointer,
            message,
            rust_impact: rust.text,
            rust_breaking: rust.breaking,
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
        Place {
            spec: &service.spec_file,
            operation: Some(&op.id),
            pointer: &operation_pointer(op),
        },
        Change {
            rule: "endpoint-removed".into(),
            level: Level::Breaking,
            message: format!("`{} {}` was removed", op.method, op.path),
            rust: RustImpact::breaking(format!(
                "`{}`, `{}`, `{}` and the client method `{}` are removed",
                op.request_type, op.response_type, op.status_type, op.method_name
            )),
        },
    );
}

fn endpoint_added(out: &mut Findings, service: &Service, op: &Operation) {
    out.push(
        Place {
            spec: &service.spec_file,
            operation: Some(&op.id),
            pointer: &operation_pointer(op),
        },
        Change {
            rule: "endpoint-added".into(),
            level: Level::Info,
            message: format!("`{} {}` was added", op.method, op.path),
            rust: RustImpact::compatible(format!(
                "new `{}`, `{}`, `{}` and client method `{}`",
                op.request_type, op.response_type, op.status_type, op.method_name
            )),
        },
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
            Place { spec: &after.spec_file, operation: None, pointer: &pointer },
            Change {
                rule: "status-code-removed".into(),
                level: Level::Warning,
                message: format!("status {} {} was removed from the table", old.code, old.reason),
                rust: RustImpact::breaking(format!(
                    "variant `{table_name}::{}` is removed",
                    old.variant
                )),
            },
        );
    }
    for new in new_table.iter().filter(|n| !old_table.iter().any(|o| o.code == n.code)) {
        out.push(
            Place { spec: &after.spec_file, operation: None, pointer: &pointer },
            Change {
                rule: "status-code-added".into(),
                level: Level::Info,
                message: format!("status {} {} was added to the table", new.code, new.reason),
                rust: RustImpact::compatible(format!(
                    "new variant `{table_name}::{}`; the enum is `#[non_exhaustive]`, so every `match` on it already has a catch-all arm",
                    new.variant
                )),
            },
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

/// Where a shape is compared: its direction, what holds it, its pointer, how messages name it
/// (`what`) and its Rust member (`owner`).
#[derive(Clone, Copy)]
struct Site<'a> {
    direction: Direction,
    subject: Subject,
    pointer: &'a Pointer,
    what: &'a str,
    owner: &'a str,
}

impl Site<'_> {
    /// The rule-id prefix, e.g. `request-property`.
    fn prefix(&self) -> &'static str {
        prefix(self.direction, self.subject)
    }
}

/// A bound keyword: its rule name, its JSON Schema keyword, and whether it is an upper bound.
#[derive(Clone, Copy)]
struct BoundRule {
    name: &'static str,
    keyword: &'static str,
    upper: bool,
}

impl BoundRule {
    const MAX_LENGTH: Self = Self { name: "max-length", keyword: "maxLength", upper: true };
    const MIN_LENGTH: Self = Self { name: "min-length", keyword: "minLength", upper: false };
    const MAX_ITEMS: Self = Self { name: "max-items", keyword: "maxItems", upper: true };
    const MIN_ITEMS: Self = Self { name: "min-items", keyword: "minItems", upper: false };
    const MAXIMUM: Self = Self { name: "max", keyword: "maximum", upper: true };
    const MINIMUM: Self = Self { name: "min", keyword: "minimum", upper: false };
    const MAX_PROPERTIES: Self =
        Self { name: "max-properties", keyword: "maxProperties", upper: true };
    const MIN_PROPERTIES: Self =
        Self { name: "min-properties", keyword: "minProperties", upper: false };
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
    visited: HashSet<(TypeId, TypeId, Direction)>,
}

impl Operations<'_> {
    fn push(&mut self, pointer: &Pointer, change: Change) {
        let (spec, operation) = (self.after.spec_file.as_str(), self.new.id.as_str());
        self.out.push(Place { spec, operation: Some(operation), pointer }, change);
    }

    fn compare(&mut self) {
        let base = operation_pointer(self.new);
        if self.old.id != self.new.id {
            self.push(
                &base.join("operationId"),
                Change {
                    rule: "operation-id-changed".into(),
                    level: Level::Info,
                    message: format!("operationId `{}` is now `{}`", self.old.id, self.new.id),
                    rust: RustImpact::breaking(format!(
                        "`{}` and its types and client method are now named after `{}`",
                        self.old.request_type, self.new.id
                    )),
                },
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
            self.push(&base.join("tags"), Change { rule: "operation-group-changed".into(), level: Level::Info, message: format!("the operation moved from {} to {} (its first tag, or the service's tags, changed); the wire format is unchanged", show(&old_group), show(&new_group)), rust: RustImpact::breaking(format!("`{}` and its types move to {} (new paths and cargo feature)", self.new.request_type, show(&new_group))) });
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
                        &pointer,
                        Change {
                            rule: rule.into(),
                            level,
                            message: format!(
                                "new {}{place} parameter `{}`",
                                if new.required { "required " } else { "optional " },
                                new.wire_name
                            ),
                            rust: if new.required {
                                RustImpact::breaking(format!(
                                    "new field `{}.{}`, which `{}::new` and client method `{}` take",
                                    new_op.request_type, new.rust_name, new_op.request_type, new_op.method_name
                                ))
                            } else {
                                RustImpact::compatible(format!(
                                    "new field `{}.{}` (`with_{}` on the request and the call); the request is `#[non_exhaustive]`",
                                    new_op.request_type, new.rust_name, new.rust_name
                                ))
                            },
                        },
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
                            &pointer,
                            Change {
                                rule: rule.into(),
                                level,
                                message: format!(
                                    "{place} parameter `{}` became {how}",
                                    new.wire_name
                                ),
                                rust: RustImpact::breaking(option_impact(
                                    &new_op.request_type,
                                    &new.rust_name,
                                    new.required,
                                )),
                            },
                        );
                    }
                    let style =
                        |p: &Parameter| (p.separator, p.object_style, p.allow_reserved, p.json);
                    if style(old) != style(new) {
                        self.push(&pointer, Change { rule: "request-parameter-style-changed".into(), level: Level::Breaking, message: format!("{place} parameter `{}` is written differently (`style`, `explode`, `allowReserved` or JSON `content` changed)", new.wire_name), rust: RustImpact::compatible("no type change; requests are encoded the new way") });
                    }
                    let what = format!("{place} parameter `{}`", new.wire_name);
                    let owner = format!("{}.{}", new_op.request_type, new.rust_name);
                    self.shape(
                        &Site {
                            direction: Direction::Request,
                            subject: Subject::Parameter,
                            pointer: &pointer.join("schema"),
                            what: &what,
                            owner: &owner,
                        },
                        &old.shape,
                        &new.shape,
                    );
                }
            }
        }
        for old in
            old_op.parameters.iter().filter(|o| !new_op.parameters.iter().any(|n| key(n) == key(o)))
        {
            self.push(
                base,
                Change {
                    rule: "request-parameter-removed".into(),
                    level: Level::Warning,
                    message: format!(
                        "{} parameter `{}` was removed",
                        place(old.location),
                        old.wire_name
                    ),
                    rust: RustImpact::breaking(format!(
                        "field `{}.{}` and its client-method argument are removed",
                        old_op.request_type, old.rust_name
                    )),
                },
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
                    &pointer,
                    Change {
                        rule: rule.into(),
                        level,
                        message: "a request body was added".into(),
                        rust: if new.required {
                            RustImpact::breaking(format!(
                                "new field `{request}.body`, which `{request}::new` and the client method take"
                            ))
                        } else {
                            RustImpact::compatible(format!(
                                "new optional field `{request}.body` (`with_body`); the struct is `#[non_exhaustive]`"
                            ))
                        },
                    },
                );
            }
            (Some(_), None) => self.push(
                &pointer,
                Change {
                    rule: "request-body-removed".into(),
                    level: Level::Warning,
                    message: "the request body was removed".into(),
                    rust: RustImpact::breaking(format!("field `{request}.body` is removed")),
                },
            ),
            (Some(old), Some(new)) => {
                if old.required != new.required {
                    let (rule, level, how) = if new.required {
                        ("request-body-became-required", Level::Breaking, "required")
                    } else {
                        ("request-body-became-optional", Level::Info, "optional")
                    };
                    self.push(
                        &pointer,
                        Change {
                            rule: rule.into(),
                            level,
                            message: format!("the request body became {how}"),
                            rust: RustImpact::breaking(option_impact(
                                &request,
                                "body",
                                new.required,
                            )),
                        },
                    );
                }
                if old.media_type != new.media_type {
                    self.push(
                        &pointer.join("content"),
                        Change {
                            rule: "request-body-media-type-changed".into(),
                            level: Level::Breaking,
                            message: format!(
                                "the request body is now sent as `{}` (was `{}`)",
                                new.media_type, old.media_type
                            ),
                            rust: RustImpact::compatible(
                                "no type change; the body is encoded the new way",
                            ),
                        },
                    );
                }
                let schema = pointer.join("content").join(&new.media_type).join("schema");
                self.shape(
                    &Site {
                        direction: Direction::Request,
                        subject: Subject::Body,
                        pointer: &schema,
                        what: "the request body",
                        owner: &format!("{request}.body"),
                    },
                    &old.shape,
                    &new.shape,
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
                    let enums = format!(
                        "new variant `{}` in `{}` and `{}`, which are `#[non_exhaustive]`",
                        new.status.variant, new_op.response_type, new_op.status_type
                    );
                    let rust = if success {
                        RustImpact::breaking(format!(
                            "{enums}; the success type of the call changes (one 2xx response returns its body, several an enum of them)"
                        ))
                    } else {
                        RustImpact::compatible(enums)
                    };
                    self.push(
                        &pointer,
                        Change {
                            rule: rule.into(),
                            level: Level::Info,
                            message: format!("status {code} was added"),
                            rust,
                        },
                    );
                }
                Some(old) => {
                    let response_type = format!("{}::{}", new_op.response_type, new.status.variant);
                    match (&old.body, &new.body) {
                        (None, Some(_)) => self.push(&pointer, Change { rule: "response-body-added".into(), level: Level::Info, message: format!("status {code} now documents a body"), rust: RustImpact::breaking(format!(
                                "`{response_type}` now holds the decoded body instead of raw bytes"
                            )) }),
                        (Some(_), None) => self.push(&pointer, Change { rule: "response-body-removed".into(), level: Level::Breaking, message: format!("status {code} no longer documents a body"), rust: RustImpact::breaking(format!("`{response_type}` now holds raw bytes")) }),
                        (Some(old_body), Some(new_body)) => {
                            let schema =
                                pointer.join("content").join("application/json").join("schema");
                            self.shape(&Site { direction: Direction::Response, subject: Subject::Body, pointer: &schema, what: &format!("the {code} response body"), owner: &response_type }, old_body, new_body);
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
                &base.join("responses").join(old.status.label()),
                Change {
                    rule: rule.into(),
                    level,
                    message: format!("status {} was removed", old.status.label()),
                    rust: RustImpact::breaking(format!(
                        "variant `{}` is removed from `{}` and `{}`",
                        old.status.variant, old_op.response_type, old_op.status_type
                    )),
                },
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
                    RustImpact::breaking(format!(
                        "`{variant}` gains the decoded headers, `{struct_name}` (breaking for patterns that match the variant, and for the call's success type)"
                    ))
                } else {
                    RustImpact::compatible(format!(
                        "new field `{struct_name}.{}`; the struct is `#[non_exhaustive]`",
                        header.rust_name
                    ))
                };
                let level = if header.required { Level::Warning } else { Level::Info };
                let required = if header.required { "required " } else { "" };
                self.push(
                    &at,
                    Change {
                        rule: "response-header-added".into(),
                        level,
                        message: format!("the {required}response header `{name}` was documented"),
                        rust: impact,
                    },
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
                    &at.join("required"),
                    Change {
                        rule: rule.into(),
                        level,
                        message: format!("response header `{name}` became {how}"),
                        rust: RustImpact::breaking(format!(
                            "`{field}` changes between `T` and `Option<T>`"
                        )),
                    },
                );
            }
            self.shape(
                &Site {
                    direction: Direction::Response,
                    subject: Subject::Header,
                    pointer: &at.join("schema"),
                    what: &format!("response header `{name}`"),
                    owner: &field,
                },
                &before.shape,
                &header.shape,
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
                &pointer.join("headers").join(name),
                Change {
                    rule: "response-header-removed".into(),
                    level: Level::Breaking,
                    message: format!("response header `{name}` is no longer documented"),
                    rust: RustImpact::breaking(impact),
                },
            );
        }
    }

    /// Compares two shapes at a site.
    fn shape(&mut self, site: &Site<'_>, old: &Shape, new: &Shape) {
        let Site { direction, pointer, what, owner, .. } = *site;
        let prefix = site.prefix();
        let old_desc = describe(self.before, old);
        let new_desc = describe(self.after, new);
        if !same_kind(self.before, self.after, old, new) {
            let rule = type_changed_rule(prefix);
            self.push(
                pointer,
                Change {
                    rule,
                    level: Level::Breaking,
                    message: format!("the type of {what} changed from {old_desc} to {new_desc}"),
                    rust: RustImpact::breaking(format!(
                        "`{owner}` changes type from `{}` to `{}`",
                        rust_type(self.before, old),
                        rust_type(self.after, new)
                    )),
                },
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
                &pointer.join("nullable"),
                Change {
                    rule: rule_id(prefix, suffix),
                    level,
                    message: format!(
                        "{what} {} null",
                        if new.nullable { "now accepts" } else { "no longer accepts" }
                    ),
                    rust: RustImpact::breaking(format!("`{owner}` {change} where it was required")),
                },
            );
        }
        self.constraints(site, old, new);
        match (&old.kind, &new.kind) {
            (ShapeKind::String(a), ShapeKind::String(b)) if a != b => self.format(site, *a, *b),
            (ShapeKind::Array(a), ShapeKind::Array(b)) => self.inner(site, "items", "items", a, b),
            (ShapeKind::Map(a), ShapeKind::Map(b)) => {
                self.inner(site, "additionalProperties", "values", a, b)
            }
            (ShapeKind::Named(a), ShapeKind::Named(b)) => self.named(site, *a, *b),
            _ => {}
        }
    }

    /// Compares the items (or map values, `label`) of two shapes, one level below `site`.
    fn inner(&mut self, site: &Site<'_>, keyword: &str, label: &str, old: &Shape, new: &Shape) {
        let pointer = site.pointer.join(keyword);
        let what = format!("the {label} of {}", site.what);
        let owner = format!("{}[..]", site.owner);
        self.shape(&Site { pointer: &pointer, what: &what, owner: &owner, ..*site }, old, new);
    }

    fn format(&mut self, site: &Site<'_>, old: Option<StringFormat>, new: Option<StringFormat>) {
        let Site { direction, pointer, what, .. } = *site;
        let prefix = site.prefix();
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
            &pointer.join("format"),
            Change {
                rule: rule_id(prefix, suffix),
                level,
                message: format!(
                    "the format of {what} changed from {} to {}",
                    name(old),
                    name(new)
                ),
                rust: RustImpact::compatible("no type change; `validate()` checks the new format"),
            },
        );
    }

    fn constraints(&mut self, site: &Site<'_>, old: &Shape, new: &Shape) {
        let Site { direction, pointer, what, .. } = *site;
        let prefix = site.prefix();
        let (a, b) = (&old.constraints, &new.constraints);
        let to_f = |v: Option<usize>| v.map(|v| v as f64);
        self.bound(site, BoundRule::MAX_LENGTH, to_f(a.max_length), to_f(b.max_length));
        self.bound(site, BoundRule::MIN_LENGTH, to_f(a.min_length), to_f(b.min_length));
        self.bound(site, BoundRule::MAX_ITEMS, to_f(a.max_items), to_f(b.max_items));
        self.bound(site, BoundRule::MIN_ITEMS, to_f(a.min_items), to_f(b.min_items));
        self.bound(
            site,
            BoundRule::MAXIMUM,
            a.maximum.map(|m| m.value),
            b.maximum.map(|m| m.value),
        );
        self.bound(
            site,
            BoundRule::MINIMUM,
            a.minimum.map(|m| m.value),
            b.minimum.map(|m| m.value),
        );
        self.bound(site, BoundRule::MAX_PROPERTIES, to_f(a.max_properties), to_f(b.max_properties));
        self.bound(site, BoundRule::MIN_PROPERTIES, to_f(a.min_properties), to_f(b.min_properties));
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
                &pointer.join("uniqueItems"),
                Change {
                    rule: rule_id(prefix, suffix),
                    level,
                    message: format!("{what} {how}"),
                    rust: RustImpact::compatible(
                        "no type change; `validate()` checks the new rule",
                    ),
                },
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
                &pointer.join("multipleOf"),
                Change {
                    rule: rule_id(prefix, suffix),
                    level,
                    message: format!(
                        "the multipleOf of {what} changed from {} to {}",
                        show(a.multiple_of),
                        show(b.multiple_of)
                    ),
                    rust: RustImpact::compatible(
                        "no type change; `validate()` checks the new rule",
                    ),
                },
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
        self.number_enum(site, numbers(a), numbers(b));
        if a.pattern != b.pattern {
            let (suffix, level) = match (&a.pattern, &b.pattern, direction) {
                (None, Some(_), Direction::Request) => ("pattern-added", Level::Warning),
                (None, Some(_), Direction::Response) => ("pattern-added", Level::Info),
                (Some(_), None, Direction::Request) => ("pattern-removed", Level::Info),
                (Some(_), None, Direction::Response) => ("pattern-removed", Level::Warning),
                (_, _, Direction::Request) => ("pattern-changed", Level::Warning),
                (_, _, Direction::Response) => ("pattern-changed", Level::Info),
            };
            let show = |p: &Option<crate::ir::Pattern>| {
                p.as_ref().map_or("none".to_owned(), |p| format!("`{}`", p.source))
            };
            self.push(
                &pointer.join("pattern"),
                Change {
                    rule: rule_id(prefix, suffix),
                    level,
                    message: format!(
                        "the pattern of {what} changed from {} to {}",
                        show(&a.pattern),
                        show(&b.pattern)
                    ),
                    rust: RustImpact::compatible(
                        "no type change; `validate()` checks the new pattern",
                    ),
                },
            );
        }
    }

    /// The `enum` of an integer or number: values added widen what may be sent and returned, values
    /// removed narrow it; an enum set or removed does the same for every value.
    fn number_enum(&mut self, site: &Site<'_>, old: Option<Vec<String>>, new: Option<Vec<String>>) {
        let Site { direction, what, .. } = *site;
        let (prefix, pointer) = (site.prefix(), &site.pointer.join("enum"));
        let impact = || "no type change; `validate()` checks the new values".to_owned();
        match (old, new) {
            (None, Some(values)) => {
                let level =
                    if direction == Direction::Request { Level::Breaking } else { Level::Info };
                self.push(
                    pointer,
                    Change {
                        rule: rule_id(prefix, "enum-set"),
                        level,
                        message: format!("{what} is now limited to {}", values.join(", ")),
                        rust: RustImpact::compatible(impact()),
                    },
                );
            }
            (Some(_), None) => {
                let level =
                    if direction == Direction::Request { Level::Info } else { Level::Warning };
                self.push(
                    pointer,
                    Change {
                        rule: rule_id(prefix, "enum-removed"),
                        level,
                        message: format!("{what} is no longer limited to listed values"),
                        rust: RustImpact::compatible(impact()),
                    },
                );
            }
            (Some(old), Some(new)) => {
                for value in new.iter().filter(|v| !old.contains(v)) {
                    let level =
                        if direction == Direction::Request { Level::Info } else { Level::Warning };
                    self.push(
                        pointer,
                        Change {
                            rule: rule_id(prefix, "enum-value-added"),
                            level,
                            message: format!("{what} has a new value `{value}`"),
                            rust: RustImpact::compatible(impact()),
                        },
                    );
                }
                for value in old.iter().filter(|v| !new.contains(v)) {
                    let level =
                        if direction == Direction::Request { Level::Breaking } else { Level::Info };
                    self.push(
                        pointer,
                        Change {
                            rule: rule_id(prefix, "enum-value-removed"),
                            level,
                            message: format!("value `{value}` of {what} was removed"),
                            rust: RustImpact::compatible(impact()),
                        },
                    );
                }
            }
            (None, None) => {}
        }
    }

    /// An upper (`upper`) or lower bound: tightening what is accepted breaks requests; widening what
    /// may be returned needs a look from response readers.
    fn bound(&mut self, site: &Site<'_>, rule: BoundRule, old: Option<f64>, new: Option<f64>) {
        let BoundRule { name, keyword, upper } = rule;
        let Site { direction, what, .. } = *site;
        let (prefix, pointer) = (site.prefix(), &site.pointer.join(keyword));
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
            pointer,
            Change {
                rule: rule_id(prefix, &format!("{name}-{suffix}")),
                level,
                message: format!(
                    "the {label} of {what} changed from {} to {}",
                    show(old),
                    show(new)
                ),
                rust: RustImpact::compatible("no type change; `validate()` checks the new bound"),
            },
        );
    }

    fn named(&mut self, site: &Site<'_>, old_id: TypeId, new_id: TypeId) {
        // The bounds of a named type are its properties' business, whatever holds it.
        let site = &Site { subject: Subject::Property, ..*site };
        let Site { direction, pointer, what, .. } = *site;
        if !self.visited.insert((old_id, new_id, direction)) {
            return;
        }
        let (old, new) = (&self.before.types[old_id], &self.after.types[new_id]);
        if old.name != new.name {
            self.push(pointer, Change { rule: "type-renamed".into(), level: Level::Info, message: format!(
                    "{what} is now the schema named `{}` (was `{}`); the wire format is unchanged",
                    new.name, old.name
                ), rust: RustImpact::breaking(format!("type `{}` is now named `{}`", old.name, new.name)) });
        }
        let prefix = prefix(direction, Subject::Property);
        match (&old.kind, &new.kind) {
            (TypeKind::StringEnum(a), TypeKind::StringEnum(b)) => {
                for value in b.iter().filter(|v| !a.iter().any(|o| o.wire_value == v.wire_value)) {
                    let level =
                        if direction == Direction::Request { Level::Info } else { Level::Warning };
                    self.push(&pointer.join("enum"), Change { rule: rule_id(prefix, "enum-value-added"), level, message: format!("{what} has a new value `{}`", value.wire_value), rust: RustImpact::compatible(format!("new variant `{}::{}`; the enum is `#[non_exhaustive]` (older crates decode the value as `Unknown`)", new.name, value.rust_name)) });
                }
                for value in a.iter().filter(|v| !b.iter().any(|n| n.wire_value == v.wire_value)) {
                    let level =
                        if direction == Direction::Request { Level::Breaking } else { Level::Info };
                    self.push(
                        &pointer.join("enum"),
                        Change {
                            rule: rule_id(prefix, "enum-value-removed"),
                            level,
                            message: format!("value `{}` of {what} was removed", value.wire_value),
                            rust: RustImpact::breaking(format!(
                                "variant `{}::{}` is removed",
                                old.name, value.rust_name
                            )),
                        },
                    );
                }
            }
            (TypeKind::Struct(a), TypeKind::Struct(b)) => {
                let (old_count, new_count) = (old.property_count, new.property_count);
                let to_f = |v: Option<usize>| v.map(|v| v as f64);
                self.bound(
                    site,
                    BoundRule::MAX_PROPERTIES,
                    to_f(old_count.max),
                    to_f(new_count.max),
                );
                self.bound(
                    site,
                    BoundRule::MIN_PROPERTIES,
                    to_f(old_count.min),
                    to_f(new_count.min),
                );
                self.fields(direction, &new.name, a, b, pointer)
            }
            (TypeKind::Union(a, _), TypeKind::Union(b, _)) => {
                // A new alternative is accepted by new servers but unknown to old readers.
                for variant in b.iter().filter(|v| !a.iter().any(|o| o.rust_name == v.rust_name)) {
                    let level =
                        if direction == Direction::Request { Level::Info } else { Level::Warning };
                    let impact = format!(
                        "new variant `{}::{}`; the enum is `#[non_exhaustive]`",
                        new.name, variant.rust_name
                    );
                    self.push(
                        pointer,
                        Change {
                            rule: rule_id(prefix, "one-of-added"),
                            level,
                            message: format!(
                                "{what} has a new alternative `{}`",
                                variant.rust_name
                            ),
                            rust: RustImpact::compatible(impact),
                        },
                    );
                }
                for variant in a.iter().filter(|v| !b.iter().any(|n| n.rust_name == v.rust_name)) {
                    let level =
                        if direction == Direction::Request { Level::Breaking } else { Level::Info };
                    let impact =
                        format!("variant `{}::{}` is removed", old.name, variant.rust_name);
                    self.push(
                        pointer,
                        Change {
                            rule: rule_id(prefix, "one-of-removed"),
                            level,
                            message: format!(
                                "alternative `{}` of {what} was removed",
                                variant.rust_name
                            ),
                            rust: RustImpact::breaking(impact),
                        },
                    );
                }
                for variant in b {
                    if let Some(previous) = a.iter().find(|o| o.rust_name == variant.rust_name) {
                        let owner = format!("{}::{}", new.name, variant.rust_name);
                        self.shape(
                            &Site {
                                direction,
                                subject: Subject::Property,
                                pointer,
                                what: &format!("alternative `{}` of {what}", variant.rust_name),
                                owner: &owner,
                            },
                            &previous.shape,
                            &variant.shape,
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
                    self.push(&at, Change { rule: rule.into(), level, message: format!("new {} property `{}` in `{type_name}`", if field.required { "required" } else { "optional" }, field.wire_name), rust: if field.required {
                        RustImpact::breaking(format!("new field `{member}`, which `{type_name}::new` takes"))
                    } else {
                        RustImpact::compatible(format!("new optional field `{member}`; the struct is `#[non_exhaustive]` and built with `new` and `with_*`"))
                    } });
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
                            &at,
                            Change {
                                rule: rule.into(),
                                level,
                                message: format!(
                                    "property `{}` of `{type_name}` became {how}",
                                    field.wire_name
                                ),
                                rust: RustImpact::breaking(option_impact(
                                    type_name,
                                    &field.rust_name,
                                    field.required,
                                )),
                            },
                        );
                    }
                    let what = format!("property `{}` of `{type_name}`", field.wire_name);
                    self.shape(
                        &Site {
                            direction,
                            subject: Subject::Property,
                            pointer: &at,
                            what: &what,
                            owner: &member,
                        },
                        &previous.shape,
                        &field.shape,
                    );
                }
            }
        }
        for field in old.iter().filter(|o| !new.iter().any(|n| n.wire_name == o.wire_name)) {
            let level =
                if direction == Direction::Request { Level::Warning } else { Level::Breaking };
            self.push(
                &pointer.join("properties").join(&field.wire_name),
                Change {
                    rule: rule_id(prefix, "removed"),
                    level,
                    message: format!("property `{}` of `{type_name}` was removed", field.wire_name),
                    rust: RustImpact::breaking(format!(
                        "field `{type_name}.{}` is removed",
                        field.rust_name
                    )),
                },
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
