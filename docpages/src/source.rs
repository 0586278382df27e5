//! The page text before parsing: line endings, BOM, a fence quirk; and offsets to lines.

/// Prepares a page for the markdown parser without moving any line: drops a BOM, turns CRLF
/// and lone CR into LF, and unwraps list-item fences whose content is not indented.
pub(crate) fn normalize(text: &str) -> String {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    unwrap_list_fences(&text)
}

/// Pages write `-   ```` and then the code at column 0, as if the fence were not in the list.
/// CommonMark would end the list item there and pair the closing fence with the next opening
/// one, swallowing everything in between; dropping the marker keeps the fence a fence.
fn unwrap_list_fences(text: &str) -> String {
    let lines: Vec<&str> = text.split('\n').collect();
    let mut out = String::with_capacity(text.len());
    for (i, line) in lines.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        match fence_after_marker(line) {
            Some((content_indent, fence)) if next_content_indent(&lines, i) < content_indent => {
                out.push_str(fence);
            }
            _ => out.push_str(line),
        }
    }
    out
}

/// For a line `-   ```lang` (any bullet), the column the item's content starts at and the
/// fence text.
fn fence_after_marker(line: &str) -> Option<(usize, &str)> {
    let trimmed = line.trim_start_matches(' ');
    let indent = line.len() - trimmed.len();
    let rest = trimmed.strip_prefix(['-', '*', '+'])?;
    let after = rest.trim_start_matches(' ');
    let spaces = rest.len() - after.len();
    if spaces == 0 || !(after.starts_with("```") || after.starts_with("~~~")) {
        return None;
    }
    Some((indent + 1 + spaces, after))
}

/// The indentation of the first non-blank line after line `i` (`usize::MAX` at the end).
fn next_content_indent(lines: &[&str], i: usize) -> usize {
    lines
        .iter()
        .skip(i + 1)
        .find(|line| !line.trim().is_empty())
        .map_or(usize::MAX, |line| line.len() - line.trim_start_matches(' ').len())
}

/// Maps byte offsets of a text to 1-based line numbers.
#[derive(Debug, Clone)]
pub(crate) struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    /// Indexes the line starts of `text`.
    pub(crate) fn new(text: &str) -> Self {
        let starts = std::iter::once(0)
            .chain(text.char_indices().filter(|&(_, c)| c == '\n').map(|(i, _)| i + 1))
            .collect();
        LineIndex { starts }
    }

    /// The 1-based line holding byte `offset`.
    pub(crate) fn line(&self, offset: usize) -> usize {
        self.starts.partition_point(|&start| start <= offset).max(1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_endings_and_bom_keep_lines() {
        let text = normalize("\u{feff}a\r\nb\rc\n");
        assert_eq!(text, "a\nb\nc\n");
        let index = LineIndex::new(&text);
        assert_eq!(index.line(0), 1);
        assert_eq!(index.line(2), 2);
        assert_eq!(index.line(4), 3);
        assert_eq!(index.line(6), 4);
    }

    #[test]
    fn list_fence_with_unindented_code_is_unwrapped() {
        let text = normalize("-   ```\nGET https://x/\n```\n");
        assert_eq!(text, "```\nGET https://x/\n```\n");
        let indented = "-   ```\n    GET https://x/\n    ```\n";
        assert_eq!(normalize(indented), indented);
    }
}
