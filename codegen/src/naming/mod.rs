//! The name registry: turns spec names into Rust identifiers that are valid, idiomatic and unique in
//! their scope.
//!
//! Case conversion is `heck`'s (see `case`). Names that are keywords get a trailing `_`; names
//! that would start with a digit get a prefix; names with no usable characters get a placeholder.
//! When two spec names map to the same identifier in one scope (`fooBar` and `foo_bar`), the later
//! one is renamed by adding the smallest free numeric suffix, and the caller reports both places:
//! the result never depends on anything but the order of the spec.

mod case;

use std::borrow::Cow;
use std::collections::HashMap;

use crate::diagnostics::Location;

/// Strict and reserved keywords of Rust 2024, plus names that cannot be raw identifiers.
const KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern",
    "false", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut",
    "pub", "ref", "return", "self", "Self", "static", "struct", "super", "trait", "true", "type",
    "unsafe", "use", "where", "while", "abstract", "become", "box", "do", "final", "macro",
    "override", "priv", "typeof", "unsized", "virtual", "yield", "try", "union",
];

/// The two identifier styles the generator uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Case {
    /// `UpperCamelCase`: types and variants.
    UpperCamel,
    /// `snake_case`: fields and modules.
    Snake,
}

/// Converts `name` to a valid identifier in `case`, without checking uniqueness.
pub fn identifier(name: &str, case: Case) -> String {
    remembered(Conversion::Identifier(case), name)
}

/// The type name for `wanted`: its UpperCamelCase made an identifier.
pub fn type_identifier(wanted: &str) -> String {
    remembered(Conversion::TypeName, wanted)
}

/// The conversions a thread remembers, each kind apart.
#[derive(Clone, Copy)]
enum Conversion {
    Identifier(Case),
    TypeName,
}

impl Conversion {
    fn slot(self) -> usize {
        match self {
            Conversion::Identifier(Case::UpperCamel) => 0,
            Conversion::Identifier(Case::Snake) => 1,
            Conversion::TypeName => 2,
        }
    }

    fn apply(self, name: &str) -> String {
        match self {
            Conversion::Identifier(case) => convert(name, case),
            Conversion::TypeName => convert(&case::upper_camel(name), Case::UpperCamel),
        }
    }
}

/// How many conversions of each kind a thread remembers, which bounds the memory of a long run
/// over many specs.
const KNOWN_NAMES_KEPT: usize = 1 << 16;

/// `conversion` of `name`, remembered per thread: large specs convert the same few thousand names
/// (`id`, `url`, ...) over and over, and a lookup costs less than a conversion.
fn remembered(conversion: Conversion, name: &str) -> String {
    thread_local! {
        static KNOWN: std::cell::RefCell<[HashMap<String, String>; 3]> = Default::default();
    }
    KNOWN.with_borrow_mut(|known| {
        let known = &mut known[conversion.slot()];
        if let Some(ident) = known.get(name) {
            return ident.clone();
        }
        if known.len() >= KNOWN_NAMES_KEPT {
            known.clear();
        }
        let ident = conversion.apply(name);
        known.insert(name.to_owned(), ident.clone());
        ident
    })
}

fn convert(name: &str, case: Case) -> String {
    let cleaned: Cow<'_, str> = if name.bytes().all(|b| b.is_ascii_alphanumeric()) {
        // Nothing to separate (a type name made of others is already letters and digits).
        Cow::Borrowed(name)
    } else if name.chars().any(|c| c.is_ascii_alphanumeric()) {
        Cow::Owned(word_separated(name))
    } else {
        // Only symbols (`>=`, `!=`): they are the meaning, so spell them out.
        name.chars().map(|c| symbol_word(c).map_or(' '.to_string(), |w| format!(" {w} "))).collect()
    };
    let mut ident = match case {
        Case::UpperCamel => case::upper_camel(&cleaned),
        Case::Snake => case::snake(&cleaned),
    };
    if ident.is_empty() {
        ident = match case {
            Case::UpperCamel => "Value".to_owned(),
            Case::Snake => "value".to_owned(),
        };
    }
    if ident.starts_with(|c: char| c.is_ascii_digit()) {
        ident.insert_str(0, if case == Case::UpperCamel { "V" } else { "n" });
    }
    if KEYWORDS.contains(&ident.as_str()) {
        ident.push('_');
    }
    ident
}

/// `name` with every character that is not an ASCII letter or digit turned into a word separator,
/// except that a sign before a number is spelled out (`+1` and `-1` are `plus 1` and `minus 1`).
fn word_separated(name: &str) -> String {
    let number_sign = match name.as_bytes() {
        [sign @ (b'+' | b'-'), digit, ..] if digit.is_ascii_digit() => symbol_word(*sign as char),
        _ => None,
    };
    let rest = if number_sign.is_some() { &name[1..] } else { name };
    let separated: String =
        rest.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' }).collect();
    match number_sign {
        Some(word) => format!("{word} {separated}"),
        None => separated,
    }
}

/// The word for an ASCII symbol, after the operator it usually is.
fn symbol_word(c: char) -> Option<&'static str> {
    Some(match c {
        '>' => "gt",
        '<' => "lt",
        '=' => "eq",
        '!' => "not",
        '+' => "plus",
        '-' => "minus",
        '*' => "star",
        '/' => "slash",
        '\\' => "backslash",
        '%' => "percent",
        '&' => "and",
        '|' => "or",
        '^' => "caret",
        '~' => "tilde",
        '.' => "dot",
        ',' => "comma",
        ':' => "colon",
        ';' => "semicolon",
        '?' => "question",
        '@' => "at",
        '#' => "hash",
        '$' => "dollar",
        '_' => "underscore",
        '\'' => "quote",
        '"' => "double quote",
        '`' => "backtick",
        '(' => "open paren",
        ')' => "close paren",
        '[' => "open bracket",
        ']' => "close bracket",
        '{' => "open brace",
        '}' => "close brace",
        _ => return None,
    })
}

