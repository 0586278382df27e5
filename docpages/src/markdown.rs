//! The page's markdown as a flat list of blocks with their lines: headings, text, code, tables.
//!
//! `pulldown-cmark` does the parsing. Inline markup is rendered to HTML and read back by
//! [`RichText`], so markdown paragraphs, pipe-table cells and HTML cells are all read the same
//! way. HTML tables are cut from the source text up to their matching `</table>`, because a blank
//! line inside one ends CommonMark's HTML block while the table goes on.

use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd, html};

use crate::html_table::{self, RawTable};
use crate::pipe_table;
use crate::richtext::RichText;
use crate::source::LineIndex;

/// One block of the page.
#[derive(Debug, Clone)]
pub(crate) struct Block {
    /// The line the block starts on.
    pub(crate) line: usize,
    /// How many list items the block is inside.
    pub(crate) depth: usize,
    /// What the block is.
    pub(crate) kind: BlockKind,
}

/// The kinds of block.
#[derive(Debug, Clone)]
pub(crate) enum BlockKind {
    /// A heading of level 1 to 6.
    Heading {
        /// The level.
        level: u8,
        /// The heading's text, anchors and links.
        text: RichText,
    },
    /// A list item starts (its first text block, if any, follows).
    ItemStart,
    /// A paragraph, the text of a tight list item, or an HTML block that is not a table.
    Text(RichText),
    /// A fenced or indented code block.
    Code(String),
    /// A table, HTML or pipe.
    Table(RawTable),
}

/// Splits a (normalized) page into blocks.
pub(crate) fn blocks(text: &str, lines: &LineIndex) -> Vec<Block> {
    let mut builder = Builder { text, lines, out: Vec::new(), depth: 0, skip_until: 0 };
    let events: Vec<(Event<'_>, Range<usize>)> =
        Parser::new_ext(text, Options::ENABLE_TABLES).into_offset_iter().collect();
    builder.run(&events);
    builder.out
}

struct Builder<'t> {
    text: &'t str,
    lines: &'t LineIndex,
    out: Vec<Block>,
    depth: usize,
    /// Source offset before which events belong to an HTML table already read.
    skip_until: usize,
}

