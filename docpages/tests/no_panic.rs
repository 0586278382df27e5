//! The reader never panics: every line prefix of every fixture, deterministic byte mutations of
//! them, and arbitrary text (proptest) all read to some page.

use std::path::PathBuf;

use proptest::prelude::*;

fn fixtures() -> Vec<(PathBuf, String)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "md"))
        .collect();
    files.sort();
    files.into_iter().map(|path| (path.clone(), std::fs::read_to_string(&path).unwrap())).collect()
}

/// Reads `text`; the assertions only check that the model hangs together.
fn read(text: &str) {
    let page = docpages::read_page(text);
    let line_count = text.split(['\n', '\r']).count().max(1);
    for table in &page.tables {
        assert!(table.line >= 1 && table.line <= line_count);
        for row in &table.rows {
            assert!(row.nested.is_none_or(|index| index < page.tables.len()));
            assert!(row.line >= 1 && row.line <= line_count);
        }
    }
    for unread in &page.unread {
        assert!(unread.line >= 1 && unread.line <= line_count, "{unread:?}");
    }
}

#[test]
fn every_line_prefix() {
    for (path, text) in fixtures() {
        let mut end = 0;
        for line in text.split_inclusive('\n') {
            end += line.len();
            let prefix = text.get(..end).unwrap();
            read(prefix);
            // Cut inside the line too, at a character boundary.
            let middle =
                (end - line.len() / 2..end).find(|&i| text.is_char_boundary(i)).unwrap_or(end);
            read(text.get(..middle).unwrap());
        }
        eprintln!("{}: prefixes read", path.display());
    }
}

/// Pieces that change a page's structure when spliced in anywhere.
const SPLICES: &[&str] = &[
    "<table>",
    "</table>",
    "<tr>",
    "</tr>",
    "<td>",
    "</td>",
    "<thead>",
    "<ul><li>",
    "```",
    "\n```\n",
    "|",
    "\n| a | b |\n| --- | --- |\n",
    "**表 1**  ",
    "**状态码： 200**",
    "\n## URI\n",
    "\n-   ",
    "\n    ",
    "<a name=\"x\"></a>",
    "<a href=\"#x\">表1</a>",
    "{",
    "}",
    "\\",
    "\r",
    "\u{feff}",
    "表",
    "Array of ",
    " objects",
    "最小值：",
    "取值范围：",
    "~",
    "<",
    ">",
    "&",
    "GET /v1/{a}?b={b}&",
    "\n\n",
    "colspan=\"999999\"",
    "rowspan=\"64\"",
];

/// A small deterministic generator, so failures reproduce.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, bound: usize) -> usize {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % bound.max(1)
    }
}

#[test]
fn byte_mutations() {
    let mut rng = Lcg(0x5eed);
    for (_, text) in fixtures() {
        for _ in 0..60 {
            let mut bytes = text.clone().into_bytes();
            for _ in 0..1 + rng.next(4) {
                let at = rng.next(bytes.len() + 1);
                match rng.next(3) {
                    0 => {
                        let splice = SPLICES[rng.next(SPLICES.len())].as_bytes();
                        bytes.splice(at..at, splice.iter().copied());
                    }
                    1 => {
                        let end = (at + rng.next(200)).min(bytes.len());
                        bytes.drain(at..end);
                    }
                    _ => {
                        if let Some(byte) = bytes.get_mut(at) {
                            *byte = rng.next(256) as u8;
                        }
                    }
                }
            }
            read(&String::from_utf8_lossy(&bytes));
        }
    }
}

#[test]
fn hostile_shapes() {
    read(&"<table>".repeat(2000));
    read(&"</table>".repeat(2000));
    read(&format!(
        "<table><tr><td colspan=\"100000\" rowspan=\"100000\">x</td></tr>{}</table>",
        "<tr></tr>".repeat(100)
    ));
    read(&"> ".repeat(500));
    read(&"-   ".repeat(500));
    read(&format!("## URI\n\nGET /{}\n", "[{".repeat(1000)));
    read(&format!(
        "<table><tr><th>参数</th><th>参数类型</th></tr><tr><td>a</td><td>{}</td></tr></table>",
        "List<".repeat(500)
    ));
    read("");
    read("\u{feff}");
    read("\r\r\r");
}

fn markdownish() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("\n".to_string()),
        Just("<table><thead><tr><th>参数</th><th>是否必选</th><th>参数类型</th><th>描述</th></tr></thead><tbody>".to_string()),
        Just("<tr><td>a</td><td>是</td><td>Array of <a href=\"#t\">T</a> objects</td><td>见表2</td></tr>".to_string()),
        Just("</tbody></table>".to_string()),
        Just("**表 2**  T\n\n<a name=\"t\"></a>\n".to_string()),
        Just("## URI\n\nPOST /v1/\\{p\\}?q={q}\n".to_string()),
        Just("## 响应示例\n\n**状态码： 200**\n\n```\n{}\n```\n".to_string()),
        Just("-   ```\n".to_string()),
        Just("    ".to_string()),
        "\\PC{0,12}",
    ];
    prop::collection::vec(piece, 0..24).prop_map(|pieces| pieces.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_text(text in "\\PC{0,400}") {
        read(&text);
    }

    #[test]
    fn arbitrary_page_pieces(text in markdownish()) {
        read(&text);
    }
}
