//! A spec as `page check` sees it: `$ref`s followed (with the pointer of what they lead to), object
//! properties with their required flags, and a schema's type and constraints in the page's terms.

use openapiv3::{
    AdditionalProperties, OpenAPI, Parameter, ParameterSchemaOrContent, ReferenceOr, RequestBody,
    Response, Schema, SchemaKind, Type, VariantOrUnknownOrEmpty,
};

use crate::pointer::Pointer;

/// How many `$ref`s are followed before giving up (a cycle).
const MAX_REFS: usize = 16;

/// Follows `$ref`s to `#/components/<section>/<name>` until an item is reached.
pub(crate) fn deref<'a, T>(
    doc: &'a OpenAPI,
    node: &'a ReferenceOr<T>,
    pointer: Pointer,
    section: fn(&'a openapiv3::Components) -> &'a indexmap::IndexMap<String, ReferenceOr<T>>,
) -> Option<(&'a T, Pointer)> {
    let mut node = node;
    let mut pointer = pointer;
    for _ in 0..MAX_REFS {
        match node {
            ReferenceOr::Item(item) => return Some((item, pointer)),
            ReferenceOr::Reference { reference } => {
                let name = reference.rsplit('/').next()?;
                let components = doc.components.as_ref()?;
                node = section(components).get(name)?;
                pointer = Pointer::from_ref(reference)?;
            }
        }
    }
    None
}

/// Follows a schema `$ref`.
pub(crate) fn schema<'a>(
    doc: &'a OpenAPI,
    node: &'a ReferenceOr<Schema>,
    pointer: Pointer,
) -> Option<(&'a Schema, Pointer)> {
    deref(doc, node, pointer, |c| &c.schemas)
}

/// Follows a boxed schema `$ref` (properties and items).
pub(crate) fn boxed_schema<'a>(
    doc: &'a OpenAPI,
    node: &'a ReferenceOr<Box<Schema>>,
    pointer: Pointer,
) -> Option<(&'a Schema, Pointer)> {
    match node {
        ReferenceOr::Item(schema) => Some((schema, pointer)),
        ReferenceOr::Reference { reference } => {
            let name = reference.rsplit('/').next()?;
            let found = doc.components.as_ref()?.schemas.get(name)?;
            schema(doc, found, Pointer::from_ref(reference)?)
        }
    }
}

/// Follows a parameter `$ref`.
pub(crate) fn parameter<'a>(
    doc: &'a OpenAPI,
    node: &'a ReferenceOr<Parameter>,
    pointer: Pointer,
) -> Option<(&'a Parameter, Pointer)> {
    deref(doc, node, pointer, |c| &c.parameters)
}

/// Follows a request body `$ref`.
pub(crate) fn request_body<'a>(
    doc: &'a OpenAPI,
    node: &'a ReferenceOr<RequestBody>,
    pointer: Pointer,
) -> Option<(&'a RequestBody, Pointer)> {
    deref(doc, node, pointer, |c| &c.request_bodies)
}

/// Follows a response `$ref`.
pub(crate) fn response<'a>(
    doc: &'a OpenAPI,
    node: &'a ReferenceOr<Response>,
    pointer: Pointer,
) -> Option<(&'a Response, Pointer)> {
    deref(doc, node, pointer, |c| &c.responses)
}

/// The schema of a parameter and its pointer.
pub(crate) fn parameter_schema<'a>(
    doc: &'a OpenAPI,
    parameter: &'a Parameter,
    pointer: &Pointer,
) -> Option<(&'a Schema, Pointer)> {
    match &parameter.parameter_data_ref().format {
        ParameterSchemaOrContent::Schema(node) => schema(doc, node, pointer.join("schema")),
        ParameterSchemaOrContent::Content(_) => None,
    }
}

/// A property of an object schema.
pub(crate) struct Property<'a> {
    pub name: &'a str,
    pub required: bool,
    pub schema: Option<&'a Schema>,
    /// Where the property is declared (`…/properties/<name>`).
    pub declared_at: Pointer,
    /// Where its schema is defined (the declaration, or the `$ref` target).
    pub schema_at: Pointer,
}

/// The properties of an object schema (an `allOf`'s parts merged), in order.
pub(crate) fn properties<'a>(
    doc: &'a OpenAPI,
    schema: &'a Schema,
    at: &Pointer,
) -> Vec<Property<'a>> {
    let mut out = Vec::new();
    collect_properties(doc, schema, at, &mut out, 0);
    out
}

