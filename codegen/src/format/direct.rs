//! Code written straight as text, in the layout `prettyplease` gives it.
//!
//! Turning tokens into text (`syn` parsing them back, `prettyplease` printing the tree) was most
//! of what generating a large spec cost. [`Lines`] writes code in the layout `prettyplease` gives
//! code whose every line fits in its margin, with its rules for the few places it breaks a line
//! that does fit (a wide struct literal) or a head that does not (a signature's parameters and
//! output, an attribute's arguments). Anything else, or a line that does not fit, makes the layout
//! unknown, and the function or field is printed by `prettyplease` instead (see [`Block`]): the
//! output is the same either way. Emitters write their largest shapes with it directly;
//! `items.rs` writes other items from their tokens. A test checks that every generated file is
//! exactly what `prettyplease` prints from it.

use proc_macro2::{Delimiter, Group, Spacing, TokenStream, TokenTree};

use super::broken::{Breakable, Kind, literal_text, literal_width};
use super::types::{GenericType, Parameter, is_punct, is_word};

/// The width `prettyplease` keeps lines within, in bytes.
pub(super) const MARGIN: usize = 89;
/// The fewest columns `prettyplease` leaves for code however deep its indentation.
const MIN_SPACE: usize = 60;
/// One level of indentation, in columns.
pub(super) const INDENT: usize = 4;
/// A struct literal wider than this goes one field per line, however short the line (and so
/// does every construct around it).
pub(super) const STRUCT_LITERAL_MAX_WIDTH: usize = 34;

/// A block of items (an `impl`'s functions, a struct's fields) that are text already or tokens
/// still.
pub struct Block {
    pub(super) kind: BlockKind,
    /// Its own outer attributes, written.
    pub(super) attrs: String,
    /// The line (or two) that opens the block, up to and including its `{`.
    pub(super) opening: String,
    pub(super) members: Vec<Member>,
}

/// What a [`Block`] is, which decides how a member left as tokens is printed.
#[derive(Clone, Copy)]
pub(super) enum BlockKind {
    Impl,
    Struct,
    Enum,
}

/// A function or field of a [`Block`].
pub(super) enum Member {
    /// Written in `prettyplease`'s layout, one level in.
    Written(String),
    /// Tokens to print, for a member whose layout the writer does not know.
    Tokens(TokenStream),
}

impl Block {
    /// `impl self_type { … }`.
    pub fn impl_of(self_type: &str) -> Self {
        Self::implementation("", None, self_type)
    }

    /// `impl trait_path for self_type { … }`.
    pub fn impl_trait(trait_path: &str, self_type: &str) -> Self {
        Self::implementation("", Some(trait_path), self_type)
    }

    /// `impl<generics> [trait_path for] self_type { … }`, its head broken before `for` when it is
    /// too wide (the only place `prettyplease` breaks it).
    pub(super) fn implementation(
        generics: &str,
        trait_path: Option<&str>,
        self_type: &str,
    ) -> Self {
        let opening = match trait_path {
            None => format!("impl{generics} {self_type} {{\n"),
            Some(path) => {
                let one_line = format!("impl{generics} {path} for {self_type} {{\n");
                if one_line.len() - "\n".len() <= MARGIN {
                    one_line
                } else {
                    format!("impl{generics} {path}\nfor {self_type} {{\n")
                }
            }
        };
        Self { kind: BlockKind::Impl, attrs: String::new(), opening, members: Vec::new() }
    }

    /// `pub struct name { … }` with named fields, after its written `attrs` (docs first).
    pub fn structure(attrs: String, name: &str) -> Self {
        let mut block = Self::data(BlockKind::Struct, &format!("pub struct {name}"));
        block.attrs = attrs;
        block
    }

    /// A struct or enum opened by `head {`.
    pub(super) fn data(kind: BlockKind, head: &str) -> Self {
        let opening = format!("{head} {{\n");
        Self { kind, attrs: String::new(), opening, members: Vec::new() }
    }

    /// Adds a member: `written` when the writer knew its layout, else the member's `tokens`.
    pub fn member(&mut self, written: Option<String>, tokens: impl FnOnce() -> TokenStream) {
        self.members.push(match written {
            Some(text) => Member::Written(text),
            None => Member::Tokens(tokens()),
        });
    }
}

/// Lines of code in `prettyplease`'s layout, at depths of indentation, until something needs a
/// layout the writer does not know: then [`finish`](Self::finish) gives nothing.
pub struct Lines {
    text: String,
    known: bool,
}

impl Lines {
    /// No lines yet.
    pub fn new() -> Self {
        Self { text: String::with_capacity(256), known: true }
    }

    /// A `///` comment: `prettyplease` writes a one-line doc not starting with `/` that way.
    pub fn doc(&mut self, depth: usize, doc: &str) {
        if doc.contains('\n') || doc.starts_with('/') {
            self.known = false;
            return;
        }
        self.indent(depth);
        self.text.push_str("///");
        self.text.push_str(doc.trim_end_matches(' '));
        self.text.push('\n');
    }

    /// One line of code, which must fit in the margin.
    pub fn line(&mut self, depth: usize, code: &str) {
        self.known &= depth * INDENT + code.len() <= MARGIN;
        self.indent(depth);
        self.text.push_str(code);
        self.text.push('\n');
    }

