//! Which table describes an object row: by a link in the type cell, a `表N` reference (link or
//! text) in the description, a link to a bullet's anchor, or a table captioned with the type
//! name.

use std::sync::LazyLock;

use regex::Regex;

use crate::model::{Table, TableRole, TypeExpr, Unread};
use crate::richtext::Link;
use crate::roles::field_of_caption;
use crate::types::object_name;

/// A table with where it sits on the page and the links of its rows.
#[derive(Debug, Clone)]
pub(crate) struct Placed {
    /// The table.
    pub(crate) table: Table,
    /// Per row: the type cell's links and the description's links.
    pub(crate) links: Vec<(Vec<Link>, Vec<Link>)>,
    /// The section index and response status the table is under.
    pub(crate) scope: (usize, Option<u16>),
    /// The index of the table's block on the page.
    pub(crate) block: usize,
}

/// An `<a name>` outside tables (a bullet, a paragraph) and the index of its block.
#[derive(Debug, Clone)]
pub(crate) struct BlockAnchor {
    /// The anchor name.
    pub(crate) name: String,
    /// Its block's index.
    pub(crate) block: usize,
}

/// Resolves every object row to its table, marks referenced tables as nested, and reports what
/// cannot be resolved.
pub(crate) fn resolve(tables: &mut [Placed], anchors: &[BlockAnchor]) -> Vec<Unread> {
    let mut unread = Vec::new();
    let mut referenced = vec![false; tables.len()];
    for t in 0..tables.len() {
        let rows = tables.get(t).map_or(0, |placed| placed.table.rows.len());
        for r in 0..rows {
            let outcome = resolve_row(tables, anchors, t, r);
            if let Resolution::Table(index, _) = outcome
                && let Some(flag) = referenced.get_mut(index)
            {
                *flag = true;
            }
            unread.extend(apply(tables, t, r, outcome));
        }
    }
    unread.extend(mark_referenced(tables, &referenced));
    unread
}

/// Writes a row's resolution into it; a missing table is unread.
fn apply(tables: &mut [Placed], t: usize, r: usize, outcome: Resolution) -> Option<Unread> {
    let mentioned = match &outcome {
        Resolution::Mention(index) => tables.get(*index).map(|p| table_label(&p.table)),
        _ => None,
    };
    let row_label = label(tables, t, r);
    let row = tables.get_mut(t)?.table.rows.get_mut(r)?;
    match outcome {
        Resolution::Table(index, note) => {
            row.nested = Some(index);
            row.notes.extend(note);
        }
        Resolution::Mention(_) => {
            let target = mentioned.unwrap_or_default();
            row.notes.push(format!("the description refers to {target}"));
        }
        Resolution::Missing(what) => {
            return Some(Unread { line: row.line, what: format!("{row_label}: {what}") });
        }
        Resolution::NotNeeded => {}
    }
    None
}

/// Body tables a row refers to become nested; nested tables no row refers to are unread.
fn mark_referenced(tables: &mut [Placed], referenced: &[bool]) -> Vec<Unread> {
    let mut unread = Vec::new();
    for (placed, referenced) in tables.iter_mut().zip(referenced) {
        let table = &mut placed.table;
        // A body table that a row refers to describes that row, not the whole body.
        let body = matches!(
            table.role,
            TableRole::Other | TableRole::RequestBody | TableRole::ResponseBody { .. }
        );
        if *referenced && body {
            table.role = TableRole::Nested;
        } else if !referenced && table.role == TableRole::Nested {
            unread.push(Unread {
                line: table.line,
                what: format!("{}: no row refers to this table", table_label(table)),
            });
        }
    }
    unread
}

enum Resolution {
    /// The row's object is described by this table (with a note on how it was found, if
    /// the way was indirect).
    Table(usize, Option<String>),
    /// A scalar row whose description points at a table.
    Mention(usize),
    /// An object row without a table.
    Missing(String),
    /// Not an object row, no reference.
    NotNeeded,
}

fn resolve_row(tables: &[Placed], anchors: &[BlockAnchor], t: usize, r: usize) -> Resolution {
    let Some(placed) = tables.get(t) else { return Resolution::NotNeeded };
    let Some(row) = placed.table.rows.get(r) else { return Resolution::NotNeeded };
    let (type_links, description_links) = placed.links.get(r).cloned().unwrap_or_default();
    let wanted = row.ty.as_ref().and_then(object_name);
    let referenced = description_reference(tables, anchors, &description_links, &row.description);
    let Some(type_name) = wanted else {
        return match (referenced, &row.ty) {
            (Some(index), None | Some(TypeExpr::Other(_))) => Resolution::Table(index, None),
            (Some(index), Some(_)) => Resolution::Mention(index),
            (None, _) => Resolution::NotNeeded,
        };
    };
    let name = type_name.or_else(|| type_links.first().map(|link| link.text.as_str()));
    let in_scope = name.and_then(|name| by_caption_in_scope(tables, t, name));
    let by_type_link = type_links.iter().find_map(|link| link_target(tables, anchors, &link.href));
    let by_caption = name.and_then(|name| by_caption_anywhere(tables, t, name));
    if let Some(index) = in_scope.or(by_type_link).or(referenced).or(by_caption) {
        return Resolution::Table(index, None);
    }
    if let Some(index) = by_field_caption(tables, t, &row.name) {
        let caption = tables.get(index).map_or("", |placed| placed.table.caption.as_str());
        return Resolution::Table(
            index,
            Some(format!("described by the table captioned `{caption}`")),
        );
    }
    if let Some(index) = next_same_caption(tables, t) {
        let note = "no reference on the page; read as described by the next table, which has the same caption";
        return Resolution::Table(index, Some(note.to_string()));
    }
    let what = match name {
        Some(name) => format!("no table describes type `{name}`"),
        None => "no table describes this object".to_string(),
    };
    let broken = type_links.iter().find(|link| link.href.starts_with('#')).map(|link| &link.href);
    Resolution::Missing(match broken {
        Some(href) => format!("{what} (the link `{href}` leads to nothing on this page)"),
        None => what,
    })
}

