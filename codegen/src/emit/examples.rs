//! `tests/spec_examples.rs`: every request and response example of every spec becomes a test that
//! decodes it into its generated type, re-encodes it to equal JSON and runs `validate()` on it.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::{ServiceContext, ident};
use crate::ir::{Example, Service, Shape};
use crate::naming::{Case, Scope};

/// The test file, or `None` when no spec has examples.
pub fn emit(services: &[Service], package: &str) -> Option<TokenStream> {
    let krate = ident(&package.replace('-', "_"));
    let modules: Vec<TokenStream> = services.iter().filter_map(|s| service_tests(&ServiceContext::new(s), &krate)).collect();
    if modules.is_empty() {
        return None;
    }
    Some(quote! {
        //! Every example in the specs decodes into its generated type, re-encodes to the same JSON, and
        //! satisfies every documented constraint.

        /// Decodes `json` as `T`, checks that it re-encodes to equal JSON, and validates it.
        fn check<T>(json: &str)
        where
            T: serde::de::DeserializeOwned + serde::Serialize + ::#krate::runtime::Validate,
        {
            let expected: serde_json::Value = serde_json::from_str(json).expect("the example is JSON");
            let decoded: T = serde_json::from_str(json).expect("the example decodes into its generated type");
            let encoded = serde_json::to_value(&decoded).expect("the decoded example encodes");
            assert_eq!(encoded, expected, "the example does not survive a round trip");
            if let Err(err) = decoded.validate() {
                panic!("the example breaks a documented constraint: {err}");
            }
        }

        #(#modules)*
    })
}

fn service_tests(cx: &ServiceContext<'_>, krate: &proc_macro2::Ident) -> Option<TokenStream> {
    let service = cx.service;
    let mut names = Scope::default();
    let mut used = Vec::new();
    let mut tests = Vec::new();
    let mut add = |what: String, shape: &Shape, example: &Example| {
        let name = names.claim(&format!("{what}_{}", example.name), Case::Snake, &example.origin).unwrap_or_else(|clash| clash.given);
        let name = ident(&name);
        ServiceContext::named_types(shape, &mut used);
        let ty = cx.rust_type(shape);
        let json = raw_string(&serde_json::to_string_pretty(&example.value).unwrap_or_default());
        let doc = format!(" {} {}", example.origin.file, example.origin.pointer);
        tests.push(quote! {
            #[doc = #doc]
            #[test]
            fn #name() {
                super::check::<#ty>(#json);
            }
        });
    };
    for op in &service.operations {
        if let Some(body) = &op.body {
            for example in &body.examples {
                add(format!("{}_request", op.id), &body.shape, example);
            }
        }
        for response in &op.responses {
            if let Some(body) = &response.body {
                for example in &response.examples {
                    add(format!("{}_response_{}", op.id, response.status.code), body, example);
                }
            }
        }
    }
    if tests.is_empty() {
        return None;
    }
    used.sort_unstable();
    used.dedup();
    let module = ident(&service.module);
    let feature = &service.module;
    let types: Vec<_> = used.iter().map(|id| ident(cx.type_name(*id))).collect();
    // `::` because a service module may have the crate's own name.
    let import = (!types.is_empty()).then(|| quote!(use ::#krate::#module::models::{#(#types),*};));
    Some(quote! {
        #[cfg(feature = #feature)]
        mod #module {
            #import
            #(#tests)*
        }
    })
}

/// A raw string literal holding `text`, with enough `#`s that nothing inside can end it.
fn raw_string(text: &str) -> Literal {
    let mut hashes = String::from("#");
    while text.contains(&format!("\"{hashes}")) {
        hashes.push('#');
    }
    format!("r{hashes}\"{text}\"{hashes}").parse().unwrap_or_else(|_| Literal::string(text))
}
