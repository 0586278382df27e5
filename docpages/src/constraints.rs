//! Constraints in a description cell: the structured markers (`最小长度：N`, `枚举值:` and a
//! list, ...) and the prose forms (取值范围, `a~b 个字符`, 长度为 N, 默认为 X, and the value lists
//! of `values`). A default that holds only under a condition (`condition`) is a note; so is a
//! range bounded by a name (`[0, Number.MAX_VALUE]`).
//!
//! Markers win over prose. When they disagree the marker is kept and the row gets a note; when
//! the prose says two different things, neither is kept. Nothing is guessed: text that does not
//! match a known form stays in the description and constrains nothing.

use std::sync::LazyLock;

use regex::{Captures, Regex};

use crate::condition::is_conditional;
use crate::model::{Constraints, TypeExpr};
use crate::richtext::TextLine;
use crate::values::value_lists;

/// What the reader got from a description cell.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Reading {
    /// The description without its marker lines.
    pub(crate) description: String,
    /// The constraints found.
    pub(crate) constraints: Constraints,
    /// Conflicts and ambiguities, for the row's notes.
    pub(crate) notes: Vec<String>,
    /// Marker lines whose value is not understood (kept in the description).
    pub(crate) problems: Vec<String>,
}

/// Reads the constraints of a description cell, for a row of type `ty` (if known).
pub(crate) fn read_constraints(lines: &[TextLine], ty: Option<&TypeExpr>) -> Reading {
    let mut reading = Reading::default();
    let (markers, prose_lines) = split_markers(lines, &mut reading.problems);
    let prose_text: Vec<String> = prose_lines.iter().map(|line| line.rendered()).collect();
    reading.description = prose_text.join("\n");
    let prose = prose_findings(&prose_lines, &reading.description, ty, &mut reading.notes);
    reading.constraints = merge(&markers, &prose, &mut reading.notes);
    reading
}

/// One constraint value, from a marker or from prose.
#[derive(Debug, Clone, PartialEq)]
enum Finding {
    MinLength(u64),
    MaxLength(u64),
    Minimum(f64, bool),
    Maximum(f64, bool),
    Enum(Vec<String>),
    Default(String),
}

impl Finding {
    fn field(&self) -> &'static str {
        match self {
            Finding::MinLength(_) => "minimum length",
            Finding::MaxLength(_) => "maximum length",
            Finding::Minimum(..) => "minimum",
            Finding::Maximum(..) => "maximum",
            Finding::Enum(_) => "values",
            Finding::Default(_) => "default",
        }
    }

    fn shown(&self) -> String {
        match self {
            Finding::MinLength(n) | Finding::MaxLength(n) => n.to_string(),
            Finding::Minimum(n, exclusive) => format!("{}{n}", if *exclusive { ">" } else { ">=" }),
            Finding::Maximum(n, exclusive) => format!("{}{n}", if *exclusive { "<" } else { "<=" }),
            Finding::Enum(values) => values.join(", "),
            Finding::Default(value) => value.clone(),
        }
    }
}

static MARKER: LazyLock<Regex> =
    LazyLock::new(|| regex("^(最小长度|最大长度|最小值|最大值|缺省值|枚举值)\\s*[：:]\\s*(.*)$"));

/// Separates marker lines (and the list after `枚举值：`) from the prose lines.
fn split_markers(lines: &[TextLine], problems: &mut Vec<String>) -> (Vec<Finding>, Vec<TextLine>) {
    let mut markers = Vec::new();
    let mut prose = Vec::new();
    let mut i = 0;
    while let Some(line) = lines.get(i) {
        i += 1;
        let Some(caps) = MARKER.captures(&line.text).filter(|_| !line.list_item) else {
            prose.push(line.clone());
            continue;
        };
        let word = group(&caps, 1);
        let value = group(&caps, 2).trim();
        let finding = if word == "枚举值" {
            let mut values = split_inline_values(value);
            while let Some(item) = lines.get(i).filter(|line| line.list_item) {
                values.push(item.text.trim().to_string());
                i += 1;
            }
            (!values.is_empty()).then_some(Finding::Enum(values))
        } else {
            marker_value(word, value)
        };
        match finding {
            Some(finding) => markers.push(finding),
            None => {
                problems.push(format!("marker `{}` not understood", line.text));
                prose.push(line.clone());
            }
        }
    }
    (markers, prose)
}

