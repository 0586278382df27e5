//! Operations: names, parameters, request bodies, responses and examples.

use std::collections::HashMap;

use indexmap::IndexMap;
use openapiv3::{
    Components, MediaType, Parameter as OaParameter, ParameterSchemaOrContent, PathItem,
    QueryStyle, ReferenceOr, Response as OaResponse, StatusCode,
};

use super::Resolver;
use super::schema::Resolved;
use crate::ir::{
    BodyEncoding, ClientSupplied, Example, FieldStyle, ObjectQueryStyle, Operation, Parameter,
    ParameterLocation, PathPart, RequestBody, Response, ResponseHeader, Shape, ShapeKind,
    StatusEntry, StatusPattern, TypeKind,
};
use crate::naming::{Case, Scope, identifier};
use crate::pointer::Pointer;

/// How a body is carried.
enum BodyMedia<'m> {
    /// As JSON, with its media type object.
    Json(String, &'m MediaType),
    /// As `application/x-www-form-urlencoded` pairs (request bodies only).
    Form(String, &'m MediaType),
    /// As `multipart/form-data` parts (request bodies only).
    Multipart(String, &'m MediaType),
    /// As raw bytes of this media type.
    Raw(String),
}

/// The names derived from one operationId.
#[derive(Debug, Clone)]
pub(super) struct OperationNames {
    /// The operationId, or the name derived for an operation that has none (or a duplicate).
    id: String,
    base: String,
    request: String,
    response: String,
    status: String,
    method: String,
}

/// Methods of the generated client that operations' methods must not take.
const CLIENT_METHODS: [&str; 4] = ["new", "with_transport", "from_env", "inner"];

/// An operation found in `paths`, with what is needed to resolve it.
struct Found<'a> {
    path: &'a str,
    method: &'static str,
    item: &'a PathItem,
    operation: &'a openapiv3::Operation,
    pointer: Pointer,
}

impl<'a> Resolver<'a> {
    fn found_operations(&mut self) -> Vec<Found<'a>> {
        let spec = self.spec;
        let mut found = Vec::new();
        for (path, item) in &spec.document.paths.paths {
            let pointer = Pointer::root().join("paths").join(path);
            let item = match item {
                ReferenceOr::Item(item) => item,
                ReferenceOr::Reference { .. } => {
                    self.error(
                        &pointer,
                        "`$ref` path items are not supported by the generator yet",
                    );
                    continue;
                }
            };
            for (method, operation) in methods(item) {
                found.push(Found { path, method, item, operation, pointer: pointer.join(method) });
            }
        }
        found
    }

    /// Claims the names of every operation and of its request, response and status types, before any
    /// schema, so that these stay the same when schemas are added. Duplicate operationIds, and
    /// operationIds that differ only in case or punctuation, are errors: both would need the same types.
    pub(super) fn reserve_operation_names(&mut self) {
        let mut scope = Scope::default();
        let mut methods = Scope::default();
        let here = self.spec.place(&Pointer::root());
        for method in CLIENT_METHODS {
            methods.reserve(method, &format!("the client's own `{method}` method"), &here);
        }
        let mut ids: HashMap<String, Pointer> = HashMap::new();
        for found in self.found_operations() {
            // Without one, an operation is named after method and path: `get /pets/{petId}` → `GetPetsPetId`.
            let derived = identifier(&format!("{} {}", found.method, found.path), Case::UpperCamel);
            let mut id = match &found.operation.operation_id {
                Some(id) => id.clone(),
                None => {
                    self.warning(
                        &found.pointer,
                        format!(
                            "`{} {}` has no operationId; it is named `{derived}`",
                            found.method.to_uppercase(),
                            found.path
                        ),
                    );
                    derived.clone()
                }
            };
            let id_pointer = found.pointer.join("operationId");
            // A place without its line until a diagnostic shows it (most operations have none).
            let location = self.spec.place(&id_pointer);
            if let Some(first) = ids.get(&id) {
                let first = self.locate(first);
                if self.policy == super::Policy::Strict {
                    self.diags
                        .error(
                            self.spec.with_line(location),
                            format!("operationId `{id}` is used twice"),
                        )
                        .related
                        .push(("first used here".into(), first));
                    continue;
                }
                // Named from method and path instead, as if it had none.
                self.diags
                    .warning(
                        self.spec.with_line(location.clone()),
                        format!(
                            "operationId `{id}` is used twice; this operation is named `{derived}`"
                        ),
                    )
                    .related
                    .push(("first used here".into(), first));
                id = derived.clone();
            }
            ids.insert(id.clone(), id_pointer.clone());
            let base = match scope.claim(&id, Case::UpperCamel, &location) {
                Ok(base) => base,
                Err(clash) => {
                    // Under `generate`, named from method and path instead, as a repeated id is
                    // (numbered when that name is taken too).
                    let renamed = (self.policy != super::Policy::Strict)
                        .then(|| {
                            std::iter::once(derived.clone())
                                .chain((2..100).map(|n| format!("{derived}{n}")))
                                .filter(|name| *name != id)
                                .find_map(|name| {
                                    let base =
                                        scope.claim(&name, Case::UpperCamel, &location).ok()?;
                                    Some((name, base))
                                })
                        })
                        .flatten();
                    let message = format!(
                        "operationId `{id}` gives the same Rust names (`{}`) as operationId {}",
                        clash.wanted, clash.first_owner
                    );
                    let Some((name, base)) = renamed else {
                        self.diags
                            .error(self.spec.with_line(location), message)
                            .related
                            .push(("the other operation".into(), self.spec.with_line(clash.first)));
                        continue;
                    };
                    let (here, first) =
                        (self.spec.with_line(location), self.spec.with_line(clash.first));
                    self.diags
                        .warning(here, format!("{message}; this operation is named `{name}`"))
                        .related
                        .push(("the other operation".into(), first));
                    id = name;
                    base
                }
            };
            let request = self.claim_type_name(
                &format!("{base}Request"),
                &format!("the request type of operation `{id}`"),
                &id_pointer,
            );
            let response = self.claim_type_name(
                &format!("{base}Response"),
                &format!("the response type of operation `{id}`"),
                &id_pointer,
            );
            let status = self.claim_type_name(
                &format!("{base}Status"),
                &format!("the status type of operation `{id}`"),
                &id_pointer,
            );
            let method = self.claim_in(
                &mut methods,
                &id,
                &format!("operationId `{id}`"),
                Case::Snake,
                &id_pointer,
                "client method name",
            );
            self.operation_names.insert(
                found.pointer.clone(),
                OperationNames { id, base, request, response, status, method },
            );
        }
    }

    /// Resolves every operation that got names, flagging those that hit an error.
    pub(super) fn operations(&mut self) -> Vec<(Operation, bool)> {
        let mut operations = Vec::new();
        for found in self.found_operations() {
            if let Some(names) = self.operation_names.get(&found.pointer).cloned() {
                let before = self.faults();
                let operation = self.operation(&found, names);
                let failed = self.faults() > before;
                operations.push((operation, failed));
            }
        }
        operations
    }

    fn operation(&mut self, found: &Found<'a>, names: OperationNames) -> Operation {
        let op = found.operation;
        if !op.callbacks.is_empty() {
            // Callbacks are requests the service sends to a URL the caller gives; the operation
            // itself is called as any other.
            self.warning(
                &found.pointer.join("callbacks"),
                "`callbacks` (requests the service sends to a URL the caller gives) are not represented in the generated code; the operation is",
            );
        }
        let parameters = self.parameters(found, &names.base);
        let path_parts = self.path_parts(found, &parameters);
        let body = op.request_body.as_ref().and_then(|body| {
            self.request_body(body, &found.pointer.join("requestBody"), &names.base)
        });
        let responses =
            self.responses(&op.responses, &found.pointer.join("responses"), &names.base);
        let source = self.source_page(&found.pointer);
        let pagination = self.pagination(&found.pointer, &parameters, &responses);
        Operation {
            id: names.id,
            type_base: names.base,
            request_type: names.request,
            response_type: names.response,
            status_type: names.status,
            method_name: names.method,
            method: found.method.to_uppercase(),
            path: found.path.to_owned(),
            path_parts,
            summary: op.summary.clone(),
            description: op.description.clone().or_else(|| found.item.description.clone()),
            origin: self.spec.place(&found.pointer),
            parameters,
            body,
            responses,
            security: security_requirements(
                op.security.as_ref().or(self.spec.document.security.as_ref()),
            ),
            tag: op.tags.first().cloned(),
            group: None,
            source,
            pagination,
        }
    }

    /// Path-item parameters, overridden by the operation's own ones with the same name and location.
    fn parameters(&mut self, found: &Found<'a>, base: &str) -> Vec<Parameter> {
        let path_pointer = found.pointer.parent().unwrap_or_default();
        let mut merged: IndexMap<(String, &'static str), (&'a OaParameter, Pointer)> =
            IndexMap::new();
        let sources = [
            (&found.item.parameters, path_pointer.join("parameters")),
            (&found.operation.parameters, found.pointer.join("parameters")),
        ];
        for (list, list_pointer) in sources {
            for (index, parameter) in list.iter().enumerate() {
                let pointer = list_pointer.join(index);
                let Some((parameter, pointer)) =
                    self.deref(parameter, "parameters", |c| &c.parameters, &pointer)
                else {
                    continue;
                };
                let data = parameter.parameter_data_ref();
                merged.insert((data.name.clone(), location_name(parameter)), (parameter, pointer));
            }
        }
        let mut scope = Scope::default();
        let here = self.spec.place(&found.pointer);
        scope.reserve("body", "the request body", &here);
        merged
            .into_values()
            .filter_map(|(parameter, pointer)| {
                self.parameter(parameter, &pointer, base, &mut scope)
            })
            .collect()
    }

    fn parameter(
        &mut self,
        parameter: &OaParameter,
        pointer: &Pointer,
        base: &str,
        scope: &mut Scope,
    ) -> Option<Parameter> {
        let data = parameter.parameter_data_ref();
        let mut query_style = None;
        let mut allow_reserved = false;
        let location = match parameter {
            OaParameter::Path { .. } => ParameterLocation::Path,
            OaParameter::Header { .. } => ParameterLocation::Header,
            OaParameter::Query { style, allow_reserved: reserved, .. } => {
                let explode = data.explode.unwrap_or(matches!(style, QueryStyle::Form));
                query_style = Some((style.clone(), explode));
                allow_reserved = *reserved;
                ParameterLocation::Query
            }
            OaParameter::Cookie { .. } => ParameterLocation::Cookie,
        };
        if location == ParameterLocation::Path && !data.required {
            self.error(
                &pointer.join("required"),
                format!("path parameter `{}` must be `required: true`", data.name),
            );
        }
        let (schema, json) = match &data.format {
            ParameterSchemaOrContent::Schema(schema) => (schema, false),
            ParameterSchemaOrContent::Content(content) => {
                let content_pointer = pointer.join("content");
                // OpenAPI allows exactly one media type here.
                let only = content.iter().next().filter(|_| content.len() == 1);
                match only {
                    Some((media_type, media)) if is_json_media_type(media_type) => {
                        match &media.schema {
                            Some(schema) => (schema, true),
                            None => {
                                self.error(
                                    &content_pointer.join(media_type),
                                    format!(
                                        "parameter `{}` has no `schema` for its content",
                                        data.name
                                    ),
                                );
                                return None;
                            }
                        }
                    }
                    Some((media_type, _)) => {
                        self.error(&content_pointer.join(media_type), format!("parameter `{}` is sent as `{media_type}`; only JSON `content` parameters are supported yet", data.name));
                        return None;
                    }
                    None => {
                        self.error(
                            &content_pointer,
                            format!(
                                "parameter `{}` must list exactly one media type in `content`",
                                data.name
                            ),
                        );
                        return None;
                    }
                }
            }
        };
        let hint = format!("{base}{}", identifier(&data.name, Case::UpperCamel));
        let errors_before = self.diags.error_count();
        let mut resolved = self.schema_or_ref(schema, &pointer.join("schema"), &hint);
        // A parameter is absent or has a value: there is no `null` on the wire.
        resolved.shape.nullable = false;
        let broken = self.diags.error_count() > errors_before;
        let (mut object_style, mut separator) = (None, None);
        // A JSON `content` parameter's text is one scalar, whatever the value's shape.
        let checked = !broken && !json;
        if let Some((style, explode)) = query_style.filter(|_| checked) {
            match self.written(&style, explode, &resolved.shape, "query parameter") {
                Ok((style, joined_by)) => (object_style, separator) = (style, joined_by),
                Err(why) => {
                    self.error(pointer, format!("query parameter `{}`: {why}", data.name));
                    return None;
                }
            }
        } else if checked && !self.is_plain_parameter(&resolved.shape, location) {
            self.error(&pointer.join("schema"), format!("parameter `{}` must be a string, number, boolean or string enum (or, outside cookies, an array of them; in the query, an object)", data.name));
        }
        let rust_name = self.claim_in(
            scope,
            &data.name,
            &format!("parameter `{}`", data.name),
            Case::Snake,
            pointer,
            "field name",
        );
        let string = matches!(resolved.shape.kind, ShapeKind::String(_));
        let supplied_by_client = match location {
            ParameterLocation::Path if data.name == "project_id" && string => {
                Some(ClientSupplied::ProjectId)
            }
            ParameterLocation::Header
                if data.name.eq_ignore_ascii_case(crate::ir::AUTH_TOKEN_HEADER) && string =>
            {
                Some(ClientSupplied::AuthToken)
            }
            _ => None,
        };
        Some(Parameter {
            wire_name: data.name.clone(),
            rust_name,
            location,
            required: data.required,
            description: data.description.clone().or(resolved.description),
            shape: resolved.shape,
            supplied_by_client,
            separator,
            object_style,
            allow_reserved,
            json,
        })
    }

    /// How a value of `shape` is written in `style` with `explode`, as a query parameter or a form
    /// field (`what`): how an object's properties are written, or the separator joining an array's
    /// items (neither: a scalar's one pair, or one pair per item). `deepObject` writes any value in
    /// brackets; `Err` says why the value cannot be written so.
    fn written(
        &self,
        style: &QueryStyle,
        explode: bool,
        shape: &Shape,
        what: &str,
    ) -> Result<(Option<ObjectQueryStyle>, Option<&'static str>), String> {
        let object = self.is_object(shape);
        // A union of scalars and scalar arrays is written like the alternative it holds.
        let array = self.is_scalar_array(shape) || self.is_union_of(shape, true);
        let scalar = self.is_scalar(shape);
        let written = match (style, explode) {
            (QueryStyle::DeepObject, true) => Ok((Some(ObjectQueryStyle::DeepObject), None)),
            (QueryStyle::DeepObject, false) => {
                Err("`style: deepObject` is only defined with `explode: true`")
            }
            (QueryStyle::Form, true) if object => Ok((Some(ObjectQueryStyle::FormExploded), None)),
            (QueryStyle::Form, false) if object => Ok((Some(ObjectQueryStyle::Form), None)),
            (QueryStyle::Form, false) if array => Ok((None, Some(","))),
            (QueryStyle::SpaceDelimited, false) if array => Ok((None, Some(" "))),
            (QueryStyle::PipeDelimited, false) if array => Ok((None, Some("|"))),
            (QueryStyle::SpaceDelimited | QueryStyle::PipeDelimited, _) if object => {
                Err("space- and pipe-delimited objects are not supported by the generator yet")
            }
            (QueryStyle::SpaceDelimited | QueryStyle::PipeDelimited, true) => {
                Err("`spaceDelimited` and `pipeDelimited` are only defined with `explode: false`")
            }
            (QueryStyle::SpaceDelimited | QueryStyle::PipeDelimited, false) if scalar => {
                Err("`spaceDelimited` and `pipeDelimited` apply to arrays and objects")
            }
            _ if scalar || array => Ok((None, None)),
            _ => {
                return Err(format!(
                    "a {what} must be a string, number, boolean or string enum, an array of them, or an object"
                ));
            }
        };
        written.map_err(str::to_owned)
    }

    /// Whether a value of `shape` is written as one text in `location` (outside the query): a
    /// scalar, a union of scalars, or in a header or the path an array of scalars, whose `simple`
    /// style joins the items with commas, exploded or not.
    fn is_plain_parameter(&self, shape: &Shape, location: ParameterLocation) -> bool {
        let simple = matches!(location, ParameterLocation::Header | ParameterLocation::Path);
        self.is_scalar(shape)
            || self.is_union_of(shape, false)
            || (simple && self.is_scalar_array(shape))
    }

    fn is_scalar(&self, shape: &Shape) -> bool {
        match shape.kind {
            ShapeKind::String(_)
            | ShapeKind::Integer(_)
            | ShapeKind::Number(_)
            | ShapeKind::Boolean
            | ShapeKind::Base64 => true,
            ShapeKind::Named(id) => matches!(self.type_kind(id), Some(TypeKind::StringEnum(_))),
            _ => false,
        }
    }

    /// An object whose properties can be written as query pairs: a struct, a map or a free-form object.
    fn is_object(&self, shape: &Shape) -> bool {
        match shape.kind {
            ShapeKind::Map(_) | ShapeKind::JsonObject => true,
            ShapeKind::Named(id) => matches!(self.type_kind(id), Some(TypeKind::Struct(_))),
            _ => false,
        }
    }

    /// A union whose alternatives are all scalars (or, with `arrays`, scalars and arrays of them).
    fn is_union_of(&self, shape: &Shape, arrays: bool) -> bool {
        match shape.kind {
            ShapeKind::Named(id) => match self.type_kind(id) {
                Some(TypeKind::Union(variants, None)) => variants.iter().all(|v| {
                    self.is_scalar(&v.shape) || (arrays && self.is_scalar_array(&v.shape))
                }),
                _ => false,
            },
            _ => false,
        }
    }

    fn is_scalar_array(&self, shape: &Shape) -> bool {
        matches!(&shape.kind, ShapeKind::Array(items) if self.is_scalar(items))
    }

    /// Splits the path template and checks it names exactly the path parameters.
    fn path_parts(&mut self, found: &Found<'a>, parameters: &[Parameter]) -> Vec<PathPart> {
        let path_pointer = found.pointer.parent().unwrap_or_default();
        let mut parts = Vec::new();
        let mut rest = found.path;
        while let Some(open) = rest.find(['{', '}']) {
            let close = rest[open..].find('}').map(|i| open + i);
            match (rest.as_bytes()[open], close) {
                (b'{', Some(close)) if !rest[open + 1..close].contains('{') && close > open + 1 => {
                    if open > 0 {
                        parts.push(PathPart::Literal(rest[..open].to_owned()));
                    }
                    parts.push(PathPart::Parameter(rest[open + 1..close].to_owned()));
                    rest = &rest[close + 1..];
                }
                _ => {
                    self.error(
                        &path_pointer,
                        format!("path template `{}` has unbalanced or empty braces", found.path),
                    );
                    return Vec::new();
                }
            }
        }
        if !rest.is_empty() {
            parts.push(PathPart::Literal(rest.to_owned()));
        }
        if !found.path.starts_with('/') {
            self.error(&path_pointer, format!("path `{}` must start with `/`", found.path));
        }
        for part in &parts {
            if let PathPart::Parameter(name) = part
                && !parameters
                    .iter()
                    .any(|p| p.location == ParameterLocation::Path && &p.wire_name == name)
            {
                self.error(&found.pointer, format!("path template `{}` uses `{{{name}}}`, but the operation declares no path parameter `{name}`", found.path));
            }
        }
        for parameter in parameters.iter().filter(|p| p.location == ParameterLocation::Path) {
            if !parts.contains(&PathPart::Parameter(parameter.wire_name.clone())) {
                self.error(
                    &found.pointer,
                    format!(
                        "path parameter `{}` does not appear in the path template `{}`",
                        parameter.wire_name, found.path
                    ),
                );
            }
        }
        parts
    }

    fn request_body(
        &mut self,
        body: &'a ReferenceOr<openapiv3::RequestBody>,
        pointer: &Pointer,
        base: &str,
    ) -> Option<RequestBody> {
        let (body, pointer) = self.deref(body, "requestBodies", |c| &c.request_bodies, pointer)?;
        let (media_type, media, encoding) =
            match self.body_media(&body.content, &pointer.join("content"), "request body")? {
                BodyMedia::Json(media_type, media) => (media_type, media, BodyEncoding::Json),
                BodyMedia::Form(media_type, media) => (media_type, media, BodyEncoding::Form),
                BodyMedia::Multipart(media_type, media) => {
                    (media_type, media, BodyEncoding::Multipart)
                }
                BodyMedia::Raw(media_type) => {
                    return Some(RequestBody {
                        media_type,
                        encoding: BodyEncoding::Raw,
                        required: body.required,
                        description: body.description.clone(),
                        shape: Shape::plain(ShapeKind::Binary),
                        examples: Vec::new(),
                        field_styles: Vec::new(),
                    });
                }
            };
        let media_pointer = pointer.join("content").join(&media_type);
        let resolved = match &media.schema {
            Some(schema) => {
                // In a multipart body, `format: binary` properties are files (raw bytes), not JSON.
                self.binary_is_bytes = encoding == BodyEncoding::Multipart;
                self.schema_or_ref(
                    schema,
                    &media_pointer.join("schema"),
                    &format!("{base}RequestBody"),
                )
            }
            None if encoding == BodyEncoding::Json => {
                self.mistake(
                    &media_pointer,
                    "the request body has no `schema`",
                    "it is sent as any JSON value",
                );
                Resolved::of(ShapeKind::AnyJson)
            }
            None => {
                self.error(&media_pointer, "the request body has no `schema`");
                return None;
            }
        };
        self.binary_is_bytes = false;
        if encoding == BodyEncoding::Form && !self.is_object(&resolved.shape) {
            self.error(
                &media_pointer.join("schema"),
                "a form body must be an object: its properties are the form's fields",
            );
        }
        let is_struct = matches!(resolved.shape.kind, ShapeKind::Named(id) if matches!(self.type_kind(id), Some(TypeKind::Struct(_))));
        if encoding == BodyEncoding::Multipart && !is_struct {
            self.error(&media_pointer.join("schema"), "a multipart body must be an object with declared properties: each property is a part");
        }
        let field_styles = match encoding {
            BodyEncoding::Form | BodyEncoding::Multipart => {
                self.field_styles(media, &media_pointer, encoding, &resolved.shape)
            }
            BodyEncoding::Json | BodyEncoding::Raw => Vec::new(),
        };
        let examples = self.examples(media, &media_pointer);
        Some(RequestBody {
            media_type,
            encoding,
            required: body.required,
            description: body.description.clone().or(resolved.description),
            shape: resolved.shape,
            examples,
            field_styles,
        })
    }

    /// The fields of a form or multipart body whose `encoding` writes them in another way than the
    /// default, each checked against its property's shape. As OpenAPI 3.1 says (3.0 leaves it
    /// open), an explicit `style` or `explode` wins over `contentType`.
    fn field_styles(
        &mut self,
        media: &MediaType,
        media_pointer: &Pointer,
        encoding: BodyEncoding,
        body: &Shape,
    ) -> Vec<(String, FieldStyle)> {
        let mut styles = Vec::new();
        for (property, e) in &media.encoding {
            let at = media_pointer.join("encoding").join(property);
            // `explode` reads as `false` when absent in the typed model, so look at what the file says.
            let explode = match self.raw_at(&at.join("explode")) {
                Some(serde_yaml::Value::Bool(explode)) => Some(*explode),
                _ => None,
            };
            let styled = e.style.is_some() || explode.is_some();
            let Some(shape) = self.field_shape(body, property) else {
                self.warning(
                    &at,
                    format!("`encoding` names `{property}`, which is not a property of the body; it is ignored"),
                );
                continue;
            };
            let content_type = e.content_type.as_deref();
            if encoding == BodyEncoding::Multipart {
                // Nothing in a part is percent-encoded, so `allowReserved` changes nothing there.
                let default_type = content_type
                    .is_none_or(|media_type| essence(media_type) == self.default_part_type(&shape));
                match (&e.style, explode) {
                    (Some(QueryStyle::DeepObject), Some(true)) => {
                        styles.push((property.clone(), FieldStyle::DeepObject));
                    }
                    (None, None) if default_type => {}
                    _ => self.error(&at, format!("multipart part `{property}`: only `style: deepObject` with `explode: true` and the default `contentType` of a part are supported by the generator yet")),
                }
                continue;
            }
            if e.allow_reserved {
                self.warning(&at.join("allowReserved"), format!("form field `{property}`: `allowReserved` is not represented: reserved characters are percent-encoded like the rest, which a form decoder reads as the same text"));
            }
            if styled {
                if let Some(media_type) = content_type {
                    self.warning(&at.join("contentType"), format!("form field `{property}`: `contentType: {media_type}` is ignored, as its `style` or `explode` is given"));
                }
                let style = e.style.clone().unwrap_or(QueryStyle::Form);
                let explode = explode.unwrap_or(style == QueryStyle::Form);
                match self.written(&style, explode, &shape, "form field") {
                    Ok((object, separator)) => {
                        let field_style = match (object, separator) {
                            (Some(ObjectQueryStyle::DeepObject), _) => Some(FieldStyle::DeepObject),
                            (Some(ObjectQueryStyle::FormExploded), _) => {
                                Some(FieldStyle::FormExploded)
                            }
                            (Some(ObjectQueryStyle::Form), _) | (None, Some(",")) => {
                                Some(FieldStyle::Form)
                            }
                            (None, Some(" ")) => Some(FieldStyle::SpaceDelimited),
                            (None, Some(_)) => Some(FieldStyle::PipeDelimited),
                            // A scalar, or one pair per item: what the default writes too.
                            (None, None) => None,
                        };
                        styles.extend(field_style.map(|style| (property.clone(), style)));
                    }
                    Err(why) => self.error(&at, format!("form field `{property}`: {why}")),
                }
            } else if let Some(media_type) = content_type {
                let text = self.is_scalar(&shape)
                    || self.is_scalar_array(&shape)
                    || self.is_union_of(&shape, true);
                if is_json_media_type(media_type) {
                    styles.push((property.clone(), FieldStyle::Json));
                } else if essence(media_type) == "text/plain" && text {
                    // The default for scalars and their arrays.
                } else {
                    self.error(&at.join("contentType"), format!("form field `{property}` has `contentType: {media_type}`, which a form body cannot carry: a field is text (`text/plain`, for scalars and arrays of them) or JSON text (`application/json`)"));
                }
            }
        }
        styles
    }

    /// The shape of property `name` of a form or multipart body: a declared property, else a value
    /// of the additional properties; `None` when the body has neither.
    fn field_shape(&self, body: &Shape, name: &str) -> Option<Shape> {
        match &body.kind {
            ShapeKind::Map(values) => Some((**values).clone()),
            ShapeKind::JsonObject => Some(Shape::plain(ShapeKind::AnyJson)),
            ShapeKind::Named(id) => {
                let Some(TypeKind::Struct(fields)) = self.type_kind(*id) else { return None };
                let declared = fields.iter().find(|f| !f.flatten && f.wire_name == name);
                match declared {
                    Some(field) => Some(field.shape.clone()),
                    None => fields.iter().find(|f| f.flatten).and_then(|f| match &f.shape.kind {
                        ShapeKind::Map(values) => Some((**values).clone()),
                        _ => None,
                    }),
                }
            }
            _ => None,
        }
    }

    /// The `Content-Type` a multipart part of `shape` is sent with (see `multipart_prelude`).
    fn default_part_type(&self, shape: &Shape) -> &'static str {
        if shape.kind == ShapeKind::Binary {
            "application/octet-stream"
        } else if self.is_scalar(shape) {
            "text/plain"
        } else {
            "application/json"
        }
    }

    /// How a body is carried. JSON is preferred when several media types are offered (the others
    /// are named in a warning); a body with no JSON media type is kept as raw bytes, except form and
    /// multipart bodies, whose structure would be lost, which are reported.
    fn body_media<'m>(
        &mut self,
        content: &'m IndexMap<String, MediaType>,
        pointer: &Pointer,
        what: &str,
    ) -> Option<BodyMedia<'m>> {
        let is_json = is_json_media_type;
        let is_form = |media_type: &str| essence(media_type) == "application/x-www-form-urlencoded";
        let form = content
            .iter()
            .find(|(media_type, _)| is_form(media_type))
            .filter(|_| what == "request body");
        let Some((media_type, media)) =
            content.iter().find(|(media_type, _)| is_json(media_type)).or(form)
        else {
            let (first, _) = content.iter().next()?;
            let first_essence = essence(first);
            if first_essence == "multipart/form-data" && what == "request body" {
                return Some(BodyMedia::Multipart(first.clone(), &content[first]));
            }
            if is_form(first) || first_essence.starts_with("multipart/") {
                self.error(&pointer.join(first), format!("the {what} has media type `{first}`; only `multipart/form-data` request bodies are supported (and no form or multipart responses)"));
                return None;
            }
            if content.len() > 1 {
                let others: Vec<&str> = content.keys().skip(1).map(String::as_str).collect();
                self.warning(
                    pointer,
                    format!(
                        "the {what} is also offered as {}; only `{first}` is generated",
                        others.join(", ")
                    ),
                );
            }
            return Some(BodyMedia::Raw(first.clone()));
        };
        let others: Vec<&str> =
            content.keys().filter(|m| *m != media_type).map(String::as_str).collect();
        if !others.is_empty() {
            self.warning(
                pointer,
                format!(
                    "the {what} is also offered as {}; only `{media_type}` is generated",
                    others.join(", ")
                ),
            );
        }
        if is_form(media_type) {
            return Some(BodyMedia::Form(media_type.clone(), media));
        }
        Some(BodyMedia::Json(media_type.clone(), media))
    }

    fn responses(
        &mut self,
        responses: &'a openapiv3::Responses,
        pointer: &Pointer,
        base: &str,
    ) -> Vec<Response> {
        let mut scope = Scope::default();
        let mut out = Vec::new();
        let errors_before = self.diags.error_count();
        let documented =
            responses.responses.iter().map(|(status, response)| (Some(status), response));
        for (status, response) in documented.chain(responses.default.iter().map(|d| (None, d))) {
            let status_pointer = match status {
                Some(status) => pointer.join(status.to_string()),
                None => pointer.join("default"),
            };
            let pattern = match status {
                Some(StatusCode::Code(code)) if (100..=599).contains(code) => {
                    StatusPattern::Code(*code)
                }
                Some(StatusCode::Code(code)) => {
                    self.error(&status_pointer, format!("`{code}` is not an HTTP status code"));
                    continue;
                }
                Some(StatusCode::Range(class)) if (1..=5).contains(class) => {
                    StatusPattern::Range(*class)
                }
                Some(StatusCode::Range(class)) => {
                    self.error(&status_pointer, format!("`{class}XX` is not an HTTP status class"));
                    continue;
                }
                None => StatusPattern::Default,
            };
            let Some((response, response_pointer)) =
                self.deref(response, "responses", |c| &c.responses, &status_pointer)
            else {
                continue;
            };
            if let Some(entry) = self.response(
                pattern,
                response,
                &status_pointer,
                &response_pointer,
                base,
                &mut scope,
            ) {
                out.push(entry);
            }
        }
        // Responses that failed are reported already; an operation without any is reported here,
        // whatever else in the spec failed.
        if out.is_empty() && self.diags.error_count() == errors_before {
            self.error(pointer, "the operation documents no response");
        }
        out
    }

    fn response(
        &mut self,
        pattern: StatusPattern,
        response: &'a OaResponse,
        status_pointer: &Pointer,
        pointer: &Pointer,
        base: &str,
        scope: &mut Scope,
    ) -> Option<Response> {
        if !response.links.is_empty() {
            self.warning(
                &pointer.join("links"),
                "response `links` are not represented in the generated code",
            );
        }
        let reason = match response.extensions.get(crate::vendor::REASON) {
            Some(serde_json::Value::String(reason)) => reason.clone(),
            Some(_) => {
                self.error(&pointer.join("x-huawei-reason"), "`x-huawei-reason` must be a string");
                String::new()
            }
            None => match pattern {
                StatusPattern::Code(code) => standard_reason(code),
                StatusPattern::Range(class) => class_reason(class).to_owned(),
                StatusPattern::Default => "Default".to_owned(),
            },
        };
        let code = match pattern {
            StatusPattern::Code(code) => code,
            StatusPattern::Range(class) => class * 100,
            StatusPattern::Default => 0,
        };
        let location = self.spec.place(status_pointer);
        let variant = match scope.claim(&reason, Case::UpperCamel, &location) {
            Ok(variant) => variant,
            Err(clash) => clash.given,
        };
        let (body, examples) = if response.content.is_empty() {
            (None, Vec::new())
        } else {
            match self.body_media(&response.content, &pointer.join("content"), "response")? {
                // Form is only chosen for request bodies; a form response stays raw bytes.
                BodyMedia::Raw(_) | BodyMedia::Form(..) | BodyMedia::Multipart(..) => {
                    (Some(Shape::plain(ShapeKind::Binary)), Vec::new())
                }
                BodyMedia::Json(media_type, media) => {
                    let media_pointer = pointer.join("content").join(&media_type);
                    let shape = match &media.schema {
                        Some(schema) => {
                            let at = media_pointer.join("schema");
                            self.schema_or_ref(schema, &at, &format!("{base}{variant}Body")).shape
                        }
                        None => {
                            let message = "the response body has no `schema`";
                            self.mistake(
                                &media_pointer,
                                message,
                                "it is decoded as any JSON value",
                            );
                            Shape::plain(ShapeKind::AnyJson)
                        }
                    };
                    (Some(shape), self.examples(media, &media_pointer))
                }
            }
        };
        let headers = self.response_headers(response, pointer, &format!("{base}{variant}"));
        let headers_type = (!headers.is_empty()).then(|| {
            self.claim_type_name(
                &format!("{base}{variant}Headers"),
                &format!("the headers of the `{variant}` response of `{base}`"),
                &pointer.join("headers"),
            )
        });
        Some(Response {
            status: StatusEntry {
                pattern,
                code,
                reason,
                meaning: Some(response.description.clone()),
                success: (200..300).contains(&code),
                variant,
            },
            body,
            examples,
            headers,
            headers_type,
        })
    }

    /// The headers a response documents, each a scalar, a string enum or an array of them (the
    /// only values OpenAPI's `simple` header style writes unambiguously).
    fn response_headers(
        &mut self,
        response: &'a OaResponse,
        pointer: &Pointer,
        hint: &str,
    ) -> Vec<ResponseHeader> {
        let mut scope = Scope::default();
        let mut headers = Vec::new();
        for (name, header) in &response.headers {
            let header_pointer = pointer.join("headers").join(name);
            if name.eq_ignore_ascii_case("content-type") {
                self.warning(&header_pointer, "a `Content-Type` response header is ignored, as OpenAPI says: the body's media type describes it");
                continue;
            }
            let Some((header, at)) = self.deref(header, "headers", |c| &c.headers, &header_pointer)
            else {
                continue;
            };
            // A `text/plain` header's text is its value, as a `schema` header's is.
            let plain = |content: &'a IndexMap<String, MediaType>| match content.first() {
                Some((media_type, media))
                    if content.len() == 1 && essence(media_type) == "text/plain" =>
                {
                    media.schema.as_ref().map(|schema| (schema, media_type))
                }
                _ => None,
            };
            let (schema, schema_pointer) = match &header.format {
                ParameterSchemaOrContent::Schema(schema) => (schema, at.join("schema")),
                ParameterSchemaOrContent::Content(content) => match plain(content) {
                    Some((schema, media_type)) => {
                        (schema, at.join("content").join(media_type).join("schema"))
                    }
                    None => {
                        self.error(&at.join("content"), format!("response header `{name}` uses `content` other than one `text/plain` schema; only `schema` headers and `text/plain` content are supported yet"));
                        continue;
                    }
                },
            };
            let errors_before = self.diags.error_count();
            let mut resolved = self.schema_or_ref(
                schema,
                &schema_pointer,
                &format!("{hint}{}", identifier(name, Case::UpperCamel)),
            );
            // A header is absent or has a value: there is no `null` on the wire.
            resolved.shape.nullable = false;
            if self.diags.error_count() > errors_before {
                continue;
            }
            if !self.is_scalar(&resolved.shape) && !self.is_scalar_array(&resolved.shape) {
                self.error(&at.join("schema"), format!("response header `{name}` must be a string, number, boolean or string enum, or an array of them"));
                continue;
            }
            let rust_name = self.claim_in(
                &mut scope,
                name,
                &format!("response header `{name}`"),
                Case::Snake,
                &at,
                "field name",
            );
            headers.push(ResponseHeader {
                wire_name: name.clone(),
                rust_name,
                required: header.required,
                description: header.description.clone().or(resolved.description),
                shape: resolved.shape,
            });
        }
        headers
    }

    fn examples(&mut self, media: &'a MediaType, pointer: &Pointer) -> Vec<Example> {
        let mut out = Vec::new();
        if let Some(value) = &media.example {
            out.push(Example {
                name: "example".into(),
                value: value.clone(),
                origin: self.spec.place(&pointer.join("example")),
            });
        }
        for (name, example) in &media.examples {
            let example_pointer = pointer.join("examples").join(name);
            let Some((example, at)) =
                self.deref(example, "examples", |c| &c.examples, &example_pointer)
            else {
                continue;
            };
            match &example.value {
                Some(value) => out.push(Example { name: name.clone(), value: value.clone(), origin: self.spec.place(&at.join("value")) }),
                None => self.warning(&at, format!("example `{name}` has no inline `value` (`externalValue` is not followed), so it is not checked")),
            }
        }
        out
    }

    /// Follows `$ref`s into `components.<section>` until an item; reports broken and cyclic references.
    fn deref<T>(
        &mut self,
        item: &'a ReferenceOr<T>,
        section: &str,
        get: fn(&'a Components) -> &'a IndexMap<String, ReferenceOr<T>>,
        pointer: &Pointer,
    ) -> Option<(&'a T, Pointer)> {
        let spec = self.spec;
        let mut current = item;
        let mut at = pointer.clone();
        for _ in 0..32 {
            match current {
                ReferenceOr::Item(item) => return Some((item, at)),
                ReferenceOr::Reference { reference } => {
                    let name = self.component_name(reference, section, &at)?;
                    let target = spec
                        .document
                        .components
                        .as_ref()
                        .map(get)
                        .and_then(|entries| entries.get(&name));
                    let Some(target) = target else {
                        self.error(&at, format!("`$ref` target `{reference}` does not exist"));
                        return None;
                    };
                    current = target;
                    at = Pointer::root().join("components").join(section).join(&name);
                }
            }
        }
        self.error(pointer, "`$ref` chain is too long or cyclic");
        None
    }

    /// The component name in a local `$ref` to `#/components/<section>/<name>`; anything else is reported.
    pub(super) fn component_name(
        &mut self,
        reference: &str,
        section: &str,
        pointer: &Pointer,
    ) -> Option<String> {
        let Some(target) = Pointer::from_ref(reference) else {
            self.error(pointer, format!("`$ref: {reference}` points outside this file; only local references (`#/components/...`) are supported"));
            return None;
        };
        let segments = target.owned_segments();
        match segments.as_slice() {
            [components, found_section, name]
                if components == "components" && found_section == section =>
            {
                Some(name.clone())
            }
            _ => {
                self.error(
                    pointer,
                    format!(
                        "`$ref: {reference}` must point to `#/components/{section}/<name>` here"
                    ),
                );
                None
            }
        }
    }
}

