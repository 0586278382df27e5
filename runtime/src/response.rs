//! Decoding responses into typed bodies without losing anything when that fails.

use bytes::Bytes;
use http::{HeaderMap, StatusCode};
use serde::de::DeserializeOwned;
use serde_json::Value;

/// A response that could not be turned into the operation's typed response.
///
/// Every variant keeps the raw status and body, so nothing the server said is lost.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum DecodeError {
    /// The server answered with a status the API documentation does not list for this operation.
    #[error("undocumented response status {status}")]
    UndocumentedStatus {
        /// The status the server sent.
        status: StatusCode,
        /// The raw response body.
        body: Bytes,
    },
    /// The status is documented, but the body does not match the documented schema.
    #[error("the body of the {status} response does not match its documented schema")]
    Body {
        /// The status the server sent.
        status: StatusCode,
        /// The raw response body.
        body: Bytes,
        /// Where and why JSON decoding failed.
        #[source]
        source: serde_json::Error,
    },
    /// The status is documented, but one of its documented headers is missing or does not match
    /// its schema.
    #[error("a header of the {status} response does not match its documentation")]
    Header {
        /// The status the server sent.
        status: StatusCode,
        /// The raw response body.
        body: Bytes,
        /// Which header, and what is wrong with it.
        #[source]
        source: HeaderError,
    },
}

/// A documented response header that could not be decoded.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum HeaderError {
    /// A required header is absent.
    #[error("the required response header `{name}` is missing")]
    Missing {
        /// The header's documented name.
        name: &'static str,
    },
    /// The header's bytes are not UTF-8 text.
    #[error("response header `{name}` is not UTF-8 text")]
    NotText {
        /// The header's documented name.
        name: &'static str,
    },
    /// The header's text is not a value of its documented schema.
    #[error("response header `{name}` is `{text}`, which does not match its documented schema")]
    Invalid {
        /// The header's documented name.
        name: &'static str,
        /// The header's text (several fields of the same name joined by `, `).
        text: String,
        /// Why the text does not decode.
        #[source]
        source: serde_json::Error,
    },
}

/// How a documented header's text is read (OpenAPI's `simple` style).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HeaderText {
    /// The text is the value: strings, string enums, base64.
    Text,
    /// The text is a number or a boolean.
    Scalar,
    /// Comma-separated items, each read as [`HeaderText::Text`].
    TextList,
    /// Comma-separated items, each read as [`HeaderText::Scalar`].
    ScalarList,
}

/// The value of the documented header `name`, `None` when the response does not have it. Several
/// fields of the same name are one value joined by `, `, as HTTP defines.
pub fn header<T: DeserializeOwned>(
    headers: &HeaderMap,
    name: &'static str,
    text: HeaderText,
) -> Result<Option<T>, HeaderError> {
    let mut joined: Option<String> = None;
    for value in headers.get_all(name) {
        let part =
            std::str::from_utf8(value.as_bytes()).map_err(|_| HeaderError::NotText { name })?;
        match &mut joined {
            Some(joined) => {
                joined.push_str(", ");
                joined.push_str(part);
            }
            None => joined = Some(part.to_owned()),
        }
    }
    let Some(joined) = joined else { return Ok(None) };
    let item = |item: &str, scalar: bool| -> Result<Value, serde_json::Error> {
        if scalar { serde_json::from_str(item.trim()) } else { Ok(Value::String(item.to_owned())) }
    };
    let value = match text {
        HeaderText::Text => item(&joined, false),
        HeaderText::Scalar => item(&joined, true),
        HeaderText::TextList | HeaderText::ScalarList if joined.trim().is_empty() => {
            Ok(Value::Array(Vec::new()))
        }
        HeaderText::TextList => joined
            .split(',')
            .map(|i| item(i.trim(), false))
            .collect::<Result<Vec<_>, _>>()
            .map(Value::Array),
        HeaderText::ScalarList => joined
            .split(',')
            .map(|i| item(i, true))
            .collect::<Result<Vec<_>, _>>()
            .map(Value::Array),
    };
    match value.and_then(serde_json::from_value) {
        Ok(value) => Ok(Some(value)),
        Err(source) => Err(HeaderError::Invalid { name, text: joined, source }),
    }
}

/// As [`header`], for a header the documentation requires.
pub fn required_header<T: DeserializeOwned>(
    headers: &HeaderMap,
    name: &'static str,
    text: HeaderText,
) -> Result<T, HeaderError> {
    header(headers, name, text)?.ok_or(HeaderError::Missing { name })
}