    /// An outer attribute `#[path]` or `#[path(arguments…)]` whose arguments are words, paths
    /// and `name = literal`: on one line when it fits, else an argument per line.
    pub fn attribute(&mut self, depth: usize, attribute: &TokenStream) {
        match attribute_parts(attribute) {
            Some((path, None)) => self.line(depth, &format!("#[{path}]")),
            Some((path, Some(Arguments { each, trailing_comma }))) => {
                // A trailing comma shows only once the list is broken.
                let one_line = format!("#[{path}({})]", each.join(", "));
                if depth * INDENT + one_line.len() <= MARGIN {
                    self.line(depth, &one_line);
                    return;
                }
                self.line(depth, &format!("#[{path}("));
                let last = each.len() - 1;
                for (index, argument) in each.iter().enumerate() {
                    let comma = if index < last || trailing_comma { "," } else { "" };
                    self.line(depth + 1, &format!("{argument}{comma}"));
                }
                self.line(depth, ")]");
            }
            None => self.known = false,
        }
    }

    /// A line with nowhere to break, written whatever its width.
    pub fn unbreakable(&mut self, depth: usize, code: &str) {
        self.indent(depth);
        self.text.push_str(code);
        self.text.push('\n');
    }

    /// `head(params…)tail`, where `tail` opens the body (` -> T {`, or ` {}` for an empty one):
    /// on one line when it fits, else a parameter per line.
    pub fn signature(&mut self, depth: usize, head: &str, params: &[Parameter], tail: &str) {
        let texts: Vec<String> = params.iter().map(Parameter::text).collect();
        let one_line = format!("{head}({}){tail}", texts.join(", "));
        // Without parameters there is nowhere to break.
        if params.is_empty() || depth * INDENT + one_line.len() <= MARGIN {
            self.line(depth, &one_line);
            return;
        }
        self.line(depth, &format!("{head}("));
        self.parameter_lines(depth + 1, params, &texts);
        self.line(depth, &format!("){tail}"));
    }

    /// Parameters a line each; one too wide for its line has its type's generic arguments a line
    /// each. The comma after the last parameter is not counted: `prettyplease` adds it only to a
    /// broken list.
    fn parameter_lines(&mut self, depth: usize, params: &[Parameter], texts: &[String]) {
        for (index, (param, text)) in params.iter().zip(texts).enumerate() {
            let comma = if index + 1 == params.len() { 0 } else { ",".len() };
            if depth * INDENT + text.len() + comma > MARGIN {
                self.generic_broken(depth, &param.lead, &param.ty, ",");
            } else {
                self.unbreakable(depth, &format!("{text},"));
            }
        }
    }

    /// `head(params…) -> output` and `open`: as [`signature`](Self::signature) does, except
    /// that an output too wide for the line that closes the parameters has its generic arguments
    /// one per line.
    pub(super) fn signature_returning(
        &mut self,
        depth: usize,
        head: &str,
        params: &[Parameter],
        output: Option<&GenericType>,
        open: &str,
    ) {
        let tail = match output {
            Some(output) => format!(" -> {}{open}", output.text),
            None => open.to_owned(),
        };
        let texts: Vec<String> = params.iter().map(Parameter::text).collect();
        let one_line = depth * INDENT + format!("{head}({}){tail}", texts.join(", ")).len();
        let closing_fits = depth * INDENT + format!("){tail}").len() <= MARGIN;
        match output {
            Some(output) if !params.is_empty() && one_line > MARGIN && !closing_fits => {
                self.line(depth, &format!("{head}("));
                self.parameter_lines(depth + 1, params, &texts);
                self.generic_broken(depth, ") -> ", output, open);
            }
            _ => self.signature(depth, head, params, &tail),
        }
    }

    /// `lead Path<` and its generic arguments a line each, then `>trail`.
    pub(super) fn generic_broken(
        &mut self,
        depth: usize,
        lead: &str,
        ty: &GenericType,
        trail: &str,
    ) {
        let Some((path, arguments)) = &ty.arguments else {
            self.known = false;
            return;
        };
        self.line(depth, &format!("{lead}{path}<"));
        for (index, argument) in arguments.iter().enumerate() {
            self.list_item(depth + 1, argument, index + 1 == arguments.len());
        }
        self.line(depth, &format!(">{trail}"));
    }

    /// An item of a list broken an item per line, and its comma, which `prettyplease` adds after
    /// the last item only once it breaks the list, so it does not count towards that line's width.
    pub(super) fn list_item(&mut self, depth: usize, item: &str, last: bool) {
        self.known &= depth * INDENT + item.len() + usize::from(!last) <= MARGIN;
        self.unbreakable(depth, &format!("{item},"));
    }

    /// The statements of a block, a line each, at `depth`: `let`s and expressions ending in `;`,
    /// and `if`, `if let`, `for` and bare blocks with their statements a level in.
    pub fn statements(&mut self, depth: usize, body: &TokenStream) {
        let tokens: Vec<TokenTree> = body.clone().into_iter().collect();
        let mut rest = tokens.as_slice();
        while !rest.is_empty() && self.known {
            let Some(end) = rest.iter().position(ends_statement) else {
                // The block's value.
                self.expression_statement(depth, rest, Tail::counted(""));
                return;
            };
            let (statement, after) = rest.split_at(end + 1);
            rest = after;
            match statement.split_last() {
                Some((TokenTree::Group(block), head)) if block.delimiter() == Delimiter::Brace => {
                    self.block_statement(depth, head, &block.stream());
                }
                Some((_semicolon, expression)) => {
                    self.expression_statement(depth, expression, Tail::counted(";"))
                }
                None => {}
            }
        }
    }

