//! Stage 5, format: emitted tokens to text with `syn` and `prettyplease`, under the `@generated`
//! header. Most code is written as text in `prettyplease`'s layout without either (`direct`), by
//! the emitters or from the tokens of each item (`items`).

mod broken;
mod direct;
mod items;
mod types;

pub use direct::{Block, Lines, flat_expression, flat_type};
pub use types::Parameter;

use proc_macro2::TokenStream;
use quote::quote;
use syn::parse::{ParseStream, Parser};

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

/// The code emitted for one Rust file, in pieces. The outer attributes of a piece (a `cfg`, say) go
/// on every item in it, so an emitter can gate a type and all its impls without re-parsing them.
/// The first piece may start with the file's inner attributes.
#[derive(Default)]
pub struct RustCode {
    pieces: Vec<Piece>,
}

struct Piece {
    each_item: TokenStream,
    items: Items,
}

enum Items {
    Tokens(TokenStream),
    Block(Block),
}

impl RustCode {
    /// Adds items as they are.
    pub fn push(&mut self, items: TokenStream) {
        self.push_each_with(TokenStream::new(), items);
    }

    /// Adds items, each with the outer attributes `attrs` before its own.
    pub fn push_each_with(&mut self, attrs: TokenStream, items: TokenStream) {
        self.pieces.push(Piece { each_item: attrs, items: Items::Tokens(items) });
    }

    /// Adds a block whose members are text already or tokens still.
    pub fn push_block(&mut self, block: Block) {
        self.pieces.push(Piece { each_item: TokenStream::new(), items: Items::Block(block) });
    }

    /// Puts the outer attributes `attrs` before those of each item of these pieces.
    pub fn each_with(mut self, attrs: &TokenStream) -> Self {
        for piece in &mut self.pieces {
            let own = std::mem::take(&mut piece.each_item);
            piece.each_item = quote!(#attrs #own);
        }
        self
    }

    /// Adds the pieces of `more` after these.
    pub fn append(&mut self, more: RustCode) {
        self.pieces.extend(more.pieces);
    }
}

impl From<TokenStream> for RustCode {
    fn from(items: TokenStream) -> Self {
        let mut code = Self::default();
        code.push(items);
        code
    }
}

/// A part of a file that the thread printing it emits: tokens cannot cross threads (they are
/// reference-counted), so a part travels as the work of making it.
pub type LaterPart<'a> = Box<dyn Fn() -> RustCode + Sync + 'a>;

/// The code of one Rust file: its head, emitted already, then parts that any thread may emit and
/// print, for a file so large (a big spec's models) that printing it on one core would hold up the
/// rest.
pub struct FileCode<'a> {
    /// What comes first; it may start with the file's inner attributes.
    pub head: RustCode,
    /// What follows, in order.
    pub parts: Vec<LaterPart<'a>>,
}

impl From<RustCode> for FileCode<'_> {
    fn from(head: RustCode) -> Self {
        Self { head, parts: Vec::new() }
    }
}

impl From<TokenStream> for FileCode<'_> {
    fn from(items: TokenStream) -> Self {
        RustCode::from(items).into()
    }
}

/// Formats emitted code as a Rust file under `header`. Fails only if an emitter produced tokens
/// that are not a Rust file, which is a bug in the generator.
///
/// Generated files are `prettyplease`'s layout, not `rustfmt`'s, so `cargo fmt` must leave them
/// alone: it would otherwise rewrite them and `regenerate --check` would fail.
///
/// The parts of a file are emitted and printed on every core, and put together in order.
pub fn rust_file<'a>(
    code: impl Into<FileCode<'a>>,
    header: &str,
    role: FileRole,
) -> Result<String, String> {
    let FileCode { head, parts } = code.into();
    let mut file = format!("{header}\n");
    file.push_str(&separate_items(&print_pieces(head.pieces, role, true)?));
    let printed_parts = crate::parallel::map(&parts, |part| {
        print_pieces(part().pieces, role, false).map(|text| separate_items(&text))
    });
    for printed in printed_parts {
        let printed = printed?;
        // Each part's items are separated already; the line where two meet is looked at here.
        let meeting = file.lines().next_back().zip(printed.lines().next());
        if meeting.is_some_and(|(previous, line)| blank_line_between(previous, line)) {
            file.push('\n');
        }
        file.push_str(&printed);
    }
    Ok(file)
}

