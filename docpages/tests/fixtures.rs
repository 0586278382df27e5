//! Snapshots of the page model of every self-written fixture page, and the invariants every
//! fixture must keep (row lines point at rows, CRLF reads like LF).
//!
//! The fixtures are invented pages (a fictional widget service) in the markup of the real ones:
//!
//! | fixture | what it shows |
//! | --- | --- |
//! | `structured.md` | 功能介绍 › 调试 › URI › 请求参数 › 响应参数 › 示例 › 状态码 › 错误码; `**状态码： NNN**`; response headers; type links whose anchors point at another status's table; markers; a status table |
//! | `prose.md` | URI › 请求消息 › 响应消息 › 返回值, 4-space-indented tables under bullets; `?k={v}&dim.{i}=key,value`; 名称 \| 是否必选 \| 说明; 条件必选 and `type = 2时必选`; `表N` links and plain `表N`; 正常 200 / 异常 table |
//! | `plain.md` | URI › 请求 › 响应 › 返回值; `{region}:{rack_id}` in one segment; 参数 \| 参数类型 \| 是否必选 \| 描述; a `•attachment参数说明` bullet-anchor link; `Map<String,String>`, 字典数据类型; a 返回值 link |
//! | `uri_format_bullet.md` | the `URI格式` bullet; `[?limit, marker, name]`; pipe tables in bullets; a pipe status table |
//! | `method_uri_table.md` | a 请求方法 \| URI table; `{?force,cascade}`; `<br>` markers in pipe cells; a 状态码 link |
//! | `pipe_tables.md` | a structured page in pipe tables, `[TagList](#…) objects` in a cell, an anchor in the caption's paragraph |
//! | `column_orders.md` | every column order and header spelling |
//! | `types.md` | every type spelling, and two the reader must not guess |
//! | `nesting.md` | every way a row finds its table, an unresolved type, an unreferenced table |
//! | `constraints.md` | every marker and prose constraint, a marker/prose conflict, ambiguous and conditional prose |
//! | `value_lists.md` | value lists in a structured page: two bullet groups in one line, `值为：a或b`, `仅限于` with glosses, `a/b`, `取值【a/b】`, pairs without bullets, one value after 取值为, a default after 时间 (no condition) and after `…时，` (a condition) |
//! | `prose_values.md` | value lists in a prose page: `支持a、b`, `级别为1、2`, symbols, values per case, lines after `为如下N种：` and `枚举值。` (a wrong count is noted), incidental and negated mentions, a conditional list, a range bounded by a name |
//! | `examples.md`, `no_examples.md` | request lines with and without a method, invalid JSON, the `-   ```` quirk, `无` |
//! | `crlf.md` | CRLF line endings and a BOM (kept byte for byte by `.gitattributes`) |
//! | `status_page.md` | a status-code page (not an operation) with 正常/异常 tables |
//! | `unread.md`, `two_endpoints.md` | what the reader reports instead of guessing |

use std::path::Path;

use docpages::{Page, read_page};

fn read(path: &Path) -> (String, Page) {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let page = read_page(&text);
    (text, page)
}

#[test]
fn every_fixture_page_model() {
    insta::glob!("fixtures/*.md", |path| {
        let (_, page) = read(path);
        insta::assert_json_snapshot!(page);
    });
}

/// Every table line is its `<table`, pipe header or the line of a heading-less status list;
/// every row line holds its `<tr` or pipe row.
#[test]
fn lines_point_at_tables_and_rows() {
    insta::glob!("fixtures/*.md", |path| {
        let (text, page) = read(path);
        let lines: Vec<&str> = text.lines().collect();
        let line = |n: usize| lines.get(n - 1).copied().unwrap_or_default();
        for table in &page.tables {
            let at = line(table.line);
            assert!(
                at.contains("<table") || at.trim_start().starts_with('|'),
                "{}: {at}",
                table.line
            );
            for row in &table.rows {
                let at = line(row.line);
                assert!(
                    at.contains("<tr") || at.trim_start().starts_with('|'),
                    "{}: {at}",
                    row.line
                );
            }
        }
        if let Some(endpoint) = &page.endpoint {
            assert!(line(endpoint.line).contains(&endpoint.method), "{}", endpoint.line);
        }
        for example in &page.examples {
            assert!(line(example.line).contains("```"), "{}", example.line);
        }
    });
}

#[test]
fn crlf_and_bom_read_like_lf() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/crlf.md");
    let bytes = std::fs::read(&path).unwrap();
    assert!(bytes.starts_with("\u{feff}".as_bytes()), "the fixture keeps its BOM");
    assert!(bytes.windows(2).any(|pair| pair == b"\r\n"), "the fixture keeps its CRLF");
    let text = String::from_utf8(bytes).unwrap();
    let lf = text.trim_start_matches('\u{feff}').replace("\r\n", "\n");
    assert_eq!(read_page(&text), read_page(&lf));
}

#[test]
fn lf_pages_read_the_same_with_crlf() {
    insta::glob!("fixtures/*.md", |path| {
        let (text, page) = read(path);
        if !text.contains('\r') {
            assert_eq!(read_page(&text.replace('\n', "\r\n")), page);
        }
    });
}
