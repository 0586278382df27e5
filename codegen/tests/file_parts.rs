//! A large operations file is emitted in parts, on whichever thread is free. What an operation
//! shares with an earlier one (its response enum, its headers struct, a pattern static) is shared
//! across parts exactly as within one.

mod common;

/// Operations enough for three parts, all alike except the 22nd (one more response) and the 31st
/// (another pattern).
const OPERATIONS: usize = 45;

fn spec() -> String {
    let mut text = "openapi: 3.0.3\ninfo: {title: Parts, version: '1'}\npaths:\n".to_owned();
    for i in 0..OPERATIONS {
        let pattern = if i == 30 { "^[0-9]+$" } else { "^[a-z]+$" };
        let gone = if i == 21 { "\n        '404': {description: Gone}" } else { "" };
        text.push_str(&format!(
            "  /items/{i}:
    get:
      operationId: getItem{i}
      parameters:
        - {{name: code, in: query, required: true, schema: {{type: string, pattern: '{pattern}'}}}}
      responses:
        '200':
          description: Found
          headers:
            X-Request-Id: {{schema: {{type: string}}}}
          content:
            application/json:
              schema: {{$ref: '#/components/schemas/Item'}}{gone}
"
        ));
    }
    text.push_str(
        "components:\n  schemas:\n    Item: {type: object, properties: {name: {type: string}}}\n",
    );
    text
}

fn operations_file() -> String {
    let generation = common::generate_text("specs/parts.yaml", &spec(), "Parts");
    let file = generation.files.into_iter().find(|f| f.output.path.ends_with("/operations.rs"));
    file.expect("an operations file").output.contents
}

/// The names after `prefix` on the lines that start with it, up to `end`.
fn declared(text: &str, prefix: &str, end: char) -> Vec<String> {
    text.lines()
        .filter_map(|line| line.strip_prefix(prefix))
        .filter_map(|rest| rest.split(end).next())
        .map(str::to_owned)
        .collect()
}

#[test]
fn operations_in_later_parts_alias_the_first_response_enum_and_headers_struct() {
    let text = operations_file();
    let enums = declared(&text, "pub enum ", ' ');
    assert_eq!(enums, ["GetItem0Response", "GetItem21Response"]);
    let structs: Vec<String> = declared(&text, "pub struct ", ' ')
        .into_iter()
        .filter(|s| s.ends_with("Headers"))
        .collect();
    assert_eq!(structs, ["GetItem0OkHeaders"]);
    for i in (1..OPERATIONS).filter(|&i| i != 21) {
        let alias = format!("pub type GetItem{i}Response = GetItem0Response;");
        assert!(text.contains(&alias), "missing `{alias}`");
    }
    for i in 1..OPERATIONS {
        let alias = format!("pub type GetItem{i}OkHeaders = GetItem0OkHeaders;");
        assert!(text.contains(&alias), "missing `{alias}`");
    }
    let imports = text.lines().find(|l| l.starts_with("use super::status::")).expect("imports");
    assert_eq!(imports, "use super::status::{GetItem0Status, GetItem21Status};");
}

#[test]
fn a_pattern_is_one_static_named_after_its_first_user_in_every_part() {
    let text = operations_file();
    let statics = declared(&text, "static ", ':');
    assert_eq!(statics, ["GET_ITEM0_CODE_PATTERN", "GET_ITEM30_CODE_PATTERN"]);
    // Declared once, then checked by every operation but the one with the other pattern.
    let uses = text.matches("&GET_ITEM0_CODE_PATTERN").count();
    assert_eq!(uses, OPERATIONS - 1, "{text}");
}
