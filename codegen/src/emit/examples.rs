//! `tests/spec_examples.rs`: every request and response example of every spec becomes a test that
//! decodes it into its generated type, re-encodes it to equal JSON and runs `validate()` on it.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::crate_root::CrateConfig;
use super::layout::Part;
use super::{ServiceContext, ident};
use crate::ir::{Example, Service, Shape};
use crate::naming::{Case, Scope};

/// The test file, or `None` when no spec has examples.
pub(crate) fn emit(services: &[Service], config: &CrateConfig) -> Option<TokenStream> {
    let krate = ident(&config.package_name.replace('-', "_"));
    let mut features = Vec::new();
    let modules: Vec<TokenStream> = services
        .iter()
        .filter_map(|s| service_tests(&ServiceContext::new(s, config), &krate, &mut features))
        .collect();
    if modules.is_empty() {
        return None;
    }
    // The helper exists whenever a test using it does.
    let gate = super::cfg_any_feature(&features);
    Some(quote! {
        //! Every example in the specs decodes into its generated type, re-encodes to the same JSON, and
        //! satisfies every documented constraint.

        /// Decodes `json` as `T`, checks that it re-encodes to equal JSON, and validates it.
        #gate
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

/// The test module of a service, adding the features its tests need to `features`.
fn service_tests(
    cx: &ServiceContext<'_>,
    krate: &proc_macro2::Ident,
    features: &mut Vec<String>,
) -> Option<TokenStream> {
    let service = cx.service;
    let mut names = Scope::default();
    // One test module per part, each gated like the part and importing the types it decodes.
    let mut parts = Vec::new();
    for part in cx.parts() {
        let mut used = Vec::new();
        let mut tests = Vec::new();
        let mut names_runtime = false;
        let mut add = |what: String, shape: &Shape, example: &Example| {
            let name = names
                .claim(&format!("{what}_{}", example.name), Case::Snake, &example.origin)
                .unwrap_or_else(|clash| clash.given);
            let name = ident(&name);
            ServiceContext::named_types(shape, &mut used);
            let ty = cx.rust_type(shape);
            names_runtime |= ty.to_string().contains("runtime ::");
            let json =
                raw_string(&serde_json::to_string_pretty(&example.value).unwrap_or_default());
            let doc = format!(" {} {}", example.origin.file, example.origin.pointer);
            tests.push(quote! {
                #[doc = #doc]
                #[test]
                fn #name() {
                    crate::check::<#ty>(#json);
                }
            });
        };
        for op in cx.operations_of(part) {
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
            continue;
        }
        // `::` because a service module may have the crate's own name.
        let mut import = cx.imports(part, false, &used, &quote!(::#krate));
        if names_runtime {
            import.extend(quote!(use ::#krate::runtime;));
        }
        parts.push(match part {
            Part::Service => quote!(#import #(#tests)*),
            Part::Group(g) => {
                features.push(cx.layout.group_feature(g).to_owned());
                let module = ident(&service.groups[g].module);
                let cfg = cx.layout.any_feature(&[g.index()]);
                quote! {
                    #cfg
                    mod #module {
                        #import
                        #(#tests)*
                    }
                }
            }
        });
    }
    if parts.is_empty() {
        return None;
    }
    let module = ident(&service.module);
    let cfg = if service.groups.is_empty() {
        let feature = &service.module;
        features.push(feature.clone());
        quote!(#[cfg(feature = #feature)])
    } else {
        quote!()
    };
    Some(quote! {
        #cfg
        mod #module {
            #(#parts)*
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
