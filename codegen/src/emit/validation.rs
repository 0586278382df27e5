//! The bodies of generated `validate_into` methods: one runtime check call per documented constraint.

use std::collections::BTreeMap;

use heck::ToShoutySnakeCase;
use proc_macro2::{Ident, Literal, TokenStream};
use quote::quote;

use super::docs::code;
use super::layout::Layout;
use super::{ServiceContext, ident};
use crate::format::{Block, Lines, Parameter};
use crate::ir::{
    Bound, Constraints, IntegerWidth, NumberWidth, Pattern, Shape, ShapeKind, StringFormat,
};

/// The `static` patterns a file needs, one per distinct regular expression, named after its first use.
///
/// In a file whose items are compiled under different features (the shared types of a grouped
/// service), a static is compiled when any item using it is: set [`Patterns::users`] before emitting
/// each item.
#[derive(Default, Clone)]
pub(crate) struct Patterns {
    by_source: BTreeMap<String, String>,
    order: Vec<Pattern>,
    /// Per source: the groups whose items use it, or `None` once an always-compiled item does.
    needed_by: BTreeMap<String, Option<Vec<usize>>>,
    /// The features the item being emitted is compiled for (see [`Layout::users`]); `None` for
    /// always.
    pub users: Option<Vec<usize>>,
    /// What the documentation says of the member being emitted (its description), which its
    /// pattern checks quote in their violations.
    pub meaning: Option<String>,
}

impl Patterns {
    /// What `emit` makes with a copy of these statics, named by a first pass over a whole file so
    /// that a part of it emitted on its own names them as it would have in turn. A check that
    /// names a new static here is a pattern the first pass missed (debug builds assert it).
    pub fn in_part<R>(&self, emit: impl FnOnce(&mut Patterns) -> R) -> R {
        let mut patterns = self.clone();
        let made = emit(&mut patterns);
        debug_assert_eq!(patterns.order.len(), self.order.len(), "the first pass missed a pattern");
        made
    }

    fn ident_for(&mut self, pattern: &Pattern, owner: &str) -> proc_macro2::Ident {
        let source = pattern.source.as_str();
        let users = self.users.clone();
        self.needed_by
            .entry(source.to_owned())
            .and_modify(|needed| match (needed.as_mut(), &users) {
                (Some(groups), Some(more)) => {
                    groups.extend(more.iter().copied());
                    groups.sort_unstable();
                    groups.dedup();
                }
                _ => *needed = None,
            })
            .or_insert(users);
        if let Some(name) = self.by_source.get(source) {
            return ident(name);
        }
        let base = format!("{}_PATTERN", owner.to_shouty_snake_case());
        let mut name = base.clone();
        let mut n = 2;
        while self.by_source.values().any(|taken| taken == &name) {
            name = format!("{base}_{n}");
            n += 1;
        }
        self.by_source.insert(source.to_owned(), name.clone());
        self.order.push(pattern.clone());
        ident(&name)
    }

