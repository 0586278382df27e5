//! Expressions too wide for their line, broken where `prettyplease` breaks them.
//!
//! `prettyplease` keeps an expression on one line when it fits. Otherwise the outermost construct
//! breaks first: a call puts its arguments a line each, and a method chain puts each `.call(…)` on
//! a line of its own, one level in. What is inside is then laid out again on its new line. This
//! reads the few shapes emitters produce (paths, calls, method chains, arrays, `?`, and a call
//! whose one argument is a struct literal) and leaves anything else unknown, for `prettyplease` to
//! print.

use proc_macro2::{Delimiter, Spacing, TokenTree};

use super::direct::{STRUCT_LITERAL_MAX_WIDTH, expression};
use super::types::{is_punct, split_commas};

/// An expression as one line, and where it breaks when that line is too wide.
pub(super) struct Breakable {
    pub(super) flat: String,
    pub(super) kind: Kind,
}

/// Where an expression breaks.
pub(super) enum Kind {
    /// Nothing this breaks: it fits on its line, or its layout is unknown.
    Whole,
    /// A literal or a path, which nothing breaks: it goes past the margin when it must.
    Unbreakable,
    /// `callee(arguments…)`, or an array `[elements…]` (after `&`, say).
    Call { callee: String, brackets: Brackets, arguments: Vec<Breakable> },
    /// `callee(Path { fields… })`: one struct literal, which `prettyplease` prints in place of
    /// the arguments.
    CallWithLiteral { callee: String, path: String, fields: Vec<String> },
    /// `root.method(…).method(…)…`, each call a line when broken (and its arguments too, when
    /// its line is too wide for them).
    Chain { root: String, calls: Vec<Breakable> },
    /// `expression?`.
    Try(Box<Breakable>),
}

/// The brackets around a list that breaks an element a line.
#[derive(Clone, Copy)]
pub(super) enum Brackets {
    Parentheses,
    Square,
}

impl Brackets {
    /// The opening and the closing bracket.
    pub(super) fn pair(self) -> (char, char) {
        match self {
            Brackets::Parentheses => ('(', ')'),
            Brackets::Square => ('[', ']'),
        }
    }
}

impl Breakable {
    /// The expression `tokens` holds; `None` when it is not one line's worth of the expressions
    /// [`expression`] writes.
    pub(super) fn parse(tokens: &[TokenTree]) -> Option<Self> {
        let kind = match tokens {
            [TokenTree::Literal(_)] => Kind::Unbreakable,
            path if is_path(path) => Kind::Unbreakable,
            _ => Self::kind(tokens).unwrap_or(Kind::Whole),
        };
        let flat = match &kind {
            Kind::CallWithLiteral { callee, path, fields } => {
                format!("{callee}({})", literal_text(path, fields))
            }
            Kind::Try(inner) => format!("{}?", inner.flat),
            _ => expression(tokens)?,
        };
        Some(Self { flat, kind })
    }

    fn kind(tokens: &[TokenTree]) -> Option<Kind> {
        if let Some((last, inner)) = tokens.split_last()
            && is_punct(last, '?')
        {
            return Some(Kind::Try(Box::new(Self::parse(inner)?)));
        }
        let dots: Vec<usize> = (0..tokens.len()).filter(|&i| is_punct(&tokens[i], '.')).collect();
        match dots.first() {
            None => call(tokens),
            Some(&first) => chain(tokens, first, &dots),
        }
    }

    /// Whether a struct literal inside is wider than [`STRUCT_LITERAL_MAX_WIDTH`], which breaks
    /// every construct around it however short its line.
    pub(super) fn forces_break(&self) -> bool {
        match &self.kind {
            Kind::CallWithLiteral { path, fields, .. } => {
                literal_width(path, fields) > STRUCT_LITERAL_MAX_WIDTH
            }
            Kind::Try(inner) => inner.forces_break(),
            // Anything else is written flat by `expression`, which writes no struct literal.
            Kind::Call { .. } | Kind::Whole | Kind::Unbreakable | Kind::Chain { .. } => false,
        }
    }
}

