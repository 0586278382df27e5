//! The vendor extensions the generator reads (documented in `specs/README.md`).

use serde::Deserialize;

use super::Resolver;
use crate::ir::{SourcePage, StatusEntry, StatusTable};
use crate::naming::{Case, Scope};
use crate::pointer::Pointer;

const SOURCE: &str = "x-huawei-source";
const STATUS_CODES: &str = "x-huawei-status-codes";
/// Root-level extensions of ours; any other `x-huawei-` key is a typo.
const KNOWN: [&str; 2] = [SOURCE, STATUS_CODES];

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSource {
    title: String,
    seed: Option<String>,
    topic: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawStatus {
    code: u16,
    reason: String,
    outcome: Outcome,
    meaning: Option<String>,
}

#[derive(Deserialize, PartialEq, Eq, Clone, Copy)]
#[serde(rename_all = "lowercase")]
enum Outcome {
    Success,
    Error,
}

impl Resolver<'_> {
    /// `x-huawei-source`: which documentation page the spec transcribes.
    pub(super) fn source_page(&mut self) -> Option<SourcePage> {
        let value = self.spec.document.extensions.get(SOURCE)?.clone();
        let pointer = Pointer::root().join(SOURCE);
        match serde_json::from_value::<RawSource>(value) {
            Ok(raw) => Some(SourcePage { title: raw.title, seed: raw.seed, topic: raw.topic }),
            Err(err) => {
                self.error(&pointer, format!("`{SOURCE}` must be {{title, seed?, topic?}}: {err}"));
                None
            }
        }
    }

    /// `x-huawei-status-codes`: a service-wide status table, in page order.
    pub(super) fn status_table(&mut self, module: &str) -> Option<StatusTable> {
        let value = self.spec.document.extensions.get(STATUS_CODES)?.clone();
        let pointer = Pointer::root().join(STATUS_CODES);
        let serde_json::Value::Array(items) = value else {
            self.error(
                &pointer,
                format!("`{STATUS_CODES}` must be a list of {{code, reason, outcome, meaning?}}"),
            );
            return None;
        };
        let mut variants = Scope::default();
        let mut entries: Vec<StatusEntry> = Vec::new();
        let mut first_at: Vec<Pointer> = Vec::new();
        for (index, item) in items.into_iter().enumerate() {
            let item_pointer = pointer.join(index);
            let raw = match serde_json::from_value::<RawStatus>(item) {
                Ok(raw) => raw,
                Err(err) => {
                    self.error(&item_pointer, format!("a status entry must be {{code, reason, outcome: success|error, meaning?}}: {err}"));
                    continue;
                }
            };
            if !(100..=599).contains(&raw.code) {
                self.error(
                    &item_pointer.join("code"),
                    format!("`{}` is not an HTTP status code", raw.code),
                );
                continue;
            }
            if let Some(position) = entries.iter().position(|e| e.code == raw.code) {
                let first = self.locate(&first_at[position]);
                let here = self.locate(&item_pointer);
                self.diags
                    .error(here, format!("status {} is listed twice", raw.code))
                    .related
                    .push(("first listed here".into(), first));
                continue;
            }
            let variant = self.claim_in(
                &mut variants,
                &raw.reason,
                &format!("reason `{}`", raw.reason),
                Case::UpperCamel,
                &item_pointer,
                "variant name",
            );
            first_at.push(item_pointer);
            entries.push(StatusEntry {
                pattern: crate::ir::StatusPattern::Code(raw.code),
                code: raw.code,
                reason: raw.reason,
                meaning: raw.meaning,
                success: raw.outcome == Outcome::Success,
                variant,
            });
        }
        let name = self.claim_type_name(
            &format!("{module}_status"),
            "the service status-code table",
            &pointer,
        );
        Some(StatusTable { name, entries })
    }

    /// Any other root `x-huawei-` key is reported: it would otherwise be ignored without a word.
    pub(super) fn check_unknown_root_extensions(&mut self) {
        let unknown: Vec<String> = self
            .spec
            .document
            .extensions
            .keys()
            .filter(|k| k.starts_with("x-huawei-") && !KNOWN.contains(&k.as_str()))
            .cloned()
            .collect();
        for key in unknown {
            self.error(
                &Pointer::root().join(&key),
                format!(
                    "unknown vendor extension `{key}`; the generator reads {}",
                    KNOWN.join(" and ")
                ),
            );
        }
    }
}
