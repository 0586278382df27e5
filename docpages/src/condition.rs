//! Whether a statement holds only under a condition: `如果action为filter默认为1000`,
//! `type为2时必选`, `当…时`, `action为filter时，默认为1000`.
//!
//! A condition is a clause opened by 如果/假如/若, or closed by a 时 that means "when". The 时 of
//! a word (时间, 小时, 实时, 同时, ...) is no condition, and 当 alone is not one either (当前 is
//! "current"): `终端节点的更新时间 默认值为create_at` states its default plainly.

/// Characters after which a 时 belongs to a word (小时, 实时, 同时, ...), not a condition.
const WORD_BEFORE: &[char] = &[
    '小', '实', '同', '及', '定', '临', '超', '准', '按', '即', '暂', '适', '历', '计', '届', '平',
];

/// Characters before which a 时 starts a word (时间, 时区, 时长, ...), not a condition.
const WORD_AFTER: &[char] =
    &['间', '区', '刻', '长', '段', '效', '延', '钟', '戳', '期', '序', '隙', '候', '分', '速'];

/// Where clauses end: the statement's own clause starts after the last of these.
pub(crate) const CLAUSE_ENDS: &[char] = &['，', '。', '；', ',', ';', '\n'];

/// Whether the statement at byte `at` of `text` holds only under a condition: its own clause
/// (back to the last comma or full stop) states one, or the clause just before it in the same
/// sentence does (`action为filter时，默认为1000`).
pub(crate) fn is_conditional(text: &str, at: usize) -> bool {
    let before = text.get(..at).unwrap_or("");
    let (rest, clause) = match before.rfind(CLAUSE_ENDS) {
        Some(end) => {
            let separator = before.get(end..).and_then(|s| s.chars().next()).unwrap_or('\n');
            let clause = before.get(end + separator.len_utf8()..).unwrap_or("");
            let same_sentence = matches!(separator, '，' | ',');
            (same_sentence.then(|| before.get(..end).unwrap_or("")), clause)
        }
        None => (None, before),
    };
    if states_condition(clause) {
        return true;
    }
    let previous = rest.map(|rest| match rest.rfind(CLAUSE_ENDS) {
        Some(end) => rest.get(end..).map_or("", |s| s.trim_start_matches(CLAUSE_ENDS)),
        None => rest,
    });
    previous.is_some_and(|previous| {
        let previous = previous.trim();
        opens_condition(previous) || ends_with_when(previous)
    })
}

/// Whether a clause states a condition anywhere in it.
fn states_condition(clause: &str) -> bool {
    opens_condition(clause) || when_positions(clause).next().is_some()
}

/// 如果, 假如 or 若 (not 若干) in the clause.
fn opens_condition(clause: &str) -> bool {
    clause.contains("如果")
        || clause.contains("假如")
        || clause.match_indices('若').any(|(i, _)| {
            !clause.get(i + '若'.len_utf8()..).is_some_and(|after| after.starts_with('干'))
        })
}

/// Whether the clause ends with a 时 meaning "when" (`type为2时`).
fn ends_with_when(clause: &str) -> bool {
    when_positions(clause).any(|at| clause.get(at + '时'.len_utf8()..).is_some_and(str::is_empty))
}

/// The byte positions of every 时 in `clause` that means "when".
fn when_positions(clause: &str) -> impl Iterator<Item = usize> + '_ {
    clause.match_indices('时').map(|(i, _)| i).filter(move |&i| {
        let before = clause.get(..i).and_then(|s| s.chars().next_back());
        let after = clause.get(i + '时'.len_utf8()..).and_then(|s| s.chars().next());
        !before.is_some_and(|c| WORD_BEFORE.contains(&c))
            && !after.is_some_and(|c| WORD_AFTER.contains(&c))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn conditional(text: &str, statement: &str) -> bool {
        is_conditional(text, text.find(statement).unwrap())
    }

    #[test]
    fn conditions() {
        assert!(conditional("查询条数，如果action为filter默认为1000。", "默认"));
        assert!(conditional("type为2时必选", "必选"));
        assert!(conditional("当mode为fast时默认为50。", "默认"));
        assert!(conditional("条数，action为filter时，默认为1000。", "默认"));
        assert!(conditional("条数，若未指定，默认为10。", "默认"));
    }

    #[test]
    fn words_with_a_time_are_no_conditions() {
        let text =
            "排序字段，取值为： ● create_at：创建时间 ● update_at：更新时间 默认值为create_at。";
        assert!(!conditional(text, "默认"));
        assert!(!conditional("间隔，单位为小时，默认为1。", "默认"));
        assert!(!conditional("当前状态，默认为on。", "默认"));
        assert!(!conditional("若干挂件，默认为2。", "默认"));
        assert!(!conditional("同时生效。默认为on。", "默认"));
    }

    #[test]
    fn a_condition_in_an_earlier_sentence_does_not_count() {
        assert!(!conditional("type为2时必选。默认为1。", "默认"));
        assert!(!conditional("当a为1时，b为2；默认为3。", "默认"));
    }
}
