//! Value lists stated in prose: where a description lists the values its field allows.
//!
//! The forms, each read only where the page plainly lists the field's values:
//!
//! - bullets in one line, `取值为： ● a：… ● b：…`, in groups that each follow their own lead
//!   (`两种方式： ● TCP TOA：… 参数的取值包括： ● close：… ● open：…`: only a group whose every
//!   item starts with a value is one);
//! - `<li>` runs of `value：meaning`, or of bare values after a lead (`取值如下：`);
//! - `<li>` runs that give the value per case, all of one subject named by the lead
//!   (`告警类型。` `- 针对a时，告警类型为A或B。` `- 针对c时，告警类型为C。`): every value is
//!   read, and the cases are noted;
//! - lines of `value：meaning` after a lead (`为如下3种：`, `枚举值。`), one value enough after
//!   枚举值, the count checked when the lead gives one;
//! - `value：meaning` pairs in one sentence (`网段类型。 public：公网 internal：内网`);
//! - a list after a lead word: `枚举值：a、b`, `取值为a，b`, `仅限于 a（甲） b（乙）`, with
//!   any of `、，,\|/或` and spaces between values; after a weaker lead (`支持`, `为`, `值为`,
//!   `可以是`) only `、` or `或`, at least two values, on a line of its own (not a list item);
//!   values may be symbols (`>=`) and may carry a gloss in parentheses; the list must end its
//!   clause (`支持a、b等` is an example, not a list) and must not hold only under a condition
//!   (`当type为a、b时`);
//! - one value after a strong lead, ending its clause: `取值为create_at，表示…`;
//! - values in 【】 after 取值: `取值【enable/disable】`;
//! - a sentence that is only values joined by `/`: `要执行的操作。 add/remove。`.

use std::sync::LazyLock;

use regex::Regex;

use crate::condition::{CLAUSE_ENDS, is_conditional};
use crate::constraints::{TOKEN, group, regex};
use crate::richtext::TextLine;

/// The value lists of a description (lines and their rendered text), each in page order; what
/// the reader should point out goes to `notes`.
pub(crate) fn value_lists(
    lines: &[TextLine],
    text: &str,
    notes: &mut Vec<String>,
) -> Vec<Vec<String>> {
    let mut lists = Vec::new();
    let field = text.split(CLAUSE_ENDS).next().unwrap_or("");
    for line in lines.iter().filter(|line| !line.list_item) {
        lists.extend(bullet_groups(&line.text));
        lists.extend(paired_sentence(&line.text));
        lists.extend(slash_sentences(&line.text));
        lists.extend(weak_lead_lists(&line.text, field, notes));
    }
    lists.extend(list_item_values(lines, notes));
    lists.extend(announced_lines(lines, notes));
    lists.extend(strong_lead_lists(lines, text, notes));
    lists.extend(bracket_lists(text));
    lists
}