    /// An expression, or a `let` or an assignment with its value, then `tail`.
    fn expression_statement(&mut self, depth: usize, tokens: &[TokenTree], tail: Tail<'_>) {
        let equals = || {
            tokens.iter().position(|t| {
                matches!(t, TokenTree::Punct(p) if p.as_char() == '=' && p.spacing() == Spacing::Alone)
            })
        };
        let assigned = match tokens.first() {
            Some(TokenTree::Ident(word)) if word == "let" => equals(),
            // `place = value`, where the place is a name or a field (so no `!=`, `<=` or `+=`).
            Some(TokenTree::Ident(_)) => equals().filter(|&at| {
                tokens[..at].iter().all(|t| matches!(t, TokenTree::Ident(_)) || is_punct(t, '.'))
            }),
            _ => None,
        };
        let (lead, value) = match assigned {
            Some(equals) => (expression(&tokens[..=equals]), &tokens[equals + 1..]),
            None => (Some(String::new()), tokens),
        };
        match lead {
            Some(lead) => self.breakable_tokens(depth, &lead, value, tail),
            None => self.known = false,
        }
    }

    /// The expression `tokens` after `lead` and before `tail`: on one line when it fits, else as
    /// [`breakable`](Self::breakable) writes it. Most expressions fit, so only the others are read
    /// for where they break.
    fn breakable_tokens(&mut self, depth: usize, lead: &str, tokens: &[TokenTree], tail: Tail<'_>) {
        // Written flat, an expression holds no struct literal, so nothing in it forces a break.
        if let Some(flat) = expression(tokens)
            && depth * INDENT + lead.len() + flat.len() + tail.counted <= MARGIN
        {
            self.unbreakable(depth, &format!("{lead}{flat}{}", tail.text));
            return;
        }
        match Breakable::parse(tokens) {
            Some(value) => self.breakable(depth, lead, &value, tail),
            None => self.known = false,
        }
    }

    /// `head { statements }`, where `head` is `if …`, `for … in …` or nothing, or a `match`.
    fn block_statement(&mut self, depth: usize, head: &[TokenTree], body: &TokenStream) {
        let opens = match head.first() {
            None => Some(String::new()),
            Some(TokenTree::Ident(keyword)) if keyword == "match" => {
                self.match_arms(depth, head, body);
                return;
            }
            Some(TokenTree::Ident(keyword)) if keyword == "if" || keyword == "for" => {
                expression(head).map(|head| format!("{head} "))
            }
            // A struct literal or anything else ending in braces.
            Some(_) => None,
        };
        let Some(opens) = opens else {
            self.known = false;
            return;
        };
        if body.is_empty() {
            self.line(depth, &format!("{opens}{{}}"));
            return;
        }
        self.line(depth, &format!("{opens}{{"));
        self.statements(depth + 1, body);
        self.line(depth, "}");
    }

    /// `match value { arms }`: an arm a line, `pattern => value,`, or `pattern => {` with its
    /// statements.
    fn match_arms(&mut self, depth: usize, head: &[TokenTree], body: &TokenStream) {
        let (Some(head), false) = (expression(head), body.is_empty()) else {
            self.known = false;
            return;
        };
        self.line(depth, &format!("{head} {{"));
        let tokens: Vec<TokenTree> = body.clone().into_iter().collect();
        let mut rest = tokens.as_slice();
        while !rest.is_empty() && self.known {
            match self.arm(depth + 1, rest) {
                Some(after) => rest = after,
                None => self.known = false,
            }
        }
        self.line(depth, "}");
    }

