//! Checking documented constraints: the [`Validate`] trait, the rules, and the checks the generated
//! `validate_into` bodies call.
//!
//! Lengths count Unicode scalar values (characters), as JSON Schema does, not bytes.

use std::fmt;
use std::sync::OnceLock;

/// A value whose documented constraints can be checked before it is sent.
pub trait Validate {
    /// Appends every violation found in `self`, located below `path`, to `violations`.
    fn validate_into(&self, path: &FieldPath<'_>, violations: &mut Vec<Violation>);

    /// Checks every documented constraint and returns all violations at once.
    fn validate(&self) -> Result<(), ValidationError> {
        let mut violations = Vec::new();
        self.validate_into(&FieldPath::Root, &mut violations);
        if violations.is_empty() { Ok(()) } else { Err(ValidationError { violations }) }
    }
}

impl<T: Validate> Validate for Vec<T> {
    fn validate_into(&self, path: &FieldPath<'_>, violations: &mut Vec<Violation>) {
        for (index, item) in self.iter().enumerate() {
            item.validate_into(&path.index(index), violations);
        }
    }
}

impl<T: Validate> Validate for Option<T> {
    fn validate_into(&self, path: &FieldPath<'_>, violations: &mut Vec<Violation>) {
        if let Some(value) = self {
            value.validate_into(path, violations);
        }
    }
}

impl<T: Validate> Validate for std::collections::BTreeMap<String, T> {
    fn validate_into(&self, path: &FieldPath<'_>, violations: &mut Vec<Violation>) {
        for (key, value) in self {
            value.validate_into(&path.key(key), violations);
        }
    }
}

impl<T: Validate + ?Sized> Validate for Box<T> {
    fn validate_into(&self, path: &FieldPath<'_>, violations: &mut Vec<Violation>) {
        (**self).validate_into(path, violations);
    }
}

/// Where a value sits inside the value being validated, built on the stack while descending and
/// rendered (as `body[0].detail.event_name`) only when a violation is recorded.
#[derive(Debug, Clone, Copy)]
pub enum FieldPath<'a> {
    /// The value being validated itself.
    Root,
    /// A named field (wire name) of the parent.
    Field(&'a FieldPath<'a>, &'static str),
    /// An element of the parent array.
    Index(&'a FieldPath<'a>, usize),
    /// An entry of the parent map.
    Key(&'a FieldPath<'a>, &'a str),
}

impl<'a> FieldPath<'a> {
    /// The path of field `name` below this one.
    pub fn field(&'a self, name: &'static str) -> FieldPath<'a> {
        FieldPath::Field(self, name)
    }

    /// The path of element `index` below this one.
    pub fn index(&'a self, index: usize) -> FieldPath<'a> {
        FieldPath::Index(self, index)
    }

    /// The path of map entry `key` below this one.
    pub fn key(&'a self, key: &'a str) -> FieldPath<'a> {
        FieldPath::Key(self, key)
    }
}

impl fmt::Display for FieldPath<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FieldPath::Root => Ok(()),
            FieldPath::Field(FieldPath::Root, name) => f.write_str(name),
            FieldPath::Field(parent, name) => write!(f, "{parent}.{name}"),
            FieldPath::Index(parent, index) => write!(f, "{parent}[{index}]"),
            FieldPath::Key(parent, key) => write!(f, "{parent}[{key:?}]"),
        }
    }
}

/// A documented string format that validation checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Format {
    /// An RFC 4122 UUID in its hyphenated textual form.
    Uuid,
    /// An RFC 3339 date-time, such as `2022-04-14T02:09:08Z`.
    DateTime,
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Format::Uuid => "uuid",
            Format::DateTime => "date-time",
        })
    }
}

/// A numeric bound as the spec states it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Limit {
    /// A bound on an integer.
    Int(i64),
    /// A bound on a floating-point number.
    Float(f64),
}

impl fmt::Display for Limit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Limit::Int(v) => write!(f, "{v}"),
            Limit::Float(v) => write!(f, "{v}"),
        }
    }
}

