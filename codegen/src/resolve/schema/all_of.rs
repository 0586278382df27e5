//! `allOf`: objects merged into one, and one type beside parts that only annotate it.

use openapiv3::{AnySchema, ObjectType, ReferenceOr, Schema, SchemaKind, Type};

use super::normalize::normalized;
use crate::pointer::Pointer;
use crate::resolve::Resolver;

impl Resolver<'_> {
    /// Merges the parts of an `allOf` into one object: properties in order, `required` united. Every
    /// part must be an object (inline or through `$ref`, possibly itself an `allOf`).
    pub(super) fn merge_all_of(
        &mut self,
        parts: &[ReferenceOr<Schema>],
        pointer: &Pointer,
        depth: usize,
    ) -> Option<ObjectType> {
        if depth > 16 {
            self.error(pointer, "`allOf` nests too deeply (a cycle?)");
            return None;
        }
        let mut merged = ObjectType::default();
        for (index, part) in parts.iter().enumerate() {
            let part_pointer = pointer.join(index);
            let schema = match part {
                ReferenceOr::Item(schema) => schema.clone(),
                ReferenceOr::Reference { reference } => {
                    let name = self.component_name(reference, "schemas", &part_pointer)?;
                    let Some(schema) = self.component_schema(&name).cloned() else {
                        self.error(
                            &part_pointer,
                            format!(
                                "`$ref` target `{reference}` does not exist or is itself a `$ref`"
                            ),
                        );
                        return None;
                    };
                    schema
                }
            };
            if annotation_only(part).is_some() {
                // Prose beside the objects: nothing to merge.
                continue;
            }
            let object = match &normalized(&schema).schema_kind {
                SchemaKind::Type(Type::Object(object)) => object.clone(),
                SchemaKind::AllOf { all_of } => {
                    self.merge_all_of(all_of, &part_pointer.join("allOf"), depth + 1)?
                }
                _ => {
                    self.error(&part_pointer, "only `allOf` of objects, or of one type or `$ref` beside parts that only annotate it, is supported by the generator yet");
                    return None;
                }
            };
            for (name, property) in object.properties {
                merged.properties.insert(name, property);
            }
            for name in object.required {
                if !merged.required.contains(&name) {
                    merged.required.push(name);
                }
            }
            if object.additional_properties.is_some() {
                merged.additional_properties = object.additional_properties;
            }
            // Every part holds, so the tightest bounds do.
            merged.min_properties = merged.min_properties.max(object.min_properties);
            merged.max_properties = match (merged.max_properties, object.max_properties) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            };
        }
        Some(merged)
    }
}

/// The one part of an `allOf` that has a type or reference, when the others only annotate
/// (`description`, `nullable` and the like, no type keywords), with its index.
pub(super) fn single_all_of_part(schema: &Schema) -> Option<(usize, &ReferenceOr<Schema>)> {
    let SchemaKind::AllOf { all_of } = &schema.schema_kind else { return None };
    let mut typed = all_of.iter().enumerate().filter(|(_, part)| annotation_only(part).is_none());
    let single = typed.next()?;
    typed.next().is_none().then_some(single)
}

/// An `allOf` part without type keywords: it only annotates.
fn annotation_only(part: &ReferenceOr<Schema>) -> Option<&Schema> {
    match part {
        ReferenceOr::Item(schema @ Schema { schema_kind: SchemaKind::Any(any), .. })
            if *any == AnySchema::default() =>
        {
            Some(schema)
        }
        _ => None,
    }
}

/// The annotating parts of an `allOf` (see [`single_all_of_part`]).
pub(super) fn all_of_annotations(schema: &Schema) -> impl Iterator<Item = &Schema> {
    let parts = match &schema.schema_kind {
        SchemaKind::AllOf { all_of } => all_of.as_slice(),
        _ => &[],
    };
    parts.iter().filter_map(annotation_only)
}
