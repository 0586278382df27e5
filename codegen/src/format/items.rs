//! Items written from their tokens: an emitted token stream is split into its items, and each
//! `impl` block becomes a [`Block`] whose functions, associated types and constants are written
//! by [`Lines`] where their layout is known. Everything else goes to `syn` and `prettyplease`,
//! one item at a time, as before.

use proc_macro2::{Delimiter, Spacing, TokenStream, TokenTree};

use super::direct::{Block, BlockKind, INDENT, Lines, MARGIN, expression, type_text};
use super::types::{Parameter, generic_type, is_punct, is_word, split_commas};

/// The items of a token stream, each with its outer attributes; nothing when one is of a kind not
/// split here, so the stream is printed whole.
pub(super) fn split(tokens: &TokenStream) -> Option<Vec<Vec<TokenTree>>> {
    let tokens: Vec<TokenTree> = tokens.clone().into_iter().collect();
    let mut items = Vec::new();
    let mut rest = tokens.as_slice();
    while !rest.is_empty() {
        let end = item_end(rest)?;
        let (item, after) = rest.split_at(end + 1);
        items.push(item.to_vec());
        rest = after;
    }
    Some(items)
}

/// The file's inner attributes (`#![...]`, and `//!` docs as `#![doc = ...]`) that `tokens` starts
/// with, and the tokens after them.
pub(super) fn split_inner_attributes(tokens: TokenStream) -> (TokenStream, TokenStream) {
    let tokens: Vec<TokenTree> = tokens.into_iter().collect();
    let mut end = 0;
    while let [TokenTree::Punct(hash), TokenTree::Punct(bang), TokenTree::Group(group), ..] =
        &tokens[end..]
    {
        let inner = hash.as_char() == '#' && bang.as_char() == '!';
        if !inner || group.delimiter() != Delimiter::Bracket {
            break;
        }
        end += 3;
    }
    let mut tokens = tokens.into_iter();
    let attrs = tokens.by_ref().take(end).collect();
    (attrs, tokens.collect())
}

/// Inner attributes that are all docs as `prettyplease` prints them, a `//!` line each; nothing
/// when one is another attribute or a doc of several lines.
pub(super) fn inner_docs(attrs: &TokenStream) -> Option<String> {
    let tokens: Vec<TokenTree> = attrs.clone().into_iter().collect();
    let mut text = String::new();
    for attribute in tokens.chunks(3) {
        let doc = doc_text(attribute.get(2)?)?;
        if doc.contains('\n') {
            return None;
        }
        text.push_str("//!");
        text.push_str(doc.trim_end_matches(' '));
        text.push('\n');
    }
    Some(text)
}

/// The index of the last token of the item that `tokens` starts with.
fn item_end(tokens: &[TokenTree]) -> Option<usize> {
    let start = attributes_end(tokens);
    let mut words = tokens[start..]
        .iter()
        .filter_map(|token| match token {
            TokenTree::Ident(ident) => Some(ident.to_string()),
            _ => None,
        })
        .peekable();
    let kind = loop {
        match words.next()?.as_str() {
            "pub" | "async" | "unsafe" => {}
            // `const fn` is a function.
            "const" if words.peek().is_some_and(|next| next == "fn") => {}
            "const" | "static" | "type" | "use" => break Kind::EndsAtSemicolon,
            "fn" | "impl" | "struct" | "enum" | "mod" | "trait" => break Kind::EndsAtBlock,
            _ => return None,
        }
    };
    let ends = |token: &TokenTree| match token {
        TokenTree::Punct(punct) => punct.as_char() == ';',
        TokenTree::Group(group) => {
            matches!(kind, Kind::EndsAtBlock) && group.delimiter() == Delimiter::Brace
        }
        _ => false,
    };
    tokens[start..].iter().position(ends).map(|at| start + at)
}

/// Where an item ends: at its `;`, or at its block unless a `;` comes first (`struct A;`).
enum Kind {
    EndsAtSemicolon,
    EndsAtBlock,
}