/// `callee(arguments…)`, `callee(Path { fields… })`, or an array `[elements…]` or `&[elements…]`.
fn call(tokens: &[TokenTree]) -> Option<Kind> {
    let (TokenTree::Group(arguments), callee) = tokens.split_last()? else { return None };
    let brackets = match arguments.delimiter() {
        Delimiter::Parenthesis if is_path(callee) => Brackets::Parentheses,
        Delimiter::Bracket if callee.is_empty() || matches!(callee, [t] if is_punct(t, '&')) => {
            Brackets::Square
        }
        _ => return None,
    };
    let callee = expression(callee)?;
    let inside: Vec<TokenTree> = arguments.stream().into_iter().collect();
    // Angle brackets would be generic arguments or comparisons, which the split cannot tell.
    if inside.iter().any(|t| is_punct(t, '<') || is_punct(t, '>')) {
        return None;
    }
    let mut parts = split_commas(&inside);
    if parts.last().is_some_and(|last| last.is_empty()) {
        parts.pop();
    }
    if let Brackets::Square = brackets {
        // An array of literals alone is packed several to a line, which this does not write.
        if parts.iter().all(|part| matches!(part, [TokenTree::Literal(_)])) {
            return None;
        }
        let elements = parts.into_iter().map(Breakable::parse).collect::<Option<Vec<_>>>()?;
        return Some(Kind::Call { callee, brackets, arguments: elements });
    }
    if let [only] = parts.as_slice()
        && let Some((TokenTree::Group(body), path)) = only.split_last()
        && body.delimiter() == Delimiter::Brace
    {
        // A struct literal alone is printed in place of the arguments.
        if !is_path(path) {
            return None;
        }
        let fields: Vec<TokenTree> = body.stream().into_iter().collect();
        let mut fields = split_commas(&fields);
        if fields.last().is_some_and(|last| last.is_empty()) {
            fields.pop();
        }
        let fields = fields.into_iter().map(field_value).collect::<Option<Vec<_>>>()?;
        return Some(Kind::CallWithLiteral { callee, path: expression(path)?, fields });
    }
    // Other arguments printed in place of the list: a closure, a block, a tuple, an array.
    if let [only] = parts.as_slice()
        && only.first().is_some_and(|t| is_punct(t, '|') || matches!(t, TokenTree::Group(_)))
    {
        return None;
    }
    let arguments = parts.into_iter().map(Breakable::parse).collect::<Option<Vec<_>>>()?;
    Some(Kind::Call { callee, brackets, arguments })
}

/// `root.method(…)…`: a root that is a call or a path (not a short name, after which
/// `prettyplease` does not break), then method calls only.
fn chain(tokens: &[TokenTree], first: usize, dots: &[usize]) -> Option<Kind> {
    let root = &tokens[..first];
    let short_name = matches!(root, [TokenTree::Ident(name)] if name.to_string().len() <= 4);
    if short_name || root.is_empty() || call(root).is_none() && !is_path(root) {
        return None;
    }
    let mut calls = Vec::new();
    for (index, &dot) in dots.iter().enumerate() {
        let end = dots.get(index + 1).copied().unwrap_or(tokens.len());
        let [TokenTree::Ident(_), TokenTree::Group(arguments)] = &tokens[dot + 1..end] else {
            return None;
        };
        if arguments.delimiter() != Delimiter::Parenthesis {
            return None;
        }
        calls.push(method_call(&tokens[dot + 1..end])?);
    }
    Some(Kind::Chain { root: expression(root)?, calls })
}

/// A struct literal's field: `name: value`, or `name` alone.
fn field_value(tokens: &[TokenTree]) -> Option<String> {
    match tokens {
        [TokenTree::Ident(name), TokenTree::Punct(colon), value @ ..]
            if colon.as_char() == ':' && colon.spacing() == Spacing::Alone =>
        {
            Some(format!("{name}: {}", expression(value)?))
        }
        _ => expression(tokens),
    }
}

/// A struct literal on one line.
pub(super) fn literal_text(path: &str, fields: &[String]) -> String {
    if fields.is_empty() {
        format!("{path} {{}}")
    } else {
        format!("{path} {{ {} }}", fields.join(", "))
    }
}

/// `.method(arguments…)`, a call whose callee starts with the dot.
fn method_call(tokens: &[TokenTree]) -> Option<Breakable> {
    let mut call = Breakable::parse(tokens)?;
    call.flat.insert(0, '.');
    match &mut call.kind {
        Kind::Call { callee, .. } | Kind::CallWithLiteral { callee, .. } => callee.insert(0, '.'),
        _ => {}
    }
    Some(call)
}

/// Whether `tokens` are a path: names joined by `::`.
fn is_path(tokens: &[TokenTree]) -> bool {
    !tokens.is_empty()
        && tokens.iter().all(|t| match t {
            TokenTree::Ident(_) => true,
            TokenTree::Punct(p) => p.as_char() == ':',
            _ => false,
        })
}

/// How wide `prettyplease` measures a struct literal: up to its closing brace, and an empty one
/// with the space a field would have after the opening brace.
pub(super) fn literal_width(path: &str, fields: &[String]) -> usize {
    if fields.is_empty() {
        path.len() + " { ".len()
    } else {
        format!("{path} {{ {} ", fields.join(", ")).len()
    }
}
