//! Schemas to shapes and named types: the entry points, and what every part shares.

use openapiv3::{ReferenceOr, Schema, SchemaKind, Type};

use crate::ir::{Constraints, Shape, ShapeKind};
use crate::pointer::Pointer;
use crate::resolve::Resolver;
use all_of::{all_of_annotations, single_all_of_part};
use normalize::{normalized, presence_alternatives};
use refs::component_pointer;
mod all_of;
mod keywords;
mod named;
mod normalize;
mod pattern;
mod primitives;
mod refs;
mod retype;
mod scalar_all_of;

/// A schema, resolved: its shape, the description to document it with, and its access mode.
#[derive(Debug, Clone)]
pub(in crate::resolve) struct Resolved {
    pub shape: Shape,
    pub description: Option<String>,
    /// `readOnly` (sent only by the server) or `writeOnly` (sent only by the client).
    pub one_way: bool,
}

impl Resolved {
    pub(super) fn of(kind: ShapeKind) -> Self {
        Self { shape: Shape::plain(kind), description: None, one_way: false }
    }
}

/// The variant kept for values a newer server may send.
pub(crate) const UNKNOWN_VARIANT: &str = "Unknown";

impl Resolver<'_> {
    /// Gives every component schema that becomes a named type its id and name, in spec order, so
    /// that references to it resolve before (and while) its body is built.
    pub(in crate::resolve) fn declare_component_types(&mut self) {
        let Some(components) = &self.spec.document.components else { return };
        for (name, schema) in &components.schemas {
            let ReferenceOr::Item(schema) = schema else { continue };
            let normalized = normalized(schema);
            // An `allOf` standing for one scalar or enum is that type, resolved where it is used;
            // one standing for an object stays a struct of its own name.
            let wraps_non_object = single_all_of_part(&normalized)
                .is_some_and(|(_, part)| !self.is_object_schema(part));
            let scalar = self.scalar_all_of(&normalized).is_some();
            if is_named_type(schema, &normalized) && !wraps_non_object && !scalar {
                let pointer = component_pointer(name);
                let (id, _) = self.declare_type(name, &pointer);
                self.component_types.insert(name.clone(), id);
            }
        }
    }

    /// Builds the bodies of the component types declared earlier.
    pub(in crate::resolve) fn define_component_types(&mut self) {
        let Some(components) = &self.spec.document.components else { return };
        for (name, schema) in &components.schemas {
            let pointer = component_pointer(name);
            match (schema, self.component_types.get(name).copied()) {
                (ReferenceOr::Item(schema), Some(id)) => {
                    self.check_schema_keys(&pointer);
                    self.report_retyping(schema, &pointer);
                    self.define_named(&normalized(schema), Some(schema), &pointer, id);
                }
                // Aliases are resolved where they are used, but checked even when nothing uses them.
                _ => {
                    self.alias(name, &pointer);
                }
            }
        }
    }

    /// Resolves an inline schema.
    pub(super) fn schema(&mut self, original: &Schema, pointer: &Pointer, hint: &str) -> Resolved {
        self.schema_as(original, Some(original), pointer, hint)
    }

    /// Resolves `original`, which is the document's schema at `pointer` when it is `as_written`
    /// (and one made from it otherwise).
    fn schema_as(
        &mut self,
        original: &Schema,
        as_written: Option<&Schema>,
        pointer: &Pointer,
        hint: &str,
    ) -> Resolved {
        let normalized = normalized(original);
        if let Some(scalar) = self.scalar_all_of(&normalized) {
            return self.schema_as(&scalar, None, pointer, hint);
        }
        let schema = &*normalized;
        self.check_schema_keys(pointer);
        self.report_retyping(original, pointer);
        let data = &schema.schema_data;
        let one_way = data.read_only || data.write_only;
        if let Some((index, part)) = single_all_of_part(schema) {
            // `allOf: [{$ref: X}]` gives X a description or `nullable` here; it is X.
            let mut resolved = self.schema_or_ref(part, &pointer.join("allOf").join(index), hint);
            resolved.shape.nullable |=
                is_nullable(schema) || all_of_annotations(schema).any(|a| a.schema_data.nullable);
            resolved.description = with_default(schema)
                .or_else(|| {
                    all_of_annotations(schema).find_map(|a| a.schema_data.description.clone())
                })
                .or(resolved.description);
            resolved.one_way |= one_way;
            return resolved;
        }
        if is_named_type(original, schema) {
            let values = inline_enum_values(schema);
            if let Some(&id) = values.as_ref().and_then(|v| self.inline_enums.get(v)) {
                let shape =
                    Shape { nullable: is_nullable(schema), ..Shape::plain(ShapeKind::Named(id)) };
                return Resolved { shape, description: data.description.clone(), one_way };
            }
            let (id, _) = self.declare_type(hint, pointer);
            self.define_named(schema, as_written, pointer, id);
            if let Some(values) = values {
                self.inline_enums.insert(values, id);
            }
            let id = self.intern_inline_struct(id);
            let shape =
                Shape { nullable: is_nullable(schema), ..Shape::plain(ShapeKind::Named(id)) };
            return Resolved { shape, description: data.description.clone(), one_way };
        }
        self.check_schema_data(schema, pointer);
        let mut shape = match &schema.schema_kind {
            SchemaKind::Type(Type::String(s)) => self.string(s, pointer),
            SchemaKind::Type(Type::Integer(i)) => self.integer(i, pointer),
            SchemaKind::Type(Type::Number(n)) => self.number(n, pointer),
            SchemaKind::Type(Type::Boolean(b)) => {
                let allowed: Vec<bool> = b.enumeration.iter().flatten().copied().collect();
                let constraints = Constraints {
                    allowed_booleans: (!allowed.is_empty()).then_some(allowed),
                    ..Constraints::default()
                };
                Shape { kind: ShapeKind::Boolean, constraints, nullable: false }
            }
            SchemaKind::Type(Type::Array(a)) => self.array(a, pointer, hint),
            SchemaKind::Type(Type::Object(o)) => self.free_form_object(o, pointer, hint),
            SchemaKind::AllOf { .. } => {
                self.unsupported(pointer, "allOf", "only `allOf` of objects is supported")
            }
            SchemaKind::Not { .. } => self.unsupported(
                pointer,
                "not",
                "`not` schemas are not supported by the generator yet",
            ),
            SchemaKind::OneOf { .. } | SchemaKind::AnyOf { .. } => Shape::plain(ShapeKind::AnyJson),
            SchemaKind::Any(any) => self.any(any, pointer),
        };
        shape.nullable = is_nullable(schema);
        Resolved { shape, description: with_default(schema), one_way }
    }
}

