//! HTML fragments (table cells, rendered markdown paragraphs) as lines of plain text, with the
//! links and anchors they hold.

use ego_tree::NodeRef;
use ego_tree::iter::Edge;
use scraper::{ElementRef, Html, Node};

/// Plain text of an HTML fragment, split where the HTML breaks lines.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct RichText {
    /// The lines, in order, trimmed and never empty.
    pub(crate) lines: Vec<TextLine>,
    /// Every `<a href>`, in order.
    pub(crate) links: Vec<Link>,
    /// Every `<a name>` (or `<a id>`), in order.
    pub(crate) anchors: Vec<String>,
}

/// One line of plain text.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct TextLine {
    /// The text, whitespace collapsed.
    pub(crate) text: String,
    /// Whether the line starts a list item (`<li>`).
    pub(crate) list_item: bool,
}

/// A link: its text and target.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Link {
    /// The link text, whitespace collapsed.
    pub(crate) text: String,
    /// The `href`, as written.
    pub(crate) href: String,
}

impl RichText {
    /// Reads an HTML fragment.
    pub(crate) fn from_fragment(html: &str) -> RichText {
        let document = Html::parse_fragment(html);
        RichText::from_element(document.root_element())
    }

    /// Reads the content of one element.
    pub(crate) fn from_element(element: ElementRef<'_>) -> RichText {
        let mut builder = Builder::default();
        for edge in element.traverse() {
            match edge {
                Edge::Open(node) => builder.open(node),
                Edge::Close(node) => builder.close(node),
            }
        }
        builder.finish()
    }

    /// The lines joined with newlines, list items marked with `- `.
    pub(crate) fn plain(&self) -> String {
        let lines: Vec<String> = self.lines.iter().map(TextLine::rendered).collect();
        lines.join("\n")
    }

    /// All text on one line, lines joined with a space.
    pub(crate) fn single_line(&self) -> String {
        let lines: Vec<&str> = self.lines.iter().map(|line| line.text.as_str()).collect();
        lines.join(" ")
    }

    /// Whether there is no text at all.
    pub(crate) fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }
}

impl TextLine {
    /// The line as it appears in a description: list items marked with `- `.
    pub(crate) fn rendered(&self) -> String {
        if self.list_item { format!("- {}", self.text) } else { self.text.clone() }
    }
}

/// Elements after (and before) which text continues on a new line.
const BLOCK_ELEMENTS: &[&str] = &[
    "p",
    "div",
    "li",
    "ul",
    "ol",
    "br",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "table",
    "tr",
    "td",
    "th",
    "pre",
    "blockquote",
    "dl",
    "dt",
    "dd",
    "hr",
    "thead",
    "tbody",
];

#[derive(Default)]
struct Builder {
    text: RichText,
    line: String,
    /// A `<li>` opened and its first line is not out yet.
    pending_item: bool,
    /// Open `<a href>` links: index in `text.links` and the text gathered so far.
    open_links: Vec<(usize, String)>,
}

impl Builder {
    fn open(&mut self, node: NodeRef<'_, Node>) {
        match node.value() {
            Node::Text(text) => self.push_text(text),
            Node::Element(element) => {
                let name = element.name();
                if BLOCK_ELEMENTS.contains(&name) {
                    self.break_line();
                }
                if name == "li" {
                    self.pending_item = true;
                }
                if name == "a" {
                    self.open_anchor(element);
                }
            }
            _ => {}
        }
    }

    fn close(&mut self, node: NodeRef<'_, Node>) {
        if let Node::Element(element) = node.value() {
            let name = element.name();
            if name == "a"
                && element.attr("href").is_some()
                && let Some((index, text)) = self.open_links.pop()
                && let Some(link) = self.text.links.get_mut(index)
            {
                link.text = collapse(&text);
            }
            if BLOCK_ELEMENTS.contains(&name) {
                self.break_line();
            }
        }
    }

    fn open_anchor(&mut self, element: &scraper::node::Element) {
        if let Some(href) = element.attr("href") {
            self.text.links.push(Link { text: String::new(), href: href.trim().to_string() });
            self.open_links.push((self.text.links.len() - 1, String::new()));
        }
        if let Some(name) = element.attr("name").or_else(|| element.attr("id")) {
            let name = name.trim();
            if !name.is_empty() && !self.text.anchors.iter().any(|known| known == name) {
                self.text.anchors.push(name.to_string());
            }
        }
    }

    fn push_text(&mut self, text: &str) {
        self.line.push_str(text);
        for (_, link_text) in &mut self.open_links {
            link_text.push_str(text);
        }
    }

    fn break_line(&mut self) {
        let text = collapse(&self.line);
        self.line.clear();
        if !text.is_empty() {
            self.text.lines.push(TextLine { text, list_item: self.pending_item });
            self.pending_item = false;
        }
    }

    fn finish(mut self) -> RichText {
        self.break_line();
        self.text
    }
}

/// Collapses runs of whitespace (including no-break spaces) to one space and trims.
pub(crate) fn collapse(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split(|c: char| c.is_whitespace()).filter(|word| !word.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_lists_links_and_anchors() {
        let text = RichText::from_fragment(
            "<p id=\"p1\"><a name=\"x\"></a>最小长度：<strong>1</strong></p>\n<p>见<a \
             href=\"#t\">表 3</a>。</p><ul><li><p>a：甲</p></li><li>b</li></ul>&nbsp;",
        );
        assert_eq!(text.plain(), "最小长度：1\n见表 3。\n- a：甲\n- b");
        assert_eq!(text.links, vec![Link { text: "表 3".into(), href: "#t".into() }]);
        assert_eq!(text.anchors, vec!["x".to_string()]);
    }

    #[test]
    fn entities_and_breaks() {
        let text = RichText::from_fragment("a &lt;b&gt;<br>c&nbsp;&nbsp;d");
        assert_eq!(text.plain(), "a <b>\nc d");
    }
}
