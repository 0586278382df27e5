//! Schemas whose `type` is missing or whose values are written in another type's spelling, which
//! `openapiv3` reads as "any" although they have one reading: `items` without `type` (an array),
//! a lone `format` (the type the format belongs to), a string `enum` written as numbers (their
//! text), an integer `enum` written as strings of digits, and integer bounds written as floats
//! (`9223372036854776000`, the nearest double to `i64::MAX`). Each is a mistake: an error under the
//! workspace's strict policy, read as meant (with a warning) by `cargo xtask generate`.

use openapiv3::{AnySchema, Schema, SchemaKind};
use serde_json::{Map, Value};

use crate::pointer::Pointer;
use crate::resolve::Resolver;

impl Resolver<'_> {
    /// Reports a schema that [`retyped`] reads in another spelling, where it is resolved.
    pub(super) fn report_retyping(&mut self, schema: &Schema, pointer: &Pointer) {
        let SchemaKind::Any(any) = &schema.schema_kind else { return };
        if let Some((_, retyping)) = retyped(schema, any) {
            self.mistake(&pointer.join(retyping.keyword), &retyping.message, &retyping.then);
        }
    }
}

/// What a retyped schema said, for the mistake reported where it is resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Retyping {
    /// The keyword the mistake is reported at.
    pub keyword: &'static str,
    /// What the schema says.
    pub message: String,
    /// How it is read.
    pub then: String,
}

/// Keywords that describe a schema without constraining its values.
const ANNOTATIONS: &[&str] =
    &["description", "title", "example", "externalDocs", "deprecated", "default", "nullable"];

/// The schema as its one reading, with what was read differently; `None` when `schema` is not
/// such a spelling (or no rewrite gives a typed schema).
pub(super) fn retyped(schema: &Schema, any: &AnySchema) -> Option<(Schema, Retyping)> {
    let Value::Object(mut map) = serde_json::to_value(schema).ok()? else { return None };
    let retyping = match any.typ.as_deref() {
        None => implied_type(&mut map)?,
        Some("string") => enum_as_text(&mut map)?,
        Some("integer") => integers_from_text(&mut map).or_else(|| bounds_in_range(&mut map))?,
        _ => return None,
    };
    let typed: Schema = serde_json::from_value(Value::Object(map)).ok()?;
    (!matches!(typed.schema_kind, SchemaKind::Any(_))).then_some((typed, retyping))
}

/// `items`, or a lone `format`, without `type`: the type they belong to.
fn implied_type(map: &mut Map<String, Value>) -> Option<Retyping> {
    let constraining: Vec<&str> = map
        .keys()
        .map(String::as_str)
        .filter(|k| !k.starts_with("x-") && !ANNOTATIONS.contains(k))
        .collect();
    let array_only = ["items", "minItems", "maxItems", "uniqueItems"];
    let (typ, keyword) =
        if constraining.contains(&"items") && constraining.iter().all(|k| array_only.contains(k)) {
            ("array", "items")
        } else if constraining == ["format"] {
            let format = map.get("format")?.as_str()?;
            let typ = match format {
                "int32" | "int64" => "integer",
                "float" | "double" => "number",
                _ => "string",
            };
            (typ, "format")
        } else {
            return None;
        };
    map.insert("type".to_owned(), Value::from(typ));
    Some(Retyping {
        keyword,
        message: format!("`{keyword}` without `type`, which leaves any value valid"),
        then: format!("it is read as `type: {typ}`, the type `{keyword}` belongs to"),
    })
}

/// A string `enum` with values written as numbers or booleans: their text.
fn enum_as_text(map: &mut Map<String, Value>) -> Option<Retyping> {
    let values = map.get_mut("enum")?.as_array_mut()?;
    let mut changed = Vec::new();
    for value in values.iter_mut() {
        let text = match value {
            Value::Number(n) => n.to_string(),
            Value::Bool(b) => b.to_string(),
            _ => continue,
        };
        changed.push(text.clone());
        *value = Value::String(text);
    }
    (!changed.is_empty()).then(|| Retyping {
        keyword: "enum",
        message: format!(
            "`type: string` lists values that are not strings ({})",
            changed.join(", ")
        ),
        then: "they are read as their text".to_owned(),
    })
}

