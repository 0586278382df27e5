//! Diagnostic messages grouped into kinds, so that the same problem in two thousand specs counts as
//! one row. A message's *variant* is its text with the variable parts (names, pointers, paths, media
//! types, quoted values, numbers) as placeholders, keeping the vocabulary of OpenAPI and JSON Schema
//! (`` `not` `` and `` `callbacks` `` are different problems). Its *kind* also drops what a variant
//! lists in parentheses (the keywords a schema mixes, the values it allows), so that "keywords do not
//! fit one type (`allOf`, `properties`)" and "(`items`)" are one kind with two variants.

/// Words of OpenAPI and JSON Schema that a message quotes as themselves, not as a name from the spec.
const VOCABULARY: &[&str] = &[
    "$ref",
    "$schema",
    "$id",
    "$defs",
    "allOf",
    "oneOf",
    "anyOf",
    "not",
    "if",
    "then",
    "else",
    "const",
    "contains",
    "prefixItems",
    "patternProperties",
    "propertyNames",
    "dependencies",
    "dependentRequired",
    "dependentSchemas",
    "unevaluatedProperties",
    "unevaluatedItems",
    "discriminator",
    "callbacks",
    "links",
    "multipleOf",
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "minLength",
    "maxLength",
    "minItems",
    "maxItems",
    "uniqueItems",
    "minProperties",
    "maxProperties",
    "pattern",
    "enum",
    "items",
    "properties",
    "additionalProperties",
    "required",
    "nullable",
    "readOnly",
    "writeOnly",
    "type",
    "format",
    "default",
    "example",
    "examples",
    "externalValue",
    "value",
    "content",
    "schema",
    "encoding",
    "style",
    "explode",
    "allowReserved",
    "variables",
    "openapi",
    "swagger",
    "operationId",
    "parameters",
    "requestBody",
    "responses",
    "servers",
    "paths",
    "components",
    "headers",
    "Content-Type",
    "validate()",
];

/// Words that, right before a quoted part, say it is a name from the spec even when it looks like a
/// keyword ("property `type`", "parameter `format`").
const NAMING_WORDS: &[&str] = &[
    "alternative",
    "example",
    "field",
    "header",
    "module",
    "operation",
    "operationId",
    "parameter",
    "property",
    "schema",
    "server",
    "status",
    "tag",
    "target",
    "template",
    "type",
    "value",
    "variable",
];

/// The placeholder for a quoted name or value.
const NAME: &str = "`…`";

/// The variant of a diagnostic message: its text with each backquoted part that is not OpenAPI
/// vocabulary replaced by `` `…` `` (lists of them by one), each double-quoted value by `"…"`, each
/// path or media type outside backquotes by `…`, and each number by `N`.
pub fn variant(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(open) = rest.find(['`', '"']) {
        let quote = rest[open..].chars().next().unwrap_or('`');
        out.push_str(&plain(&rest[..open]));
        let after = &rest[open + 1..];
        let Some(close) = after.find(quote) else {
            out.push_str(&plain(&rest[open..]));
            rest = "";
            break;
        };
        let quoted = &after[..close];
        if quote == '"' {
            out.push_str("\"…\"");
        } else if is_vocabulary(quoted) && !after_naming_word(&out) {
            out.push('`');
            out.push_str(quoted);
            out.push('`');
        } else {
            out.push_str(NAME);
        }
        rest = &after[close + 1..];
    }
    out.push_str(&plain(rest));
    collapse_lists(out)
}