impl<'t> Builder<'t> {
    fn run(&mut self, events: &[(Event<'t>, Range<usize>)]) {
        let mut i = 0;
        let mut inline: Vec<Event<'t>> = Vec::new();
        let mut inline_start = 0;
        while let Some((event, range)) = events.get(i) {
            i += 1;
            if self.track_depth(event) {
                self.flush_text(&mut inline, inline_start);
                if matches!(event, Event::Start(Tag::Item)) && range.start >= self.skip_until {
                    self.push(range.start, BlockKind::ItemStart);
                }
                continue;
            }
            if range.start < self.skip_until {
                continue;
            }
            match event {
                Event::Start(
                    tag
                    @ (Tag::Heading { .. } | Tag::CodeBlock(_) | Tag::HtmlBlock | Tag::Table(_)),
                ) => {
                    self.flush_text(&mut inline, inline_start);
                    let end = find_end(events, i);
                    self.leaf(tag, events, i, end, range);
                    i = end + 1;
                }
                Event::Start(_) | Event::End(_) if is_block_boundary(event) => {
                    self.flush_text(&mut inline, inline_start);
                }
                Event::Rule => self.flush_text(&mut inline, inline_start),
                Event::Html(html) => {
                    // Block HTML outside an HTML block does not happen; read it as text.
                    self.flush_text(&mut inline, inline_start);
                    self.push(range.start, BlockKind::Text(RichText::from_fragment(html)));
                }
                inline_event => {
                    if inline.is_empty() {
                        inline_start = range.start;
                    }
                    inline.push(inline_event.clone());
                }
            }
        }
        self.flush_text(&mut inline, inline_start);
    }

    /// A block read whole: the events `start..end` are its content, `events[end]` its end.
    fn leaf(
        &mut self,
        tag: &Tag<'t>,
        events: &[(Event<'t>, Range<usize>)],
        start: usize,
        end: usize,
        range: &Range<usize>,
    ) {
        let inner = events.get(start..end).unwrap_or_default();
        match tag {
            Tag::Heading { level, .. } => {
                let text = render_inline(inner.iter().map(|(event, _)| event.clone()));
                self.push(range.start, BlockKind::Heading { level: *level as u8, text });
            }
            Tag::CodeBlock(_) => self.push(range.start, BlockKind::Code(code_text(inner))),
            Tag::HtmlBlock => self.html_block(inner, range),
            _ => {
                // The whole table, `Start(Table)` through `End(Table)`, renders to HTML.
                let whole = events.get(start.saturating_sub(1)..=end).unwrap_or_default();
                self.push(range.start, BlockKind::Table(pipe_table::read(whole, self.lines)));
            }
        }
    }

    /// Counts list items; true for the events that only open or close one.
    fn track_depth(&mut self, event: &Event<'_>) -> bool {
        match event {
            Event::Start(Tag::Item) => {
                self.depth += 1;
                true
            }
            Event::End(TagEnd::Item) => {
                self.depth = self.depth.saturating_sub(1);
                true
            }
            Event::Start(Tag::List(_)) | Event::End(TagEnd::List(_)) => true,
            _ => false,
        }
    }

    fn push(&mut self, offset: usize, kind: BlockKind) {
        let line = self.lines.line(offset);
        self.out.push(Block { line, depth: self.depth, kind });
    }

    fn flush_text(&mut self, inline: &mut Vec<Event<'t>>, start: usize) {
        if inline.is_empty() {
            return;
        }
        let text = render_inline(inline.drain(..));
        if !text.is_empty() || !text.anchors.is_empty() {
            self.push(start, BlockKind::Text(text));
        }
    }

    /// An HTML block: tables are cut from the source (see the module docs), the rest is text.
    fn html_block(&mut self, events: &[(Event<'t>, Range<usize>)], block: &Range<usize>) {
        let start = events.first().map_or(block.start, |(_, range)| range.start);
        let end = events.last().map_or(block.end, |(_, range)| range.end).max(start);
        let mut cursor = start;
        while let Some(found) = html_table::find_table(self.text, cursor, end) {
            self.html_text(cursor, found.start);
            let table = html_table::raw(self.text, found.clone(), self.lines);
            self.push(found.start, BlockKind::Table(table));
            cursor = found.end;
            self.skip_until = self.skip_until.max(found.end);
        }
        if cursor < end {
            self.html_text(cursor, end);
        }
    }

    /// Non-table HTML (notes, anchors) as a text block.
    fn html_text(&mut self, start: usize, end: usize) {
        let Some(html) = self.text.get(start..end) else { return };
        let text = RichText::from_fragment(html);
        if !text.is_empty() || !text.anchors.is_empty() {
            let offset = start + (html.len() - html.trim_start().len());
            self.push(offset, BlockKind::Text(text));
        }
    }
}

/// Events that end the current run of inline text.
fn is_block_boundary(event: &Event<'_>) -> bool {
    let tag_is_block = |tag: &Tag<'_>| {
        matches!(
            tag,
            Tag::Paragraph
                | Tag::BlockQuote(_)
                | Tag::FootnoteDefinition(_)
                | Tag::DefinitionList
                | Tag::DefinitionListTitle
                | Tag::DefinitionListDefinition
                | Tag::TableHead
                | Tag::TableRow
                | Tag::TableCell
        )
    };
    match event {
        Event::Start(tag) => tag_is_block(tag),
        Event::End(tag) => matches!(
            tag,
            TagEnd::Paragraph
                | TagEnd::BlockQuote(_)
                | TagEnd::FootnoteDefinition
                | TagEnd::DefinitionList
                | TagEnd::DefinitionListTitle
                | TagEnd::DefinitionListDefinition
                | TagEnd::TableHead
                | TagEnd::TableRow
                | TagEnd::TableCell
        ),
        _ => false,
    }
}

/// The index of the `End` matching the `Start` just before `from`.
fn find_end(events: &[(Event<'_>, Range<usize>)], from: usize) -> usize {
    let mut depth = 1usize;
    for (offset, (event, _)) in events.iter().enumerate().skip(from) {
        match event {
            Event::Start(_) => depth += 1,
            Event::End(_) => {
                depth -= 1;
                if depth == 0 {
                    return offset;
                }
            }
            _ => {}
        }
    }
    events.len()
}

/// Inline markdown rendered to HTML and read back as text.
fn render_inline<'a>(events: impl Iterator<Item = Event<'a>>) -> RichText {
    let mut out = String::new();
    html::push_html(&mut out, events);
    let mut text = RichText::from_fragment(&out);
    // The HTML renderer percent-encodes link targets; keep them as the page writes them.
    for link in &mut text.links {
        link.href = percent_decode(&link.href);
    }
    text
}

/// Undoes percent-encoding when the result is UTF-8; otherwise keeps the text.
fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&byte) = bytes.get(i) {
        let hex = bytes.get(i + 1..i + 3).and_then(|pair| std::str::from_utf8(pair).ok());
        match (byte, hex.and_then(|hex| u8::from_str_radix(hex, 16).ok())) {
            (b'%', Some(decoded)) => {
                out.push(decoded);
                i += 3;
            }
            _ => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| text.to_string())
}

/// The text inside a code block.
fn code_text(events: &[(Event<'_>, Range<usize>)]) -> String {
    let mut out = String::new();
    for (event, _) in events {
        if let Event::Text(text) = event {
            out.push_str(text);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_decoding() {
        assert_eq!(percent_decode("%E9%94%99%E8%AF%AF%E7%A0%81.md"), "错误码.md");
        assert_eq!(percent_decode("a%2"), "a%2");
        assert_eq!(percent_decode("%FF"), "%FF");
    }
}