fn marker_value(word: &str, value: &str) -> Option<Finding> {
    match word {
        "最小长度" => value.parse().ok().map(Finding::MinLength),
        "最大长度" => value.parse().ok().map(Finding::MaxLength),
        "最小值" => number(value).map(|n| Finding::Minimum(n, false)),
        "最大值" => number(value).map(|n| Finding::Maximum(n, false)),
        "缺省值" => (!value.is_empty()).then(|| Finding::Default(value.to_string())),
        _ => None,
    }
}

fn split_inline_values(value: &str) -> Vec<String> {
    value
        .split([',', '，', '、'])
        .map(str::trim)
        .filter(|value| !value.is_empty())
        .map(str::to_string)
        .collect()
}

/// A number as the pages write it (`10`, `-1`, `0.5`).
fn number(text: &str) -> Option<f64> {
    let text = text.trim();
    let valid = !text.is_empty()
        && text.trim_start_matches('-').chars().all(|c| c.is_ascii_digit() || c == '.');
    valid.then(|| text.parse().ok()).flatten()
}

const NUM: &str = r"(-?\d+(?:\.\d+)?)";
const SEP: &str = r"\s*(?:~|～|-|—|–|到|至)\s*";
/// A value as pages write defaults and list items: ASCII, no spaces.
pub(crate) const TOKEN: &str = r"[A-Za-z0-9_.\-+*/]+";

static VALUE_RANGE: LazyLock<Regex> = LazyLock::new(|| {
    regex(&format!(
        r"取值范围(?:为|是)?\s*[：:]?\s*([\[(（［]?)\s*{NUM}\s*(?:~|～|-|—|–|到|至|,|，)\s*{NUM}\s*([\])）］]?)(\s*个?字符)?"
    ))
});
/// A bracketed range whose bounds may be names (`[0, Number.MAX_VALUE]`).
static NAMED_RANGE: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"取值范围(?:为|是)?\s*[：:]?\s*[\[(（［]\s*([^\s,，~～\[\]()（）［］]+)\s*(?:,|，|~|～)\s*([^\s,，~～\[\]()（）［］]+)\s*[\])）］]",
    )
});
static LENGTH_RANGE: LazyLock<Regex> = LazyLock::new(|| {
    regex(&format!(
        r"(?:长度(?:范围)?(?:为|是)?\s*[：:]?\s*)(\d+){SEP}(\d+)|(\d+){SEP}(\d+)\s*个?字符"
    ))
});
static LENGTH_SHORTEST_LONGEST: LazyLock<Regex> =
    LazyLock::new(|| regex(r"长度最短为\s*(\d+)\s*[，,、]?\s*最(?:大|长)为\s*(\d+)"));
static LENGTH_EXACT: LazyLock<Regex> =
    LazyLock::new(|| regex(r"长度(?:为|是|固定为)\s*(\d+)\s*(个?字符|位)?"));
static LENGTH_MAX: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?:最大长度(?:为|是)?|长度不超过|长度不能超过|长度不大于|长度不能大于|长度最大为|长度上限为?)\s*[：:]?\s*(\d+)|(?:不超过|不能超过|最多|至多)\s*(\d+)\s*个?字符",
    )
});
static LENGTH_MIN: LazyLock<Regex> =
    LazyLock::new(|| regex(r"(?:最小长度(?:为|是)?|长度不少于|长度至少为?)\s*[：:]?\s*(\d+)"));