/// An integer `enum` whose values are all strings of digits: those integers.
fn integers_from_text(map: &mut Map<String, Value>) -> Option<Retyping> {
    let values = map.get_mut("enum")?.as_array_mut()?;
    let numbers: Vec<Value> = values
        .iter()
        .map(|value| match value {
            Value::String(text) => text.parse::<i64>().ok().map(Value::from),
            Value::Number(n) if n.is_i64() => Some(value.clone()),
            Value::Null => Some(Value::Null),
            _ => None,
        })
        .collect::<Option<_>>()?;
    if numbers == *values {
        return None;
    }
    *values = numbers;
    Some(Retyping {
        keyword: "enum",
        message: "`type: integer` lists its values as strings of digits".to_owned(),
        then: "they are read as the integers they spell".to_owned(),
    })
}

/// Integer bounds written as floats: a whole number is that integer; one beyond the 64-bit range
/// (`9223372036854776000` is the nearest double to `i64::MAX`) bounds nothing an `i64` can hold,
/// so it is left out.
fn bounds_in_range(map: &mut Map<String, Value>) -> Option<Retyping> {
    let mut left_out = Vec::new();
    let mut changed = false;
    for keyword in ["minimum", "maximum", "multipleOf"] {
        let Some(Value::Number(bound)) = map.get(keyword) else { continue };
        if bound.is_i64() {
            continue;
        }
        let value = bound.as_f64()?;
        if value.fract() != 0.0 {
            return None;
        }
        changed = true;
        // `i64::MAX as f64` rounds up to 2^63, the first double beyond the range.
        if value >= i64::MAX as f64 || value < i64::MIN as f64 {
            if keyword == "multipleOf" {
                return None;
            }
            left_out.push(format!("`{keyword}`"));
            map.remove(keyword);
        } else {
            map.insert(keyword.to_owned(), Value::from(value as i64));
        }
    }
    if !changed {
        return None;
    }
    let (keyword, message, then) = match left_out.first() {
        Some(_) => (
            if left_out[0] == "`minimum`" { "minimum" } else { "maximum" },
            format!("`type: integer` has {} beyond the 64-bit range", left_out.join(" and ")),
            "it bounds nothing an `i64` holds and is left out".to_owned(),
        ),
        None => (
            "type",
            "`type: integer` has bounds written as decimals".to_owned(),
            "they are read as the integers they equal".to_owned(),
        ),
    };
    Some(Retyping { keyword, message, then })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(json: &str) -> Option<(String, Retyping)> {
        let schema: Schema = serde_json::from_str(json).unwrap();
        let SchemaKind::Any(any) = &schema.schema_kind else { panic!("{json} is typed already") };
        retyped(&schema, any).map(|(s, r)| (serde_json::to_string(&s).unwrap(), r))
    }

    #[test]
    fn items_without_type_are_an_array() {
        let (schema, why) = read(r#"{"items": {"type": "string"}, "description": "d"}"#).unwrap();
        assert_eq!(schema, r#"{"description":"d","type":"array","items":{"type":"string"}}"#);
        assert_eq!(why.keyword, "items");
    }

    #[test]
    fn a_lone_format_is_its_type() {
        assert!(read(r#"{"format": "binary"}"#).unwrap().0.contains(r#""type":"string""#));
        assert!(read(r#"{"format": "int64"}"#).unwrap().0.contains(r#""type":"integer""#));
        assert!(read(r#"{"format": "double"}"#).unwrap().0.contains(r#""type":"number""#));
        assert_eq!(read(r#"{"format": "binary", "minimum": 1}"#), None);
    }

    #[test]
    fn enums_in_another_spelling_are_read_as_their_type() {
        let (schema, _) = read(r#"{"type": "string", "enum": [1, "two", true]}"#).unwrap();
        assert!(schema.contains(r#""enum":["1","two","true"]"#), "{schema}");
        let (schema, _) = read(r#"{"type": "integer", "enum": ["0", "1"]}"#).unwrap();
        assert!(schema.contains(r#""enum":[0,1]"#), "{schema}");
        assert_eq!(read(r#"{"type": "integer", "enum": ["Primary", "Secondary"]}"#), None);
    }

    #[test]
    fn integer_bounds_beyond_the_range_are_left_out() {
        let json = r#"{"type": "integer", "minimum": 1, "maximum": 9223372036854776000}"#;
        let (schema, why) = read(json).unwrap();
        assert!(schema.contains(r#""minimum":1"#) && !schema.contains("maximum"), "{schema}");
        assert_eq!(why.message, "`type: integer` has `maximum` beyond the 64-bit range");
        assert_eq!(read(r#"{"type": "integer", "minimum": 0.5}"#), None);
    }
}
