//! Construction of generated structs (models and requests): `new` with the required members, and a
//! chainable `with_*` setter per member taking anything that converts into it. The structs are
//! `#[non_exhaustive]`, so adding an optional member to a spec breaks no caller.

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use super::docs::code;
use super::{ServiceContext, ident};
use crate::format::{Block, Lines, Parameter, flat_expression};
use crate::ir::Shape;

/// One member of a struct, as construction sees it.
pub(crate) struct Member<'a> {
    /// The Rust field name.
    pub rust_name: &'a str,
    /// The name in the spec, for docs.
    pub wire_name: &'a str,
    /// Its shape.
    pub shape: &'a Shape,
    /// Whether it must be given (`new` takes it).
    pub required: bool,
    /// Whether it is boxed (recursive).
    pub boxed: bool,
    /// Whether it is the flattened map of additional properties.
    pub flatten: bool,
}

impl Member<'_> {
    /// What `new` takes it as, when it takes it.
    fn in_new(&self) -> bool {
        self.required && !self.flatten
    }

    /// The type a caller gives: the value type, `Option<T>` where `null` may be given.
    /// For an optional nullable member that is `Option<T>`, where `None` sends `null`.
    fn given(&self, cx: &ServiceContext<'_>) -> TokenStream {
        if self.flatten { cx.value_type(self.shape) } else { cx.rust_type(self.shape) }
    }

    /// The field's value made from the given `value` expression.
    fn stored(&self, value: TokenStream) -> TokenStream {
        let value = if takes_exactly(self.shape) { value } else { quote!(#value.into()) };
        // A boxed nullable member is `Option<Box<T>>`: the box goes inside the `Option` given.
        let value = match (self.boxed, self.shape.nullable && !self.flatten) {
            (true, true) => quote!(#value.map(Box::new)),
            (true, false) => quote!(Box::new(#value)),
            (false, _) => value,
        };
        if self.required || self.flatten { value } else { quote!(Some(#value)) }
    }
}

/// `new(required…)` and the `with_*` setters of struct `name`, written as text where their
/// layout allows (they are most of a large spec's output).
pub(crate) fn constructors(cx: &ServiceContext<'_>, name: &str, members: &[Member<'_>]) -> Block {
    let mut block = Block::impl_of(name);
    let new = New::of(cx, name, members);
    block.member(new.written(), || new.tokens());
    for member in members {
        let setter = Setter::of(cx, member);
        block.member(setter.written(), || setter.tokens());
    }
    block
}

/// `new`, taking the required members.
struct New {
    doc: String,
    params: Vec<Param>,
    inits: Vec<Init>,
}

/// A parameter `name: type`.
pub(crate) struct Param {
    pub name: Ident,
    pub ty: TokenStream,
}

impl Param {
    pub(crate) fn written(&self) -> Option<Parameter> {
        Parameter::typed(&self.name.to_string(), &self.ty)
    }

    pub(crate) fn tokens(&self) -> TokenStream {
        let Self { name, ty } = self;
        quote!(#name: #ty)
    }
}

/// A field of a struct literal and its value; none when it is the variable of the same name.
pub(crate) struct Init {
    pub field: Ident,
    pub value: Option<TokenStream>,
}

impl Init {
    pub(crate) fn written(&self) -> Option<String> {
        match &self.value {
            None => Some(self.field.to_string()),
            Some(value) => Some(format!("{}: {}", self.field, flat_expression(value)?)),
        }
    }

    pub(crate) fn tokens(&self) -> TokenStream {
        let field = &self.field;
        match &self.value {
            None => quote!(#field,),
            Some(value) => quote!(#field: #value,),
        }
    }
}

impl New {
    fn of(cx: &ServiceContext<'_>, name: &str, members: &[Member<'_>]) -> Self {
        let required: Vec<&Member<'_>> = members.iter().filter(|m| m.in_new()).collect();
        let params = required
            .iter()
            .map(|m| Param { name: ident(m.rust_name), ty: argument(m.given(cx), m.shape) })
            .collect();
        let inits = members
            .iter()
            .map(|m| {
                let field = ident(m.rust_name);
                let value = if m.in_new() && takes_exactly(m.shape) && !m.boxed {
                    None
                } else if m.in_new() {
                    Some(m.stored(quote!(#field)))
                } else {
                    Some(quote!(Default::default()))
                };
                Init { field, value }
            })
            .collect();
        let doc = if required.is_empty() {
            format!(" A `{name}` with no member set (the same as `Default`).")
        } else {
            let names: Vec<String> = required.iter().map(|m| code(m.wire_name)).collect();
            format!(
                " A `{name}` with its required members ({}); set the others with the `with_*` methods.",
                names.join(", ")
            )
        };
        Self { doc, params, inits }
    }

    /// Clippy's limit on parameters.
    fn too_many(&self) -> bool {
        self.params.len() > 7
    }

    fn written(&self) -> Option<String> {
        let params = self.params.iter().map(Param::written).collect::<Option<Vec<_>>>()?;
        let fields = self.inits.iter().map(Init::written).collect::<Option<Vec<_>>>()?;
        let mut lines = Lines::new();
        lines.doc(1, &self.doc);
        if self.too_many() {
            lines.line(1, "#[allow(clippy::too_many_arguments)]");
        }
        lines.signature(1, "pub fn new", &params, " -> Self {");
        lines.struct_literal(2, "", "Self", &fields, "");
        lines.line(1, "}");
        lines.finish()
    }

    fn tokens(&self) -> TokenStream {
        let doc = &self.doc;
        let many = self.too_many().then(|| quote!(#[allow(clippy::too_many_arguments)]));
        let params = self.params.iter().map(Param::tokens);
        let inits = self.inits.iter().map(Init::tokens);
        quote! {
            #[doc = #doc]
            #many
            pub fn new(#(#params),*) -> Self {
                Self { #(#inits)* }
            }
        }
    }
}

/// A `with_*` setter.
struct Setter {
    doc: String,
    method: Ident,
    field: Ident,
    ty: TokenStream,
    value: TokenStream,
}

impl Setter {
    fn of(cx: &ServiceContext<'_>, member: &Member<'_>) -> Self {
        let doc = if !member.required && member.shape.nullable && !member.flatten {
            format!(" Sets {} (`None` sends `null`).", code(member.wire_name))
        } else if member.flatten {
            " Sets the properties beyond the declared ones.".to_owned()
        } else {
            format!(" Sets {}.", code(member.wire_name))
        };
        Self {
            doc,
            method: format_ident!("with_{}", member.rust_name.trim_start_matches("r#")),
            field: ident(member.rust_name),
            ty: argument(member.given(cx), member.shape),
            value: member.stored(quote!(value)),
        }
    }

    fn written(&self) -> Option<String> {
        let Self { doc, method, field, ty, value } = self;
        let params = [Parameter::plain("mut self"), Parameter::typed("value", ty)?];
        let mut lines = Lines::new();
        lines.doc(1, doc);
        lines.signature(1, &format!("pub fn {method}"), &params, " -> Self {");
        lines.line(2, &format!("self.{field} = {};", flat_expression(value)?));
        lines.line(2, "self");
        lines.line(1, "}");
        lines.finish()
    }

    fn tokens(&self) -> TokenStream {
        let Self { doc, method, field, ty, value } = self;
        quote! {
            #[doc = #doc]
            pub fn #method(mut self, value: #ty) -> Self {
                self.#field = #value;
                self
            }
        }
    }
}

/// Whether a struct with these members can derive `Default`: nothing is required.
pub(crate) fn all_optional(members: &[Member<'_>]) -> bool {
    !members.iter().any(Member::in_new)
}

/// Whether an argument of this shape is taken as its exact type: numbers and booleans, whose
/// literals would not infer their width through `impl Into<_>` (`1_522_121_194_000` would be read as
/// an `i32`).
pub(crate) fn takes_exactly(shape: &Shape) -> bool {
    use crate::ir::ShapeKind;
    !shape.nullable
        && matches!(shape.kind, ShapeKind::Integer(_) | ShapeKind::Number(_) | ShapeKind::Boolean)
}

/// The type an argument of type `ty` and `shape` is taken as: `ty` itself, or `impl Into<ty>`.
pub(crate) fn argument(ty: TokenStream, shape: &Shape) -> TokenStream {
    if takes_exactly(shape) { ty } else { quote!(impl Into<#ty>) }
}
