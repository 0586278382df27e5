//! A spec-diff report in three formats: text for terminals, Markdown for pull-request comments, JSON
//! for tools.

use std::fmt::Write as _;

use super::{Finding, Level};

/// The output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Plain text, one finding per block.
    Text,
    /// A pull-request comment.
    Markdown,
    /// Machine-readable.
    Json,
}

/// A generated file that the change creates, changes or deletes.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct GeneratedChange {
    /// The path, relative to the workspace.
    pub path: String,
    /// `added`, `changed` or `removed`.
    pub change: &'static str,
}

/// Everything spec-diff found.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Report {
    /// The base revision compared against.
    pub base: String,
    /// The findings, breaking first.
    pub findings: Vec<Finding>,
    /// The generated files that change.
    pub generated_files: Vec<GeneratedChange>,
}

#[derive(serde::Serialize)]
struct Counts {
    breaking: usize,
    warning: usize,
    info: usize,
    accepted: usize,
}

impl Report {
    /// Sorts findings by level, then spec, operation, pointer and rule.
    pub fn new(
        base: String,
        mut findings: Vec<Finding>,
        generated_files: Vec<GeneratedChange>,
    ) -> Self {
        findings.sort_by(|a, b| {
            (a.level, &a.spec, &a.operation, &a.pointer, &a.rule).cmp(&(
                b.level,
                &b.spec,
                &b.operation,
                &b.pointer,
                &b.rule,
            ))
        });
        Self { base, findings, generated_files }
    }

    fn counts(&self) -> Counts {
        let open = |level| self.findings.iter().filter(|f| f.level == level && !f.accepted).count();
        Counts {
            breaking: open(Level::Breaking),
            warning: open(Level::Warning),
            info: open(Level::Info),
            accepted: self.findings.iter().filter(|f| f.accepted).count(),
        }
    }

    /// Whether any finding not accepted is at `level` or worse.
    pub fn reaches(&self, level: Level) -> bool {
        self.findings.iter().any(|f| !f.accepted && f.level <= level)
    }

    /// Renders the report.
    pub fn render(&self, format: Format) -> String {
        match format {
            Format::Text => self.text(),
            Format::Markdown => self.markdown(),
            Format::Json => {
                #[derive(serde::Serialize)]
                struct Json<'a> {
                    summary: Counts,
                    #[serde(flatten)]
                    report: &'a Report,
                }
                let mut text =
                    serde_json::to_string_pretty(&Json { summary: self.counts(), report: self })
                        .unwrap_or_default();
                text.push('\n');
                text
            }
        }
    }

    fn summary(&self) -> String {
        let c = self.counts();
        let mut line =
            format!("{} breaking, {} warning(s), {} non-breaking", c.breaking, c.warning, c.info);
        if c.accepted > 0 {
            line.push_str(&format!(", {} accepted", c.accepted));
        }
        format!("{line} (compared with {})", self.base)
    }

    fn text(&self) -> String {
        let mut out = format!("spec-diff: {}\n", self.summary());
        for f in &self.findings {
            let accepted = if f.accepted { " (accepted)" } else { "" };
            let operation = f.operation.as_deref().map(|o| format!(" {o}")).unwrap_or_default();
            let _ = write!(
                out,
                "\n{}{accepted} {}\n  at {}{operation} {}\n  {}\n  rust: {}{}\n  fingerprint: {}\n",
                f.level.as_str().to_uppercase(),
                f.rule,
                f.spec,
                f.pointer,
                f.message,
                f.rust_impact,
                if f.rust_breaking { " [breaks Rust API]" } else { "" },
                f.fingerprint
            );
        }
        if !self.generated_files.is_empty() {
            out.push_str("\ngenerated files that change:\n");
            for g in &self.generated_files {
                let _ = writeln!(out, "  {} {}", g.change, g.path);
            }
        }
        out
    }

    fn markdown(&self) -> String {
        let mut out = format!("**spec-diff**: {}\n", self.summary());
        let table = |findings: Vec<&Finding>| {
            let mut t = String::from(
                "\n| rule | where | change | Rust impact | fingerprint |\n| --- | --- | --- | --- | --- |\n",
            );
            for f in findings {
                let operation =
                    f.operation.as_deref().map(|o| format!(" `{o}`")).unwrap_or_default();
                let rust = if f.rust_breaking {
                    format!("⚠️ {}", cell(&f.rust_impact))
                } else {
                    cell(&f.rust_impact)
                };
                let accepted = if f.accepted { " (accepted)" } else { "" };
                let _ = writeln!(
                    t,
                    "| `{}`{accepted} | `{}`{operation} `{}` | {} | {} | `{}` |",
                    f.rule,
                    f.spec,
                    f.pointer,
                    cell(&f.message),
                    rust,
                    f.fingerprint
                );
            }
            t
        };
        let of = |level| self.findings.iter().filter(|f| f.level == level).collect::<Vec<_>>();
        let (breaking, warnings, info) = (of(Level::Breaking), of(Level::Warning), of(Level::Info));
        if !breaking.is_empty() {
            out.push_str("\n### Breaking changes\n");
            out.push_str(&table(breaking));
        }
        if !warnings.is_empty() {
            out.push_str("\n### Warnings\n");
            out.push_str(&table(warnings));
        }
        if !info.is_empty() {
            let _ = write!(
                out,
                "\n<details><summary>{} non-breaking change(s)</summary>\n{}\n</details>\n",
                info.len(),
                table(info)
            );
        }
        if !self.generated_files.is_empty() {
            out.push_str("\n### Generated files that change\n\n");
            for g in &self.generated_files {
                let _ = writeln!(out, "- `{}` ({})", g.path, g.change);
            }
        }
        out
    }
}

/// Text made safe for a Markdown table cell.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}