/// The index after the outer attributes `tokens` starts with.
fn attributes_end(tokens: &[TokenTree]) -> usize {
    let mut at = 0;
    while let (Some(TokenTree::Punct(hash)), Some(TokenTree::Group(body))) =
        (tokens.get(at), tokens.get(at + 1))
    {
        if hash.as_char() != '#' || body.delimiter() != Delimiter::Bracket {
            break;
        }
        at += 2;
    }
    at
}

/// An `impl` block, a struct with named fields or an enum as a [`Block`], its members written
/// where their layout is known; nothing for any other item, or a head this does not write.
pub(super) fn block(item: &[TokenTree]) -> Option<Block> {
    let start = attributes_end(item);
    let mut attrs = Lines::new();
    write_attributes(&mut attrs, 0, &item[..start]);
    let attrs = attrs.finish()?;
    let (TokenTree::Group(body), head) = item[start..].split_last()? else { return None };
    if body.delimiter() != Delimiter::Brace || body.stream().is_empty() {
        return None;
    }
    let mut block = match head.first()? {
        TokenTree::Ident(keyword) if keyword == "impl" => impl_block(&head[1..], body)?,
        _ => data_block(head, body)?,
    };
    block.attrs = attrs;
    Some(block)
}

/// A struct with named fields or an enum with unit and tuple variants: `[pub] struct|enum Name
/// [<generics>]`.
fn data_block(head: &[TokenTree], body: &proc_macro2::Group) -> Option<Block> {
    let head = match head.first()? {
        TokenTree::Ident(word) if word == "pub" => &head[1..],
        _ => return None,
    };
    let (Some(TokenTree::Ident(keyword)), Some(TokenTree::Ident(name))) =
        (head.first(), head.get(1))
    else {
        return None;
    };
    let generics = type_text(&head[2..])?;
    let kind = match keyword.to_string().as_str() {
        "struct" => BlockKind::Struct,
        "enum" => BlockKind::Enum,
        _ => return None,
    };
    let head = format!("pub {keyword} {name}{generics}");
    // Generic parameters are where `prettyplease` breaks a head too wide.
    if !generics.is_empty() && head.len() + " {".len() > MARGIN {
        return None;
    }
    let mut block = Block::data(kind, &head);
    let members: Vec<TokenTree> = body.stream().into_iter().collect();
    for member in split_commas(&members).into_iter().filter(|member| !member.is_empty()) {
        let written = match kind {
            BlockKind::Enum => variant(member),
            _ => field(member),
        };
        block.member(written, || member.iter().cloned().collect());
    }
    Some(block)
}

/// A named field, `[pub] name: type,`, one level in.
fn field(tokens: &[TokenTree]) -> Option<String> {
    let (mut lines, rest) = member_attributes(tokens);
    let (visibility, rest) = match rest.first()? {
        TokenTree::Ident(word) if word == "pub" => ("pub ", &rest[1..]),
        _ => ("", rest),
    };
    lines.line(1, &format!("{visibility}{},", Parameter::from_tokens(rest)?.text()));
    lines.finish()
}

/// A unit or tuple variant, `Name,` or `Name(types…),`, one level in.
fn variant(tokens: &[TokenTree]) -> Option<String> {
    let (mut lines, rest) = member_attributes(tokens);
    match rest {
        [TokenTree::Ident(name)] => lines.line(1, &format!("{name},")),
        [TokenTree::Ident(name), TokenTree::Group(fields)]
            if fields.delimiter() == Delimiter::Parenthesis =>
        {
            let fields: Vec<TokenTree> = fields.stream().into_iter().collect();
            let types = split_commas(&fields)
                .into_iter()
                .filter(|field| !field.is_empty())
                .map(type_text)
                .collect::<Option<Vec<_>>>()?;
            let text = format!("{name}({}),", types.join(", "));
            if INDENT + text.len() <= MARGIN {
                lines.line(1, &text);
            } else {
                // Too wide for its line, with the comma after it: a field a line.
                lines.line(1, &format!("{name}("));
                for (index, ty) in types.iter().enumerate() {
                    lines.list_item(2, ty, index + 1 == types.len());
                }
                lines.line(1, "),");
            }
        }
        _ => return None,
    }
    lines.finish()
}

