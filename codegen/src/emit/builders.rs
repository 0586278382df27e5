//! Construction of generated structs (models and requests): `new` with the required members, and a
//! chainable `with_*` setter per member taking anything that converts into it. The structs are
//! `#[non_exhaustive]`, so adding an optional member to a spec breaks no caller.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::docs::code;
use super::{ServiceContext, ident};
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

/// `new(required…)` and the `with_*` setters of struct `name`, and whether every member is
/// optional (then the struct derives `Default`, and `new` takes nothing).
pub(crate) fn constructors(
    cx: &ServiceContext<'_>,
    name: &str,
    members: &[Member<'_>],
) -> TokenStream {
    let type_name = ident(name);
    let required: Vec<&Member<'_>> = members.iter().filter(|m| m.in_new()).collect();
    let params = required.iter().map(|m| {
        let arg = ident(m.rust_name);
        let ty = argument(m.given(cx), m.shape);
        quote!(#arg: #ty)
    });
    let inits = members.iter().map(|m| {
        let field = ident(m.rust_name);
        if m.in_new() && takes_exactly(m.shape) && !m.boxed {
            quote!(#field,)
        } else if m.in_new() {
            let value = m.stored(quote!(#field));
            quote!(#field: #value,)
        } else {
            quote!(#field: Default::default(),)
        }
    });
    let new_doc = if required.is_empty() {
        format!(" A `{name}` with no member set (the same as `Default`).")
    } else {
        let names: Vec<String> = required.iter().map(|m| code(m.wire_name)).collect();
        format!(
            " A `{name}` with its required members ({}); set the others with the `with_*` methods.",
            names.join(", ")
        )
    };
    let many = (required.len() > 7).then(|| quote!(#[allow(clippy::too_many_arguments)]));
    let setters = members.iter().map(|m| setter(cx, m));
    quote! {
        impl #type_name {
            #[doc = #new_doc]
            #many
            pub fn new(#(#params),*) -> Self {
                Self { #(#inits)* }
            }

            #(#setters)*
        }
    }
}

fn setter(cx: &ServiceContext<'_>, member: &Member<'_>) -> TokenStream {
    let field = ident(member.rust_name);
    let method = format_ident!("with_{}", member.rust_name.trim_start_matches("r#"));
    let ty = argument(member.given(cx), member.shape);
    let value = member.stored(quote!(value));
    let doc = if !member.required && member.shape.nullable && !member.flatten {
        format!(" Sets {} (`None` sends `null`).", code(member.wire_name))
    } else if member.flatten {
        " Sets the properties beyond the declared ones.".to_owned()
    } else {
        format!(" Sets {}.", code(member.wire_name))
    };
    quote! {
        #[doc = #doc]
        pub fn #method(mut self, value: #ty) -> Self {
            self.#field = #value;
            self
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
