//! HTML tables: where one starts and ends in the source, the line of each row, and the grid of
//! cells (read with `scraper`, a real HTML parser).

use std::ops::Range;

use scraper::{ElementRef, Html};

use crate::richtext::RichText;
use crate::source::LineIndex;

/// A table's HTML with the line of each of its `<tr` (in document order).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct RawTable {
    /// The `<table>` element's HTML (a pipe table rendered to HTML).
    pub(crate) html: String,
    /// The line of each row, in document order (nested tables' rows included).
    pub(crate) row_lines: Vec<usize>,
}

/// A table as a grid of cells.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Grid {
    /// The header cells (the first row of `<thead>`, or else the first row).
    pub(crate) header: Vec<RichText>,
    /// The other rows.
    pub(crate) rows: Vec<GridRow>,
}

/// One body row.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct GridRow {
    /// The line of its `<tr`.
    pub(crate) line: usize,
    /// Its cells, spans expanded.
    pub(crate) cells: Vec<RichText>,
}

/// The byte range of the first `<table` … matching `</table>` starting in `from..limit`.
pub(crate) fn find_table(text: &str, from: usize, limit: usize) -> Option<Range<usize>> {
    let start = find_tag(text, from, "table", false).filter(|&start| start < limit)?;
    let mut depth = 0usize;
    let mut cursor = start;
    let mut next_open = Some(start);
    loop {
        // Never closed: the table runs to the end of the page.
        let Some(close) = find_tag(text, cursor, "table", true) else {
            return Some(start..text.len());
        };
        // Count the tables opened before this close (nested ones), finding each once.
        while let Some(open) = next_open.filter(|&open| open < close) {
            depth += 1;
            next_open = find_tag(text, open + 1, "table", false);
        }
        depth = depth.saturating_sub(1);
        let end = text
            .get(close..)
            .and_then(|rest| rest.find('>'))
            .map_or(text.len(), |gt| close + gt + 1);
        if depth == 0 {
            return Some(start..end);
        }
        cursor = end;
    }
}

/// The table at `range` of `text`, with its row lines.
pub(crate) fn raw(text: &str, range: Range<usize>, lines: &LineIndex) -> RawTable {
    let html = text.get(range.clone()).unwrap_or_default();
    let mut row_lines = Vec::new();
    let mut cursor = 0;
    while let Some(found) = find_tag(html, cursor, "tr", false) {
        row_lines.push(lines.line(range.start + found));
        cursor = found + 1;
    }
    RawTable { html: html.to_string(), row_lines }
}

/// The offset of the next `<name` (or `</name`) tag at or after `from`, ASCII case-insensitive.
fn find_tag(text: &str, from: usize, name: &str, closing: bool) -> Option<usize> {
    let bytes = text.as_bytes();
    let prefix_len = if closing { 2 } else { 1 };
    let mut i = from;
    while i < bytes.len() {
        let lt = i + bytes.get(i..)?.iter().position(|&b| b == b'<')?;
        let name_start = lt + prefix_len;
        let is_tag = (!closing || bytes.get(lt + 1) == Some(&b'/'))
            && bytes
                .get(name_start..name_start + name.len())
                .is_some_and(|candidate| candidate.eq_ignore_ascii_case(name.as_bytes()))
            && bytes
                .get(name_start + name.len())
                .is_none_or(|&b| b.is_ascii_whitespace() || b == b'>' || b == b'/');
        if is_tag {
            return Some(lt);
        }
        i = lt + 1;
    }
    None
}

/// Longest span honoured, so a hostile `colspan` cannot blow up the grid.
const MAX_SPAN: usize = 64;

/// Reads a table's rows and cells.
pub(crate) fn grid(raw: &RawTable, fallback_line: usize) -> Grid {
    let document = Html::parse_fragment(&raw.html);
    let root = document.root_element();
    let Some(table) = root.descendent_elements().find(|e| e.value().name() == "table") else {
        return Grid::default();
    };
    let all_rows: Vec<ElementRef<'_>> =
        table.descendent_elements().filter(|e| e.value().name() == "tr").collect();
    let mut spans = SpanState::default();
    let mut header = None;
    let mut rows = Vec::new();
    for (index, row) in all_rows.iter().enumerate() {
        if !belongs_to(*row, table) {
            continue;
        }
        let cells = spans.expand(cells_of(*row));
        let in_head =
            row.parent().and_then(ElementRef::wrap).is_some_and(|p| p.value().name() == "thead");
        if header.is_none() && (in_head || rows.is_empty()) {
            header = Some(cells);
            continue;
        }
        let line = raw.row_lines.get(index).copied().unwrap_or(fallback_line);
        rows.push(GridRow { line, cells });
    }
    Grid { header: header.unwrap_or_default(), rows }
}