/// A member's attributes written one level in, and the tokens after them.
fn member_attributes(tokens: &[TokenTree]) -> (Lines, &[TokenTree]) {
    let mut lines = Lines::new();
    let start = attributes_end(tokens);
    write_attributes(&mut lines, 1, &tokens[..start]);
    (lines, &tokens[start..])
}

/// The outer attributes `tokens` holds, at `depth`: docs as `///` lines, others as attributes.
fn write_attributes(lines: &mut Lines, depth: usize, tokens: &[TokenTree]) {
    for pair in tokens.chunks(2) {
        match doc_text(&pair[1]) {
            Some(doc) => lines.doc(depth, &doc),
            None => lines.attribute(depth, &pair.iter().cloned().collect()),
        }
    }
}

/// The rest of an `impl` block after `impl`: `[<generics>] [trait for] type`.
fn impl_block(head: &[TokenTree], body: &proc_macro2::Group) -> Option<Block> {
    let (generics, head) = match head.first() {
        Some(TokenTree::Punct(open)) if open.as_char() == '<' => {
            let close = head.iter().position(|t| is_punct(t, '>'))?;
            (type_text(&head[..=close])?, &head[close + 1..])
        }
        _ => (String::new(), head),
    };
    let mut block = match head.iter().position(|t| matches!(t, TokenTree::Ident(i) if i == "for")) {
        Some(at) => {
            let (path, self_type) = (type_text(&head[..at])?, type_text(&head[at + 1..])?);
            Block::implementation(&generics, Some(&path), &self_type)
        }
        None => Block::implementation(&generics, None, &type_text(head)?),
    };
    // A head line too wide is one `prettyplease` breaks inside generic arguments.
    if block.opening.lines().any(|line| line.len() > MARGIN) {
        return None;
    }
    let members: Vec<TokenTree> = body.stream().into_iter().collect();
    let mut rest = members.as_slice();
    while !rest.is_empty() {
        let end = item_end(rest)?;
        let (member, after) = rest.split_at(end + 1);
        rest = after;
        block.member(impl_member(member), || member.iter().cloned().collect());
    }
    Some(block)
}

/// A function, associated type or constant of an `impl`, one level in.
fn impl_member(tokens: &[TokenTree]) -> Option<String> {
    let (mut lines, rest) = member_attributes(tokens);
    let unqualified = without_pub(rest);
    if is_word(unqualified, 0, "type")
        || is_word(unqualified, 0, "const") && !is_word(unqualified, 1, "fn")
    {
        declaration(&mut lines, 1, rest)?;
    } else {
        function(&mut lines, rest)?;
    }
    lines.finish()
}

/// A type alias at the top level, `[pub] type Name = T;`: its attributes and itself, written.
pub(super) fn alias(item: &[TokenTree]) -> Option<(String, String)> {
    let start = attributes_end(item);
    let rest = &item[start..];
    if !is_word(without_pub(rest), 0, "type") {
        return None;
    }
    let mut attrs = Lines::new();
    write_attributes(&mut attrs, 0, &item[..start]);
    let mut lines = Lines::new();
    declaration(&mut lines, 0, rest)?;
    Some((attrs.finish()?, lines.finish()?))
}