static TABLE_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"表\s*(\d+)(\s*[-.－]\s*\d+)?").unwrap_or_else(|e| unreachable!("constant: {e}"))
});

/// The table a description points at: a link (to a table or a bullet's anchor), or `表N`.
fn description_reference(
    tables: &[Placed],
    anchors: &[BlockAnchor],
    links: &[Link],
    description: &str,
) -> Option<usize> {
    let linked = links
        .iter()
        .filter(|link| link.href.starts_with('#'))
        .find_map(|link| link_target(tables, anchors, &link.href));
    linked.or_else(|| {
        TABLE_NUMBER.captures_iter(description).find_map(|caps| {
            // `表4-10` numbers a table of another document.
            if caps.get(2).is_some() {
                return None;
            }
            let number: u32 = caps.get(1)?.as_str().parse().ok()?;
            tables.iter().position(|placed| placed.table.number == Some(number))
        })
    })
}

/// `#anchor`: the table with that anchor, or the first table after the block that has it.
fn link_target(tables: &[Placed], anchors: &[BlockAnchor], href: &str) -> Option<usize> {
    let name = href.rsplit_once('#').map(|(_, name)| name)?;
    if name.is_empty() {
        return None;
    }
    tables.iter().position(|placed| placed.table.anchor.as_deref() == Some(name)).or_else(|| {
        let block = anchors.iter().find(|anchor| anchor.name == name)?.block;
        tables.iter().position(|placed| placed.block > block)
    })
}

/// The nearest table after `t`, in the same section and status, captioned `name`.
fn by_caption_in_scope(tables: &[Placed], t: usize, name: &str) -> Option<usize> {
    let scope = tables.get(t)?.scope;
    (t + 1..tables.len()).find(|&i| {
        tables.get(i).is_some_and(|placed| placed.scope == scope && placed.table.caption == name)
    })
}

/// The nearest table captioned `name`: after `t` first, then before it.
fn by_caption_anywhere(tables: &[Placed], t: usize, name: &str) -> Option<usize> {
    let captioned = |i: &usize| tables.get(*i).is_some_and(|placed| placed.table.caption == name);
    (t + 1..tables.len()).find(captioned).or_else(|| (0..t).rev().find(captioned))
}

/// The nearest following table whose caption names the field (`detail字段数据结构说明`).
fn by_field_caption(tables: &[Placed], t: usize, field: &str) -> Option<usize> {
    (t + 1..tables.len()).find(|&i| {
        tables.get(i).is_some_and(|placed| {
            let caption: String =
                placed.table.caption.chars().filter(|c| !c.is_whitespace()).collect();
            field_of_caption(&caption) == Some(field)
        })
    })
}

/// Pages that chain tables without references (`响应参数` three times, each object row described
/// by the next): the table right after `t`, in the same section, with the same caption, when
/// `t` has exactly one object row.
fn next_same_caption(tables: &[Placed], t: usize) -> Option<usize> {
    let current = tables.get(t)?;
    let next = tables.get(t + 1)?;
    let object_rows = current
        .table
        .rows
        .iter()
        .filter(|row| row.ty.as_ref().and_then(object_name).is_some())
        .count();
    let same = next.scope.0 == current.scope.0 && next.table.caption == current.table.caption;
    (object_rows == 1 && same && !current.table.caption.is_empty()).then_some(t + 1)
}

/// `table 3 row 2`, for messages.
pub(crate) fn label(tables: &[Placed], t: usize, r: usize) -> String {
    let table =
        tables.get(t).map_or_else(|| format!("table #{}", t + 1), |p| table_label(&p.table));
    format!("{table} row {}", r + 1)
}

/// `table 3`, or `table \`caption\``, or the line, for messages.
pub(crate) fn table_label(table: &Table) -> String {
    match (table.number, table.caption.as_str()) {
        (Some(number), _) => format!("table {number}"),
        (None, "") => format!("table at line {}", table.line),
        (None, caption) => format!("table `{caption}`"),
    }
}