/// Decodes a response's documented headers with `decode`; a failure keeps the status and body.
pub fn decode_headers<H>(
    parts: &http::response::Parts,
    body: &Bytes,
    decode: fn(&HeaderMap) -> Result<H, HeaderError>,
) -> Result<H, DecodeError> {
    decode(&parts.headers).map_err(|source| DecodeError::Header {
        status: parts.status,
        body: body.clone(),
        source,
    })
}

impl DecodeError {
    /// The status the server sent.
    pub fn status(&self) -> StatusCode {
        match self {
            Self::UndocumentedStatus { status, .. }
            | Self::Body { status, .. }
            | Self::Header { status, .. } => *status,
        }
    }

    /// The raw response body.
    pub fn body(&self) -> &Bytes {
        match self {
            Self::UndocumentedStatus { body, .. }
            | Self::Body { body, .. }
            | Self::Header { body, .. } => body,
        }
    }
}

/// Decodes a JSON body documented for `status`.
pub fn decode_json<T: DeserializeOwned>(status: StatusCode, body: Bytes) -> Result<T, DecodeError> {
    match serde_json::from_slice(&body) {
        Ok(value) => Ok(value),
        Err(source) => Err(DecodeError::Body { status, body, source }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_body_that_does_not_decode_keeps_status_and_bytes() {
        let err =
            decode_json::<Vec<u32>>(StatusCode::CREATED, Bytes::from_static(b"[1, ")).unwrap_err();
        assert_eq!(err.status(), StatusCode::CREATED);
        assert_eq!(err.body().as_ref(), b"[1, ");
        assert!(matches!(err, DecodeError::Body { .. }));
    }

    fn headers(pairs: &[(&'static str, &'static [u8])]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.append(*name, http::HeaderValue::from_bytes(value).unwrap());
        }
        map
    }

    #[test]
    fn headers_decode_by_their_documented_form() {
        let map = headers(&[
            ("link", b"<a>; rel=\"next\""),
            ("x-limit", b" 5000 "),
            ("x-tags", b"a, b"),
            ("x-tags", b"c"),
            ("x-ids", b"1,2"),
            ("x-on", b"true"),
        ]);
        assert_eq!(
            header::<String>(&map, "Link", HeaderText::Text).unwrap().as_deref(),
            Some("<a>; rel=\"next\""),
            "names are case-insensitive"
        );
        assert_eq!(header::<i64>(&map, "X-Limit", HeaderText::Scalar).unwrap(), Some(5000));
        assert_eq!(
            header::<Vec<String>>(&map, "x-tags", HeaderText::TextList).unwrap(),
            Some(vec!["a".to_owned(), "b".into(), "c".into()]),
            "repeated fields join"
        );
        assert_eq!(
            header::<Vec<u32>>(&map, "x-ids", HeaderText::ScalarList).unwrap(),
            Some(vec![1, 2])
        );
        assert_eq!(header::<bool>(&map, "x-on", HeaderText::Scalar).unwrap(), Some(true));
        assert_eq!(header::<String>(&map, "x-absent", HeaderText::Text).unwrap(), None);
        // A digit string stays text where the schema says string.
        assert_eq!(
            header::<String>(&map, "x-limit", HeaderText::Text).unwrap().as_deref(),
            Some(" 5000 ")
        );
    }

    #[test]
    fn bad_headers_are_typed_errors_that_keep_the_response() {
        let map = headers(&[("x-limit", b"many"), ("x-raw", b"\xff")]);
        assert!(
            matches!(header::<i64>(&map, "x-limit", HeaderText::Scalar), Err(HeaderError::Invalid { name: "x-limit", text, .. }) if text == "many")
        );
        assert!(matches!(
            header::<String>(&map, "x-raw", HeaderText::Text),
            Err(HeaderError::NotText { name: "x-raw" })
        ));
        assert!(matches!(
            required_header::<String>(&map, "x-id", HeaderText::Text),
            Err(HeaderError::Missing { name: "x-id" })
        ));
        let (parts, ()) = http::Response::builder()
            .status(201)
            .header("x-limit", "many")
            .body(())
            .unwrap()
            .into_parts();
        let body = Bytes::from_static(b"{}");
        let err = decode_headers(&parts, &body, |h| {
            required_header::<u8>(h, "x-limit", HeaderText::Scalar)
        })
        .unwrap_err();
        assert_eq!((err.status(), err.body().as_ref()), (StatusCode::CREATED, &b"{}"[..]));
        assert!(matches!(err, DecodeError::Header { source: HeaderError::Invalid { .. }, .. }));
    }
}