/// A `use` declaration of names at the top level, `[pub] use path::Name;` or `[pub] use
/// path::{A, B, …};`: its attributes and itself, written as `prettyplease` writes it (a group of
/// one name as that name; a group too wide for its line with its names packed into lines after
/// the brace).
pub(super) fn use_declaration(item: &[TokenTree]) -> Option<(String, String)> {
    let start = attributes_end(item);
    let rest = &item[start..];
    let visibility = if is_word(rest, 0, "pub") { "pub " } else { "" };
    let [TokenTree::Ident(keyword), path @ .., semicolon] = without_pub(rest) else { return None };
    if keyword != "use" || !is_punct(semicolon, ';') {
        return None;
    }
    let (names, path) = match path.split_last()? {
        (TokenTree::Group(group), path) if group.delimiter() == Delimiter::Brace => {
            let inside: Vec<TokenTree> = group.stream().into_iter().collect();
            let mut names = split_commas(&inside);
            if names.last().is_some_and(|last| last.is_empty()) {
                names.pop();
            }
            let names = names.into_iter().map(use_name).collect::<Option<Vec<_>>>()?;
            (names, path)
        }
        (TokenTree::Ident(name), path) if name != "self" => (vec![name.to_string()], path),
        _ => return None,
    };
    if !is_use_path(path) {
        return None;
    }
    let head = format!("{visibility}use {}", type_text(path)?);
    let mut attrs = Lines::new();
    write_attributes(&mut attrs, 0, &item[..start]);
    Some((attrs.finish()?, use_lines(&head, &names)?))
}

/// Whether `tokens` are the path before a `use` declaration's names: nothing, or words each
/// followed by `::` (a leading `::` too).
fn is_use_path(tokens: &[TokenTree]) -> bool {
    let words_apart =
        tokens.windows(2).all(|pair| !matches!(pair, [TokenTree::Ident(_), TokenTree::Ident(_)]));
    let only_words_and_colons =
        tokens.iter().all(|t| matches!(t, TokenTree::Ident(_)) || is_punct(t, ':'));
    words_apart && only_words_and_colons && tokens.last().is_none_or(|last| is_punct(last, ':'))
}

/// A name in a `use` group: a word other than `self`.
fn use_name(tokens: &[TokenTree]) -> Option<String> {
    match tokens {
        [TokenTree::Ident(name)] if name != "self" => Some(name.to_string()),
        _ => None,
    }
}

/// `head` (`use path::`) and its names: one name without braces, several on one line in braces
/// when the line fits, else packed into lines after the brace, as many to a
/// line as fit, the comma after the last not counted (`prettyplease` adds it once it breaks).
fn use_lines(head: &str, names: &[String]) -> Option<String> {
    match names {
        [] => None,
        [name] => Some(format!("{head}{name};\n")),
        _ => {
            let one_line = format!("{head}{{{}}}", names.join(", "));
            if one_line.len() + ";".len() <= MARGIN {
                return Some(format!("{one_line};\n"));
            }
            let mut text = format!("{head}{{\n");
            let mut line = String::new();
            for (index, name) in names.iter().enumerate() {
                let counted = name.len() + usize::from(index + 1 < names.len());
                if line.is_empty() {
                    line = format!("{:INDENT$}{name},", "");
                } else if line.len() + 1 + counted <= MARGIN {
                    line.push(' ');
                    line.push_str(name);
                    line.push(',');
                } else {
                    text.push_str(&line);
                    text.push('\n');
                    line = format!("{:INDENT$}{name},", "");
                }
            }
            text.push_str(&line);
            text.push_str("\n};\n");
            Some(text)
        }
    }
}

/// `tokens` after a leading `pub`.
fn without_pub(tokens: &[TokenTree]) -> &[TokenTree] {
    if is_word(tokens, 0, "pub") { &tokens[1..] } else { tokens }
}

/// `[pub] type Name = T;` or `[pub] const NAME: T = value;` at `depth`: on one line, or an alias
/// too wide for it with its type's generic arguments a line each.
fn declaration(lines: &mut Lines, depth: usize, tokens: &[TokenTree]) -> Option<()> {
    let (semicolon, declaration) = tokens.split_last()?;
    if !is_punct(semicolon, ';') {
        return None;
    }
    let equals = declaration.iter().position(|t| is_punct(t, '='))?;
    let (declared, value) = (&declaration[..equals], &declaration[equals + 1..]);
    let alias = is_word(without_pub(declared), 0, "type");
    let value_text = if alias { type_text(value)? } else { expression(value)? };
    let text = format!("{} = {value_text};", Parameter::from_tokens(declared)?.text());
    // A literal given a type without generic arguments has nowhere to break.
    let breakable = declaration.iter().any(|t| is_punct(t, '<'))
        || !matches!(declaration.last(), Some(TokenTree::Literal(_)));
    if !breakable {
        lines.unbreakable(depth, &text);
    } else if alias && depth * INDENT + text.len() > MARGIN {
        let lead = format!("{} = ", type_text(declared)?);
        lines.generic_broken(depth, &lead, &generic_type(value)?, ";");
    } else {
        lines.line(depth, &text);
    }
    Some(())
}