/// A documented constraint, as it appears in the spec.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Rule {
    /// At least this many characters.
    MinLength(usize),
    /// At most this many characters.
    MaxLength(usize),
    /// Must match this regular expression.
    Pattern {
        /// The regular expression, as the spec gives it.
        pattern: &'static str,
        /// What the documentation says the values look like, in words, when it says.
        meaning: Option<&'static str>,
    },
    /// Must be in this format.
    Format(Format),
    /// At least this many items.
    MinItems(usize),
    /// At most this many items.
    MaxItems(usize),
    /// Not below (or, when exclusive, not at or below) this bound.
    Minimum {
        /// The bound.
        limit: Limit,
        /// Whether the bound itself is excluded.
        exclusive: bool,
    },
    /// Not above (or, when exclusive, not at or above) this bound.
    Maximum {
        /// The bound.
        limit: Limit,
        /// Whether the bound itself is excluded.
        exclusive: bool,
    },
    /// Must be one of these documented values.
    Enum(&'static [&'static str]),
    /// No two items may be equal (`uniqueItems`).
    UniqueItems,
    /// Must be a whole multiple of this (`multipleOf`).
    MultipleOf(Limit),
    /// At least this many properties (`minProperties`).
    MinProperties(usize),
    /// At most this many properties (`maxProperties`).
    MaxProperties(usize),
    /// Must be one of these documented integers.
    IntegerEnum(&'static [i64]),
    /// Must be one of these documented numbers.
    NumberEnum(&'static [f64]),
    /// Must be one of these documented booleans.
    BooleanEnum(&'static [bool]),
    /// Must be usable as one path segment: not empty, `.` or `..`.
    PathSegment,
    /// Must be sendable as an HTTP header value: printable ASCII characters, spaces and tabs.
    HeaderText,
    /// Must have every property of at least one of these sets (`anyOf` of `required` lists), or of
    /// exactly one (`oneOf`).
    RequiredAlternatives {
        /// The sets of property names.
        alternatives: &'static [&'static [&'static str]],
        /// Whether exactly one set may be complete.
        exactly_one: bool,
    },
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Rule::MinLength(n) => write!(f, "must be at least {n} characters long (minLength)"),
            Rule::MaxLength(n) => write!(f, "must be at most {n} characters long (maxLength)"),
            Rule::Pattern { pattern, meaning: None } => {
                write!(f, "must match the pattern `{pattern}`")
            }
            Rule::Pattern { pattern, meaning: Some(meaning) } => {
                write!(f, "must match the pattern `{pattern}` (documented as: {meaning})")
            }
            Rule::PathSegment => {
                f.write_str("must not be empty, `.` or `..`: it is sent as one path segment")
            }
            Rule::HeaderText => f.write_str(
                "must hold only printable ASCII characters, spaces and tabs: it is sent as an HTTP header",
            ),
            Rule::Format(format) => write!(f, "must be a valid {format}"),
            Rule::MinItems(n) => write!(f, "must have at least {n} items (minItems)"),
            Rule::MaxItems(n) => write!(f, "must have at most {n} items (maxItems)"),
            Rule::Minimum { limit, exclusive: false } => {
                write!(f, "must be at least {limit} (minimum)")
            }
            Rule::Minimum { limit, exclusive: true } => {
                write!(f, "must be greater than {limit} (exclusiveMinimum)")
            }
            Rule::Maximum { limit, exclusive: false } => {
                write!(f, "must be at most {limit} (maximum)")
            }
            Rule::Maximum { limit, exclusive: true } => {
                write!(f, "must be less than {limit} (exclusiveMaximum)")
            }
            Rule::Enum(values) => write!(f, "must be one of the documented values {values:?}"),
            Rule::UniqueItems => f.write_str("must not repeat an item (uniqueItems)"),
            Rule::MultipleOf(step) => write!(f, "must be a multiple of {step} (multipleOf)"),
            Rule::MinProperties(n) => {
                write!(f, "must have at least {n} properties (minProperties)")
            }
            Rule::MaxProperties(n) => write!(f, "must have at most {n} properties (maxProperties)"),
            Rule::IntegerEnum(values) => {
                write!(f, "must be one of the documented values {values:?}")
            }
            Rule::NumberEnum(values) => {
                write!(f, "must be one of the documented values {values:?}")
            }
            Rule::BooleanEnum(values) => {
                write!(f, "must be one of the documented values {values:?}")
            }
            Rule::RequiredAlternatives { alternatives, exactly_one } => {
                let sets: Vec<String> = alternatives.iter().map(|set| format!("{set:?}")).collect();
                if *exactly_one {
                    write!(
                        f,
                        "must have the properties of exactly one of {} (oneOf)",
                        sets.join(", ")
                    )
                } else {
                    write!(
                        f,
                        "must have the properties of at least one of {} (anyOf)",
                        sets.join(", ")
                    )
                }
            }
        }
    }
}

/// One broken constraint: which value, and which rule.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Violation {
    /// The path of the value, such as `body[0].detail.event_name` (empty for the root).
    pub path: String,
    /// The rule it breaks.
    pub rule: Rule,
    /// What the value is when the client filled it in rather than the caller (for example
    /// `configured project ID`), so the message sends the reader to the configuration.
    pub configured: Option<&'static str>,
}

