//! `multipart/form-data` request bodies (RFC 7578): named text, file and JSON parts.

use bytes::Bytes;
use serde::Serialize;

use crate::request::BuildError;

/// A `multipart/form-data` body under construction.
///
/// The boundary is chosen when the body is finished, as the first of a fixed series that occurs in
/// no part, so the same parts always give the same bytes (and signature) and no part can end early.
#[derive(Debug, Default)]
pub struct Multipart {
    parts: Vec<Part>,
}

#[derive(Debug)]
struct Part {
    /// The header lines, each ending in CRLF.
    headers: String,
    body: Bytes,
}

impl Multipart {
    /// An empty form.
    pub fn new() -> Self {
        Self::default()
    }

    /// A text field.
    pub fn text(&mut self, name: &str, value: &str) {
        let headers = format!("Content-Disposition: form-data; name=\"{}\"\r\n", quoted(name));
        self.parts.push(Part { headers, body: Bytes::copy_from_slice(value.as_bytes()) });
    }

    /// A file field: the bytes as given, `application/octet-stream`, named after the field.
    pub fn file(&mut self, name: &str, bytes: Bytes) {
        let name = quoted(name);
        let headers = format!(
            "Content-Disposition: form-data; name=\"{name}\"; filename=\"{name}\"\r\nContent-Type: application/octet-stream\r\n"
        );
        self.parts.push(Part { headers, body: bytes });
    }

    /// A field holding a structured value, sent as JSON (the default for objects and arrays).
    pub fn json<T: Serialize + ?Sized>(&mut self, name: &str, value: &T) -> Result<(), BuildError> {
        let body = serde_json::to_vec(value).map_err(BuildError::Body)?;
        let headers = format!(
            "Content-Disposition: form-data; name=\"{}\"\r\nContent-Type: application/json\r\n",
            quoted(name)
        );
        self.parts.push(Part { headers, body: Bytes::from(body) });
        Ok(())
    }

    /// A field with `style: deepObject`: one text part per value, named with brackets as in the
    /// query and in form bodies (`name[key]`, `name[0]`, `name[0][key]`; a scalar keeps `name`;
    /// `null` and empty objects and arrays add no part).
    pub fn deep_object<T: Serialize + ?Sized>(
        &mut self,
        name: &str,
        value: &T,
    ) -> Result<(), BuildError> {
        let value = serde_json::to_value(value).map_err(BuildError::Body)?;
        let mut pairs = Vec::new();
        crate::request::deep_object_pairs(name, &value, &mut pairs)
            .map_err(|reason| BuildError::InvalidFormField { name: name.to_owned(), reason })?;
        for (name, text) in &pairs {
            self.text(name, text);
        }
        Ok(())
    }

    /// The `Content-Type` header value (with the boundary) and the body.
    pub fn finish(self) -> (String, Bytes) {
        let mut n = 0u64;
        let boundary = loop {
            let candidate = format!("form-boundary-{n:016x}");
            let needle = candidate.as_bytes();
            let clash = self
                .parts
                .iter()
                .any(|p| contains(&p.body, needle) || p.headers.contains(&candidate));
            if !clash {
                break candidate;
            }
            n += 1;
        };
        let mut body = Vec::new();
        for part in &self.parts {
            body.extend_from_slice(format!("--{boundary}\r\n{}\r\n", part.headers).as_bytes());
            body.extend_from_slice(&part.body);
            body.extend_from_slice(b"\r\n");
        }
        body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
        (format!("multipart/form-data; boundary={boundary}"), Bytes::from(body))
    }
}

/// A field name inside a quoted header parameter: `"`, CR and LF percent-encoded, as browsers do.
fn quoted(name: &str) -> String {
    name.replace('"', "%22").replace('\r', "%0D").replace('\n', "%0A")
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|window| window == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_are_framed_by_a_boundary_that_occurs_in_none_of_them() {
        let mut form = Multipart::new();
        form.text("note", "hello");
        // This file holds the first boundary of the series, so the next one is used.
        form.file("file", Bytes::from_static(b"--form-boundary-0000000000000000 inside"));
        form.json("meta", &serde_json::json!({"a": 1})).unwrap();
        let (content_type, body) = form.finish();
        assert_eq!(content_type, "multipart/form-data; boundary=form-boundary-0000000000000001");
        let expected = "--form-boundary-0000000000000001\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nhello\r\n\
             --form-boundary-0000000000000001\r\nContent-Disposition: form-data; name=\"file\"; filename=\"file\"\r\nContent-Type: application/octet-stream\r\n\r\n--form-boundary-0000000000000000 inside\r\n\
             --form-boundary-0000000000000001\r\nContent-Disposition: form-data; name=\"meta\"\r\nContent-Type: application/json\r\n\r\n{\"a\":1}\r\n\
             --form-boundary-0000000000000001--\r\n";
        assert_eq!(std::str::from_utf8(&body).unwrap(), expected);
    }

    #[test]
    fn deep_object_fields_are_a_text_part_per_value() {
        let mut form = Multipart::new();
        let value =
            serde_json::json!({"create": true, "metadata": {"k": "v"}, "none": null, "tags": []});
        form.deep_object("link", &value).unwrap();
        form.deep_object("expand", &["a"]).unwrap();
        let (_, body) = form.finish();
        let body = String::from_utf8(body.to_vec()).unwrap();
        let names: Vec<&str> =
            body.split("name=\"").skip(1).map(|rest| &rest[..rest.find('"').unwrap()]).collect();
        assert_eq!(names, ["link[create]", "link[metadata][k]", "expand[0]"]);
        assert!(body.contains("name=\"link[create]\"\r\n\r\ntrue\r\n"));
        let err = form_with_bad_key().unwrap_err();
        assert!(
            matches!(err, BuildError::InvalidFormField { ref name, .. } if name == "m"),
            "{err}"
        );
    }

    fn form_with_bad_key() -> Result<(), BuildError> {
        Multipart::new().deep_object("m", &serde_json::json!({"a]": 1}))
    }

    #[test]
    fn names_cannot_break_out_of_their_header() {
        let mut form = Multipart::new();
        form.text("a\"b\r\nX-Injected: 1", "v");
        let (_, body) = form.finish();
        assert!(std::str::from_utf8(&body).unwrap().contains("name=\"a%22b%0D%0AX-Injected: 1\""));
    }
}
