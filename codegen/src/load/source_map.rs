//! Lines of JSON pointers (serde's values carry no positions): read from the YAML event stream, or,
//! for a JSON document, from a scan of its tokens, which is an order of magnitude faster than a YAML
//! parser reading the same text as flow style.

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

    /// Scans `text` as JSON; `None` when it is not well-formed JSON (read it as YAML instead).
    pub fn build_json(text: &str) -> Option<Self> {
        let mut builder = Builder::default();
        JsonTokens { text: text.as_bytes(), at: 0, line: 1 }.feed(&mut builder)?;
        builder.stack.is_empty().then_some(Self { lines: builder.lines })
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

#[derive(Clone, Copy)]
enum Container {
    Mapping,
    Sequence,
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

    /// A scalar (or alias, without text) starts at `line`.
    fn scalar(&mut self, text: Option<&str>, line: usize) {
        if let Some(pointer) = self.place_node(text, line) {
            self.lines.entry(pointer).or_insert(line);
        }
    }

    /// A mapping or sequence starts at `line`.
    fn open(&mut self, container: Container, line: usize) {
        // A complex (non-scalar) key gets a placeholder pointer; nothing below it is looked up.
        let pointer = self.place_node(None, line).unwrap_or_else(|| Pointer::root().join("?"));
        self.lines.entry(pointer.clone()).or_insert(line);
        self.stack.push(match container {
            Container::Mapping => Frame::Mapping { pointer, key: None },
            Container::Sequence => Frame::Sequence { pointer, next: 0 },
        });
    }

    fn close(&mut self) -> Option<()> {
        self.stack.pop().map(drop)
    }
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
                b'"' => {
                    let text = self.string()?;
                    builder.scalar(Some(&text), line);
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
        let quoted = std::str::from_utf8(&self.text[start..self.at]).ok()?;
        if escaped {
            serde_json::from_str::<String>(quoted).ok().map(Into::into)
        } else {
            Some(quoted[1..quoted.len() - 1].into())
        }
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
        assert_eq!(json.lines.len(), yaml.lines.len());
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
