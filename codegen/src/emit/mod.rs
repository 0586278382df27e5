//! Stage 4, emit: the intermediate model to tokens, one emitter per kind of file.
//!
//! | emitter | file | contents |
//! | --- | --- | --- |
//! | `module` | `src/<service>/mod.rs` | service docs, server URLs, submodules |
//! | [`models`] | `src/<service>/models.rs` | a struct or enum per schema, with `Validate` |
//! | [`operations`] | `src/<service>/operations.rs` | a request type per operation (`Operation`), its response enum |
//! | [`status`] | `src/<service>/status.rs` | a status-code enum per operation and for the service table |
//! | [`client`] | `src/<service>/client.rs` | the async client, one method per operation |
//! | [`crate_root`] | `src/lib.rs`, `Cargo.toml` | service modules behind features |
//! | `examples` | `tests/spec_examples.rs` | a round-trip and validation test per spec example |

mod builders;
pub mod catalog;
pub mod client;
pub mod crate_root;
mod docs;
pub(crate) mod examples;
mod layout;
pub mod models;
pub(crate) mod module;
pub mod operations;
mod pagination;
pub mod status;
mod structs;
mod validation;

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use crate::emit::crate_root::CrateConfig;
use crate::ir::{
    IntegerWidth, NumberWidth, Operation, Service, Shape, ShapeKind, TypeId, TypeKind,
};
use layout::Layout;
pub use layout::Part;

/// The kinds of generated file; each has its own emitter and its own snapshot.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Emitter {
    /// `src/<service>/mod.rs`.
    Module,
    /// `src/<service>/models.rs`.
    Models,
    /// `src/<service>/operations.rs`.
    Operations,
    /// `src/<service>/status.rs`.
    Status,
    /// `src/<service>/client.rs`.
    Client,
    /// `src/lib.rs`.
    CrateRoot,
    /// `Cargo.toml`.
    Manifest,
    /// `tests/spec_examples.rs`.
    Examples,
    /// `OPERATIONS.md`.
    Catalog,
}

impl Emitter {
    /// A short name, used for snapshot names.
    pub fn name(self) -> &'static str {
        match self {
            Emitter::Module => "module",
            Emitter::Models => "models",
            Emitter::Operations => "operations",
            Emitter::Status => "status",
            Emitter::Client => "client",
            Emitter::CrateRoot => "crate_root",
            Emitter::Manifest => "manifest",
            Emitter::Examples => "examples",
            Emitter::Catalog => "catalog",
        }
    }
}

/// A Rust identifier token (names were made valid by the naming registry).
pub(crate) fn ident(name: &str) -> Ident {
    Ident::new(name, Span::call_site())
}

