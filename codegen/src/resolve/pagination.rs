//! `x-huawei-pagination`: how a list operation pages its results, checked against the operation
//! it is written on (its parameters and success body) and turned into [`Pagination`].

use super::Resolver;
use crate::ir::{
    FieldStep, NextMarker, PagePosition, Pagination, Parameter, ParameterLocation, Response, Shape,
    ShapeKind, TypeDef, TypeKind,
};
use crate::pointer::Pointer;
use crate::vendor::{self, PAGINATION};

impl Resolver<'_> {
    /// The paging of the operation at `pointer`, when it has an `x-huawei-pagination`.
    pub(super) fn pagination(
        &mut self,
        pointer: &Pointer,
        parameters: &[Parameter],
        responses: &[Response],
    ) -> Option<Pagination> {
        let value = self.raw_at(pointer)?.get(PAGINATION)?;
        let at = pointer.join(PAGINATION);
        let raw = match vendor::pagination(value) {
            Ok(raw) => raw,
            Err(message) => {
                self.error(&at, message);
                return None;
            }
        };
        let body = self.paged_body(&at, responses)?;
        let (items, item) = self.field_path(&at.join("items"), &body, &raw.items, Wanted::Array)?;
        let limit = match &raw.limit {
            Some(name) => {
                Some(self.query_parameter(&at.join("limit"), parameters, name, Wanted::Integer)?)
            }
            None => None,
        };
        let total = match &raw.total {
            Some(path) => Some(self.field_path(&at.join("total"), &body, path, Wanted::Integer)?.0),
            None => None,
        };
        let position = match (&raw.offset, &raw.marker) {
            (Some(name), _) => {
                let parameter =
                    self.query_parameter(&at.join("offset"), parameters, name, Wanted::Integer)?;
                let width = match parameters
                    .iter()
                    .find(|p| p.rust_name == parameter)
                    .map(|p| &p.shape.kind)
                {
                    Some(ShapeKind::Integer(width)) => *width,
                    _ => return None,
                };
                PagePosition::Offset { parameter, width }
            }
            (None, Some(name)) => {
                let parameter =
                    self.query_parameter(&at.join("marker"), parameters, name, Wanted::String)?;
                let next = match (&raw.next_marker, &raw.marker_from_item) {
                    (Some(path), _) => NextMarker::Field(
                        self.field_path(&at.join("next-marker"), &body, path, Wanted::String)?.0,
                    ),
                    (None, Some(field)) => {
                        let (mut steps, _) = self.field_path(
                            &at.join("marker-from-item"),
                            &item,
                            field,
                            Wanted::String,
                        )?;
                        match (steps.pop(), steps.is_empty()) {
                            (Some(step), true) => NextMarker::LastItem(step),
                            _ => {
                                self.error(
                                    &at.join("marker-from-item"),
                                    "`marker-from-item` names one field of an item, not a path",
                                );
                                return None;
                            }
                        }
                    }
                    (None, None) => return None,
                };
                PagePosition::Marker { parameter, next }
            }
            (None, None) => return None,
        };
        Some(Pagination { items, item, limit, position, total })
    }

    /// The success body a paged operation's fields are looked up in: its one 2xx response's JSON.
    fn paged_body(&mut self, at: &Pointer, responses: &[Response]) -> Option<Shape> {
        let successes: Vec<&Response> =
            responses.iter().filter(|r| r.status.may_succeed() && !r.status.is_pattern()).collect();
        match successes.as_slice() {
            [only] if only.body.as_ref().is_some_and(|b| b.kind != ShapeKind::Binary) => {
                only.body.clone()
            }
            _ => {
                self.error(
                    at,
                    "a paged operation has exactly one documented 2xx response, with a JSON body",
                );
                None
            }
        }
    }

    /// The Rust field of the query parameter `name`, which must have the `wanted` type.
    fn query_parameter(
        &mut self,
        at: &Pointer,
        parameters: &[Parameter],
        name: &str,
        wanted: Wanted,
    ) -> Option<String> {
        let found = parameters
            .iter()
            .find(|p| p.location == ParameterLocation::Query && p.wire_name == name);
        match found {
            Some(parameter) if wanted.fits(&parameter.shape) && !parameter.shape.nullable => {
                Some(parameter.rust_name.clone())
            }
            Some(_) => {
                self.error(at, format!("query parameter `{name}` must be {}", wanted.words()));
                None
            }
            None => {
                self.error(at, format!("the operation has no query parameter `{name}`"));
                None
            }
        }
    }

    /// The steps of a dotted field path from `shape` (a struct), and the shape it ends at: an array's
    /// item for [`Wanted::Array`], else the field's own shape, which must fit `wanted`.
    fn field_path(
        &mut self,
        at: &Pointer,
        shape: &Shape,
        path: &str,
        wanted: Wanted,
    ) -> Option<(Vec<FieldStep>, Shape)> {
        let mut steps = Vec::new();
        let mut current = shape.clone();
        for name in path.split('.') {
            let field = match &current.kind {
                ShapeKind::Named(id) => match self.types.get(id.index()).and_then(Option::as_ref) {
                    Some(TypeDef { kind: TypeKind::Struct(fields), .. }) => {
                        fields.iter().find(|f| f.wire_name == name && !f.flatten).cloned()
                    }
                    _ => None,
                },
                _ => None,
            };
            let Some(field) = field else {
                self.error(
                    at,
                    format!(
                        "`{path}`: `{name}` is not a property of the object it is looked up in"
                    ),
                );
                return None;
            };
            steps.push(FieldStep {
                rust_name: field.rust_name.clone(),
                optional: !field.required,
                nullable: field.shape.nullable,
            });
            current = field.shape.clone();
        }
        let end = match (&current.kind, wanted) {
            (ShapeKind::Array(item), Wanted::Array) => (**item).clone(),
            (_, Wanted::Array) => {
                self.error(at, format!("`{path}` must be an array"));
                return None;
            }
            (_, wanted) if wanted.fits(&current) => current,
            (_, wanted) => {
                self.error(at, format!("`{path}` must be {}", wanted.words()));
                return None;
            }
        };
        Some((steps, end))
    }
}

/// What a paging field or parameter must be.
#[derive(Debug, Clone, Copy)]
enum Wanted {
    Array,
    Integer,
    String,
}

impl Wanted {
    fn fits(self, shape: &Shape) -> bool {
        matches!(
            (self, &shape.kind),
            (Wanted::Integer, ShapeKind::Integer(_))
                | (Wanted::String, ShapeKind::String(_))
                | (Wanted::Array, ShapeKind::Array(_))
        )
    }

    fn words(self) -> &'static str {
        match self {
            Wanted::Array => "an array",
            Wanted::Integer => "an integer",
            Wanted::String => "a string",
        }
    }
}
