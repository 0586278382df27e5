//! Lines of JSON pointers (serde's values carry no positions): read from the YAML event stream, or,
//! for a JSON document, from a scan of its tokens, which is an order of magnitude faster than a YAML
//! parser reading the same text as flow style.

use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::{Marker, ScanError};

use crate::pointer::Pointer;

/// The document's nodes as a tree, each with the line it starts on (for mapping values, the line of
/// the key). Keys are spans of one string and links are indices, so a large spec's map costs a few
/// bytes per node and no allocation per node.
#[derive(Debug, Clone, Default)]
pub struct SourceMap {
    /// The root first; a node's children are linked from its `first_child`.
    nodes: Vec<Node>,
    /// The text of every mapping key, back to back.
    keys: String,
}

#[derive(Debug, Clone, Copy)]
struct Node {
    line: u32,
    /// The span of the node's key in `keys`, or `None` for a sequence item (or the root).
    key: Option<(u32, u32)>,
    first_child: Option<u32>,
    next_sibling: Option<u32>,
}

impl SourceMap {
    /// Scans `text` as YAML. Fails with the scanner's error for text that is not YAML.
    pub fn build(text: &str) -> Result<Self, ScanError> {
        let mut builder = Builder::default();
        Parser::new_from_str(text).load(&mut builder, false)?;
        Ok(builder.map)
    }

    /// Scans `text` as JSON; `None` when it is not well-formed JSON (read it as YAML instead).
    pub fn build_json(text: &str) -> Option<Self> {
        let mut builder = Builder::default();
        JsonTokens { text: text.as_bytes(), at: 0, line: 1 }.feed(&mut builder)?;
        builder.stack.is_empty().then_some(builder.map)
    }

    /// The line of `pointer`, or of its nearest ancestor that has one.
    pub fn line(&self, pointer: &Pointer) -> Option<usize> {
        let mut node = self.nodes.first()?;
        for segment in pointer.segments() {
            match self.child(node, &segment) {
                Some(child) => node = child,
                None => break,
            }
        }
        Some(node.line as usize)
    }

    /// The child of `parent` that `segment` names: a key of a mapping, an index of a sequence.
    fn child(&self, parent: &Node, segment: &str) -> Option<&Node> {
        let mut children = std::iter::successors(self.node(parent.first_child), |child| {
            self.node(child.next_sibling)
        });
        match children.clone().next()?.key {
            Some(_) => {
                children.find(|child| child.key.is_some_and(|span| self.key(span) == segment))
            }
            None => children.nth(segment.parse().ok()?),
        }
    }

    fn node(&self, index: Option<u32>) -> Option<&Node> {
        self.nodes.get(index? as usize)
    }

    fn key(&self, (start, end): (u32, u32)) -> &str {
        self.keys.get(start as usize..end as usize).unwrap_or_default()
    }
}

#[derive(Clone, Copy)]
enum Container {
    Mapping,
    Sequence,
}

/// A container being read: where its next child is linked, and for a mapping the key just read.
struct Open {
    node: u32,
    last_child: Option<u32>,
    mapping: bool,
    /// The key whose value comes next, with the key's line.
    key: Option<((u32, u32), u32)>,
}

#[derive(Default)]
struct Builder {
    stack: Vec<Open>,
    map: SourceMap,
}

impl Builder {
    /// Whether the next scalar is a mapping key.
    fn expects_key(&self) -> bool {
        self.stack.last().is_some_and(|open| open.mapping && open.key.is_none())
    }

    /// Adds a node that starts at `line`, linked under the open container (a root when none is);
    /// `None` when it is a mapping key, which is remembered instead.
    fn place_node(&mut self, key_text: Option<&str>, line: usize) -> Option<u32> {
        let line = u32::try_from(line).unwrap_or(u32::MAX);
        let index = u32::try_from(self.map.nodes.len()).ok()?;
        let Some(open) = self.stack.last_mut() else {
            // A second root (another YAML document) is kept out of reach, like the first's keys.
            let node = Node { line, key: None, first_child: None, next_sibling: None };
            self.map.nodes.push(node);
            return Some(index);
        };
        let (key, line) = if open.mapping {
            match open.key.take() {
                Some((span, key_line)) => (Some(span), key_line),
                None => {
                    // A complex key (`None`) is named `?`; nothing below it is looked up.
                    let start = self.map.keys.len();
                    self.map.keys.push_str(key_text.unwrap_or("?"));
                    let span = (to_u32(start), to_u32(self.map.keys.len()));
                    open.key = Some((span, line));
                    return None;
                }
            }
        } else {
            (None, line)
        };
        match open.last_child.replace(index) {
            Some(previous) => self.map.nodes[previous as usize].next_sibling = Some(index),
            None => self.map.nodes[open.node as usize].first_child = Some(index),
        }
        self.map.nodes.push(Node { line, key, first_child: None, next_sibling: None });
        Some(index)
    }

