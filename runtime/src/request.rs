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
    /// A field of a form or multipart body whose value cannot be written in its documented style
    /// (for example a map key holding `[`, which the `deepObject` brackets cannot write).
    #[error("form field `{name}` {reason}")]
    InvalidFormField {
        /// The field's name in the spec.
        name: String,
        /// What is wrong with the value.
        reason: &'static str,
    },
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

/// The text of an array path parameter in OpenAPI's `simple` style: the items joined by commas,
/// each encoded as [`path_segment`] encodes a value (so a comma inside an item is `%2C`). An empty
/// array, and one item that [`path_segment`] refuses, are errors.
pub fn path_list<T: ToString>(name: &'static str, values: &[T]) -> Result<String, BuildError> {
    match values {
        [] => Err(BuildError::InvalidPathParameter { name, reason: "is an empty array" }),
        [one] => path_segment(name, &one.to_string()),
        many => {
            let items: Vec<String> = many
                .iter()
                .map(|value| utf8_percent_encode(&value.to_string(), PATH_SEGMENT).to_string())
                .collect();
            Ok(items.join(","))
        }
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
}

/// Appends the object `value`, parameter `name`, to the query of `uri` in a `form` `style`
/// (`deepObject` is [`append_query_deep_object`]).
///
/// Properties keep their order (struct fields in declaration order); `null` properties are left out.
/// A property may be a string, number, boolean or an array of them (an array repeats the pair, or
/// is joined with commas in the `form` style); nested objects have no defined encoding in these
/// styles and are rejected, as is a value that is not an object.
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
    let mut pairs = Vec::new();
    match style {
        ObjectStyle::FormExploded => object_pairs(name, &properties, None, &mut pairs),
        ObjectStyle::Form => object_pairs(name, &properties, Some(","), &mut pairs),
    }
    .map_err(invalid)?;
    append_pairs(uri, &pairs, allow_reserved);
    Ok(())
}

/// Appends parameter `name` in OpenAPI's `style: deepObject` (with `explode: true`, the only
/// combination OpenAPI defines), whatever the value holds, as the brackets of PHP, Rails and Stripe
/// write it:
///
/// - an object: each property in brackets, `name[key]=value`; nested objects nest further,
///   `name[key][inner]=value`;
/// - an array: each item by its index, `name[0]=a&name[1]=b`, and an array of objects
///   `name[0][key]=value`;
/// - a string, number or boolean: `name=value`, as any other style writes it;
/// - `null`, an empty object and an empty array: nothing.
///
/// A union is written as the alternative it holds. Brackets are percent-encoded like every other
/// reserved character (`name%5Bkey%5D=value`), which every form decoder reads as the same name. A
/// map key that is empty or holds `[` or `]` cannot be told apart from the brackets around it, so it
/// is rejected, and nothing is appended.
pub fn append_query_deep_object<T: Serialize + ?Sized>(
    uri: &mut String,
    name: &'static str,
    value: &T,
    allow_reserved: bool,
) -> Result<(), BuildError> {
    let invalid = |reason| BuildError::InvalidQueryParameter { name, reason };
    let value = serde_json::to_value(value).map_err(|_| invalid("cannot be serialized"))?;
    let mut pairs = Vec::new();
    deep_object_pairs(name, &value, &mut pairs).map_err(invalid)?;
    append_pairs(uri, &pairs, allow_reserved);
    Ok(())
}

fn append_pairs(uri: &mut String, pairs: &[(String, String)], allow_reserved: bool) {
    let append = if allow_reserved { append_query_reserved } else { append_query };
    for (key, value) in pairs {
        append(uri, key, value);
    }
}

