//! Struct definitions with named fields (models and requests), written as text where their layout
//! allows (see [`crate::format::Lines`]): with their builders, they are most of a large spec's
//! output.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::docs::Doc;
use crate::format::{Block, Lines, RustCode, flat_type};

/// A `pub struct` with named fields.
pub(crate) struct StructDef {
    pub doc: Doc,
    /// Its attributes after the docs, each `#[…]`.
    pub attrs: Vec<TokenStream>,
    pub name: Ident,
    pub fields: Vec<FieldDef>,
}

/// A `pub` field of a [`StructDef`].
pub(crate) struct FieldDef {
    pub doc: Doc,
    /// Its attributes after the docs, each `#[…]`.
    pub attrs: Vec<TokenStream>,
    pub name: Ident,
    pub ty: TokenStream,
}

impl StructDef {
    /// The struct as code: written, field by field, when its own lines are.
    pub fn into_code(self) -> RustCode {
        let mut code = RustCode::default();
        match self.attrs_written() {
            // An empty struct has another layout.
            Some(attrs) if !self.fields.is_empty() => {
                let mut block = Block::structure(attrs, &self.name.to_string());
                for field in &self.fields {
                    block.member(field.written(), || field.tokens());
                }
                code.push_block(block);
            }
            _ => code.push(self.tokens()),
        }
        code
    }

    /// Docs and attributes, when their layout is known.
    fn attrs_written(&self) -> Option<String> {
        let mut lines = Lines::new();
        self.doc.lines().iter().for_each(|line| lines.doc(0, line));
        self.attrs.iter().for_each(|attr| lines.attribute(0, attr));
        lines.finish()
    }

    fn tokens(&self) -> TokenStream {
        let Self { doc, attrs, name, fields } = self;
        let doc = doc.outer();
        let fields = fields.iter().map(FieldDef::tokens);
        quote! {
            #doc
            #(#attrs)*
            pub struct #name {
                #(#fields)*
            }
        }
    }
}

impl FieldDef {
    fn written(&self) -> Option<String> {
        let mut lines = Lines::new();
        self.doc.lines().iter().for_each(|line| lines.doc(1, line));
        self.attrs.iter().for_each(|attr| lines.attribute(1, attr));
        lines.line(1, &format!("pub {}: {},", self.name, flat_type(&self.ty)?));
        lines.finish()
    }

    fn tokens(&self) -> TokenStream {
        let Self { doc, attrs, name, ty } = self;
        let doc = doc.outer();
        quote! {
            #doc
            #(#attrs)*
            pub #name: #ty,
        }
    }
}
