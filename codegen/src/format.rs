//! Stage 5, format: `syn` trees to text with `prettyplease`, under the `@generated` header.

use proc_macro2::TokenStream;

/// The marker that makes a file the code generator's: `regenerate` may overwrite or delete any file
/// whose first line contains it, and no other file.
pub const GENERATED_MARKER: &str = "@generated";

/// The header of a generated file, in the comment syntax `comment` (`//` or `#`).
pub fn header(comment: &str, command: &str, source: &str) -> String {
    format!(
        "{comment} {GENERATED_MARKER} by `{command}` from {source}.\n{comment} Do not edit by hand: change the spec and run the command again.\n"
    )
}

/// Formats emitted tokens as a Rust file under `header`. Fails only if an emitter produced tokens
/// that are not a Rust file, which is a bug in the generator.
pub fn rust_file(tokens: TokenStream, header: &str) -> Result<String, String> {
    let file: syn::File = syn::parse2(tokens).map_err(|err| err.to_string())?;
    Ok(format!("{header}\n{}", separate_items(&prettyplease::unparse(&file))))
}

/// Puts a blank line between top-level items, which `prettyplease` prints back to back. Only
/// unindented lines are looked at, so nothing inside an item (or a string) changes.
fn separate_items(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 16);
    let mut previous: Option<&str> = None;
    for line in text.lines() {
        if let Some(prev) = previous {
            let starts_item = !line.is_empty() && !line.starts_with([' ', '}', ')', ']']) && !line.starts_with("//!");
            let after_item = prev.ends_with('}') || prev.ends_with(';') || prev.starts_with("//!");
            let both_imports = prev.starts_with("use ") && line.starts_with("use ");
            if starts_item && after_item && !prev.starts_with(' ') && !both_imports {
                out.push('\n');
            }
        }
        out.push_str(line);
        out.push('\n');
        previous = Some(line);
    }
    out
}