fn collect_properties<'a>(
    doc: &'a OpenAPI,
    schema: &'a Schema,
    at: &Pointer,
    out: &mut Vec<Property<'a>>,
    depth: usize,
) {
    if depth > MAX_REFS {
        return;
    }
    match &schema.schema_kind {
        SchemaKind::Type(Type::Object(object)) => {
            for (name, node) in &object.properties {
                out.push(property(doc, name, node, object.required.contains(name), at));
            }
        }
        SchemaKind::AllOf { all_of } => {
            for (index, part) in all_of.iter().enumerate() {
                if let Some((part, part_at)) = self::schema(doc, part, at.join("allOf").join(index))
                {
                    collect_properties(doc, part, &part_at, out, depth + 1);
                }
            }
        }
        SchemaKind::Any(any) => {
            for (name, node) in &any.properties {
                out.push(property(doc, name, node, any.required.contains(name), at));
            }
        }
        _ => {}
    }
}

fn property<'a>(
    doc: &'a OpenAPI,
    name: &'a str,
    node: &'a ReferenceOr<Box<Schema>>,
    required: bool,
    object_at: &Pointer,
) -> Property<'a> {
    let declared_at = object_at.join("properties").join(name);
    let (schema, schema_at) = match boxed_schema(doc, node, declared_at.clone()) {
        Some((schema, at)) => (Some(schema), at),
        None => (None, declared_at.clone()),
    };
    Property { name, required, schema, declared_at, schema_at }
}

/// The object whose fields a table describes: the schema itself, or the items of an array (at any
/// depth), following `$ref`s.
pub(crate) fn object_of<'a>(
    doc: &'a OpenAPI,
    schema: &'a Schema,
    at: Pointer,
) -> Option<(&'a Schema, Pointer)> {
    let mut current = (schema, at);
    for _ in 0..MAX_REFS {
        match &current.0.schema_kind {
            SchemaKind::Type(Type::Array(array)) => {
                let items = array.items.as_ref()?;
                current = boxed_schema(doc, items, current.1.join("items"))?;
            }
            SchemaKind::Type(Type::Object(o)) if o.properties.is_empty() => {
                // A map: its values are the objects.
                match &o.additional_properties {
                    Some(AdditionalProperties::Schema(values)) => {
                        current = schema_of(doc, values, current.1.join("additionalProperties"))?;
                    }
                    _ => return Some(current),
                }
            }
            _ => return Some(current),
        }
    }
    None
}

fn schema_of<'a>(
    doc: &'a OpenAPI,
    node: &'a ReferenceOr<Schema>,
    at: Pointer,
) -> Option<(&'a Schema, Pointer)> {
    schema(doc, node, at)
}

/// The items of an array schema, following a `$ref`.
pub(crate) fn array_items<'a>(doc: &'a OpenAPI, schema: &'a Schema) -> Option<&'a Schema> {
    match &schema.schema_kind {
        SchemaKind::Type(Type::Array(array)) => {
            boxed_schema(doc, array.items.as_ref()?, Pointer::root()).map(|(items, _)| items)
        }
        _ => None,
    }
}

/// A schema's type in the page's vocabulary, for comparing and for messages.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum SpecType {
    String(Option<String>),
    Integer(Option<String>),
    Number(Option<String>),
    Boolean,
    Array(Box<SpecType>),
    Map(Box<SpecType>),
    Object,
    Any,
}

impl SpecType {
    /// Words for a report: `integer (int32)`, `array of string`.
    pub fn describe(&self) -> String {
        let with = |base: &str, format: &Option<String>| match format {
            Some(format) => format!("{base} ({format})"),
            None => base.to_owned(),
        };
        match self {
            SpecType::String(f) => with("string", f),
            SpecType::Integer(f) => with("integer", f),
            SpecType::Number(f) => with("number", f),
            SpecType::Boolean => "boolean".into(),
            SpecType::Array(items) => format!("array of {}", items.describe()),
            SpecType::Map(values) => format!("map of {}", values.describe()),
            SpecType::Object => "object".into(),
            SpecType::Any => "any value".into(),
        }
    }
}

