//! Types and parameters as written: a type on one line, and the generic arguments that
//! `prettyplease` puts a line each when the line holding the type is too wide.

use proc_macro2::{TokenStream, TokenTree};

use super::direct::type_text;

/// A type as one line, and when it is `Path<arguments>`, its path and each argument.
pub(super) struct GenericType {
    pub text: String,
    pub arguments: Option<(String, Vec<String>)>,
}

/// A type, with its generic arguments apart when it is `Path<arguments>`.
pub(super) fn generic_type(tokens: &[TokenTree]) -> Option<GenericType> {
    let text = type_text(tokens)?;
    let open = tokens.iter().position(|t| is_punct(t, '<'));
    let arguments = match (open, tokens.split_last()) {
        (Some(open), Some((last, _))) if is_punct(last, '>') => {
            let inside = &tokens[open + 1..tokens.len() - 1];
            // The first `<` must close at the end: `A<B> + C<D>` is no `Path<arguments>`.
            let mut depth = 1_usize;
            let closes_early = inside.iter().any(|t| {
                match t {
                    TokenTree::Punct(p) if p.as_char() == '<' => depth += 1,
                    TokenTree::Punct(p) if p.as_char() == '>' => depth -= 1,
                    _ => {}
                }
                depth == 0
            });
            let arguments = split_commas(inside).into_iter().map(type_text).collect();
            match (closes_early, arguments) {
                (false, Some(arguments)) => Some((type_text(&tokens[..open])?, arguments)),
                _ => None,
            }
        }
        _ => None,
    };
    Some(GenericType { text, arguments })
}

/// A function parameter as written: `pattern: type`, or `self` in its forms. When the signature
/// has a parameter per line and this one is too wide for its line, its type's generic arguments go
/// a line each.
pub struct Parameter {
    /// `pattern: `, or nothing for `self`.
    pub(super) lead: String,
    pub(super) ty: GenericType,
}

impl Parameter {
    /// A parameter with nothing to break: `&self`, or one whose type is written out already.
    pub fn plain(text: impl Into<String>) -> Self {
        Self { lead: String::new(), ty: GenericType { text: text.into(), arguments: None } }
    }

    /// `name: ty`; `None` for a type that is not written here.
    pub fn typed(name: &str, ty: &TokenStream) -> Option<Self> {
        let tokens: Vec<TokenTree> = ty.clone().into_iter().collect();
        Some(Self { lead: format!("{name}: "), ty: generic_type(&tokens)? })
    }

    /// The parameter from its tokens: `self` in its forms, or `pattern: type`.
    pub(super) fn from_tokens(tokens: &[TokenTree]) -> Option<Self> {
        match tokens.iter().position(|t| is_punct(t, ':')) {
            None => Some(Self::plain(type_text(tokens)?)),
            Some(at) => Some(Self {
                lead: format!("{}: ", type_text(&tokens[..at])?),
                ty: generic_type(&tokens[at + 1..])?,
            }),
        }
    }

    /// The parameter on one line.
    pub(super) fn text(&self) -> String {
        format!("{}{}", self.lead, self.ty.text)
    }
}

/// `tokens` split at the commas outside angle brackets (`->` is no bracket).
pub(super) fn split_commas(tokens: &[TokenTree]) -> Vec<&[TokenTree]> {
    let (mut parts, mut start, mut depth) = (Vec::new(), 0, 0_usize);
    for (index, token) in tokens.iter().enumerate() {
        let TokenTree::Punct(punct) = token else { continue };
        let arrow = index > 0 && is_punct(&tokens[index - 1], '-');
        match punct.as_char() {
            '<' => depth += 1,
            '>' if !arrow => depth = depth.saturating_sub(1),
            ',' if depth == 0 => {
                parts.push(&tokens[start..index]);
                start = index + 1;
            }
            _ => {}
        }
    }
    parts.push(&tokens[start..]);
    parts
}

pub(super) fn is_punct(token: &TokenTree, char: char) -> bool {
    matches!(token, TokenTree::Punct(punct) if punct.as_char() == char)
}

/// Whether the token at `index` is the word `word`.
pub(super) fn is_word(tokens: &[TokenTree], index: usize, word: &str) -> bool {
    matches!(tokens.get(index), Some(TokenTree::Ident(ident)) if ident == word)
}
