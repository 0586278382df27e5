//! Reads Huawei Cloud API documentation pages into a page model. Knows nothing of OpenAPI.
//!
//! A page is markdown with embedded HTML tables (or pipe tables), in Chinese, in one of three
//! layouts (see [`Layout`]). [`read_page`] turns one into a [`Page`]: title, API Explorer name,
//! summary, method and path, every table with typed and constrained rows (object rows resolved
//! to the table describing them), examples and status codes. Whatever the reader does not
//! understand is listed in [`Page::unread`] with its line, never guessed.
//!
//! How it reads, one module per step:
//!
//! 1. `source`: BOM, CRLF and a list-fence quirk, without moving any line; byte offsets to
//!    lines.
//! 2. `markdown`: `pulldown-cmark` (pipe tables on) into a flat list of blocks (headings, text,
//!    code, tables) with lines and list depth. Inline markup is rendered to HTML and read back
//!    by `richtext` (`scraper`), so paragraphs and cells read alike; HTML tables are cut from the
//!    source up to their matching `</table>`.
//! 3. `reader`: the walk. It tracks the section (`sections`), bullet labels, `**表 N**`
//!    captions, anchors and `**状态码： NNN**` markers, and hands each block on: method and path
//!    lines to `endpoint`, code blocks to `examples`, tables to `table`.
//! 4. `table`: grid (`html_table`, `pipe_table`), header words (`columns`), role (`roles`), rows
//!    (`rows`: 是否必选, `types`, `constraints` with the value lists of `values` and the
//!    conditions of `condition`), status codes (`status`).
//! 5. `nesting`: each object row to the table that describes it.
//!
//! ```
//! let page = docpages::read_page("# 删除挂件\n\n## URI\n\nDELETE /v1/\\{project\\_id\\}/widgets\n");
//! assert_eq!(page.title, "删除挂件");
//! let endpoint = page.endpoint.unwrap();
//! assert_eq!((endpoint.method.as_str(), endpoint.path.as_str()), ("DELETE", "/v1/{project_id}/widgets"));
//! ```

mod columns;
mod condition;
mod constraints;
mod endpoint;
mod examples;
mod html_table;
mod markdown;
mod model;
mod nesting;
mod pipe_table;
mod reader;
mod richtext;
mod roles;
mod rows;
mod sections;
mod source;
mod status;
mod table;
mod types;
mod values;

pub use model::{
    Constraints, Endpoint, Example, ExampleKind, Layout, Outcome, Page, Required, Row, StatusCode,
    Table, TableRole, TypeExpr, Unread,
};

/// Reads one documentation page. Never panics: what it cannot read is in [`Page::unread`].
pub fn read_page(text: &str) -> Page {
    reader::read(text)
}
