//! The documented method and path: `GET /v1/{project_id}/vpc-endpoints`, with query
//! parameters written into the path (`?k={v}&…`, `[?a, b]`, `{?x}`) taken out as names.

const METHODS: &[&str] = &["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"];

/// A method, path and query names read from text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct MethodPath {
    /// Upper-case method.
    pub(crate) method: String,
    /// The path without its query part.
    pub(crate) path: String,
    /// Query parameter names written into the path.
    pub(crate) query: Vec<String>,
}

/// Reads `METHOD /path...` at the start of a line (markdown escapes already resolved).
pub(crate) fn parse_line(line: &str) -> Option<MethodPath> {
    let line = line.trim();
    let (method, rest) = line.split_once(char::is_whitespace)?;
    let method = method_name(method)?;
    parse_path(method, rest)
}

/// Reads a method cell and a path cell (a 请求方法 | URI table).
pub(crate) fn parse_cells(method: &str, uri: &str) -> Option<MethodPath> {
    parse_path(method_name(method.trim())?, uri)
}

fn method_name(word: &str) -> Option<String> {
    let upper = word.to_ascii_uppercase();
    METHODS.contains(&upper.as_str()).then_some(upper)
}

fn parse_path(method: String, rest: &str) -> Option<MethodPath> {
    let target = path_token(rest.trim_start());
    if !target.starts_with('/') {
        return None;
    }
    let (path, query) = split_query(target);
    Some(MethodPath { method, path: path.to_string(), query })
}

/// The path up to the first whitespace outside brackets (`[?a, b]` has spaces).
fn path_token(text: &str) -> &str {
    let mut depth = 0i32;
    for (i, c) in text.char_indices() {
        match c {
            '[' | '{' => depth += 1,
            ']' | '}' => depth -= 1,
            c if c.is_whitespace() && depth <= 0 => return text.get(..i).unwrap_or(text),
            _ => {}
        }
    }
    text
}

/// Splits `path?query`, `path[?query]` or `path{?query}` into the path and the query names.
fn split_query(target: &str) -> (&str, Vec<String>) {
    let Some(question) = target.find('?') else {
        return (target, Vec::new());
    };
    let before = target.get(..question).unwrap_or(target);
    let (path, query) = match before.strip_suffix(['[', '{']) {
        Some(path) => (path, target.get(question + 1..).unwrap_or("").trim_end_matches([']', '}'])),
        None => (before, target.get(question + 1..).unwrap_or("")),
    };
    (path, query_names(query))
}

/// `a={a}&b=x`, `a, b` or `a,b` to `[a, b]`, keeping order and dropping repeats.
fn query_names(query: &str) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for part in split_outside_braces(query) {
        let name = part.split('=').next().unwrap_or("").trim();
        let name = name.trim_matches(['[', ']']).trim();
        if !name.is_empty() && !names.iter().any(|known| known == name) {
            names.push(name.to_string());
        }
    }
    names
}

/// Splits at `&` and `,` that are not inside `{...}` (`dim.{i}=key,value` keeps its value).
fn split_outside_braces(query: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut depth = 0i32;
    let mut start = 0;
    let mut in_value = false;
    for (i, c) in query.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            '=' if depth <= 0 => in_value = true,
            // A comma inside a value (`dim.0=key,value`) separates nothing.
            ',' if in_value => {}
            '&' | ',' if depth <= 0 => {
                parts.push(query.get(start..i).unwrap_or(""));
                start = i + c.len_utf8();
                in_value = false;
            }
            _ => {}
        }
    }
    parts.push(query.get(start..).unwrap_or(""));
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(line: &str) -> (String, String, Vec<String>) {
        let found = parse_line(line).unwrap();
        (found.method, found.path, found.query)
    }

    #[test]
    fn plain_paths() {
        assert_eq!(
            read("GET /v1/{project_id}/vpc-endpoints"),
            ("GET".into(), "/v1/{project_id}/vpc-endpoints".into(), vec![])
        );
        assert_eq!(read("get /").1, "/");
        assert_eq!(read("PUT /v1/{region}:{id} 说明").1, "/v1/{region}:{id}");
        assert_eq!(parse_line("GET https://x/y"), None);
        assert_eq!(parse_line("FETCH /x"), None);
        assert_eq!(parse_line("GET"), None);
    }

    #[test]
    fn query_in_the_path() {
        let (_, path, query) =
            read("GET /v1/{p}/metric-data?namespace={namespace}&dim.{i}=key,value&from={from}");
        assert_eq!(path, "/v1/{p}/metric-data");
        assert_eq!(query, vec!["namespace", "dim.{i}", "from"]);
        let (_, path, query) = read("GET /v2/servers[?limit, marker, name]");
        assert_eq!(path, "/v2/servers");
        assert_eq!(query, vec!["limit", "marker", "name"]);
        let (_, path, query) = read("GET /v2/servers{?limit,marker}");
        assert_eq!(path, "/v2/servers");
        assert_eq!(query, vec!["limit", "marker"]);
        let (_, _, query) = read("GET /v2/servers?a&b&a");
        assert_eq!(query, vec!["a", "b"]);
    }

    #[test]
    fn cells() {
        let found = parse_cells(" post ", "/v1/items?x={x}").unwrap();
        assert_eq!((found.method.as_str(), found.path.as_str()), ("POST", "/v1/items"));
        assert_eq!(found.query, vec!["x"]);
    }
}