/// A media type's essence: lower case, without parameters.
fn essence(media_type: &str) -> String {
    media_type.split(';').next().unwrap_or_default().trim().to_ascii_lowercase()
}

/// `application/json` or an `application/...+json` type.
fn is_json_media_type(media_type: &str) -> bool {
    let essence = essence(media_type);
    essence == "application/json"
        || (essence.starts_with("application/") && essence.ends_with("+json"))
}

/// Each alternative requirement as text: `scheme (scope, ...)`, several schemes joined by ` + `.
fn security_requirements(
    requirements: Option<&Vec<openapiv3::SecurityRequirement>>,
) -> Vec<String> {
    requirements
        .into_iter()
        .flatten()
        .map(|requirement| {
            let schemes: Vec<String> = requirement
                .iter()
                .map(|(scheme, scopes)| {
                    if scopes.is_empty() {
                        scheme.clone()
                    } else {
                        format!("{scheme} ({})", scopes.join(", "))
                    }
                })
                .collect();
            if schemes.is_empty() { "none (anonymous)".to_owned() } else { schemes.join(" + ") }
        })
        .collect()
}

fn methods(item: &PathItem) -> Vec<(&'static str, &openapiv3::Operation)> {
    [
        ("get", &item.get),
        ("put", &item.put),
        ("post", &item.post),
        ("delete", &item.delete),
        ("options", &item.options),
        ("head", &item.head),
        ("patch", &item.patch),
        ("trace", &item.trace),
    ]
    .into_iter()
    .filter_map(|(method, op)| op.as_ref().map(|op| (method, op)))
    .collect()
}

fn location_name(parameter: &OaParameter) -> &'static str {
    match parameter {
        OaParameter::Query { .. } => "query",
        OaParameter::Header { .. } => "header",
        OaParameter::Path { .. } => "path",
        OaParameter::Cookie { .. } => "cookie",
    }
}

/// The name of a status class, which names its variant.
fn class_reason(class: u16) -> &'static str {
    match class {
        1 => "Informational",
        2 => "Success",
        3 => "Redirection",
        4 => "Client Error",
        _ => "Server Error",
    }
}

/// The standard reason phrase, or `Status <code>` for codes without one.
fn standard_reason(code: u16) -> String {
    http::StatusCode::from_u16(code)
        .ok()
        .and_then(|status| status.canonical_reason())
        .map_or_else(|| format!("Status {code}"), str::to_owned)
}
