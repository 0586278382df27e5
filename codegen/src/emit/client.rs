//! `client.rs`: the async client of a service, one method per operation.
//!
//! Methods take the operation's parameters and body as arguments, except those the client supplies
//! itself ([`ClientSupplied`]): the configured project for `project_id` path parameters and the token
//! for `X-Auth-Token`. Each method validates, builds, signs, sends (with retries) and decodes through
//! `runtime::client::Client::send`.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::{Doc, code};
use super::layout::Part;
use super::{ServiceContext, ident};
use crate::ir::{ClientSupplied, Operation};

/// The client file of a part of a service, or `None` when the service has no operations. The
/// service module defines the client type; each group adds the methods of its operations.
pub fn emit(cx: &ServiceContext<'_>, part: Part) -> Option<TokenStream> {
    let service = cx.service;
    let client = ident(service.client_type.as_deref()?);
    let operations: Vec<&Operation> = cx.operations_of(part).collect();
    let methods: Vec<TokenStream> = operations.iter().map(|op| method(cx, op)).collect();

    let mut used = Vec::new();
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
        return Some(quote! {
            #file_doc
            #models
            #operations_import
            use #path::#client;
            use crate::runtime;

            impl #client {
                #(#methods)*
            }
        });
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
    Some(quote! {
        #file_doc
        #models
        #operations_import
        use crate::runtime;

        #doc
        #[derive(Debug, Clone)]
        pub struct #client {
            client: runtime::client::Client,
        }

        impl #client {
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

            #(#methods)*
        }
    })
}

fn method(cx: &ServiceContext<'_>, op: &Operation) -> TokenStream {
    let name = ident(&op.method_name);
    let request = ident(&op.request_type);
    let response = ident(&op.response_type);
    let mut arguments = Vec::new();
    let mut fields = Vec::new();
    let mut supplied = Vec::new();
    for parameter in &op.parameters {
        let member = ident(&parameter.rust_name);
        match parameter.supplied_by_client {
            Some(ClientSupplied::ProjectId) => {
                fields.push(quote!(#member: self.inner().project_id(<#request as runtime::Operation>::OPERATION_ID)?,));
                supplied.push(format!("{} is the configured project", code(&parameter.wire_name)));
            }
            Some(ClientSupplied::AuthToken) => {
                fields.push(quote!(#member: String::new(),));
                supplied.push(format!(
                    "{} comes from token credentials (AK/SK requests are signed instead)",
                    code(&parameter.wire_name)
                ));
            }
            None => {
                let ty = cx.field_type(&parameter.shape, parameter.required, false);
                arguments.push(quote!(#member: #ty));
                fields.push(quote!(#member,));
            }
        }
    }
    if let Some(body) = &op.body {
        let ty = cx.field_type(&body.shape, body.required, false);
        arguments.push(quote!(body: #ty));
        fields.push(quote!(body,));
    }
    let mut doc = Doc::default().prose(op.summary.as_deref()).markdown(format!(
        "{} (operation `{}`); see [`{}`] for the parameters.",
        code(&format!("{} {}", op.method, op.path)),
        op.id,
        op.request_type
    ));
    if !supplied.is_empty() {
        doc = doc.markdown(format!("The client fills in the rest: {}.", supplied.join("; ")));
    }
    let doc = doc.outer();
    // One argument per parameter mirrors the API; clippy's limit (7, with `self`) does not apply.
    let many = (arguments.len() + 1 > 7).then(|| quote!(#[allow(clippy::too_many_arguments)]));
    quote! {
        #doc
        #many
        pub async fn #name(&self, #(#arguments),*) -> Result<#response, runtime::client::Error<#response>> {
            let request = #request { #(#fields)* };
            self.inner().send(&request).await
        }
    }
}
