//! `$ref`s to component schemas: named types, aliases resolved once, and cycles reported.

use openapiv3::{ReferenceOr, Schema, SchemaKind, Type};

use super::all_of::single_all_of_part;
use super::normalize::normalized;
use super::{Resolved, is_nullable};
use crate::ir::{Shape, ShapeKind};
use crate::pointer::Pointer;
use crate::resolve::Resolver;

impl Resolver<'_> {
    /// Resolves a schema or reference.
    pub(in crate::resolve) fn schema_or_ref(
        &mut self,
        schema: &ReferenceOr<Schema>,
        pointer: &Pointer,
        hint: &str,
    ) -> Resolved {
        match schema {
            ReferenceOr::Reference { reference } => self.schema_ref(reference, pointer),
            ReferenceOr::Item(schema) => self.schema(schema, pointer, hint),
        }
    }

    pub(super) fn boxed_schema_or_ref(
        &mut self,
        schema: &ReferenceOr<Box<Schema>>,
        pointer: &Pointer,
        hint: &str,
    ) -> Resolved {
        match schema {
            ReferenceOr::Reference { reference } => self.schema_ref(reference, pointer),
            ReferenceOr::Item(schema) => self.schema(schema, pointer, hint),
        }
    }

    fn schema_ref(&mut self, reference: &str, pointer: &Pointer) -> Resolved {
        let Some(name) = self.component_name(reference, "schemas", pointer) else {
            return Resolved::of(ShapeKind::AnyJson);
        };
        if let Some(&id) = self.component_types.get(&name) {
            let schema = self.component_schema(&name);
            let description = schema.and_then(|s| s.schema_data.description.clone());
            let nullable = schema.is_some_and(is_nullable);
            let one_way =
                schema.is_some_and(|s| s.schema_data.read_only || s.schema_data.write_only);
            let shape = Shape { nullable, ..Shape::plain(ShapeKind::Named(id)) };
            return Resolved { shape, description, one_way };
        }
        if self.component_schema_or_ref(&name).is_none() {
            self.error(pointer, format!("`$ref` target `{reference}` does not exist"));
            return Resolved::of(ShapeKind::AnyJson);
        }
        self.alias(&name, &component_pointer(&name))
    }

    /// Resolves a component schema that is not a named type (a string, an array, another reference)
    /// once, and reports a reference cycle instead of looping.
    pub(super) fn alias(&mut self, name: &str, pointer: &Pointer) -> Resolved {
        if let Some(done) = self.aliases.get(name) {
            if self.broken_aliases.contains(name) {
                self.poison += 1;
            }
            return done.clone();
        }
        if !self.aliases_in_progress.insert(name.to_owned()) {
            self.error(
                pointer,
                format!(
                    "schema `{name}` refers to itself through `$ref`s without an object in between"
                ),
            );
            return Resolved::of(ShapeKind::AnyJson);
        }
        let before = self.faults();
        let resolved = match self.component_schema_or_ref(name).cloned() {
            Some(ReferenceOr::Reference { reference }) => self.schema_ref(&reference, pointer),
            Some(ReferenceOr::Item(schema)) => self.schema(&schema, pointer, name),
            None => Resolved::of(ShapeKind::AnyJson),
        };
        if self.faults() > before {
            self.broken_aliases.insert(name.to_owned());
        }
        self.aliases_in_progress.remove(name);
        self.aliases.insert(name.to_owned(), resolved.clone());
        resolved
    }

    /// Whether a schema (following `$ref`s and one-part `allOf`s, a bounded number of steps so that
    /// cycles end) is an object or an `allOf` of objects.
    pub(super) fn is_object_schema(&self, schema: &ReferenceOr<Schema>) -> bool {
        self.is_object_schema_within(schema, 32)
    }

    fn is_object_schema_within(&self, schema: &ReferenceOr<Schema>, steps: usize) -> bool {
        let Some(steps) = steps.checked_sub(1) else { return false };
        match schema {
            ReferenceOr::Item(schema) => {
                let normalized = normalized(schema);
                match single_all_of_part(&normalized) {
                    Some((_, part)) => self.is_object_schema_within(part, steps),
                    None => match normalized.schema_kind {
                        SchemaKind::Type(Type::Object(_)) => true,
                        SchemaKind::AllOf { .. } => self.scalar_all_of(&normalized).is_none(),
                        _ => false,
                    },
                }
            }
            ReferenceOr::Reference { reference } => reference
                .strip_prefix("#/components/schemas/")
                .and_then(|name| self.component_schema_or_ref(name))
                .is_some_and(|target| self.is_object_schema_within(target, steps)),
        }
    }

    fn component_schema_or_ref(&self, name: &str) -> Option<&ReferenceOr<Schema>> {
        self.spec.document.components.as_ref()?.schemas.get(name)
    }

    pub(super) fn component_schema(&self, name: &str) -> Option<&Schema> {
        match self.component_schema_or_ref(name)? {
            ReferenceOr::Item(schema) => Some(schema),
            ReferenceOr::Reference { .. } => None,
        }
    }
}

pub(super) fn component_pointer(name: &str) -> Pointer {
    Pointer::root().join("components").join("schemas").join(name)
}
