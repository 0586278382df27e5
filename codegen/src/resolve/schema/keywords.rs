//! Keyword checks: typos, keywords of another type, and keywords the generator does not
//! implement.

use openapiv3::{AnySchema, Schema, SchemaKind};

use crate::ir::{Shape, ShapeKind};
use crate::pointer::Pointer;
use crate::resolve::Resolver;

/// Keywords of the OpenAPI 3.0 Schema Object. Any other key (except `x-` extensions) is reported,
/// because parsers ignore it silently: a typo such as `requried` or `maxlength` would otherwise change
/// the generated type without anyone noticing.
const SCHEMA_KEYWORDS: &[&str] = &[
    "$ref",
    "title",
    "multipleOf",
    "maximum",
    "exclusiveMaximum",
    "minimum",
    "exclusiveMinimum",
    "maxLength",
    "minLength",
    "pattern",
    "maxItems",
    "minItems",
    "uniqueItems",
    "maxProperties",
    "minProperties",
    "required",
    "enum",
    "type",
    "allOf",
    "oneOf",
    "anyOf",
    "not",
    "items",
    "properties",
    "additionalProperties",
    "description",
    "format",
    "default",
    "nullable",
    "discriminator",
    "readOnly",
    "writeOnly",
    "xml",
    "externalDocs",
    "example",
    "deprecated",
];

/// JSON Schema keywords that OpenAPI 3.0 schemas do not have. The loader rewrites those of an
/// OpenAPI 3.1 document that have a 3.0 reading; any left (`$dynamicRef`, or one in a 3.0 document)
/// is reported as such rather than as a typo.
const JSON_SCHEMA_ONLY: &[&str] = &[
    "const",
    "examples",
    "prefixItems",
    "contains",
    "minContains",
    "maxContains",
    "patternProperties",
    "propertyNames",
    "dependentRequired",
    "dependentSchemas",
    "unevaluatedProperties",
    "unevaluatedItems",
    "if",
    "then",
    "else",
    "$id",
    "$schema",
    "$anchor",
    "$dynamicRef",
    "$dynamicAnchor",
    "$recursiveRef",
    "$recursiveAnchor",
    "$defs",
    "definitions",
    "dependencies",
    "$comment",
    "$vocabulary",
    "contentMediaType",
    "contentEncoding",
    "contentSchema",
];

/// JSON Schema keywords that hold annotations or schemas for `$ref`s, and constrain no value: a
/// schema means the same without them.
const CONSTRAIN_NOTHING: &[&str] = &["definitions", "$defs", "$comment", "$schema", "examples"];

/// The keywords that constrain values of each type. JSON Schema applies a keyword only to values
/// of its type, so beside an explicit `type` the others constrain nothing.
const TYPE_KEYWORDS: &[(&str, &[&str])] = &[
    ("string", &["pattern", "minLength", "maxLength", "format", "enum"]),
    (
        "integer",
        &[
            "multipleOf",
            "minimum",
            "maximum",
            "exclusiveMinimum",
            "exclusiveMaximum",
            "format",
            "enum",
        ],
    ),
    (
        "number",
        &[
            "multipleOf",
            "minimum",
            "maximum",
            "exclusiveMinimum",
            "exclusiveMaximum",
            "format",
            "enum",
        ],
    ),
    ("boolean", &["enum"]),
    ("array", &["items", "minItems", "maxItems", "uniqueItems"]),
    (
        "object",
        &["properties", "required", "additionalProperties", "minProperties", "maxProperties"],
    ),
];

