//! A JSON document's typed reading in two halves, `paths` and the rest, so that two threads share
//! it: the typed reading takes twice as long as the raw one, and the thread that reads the raw
//! value reads the paths after it. Anything unusual (no `paths`, or two) reads the document
//! whole, as does any error, whose message and line are then the whole document's.

use std::fmt;

use openapiv3::{OpenAPI, Paths};
use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
use serde_json::value::RawValue;

/// The top-level members of a JSON object, in the order written, each as its text.
struct Members<'a>(Vec<(String, &'a RawValue)>);

impl<'de: 'a, 'a> Deserialize<'de> for Members<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(MembersVisitor(std::marker::PhantomData))
    }
}

struct MembersVisitor<'a>(std::marker::PhantomData<&'a ()>);

impl<'de: 'a, 'a> Visitor<'de> for MembersVisitor<'a> {
    type Value = Members<'a>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<Self::Value, M::Error> {
        let mut members = Vec::new();
        while let Some(member) = map.next_entry::<String, &'de RawValue>()? {
            members.push(member);
        }
        Ok(Members(members))
    }
}

/// A document cut in two: its `paths`, and the text of the rest with empty paths.
pub(super) struct Halves<'a> {
    pub(super) paths: &'a RawValue,
    rest: String,
}

/// The halves of `text`, when it is an object with one `paths` member.
pub(super) fn halves(text: &str) -> Option<Halves<'_>> {
    let Members(members) = serde_json::from_str(text).ok()?;
    let mut paths = members.iter().filter(|(key, _)| key == "paths").map(|(_, value)| *value);
    let (Some(only), None) = (paths.next(), paths.next()) else { return None };
    let mut rest = String::with_capacity(text.len());
    rest.push('{');
    for (index, (key, value)) in members.iter().enumerate() {
        if index > 0 {
            rest.push(',');
        }
        rest.push_str(&serde_json::to_string(key).ok()?);
        rest.push(':');
        rest.push_str(if key == "paths" { "{}" } else { value.get() });
    }
    rest.push('}');
    Some(Halves { paths: only, rest })
}

impl Halves<'_> {
    /// The document without its paths.
    pub(super) fn rest(&self) -> Option<OpenAPI> {
        serde_json::from_str(&self.rest).ok()
    }
}

/// The typed paths of [`Halves::paths`].
pub(super) fn paths(paths: &RawValue) -> Option<Paths> {
    serde_json::from_str(paths.get()).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_document_read_in_halves_is_the_document_read_whole() {
        let text = r#"{"openapi": "3.0.3", "x-top": 1, "info": {"title": "T", "version": "1"},
            "paths": {"/a": {"get": {"responses": {"200": {"description": "ok"}}}}, "x-p": true},
            "components": {"schemas": {"A": {"type": "string"}}}}"#;
        let halves = halves(text).expect("one `paths`");
        let mut document = halves.rest().expect("the rest reads");
        document.paths = paths(halves.paths).expect("the paths read");
        assert_eq!(document, serde_json::from_str::<OpenAPI>(text).unwrap());
    }

    #[test]
    fn a_document_without_one_paths_member_is_not_cut() {
        assert!(halves(r#"{"openapi": "3.0.3"}"#).is_none());
        assert!(halves(r#"{"paths": {}, "paths": {}}"#).is_none());
        assert!(halves("[1]").is_none());
        assert!(halves(r#"{"paths": {}} trailing"#).is_none());
    }
}
