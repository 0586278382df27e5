//! Stage 5, format: `syn` trees to text with `prettyplease`, under the `@generated` header.

use proc_macro2::TokenStream;

/// The marker that makes a file the code generator's: `regenerate` may overwrite or delete any file
/// whose first line contains it, and no other file.
pub const GENERATED_MARKER: &str = "@generated";

/// The header of a generated file, in the comment syntax `comment` (`//` or `#`).
pub fn header(comment: &str, command: &str, source: &str) -> String {
    format!(
        "{comment} {GENERATED_MARKER} by `{command}` from {source}.\n{comment} Do not edit by hand: change the spec and run the command again.\n"
    )
}

/// The same header as a Markdown (HTML) comment.
pub fn markdown_header(command: &str, source: &str) -> String {
    format!(
        "<!-- {GENERATED_MARKER} by `{command}` from {source}.\n     Do not edit by hand: change the spec and run the command again. -->\n"
    )
}

/// Where a generated Rust file sits in its crate, which decides how `rustfmt` is kept off it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileRole {
    /// A crate root (`src/lib.rs`, a test file): `rustfmt` formats it, so each of its items carries
    /// `#[rustfmt::skip]` (an inner `#![rustfmt::skip]` is unstable).
    CrateRoot,
    /// A module file below a crate root: `rustfmt` skips it with its parent's declaration.
    Module,
}

/// Formats emitted tokens as a Rust file under `header`. Fails only if an emitter produced tokens
/// that are not a Rust file, which is a bug in the generator.
///
/// Generated files are `prettyplease`'s layout, not `rustfmt`'s, so `cargo fmt` must leave them
/// alone: it would otherwise rewrite them and `regenerate --check` would fail.
pub fn rust_file(tokens: TokenStream, header: &str, role: FileRole) -> Result<String, String> {
    let mut file: syn::File = syn::parse2(tokens).map_err(|err| err.to_string())?;
    if role == FileRole::CrateRoot {
        for item in &mut file.items {
            if let Some(attrs) = item_attrs(item) {
                attrs.push(syn::parse_quote!(#[rustfmt::skip]));
            }
        }
    }
    Ok(format!("{header}\n{}", separate_items(&prettyplease::unparse(&file))))
}

/// The attributes of an item, for the kinds emitters produce at a crate root.
fn item_attrs(item: &mut syn::Item) -> Option<&mut Vec<syn::Attribute>> {
    match item {
        syn::Item::Const(item) => Some(&mut item.attrs),
        syn::Item::Enum(item) => Some(&mut item.attrs),
        syn::Item::Fn(item) => Some(&mut item.attrs),
        syn::Item::Impl(item) => Some(&mut item.attrs),
        syn::Item::Mod(item) => Some(&mut item.attrs),
        syn::Item::Static(item) => Some(&mut item.attrs),
        syn::Item::Struct(item) => Some(&mut item.attrs),
        syn::Item::Trait(item) => Some(&mut item.attrs),
        syn::Item::Type(item) => Some(&mut item.attrs),
        syn::Item::Use(item) => Some(&mut item.attrs),
        _ => None,
    }
}

/// Puts a blank line between top-level items, which `prettyplease` prints back to back. Only
/// unindented lines are looked at, so nothing inside an item (or a string) changes.
fn separate_items(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 16);
    let mut previous: Option<&str> = None;
    for line in text.lines() {
        if let Some(prev) = previous {
            let starts_item = !line.is_empty()
                && !line.starts_with([' ', '}', ')', ']'])
                && !line.starts_with("//!");
            let after_item = prev.ends_with('}') || prev.ends_with(';') || prev.starts_with("//!");
            let both_imports = prev.starts_with("use ") && line.starts_with("use ");
            if starts_item && after_item && !prev.starts_with(' ') && !both_imports {
                out.push('\n');
            }
        }
        out.push_str(line);
        out.push('\n');
        previous = Some(line);
    }
    out
}
