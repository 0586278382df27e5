//! `UpperCamelCase` and `snake_case` exactly as `heck` makes them.
//!
//! `heck` writes every character through `fmt`, which made case conversion a third of resolving a
//! large spec (tens of thousands of distinct type and field names). Names in specs are nearly
//! always ASCII, and for ASCII `heck`'s rules fit in a few lines: those are applied here directly,
//! and anything else goes to `heck`. The tests check both paths give `heck`'s answer.

use heck::{ToSnakeCase, ToUpperCamelCase};

/// `name` in `UpperCamelCase`, as `heck::ToUpperCamelCase` gives it.
pub fn upper_camel(name: &str) -> String {
    if !name.is_ascii() {
        return name.to_upper_camel_case();
    }
    let mut out = String::with_capacity(name.len());
    ascii_words(name, |word| {
        let start = out.len();
        out.push_str(word);
        out[start..].make_ascii_lowercase();
        if let Some(first) = out.get_mut(start..=start) {
            first.make_ascii_uppercase();
        }
    });
    out
}

/// `name` in `snake_case`, as `heck::ToSnakeCase` gives it.
pub fn snake(name: &str) -> String {
    if !name.is_ascii() {
        return name.to_snake_case();
    }
    let mut out = String::with_capacity(name.len() + 4);
    ascii_words(name, |word| {
        if !out.is_empty() {
            out.push('_');
        }
        let start = out.len();
        out.push_str(word);
        out[start..].make_ascii_lowercase();
    });
    out
}

/// The case of the last cased character since the last word boundary.
#[derive(Clone, Copy, PartialEq)]
enum Mode {
    Boundary,
    Lower,
    Upper,
}

/// Calls `word` with each word of the ASCII text `name`, in order, as `heck` splits it: at every
/// character that is not a letter or digit, between a lowercase letter (or digits after one) and
/// an uppercase letter, and before the last of several uppercase letters when a lowercase one
/// follows (`HTTPServer` is `HTTP` and `Server`). Words are never empty.
fn ascii_words(name: &str, mut word: impl FnMut(&str)) {
    for part in name.split(|c: char| !c.is_ascii_alphanumeric()) {
        let bytes = part.as_bytes();
        let mut start = 0;
        let mut mode = Mode::Boundary;
        for (i, &c) in bytes.iter().enumerate() {
            let Some(&next) = bytes.get(i + 1) else {
                word(&part[start..]);
                break;
            };
            let next_mode = match c {
                b'a'..=b'z' => Mode::Lower,
                b'A'..=b'Z' => Mode::Upper,
                _ => mode,
            };
            if next_mode == Mode::Lower && next.is_ascii_uppercase() {
                word(&part[start..=i]);
                start = i + 1;
                mode = Mode::Boundary;
            } else if mode == Mode::Upper && c.is_ascii_uppercase() && next.is_ascii_lowercase() {
                word(&part[start..i]);
                start = i;
                mode = Mode::Boundary;
            } else {
                mode = next_mode;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assert_as_heck(name: &str) {
        assert_eq!(upper_camel(name), name.to_upper_camel_case(), "UpperCamelCase of {name:?}");
        assert_eq!(snake(name), name.to_snake_case(), "snake_case of {name:?}");
    }

    /// Every string of up to six characters drawn from one of each kind of character the rules
    /// tell apart (and a second letter of each case, so words of several letters occur).
    #[test]
    fn every_short_ascii_string_converts_as_heck_converts_it() {
        const ALPHABET: &[u8] = b"aZb1A-";
        let mut name = Vec::new();
        for len in 0..=6u32 {
            for mut index in 0..ALPHABET.len().pow(len) {
                name.clear();
                for _ in 0..len {
                    name.push(ALPHABET[index % ALPHABET.len()]);
                    index /= ALPHABET.len();
                }
                assert_as_heck(std::str::from_utf8(&name).unwrap());
            }
        }
    }

    #[test]
    fn names_as_specs_write_them_convert_as_heck_converts_them() {
        for name in [
            "repos/create-in-org",
            "ListVpcEndpointServices",
            "HTTPServer2XXResponse",
            "x-request-id",
            "IPv4CIDRBlock",
            "__private__field__",
            "oauth2_client_ID",
            "  spaced   out  ",
            "v1.2.3-beta+build",
            "ÄrgerlichName",
            "straße_σ",
            "ΣΑΣ",
            "",
        ] {
            assert_as_heck(name);
        }
    }
}