/// `[pub] [async] fn name(params) [-> type] { statements }`.
fn function(lines: &mut Lines, tokens: &[TokenTree]) -> Option<()> {
    let at_fn = tokens.iter().position(|t| matches!(t, TokenTree::Ident(i) if i == "fn"))?;
    let mut head = String::new();
    for word in &tokens[..at_fn] {
        match word {
            TokenTree::Ident(word) if ["pub", "const", "async"].iter().any(|w| word == w) => {
                head.push_str(&format!("{word} "));
            }
            _ => return None,
        }
    }
    let (Some(TokenTree::Ident(name)), Some(TokenTree::Group(params))) =
        (tokens.get(at_fn + 1), tokens.get(at_fn + 2))
    else {
        return None;
    };
    let (TokenTree::Group(body), output) = tokens[at_fn + 3..].split_last()? else {
        return None;
    };
    if params.delimiter() != Delimiter::Parenthesis || body.delimiter() != Delimiter::Brace {
        return None;
    }
    let output = match output {
        [] => None,
        [TokenTree::Punct(dash), TokenTree::Punct(arrow), output @ ..]
            if dash.as_char() == '-'
                && dash.spacing() == Spacing::Joint
                && arrow.as_char() == '>' =>
        {
            Some(generic_type(output)?)
        }
        _ => return None,
    };
    let params: Vec<TokenTree> = params.stream().into_iter().collect();
    let params = split_commas(&params)
        .into_iter()
        .filter(|param| !param.is_empty())
        .map(Parameter::from_tokens)
        .collect::<Option<Vec<_>>>()?;
    let body = body.stream();
    let head = format!("{head}fn {name}");
    let open = if body.is_empty() { " {}" } else { " {" };
    lines.signature_returning(1, &head, &params, output.as_ref(), open);
    if !body.is_empty() {
        lines.statements(2, &body);
        lines.line(1, "}");
    }
    Some(())
}

