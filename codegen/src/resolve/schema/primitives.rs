//! Unnamed shapes: strings, integers, numbers, arrays, maps and free-form objects, with their
//! constraints.

use openapiv3::{
    AdditionalProperties, ArrayType, IntegerType, NumberType, ObjectType,
    StringFormat as OaStringFormat, StringType, VariantOrUnknownOrEmpty,
};

use crate::ir::{Bound, Constraints, IntegerWidth, NumberWidth, Shape, ShapeKind, StringFormat};
use crate::pointer::Pointer;
use crate::resolve::Resolver;

impl Resolver<'_> {
    pub(super) fn free_form_object(
        &mut self,
        object: &ObjectType,
        pointer: &Pointer,
        hint: &str,
    ) -> Shape {
        if let (Some(min), Some(max)) = (object.min_properties, object.max_properties)
            && min > max
        {
            self.error(
                pointer,
                format!("`minProperties` {min} is greater than `maxProperties` {max}"),
            );
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

    pub(super) fn string(&mut self, string: &StringType, pointer: &Pointer) -> Shape {
        let mut unchecked = None;
        let mut base64 = false;
        let format = match &string.format {
            VariantOrUnknownOrEmpty::Empty => None,
            VariantOrUnknownOrEmpty::Item(OaStringFormat::DateTime) => Some(StringFormat::DateTime),
            VariantOrUnknownOrEmpty::Unknown(f) if f == "uuid" => Some(StringFormat::Uuid),
            VariantOrUnknownOrEmpty::Item(OaStringFormat::Byte) => {
                // The bytes are the value; lengths and a pattern constrain their base64 text, which
                // `validate()` checks on the text the value is sent as.
                base64 = true;
                None
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
        let (pattern, unchecked_pattern) = match &string.pattern {
            Some(source) => match self.pattern(source, &pointer.join("pattern")) {
                Some((pattern, _)) => (Some(pattern), None),
                None => (None, Some(source.clone())),
            },
            None => (None, None),
        };
        if let (Some(min), Some(max)) = (string.min_length, string.max_length)
            && min > max
        {
            self.error(pointer, format!("`minLength` {min} is greater than `maxLength` {max}"));
        }
        Shape {
            kind: if base64 { ShapeKind::Base64 } else { ShapeKind::String(format) },
            constraints: Constraints {
                min_length: string.min_length,
                max_length: string.max_length,
                pattern,
                unchecked_pattern,
                unchecked_format: unchecked,
                ..Constraints::default()
            },
            nullable: false,
        }
    }

    pub(super) fn integer(&mut self, integer: &IntegerType, pointer: &Pointer) -> Shape {
        let width = match &integer.format {
            VariantOrUnknownOrEmpty::Item(openapiv3::IntegerFormat::Int32) => IntegerWidth::I32,
            VariantOrUnknownOrEmpty::Item(openapiv3::IntegerFormat::Int64)
            | VariantOrUnknownOrEmpty::Empty => IntegerWidth::I64,
            VariantOrUnknownOrEmpty::Unknown(other) => {
                self.unknown_numeric_format(pointer, other, UnknownFormat::INTEGER);
                IntegerWidth::I64
            }
        };
        // `null` in the list makes uses nullable (see `is_nullable`); it is not a value.
        let allowed: Vec<i64> = integer.enumeration.iter().flatten().copied().collect();
        let keywords = NumericKeywords {
            minimum: integer.minimum.map(|v| v as f64),
            exclusive_minimum: integer.exclusive_minimum,
            maximum: integer.maximum.map(|v| v as f64),
            exclusive_maximum: integer.exclusive_maximum,
            multiple_of: integer.multiple_of.map(|m| m as f64),
        };
        let constraints = Constraints {
            allowed_integers: (!allowed.is_empty()).then_some(allowed),
            ..self.numeric_constraints(&keywords, pointer)
        };
        Shape { kind: ShapeKind::Integer(width), constraints, nullable: false }
    }

    pub(super) fn number(&mut self, number: &NumberType, pointer: &Pointer) -> Shape {
        let width = match &number.format {
            VariantOrUnknownOrEmpty::Item(openapiv3::NumberFormat::Float) => NumberWidth::F32,
            VariantOrUnknownOrEmpty::Item(openapiv3::NumberFormat::Double)
            | VariantOrUnknownOrEmpty::Empty => NumberWidth::F64,
            VariantOrUnknownOrEmpty::Unknown(other) => {
                self.unknown_numeric_format(pointer, other, UnknownFormat::NUMBER);
                NumberWidth::F64
            }
        };
        let allowed: Vec<f64> = number.enumeration.iter().flatten().copied().collect();
        let keywords = NumericKeywords {
            minimum: number.minimum,
            exclusive_minimum: number.exclusive_minimum,
            maximum: number.maximum,
            exclusive_maximum: number.exclusive_maximum,
            multiple_of: number.multiple_of,
        };
        let constraints = Constraints {
            allowed_numbers: (!allowed.is_empty()).then_some(allowed),
            ..self.numeric_constraints(&keywords, pointer)
        };
        Shape { kind: ShapeKind::Number(width), constraints, nullable: false }
    }

    /// The bounds and `multipleOf` of an integer or number schema.
    fn numeric_constraints(
        &mut self,
        keywords: &NumericKeywords,
        pointer: &Pointer,
    ) -> Constraints {
        let multiple_of = keywords.multiple_of.filter(|m| *m > 0.0 && m.is_finite());
        if keywords.multiple_of.is_some() && multiple_of.is_none() {
            self.error(
                &pointer.join("multipleOf"),
                "`multipleOf` must be a finite number greater than 0",
            );
        }
        let bound = |value: Option<f64>, exclusive| value.map(|value| Bound { value, exclusive });
        Constraints {
            minimum: bound(keywords.minimum, keywords.exclusive_minimum),
            maximum: bound(keywords.maximum, keywords.exclusive_maximum),
            multiple_of,
            ..Constraints::default()
        }
    }

    /// An integer or number `format` the generator does not know: a mistake, generated as the
    /// widest type.
    fn unknown_numeric_format(&mut self, pointer: &Pointer, format: &str, kind: UnknownFormat) {
        let UnknownFormat { schema_type, known, rust_type } = kind;
        self.mistake(
            &pointer.join("format"),
            &format!("{schema_type} `format: {format}` is not one the generator knows ({known})"),
            &format!("it is generated as `{rust_type}`, the format unchecked"),
        );
    }

    pub(super) fn array(&mut self, array: &ArrayType, pointer: &Pointer, hint: &str) -> Shape {
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
}

/// The keywords integer and number schemas share, as `f64` (the IR keeps every bound as one).
struct NumericKeywords {
    minimum: Option<f64>,
    exclusive_minimum: bool,
    maximum: Option<f64>,
    exclusive_maximum: bool,
    multiple_of: Option<f64>,
}

/// How an unknown integer or number format is reported.
struct UnknownFormat {
    schema_type: &'static str,
    known: &'static str,
    rust_type: &'static str,
}

impl UnknownFormat {
    const INTEGER: Self = Self { schema_type: "integer", known: "int32, int64", rust_type: "i64" };
    const NUMBER: Self = Self { schema_type: "number", known: "float, double", rust_type: "f64" };
}
