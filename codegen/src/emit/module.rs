//! `mod.rs` of a service: what the service is, where its spec and page are, and its submodules.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::{Doc, code};
use super::layout::Part;
use super::{ServiceContext, ident};

/// The submodules a service has; `status` always exists when `operations` does.
pub(crate) struct Submodules {
    /// `models.rs` exists.
    pub(crate) models: bool,
    /// `operations.rs` exists.
    pub(crate) operations: bool,
    /// `status.rs` exists.
    pub(crate) status: bool,
    /// `client.rs` exists.
    pub(crate) client: bool,
}

/// The `mod.rs` of a part of a service: the service module, or a group module.
pub(crate) fn emit(cx: &ServiceContext<'_>, part: Part, submodules: &Submodules) -> TokenStream {
    let service = cx.service;
    let doc = match part {
        Part::Service => service_doc(cx),
        Part::Group(g) => {
            let group = &service.groups[g];
            let title = match &group.tag {
                Some(tag) => format!(
                    "The operations tagged {} (cargo feature {}).",
                    code(tag),
                    code(cx.layout.group_feature(g))
                ),
                None => format!(
                    "The operations without a tag (cargo feature {}).",
                    code(cx.layout.group_feature(g))
                ),
            };
            let doc = Doc::default().markdown(title).prose(group.description.as_deref());
            operation_list(cx, part, doc).markdown("Every type these operations use is re-exported here, including those the group shares with others.")
        }
    };
    let doc = doc.inner();
    let mut modules = Vec::new();
    let models_doc = match part {
        Part::Service if !service.groups.is_empty() => {
            "Data types several groups share, or none uses."
        }
        Part::Group(_) => "Data types only this group uses.",
        Part::Service => "Data types, one per schema.",
    };
    for (present, name, what) in [
        (submodules.models, "models", models_doc),
        (
            submodules.operations,
            "operations",
            "Request and response types, one pair per operation.",
        ),
        (submodules.status, "status", "Documented HTTP status codes."),
        (submodules.client, "client", "The async client."),
    ] {
        if present {
            let cfg = (name == "models" && part == Part::Service)
                .then(|| shared_models_cfg(cx))
                .flatten();
            let name = ident(name);
            let what = format!(" {what}");
            modules.push(quote!(#[doc = #what] #cfg pub mod #name;));
        }
    }
    if part == Part::Service {
        for (g, group) in service.groups.iter().enumerate() {
            let name = ident(&group.module);
            let cfg = cx.layout.any_feature(&[g]);
            let what = match &group.tag {
                Some(tag) => format!(" The operations tagged {}.", code(tag)),
                None => " The operations without a tag.".to_owned(),
            };
            modules.push(quote!(#cfg #[doc = #what] pub mod #name;));
        }
    }
    // A group re-exports everything its operations use, so `<service>::<group>::<Type>` stays put
    // when another tag starts sharing a type (which moves it to the service's `models`).
    let reexports = match part {
        Part::Group(g) => {
            let mut items = Vec::new();
            for (present, name) in [
                (submodules.models, "models"),
                (submodules.operations, "operations"),
                (submodules.status, "status"),
            ] {
                if present {
                    let name = ident(name);
                    items.push(quote!(pub use #name::*;));
                }
            }
            let mut shared: Vec<&str> = service
                .type_ids()
                .filter(|&id| {
                    cx.layout.home(id) == Part::Service && cx.layout.users(id).contains(&g.index())
                })
                .map(|id| cx.type_name(id))
                .collect();
            shared.sort_unstable();
            if !shared.is_empty() {
                let path = cx.module_path_from(&quote!(crate), Part::Service);
                let names = shared.into_iter().map(ident);
                items.push(quote!(pub use #path::models::{#(#names),*};));
            }
            quote!(#(#items)*)
        }
        Part::Service => quote!(),
    };
    let client =
        service.client_type.as_deref().filter(|_| submodules.client && part == Part::Service).map(
            |name| {
                let name = ident(name);
                quote!(pub use client::#name;)
            },
        );
    let servers = (!service.servers.is_empty() && part == Part::Service).then(|| {
        let urls = &service.servers;
        let mut doc = Doc::default().markdown(format!("The server URL templates of the {} API, as the spec lists them (`{{region}}` is a region ID such as `cn-north-4`).", service.title));
        if !service.server_variables.is_empty() {
            let rows: Vec<String> = service
                .server_variables
                .iter()
                .map(|v| {
                    let values = if v.values.is_empty() { String::new() } else { format!(" (one of {})", v.values.iter().map(|x| code(x)).collect::<Vec<_>>().join(", ")) };
                    let about = v.description.as_deref().map(|d| format!(": {}", super::docs::escape(d))).unwrap_or_default();
                    format!("- {} = {}{values}{about}", code(&v.name), code(&v.default))
                })
                .collect();
            doc = doc.markdown(format!(
                "The other server variables are filled with their defaults; to use another value, set the endpoint in the client configuration.\n{}",
                rows.join("\n")
            ));
        }
        let doc = doc.outer();
        quote! {
            #doc
            pub const SERVERS: &[&str] = &[#(#urls),*];
        }
    });
    quote! {
        #doc
        #(#modules)*
        #reexports
        #client
        #servers
    }
}

fn service_doc(cx: &ServiceContext<'_>) -> Doc {
    let service = cx.service;
    let mut doc = Doc::default()
        .markdown(format!("{} (API version {}).", service.title, code(&service.version)))
        .prose(service.description.as_deref());
    let mut source = format!("Generated from {}", code(&service.spec_file));
    if let Some(page) = service.source.as_ref().and_then(super::docs::page_reference) {
        source.push_str(&format!(", which transcribes {page}"));
    }
    doc = doc.markdown(format!("{source}."));
    if !service.groups.is_empty() {
        let rows: Vec<String> = service
            .groups
            .iter()
            .zip(service.group_ids())
            .map(|(group, g)| {
                let count = cx.operations_of(Part::Group(g)).count();
                let tag =
                    group.tag.as_deref().map_or_else(|| "(none)".to_owned(), super::docs::escape);
                format!(
                    "| [`{m}`]({}::{m}) | {} | {tag} | {count} |",
                    cx.link(Part::Service),
                    code(cx.layout.group_feature(g)),
                    m = group.module
                )
            })
            .collect();
        doc = doc.markdown(format!(
            "The operations are grouped by tag, one module and one cargo feature per group; a type used by \
             one group lives in its module, a type several groups use in [`models`]({}::models).\n\n\
             | module | feature | tag | operations |\n| --- | --- | --- | --- |\n{}",
            cx.link(Part::Service),
            rows.join("\n")
        ));
        if let Some(schemas) = cx.layout.schemas_feature() {
            doc = doc.markdown(format!(
                "The schemas no operation uses are in `models` too, behind the cargo feature {}.",
                code(schemas)
            ));
        }
    }
    doc = operation_list(cx, Part::Service, doc);
    if let Some(client) = &service.client_type {
        doc = doc.markdown(format!("Client: [`{client}`]({}::{client}).", cx.link(Part::Service)));
    }
    if let Some(table) = &service.status_table {
        doc = doc.markdown(format!(
            "Status codes: [`{}`]({}::status::{}).",
            table.name,
            cx.link(Part::Service),
            table.name
        ));
    }
    doc
}

/// The list of a part's operations, linked.
fn operation_list(cx: &ServiceContext<'_>, part: Part, doc: Doc) -> Doc {
    let list: Vec<String> = cx
        .operations_of(part)
        .map(|op| {
            let summary = op
                .summary
                .as_deref()
                .map(|s| format!(": {}", super::docs::escape(s)))
                .unwrap_or_default();
            format!(
                "- [`{}`]({}::operations::{}) {}{summary}",
                op.request_type,
                cx.link(part),
                op.request_type,
                code(&format!("{} {}", op.method, op.path))
            )
        })
        .collect();
    if list.is_empty() { doc } else { doc.markdown(format!("Operations:\n{}", list.join("\n"))) }
}

/// The service `models` module of a grouped service is compiled when any of its types is: always if
/// one type is ungated, else when a feature using one of them is enabled.
fn shared_models_cfg(cx: &ServiceContext<'_>) -> Option<TokenStream> {
    let mut features = Vec::new();
    for id in cx.types_of(Part::Service) {
        cx.layout.type_cfg(id)?;
        features.extend(cx.layout.users(id).iter().copied());
    }
    features.sort_unstable();
    features.dedup();
    cx.layout.gate(&features)
}
