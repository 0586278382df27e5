//! `models.rs`: one Rust type per schema, with serde and `Validate`.

use std::sync::Arc;

use proc_macro2::TokenStream;
use quote::quote;

use super::builders::{Member, all_optional, constructors};
use super::docs::{Doc, code, constraints};
use super::layout::Part;
use super::structs::{FieldDef, StructDef};
use super::validation::{Patterns, member_checks, validate_block, validate_impl};
use super::{ServiceContext, ident};
use crate::format::{FileCode, LaterPart, RustCode};
use crate::ir::{EnumValue, Field, TypeDef, TypeId, TypeKind, UnionVariant};
use crate::resolve::UNKNOWN_VARIANT;

/// Types per part of a models file: each part is emitted and printed by whichever thread is free.
const TYPES_PER_PART: usize = 100;

/// The models file of a part of a service, or `None` when it defines no types.
pub fn emit<'a>(cx: &'a ServiceContext<'a>, part: Part) -> Option<FileCode<'a>> {
    let ids = cx.types_of(part);
    if ids.is_empty() {
        return None;
    }
    // Pattern statics are named in the order the checks first use them. Naming them all first lets
    // each part be emitted on its own thread with the names it would have had in turn.
    let mut patterns = Patterns::default();
    let mut used = Vec::new();
    for &id in &ids {
        let def = &cx.service.types[id];
        patterns.users = cx.layout.type_cfg(id).is_some().then(|| cx.layout.users(id).to_vec());
        type_checks(cx, &mut patterns, def);
        match &def.kind {
            TypeKind::Struct(fields) => {
                fields.iter().for_each(|f| ServiceContext::named_types(&f.shape, &mut used))
            }
            TypeKind::Union(variants, _) => {
                variants.iter().for_each(|v| ServiceContext::named_types(&v.shape, &mut used))
            }
            TypeKind::StringEnum(_) => {}
        }
    }
    let imports = cx.imports(part, true, &used, &quote!(crate));
    let statics = patterns.statics(&cx.layout);
    let what = match part {
        Part::Service if !cx.service.groups.is_empty() => {
            "the types several groups share (or none uses), each compiled when a group using it is enabled"
        }
        Part::Group(_) => "the types only this group uses",
        Part::Service => "one per schema",
    };
    let doc = Doc::default()
        .markdown(format!(
            "Data types of the {} API, {what}, from {}.",
            cx.service.title,
            code(&cx.service.spec_file)
        ))
        .inner();
    let head = RustCode::from(quote! {
        #doc
        #imports
        use crate::runtime;
        #statics
    });
    let patterns = Arc::new(patterns);
    let parts = ids
        .chunks(TYPES_PER_PART)
        .map(|chunk| {
            let (chunk, patterns) = (chunk.to_vec(), Arc::clone(&patterns));
            Box::new(move || types(cx, &patterns, &chunk)) as LaterPart<'a>
        })
        .collect();
    Some(FileCode { head, parts })
}

/// The types `ids`, each as one piece gated like the type, with pattern statics named in `named`.
fn types(cx: &ServiceContext<'_>, named: &Patterns, ids: &[TypeId]) -> RustCode {
    named.in_part(|patterns| {
        let mut code = RustCode::default();
        for &id in ids {
            let def = &cx.service.types[id];
            let cfg = cx.layout.type_cfg(id);
            patterns.users = cfg.is_some().then(|| cx.layout.users(id).to_vec());
            // Before the docs and derives of the type and of each of its impls, where readers look.
            code.append(type_def(cx, patterns, def).each_with(&cfg.unwrap_or_default()));
        }
        code
    })
}

/// The checks of a type's members, in the order its `validate_into` makes them (which names the
/// pattern statics they use).
fn type_checks(
    cx: &ServiceContext<'_>,
    patterns: &mut Patterns,
    def: &TypeDef,
) -> Vec<TokenStream> {
    match &def.kind {
        TypeKind::Struct(fields) => field_checks(cx, patterns, def, fields),
        TypeKind::Union(variants, _) => union_arms(cx, patterns, def, variants),
        TypeKind::StringEnum(_) => Vec::new(),
    }
}