/// The pairs of an object in a `form` style: with no `separator` (exploded) each property is its
/// own pair named after it, an array property one pair per item; with one, a single pair `name`
/// holding keys and values alternately, joined by it (an array property's items too).
fn object_pairs(
    name: &str,
    properties: &serde_json::Map<String, serde_json::Value>,
    separator: Option<&str>,
    pairs: &mut Vec<(String, String)>,
) -> Result<(), &'static str> {
    let mut joined = Vec::new();
    for (key, property) in properties {
        let values: Vec<String> = match property {
            serde_json::Value::Null => continue,
            serde_json::Value::Array(items) => items
                .iter()
                .map(scalar_text)
                .collect::<Option<_>>()
                .ok_or("has an array property holding objects or arrays")?,
            other => vec![
                scalar_text(other)
                    .ok_or("has a nested object property, which this style cannot write")?,
            ],
        };
        match separator {
            None => pairs.extend(values.into_iter().map(|v| (key.clone(), v))),
            Some(separator) => {
                joined.push(key.clone());
                joined.push(values.join(separator));
            }
        }
    }
    if let Some(separator) = separator
        && !joined.is_empty()
    {
        pairs.push((name.to_owned(), joined.join(separator)));
    }
    Ok(())
}

/// The pairs of `value` in the bracket notation of `style: deepObject` (see
/// [`append_query_deep_object`]), appended to `pairs` in the value's order.
pub(crate) fn deep_object_pairs(
    name: &str,
    value: &serde_json::Value,
    pairs: &mut Vec<(String, String)>,
) -> Result<(), &'static str> {
    match value {
        serde_json::Value::Null => {}
        serde_json::Value::Object(properties) => {
            for (key, property) in properties {
                if key.is_empty() || key.contains(['[', ']']) {
                    return Err(
                        "has a key that is empty or holds `[` or `]`, which brackets cannot write",
                    );
                }
                deep_object_pairs(&format!("{name}[{key}]"), property, pairs)?;
            }
        }
        serde_json::Value::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                deep_object_pairs(&format!("{name}[{index}]"), item, pairs)?;
            }
        }
        scalar => pairs.push((name.to_owned(), scalar_text(scalar).unwrap_or_default())),
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

/// How one field of a form body is written, when the body's `encoding` gives it a `style` or a
/// `contentType` (a generated operation passes a table of them to [`form_body_with`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum FormStyle {
    /// `contentType: application/json`: the value's JSON text, whatever it holds (a string in quotes).
    Json,
    /// `style: form`, `explode: true`: a scalar is one pair, an array one pair per item, and an
    /// object one pair per property, named after the property.
    FormExploded,
    /// `style: form`, `explode: false`: one pair; an array's items joined by commas, an object's
    /// keys and values alternately (`name=k,v,k2,v2`).
    Form,
    /// `style: spaceDelimited`: one pair, an array's items joined by spaces.
    SpaceDelimited,
    /// `style: pipeDelimited`: one pair, an array's items joined by `|`.
    PipeDelimited,
    /// `style: deepObject`: brackets, `name[key]=v`, `name[0]=v`, `name[0][key]=v`, as in the query
    /// (see [`append_query_deep_object`]).
    DeepObject,
}

impl FormStyle {
    /// What joins an array's items into one pair; `None` when each item is a pair of its own.
    fn separator(self) -> Option<&'static str> {
        match self {
            Self::Form => Some(","),
            Self::SpaceDelimited => Some(" "),
            Self::PipeDelimited => Some("|"),
            Self::Json | Self::FormExploded | Self::DeepObject => None,
        }
    }
}

/// Encodes an object as an `application/x-www-form-urlencoded` body, the defaults OpenAPI gives
/// form fields: each property one `name=value` pair in order, an array of scalars one pair per item,
/// a nested object or array of objects as JSON text, `null` left out.
pub fn form_body<T: Serialize + ?Sized>(body: &T) -> Result<Bytes, BuildError> {
    form_body_with(body, &[])
}

