//! Status codes: `200`, `400 Bad Request` in a cell or a line; the `**状态码： 200**` marker;
//! 正常/异常 labels.

use crate::model::Outcome;

/// `NNN` or `NNN reason`: the code and the reason phrase.
pub(crate) fn parse_code(text: &str) -> Option<(u16, Option<String>)> {
    let text = text.trim();
    let digits: String = text.chars().take_while(char::is_ascii_digit).collect();
    if digits.len() != 3 {
        return None;
    }
    let code: u16 = digits.parse().ok()?;
    if !(100..=599).contains(&code) {
        return None;
    }
    let rest = text.get(3..)?;
    if rest.starts_with(|c: char| !c.is_whitespace()) {
        return None;
    }
    let reason = rest.trim();
    Some((code, (!reason.is_empty()).then(|| reason.to_string())))
}

/// The status of a `状态码： 200` marker line (`**状态码： 200**` rendered as text).
pub(crate) fn marker_status(text: &str) -> Option<u16> {
    let rest = text.trim().strip_prefix("状态码")?;
    let rest = rest.trim_start().strip_prefix(['：', ':'])?;
    match parse_code(rest)? {
        (code, None) => Some(code),
        (_, Some(_)) => None,
    }
}

/// 正常 or 异常 in a label.
pub(crate) fn outcome(label: &str) -> Option<Outcome> {
    if label.contains("异常") {
        Some(Outcome::Abnormal)
    } else if label.contains("正常") {
        Some(Outcome::Normal)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes() {
        assert_eq!(parse_code("200"), Some((200, None)));
        assert_eq!(parse_code(" 400 Bad Request "), Some((400, Some("Bad Request".into()))));
        assert_eq!(parse_code("2000"), None);
        assert_eq!(parse_code("099"), None);
        assert_eq!(parse_code("abc"), None);
    }

    #[test]
    fn markers_and_outcomes() {
        assert_eq!(marker_status("状态码： 200"), Some(200));
        assert_eq!(marker_status("状态码:404"), Some(404));
        assert_eq!(marker_status("状态码： 200 OK"), None);
        assert_eq!(marker_status("状态码"), None);
        assert_eq!(outcome("正常"), Some(Outcome::Normal));
        assert_eq!(outcome("异常"), Some(Outcome::Abnormal));
        assert_eq!(outcome("样例"), None);
    }
}
