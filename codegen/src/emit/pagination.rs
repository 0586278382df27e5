//! The `runtime::Paginated` impl of a paged operation's request: where a page's items are, and
//! the request for the next page (by offset or by marker).

use proc_macro2::TokenStream;
use quote::quote;

use super::{ServiceContext, ident};
use crate::ir::{FieldStep, IntegerWidth, NextMarker, Operation, PagePosition, Pagination};

/// `impl runtime::Paginated for {Request}`, when the operation is paged.
pub(crate) fn paginated(cx: &ServiceContext<'_>, op: &Operation) -> Option<TokenStream> {
    let pagination = op.pagination.as_ref()?;
    let request = ident(&op.request_type);
    let success = super::operations::success_type(cx, op, op, &quote!(), &mut Vec::new());
    let item = cx.rust_type(&pagination.item);
    let items = field(page_root(op), &pagination.items);
    let next = next_page(op, pagination);
    Some(quote! {
        impl runtime::Paginated for #request {
            type Item = #item;

            fn items(page: &#success) -> Vec<Self::Item> {
                #items.map(|items| items.to_vec()).unwrap_or_default()
            }

            fn next_page(&self, page: &#success) -> Option<Self> {
                let count = #items.map_or(0, |items| items.len());
                if count == 0 {
                    return None;
                }
                #next
            }
        }
    })
}

/// The body in the success value: the value itself, or its first part when headers come with it.
fn page_root(op: &Operation) -> TokenStream {
    let headers = op.responses.iter().any(|r| r.status.may_succeed() && r.headers_type.is_some());
    if headers { quote!(&page.0) } else { quote!(page) }
}

/// `Option<&T>` of the field at `steps` below `root` (an expression of type `&Body`).
fn field(root: TokenStream, steps: &[FieldStep]) -> TokenStream {
    let mut expression = quote!(Some(#root));
    for step in steps {
        let name = ident(&step.rust_name);
        expression = match (step.optional, step.nullable) {
            (true, true) => {
                quote!(#expression.and_then(|v| v.#name.as_ref()).and_then(|v| v.as_ref()))
            }
            (true, false) | (false, true) => quote!(#expression.and_then(|v| v.#name.as_ref())),
            (false, false) => quote!(#expression.map(|v| &v.#name)),
        };
    }
    expression
}

/// The body of `next_page` after the empty-page check.
fn next_page(op: &Operation, pagination: &Pagination) -> TokenStream {
    let required = |name: &str| op.parameters.iter().any(|p| p.rust_name == name && p.required);
    let set = |name: &str, value: TokenStream| {
        let member = ident(name);
        if required(name) {
            quote!(next.#member = #value;)
        } else {
            quote!(next.#member = Some(#value);)
        }
    };
    match &pagination.position {
        PagePosition::Offset { parameter, width } => {
            let member = ident(parameter);
            let width = match width {
                IntegerWidth::I32 => quote!(i32),
                IntegerWidth::I64 => quote!(i64),
            };
            let current = if required(parameter) {
                quote!(self.#member)
            } else {
                quote!(self.#member.unwrap_or(0))
            };
            let total = pagination.total.as_ref().map(|steps| {
                let total = field(page_root(op), steps);
                quote! {
                    if #total.is_some_and(|total| i64::from(offset) >= i64::from(*total)) {
                        return None;
                    }
                }
            });
            let full = pagination.limit.as_ref().map(|limit| {
                let member = ident(limit);
                let limit = if required(limit) { quote!(Some(self.#member)) } else { quote!(self.#member) };
                quote! {
                    if #limit.is_some_and(|limit| i64::try_from(count).unwrap_or(i64::MAX) < i64::from(limit)) {
                        return None;
                    }
                }
            });
            let assign = set(parameter, quote!(offset));
            quote! {
                let offset = #current.checked_add(#width::try_from(count).ok()?)?;
                #total
                #full
                let mut next = self.clone();
                #assign
                Some(next)
            }
        }
        PagePosition::Marker { parameter, next } => {
            let member = ident(parameter);
            let marker = match next {
                NextMarker::Field(steps) => field(page_root(op), steps),
                NextMarker::LastItem(step) => {
                    let items = field(page_root(op), &pagination.items);
                    let last = field(quote!(item), std::slice::from_ref(step));
                    quote!(#items.and_then(|items| items.last()).and_then(|item| #last))
                }
            };
            let current = if required(parameter) {
                quote!(Some(self.#member.as_str()))
            } else {
                quote!(self.#member.as_deref())
            };
            let assign = set(parameter, quote!(marker.clone()));
            quote! {
                let marker = #marker?;
                // An empty or repeated marker would ask for the same page again.
                if marker.is_empty() || #current == Some(marker.as_str()) {
                    return None;
                }
                let mut next = self.clone();
                #assign
                Some(next)
            }
        }
    }
}