    /// Writes the arm `tokens` starts with and gives the tokens after it.
    fn arm<'t>(&mut self, depth: usize, mut tokens: &'t [TokenTree]) -> Option<&'t [TokenTree]> {
        while let [TokenTree::Punct(hash), TokenTree::Group(body), rest @ ..] = tokens {
            if hash.as_char() != '#' || body.delimiter() != Delimiter::Bracket {
                break;
            }
            self.attribute(depth, &[&tokens[0], &tokens[1]].into_iter().cloned().collect());
            tokens = rest;
        }
        let arrow = tokens.windows(2).position(|pair| match pair {
            [TokenTree::Punct(equals), TokenTree::Punct(greater)] => {
                equals.as_char() == '='
                    && equals.spacing() == Spacing::Joint
                    && greater.as_char() == '>'
            }
            _ => false,
        })?;
        let guard =
            tokens[..arrow].iter().position(|t| matches!(t, TokenTree::Ident(i) if i == "if"));
        let pattern = match guard {
            Some(at) => {
                format!("{} if {}", expression(&tokens[..at])?, expression(&tokens[at + 1..arrow])?)
            }
            None => expression(&tokens[..arrow])?,
        };
        let after = &tokens[arrow + 2..];
        if let Some(TokenTree::Group(block)) = after.first()
            && block.delimiter() == Delimiter::Brace
        {
            self.block_arm(depth, &pattern, &block.stream())?;
            let rest = &after[1..];
            let comma = matches!(rest.first(), Some(TokenTree::Punct(p)) if p.as_char() == ',');
            return Some(&rest[usize::from(comma)..]);
        }
        let end = after
            .iter()
            .position(|t| matches!(t, TokenTree::Punct(p) if p.as_char() == ','))
            .unwrap_or(after.len());
        match &after[..end] {
            // `()` prints as an empty block.
            [TokenTree::Group(unit)]
                if unit.delimiter() == Delimiter::Parenthesis && unit.stream().is_empty() =>
            {
                self.line(depth, &format!("{pattern} => {{}}"));
            }
            value => self.value_arm(depth, &pattern, value)?,
        }
        Some(&after[(end + 1).min(after.len())..])
    }

    /// `pattern => value,`, or the value in braces when the line is too wide for it (its comma
    /// not counted).
    fn value_arm(&mut self, depth: usize, pattern: &str, value: &[TokenTree]) -> Option<()> {
        let lead = format!("{pattern} => ");
        // As in `breakable_tokens`: an expression that fits is not read for where it breaks.
        if let Some(flat) = expression(value)
            && depth * INDENT + lead.len() + flat.len() <= MARGIN
        {
            self.unbreakable(depth, &format!("{lead}{flat},"));
            return Some(());
        }
        let value = Breakable::parse(value)?;
        let width = depth * INDENT + lead.len() + value.flat.len();
        if width <= MARGIN && !value.forces_break() {
            self.unbreakable(depth, &format!("{lead}{},", value.flat));
        } else {
            self.line(depth, &format!("{lead}{{"));
            self.breakable(depth + 1, "", &value, Tail::counted(""));
            self.line(depth, "}");
        }
        Some(())
    }

    /// `pattern => { statements }`; a block of one expression is printed as that expression.
    fn block_arm(&mut self, depth: usize, pattern: &str, statements: &TokenStream) -> Option<()> {
        let ends_statement = |t: &TokenTree| matches!(t, TokenTree::Punct(p) if p.as_char() == ';');
        if statements.is_empty() {
            self.line(depth, &format!("{pattern} => {{}}"));
        } else if statements.clone().into_iter().any(|t| ends_statement(&t)) {
            self.line(depth, &format!("{pattern} => {{"));
            self.statements(depth + 1, statements);
            self.line(depth, "}");
        } else {
            let value: Vec<TokenTree> = statements.clone().into_iter().collect();
            self.value_arm(depth, pattern, &value)?;
        }
        Some(())
    }

    /// `expression` after `lead` and before `tail`, of which the first `counted` bytes count
    /// towards the line's width (`prettyplease` adds a list's last comma only once it breaks it):
    /// on one line when it fits and holds no wide struct literal, else broken at its outermost
    /// construct, whose parts are laid out again on their own lines.
    fn breakable(&mut self, depth: usize, lead: &str, expression: &Breakable, tail: Tail<'_>) {
        let flat = depth * INDENT + lead.len() + expression.flat.len() + tail.counted;
        if flat <= MARGIN && !expression.forces_break() {
            self.unbreakable(depth, &format!("{lead}{}{}", expression.flat, tail.text));
            return;
        }
        match &expression.kind {
            Kind::Whole => self.known = false,
            Kind::Unbreakable => {
                self.unbreakable(depth, &format!("{lead}{}{}", expression.flat, tail.text))
            }
            Kind::Try(inner) => {
                let text = format!("?{}", tail.text);
                self.breakable(depth, lead, inner, Tail { text: &text, counted: tail.counted + 1 });
            }
            Kind::Call { callee, brackets, arguments } => {
                let (open, close) = brackets.pair();
                self.line(depth, &format!("{lead}{callee}{open}"));
                for (index, argument) in arguments.iter().enumerate() {
                    let counted = usize::from(index + 1 < arguments.len());
                    self.breakable(depth + 1, "", argument, Tail { text: ",", counted });
                }
                self.known &= depth * INDENT + close.len_utf8() + tail.counted <= MARGIN;
                self.unbreakable(depth, &format!("{close}{}", tail.text));
            }
            Kind::CallWithLiteral { callee, path, fields } => {
                let trail = format!("){}", tail.text);
                self.struct_literal(depth, &format!("{lead}{callee}("), path, fields, &trail);
            }
            Kind::Chain { root, calls } => {
                self.line(depth, &format!("{lead}{root}"));
                for (index, call) in calls.iter().enumerate() {
                    let last = index + 1 == calls.len();
                    let after = if last { tail } else { Tail::counted("") };
                    self.breakable(depth + 1, "", call, after);
                }
            }
        }
    }

    /// A struct literal `path { fields… }` on its own line, after `lead` (`name: ` when it is a
    /// field's value) and before `trail`: on one line when it is narrow, else a field per line.
    pub fn struct_literal(
        &mut self,
        depth: usize,
        lead: &str,
        path: &str,
        fields: &[String],
        trail: &str,
    ) {
        let one_line = literal_text(path, fields);
        if literal_width(path, fields) <= STRUCT_LITERAL_MAX_WIDTH {
            self.line(depth, &format!("{lead}{one_line}{trail}"));
            return;
        }
        self.line(depth, &format!("{lead}{path} {{"));
        for field in fields {
            self.line(depth + 1, &format!("{field},"));
        }
        self.line(depth, &format!("}}{trail}"));
    }

    /// The text, when every part of it had a known layout.
    pub fn finish(self) -> Option<String> {
        self.known.then_some(self.text)
    }

    fn indent(&mut self, depth: usize) {
        // Indented further, `prettyplease` lets a line run past the margin (it keeps at least
        // `MIN_SPACE` columns for the code), which these rules do not follow.
        self.known &= depth * INDENT + MIN_SPACE <= MARGIN;
        self.text.extend(std::iter::repeat_n(' ', depth * INDENT));
    }
}

