//! One table read in its place on the page: caption, role, rows, and what it adds to the page
//! (status codes, a method and path, unread items).

use std::sync::LazyLock;

use regex::Regex;

use crate::columns::{Column, Columns};
use crate::endpoint::{self, MethodPath};
use crate::html_table::{self, Grid, RawTable};
use crate::model::{Outcome, StatusCode, Table, TableRole, TypeExpr, Unread};
use crate::nesting::table_label;
use crate::richtext::{Link, RichText};
use crate::roles::role;
use crate::rows::{ReadRow, read_rows};
use crate::sections::SectionKind;
use crate::status::parse_code;

/// A numbered caption (`**表 3**  请求Body参数`) waiting for its table.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Caption {
    /// `3`, unless the number is a chapter-style `4-10`.
    pub(crate) number: Option<u32>,
    /// `请求Body参数`.
    pub(crate) text: String,
}

static CAPTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^表\s*(\d+)(\s*[-.－]\s*\d+)?\s*(.*)$")
        .unwrap_or_else(|e| unreachable!("constant: {e}"))
});

/// `表 3  请求Body参数` → number 3, caption `请求Body参数`.
pub(crate) fn caption(text: &str) -> Option<Caption> {
    let caps = CAPTION.captures(text.trim())?;
    let number = match caps.get(2) {
        Some(_) => None,
        None => caps.get(1).and_then(|m| m.as_str().parse().ok()),
    };
    let caption = caps.get(3).map_or("", |m| m.as_str()).trim().to_string();
    Some(Caption { number, text: caption })
}

/// Where a table stands on the page.
#[derive(Debug, Clone)]
pub(crate) struct Context {
    /// The section it is in.
    pub(crate) section: SectionKind,
    /// The status of the last `**状态码： NNN**` before it in the section.
    pub(crate) status: Option<u16>,
    /// Its numbered caption, if one came before it.
    pub(crate) caption: Option<Caption>,
    /// Otherwise the text that introduces it.
    pub(crate) intro: Option<String>,
    /// The bullet it is under.
    pub(crate) label: Option<String>,
    /// The `<a name>` just before it.
    pub(crate) anchor: Option<String>,
    /// The line of the table.
    pub(crate) line: usize,
}

/// A table and what it adds to the page.
#[derive(Debug, Clone)]
pub(crate) struct ReadTable {
    /// The table, `nested` not yet resolved.
    pub(crate) table: Table,
    /// Per row: the type cell's links and the description's links.
    pub(crate) links: Vec<(Vec<Link>, Vec<Link>)>,
    /// Status codes, for a status-code table.
    pub(crate) status_codes: Vec<StatusCode>,
    /// Methods and paths, for a 请求方法 | URI table (with the row's line).
    pub(crate) endpoints: Vec<(MethodPath, usize)>,
    /// What the reader did not understand in it.
    pub(crate) unread: Vec<Unread>,
}

/// Reads one table in its context.
pub(crate) fn read_table(raw: &RawTable, context: Context) -> ReadTable {
    let grid = html_table::grid(raw, context.line);
    let headers: Vec<String> = grid.header.iter().map(RichText::single_line).collect();
    let columns = Columns::from_header(headers.iter().map(String::as_str));
    let Caption { number, text: caption } = context.caption.unwrap_or_else(|| Caption {
        number: None,
        text: context.intro.or_else(|| context.label.clone()).unwrap_or_default(),
    });
    let mut table_role = role(context.section, &caption, &columns, context.status);
    if let (TableRole::Other, Some(label)) = (table_role, &context.label) {
        // `表 1 要素说明` under the bullet `响应参数`: the bullet says what it is.
        table_role = role(context.section, label, &columns, context.status);
    }
    let rows = read_rows(&columns, &grid.rows);
    let table = Table {
        number,
        caption,
        anchor: context.anchor,
        line: context.line,
        role: table_role,
        has_required_column: columns.has(&Column::Required),
        has_type_column: columns.has(&Column::Type),
        rows: rows.iter().map(|read| read.row.clone()).collect(),
    };
    let outcome = context.label.as_deref().and_then(crate::status::outcome);
    let (status_codes, mut unread) = match table.role {
        TableRole::StatusCodes => status_rows(&table, outcome),
        _ => (Vec::new(), Vec::new()),
    };
    let endpoints = match table.role {
        TableRole::Endpoint => endpoint_rows(&columns, &grid),
        _ => Vec::new(),
    };
    unread.extend(problems(&table, &columns, &rows));
    let links = rows.into_iter().map(|read| (read.type_links, read.description_links)).collect();
    ReadTable { table, links, status_codes, endpoints, unread }
}

