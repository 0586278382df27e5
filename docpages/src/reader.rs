//! The walk over a page's blocks: tracks the section, the bullet labels, captions, anchors and
//! `**状态码： NNN**` markers, and hands each block to the part that reads it.

use crate::endpoint::{self, MethodPath};
use crate::examples::read_example;
use crate::html_table::RawTable;
use crate::markdown::{self, Block, BlockKind};
use crate::model::{Endpoint, Example, ExampleKind, Page, StatusCode, Table, TableRole, Unread};
use crate::nesting::{self, BlockAnchor, Placed, table_label};
use crate::richtext::RichText;
use crate::sections::{SectionKind, layout, section_kind};
use crate::source::{LineIndex, normalize};
use crate::status::{marker_status, outcome, parse_code};
use crate::table::{Caption, Context, caption, read_table};

/// Reads a page (see [`read_page`](crate::read_page)).
pub(crate) fn read(text: &str) -> Page {
    let text = normalize(text);
    let lines = LineIndex::new(&text);
    let blocks = markdown::blocks(&text, &lines);
    let mut walker = Walker::default();
    for (index, block) in blocks.iter().enumerate() {
        walker.block(index, block);
    }
    walker.finish()
}

#[derive(Debug, Default)]
struct Walker {
    title: Option<String>,
    headings: Vec<String>,
    section: Section,
    /// Bullet labels in force: (depth, text).
    labels: Vec<(usize, String)>,
    /// A list item just started at this depth; its first text is its label.
    expecting_label: Option<usize>,
    caption: Option<Caption>,
    anchor: Option<String>,
    /// The last plain text since the last table or example of the section.
    intro: Option<String>,
    summary: Vec<String>,
    api_name: Option<String>,
    endpoints: Vec<(SectionKind, MethodPath, usize)>,
    uri_line: Option<usize>,
    tables: Vec<Placed>,
    anchors: Vec<BlockAnchor>,
    examples: Vec<Example>,
    status_codes: Vec<StatusCode>,
    status_link: Option<String>,
    error_code_link: Option<String>,
    unread: Vec<Unread>,
}

/// The section being read.
#[derive(Debug)]
struct Section {
    kind: SectionKind,
    index: usize,
    /// The status of the last `**状态码： NNN**` in the section.
    status: Option<u16>,
}

impl Default for Section {
    fn default() -> Self {
        Section { kind: SectionKind::Preamble, index: 0, status: None }
    }
}

impl Walker {
    fn block(&mut self, index: usize, block: &Block) {
        if block.depth == 0 {
            // Outside any list: no bullet label is in force.
            self.labels.clear();
            self.expecting_label = None;
        }
        match &block.kind {
            BlockKind::Heading { level, text } => self.heading(index, *level, text, block.line),
            BlockKind::ItemStart => {
                self.labels.retain(|(depth, _)| *depth < block.depth);
                self.expecting_label = Some(block.depth);
                // Text of an earlier item does not introduce what this one holds.
                self.intro = None;
            }
            BlockKind::Text(text) => self.text(index, block, text),
            BlockKind::Code(code) => {
                self.expecting_label = None;
                self.code(code, block.line);
            }
            BlockKind::Table(raw) => {
                self.expecting_label = None;
                self.table(index, raw, block.line);
            }
        }
    }

    fn heading(&mut self, index: usize, level: u8, text: &RichText, line: usize) {
        self.record_anchors(index, text);
        let heading = text.single_line();
        if level == 1 && self.title.is_none() {
            self.title = Some(heading);
            return;
        }
        let kind = section_kind(&heading);
        if kind.is_none() && level > 2 {
            self.intro = Some(heading);
            return;
        }
        let kind = kind.unwrap_or(SectionKind::Other);
        if kind == SectionKind::Uri && self.uri_line.is_none() {
            self.uri_line = Some(line);
        }
        self.headings.push(heading);
        self.section = Section { kind, index: self.section.index + 1, status: None };
        self.labels.clear();
        self.expecting_label = None;
        self.caption = None;
        self.anchor = None;
        self.intro = None;
    }

    fn record_anchors(&mut self, index: usize, text: &RichText) {
        for name in &text.anchors {
            self.anchors.push(BlockAnchor { name: name.clone(), block: index });
        }
    }