/// Prints pieces in order; `starts_file` when the first may begin with the file's inner attributes.
fn print_pieces(pieces: Vec<Piece>, role: FileRole, starts_file: bool) -> Result<String, String> {
    let mut body = String::new();
    // A type and its impls are pieces gated alike: their attributes are printed once.
    let mut shared = SharedAttrs::new(TokenStream::new());
    for (index, mut piece) in pieces.into_iter().enumerate() {
        if starts_file && index == 0 {
            // Inner attributes are only read by the parser; the items after them are not.
            if let Items::Tokens(items) = &mut piece.items {
                let (attrs, rest) = items::split_inner_attributes(std::mem::take(items));
                match items::inner_docs(&attrs) {
                    Some(docs) => body.push_str(&docs),
                    None => print_parsed(&mut body, TokenStream::new(), attrs, role, true)?,
                }
                *items = rest;
            }
        }
        match piece.items {
            Items::Tokens(items) => match items::split(&items) {
                Some(split) => {
                    shared.set(piece.each_item);
                    for item in split {
                        if let Some(block) = items::block(&item) {
                            print_block(&mut body, &mut shared, block, role)?;
                        } else if let Some((attrs, alias)) =
                            items::alias(&item).or_else(|| items::use_declaration(&item))
                        {
                            print_written(&mut body, &mut shared, &attrs, role)?;
                            body.push_str(&alias);
                        } else {
                            let item = item.into_iter().collect();
                            print_parsed(&mut body, shared.tokens.clone(), item, role, false)?
                        }
                    }
                }
                None => print_parsed(&mut body, piece.each_item, items, role, false)?,
            },
            Items::Block(block) => {
                shared.set(piece.each_item);
                print_block(&mut body, &mut shared, block, role)?
            }
        }
    }
    Ok(body)
}

