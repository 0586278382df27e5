//! `status.rs`: a status-code enum per operation, and one for a service-wide status table.
//!
//! Both come from the same [`StatusEntry`] list, so they have the same API: `ALL`, `from_u16`,
//! `as_u16`, `reason`, `meaning`, `is_success` and `Display`.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::docs::{Doc, code};
use super::layout::Part;
use super::{ServiceContext, ident};
use crate::ir::{StatusEntry, StatusPattern};

/// The status file of a part of a service, or `None` when it documents no statuses. The service's
/// own status table goes in the service module.
pub fn emit(cx: &ServiceContext<'_>, part: Part) -> Option<TokenStream> {
    let service = cx.service;
    let mut items = Vec::new();
    if let (Some(table), Part::Service) = (&service.status_table, part) {
        let doc = Doc::default()
            .markdown(format!(
                "The HTTP status codes the {} API documents for all its operations.",
                service.title
            ))
            .markdown("`is_success` follows the page, which lists codes as normal or abnormal.");
        let entries: Vec<&StatusEntry> = table.entries.iter().collect();
        items.push(status_enum(&table.name, &entries, doc));
    }
    // Operations of one module that document exactly the same statuses (codes, reasons, meanings)
    // share the first one's enum through a type alias: large specs repeat a few status sets
    // hundreds of times.
    let mut first_with: std::collections::HashMap<Vec<&StatusEntry>, &str> =
        std::collections::HashMap::new();
    for op in cx.operations_of(part) {
        let key: Vec<&StatusEntry> = op.responses.iter().map(|r| &r.status).collect();
        if let Some(first) = first_with.get(&key) {
            let (name, first_ident) = (ident(&op.status_type), ident(first));
            let doc = format!(
                " The statuses documented for `{}` ([`{}`]({}::operations::{})): the same as [`{first}`].",
                op.id,
                op.request_type,
                cx.link(part),
                op.request_type
            );
            items.push(quote!(#[doc = #doc] pub type #name = #first_ident;));
            continue;
        }
        let doc = Doc::default().markdown(format!(
            "The statuses documented for `{}` ([`{}`]({}::operations::{})); `is_success` means 2xx.",
            op.id,
            op.request_type,
            cx.link(part),
            op.request_type
        ));
        items.push(status_enum(&op.status_type, &key, doc));
        first_with.insert(key, &op.status_type);
    }
    if items.is_empty() {
        return None;
    }
    let doc = Doc::default()
        .markdown(format!("HTTP status codes documented by the {} API.", service.title))
        .inner();
    Some(quote! {
        #doc
        #(#items)*
    })
}

fn status_enum(name: &str, entries: &[&StatusEntry], doc: Doc) -> TokenStream {
    let name = ident(name);
    let doc = doc.outer();
    let variant_docs = entries.iter().map(|e| {
        let title = code(&format!("{} {}", e.label(), e.reason));
        let mut doc = Doc::default().markdown(match &e.meaning {
            Some(_) => format!("{title}:"),
            None => title,
        });
        doc = doc.prose(e.meaning.as_deref());
        if e.is_pattern() {
            doc = doc.markdown("Holds the actual status code.");
        }
        doc.outer()
    });
    let declarations = entries.iter().map(|e| {
        let variant = ident(&e.variant);
        if e.is_pattern() { quote!(#variant(u16)) } else { quote!(#variant) }
    });
    let (fixed, patterns): (Vec<&StatusEntry>, Vec<&StatusEntry>) =
        entries.iter().partition(|e| !e.is_pattern());
    let fixed_variants: Vec<_> = fixed.iter().map(|e| ident(&e.variant)).collect();
    let codes: Vec<Literal> = fixed.iter().map(|e| Literal::u16_unsuffixed(e.code)).collect();
    let reasons: Vec<&str> = fixed.iter().map(|e| e.reason.as_str()).collect();
    let meaning = |e: &StatusEntry| match &e.meaning {
        Some(meaning) => quote!(Some(#meaning)),
        None => quote!(None),
    };
    let fixed_meanings: Vec<_> = fixed.iter().map(|e| meaning(e)).collect();
    // Exact codes first, then classes, then `default`: the first match wins.
    let mut ordered = patterns.clone();
    ordered.sort_by_key(|e| matches!(e.pattern, StatusPattern::Default));
    let pattern_from = ordered.iter().map(|e| {
        let variant = ident(&e.variant);
        match e.pattern {
            StatusPattern::Range(class) => {
                let (low, high) = (
                    Literal::u16_unsuffixed(class * 100),
                    Literal::u16_unsuffixed(class * 100 + 99),
                );
                quote!(#low..=#high => Some(Self::#variant(code)),)
            }
            _ => quote!(_ => Some(Self::#variant(code)),),
        }
    });
    let has_default = patterns.iter().any(|e| matches!(e.pattern, StatusPattern::Default));
    let fallback = (!has_default).then(|| quote!(_ => None,));
    // With `default` as the only entry there is nothing to match on.
    let from_u16 = match (fixed.is_empty(), ordered.as_slice()) {
        (true, [only]) if matches!(only.pattern, StatusPattern::Default) => {
            let variant = ident(&only.variant);
            quote!(Some(Self::#variant(code)))
        }
        _ => quote! {
            match code {
                #(#codes => Some(Self::#fixed_variants),)*
                #(#pattern_from)*
                #fallback
            }
        },
    };
    let pattern_variants: Vec<_> = patterns.iter().map(|e| ident(&e.variant)).collect();
    let pattern_reasons: Vec<&str> = patterns.iter().map(|e| e.reason.as_str()).collect();
    let pattern_meanings: Vec<_> = patterns.iter().map(|e| meaning(e)).collect();
    let is_success = if patterns.is_empty() {
        let successes: Vec<_> =
            fixed.iter().filter(|e| e.success).map(|e| ident(&e.variant)).collect();
        if successes.is_empty() {
            quote!(false)
        } else {
            quote!(matches!(self, #(Self::#successes)|*))
        }
    } else {
        let arms = entries.iter().map(|e| {
            let variant = ident(&e.variant);
            match e.pattern {
                StatusPattern::Code(_) => {
                    let success = e.success;
                    quote!(Self::#variant => #success,)
                }
                StatusPattern::Range(class) => {
                    let success = class == 2;
                    quote!(Self::#variant(_) => #success,)
                }
                StatusPattern::Default => {
                    quote!(Self::#variant(code) => matches!(code, 200..=299),)
                }
            }
        });
        quote!(match self { #(#arms)* })
    };
    quote! {
        #doc
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum #name {
            #(
                #variant_docs
                #declarations,
            )*
        }

        impl #name {
            /// Every documented status with a fixed code, in the order the documentation lists them.
            pub const ALL: &'static [Self] = &[#(Self::#fixed_variants),*];

            /// The documented status with this code, if there is one.
            pub const fn from_u16(code: u16) -> Option<Self> {
                #from_u16
            }

            /// The numeric status code.
            pub const fn as_u16(self) -> u16 {
                match self {
                    #(Self::#fixed_variants => #codes,)*
                    #(Self::#pattern_variants(code) => code,)*
                }
            }

            /// The reason phrase, as the documentation writes it.
            pub const fn reason(self) -> &'static str {
                match self {
                    #(Self::#fixed_variants => #reasons,)*
                    #(Self::#pattern_variants(_) => #pattern_reasons,)*
                }
            }

            /// What the status means for this API, where the documentation says.
            pub const fn meaning(self) -> Option<&'static str> {
                match self {
                    #(Self::#fixed_variants => #fixed_meanings,)*
                    #(Self::#pattern_variants(_) => #pattern_meanings,)*
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
