//! RFC 6901 JSON pointers into a spec document, written as URI fragments (`#/paths/~1v1~1x/get`).

use std::fmt;

/// A JSON pointer; cheap to extend while walking a document.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Pointer(String);

impl Pointer {
    /// The pointer to the document root (`#`).
    pub fn root() -> Self {
        Self(String::new())
    }

    /// The pointer one level below this one. `~` and `/` in `segment` are escaped.
    pub fn join(&self, segment: impl fmt::Display) -> Self {
        use fmt::Write as _;
        // One allocation in the common case: pointers are joined for every node the resolver visits.
        let mut joined = String::with_capacity(self.0.len() + 24);
        joined.push_str(&self.0);
        joined.push('/');
        let start = joined.len();
        let _ = write!(joined, "{segment}");
        if joined[start..].contains(['~', '/']) {
            let escaped = joined[start..].replace('~', "~0").replace('/', "~1");
            joined.truncate(start);
            joined.push_str(&escaped);
        }
        Self(joined)
    }

    /// Parses the fragment of a local `$ref` (`#/components/schemas/X`); `None` for anything else.
    pub fn from_ref(reference: &str) -> Option<Self> {
        let rest = reference.strip_prefix('#')?;
        (rest.is_empty() || rest.starts_with('/')).then(|| Self(rest.to_owned()))
    }

    /// The unescaped segments, from the root down.
    pub fn segments(&self) -> impl Iterator<Item = String> + '_ {
        self.0.split('/').skip(1).map(|s| s.replace("~1", "/").replace("~0", "~"))
    }

    /// The pointer one level up, or `None` at the root.
    pub fn parent(&self) -> Option<Self> {
        self.0.rfind('/').map(|at| Self(self.0[..at].to_owned()))
    }
}

impl fmt::Display for Pointer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{}", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_round_trip_through_escaping() {
        let p = Pointer::root().join("paths").join("/v1/{id}").join("a~b");
        assert_eq!(p.to_string(), "#/paths/~1v1~1{id}/a~0b");
        assert_eq!(p.segments().collect::<Vec<_>>(), ["paths", "/v1/{id}", "a~b"]);
        assert_eq!(p.parent().unwrap().to_string(), "#/paths/~1v1~1{id}");
        assert_eq!(Pointer::from_ref("#/components/schemas/X").unwrap().segments().count(), 3);
        assert!(Pointer::from_ref("other.yaml#/x").is_none());
    }
}