static DEFAULT: LazyLock<Regex> = LazyLock::new(|| {
    regex(&format!(
        r#"(?:(?:默认值|缺省值)(?:为|是)?|(?:默认|缺省)(?:为|是)|默认(?:[：:]))\s*[：:]?\s*["“'‘]?({TOKEN})["”'’]?"#
    ))
});
/// A constant pattern of this crate.
pub(crate) fn regex(pattern: &str) -> Regex {
    // The patterns are constants of this file, covered by its tests.
    Regex::new(pattern).unwrap_or_else(|error| unreachable!("constant pattern: {error}"))
}

/// Constraints stated in prose: one entry per statement found.
fn prose_findings(
    lines: &[TextLine],
    text: &str,
    ty: Option<&TypeExpr>,
    notes: &mut Vec<String>,
) -> Vec<Finding> {
    let mut found = Vec::new();
    value_ranges(text, ty, &mut found, notes);
    lengths(text, &mut found);
    for caps in DEFAULT.captures_iter(text) {
        let whole = caps.get(0).map_or("", |m| m.as_str());
        if is_conditional(text, caps.get(0).map_or(0, |m| m.start())) {
            notes.push(format!("`{whole}` holds only under a condition; not read as the default"));
            continue;
        }
        found.push(Finding::Default(group(&caps, 1).trim_end_matches('.').to_string()));
    }
    found.extend(value_lists(lines, text, notes).into_iter().map(Finding::Enum));
    found
}

fn value_ranges(
    text: &str,
    ty: Option<&TypeExpr>,
    found: &mut Vec<Finding>,
    notes: &mut Vec<String>,
) {
    for caps in VALUE_RANGE.captures_iter(text) {
        let (Some(low), Some(high)) = (number(group(&caps, 2)), number(group(&caps, 3))) else {
            continue;
        };
        if caps.get(5).is_some() {
            // `取值范围：1~64个字符` is a length.
            found.push(Finding::MinLength(low as u64));
            found.push(Finding::MaxLength(high as u64));
            continue;
        }
        if matches!(ty, Some(TypeExpr::String { .. })) {
            notes.push(format!("`{}` on a string is not read as a constraint", group(&caps, 0)));
            continue;
        }
        let open = group(&caps, 1);
        let close = group(&caps, 4);
        found.push(Finding::Minimum(low, matches!(open, "(" | "（")));
        found.push(Finding::Maximum(high, matches!(close, ")" | "）")));
    }
    for caps in NAMED_RANGE.captures_iter(text) {
        let names: Vec<&str> = [group(&caps, 1), group(&caps, 2)]
            .into_iter()
            .filter(|b| number(b).is_none())
            .collect();
        if !names.is_empty() {
            notes.push(format!(
                "`{}`: {} is a name, not a number; the range is not read",
                group(&caps, 0),
                names.iter().map(|name| format!("`{name}`")).collect::<Vec<_>>().join(" and ")
            ));
        }
    }
}