    /// The `static` items, in order of first use, each gated like the items that use it.
    pub fn statics(&self, layout: &Layout) -> TokenStream {
        let items = self.order.iter().map(|Pattern { source, unicode }| {
            let name = ident(&self.by_source[source]);
            let cfg = match self.needed_by.get(source) {
                Some(Some(features)) => layout.gate(features),
                _ => None,
            };
            let (doc, made) = if *unicode {
                (
                    format!(" The documented pattern {}.", code(source)),
                    quote!(runtime::Pattern::new(#source)),
                )
            } else {
                (
                    format!(
                        " The documented pattern {}, valid ECMA-262 only without the `u` flag.",
                        code(source)
                    ),
                    quote!(runtime::Pattern::legacy(#source)),
                )
            };
            quote! {
                #[doc = #doc]
                #cfg
                static #name: runtime::Pattern = #made;
            }
        });
        quote!(#(#items)*)
    }
}

/// The first paragraph of a description, on one line.
fn first_paragraph(text: &str) -> String {
    let paragraph = text.trim().split("\n\n").next().unwrap_or_default();
    paragraph.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Checks for `value` (an expression of type `&T`) at `path` (an expression of type `&FieldPath`).
/// `owner` names the pattern statics this creates.
pub(crate) fn checks(
    cx: &ServiceContext<'_>,
    patterns: &mut Patterns,
    shape: &Shape,
    value: TokenStream,
    path: TokenStream,
    owner: &str,
) -> TokenStream {
    if shape.nullable {
        // `value` is a `&Option<T>` here: a null has nothing to check.
        let inner = value_checks(cx, patterns, shape, quote!(value), path, owner);
        return quote!(if let Some(value) = #value { #inner });
    }
    value_checks(cx, patterns, shape, value, path, owner)
}

/// The length and pattern checks of a text `value`.
fn text_checks(
    patterns: &mut Patterns,
    c: &Constraints,
    value: &TokenStream,
    path: &TokenStream,
    owner: &str,
) -> Vec<TokenStream> {
    let mut out = Vec::new();
    if let Some(min) = c.min_length.map(Literal::usize_unsuffixed) {
        out.push(quote!(runtime::validate::min_length(#path, #value, #min, out);));
    }
    if let Some(max) = c.max_length.map(Literal::usize_unsuffixed) {
        out.push(quote!(runtime::validate::max_length(#path, #value, #max, out);));
    }
    if let Some(pattern) = &c.pattern {
        let name = patterns.ident_for(pattern, owner);
        let meaning = patterns.meaning.as_deref().map(first_paragraph).filter(|m| !m.is_empty());
        out.push(match meaning {
            Some(meaning) => {
                quote!(runtime::validate::documented_pattern(#path, #value, &#name, #meaning, out);)
            }
            None => quote!(runtime::validate::pattern(#path, #value, &#name, out);),
        });
    }
    out
}

/// Checks for a non-null value.
fn value_checks(
    cx: &ServiceContext<'_>,
    patterns: &mut Patterns,
    shape: &Shape,
    value: TokenStream,
    path: TokenStream,
    owner: &str,
) -> TokenStream {
    let c = &shape.constraints;
    let mut out = Vec::new();
    match &shape.kind {
        ShapeKind::Base64 => {
            // Lengths and a pattern constrain the base64 text the bytes are sent as.
            let text = quote!(&text);
            let checks = text_checks(patterns, c, &text, &path, owner);
            if !checks.is_empty() {
                out.push(quote!({ let text = #value.to_string(); #(#checks)* }));
            }
        }
        ShapeKind::String(format) => {
            out.extend(text_checks(patterns, c, &value, &path, owner));
            let format = match format {
                Some(StringFormat::Uuid) => Some(quote!(runtime::Format::Uuid)),
                Some(StringFormat::DateTime) => Some(quote!(runtime::Format::DateTime)),
                None => None,
            };
            if let Some(format) = format {
                out.push(quote!(runtime::validate::format(#path, #value, #format, out);));
            }
        }
        ShapeKind::Integer(width) => {
            let widened = match width {
                IntegerWidth::I32 => quote!(i64::from(*#value)),
                IntegerWidth::I64 => quote!(*#value),
            };
            let int = |bound: Bound| {
                let limit = Literal::i64_unsuffixed(bound.value as i64);
                let exclusive = bound.exclusive;
                (quote!(#limit), exclusive)
            };
            if let Some((limit, exclusive)) = c.minimum.map(int) {
                out.push(quote!(runtime::validate::minimum_int(#path, #widened, #limit, #exclusive, out);));
            }
            if let Some((limit, exclusive)) = c.maximum.map(int) {
                out.push(quote!(runtime::validate::maximum_int(#path, #widened, #limit, #exclusive, out);));
            }
            if let Some(step) = c.multiple_of {
                let step = Literal::i64_unsuffixed(step as i64);
                out.push(quote!(runtime::validate::multiple_of_int(#path, #widened, #step, out);));
            }
            if let Some(allowed) = &c.allowed_integers {
                let allowed = allowed.iter().map(|v| Literal::i64_unsuffixed(*v));
                out.push(
                    quote!(runtime::validate::one_of_int(#path, #widened, &[#(#allowed),*], out);),
                );
            }
        }
        ShapeKind::Number(width) => {
            let widened = match width {
                NumberWidth::F32 => quote!(f64::from(*#value)),
                NumberWidth::F64 => quote!(*#value),
            };
            if let Some(bound) = c.minimum {
                let (limit, exclusive) = (Literal::f64_unsuffixed(bound.value), bound.exclusive);
                out.push(quote!(runtime::validate::minimum_float(#path, #widened, #limit, #exclusive, out);));
            }
            if let Some(bound) = c.maximum {
                let (limit, exclusive) = (Literal::f64_unsuffixed(bound.value), bound.exclusive);
                out.push(quote!(runtime::validate::maximum_float(#path, #widened, #limit, #exclusive, out);));
            }
            if let Some(step) = c.multiple_of {
                let step = Literal::f64_unsuffixed(step);
                out.push(
                    quote!(runtime::validate::multiple_of_float(#path, #widened, #step, out);),
                );
            }
            if let Some(allowed) = &c.allowed_numbers {
                let allowed = allowed.iter().map(|v| Literal::f64_unsuffixed(*v));
                out.push(quote!(runtime::validate::one_of_float(#path, #widened, &[#(#allowed),*], out);));
            }
        }
        ShapeKind::Array(items) => {
            if let Some(min) = c.min_items.map(Literal::usize_unsuffixed) {
                out.push(quote!(runtime::validate::min_items(#path, #value, #min, out);));
            }
            if let Some(max) = c.max_items.map(Literal::usize_unsuffixed) {
                out.push(quote!(runtime::validate::max_items(#path, #value, #max, out);));
            }
            if c.unique_items {
                out.push(quote!(runtime::validate::unique_items(#path, #value, out);));
            }
            if cx.shape_needs_validation(items) {
                if let (ShapeKind::Named(_), false) = (&items.kind, items.nullable) {
                    out.push(quote!(runtime::Validate::validate_into(#value, #path, out);));
                } else {
                    let inner = checks(cx, patterns, items, quote!(item), quote!(&path), owner);
                    out.push(quote! {
                        for (index, item) in #value.iter().enumerate() {
                            let path = runtime::FieldPath::index(#path, index);
                            #inner
                        }
                    });
                }
            }
        }
        ShapeKind::Map(values) => {
            out.extend(property_counts(c, &path, &value));
            if cx.shape_needs_validation(values) {
                let inner = checks(cx, patterns, values, quote!(item), quote!(&path), owner);
                out.push(quote! {
                    for (key, item) in #value {
                        let path = runtime::FieldPath::key(#path, key);
                        #inner
                    }
                });
            }
        }
        ShapeKind::Named(_) => {
            if cx.shape_needs_validation(shape) {
                out.push(quote!(runtime::Validate::validate_into(#value, #path, out);));
            }
        }
        ShapeKind::JsonObject => out.extend(property_counts(c, &path, &value)),
        ShapeKind::Boolean => {
            if let Some(allowed) = &c.allowed_booleans {
                out.push(
                    quote!(runtime::validate::one_of_bool(#path, *#value, &[#(#allowed),*], out);),
                );
            }
        }
        ShapeKind::AnyJson | ShapeKind::Binary => {}
    }
    quote!(#(#out)*)
}

/// `minProperties` and `maxProperties` of a map or free-form object.
fn property_counts(
    c: &crate::ir::Constraints,
    path: &TokenStream,
    value: &TokenStream,
) -> Vec<TokenStream> {
    let mut out = Vec::new();
    if let Some(min) = c.min_properties.map(Literal::usize_unsuffixed) {
        out.push(quote!(runtime::validate::min_properties(#path, #value.len(), #min, out);));
    }
    if let Some(max) = c.max_properties.map(Literal::usize_unsuffixed) {
        out.push(quote!(runtime::validate::max_properties(#path, #value.len(), #max, out);));
    }
    out
}

/// The checks for one field or parameter: its own block with its path, skipped when absent.
pub(crate) fn member_checks(
    cx: &ServiceContext<'_>,
    patterns: &mut Patterns,
    shape: &Shape,
    member: &proc_macro2::Ident,
    wire_name: &str,
    required: bool,
    owner: &str,
) -> Option<TokenStream> {
    if !cx.shape_needs_validation(shape) {
        return None;
    }
    let owner = format!("{owner}_{wire_name}");
    // The field's own `Option` (absent or null) is unwrapped here, so the value is checked as non-null.
    let inner = value_checks(cx, patterns, shape, quote!(value), quote!(&path), &owner);
    // Additional properties are flattened into the object: their keys hang off its own path.
    let bind = if wire_name.is_empty() {
        quote!(let path = *path;)
    } else {
        quote!(let path = path.field(#wire_name);)
    };
    let present =
        if !required && shape.nullable { quote!(Some(Some(value))) } else { quote!(Some(value)) };
    Some(if required && !shape.nullable {
        quote! {{
            #bind
            let value = &self.#member;
            #inner
        }}
    } else {
        quote! {
            if let #present = &self.#member {
                #bind
                #inner
            }
        }
    })
}

/// A `Validate` impl with the given checks (parameters unnamed when there is nothing to check).
pub(crate) fn validate_impl(type_name: &Ident, body: Vec<TokenStream>) -> TokenStream {
    let function = ValidateInto { body: quote!(#(#body)*) }.tokens();
    quote! {
        impl runtime::Validate for #type_name {
            #function
        }
    }
}

/// The same impl, written as text where its layout allows.
pub(crate) fn validate_block(type_name: &Ident, body: Vec<TokenStream>) -> Block {
    let mut block = Block::impl_trait("runtime::Validate", &type_name.to_string());
    let function = ValidateInto { body: quote!(#(#body)*) };
    block.member(function.written(), || function.tokens());
    block
}

/// `validate_into` with its checks.
struct ValidateInto {
    body: TokenStream,
}

impl ValidateInto {
    fn written(&self) -> Option<String> {
        let unused = if self.body.is_empty() { "_" } else { "" };
        let params = [
            Parameter::plain("&self"),
            Parameter::plain(format!("{unused}path: &runtime::FieldPath<'_>")),
            Parameter::plain(format!("{unused}out: &mut Vec<runtime::Violation>")),
        ];
        let mut lines = Lines::new();
        if self.body.is_empty() {
            lines.signature(1, "fn validate_into", &params, " {}");
        } else {
            lines.signature(1, "fn validate_into", &params, " {");
            lines.statements(2, &self.body);
            lines.line(1, "}");
        }
        lines.finish()
    }

    fn tokens(&self) -> TokenStream {
        let body = &self.body;
        if body.is_empty() {
            quote! {
                fn validate_into(&self, _path: &runtime::FieldPath<'_>, _out: &mut Vec<runtime::Violation>) {}
            }
        } else {
            quote! {
                fn validate_into(&self, path: &runtime::FieldPath<'_>, out: &mut Vec<runtime::Violation>) {
                    #body
                }
            }
        }
    }
}