impl Violation {
    /// Records that the value at `path` breaks `rule`.
    pub fn new(path: &FieldPath<'_>, rule: Rule) -> Self {
        Self { path: path.to_string(), rule, configured: None }
    }
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.configured, self.path.is_empty()) {
            (Some(what), _) => write!(f, "the {what} (`{}`) {}", self.path, self.rule),
            (None, true) => write!(f, "the value {}", self.rule),
            (None, false) => write!(f, "`{}` {}", self.path, self.rule),
        }
    }
}

/// Every violation found in a value; never empty.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub struct ValidationError {
    /// The violations, in field order.
    pub violations: Vec<Violation>,
}

impl fmt::Display for ValidationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} documented constraint(s) violated", self.violations.len())?;
        for violation in &self.violations {
            write!(f, "; {violation}")?;
        }
        Ok(())
    }
}

/// A `pattern` from the spec: an ECMA-262 regular expression (JSON Schema's dialect), compiled
/// with the [`regress`] engine on first use and then shared.
///
/// ECMA-262's semantics apply, not those of Rust's `regex` crate: `\d`, `\w` and `\b` are ASCII
/// only, `.` matches no line terminator (`\n`, `\r`, U+2028, U+2029), `$` matches only at the end
/// of the value, and look-around (`(?=`, `(?!`, `(?<=`, `(?<!`) and backreferences (`\1`,
/// `\k<name>`) work. Values are searched, not matched whole: JSON Schema patterns are not
/// implicitly anchored.
///
/// Like JavaScript's, the engine backtracks: a pattern with nested quantifiers over the same
/// characters (`^(a+)+$`) can take time exponential in the length of a value that almost matches.
///
/// The code generator only emits patterns that compile with the flags they are given, so a pattern
/// that fails to compile here cannot happen; if it ever did, every value would be reported as not
/// matching rather than the program panicking.
#[derive(Debug)]
pub struct Pattern {
    source: &'static str,
    unicode: bool,
    compiled: OnceLock<Option<regress::Regex>>,
}

impl Pattern {
    /// A pattern read with the `u` flag, as JSON Schema asks (`\p{L}` is a Unicode property, and
    /// only the escapes ECMA-262 defines are allowed).
    pub const fn new(source: &'static str) -> Self {
        Self { source, unicode: true, compiled: OnceLock::new() }
    }

    /// A pattern valid only without the `u` flag, read with the legacy syntax of ECMA-262's
    /// Annex B as `new RegExp(source)` reads it (`[\d-x]` is a digit, `-` or `x`; `\-` is `-`).
    pub const fn legacy(source: &'static str) -> Self {
        Self { source, unicode: false, compiled: OnceLock::new() }
    }