fn lengths(text: &str, found: &mut Vec<Finding>) {
    let not_of_a_part = |caps: &Captures<'_>| {
        caps.get(0).is_some_and(|whole| !text.get(..whole.start()).unwrap_or("").ends_with('的'))
    };
    for caps in LENGTH_RANGE.captures_iter(text).filter(not_of_a_part) {
        let (low, high) = match (caps.get(1), caps.get(2)) {
            (Some(low), Some(high)) => (low.as_str(), high.as_str()),
            _ => (group(&caps, 3), group(&caps, 4)),
        };
        if let (Ok(low), Ok(high)) = (low.parse(), high.parse()) {
            found.push(Finding::MinLength(low));
            found.push(Finding::MaxLength(high));
        }
    }
    for caps in LENGTH_SHORTEST_LONGEST.captures_iter(text).filter(not_of_a_part) {
        if let (Ok(low), Ok(high)) = (group(&caps, 1).parse(), group(&caps, 2).parse()) {
            found.push(Finding::MinLength(low));
            found.push(Finding::MaxLength(high));
        }
    }
    for caps in LENGTH_EXACT.captures_iter(text).filter(not_of_a_part) {
        let (before, rest) = caps.get(0).map_or(("", ""), |m| {
            (text.get(..m.start()).unwrap_or(""), text.get(m.end()..).unwrap_or(""))
        });
        // `最大长度为N` is a maximum, `长度为1~N` a range: neither is an exact length.
        let bounded = ["最大", "最小", "最长", "最短"].iter().any(|word| before.ends_with(word));
        let is_range = rest.trim_start().starts_with(['~', '～', '-', '—', '到', '至']);
        if let (false, false, Ok(n)) = (bounded, is_range, group(&caps, 1).parse::<u64>()) {
            found.push(Finding::MinLength(n));
            found.push(Finding::MaxLength(n));
        }
    }
    for caps in LENGTH_MAX.captures_iter(text).filter(not_of_a_part) {
        let n = caps.get(1).or_else(|| caps.get(2)).map_or("", |m| m.as_str());
        if let Ok(n) = n.parse() {
            found.push(Finding::MaxLength(n));
        }
    }
    for caps in LENGTH_MIN.captures_iter(text).filter(not_of_a_part) {
        if let Ok(n) = group(&caps, 1).parse() {
            found.push(Finding::MinLength(n));
        }
    }
}

/// Marker findings win; prose fills the rest; disagreements become notes.
fn merge(markers: &[Finding], prose: &[Finding], notes: &mut Vec<String>) -> Constraints {
    let mut constraints = Constraints::default();
    let fields = ["minimum length", "maximum length", "minimum", "maximum", "values", "default"];
    for field in fields {
        let from_markers: Vec<&Finding> = distinct(markers.iter().filter(|f| f.field() == field));
        let from_prose: Vec<&Finding> = distinct(prose.iter().filter(|f| f.field() == field));
        let chosen = match (from_markers.as_slice(), from_prose.as_slice()) {
            ([marker], prose) => {
                for other in prose.iter().filter(|other| *other != marker) {
                    notes.push(format!(
                        "the {field} marker says {} but the prose says {}; the marker is kept",
                        marker.shown(),
                        other.shown()
                    ));
                }
                Some(*marker)
            }
            ([], [single]) => Some(*single),
            ([], []) => None,
            (many, _) if many.len() > 1 => {
                notes.push(format!("several {field} markers ({}); none is kept", shown_all(many)));
                None
            }
            (_, many) => {
                notes.push(format!(
                    "the prose gives several {field}s ({}); none is kept",
                    shown_all(many)
                ));
                None
            }
        };
        if let Some(finding) = chosen {
            apply(&mut constraints, finding);
        }
    }
    constraints
}

fn distinct<'f>(findings: impl Iterator<Item = &'f Finding>) -> Vec<&'f Finding> {
    let mut out: Vec<&Finding> = Vec::new();
    for finding in findings {
        if !out.contains(&finding) {
            out.push(finding);
        }
    }
    out
}

fn shown_all(findings: &[&Finding]) -> String {
    findings.iter().map(|finding| finding.shown()).collect::<Vec<_>>().join("; ")
}

fn apply(constraints: &mut Constraints, finding: &Finding) {
    match finding {
        Finding::MinLength(n) => constraints.min_length = Some(*n),
        Finding::MaxLength(n) => constraints.max_length = Some(*n),
        Finding::Minimum(n, exclusive) => {
            constraints.minimum = Some(*n);
            constraints.exclusive_minimum = *exclusive;
        }
        Finding::Maximum(n, exclusive) => {
            constraints.maximum = Some(*n);
            constraints.exclusive_maximum = *exclusive;
        }
        Finding::Enum(values) => constraints.enum_values = values.clone(),
        Finding::Default(value) => constraints.default = Some(value.clone()),
    }
}

