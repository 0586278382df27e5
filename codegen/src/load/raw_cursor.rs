//! Looking up many raw nodes whose pointers share their beginnings.

use std::borrow::Cow;

use serde_yaml::Value;

use super::raw_child;
use crate::pointer::Pointer;

/// Finds raw nodes by pointer, remembering the nodes along the last pointer it followed, so that
/// the next lookup walks only from where the two pointers part. The resolver looks up each schema's
/// raw node as it goes through the document depth first: consecutive pointers share most of their
/// segments, and walking each from the root hashes every key on the way again.
pub struct RawCursor<'a> {
    /// The last pointer followed.
    last: Pointer,
    /// The nodes along `last`, from the root: `nodes[d]` is at its first `d` segments. Shorter
    /// than that pointer when it led nowhere.
    nodes: Vec<&'a Value>,
}

impl<'a> RawCursor<'a> {
    /// A cursor at the root of a raw document.
    pub fn new(root: &'a Value) -> Self {
        Self { last: Pointer::root(), nodes: vec![root] }
    }

    /// The node at `pointer`, as [`super::raw_at`] finds it.
    pub fn at(&mut self, pointer: &Pointer) -> Option<&'a Value> {
        let (shared, below) = pointer.below_shared(&self.last);
        self.last.clone_from(pointer);
        if shared < self.nodes.len() {
            self.nodes.truncate(shared + 1);
            self.follow(below)
        } else {
            // The last pointer led nowhere beyond the nodes known.
            let known = self.nodes.len() - 1;
            self.follow(pointer.segments_below(known))
        }
    }

    /// Follows `segments` down from the last node known.
    fn follow<'s>(&mut self, segments: impl Iterator<Item = Cow<'s, str>>) -> Option<&'a Value> {
        for segment in segments {
            let parent = self.nodes.last().copied()?;
            self.nodes.push(raw_child(parent, &segment)?);
        }
        self.nodes.last().copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_lookup_finds_what_a_walk_from_the_root_finds() {
        let yaml = "paths:\n  /v1/{id}:\n    get:\n      responses:\n        200: {description: ok}\n        '404': {description: gone}\ncomponents:\n  schemas:\n    A: {type: object, properties: {b: {type: string}, c: {items: [x, y]}}}\n";
        let root: Value = serde_yaml::from_str(yaml).unwrap();
        let path = Pointer::root().join("paths").join("/v1/{id}");
        let schema = Pointer::root().join("components").join("schemas").join("A");
        let lookups = [
            path.join("get").join("responses").join(200),
            path.join("get").join("responses").join("404").join("description"),
            path.join("get").join("responses").join(500),
            path.join("get").join("responses").join(500).join("description"),
            path.join("get"),
            schema.join("properties").join("b"),
            schema.join("properties").join("c").join("items").join(1),
            schema.join("properties").join("c").join("items").join(2),
            schema.join("properties").join("b").join("type"),
            schema.join("missing").join("deeper"),
            schema.join("properties"),
            Pointer::root(),
            schema.join("type"),
        ];
        let mut cursor = RawCursor::new(&root);
        for pointer in lookups.iter().chain(lookups.iter().rev()) {
            assert_eq!(cursor.at(pointer), super::super::raw_at(&root, pointer), "{pointer}");
        }
        assert!(cursor.at(&schema.join("type")).is_some());
        assert!(cursor.at(&schema.join("missing")).is_none());
    }
}
