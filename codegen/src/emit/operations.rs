//! `operations.rs`: per operation, a request type that implements `runtime::Operation` (building the
//! `http::Request` and decoding the `http::Response`) and a response enum with a variant per status.

use std::collections::HashMap;
use std::sync::Arc;

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::builders::{Member, all_optional, constructors};
use super::docs::{Doc, code, constraints};
use super::layout::Part;
use super::structs::{FieldDef, StructDef};
use super::validation::{Patterns, member_checks, validate_block};
use super::{ServiceContext, ident};
use crate::format::{FileCode, LaterPart, RustCode};
use crate::ir::{
    BodyEncoding, ObjectQueryStyle, Operation, Parameter, ParameterLocation, PathPart, Response,
    Shape, ShapeKind, StatusPattern, TypeKind,
};

/// Operations per part of an operations file: each part is emitted and printed by whichever thread
/// is free.
const OPERATIONS_PER_PART: usize = 20;

/// The operations file of a part of a service, or `None` when it holds no operations.
pub fn emit<'a>(cx: &'a ServiceContext<'a>, part: Part) -> Option<FileCode<'a>> {
    let service = cx.service;
    let operations: Vec<&'a Operation> = cx.operations_of(part).collect();
    if operations.is_empty() {
        return None;
    }
    // Pattern statics are named in the order the checks first use them, and a response enum or
    // headers struct like an earlier one is an alias of it. Settling both first lets each part be
    // emitted on its own thread as it would have been in turn.
    let mut patterns = Patterns::default();
    for op in &operations {
        request_checks(cx, &mut patterns, op);
    }
    let statics = patterns.statics(&cx.layout);
    let firsts = Arc::new(Firsts::of(&operations));

    // Import exactly the model types this file names, so nothing is unused.
    let mut used = Vec::new();
    for op in &operations {
        op.shapes().for_each(|shape| ServiceContext::named_types(shape, &mut used));
    }
    let models = cx.imports(part, false, &used, &quote!(crate));
    // Only operations with their own response enum name their status type.
    let statuses: Vec<_> = operations
        .iter()
        .filter(|op| !firsts.responses.contains_key(&op.response_type))
        .map(|op| ident(&op.status_type))
        .collect();
    let doc = Doc::default()
        .markdown(format!("Operations of the {} API{}.", service.title, group_suffix(cx, part)))
        .markdown(
            "Each operation has a request type holding its parameters and body, which implements \
             [`Operation`](crate::runtime::Operation): `build_request` makes the complete `http::Request` and \
             `decode_response` turns the `http::Response` into the response enum, one variant per \
             documented status. Both are pure, so any HTTP stack can send them.",
        )
        .inner();
    let head = RustCode::from(quote! {
        #doc
        #models
        use super::status::{#(#statuses),*};
        use crate::runtime;
        #statics
    });
    let patterns = Arc::new(patterns);
    let parts = operations
        .chunks(OPERATIONS_PER_PART)
        .map(|chunk| {
            let (chunk, patterns, firsts) = (chunk.to_vec(), patterns.clone(), firsts.clone());
            Box::new(move || operations_part(cx, &patterns, &firsts, &chunk)) as LaterPart<'a>
        })
        .collect();
    Some(FileCode { head, parts })
}

/// The operations `chunk`, with pattern statics named in `named`.
fn operations_part(
    cx: &ServiceContext<'_>,
    named: &Patterns,
    firsts: &Firsts,
    chunk: &[&Operation],
) -> RustCode {
    named.in_part(|patterns| {
        let mut code = RustCode::default();
        for op in chunk {
            code.append(operation(cx, patterns, firsts, op));
        }
        code
    })
}

/// ` tagged `Repos`` for a group's files, nothing for the service's.
pub(crate) fn group_suffix(cx: &ServiceContext<'_>, part: Part) -> String {
    match part {
        Part::Group(g) => match &cx.service.groups[g].tag {
            Some(tag) => format!(" tagged {}", code(tag)),
            None => " without a tag".to_owned(),
        },
        Part::Service => String::new(),
    }
}

/// The response enums and headers structs of a file that are aliases of an earlier one: a later
/// operation with the same statuses, meanings, bodies and headers (or one response with the same
/// headers) gets a type alias to the first instead of another type.
struct Firsts {
    /// The response type of each such operation, and the response type it aliases.
    responses: HashMap<String, String>,
    /// Each such headers struct, and the one it aliases.
    headers: HashMap<String, String>,
}

impl Firsts {
    /// The aliases among `operations`, the operations of one file in order.
    fn of(operations: &[&Operation]) -> Self {
        let responses = operations
            .iter()
            .zip(response_owners(operations))
            .filter(|(op, owner)| !std::ptr::eq(**op, *owner))
            .map(|(op, owner)| (op.response_type.clone(), owner.response_type.clone()))
            .collect();
        let mut firsts = Self { responses, headers: HashMap::new() };
        let mut headers: HashMap<String, &String> = HashMap::new();
        for op in operations {
            for response in &op.responses {
                let Some(name) = &response.headers_type else { continue };
                let first = *headers.entry(format!("{:?}", response.headers)).or_insert(name);
                if first != name {
                    firsts.headers.insert(name.clone(), first.clone());
                }
            }
        }
        firsts
    }
}

/// The checks of a request's members, in the order its `validate` makes them (which names the
/// pattern statics they use).
fn request_checks(
    cx: &ServiceContext<'_>,
    patterns: &mut Patterns,
    op: &Operation,
) -> Vec<TokenStream> {
    let mut checks = Vec::new();
    for parameter in &op.parameters {
        patterns.meaning = parameter.description.clone();
        checks.extend(member_checks(
            cx,
            patterns,
            &parameter.shape,
            &ident(&parameter.rust_name),
            &parameter.wire_name,
            parameter.required,
            &op.type_base,
        ));
        checks.extend(transport_checks(parameter));
    }
    if let Some(body) = &op.body {
        patterns.meaning = body.description.clone();
        checks.extend(member_checks(
            cx,
            patterns,
            &body.shape,
            &ident("body"),
            "body",
            body.required,
            &op.type_base,
        ));
    }
    checks
}

/// An operation's request type, its response enum and the structs of its responses' headers.
fn operation(
    cx: &ServiceContext<'_>,
    patterns: &mut Patterns,
    firsts: &Firsts,
    op: &Operation,
) -> RustCode {
    let request = ident(&op.request_type);
    let response = ident(&op.response_type);
    let status = ident(&op.status_type);
    let endpoint = code(&format!("{} {}", op.method, op.path));
    let mut doc = Doc::default()
        .prose(op.summary.as_deref())
        .prose(op.description.as_deref())
        .markdown(format!(
            "{endpoint} (operation `{}`). The response is a [`{}`].",
            op.id, op.response_type
        ));
    if let Some(page) = op.source.as_ref().and_then(super::docs::page_reference) {
        doc = doc.markdown(format!("Transcribes {page}."));
    }
    if !op.security.is_empty() {
        let alternatives: Vec<String> = op.security.iter().map(|s| code(s)).collect();
        doc = doc.markdown(format!("Security (any one of): {}.", alternatives.join("; ")));
    }

    let mut members = Vec::new();
    for parameter in &op.parameters {
        let member = ident(&parameter.rust_name);
        let ty = cx.field_type(&parameter.shape, parameter.required, false);
        let place = match parameter.location {
            ParameterLocation::Path => "Path parameter",
            ParameterLocation::Query => "Query parameter",
            ParameterLocation::Header => "Header",
            ParameterLocation::Cookie => "Cookie",
        };
        let name = &parameter.wire_name;
        let mut written = match (parameter.object_style, parameter.separator) {
            (Some(ObjectQueryStyle::DeepObject), _) => format!(", sent {}", deep_object_doc(name)),
            (Some(ObjectQueryStyle::FormExploded), _) => {
                format!(", sent as {} per property", code("property=value"))
            }
            (Some(ObjectQueryStyle::Form), _) => {
                format!(", sent as {}", code(&format!("{name}=property,value,...")))
            }
            (None, Some(separator)) => format!(", its values joined by {}", code(separator)),
            (None, None) => String::new(),
        };
        if parameter.json {
            written.push_str(", sent as its JSON text");
        }
        if parameter.allow_reserved {
            written.push_str(" (reserved characters are sent unencoded)");
        }
        let doc = Doc::default()
            .prose(parameter.description.as_deref())
            .markdown(format!("{place} {}{written}.", code(name)))
            .markdown(constraints(&parameter.shape));
        members.push(FieldDef { doc, attrs: Vec::new(), name: member, ty });
    }
    if let Some(body) = &op.body {
        let ty = cx.field_type(&body.shape, body.required, false);
        let doc = Doc::default()
            .prose(body.description.as_deref())
            .markdown(format!("The request body, sent as {}.", code(&body.media_type)))
            .markdown(field_styles_doc(&body.field_styles))
            .markdown(constraints(&body.shape));
        members.push(FieldDef { doc, attrs: Vec::new(), name: ident("body"), ty });
    }
    let validate = validate_block(&request, request_checks(cx, patterns, op));
    let build = build_request(cx, op);
    let decode = decode_response(op);
    let id = &op.id;
    let method = ident(&op.method);
    let path = &op.path;

    let variants = op.responses.iter().map(|r| {
        let variant = ident(&r.status.variant);
        let title = code(&format!("{} {}", r.status.label(), r.status.reason));
        let mut doc =
            Doc::default().markdown(format!("{title}:")).prose(r.status.meaning.as_deref());
        let body = match &r.body {
            Some(body) if body.kind == ShapeKind::Binary => {
                doc = doc.markdown("The body is not JSON; its raw bytes are kept.");
                quote!(bytes::Bytes)
            }
            Some(body) => {
                doc = doc.markdown("The documented body, decoded.");
                cx.rust_type(body)
            }
            None => {
                doc = doc.markdown("No body is documented; the raw body is kept.");
                quote!(bytes::Bytes)
            }
        };
        if r.status.is_pattern() {
            doc = doc.markdown("With the actual status.");
        }
        let headers = r.headers_type.as_ref().map(|name| {
            doc = std::mem::take(&mut doc)
                .markdown(format!("With the documented headers, [`{name}`]."));
            let name = ident(name);
            quote!(, #name)
        });
        let doc = doc.outer();
        if r.status.is_pattern() {
            quote!(#doc #variant(http::StatusCode, #body #headers),)
        } else {
            quote!(#doc #variant(#body #headers),)
        }
    });
    let status_arms = op.responses.iter().map(|r| {
        let variant = ident(&r.status.variant);
        if r.status.is_pattern() {
            quote!(Self::#variant(status, ..) => #status::#variant(status.as_u16()),)
        } else {
            quote!(Self::#variant(..) => #status::#variant,)
        }
    });
    let headers_items: Vec<TokenStream> =
        op.responses.iter().filter_map(|r| headers_struct(cx, op, r, &firsts.headers)).collect();
    let response_items = match firsts.responses.get(&op.response_type) {
        Some(first) => {
            let doc = format!(
                " The decoded response of [`{}`]: the same statuses and bodies as [`{first}`].",
                op.request_type
            );
            let first = ident(first);
            quote!(#[doc = #doc] pub type #response = #first;)
        }
        None => {
            let response_doc = format!(
                " The decoded response of [`{}`]: one variant per documented status.",
                op.request_type
            );
            let outcome = outcome(cx, op);
            quote! {
                #[doc = #response_doc]
                #[derive(Debug, Clone, PartialEq)]
                #[allow(clippy::large_enum_variant)]
                #[non_exhaustive]
                pub enum #response {
                    #(#variants)*
                }

                #outcome

                impl #response {
                    /// The documented status of this response.
                    pub fn status(&self) -> #status {
                        match self {
                            #(#status_arms)*
                        }
                    }
                }
            }
        }
    };

    let mut built: Vec<Member<'_>> = op
        .parameters
        .iter()
        .map(|p| Member {
            rust_name: &p.rust_name,
            wire_name: &p.wire_name,
            shape: &p.shape,
            required: p.required,
            boxed: false,
            flatten: false,
        })
        .collect();
    if let Some(body) = &op.body {
        built.push(Member {
            rust_name: "body",
            wire_name: "body",
            shape: &body.shape,
            required: body.required,
            boxed: false,
            flatten: false,
        });
    }
    let default = all_optional(&built).then(|| quote!(Default,));
    let paginated = super::pagination::paginated(cx, op);
    let mut code = StructDef {
        doc: doc.markdown(
            "Build it with `new` and the `with_*` setters: new optional parameters may be added.",
        ),
        attrs: vec![
            quote!(#[derive(Debug, Clone, PartialEq, #default)]),
            quote!(#[non_exhaustive]),
        ],
        name: request.clone(),
        fields: members,
    }
    .into_code();
    code.push_block(constructors(cx, &op.request_type, &built));
    code.push_block(validate);
    code.push(quote! {
        impl runtime::Operation for #request {
            type Response = #response;
            const OPERATION_ID: &'static str = #id;
            const METHOD: http::Method = http::Method::#method;
            const PATH_TEMPLATE: &'static str = #path;

            #build

            #decode
        }

        #response_items

        #paginated

        #(#headers_items)*
    });
    code
}

/// The checks a parameter's place needs: a string path parameter is exactly one path segment, a
/// string header an HTTP header value (so such input is reported by `validate()` with the rest,
/// not discovered while building).
fn transport_checks(parameter: &crate::ir::Parameter) -> Option<TokenStream> {
    if !matches!(parameter.shape.kind, ShapeKind::String(_)) || parameter.shape.nullable {
        return None;
    }
    let check = match parameter.location {
        ParameterLocation::Path => quote!(runtime::validate::path_segment),
        ParameterLocation::Header => quote!(runtime::validate::header_text),
        _ => return None,
    };
    let member = ident(&parameter.rust_name);
    let wire = &parameter.wire_name;
    Some(if parameter.required {
        quote! {{
            let path = path.field(#wire);
            #check(&path, &self.#member, out);
        }}
    } else {
        quote! {
            if let Some(value) = &self.#member {
                let path = path.field(#wire);
                #check(&path, value, out);
            }
        }
    })
}

/// What a call of `op` returns on success: the payload of the one documented 2xx response (`()`
/// without a body, with its headers as a tuple when it documents some), or `{Operation}Success`, an
/// enum of the 2xx responses, when there are several (or a range or `default` one, whose status is
/// kept). Names defined in the operations file are written after `here` (`super::operations::` seen
/// from another file); model types it names are added to `used`.
pub(crate) fn success_type(
    cx: &ServiceContext<'_>,
    op: &Operation,
    owner: &Operation,
    here: &TokenStream,
    used: &mut Vec<crate::ir::TypeId>,
) -> TokenStream {
    let successes: Vec<&Response> =
        op.responses.iter().filter(|r| r.status.may_succeed()).collect();
    match successes.as_slice() {
        [single] if !single.status.is_pattern() => {
            if let Some(body) = &single.body {
                ServiceContext::named_types(body, used);
            }
            let body = single.body.as_ref().map(|b| payload_type(cx, b));
            let headers = single.headers_type.as_ref().map(|h| ident(h));
            match (body, headers) {
                (Some(body), Some(headers)) => quote!((#body, #here #headers)),
                (Some(body), None) => body,
                (None, Some(headers)) => quote!(#here #headers),
                (None, None) => quote!(()),
            }
        }
        _ => {
            let name = format_ident!("{}Success", success_owner(owner));
            quote!(#here #name)
        }
    }
}

/// The name of `{Operation}Success`: the operation's own, or (for an operation whose response enum
/// is an alias of an earlier one's, see [`response_owners`]) that operation's.
fn success_owner(op: &Operation) -> &str {
    &op.type_base
}

/// For each of `operations` (those of one file, in order), the first one with the same responses:
/// the one whose response enum (and success enum) the others alias.
pub(crate) fn response_owners<'o>(operations: &[&'o Operation]) -> Vec<&'o Operation> {
    let mut firsts: HashMap<String, &'o Operation> = std::collections::HashMap::new();
    operations.iter().map(|&op| *firsts.entry(response_signature(op)).or_insert(op)).collect()
}

/// The `Outcome` impl of `op`'s response enum (and the `{Operation}Success` enum when it has one).
fn outcome(cx: &ServiceContext<'_>, op: &Operation) -> TokenStream {
    let response = ident(&op.response_type);
    let successes: Vec<&Response> =
        op.responses.iter().filter(|r| r.status.may_succeed()).collect();
    match successes.as_slice() {
        [single] if !single.status.is_pattern() => {
            let variant = ident(&single.status.variant);
            let ty = success_type(cx, op, op, &quote!(), &mut Vec::new());
            let (pattern, value) = match (single.body.is_some(), single.headers_type.is_some()) {
                (true, true) => (quote!((body, headers)), quote!((body, headers))),
                (true, false) => (quote!((body)), quote!(body)),
                (false, true) => (quote!((_, headers)), quote!(headers)),
                (false, false) => (quote!((_)), quote!(())),
            };
            quote! {
                impl runtime::Outcome for #response {
                    type Success = #ty;

                    fn into_success(self) -> Result<Self::Success, Self> {
                        match self {
                            Self::#variant #pattern => Ok(#value),
                            #[allow(unreachable_patterns)]
                            other => Err(other),
                        }
                    }
                }
            }
        }
        _ => success_enum(cx, op, &successes),
    }
}

/// The Rust type of a response body in a variant: the decoded type, or raw bytes.
fn payload_type(cx: &ServiceContext<'_>, body: &crate::ir::Shape) -> TokenStream {
    if body.kind == ShapeKind::Binary { quote!(bytes::Bytes) } else { cx.rust_type(body) }
}

/// `{Operation}Success`, the 2xx responses of an operation with several (or none but a range or
/// `default`): the same variants as the response enum, and the `Outcome` impl.
fn success_enum(cx: &ServiceContext<'_>, op: &Operation, successes: &[&Response]) -> TokenStream {
    let response = ident(&op.response_type);
    let name = format_ident!("{}Success", success_owner(op));
    let doc = format!(
        " The successful responses of [`{}`]: the 2xx variants of [`{}`].",
        op.request_type, op.response_type
    );
    let variants = successes.iter().map(|r| {
        let variant = ident(&r.status.variant);
        let status = r.status.is_pattern().then(|| quote!(http::StatusCode,));
        let body = match &r.body {
            Some(body) => payload_type(cx, body),
            None => quote!(bytes::Bytes),
        };
        let headers = r.headers_type.as_ref().map(|h| {
            let h = ident(h);
            quote!(, #h)
        });
        let doc = format!(" {}.", code(&format!("{} {}", r.status.label(), r.status.reason)));
        quote!(#[doc = #doc] #variant(#status #body #headers),)
    });
    let arms = successes.iter().map(|r| {
        let variant = ident(&r.status.variant);
        if r.status.is_pattern() {
            // `default` or a range: a success only when the actual status is 2xx.
            let (bind, value) = if r.headers_type.is_some() {
                (quote!((status, body, headers)), quote!((status, body, headers)))
            } else {
                (quote!((status, body)), quote!((status, body)))
            };
            quote!(Self::#variant #bind if status.is_success() => Ok(#name::#variant #value),)
        } else if r.headers_type.is_some() {
            quote!(Self::#variant(body, headers) => Ok(#name::#variant(body, headers)),)
        } else {
            quote!(Self::#variant(body) => Ok(#name::#variant(body)),)
        }
    });
    quote! {
        #[doc = #doc]
        #[derive(Debug, Clone, PartialEq)]
        #[allow(clippy::large_enum_variant)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
        }

        impl runtime::Outcome for #response {
            type Success = #name;

            fn into_success(self) -> Result<Self::Success, Self> {
                match self {
                    #(#arms)*
                    #[allow(unreachable_patterns)]
                    other => Err(other),
                }
            }
        }
    }
}

/// The expression that makes variant `r` of `response` from `parts` and `body`: the status for a
/// range or `default`, the body (decoded JSON, or the raw bytes), and the decoded headers.
fn construct(response: &proc_macro2::Ident, r: &Response) -> TokenStream {
    let variant = ident(&r.status.variant);
    let status = r.status.is_pattern().then(|| quote!(parts.status,));
    let headers = r.headers_type.as_ref().map(|name| {
        let name = ident(name);
        quote!(let headers = runtime::decode_headers(&parts, &body, #name::from_headers)?;)
    });
    let with_headers = headers.is_some().then(|| quote!(, headers));
    // Raw (non-JSON) bodies are kept as they came, like undocumented ones.
    let decoded = r.body.as_ref().is_some_and(|b| b.kind != ShapeKind::Binary);
    let made = match (decoded, status.is_none() && headers.is_none()) {
        (true, true) => quote!(runtime::decode_json(parts.status, body).map(#response::#variant)),
        (true, false) => {
            quote!(runtime::decode_json(parts.status, body).map(|body| #response::#variant(#status body #with_headers)))
        }
        (false, _) => quote!(Ok(#response::#variant(#status body #with_headers))),
    };
    match headers {
        Some(headers) => quote!({ #headers #made }),
        None => made,
    }
}

/// What makes two response enums the same: statuses (with reasons and meanings), bodies and headers.
fn response_signature(op: &Operation) -> String {
    op.responses
        .iter()
        .map(|r| format!("{:?}|{:?}|{:?}", r.status, r.body, r.headers))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The struct of a response's documented headers, with the function that decodes them; a type
/// alias when an earlier response in the file has the same headers (`aliases`, see [`Firsts`]).
fn headers_struct(
    cx: &ServiceContext<'_>,
    op: &Operation,
    response: &Response,
    aliases: &HashMap<String, String>,
) -> Option<TokenStream> {
    let name = response.headers_type.as_ref()?;
    let ty = ident(name);
    let title = code(&format!("{} {}", response.status.label(), response.status.reason));
    if let Some(first) = aliases.get(name) {
        let doc = format!(
            " The headers of the {title} response of [`{}`]: the same as [`{first}`].",
            op.request_type
        );
        let first = ident(first);
        return Some(quote!(#[doc = #doc] pub type #ty = #first;));
    }
    let doc =
        format!(" The documented headers of the {title} response of [`{}`].", op.request_type);
    let mut fields = Vec::new();
    let mut decoders = Vec::new();
    for header in &response.headers {
        let field = ident(&header.rust_name);
        let field_type = cx.field_type(&header.shape, header.required, false);
        let wire = &header.wire_name;
        let absent = if header.required {
            "Required: its absence is a decoding error."
        } else {
            "`None` when the response does not have it."
        };
        let doc = Doc::default()
            .prose(header.description.as_deref())
            .markdown(format!("Header {}. {absent}", code(wire)))
            .markdown(constraints(&header.shape))
            .outer();
        fields.push(quote!(#doc pub #field: #field_type,));
        let text = header_text(&header.shape);
        let read = if header.required {
            quote!(runtime::required_header)
        } else {
            quote!(runtime::header)
        };
        decoders.push(quote!(#field: #read(headers, #wire, runtime::HeaderText::#text)?,));
    }
    Some(quote! {
        #[doc = #doc]
        #[derive(Debug, Clone, PartialEq)]
        #[non_exhaustive]
        pub struct #ty {
            #(#fields)*
        }

        impl #ty {
            /// Decodes the documented headers from a response's header map.
            pub fn from_headers(headers: &http::HeaderMap) -> Result<Self, runtime::HeaderError> {
                Ok(Self {
                    #(#decoders)*
                })
            }
        }
    })
}

/// How a header of `shape` is read: as text, or as a number or boolean, alone or comma-separated.
fn header_text(shape: &Shape) -> proc_macro2::Ident {
    let scalar = |shape: &Shape| {
        matches!(shape.kind, ShapeKind::Integer(_) | ShapeKind::Number(_) | ShapeKind::Boolean)
    };
    let name = match &shape.kind {
        ShapeKind::Array(items) if scalar(items) => "ScalarList",
        ShapeKind::Array(_) => "TextList",
        _ if scalar(shape) => "Scalar",
        _ => "Text",
    };
    ident(name)
}

/// The fields a body's `encoding` writes in their own way, grouped by style, for its docs.
fn field_styles_doc(styles: &[(String, crate::ir::FieldStyle)]) -> String {
    use crate::ir::FieldStyle;
    let groups = [
        (
            FieldStyle::DeepObject,
            "in brackets (`style: deepObject`: `name[key]=value`, `name[0]=value`)",
        ),
        (FieldStyle::Json, "as their JSON text"),
        (FieldStyle::FormExploded, "one pair per item or property (`style: form`)"),
        (FieldStyle::Form, "as one pair joined by commas (`style: form`, `explode: false`)"),
        (FieldStyle::SpaceDelimited, "joined by spaces"),
        (FieldStyle::PipeDelimited, "joined by `|`"),
    ];
    let sentences: Vec<String> = groups
        .iter()
        .filter_map(|(style, how)| {
            let names: Vec<String> =
                styles.iter().filter(|(_, s)| s == style).map(|(name, _)| code(name)).collect();
            (!names.is_empty()).then(|| format!("Written {how}: {}.", names.join(", ")))
        })
        .collect();
    sentences.join(" ")
}

/// The `runtime::FormStyle` variant that writes a form field in `style`.
fn form_style(style: crate::ir::FieldStyle) -> proc_macro2::Ident {
    use crate::ir::FieldStyle;
    ident(match style {
        FieldStyle::Json => "Json",
        FieldStyle::FormExploded => "FormExploded",
        FieldStyle::Form => "Form",
        FieldStyle::SpaceDelimited => "SpaceDelimited",
        FieldStyle::PipeDelimited => "PipeDelimited",
        FieldStyle::DeepObject => "DeepObject",
    })
}

/// How `style: deepObject` writes parameter or field `name`, for its docs.
fn deep_object_doc(name: &str) -> String {
    format!(
        "in brackets: {} (nested objects nest further), {} for an array's items, {} for a scalar",
        code(&format!("{name}[key]=value")),
        code(&format!("{name}[0]=value")),
        code(&format!("{name}=value")),
    )
}

/// A `&str` expression for the value of a required parameter, `self.<member>`.
fn text_of_member(cx: &ServiceContext<'_>, parameter: &Parameter) -> TokenStream {
    let member = ident(&parameter.rust_name);
    let text = text_of(cx, parameter, quote!(self.#member));
    // A `String` member is the text itself; every other value's text is already a borrow.
    if matches!(parameter.shape.kind, ShapeKind::String(_)) && !parameter.json {
        quote!(&#text)
    } else {
        text
    }
}

/// A `&str` expression for a scalar parameter value bound to `value`.
fn text_of(cx: &ServiceContext<'_>, parameter: &Parameter, value: TokenStream) -> TokenStream {
    if parameter.json {
        let name = &parameter.wire_name;
        return quote!(&runtime::json_text(#name, &#value)?);
    }
    let shape = match &parameter.shape.kind {
        ShapeKind::Array(items) => items,
        _ => &parameter.shape,
    };
    match &shape.kind {
        ShapeKind::String(_) => value,
        ShapeKind::Named(id) if matches!(cx.service.types[*id].kind, TypeKind::StringEnum(_)) => {
            quote!(#value.as_str())
        }
        ShapeKind::Named(id) if matches!(cx.service.types[*id].kind, TypeKind::Union(..)) => {
            let name = &parameter.wire_name;
            quote!(&runtime::scalar_value_text(#name, &#value)?)
        }
        _ => quote!(&#value.to_string()),
    }
}

/// Builds a multipart body: `let (multipart_type, multipart_body) = ...;` for a required body,
/// `let multipart: Option<(String, Bytes)> = ...;` for an optional one. One part per property: files
/// for raw bytes, text for scalars, JSON for the rest; absent properties are left out.
fn multipart_prelude(cx: &ServiceContext<'_>, body: &crate::ir::RequestBody) -> TokenStream {
    let fields = match &body.shape.kind {
        ShapeKind::Named(id) => match &cx.service.types[*id].kind {
            TypeKind::Struct(fields) => fields.as_slice(),
            _ => &[],
        },
        _ => &[],
    };
    let parts = fields.iter().map(|field| {
        let member = ident(&field.rust_name);
        let name = &field.wire_name;
        if field.flatten {
            return quote!(for (name, value) in &body.#member { form.json(name, value)?; });
        }
        let deep = body.field_styles.iter().any(|(wire, style)| {
            wire == &field.wire_name && *style == crate::ir::FieldStyle::DeepObject
        });
        let add = match &field.shape.kind {
            _ if deep => quote!(form.deep_object(#name, value)?;),
            ShapeKind::Binary => quote!(form.file(#name, value.clone());),
            ShapeKind::String(_) => quote!(form.text(#name, value);),
            ShapeKind::Named(id)
                if matches!(cx.service.types[*id].kind, TypeKind::StringEnum(_)) =>
            {
                quote!(form.text(#name, value.as_str());)
            }
            ShapeKind::Integer(_)
            | ShapeKind::Number(_)
            | ShapeKind::Boolean
            | ShapeKind::Base64 => quote!(form.text(#name, &value.to_string());),
            _ => quote!(form.json(#name, value)?;),
        };
        match (field.required, field.shape.nullable) {
            (true, false) => quote!({ let value = &body.#member; #add }),
            (false, true) => quote!(if let Some(Some(value)) = &body.#member { #add }),
            _ => quote!(if let Some(value) = &body.#member { #add }),
        }
    });
    let build = if fields.is_empty() {
        quote!(runtime::Multipart::new().finish())
    } else {
        quote! {
            let mut form = runtime::Multipart::new();
            #(#parts)*
            form.finish()
        }
    };
    if body.required {
        quote!(let (multipart_type, multipart_body) = { let body = &self.body; #build };)
    } else {
        quote!(let multipart = match &self.body { Some(body) => Some({ #build }), None => None };)
    }
}

/// Whether a parameter's type is a union (written through serde, as the alternative it holds).
fn is_union(cx: &ServiceContext<'_>, parameter: &Parameter) -> bool {
    matches!(parameter.shape.kind, ShapeKind::Named(id) if matches!(cx.service.types[id].kind, TypeKind::Union(..)))
}

fn build_request(cx: &ServiceContext<'_>, op: &Operation) -> TokenStream {
    // The path, with every parameter percent-encoded as exactly one segment.
    // Each segment is bound to a local named like its parameter, so the template reads like the spec's.
    let mut template = String::new();
    let mut segments = Vec::new();
    for part in &op.path_parts {
        match part {
            PathPart::Literal(text) => {
                template.push_str(&text.replace('{', "{{").replace('}', "}}"))
            }
            PathPart::Parameter(name) => {
                if let Some(parameter) = op
                    .parameters
                    .iter()
                    .find(|p| p.location == ParameterLocation::Path && &p.wire_name == name)
                {
                    let member = ident(&parameter.rust_name);
                    template.push_str(&format!("{{{}}}", parameter.rust_name));
                    let segment = if matches!(parameter.shape.kind, ShapeKind::Array(_)) {
                        quote!(runtime::path_list(#name, &self.#member)?)
                    } else {
                        let text = text_of_member(cx, parameter);
                        quote!(runtime::path_segment(#name, #text)?)
                    };
                    segments.push(quote!(let #member = #segment;));
                }
            }
        }
    }
    let has_query = op.parameters.iter().any(|p| p.location == ParameterLocation::Query);
    let uri_binding = if has_query { quote!(let mut uri) } else { quote!(let uri) };
    let uri =
        if segments.is_empty() { quote!(#template.to_owned()) } else { quote!(format!(#template)) };

    let query = op.parameters.iter().filter(|p| p.location == ParameterLocation::Query).map(|p| {
        let member = ident(&p.rust_name);
        let name = &p.wire_name;
        let is_array = matches!(p.shape.kind, ShapeKind::Array(_)) && !p.json;
        let text = text_of(cx, p, quote!(value));
        let append_query = if p.allow_reserved { quote!(runtime::append_query_reserved) } else { quote!(runtime::append_query) };
        let union = is_union(cx, p) && !p.json;
        let append = match (p.object_style, is_array, p.separator) {
            (None, _, separator) if union => {
                let separator = match separator {
                    Some(separator) => quote!(Some(#separator)),
                    None => quote!(None),
                };
                let reserved = p.allow_reserved;
                quote!(runtime::append_query_value(&mut uri, #name, value, #separator, #reserved)?;)
            }
            (Some(ObjectQueryStyle::DeepObject), _, _) => {
                let reserved = p.allow_reserved;
                quote!(runtime::append_query_deep_object(&mut uri, #name, value, #reserved)?;)
            }
            (Some(style @ (ObjectQueryStyle::FormExploded | ObjectQueryStyle::Form)), _, _) => {
                let style = if style == ObjectQueryStyle::Form { quote!(Form) } else { quote!(FormExploded) };
                let reserved = p.allow_reserved;
                quote!(runtime::append_query_object(&mut uri, #name, value, runtime::ObjectStyle::#style, #reserved)?;)
            }
            (None, true, None) => quote!(for value in values { #append_query(&mut uri, #name, #text); }),
            (None, true, Some(separator)) => quote! {
                let joined: Vec<String> = values.iter().map(ToString::to_string).collect();
                #append_query(&mut uri, #name, &joined.join(#separator));
            },
            (None, false, _) => quote!(#append_query(&mut uri, #name, #text);),
        };
        let values = if is_array && p.object_style.is_none() { quote!(values) } else { quote!(value) };
        if p.required {
            quote!({ let #values = &self.#member; #append })
        } else {
            quote!(if let Some(#values) = &self.#member { #append })
        }
    });

    let method = ident(&op.method);
    let mut chained = vec![quote!(.method(http::Method::#method)), quote!(.uri(uri))];
    let mut optional = Vec::new();
    let multipart = op
        .body
        .as_ref()
        .filter(|b| b.encoding == BodyEncoding::Multipart)
        .map(|b| multipart_prelude(cx, b));
    if let Some(body) = op.body.as_ref().filter(|b| b.encoding == BodyEncoding::Multipart) {
        // The media type carries the boundary, known once the parts are.
        if body.required {
            chained.push(quote!(.header(http::header::CONTENT_TYPE, multipart_type)));
        } else {
            optional.push(quote!(if let Some((multipart_type, _)) = &multipart {
                builder = builder.header(http::header::CONTENT_TYPE, multipart_type.as_str());
            }));
        }
    } else if let Some(body) = &op.body {
        let media_type = &body.media_type;
        let header = quote!(http::header::CONTENT_TYPE, #media_type);
        if body.required {
            chained.push(quote!(.header(#header)));
        } else {
            optional.push(quote!(if self.body.is_some() { builder = builder.header(#header); }));
        }
    }
    for p in op.parameters.iter().filter(|p| p.location == ParameterLocation::Header) {
        let member = ident(&p.rust_name);
        let name = &p.wire_name;
        if matches!(p.shape.kind, ShapeKind::Array(_)) && !p.json {
            // `simple` style: the items joined by commas.
            let joined =
                quote!(&values.iter().map(ToString::to_string).collect::<Vec<String>>().join(","));
            let add =
                quote!(builder = builder.header(#name, runtime::header_value(#name, #joined)?););
            optional.push(if p.required {
                quote!({ let values = &self.#member; #add })
            } else {
                quote!(if let Some(values) = &self.#member { #add })
            });
            continue;
        }
        if p.required {
            let text = text_of_member(cx, p);
            chained.push(quote!(.header(#name, runtime::header_value(#name, #text)?)));
        } else {
            let text = text_of(cx, p, quote!(value));
            optional.push(quote!(if let Some(value) = &self.#member { builder = builder.header(#name, runtime::header_value(#name, #text)?); }));
        }
    }
    let raw = op.body.as_ref().is_some_and(|b| b.encoding == BodyEncoding::Raw);
    let cookies: Vec<TokenStream> = op
        .parameters
        .iter()
        .filter(|p| p.location == ParameterLocation::Cookie)
        .map(|p| {
            let member = ident(&p.rust_name);
            let name = &p.wire_name;
            if p.required {
                let text = text_of_member(cx, p);
                quote!(cookies.push(runtime::cookie_pair(#name, #text));)
            } else {
                let text = text_of(cx, p, quote!(value));
                quote!(if let Some(value) = &self.#member { cookies.push(runtime::cookie_pair(#name, #text)); })
            }
        })
        .collect();
    if !cookies.is_empty() {
        optional.push(quote! {
            let mut cookies: Vec<String> = Vec::new();
            #(#cookies)*
            if !cookies.is_empty() {
                builder = builder.header(http::header::COOKIE, runtime::header_value("Cookie", &cookies.join("; "))?);
            }
        });
    }
    // The function that encodes the body, and the arguments after the body it takes.
    let (encode, styles) = match op.body.as_ref() {
        Some(body) if body.encoding == BodyEncoding::Form && !body.field_styles.is_empty() => {
            let styles = body.field_styles.iter().map(|(name, style)| {
                let style = form_style(*style);
                quote!((#name, runtime::FormStyle::#style))
            });
            (quote!(runtime::form_body_with), quote!(, &[#(#styles),*]))
        }
        Some(body) if body.encoding == BodyEncoding::Form => {
            (quote!(runtime::form_body), TokenStream::new())
        }
        _ => (quote!(runtime::json_body), TokenStream::new()),
    };
    let multipart_body = op.body.as_ref().is_some_and(|b| b.encoding == BodyEncoding::Multipart);
    let body = match &op.body {
        Some(body) if multipart_body && body.required => quote!(multipart_body),
        Some(_) if multipart_body => quote!(multipart.map(|(_, body)| body).unwrap_or_default()),
        Some(body) if body.required && raw => quote!(self.body.clone()),
        Some(_) if raw => quote!(self.body.clone().unwrap_or_default()),
        Some(body) if body.required => quote!(#encode(&self.body #styles)?),
        Some(_) => {
            quote!(match &self.body { Some(body) => #encode(body #styles)?, None => bytes::Bytes::new() })
        }
        None => quote!(bytes::Bytes::new()),
    };
    let assemble = if optional.is_empty() {
        quote!(Ok(http::Request::builder() #(#chained)* .body(#body)?))
    } else {
        quote! {
            let mut builder = http::Request::builder() #(#chained)*;
            #(#optional)*
            Ok(builder.body(#body)?)
        }
    };
    quote! {
        fn build_request(&self) -> Result<http::Request<bytes::Bytes>, runtime::BuildError> {
            #(#segments)*
            #uri_binding = #uri;
            #(#query)*
            #multipart
            #assemble
        }
    }
}

fn decode_response(op: &Operation) -> TokenStream {
    let response = ident(&op.response_type);
    // Exact codes first, then classes, then `default` (which replaces the undocumented-status error).
    let mut ordered: Vec<_> = op.responses.iter().collect();
    ordered.sort_by_key(|r| match r.status.pattern {
        StatusPattern::Code(_) => 0,
        StatusPattern::Range(_) => 1,
        StatusPattern::Default => 2,
    });
    let arms = ordered.iter().map(|r| {
        let pattern = match r.status.pattern {
            StatusPattern::Code(code) => {
                let code = proc_macro2::Literal::u16_unsuffixed(code);
                quote!(#code)
            }
            StatusPattern::Range(class) => {
                let (low, high) = (
                    proc_macro2::Literal::u16_unsuffixed(class * 100),
                    proc_macro2::Literal::u16_unsuffixed(class * 100 + 99),
                );
                quote!(#low..=#high)
            }
            StatusPattern::Default => quote!(_),
        };
        let construct = construct(&response, r);
        quote!(#pattern => #construct,)
    });
    let has_default = op.responses.iter().any(|r| r.status.pattern == StatusPattern::Default);
    let undocumented = (!has_default).then(|| quote!(_ => Err(runtime::DecodeError::UndocumentedStatus { status: parts.status, body }),));
    // With `default` as the only response there is nothing to match on.
    let decode = match (ordered.as_slice(), has_default) {
        ([only], true) => construct(&response, only),
        _ => quote! {
            match parts.status.as_u16() {
                #(#arms)*
                #undocumented
            }
        },
    };
    quote! {
        fn decode_response(response: http::Response<bytes::Bytes>) -> Result<Self::Response, runtime::DecodeError> {
            let (parts, body) = response.into_parts();
            #decode
        }
    }
}