/// Whether `row`'s nearest enclosing table is `table` (not a table nested in a cell).
fn belongs_to(row: ElementRef<'_>, table: ElementRef<'_>) -> bool {
    row.ancestors()
        .filter_map(ElementRef::wrap)
        .find(|ancestor| ancestor.value().name() == "table")
        .is_some_and(|nearest| nearest.id() == table.id())
}

/// A row's `<td>`/`<th>` cells with their column and row spans.
fn cells_of(row: ElementRef<'_>) -> Vec<(RichText, usize, usize)> {
    row.child_elements()
        .filter(|cell| matches!(cell.value().name(), "td" | "th"))
        .map(|cell| (RichText::from_element(cell), span(cell, "colspan"), span(cell, "rowspan")))
        .collect()
}

fn span(cell: ElementRef<'_>, attr: &str) -> usize {
    cell.value()
        .attr(attr)
        .and_then(|value| value.trim().parse::<usize>().ok())
        .unwrap_or(1)
        .clamp(1, MAX_SPAN)
}

/// Cells that `rowspan` carries into the rows below.
#[derive(Default)]
struct SpanState {
    /// Per column: the cell and how many more rows it covers.
    carried: Vec<Option<(RichText, usize)>>,
}

impl SpanState {
    fn expand(&mut self, cells: Vec<(RichText, usize, usize)>) -> Vec<RichText> {
        let mut out: Vec<RichText> = Vec::new();
        let mut cells = cells.into_iter();
        let mut column = 0;
        loop {
            if let Some(text) = self.take_carried(column) {
                out.push(text);
                column += 1;
                continue;
            }
            let Some((text, colspan, rowspan)) = cells.next() else { break };
            for _ in 0..colspan {
                if rowspan > 1 {
                    self.carry(column, text.clone(), rowspan - 1);
                }
                out.push(text.clone());
                column += 1;
            }
        }
        out
    }

    fn take_carried(&mut self, column: usize) -> Option<RichText> {
        let slot = self.carried.get_mut(column)?;
        let (text, remaining) = slot.as_mut()?;
        let text = text.clone();
        *remaining -= 1;
        if *remaining == 0 {
            *slot = None;
        }
        Some(text)
    }

    fn carry(&mut self, column: usize, text: RichText, rows: usize) {
        if self.carried.len() <= column {
            self.carried.resize(column + 1, None);
        }
        if let Some(slot) = self.carried.get_mut(column) {
            *slot = Some((text, rows));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_nested_tables_end() {
        let text = "x <TABLE><tr><td><table></table></td></tr></table> y";
        let range = find_table(text, 0, text.len()).unwrap();
        assert_eq!(&text[range], "<TABLE><tr><td><table></table></td></tr></table>");
        assert_eq!(find_table("<tablex>", 0, 8), None);
    }

    #[test]
    fn rows_with_lines_and_spans() {
        let text = "<table><thead><tr><th>a</th><th>b</th></tr></thead>\n<tbody><tr><td \
                    rowspan=\"2\">1</td><td>2</td></tr>\n<tr><td>3</td></tr></tbody></table>";
        let lines = LineIndex::new(text);
        let raw = raw(text, 0..text.len(), &lines);
        assert_eq!(raw.row_lines, vec![1, 2, 3]);
        let grid = grid(&raw, 1);
        assert_eq!(grid.header.len(), 2);
        let cells: Vec<Vec<String>> =
            grid.rows.iter().map(|row| row.cells.iter().map(RichText::plain).collect()).collect();
        assert_eq!(cells, vec![vec!["1", "2"], vec!["1", "3"]]);
        assert_eq!(grid.rows[1].line, 3);
    }
}
