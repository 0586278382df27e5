//! Markdown pipe tables, rendered to HTML so they are read exactly like HTML tables.

use std::ops::Range;

use pulldown_cmark::{Event, Tag, html};

use crate::html_table::RawTable;
use crate::source::LineIndex;

/// A pipe table from its events (`Start(Table)` through `End(Table)`).
pub(crate) fn read(events: &[(Event<'_>, Range<usize>)], lines: &LineIndex) -> RawTable {
    let mut out = String::new();
    html::push_html(&mut out, events.iter().map(|(event, _)| event.clone()));
    let row_lines = events
        .iter()
        .filter(|(event, _)| matches!(event, Event::Start(Tag::TableHead | Tag::TableRow)))
        .map(|(_, range)| lines.line(range.start))
        .collect();
    RawTable { html: out, row_lines }
}

#[cfg(test)]
mod tests {
    use pulldown_cmark::{Options, Parser};

    use super::*;
    use crate::html_table::grid;
    use crate::richtext::RichText;

    #[test]
    fn pipe_table_rows_and_lines() {
        let text = "x\n\n| 参数 | 类型 |\n| --- | --- |\n| a\\_b | [T](#t) objects<br>x |\n";
        let lines = LineIndex::new(text);
        let events: Vec<_> =
            Parser::new_ext(text, Options::ENABLE_TABLES).into_offset_iter().skip(3).collect();
        let raw = read(&events, &lines);
        assert_eq!(raw.row_lines, vec![3, 5]);
        let grid = grid(&raw, 1);
        let header: Vec<String> = grid.header.iter().map(RichText::plain).collect();
        assert_eq!(header, vec!["参数", "类型"]);
        let row: Vec<String> = grid.rows[0].cells.iter().map(RichText::plain).collect();
        assert_eq!(row, vec!["a_b", "T objects\nx"]);
        assert_eq!(grid.rows[0].cells[1].links[0].href, "#t");
    }
}