fn type_def(cx: &ServiceContext<'_>, patterns: &mut Patterns, def: &TypeDef) -> RustCode {
    let origin = format!("Schema: {}.", code(&def.origin.pointer));
    let doc = Doc::default().prose(def.description.as_deref()).markdown(origin);
    match &def.kind {
        TypeKind::Struct(fields) => structure(cx, patterns, def, fields, doc),
        TypeKind::StringEnum(values) => string_enum(def, values, doc.outer()).into(),
        TypeKind::Union(variants, discriminator) => {
            union(cx, patterns, def, variants, discriminator.as_deref(), doc.outer()).into()
        }
    }
}

/// The checks of a struct's fields, in field order.
fn field_checks(
    cx: &ServiceContext<'_>,
    patterns: &mut Patterns,
    def: &TypeDef,
    fields: &[Field],
) -> Vec<TokenStream> {
    fields
        .iter()
        .filter_map(|f| {
            patterns.meaning = f.description.clone();
            member_checks(
                cx,
                patterns,
                &f.shape,
                &ident(&f.rust_name),
                &f.wire_name,
                f.required,
                &def.name,
            )
        })
        .collect()
}

fn structure(
    cx: &ServiceContext<'_>,
    patterns: &mut Patterns,
    def: &TypeDef,
    fields: &[Field],
    doc: Doc,
) -> RustCode {
    let name = ident(&def.name);
    let members: Vec<FieldDef> = fields.iter().map(|field| {
        let member = ident(&field.rust_name);
        let ty = cx.field_type(&field.shape, field.required, field.boxed);
        let mut doc = Doc::default().prose(field.description.as_deref()).markdown(constraints(&field.shape));
        if !field.required && field.shape.nullable {
            doc = doc.markdown("`None` when absent, `Some(None)` when `null`.");
        }
        if doc.is_empty() {
            doc = doc.markdown(format!("The {} property.", code(&field.wire_name)));
        }
        let wire = &field.wire_name;
        let rename = (field.rust_name != field.wire_name && !field.flatten).then(|| quote!(#[serde(rename = #wire)]));
        // Absent and null both read as `None`; a required nullable field is sent as `null`.
        let optional = if field.flatten {
            Some(quote!(#[serde(flatten)]))
        } else if !field.required && field.shape.nullable {
            Some(quote!(#[serde(default, skip_serializing_if = "Option::is_none", with = "runtime::nullable")]))
        } else if !field.required {
            Some(quote!(#[serde(default, skip_serializing_if = "Option::is_none")]))
        } else if field.shape.nullable {
            Some(quote!(#[serde(default)]))
        } else {
            None
        };
        FieldDef { doc, attrs: rename.into_iter().chain(optional).collect(), name: member, ty }
    }).collect();
    let mut checks = field_checks(cx, patterns, def, fields);
    if let Some(presence) = &def.presence {
        // A set holds when each of its properties is there; required ones always are.
        let holds = presence.alternatives.iter().map(|set| {
            let present: Vec<TokenStream> = set
                .iter()
                .filter_map(|name| fields.iter().find(|f| &f.wire_name == name && !f.required))
                .map(|f| {
                    let member = ident(&f.rust_name);
                    quote!(self.#member.is_some())
                })
                .collect();
            if present.is_empty() { quote!(true) } else { quote!(#(#present)&&*) }
        });
        let sets = presence.alternatives.iter().map(|set| quote!(&[#(#set),*]));
        let exactly_one = presence.exactly_one;
        checks.push(quote!(runtime::validate::required_alternatives(path, &[#(#holds),*], &[#(#sets),*], #exactly_one, out);));
    }
    if def.property_count.is_bounded() {
        // Required properties are always there; optional ones when `Some` (a `null` is there too).
        let required = fields.iter().filter(|f| f.required && !f.flatten).count();
        let mut parts: Vec<TokenStream> = Vec::new();
        if required > 0 {
            let required = proc_macro2::Literal::usize_unsuffixed(required);
            parts.push(quote!(#required));
        }
        for field in fields {
            let member = ident(&field.rust_name);
            if field.flatten {
                parts.push(quote!(self.#member.len()));
            } else if !field.required {
                parts.push(quote!(usize::from(self.#member.is_some())));
            }
        }
        if parts.is_empty() {
            parts.push(quote!(0));
        }
        checks.push(quote!(let count = #(#parts)+*;));
        if let Some(min) = def.property_count.min.map(proc_macro2::Literal::usize_unsuffixed) {
            checks.push(quote!(runtime::validate::min_properties(path, count, #min, out);));
        }
        if let Some(max) = def.property_count.max.map(proc_macro2::Literal::usize_unsuffixed) {
            checks.push(quote!(runtime::validate::max_properties(path, count, #max, out);));
        }
    }
    let validate = validate_block(&name, checks);
    let built: Vec<Member<'_>> = fields
        .iter()
        .map(|f| Member {
            rust_name: &f.rust_name,
            wire_name: &f.wire_name,
            shape: &f.shape,
            required: f.required,
            boxed: f.boxed,
            flatten: f.flatten,
        })
        .collect();
    let default = all_optional(&built).then(|| quote!(Default,));
    let mut code = StructDef {
        doc: doc.markdown(
            "Build it with `new` and the `with_*` setters: new optional members may be added.",
        ),
        attrs: vec![
            quote!(#[derive(Debug, Clone, PartialEq, #default serde::Serialize, serde::Deserialize)]),
            quote!(#[non_exhaustive]),
        ],
        name,
        fields: members,
    }
    .into_code();
    code.push_block(constructors(cx, &def.name, &built));
    code.push_block(validate);
    code
}

/// `From` each alternative's type, so a value can be passed where the union is expected (a setter
/// taking `impl Into<Union>` accepts `80` or `80.5`). Only when no two alternatives share a type,
/// which would make the conversion ambiguous, and never from the union itself.
fn union_conversions(
    cx: &ServiceContext<'_>,
    name: &proc_macro2::Ident,
    variants: &[UnionVariant],
) -> TokenStream {
    let types: Vec<TokenStream> = variants.iter().map(|v| cx.rust_type(&v.shape)).collect();
    let texts: Vec<String> = types.iter().map(ToString::to_string).collect();
    let distinct = texts.iter().collect::<std::collections::BTreeSet<_>>().len() == texts.len();
    if !distinct || texts.contains(&name.to_string()) {
        return TokenStream::new();
    }
    let impls = variants.iter().zip(&types).map(|(v, ty)| {
        let variant = ident(&v.rust_name);
        let value = if v.boxed { quote!(Box::new(value)) } else { quote!(value) };
        quote! {
            impl From<#ty> for #name {
                fn from(value: #ty) -> Self {
                    Self::#variant(#value)
                }
            }
        }
    });
    quote!(#(#impls)*)
}

/// The arms of a union's `validate_into`, one per alternative.
fn union_arms(
    cx: &ServiceContext<'_>,
    patterns: &mut Patterns,
    def: &TypeDef,
    variants: &[UnionVariant],
) -> Vec<TokenStream> {
    // The alternatives have no description of their own to quote.
    patterns.meaning = None;
    variants
        .iter()
        .map(|v| {
            let variant = ident(&v.rust_name);
            let owner = format!("{}_{}", def.name, v.rust_name);
            let checks = super::validation::checks(
                cx,
                patterns,
                &v.shape,
                quote!(value),
                quote!(path),
                &owner,
            );
            if checks.is_empty() {
                quote!(Self::#variant(_) => {})
            } else {
                quote!(Self::#variant(value) => { #checks })
            }
        })
        .collect()
}

fn union(
    cx: &ServiceContext<'_>,
    patterns: &mut Patterns,
    def: &TypeDef,
    variants: &[UnionVariant],
    discriminator: Option<&str>,
    doc: TokenStream,
) -> TokenStream {
    let name = ident(&def.name);
    let members = variants.iter().map(|v| {
        let variant = ident(&v.rust_name);
        let mut ty = cx.rust_type(&v.shape);
        if v.boxed {
            ty = quote!(Box<#ty>);
        }
        let doc = format!(" The `{}` alternative.", v.rust_name);
        quote!(#[doc = #doc] #variant(#ty),)
    });
    let arms = union_arms(cx, patterns, def, variants);
    let conversions = union_conversions(cx, &name, variants);
    let any_checks = variants.iter().any(|v| cx.shape_needs_validation(&v.shape));
    let validate = if any_checks {
        quote! {
            impl runtime::Validate for #name {
                fn validate_into(&self, path: &runtime::FieldPath<'_>, out: &mut Vec<runtime::Violation>) {
                    match self {
                        #(#arms)*
                    }
                }
            }
        }
    } else {
        validate_impl(&name, Vec::new())
    };
    let Some(property) = discriminator else {
        return quote! {
            #doc
            ///
            /// One of several shapes; decoding tries the variants in the order the spec lists them.
            #[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
            #[serde(untagged)]
            #[non_exhaustive]
            pub enum #name {
                #(#members)*
            }

            #conversions

            #validate
        };
    };
    // Each alternative declares the discriminator property itself, so it is decoded from the whole
    // object once the property's value has chosen it (serde's internal tagging would remove it).
    let all_tags: Vec<&str> =
        variants.iter().flat_map(|v| v.tags.iter().map(String::as_str)).collect();
    let arms = variants.iter().filter(|v| !v.tags.is_empty()).map(|v| {
        let variant = ident(&v.rust_name);
        let tags = &v.tags;
        quote!(#(#tags)|* => serde_json::from_value(value).map(Self::#variant).map_err(serde::de::Error::custom),)
    });
    let tag_doc = format!(
        " Decoded by its `{property}` property: {}.",
        variants
            .iter()
            .map(|v| format!(
                "{} → `{}`",
                v.tags.iter().map(|t| format!("`{t}`")).collect::<Vec<_>>().join(", "),
                v.rust_name
            ))
            .collect::<Vec<_>>()
            .join("; ")
    );
    quote! {
        #doc
        ///
        #[doc = #tag_doc]
        #[derive(Debug, Clone, PartialEq, serde::Serialize)]
        #[serde(untagged)]
        #[non_exhaustive]
        pub enum #name {
            #(#members)*
        }

        #conversions

        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = <serde_json::Value as serde::Deserialize>::deserialize(deserializer)?;
                let tag = match value.get(#property) {
                    Some(serde_json::Value::String(tag)) => tag.clone(),
                    _ => return Err(serde::de::Error::missing_field(#property)),
                };
                match tag.as_str() {
                    #(#arms)*
                    other => Err(serde::de::Error::unknown_variant(other, &[#(#all_tags),*])),
                }
            }
        }

        #validate
    }
}

fn string_enum(def: &TypeDef, values: &[EnumValue], doc: TokenStream) -> TokenStream {
    let name = ident(&def.name);
    let unknown = ident(UNKNOWN_VARIANT);
    let variants: Vec<_> = values.iter().map(|v| ident(&v.rust_name)).collect();
    let wires: Vec<&str> = values.iter().map(|v| v.wire_value.as_str()).collect();
    let variant_docs = wires.iter().map(|w| format!(" {}", code(w)));
    let known_doc = format!(" Every documented value of `{}`, in spec order.", def.name);
    quote! {
        #doc
        ///
        /// Values the spec does not list are kept in the `Unknown` variant when decoding, so a new server
        /// value does not break deserialization; `validate()` reports them.
        #[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
        #[serde(from = "String", into = "String")]
        #[non_exhaustive]
        pub enum #name {
            #(
                #[doc = #variant_docs]
                #variants,
            )*
            /// A value the spec does not document, kept as received.
            #unknown(String),
        }

        impl #name {
            #[doc = #known_doc]
            pub const KNOWN: &'static [&'static str] = &[#(#wires),*];

            /// The value as sent on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    #(Self::#variants => #wires,)*
                    Self::#unknown(value) => value,
                }
            }
        }

        impl From<String> for #name {
            fn from(value: String) -> Self {
                match value.as_str() {
                    #(#wires => Self::#variants,)*
                    _ => Self::#unknown(value),
                }
            }
        }

        impl From<&str> for #name {
            fn from(value: &str) -> Self {
                Self::from(value.to_owned())
            }
        }

        impl From<#name> for String {
            fn from(value: #name) -> Self {
                match value {
                    #name::#unknown(value) => value,
                    known => known.as_str().to_owned(),
                }
            }
        }

        impl std::fmt::Display for #name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl runtime::Validate for #name {
            fn validate_into(&self, path: &runtime::FieldPath<'_>, out: &mut Vec<runtime::Violation>) {
                if let Self::#unknown(_) = self {
                    out.push(runtime::Violation::new(path, runtime::Rule::Enum(Self::KNOWN)));
                }
            }
        }
    }
}