/// The text of a capture group, or empty.
pub(crate) fn group<'t>(caps: &Captures<'t>, index: usize) -> &'t str {
    caps.get(index).map_or("", |m| m.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &[&str]) -> Vec<TextLine> {
        text.iter()
            .map(|line| match line.strip_prefix("- ") {
                Some(item) => TextLine { text: item.to_string(), list_item: true },
                None => TextLine { text: line.to_string(), list_item: false },
            })
            .collect()
    }

    fn read(text: &[&str]) -> Reading {
        read_constraints(&lines(text), None)
    }

    #[test]
    fn markers_leave_the_description() {
        let reading = read(&["租户ID", "最小长度：1", "最大长度：64", "缺省值：abc"]);
        assert_eq!(reading.description, "租户ID");
        assert_eq!(reading.constraints.min_length, Some(1));
        assert_eq!(reading.constraints.max_length, Some(64));
        assert_eq!(reading.constraints.default.as_deref(), Some("abc"));
        assert!(reading.notes.is_empty());
    }

    #[test]
    fn enum_marker_with_list() {
        let reading = read(&["动作", "枚举值：", "- create", "- delete", "其他"]);
        assert_eq!(reading.constraints.enum_values, vec!["create", "delete"]);
        assert_eq!(reading.description, "动作\n其他");
    }

    #[test]
    fn bad_marker_is_a_problem_and_stays() {
        let reading = read(&["x", "最小值：很多"]);
        assert_eq!(reading.constraints.minimum, None);
        assert_eq!(reading.description, "x\n最小值：很多");
        assert_eq!(reading.problems.len(), 1);
    }

    #[test]
    fn prose_value_ranges() {
        let c = read(&["取值范围：0~1000。"]).constraints;
        assert_eq!((c.minimum, c.maximum), (Some(0.0), Some(1000.0)));
        let c = read(&["取值范围(0,100]"]).constraints;
        assert_eq!((c.minimum, c.maximum), (Some(0.0), Some(100.0)));
        assert!(c.exclusive_minimum && !c.exclusive_maximum);
        let c = read(&["取值范围：1-64"]).constraints;
        assert_eq!((c.minimum, c.maximum), (Some(1.0), Some(64.0)));
        let c = read(&["取值范围[1, 5]。"]).constraints;
        assert_eq!((c.minimum, c.maximum), (Some(1.0), Some(5.0)));
    }

    #[test]
    fn value_range_on_a_string_is_only_a_note() {
        let string = TypeExpr::String { max_length: None };
        let reading = read_constraints(&lines(&["取值范围：1-64"]), Some(&string));
        assert_eq!(reading.constraints, Constraints::default());
        assert_eq!(reading.notes.len(), 1);
    }

    #[test]
    fn prose_lengths() {
        let c = read(&["名称，1~64 个字符。"]).constraints;
        assert_eq!((c.min_length, c.max_length), (Some(1), Some(64)));
        let c = read(&["长度为36"]).constraints;
        assert_eq!((c.min_length, c.max_length), (Some(36), Some(36)));
        let c = read(&["不超过255个字符"]).constraints;
        assert_eq!((c.min_length, c.max_length), (None, Some(255)));
        let c = read(&["长度最短为1，最大为64。"]).constraints;
        assert_eq!((c.min_length, c.max_length), (Some(1), Some(64)));
        let c = read(&["告警名称，长度1-128。"]).constraints;
        assert_eq!((c.min_length, c.max_length), (Some(1), Some(128)));
        let c = read(&["事件内容，最大长度4096。"]).constraints;
        assert_eq!(c.max_length, Some(4096));
    }

    #[test]
    fn lengths_of_a_part_are_not_the_fields() {
        let reading = read(&["key的最大长度32，value的最大长度为256。"]);
        assert_eq!(reading.constraints, Constraints::default());
    }

    #[test]
    fn prose_defaults() {
        assert_eq!(read(&["是否启用，默认为true。"]).constraints.default.as_deref(), Some("true"));
        assert_eq!(
            read(&["默认值为create_at。"]).constraints.default.as_deref(),
            Some("create_at")
        );
        assert_eq!(read(&["默认情况下不开启。"]).constraints.default, None);
        let reading = read(&["默认为1，另一处写默认为2。"]);
        assert_eq!(reading.constraints.default, None);
        assert_eq!(reading.notes.len(), 1);
    }

    #[test]
    fn conditional_defaults_are_notes() {
        let reading = read(&["查询条数，如果action为filter默认为1000。"]);
        assert_eq!(reading.constraints.default, None);
        assert_eq!(reading.notes.len(), 1);
    }

    #[test]
    fn a_default_after_a_time_word_is_read() {
        let reading = read(&[
            "排序，取值为： ● create_at：创建时间 ● update_at：更新时间 默认值为create_at。",
        ]);
        assert_eq!(reading.constraints.default.as_deref(), Some("create_at"));
        assert!(reading.notes.is_empty());
        let reading = read(&["条数，当mode为fast时，默认为50。"]);
        assert_eq!(reading.constraints.default, None);
        assert_eq!(reading.notes.len(), 1);
    }

    #[test]
    fn a_range_bounded_by_a_name_is_a_note() {
        let reading = read(&["阈值，取值范围[0, Number.MAX_VALUE]，Number.MAX_VALUE值为1e+308。"]);
        assert_eq!(reading.constraints, Constraints::default());
        assert_eq!(
            reading.notes,
            vec![
                "`取值范围[0, Number.MAX_VALUE]`: `Number.MAX_VALUE` is a name, not a number; the range is not read"
            ]
        );
        assert!(read(&["取值范围[1, 5]。"]).notes.is_empty());
    }

    #[test]
    fn markers_win_over_prose_value_lists() {
        let reading = read(&["模式，取值为a、b。", "枚举值：", "- a", "- c"]);
        assert_eq!(reading.constraints.enum_values, vec!["a", "c"]);
        assert_eq!(reading.notes.len(), 1);
    }

    #[test]
    fn quoted_list_values() {
        let c = read(&["取值范围：", "- \"1\"，原始数据", "- \"300\"，5分钟粒度"]).constraints;
        assert_eq!(c.enum_values, vec!["1", "300"]);
    }

    #[test]
    fn prose_value_lists() {
        let c = read(&["排序，取值为： ● desc：降序 ● asc：升序 默认值为desc。"]).constraints;
        assert_eq!(c.enum_values, vec!["desc", "asc"]);
        assert_eq!(c.default.as_deref(), Some("desc"));
        let c = read(&["告警类型，取值如下：", "- notification：通知。", "- autoscaling：伸缩。"])
            .constraints;
        assert_eq!(c.enum_values, vec!["notification", "autoscaling"]);
        let c = read(&["枚举类型：normal\\warning\\incident"]).constraints;
        assert_eq!(c.enum_values, vec!["normal", "warning", "incident"]);
        let c = read(&["级别。", "枚举类型：Critical, Major, Minor"]).constraints;
        assert_eq!(c.enum_values, vec!["Critical", "Major", "Minor"]);
        let c = read(&["说明：", "- 当a时，必须填写。", "- 当b时：不填。"]).constraints;
        assert!(c.enum_values.is_empty());
    }

    #[test]
    fn marker_wins_over_prose_with_a_note() {
        let reading =
            read(&["取值范围：0~1000，默认为10。", "最小值：1", "最大值：1000", "缺省值：10"]);
        let c = &reading.constraints;
        assert_eq!((c.minimum, c.maximum), (Some(1.0), Some(1000.0)));
        assert_eq!(c.default.as_deref(), Some("10"));
        assert_eq!(
            reading.notes,
            vec!["the minimum marker says >=1 but the prose says >=0; the marker is kept"]
        );
    }
}
