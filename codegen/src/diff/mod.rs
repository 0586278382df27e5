//! Spec diff: what a change between two versions of the specs means for the wire contract and for
//! the Rust API of the generated crate.
//!
//! The comparison runs on the resolved [`ir`](crate::ir) of both sides, never on YAML, so moving a
//! schema behind a `$ref` (or back), reordering properties, paths or components, and editing prose
//! change nothing. Rule ids follow oasdiff's names where it has one.

mod compare;
mod report;

use std::collections::{BTreeMap, BTreeSet};

use sha2::{Digest, Sha256};

use crate::Options;
use crate::diagnostics::Diagnostics;

pub use compare::compare;
pub use report::{Format, GeneratedChange, Report};

/// A spec file's display path and text, as read from disk or from git.
pub type Source = (String, String);

/// A side that could not be loaded: which one, and why.
#[derive(Debug, Clone)]
pub struct SideError {
    /// `base` or `working tree`.
    pub side: &'static str,
    /// The problems.
    pub diagnostics: Diagnostics,
}

/// Loads, resolves and compares two versions of the specs, lists the generated files that change,
/// and marks accepted findings. A side with any error is an `Err`: it is never reported as "no
/// change".
pub fn run(
    before: &[Source],
    after: &[Source],
    base: &str,
    accepted: &Accepted,
    options: &Options,
) -> Result<Report, SideError> {
    let old = Side::load("base", before, options)?;
    let new = Side::load("working tree", after, options)?;
    let mut findings = compare(&old.services, &new.services);
    accepted.apply(&mut findings);
    let crate_dir = "generated";
    let mut generated = Vec::new();
    for (path, text) in &new.files {
        match old.files.get(path) {
            None => generated
                .push(GeneratedChange { path: format!("{crate_dir}/{path}"), change: "added" }),
            Some(old_text) if old_text != text => generated
                .push(GeneratedChange { path: format!("{crate_dir}/{path}"), change: "changed" }),
            Some(_) => {}
        }
    }
    for path in old.files.keys().filter(|p| !new.files.contains_key(*p)) {
        generated.push(GeneratedChange { path: format!("{crate_dir}/{path}"), change: "removed" });
    }
    generated.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(Report::new(base.to_owned(), findings, generated))
}

struct Side {
    services: Vec<crate::ir::Service>,
    files: BTreeMap<String, String>,
}

impl Side {
    fn load(side: &'static str, sources: &[Source], options: &Options) -> Result<Self, SideError> {
        let mut diagnostics = Diagnostics::default();
        let specs: Vec<_> = sources
            .iter()
            .filter_map(|(display, text)| {
                crate::load::load_str(display.clone(), text, &mut diagnostics)
            })
            .collect();
        let services = crate::resolve_all(&specs, &mut diagnostics);
        if diagnostics.has_errors() {
            return Err(SideError { side, diagnostics });
        }
        let generation = crate::generate_services(&services, options, Diagnostics::default());
        if generation.diagnostics.has_errors() {
            return Err(SideError { side, diagnostics: generation.diagnostics });
        }
        let files =
            generation.files.into_iter().map(|f| (f.output.path, f.output.contents)).collect();
        Ok(Self { services, files })
    }
}

/// How a change affects clients on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// Existing clients may break.
    Breaking,
    /// Clients may need attention.
    Warning,
    /// Compatible.
    Info,
}

impl Level {
    /// The lower-case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Breaking => "breaking",
            Level::Warning => "warning",
            Level::Info => "info",
        }
    }
}

/// One change and what it means.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Finding {
    /// The rule id, such as `request-property-max-length-decreased`.
    pub rule: String,
    /// Wire compatibility.
    pub level: Level,
    /// The spec file (of the new side, or the old one for removals).
    pub spec: String,
    /// The operationId, when the change is inside an operation.
    pub operation: Option<String>,
    /// A JSON pointer to where the change is, in the new side's terms where it exists.
    pub pointer: String,
    /// One line saying what changed.
    pub message: String,
    /// What changes for users of the generated crate.
    pub rust_impact: String,
    /// Whether code using the generated crate may stop compiling.
    pub rust_breaking: bool,
    /// A stable id for accepting this finding (see [`Accepted`]).
    pub fingerprint: String,
    /// Whether the accepted-breaks file acknowledges it.
    pub accepted: bool,
}

impl Finding {
    fn fingerprint_of(
        rule: &str,
        spec: &str,
        operation: Option<&str>,
        pointer: &str,
        message: &str,
    ) -> String {
        let text =
            format!("{rule}\n{spec}\n{}\n{pointer}\n{message}", operation.unwrap_or_default());
        hex::encode(&Sha256::digest(text.as_bytes())[..8])
    }
}

/// The acknowledged findings: one fingerprint per line, anything after it (and `#` lines) a comment.
#[derive(Debug, Clone, Default)]
pub struct Accepted {
    fingerprints: BTreeSet<String>,
}

impl Accepted {
    /// Parses an accepted-breaks file.
    pub fn parse(text: &str) -> Self {
        let fingerprints = text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .filter_map(|l| l.split_whitespace().next())
            .map(str::to_owned)
            .collect();
        Self { fingerprints }
    }

    /// Marks the findings this file acknowledges.
    pub fn apply(&self, findings: &mut [Finding]) {
        for finding in findings {
            finding.accepted = self.fingerprints.contains(&finding.fingerprint);
        }
    }
}
