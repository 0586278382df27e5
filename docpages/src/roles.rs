//! A table's role, from its caption (or the text introducing it), its columns and its section.

use crate::columns::Columns;
use crate::model::TableRole;
use crate::sections::SectionKind;

/// Words after a field name in the caption of the table describing that field
/// (`detail字段数据结构说明`, `volume参数说明`).
const FIELD_CAPTION_WORDS: &[&str] =
    &["字段", "参数", "对象", "数据结构", "结构", "说明", "属性", "列表", "信息"];

/// The role of a table.
pub(crate) fn role(
    section: SectionKind,
    caption: &str,
    columns: &Columns,
    status: Option<u16>,
) -> TableRole {
    let key: String = caption.chars().filter(|c| !c.is_whitespace()).collect();
    let has = |words: &[&str]| words.iter().any(|word| key.contains(word));
    if columns.is_status_table() {
        return TableRole::StatusCodes;
    }
    if columns.is_endpoint_table() {
        return TableRole::Endpoint;
    }
    if has(&["路径参数", "Path参数"]) {
        TableRole::PathParameters
    } else if has(&["Query参数", "查询参数", "查询检索参数", "查询字符串参数"]) {
        TableRole::QueryParameters
    } else if has(&["响应Header参数", "响应头", "响应消息头"]) {
        TableRole::ResponseHeaders { status }
    } else if has(&["请求Header参数", "请求头", "请求消息头"]) {
        TableRole::HeaderParameters
    } else if has(&["Header参数", "消息头"]) {
        by_section(section, TableRole::HeaderParameters, TableRole::ResponseHeaders { status })
    } else if has(&["请求Body参数", "请求体参数", "请求消息体"]) {
        TableRole::RequestBody
    } else if has(&["响应Body参数", "响应体参数", "响应消息体"]) {
        TableRole::ResponseBody { status }
    } else if is_type_name(&key) || names_a_field(&key) {
        TableRole::Nested
    } else if key.starts_with("参数说明") || key == "参数" {
        match section {
            SectionKind::Uri => TableRole::PathParameters,
            _ => by_section(section, TableRole::RequestBody, TableRole::ResponseBody { status }),
        }
    } else if has(&["响应参数"]) {
        TableRole::ResponseBody { status }
    } else if has(&["请求参数"]) {
        TableRole::RequestBody
    } else {
        TableRole::Other
    }
}

/// The request role in request sections, the response role in response sections.
fn by_section(section: SectionKind, request: TableRole, response: TableRole) -> TableRole {
    match section {
        SectionKind::RequestParameters | SectionKind::RequestMessage => request,
        SectionKind::ResponseParameters | SectionKind::ResponseMessage => response,
        _ => TableRole::Other,
    }
}

/// `TagList`, `Error`, `vpc_endpoint`.
pub(crate) fn is_type_name(text: &str) -> bool {
    let mut chars = text.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.'))
}

/// `detail字段数据结构说明`: a field name, then words saying the table describes it.
fn names_a_field(key: &str) -> bool {
    field_of_caption(key).is_some()
}

/// The field name a caption like `detail字段数据结构说明` describes.
pub(crate) fn field_of_caption(caption: &str) -> Option<&str> {
    let key = caption.trim_start_matches(['•', '●', '-', ' ']);
    let end = key.find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '_' | '.')))?;
    let (name, rest) = key.split_at(end);
    let described = FIELD_CAPTION_WORDS.iter().any(|word| rest.starts_with(word));
    (is_type_name(name) && described).then_some(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn columns(headers: &[&str]) -> Columns {
        Columns::from_header(headers.iter().copied())
    }

    fn params() -> Columns {
        columns(&["参数", "是否必选", "参数类型", "描述"])
    }

    #[test]
    fn captions() {
        let uri = SectionKind::Uri;
        let request = SectionKind::RequestParameters;
        let response = SectionKind::ResponseParameters;
        assert_eq!(role(uri, "路径参数", &params(), None), TableRole::PathParameters);
        assert_eq!(role(uri, "参数说明", &params(), None), TableRole::PathParameters);
        assert_eq!(role(uri, "Query参数", &params(), None), TableRole::QueryParameters);
        assert_eq!(
            role(uri, "以下列表为查询检索参数", &params(), None),
            TableRole::QueryParameters
        );
        assert_eq!(role(request, "请求Header参数", &params(), None), TableRole::HeaderParameters);
        assert_eq!(role(request, "请求Body参数", &params(), None), TableRole::RequestBody);
        assert_eq!(
            role(SectionKind::RequestMessage, "请求参数", &params(), None),
            TableRole::RequestBody
        );
        assert_eq!(
            role(response, "响应Body参数", &params(), Some(200)),
            TableRole::ResponseBody { status: Some(200) }
        );
        assert_eq!(
            role(response, "响应Header参数", &params(), Some(201)),
            TableRole::ResponseHeaders { status: Some(201) }
        );
        assert_eq!(role(response, "TagList", &params(), None), TableRole::Nested);
        assert_eq!(role(request, "detail字段数据结构说明", &params(), None), TableRole::Nested);
        assert_eq!(role(request, "随便什么", &params(), None), TableRole::Other);
    }

    #[test]
    fn columns_decide_first() {
        let status = columns(&["状态码", "描述"]);
        assert_eq!(role(SectionKind::StatusCodes, "", &status, None), TableRole::StatusCodes);
        let endpoint = columns(&["请求方法", "URI"]);
        assert_eq!(role(SectionKind::Uri, "", &endpoint, None), TableRole::Endpoint);
    }

    #[test]
    fn field_captions() {
        assert_eq!(field_of_caption("alarm_actions字段数据结构说明"), Some("alarm_actions"));
        assert_eq!(field_of_caption("volume参数说明"), Some("volume"));
        assert_eq!(field_of_caption("TagList"), None);
        assert_eq!(field_of_caption("参数说明"), None);
    }
}