impl Resolver<'_> {
    pub(super) fn unsupported(&mut self, pointer: &Pointer, keyword: &str, message: &str) -> Shape {
        self.error(&pointer.join(keyword), message);
        Shape::plain(ShapeKind::AnyJson)
    }

    /// Reports schema-level keywords the emitters do not implement yet.
    pub(super) fn check_schema_data(&mut self, schema: &Schema, pointer: &Pointer) {
        let tagged =
            matches!(schema.schema_kind, SchemaKind::OneOf { .. } | SchemaKind::AnyOf { .. });
        if schema.schema_data.discriminator.is_some() && !tagged {
            // A base schema of `allOf` inheritance names the property that tells its subtypes
            // apart; the base itself is still an ordinary object.
            self.mistake(
                &pointer.join("discriminator"),
                "`discriminator` outside `oneOf`/`anyOf` chooses nothing here (on the base of `allOf` inheritance, it is the subtypes that say which they are)",
                "it is ignored: the schema is decoded as declared, the property an ordinary field",
            );
        }
    }

    /// `openapiv3` parses any schema whose keywords do not fit one type as "any". Only a schema
    /// without type keywords really means any JSON value; anything else is reported with the keywords
    /// that caused it.
    pub(super) fn any(&mut self, any: &AnySchema, pointer: &Pointer) -> Shape {
        if let Some(typ) = &any.typ
            && !["string", "integer", "number", "boolean", "array", "object"]
                .contains(&typ.as_str())
        {
            self.error(&pointer.join("type"), format!("unknown schema type `{typ}`"));
            return Shape::plain(ShapeKind::AnyJson);
        }
        let keywords = present_keywords(self.raw_at(pointer));
        if keywords.is_empty() {
            return Shape::plain(ShapeKind::AnyJson);
        }
        if keywords == ["`properties`"] && *any == AnySchema::default() {
            // `properties: {}` alone: an object that declares no property.
            self.mistake(
                &pointer.join("properties"),
                "`properties` without `type`, which leaves any value valid",
                "it is read as an object that declares no property",
            );
            return Shape::plain(ShapeKind::JsonObject);
        }
        let typ = any.typ.as_deref().map(|t| format!("`type: {t}` with ")).unwrap_or_default();
        self.error(
            pointer,
            format!("this schema's keywords do not fit one type ({typ}{}); check for a wrong `type` or a keyword of another type", keywords.join(", ")),
        );
        Shape::plain(ShapeKind::AnyJson)
    }

    /// Reports keys that are not Schema Object keywords.
    pub(super) fn check_schema_keys(&mut self, pointer: &Pointer) {
        let Some(serde_yaml::Value::Mapping(map)) = self.raw_at(pointer) else { return };
        let unknown: Vec<String> = map
            .keys()
            .filter_map(|k| k.as_str())
            .filter(|k| !k.starts_with("x-") && !SCHEMA_KEYWORDS.contains(k))
            .map(str::to_owned)
            .collect();
        for key in unknown {
            if CONSTRAIN_NOTHING.contains(&key.as_str()) {
                let message = format!(
                    "`{key}` is a JSON Schema keyword that OpenAPI 3.0 schemas do not have"
                );
                let then = if ["definitions", "$defs"].contains(&key.as_str()) {
                    "it constrains no value, so it is ignored (schemas in it are generated where `$ref`s use them)"
                } else {
                    "it is an annotation that constrains no value, so it is ignored"
                };
                self.mistake(&pointer.join(&key), &message, then);
                continue;
            }
            let message = if JSON_SCHEMA_ONLY.contains(&key.as_str()) {
                format!(
                    "`{key}` is a JSON Schema keyword that OpenAPI 3.0 schemas do not have, and the generator does not read it here; OpenAPI 3.0 parsers would silently ignore it"
                )
            } else {
                format!(
                    "`{key}` is not a Schema Object keyword (a typo?); OpenAPI parsers would silently ignore it"
                )
            };
            self.error(&pointer.join(&key), message);
        }
        let keys: Vec<&str> = map.keys().filter_map(|k| k.as_str()).collect();
        let beside_all_of: Vec<&str> = keys
            .iter()
            .copied()
            .filter(|k| ["properties", "required", "additionalProperties"].contains(k))
            .collect();
        if keys.contains(&"allOf")
            && !beside_all_of.is_empty()
            && !keys.iter().any(|k| ["oneOf", "anyOf"].contains(k))
        {
            self.mistake(
                &pointer.join(beside_all_of[0]),
                &format!("`{}` beside `allOf`: JSON Schema applies both, which OpenAPI 3.0 specs usually write as one more `allOf` part", beside_all_of.join("`, `")),
                "it is read as the last part of the `allOf`",
            );
        }
        if let Some(serde_yaml::Value::String(typ)) = map.get("type") {
            for keyword in foreign_keywords(typ, &keys) {
                self.mistake(
                    &pointer.join(keyword),
                    &format!("`{keyword}` does not apply to `type: {typ}`, so it constrains nothing (a wrong `type`, or a keyword meant for another schema?)"),
                    "it is ignored",
                );
            }
        }
    }
}

/// The keywords among `keys` that belong to other types than `typ` (none for an unknown type, or
/// beside a composition, whose parts may be of any type).
pub(super) fn foreign_keywords<'k>(typ: &str, keys: &[&'k str]) -> Vec<&'k str> {
    let Some((_, own)) = TYPE_KEYWORDS.iter().find(|(t, _)| *t == typ) else { return Vec::new() };
    if keys.iter().any(|k| ["oneOf", "anyOf", "allOf", "not"].contains(k)) {
        return Vec::new();
    }
    keys.iter()
        .copied()
        .filter(|k| {
            !own.contains(k) && TYPE_KEYWORDS.iter().any(|(_, keywords)| keywords.contains(k))
        })
        .collect()
}

/// The keywords present in a schema that carry meaning (for the "does not fit one type" message).
fn present_keywords(raw: Option<&serde_yaml::Value>) -> Vec<String> {
    const NOT_TYPE: &[&str] = &[
        "description",
        "title",
        "example",
        "externalDocs",
        "deprecated",
        "default",
        "type",
        "nullable",
        "readOnly",
        "writeOnly",
    ];
    let Some(serde_yaml::Value::Mapping(map)) = raw else { return Vec::new() };
    // JSON Schema keywords that OpenAPI 3.0 lacks are reported on their own.
    map.keys()
        .filter_map(|k| k.as_str())
        .filter(|k| !k.starts_with("x-") && !NOT_TYPE.contains(k) && !JSON_SCHEMA_ONLY.contains(k))
        .map(|k| format!("`{k}`"))
        .collect()
}