    fn text(&mut self, index: usize, block: &Block, text: &RichText) {
        self.record_anchors(index, text);
        if text.is_empty() {
            if let Some(anchor) = text.anchors.first() {
                self.anchor = Some(anchor.clone());
            }
            return;
        }
        let is_label = self.expecting_label == Some(block.depth);
        let joined = text.single_line();
        if is_label {
            self.labels.push((block.depth, joined.clone()));
            self.expecting_label = None;
        }
        if let Some(status) = marker_status(&joined) {
            self.section.status = Some(status);
            self.intro = None;
            return;
        }
        if let Some(caption) = caption(&joined) {
            self.caption = Some(caption);
            // `**表 3**  X` and `<a name>` on the next line make one paragraph.
            if let Some(anchor) = text.anchors.last() {
                self.anchor = Some(anchor.clone());
            }
            return;
        }
        // An anchor followed by text belongs to that text, not to a later table.
        self.anchor = None;
        self.find_api_name(text);
        if self.find_endpoint(text, block.line) {
            return;
        }
        let section = self.section.kind;
        if section == SectionKind::StatusCodes && self.status_text(text, block.line) {
            return;
        }
        match section {
            SectionKind::Summary => self.summary.push(text.plain()),
            SectionKind::ErrorCodes if self.error_code_link.is_none() => {
                self.error_code_link = text.links.first().map(|link| link.href.clone());
            }
            _ => {}
        }
        if !is_label {
            self.intro = Some(joined);
        }
    }

    fn find_api_name(&mut self, text: &RichText) {
        if self.api_name.is_none() {
            self.api_name = text.links.iter().find_map(|link| api_name_of(&link.href));
        }
    }

    /// Records the `METHOD /path` lines of a text; true when it was nothing else.
    fn find_endpoint(&mut self, text: &RichText, line: usize) -> bool {
        let before = self.endpoints.len();
        for (offset, text_line) in text.lines.iter().enumerate() {
            let candidate = text_line.text.as_str();
            let after_label = candidate.split_once(['：', ':']).map_or("", |(_, rest)| rest);
            if let Some(found) =
                endpoint::parse_line(candidate).or_else(|| endpoint::parse_line(after_label))
            {
                self.endpoints.push((self.section.kind, found, line + offset));
            }
        }
        self.endpoints.len() - before == text.lines.len()
    }

    /// Lines of a 状态码/返回值 section: codes (`200`, `201 Created`) and the shared page link.
    /// True when the text was only codes.
    fn status_text(&mut self, text: &RichText, line: usize) -> bool {
        if self.status_link.is_none() {
            self.status_link = text.links.first().map(|link| link.href.clone());
        }
        let outcome = self.label().and_then(outcome);
        let mut only_codes = true;
        for (offset, text_line) in text.lines.iter().enumerate() {
            match parse_code(&text_line.text) {
                Some((code, reason)) => self.status_codes.push(StatusCode {
                    code,
                    reason,
                    description: String::new(),
                    outcome,
                    line: line + offset,
                }),
                None => only_codes = false,
            }
        }
        only_codes
    }

    /// The innermost bullet label in force.
    fn label(&self) -> Option<&str> {
        self.labels.last().map(|(_, label)| label.as_str())
    }

    fn code(&mut self, code: &str, line: usize) {
        let status = self.section.status;
        let label = self.label().unwrap_or("");
        let kind = match self.section.kind {
            SectionKind::RequestExample | SectionKind::Uri | SectionKind::RequestMessage => {
                ExampleKind::Request
            }
            SectionKind::ResponseExample | SectionKind::ResponseMessage => {
                ExampleKind::Response { status }
            }
            _ if label.contains("请求") => ExampleKind::Request,
            _ if label.contains("响应") => ExampleKind::Response { status },
            _ => {
                self.unread
                    .push(Unread { line, what: "code block outside the example sections".into() });
                return;
            }
        };
        let intro = self.intro.take().filter(|intro| !is_bare_example_label(intro));
        let caption = intro.or_else(|| {
            self.label().filter(|label| !is_bare_example_label(label)).map(str::to_string)
        });
        self.examples.push(read_example(code, kind, line, caption));
    }

    fn table(&mut self, index: usize, raw: &RawTable, line: usize) {
        let context = Context {
            section: self.section.kind,
            status: self.section.status,
            caption: self.caption.take(),
            intro: self.intro.take(),
            label: self.label().map(str::to_string),
            anchor: self.anchor.take(),
            line,
        };
        let read = read_table(raw, context);
        self.status_codes.extend(read.status_codes);
        self.unread.extend(read.unread);
        let kind = self.section.kind;
        self.endpoints.extend(read.endpoints.into_iter().map(|(found, line)| (kind, found, line)));
        let scope = (self.section.index, self.section.status);
        self.tables.push(Placed { table: read.table, links: read.links, scope, block: index });
    }