/// The kind of a variant: each parenthesized list of quoted parts (`` (`type: object` with `allOf`,
/// `properties`) ``) as `(…)`.
pub fn kind_of(variant: &str) -> String {
    let mut out = String::with_capacity(variant.len());
    let mut rest = variant;
    while let Some(open) = rest.find('(') {
        out.push_str(&rest[..open]);
        let inner = &rest[open + 1..];
        match quoted_list_end(inner) {
            Some(end) => {
                out.push_str("(…)");
                rest = &inner[end + 1..];
            }
            None => {
                out.push('(');
                rest = inner;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Where the `)` closing a list of quoted parts is, if `text` (after a `(`) starts such a list:
/// backquoted parts joined by commas, `with`, `and` or `or`, at least one of them.
fn quoted_list_end(text: &str) -> Option<usize> {
    let mut quoted = 0;
    let mut words = String::new();
    let mut chars = text.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            ')' => {
                let connectives =
                    words.split_whitespace().all(|w| matches!(w, "with" | "and" | "or"));
                return (quoted > 0 && connectives).then_some(i);
            }
            '`' => {
                quoted += 1;
                chars.find(|(_, c)| *c == '`')?;
            }
            '(' => return None,
            ',' => words.push(' '),
            c => words.push(c),
        }
    }
    None
}

/// Text outside quotes with numbers as `N` and paths and media types as `…`.
fn plain(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, token) in text.split(' ').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let bare = token.trim_end_matches([':', ';', ',', ')']);
        if is_path(bare) {
            out.push('…');
            out.push_str(&token[bare.len()..]);
        } else {
            out.push_str(&numbers(token));
        }
    }
    out
}

/// Whether a word is a path (`paths./pets.get.responses`, `components.schemas.Pet.minimum`) or a
/// media type (`application/xml`), not prose or a version (`3.0.x`).
fn is_path(word: &str) -> bool {
    !word.starts_with(|c: char| c.is_ascii_digit())
        && word.contains(char::is_alphanumeric)
        && (word.contains('/') || word.contains('[') || word.matches('.').count() >= 2)
}

/// Whether a quoted part is vocabulary: a keyword, or a keyword with a literal value
/// (`format: byte`, `additionalProperties: false`).
fn is_vocabulary(quoted: &str) -> bool {
    let (keyword, value) = match quoted.split_once(": ") {
        Some((k, v)) => (k, Some(v)),
        None => (quoted, None),
    };
    VOCABULARY.contains(&keyword)
        && value.is_none_or(|v| !v.is_empty() && v.chars().all(|c| c.is_ascii_alphabetic()))
}

/// Whether the text so far ends with a word that names what is quoted next.
fn after_naming_word(before: &str) -> bool {
    let word = before.trim_end().rsplit(|c: char| c.is_whitespace() || c == '(').next();
    word.is_some_and(|w| NAMING_WORDS.contains(&w))
}

/// `text` with each number that stands alone (not part of a word such as `4XX` or `int64`) as `N`.
fn numbers(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let starts_word = i > 0 && (chars[i - 1].is_alphanumeric() || chars[i - 1] == '_');
        if c.is_ascii_digit() && !starts_word {
            let mut end = i;
            while end < chars.len()
                && (chars[end].is_ascii_digit()
                    || (chars[end] == '.' && chars.get(end + 1).is_some_and(char::is_ascii_digit)))
            {
                end += 1;
            }
            let word_follows =
                |at: usize| chars.get(at).is_some_and(|c| c.is_alphanumeric() || *c == '_');
            let version = chars.get(end) == Some(&'.') && word_follows(end + 1);
            if !word_follows(end) && !version {
                out.push('N');
                i = end;
                continue;
            }
            out.extend(&chars[i..end]);
            i = end;
            continue;
        }
        out.push(c);
        i += 1;
    }
    out
}

