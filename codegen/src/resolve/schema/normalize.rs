//! Schemas `openapiv3` reads as "any" although they have one meaning, rewritten as that type
//! before anything else looks at them.

use std::borrow::Cow;

use indexmap::IndexMap;
use openapiv3::{
    AdditionalProperties, AnySchema, ObjectType, ReferenceOr, Schema, SchemaKind, Type,
};

use super::keywords::foreign_keywords;
use super::retype::retyped;
use crate::ir::Presence;

/// Schemas `openapiv3` reads as "any" although they have one clear meaning, rewritten as that type:
/// an `enum` of strings without `type` is a string enum, an object whose `anyOf`/`oneOf` only
/// lists properties that must be present together is that object (the rule itself is read by
/// [`presence_rule`]), object keywords without `type` are an object, object keywords beside an
/// `allOf` are one more of its parts, `type: object` with nothing but a `oneOf`, `anyOf` or
/// `allOf` is that composition, and the spellings [`retyped`] reads are their type.
pub(super) fn normalized(schema: &Schema) -> Cow<'_, Schema> {
    let SchemaKind::Any(any) = &schema.schema_kind else { return Cow::Borrowed(schema) };
    if let Some(typed) = without_foreign_keywords(schema, any) {
        return Cow::Owned(typed);
    }
    if let Some((typed, _)) = retyped(schema, any) {
        return Cow::Owned(typed);
    }
    let no_scalar_keywords = any.pattern.is_none()
        && any.multiple_of.is_none()
        && any.minimum.is_none()
        && any.maximum.is_none()
        && any.items.is_none()
        && any.format.is_none()
        && any.min_length.is_none()
        && any.max_length.is_none()
        && any.not.is_none();
    let object_keywords = !any.properties.is_empty()
        || !any.required.is_empty()
        || any.additional_properties.is_some();
    let objectish = matches!(any.typ.as_deref(), None | Some("object"))
        && no_scalar_keywords
        && any.enumeration.is_empty();
    let unions = !any.one_of.is_empty() || !any.any_of.is_empty();
    let kind = if any.typ.is_none()
        && no_scalar_keywords
        && !object_keywords
        && !unions
        && any.all_of.is_empty()
        && !any.enumeration.is_empty()
    {
        let values: Option<Vec<Option<String>>> = any
            .enumeration
            .iter()
            .map(|v| match v {
                serde_json::Value::String(s) => Some(Some(s.clone())),
                serde_json::Value::Null => Some(None),
                _ => None,
            })
            .collect();
        match values {
            Some(enumeration) => SchemaKind::Type(Type::String(openapiv3::StringType {
                enumeration,
                ..Default::default()
            })),
            None => return Cow::Borrowed(schema),
        }
    } else if objectish
        && any.all_of.is_empty()
        && (presence_alternatives(any).is_some()
            || (object_keywords && (!unions || narrows_declared_properties(any))))
    {
        // Object keywords without `type` (or with narrowing alternatives beside them), and a
        // presence rule with or without them, are an object.
        SchemaKind::Type(Type::Object(own_object(any)))
    } else if objectish && object_keywords && !unions && !any.all_of.is_empty() {
        // Properties beside an `allOf` hold as well as its parts (JSON Schema applies every
        // keyword): one more part, after the others, as a derived schema lists its own last.
        let mut all_of = any.all_of.clone();
        all_of.push(ReferenceOr::Item(Schema {
            schema_data: Default::default(),
            schema_kind: SchemaKind::Type(Type::Object(own_object(any))),
        }));
        SchemaKind::AllOf { all_of }
    } else if objectish
        && !object_keywords
        && [!any.one_of.is_empty(), !any.any_of.is_empty(), !any.all_of.is_empty()]
            .iter()
            .filter(|b| **b)
            .count()
            == 1
    {
        // `type: object` beside a `oneOf`, `anyOf` or `allOf` says what the parts already do.
        if !any.one_of.is_empty() {
            SchemaKind::OneOf { one_of: any.one_of.clone() }
        } else if !any.any_of.is_empty() {
            SchemaKind::AnyOf { any_of: any.any_of.clone() }
        } else {
            SchemaKind::AllOf { all_of: any.all_of.clone() }
        }
    } else {
        return Cow::Borrowed(schema);
    };
    Cow::Owned(Schema { schema_data: schema.schema_data.clone(), schema_kind: kind })
}

/// The object keywords of an "any" schema, as an object.
fn own_object(any: &AnySchema) -> ObjectType {
    ObjectType {
        properties: any.properties.clone(),
        required: any.required.clone(),
        additional_properties: any.additional_properties.clone(),
        min_properties: any.min_properties,
        max_properties: any.max_properties,
    }
}

