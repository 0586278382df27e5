//! RFC 6901 JSON pointers into a spec document, written as URI fragments (`#/paths/~1v1~1x/get`).

use std::borrow::Cow;
use std::fmt;

/// A JSON pointer; cheap to extend while walking a document.
#[derive(Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Pointer(String);

impl Clone for Pointer {
    fn clone(&self) -> Self {
        Self(self.0.clone())
    }

    // Reuses the allocation, for a pointer that follows a walk.
    fn clone_from(&mut self, source: &Self) {
        self.0.clone_from(&source.0);
    }
}

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
    pub fn segments(&self) -> impl Iterator<Item = Cow<'_, str>> + '_ {
        self.segments_below(0)
    }

    /// The unescaped segments below the first `depth` (which are skipped without being read).
    pub fn segments_below(&self, depth: usize) -> impl Iterator<Item = Cow<'_, str>> + '_ {
        let start = self.0.match_indices('/').nth(depth).map_or(self.0.len(), |(at, _)| at);
        unescaped(&self.0[start..])
    }

    /// The unescaped segments as owned strings, for callers that match on them as a slice.
    pub fn owned_segments(&self) -> Vec<String> {
        self.segments().map(Cow::into_owned).collect()
    }

    /// The pointer one level up, or `None` at the root.
    pub fn parent(&self) -> Option<Self> {
        self.0.rfind('/').map(|at| Self(self.0[..at].to_owned()))
    }

    /// Whether `prefix` is this pointer or one of its ancestors.
    pub fn starts_with(&self, prefix: &Pointer) -> bool {
        self.0.strip_prefix(&prefix.0).is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
    }

    /// This pointer with its ancestor `from` replaced by `onto` (`None` when `from` is not an
    /// ancestor): where a node moved from `onto` to `from` came from.
    pub fn rebase(&self, from: &Pointer, onto: &Pointer) -> Option<Pointer> {
        self.starts_with(from).then(|| Self(format!("{}{}", onto.0, &self.0[from.0.len()..])))
    }

    /// How many leading segments this pointer has in common with `other`, and its unescaped
    /// segments below those.
    pub fn below_shared<'s>(
        &'s self,
        other: &Pointer,
    ) -> (usize, impl Iterator<Item = Cow<'s, str>> + use<'s>) {
        let (a, b) = (self.0.as_bytes(), other.0.as_bytes());
        let common = a.iter().zip(b).take_while(|(x, y)| x == y).count();
        // The common bytes end a segment of both only where each pointer ends or has a `/` next;
        // otherwise the shared segments end at the last `/` among them.
        let ends_segment = |s: &[u8]| s.get(common).is_none_or(|&c| c == b'/');
        let shared_end = if ends_segment(a) && ends_segment(b) {
            common
        } else {
            a[..common].iter().rposition(|&c| c == b'/').unwrap_or(0)
        };
        let depth = a[..shared_end].iter().filter(|&&c| c == b'/').count();
        (depth, unescaped(&self.0[shared_end..]))
    }

    /// How many segments deep this pointer is (the root is 0).
    pub fn depth(&self) -> usize {
        self.0.matches('/').count()
    }
}

/// The unescaped segments of `escaped`, a pointer's text (each segment after a `/`).
fn unescaped(escaped: &str) -> impl Iterator<Item = Cow<'_, str>> {
    // Walking a pointer is frequent and escapes are rare: only an escaped segment is copied.
    escaped.split('/').skip(1).map(|s| {
        if s.contains('~') {
            Cow::Owned(s.replace("~1", "/").replace("~0", "~"))
        } else {
            Cow::Borrowed(s)
        }
    })
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
        assert_eq!(p.segments_below(1).collect::<Vec<_>>(), ["/v1/{id}", "a~b"]);
        assert_eq!(p.parent().unwrap().to_string(), "#/paths/~1v1~1{id}");
        assert_eq!(Pointer::from_ref("#/components/schemas/X").unwrap().segments().count(), 3);
        assert!(Pointer::from_ref("other.yaml#/x").is_none());
    }

    #[test]
    fn ancestors_are_whole_segments() {
        let any_of = Pointer::root().join("s").join("anyOf");
        let first = any_of.join(1);
        assert!(first.join("type").starts_with(&first));
        assert!(first.starts_with(&first) && first.starts_with(&Pointer::root()));
        assert!(!any_of.join(10).starts_with(&first));
        let moved = first.join("type").rebase(&first, &Pointer::root().join("s")).unwrap();
        assert_eq!(moved.to_string(), "#/s/type");
        assert_eq!(any_of.join(10).rebase(&first, &Pointer::root()), None);
        assert_eq!((Pointer::root().depth(), first.depth()), (0, 3));
    }

    #[test]
    fn the_shared_segments_are_whole_segments() {
        let pointer = |text: &str| Pointer::from_ref(text).unwrap();
        let cases = [
            ("#", "#/x", 0),
            ("#/x", "#/x", 1),
            ("#/x", "#/x/y", 1),
            ("#/xy", "#/xz", 0),
            ("#/x", "#/xy", 0),
            ("#/x/a", "#/x/b", 1),
            ("#/x/a/c", "#/x/a/c/d", 3),
            ("#/a~1b/c", "#/a~1b/d", 1),
            ("#/a~1b/c~0d/e", "#/a~1b/c~0d", 2),
        ];
        for (a, b, shared) in cases {
            for (this, other) in [(a, b), (b, a)] {
                let (this, other) = (pointer(this), pointer(other));
                let (depth, below) = this.below_shared(&other);
                assert_eq!(depth, shared, "{this} and {other}");
                assert!(below.eq(this.segments().skip(shared)), "{this} below {other}");
            }
        }
    }
}
