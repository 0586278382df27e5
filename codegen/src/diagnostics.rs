//! Problems found in specs, each located by file, JSON pointer and (where known) line.
//!
//! Every stage pushes into one [`Diagnostics`] instead of returning early, so a run reports all
//! problems together.

use std::fmt;

/// How bad a problem is: errors stop generation, warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// The spec cannot be turned into correct code.
    Error,
    /// Code is generated, but something was changed (a renamed identifier) or deserves a look.
    Warning,
}

/// A place in a spec file.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Location {
    /// The spec file as shown to the user (relative to the workspace root where possible).
    pub file: String,
    /// An RFC 6901 JSON pointer, such as `#/components/schemas/EventItem`.
    pub pointer: String,
    /// The 1-based line the pointer's node starts on, where the source map knows it.
    pub line: Option<usize>,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{} {}", self.file, line, self.pointer),
            None => write!(f, "{} {}", self.file, self.pointer),
        }
    }
}

/// One problem, with where it is and, for clashes, the other place involved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// What is wrong, in one sentence.
    pub message: String,
    /// Where it is.
    pub location: Location,
    /// Other places involved (for example the first definition in a name clash).
    pub related: Vec<(String, Location)>,
}

impl Diagnostic {
    /// Adds another place involved in this problem.
    pub fn with_related(mut self, note: impl Into<String>, location: Location) -> Self {
        self.related.push((note.into(), location));
        self
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{label}: {}\n  --> {}", self.message, self.location)?;
        for (note, location) in &self.related {
            write!(f, "\n  note: {note}\n  --> {location}")?;
        }
        Ok(())
    }
}

/// All problems of a run, in the order they were found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    /// Records an error.
    pub fn error(&mut self, location: Location, message: impl Into<String>) -> &mut Diagnostic {
        self.push(Severity::Error, location, message)
    }

    /// Records a warning.
    pub fn warning(&mut self, location: Location, message: impl Into<String>) -> &mut Diagnostic {
        self.push(Severity::Warning, location, message)
    }

    fn push(
        &mut self,
        severity: Severity,
        location: Location,
        message: impl Into<String>,
    ) -> &mut Diagnostic {
        self.items.push(Diagnostic {
            severity,
            message: message.into(),
            location,
            related: Vec::new(),
        });
        let last = self.items.len() - 1;
        &mut self.items[last]
    }

    /// Whether any error (not just warnings) was recorded.
    pub fn has_errors(&self) -> bool {
        self.items.iter().any(|d| d.severity == Severity::Error)
    }

    /// Whether nothing at all was recorded.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// The recorded problems.
    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }

    /// Appends everything from `other`.
    pub fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
    }

    /// How many errors were recorded.
    pub fn error_count(&self) -> usize {
        self.items.iter().filter(|d| d.severity == Severity::Error).count()
    }

    /// How many warnings were recorded.
    pub fn warning_count(&self) -> usize {
        self.items.iter().filter(|d| d.severity == Severity::Warning).count()
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for diagnostic in &self.items {
            writeln!(f, "{diagnostic}\n")?;
        }
        write!(f, "{} error(s), {} warning(s)", self.error_count(), self.warning_count())
    }
}