impl Default for Lines {
    fn default() -> Self {
        Self::new()
    }
}

/// The arguments of an attribute, each as it prints on one line.
struct Arguments {
    each: Vec<String>,
    trailing_comma: bool,
}

/// What follows an expression on its last line, and how much of it counts towards the width.
#[derive(Clone, Copy)]
struct Tail<'a> {
    text: &'a str,
    counted: usize,
}

impl<'a> Tail<'a> {
    /// Text that all counts.
    fn counted(text: &'a str) -> Self {
        Self { text, counted: text.len() }
    }
}

/// The path of an attribute `#[path(arguments)]` and its arguments, when they are of the simple
/// kinds [`Lines::attribute`] writes.
fn attribute_parts(attribute: &TokenStream) -> Option<(String, Option<Arguments>)> {
    let mut outer = attribute.clone().into_iter();
    match (outer.next(), outer.next(), outer.next()) {
        (Some(TokenTree::Punct(hash)), Some(TokenTree::Group(body)), None)
            if hash.as_char() == '#' && body.delimiter() == Delimiter::Bracket =>
        {
            let mut inside = body.stream().into_iter();
            let path = match inside.next()? {
                TokenTree::Ident(ident) => ident.to_string(),
                _ => return None,
            };
            match (inside.next(), inside.next()) {
                (None, _) => Some((path, None)),
                // `#[path = literal]`, kept with its path as one "path"; `prettyplease` prints
                // a doc as a comment.
                (Some(TokenTree::Punct(equals)), Some(TokenTree::Literal(value)))
                    if equals.as_char() == '='
                        && path != "doc"
                        && path != "comment"
                        && inside.next().is_none() =>
                {
                    Some((format!("{path} = {value}"), None))
                }
                (Some(TokenTree::Group(list)), None)
                    if list.delimiter() == Delimiter::Parenthesis =>
                {
                    Some((path, Some(attribute_arguments(&list.stream())?)))
                }
                _ => None,
            }
        }
        _ => None,
    }
}

/// `a, b::c, d = "e"` as `a`, `b::c` and `d = "e"`: paths, literals and `path = literal`.
fn attribute_arguments(tokens: &TokenStream) -> Option<Arguments> {
    let mut each = vec![String::new()];
    let mut after_word = false;
    for token in tokens.clone() {
        let current = each.last_mut()?;
        match &token {
            TokenTree::Ident(_) | TokenTree::Literal(_) if after_word => return None,
            TokenTree::Ident(ident) => current.push_str(&ident.to_string()),
            TokenTree::Literal(literal) => current.push_str(&literal.to_string()),
            TokenTree::Punct(punct) => match (punct.as_char(), punct.spacing()) {
                (',', _) if current.is_empty() => return None,
                (',', _) => each.push(String::new()),
                (':', Spacing::Joint) => current.push(':'),
                (':', Spacing::Alone) if current.ends_with(':') => current.push(':'),
                ('=', Spacing::Alone) if after_word => current.push_str(" = "),
                _ => return None,
            },
            TokenTree::Group(_) => return None,
        }
        after_word = matches!(token, TokenTree::Ident(_) | TokenTree::Literal(_));
    }
    let trailing_comma = each.len() > 1 && each.last().is_some_and(String::is_empty);
    if trailing_comma {
        each.pop();
    }
    each.iter().all(|argument| !argument.is_empty()).then_some(Arguments { each, trailing_comma })
}

/// Whether a token ends a statement: its `;`, or the block of an `if`, a `for` or a bare block.
fn ends_statement(token: &TokenTree) -> bool {
    match token {
        TokenTree::Punct(punct) => punct.as_char() == ';',
        TokenTree::Group(group) => group.delimiter() == Delimiter::Brace,
        _ => false,
    }
}

/// Keywords `prettyplease` puts a space after even before a parenthesis or bracket.
const SPACED_KEYWORDS: [&str; 7] = ["for", "in", "if", "let", "match", "return", "while"];