/// The description, with the access mode and the documented default appended.
pub(super) fn with_default(schema: &Schema) -> Option<String> {
    let data = &schema.schema_data;
    let mut notes = Vec::new();
    if data.read_only {
        notes.push("Read-only: sent by the server, not accepted in requests.".to_owned());
    }
    if data.write_only {
        notes.push("Write-only: accepted in requests, never returned.".to_owned());
    }
    if let Some(default) = &data.default {
        notes.push(format!("Default: `{default}`."));
    }
    let text = data.description.clone().or_else(|| data.title.clone());
    match (text, notes.is_empty()) {
        (text, true) => text,
        (Some(text), false) => Some(format!("{text}\n\n{}", notes.join(" "))),
        (None, false) => Some(notes.join(" ")),
    }
}

/// `nullable: true`, or a string enum that lists `null`.
pub(super) fn is_nullable(schema: &Schema) -> bool {
    let null_in_enum = match &schema.schema_kind {
        SchemaKind::Type(Type::String(s)) => s.enumeration.iter().any(Option::is_none),
        SchemaKind::Type(Type::Integer(i)) => i.enumeration.iter().any(Option::is_none),
        SchemaKind::Type(Type::Number(n)) => n.enumeration.iter().any(Option::is_none),
        SchemaKind::Type(Type::Boolean(b)) => b.enumeration.iter().any(Option::is_none),
        _ => false,
    };
    schema.schema_data.nullable || null_in_enum
}

/// Whether a schema (`original`, and as [`normalized`]) becomes a named Rust type: an object with
/// properties, required ones or a presence rule, a string enum, a union or an `allOf`.
fn is_named_type(original: &Schema, schema: &Schema) -> bool {
    match &schema.schema_kind {
        SchemaKind::Type(Type::Object(object)) => {
            !object.properties.is_empty()
                || !object.required.is_empty()
                || matches!(&original.schema_kind, SchemaKind::Any(any) if presence_alternatives(any).is_some())
        }
        SchemaKind::Type(Type::String(string)) => string.enumeration.iter().any(Option::is_some),
        SchemaKind::OneOf { .. } | SchemaKind::AnyOf { .. } | SchemaKind::AllOf { .. } => true,
        _ => false,
    }
}

/// The values of a plain inline string enum (no constraints that would set it apart), for sharing.
fn inline_enum_values(schema: &Schema) -> Option<Vec<String>> {
    match &schema.schema_kind {
        SchemaKind::Type(Type::String(s))
            if s.pattern.is_none() && s.min_length.is_none() && s.max_length.is_none() =>
        {
            Some(s.enumeration.iter().flatten().cloned().collect())
        }
        _ => None,
    }
}