    /// The pattern's source text.
    pub fn as_str(&self) -> &'static str {
        self.source
    }

    /// Whether `value` contains a match (patterns are not implicitly anchored, as in JSON Schema).
    pub fn is_match(&self, value: &str) -> bool {
        self.compiled
            .get_or_init(|| {
                let flags = if self.unicode { "u" } else { "" };
                regress::Regex::with_flags(self.source, flags).ok()
            })
            .as_ref()
            .is_some_and(|re| re.find(value).is_some())
    }
}

/// Checks `minLength`.
pub fn min_length(path: &FieldPath<'_>, value: &str, min: usize, out: &mut Vec<Violation>) {
    if value.chars().count() < min {
        out.push(Violation::new(path, Rule::MinLength(min)));
    }
}

/// Checks `maxLength`.
pub fn max_length(path: &FieldPath<'_>, value: &str, max: usize, out: &mut Vec<Violation>) {
    if value.chars().count() > max {
        out.push(Violation::new(path, Rule::MaxLength(max)));
    }
}

/// Checks `pattern`.
pub fn pattern(path: &FieldPath<'_>, value: &str, pattern: &Pattern, out: &mut Vec<Violation>) {
    if !pattern.is_match(value) {
        let rule = Rule::Pattern { pattern: pattern.as_str(), meaning: None };
        out.push(Violation::new(path, rule));
    }
}

/// Checks `pattern` for a value the documentation describes in words (`meaning`, shown in the
/// violation beside the regular expression).
pub fn documented_pattern(
    path: &FieldPath<'_>,
    value: &str,
    pattern: &Pattern,
    meaning: &'static str,
    out: &mut Vec<Violation>,
) {
    if !pattern.is_match(value) {
        let rule = Rule::Pattern { pattern: pattern.as_str(), meaning: Some(meaning) };
        out.push(Violation::new(path, rule));
    }
}

/// Checks that a path parameter can be sent as exactly one path segment (not empty, `.` or `..`,
/// which URL parsers would resolve away).
pub fn path_segment(path: &FieldPath<'_>, value: &str, out: &mut Vec<Violation>) {
    if matches!(value, "" | "." | "..") {
        out.push(Violation::new(path, Rule::PathSegment));
    }
}

/// Checks that a header parameter can be sent as an HTTP header value: printable ASCII,
/// spaces and tabs (what `http::HeaderValue::from_str` accepts).
pub fn header_text(path: &FieldPath<'_>, value: &str, out: &mut Vec<Violation>) {
    if !value.bytes().all(|b| b == b'\t' || (0x20..0x7f).contains(&b)) {
        out.push(Violation::new(path, Rule::HeaderText));
    }
}

/// Checks `format`.
pub fn format(path: &FieldPath<'_>, value: &str, format: Format, out: &mut Vec<Violation>) {
    let valid = match format {
        Format::Uuid => value.len() == 36 && uuid::Uuid::try_parse(value).is_ok(),
        Format::DateTime => {
            time::OffsetDateTime::parse(value, &time::format_description::well_known::Rfc3339)
                .is_ok()
        }
    };
    if !valid {
        out.push(Violation::new(path, Rule::Format(format)));
    }
}

/// Checks `minItems`.
pub fn min_items<T>(path: &FieldPath<'_>, value: &[T], min: usize, out: &mut Vec<Violation>) {
    if value.len() < min {
        out.push(Violation::new(path, Rule::MinItems(min)));
    }
}

/// Checks `maxItems`.
pub fn max_items<T>(path: &FieldPath<'_>, value: &[T], max: usize, out: &mut Vec<Violation>) {
    if value.len() > max {
        out.push(Violation::new(path, Rule::MaxItems(max)));
    }
}