/// `#[cfg(feature = "a")]` for one feature, `#[cfg(any(feature = "a", ...))]` for several.
pub(crate) fn cfg_any_feature<S: AsRef<str>>(features: &[S]) -> TokenStream {
    let features: Vec<&str> = features.iter().map(AsRef::as_ref).collect();
    match features.as_slice() {
        [one] => quote!(#[cfg(feature = #one)]),
        _ => quote!(#[cfg(any(#(feature = #features),*))]),
    }
}

/// What emitters of one service need to know about its types.
pub struct ServiceContext<'s> {
    /// The service being emitted.
    pub(crate) service: &'s Service,
    /// Per type: whether `validate_into` has anything to check.
    needs_validation: Vec<bool>,
    /// Which module holds each operation and type.
    pub(crate) layout: Layout,
    /// The generated crate's name in Rust paths (`huaweicloud_api`), for doc examples. (Text, not
    /// an `Ident`: contexts are shared by the threads that emit a service's files.)
    pub(crate) krate: String,
}

impl<'s> ServiceContext<'s> {
    /// Works out which types need validation and where everything lives in the crate `config`
    /// describes.
    pub fn new(service: &'s Service, config: &CrateConfig) -> Self {
        let packaging = config.packaging;
        let krate = config.package_name.replace('-', "_");
        // Iterate to a fixed point: a struct needs validation when any field does, and types may nest
        // (or recurse).
        let mut needs: Vec<bool> = service
            .types
            .iter()
            .map(|t| {
                matches!(t.kind, TypeKind::StringEnum(_))
                    || t.presence.is_some()
                    || t.property_count.is_bounded()
            })
            .collect();
        loop {
            let mut changed = false;
            for (id, def) in service.types.iter().enumerate() {
                if needs[id] {
                    continue;
                }
                let any = match &def.kind {
                    TypeKind::Struct(fields) => {
                        fields.iter().any(|f| shape_needs(&f.shape, &needs))
                    }
                    TypeKind::Union(variants, _) => {
                        variants.iter().any(|v| shape_needs(&v.shape, &needs))
                    }
                    TypeKind::StringEnum(_) => false,
                };
                if any {
                    needs[id] = true;
                    changed = true;
                }
            }
            if !changed {
                break;
            }
        }
        Self { service, needs_validation: needs, layout: Layout::new(service, packaging), krate }
    }

    /// The operations a part's files hold, in spec order.
    pub(crate) fn operations_of(&self, part: Part) -> impl Iterator<Item = &'s Operation> + '_ {
        self.service.operations.iter().filter(move |op| match (part, op.group) {
            (Part::Service, None) => true,
            (Part::Group(g), Some(group)) => g == group,
            _ => false,
        })
    }

    /// The named types a part's `models` file defines, in spec order.
    pub(crate) fn types_of(&self, part: Part) -> Vec<TypeId> {
        self.service.type_ids().filter(|&id| self.layout.home(id) == part).collect()
    }

    /// The parts of the service: the service module, then each group.
    pub fn parts(&self) -> Vec<Part> {
        std::iter::once(Part::Service).chain(self.service.group_ids().map(Part::Group)).collect()
    }

    /// `use` items for the named types `ids`, seen from a file of `part` (its `models` file when
    /// `in_models`): siblings through `super::models`, others by their path from `root` (`crate`,
    /// or `::name` outside the crate). Sorted, one item per module.
    pub(crate) fn imports(
        &self,
        part: Part,
        in_models: bool,
        ids: &[TypeId],
        root: &TokenStream,
    ) -> TokenStream {
        let mut by_home: Vec<(Part, Vec<&str>)> = Vec::new();
        for &id in ids {
            let home = self.layout.home(id);
            if in_models && home == part {
                continue;
            }
            match by_home.iter_mut().find(|(h, _)| *h == home) {
                Some((_, names)) => names.push(self.type_name(id)),
                None => by_home.push((home, vec![self.type_name(id)])),
            }
        }
        let mut items: Vec<(String, TokenStream)> = by_home
            .into_iter()
            .map(|(home, mut names)| {
                names.sort_unstable();
                names.dedup();
                let names: Vec<_> = names.into_iter().map(ident).collect();
                let path = if home == part && !root.is_empty() && root.to_string() == "crate" {
                    quote!(super)
                } else {
                    self.module_path_from(root, home)
                };
                let item = quote!(use #path::models::{#(#names),*};);
                (path.to_string(), item)
            })
            .collect();
        items.sort_by(|a, b| a.0.cmp(&b.0));
        items.into_iter().map(|(_, item)| item).collect()
    }

    /// The module path of a part as a string, for intra-doc links (`crate::github::repos`).
    pub(crate) fn link(&self, part: Part) -> String {
        match part {
            Part::Service => format!("crate::{}", self.service.module),
            Part::Group(g) => {
                format!("crate::{}::{}", self.service.module, self.service.groups[g].module)
            }
        }
    }

    /// The module path of a part from `root`.
    pub(crate) fn module_path_from(&self, root: &TokenStream, part: Part) -> TokenStream {
        let module = ident(&self.service.module);
        match part {
            Part::Service => quote!(#root::#module),
            Part::Group(g) => {
                let group = ident(&self.service.groups[g].module);
                quote!(#root::#module::#group)
            }
        }
    }

    /// Whether a value of this shape has anything to check.
    pub(crate) fn shape_needs_validation(&self, shape: &Shape) -> bool {
        shape_needs(shape, &self.needs_validation)
    }

    /// The type name of a named type.
    pub(crate) fn type_name(&self, id: TypeId) -> &'s str {
        &self.service.types[id].name
    }

    /// The Rust type of a shape: `Option<T>` when it is nullable.
    pub(crate) fn rust_type(&self, shape: &Shape) -> TokenStream {
        let ty = self.value_type(shape);
        if shape.nullable { quote!(Option<#ty>) } else { ty }
    }

    /// The Rust type of a shape's non-null values.
    pub(crate) fn value_type(&self, shape: &Shape) -> TokenStream {
        match &shape.kind {
            ShapeKind::String(_) => quote!(String),
            ShapeKind::Integer(IntegerWidth::I32) => quote!(i32),
            ShapeKind::Integer(IntegerWidth::I64) => quote!(i64),
            ShapeKind::Number(NumberWidth::F32) => quote!(f32),
            ShapeKind::Number(NumberWidth::F64) => quote!(f64),
            ShapeKind::Boolean => quote!(bool),
            ShapeKind::Array(items) => {
                let items = self.rust_type(items);
                quote!(Vec<#items>)
            }
            ShapeKind::Named(id) => {
                let name = ident(self.type_name(*id));
                quote!(#name)
            }
            ShapeKind::AnyJson => quote!(serde_json::Value),
            ShapeKind::JsonObject => quote!(serde_json::Map<String, serde_json::Value>),
            ShapeKind::Map(values) => {
                let values = self.rust_type(values);
                quote!(std::collections::BTreeMap<String, #values>)
            }
            ShapeKind::Binary => quote!(bytes::Bytes),
            ShapeKind::Base64 => quote!(runtime::Base64),
        }
    }

    /// The Rust type of a shape written from outside the crate (`huaweicloud_api::ces::models::X`),
    /// for doc examples.
    pub(crate) fn absolute_type(&self, shape: &Shape) -> TokenStream {
        let krate = ident(&self.krate);
        let ty = match &shape.kind {
            ShapeKind::Array(items) => {
                let items = self.absolute_type(items);
                quote!(Vec<#items>)
            }
            ShapeKind::Map(values) => {
                let values = self.absolute_type(values);
                quote!(std::collections::BTreeMap<String, #values>)
            }
            ShapeKind::Named(id) => {
                let path = self.module_path_from(&quote!(#krate), self.layout.home(*id));
                let name = ident(self.type_name(*id));
                quote!(#path::models::#name)
            }
            ShapeKind::Base64 => quote!(#krate::runtime::Base64),
            _ => self.value_type(shape),
        };
        if shape.nullable { quote!(Option<#ty>) } else { ty }
    }

    /// The Rust type of a field or parameter: boxed when recursive, `Option` when it may be absent
    /// or null, and `Option<Option<_>>` when it may be both (absent, `null`, or a value).
    pub(crate) fn field_type(&self, shape: &Shape, required: bool, boxed: bool) -> TokenStream {
        let mut ty = self.value_type(shape);
        if boxed {
            ty = quote!(Box<#ty>);
        }
        match (required, shape.nullable) {
            (true, false) => ty,
            (false, true) => quote!(Option<Option<#ty>>),
            _ => quote!(Option<#ty>),
        }
    }

    /// The named types a shape mentions.
    pub(crate) fn named_types(shape: &Shape, out: &mut Vec<TypeId>) {
        layout::named_types(shape, out);
    }
}

fn shape_needs(shape: &Shape, needs: &[bool]) -> bool {
    if shape.constraints.has_checks() {
        return true;
    }
    match &shape.kind {
        ShapeKind::String(format) => format.is_some(),
        ShapeKind::Array(inner) | ShapeKind::Map(inner) => shape_needs(inner, needs),
        ShapeKind::Named(id) => needs.get(id.index()).copied().unwrap_or(false),
        _ => false,
    }
}
