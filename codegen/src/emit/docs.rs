//! Doc comments: spec prose made safe for rustdoc, plus the constraint summaries.
//!
//! Spec text is arbitrary. Left as is, `<b>` becomes an HTML tag, `[x]` a broken intra-doc link, a
//! bare URL a lint, an indented line a doctest, and each of those fails `cargo doc -D warnings`.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use crate::ir::{Constraints, Shape, ShapeKind, StringFormat};

/// A doc comment assembled from paragraphs.
#[derive(Debug, Default, Clone)]
pub(crate) struct Doc {
    paragraphs: Vec<String>,
}

impl Doc {
    /// Adds spec prose (escaped), if present.
    pub(crate) fn prose(mut self, text: Option<&str>) -> Self {
        if let Some(text) = text.map(str::trim).filter(|t| !t.is_empty()) {
            self.paragraphs.push(escape(text));
        }
        self
    }

    /// Adds text written by the generator, which is already valid Markdown.
    pub(crate) fn markdown(mut self, text: impl Into<String>) -> Self {
        let text = text.into();
        if !text.is_empty() {
            self.paragraphs.push(text);
        }
        self
    }

    /// Whether nothing was added.
    pub(crate) fn is_empty(&self) -> bool {
        self.paragraphs.is_empty()
    }

    pub(crate) fn lines(&self) -> Vec<String> {
        let mut lines = Vec::new();
        for (index, paragraph) in self.paragraphs.iter().enumerate() {
            if index > 0 {
                lines.push(String::new());
            }
            lines.extend(
                paragraph
                    .lines()
                    .map(|line| if line.is_empty() { String::new() } else { format!(" {line}") }),
            );
        }
        lines
    }

