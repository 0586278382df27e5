//! Grid rows to model rows: name, 是否必选, type, description and its constraints.

use crate::columns::{Column, Columns};
use crate::constraints::read_constraints;
use crate::html_table::GridRow;
use crate::model::{Constraints, Required, Row, TypeExpr};
use crate::richtext::{Link, RichText};
use crate::types::parse_type;

/// A row with what nesting needs to know about it.
#[derive(Debug, Clone)]
pub(crate) struct ReadRow {
    /// The model row (`nested` not yet resolved).
    pub(crate) row: Row,
    /// Links in the type cell.
    pub(crate) type_links: Vec<Link>,
    /// Links in the description cell.
    pub(crate) description_links: Vec<Link>,
    /// Problems, for [`Page::unread`](crate::Page::unread) (without the row prefix).
    pub(crate) problems: Vec<String>,
}

/// Reads the body rows of a parameter (or status-code) table.
pub(crate) fn read_rows(columns: &Columns, rows: &[GridRow]) -> Vec<ReadRow> {
    rows.iter().map(|row| read_row(columns, row)).collect()
}

fn read_row(columns: &Columns, grid_row: &GridRow) -> ReadRow {
    let empty = RichText::default();
    let cell = |kind: &Column| columns.position(kind).and_then(|i| grid_row.cells.get(i));
    let name_cell = cell(&Column::Name)
        .or_else(|| cell(&Column::Status))
        .or_else(|| grid_row.cells.first())
        .unwrap_or(&empty);
    let description_cell = cell(&Column::Description).unwrap_or(&empty);
    let type_cell = cell(&Column::Type);
    let type_text = type_cell.map(RichText::single_line);
    let ty = type_text.as_deref().map(parse_type);
    let reading = read_constraints(&description_cell.lines, ty.as_ref());
    let mut notes = reading.notes;
    notes.extend(ty.as_ref().and_then(|ty| mismatch(ty, &reading.constraints)));
    notes.extend(unknown_columns(columns, grid_row));
    let required = match cell(&Column::Required) {
        Some(text) => parse_required(&text.single_line()),
        None => Required::Unspecified,
    };
    let row = Row {
        line: grid_row.line,
        name: name_cell.single_line(),
        required,
        type_text,
        ty,
        description: reading.description,
        constraints: reading.constraints,
        nested: None,
        notes,
    };
    ReadRow {
        row,
        type_links: type_cell.map(|cell| cell.links.clone()).unwrap_or_default(),
        description_links: description_cell.links.clone(),
        problems: reading.problems,
    }
}

/// Constraints the page gives a type they do not fit, kept as written but pointed out.
fn mismatch(ty: &TypeExpr, constraints: &Constraints) -> Option<String> {
    let has_length = constraints.min_length.is_some() || constraints.max_length.is_some();
    let has_bounds = constraints.minimum.is_some() || constraints.maximum.is_some();
    let numeric = matches!(
        ty,
        TypeExpr::Integer | TypeExpr::Long | TypeExpr::Float | TypeExpr::Double | TypeExpr::Number
    );
    if has_length && numeric {
        Some("the page gives a length to a number; kept as written".to_string())
    } else if has_length && matches!(ty, TypeExpr::Array(_)) {
        Some("the page gives a length to an array without saying whether it bounds the array or its items; kept as written".to_string())
    } else if has_bounds && matches!(ty, TypeExpr::String { .. } | TypeExpr::Boolean) {
        Some("the page gives value bounds to a non-number; kept as written".to_string())
    } else {
        None
    }
}

/// The cells of columns the reader does not know, kept as notes so nothing is lost.
fn unknown_columns(columns: &Columns, row: &GridRow) -> Vec<String> {
    columns
        .kinds
        .iter()
        .zip(&row.cells)
        .filter_map(|(kind, cell)| match kind {
            Column::Unknown(header) if !cell.is_empty() => {
                Some(format!("{header}: {}", cell.plain()))
            }
            _ => None,
        })
        .collect()
}

/// The 是否必选 cell.
pub(crate) fn parse_required(text: &str) -> Required {
    let text = text.trim();
    match text.to_lowercase().as_str() {
        "是" | "必选" | "必填" | "yes" | "y" | "true" => Required::Yes,
        "否" | "可选" | "选填" | "no" | "n" | "false" => Required::No,
        "" | "-" | "--" | "—" => Required::Unspecified,
        _ => Required::Conditional(text.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn required_cells() {
        assert_eq!(parse_required("是"), Required::Yes);
        assert_eq!(parse_required(" 否 "), Required::No);
        assert_eq!(parse_required(""), Required::Unspecified);
        assert_eq!(parse_required("条件必选"), Required::Conditional("条件必选".into()));
        assert_eq!(
            parse_required("type = 2时必选"),
            Required::Conditional("type = 2时必选".into())
        );
    }
}
