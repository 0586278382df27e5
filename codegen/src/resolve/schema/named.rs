//! Named types: structs (fields, presence rules, property counts), string enums and unions, and
//! the sharing of identical inline structs.

use std::borrow::Cow;

use indexmap::IndexMap;
use openapiv3::{
    AdditionalProperties, ObjectType, ReferenceOr, Schema, SchemaKind, StringType, Type,
};

use super::normalize::{
    narrows_declared_properties, presence_rule, unions_as_written, unions_beside_keywords,
};
use super::{UNKNOWN_VARIANT, with_default};
use crate::ir::{
    EnumValue, Field, Presence, PropertyCount, Shape, ShapeKind, TypeDef, TypeId, TypeKind,
    UnionVariant,
};
use crate::naming::{Case, Scope};
use crate::pointer::Pointer;
use crate::resolve::Resolver;

/// The Rust field that holds an object's additional properties.
const ADDITIONAL_PROPERTIES: &str = "additional_properties";

impl Resolver<'_> {
    /// Builds the body of named type `id` (an object with properties, a string enum, a union, or an
    /// `allOf` of objects) from `schema`, normalized from the document's `as_written` when that is
    /// known, marking it broken if that hits an error.
    pub(super) fn define_named(
        &mut self,
        schema: &Schema,
        as_written: Option<&Schema>,
        pointer: &Pointer,
        id: TypeId,
    ) {
        let before = self.faults();
        self.define_named_body(schema, as_written, pointer, id);
        if self.faults() > before {
            self.broken_types.insert(id);
        }
    }

    fn define_named_body(
        &mut self,
        schema: &Schema,
        as_written: Option<&Schema>,
        pointer: &Pointer,
        id: TypeId,
    ) {
        self.check_schema_data(schema, pointer);
        let Some(name) = self.pending_name(id) else { return };
        // The `anyOf`/`oneOf` beside an object's keywords, as written (normalizing drops it).
        let unions = match as_written {
            Some(written) => unions_beside_keywords(written).map(Cow::Borrowed),
            None => unions_as_written(self.raw_at(pointer)).map(Cow::Owned),
        };
        let presence = unions.as_deref().and_then(presence_rule);
        let presence_names: Vec<&String> =
            presence.iter().flat_map(|p| p.alternatives.iter().flatten()).collect();
        let mut property_count = PropertyCount::default();
        let mut object_fields = |resolver: &mut Self, object: &ObjectType| {
            property_count = resolver.property_count(object, pointer);
            TypeKind::Struct(resolver.fields(object, pointer, &name, &presence_names))
        };
        let mut enum_note = None;
        let kind = match &schema.schema_kind {
            SchemaKind::Type(Type::Object(object)) => object_fields(self, object),
            SchemaKind::Type(Type::String(string)) => {
                let values = self.enum_values(string, pointer);
                enum_note = self.value_constraints(string, &values, pointer);
                TypeKind::StringEnum(values)
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
                if let Some(any) = unions.as_deref().filter(|any| narrows_declared_properties(any))
                {
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
        let origin = self.spec.place(pointer);
        self.define_type(
            id,
            TypeDef {
                name,
                origin,
                description: match (with_default(schema), enum_note) {
                    (Some(text), Some(note)) => Some(format!("{text}\n\n{note}")),
                    (text, note) => text.or(note),
                },
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
    pub(super) fn intern_inline_struct(&mut self, id: TypeId) -> TypeId {
        if self.broken_types.contains(&id) {
            return id;
        }
        let Some(TypeDef { kind: TypeKind::Struct(fields), presence, property_count, .. }) =
            self.types.get(id.index()).and_then(Option::as_ref)
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
        self.declared_names.get(id.index()).cloned()
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
            let location = self.spec.place(&part_pointer);
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
                self.declared_names.get(id.index()).cloned().unwrap_or_else(|| "Object".into())
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
        if let (Some(min), Some(max)) = (object.min_properties, object.max_properties)
            && min > max
        {
            self.error(
                pointer,
                format!("`minProperties` {min} is greater than `maxProperties` {max}"),
            );
        }
        PropertyCount { min: object.min_properties, max: object.max_properties }
    }

    fn enum_values(&mut self, string: &StringType, pointer: &Pointer) -> Vec<EnumValue> {
        let mut scope = Scope::default();
        let here = self.spec.place(pointer);
        scope.reserve(UNKNOWN_VARIANT, "the variant that keeps undocumented values", &here);
        let mut values = Vec::new();
        for (index, value) in string.enumeration.iter().enumerate() {
            let value_pointer = pointer.join("enum").join(index);
            // `null` makes the uses of the enum nullable (see `is_nullable`); it is no variant.
            let Some(value) = value else { continue };
            if values.iter().any(|v: &EnumValue| &v.wire_value == value) {
                let message = format!("enum value `{value}` is listed twice");
                self.mistake(&value_pointer, &message, "it is one variant");
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

    /// Lengths or a pattern beside an `enum`: when every listed value meets them they add nothing
    /// to the list (the note says so in the docs); a value that breaks them is an error, as no
    /// value could be both listed and valid.
    fn value_constraints(
        &mut self,
        string: &StringType,
        values: &[EnumValue],
        pointer: &Pointer,
    ) -> Option<String> {
        let mut unchecked = None;
        let pattern = match &string.pattern {
            Some(source) => match self.pattern(source, &pointer.join("pattern")) {
                Some((_, regex)) => Some((source, regex)),
                None => {
                    unchecked = Some(format!(
                        " Its `pattern` `{source}` is not an ECMA-262 regular expression, so it is not checked."
                    ));
                    None
                }
            },
            None => None,
        };
        let mut said = Vec::new();
        if let Some(min) = string.min_length {
            said.push(format!("at least {min} characters"));
        }
        if let Some(max) = string.max_length {
            said.push(format!("at most {max} characters"));
        }
        if let Some((source, _)) = &pattern {
            said.push(format!("matching `{source}`"));
        }
        if said.is_empty() {
            return unchecked.map(|note| note.trim_start().to_owned());
        }
        let mut every_value_fits = true;
        for value in values {
            let length = value.wire_value.chars().count();
            let fits = string.min_length.is_none_or(|min| length >= min)
                && string.max_length.is_none_or(|max| length <= max)
                && pattern.as_ref().is_none_or(|(_, p)| p.find(&value.wire_value).is_some());
            if !fits {
                every_value_fits = false;
                // The listed values are what the service sends: the list wins.
                self.mistake(
                    pointer,
                    &format!(
                        "enum value `{}` breaks the keywords beside the `enum` (values {}), so it could never be valid",
                        value.wire_value,
                        said.join(", ")
                    ),
                    "the listed values are kept, and only the list is checked",
                );
            }
        }
        let which = if every_value_fits {
            "every listed value is"
        } else {
            "not every listed value is, so only the list is checked"
        };
        Some(format!(
            "The spec also requires values to be {}; {which}.{}",
            said.join(", "),
            unchecked.unwrap_or_default()
        ))
    }
}
