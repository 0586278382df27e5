//! A small YAML writer for drafts: ordered maps, sequences and scalars in block style, with
//! comments before any entry (where a draft says what it could not read). `serde_yaml` writes no
//! comments, so it only quotes the scalars here.

use std::fmt::Write as _;

/// A YAML node.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Node {
    /// A scalar (string, number, boolean or null).
    Scalar(serde_yaml::Value),
    /// A mapping, in insertion order.
    Map(Vec<Entry>),
    /// A sequence.
    Seq(Vec<Node>),
}

/// One entry of a mapping, with the comment lines written before it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Entry {
    pub key: String,
    pub value: Node,
    pub comments: Vec<String>,
}

impl Default for Node {
    fn default() -> Self {
        Node::map()
    }
}

impl Node {
    /// An empty mapping.
    pub fn map() -> Self {
        Node::Map(Vec::new())
    }

    /// A string scalar.
    pub fn text(text: impl Into<String>) -> Self {
        Node::Scalar(serde_yaml::Value::String(text.into()))
    }

    /// Any JSON value, as nodes.
    pub fn json(value: &serde_json::Value) -> Self {
        match value {
            serde_json::Value::Object(map) => Node::Map(
                map.iter()
                    .map(|(k, v)| Entry {
                        key: k.clone(),
                        value: Node::json(v),
                        comments: Vec::new(),
                    })
                    .collect(),
            ),
            serde_json::Value::Array(items) => Node::Seq(items.iter().map(Node::json).collect()),
            scalar => Node::Scalar(serde_yaml::to_value(scalar).unwrap_or(serde_yaml::Value::Null)),
        }
    }

    /// Adds (or replaces) `key` of a mapping; returns `self` for chaining.
    pub fn with(mut self, key: &str, value: Node) -> Self {
        self.set(key, value);
        self
    }

    /// Sets `key` of a mapping to `value` (replacing an earlier value, keeping its place). Does
    /// nothing on other nodes.
    pub fn set(&mut self, key: &str, value: Node) {
        if let Node::Map(entries) = self {
            match entries.iter_mut().find(|e| e.key == key) {
                Some(entry) => entry.value = value,
                None => entries.push(Entry { key: key.to_owned(), value, comments: Vec::new() }),
            }
        }
    }

    /// The value of `key` in a mapping, created as an empty mapping if missing.
    pub fn entry(&mut self, key: &str) -> &mut Node {
        if !matches!(self, Node::Map(_)) {
            *self = Node::map();
        }
        let Node::Map(entries) = self else { unreachable!("made a map just above") };
        let index = match entries.iter().position(|e| e.key == key) {
            Some(index) => index,
            None => {
                entries.push(Entry {
                    key: key.to_owned(),
                    value: Node::map(),
                    comments: Vec::new(),
                });
                entries.len() - 1
            }
        };
        &mut entries[index].value
    }

    /// Adds comment lines before `key` of a mapping (the key must exist).
    pub fn comment(&mut self, key: &str, lines: impl IntoIterator<Item = String>) {
        if let Node::Map(entries) = self
            && let Some(entry) = entries.iter_mut().find(|e| e.key == key)
        {
            entry.comments.extend(lines);
        }
    }

    /// The document as YAML text.
    pub fn to_yaml(&self) -> String {
        let mut out = String::new();
        match self {
            Node::Map(entries) if !entries.is_empty() => write_entries(&mut out, entries, 0),
            other => {
                out.push_str(&inline(other));
                out.push('\n');
            }
        }
        out
    }
}

fn write_entries(out: &mut String, entries: &[Entry], indent: usize) {
    let pad = " ".repeat(indent);
    for entry in entries {
        for comment in &entry.comments {
            for line in comment.lines() {
                let _ = writeln!(out, "{pad}# {line}");
            }
        }
        let key = scalar(&serde_yaml::Value::String(entry.key.clone()));
        write_value(out, &format!("{pad}{key}:"), &entry.value, indent);
    }
}

/// Writes `value` after `head` (a key and colon, or a dash): inline when it is a scalar or empty,
/// as an indented block otherwise.
fn write_value(out: &mut String, head: &str, value: &Node, indent: usize) {
    match value {
        Node::Map(entries) if !entries.is_empty() => {
            out.push_str(head);
            out.push('\n');
            write_entries(out, entries, indent + 2);
        }
        Node::Seq(items) if !items.is_empty() => {
            out.push_str(head);
            out.push('\n');
            let pad = " ".repeat(indent + 2);
            for item in items {
                match item {
                    Node::Map(entries) if !entries.is_empty() => {
                        // The first entry goes on the dash line, the others under it.
                        let mut block = String::new();
                        write_entries(&mut block, entries, indent + 4);
                        let trimmed = block.strip_prefix(&" ".repeat(indent + 4)).unwrap_or(&block);
                        let _ = write!(out, "{pad}- {trimmed}");
                    }
                    other => write_value(out, &format!("{pad}-"), other, indent + 2),
                }
            }
        }
        other => {
            let _ = writeln!(out, "{head} {}", inline(other));
        }
    }
}

/// A scalar or an empty collection on one line.
fn inline(node: &Node) -> String {
    match node {
        Node::Scalar(value) => scalar(value),
        Node::Map(_) => "{}".into(),
        Node::Seq(_) => "[]".into(),
    }
}

/// One scalar, quoted as YAML needs: `serde_yaml`'s choice when it fits on a line, else a
/// double-quoted JSON string (valid YAML) so that a draft stays line-oriented.
fn scalar(value: &serde_yaml::Value) -> String {
    if let serde_yaml::Value::String(text) = value
        && (text.contains('\n') || text.contains('\r'))
    {
        return serde_json::to_string(text).unwrap_or_else(|_| "\"\"".into());
    }
    let text = serde_yaml::to_string(value).unwrap_or_default();
    text.trim_end_matches('\n').to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_block_yaml_that_reads_back() {
        let mut doc = Node::map().with("openapi", Node::text("3.0.3"));
        doc.entry("paths")
            .entry("/v1/{id}")
            .set("get", Node::map().with("operationId", Node::text("ShowX")));
        let example =
            serde_json::json!({"a": [1, {"b": "yes", "c": null}], "d": "two\nlines", "e": []});
        doc.set("x-example", Node::json(&example));
        doc.comment("paths", ["TODO(page): a note".to_owned()]);
        let text = doc.to_yaml();
        assert!(text.contains("# TODO(page): a note\npaths:\n"), "{text}");
        let back: serde_yaml::Value = serde_yaml::from_str(&text).unwrap();
        assert_eq!(back["openapi"], serde_yaml::Value::String("3.0.3".into()));
        assert_eq!(back["paths"]["/v1/{id}"]["get"]["operationId"].as_str(), Some("ShowX"));
        let round: serde_json::Value = serde_yaml::from_value(back["x-example"].clone()).unwrap();
        assert_eq!(round, example);
    }
}