    /// `#[doc = "..."]` attributes, one per line (printed as `///`).
    pub(crate) fn outer(&self) -> TokenStream {
        let lines = self.lines().into_iter().map(|line| doc_line(&line));
        quote! { #(#[doc = #lines])* }
    }

    /// `#![doc = "..."]` attributes (printed as `//!`).
    pub(crate) fn inner(&self) -> TokenStream {
        let lines = self.lines().into_iter().map(|line| doc_line(&line));
        quote! { #(#![doc = #lines])* }
    }
}

/// One line of a doc comment as a string literal. The formatter prints a line's value after `///`,
/// whatever the literal looks like, so a raw string is used: neither writing it nor reading it back
/// has to escape anything, which counts in files that are mostly docs.
pub(crate) fn doc_line(line: &str) -> Literal {
    // A raw string cannot hold a bare carriage return; a line break makes the formatter print the
    // literal itself, so those keep the usual escaped form.
    if line.contains(['\r', '\n']) {
        return Literal::string(line);
    }
    // Enough `#`s that no `"` in the text closes the string early.
    let hashes = line
        .match_indices('"')
        .map(|(at, _)| 1 + line[at + 1..].bytes().take_while(|&b| b == b'#').count())
        .max()
        .unwrap_or(0);
    let fence = "#".repeat(hashes);
    format!("r{fence}\"{line}\"{fence}").parse().unwrap_or_else(|_| Literal::string(line))
}

/// Escapes spec prose for rustdoc: outside code spans, `[`, `]`, `<`, `>` and `\` are escaped and bare
/// URLs are wrapped in `<>`; lines lose their indentation (no accidental code blocks). Code spans are
/// kept when the backticks pair up and no fence (three backticks) appears.
pub(crate) fn escape(text: &str) -> String {
    let keep_spans = text.matches('`').count().is_multiple_of(2) && !text.contains("```");
    text.lines()
        .map(str::trim)
        .map(|line| {
            if keep_spans {
                line.split('`')
                    .enumerate()
                    .map(
                        |(i, part)| {
                            if i % 2 == 1 { format!("`{part}`") } else { escape_plain(part) }
                        },
                    )
                    .collect::<String>()
            } else {
                escape_plain(line).replace('`', "\\`")
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn escape_plain(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (index, word) in text.split(' ').enumerate() {
        if index > 0 {
            out.push(' ');
        }
        // Searching for a URL costs more than searching for its colon, which most words lack.
        let url_at = word
            .contains(':')
            .then(|| word.find("http://").or_else(|| word.find("https://")))
            .flatten();
        if let Some(at) = url_at {
            let (before, url) = word.split_at(at);
            let end = url
                .find(|c: char| c.is_whitespace() || ",;)\"'<>".contains(c))
                .unwrap_or(url.len());
            let url_end = if url[..end].ends_with('.') { end - 1 } else { end };
            push_escaped(&mut out, before);
            out.push('<');
            out.push_str(&url[..url_end]);
            out.push('>');
            push_escaped(&mut out, &url[url_end..]);
        } else {
            push_escaped(&mut out, word);
        }
    }
    out
}

fn push_escaped(out: &mut String, text: &str) {
    for c in text.chars() {
        if matches!(c, '[' | ']' | '<' | '>' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
}

/// A code span that survives any backticks inside `text`.
pub(crate) fn code(text: &str) -> String {
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    if longest > 0 { format!("{fence} {text} {fence}") } else { format!("`{text}`") }
}

/// One line listing a shape's documented constraints and format, or nothing.
pub(crate) fn constraints(shape: &Shape) -> String {
    let mut parts = describe(&shape.constraints);
    match &shape.kind {
        ShapeKind::String(Some(StringFormat::Uuid)) => parts.push("format `uuid`".into()),
        ShapeKind::String(Some(StringFormat::DateTime)) => {
            parts.push("format `date-time` (RFC 3339)".into())
        }
        ShapeKind::Base64 => parts.push("sent as base64 text (`format: byte`)".into()),
        ShapeKind::Array(items) => {
            let inner = constraints(items);
            if !inner.is_empty() {
                parts.push(format!(
                    "each item: {}",
                    inner.trim_start_matches("Constraints: ").trim_end_matches('.')
                ));
            }
        }
        _ => {}
    }
    if parts.is_empty() { String::new() } else { format!("Constraints: {}.", parts.join("; ")) }
}

fn describe(c: &Constraints) -> Vec<String> {
    let mut parts = Vec::new();
    match (c.min_length, c.max_length) {
        (Some(min), Some(max)) => parts.push(format!("length {min} to {max} characters")),
        (Some(min), None) => parts.push(format!("at least {min} characters")),
        (None, Some(max)) => parts.push(format!("at most {max} characters")),
        (None, None) => {}
    }
    if let Some(pattern) = &c.pattern {
        let legacy = if pattern.unicode { "" } else { " (ECMA-262 Annex B syntax, no `u` flag)" };
        parts.push(format!("matches {}{legacy}", code(&pattern.source)));
    }
    if let Some(source) = &c.unchecked_pattern {
        parts.push(format!(
            "pattern {} (not checked: not an ECMA-262 regular expression)",
            code(source)
        ));
    }
    match (c.min_items, c.max_items) {
        (Some(min), Some(max)) => parts.push(format!("{min} to {max} items")),
        (Some(min), None) => parts.push(format!("at least {min} items")),
        (None, Some(max)) => parts.push(format!("at most {max} items")),
        (None, None) => {}
    }
    if let Some(bound) = c.minimum {
        parts.push(format!(
            "{} {}",
            if bound.exclusive { "greater than" } else { "at least" },
            bound.value
        ));
    }
    if let Some(bound) = c.maximum {
        parts.push(format!(
            "{} {}",
            if bound.exclusive { "less than" } else { "at most" },
            bound.value
        ));
    }
    if c.unique_items {
        parts.push("no repeated items".into());
    }
    if let Some(step) = c.multiple_of {
        parts.push(format!("a multiple of {step}"));
    }
    match (c.min_properties, c.max_properties) {
        (Some(min), Some(max)) => parts.push(format!("{min} to {max} properties")),
        (Some(min), None) => parts.push(format!("at least {min} properties")),
        (None, Some(max)) => parts.push(format!("at most {max} properties")),
        (None, None) => {}
    }
    let listed = |values: Vec<String>| {
        format!("one of {}", values.iter().map(|v| code(v)).collect::<Vec<_>>().join(", "))
    };
    if let Some(allowed) = &c.allowed_integers {
        parts.push(listed(allowed.iter().map(i64::to_string).collect()));
    }
    if let Some(allowed) = &c.allowed_numbers {
        parts.push(listed(allowed.iter().map(f64::to_string).collect()));
    }
    if let Some(allowed) = &c.allowed_booleans {
        parts.push(listed(allowed.iter().map(bool::to_string).collect()));
    }
    parts
}

/// The documentation page (or reference) a spec or operation transcribes, in words: “title”, then
/// where it is (repository and path, or the seed file it was captured in).
pub(crate) fn page_reference(source: &crate::ir::SourcePage) -> Option<String> {
    let place = match (&source.repository, &source.path, &source.seed) {
        (Some(repository), Some(path), _) => Some(format!("{}, {}", code(repository), code(path))),
        (Some(repository), None, _) => Some(code(repository)),
        (None, _, Some(seed)) => Some(code(seed)),
        _ => None,
    };
    match (&source.title, place) {
        (Some(title), Some(place)) => {
            Some(format!("the documentation page “{}” ({place})", escape(title)))
        }
        (Some(title), None) => Some(format!("the documentation page “{}”", escape(title))),
        (None, Some(place)) if source.path.is_none() => {
            Some(format!("the API reference in {place}"))
        }
        (None, Some(place)) => Some(format!("the documentation page {place}")),
        (None, None) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doc_lines_read_back_as_written() {
        let lines = [
            "",
            " plain",
            r#" a "quoted" word"#,
            " closes \"# early, and \"## later",
            r" back\slashes \n stay",
            " tab\tand ünïcødé",
            " bare \r return",
        ];
        for line in lines {
            let literal = doc_line(line);
            let read: syn::LitStr = syn::parse2(quote!(#literal)).expect("a string literal");
            assert_eq!(read.value(), line, "{literal}");
        }
        // Raw where it can be, so neither side escapes anything.
        assert_eq!(doc_line(r#" say "hi""#).to_string(), r##"r#" say "hi""#"##);
        assert_eq!(doc_line(" \r").to_string(), r#"" \r""#);
    }

    #[test]
    fn prose_is_escaped_outside_code_spans() {
        assert_eq!(
            escape("no `<` or `>` here, nor <b> [x]"),
            "no `<` or `>` here, nor \\<b\\> \\[x\\]"
        );
        assert_eq!(escape("see https://example.com/a_b."), "see <https://example.com/a_b>.");
        assert_eq!(escape("    indented\n  more"), "indented\nmore");
        assert_eq!(escape("odd ` tick"), "odd \\` tick");
        assert_eq!(escape("a ```fence```"), "a \\`\\`\\`fence\\`\\`\\`");
    }

    #[test]
    fn code_spans_outgrow_inner_backticks() {
        assert_eq!(code("^a$"), "`^a$`");
        assert_eq!(code("a`b"), "`` a`b ``");
    }
}
