//! Lines of JSON pointers, read from the YAML event stream (serde's values carry no positions).

use std::collections::HashMap;

use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::{Marker, ScanError};

use crate::pointer::Pointer;

/// Maps each node's JSON pointer to the line it starts on (for mapping values, the line of the key).
#[derive(Debug, Clone, Default)]
pub struct SourceMap {
    lines: HashMap<Pointer, usize>,
}

impl SourceMap {
    /// Scans `text` as YAML. Fails with the scanner's error for text that is not YAML.
    pub fn build(text: &str) -> Result<Self, ScanError> {
        let mut builder = Builder::default();
        Parser::new_from_str(text).load(&mut builder, false)?;
        Ok(Self { lines: builder.lines })
    }

    /// The line of `pointer`, or of its nearest ancestor that has one.
    pub fn line(&self, pointer: &Pointer) -> Option<usize> {
        let mut current = Some(pointer.clone());
        while let Some(p) = current {
            if let Some(line) = self.lines.get(&p) {
                return Some(*line);
            }
            current = p.parent();
        }
        None
    }
}

enum Frame {
    Mapping { pointer: Pointer, key: Option<String> },
    Sequence { pointer: Pointer, next: usize },
}

#[derive(Default)]
struct Builder {
    stack: Vec<Frame>,
    lines: HashMap<Pointer, usize>,
}

impl Builder {
    /// Works out the pointer of a node that starts now, or `None` when the node is a mapping key.
    fn place_node(&mut self, key_text: Option<&str>, line: usize) -> Option<Pointer> {
        match self.stack.last_mut() {
            None => Some(Pointer::root()),
            Some(Frame::Sequence { pointer, next }) => {
                let child = pointer.join(*next);
                *next += 1;
                Some(child)
            }
            Some(Frame::Mapping { pointer, key }) => match key.take() {
                Some(key) => Some(pointer.join(key)),
                None => {
                    // A key: remember it and place the value under it, at the key's line.
                    let key_text = key_text.unwrap_or("?").to_owned();
                    self.lines.entry(pointer.join(&key_text)).or_insert(line);
                    *key = Some(key_text);
                    None
                }
            },
        }
    }
}

impl MarkedEventReceiver for Builder {
    fn on_event(&mut self, event: Event, mark: Marker) {
        let line = mark.line();
        match event {
            Event::Scalar(text, ..) => {
                if let Some(pointer) = self.place_node(Some(&text), line) {
                    self.lines.entry(pointer).or_insert(line);
                }
            }
            Event::Alias(_) => {
                if let Some(pointer) = self.place_node(None, line) {
                    self.lines.entry(pointer).or_insert(line);
                }
            }
            Event::MappingStart(..) | Event::SequenceStart(..) => {
                // A complex (non-scalar) key gets a placeholder pointer; nothing below it is looked up.
                let pointer =
                    self.place_node(None, line).unwrap_or_else(|| Pointer::root().join("?"));
                self.lines.entry(pointer.clone()).or_insert(line);
                self.stack.push(match event {
                    Event::MappingStart(..) => Frame::Mapping { pointer, key: None },
                    _ => Frame::Sequence { pointer, next: 0 },
                });
            }
            Event::MappingEnd | Event::SequenceEnd => {
                self.stack.pop();
            }
            _ => {}
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
    fn invalid_yaml_is_an_error_with_a_position() {
        let err = SourceMap::build("a: [1, 2\nb: 3\n").unwrap_err();
        assert!(err.marker().line() >= 1);
    }
}
