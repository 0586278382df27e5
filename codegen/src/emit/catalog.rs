//! `OPERATIONS.md`: every operation of every service as a Markdown table, so a reader finds the
//! client method of an API Explorer name (or of a request line) without opening the code.

use crate::ir::{Operation, Service};

/// The catalog's text, headed by `header` (a Markdown comment naming the command and the specs).
pub fn catalog(services: &[Service], header: &str) -> String {
    let mut text = format!("{header}\n# Operations\n\n");
    let total: usize = services.iter().map(|s| s.operations.len()).sum();
    text.push_str(&format!(
        "{total} operation(s) in {} service module(s). Each is a request type in \
         `<module>::operations` and, on the service's client, a method that returns a call \
         (`with_*` for optional parameters, then `.await`); paged operations also offer \
         `pages()` and `items()` streams.\n",
        services.len()
    ));
    for service in services {
        text.push_str(&service_section(service));
    }
    text
}

fn service_section(service: &Service) -> String {
    let mut text = format!("\n## {}: `{}`\n\n", cell(&service.title), service.module);
    let Some(client) = &service.client_type else {
        text.push_str("No operations: the module holds the spec's types and status codes.\n");
        return text;
    };
    text.push_str(&format!("Client: `{}::{client}`.\n\n", service.module));
    text.push_str("| operation | request | client method | summary | paged |\n");
    text.push_str("| --- | --- | --- | --- | --- |\n");
    for operation in &service.operations {
        text.push_str(&operation_row(operation));
    }
    text
}

fn operation_row(operation: &Operation) -> String {
    let paged = if operation.pagination.is_some() { "yes" } else { "" };
    format!(
        "| `{}` | `{} {}` | `{}` | {} | {paged} |\n",
        operation.id,
        operation.method,
        operation.path.replace('|', "\\|").replace('`', "'"),
        operation.method_name,
        cell(operation.summary.as_deref().unwrap_or("")),
    )
}

/// Text that stays inside one table cell: one line, pipes escaped.
fn cell(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ").replace('|', "\\|")
}

#[cfg(test)]
mod tests {
    use super::cell;

    #[test]
    fn cells_are_one_line_without_bare_pipes() {
        assert_eq!(cell("a |b\n  c"), "a \\|b c");
    }
}