/// The type of a schema.
pub(crate) fn spec_type(doc: &OpenAPI, schema: &Schema, depth: usize) -> SpecType {
    fn format<F: std::fmt::Debug>(format: &VariantOrUnknownOrEmpty<F>) -> Option<String> {
        match format {
            VariantOrUnknownOrEmpty::Item(known) => Some(known_format(&format!("{known:?}"))),
            VariantOrUnknownOrEmpty::Unknown(other) => Some(other.clone()),
            VariantOrUnknownOrEmpty::Empty => None,
        }
    }
    if depth > MAX_REFS {
        return SpecType::Any;
    }
    match &schema.schema_kind {
        SchemaKind::Type(Type::String(s)) => SpecType::String(format(&s.format)),
        SchemaKind::Type(Type::Integer(i)) => SpecType::Integer(format(&i.format)),
        SchemaKind::Type(Type::Number(n)) => SpecType::Number(format(&n.format)),
        SchemaKind::Type(Type::Boolean(_)) => SpecType::Boolean,
        SchemaKind::Type(Type::Array(a)) => {
            let items = a
                .items
                .as_ref()
                .and_then(|items| boxed_schema(doc, items, Pointer::root()))
                .map_or(SpecType::Any, |(s, _)| spec_type(doc, s, depth + 1));
            SpecType::Array(Box::new(items))
        }
        SchemaKind::Type(Type::Object(o)) if o.properties.is_empty() => {
            match &o.additional_properties {
                Some(AdditionalProperties::Schema(values)) => {
                    let values = self::schema(doc, values, Pointer::root())
                        .map_or(SpecType::Any, |(s, _)| spec_type(doc, s, depth + 1));
                    SpecType::Map(Box::new(values))
                }
                Some(AdditionalProperties::Any(true)) => SpecType::Map(Box::new(SpecType::Any)),
                _ => SpecType::Object,
            }
        }
        SchemaKind::Type(Type::Object(_)) | SchemaKind::AllOf { .. } => SpecType::Object,
        SchemaKind::OneOf { .. } | SchemaKind::AnyOf { .. } | SchemaKind::Not { .. } => {
            SpecType::Any
        }
        // Keywords of several types beside an explicit `type` (which `openapiv3` reads as "any"): the
        // type is what the schema says it is.
        SchemaKind::Any(any) => match any.typ.as_deref() {
            Some("string") => SpecType::String(any.format.clone()),
            Some("integer") => SpecType::Integer(any.format.clone()),
            Some("number") => SpecType::Number(any.format.clone()),
            Some("boolean") => SpecType::Boolean,
            Some("array") => SpecType::Array(Box::new(SpecType::Any)),
            Some("object") => SpecType::Object,
            _ if !any.properties.is_empty() => SpecType::Object,
            _ => SpecType::Any,
        },
    }
}

/// An `openapiv3` format variant's name as written in specs (`DateTime` is `date-time`).
fn known_format(debug_name: &str) -> String {
    match debug_name {
        "DateTime" => "date-time".into(),
        other => other.to_lowercase(),
    }
}

/// The constraints of a schema, in the page's terms.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct SpecConstraints {
    pub min_length: Option<u64>,
    pub max_length: Option<u64>,
    pub minimum: Option<(f64, bool)>,
    pub maximum: Option<(f64, bool)>,
    pub enum_values: Vec<String>,
    pub default: Option<String>,
}

/// The constraints of a schema.
pub(crate) fn spec_constraints(schema: &Schema) -> SpecConstraints {
    let mut out = SpecConstraints {
        default: schema.schema_data.default.as_ref().map(json_text),
        ..SpecConstraints::default()
    };
    match &schema.schema_kind {
        SchemaKind::Type(Type::String(s)) => {
            out.min_length = s.min_length.map(|v| v as u64);
            out.max_length = s.max_length.map(|v| v as u64);
            out.enum_values = s.enumeration.iter().flatten().cloned().collect();
        }
        SchemaKind::Type(Type::Integer(i)) => {
            out.minimum = i.minimum.map(|v| (v as f64, i.exclusive_minimum));
            out.maximum = i.maximum.map(|v| (v as f64, i.exclusive_maximum));
            out.enum_values = i.enumeration.iter().flatten().map(i64::to_string).collect();
        }
        SchemaKind::Type(Type::Number(n)) => {
            out.minimum = n.minimum.map(|v| (v, n.exclusive_minimum));
            out.maximum = n.maximum.map(|v| (v, n.exclusive_maximum));
            out.enum_values = n.enumeration.iter().flatten().map(f64::to_string).collect();
        }
        SchemaKind::Type(Type::Boolean(b)) => {
            out.enum_values = b.enumeration.iter().flatten().map(bool::to_string).collect();
        }
        SchemaKind::Any(any) => {
            out.min_length = any.min_length.map(|v| v as u64);
            out.max_length = any.max_length.map(|v| v as u64);
            out.minimum = any.minimum.map(|v| (v, any.exclusive_minimum.unwrap_or(false)));
            out.maximum = any.maximum.map(|v| (v, any.exclusive_maximum.unwrap_or(false)));
            out.enum_values =
                any.enumeration.iter().filter(|v| !v.is_null()).map(json_text).collect();
        }
        _ => {}
    }
    out
}

/// A JSON value as the page would write it: strings without quotes.
pub(crate) fn json_text(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::String(text) => text.clone(),
        other => other.to_string(),
    }
}