/// Checks `minimum` / `exclusiveMinimum` on an integer.
pub fn minimum_int(
    path: &FieldPath<'_>,
    value: i64,
    min: i64,
    exclusive: bool,
    out: &mut Vec<Violation>,
) {
    if value < min || (exclusive && value == min) {
        out.push(Violation::new(path, Rule::Minimum { limit: Limit::Int(min), exclusive }));
    }
}

/// Checks `maximum` / `exclusiveMaximum` on an integer.
pub fn maximum_int(
    path: &FieldPath<'_>,
    value: i64,
    max: i64,
    exclusive: bool,
    out: &mut Vec<Violation>,
) {
    if value > max || (exclusive && value == max) {
        out.push(Violation::new(path, Rule::Maximum { limit: Limit::Int(max), exclusive }));
    }
}

/// Checks `minimum` / `exclusiveMinimum` on a number.
pub fn minimum_float(
    path: &FieldPath<'_>,
    value: f64,
    min: f64,
    exclusive: bool,
    out: &mut Vec<Violation>,
) {
    if value < min || (exclusive && value == min) || value.is_nan() {
        out.push(Violation::new(path, Rule::Minimum { limit: Limit::Float(min), exclusive }));
    }
}

/// Checks `maximum` / `exclusiveMaximum` on a number.
pub fn maximum_float(
    path: &FieldPath<'_>,
    value: f64,
    max: f64,
    exclusive: bool,
    out: &mut Vec<Violation>,
) {
    if value > max || (exclusive && value == max) || value.is_nan() {
        out.push(Violation::new(path, Rule::Maximum { limit: Limit::Float(max), exclusive }));
    }
}

/// Checks `uniqueItems`. Items are compared with `==` (generated types derive `PartialEq`), pair by
/// pair, because not every item type can be hashed.
pub fn unique_items<T: PartialEq>(path: &FieldPath<'_>, value: &[T], out: &mut Vec<Violation>) {
    let repeated = value.iter().enumerate().any(|(i, item)| value[..i].contains(item));
    if repeated {
        out.push(Violation::new(path, Rule::UniqueItems));
    }
}

/// Checks `multipleOf` on an integer.
pub fn multiple_of_int(path: &FieldPath<'_>, value: i64, step: i64, out: &mut Vec<Violation>) {
    if step > 0 && value % step != 0 {
        out.push(Violation::new(path, Rule::MultipleOf(Limit::Int(step))));
    }
}

/// Checks `multipleOf` on a number: the quotient must be a whole number, within the rounding error
/// of decimal steps such as `0.01` (which binary floating point cannot hold exactly).
pub fn multiple_of_float(path: &FieldPath<'_>, value: f64, step: f64, out: &mut Vec<Violation>) {
    let quotient = value / step;
    let whole = quotient.is_finite()
        && (quotient - quotient.round()).abs() <= 1e-9 * quotient.abs().max(1.0);
    if !whole {
        out.push(Violation::new(path, Rule::MultipleOf(Limit::Float(step))));
    }
}

/// Checks `minProperties` of a map with `count` entries.
pub fn min_properties(path: &FieldPath<'_>, count: usize, min: usize, out: &mut Vec<Violation>) {
    if count < min {
        out.push(Violation::new(path, Rule::MinProperties(min)));
    }
}

/// Checks `maxProperties` of a map with `count` entries.
pub fn max_properties(path: &FieldPath<'_>, count: usize, max: usize, out: &mut Vec<Violation>) {
    if count > max {
        out.push(Violation::new(path, Rule::MaxProperties(max)));
    }
}