/// A value as the pages write list items: ASCII, no spaces (see [`TOKEN`]), or a comparison
/// symbol (`>=`).
static VALUE: LazyLock<Regex> = LazyLock::new(|| regex(&format!(r"^(?:{TOKEN}|[<>=!]{{1,2}})")));
/// A gloss after a value: `（系统事件）`, `(查询总条数)`.
static GLOSS: LazyLock<Regex> = LazyLock::new(|| regex(r"^\s*[（(][^（()）]*[）)]"));
static ITEM_VALUE: LazyLock<Regex> =
    LazyLock::new(|| regex(&format!(r#"^\s*["“]?({TOKEN})["”]?\s*[：:]"#)));
static LOOSE_ITEM_VALUE: LazyLock<Regex> =
    LazyLock::new(|| regex(&format!(r#"^\s*["“]?({TOKEN})["”]?\s*[：:，,]"#)));
static BARE_ITEM: LazyLock<Regex> =
    LazyLock::new(|| regex(&format!(r#"^\s*["“]?({TOKEN})["”]?\s*[。.;；]?\s*$"#)));
/// A line that announces the values on the lines (or items) after it.
static ENUM_LEAD: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?:(?:取值|枚举|可选值|可选|以下值)[^。]*[：:]|(?:如下|以下)\s*(?:\d+|几)\s*种\s*[：:]|枚举值\s*[。.]?)\s*$",
    )
});
/// The number of values a lead announces (`为如下3种：`).
static LEAD_COUNT: LazyLock<Regex> = LazyLock::new(|| regex(r"(\d+)\s*种"));
/// Leads that name the field's values.
static STRONG_LEAD: LazyLock<Regex> = LazyLock::new(|| {
    regex(r"(枚举类型|枚举值|取值只能为|取值可以为|取值为|可选值为|支持的值为|仅限于)\s*[：:]?\s*")
});
/// Leads of a plain statement that may list values (`级别为1、2、3、4`).
static WEAK_LEAD: LazyLock<Regex> =
    LazyLock::new(|| regex(r"(可以是|可以为|值为|支持|为)\s*[：:]?\s*"));
/// A per-case item: `针对a时，告警类型为A（甲）或B。`.
static CASE_ITEM: LazyLock<Regex> = LazyLock::new(|| {
    regex(r"^(?P<case>[^，,。]+时)[，,]\s*(?P<subject>[^，,。；;]+?)为(?P<list>.+)$")
});
/// `取值【a/b】`.
static BRACKETS: LazyLock<Regex> =
    LazyLock::new(|| regex(r"取值(?:为)?\s*[：:]?\s*【([^【】]+)】"));
/// A sentence that is only names joined by slashes.
static SLASHED: LazyLock<Regex> =
    LazyLock::new(|| regex(r"^[A-Za-z_][A-Za-z0-9_]*(?:/[A-Za-z_][A-Za-z0-9_]*)+$"));
/// One `value：meaning` pair of a sentence of pairs.
static PAIR: LazyLock<Regex> =
    LazyLock::new(|| regex(&format!(r"^({TOKEN})[：:][^\x00-\x7F\s：●•][^\s：:●•]*(?:\s+|$)")));

/// How the values of a list after a lead are separated.
#[derive(Clone, Copy)]
struct Separators {
    /// The separators between values.
    marks: &'static [&'static str],
    /// Whether spaces alone separate values too.
    spaces: bool,
}

const STRONG: Separators =
    Separators { marks: &["、", "，", ",", "\\", "|", "/", "或"], spaces: true };
const WEAK: Separators = Separators { marks: &["、", "或"], spaces: false };

/// A list parsed after a lead: its values, and whether it ended its clause with a hard stop
/// (`，` `。` `；` or the end of the text) rather than a space or a parenthesis.
struct Parsed {
    values: Vec<String>,
    hard_stop: bool,
}

/// Values from the start of `rest`, separated by `separators`, each with an optional gloss; the
/// list must end its clause. `None` when `rest` holds no such list.
fn parse_list(rest: &str, separators: Separators) -> Option<Parsed> {
    let mut values = Vec::new();
    let mut at = rest;
    while let Some(found) = VALUE.find(at) {
        let value = found.as_str().trim_end_matches('.');
        if value.is_empty() {
            return None;
        }
        values.push(value.to_string());
        at = at.get(found.end()..).unwrap_or("");
        if let Some(gloss) = GLOSS.find(at) {
            at = at.get(gloss.end()..).unwrap_or("");
        }
        let spaced = at.trim_start();
        let had_space = spaced.len() < at.len();
        let separated = separators.marks.iter().find_map(|mark| {
            let next = spaced.strip_prefix(mark)?.trim_start();
            // A comma followed by words ends the clause, and so the list (`取值为a，表示…`).
            let clause_ends = matches!(*mark, "，" | ",") && !VALUE.is_match(next);
            (!clause_ends).then_some(next)
        });
        if let Some(next) = separated {
            at = next;
        } else if separators.spaces && had_space && VALUE.is_match(spaced) {
            at = spaced;
        } else {
            let after = at.chars().next();
            let hard_stop = after.is_none_or(|c| "，。；,;\n".contains(c));
            let ends_clause =
                hard_stop || after.is_some_and(|c| c.is_whitespace() || "）)：:".contains(c));
            return ends_clause.then_some(Parsed { values, hard_stop });
        }
    }
    // A separator with no value after it (`a、b、等`).
    None
}

/// `lead ● a：x ● b：y`: groups of bullets, each after its own lead (the text before the first
/// bullet, or an item ending with a colon); a group is a list when every item starts with a
/// value and a colon and it has two items or more.
fn bullet_groups(line: &str) -> Vec<Vec<String>> {
    let mut pieces = line.split(['●', '•']);
    pieces.next(); // The lead.
    let mut groups: Vec<Option<Vec<String>>> = Vec::new();
    // The first bullet opens a group whatever its lead says (`排序 ● a：… ● b：…`).
    let mut open = true;
    for item in pieces {
        if open {
            groups.push(Some(Vec::new()));
        }
        if let Some(Some(group_values)) = groups.last_mut() {
            match ITEM_VALUE.captures(item) {
                Some(caps) => group_values.push(group(&caps, 1).to_string()),
                None => {
                    if let Some(last) = groups.last_mut() {
                        *last = None;
                    }
                }
            }
        }
        open = item.trim_end().ends_with(['：', ':']);
    }
    groups.into_iter().flatten().filter(|values| values.len() >= 2).collect()
}

/// `网段类型。 public：公网网段 internal：内网网段 默认值为internal。`: two or more
/// `value：meaning` pairs in a row, starting a line or a sentence.
fn paired_sentence(line: &str) -> Option<Vec<String>> {
    let starts = std::iter::once(0).chain(
        line.match_indices(['。', '：', ':'])
            .map(|(i, mark)| i + mark.len())
            .filter(|&i| line.get(i..).is_some_and(|rest| rest.starts_with(char::is_whitespace))),
    );
    for start in starts {
        let mut at = line.get(start..).unwrap_or("").trim_start();
        let mut values = Vec::new();
        while let Some(caps) = PAIR.captures(at) {
            values.push(group(&caps, 1).to_string());
            at = at.get(caps.get(0).map_or(0, |m| m.end())..).unwrap_or("");
        }
        if values.len() >= 2 {
            return Some(values);
        }
    }
    None
}

/// `要执行的操作。 add/remove。`: a sentence that is nothing but values joined by `/`.
fn slash_sentences(line: &str) -> Vec<Vec<String>> {
    line.split(['。', '；'])
        .map(|sentence| sentence.trim().trim_end_matches('.'))
        .filter(|sentence| SLASHED.is_match(sentence))
        .map(|sentence| sentence.split('/').map(str::to_string).collect())
        .collect()
}

/// `级别为1、2、3、4。`, `支持max、min。`, `值为：a或b。`, `可以是>、=、<。`: two or more
/// values joined by `、` or `或` after a weak lead, ending the clause, under no condition. Before
/// a bare 为, the clause names the field (`field` is the description's first clause: `告警级别`
/// then `级别为1、2`) or nothing (`，为a、b`), so `常用的为80、443` is no list.
fn weak_lead_lists(line: &str, field: &str, notes: &mut Vec<String>) -> Vec<Vec<String>> {
    let mut lists = Vec::new();
    let strong: Vec<_> = STRONG_LEAD.find_iter(line).map(|lead| lead.range()).collect();
    for lead in WEAK_LEAD.find_iter(line) {
        let before = line.get(..lead.start()).unwrap_or("");
        let in_a_strong_lead = strong.iter().any(|range| range.contains(&lead.start()));
        if in_a_strong_lead
            || before.ends_with('省')
            || before.ends_with("默认")
            || is_negated(before)
        {
            continue; // 取值为: a strong lead; 默认为, 缺省为: a default; 不支持, 不能为: no list.
        }
        let subject = before.rsplit(CLAUSE_ENDS).next().unwrap_or("").trim();
        if lead_word(&lead) == "为" && !subject.is_empty() && !field.contains(subject) {
            continue;
        }
        let Some(parsed) = parse_list(line.get(lead.end()..).unwrap_or(""), WEAK) else {
            continue;
        };
        if parsed.values.len() < 2 {
            continue;
        }
        if is_conditional(line, lead.start()) {
            notes.push(format!(
                "the values {} hold only under a condition; not read as the field's values",
                parsed.values.join(", ")
            ));
            continue;
        }
        lists.push(parsed.values);
    }
    lists
}

/// The lead word of a weak lead match (`为` of `为：`).
fn lead_word<'t>(lead: &regex::Match<'t>) -> &'t str {
    lead.as_str().trim_end_matches(|c: char| c.is_whitespace() || c == '：' || c == ':')
}

/// Whether the words just before a lead negate it (`不支持`, `不能为`, `非`).
fn is_negated(before: &str) -> bool {
    before.chars().rev().take(3).any(|c| matches!(c, '不' | '非' | '勿' | '禁' | '无'))
}

/// Lists after a strong lead anywhere in the description (`枚举类型：a\b`, `取值为a，b`,
/// `仅限于 a（甲） b（乙）`), and one value after one on a line of its own when it ends its
/// clause (`取值为create_at，表示…`).
fn strong_lead_lists(lines: &[TextLine], text: &str, notes: &mut Vec<String>) -> Vec<Vec<String>> {
    let mut lists = Vec::new();
    for caps in STRONG_LEAD.captures_iter(text) {
        let (Some(whole), Some(lead)) = (caps.get(0), caps.get(1)) else { continue };
        let Some(parsed) = parse_list(text.get(whole.end()..).unwrap_or(""), STRONG) else {
            continue;
        };
        let single = parsed.values.len() == 1;
        if single && !(parsed.hard_stop && on_a_plain_line(lines, text, whole.start())) {
            continue;
        }
        if is_conditional(text, lead.start()) {
            notes.push(format!(
                "`{}{}` holds only under a condition; not read as the field's values",
                lead.as_str(),
                parsed.values.join("、")
            ));
            continue;
        }
        lists.push(parsed.values);
    }
    lists
}

/// Whether byte `at` of the rendered `text` is on a line that is not a list item.
fn on_a_plain_line(lines: &[TextLine], text: &str, at: usize) -> bool {
    let index = text.get(..at).map_or(0, |before| before.matches('\n').count());
    lines.get(index).is_some_and(|line| !line.list_item)
}

/// `取值【enable/disable】`.
fn bracket_lists(text: &str) -> Vec<Vec<String>> {
    BRACKETS
        .captures_iter(text)
        .filter_map(|caps| {
            let values: Vec<String> = group(&caps, 1)
                .split(['/', '、', '，', ',', '|'])
                .map(|value| value.trim().to_string())
                .collect();
            let all_values = values
                .iter()
                .all(|value| VALUE.find(value).is_some_and(|found| found.len() == value.len()));
            (all_values && values.len() >= 2).then_some(values)
        })
        .collect()
}

/// Runs of `<li>` lines that are all `value：meaning`, all bare values after a line that
/// announces values (`取值如下：`), or all values per case of one subject.
fn list_item_values(lines: &[TextLine], notes: &mut Vec<String>) -> Vec<Vec<String>> {
    let mut lists = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let run_len = lines.iter().skip(i).take_while(|line| line.list_item).count();
        if run_len == 0 {
            i += 1;
            continue;
        }
        let run = lines.get(i..i + run_len).unwrap_or_default();
        let lead = i.checked_sub(1).and_then(|before| lines.get(before));
        let announced = lead.is_some_and(|line| ENUM_LEAD.is_match(&line.text));
        // After `取值范围：` a comma may separate value and meaning (`1，实时数据`).
        let item = if announced { &*LOOSE_ITEM_VALUE } else { &*ITEM_VALUE };
        let with_meaning: Option<Vec<String>> = run
            .iter()
            .map(|line| item.captures(&line.text).map(|caps| group(&caps, 1).to_string()))
            .collect();
        let bare: Option<Vec<String>> = run
            .iter()
            .map(|line| BARE_ITEM.captures(&line.text).map(|caps| group(&caps, 1).to_string()))
            .collect();
        match (with_meaning, bare) {
            (Some(values), _) if values.len() >= 2 || announced => lists.push(values),
            (_, Some(values)) if announced => lists.push(values),
            _ => lists.extend(per_case(run, lead, notes)),
        }
        i += run_len;
    }
    lists
}

/// `告警类型。` then `- 针对a时，告警类型为A（甲）或B（乙）。` `- 针对c时，告警类型为C。`:
/// two or more items, each giving the values of the lead's subject in one case. All the values
/// are read; which case allows which is noted.
fn per_case(
    run: &[TextLine],
    lead: Option<&TextLine>,
    notes: &mut Vec<String>,
) -> Option<Vec<String>> {
    let subject_of_lead = lead?.text.trim().trim_end_matches(['。', '.', '：', ':']).to_string();
    if run.len() < 2 || subject_of_lead.is_empty() {
        return None;
    }
    let mut values: Vec<String> = Vec::new();
    let mut cases = Vec::new();
    for line in run {
        let caps = CASE_ITEM.captures(&line.text)?;
        let subject = caps.name("subject").map_or("", |m| m.as_str()).trim();
        if subject.is_empty() || !subject_of_lead.ends_with(subject) {
            return None;
        }
        let parsed = parse_list(caps.name("list").map_or("", |m| m.as_str()), WEAK)?;
        if !parsed.hard_stop {
            return None;
        }
        let case = caps.name("case").map_or("", |m| m.as_str());
        cases.push(format!("{case}: {}", parsed.values.join(", ")));
        for value in parsed.values {
            if !values.contains(&value) {
                values.push(value);
            }
        }
    }
    notes.push(format!("the values are given per case ({})", cases.join("; ")));
    Some(values)
}

/// Lines of `value：meaning` (not list items) after a line that announces values: `为如下3种：`
/// then `A：…` `B：…` `C：…`, or `枚举值。` then `alarm：…`.
fn announced_lines(lines: &[TextLine], notes: &mut Vec<String>) -> Vec<Vec<String>> {
    let mut lists = Vec::new();
    let mut i = 0;
    while let Some(lead) = lines.get(i) {
        i += 1;
        if lead.list_item || !ENUM_LEAD.is_match(&lead.text) {
            continue;
        }
        let values: Vec<String> = lines
            .iter()
            .skip(i)
            .take_while(|line| !line.list_item)
            .map_while(|line| {
                ITEM_VALUE.captures(&line.text).map(|caps| group(&caps, 1).to_string())
            })
            .collect();
        if values.is_empty() {
            continue;
        }
        i += values.len();
        let announced: Option<usize> =
            LEAD_COUNT.captures(&lead.text).and_then(|caps| group(&caps, 1).parse().ok());
        match announced {
            Some(count) if count != values.len() => notes.push(format!(
                "`{}` announces {count} values but {} follow ({}); not read as the field's values",
                lead.text,
                values.len(),
                values.join(", ")
            )),
            _ => lists.push(values),
        }
    }
    lists
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

    fn read(text: &[&str]) -> (Vec<Vec<String>>, Vec<String>) {
        let lines = lines(text);
        let rendered: Vec<String> = lines.iter().map(TextLine::rendered).collect();
        let mut notes = Vec::new();
        let lists = value_lists(&lines, &rendered.join("\n"), &mut notes);
        (lists, notes)
    }

    fn values(text: &[&str]) -> Vec<Vec<String>> {
        read(text).0
    }

    #[test]
    fn bullets_in_groups_after_their_leads() {
        let line = "携带方式： ● TCP TOA：插入选项。 说明 仅某些后端。 ● Proxy Protocol：插入载荷。 \
                    参数的取值包括： ● off：关闭。 ● toa_on：开启甲。 ● all_on：全开。 默认值为“off”。";
        assert_eq!(values(&[line]), vec![vec!["off", "toa_on", "all_on"]]);
        assert_eq!(values(&["排序，取值为： ● desc：降序 ● asc：升序"]), vec![vec!["desc", "asc"]]);
        assert!(values(&["说明： ● 甲：一 ● 乙：二"]).is_empty());
    }

    #[test]
    fn weak_leads_list_two_values_or_more() {
        assert_eq!(
            values(&["聚合方式，支持max、min、sum，分别表示最大、最小、求和。"]),
            vec![vec!["max", "min", "sum"]]
        );
        assert_eq!(values(&["级别，默认为2，级别为1、2、3。"]), vec![vec!["1", "2", "3"]]);
        assert_eq!(values(&["类型，值为：rack或shelf。"]), vec![vec!["rack", "shelf"]]);
        assert_eq!(values(&["比较方式，可以是>、=、<=。"]), vec![vec![">", "=", "<="]]);
        assert_eq!(values(&["可选值为a、b，c。"]), vec![vec!["a", "b", "c"]]);
    }

    #[test]
    fn incidental_mentions_are_no_lists() {
        assert!(values(&["支持ECS、EVS等服务。"]).is_empty());
        assert!(values(&["格式为key,value。"]).is_empty());
        assert!(values(&["单位为ms。"]).is_empty());
        assert!(values(&["端口号，常用的为80、443。"]).is_empty());
        assert_eq!(values(&["版本状态，为a、b。"]), vec![vec!["a", "b"]]);
        assert!(values(&["- 仅支持a、b。"]).is_empty());
        let (lists, notes) = read(&["当type为a、b时必选。"]);
        assert!(lists.is_empty());
        assert!(notes.is_empty(), "the list does not end its clause: {notes:?}");
        let (lists, notes) = read(&["渠道，如果型号为R1，可以为sms、mail。"]);
        assert!(lists.is_empty());
        assert_eq!(notes.len(), 1);
    }

    #[test]
    fn strong_leads() {
        assert_eq!(values(&["枚举类型：normal\\warning"]), vec![vec!["normal", "warning"]]);
        assert_eq!(values(&["操作（仅限于open，close）：open（开）"]), vec![vec!["open", "close"]]);
        assert_eq!(values(&["操作：仅限于 open（开） close（关）"]), vec![vec!["open", "close"]]);
        assert_eq!(values(&["排序字段，取值为create_at，表示创建时间。"]), vec![vec!["create_at"]]);
        assert!(values(&["取值为true 表示开启"]).is_empty());
        assert!(values(&["- 取值为a，表示甲。"]).is_empty());
        assert!(values(&["取值为a、b等。"]).is_empty());
    }

    #[test]
    fn brackets_slashes_and_pairs() {
        assert_eq!(values(&["是否停用，取值【enable/disable】"]), vec![vec!["enable", "disable"]]);
        assert_eq!(values(&["要执行的操作。 add/remove。"]), vec![vec!["add", "remove"]]);
        assert!(values(&["路径为/v1/racks。"]).is_empty());
        assert_eq!(
            values(&["网段类型。 public：公网 internal：内网 默认值为internal。"]),
            vec![vec!["public", "internal"]]
        );
        assert!(values(&["示例：a"]).is_empty());
    }

    #[test]
    fn values_per_case() {
        let (lists, notes) = read(&[
            "挂件类型。",
            "- 针对单个挂件时，挂件类型为SINGLE（单个）或PAIR（成对）。",
            "- 针对挂架时，挂件类型为RACK。",
        ]);
        assert_eq!(lists, vec![vec!["SINGLE", "PAIR", "RACK"]]);
        assert_eq!(
            notes,
            vec!["the values are given per case (针对单个挂件时: SINGLE, PAIR; 针对挂架时: RACK)"]
        );
        let other_subject =
            ["挂件类型。", "- 针对单个挂件时，颜色为RED。", "- 针对挂架时，挂件类型为RACK。"];
        assert!(values(&other_subject).is_empty());
    }

    #[test]
    fn lines_after_a_lead() {
        assert_eq!(
            values(&["版本状态，为如下2种：", "NEW：新版本。", "OLD：旧版本。"]),
            vec![vec!["NEW", "OLD"]]
        );
        assert_eq!(values(&["配额类型，枚举值。", "widget：挂件。"]), vec![vec!["widget"]]);
        let (lists, notes) = read(&["状态，为如下3种：", "NEW：新。", "OLD：旧。"]);
        assert!(lists.is_empty());
        assert_eq!(notes.len(), 1);
        assert!(values(&["说明。", "NEW：新。"]).is_empty());
    }
}