/// Unknown columns, rows without a name or with a repeated one, types and markers not
/// understood.
fn problems(table: &Table, columns: &Columns, rows: &[ReadRow]) -> Vec<Unread> {
    let name = table_label(table);
    let mut unread: Vec<Unread> = columns
        .unknown()
        .map(|header| Unread {
            line: table.line,
            what: format!("{name}: column `{header}` not understood"),
        })
        .collect();
    if columns.kinds.is_empty() {
        unread.push(Unread { line: table.line, what: format!("{name}: no header row") });
    }
    let checks_names = !matches!(table.role, TableRole::StatusCodes | TableRole::Endpoint);
    let mut seen: Vec<&str> = Vec::new();
    for (r, read) in rows.iter().enumerate() {
        let row = &read.row;
        let mut at = |what: String| {
            unread.push(Unread { line: row.line, what: format!("{name} row {}: {what}", r + 1) });
        };
        for problem in &read.problems {
            at(problem.clone());
        }
        if let Some(TypeExpr::Other(text)) = &row.ty {
            at(format!("type `{text}` not understood"));
        }
        if checks_names && row.name.is_empty() {
            at("no name".to_string());
        } else if checks_names && seen.contains(&row.name.as_str()) {
            at(format!("`{}` is described twice", row.name));
        }
        seen.push(&row.name);
    }
    unread
}

/// The codes of a status-code table (`200`, `400 Bad Request`).
fn status_rows(table: &Table, outcome: Option<Outcome>) -> (Vec<StatusCode>, Vec<Unread>) {
    let mut codes = Vec::new();
    let mut unread = Vec::new();
    for (r, row) in table.rows.iter().enumerate() {
        match parse_code(&row.name) {
            Some((code, reason)) => codes.push(StatusCode {
                code,
                reason,
                description: row.description.clone(),
                outcome,
                line: row.line,
            }),
            None => unread.push(Unread {
                line: row.line,
                what: format!(
                    "{} row {}: status code `{}` not understood",
                    table_label(table),
                    r + 1,
                    row.name
                ),
            }),
        }
    }
    (codes, unread)
}

/// The methods and paths of a 请求方法 | URI table.
fn endpoint_rows(columns: &Columns, grid: &Grid) -> Vec<(MethodPath, usize)> {
    let (Some(method), Some(uri)) =
        (columns.position(&Column::Method), columns.position(&Column::Uri))
    else {
        return Vec::new();
    };
    let cell = |row: &html_table::GridRow, i: usize| {
        row.cells.get(i).map(RichText::single_line).unwrap_or_default()
    };
    grid.rows
        .iter()
        .filter_map(|row| {
            endpoint::parse_cells(&cell(row, method), &cell(row, uri))
                .map(|found| (found, row.line))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn captions() {
        let found = caption("表 3 请求Body参数").unwrap();
        assert_eq!((found.number, found.text.as_str()), (Some(3), "请求Body参数"));
        let found = caption("表4-10 PortList").unwrap();
        assert_eq!((found.number, found.text.as_str()), (None, "PortList"));
        assert!(caption("表示").is_none());
    }
}
