//! The crate's `src/lib.rs` and `Cargo.toml`: one module and one cargo feature per service.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::{Doc, code};
use super::ident;
use super::layout::Layout;
use crate::ir::Service;

/// How the generated crate is packaged.
#[derive(Debug, Clone)]
pub struct CrateConfig {
    /// The cargo package name, e.g. `huaweicloud-api`.
    pub package_name: String,
    /// The package description.
    pub description: String,
    /// The TOML value of the runtime dependency, e.g. `{ path = "../runtime" }`.
    pub runtime_dependency: String,
    /// A Markdown file (relative to `src/lib.rs`) whose Rust code blocks run as doctests.
    pub readme_doctest: Option<String>,
    /// Extra `[dev-dependencies]` lines for hand-written tests and examples.
    pub dev_dependencies: Vec<String>,
    /// Hand-written criterion benches (`benches/<name>.rs`), declared with `harness = false`.
    pub benches: Vec<String>,
    /// Inside this workspace, or a crate of its own.
    pub packaging: Packaging,
}

impl CrateConfig {
    /// A crate named `package_name` with nothing beyond the generated files (for tests and
    /// benchmarks of the generator).
    pub fn minimal(package_name: &str, packaging: Packaging) -> Self {
        Self {
            package_name: package_name.to_owned(),
            description: String::new(),
            runtime_dependency: "{ path = \"../runtime\" }".to_owned(),
            readme_doctest: None,
            dev_dependencies: Vec::new(),
            benches: Vec::new(),
            packaging,
        }
    }
}

/// Where a generated crate lives, which decides its manifest and the names of group features.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Packaging {
    /// A member of this workspace, inheriting its package settings, with one module per service:
    /// group features carry the service's name (`github-repos`).
    Workspace,
    /// A crate of one service outside this workspace: explicit versions and its own `[workspace]`
    /// table; group features are named after the group (`repos`).
    Standalone,
}

/// `src/lib.rs`.
pub(crate) fn lib_rs(services: &[Service], config: &CrateConfig) -> TokenStream {
    let rows: Vec<String> = services
        .iter()
        .map(|s| {
            format!(
                "| [`{m}`] | `{m}` | {} | {} |",
                super::docs::escape(&s.title),
                code(&s.spec_file),
                m = s.module
            )
        })
        .collect();
    let doc = Doc::default()
        .markdown(config.description.clone())
        .markdown(format!("| module | feature | service | spec |\n| --- | --- | --- | --- |\n{}", rows.join("\n")))
        .markdown(format!(
            "Every feature is on by default; a service split into groups has a feature per group too, so \
             a build can leave out what it does not call. Each operation is a request type implementing \
             [`Operation`](crate::runtime::Operation) (build the `http::Request`, decode the `http::Response`) and \
             [`Validate`](crate::runtime::Validate) (check every documented constraint at once). Bring both traits \
             into scope with `use {}::prelude::*;`.",
            config.package_name.replace('-', "_")
        ))
        .inner();
    let modules = services.iter().map(|s| {
        let module = ident(&s.module);
        let layout = Layout::new(s, config.packaging);
        // A grouped service is there when any of its groups is.
        let cfg = if s.groups.is_empty() {
            let feature = &s.module;
            quote!(#[cfg(feature = #feature)])
        } else {
            layout.any_feature(&(0..layout.features.len()).collect::<Vec<_>>())
        };
        let doc = format!(" {}.", s.title);
        quote! {
            #cfg
            #[doc = #doc]
            pub mod #module;
        }
    });
    let readme = config.readme_doctest.as_ref().map(|path| {
        quote! {
            #[cfg(doctest)]
            #[doc = include_str!(#path)]
            struct ReadmeDoctests;
        }
    });
    let clients = services.iter().filter_map(|s| {
        let client = ident(s.client_type.as_deref()?);
        let module = ident(&s.module);
        let layout = Layout::new(s, config.packaging);
        let cfg = if s.groups.is_empty() {
            let feature = &s.module;
            quote!(#[cfg(feature = #feature)])
        } else {
            layout.any_feature(&(0..layout.features.len()).collect::<Vec<_>>())
        };
        Some(quote!(#cfg pub use crate::#module::#client;))
    });
    let prelude_doc = format!(
        " What a typical program needs in one `use`: the clients, their configuration and error, \
         and the traits of requests and responses (`use {}::prelude::*;`).",
        config.package_name.replace('-', "_")
    );
    quote! {
        #doc
        /// The support code every generated module calls, documented here: validation, request
        /// building, response decoding, and the client (configuration, credentials, errors,
        /// retries, clock).
        #[doc(inline)]
        pub use huaweicloud_api_runtime as runtime;

        #[doc = #prelude_doc]
        pub mod prelude {
            pub use crate::runtime::client::{Config, Credentials, Error, StreamExt};
            pub use crate::runtime::{Operation, Outcome, Validate};
            #(#clients)*
        }

        #(#modules)*
        #readme
    }
}

/// `Cargo.toml`.
pub(crate) fn manifest(services: &[Service], config: &CrateConfig, header: &str) -> String {
    let defaults: Vec<String> = services.iter().map(|s| format!("{:?}", s.module)).collect();
    let features: Vec<String> = services
        .iter()
        .map(|s| {
            let layout = Layout::new(s, config.packaging);
            let groups: Vec<String> = layout.features.iter().map(|f| format!("{f:?}")).collect();
            let mut text = format!("# {}\n{} = [{}]", s.title, s.module, groups.join(", "));
            for (g, feature) in layout.features.iter().enumerate() {
                let what = match s.groups.get(g) {
                    Some(group) => group.tag.as_deref().map_or_else(
                        || "operations without a tag".to_owned(),
                        |tag| format!("tag `{tag}`"),
                    ),
                    None => "schemas no operation uses".to_owned(),
                };
                text.push_str(&format!("\n# {what}\n{feature} = []"));
            }
            text
        })
        .collect();
    let mut dev = String::new();
    if !config.dev_dependencies.is_empty() {
        dev = format!("\n[dev-dependencies]\n{}\n", config.dev_dependencies.join("\n"));
    }
    for bench in &config.benches {
        dev.push_str(&format!("\n[[bench]]\nname = \"{bench}\"\nharness = false\n"));
    }
    let (package, dependencies, lints) = if config.packaging == Packaging::Standalone {
        (
            "edition = \"2024\"\npublish = false",
            "bytes = { version = \"1\", features = [\"serde\"] }\nhttp = \"1\"\nhuaweicloud-api-runtime = {runtime}\nserde = { version = \"1\", features = [\"derive\"] }\nserde_json = \"1\"",
            "\n# Not part of any enclosing workspace.\n[workspace]\n",
        )
    } else {
        (
            "edition.workspace = true\nrust-version.workspace = true\nlicense.workspace = true\npublish.workspace = true",
            "bytes.workspace = true\nhttp.workspace = true\nhuaweicloud-api-runtime = {runtime}\nserde.workspace = true\nserde_json.workspace = true",
            "\n[lints]\nworkspace = true\n",
        )
    };
    let dependencies = dependencies.replace("{runtime}", &config.runtime_dependency);
    format!(
        r#"{header}
[package]
name = "{name}"
description = "{description}"
version = "0.1.0"
{package}

[features]
default = [{defaults}]
{features}

[dependencies]
{dependencies}
{dev}{lints}"#,
        name = config.package_name,
        description = config.description.replace('"', "\\\""),
        defaults = defaults.join(", "),
        features = features.join("\n"),
    )
}