/// Checks which property sets are complete (`holds`, one flag per set) against `anyOf` (at least
/// one) or `oneOf` (exactly one).
pub fn required_alternatives(
    path: &FieldPath<'_>,
    holds: &[bool],
    alternatives: &'static [&'static [&'static str]],
    exactly_one: bool,
    out: &mut Vec<Violation>,
) {
    let complete = holds.iter().filter(|h| **h).count();
    if complete == 0 || (exactly_one && complete > 1) {
        out.push(Violation::new(path, Rule::RequiredAlternatives { alternatives, exactly_one }));
    }
}

/// Checks an integer `enum`.
pub fn one_of_int(
    path: &FieldPath<'_>,
    value: i64,
    allowed: &'static [i64],
    out: &mut Vec<Violation>,
) {
    if !allowed.contains(&value) {
        out.push(Violation::new(path, Rule::IntegerEnum(allowed)));
    }
}

/// Checks a boolean `enum`.
pub fn one_of_bool(
    path: &FieldPath<'_>,
    value: bool,
    allowed: &'static [bool],
    out: &mut Vec<Violation>,
) {
    if !allowed.contains(&value) {
        out.push(Violation::new(path, Rule::BooleanEnum(allowed)));
    }
}

/// Checks a number `enum`.
pub fn one_of_float(
    path: &FieldPath<'_>,
    value: f64,
    allowed: &'static [f64],
    out: &mut Vec<Violation>,
) {
    if !allowed.contains(&value) {
        out.push(Violation::new(path, Rule::NumberEnum(allowed)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_render_fields_and_indices() {
        let root = FieldPath::Root;
        let body = root.field("body");
        let first = body.index(0);
        let name = first.field("event_name");
        assert_eq!(name.to_string(), "body[0].event_name");
        assert_eq!(root.index(3).to_string(), "[3]");
        assert_eq!(body.key("a b").to_string(), "body[\"a b\"]");
    }

    #[test]
    fn lengths_count_characters_not_bytes() {
        let mut out = Vec::new();
        max_length(&FieldPath::Root, "事件事件", 4, &mut out);
        assert!(out.is_empty());
        max_length(&FieldPath::Root, "事件事件事", 4, &mut out);
        min_length(&FieldPath::Root, "", 1, &mut out);
        assert_eq!(
            out.iter().map(|v| v.rule.clone()).collect::<Vec<_>>(),
            [Rule::MaxLength(4), Rule::MinLength(1)]
        );
    }

    #[test]
    fn unique_items_compare_every_pair() {
        let mut out = Vec::new();
        unique_items(&FieldPath::Root, &[1.5, 2.0, 3.0], &mut out);
        unique_items(&FieldPath::Root, &["a", "b"], &mut out);
        assert!(out.is_empty());
        unique_items(&FieldPath::Root, &["a", "b", "c", "b"], &mut out);
        assert_eq!(out.iter().map(|v| v.rule.clone()).collect::<Vec<_>>(), [Rule::UniqueItems]);
    }

    #[test]
    fn multiples_allow_decimal_steps_and_reject_the_rest() {
        let mut out = Vec::new();
        multiple_of_int(&FieldPath::Root, -12, 4, &mut out);
        multiple_of_float(&FieldPath::Root, 0.3, 0.1, &mut out);
        multiple_of_float(&FieldPath::Root, 19.99, 0.01, &mut out);
        multiple_of_float(&FieldPath::Root, 1e12, 0.5, &mut out);
        assert!(out.is_empty(), "{out:?}");
        multiple_of_int(&FieldPath::Root, 10, 4, &mut out);
        multiple_of_float(&FieldPath::Root, 0.35, 0.1, &mut out);
        multiple_of_float(&FieldPath::Root, f64::NAN, 0.1, &mut out);
        assert_eq!(
            out.iter().map(|v| v.rule.clone()).collect::<Vec<_>>(),
            [
                Rule::MultipleOf(Limit::Int(4)),
                Rule::MultipleOf(Limit::Float(0.1)),
                Rule::MultipleOf(Limit::Float(0.1))
            ]
        );
    }

    #[test]
    fn property_counts_and_numeric_enums() {
        let mut out = Vec::new();
        min_properties(&FieldPath::Root, 1, 1, &mut out);
        max_properties(&FieldPath::Root, 2, 2, &mut out);
        one_of_int(&FieldPath::Root, 2, &[1, 2, 4], &mut out);
        one_of_float(&FieldPath::Root, 0.5, &[0.5, 1.0], &mut out);
        one_of_bool(&FieldPath::Root, true, &[true], &mut out);
        assert!(out.is_empty());
        one_of_bool(&FieldPath::Root, false, &[true], &mut out);
        assert_eq!(out.pop().map(|v| v.rule), Some(Rule::BooleanEnum(&[true])));
        min_properties(&FieldPath::Root, 0, 1, &mut out);
        max_properties(&FieldPath::Root, 3, 2, &mut out);
        one_of_int(&FieldPath::Root, 3, &[1, 2, 4], &mut out);
        one_of_float(&FieldPath::Root, 0.25, &[0.5, 1.0], &mut out);
        let rules: Vec<String> = out.iter().map(|v| v.rule.to_string()).collect();
        assert_eq!(
            rules,
            [
                "must have at least 1 properties (minProperties)",
                "must have at most 2 properties (maxProperties)",
                "must be one of the documented values [1, 2, 4]",
                "must be one of the documented values [0.5, 1.0]"
            ]
        );
    }

    #[test]
    fn required_alternatives_count_complete_sets() {
        const SETS: &[&[&str]] = &[&["state"], &["owner", "repo"]];
        let mut out = Vec::new();
        required_alternatives(&FieldPath::Root, &[true, false], SETS, true, &mut out);
        required_alternatives(&FieldPath::Root, &[true, true], SETS, false, &mut out);
        assert!(out.is_empty());
        required_alternatives(&FieldPath::Root, &[false, false], SETS, false, &mut out);
        required_alternatives(&FieldPath::Root, &[true, true], SETS, true, &mut out);
        let rules: Vec<String> = out.iter().map(|v| v.rule.to_string()).collect();
        assert_eq!(
            rules,
            [
                "must have the properties of at least one of [\"state\"], [\"owner\", \"repo\"] (anyOf)",
                "must have the properties of exactly one of [\"state\"], [\"owner\", \"repo\"] (oneOf)"
            ]
        );
    }

    #[test]
    fn patterns_search_rather_than_match_whole() {
        static ANCHORED: Pattern = Pattern::new("^[a-z]+$");
        static FLOATING: Pattern = Pattern::new("[a-z]");
        assert!(ANCHORED.is_match("abc") && !ANCHORED.is_match("abc1"));
        assert!(FLOATING.is_match("1a1") && !FLOATING.is_match("123"));
    }

    #[test]
    fn patterns_have_ecma_262_semantics() {
        // `\d` and `\w` are ASCII in ECMA-262 (Rust's `regex` crate reads them as Unicode).
        static DIGITS: Pattern = Pattern::new(r"^\d+$");
        assert!(DIGITS.is_match("0123456789"));
        assert!(!DIGITS.is_match("١٢٣") && !DIGITS.is_match("１２"));
        static WORD: Pattern = Pattern::new(r"^\w+$");
        assert!(WORD.is_match("a_Z9") && !WORD.is_match("é"));
        // `$` is the end of the value only, not before a final line feed; `.` stops at every
        // line terminator.
        static END: Pattern = Pattern::new("^abc$");
        assert!(END.is_match("abc") && !END.is_match("abc\n"));
        static ANY: Pattern = Pattern::new("^a.c$");
        assert!(ANY.is_match("a😀c") && ANY.is_match("a c"));
        for terminator in ["\n", "\r", "\u{2028}", "\u{2029}"] {
            assert!(!ANY.is_match(&format!("a{terminator}c")), "{terminator:?}");
        }
        // Unicode property escapes with the `u` flag.
        static LETTERS: Pattern = Pattern::new(r"^\p{L}+$");
        assert!(LETTERS.is_match("Zoë事件") && !LETTERS.is_match("a1"));
    }

    #[test]
    fn look_around_and_backreferences_are_checked() {
        static NOT_ADMIN: Pattern = Pattern::new("^(?!admin$)[a-z]+$");
        assert!(NOT_ADMIN.is_match("alice") && NOT_ADMIN.is_match("admins"));
        assert!(!NOT_ADMIN.is_match("admin"));
        static PASSWORD: Pattern = Pattern::new(r"^(?=.*\d)(?=.*[a-z]).{8,}$");
        assert!(PASSWORD.is_match("abcdefg1") && !PASSWORD.is_match("abcdefgh"));
        static AFTER_DOLLAR: Pattern = Pattern::new(r"(?<=\$)\d+");
        assert!(AFTER_DOLLAR.is_match("costs $12") && !AFTER_DOLLAR.is_match("costs 12"));
        static DOUBLED: Pattern = Pattern::new(r"^(\w)\1$");
        assert!(DOUBLED.is_match("aa") && !DOUBLED.is_match("ab"));
        static QUOTED: Pattern = Pattern::new(r#"^(?<q>['"]).*\k<q>$"#);
        assert!(QUOTED.is_match("'x'") && !QUOTED.is_match("'x\""));
    }

    #[test]
    fn legacy_patterns_read_as_annex_b() {
        // `[\d-x]` is an error with the `u` flag; Annex B reads it as a digit, `-` or `x`.
        static RANGE: Pattern = Pattern::legacy(r"^[\d-x]+$");
        assert!(RANGE.is_match("1-x2") && !RANGE.is_match("y"));
        static ESCAPED: Pattern = Pattern::legacy(r"^a\-b$");
        assert!(ESCAPED.is_match("a-b"));
        // Without the flag `\p` is a plain `p`: why patterns are read with it whenever they can be.
        static NOT_A_PROPERTY: Pattern = Pattern::legacy(r"^\p{L}$");
        assert!(NOT_A_PROPERTY.is_match("p{L}") && !NOT_A_PROPERTY.is_match("a"));
    }

    #[test]
    fn a_pattern_that_does_not_compile_matches_nothing() {
        static BROKEN: Pattern = Pattern::new("(abc");
        assert!(!BROKEN.is_match("(abc") && !BROKEN.is_match(""));
        let mut out = Vec::new();
        pattern(&FieldPath::Root, "abc", &BROKEN, &mut out);
        assert_eq!(out.len(), 1);
    }

    #[test]
    fn formats_are_checked() {
        let mut out = Vec::new();
        format(&FieldPath::Root, "0df78897-35b0-4a93-ad17-0bc0585f546b", Format::Uuid, &mut out);
        format(&FieldPath::Root, "2022-04-14T02:09:08Z", Format::DateTime, &mut out);
        assert!(out.is_empty());
        format(&FieldPath::Root, "0df7889735b04a93ad170bc0585f546b", Format::Uuid, &mut out);
        format(&FieldPath::Root, "2022-0414T02:09:08Z", Format::DateTime, &mut out);
        assert_eq!(out.len(), 2);
    }

    #[test]
    fn bounds_honour_exclusivity() {
        let mut out = Vec::new();
        minimum_int(&FieldPath::Root, 5, 5, false, &mut out);
        maximum_float(&FieldPath::Root, 1.5, 1.5, false, &mut out);
        assert!(out.is_empty());
        minimum_int(&FieldPath::Root, 5, 5, true, &mut out);
        maximum_int(&FieldPath::Root, 7, 6, false, &mut out);
        minimum_float(&FieldPath::Root, f64::NAN, 0.0, false, &mut out);
        assert_eq!(out.len(), 3);
    }

    #[test]
    fn validation_reports_every_violation() {
        struct Pair(String, String);
        impl Validate for Pair {
            fn validate_into(&self, path: &FieldPath<'_>, out: &mut Vec<Violation>) {
                max_length(&path.field("a"), &self.0, 1, out);
                max_length(&path.field("b"), &self.1, 1, out);
            }
        }
        let err = vec![Pair("xx".into(), "yy".into())].validate().unwrap_err();
        let paths: Vec<_> = err.violations.iter().map(|v| v.path.as_str()).collect();
        assert_eq!(paths, ["[0].a", "[0].b"]);
        assert!(err.to_string().starts_with("2 documented constraint(s) violated"));
    }
}
