//! `pattern`: ECMA-262 regular expressions, read with `regress` exactly as the generated
//! `validate()` reads them (through the runtime's `Pattern`).

use crate::ir::Pattern;
use crate::pointer::Pointer;
use crate::resolve::Resolver;

/// How ECMA-262 reads a pattern.
enum Reading {
    /// Valid with the `u` flag, as JSON Schema asks.
    Unicode(regress::Regex),
    /// Valid only without the `u` flag (ECMA-262 Annex B syntax: `[\d-x]`, `\-`, `a{,5}` as
    /// literal text); `regress`'s objection to it with the flag.
    Legacy(regress::Regex, String),
    /// Not an ECMA-262 regular expression: `regress`'s errors with the `u` flag and without it.
    Invalid { unicode: String, legacy: String },
}

/// Reads `source` with the `u` flag, and, failing that, without it. The flags and the engine are the
/// runtime's (`runtime::Pattern::new` and `Pattern::legacy`), so what compiles here compiles there.
fn read(source: &str) -> Reading {
    match regress::Regex::with_flags(source, "u") {
        Ok(regex) => Reading::Unicode(regex),
        Err(unicode) => match regress::Regex::new(source) {
            Ok(regex) => Reading::Legacy(regex, message(&unicode)),
            Err(legacy) => {
                Reading::Invalid { unicode: message(&unicode), legacy: message(&legacy) }
            }
        },
    }
}

impl Resolver<'_> {
    /// Reads the `pattern` at `pointer` (the keyword's own pointer). A pattern that is valid only
    /// without the `u` flag, or not at all, is a mistake (see [`Resolver::mistake`]): an error in the
    /// workspace; for `cargo xtask generate` a warning, and the first is checked as Annex B reads it
    /// while the second is left unchecked (`None`; the caller notes it in the docs).
    pub(super) fn pattern(
        &mut self,
        source: &str,
        pointer: &Pointer,
    ) -> Option<(Pattern, regress::Regex)> {
        match read(source) {
            Reading::Unicode(regex) => {
                Some((Pattern { source: source.to_owned(), unicode: true }, regex))
            }
            Reading::Legacy(regex, objection) => {
                self.mistake(
                    pointer,
                    &format!(
                        "`pattern` `{source}` is valid ECMA-262 only in the legacy syntax of Annex B, not with the `u` flag JSON Schema asks for (regress: {objection})"
                    ),
                    "it is checked as Annex B reads it, as `new RegExp(pattern)` would",
                );
                Some((Pattern { source: source.to_owned(), unicode: false }, regex))
            }
            Reading::Invalid { unicode, legacy } => {
                let without = if legacy == unicode {
                    String::new()
                } else {
                    format!("; without the `u` flag: {legacy}")
                };
                self.mistake(
                    pointer,
                    &format!(
                        "`pattern` `{source}` is not an ECMA-262 regular expression (regress: {unicode}{without})"
                    ),
                    "it is left unchecked, and its docs say so",
                );
                None
            }
        }
    }
}

/// `regress`'s message, without the full stop some end with (it is quoted inside a sentence).
fn message(error: &regress::Error) -> String {
    error.to_string().trim_end_matches('.').to_owned()
}