    /// A scalar (or alias, without text) starts at `line`.
    fn scalar(&mut self, text: Option<&str>, line: usize) {
        self.place_node(text, line);
    }

    /// A mapping or sequence starts at `line`.
    fn open(&mut self, container: Container, line: usize) {
        let node = match self.place_node(None, line) {
            Some(node) => node,
            None => {
                // A complex key: its nodes are kept apart, under no parent.
                let node = to_u32(self.map.nodes.len());
                let line = u32::try_from(line).unwrap_or(u32::MAX);
                self.map.nodes.push(Node {
                    line,
                    key: None,
                    first_child: None,
                    next_sibling: None,
                });
                node
            }
        };
        let mapping = matches!(container, Container::Mapping);
        self.stack.push(Open { node, last_child: None, mapping, key: None });
    }

    fn close(&mut self) -> Option<()> {
        self.stack.pop().map(drop)
    }
}

/// Offsets and counts fit in 32 bits: spec texts are far below 4 GiB.
fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl MarkedEventReceiver for Builder {
    fn on_event(&mut self, event: Event, mark: Marker) {
        let line = mark.line();
        match event {
            Event::Scalar(text, ..) => self.scalar(Some(&text), line),
            Event::Alias(_) => self.scalar(None, line),
            Event::MappingStart(..) => self.open(Container::Mapping, line),
            Event::SequenceStart(..) => self.open(Container::Sequence, line),
            Event::MappingEnd | Event::SequenceEnd => {
                self.close();
            }
            _ => {}
        }
    }
}

/// The tokens of a JSON text, fed to a [`Builder`] as the YAML events they correspond to. Only
/// structure and keys matter: other scalars are skipped without being decoded.
struct JsonTokens<'t> {
    text: &'t [u8],
    at: usize,
    line: usize,
}