/// Lists of placeholders ("`…`, `…` and `…`") as one placeholder, so a list's length does not make
/// another kind.
fn collapse_lists(mut text: String) -> String {
    for item in ["`…` (N×)", NAME, "…"] {
        for separator in [", ", " and ", " or ", ", and ", ", or "] {
            let pair = format!("{item}{separator}{item}");
            while text.contains(&pair) {
                text = text.replace(&pair, item);
            }
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(message: &str) -> String {
        kind_of(&variant(message))
    }

    #[test]
    fn names_and_numbers_become_placeholders() {
        assert_eq!(
            kind("path parameter `petId` does not appear in the path template `/pets/{id}`"),
            "path parameter `…` does not appear in the path template `…`"
        );
        assert_eq!(
            kind("path parameter `id` does not appear in the path template `/v2/{x}`"),
            kind("path parameter `petId` does not appear in the path template `/pets/{id}`"),
        );
        assert_eq!(
            kind("`minLength` 10 is greater than `maxLength` 2.5"),
            "`minLength` N is greater than `maxLength` N"
        );
        assert_eq!(
            kind("invalid type: string \"abc\", expected u16 at line 3 column 14"),
            "invalid type: string \"…\", expected u16 at line N column N"
        );
        assert_eq!(kind("`4XX` in int64, 2xx"), "`…` in int64, 2xx");
        assert_eq!(
            kind("only OpenAPI 3.0.x is supported, this document declares `3.1.0`"),
            "only OpenAPI 3.0.x is supported, this document declares `…`"
        );
    }

    #[test]
    fn paths_and_media_types_outside_quotes_are_names_too() {
        assert_eq!(
            kind(
                "invalid YAML: components.schemas.Device.properties.size.minimum: invalid type: integer `1e30` as i128, expected any YAML value"
            ),
            "invalid YAML: …: invalid type: integer `…` as i128, expected any YAML value"
        );
        assert_eq!(
            kind(
                "invalid YAML: paths./v2/x/{y}.get.responses.200.content.application/json.examples.a[3].ts: bad"
            ),
            "invalid YAML: …: bad"
        );
        assert_eq!(
            kind(
                "the response is also offered as application/xml; only `application/json` is generated"
            ),
            "the response is also offered as …; only `…` is generated"
        );
        assert_eq!(
            kind("`discriminator` outside `oneOf`/`anyOf` is not supported"),
            "`discriminator` outside `oneOf`/`anyOf` is not supported"
        );
    }

    #[test]
    fn vocabulary_stays_so_different_problems_stay_apart() {
        assert_eq!(
            kind("`callbacks` are not supported by the generator yet"),
            "`callbacks` are not supported by the generator yet"
        );
        assert_ne!(kind("`not` is not supported"), kind("`if` is not supported"));
        assert_eq!(
            kind("length or pattern constraints on `format: byte` are not supported"),
            "length or pattern constraints on `format: byte` are not supported"
        );
        assert_eq!(
            kind("`$ref: #/definitions/Pet` must point to `#/components/schemas/<name>` here"),
            "`…` must point to `…` here"
        );
    }

    #[test]
    fn a_name_that_looks_like_a_keyword_is_still_a_name() {
        let kind_of = |property: &str| {
            kind(&format!("required property `{property}` is not declared in `properties`"))
        };
        assert_eq!(kind_of("type"), "required property `…` is not declared in `properties`");
        assert_eq!(kind_of("type"), kind_of("customerId"));
        assert_eq!(
            kind("parameter `format` must be `required: true`"),
            "parameter `…` must be `required: true`"
        );
    }

    #[test]
    fn lists_of_any_length_are_one_kind() {
        let two = kind(
            "the response body is also offered as `text/xml` and `text/csv`; only `application/json` is generated",
        );
        let three = kind(
            "the response body is also offered as `a/b`, `c/d` and `e/f`; only `application/json` is generated",
        );
        assert_eq!(two, three);
        assert_eq!(two, "the response body is also offered as `…`; only `…` is generated");
        assert_eq!(
            kind("formats not checked by `validate()`: `uri` (3×), `email` (12×), `ipv4` (1×)"),
            "formats not checked by `validate()`: `…` (N×)"
        );
    }

    #[test]
    fn parenthesized_keyword_lists_are_variants_of_one_kind() {
        let message = |keywords: &str| {
            format!("this schema's keywords do not fit one type ({keywords}); check the `type`")
        };
        let mixed = variant(&message("`type: object` with `allOf`, `properties`"));
        let items = variant(&message("`items`"));
        assert_eq!(
            mixed,
            "this schema's keywords do not fit one type (`type: object` with `allOf`, `properties`); check the `type`"
        );
        assert_ne!(mixed, items);
        assert_eq!(kind_of(&mixed), kind_of(&items));
        assert_eq!(
            kind_of(&mixed),
            "this schema's keywords do not fit one type (…); check the `type`"
        );
        // Parentheses holding prose stay.
        assert_eq!(
            kind("`x-y` is not a Schema Object keyword (a typo?)"),
            "`…` is not a Schema Object keyword (a typo?)"
        );
        assert_eq!(kind("calls `validate()` (with `not`) twice"), "calls `validate()` (…) twice");
    }

    #[test]
    fn an_unclosed_quote_is_kept_as_text() {
        assert_eq!(kind("odd ` tick 12"), "odd ` tick N");
    }
}
