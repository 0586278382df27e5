//! Section headings (功能介绍, URI, 请求参数, 请求消息, 返回值, ...) and the page layout they make.

use crate::model::Layout;

/// What a section is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SectionKind {
    /// Before the first section heading.
    Preamble,
    /// 功能介绍.
    Summary,
    /// 调试 (the API Explorer link).
    Debug,
    /// URI.
    Uri,
    /// 请求参数 (structured layout).
    RequestParameters,
    /// 响应参数 (structured layout).
    ResponseParameters,
    /// 请求消息 (prose layout) or 请求 (plain layout).
    RequestMessage,
    /// 响应消息 (prose layout) or 响应 (plain layout).
    ResponseMessage,
    /// 请求示例.
    RequestExample,
    /// 响应示例.
    ResponseExample,
    /// 状态码 or 返回值.
    StatusCodes,
    /// 错误码.
    ErrorCodes,
    /// Any other section (接口约束, 约束与限制, ...): prose.
    Other,
}

/// The section a heading starts, if it names one the reader knows.
pub(crate) fn section_kind(heading: &str) -> Option<SectionKind> {
    let key: String = heading.chars().filter(|c| !c.is_whitespace()).collect();
    let key = key.trim_end_matches(['：', ':']);
    Some(match key {
        "功能介绍" | "接口功能" | "功能说明" => SectionKind::Summary,
        "调试" => SectionKind::Debug,
        "URI" | "uri" => SectionKind::Uri,
        "请求参数" => SectionKind::RequestParameters,
        "响应参数" => SectionKind::ResponseParameters,
        "请求消息" | "请求" => SectionKind::RequestMessage,
        "响应消息" | "响应" => SectionKind::ResponseMessage,
        "请求示例" | "请求样例" => SectionKind::RequestExample,
        "响应示例" | "响应样例" => SectionKind::ResponseExample,
        "状态码" | "返回值" | "返回码" => SectionKind::StatusCodes,
        "错误码" => SectionKind::ErrorCodes,
        _ => return None,
    })
}

/// The layout the section headings make.
pub(crate) fn layout(headings: &[String], is_operation: bool) -> Layout {
    let has = |names: &[&str]| {
        headings.iter().any(|heading| {
            let key: String = heading.chars().filter(|c| !c.is_whitespace()).collect();
            names.contains(&key.as_str())
        })
    };
    if !is_operation {
        Layout::NotAnOperation
    } else if has(&["请求参数", "响应参数", "调试"]) {
        Layout::Structured
    } else if has(&["请求消息", "响应消息"]) {
        Layout::Prose
    } else if has(&["请求", "响应"]) {
        Layout::Plain
    } else if has(&["请求示例", "响应示例"]) {
        Layout::Structured
    } else {
        Layout::Plain
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds() {
        assert_eq!(section_kind("功能介绍"), Some(SectionKind::Summary));
        assert_eq!(section_kind(" 返回值 "), Some(SectionKind::StatusCodes));
        assert_eq!(section_kind("请求"), Some(SectionKind::RequestMessage));
        assert_eq!(section_kind("接口约束"), None);
    }

    #[test]
    fn layouts() {
        let names = |list: &[&str]| list.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(layout(&names(&["URI", "请求参数"]), true), Layout::Structured);
        assert_eq!(layout(&names(&["URI", "请求消息"]), true), Layout::Prose);
        assert_eq!(layout(&names(&["URI", "请求", "响应"]), true), Layout::Plain);
        assert_eq!(layout(&names(&["概述"]), false), Layout::NotAnOperation);
    }
}