impl JsonTokens<'_> {
    /// Feeds every token; `None` when the text is not JSON.
    fn feed(mut self, builder: &mut Builder) -> Option<()> {
        while let Some(byte) = self.next_token() {
            let line = self.line;
            match byte {
                b'{' => builder.open(Container::Mapping, line),
                b'[' => builder.open(Container::Sequence, line),
                b'}' | b']' => builder.close()?,
                b',' | b':' => {}
                b'"' if builder.expects_key() => {
                    let text = self.string()?;
                    builder.scalar(Some(&text), line);
                }
                b'"' => {
                    self.skip_string()?;
                    builder.scalar(None, line);
                }
                b'-' | b'0'..=b'9' | b't' | b'f' | b'n' => {
                    self.bare_scalar();
                    builder.scalar(None, line);
                }
                _ => return None,
            }
        }
        Some(())
    }

    /// Skips whitespace, counting lines, and takes the next token's first byte.
    fn next_token(&mut self) -> Option<u8> {
        while let Some(&byte) = self.text.get(self.at) {
            self.at += 1;
            match byte {
                b'\n' => self.line += 1,
                b' ' | b'\t' | b'\r' => {}
                _ => return Some(byte),
            }
        }
        None
    }

    /// A string whose opening quote was taken: its decoded text.
    fn string(&mut self) -> Option<std::borrow::Cow<'_, str>> {
        let start = self.at - 1;
        let escaped = self.skip_string()?;
        let quoted = std::str::from_utf8(&self.text[start..self.at]).ok()?;
        if escaped {
            serde_json::from_str::<String>(quoted).ok().map(Into::into)
        } else {
            Some(quoted[1..quoted.len() - 1].into())
        }
    }

    /// Skips the rest of a string whose opening quote was taken; whether it has escapes.
    fn skip_string(&mut self) -> Option<bool> {
        let mut escaped = false;
        loop {
            match *self.text.get(self.at)? {
                b'"' => break,
                b'\\' => {
                    escaped = true;
                    self.at += 1;
                }
                b'\n' => self.line += 1,
                _ => {}
            }
            self.at += 1;
        }
        self.at += 1;
        Some(escaped)
    }

    /// Skips a number, `true`, `false` or `null` whose first byte was taken.
    fn bare_scalar(&mut self) {
        while self.text.get(self.at).is_some_and(|b| !b",:]} \t\r\n".contains(b)) {
            self.at += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointers_get_the_line_of_their_key() {
        let text = "openapi: 3.0.3\npaths:\n  /a/b:\n    get:\n      parameters:\n        - name: x\n        - name: y\n";
        let map = SourceMap::build(text).unwrap();
        let get = Pointer::root().join("paths").join("/a/b").join("get");
        assert_eq!(map.line(&get), Some(4));
        assert_eq!(map.line(&get.join("parameters").join(1).join("name")), Some(7));
        // Unknown pointers fall back to their nearest known ancestor.
        assert_eq!(map.line(&get.join("responses").join("200")), Some(4));
    }

    #[test]
    fn json_documents_map_like_yaml() {
        let text = "{\n  \"openapi\": \"3.0.3\",\n  \"paths\": {\n    \"/a/b\": {\n      \"get\": {\n        \"parameters\": [\n          {\"name\": \"x\"},\n          {\"name\": \"y\", \"in\": \"q\\\"uery\"}\n        ]\n      }\n    },\n    \"/e~s\\u0063\": [1, true, null, -2.5e3]\n  }\n}\n";
        let json = SourceMap::build_json(text).unwrap();
        let yaml = SourceMap::build(text).unwrap();
        let get = Pointer::root().join("paths").join("/a/b").join("get");
        for pointer in [
            get.clone(),
            get.join("parameters").join(1).join("name"),
            get.join("parameters").join(1).join("in"),
            Pointer::root().join("paths").join("/e~sc").join(3),
        ] {
            assert_eq!(json.line(&pointer), yaml.line(&pointer), "{pointer}");
        }
        assert_eq!(json.line(&get.join("parameters").join(1).join("in")), Some(8));
        assert_eq!(json.nodes.len(), yaml.nodes.len());
        assert_eq!(json.keys, yaml.keys);
    }

    #[test]
    fn lookups_stop_at_the_deepest_node_that_exists() {
        let text = "a:\n  - x: 1\n    x: 2\n  - y: 3\n{k: v}: complex\n? [1]\n: seq key\nb: ~\n";
        let map = SourceMap::build(text).unwrap();
        let a = Pointer::root().join("a");
        assert_eq!(map.line(&a.join(1).join("y")), Some(4));
        // The first of two equal keys wins, as in the document readers.
        assert_eq!(map.line(&a.join(0).join("x")), Some(2));
        // Past the end of a sequence, a missing key, an index into a mapping: the nearest ancestor.
        assert_eq!(map.line(&a.join(7)), Some(1));
        assert_eq!(map.line(&a.join(0).join("z").join("w")), Some(2));
        assert_eq!(map.line(&a.join(1).join(0)), Some(4));
        assert_eq!(map.line(&a.join("x")), Some(1));
        // Complex keys are named `?`; what follows them is still found.
        assert_eq!(map.line(&Pointer::root().join("?")), Some(5));
        assert_eq!(map.line(&Pointer::root().join("b")), Some(8));
        assert_eq!(SourceMap::default().line(&a), None);
    }

    #[test]
    fn text_that_is_not_json_is_left_to_the_yaml_reader() {
        for text in ["openapi: 3.0.3\n", "{\"a\": [1, 2}", "{\"a\": \"unterminated}", "{\"a\": 1"] {
            assert!(SourceMap::build_json(text).is_none(), "{text}");
        }
    }

    #[test]
    fn invalid_yaml_is_an_error_with_a_position() {
        let err = SourceMap::build("a: [1, 2\nb: 3\n").unwrap_err();
        assert!(err.marker().line() >= 1);
    }
}