    fn finish(mut self) -> Page {
        let endpoint = self.choose_endpoint();
        self.report_other_endpoints(endpoint.as_ref());
        let is_operation = self.uri_line.is_some() || endpoint.is_some();
        if let (Some(line), None) = (self.uri_line, &endpoint) {
            self.unread.push(Unread { line, what: "no method and path in the URI section".into() });
        }
        if self.title.is_none() {
            self.unread.push(Unread { line: 1, what: "no `#` title heading".into() });
        }
        self.unread.extend(nesting::resolve(&mut self.tables, &self.anchors));
        let mut tables: Vec<Table> = self.tables.into_iter().map(|placed| placed.table).collect();
        for table in &tables {
            if table.role == TableRole::Other {
                let what =
                    format!("{}: what the table describes is not understood", table_label(table));
                self.unread.push(Unread { line: table.line, what });
            }
        }
        if let Some(endpoint) = &endpoint {
            note_query_rows(&mut tables, endpoint);
        }
        self.unread.sort_by_key(|unread| unread.line);
        Page {
            title: self.title.unwrap_or_default(),
            layout: layout(&self.headings, is_operation),
            api_name: self.api_name,
            summary: summary(&self.summary),
            endpoint,
            tables,
            examples: self.examples,
            status_codes: self.status_codes,
            status_link: self.status_link,
            error_code_link: self.error_code_link,
            unread: self.unread,
        }
    }

    /// A URI section that gives more than one method and path: all but the first are reported.
    fn report_other_endpoints(&mut self, chosen: Option<&Endpoint>) {
        let Some(chosen) = chosen else { return };
        for (kind, found, line) in &self.endpoints {
            let same = found.method == chosen.method && found.path == chosen.path;
            if *kind == SectionKind::Uri && !same {
                let what = format!(
                    "another method and path, `{} {}`, is ignored",
                    found.method, found.path
                );
                self.unread.push(Unread { line: *line, what });
            }
        }
    }

    /// The URI section's method and path; failing that, the first one outside the examples.
    fn choose_endpoint(&self) -> Option<Endpoint> {
        let in_uri = self.endpoints.iter().find(|(kind, ..)| *kind == SectionKind::Uri);
        let elsewhere = || {
            self.endpoints.iter().find(|(kind, ..)| {
                !matches!(kind, SectionKind::RequestExample | SectionKind::ResponseExample)
            })
        };
        let (_, found, line) = in_uri.or_else(elsewhere)?;
        Some(Endpoint {
            method: found.method.clone(),
            path: found.path.clone(),
            query: found.query.clone(),
            line: *line,
        })
    }
}

/// 样例, 请求样例: labels that say only that an example follows.
fn is_bare_example_label(label: &str) -> bool {
    let key = label.trim().trim_end_matches(['：', ':']);
    matches!(key, "样例" | "示例" | "请求样例" | "响应样例" | "请求示例" | "响应示例")
}

/// `...?product=VPCEP&api=UpdateEndpointConnectionsDesc` → `UpdateEndpointConnectionsDesc`.
fn api_name_of(href: &str) -> Option<String> {
    let (_, query) = href.split_once('?')?;
    query.split(['&', '#']).find_map(|pair| {
        let value = pair.strip_prefix("api=")?.trim();
        (!value.is_empty()).then(|| value.to_string())
    })
}

/// The 功能介绍 text without the section name some pages repeat in it.
fn summary(paragraphs: &[String]) -> Option<String> {
    let text = paragraphs.join("\n");
    let text = text.trim();
    let text = text
        .strip_prefix("功能介绍")
        .map_or(text, |rest| rest.trim_start_matches(['：', ':', ' ']));
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_string())
}

/// Rows of a path-parameter table that the URI writes into its query part.
fn note_query_rows(tables: &mut [Table], endpoint: &Endpoint) {
    for table in tables.iter_mut().filter(|table| table.role == TableRole::PathParameters) {
        for row in &mut table.rows {
            let in_path = endpoint.path.contains(&format!("{{{}}}", row.name));
            if !in_path && endpoint.query.contains(&row.name) {
                row.notes.push("written in the query part of the URI, not in the path".into());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn api_names() {
        assert_eq!(
            api_name_of("https://x/doc?product=VPCEP&api=CreateEndpoint").as_deref(),
            Some("CreateEndpoint")
        );
        assert_eq!(
            api_name_of("https://x/#/openapi/CSMS/doc?api=Delete").as_deref(),
            Some("Delete")
        );
        assert_eq!(api_name_of("https://x/doc?product=X"), None);
    }

    #[test]
    fn summaries() {
        assert_eq!(summary(&["功能介绍： 删除。".into()]).as_deref(), Some("删除。"));
        assert_eq!(summary(&[]), None);
    }
}
