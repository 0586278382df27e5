//! `mod.rs` of a service: what the service is, where its spec and page are, and its submodules.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::{Doc, code};
use super::{ServiceContext, ident};

/// The submodules a service has; `status` always exists when `operations` does.
pub struct Submodules {
    /// `models.rs` exists.
    pub models: bool,
    /// `operations.rs` exists.
    pub operations: bool,
    /// `status.rs` exists.
    pub status: bool,
    /// `client.rs` exists.
    pub client: bool,
}

/// The `mod.rs` of a service.
pub fn emit(cx: &ServiceContext<'_>, submodules: &Submodules) -> TokenStream {
    let service = cx.service;
    let mut doc = Doc::default().markdown(format!("{} (API version {}).", service.title, code(&service.version))).prose(service.description.as_deref());
    let mut source = format!("Generated from {}", code(&service.spec_file));
    if let Some(page) = &service.source {
        source.push_str(&format!(", which transcribes the documentation page “{}”", page.title));
        if let Some(seed) = &page.seed {
            source.push_str(&format!(" ({})", code(seed)));
        }
    }
    doc = doc.markdown(format!("{source}."));
    if !service.operations.is_empty() {
        let list: Vec<String> = service
            .operations
            .iter()
            .map(|op| {
                let summary = op.summary.as_deref().map(|s| format!(": {}", super::docs::escape(s))).unwrap_or_default();
                format!("- [`{}`](crate::{}::operations::{}) {}{summary}", op.request_type, service.module, op.request_type, code(&format!("{} {}", op.method, op.path)))
            })
            .collect();
        doc = doc.markdown(format!("Operations:\n{}", list.join("\n")));
    }
    if let Some(client) = &service.client_type {
        doc = doc.markdown(format!("Client: [`{client}`](crate::{}::{client}).", service.module));
    }
    if let Some(table) = &service.status_table {
        doc = doc.markdown(format!("Status codes: [`{}`](crate::{}::status::{}).", table.name, service.module, table.name));
    }
    let doc = doc.inner();
    let mut modules = Vec::new();
    for (present, name, what) in [
        (submodules.models, "models", "Data types, one per schema."),
        (submodules.operations, "operations", "Request and response types, one pair per operation."),
        (submodules.status, "status", "Documented HTTP status codes."),
        (submodules.client, "client", "The async client."),
    ] {
        if present {
            let name = ident(name);
            let what = format!(" {what}");
            modules.push(quote!(#[doc = #what] pub mod #name;));
        }
    }
    let client = service.client_type.as_deref().filter(|_| submodules.client).map(|name| {
        let name = ident(name);
        quote!(pub use client::#name;)
    });
    let servers = (!service.servers.is_empty()).then(|| {
        let urls = &service.servers;
        let doc = format!(" The server URL templates of the {} API, as the spec lists them (`{{region}}` is a region ID such as `cn-north-4`).", service.title);
        quote! {
            #[doc = #doc]
            pub const SERVERS: &[&str] = &[#(#urls),*];
        }
    });
    quote! {
        #doc
        #(#modules)*
        #client
        #servers
    }
}