/// Like [`form_body`], with the fields named in `styles` written in their style instead of the
/// defaults. Fields keep the body's order, and `null` is always left out.
///
/// Names and values are encoded as `application/x-www-form-urlencoded` does (the `form_urlencoded`
/// crate: spaces as `+`, everything but ASCII letters, digits and `*-._` percent-encoded, so the
/// brackets of `deepObject` names are `%5B` and `%5D`, as in the query).
pub fn form_body_with<T: Serialize + ?Sized>(
    body: &T,
    styles: &[(&str, FormStyle)],
) -> Result<Bytes, BuildError> {
    let serde_json::Value::Object(properties) =
        serde_json::to_value(body).map_err(BuildError::Body)?
    else {
        return Err(BuildError::FormBody("the body is not an object"));
    };
    let mut pairs: Vec<(String, String)> = Vec::new();
    for (name, value) in &properties {
        let style = styles.iter().find(|(field, _)| field == name).map(|(_, style)| *style);
        let invalid = |reason| BuildError::InvalidFormField { name: name.clone(), reason };
        match (style, value) {
            (_, serde_json::Value::Null) => {}
            (Some(FormStyle::DeepObject), value) => {
                deep_object_pairs(name, value, &mut pairs).map_err(invalid)?;
            }
            (Some(FormStyle::Json), value) => pairs.push((name.clone(), value.to_string())),
            (Some(FormStyle::FormExploded), serde_json::Value::Object(properties)) => {
                object_pairs(name, properties, None, &mut pairs).map_err(invalid)?;
            }
            (Some(FormStyle::Form), serde_json::Value::Object(properties)) => {
                object_pairs(name, properties, Some(","), &mut pairs).map_err(invalid)?;
            }
            (Some(_), serde_json::Value::Object(_)) => {
                return Err(invalid("is an object, which a delimited style cannot write"));
            }
            (Some(style), serde_json::Value::Array(items)) => {
                let texts: Vec<String> = items
                    .iter()
                    .map(scalar_text)
                    .collect::<Option<_>>()
                    .ok_or_else(|| invalid("is an array holding objects or arrays"))?;
                match style.separator() {
                    Some(separator) => pairs.push((name.clone(), texts.join(separator))),
                    None => pairs.extend(texts.into_iter().map(|text| (name.clone(), text))),
                }
            }
            // The defaults: a scalar array one pair per item, other structured values as JSON.
            (None, serde_json::Value::Array(items))
                if items.iter().all(|item| scalar_text(item).is_some()) =>
            {
                pairs.extend(items.iter().filter_map(scalar_text).map(|item| (name.clone(), item)));
            }
            (None, serde_json::Value::Array(_) | serde_json::Value::Object(_)) => {
                pairs.push((name.clone(), value.to_string()));
            }
            (_, scalar) => pairs.push((name.clone(), scalar_text(scalar).unwrap_or_default())),
        }
    }
    let mut form = form_urlencoded::Serializer::new(String::new());
    form.extend_pairs(&pairs);
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
        append_query_deep_object(&mut uri, "filter", &filter, false).unwrap();
        assert_eq!(
            uri,
            "/x?filter%5Brole%5D=a%26b&filter%5Bids%5D%5B0%5D=1&filter%5Bids%5D%5B1%5D=2&filter%5Bactive%5D=true"
        );
        let mut uri = String::from("/x");
        append_query_object(&mut uri, "filter", &filter, ObjectStyle::FormExploded, false).unwrap();
        assert_eq!(uri, "/x?role=a%26b&ids=1&ids=2&active=true");
        let mut uri = String::from("/x?a=1");
        append_query_object(&mut uri, "filter", &filter, ObjectStyle::Form, false).unwrap();
        assert_eq!(uri, "/x?a=1&filter=role%2Ca%26b%2Cids%2C1%2C2%2Cactive%2Ctrue");
    }

    #[test]
    fn path_arrays_are_items_joined_by_commas() {
        assert_eq!(path_list("ids", &[1, 2, 3]).unwrap(), "1,2,3");
        assert_eq!(path_list("modes", &["tube", "a,b/c"]).unwrap(), "tube,a%2Cb%2Fc");
        assert_eq!(path_list("one", &["x y"]).unwrap(), "x%20y");
        for bad in [path_list::<&str>("none", &[]), path_list("dot", &[".."])] {
            assert!(matches!(bad, Err(BuildError::InvalidPathParameter { .. })), "{bad:?}");
        }
    }

    #[test]
    fn nested_objects_and_non_objects_are_rejected_in_the_form_styles() {
        let nested = serde_json::json!({"outer": {"inner": 1}});
        let mut uri = String::from("/x");
        for style in [ObjectStyle::FormExploded, ObjectStyle::Form] {
            let err = append_query_object(&mut uri, "filter", &nested, style, false).unwrap_err();
            assert!(
                matches!(err, BuildError::InvalidQueryParameter { name: "filter", .. }),
                "{err}"
            );
        }
        let err =
            append_query_object(&mut uri, "filter", &[1, 2], ObjectStyle::FormExploded, false)
                .unwrap_err();
        assert!(matches!(err, BuildError::InvalidQueryParameter { name: "filter", .. }), "{err}");
        let late = serde_json::json!({"fine": 1, "outer": {"inner": 1}});
        let err = append_query_object(&mut uri, "filter", &late, ObjectStyle::FormExploded, false)
            .unwrap_err();
        assert!(matches!(err, BuildError::InvalidQueryParameter { name: "filter", .. }), "{err}");
        assert_eq!(uri, "/x", "nothing is appended for a rejected value");
    }

    /// The query `value` appends as the `deepObject` parameter `name`.
    fn deep(name: &'static str, value: &serde_json::Value) -> String {
        let mut uri = String::new();
        append_query_deep_object(&mut uri, name, value, false).unwrap();
        uri
    }

    #[test]
    fn deep_objects_nest_in_brackets() {
        let value = serde_json::json!({"address": {"city": "Zürich", "line1": "a&b=c"}, "tax": {"ip": null}, "n": 1});
        assert_eq!(
            deep("details", &value),
            "?details%5Baddress%5D%5Bcity%5D=Z%C3%BCrich&details%5Baddress%5D%5Bline1%5D=a%26b%3Dc&details%5Bn%5D=1"
        );
    }

    #[test]
    fn deep_object_arrays_are_indexed() {
        assert_eq!(
            deep("expand", &serde_json::json!(["data.customer", "data.invoice"])),
            "?expand%5B0%5D=data.customer&expand%5B1%5D=data.invoice"
        );
        let lines = serde_json::json!([{"amount": 5, "type": "custom"}, {"tax_rates": ["a", "b"]}]);
        assert_eq!(
            deep("lines", &lines),
            "?lines%5B0%5D%5Bamount%5D=5&lines%5B0%5D%5Btype%5D=custom&lines%5B1%5D%5Btax_rates%5D%5B0%5D=a&lines%5B1%5D%5Btax_rates%5D%5B1%5D=b"
        );
    }

    #[test]
    fn deep_object_scalars_are_plain_pairs() {
        assert_eq!(deep("created", &serde_json::json!(1700000000)), "?created=1700000000");
        assert_eq!(deep("flag", &serde_json::json!(false)), "?flag=false");
        assert_eq!(deep("q", &serde_json::json!("a b[c]")), "?q=a%20b%5Bc%5D");
        assert_eq!(deep("ratio", &serde_json::json!(0.5)), "?ratio=0.5");
    }

    #[derive(serde::Serialize)]
    #[serde(untagged)]
    enum Created {
        Range { gt: Option<i64>, lte: Option<i64> },
        At(i64),
        Unset(&'static str),
    }

    #[test]
    fn deep_object_unions_are_written_as_the_alternative_they_hold() {
        let range = Created::Range { gt: Some(1), lte: None };
        let mut uri = String::from("/v1/charges");
        append_query_deep_object(&mut uri, "created", &range, false).unwrap();
        append_query_deep_object(&mut uri, "created", &Created::At(7), false).unwrap();
        append_query_deep_object(&mut uri, "created", &Created::Unset(""), false).unwrap();
        assert_eq!(uri, "/v1/charges?created%5Bgt%5D=1&created=7&created=");
    }

    #[test]
    fn empty_deep_objects_send_nothing() {
        for empty in [serde_json::json!({}), serde_json::json!([]), serde_json::json!(null)] {
            assert_eq!(deep("x", &empty), "", "{empty}");
        }
        assert_eq!(deep("x", &serde_json::json!({"a": [], "b": {}, "c": null})), "");
    }

    #[test]
    fn deep_object_keys_that_brackets_cannot_write_are_rejected() {
        let mut uri = String::from("/x?a=1");
        for key in ["", "a]b", "a[b"] {
            let value = serde_json::json!({"fine": 1, key: "v"});
            let err = append_query_deep_object(&mut uri, "metadata", &value, false).unwrap_err();
            assert!(matches!(err, BuildError::InvalidQueryParameter { name: "metadata", .. }));
        }
        assert_eq!(uri, "/x?a=1", "nothing is appended for a rejected value");
    }

    #[test]
    fn deep_object_names_stay_encoded_when_reserved_values_are_allowed() {
        let mut uri = String::from("/x");
        append_query_deep_object(&mut uri, "f", &serde_json::json!({"p": "a/b[c]"}), true).unwrap();
        assert_eq!(uri, "/x?f%5Bp%5D=a/b[c]");
    }

    #[test]
    fn form_fields_are_written_in_their_styles() {
        let body = serde_json::json!({
            "metadata": {"order": "6735", "note": "a b"},
            "lines": [{"amount": 1, "tags": ["x"]}],
            "expand": ["customer"],
            "empty": [],
            "json": "text",
            "ids": [1, 2],
            "words": ["a", "b"],
            "pipes": ["a", "b"],
            "point": {"x": 1, "y": 2},
            "flat": {"x": 1, "y": [2, 3]},
            "plain": {"k": "v"},
            "gone": null,
        });
        let styles = [
            ("metadata", FormStyle::DeepObject),
            ("lines", FormStyle::DeepObject),
            ("expand", FormStyle::DeepObject),
            ("empty", FormStyle::DeepObject),
            ("json", FormStyle::Json),
            ("ids", FormStyle::Form),
            ("words", FormStyle::SpaceDelimited),
            ("pipes", FormStyle::PipeDelimited),
            ("point", FormStyle::Form),
            ("flat", FormStyle::FormExploded),
            ("gone", FormStyle::DeepObject),
        ];
        let encoded = form_body_with(&body, &styles).unwrap();
        assert_eq!(
            std::str::from_utf8(&encoded).unwrap(),
            "metadata%5Border%5D=6735&metadata%5Bnote%5D=a+b\
             &lines%5B0%5D%5Bamount%5D=1&lines%5B0%5D%5Btags%5D%5B0%5D=x\
             &expand%5B0%5D=customer\
             &json=%22text%22&ids=1%2C2&words=a+b&pipes=a%7Cb&point=x%2C1%2Cy%2C2\
             &x=1&y=2&y=3\
             &plain=%7B%22k%22%3A%22v%22%7D"
        );
    }

    #[test]
    fn form_fields_that_their_style_cannot_write_are_rejected() {
        let nested = serde_json::json!({"flat": {"x": {"y": 1}}});
        let err = form_body_with(&nested, &[("flat", FormStyle::FormExploded)]).unwrap_err();
        assert!(
            matches!(err, BuildError::InvalidFormField { ref name, .. } if name == "flat"),
            "{err}"
        );
        let object = serde_json::json!({"words": {"a": "b"}});
        assert!(form_body_with(&object, &[("words", FormStyle::SpaceDelimited)]).is_err());
        let bad_key = serde_json::json!({"metadata": {"a[b]": "c"}});
        let err = form_body_with(&bad_key, &[("metadata", FormStyle::DeepObject)]).unwrap_err();
        assert_eq!(
            err.to_string(),
            "form field `metadata` has a key that is empty or holds `[` or `]`, which brackets cannot write"
        );
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
