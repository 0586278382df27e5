//! Example code blocks: an optional `METHOD https://{endpoint}/…` line, then a body.

use crate::model::{Example, ExampleKind};

const METHODS: &[&str] = &["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"];

/// Reads one code block of an example section.
pub(crate) fn read_example(
    code: &str,
    kind: ExampleKind,
    line: usize,
    caption: Option<String>,
) -> Example {
    let trimmed = code.trim_start_matches(['\n', '\r']);
    let (first, rest) = trimmed.split_once('\n').unwrap_or((trimmed, ""));
    let (request_line, url, body) = match request_line(first) {
        Some((method, url)) => (method.map(|m| (m, url.clone())), Some(url), rest),
        None => (None, None, trimmed),
    };
    let body = body.trim();
    let body = (!body.is_empty()).then(|| body.to_string());
    let is_json =
        body.as_deref().is_some_and(|body| serde_json::from_str::<serde_json::Value>(body).is_ok());
    Example { kind, request_line, url, body, is_json, line, caption }
}

/// `METHOD url` or a bare `https://…` URL: the method (if written) and the URL.
fn request_line(line: &str) -> Option<(Option<String>, String)> {
    let line = line.trim();
    if is_url(line) {
        return Some((None, line.to_string()));
    }
    let (method, url) = line.split_once(char::is_whitespace)?;
    let method = method.to_ascii_uppercase();
    let url = url.trim();
    (METHODS.contains(&method.as_str()) && (is_url(url) || url.starts_with('/')))
        .then(|| (Some(method), url.to_string()))
}

fn is_url(text: &str) -> bool {
    let lower = text.get(..8).unwrap_or(text).to_ascii_lowercase();
    lower.starts_with("https://") || lower.starts_with("http://")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_line_and_body() {
        let example = read_example(
            "POST https://{endpoint}/v1/{project_id}/widgets\n{\n  \"a\": 1\n}\n",
            ExampleKind::Request,
            3,
            None,
        );
        assert_eq!(
            example.request_line,
            Some(("POST".into(), "https://{endpoint}/v1/{project_id}/widgets".into()))
        );
        assert_eq!(example.body.as_deref(), Some("{\n  \"a\": 1\n}"));
        assert!(example.is_json);
    }

    #[test]
    fn url_without_method_and_invalid_json() {
        let example =
            read_example("https://{endpoint}/v1/x\n{ \"a\": 1, }", ExampleKind::Request, 1, None);
        assert_eq!(example.request_line, None);
        assert_eq!(example.url.as_deref(), Some("https://{endpoint}/v1/x"));
        assert!(!example.is_json);
    }

    #[test]
    fn response_body_only() {
        let kind = ExampleKind::Response { status: Some(200) };
        let example = read_example("{\"a\": []}", kind, 1, None);
        assert_eq!(example.request_line, None);
        assert_eq!(example.body.as_deref(), Some("{\"a\": []}"));
        assert!(example.is_json);
        let empty = read_example("GET https://x/y", ExampleKind::Request, 1, None);
        assert_eq!(empty.body, None);
    }
}