/// Parses items and prints them with `prettyplease`.
fn print_parsed(
    out: &mut String,
    each_item: TokenStream,
    items: TokenStream,
    role: FileRole,
    inner: bool,
) -> Result<(), String> {
    let printer = Printer { out, each_item, role, inner };
    (|input: ParseStream<'_>| printer.print(input)).parse2(items).map_err(|err| err.to_string())
}

/// The outer attributes a piece puts on each of its items, printed once for the items written as
/// text.
struct SharedAttrs {
    tokens: TokenStream,
    /// The tokens' text, which tells the same attributes of the next piece.
    key: String,
    printed: Option<String>,
}

impl SharedAttrs {
    fn new(tokens: TokenStream) -> Self {
        Self { key: tokens.to_string(), tokens, printed: None }
    }

    /// Makes these the attributes `tokens`, keeping the printed text when they are the same.
    fn set(&mut self, tokens: TokenStream) {
        let key = tokens.to_string();
        if key != self.key {
            *self = Self { tokens, key, printed: None };
        }
    }

    /// The attributes as `prettyplease` prints them (on a stand-in item).
    fn printed(&mut self) -> Result<&str, String> {
        if self.printed.is_none() {
            const STAND_IN: &str = "struct StandIn;\n";
            let mut text = String::new();
            if !self.tokens.is_empty() {
                let stand_in = quote!(
                    struct StandIn;
                );
                print_parsed(&mut text, self.tokens.clone(), stand_in, FileRole::Module, false)?;
                let attrs =
                    text.strip_suffix(STAND_IN).ok_or("an item's attributes did not print")?;
                text.truncate(attrs.len());
            }
            self.printed = Some(text);
        }
        Ok(self.printed.as_deref().unwrap_or_default())
    }
}

/// Prints a block whose members are mostly text already; each member left as tokens is printed
/// inside a stand-in block of its kind, so it comes out exactly as in the block printed whole.
fn print_block(
    out: &mut String,
    shared: &mut SharedAttrs,
    block: Block,
    role: FileRole,
) -> Result<(), String> {
    print_written(out, shared, &block.attrs, role)?;
    out.push_str(&block.opening);
    for member in block.members {
        match member {
            direct::Member::Written(text) => out.push_str(&text),
            direct::Member::Tokens(tokens) => {
                let (stand_in, opening) = match block.kind {
                    direct::BlockKind::Impl => {
                        (quote!(impl StandIn { #tokens }), "impl StandIn {\n")
                    }
                    direct::BlockKind::Struct => {
                        (quote!(struct StandIn { #tokens }), "struct StandIn {\n")
                    }
                    direct::BlockKind::Enum => {
                        (quote!(enum StandIn { #tokens }), "enum StandIn {\n")
                    }
                };
                let mut printed = String::new();
                print_parsed(&mut printed, TokenStream::new(), stand_in, FileRole::Module, false)?;
                let inside = printed
                    .strip_prefix(opening)
                    .and_then(|rest| rest.strip_suffix("}\n"))
                    .ok_or("a member did not print inside its block")?;
                out.push_str(inside);
            }
        }
    }
    out.push_str("}\n");
    Ok(())
}

/// The attributes before an item written as text: the piece's, the item's own, and what keeps
/// `rustfmt` off a crate root's item.
fn print_written(
    out: &mut String,
    shared: &mut SharedAttrs,
    attrs: &str,
    role: FileRole,
) -> Result<(), String> {
    out.push_str(shared.printed()?);
    out.push_str(attrs);
    if role == FileRole::CrateRoot {
        out.push_str("#[rustfmt::skip]\n");
    }
    Ok(())
}

/// Prints items as soon as each is parsed: only one item's syntax tree exists at a time, which keeps
/// memory (and the time spent getting it) small.
struct Printer<'a> {
    out: &'a mut String,
    /// Outer attributes put before each item's own.
    each_item: TokenStream,
    role: FileRole,
    /// Whether the tokens may start with the file's inner attributes.
    inner: bool,
}

impl Printer<'_> {
    fn print(self, input: ParseStream<'_>) -> syn::Result<()> {
        let attrs = if self.inner { input.call(syn::Attribute::parse_inner)? } else { Vec::new() };
        let mut file = syn::File { shebang: None, frontmatter: None, attrs, items: Vec::new() };
        if !file.attrs.is_empty() {
            self.out.push_str(&prettyplease::unparse(&file));
            file.attrs.clear();
        }
        while !input.is_empty() {
            let mut item: syn::Item = input.parse()?;
            match item_attrs(&mut item) {
                Some(attrs) => {
                    // Parsed again for each item: `syn` trees are not `Clone` without a feature.
                    let shared = syn::Attribute::parse_outer.parse2(self.each_item.clone())?;
                    attrs.splice(0..0, shared);
                    if self.role == FileRole::CrateRoot {
                        attrs.push(syn::parse_quote!(#[rustfmt::skip]));
                    }
                }
                // A shared `cfg` must never be dropped silently.
                None if !self.each_item.is_empty() => {
                    return Err(
                        input.error("a kind of item that cannot take the piece's attributes")
                    );
                }
                None => {}
            }
            file.items = vec![item];
            self.out.push_str(&prettyplease::unparse(&file));
        }
        Ok(())
    }
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
        if previous.is_some_and(|previous| blank_line_between(previous, line)) {
            out.push('\n');
        }
        out.push_str(line);
        out.push('\n');
        previous = Some(line);
    }
    out
}

/// Whether `line` starts a top-level item that follows one ending on `previous` (consecutive `use`
/// declarations stay together).
fn blank_line_between(previous: &str, line: &str) -> bool {
    let starts_item =
        !line.is_empty() && !line.starts_with([' ', '}', ')', ']']) && !line.starts_with("//!");
    let after_item =
        previous.ends_with('}') || previous.ends_with(';') || previous.starts_with("//!");
    let both_imports = previous.starts_with("use ") && line.starts_with("use ");
    starts_item && after_item && !previous.starts_with(' ') && !both_imports
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::quote;

    #[test]
    fn a_piece_puts_its_attributes_on_each_item_before_their_own() {
        let mut code = RustCode::from(quote! { #![doc = " File."] use a::b; });
        code.push_each_with(
            quote!(#[cfg(feature = "x")]),
            quote! { #[doc = " A."] pub struct A; impl A { fn f() {} } },
        );
        code.push(quote! { pub struct B; });
        let text = rust_file(code, "// header\n", FileRole::Module).unwrap();
        let expected = "// header\n\n//! File.\n\nuse a::b;\n\n#[cfg(feature = \"x\")]\n/// A.\npub struct A;\n\n#[cfg(feature = \"x\")]\nimpl A {\n    fn f() {}\n}\n\npub struct B;\n";
        assert_eq!(text, expected);
    }

    #[test]
    fn inner_attributes_print_as_prettyplease_prints_them() {
        let files = [
            quote! { #![doc = r" Docs."] #![doc = r""] #![doc = "  trailing  "] use a::b; },
            quote! { #![doc = " One."] #![allow(dead_code)] #![doc = " Two\nlines."] use a::b; },
            quote! { #![doc = "/ slash"] #![doc = " \"escaped\""] use a::b; },
        ];
        for tokens in files {
            let mut printed = String::new();
            print_parsed(&mut printed, TokenStream::new(), tokens.clone(), FileRole::Module, true)
                .unwrap();
            let text = rust_file(RustCode::from(tokens), "", FileRole::Module).unwrap();
            assert_eq!(text, format!("\n{}", separate_items(&printed)));
        }
    }

    #[test]
    fn a_file_printed_in_parts_is_the_file_printed_whole() {
        let head = || RustCode::from(quote! { #![doc = " File."] use a::b; });
        let item = |i: usize| {
            let name = quote::format_ident!("T{i}");
            let cfg = if i.is_multiple_of(3) { quote!(#[cfg(test)]) } else { TokenStream::new() };
            let items = quote! {
                #[doc = r#" A "raw" doc."#]
                pub struct #name<'a> { r#type: Option<&'a [u8]> }
                impl<'a> #name<'a> { fn f(&self) -> i64 { -1 } }
            };
            (cfg, items)
        };
        let mut whole = head();
        for i in 0..50 {
            let (cfg, items) = item(i);
            whole.push_each_with(cfg, items);
        }
        let whole = rust_file(whole, "// h\n", FileRole::Module).unwrap();
        // Parts of different sizes, more of them than cores, so threads take turns.
        let bounds = [0, 1, 7, 20, 21, 45, 50];
        let parts: Vec<LaterPart<'_>> = bounds
            .windows(2)
            .map(|range| {
                let (start, end) = (range[0], range[1]);
                Box::new(move || {
                    let mut code = RustCode::default();
                    for i in start..end {
                        let (cfg, items) = item(i);
                        code.push_each_with(cfg, items);
                    }
                    code
                }) as LaterPart<'_>
            })
            .collect();
        let in_parts = rust_file(FileCode { head: head(), parts }, "// h\n", FileRole::Module);
        assert_eq!(in_parts.unwrap(), whole);
        assert!(whole.contains("#[cfg(test)]\n/// A \"raw\" doc.\npub struct T48<'a>"), "{whole}");
    }

    #[test]
    fn a_part_that_does_not_parse_fails_the_file() {
        let parts: Vec<LaterPart<'_>> = vec![
            Box::new(|| RustCode::from(quote! { pub struct A; })),
            Box::new(|| RustCode::from(quote! { pub struct })),
        ];
        let code = FileCode { head: RustCode::default(), parts };
        assert!(rust_file(code, "", FileRole::Module).is_err());
    }

    #[test]
    fn crate_root_items_are_kept_from_rustfmt() {
        let code = RustCode::from(quote! { #[doc = " A."] pub struct A; pub mod m {} });
        let text = rust_file(code, "// h\n", FileRole::CrateRoot).unwrap();
        assert!(text.contains("/// A.\n#[rustfmt::skip]\npub struct A;"), "{text}");
        assert!(text.contains("#[rustfmt::skip]\npub mod m {}"), "{text}");
    }

    #[test]
    fn attributes_that_an_item_cannot_take_are_an_error() {
        let mut code = RustCode::default();
        code.push_each_with(quote!(#[cfg(test)]), quote! { some_macro!(); });
        assert!(rust_file(code, "", FileRole::Module).is_err());
        let broken = RustCode::from(quote! { pub struct });
        assert!(rust_file(broken, "", FileRole::Module).is_err());
    }
}
