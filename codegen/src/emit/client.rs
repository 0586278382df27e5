//! `client.rs`: the async client of a service, one method per operation.
//!
//! Methods take the operation's parameters and body as arguments, except those the client supplies
//! itself ([`ClientSupplied`]): the configured project for `project_id` path parameters and the token
//! for `X-Auth-Token`. Each method validates, builds, signs, sends (with retries) and decodes through
//! `runtime::client::Client::send`.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::builders::{Init, Param};
use super::docs::{Doc, code};
use super::layout::Part;
use super::{ServiceContext, ident};
use crate::format::{Block, Lines, Parameter, RustCode};
use crate::ir::{ClientSupplied, Operation};

/// The client file of a part of a service, or `None` when the service has no operations. The
/// service module defines the client type; each group adds the methods of its operations.
pub fn emit(cx: &ServiceContext<'_>, part: Part) -> Option<RustCode> {
    let service = cx.service;
    let client = ident(service.client_type.as_deref()?);
    let operations: Vec<&Operation> = cx.operations_of(part).collect();
    let methods: Vec<Method> = operations.iter().map(|op| method(cx, op)).collect();
    let mut used = Vec::new();
    let owners = super::operations::response_owners(&operations);
    let calls: Vec<TokenStream> =
        operations.iter().zip(owners).map(|(op, owner)| call(cx, op, owner, &mut used)).collect();

    for op in &operations {
        for parameter in op.parameters.iter().filter(|p| p.supplied_by_client.is_none()) {
            ServiceContext::named_types(&parameter.shape, &mut used);
        }
        if let Some(body) = &op.body {
            ServiceContext::named_types(&body.shape, &mut used);
        }
    }
    let models = cx.imports(part, false, &used, &quote!(crate));
    let mut operation_types: Vec<_> = operations
        .iter()
        .flat_map(|op| [op.request_type.as_str(), op.response_type.as_str()])
        .collect();
    operation_types.sort_unstable();
    let operation_types: Vec<_> = operation_types.into_iter().map(ident).collect();
    let operations_import = (!operation_types.is_empty())
        .then(|| quote!(use super::operations::{#(#operation_types),*};));

    if let Part::Group(_) = part {
        let file_doc = Doc::default()
            .markdown(format!(
                "The methods of [`{}`] for the operations{}.",
                service.client_type.as_deref().unwrap_or_default(),
                super::operations::group_suffix(cx, part)
            ))
            .inner();
        let path = cx.module_path_from(&quote!(crate), Part::Service);
        let mut code = RustCode::from(quote! {
            #file_doc
            #models
            #operations_import
            use #path::#client;
            use crate::runtime;
        });
        code.push_block(methods_block(&client, None, &methods));
        code.push(quote!(#(#calls)*));
        return Some(code);
    }

    let name = service.module.to_uppercase();
    let server = match service.servers.first() {
        Some(url) => quote!(Some(#url)),
        None => quote!(None),
    };
    let file_doc =
        Doc::default().markdown(format!("The async client of the {} API.", service.title)).inner();
    let mut doc = Doc::default()
        .markdown(format!("Calls the {} API: one async method per operation.", service.title))
        .markdown(
            "Build it from a [`Config`](crate::runtime::client::Config) (region, credentials, timeouts, \
             retries) or from the environment. Clones share one connection pool; the client is \
             `Send + Sync`. Every method validates its arguments against the documented constraints \
             before sending, signs the request, retries as configured, and returns the decoded \
             response for a 2xx status or an [`Error`](crate::runtime::client::Error) that says what \
             went wrong, with the typed body for documented error statuses.",
        );
    if !service.groups.is_empty() {
        doc = doc.markdown("The methods are defined in the group modules, each present when its cargo feature is enabled.");
    }
    let doc = doc.outer();
    let service_doc = format!(
        " The service as the client sees it: `{name}` in `HUAWEICLOUD_SDK_REGION_{name}_{{REGION}}` endpoint overrides, and the spec's server template."
    );
    let mut code = RustCode::from(quote! {
        #file_doc
        #models
        #operations_import
        use crate::runtime;

        #doc
        #[derive(Debug, Clone)]
        pub struct #client {
            client: runtime::client::Client,
        }

    });
    let constructors = quote! {
                #[doc = #service_doc]
                pub const SERVICE: runtime::client::ServiceInfo = runtime::client::ServiceInfo { name: #name, server: #server };

                /// A client with the default transport (`reqwest` with rustls).
                pub fn new(config: runtime::client::Config) -> Result<Self, runtime::client::ConfigError> {
                    runtime::client::Client::new(Self::SERVICE, config).map(|client| Self { client })
                }

                /// A client that sends through `transport` (another HTTP stack, or a test double).
                pub fn with_transport(
                    config: runtime::client::Config,
                    transport: std::sync::Arc<dyn runtime::client::Transport>,
                ) -> Result<Self, runtime::client::ConfigError> {
                    runtime::client::Client::with_transport(Self::SERVICE, config, transport).map(|client| Self { client })
                }

                /// A client configured from the environment: `HUAWEICLOUD_SDK_REGION`, `HUAWEICLOUD_SDK_AK`,
                /// `HUAWEICLOUD_SDK_SK`, and optionally `HUAWEICLOUD_SDK_PROJECT_ID` and
                /// `HUAWEICLOUD_SDK_SECURITY_TOKEN`.
                pub fn from_env() -> Result<Self, runtime::client::ConfigError> {
                    Self::new(runtime::client::Config::from_env()?)
                }

                /// The generic client underneath, to send a request value as built
                /// (`client.inner().send(&request)`).
                pub fn inner(&self) -> &runtime::client::Client {
                    &self.client
                }

    };
    code.push_block(methods_block(&client, Some(constructors), &methods));
    code.push(quote!(#(#calls)*));
    Some(code)
}

/// `impl Client { … }` with the client's `methods`, after `first` (its constructors).
fn methods_block(client: &Ident, first: Option<TokenStream>, methods: &[Method]) -> Block {
    let mut block = Block::impl_of(&client.to_string());
    if let Some(first) = first {
        block.member(None, || first);
    }
    for method in methods {
        block.member(method.written(), || method.tokens());
    }
    block
}

/// The client method of an operation, which takes its required parameters and body and returns
/// the operation's call builder.
fn method(cx: &ServiceContext<'_>, op: &Operation) -> Method {
    let mut params = Vec::new();
    for (member, ty, shape) in required_inputs(cx, op) {
        params.push(Param { name: ident(member), ty: super::builders::argument(ty, shape) });
    }
    let supplied: Vec<String> = op
        .parameters
        .iter()
        .filter_map(|p| match p.supplied_by_client {
            Some(ClientSupplied::ProjectId) => {
                Some(format!("{} is the configured project", code(&p.wire_name)))
            }
            Some(ClientSupplied::AuthToken) => Some(format!(
                "{} comes from token credentials (AK/SK requests are signed instead)",
                code(&p.wire_name)
            )),
            None => None,
        })
        .collect();
    let call = call_name(op);
    let mut doc = Doc::default().prose(op.summary.as_deref()).markdown(format!(
        "{} (operation `{}`): returns a [`{}`] to set optional parameters on; `.await` it to send. \
         See [`{}`] for every parameter.",
        code(&format!("{} {}", op.method, op.path)),
        op.id,
        call,
        op.request_type
    ));
    if !supplied.is_empty() {
        doc = doc.markdown(format!("The client fills in: {}.", supplied.join("; ")));
    }
    let mut inits: Vec<Init> = op
        .parameters
        .iter()
        .map(|p| {
            let member = ident(&p.rust_name);
            let given = p.required && p.supplied_by_client.is_none();
            let value = if given && super::builders::takes_exactly(&p.shape) {
                None
            } else if given {
                Some(quote!(#member.into()))
            } else if p.required {
                // Filled in when the call is sent.
                Some(quote!(Default::default()))
            } else {
                Some(quote!(None))
            };
            Init { field: member, value }
        })
        .collect();
    if let Some(body) = &op.body {
        let value = if body.required { quote!(body.into()) } else { quote!(None) };
        inits.push(Init { field: ident("body"), value: Some(value) });
    }
    Method {
        doc: doc.markdown(example(cx, op)),
        name: ident(&op.method_name),
        params,
        call: ident(&call),
        request: ident(&op.request_type),
        inits,
    }
}

/// The client method of an operation.
struct Method {
    doc: Doc,
    name: Ident,
    /// The required parameters and body the caller gives.
    params: Vec<Param>,
    call: Ident,
    request: Ident,
    /// Each member of the request and its value.
    inits: Vec<Init>,
}

impl Method {
    /// One argument per required parameter mirrors the API; clippy's limit (7, with `self`) does
    /// not apply.
    fn too_many(&self) -> bool {
        self.params.len() + 1 > 7
    }

    fn written(&self) -> Option<String> {
        let mut params = vec![Parameter::plain("&self")];
        for param in &self.params {
            params.push(param.written()?);
        }
        let inits = self.inits.iter().map(Init::written).collect::<Option<Vec<_>>>()?;
        let mut lines = Lines::new();
        self.doc.lines().iter().for_each(|line| lines.doc(1, line));
        if self.too_many() {
            lines.line(1, "#[allow(clippy::too_many_arguments)]");
        }
        let (call, request) = (self.call.to_string(), self.request.to_string());
        let tail = format!(" -> {call}<'_> {{");
        lines.signature(1, &format!("pub fn {}", self.name), &params, &tail);
        lines.line(2, &format!("{call} {{"));
        lines.line(3, "client: self.inner(),");
        lines.struct_literal(3, "request: ", &request, &inits, ",");
        lines.line(2, "}");
        lines.line(1, "}");
        lines.finish()
    }

    fn tokens(&self) -> TokenStream {
        let Self { doc, name, params, call, request, inits } = self;
        let doc = doc.outer();
        let many = self.too_many().then(|| quote!(#[allow(clippy::too_many_arguments)]));
        let params = params.iter().map(Param::tokens);
        let inits = inits.iter().map(Init::tokens);
        quote! {
            #doc
            #many
            pub fn #name(&self, #(#params),*) -> #call<'_> {
                #call {
                    client: self.inner(),
                    request: #request { #(#inits)* },
                }
            }
        }
    }
}

/// A compiled (not run) doc example of the method: a string argument is a placeholder, other
/// arguments (bodies, numbers) are given to the example function; a paged operation is iterated
/// item by item.
fn example(cx: &ServiceContext<'_>, op: &Operation) -> String {
    let krate = cx.krate.clone();
    let module = &cx.service.module;
    let client = cx.service.client_type.as_deref().unwrap_or_default();
    let mut hidden = vec![format!("client: &{krate}::{module}::{client}")];
    let mut arguments = Vec::new();
    for (member, _, shape) in required_inputs(cx, op) {
        if matches!(shape.kind, crate::ir::ShapeKind::String(_)) && !shape.nullable {
            arguments.push(format!("\"<{member}>\""));
        } else {
            hidden.push(format!("{member}: {}", type_text(&cx.absolute_type(shape))));
            arguments.push(member.to_owned());
        }
    }
    let call = format!("client.{}({})", op.method_name, arguments.join(", "));
    let body = if op.pagination.is_some() {
        format!(
            "let mut items = {call}.items();\nwhile let Some(item) = items.next().await {{\n    let item = item?;\n    # let _ = item;\n}}"
        )
    } else {
        format!("let result = {call}.await?;\n# let _ = result;")
    };
    format!(
        "# Example\n\n```no_run\nuse {krate}::prelude::*;\n\n# async fn example({}) -> Result<(), Box<dyn std::error::Error>> {{\n{body}\n# Ok(())\n# }}\n```",
        hidden.join(", ")
    )
}

/// Type tokens as a reader writes them (`Vec<String>`, not `Vec < String >`).
fn type_text(tokens: &TokenStream) -> String {
    tokens
        .to_string()
        .replace(" :: ", "::")
        .replace(":: ", "::")
        .replace(" < ", "<")
        .replace("< ", "<")
        .replace(" >", ">")
        .replace(" ,", ",")
}

/// The name of an operation's call builder.
fn call_name(op: &Operation) -> String {
    format!("{}Call", op.type_base)
}

/// The required parameters (and a required body) of an operation the caller gives: member name
/// and the type given.
fn required_inputs<'o>(
    cx: &ServiceContext<'_>,
    op: &'o Operation,
) -> Vec<(&'o str, TokenStream, &'o crate::ir::Shape)> {
    let mut out: Vec<(&str, TokenStream, &crate::ir::Shape)> = op
        .parameters
        .iter()
        .filter(|p| p.required && p.supplied_by_client.is_none())
        .map(|p| (p.rust_name.as_str(), cx.rust_type(&p.shape), &p.shape))
        .collect();
    if let Some(body) = op.body.as_ref().filter(|b| b.required) {
        out.push(("body", cx.rust_type(&body.shape), &body.shape));
    }
    out
}

/// The call builder of an operation: optional parameters, then `send` (or `.await`).
fn call(
    cx: &ServiceContext<'_>,
    op: &Operation,
    owner: &Operation,
    used: &mut Vec<crate::ir::TypeId>,
) -> TokenStream {
    let call = ident(&call_name(op));
    let request = ident(&op.request_type);
    let response = ident(&op.response_type);
    let success =
        super::operations::success_type(cx, op, owner, &quote!(super::operations::), used);
    let doc = format!(
        " A pending `{}` call, made by the client's `{}` method: set optional parameters with the \
         `with_*` methods, then `.await` it (or call [`send`](Self::send)). Nothing is sent before.",
        op.id, op.method_name
    );
    let setters = optional_inputs(cx, op).into_iter().map(|(member, wire, ty, shape)| {
        let ty = super::builders::argument(ty, shape);
        let method = quote::format_ident!("with_{}", member.trim_start_matches("r#"));
        let doc = format!(" Sets {} (see [`{}`]).", code(wire), op.request_type);
        quote! {
            #[doc = #doc]
            pub fn #method(mut self, value: #ty) -> Self {
                self.request = self.request.#method(value);
                self
            }
        }
    });
    let fills: Vec<TokenStream> = op
        .parameters
        .iter()
        .filter_map(|p| {
            let member = ident(&p.rust_name);
            match p.supplied_by_client {
                Some(ClientSupplied::ProjectId) => Some(quote! {
                    request.#member = self.client.project_id()?;
                }),
                _ => None,
            }
        })
        .collect();
    let filled: Vec<TokenStream> = op
        .parameters
        .iter()
        .filter_map(|p| {
            let wire = &p.wire_name;
            match p.supplied_by_client {
                Some(ClientSupplied::ProjectId) => {
                    Some(quote!(runtime::client::Filled::ProjectId(#wire)))
                }
                Some(ClientSupplied::AuthToken) => {
                    Some(quote!(runtime::client::Filled::AuthToken(#wire)))
                }
                None => None,
            }
        })
        .collect();
    let mutable = (!fills.is_empty()).then(|| quote!(mut));
    let paging = op.pagination.as_ref().map(|pagination| {
        ServiceContext::named_types(&pagination.item, used);
        let item = cx.rust_type(&pagination.item);
        quote! {
            /// Every page, from this call's on: each page is requested once the previous one has
            /// been taken from the stream, and the stream ends after the last page or the first
            /// error. Iterate it with `StreamExt::next` (in the prelude).
            pub fn pages(self) -> runtime::client::BoxStream<'c, Result<#success, runtime::client::Error<#response>>> {
                let client = self.client;
                client.pages(self.prepared(), Self::FILLED)
            }

            /// Every item of every page, in order (see [`pages`](Self::pages)).
            pub fn items(self) -> runtime::client::BoxStream<'c, Result<#item, runtime::client::Error<#response>>> {
                let client = self.client;
                client.items(self.prepared(), Self::FILLED)
            }
        }
    });
    quote! {
        #[doc = #doc]
        #[derive(Debug, Clone)]
        #[must_use = "a call does nothing until it is awaited"]
        pub struct #call<'c> {
            client: &'c runtime::client::Client,
            request: #request,
        }

        impl<'c> #call<'c> {
            #(#setters)*

            /// The request as it stands (the values the client fills in are set when it is sent).
            pub fn request(&self) -> &#request {
                &self.request
            }

            /// Validates, signs and sends the call (retrying as configured), and returns the
            /// success response; any other outcome is an [`Error`](runtime::client::Error), with the
            /// typed body of a documented error status.
            pub async fn send(self) -> Result<#success, runtime::client::Error<#response>> {
                let client = self.client;
                client.call_prepared(self.prepared(), Self::FILLED).await
            }

            #paging

            /// The values of the request the client fills in.
            const FILLED: &'static [runtime::client::Filled] = &[#(#filled),*];

            /// The request with the values the client fills in.
            fn prepared(self) -> Result<#request, runtime::client::ConfigError> {
                let #mutable request = self.request;
                #(#fills)*
                Ok(request)
            }
        }

        impl<'c> std::future::IntoFuture for #call<'c> {
            type Output = Result<#success, runtime::client::Error<#response>>;
            type IntoFuture = runtime::client::BoxFuture<'c, Self::Output>;

            fn into_future(self) -> Self::IntoFuture {
                Box::pin(self.send())
            }
        }
    }
}

/// The optional parameters (and an optional body) of an operation the caller may set: member name,
/// wire name, and the type a setter takes.
fn optional_inputs<'o>(
    cx: &ServiceContext<'_>,
    op: &'o Operation,
) -> Vec<(&'o str, &'o str, TokenStream, &'o crate::ir::Shape)> {
    let mut out: Vec<(&str, &str, TokenStream, &crate::ir::Shape)> = op
        .parameters
        .iter()
        .filter(|p| !p.required && p.supplied_by_client.is_none())
        .map(|p| (p.rust_name.as_str(), p.wire_name.as_str(), cx.rust_type(&p.shape), &p.shape))
        .collect();
    if let Some(body) = op.body.as_ref().filter(|b| !b.required) {
        out.push(("body", "body", cx.rust_type(&body.shape), &body.shape));
    }
    out
}
