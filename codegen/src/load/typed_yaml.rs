//! The typed reading of a YAML document: from its raw value, which costs a fraction of parsing the
//! text a second time, and from the text only when the value does not read.
//!
//! The two readings agree wherever the one from the value succeeds: the value's scalars were
//! resolved by the same rules the text reading applies. They differ where a string is expected and
//! the file has a plain scalar that resolves to something else (`version: 1.0`): the text reading
//! takes its text, the value reading refuses it. So a refusal falls back to the text, which also
//! gives an error its line.

use serde::Deserialize;
use serde_yaml::Value;

use openapiv3::OpenAPI;

use super::{Typed, message_of};

/// The typed document of `raw`, parsed from `text`.
pub(super) fn read(raw: &Value, text: &str) -> Typed {
    from_value(raw).map(Ok).unwrap_or_else(|| from_text(text, Line::Known))
}

/// The typed document of a raw value rewritten after parsing: its text is the value written out,
/// whose lines are not the file's.
pub(super) fn read_rewritten(raw: &Value) -> Typed {
    from_value(raw).map(Ok).unwrap_or_else(|| match serde_yaml::to_string(raw) {
        Ok(text) => from_text(&text, Line::Unknown),
        Err(err) => Err((None, message_of(&err))),
    })
}

/// Whether an error's line is a line of the file.
#[derive(Clone, Copy)]
enum Line {
    Known,
    Unknown,
}

fn from_value(raw: &Value) -> Option<OpenAPI> {
    // `openapiv3` panics on some malformed documents; the text reading then reports them.
    std::panic::catch_unwind(|| OpenAPI::deserialize(raw).ok()).ok().flatten()
}

fn from_text(text: &str, line: Line) -> Typed {
    let read = || serde_yaml::from_str::<OpenAPI>(text);
    match std::panic::catch_unwind(read) {
        Ok(Ok(document)) => Ok(document),
        Ok(Err(err)) => {
            let at = match line {
                Line::Known => err.location().map(|l| l.line()),
                Line::Unknown => None,
            };
            Err((at, message_of(&err)))
        }
        // A bug of `openapiv3` or serde, not the input's.
        Err(_) => Err((None, "unreadable".to_owned())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn both_ways(text: &str) -> (Option<OpenAPI>, Typed) {
        let raw: Value = serde_yaml::from_str(text).expect("the test's YAML parses");
        (from_value(&raw), from_text(text, Line::Known))
    }

    const DOCUMENT: &str = r#"
openapi: 3.0.3
info: {title: T, version: "1"}
paths:
  /things/{id}:
    get:
      parameters:
        - {name: id, in: path, required: true, schema: {type: integer, minimum: 1, maximum: 1e3}}
        - {name: when, in: query, schema: {type: string, format: date-time, default: ~}}
      responses:
        200:
          description: ok
          content:
            application/json:
              schema: {type: object, example: {a: 1.5, b: [true, null, "x"]}, x-thing: 0x1F}
        '404': {description: gone}
components:
  schemas:
    Anchor: &anchor {type: string, enum: [a, "1", yes]}
    Again: *anchor
"#;

    #[test]
    fn a_document_read_from_its_value_is_the_document_read_from_its_text() {
        let (from_value, from_text) = both_ways(DOCUMENT);
        let from_text = from_text.expect("the test document is valid");
        assert_eq!(from_value, Some(from_text));
    }

    #[test]
    fn a_plain_scalar_where_a_string_belongs_is_read_from_the_text() {
        let text = DOCUMENT.replace(r#"version: "1""#, "version: 1.0");
        let (from_value, from_text) = both_ways(&text);
        assert_eq!(from_value, None);
        let raw: Value = serde_yaml::from_str(&text).expect("the test's YAML parses");
        let document = read(&raw, &text).expect("the text reading takes the scalar's text");
        assert_eq!(document.info.version, "1.0");
        assert_eq!(Ok(document), from_text);
    }

    #[test]
    fn an_invalid_document_is_reported_with_the_line_of_its_text() {
        let text = DOCUMENT.replace("required: true", "required: often");
        let raw: Value = serde_yaml::from_str(&text).expect("the test's YAML parses");
        let (line, _) = read(&raw, &text).expect_err("`required` is a boolean");
        // The path item's line: `openapiv3` reads a path item as a whole.
        assert_eq!(line, Some(5));
        let (line, _) = read_rewritten(&raw).expect_err("`required` is a boolean");
        assert_eq!(line, None);
    }
}