/// An expression (or `let`, or the head of an `if` or a `for`) on one line, when it holds only
/// paths, literals, calls, method calls, arrays, closures, `format!` and `matches!`, and the
/// operators the emitters use: prefix `&`, `*`, `!` and `-`, binary `=`, `==`, `!=`, `+`, `-`,
/// `&&`, `||` and `|` (patterns), and `?`.
pub(super) fn expression(tokens: &[TokenTree]) -> Option<String> {
    let mut out = String::new();
    let mut after_word = false;
    let mut previous_keyword = false;
    let mut index = 0;
    while index < tokens.len() {
        match &tokens[index] {
            TokenTree::Ident(ident) => {
                if after_word {
                    out.push(' ');
                }
                let text = ident.to_string();
                previous_keyword = SPACED_KEYWORDS.contains(&text.as_str());
                out.push_str(&text);
                after_word = true;
            }
            TokenTree::Literal(literal) => {
                if after_word {
                    out.push(' ');
                }
                out.push_str(&literal.to_string());
                (after_word, previous_keyword) = (true, false);
            }
            TokenTree::Group(group) => {
                if previous_keyword {
                    out.push(' ');
                }
                out.push_str(&group_text(group, expression)?);
                (after_word, previous_keyword) = (true, false);
            }
            TokenTree::Punct(_) => {
                let (operator, mut next) = operator_at(tokens, index);
                let postfix = operator == "?";
                let text = match (operator.as_str(), after_word) {
                    ("." | "::", _) => operator,
                    (",", true) => ", ".to_owned(),
                    ("?", true) => operator,
                    ("!", true) if is_expression_macro(tokens, index) => operator,
                    // `..` here is the rest of a pattern (`Self::Ok(..)`).
                    ("&" | "*" | "!" | "-" | "..", false) => operator,
                    // `move |x| …` is a closure, which this does not write.
                    ("|" | "||", true) if is_word(tokens, index.wrapping_sub(1), "move") => {
                        return None;
                    }
                    ("=" | "==" | "!=" | "+" | "-" | "&&" | "||" | "|", true) => {
                        format!(" {operator} ")
                    }
                    // A closure: `|parameters| body`, `|| body`.
                    ("||", false) => "|| ".to_owned(),
                    ("|", false) => {
                        let close = next + tokens[next..].iter().position(|t| is_punct(t, '|'))?;
                        next = close + 1;
                        if matches!(tokens.get(next), None | Some(TokenTree::Group(_))) {
                            return None;
                        }
                        format!("|{}| ", expression(&tokens[index + 1..close])?)
                    }
                    _ => return None,
                };
                index = next;
                out.push_str(&text);
                after_word = postfix;
                previous_keyword = false;
                continue;
            }
        }
        index += 1;
    }
    Some(out)
}

/// Whether the `!` at `index` makes a standard macro whose arguments `prettyplease` prints as
/// expressions (`format!(…)`, `matches!(…)`).
fn is_expression_macro(tokens: &[TokenTree], index: usize) -> bool {
    let before = index.wrapping_sub(1);
    (is_word(tokens, before, "format") || is_word(tokens, before, "matches"))
        && matches!(tokens.get(index + 1), Some(TokenTree::Group(g)) if g.delimiter() == Delimiter::Parenthesis)
}

/// A type (or words such as `mut self`) on one line: paths with generic arguments, references
/// with lifetimes, tuples, slices, and `impl` or `dyn` bounds.
pub(super) fn type_text(tokens: &[TokenTree]) -> Option<String> {
    let mut out = String::new();
    let mut spaced = false;
    let mut index = 0;
    while index < tokens.len() {
        match &tokens[index] {
            TokenTree::Ident(ident) => {
                if spaced {
                    out.push(' ');
                }
                out.push_str(&ident.to_string());
                spaced = true;
            }
            TokenTree::Group(group) => {
                if spaced {
                    out.push(' ');
                }
                out.push_str(&group_text(group, type_text)?);
                spaced = true;
            }
            TokenTree::Punct(punct) => {
                // A lifetime is a quote joined to a word.
                if punct.as_char() == '\'' {
                    let Some(TokenTree::Ident(name)) = tokens.get(index + 1) else { return None };
                    if spaced {
                        out.push(' ');
                    }
                    out.push('\'');
                    out.push_str(&name.to_string());
                    (index, spaced) = (index + 2, true);
                    continue;
                }
                match (punct.as_char(), tokens.get(index + 1)) {
                    (':', Some(TokenTree::Punct(second))) if second.as_char() == ':' => {
                        out.push_str("::");
                        index += 1;
                    }
                    (c @ ('<' | '>' | '&'), _) => out.push(c),
                    (',', _) => out.push_str(", "),
                    ('+', _) => out.push_str(" + "),
                    _ => return None,
                }
                spaced = false;
            }
            TokenTree::Literal(_) => return None,
        }
        index += 1;
    }
    Some(out)
}

/// The operator starting at `tokens[index]` (its joined punctuation) and the index after it.
fn operator_at(tokens: &[TokenTree], mut index: usize) -> (String, usize) {
    let mut operator = String::new();
    while let Some(TokenTree::Punct(punct)) = tokens.get(index) {
        operator.push(punct.as_char());
        index += 1;
        if punct.spacing() == Spacing::Alone {
            break;
        }
    }
    (operator, index)
}

/// A type's tokens as one line: paths with generic arguments, references, tuples, slices.
pub fn flat_type(tokens: &TokenStream) -> Option<String> {
    type_text(&tokens.clone().into_iter().collect::<Vec<_>>())
}

/// An expression's tokens as one line: paths, literals, calls, method calls and simple operators.
pub fn flat_expression(tokens: &TokenStream) -> Option<String> {
    expression(&tokens.clone().into_iter().collect::<Vec<_>>())
}

