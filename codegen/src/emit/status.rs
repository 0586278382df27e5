//! `status.rs`: a status-code enum per operation, and one for a service-wide status table.
//!
//! Both come from the same [`StatusEntry`] list, so they have the same API: `ALL`, `from_u16`,
//! `as_u16`, `reason`, `meaning`, `is_success` and `Display`.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::docs::{Doc, code};
use super::{ServiceContext, ident};
use crate::ir::StatusEntry;

/// The status file of a service, or `None` when it documents no statuses.
pub fn emit(cx: &ServiceContext<'_>) -> Option<TokenStream> {
    let service = cx.service;
    let mut items = Vec::new();
    if let Some(table) = &service.status_table {
        let doc = Doc::default()
            .markdown(format!("The HTTP status codes the {} API documents for all its operations.", service.title))
            .markdown("`is_success` follows the page, which lists codes as normal or abnormal.");
        items.push(status_enum(&table.name, &table.entries, doc));
    }
    for op in &service.operations {
        let entries: Vec<StatusEntry> = op.responses.iter().map(|r| r.status.clone()).collect();
        let doc = Doc::default().markdown(format!(
            "The statuses documented for `{}` ([`{}`](crate::{}::operations::{})); `is_success` means 2xx.",
            op.id, op.request_type, service.module, op.request_type
        ));
        items.push(status_enum(&op.status_type, &entries, doc));
    }
    if items.is_empty() {
        return None;
    }
    let doc = Doc::default().markdown(format!("HTTP status codes documented by the {} API.", service.title)).inner();
    Some(quote! {
        #doc
        #(#items)*
    })
}

fn status_enum(name: &str, entries: &[StatusEntry], doc: Doc) -> TokenStream {
    let name = ident(name);
    let doc = doc.outer();
    let variants: Vec<_> = entries.iter().map(|e| ident(&e.variant)).collect();
    let codes: Vec<Literal> = entries.iter().map(|e| Literal::u16_unsuffixed(e.code)).collect();
    let reasons: Vec<&str> = entries.iter().map(|e| e.reason.as_str()).collect();
    let meanings = entries.iter().map(|e| match &e.meaning {
        Some(meaning) => quote!(Some(#meaning)),
        None => quote!(None),
    });
    let variant_docs = entries.iter().map(|e| {
        let title = code(&format!("{} {}", e.code, e.reason));
        Doc::default().markdown(match &e.meaning {
            Some(_) => format!("{title}:"),
            None => title,
        }).prose(e.meaning.as_deref()).outer()
    });
    let successes: Vec<_> = entries.iter().filter(|e| e.success).map(|e| ident(&e.variant)).collect();
    let is_success = if successes.is_empty() {
        quote!(false)
    } else {
        quote!(matches!(self, #(Self::#successes)|*))
    };
    quote! {
        #doc
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum #name {
            #(
                #variant_docs
                #variants,
            )*
        }

        impl #name {
            /// Every documented status, in the order the documentation lists them.
            pub const ALL: &'static [Self] = &[#(Self::#variants),*];

            /// The documented status with this code, if there is one.
            pub const fn from_u16(code: u16) -> Option<Self> {
                match code {
                    #(#codes => Some(Self::#variants),)*
                    _ => None,
                }
            }

            /// The numeric status code.
            pub const fn as_u16(self) -> u16 {
                match self {
                    #(Self::#variants => #codes,)*
                }
            }

            /// The reason phrase, as the documentation writes it.
            pub const fn reason(self) -> &'static str {
                match self {
                    #(Self::#variants => #reasons,)*
                }
            }

            /// What the status means for this API, where the documentation says.
            pub const fn meaning(self) -> Option<&'static str> {
                match self {
                    #(Self::#variants => #meanings,)*
                }
            }

            /// Whether the documentation counts this status as success.
            pub const fn is_success(self) -> bool {
                #is_success
            }
        }

        impl std::fmt::Display for #name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(f, "{} {}", self.as_u16(), self.reason())
            }
        }
    }
}
