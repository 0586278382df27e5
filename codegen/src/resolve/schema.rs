//! Schemas to shapes and named types.

use std::borrow::Cow;

use indexmap::IndexMap;
use openapiv3::{
    AdditionalProperties, AnySchema, ArrayType, IntegerType, NumberType, ObjectType, ReferenceOr,
    Schema, SchemaKind, StringFormat as OaStringFormat, StringType, Type, VariantOrUnknownOrEmpty,
};

use super::Resolver;
use crate::ir::{
    Bound, Constraints, EnumValue, Field, IntegerWidth, NumberWidth, Presence, PropertyCount,
    Shape, ShapeKind, StringFormat, TypeDef, TypeId, TypeKind, UnionVariant,
};
use crate::naming::{Case, Scope};
use crate::pointer::Pointer;

/// A schema, resolved: its shape, the description to document it with, and its access mode.
#[derive(Debug, Clone)]
pub(super) struct Resolved {
    pub shape: Shape,
    pub description: Option<String>,
    /// `readOnly` (sent only by the server) or `writeOnly` (sent only by the client).
    pub one_way: bool,
}

impl Resolved {
    fn of(kind: ShapeKind) -> Self {
        Self { shape: Shape::plain(kind), description: None, one_way: false }
    }
}

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

/// The variant kept for values a newer server may send.
pub(crate) const UNKNOWN_VARIANT: &str = "Unknown";

/// The Rust field that holds an object's additional properties.
const ADDITIONAL_PROPERTIES: &str = "additional_properties";