/// A parenthesised or bracketed group, its inside written by `inside`.
fn group_text(group: &Group, inside: fn(&[TokenTree]) -> Option<String>) -> Option<String> {
    let (open, close) = match group.delimiter() {
        Delimiter::Parenthesis => ('(', ')'),
        Delimiter::Bracket => ('[', ']'),
        _ => return None,
    };
    let tokens: Vec<TokenTree> = group.stream().into_iter().collect();
    Some(format!("{open}{}{close}", inside(&tokens)?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::{format_ident, quote};

    #[test]
    fn flat_prints_types_and_calls_as_prettyplease_does() {
        let ty = quote!(impl Into<Option<std::collections::BTreeMap<String, Vec<i64>>>>);
        assert_eq!(
            flat_type(&ty).as_deref(),
            Some("impl Into<Option<std::collections::BTreeMap<String, Vec<i64>>>>")
        );
        let reference = quote!(&'static [&'static str]);
        assert_eq!(flat_type(&reference).as_deref(), Some("&'static [&'static str]"));
        let call = quote!(Some(value.into().map(Box::new)));
        assert_eq!(flat_expression(&call).as_deref(), Some("Some(value.into().map(Box::new))"));
        assert_eq!(flat_type(&quote!([u8; 4])), None);
        assert_eq!(flat_expression(&quote!(|x| x.len())).as_deref(), Some("|x| x.len()"));
        assert_eq!(flat_expression(&quote!(|x| { x })), None);
        assert_eq!(flat_expression(&quote!(move |x| x)), None);
        assert_eq!(flat_expression(&quote!({ x })), None);
    }

    #[test]
    fn attributes_print_on_one_line_or_an_argument_per_line() {
        let mut lines = Lines::new();
        lines.attribute(0, &quote!(#[non_exhaustive]));
        lines.attribute(0, &quote!(#[must_use = "it does nothing"]));
        lines.attribute(1, &quote!(#[serde(default, with = "runtime::nullable")]));
        let long = "x".repeat(70);
        lines.attribute(1, &quote!(#[serde(default, rename = #long)]));
        let expected = format!(
            "#[non_exhaustive]\n#[must_use = \"it does nothing\"]\n    #[serde(default, with = \"runtime::nullable\")]\n    #[serde(\n        default,\n        rename = \"{long}\"\n    )]\n"
        );
        assert_eq!(lines.finish(), Some(expected));
        let mut lines = Lines::new();
        lines.attribute(0, &quote!(#[derive(Debug, Clone,)]));
        let long = format!("X{}", "x".repeat(80));
        let derive: TokenStream = format!("#[derive(Debug, {long},)]").parse().unwrap();
        lines.attribute(0, &derive);
        let expected = format!("#[derive(Debug, Clone)]\n#[derive(\n    Debug,\n    {long},\n)]\n");
        assert_eq!(lines.finish(), Some(expected));
        let escaped_doc = quote!(#[doc = "a \"quoted\" word"]);
        for unknown in [
            escaped_doc,
            quote!(#[cfg(any(test))]),
            quote!(#[a(,)]),
            quote!(#[a()]),
            quote!(#[a(b c)]),
        ] {
            let mut lines = Lines::new();
            lines.attribute(0, &unknown);
            assert_eq!(lines.finish(), None, "{unknown}");
        }
    }

    /// `body` written by [`Lines::statements`] inside `fn f() { … }`, and as `prettyplease`
    /// prints that function.
    fn written_and_printed(body: TokenStream) -> (Option<String>, String) {
        let mut lines = Lines::new();
        lines.line(0, "fn f() {");
        lines.statements(1, &body);
        lines.line(0, "}");
        let file: syn::File = syn::parse2(quote!(fn f() { #body })).unwrap();
        (lines.finish(), prettyplease::unparse(&file))
    }

    /// The statements `make` gives for a name of each width in `widths`, written as `prettyplease`
    /// prints them.
    fn assert_written_at_widths(
        widths: std::ops::RangeInclusive<usize>,
        make: impl Fn(&proc_macro2::Ident) -> TokenStream,
    ) {
        for width in widths {
            let name = format_ident!("{}", "n".repeat(width));
            let (written, printed) = written_and_printed(make(&name));
            assert_eq!(written.as_deref(), Some(printed.as_str()), "{width}");
        }
    }

    #[test]
    fn statements_are_written_as_prettyplease_prints_them() {
        let bodies = [
            quote! {
                let (parts, body) = response.into_parts();
                if let Some(Some(value)) = &self.x {
                    let path = path.field("x");
                    runtime::validate::minimum_int(&path, i64::from(*value), -1, false, out);
                }
                for (index, item) in value.iter().enumerate() {}
                { let count = 1 + usize::from(self.a.is_some()) + self.b.len(); }
                helper(!done && ready || later, &[1.5, 2.0], *value)?;
                match self {
                    Self::Ok(..) => Status::Ok,
                    Self::Other(code, _) => { let x = code; }
                    #[allow(unreachable_patterns)]
                    other => (),
                }
            },
            quote!(Box::pin(self.send())),
            quote!(x.map(|y| y)),
            quote! {
                Ok(http::Request::builder().method(http::Method::POST).body(runtime::form_body_with(&self.body, &[("expand", runtime::FormStyle::DeepObject), ("metadata", runtime::FormStyle::DeepObject)])?)?)
            },
            quote!(let numbers = [1, 2, 3];),
            quote!(match x {
                A => {
                    f()
                }
            }),
            quote! {
                let organization = runtime::path_segment("organization", &self.organization_name)?;
                let uri = format!("/orgs/{organization}/repos");
                let mut builder = http::Request::builder().method(http::Method::GET).uri(uri).header("a", "b");
                builder = builder.header(http::header::CONTENT_TYPE, "application/json");
                Ok(http::Request::builder().method(http::Method::POST).uri(uri).body(runtime::form_body_with(&self.body, &[("expand", runtime::FormStyle::DeepObject)])?)?)
            },
            quote! {
                let (parts, body) = response.into_parts();
                match parts.status.as_u16() {
                    200 => {
                        let headers = runtime::decode_headers(&parts, &body, ReposListForOrgOkHeaders::from_headers)?;
                        runtime::decode_json(parts.status, body).map(|body| ReposListForOrgResponse::Ok(body, headers))
                    }
                    403 => runtime::decode_json(parts.status, body).map(ReposCreateInOrgResponse::Forbidden),
                    404 => Ok(MetaGetZenResponse::NotFound(body)),
                    409 => Some("if there is an existing merge request already enqueued for this pull"),
                    410 => Some("if there is an existing merge request already enqueued for this pull request"),
                    422 => matches!(self, Self::Ok | Self::Accepted),
                    code if code != 500 && code.is_ascending_and_a_rather_long_check_here() => {
                        Ok(GetAccountSuccess::Default(parts.status, body))
                    }
                    _ => Err(runtime::DecodeError::UndocumentedStatus { status: parts.status, body }),
                }
            },
        ];
        for body in bodies {
            let (written, printed) = written_and_printed(body);
            assert_eq!(written.as_deref(), Some(printed.as_str()));
        }
        for unknown in [
            quote!(let x = Foo { a };),
            quote!(if a {
                b();
            } else {
                c();
            }),
            quote!(x.map(|y| {
                y
            });),
            quote!(let x = Some(|y| y.len() + some_function_with_a_long_name(and_an_argument, and_another));),
            quote!(let numbers = [111111111, 222222222, 333333333, 444444444, 555555555, 666666666, 77777777];),
            quote!(println!("{}", x);),
        ] {
            assert_eq!(written_and_printed(unknown.clone()).0, None, "{unknown}");
        }
    }

    #[test]
    fn calls_chains_and_arms_break_as_prettyplease_breaks_them_at_every_width() {
        // Up to the widths where a name alone would be too wide for its line.
        assert_written_at_widths(1..=63, |name| {
            quote! {
                let value = runtime::function(&self.first, #name, "text")?;
                runtime::decode_json(parts.status, body).map(Response::#name)?;
                let chained = http::Request::builder().method(http::Method::GET).uri(#name);
                match code {
                    200 => Some(#name),
                    201 => runtime::decode_json(parts.status, body).map(#name),
                    _ => Err(runtime::Error::Undocumented { status: parts.status, #name }),
                }
                Ok(http::Request::builder().uri(uri).body(#name)?)
            }
        });
    }

    #[test]
    fn a_path_too_wide_for_its_line_runs_past_the_margin_as_prettyplease_lets_it() {
        // From widths where `Response::name` still fits on the arm's line to where it cannot fit
        // on any line.
        assert_written_at_widths(40..=110, |name| {
            quote!(match code {
                201 => runtime::decode_json(parts.status, body).map(Response::#name),
                _ => None,
            })
        });
    }

    #[test]
    fn an_assignment_breaks_as_a_let_does() {
        assert_written_at_widths(1..=63, |name| {
            quote! {
                builder = builder.header(http::header::CONTENT_TYPE, runtime::header_value(#name)?);
                self.field = runtime::function(&self.first, #name, "text")?;
            }
        });
        // Not assignments, whose `=` ends an operator: written as printed, or left to it.
        for body in [quote!(ok = a != b;), quote!(a.b != c;), quote!(count += 1;)] {
            let (written, printed) = written_and_printed(body);
            assert!(written.is_none() || written.as_deref() == Some(printed.as_str()), "{printed}");
        }
    }

    #[test]
    fn an_arm_goes_in_braces_when_its_value_without_the_comma_does_not_fit() {
        assert_written_at_widths(60..=73, |name| {
            quote!(match code {
                200 => Some(#name),
                _ => None,
            })
        });
    }

    #[test]
    fn the_comma_after_a_broken_call_s_last_argument_is_not_counted() {
        assert_written_at_widths(
            75..=81,
            |name| quote!(let value = runtime::function(&self.first, #name)?;),
        );
    }

    #[test]
    fn a_chain_whose_first_call_breaks_is_left_to_prettyplease() {
        let name = format_ident!("{}", "n".repeat(50));
        let body = quote!(runtime::decode_json(parts.status, #name).map(Response::Variant)?;);
        assert_eq!(written_and_printed(body).0, None);
    }

    #[test]
    fn code_indented_past_prettyplease_s_least_space_is_left_to_it() {
        let mut lines = Lines::new();
        lines.line(7, "x");
        assert!(lines.finish().is_some());
        let mut lines = Lines::new();
        lines.line(8, "x");
        assert_eq!(lines.finish(), None);
    }

    #[test]
    fn a_line_past_the_margin_leaves_the_layout_unknown() {
        let mut lines = Lines::new();
        lines.line(1, &"x".repeat(MARGIN - INDENT));
        assert!(lines.finish().is_some());
        let mut lines = Lines::new();
        lines.line(1, &"x".repeat(MARGIN - INDENT + 1));
        assert_eq!(lines.finish(), None);
        let mut lines = Lines::new();
        lines.doc(0, " two\nlines");
        assert_eq!(lines.finish(), None);
    }
}