/// A name that was taken by a different spec name earlier in the same scope.
#[derive(Debug, Clone)]
pub struct Clash {
    /// The identifier both wanted.
    pub wanted: String,
    /// What the later one got instead.
    pub given: String,
    /// What took the identifier first, ready to show (a quoted spec name, or a description).
    pub first_owner: String,
    /// Where the first one is.
    pub first: Location,
}

/// One scope of identifiers (the types of a service, the fields of a struct, ...).
#[derive(Debug, Default)]
pub struct Scope {
    taken: HashMap<String, (String, Location)>,
}

impl Scope {
    /// Marks identifiers the generated code itself uses in this scope, such as `Unknown` in enums;
    /// `owner` says what uses it (shown in clash messages).
    pub fn reserve(&mut self, ident: &str, owner: &str, location: &Location) {
        self.taken.insert(ident.to_owned(), (owner.to_owned(), location.clone()));
    }

    /// Claims an identifier for `spec_name` in `case`; on a clash, the smallest free numbered variant.
    pub fn claim(
        &mut self,
        spec_name: &str,
        case: Case,
        location: &Location,
    ) -> Result<String, Box<Clash>> {
        self.claim_ident(identifier(spec_name, case), &format!("`{spec_name}`"), case, location)
    }

    /// Claims an identifier that is already in `case`, for an owner described by `owner`.
    pub fn claim_ident(
        &mut self,
        wanted: String,
        owner: &str,
        case: Case,
        location: &Location,
    ) -> Result<String, Box<Clash>> {
        let Some((first_owner, first)) = self.taken.get(&wanted).cloned() else {
            self.taken.insert(wanted.clone(), (owner.to_owned(), location.clone()));
            return Ok(wanted);
        };
        let separator = if case == Case::Snake { "_" } else { "" };
        let given = (2..)
            .map(|n| format!("{}{separator}{n}", wanted.trim_end_matches('_')))
            .find(|candidate| !self.taken.contains_key(candidate))
            .unwrap_or_default();
        self.taken.insert(given.clone(), (owner.to_owned(), location.clone()));
        Err(Box::new(Clash { wanted, given, first_owner, first }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn here() -> Location {
        Location { file: "t.yaml".into(), pointer: "#".into(), line: None }
    }

    #[test]
    fn identifiers_are_valid_and_idiomatic() {
        assert_eq!(identifier("event_name", Case::UpperCamel), "EventName");
        assert_eq!(identifier("X-Auth-Token", Case::Snake), "x_auth_token");
        assert_eq!(identifier("type", Case::Snake), "type_");
        assert_eq!(identifier("self", Case::Snake), "self_");
        assert_eq!(identifier("Self", Case::UpperCamel), "Self_");
        assert_eq!(identifier("2fa", Case::Snake), "n2fa");
        assert_eq!(identifier("200", Case::UpperCamel), "V200");
        assert_eq!(identifier("名称", Case::Snake), "value");
        assert_eq!(identifier("pendingAcceptance", Case::UpperCamel), "PendingAcceptance");
        assert_eq!(identifier("overLimit", Case::UpperCamel), "OverLimit");
        assert_eq!(identifier("multiple choices", Case::UpperCamel), "MultipleChoices");
        assert_eq!(identifier("2022-11-28", Case::UpperCamel), "V20221128");
    }

    #[test]
    fn symbols_without_letters_are_spelled_out() {
        let names = [">", "=", "<", ">=", "<=", "!="].map(|n| identifier(n, Case::UpperCamel));
        assert_eq!(names, ["Gt", "Eq", "Lt", "GtEq", "LtEq", "NotEq"]);
        assert_eq!(identifier("+1", Case::UpperCamel), "Plus1");
        assert_eq!(identifier("-1", Case::Snake), "minus_1");
        assert_eq!(identifier("-", Case::Snake), "minus");
        assert_eq!(identifier("", Case::UpperCamel), "Value");
        // Remembered answers are the same answers, per case.
        assert_eq!(identifier("event_name", Case::Snake), "event_name");
        assert_eq!(identifier("event_name", Case::UpperCamel), "EventName");
        assert_eq!(type_identifier("webhooks team-parent_privacy"), "WebhooksTeamParentPrivacy");
        assert_eq!(type_identifier("webhooks team-parent_privacy"), "WebhooksTeamParentPrivacy");
    }

    #[test]
    fn clashes_get_the_next_free_number() {
        let mut scope = Scope::default();
        assert_eq!(scope.claim("fooBar", Case::Snake, &here()).unwrap(), "foo_bar");
        let clash = scope.claim("foo_bar", Case::Snake, &here()).unwrap_err();
        assert_eq!(
            (clash.wanted.as_str(), clash.given.as_str(), clash.first_owner.as_str()),
            ("foo_bar", "foo_bar_2", "`fooBar`")
        );
        assert_eq!(scope.claim("FOO-BAR", Case::Snake, &here()).unwrap_err().given, "foo_bar_3");
        let mut types = Scope::default();
        types.reserve("Unknown", "the fallback variant", &here());
        assert_eq!(
            types.claim("unknown", Case::UpperCamel, &here()).unwrap_err().given,
            "Unknown2"
        );
    }
}
