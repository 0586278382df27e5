//! The vendor extensions the generator reads (documented in `specs/README.md`).

use serde::Deserialize;

use super::Resolver;
use crate::ir::{SourcePage, StatusEntry, StatusTable};
use crate::naming::{Case, Scope};
use crate::pointer::Pointer;
use crate::vendor::{self, ERRATA, SOURCE, STATUS_CODES};

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
    /// `x-huawei-source` of the node at `at` (the root or an operation): which documentation page it
    /// transcribes. An operation's page is in the root's repository unless it names its own.
    pub(super) fn source_page(&mut self, at: &Pointer) -> Option<SourcePage> {
        let value = self.raw_at(at)?.get(SOURCE)?;
        let mut source = match vendor::source(value) {
            Ok(source) => source,
            Err(message) => {
                self.error(&at.join(SOURCE), message);
                return None;
            }
        };
        if at != &Pointer::root() {
            if source.path.is_none() {
                self.error(
                    &at.join(SOURCE),
                    "an operation's `x-huawei-source` names its page's `path`",
                );
            }
            if source.repository.is_none() {
                source.repository = self.root_source.as_ref().and_then(|r| r.repository.clone());
            }
            if source.repository.is_none() {
                self.error(
                    &at.join(SOURCE),
                    "the page's `repository` is given neither here nor in the root `x-huawei-source`",
                );
            }
        }
        Some(source)
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

    /// Every `x-huawei-` key of the document: one the generator does not know, or in a place where
    /// it means nothing, is reported (it would otherwise be ignored without a word), and errata must
    /// have their four fields.
    pub(super) fn check_vendor_extensions(&mut self, extensions: Vec<vendor::Found>) {
        for vendor::Found { at, key, position } in extensions {
            let allowed = vendor::allowed_at(position);
            if !allowed.contains(&key.as_str()) {
                let known = [SOURCE, STATUS_CODES, vendor::REASON, ERRATA, vendor::PAGINATION];
                let message = if known.contains(&key.as_str()) {
                    format!(
                        "`{key}` means nothing here; here the generator reads {}",
                        allowed.join(", ")
                    )
                } else {
                    format!(
                        "unknown vendor extension `{key}`; the generator reads {}",
                        known.join(", ")
                    )
                };
                self.error(&at.join(&key), message);
                continue;
            }
            if key == ERRATA {
                let value = self.raw_at(&at).and_then(|node| node.get(ERRATA)).cloned();
                if let Some(Err(message)) = value.map(|v| vendor::errata(&v)) {
                    self.error(&at.join(ERRATA), message);
                }
            }
        }
    }
}
