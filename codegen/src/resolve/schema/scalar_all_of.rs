//! `allOf` of scalar parts (`allOf: [{$ref: Id}, {pattern: ...}]`): one scalar schema with every
//! part's keywords, when they combine exactly. JSON Schema applies every part, so the lower bounds
//! combine as the largest, the upper bounds as the smallest, and any other keyword may appear in
//! one part or repeat the same value; what does not combine so (two different patterns, formats or
//! enums, exclusive bounds that differ) is left to the `allOf` error.

use openapiv3::{AnySchema, ReferenceOr, Schema, SchemaKind, Type};
use serde_json::{Map, Value};

use super::all_of::single_all_of_part;
use crate::resolve::Resolver;

/// Keywords that describe without constraining: the first part's wins.
const ANNOTATIONS: &[&str] =
    &["description", "title", "example", "externalDocs", "xml", "default", "deprecated"];

impl Resolver<'_> {
    /// `schema`, an `allOf` of two or more scalar parts, as one scalar schema; `None` for anything
    /// else.
    pub(super) fn scalar_all_of(&self, schema: &Schema) -> Option<Schema> {
        self.scalar_all_of_within(schema, 8)
    }

    /// [`Self::scalar_all_of`], following at most `steps` `$ref`s and nested `allOf`s in all (a
    /// cycle gives up rather than looping).
    fn scalar_all_of_within(&self, schema: &Schema, steps: usize) -> Option<Schema> {
        let SchemaKind::AllOf { all_of } = &schema.schema_kind else { return None };
        let steps = steps.checked_sub(1)?;
        if single_all_of_part(schema).is_some() {
            return None;
        }
        let own = Schema {
            schema_data: schema.schema_data.clone(),
            schema_kind: SchemaKind::Any(AnySchema::default()),
        };
        let parts =
            all_of.iter().map(|part| self.scalar_part(part, steps)).collect::<Option<Vec<_>>>()?;
        let mut keyword_maps = Vec::new();
        for part in std::iter::once(own).chain(parts) {
            let Value::Object(keywords) = serde_json::to_value(&part).ok()? else { return None };
            keyword_maps.push(keywords);
        }
        // An exclusive bound and an inclusive one do not combine by comparing numbers alone.
        let exclusive = keyword_maps.iter().any(|keywords| {
            ["exclusiveMinimum", "exclusiveMaximum"]
                .iter()
                .any(|flag| keywords.get(*flag) == Some(&Value::Bool(true)))
        });
        let mut merged = Map::new();
        let mut nullable = true;
        for keywords in keyword_maps {
            if keywords.contains_key("type") {
                nullable &= keywords.get("nullable") == Some(&Value::Bool(true));
            }
            for (keyword, value) in keywords {
                combine(&mut merged, keyword, value, exclusive)?;
            }
        }
        merged.remove("nullable");
        if nullable {
            merged.insert("nullable".to_owned(), Value::Bool(true));
        }
        let combined: Schema = serde_json::from_value(Value::Object(merged)).ok()?;
        matches!(
            combined.schema_kind,
            SchemaKind::Type(
                Type::String(_) | Type::Integer(_) | Type::Number(_) | Type::Boolean(_)
            )
        )
        .then_some(combined)
    }

    /// One part, through `$ref`s (at most `steps` of them), when it is a plain schema or itself a
    /// scalar `allOf`.
    fn scalar_part(&self, part: &ReferenceOr<Schema>, steps: usize) -> Option<Schema> {
        match part {
            ReferenceOr::Item(schema) if matches!(schema.schema_kind, SchemaKind::AllOf { .. }) => {
                self.scalar_all_of_within(schema, steps)
            }
            // Objects, arrays and unions are no scalar parts: decided before anything is copied,
            // as most `allOf`s merge objects.
            ReferenceOr::Item(Schema {
                schema_kind:
                    SchemaKind::Type(Type::Object(_) | Type::Array(_))
                    | SchemaKind::OneOf { .. }
                    | SchemaKind::AnyOf { .. }
                    | SchemaKind::Not { .. },
                ..
            }) => None,
            ReferenceOr::Item(Schema { schema_kind: SchemaKind::Any(any), .. })
                if !any.properties.is_empty()
                    || !any.required.is_empty()
                    || any.additional_properties.is_some()
                    || any.items.is_some() =>
            {
                None
            }
            ReferenceOr::Item(schema) => Some(schema.clone()),
            ReferenceOr::Reference { reference } => {
                let name = reference.strip_prefix("#/components/schemas/")?;
                let target = self.spec.document.components.as_ref()?.schemas.get(name)?;
                self.scalar_part(target, steps.checked_sub(1)?)
            }
        }
    }
}

/// Adds `keyword: value` to `merged`; `None` when it does not combine with what is there. Numeric
/// bounds only combine when no part has an `exclusive` bound.
fn combine(
    merged: &mut Map<String, Value>,
    keyword: String,
    value: Value,
    exclusive: bool,
) -> Option<()> {
    let Some(present) = merged.get(&keyword) else {
        merged.insert(keyword, value);
        return Some(());
    };
    if *present == value || ANNOTATIONS.contains(&keyword.as_str()) || keyword == "nullable" {
        return Some(());
    }
    let (a, b) = (present.as_f64()?, value.as_f64()?);
    let tighter = match keyword.as_str() {
        "minLength" | "minItems" | "minProperties" => a.max(b),
        "maxLength" | "maxItems" | "maxProperties" => a.min(b),
        "minimum" if !exclusive => a.max(b),
        "maximum" if !exclusive => a.min(b),
        _ => return None,
    };
    let tighter = if tighter == a { present.clone() } else { value };
    merged.insert(keyword, tighter);
    Some(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn combined(parts: &[(&str, Value)]) -> Option<Map<String, Value>> {
        let exclusive = parts.iter().any(|(keyword, _)| keyword.starts_with("exclusive"));
        let mut merged = Map::new();
        for (keyword, value) in parts {
            combine(&mut merged, (*keyword).to_owned(), value.clone(), exclusive)?;
        }
        Some(merged)
    }

    #[test]
    fn bounds_combine_as_the_tighter_and_other_keywords_must_agree() {
        let merged = combined(&[
            ("type", "string".into()),
            ("minLength", 1.into()),
            ("minLength", 3.into()),
            ("maxLength", 9.into()),
            ("maxLength", 5.into()),
            ("pattern", "^a".into()),
            ("type", "string".into()),
            ("description", "first".into()),
            ("description", "second".into()),
        ])
        .unwrap();
        assert_eq!(merged["minLength"], 3);
        assert_eq!(merged["maxLength"], 5);
        assert_eq!(merged["description"], "first");
        assert!(combined(&[("pattern", "^a".into()), ("pattern", "^b".into())]).is_none());
        assert!(combined(&[("type", "string".into()), ("type", "integer".into())]).is_none());
        let exclusive =
            [("exclusiveMinimum", true.into()), ("minimum", 1.into()), ("minimum", 2.into())];
        assert!(combined(&exclusive).is_none());
    }
}