/// A schema with an explicit `type` beside keywords of another type (which `openapiv3` reads as
/// "any"), as that type without them; `None` when that does not give a typed schema either.
fn without_foreign_keywords(schema: &Schema, any: &AnySchema) -> Option<Schema> {
    let typ = any.typ.as_deref()?;
    let serde_json::Value::Object(mut map) = serde_json::to_value(schema).ok()? else {
        return None;
    };
    let keys: Vec<String> = map.keys().cloned().collect();
    let foreign = foreign_keywords(typ, &keys.iter().map(String::as_str).collect::<Vec<_>>());
    if foreign.is_empty() {
        return None;
    }
    for keyword in foreign {
        map.remove(keyword);
    }
    let typed: Schema = serde_json::from_value(serde_json::Value::Object(map)).ok()?;
    (!matches!(typed.schema_kind, SchemaKind::Any(_))).then_some(typed)
}

/// The alternatives of an `anyOf`/`oneOf` (not both) that only list `required` properties.
pub(super) fn presence_alternatives(any: &AnySchema) -> Option<(Vec<Vec<String>>, bool)> {
    let (parts, exactly_one) = match (any.one_of.is_empty(), any.any_of.is_empty()) {
        (false, true) => (&any.one_of, true),
        (true, false) => (&any.any_of, false),
        _ => return None,
    };
    let alternatives = parts
        .iter()
        .map(|part| match part {
            ReferenceOr::Item(Schema { schema_kind: SchemaKind::Any(a), schema_data })
                if *a == AnySchema { required: a.required.clone(), ..AnySchema::default() }
                    && !a.required.is_empty()
                    && *schema_data == Default::default() =>
            {
                Some(a.required.clone())
            }
            ReferenceOr::Item(Schema {
                schema_kind: SchemaKind::Type(Type::Object(o)),
                schema_data,
            }) if o.properties.is_empty()
                && o.additional_properties.is_none()
                && !o.required.is_empty()
                && o.min_properties.is_none()
                && o.max_properties.is_none()
                && *schema_data == Default::default() =>
            {
                Some(o.required.clone())
            }
            _ => None,
        })
        .collect::<Option<Vec<_>>>()?;
    Some((alternatives, exactly_one))
}

/// Whether an object's `anyOf`/`oneOf` (not both) only narrows what the object declares: each
/// alternative is inline and constrains declared properties, requires some, or bounds how many are
/// present (`maxProperties: 0`: none at all), and adds none. Such
/// alternatives say which combinations of values are valid, not what the object holds.
pub(super) fn narrows_declared_properties(any: &AnySchema) -> bool {
    let parts = match (any.one_of.is_empty(), any.any_of.is_empty()) {
        (false, true) => &any.one_of,
        (true, false) => &any.any_of,
        _ => return false,
    };
    let declared = |properties: &IndexMap<String, ReferenceOr<Box<Schema>>>| {
        properties.keys().all(|name| any.properties.contains_key(name))
    };
    let open = |extra: &Option<AdditionalProperties>| {
        matches!(extra, None | Some(AdditionalProperties::Any(true)))
    };
    parts.iter().all(|part| match part {
        ReferenceOr::Item(Schema {
            schema_kind: SchemaKind::Type(Type::Object(o)),
            schema_data,
        }) => {
            declared(&o.properties)
                && open(&o.additional_properties)
                && schema_data.discriminator.is_none()
        }
        ReferenceOr::Item(Schema { schema_kind: SchemaKind::Any(a), schema_data }) => {
            let bare = AnySchema {
                typ: a.typ.clone(),
                properties: a.properties.clone(),
                required: a.required.clone(),
                additional_properties: a.additional_properties.clone(),
                min_properties: a.min_properties,
                max_properties: a.max_properties,
                ..AnySchema::default()
            };
            *a == bare
                && matches!(a.typ.as_deref(), None | Some("object"))
                && declared(&a.properties)
                && open(&a.additional_properties)
                && schema_data.discriminator.is_none()
        }
        _ => false,
    })
}

/// A schema as the file writes it, when it has a `oneOf` or `anyOf` (which `openapiv3` then reads as
/// "any", keeping them; checked on the raw keys first, as most schemas have neither).
pub(super) fn unions_as_written(raw: Option<&serde_yaml::Value>) -> Option<AnySchema> {
    let raw = raw.filter(|raw| matches!(raw, serde_yaml::Value::Mapping(map) if map.contains_key("oneOf") || map.contains_key("anyOf")))?;
    let value = serde_json::to_value(raw).ok()?;
    match serde_json::from_value::<Schema>(value).ok()?.schema_kind {
        SchemaKind::Any(any) => Some(any),
        _ => None,
    }
}

/// The same for a schema as the document has it: `openapiv3` reads an `anyOf` or `oneOf` beside
/// other keywords as "any", keeping them.
pub(super) fn unions_beside_keywords(schema: &Schema) -> Option<&AnySchema> {
    match &schema.schema_kind {
        SchemaKind::Any(any) if !any.one_of.is_empty() || !any.any_of.is_empty() => Some(any),
        _ => None,
    }
}

/// The presence rule of an object schema (see [`presence_alternatives`]).
pub(super) fn presence_rule(any: &AnySchema) -> Option<Presence> {
    let (alternatives, exactly_one) = presence_alternatives(any)?;
    Some(Presence { alternatives, exactly_one })
}