/// The text of a `#[doc = "…"]` attribute's body, for the plain and raw string literals emitters
/// write (an escape in a plain one is left to `prettyplease`).
fn doc_text(body: &TokenTree) -> Option<String> {
    let TokenTree::Group(body) = body else { return None };
    let mut inside = body.stream().into_iter();
    let (
        Some(TokenTree::Ident(name)),
        Some(TokenTree::Punct(equals)),
        Some(TokenTree::Literal(value)),
        None,
    ) = (inside.next(), inside.next(), inside.next(), inside.next())
    else {
        return None;
    };
    if name != "doc" || equals.as_char() != '=' {
        return None;
    }
    let literal = value.to_string();
    if let Some(raw) = literal.strip_prefix('r') {
        let hashes = raw.len() - raw.trim_start_matches('#').len();
        let quoted = raw.get(hashes..raw.len() - hashes)?;
        return Some(quoted.strip_prefix('"')?.strip_suffix('"')?.to_owned());
    }
    let plain = literal.strip_prefix('"')?.strip_suffix('"')?;
    (!plain.contains('\\')).then(|| plain.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::{format_ident, quote};

    #[test]
    fn use_declarations_are_written_as_prettyplease_prints_them() {
        // Names of uneven lengths, lists of every length up to where they take several lines, and
        // paths that put the one-line form at and across the margin.
        let lengths = [7, 30, 12, 41, 3, 25, 18, 9, 33, 14, 27, 5, 38, 20, 11];
        for count in 1..=lengths.len() {
            for path_length in 1..=86 {
                for offset in 0..4 {
                    let names: Vec<_> = (0..count)
                        .map(|i| format_ident!("N{}", "a".repeat(lengths[(i + offset) % 15])))
                        .collect();
                    let path = format_ident!("{}", "p".repeat(path_length));
                    let item = quote!(pub use super::#path::{#(#names),*};);
                    let tokens: Vec<TokenTree> = item.clone().into_iter().collect();
                    let (attrs, written) = use_declaration(&tokens).unwrap();
                    let printed = prettyplease::unparse(&syn::parse2(item).unwrap());
                    assert_eq!(format!("{attrs}{written}"), printed);
                }
            }
        }
        // Packed lines that end at and across the margin, with and without the last comma (the
        // line `    N{a}, N{b},` is a + b + 9 wide, the last comma not counted).
        for first in 1..=79 {
            let lists = [
                vec![first, 80 - first, 1],
                vec![first, 81 - first, 1],
                vec![first, 81 - first],
                vec![first, 82 - first],
                vec![first, 40, 12, 50],
            ];
            for lengths in lists {
                let names: Vec<_> = lengths
                    .iter()
                    .map(|&length| format_ident!("N{}", "a".repeat(length)))
                    .collect();
                let item = quote!(use super::models::{#(#names),*};);
                let tokens: Vec<TokenTree> = item.clone().into_iter().collect();
                let (_, written) = use_declaration(&tokens).unwrap();
                assert_eq!(written, prettyplease::unparse(&syn::parse2(item).unwrap()));
            }
        }
    }

    #[test]
    fn use_declarations_of_other_shapes_are_left_to_prettyplease() {
        for item in [
            quote!(
                use a::{b::C, D};
            ),
            quote!(
                use a::{self, B};
            ),
            quote!(
                use a::*;
            ),
            quote!(
                use a::B as C;
            ),
            quote!(
                use a::{};
            ),
        ] {
            let tokens: Vec<TokenTree> = item.clone().into_iter().collect();
            assert!(use_declaration(&tokens).is_none(), "{item}");
        }
        let tokens: Vec<TokenTree> = quote!(
            #[cfg(test)]
            use ::a::{B};
        )
        .into_iter()
        .collect();
        let (attrs, written) = use_declaration(&tokens).unwrap();
        assert_eq!(format!("{attrs}{written}"), "#[cfg(test)]\nuse ::a::B;\n");
    }

    /// `member` written by [`impl_member`], and as `prettyplease` prints it inside an `impl`.
    fn written_and_printed(member: TokenStream) -> (Option<String>, String) {
        let tokens: Vec<TokenTree> = member.clone().into_iter().collect();
        let file: syn::File = syn::parse2(quote!(impl S { #member })).unwrap();
        let printed = prettyplease::unparse(&file);
        let inside = printed.strip_prefix("impl S {\n").and_then(|p| p.strip_suffix("}\n"));
        (impl_member(&tokens), inside.unwrap().to_owned())
    }

    #[test]
    fn members_are_written_as_prettyplease_prints_them() {
        for member in [
            quote! {
                pub async fn send(self) -> Result<(Vec<MinimalRepositoryWithALongName>, super::operations::ListForOrgOkHeaders), runtime::client::Error<ListForOrgResponse>> {
                    let client = self.client;
                    client.call_prepared(self.prepared(), Self::FILLED).await
                }
            },
            quote! {
                fn prepared(self) -> Result<ActionsGetActionsCacheRetentionLimitForEnterpriseRequest, runtime::client::ConfigError> {
                    Ok(self.request)
                }
            },
            quote! {
                type Output = Result<(Vec<MinimalRepositoryWithALongName>, super::operations::Headers), runtime::client::Error<Response>>;
            },
            quote! {
                const PATH_TEMPLATE: &'static str = "/enterprises/{enterprise}/actions/cache/retention-limit/with/more";
            },
            quote! {
                #[doc = r" The request."]
                #[must_use = "a call does nothing"]
                pub fn request(&self, _unused: Option<std::collections::BTreeMap<String, i64>>) -> &Request {
                    &self.request
                }
            },
            quote! {
                #[doc = r" Every documented status, in the order the documentation lists them."]
                pub const ALL: &'static [Self] = &[Self::Ok, Self::NotFound];
            },
            quote! {
                pub const fn from_u16(code: u16) -> Option<Self> {
                    match code {
                        200 => Some(Self::Ok),
                        _ => None,
                    }
                }
            },
            quote!(
                fn validate_into(
                    &self,
                    _path: &runtime::FieldPath<'_>,
                    _out: &mut Vec<runtime::Violation>,
                ) {
                }
            ),
        ] {
            let (written, printed) = written_and_printed(member);
            assert_eq!(written.as_deref(), Some(printed.as_str()));
        }
    }

    #[test]
    fn tuple_variants_too_wide_for_their_line_put_a_field_per_line() {
        for width in 80..=90 {
            let name = quote::format_ident!("V{}", "x".repeat(width / 2 - 4));
            let ty = quote::format_ident!("T{}", "y".repeat(width - width / 2 - 4));
            for member in [quote!(#name(#ty)), quote!(#[doc = " A."] #name(#ty, Option<#ty>))] {
                let tokens: Vec<TokenTree> = member.clone().into_iter().collect();
                let file: syn::File = syn::parse2(quote!(enum E { #member })).unwrap();
                let printed = prettyplease::unparse(&file);
                let inside = printed.strip_prefix("enum E {\n").and_then(|p| p.strip_suffix("}\n"));
                assert_eq!(variant(&tokens).as_deref(), inside, "{width}");
            }
        }
    }

    #[test]
    fn aliases_are_written_as_prettyplease_prints_them() {
        for item in [
            quote! {
                #[doc = " The decoded response of `b`: the same as `A`."]
                pub type ReposListForOrgResponse = ReposListForAuthenticatedUserResponse;
            },
            quote! {
                pub type ReposListForOrgResponseWithALongName = std::collections::BTreeMap<String, Vec<MinimalRepository>>;
            },
            quote!(
                type Short = u8;
            ),
        ] {
            let tokens: Vec<TokenTree> = item.clone().into_iter().collect();
            let file: syn::File = syn::parse2(item).unwrap();
            let (attrs, alias) = alias(&tokens).unwrap_or_else(|| panic!("{tokens:?}"));
            assert_eq!(attrs + &alias, prettyplease::unparse(&file));
        }
        let not_alias: Vec<TokenTree> = quote!(
            pub struct A;
        )
        .into_iter()
        .collect();
        assert!(alias(&not_alias).is_none());
    }

    #[test]
    fn a_const_fn_is_one_item_however_the_constants_around_it_end() {
        let tokens: Vec<TokenTree> = quote! {
            pub const fn code(self) -> u16 { 200 }
            const LIMIT: u16 = 7;
        }
        .into_iter()
        .collect();
        assert_eq!(item_end(&tokens), Some(8));
        assert_eq!(item_end(&tokens[9..]).map(|end| end + 9), Some(tokens.len() - 1));
    }

    #[test]
    fn a_file_s_inner_attributes_come_apart_from_its_items() {
        let (attrs, items) = split_inner_attributes(quote! {
            #![doc = " The models."]
            #![allow(clippy::all)]
            #[doc = " A."]
            pub struct A;
        });
        assert_eq!(
            attrs.to_string(),
            quote!(#![doc = " The models."] #![allow(clippy::all)]).to_string()
        );
        assert_eq!(
            items.to_string(),
            quote!(
                #[doc = " A."]
                pub struct A;
            )
            .to_string()
        );
        let (attrs, items) = split_inner_attributes(quote!(
            pub struct B;
        ));
        assert!(attrs.is_empty());
        assert_eq!(items.to_string(), "pub struct B ;");
    }
}