impl Resolver<'_> {
    /// Gives every component schema that becomes a named type its id and name, in spec order, so
    /// that references to it resolve before (and while) its body is built.
    pub(super) fn declare_component_types(&mut self) {
        let Some(components) = &self.spec.document.components else { return };
        for (name, schema) in &components.schemas {
            let ReferenceOr::Item(schema) = schema else { continue };
            let normalized = normalized(schema);
            // An `allOf` standing for one scalar or enum is that type, resolved where it is used;
            // one standing for an object stays a struct of its own name.
            let wraps_non_object = single_all_of_part(&normalized)
                .is_some_and(|(_, part)| !self.is_object_schema(part));
            if is_named_type(schema, &normalized) && !wraps_non_object {
                let pointer = component_pointer(name);
                let (id, _) = self.declare_type(name, &pointer);
                self.component_types.insert(name.clone(), id);
            }
        }
    }

    /// Builds the bodies of the component types declared earlier.
    pub(super) fn define_component_types(&mut self) {
        let Some(components) = &self.spec.document.components else { return };
        for (name, schema) in &components.schemas {
            let pointer = component_pointer(name);
            match (schema, self.component_types.get(name).copied()) {
                (ReferenceOr::Item(schema), Some(id)) => {
                    self.check_schema_keys(&pointer);
                    self.define_named(&normalized(schema), &pointer, id);
                }
                // Aliases are resolved where they are used, but checked even when nothing uses them.
                _ => {
                    self.alias(name, &pointer);
                }
            }
        }
    }

    /// Resolves a schema or reference.
    pub(super) fn schema_or_ref(
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

    fn boxed_schema_or_ref(
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
    fn alias(&mut self, name: &str, pointer: &Pointer) -> Resolved {
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
    fn is_object_schema(&self, schema: &ReferenceOr<Schema>) -> bool {
        self.is_object_schema_within(schema, 32)
    }

    fn is_object_schema_within(&self, schema: &ReferenceOr<Schema>, steps: usize) -> bool {
        let Some(steps) = steps.checked_sub(1) else { return false };
        match schema {
            ReferenceOr::Item(schema) => {
                let normalized = normalized(schema);
                match single_all_of_part(&normalized) {
                    Some((_, part)) => self.is_object_schema_within(part, steps),
                    None => matches!(
                        normalized.schema_kind,
                        SchemaKind::Type(Type::Object(_)) | SchemaKind::AllOf { .. }
                    ),
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

    fn component_schema(&self, name: &str) -> Option<&Schema> {
        match self.component_schema_or_ref(name)? {
            ReferenceOr::Item(schema) => Some(schema),
            ReferenceOr::Reference { .. } => None,
        }
    }

    /// Resolves an inline schema.
    fn schema(&mut self, original: &Schema, pointer: &Pointer, hint: &str) -> Resolved {
        let normalized = normalized(original);
        let schema = &*normalized;
        self.check_schema_keys(pointer);
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
            self.define_named(schema, pointer, id);
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

    fn unsupported(&mut self, pointer: &Pointer, keyword: &str, message: &str) -> Shape {
        self.error(&pointer.join(keyword), message);
        Shape::plain(ShapeKind::AnyJson)
    }

    /// Reports schema-level keywords the emitters do not implement yet.
    fn check_schema_data(&mut self, schema: &Schema, pointer: &Pointer) {
        let tagged =
            matches!(schema.schema_kind, SchemaKind::OneOf { .. } | SchemaKind::AnyOf { .. });
        if schema.schema_data.discriminator.is_some() && !tagged {
            self.error(
                &pointer.join("discriminator"),
                "`discriminator` outside `oneOf`/`anyOf` is not supported by the generator yet",
            );
        }
    }

    /// Builds the body of named type `id` (an object with properties, a string enum, a union, or an
    /// `allOf` of objects), marking it broken if that hits an error.
    fn define_named(&mut self, schema: &Schema, pointer: &Pointer, id: TypeId) {
        let before = self.faults();
        self.define_named_body(schema, pointer, id);
        if self.faults() > before {
            self.broken_types.insert(id);
        }
    }

    fn define_named_body(&mut self, schema: &Schema, pointer: &Pointer, id: TypeId) {
        self.check_schema_data(schema, pointer);
        let Some(name) = self.pending_name(id) else { return };
        // The `anyOf`/`oneOf` beside an object's keywords, as written (normalizing drops it).
        let unions = unions_as_written(self.spec.raw_at(pointer));
        let presence = unions.as_ref().and_then(presence_rule);
        let presence_names: Vec<&String> =
            presence.iter().flat_map(|p| p.alternatives.iter().flatten()).collect();
        let mut property_count = PropertyCount::default();
        let mut object_fields = |resolver: &mut Self, object: &ObjectType| {
            property_count = resolver.property_count(object, pointer);
            TypeKind::Struct(resolver.fields(object, pointer, &name, &presence_names))
        };
        let kind = match &schema.schema_kind {
            SchemaKind::Type(Type::Object(object)) => object_fields(self, object),
            SchemaKind::Type(Type::String(string)) => {
                TypeKind::StringEnum(self.enum_values(string, pointer))
            }
            SchemaKind::OneOf { one_of: parts } => {
                self.union(schema, parts, &pointer.join("oneOf"), &name)
            }
            SchemaKind::AnyOf { any_of: parts } => {
                self.union(schema, parts, &pointer.join("anyOf"), &name)
            }
            SchemaKind::AllOf { all_of: parts } => {
                match self.merge_all_of(parts, &pointer.join("allOf"), 0) {
                    Some(object) => object_fields(self, &object),
                    None => return,
                }
            }
            _ => return,
        };
        let presence = match (&kind, presence) {
            (TypeKind::Struct(fields), Some(presence)) => {
                self.satisfiable_presence(presence, fields, pointer)
            }
            (TypeKind::Struct(_), None) => {
                if let Some(any) = unions.as_ref().filter(|any| narrows_declared_properties(any)) {
                    let keyword = if any.one_of.is_empty() { "anyOf" } else { "oneOf" };
                    self.warning(
                        &pointer.join(keyword),
                        format!("the `{keyword}` alternatives narrow the object's declared properties; the struct has them all, and `validate()` does not check which alternative holds yet"),
                    );
                }
                None
            }
            _ => None,
        };
        let origin = self.locate(pointer);
        self.define_type(
            id,
            TypeDef {
                name,
                origin,
                description: with_default(schema),
                kind,
                presence,
                property_count,
            },
        );
    }

    /// A presence rule without the alternatives that cannot hold because they require a property
    /// the object forbids (`additionalProperties: false` and not declared). Such an alternative
    /// never matches, so dropping it keeps the rule's meaning for `anyOf` and `oneOf` alike.
    fn satisfiable_presence(
        &mut self,
        presence: Presence,
        fields: &[Field],
        pointer: &Pointer,
    ) -> Option<Presence> {
        let keyword = if presence.exactly_one { "oneOf" } else { "anyOf" };
        let mut alternatives = Vec::new();
        for (index, alternative) in presence.alternatives.into_iter().enumerate() {
            match alternative.iter().find(|name| !fields.iter().any(|f| &f.wire_name == *name && !f.flatten)) {
                Some(name) => self.warning(
                    &pointer.join(keyword).join(index),
                    format!("this alternative requires property `{name}`, which the object neither declares nor allows (`additionalProperties: false`), so it never holds and is left out of `validate()`"),
                ),
                None => alternatives.push(alternative),
            }
        }
        if alternatives.is_empty() {
            self.error(&pointer.join(keyword), format!("no `{keyword}` alternative can hold: each requires a property the object forbids"));
            return None;
        }
        Some(Presence { alternatives, exactly_one: presence.exactly_one })
    }

    /// The earlier inline object with the same structure as the one just defined as `id`, or `id`
    /// itself when it is the first (or has errors, or is not an object).
    fn intern_inline_struct(&mut self, id: TypeId) -> TypeId {
        if self.broken_types.contains(&id) {
            return id;
        }
        let Some(TypeDef { kind: TypeKind::Struct(fields), presence, property_count, .. }) =
            self.types.get(id).and_then(Option::as_ref)
        else {
            return id;
        };
        // Everything that shapes the Rust type and its checks, nothing that is only prose.
        let key: Vec<String> = fields
            .iter()
            .map(|f| {
                format!(
                    "{}|{}|{}|{}|{}|{:?}",
                    f.wire_name, f.rust_name, f.required, f.boxed, f.flatten, f.shape
                )
            })
            .chain(std::iter::once(format!("{presence:?}|{property_count:?}")))
            .collect();
        let key = key.join("\n");
        match self.inline_structs.get(&key) {
            Some(&existing) => {
                self.merged_types.insert(id);
                existing
            }
            None => {
                self.inline_structs.insert(key, id);
                id
            }
        }
    }

    /// The name given to a declared type that has no body yet.
    fn pending_name(&self, id: TypeId) -> Option<String> {
        self.declared_names.get(id).cloned()
    }

    /// The alternatives of a `oneOf`/`anyOf`, named after their types. With a discriminator, each
    /// alternative must be a `$ref`; its tags are the mapping's values that point to it, or else its
    /// schema name.
    fn union(
        &mut self,
        schema: &Schema,
        parts: &[ReferenceOr<Schema>],
        pointer: &Pointer,
        type_name: &str,
    ) -> TypeKind {
        let discriminator = schema.schema_data.discriminator.as_ref();
        let discriminator_pointer = pointer.parent().unwrap_or_default().join("discriminator");
        let mut scope = Scope::default();
        let mut variants = Vec::new();
        for (index, part) in parts.iter().enumerate() {
            let part_pointer = pointer.join(index);
            let resolved = self.schema_or_ref(
                part,
                &part_pointer,
                &format!("{type_name}Variant{}", index + 1),
            );
            let wanted = self.variant_name(&resolved.shape);
            let location = self.locate(&part_pointer);
            let rust_name = scope
                .claim(&wanted, Case::UpperCamel, &location)
                .unwrap_or_else(|clash| clash.given);
            let tags = match (discriminator, part) {
                (None, _) => Vec::new(),
                (Some(discriminator), ReferenceOr::Reference { reference }) => {
                    let mapped: Vec<String> = discriminator
                        .mapping
                        .iter()
                        .filter(|(_, target)| *target == reference)
                        .map(|(tag, _)| tag.clone())
                        .collect();
                    if mapped.is_empty() {
                        vec![reference.rsplit('/').next().unwrap_or_default().to_owned()]
                    } else {
                        mapped
                    }
                }
                (Some(_), ReferenceOr::Item(_)) => {
                    self.error(
                        &part_pointer,
                        "with a `discriminator`, every alternative must be a `$ref` to a schema",
                    );
                    Vec::new()
                }
            };
            variants.push(UnionVariant { rust_name, shape: resolved.shape, boxed: false, tags });
        }
        if let Some(discriminator) = discriminator {
            for (tag, target) in &discriminator.mapping {
                let known = parts.iter().any(
                    |p| matches!(p, ReferenceOr::Reference { reference } if reference == target),
                );
                if !known {
                    self.error(&discriminator_pointer.join("mapping").join(tag), format!("discriminator value `{tag}` maps to `{target}`, which is not one of the alternatives"));
                }
            }
        }
        TypeKind::Union(variants, discriminator.map(|d| d.property_name.clone()))
    }

    fn variant_name(&self, shape: &Shape) -> String {
        match &shape.kind {
            ShapeKind::Named(id) => {
                self.declared_names.get(*id).cloned().unwrap_or_else(|| "Object".into())
            }
            ShapeKind::String(_) => "String".into(),
            ShapeKind::Integer(_) => "Integer".into(),
            ShapeKind::Number(_) => "Number".into(),
            ShapeKind::Boolean => "Boolean".into(),
            ShapeKind::Array(items) => format!("{}List", self.variant_name(items)),
            ShapeKind::Map(values) => format!("{}Map", self.variant_name(values)),
            ShapeKind::AnyJson => "Value".into(),
            ShapeKind::JsonObject => "Object".into(),
            ShapeKind::Binary => "Bytes".into(),
            ShapeKind::Base64 => "Base64".into(),
        }
    }

    /// Merges the parts of an `allOf` into one object: properties in order, `required` united. Every
    /// part must be an object (inline or through `$ref`, possibly itself an `allOf`).
    fn merge_all_of(
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

    /// The fields of an object: its declared properties in order, then the properties it requires
    /// without declaring them and those `presence_names` (the names a presence rule lists) it does not
    /// declare, then the map of additional properties.
    fn fields(
        &mut self,
        object: &ObjectType,
        pointer: &Pointer,
        type_name: &str,
        presence_names: &[&String],
    ) -> Vec<Field> {
        let mut scope = Scope::default();
        let mut fields = Vec::new();
        let properties: &IndexMap<String, ReferenceOr<Box<Schema>>> = &object.properties;
        for (wire_name, property) in properties {
            let property_pointer = pointer.join("properties").join(wire_name);
            let rust_name = self.field_name(&mut scope, wire_name, type_name, &property_pointer);
            let hint =
                format!("{type_name}{}", crate::naming::identifier(wire_name, Case::UpperCamel));
            let resolved = self.boxed_schema_or_ref(property, &property_pointer, &hint);
            // A read-only or write-only property is absent in one direction, so it cannot be required in both.
            let required = object.required.contains(wire_name) && !resolved.one_way;
            fields.push(Field {
                wire_name: wire_name.clone(),
                rust_name,
                required,
                description: resolved.description,
                shape: resolved.shape,
                boxed: false,
                flatten: false,
            });
        }
        let extra = match &object.additional_properties {
            Some(AdditionalProperties::Any(true)) => Some(Shape::plain(ShapeKind::AnyJson)),
            Some(AdditionalProperties::Schema(schema)) => {
                let extra_pointer = pointer.join("additionalProperties");
                Some(self.schema_or_ref(schema, &extra_pointer, &format!("{type_name}Value")).shape)
            }
            Some(AdditionalProperties::Any(false)) | None => None,
        };
        // A name the object requires (or a presence rule lists) without declaring it is still a
        // property, of the type additional properties have: it gets a field so the requirement holds.
        let undeclared_shape = match &object.additional_properties {
            Some(AdditionalProperties::Any(false)) => None,
            None | Some(AdditionalProperties::Any(true)) => Some(Shape::plain(ShapeKind::AnyJson)),
            Some(AdditionalProperties::Schema(_)) => extra.clone(),
        };
        let required_undeclared = object
            .required
            .iter()
            .enumerate()
            .map(|(index, name)| (name, true, pointer.join("required").join(index)));
        let listed_undeclared = presence_names.iter().map(|name| (*name, false, pointer.clone()));
        for (name, required, at) in required_undeclared.chain(listed_undeclared) {
            if object.properties.contains_key(name) || fields.iter().any(|f| &f.wire_name == name) {
                continue;
            }
            let Some(shape) = undeclared_shape.clone() else {
                if required {
                    self.error(&at, format!("required property `{name}` is not declared in `properties`, and `additionalProperties: false` forbids it: no value fits this object"));
                }
                continue;
            };
            let named_by = if required {
                "the schema's `required`"
            } else {
                "an `anyOf`/`oneOf` alternative's `required`"
            };
            let message = format!(
                "property `{name}` is named by {named_by} but not declared in `properties`"
            );
            let then = "it is generated as a field of the type additional properties have";
            if required {
                self.mistake(&at, &message, then);
            } else {
                self.warning(&at, format!("{message}; {then}"));
            }
            let rust_name = self.field_name(&mut scope, name, type_name, &at);
            fields.push(Field {
                wire_name: name.clone(),
                rust_name,
                required,
                description: Some(format!("Not declared in `properties`; {named_by} names it.")),
                shape,
                boxed: false,
                flatten: false,
            });
        }
        if let Some(values) = extra {
            let at = pointer.join("additionalProperties");
            let rust_name = self.field_name(&mut scope, ADDITIONAL_PROPERTIES, type_name, &at);
            fields.push(Field {
                wire_name: String::new(),
                rust_name,
                required: true,
                description: Some(
                    "Properties beyond the declared ones (`additionalProperties`).".into(),
                ),
                shape: Shape::plain(ShapeKind::Map(Box::new(values))),
                boxed: false,
                flatten: true,
            });
        }
        fields
    }

    fn field_name(
        &mut self,
        scope: &mut Scope,
        wire_name: &str,
        type_name: &str,
        pointer: &Pointer,
    ) -> String {
        self.claim_in(
            scope,
            wire_name,
            &format!("property `{wire_name}` of `{type_name}`"),
            Case::Snake,
            pointer,
            "field name",
        )
    }

    /// The property-count bounds of an object with declared properties.
    fn property_count(&mut self, object: &ObjectType, pointer: &Pointer) -> PropertyCount {
        if let (Some(min), Some(max)) = (object.min_properties, object.max_properties) {
            if min > max {
                self.error(
                    pointer,
                    format!("`minProperties` {min} is greater than `maxProperties` {max}"),
                );
            }
        }
        PropertyCount { min: object.min_properties, max: object.max_properties }
    }

    fn free_form_object(&mut self, object: &ObjectType, pointer: &Pointer, hint: &str) -> Shape {
        if let (Some(min), Some(max)) = (object.min_properties, object.max_properties) {
            if min > max {
                self.error(
                    pointer,
                    format!("`minProperties` {min} is greater than `maxProperties` {max}"),
                );
            }
        }
        let kind = match &object.additional_properties {
            Some(AdditionalProperties::Schema(schema)) => {
                let values = self
                    .schema_or_ref(
                        schema,
                        &pointer.join("additionalProperties"),
                        &format!("{hint}Value"),
                    )
                    .shape;
                ShapeKind::Map(Box::new(values))
            }
            _ => ShapeKind::JsonObject,
        };
        // A map or free-form object counts its entries, so the property bounds are checkable.
        let constraints = Constraints {
            min_properties: object.min_properties,
            max_properties: object.max_properties,
            ..Constraints::default()
        };
        Shape { kind, constraints, nullable: false }
    }

    fn enum_values(&mut self, string: &StringType, pointer: &Pointer) -> Vec<EnumValue> {
        self.string_extras(string, pointer);
        let mut scope = Scope::default();
        let here = self.locate(pointer);
        scope.reserve(UNKNOWN_VARIANT, "the variant that keeps undocumented values", &here);
        let mut values = Vec::new();
        for (index, value) in string.enumeration.iter().enumerate() {
            let value_pointer = pointer.join("enum").join(index);
            // `null` makes the uses of the enum nullable (see `is_nullable`); it is no variant.
            let Some(value) = value else { continue };
            if values.iter().any(|v: &EnumValue| &v.wire_value == value) {
                self.error(&value_pointer, format!("enum value `{value}` is listed twice"));
                continue;
            }
            let rust_name = self.claim_in(
                &mut scope,
                value,
                &format!("enum value `{value}`"),
                Case::UpperCamel,
                &value_pointer,
                "variant name",
            );
            values.push(EnumValue { wire_value: value.clone(), rust_name });
        }
        values
    }

    /// Constraints on an enum's strings are not checked beyond membership; say so instead of dropping them.
    fn string_extras(&mut self, string: &StringType, pointer: &Pointer) {
        if string.pattern.is_some() || string.min_length.is_some() || string.max_length.is_some() {
            self.error(pointer, "length or pattern constraints on an `enum` are not supported; the enum already lists every value");
        }
    }

    fn string(&mut self, string: &StringType, pointer: &Pointer) -> Shape {
        let mut unchecked = None;
        let format = match &string.format {
            VariantOrUnknownOrEmpty::Empty => None,
            VariantOrUnknownOrEmpty::Item(OaStringFormat::DateTime) => Some(StringFormat::DateTime),
            VariantOrUnknownOrEmpty::Unknown(f) if f == "uuid" => Some(StringFormat::Uuid),
            VariantOrUnknownOrEmpty::Item(OaStringFormat::Byte) => {
                // The bytes are the value; constraints on the base64 text would have to be checked on
                // a string the program never holds.
                if string.pattern.is_some()
                    || string.min_length.is_some()
                    || string.max_length.is_some()
                {
                    self.error(pointer, "length or pattern constraints on `format: byte` are not supported by the generator yet");
                }
                return Shape::plain(ShapeKind::Base64);
            }
            VariantOrUnknownOrEmpty::Item(OaStringFormat::Binary) if self.binary_is_bytes => {
                return Shape::plain(ShapeKind::Binary);
            }
            VariantOrUnknownOrEmpty::Item(OaStringFormat::Binary) => {
                self.mistake(
                    &pointer.join("format"),
                    "`format: binary` inside a JSON document has no defined text encoding (`format: byte` is base64)",
                    "it is generated as a `String` holding the JSON text as sent",
                );
                None
            }
            VariantOrUnknownOrEmpty::Item(other) => {
                unchecked = Some(format!("{other:?}").to_lowercase());
                None
            }
            VariantOrUnknownOrEmpty::Unknown(other) => {
                unchecked = Some(other.clone());
                None
            }
        };
        if let Some(name) = &unchecked {
            *self.unchecked_formats.entry(name.clone()).or_default() += 1;
        }
        if let Some(pattern) = &string.pattern {
            if let Err(err) = regex::Regex::new(pattern) {
                let detail = err
                    .to_string()
                    .lines()
                    .last()
                    .unwrap_or_default()
                    .trim()
                    .trim_start_matches("error: ")
                    .to_owned();
                self.error(&pointer.join("pattern"), format!("`pattern` is not a regular expression the generated code can check: {detail}"));
            }
        }
        if let (Some(min), Some(max)) = (string.min_length, string.max_length) {
            if min > max {
                self.error(pointer, format!("`minLength` {min} is greater than `maxLength` {max}"));
            }
        }
        Shape {
            kind: ShapeKind::String(format),
            constraints: Constraints {
                min_length: string.min_length,
                max_length: string.max_length,
                pattern: string.pattern.clone(),
                unchecked_format: unchecked,
                ..Constraints::default()
            },
            nullable: false,
        }
    }

    fn integer(&mut self, integer: &IntegerType, pointer: &Pointer) -> Shape {
        let width = match &integer.format {
            VariantOrUnknownOrEmpty::Item(openapiv3::IntegerFormat::Int32) => IntegerWidth::I32,
            VariantOrUnknownOrEmpty::Item(openapiv3::IntegerFormat::Int64)
            | VariantOrUnknownOrEmpty::Empty => IntegerWidth::I64,
            VariantOrUnknownOrEmpty::Unknown(other) => {
                self.mistake(
                    &pointer.join("format"),
                    &format!(
                        "integer `format: {other}` is not one the generator knows (int32, int64)"
                    ),
                    "it is generated as `i64`, the format unchecked",
                );
                IntegerWidth::I64
            }
        };
        if integer.multiple_of.is_some_and(|m| m <= 0) {
            self.error(&pointer.join("multipleOf"), "`multipleOf` must be greater than 0");
        }
        // `null` in the list makes uses nullable (see `is_nullable`); it is not a value.
        let allowed: Vec<i64> = integer.enumeration.iter().flatten().copied().collect();
        let bound =
            |value: Option<i64>, exclusive| value.map(|v| Bound { value: v as f64, exclusive });
        Shape {
            kind: ShapeKind::Integer(width),
            constraints: Constraints {
                minimum: bound(integer.minimum, integer.exclusive_minimum),
                maximum: bound(integer.maximum, integer.exclusive_maximum),
                multiple_of: integer.multiple_of.filter(|m| *m > 0).map(|m| m as f64),
                allowed_integers: (!allowed.is_empty()).then_some(allowed),
                ..Constraints::default()
            },
            nullable: false,
        }
    }

    fn number(&mut self, number: &NumberType, pointer: &Pointer) -> Shape {
        let width = match &number.format {
            VariantOrUnknownOrEmpty::Item(openapiv3::NumberFormat::Float) => NumberWidth::F32,
            VariantOrUnknownOrEmpty::Item(openapiv3::NumberFormat::Double)
            | VariantOrUnknownOrEmpty::Empty => NumberWidth::F64,
            VariantOrUnknownOrEmpty::Unknown(other) => {
                self.mistake(
                    &pointer.join("format"),
                    &format!(
                        "number `format: {other}` is not one the generator knows (float, double)"
                    ),
                    "it is generated as `f64`, the format unchecked",
                );
                NumberWidth::F64
            }
        };
        if number.multiple_of.is_some_and(|m| m <= 0.0 || !m.is_finite()) {
            self.error(
                &pointer.join("multipleOf"),
                "`multipleOf` must be a finite number greater than 0",
            );
        }
        let allowed: Vec<f64> = number.enumeration.iter().flatten().copied().collect();
        let bound = |value: Option<f64>, exclusive| value.map(|v| Bound { value: v, exclusive });
        Shape {
            kind: ShapeKind::Number(width),
            constraints: Constraints {
                minimum: bound(number.minimum, number.exclusive_minimum),
                maximum: bound(number.maximum, number.exclusive_maximum),
                multiple_of: number.multiple_of.filter(|m| *m > 0.0 && m.is_finite()),
                allowed_numbers: (!allowed.is_empty()).then_some(allowed),
                ..Constraints::default()
            },
            nullable: false,
        }
    }

    fn array(&mut self, array: &ArrayType, pointer: &Pointer, hint: &str) -> Shape {
        let items = match &array.items {
            Some(items) => {
                self.boxed_schema_or_ref(items, &pointer.join("items"), &format!("{hint}Item"))
                    .shape
            }
            None => {
                self.error(pointer, "an array schema needs `items`");
                Shape::plain(ShapeKind::AnyJson)
            }
        };
        Shape {
            kind: ShapeKind::Array(Box::new(items)),
            constraints: Constraints {
                min_items: array.min_items,
                max_items: array.max_items,
                unique_items: array.unique_items,
                ..Constraints::default()
            },
            nullable: false,
        }
    }

    /// `openapiv3` parses any schema whose keywords do not fit one type as "any". Only a schema
    /// without type keywords really means any JSON value; anything else is reported with the keywords
    /// that caused it.
    fn any(&mut self, any: &AnySchema, pointer: &Pointer) -> Shape {
        if let Some(typ) = &any.typ {
            if !["string", "integer", "number", "boolean", "array", "object"]
                .contains(&typ.as_str())
            {
                self.error(&pointer.join("type"), format!("unknown schema type `{typ}`"));
                return Shape::plain(ShapeKind::AnyJson);
            }
        }
        let keywords = present_keywords(self.spec.raw_at(pointer));
        if keywords.is_empty() {
            return Shape::plain(ShapeKind::AnyJson);
        }
        let typ = any.typ.as_deref().map(|t| format!("`type: {t}` with ")).unwrap_or_default();
        self.error(
            pointer,
            format!("this schema's keywords do not fit one type ({typ}{}); check for a wrong `type` or a keyword of another type", keywords.join(", ")),
        );
        Shape::plain(ShapeKind::AnyJson)
    }

    /// Reports keys that are not Schema Object keywords.
    fn check_schema_keys(&mut self, pointer: &Pointer) {
        let Some(serde_yaml::Value::Mapping(map)) = self.spec.raw_at(pointer) else { return };
        let unknown: Vec<String> = map
            .keys()
            .filter_map(|k| k.as_str())
            .filter(|k| !k.starts_with("x-") && !SCHEMA_KEYWORDS.contains(k))
            .map(str::to_owned)
            .collect();
        for key in unknown {
            self.error(&pointer.join(&key), format!("`{key}` is not a Schema Object keyword (a typo?); OpenAPI parsers would silently ignore it"));
        }
        let keys: Vec<&str> = map.keys().filter_map(|k| k.as_str()).collect();
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

/// Schemas `openapiv3` reads as "any" although they have one clear meaning, rewritten as that type:
/// an `enum` of strings without `type` is a string enum, an object whose `anyOf`/`oneOf` only
/// lists properties that must be present together is that object (the rule itself is read by
/// [`presence_rule`]), object keywords without `type` are an object, and `type: object` with
/// nothing but a `oneOf`, `anyOf` or `allOf` is that composition.
fn normalized(schema: &Schema) -> Cow<'_, Schema> {
    let SchemaKind::Any(any) = &schema.schema_kind else { return Cow::Borrowed(schema) };
    if let Some(typed) = without_foreign_keywords(schema, any) {
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
        SchemaKind::Type(Type::Object(ObjectType {
            properties: any.properties.clone(),
            required: any.required.clone(),
            additional_properties: any.additional_properties.clone(),
            min_properties: any.min_properties,
            max_properties: any.max_properties,
        }))
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

/// The keywords among `keys` that belong to other types than `typ` (none for an unknown type, or
/// beside a composition, whose parts may be of any type).
fn foreign_keywords<'k>(typ: &str, keys: &[&'k str]) -> Vec<&'k str> {
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
fn presence_alternatives(any: &AnySchema) -> Option<(Vec<Vec<String>>, bool)> {
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
/// alternative is inline and constrains declared properties or requires some, and adds none. Such
/// alternatives say which combinations of values are valid, not what the object holds.
fn narrows_declared_properties(any: &AnySchema) -> bool {
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
                && o.min_properties.is_none()
                && o.max_properties.is_none()
                && schema_data.discriminator.is_none()
        }
        ReferenceOr::Item(Schema { schema_kind: SchemaKind::Any(a), schema_data }) => {
            let bare = AnySchema {
                typ: a.typ.clone(),
                properties: a.properties.clone(),
                required: a.required.clone(),
                additional_properties: a.additional_properties.clone(),
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

/// The one part of an `allOf` that has a type or reference, when the others only annotate
/// (`description`, `nullable` and the like, no type keywords), with its index.
fn single_all_of_part(schema: &Schema) -> Option<(usize, &ReferenceOr<Schema>)> {
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
fn all_of_annotations(schema: &Schema) -> impl Iterator<Item = &Schema> {
    let parts = match &schema.schema_kind {
        SchemaKind::AllOf { all_of } => all_of.as_slice(),
        _ => &[],
    };
    parts.iter().filter_map(annotation_only)
}

/// A schema as the file writes it, when it has a `oneOf` or `anyOf` (which `openapiv3` then reads as
/// "any", keeping them; checked on the raw keys first, as most schemas have neither).
fn unions_as_written(raw: Option<&serde_yaml::Value>) -> Option<AnySchema> {
    let raw = raw.filter(|raw| matches!(raw, serde_yaml::Value::Mapping(map) if map.contains_key("oneOf") || map.contains_key("anyOf")))?;
    let value = serde_json::to_value(raw).ok()?;
    match serde_json::from_value::<Schema>(value).ok()?.schema_kind {
        SchemaKind::Any(any) => Some(any),
        _ => None,
    }
}

/// The presence rule of an object schema (see [`presence_alternatives`]).
fn presence_rule(any: &AnySchema) -> Option<Presence> {
    let (alternatives, exactly_one) = presence_alternatives(any)?;
    Some(Presence { alternatives, exactly_one })
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

/// `nullable: true`, or a string enum that lists `null`.
fn is_nullable(schema: &Schema) -> bool {
    let null_in_enum = match &schema.schema_kind {
        SchemaKind::Type(Type::String(s)) => s.enumeration.iter().any(Option::is_none),
        SchemaKind::Type(Type::Integer(i)) => i.enumeration.iter().any(Option::is_none),
        SchemaKind::Type(Type::Number(n)) => n.enumeration.iter().any(Option::is_none),
        SchemaKind::Type(Type::Boolean(b)) => b.enumeration.iter().any(Option::is_none),
        _ => false,
    };
    schema.schema_data.nullable || null_in_enum
}

pub(super) fn component_pointer(name: &str) -> Pointer {
    Pointer::root().join("components").join("schemas").join(name)
}

/// The description, with the access mode and the documented default appended.
fn with_default(schema: &Schema) -> Option<String> {
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
    map.keys()
        .filter_map(|k| k.as_str())
        .filter(|k| !k.starts_with("x-") && !NOT_TYPE.contains(k))
        .map(|k| format!("`{k}`"))
        .collect()
}
