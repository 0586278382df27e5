//! Building requests: path segments that cannot change the path, checked header values, JSON bodies.

use bytes::Bytes;
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use serde::Serialize;

/// Everything except RFC 3986 `unreserved` characters is encoded, so `/`, `?`, `#`, `%`, spaces and
/// non-ASCII text all stay inside one path segment.
const PATH_SEGMENT: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

/// Why a request could not be built from its typed arguments.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum BuildError {
    /// A path parameter whose value cannot be sent as exactly one path segment.
    #[error("path parameter `{name}` {reason}")]
    InvalidPathParameter {
        /// The parameter's name in the spec.
        name: &'static str,
        /// What is wrong with the value.
        reason: &'static str,
    },
    /// A header parameter whose value is not a valid HTTP header value (for example it holds CR or LF).
    #[error("header `{name}` has a value that is not allowed in HTTP headers")]
    InvalidHeaderValue {
        /// The header's name.
        name: &'static str,
        /// The underlying error.
        #[source]
        source: http::header::InvalidHeaderValue,
    },
    /// The request body could not be serialized to JSON.
    #[error("the request body could not be serialized to JSON")]
    Body(#[source] serde_json::Error),
    /// The request could not be signed.
    #[error("the request could not be signed: {0}")]
    Signing(String),
    /// The `http` crate rejected the assembled request.
    #[error("the request could not be assembled")]
    Http(#[from] http::Error),
}

/// Percent-encodes `value` as exactly one path segment.
///
/// Every byte outside RFC 3986 `unreserved` is encoded, so a value can never add a segment, a query
/// or a fragment. Values that would still be read as something other than one segment after
/// encoding are rejected: the empty string (it would merge two slashes) and the dot segments `.` and
/// `..` (URL parsers resolve them, and some treat `%2E` as a dot too).
pub fn path_segment(name: &'static str, value: &str) -> Result<String, BuildError> {
    let reason = match value {
        "" => Some("is empty"),
        "." | ".." => Some("is a dot segment (`.` or `..`), which URL parsers resolve away"),
        _ => None,
    };
    match reason {
        Some(reason) => Err(BuildError::InvalidPathParameter { name, reason }),
        None => Ok(utf8_percent_encode(value, PATH_SEGMENT).to_string()),
    }
}

/// Appends `name=value` to the query of `uri` (starting the query if there is none), with both parts
/// percent-encoded so that neither can end the pair, the query or the URI.
pub fn append_query(uri: &mut String, name: &str, value: &str) {
    uri.push(if uri.contains('?') { '&' } else { '?' });
    uri.extend(utf8_percent_encode(name, PATH_SEGMENT));
    uri.push('=');
    uri.extend(utf8_percent_encode(value, PATH_SEGMENT));
}

/// A `name=value` cookie pair with the value percent-encoded (everything but unreserved characters),
/// so it cannot end the pair or the header. Pairs are joined with `; ` into one `Cookie` header.
pub fn cookie_pair(name: &str, value: &str) -> String {
    format!("{name}={}", utf8_percent_encode(value, PATH_SEGMENT))
}

/// Checks that `value` may be sent as the value of header `name` (no CR, LF or other control bytes).
pub fn header_value(name: &'static str, value: &str) -> Result<http::HeaderValue, BuildError> {
    http::HeaderValue::from_str(value).map_err(|source| BuildError::InvalidHeaderValue { name, source })
}

/// Serializes a request body to JSON.
pub fn json_body<T: Serialize + ?Sized>(body: &T) -> Result<Bytes, BuildError> {
    serde_json::to_vec(body).map(Bytes::from).map_err(BuildError::Body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_segment_keeps_unreserved_characters_and_encodes_the_rest() {
        assert_eq!(path_segment("p", "a-b.c_d~e09AZ").unwrap(), "a-b.c_d~e09AZ");
        assert_eq!(path_segment("p", "a/b?c#d e%").unwrap(), "a%2Fb%3Fc%23d%20e%25");
        assert_eq!(path_segment("p", "../x").unwrap(), "..%2Fx");
        assert_eq!(path_segment("p", "事件").unwrap(), "%E4%BA%8B%E4%BB%B6");
    }

    #[test]
    fn query_pairs_are_encoded_and_joined() {
        let mut uri = String::from("/v1/x");
        append_query(&mut uri, "limit", "10");
        append_query(&mut uri, "name", "a&b=c d");
        append_query(&mut uri, "tag", "事");
        assert_eq!(uri, "/v1/x?limit=10&name=a%26b%3Dc%20d&tag=%E4%BA%8B");
    }

    #[test]
    fn cookie_values_cannot_end_the_pair() {
        assert_eq!(cookie_pair("session", "a b;c=d,事"), "session=a%20b%3Bc%3Dd%2C%E4%BA%8B");
    }

    #[test]
    fn values_that_are_not_one_segment_are_rejected() {
        for value in ["", ".", ".."] {
            let err = path_segment("event_name", value).unwrap_err();
            assert!(matches!(err, BuildError::InvalidPathParameter { name: "event_name", .. }), "{value:?}");
        }
    }

    #[test]
    fn header_values_with_line_breaks_are_rejected() {
        assert!(header_value("X-Auth-Token", "abc").is_ok());
        for bad in ["a\r\nInjected: 1", "a\nb", "a\rb"] {
            assert!(matches!(
                header_value("X-Auth-Token", bad),
                Err(BuildError::InvalidHeaderValue { name: "X-Auth-Token", .. })
            ));
        }
    }
}
