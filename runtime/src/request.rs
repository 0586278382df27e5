//! Building requests: path segments that cannot change the path, checked header values, JSON bodies.

use bytes::Bytes;
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use serde::Serialize;

/// Everything except RFC 3986 `unreserved` characters is encoded, so `/`, `?`, `#`, `%`, spaces and
/// non-ASCII text all stay inside one path segment.
const PATH_SEGMENT: &AsciiSet =
    &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

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
    /// A query parameter whose value cannot be written in its documented style (for example an
    /// object nested in a `deepObject` parameter, which OpenAPI leaves undefined).
    #[error("query parameter `{name}` {reason}")]
    InvalidQueryParameter {
        /// The parameter's name in the spec.
        name: &'static str,
        /// What is wrong with the value.
        reason: &'static str,
    },
    /// The request body could not be serialized to JSON.
    #[error("the request body could not be serialized to JSON")]
    Body(#[source] serde_json::Error),
    /// A parameter documented as JSON `content` could not be serialized to JSON.
    #[error("parameter `{name}` could not be serialized to JSON")]
    JsonParameter {
        /// The parameter's name in the spec.
        name: &'static str,
        /// The underlying error.
        #[source]
        source: serde_json::Error,
    },
    /// The request body cannot be sent as a form.
    #[error("the request body cannot be sent as a form: {0}")]
    FormBody(&'static str),
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

/// Like [`append_query`] for a parameter with `allowReserved`: the RFC 3986 reserved characters
/// `:/?[]@!$&'()*+,;=` in `value` are sent as they are. `#` (it would end the URI) and `%` are still
/// encoded, as is everything outside ASCII.
pub fn append_query_reserved(uri: &mut String, name: &str, value: &str) {
    const RESERVED_ALLOWED: &AsciiSet = &PATH_SEGMENT
        .remove(b':')
        .remove(b'/')
        .remove(b'?')
        .remove(b'[')
        .remove(b']')
        .remove(b'@')
        .remove(b'!')
        .remove(b'$')
        .remove(b'&')
        .remove(b'\'')
        .remove(b'(')
        .remove(b')')
        .remove(b'*')
        .remove(b'+')
        .remove(b',')
        .remove(b';')
        .remove(b'=');
    uri.push(if uri.contains('?') { '&' } else { '?' });
    uri.extend(utf8_percent_encode(name, PATH_SEGMENT));
    uri.push('=');
    uri.extend(utf8_percent_encode(value, RESERVED_ALLOWED));
}

/// How an object-valued query parameter is written (OpenAPI's `style` and `explode`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ObjectStyle {
    /// `style: form`, `explode: true`: each property its own pair, `role=admin&name=Alex`.
    FormExploded,
    /// `style: form`, `explode: false`: one pair, `id=role,admin,name,Alex`.
    Form,
    /// `style: deepObject`: `id[role]=admin&id[name]=Alex`.
    DeepObject,
}

/// Appends the object `value`, parameter `name`, to the query of `uri` in `style`.
///
/// Properties keep their order (struct fields in declaration order); `null` properties are left out. A property may be a string,
/// number, boolean or an array of them (an array repeats the pair, or is joined with commas in the
/// `form` style). Nested objects have no defined encoding and are rejected, as is a value that is not
/// an object.
pub fn append_query_object<T: Serialize + ?Sized>(
    uri: &mut String,
    name: &'static str,
    value: &T,
    style: ObjectStyle,
    allow_reserved: bool,
) -> Result<(), BuildError> {
    let invalid = |reason| BuildError::InvalidQueryParameter { name, reason };
    let serde_json::Value::Object(properties) =
        serde_json::to_value(value).map_err(|_| invalid("cannot be serialized"))?
    else {
        return Err(invalid("is not an object"));
    };
    // Every pair is worked out before any is appended, so a rejected value leaves `uri` unchanged.
    let mut pairs: Vec<(String, String)> = Vec::new();
    let mut joined = Vec::new();
    for (key, property) in &properties {
        let values: Vec<String> = match property {
            serde_json::Value::Null => continue,
            serde_json::Value::Array(items) => items
                .iter()
                .map(scalar_text)
                .collect::<Option<_>>()
                .ok_or_else(|| invalid("has an array property holding objects or arrays"))?,
            other => vec![scalar_text(other).ok_or_else(|| {
                invalid("has a nested object property, which this style cannot write")
            })?],
        };
        match style {
            ObjectStyle::FormExploded => pairs.extend(values.into_iter().map(|v| (key.clone(), v))),
            ObjectStyle::DeepObject => {
                pairs.extend(values.into_iter().map(|v| (format!("{name}[{key}]"), v)))
            }
            ObjectStyle::Form => {
                joined.push(key.clone());
                joined.push(values.join(","));
            }
        }
    }
    if style == ObjectStyle::Form && !joined.is_empty() {
        pairs.push((name.to_owned(), joined.join(",")));
    }
    let append = if allow_reserved { append_query_reserved } else { append_query };
    for (key, value) in &pairs {
        append(uri, key, value);
    }
    Ok(())
}

/// The text of a parameter whose type is a union of scalars (a string, number or boolean, whichever
/// the value holds).
pub fn scalar_value_text<T: Serialize + ?Sized>(
    name: &'static str,
    value: &T,
) -> Result<String, BuildError> {
    let value = serde_json::to_value(value)
        .map_err(|_| BuildError::InvalidQueryParameter { name, reason: "cannot be serialized" })?;
    scalar_text(&value).ok_or(BuildError::InvalidQueryParameter {
        name,
        reason: "is not a string, number or boolean",
    })
}

/// The JSON text of a parameter documented with `content: application/json`, which is then written
/// like any scalar of its location (percent-encoded in the path and query).
pub fn json_text<T: Serialize + ?Sized>(
    name: &'static str,
    value: &T,
) -> Result<String, BuildError> {
    serde_json::to_string(value).map_err(|source| BuildError::JsonParameter { name, source })
}

/// Appends a query parameter whose type is a union of scalars and arrays of scalars: a scalar is one
/// pair; an array is one pair per item, or one pair joined by `separator` when given.
pub fn append_query_value<T: Serialize + ?Sized>(
    uri: &mut String,
    name: &'static str,
    value: &T,
    separator: Option<&str>,
    allow_reserved: bool,
) -> Result<(), BuildError> {
    let invalid = |reason| BuildError::InvalidQueryParameter { name, reason };
    let texts: Vec<String> =
        match serde_json::to_value(value).map_err(|_| invalid("cannot be serialized"))? {
            serde_json::Value::Array(items) => items
                .iter()
                .map(scalar_text)
                .collect::<Option<_>>()
                .ok_or_else(|| invalid("has an array holding objects or arrays"))?,
            other => vec![
                scalar_text(&other)
                    .ok_or_else(|| invalid("is not a string, number, boolean or array of them"))?,
            ],
        };
    let append = if allow_reserved { append_query_reserved } else { append_query };
    match separator {
        Some(separator) => append(uri, name, &texts.join(separator)),
        None => texts.iter().for_each(|text| append(uri, name, text)),
    }
    Ok(())
}

/// The text of a string, number or boolean; `None` for anything else.
fn scalar_text(value: &serde_json::Value) -> Option<String> {
    match value {
        serde_json::Value::String(text) => Some(text.clone()),
        serde_json::Value::Number(number) => Some(number.to_string()),
        serde_json::Value::Bool(flag) => Some(flag.to_string()),
        _ => None,
    }
}

/// A `name=value` cookie pair with the value percent-encoded (everything but unreserved characters),
/// so it cannot end the pair or the header. Pairs are joined with `; ` into one `Cookie` header.
pub fn cookie_pair(name: &str, value: &str) -> String {
    format!("{name}={}", utf8_percent_encode(value, PATH_SEGMENT))
}

/// Checks that `value` may be sent as the value of header `name` (no CR, LF or other control bytes).
pub fn header_value(name: &'static str, value: &str) -> Result<http::HeaderValue, BuildError> {
    http::HeaderValue::from_str(value)
        .map_err(|source| BuildError::InvalidHeaderValue { name, source })
}

/// Encodes an object as an `application/x-www-form-urlencoded` body, the defaults OpenAPI gives
/// form fields: each property one `name=value` pair in order, an array of scalars one pair per item,
/// a nested object or array of objects as JSON text, `null` left out.
pub fn form_body<T: Serialize + ?Sized>(body: &T) -> Result<Bytes, BuildError> {
    let serde_json::Value::Object(properties) =
        serde_json::to_value(body).map_err(BuildError::Body)?
    else {
        return Err(BuildError::FormBody("the body is not an object"));
    };
    let mut form = form_urlencoded::Serializer::new(String::new());
    for (name, value) in &properties {
        match value {
            serde_json::Value::Null => {}
            serde_json::Value::Array(items)
                if items.iter().all(|item| scalar_text(item).is_some()) =>
            {
                for item in items.iter().filter_map(scalar_text) {
                    form.append_pair(name, &item);
                }
            }
            serde_json::Value::Array(_) | serde_json::Value::Object(_) => {
                form.append_pair(name, &value.to_string());
            }
            scalar => {
                form.append_pair(name, &scalar_text(scalar).unwrap_or_default());
            }
        }
    }
    Ok(Bytes::from(form.finish()))
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
    fn reserved_characters_pass_when_allowed_but_never_a_fragment() {
        let mut uri = String::from("/x");
        append_query_reserved(&mut uri, "path", "a/b:c,d#e%f g");
        assert_eq!(uri, "/x?path=a/b:c,d%23e%25f%20g");
    }

    #[derive(serde::Serialize)]
    struct Filter {
        role: &'static str,
        ids: Vec<u32>,
        active: Option<bool>,
        note: Option<&'static str>,
    }

    #[test]
    fn objects_are_written_in_each_style() {
        let filter = Filter { role: "a&b", ids: vec![1, 2], active: Some(true), note: None };
        let mut uri = String::from("/x");
        append_query_object(&mut uri, "filter", &filter, ObjectStyle::DeepObject, false).unwrap();
        assert_eq!(
            uri,
            "/x?filter%5Brole%5D=a%26b&filter%5Bids%5D=1&filter%5Bids%5D=2&filter%5Bactive%5D=true"
        );
        let mut uri = String::from("/x");
        append_query_object(&mut uri, "filter", &filter, ObjectStyle::FormExploded, false).unwrap();
        assert_eq!(uri, "/x?role=a%26b&ids=1&ids=2&active=true");
        let mut uri = String::from("/x?a=1");
        append_query_object(&mut uri, "filter", &filter, ObjectStyle::Form, false).unwrap();
        assert_eq!(uri, "/x?a=1&filter=role%2Ca%26b%2Cids%2C1%2C2%2Cactive%2Ctrue");
    }

    #[test]
    fn nested_objects_and_non_objects_are_rejected_in_the_query() {
        let nested = serde_json::json!({"outer": {"inner": 1}});
        let mut uri = String::from("/x");
        let err = append_query_object(&mut uri, "filter", &nested, ObjectStyle::DeepObject, false)
            .unwrap_err();
        assert!(matches!(err, BuildError::InvalidQueryParameter { name: "filter", .. }), "{err}");
        let err =
            append_query_object(&mut uri, "filter", &[1, 2], ObjectStyle::FormExploded, false)
                .unwrap_err();
        assert!(matches!(err, BuildError::InvalidQueryParameter { name: "filter", .. }), "{err}");
        let late = serde_json::json!({"fine": 1, "outer": {"inner": 1}});
        let err = append_query_object(&mut uri, "filter", &late, ObjectStyle::DeepObject, false)
            .unwrap_err();
        assert!(matches!(err, BuildError::InvalidQueryParameter { name: "filter", .. }), "{err}");
        assert_eq!(uri, "/x", "nothing is appended for a rejected value");
    }

    #[test]
    fn form_bodies_are_pairs_in_order_with_json_for_nested_values() {
        let body = serde_json::json!({"name": "a b&c", "ids": [1, 2], "gone": null, "meta": {"k": "v"}, "ok": true});
        let encoded = form_body(&body).unwrap();
        assert_eq!(&encoded[..], b"name=a+b%26c&ids=1&ids=2&meta=%7B%22k%22%3A%22v%22%7D&ok=true");
        assert!(matches!(form_body(&[1, 2]), Err(BuildError::FormBody(_))));
    }

    #[test]
    fn union_values_are_written_as_the_scalar_or_array_they_hold() {
        let mut uri = String::from("/x");
        append_query_value(&mut uri, "cwes", &serde_json::json!("79"), None, false).unwrap();
        append_query_value(&mut uri, "cwes", &serde_json::json!(["79", "284"]), None, false)
            .unwrap();
        append_query_value(&mut uri, "ids", &serde_json::json!([1, 2]), Some(","), false).unwrap();
        assert_eq!(uri, "/x?cwes=79&cwes=79&cwes=284&ids=1%2C2");
        assert_eq!(scalar_value_text("id", &serde_json::json!(7)).unwrap(), "7");
        assert!(scalar_value_text("id", &serde_json::json!([7])).is_err());
        assert!(
            append_query_value(&mut uri, "x", &serde_json::json!({"a": 1}), None, false).is_err()
        );
    }

    #[test]
    fn cookie_values_cannot_end_the_pair() {
        assert_eq!(cookie_pair("session", "a b;c=d,事"), "session=a%20b%3Bc%3Dd%2C%E4%BA%8B");
    }

    #[test]
    fn values_that_are_not_one_segment_are_rejected() {
        for value in ["", ".", ".."] {
            let err = path_segment("event_name", value).unwrap_err();
            assert!(
                matches!(err, BuildError::InvalidPathParameter { name: "event_name", .. }),
                "{value:?}"
            );
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
