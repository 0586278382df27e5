//! The type cell: `String`, `String(255)`, `TagList object`, `Array of X objects`,
//! `Map<String,String>`, `[]String`, `List<…>`, 字典数据类型, ...

use crate::model::TypeExpr;

/// Parses a type cell. What is not understood is [`TypeExpr::Other`], verbatim.
pub(crate) fn parse_type(text: &str) -> TypeExpr {
    let text = text.trim();
    parse(text, 0).unwrap_or_else(|| TypeExpr::Other(text.to_string()))
}

/// Whether a type could be resolved to a table describing it: an object, or an array or map
/// of them (at any depth).
pub(crate) fn object_name(ty: &TypeExpr) -> Option<Option<&str>> {
    match ty {
        TypeExpr::Object(name) => Some(name.as_deref()),
        TypeExpr::Array(item) => object_name(item),
        TypeExpr::Map(_, value) => object_name(value),
        _ => None,
    }
}

/// How deeply types may nest (`List<List<...>>`) before the cell is not understood; keeps
/// hostile input from exhausting the stack.
const MAX_DEPTH: usize = 8;

fn parse(text: &str, depth: usize) -> Option<TypeExpr> {
    if depth > MAX_DEPTH {
        return None;
    }
    let inner_depth = depth + 1;
    let text = text.trim();
    let lower = text.to_lowercase();
    if let Some(scalar) = scalar(&lower) {
        return Some(scalar);
    }
    if let Some(string) = sized_string(&lower) {
        return Some(string);
    }
    if matches!(lower.as_str(), "字典数据类型" | "字典" | "map") {
        return Some(map(TypeExpr::String { max_length: None }, TypeExpr::Any));
    }
    if matches!(lower.as_str(), "array" | "list") {
        return Some(TypeExpr::Array(Box::new(TypeExpr::Any)));
    }
    if let Some(rest) = strip_prefix_ci(text, "array of ") {
        return array_of(rest.trim());
    }
    if let Some(rest) = text.strip_prefix("[]") {
        return Some(TypeExpr::Array(Box::new(parse(rest, inner_depth)?)));
    }
    if let Some(rest) = text.strip_suffix("[]") {
        return Some(TypeExpr::Array(Box::new(parse(rest, inner_depth)?)));
    }
    if let Some(inner) = generic(text, &["list", "array"]) {
        return Some(TypeExpr::Array(Box::new(parse(inner, inner_depth)?)));
    }
    if let Some(inner) = generic(text, &["map"]) {
        let (key, value) = split_top_level_comma(inner)?;
        return Some(map(parse(key, inner_depth)?, parse(value, inner_depth)?));
    }
    if let Some(name) = strip_suffix_ci(text, " object") {
        let name = name.trim();
        return is_type_name(name).then(|| TypeExpr::Object(Some(name.to_string())));
    }
    None
}

fn map(key: TypeExpr, value: TypeExpr) -> TypeExpr {
    TypeExpr::Map(Box::new(key), Box::new(value))
}

/// A scalar type keyword (lower case), or `object`.
fn scalar(lower: &str) -> Option<TypeExpr> {
    Some(match lower {
        "string" | "str" => TypeExpr::String { max_length: None },
        "integer" | "int" | "int32" => TypeExpr::Integer,
        "long" | "int64" => TypeExpr::Long,
        "boolean" | "bool" => TypeExpr::Boolean,
        "float" => TypeExpr::Float,
        "double" => TypeExpr::Double,
        "number" => TypeExpr::Number,
        "timestamp" => TypeExpr::Timestamp,
        "object" => TypeExpr::Object(None),
        _ => return None,
    })
}

/// `string(255)`.
fn sized_string(lower: &str) -> Option<TypeExpr> {
    let inner = lower.strip_prefix("string")?.trim_start().strip_prefix('(')?.strip_suffix(')')?;
    let max_length = inner.trim().parse::<u64>().ok()?;
    Some(TypeExpr::String { max_length: Some(max_length) })
}

/// What follows `Array of`: `X objects`, `objects`, `strings`, `String`, ...
fn array_of(rest: &str) -> Option<TypeExpr> {
    let lower = rest.to_lowercase();
    let item = if let Some(singular) = lower.strip_suffix('s').and_then(scalar) {
        singular
    } else if let Some(scalar) = scalar(&lower) {
        scalar
    } else {
        let name =
            strip_suffix_ci(rest, " objects").or_else(|| strip_suffix_ci(rest, " object"))?;
        let name = name.trim();
        if !is_type_name(name) {
            return None;
        }
        TypeExpr::Object(Some(name.to_string()))
    };
    Some(TypeExpr::Array(Box::new(item)))
}

/// The inside of `name<...>` for one of the names (case-insensitive).
fn generic<'t>(text: &'t str, names: &[&str]) -> Option<&'t str> {
    let open = text.find('<')?;
    let head = text.get(..open)?.trim();
    if !names.iter().any(|name| head.eq_ignore_ascii_case(name)) {
        return None;
    }
    text.get(open + 1..)?.trim_end().strip_suffix('>')
}

/// `a, b` split at the comma outside any `<...>`.
fn split_top_level_comma(text: &str) -> Option<(&str, &str)> {
    let mut depth = 0i32;
    for (i, c) in text.char_indices() {
        match c {
            '<' => depth += 1,
            '>' => depth -= 1,
            ',' | '，' if depth == 0 => {
                return Some((text.get(..i)?, text.get(i + c.len_utf8()..)?));
            }
            _ => {}
        }
    }
    None
}

/// A type name as pages write them: `TagList`, `Error`, `vpc_endpoint`.
fn is_type_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.'))
}

fn strip_prefix_ci<'t>(text: &'t str, prefix: &str) -> Option<&'t str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix).then(|| text.get(prefix.len()..)).flatten()
}

fn strip_suffix_ci<'t>(text: &'t str, suffix: &str) -> Option<&'t str> {
    let split = text.len().checked_sub(suffix.len())?;
    let tail = text.get(split..)?;
    tail.eq_ignore_ascii_case(suffix).then(|| text.get(..split)).flatten()
}

#[cfg(test)]
mod tests {
    use super::*;
    use TypeExpr::*;

    fn string() -> TypeExpr {
        String { max_length: None }
    }

    fn array(item: TypeExpr) -> TypeExpr {
        Array(Box::new(item))
    }

    #[test]
    fn scalars_in_any_case() {
        assert_eq!(parse_type("String"), string());
        assert_eq!(parse_type("string"), string());
        assert_eq!(parse_type("Integer"), Integer);
        assert_eq!(parse_type("integer"), Integer);
        assert_eq!(parse_type("Long"), Long);
        assert_eq!(parse_type("Boolean"), Boolean);
        assert_eq!(parse_type("boolean"), Boolean);
        assert_eq!(parse_type("Float"), Float);
        assert_eq!(parse_type("Double"), Double);
        assert_eq!(parse_type("Number"), Number);
        assert_eq!(parse_type("Timestamp"), Timestamp);
        assert_eq!(parse_type(" String(255) "), String { max_length: Some(255) });
        assert_eq!(parse_type("string (36)"), String { max_length: Some(36) });
    }

    #[test]
    fn objects_arrays_and_maps() {
        assert_eq!(parse_type("Object"), Object(None));
        assert_eq!(parse_type("object"), Object(None));
        assert_eq!(parse_type("TagList object"), Object(Some("TagList".into())));
        assert_eq!(parse_type("Array of TagList objects"), array(Object(Some("TagList".into()))));
        assert_eq!(parse_type("Array of objects"), array(Object(None)));
        assert_eq!(parse_type("Array of strings"), array(string()));
        assert_eq!(parse_type("Array of integers"), array(Integer));
        assert_eq!(parse_type("Array of String"), array(string()));
        assert_eq!(parse_type("[]String"), array(string()));
        assert_eq!(parse_type("List<String>"), array(string()));
        assert_eq!(parse_type("List<Array of strings>"), array(array(string())));
        assert_eq!(parse_type("Map<String,String>"), Map(Box::new(string()), Box::new(string())));
        assert_eq!(
            parse_type("Map<String, List<Integer>>"),
            Map(Box::new(string()), Box::new(array(Integer)))
        );
        assert_eq!(parse_type("字典数据类型"), Map(Box::new(string()), Box::new(Any)));
        assert_eq!(parse_type("Array"), array(Any));
    }

    #[test]
    fn the_rest_is_other() {
        assert_eq!(parse_type("Interger"), Other("Interger".into()));
        assert_eq!(parse_type("Integer or Float"), Other("Integer or Float".into()));
        assert_eq!(parse_type("Foo<Bar"), Other("Foo<Bar".into()));
        assert_eq!(parse_type("Map<String>"), Other("Map<String>".into()));
        assert_eq!(parse_type("对象 object"), Other("对象 object".into()));
        assert_eq!(parse_type(""), Other("".into()));
    }

    #[test]
    fn object_names_through_arrays_and_maps() {
        assert_eq!(object_name(&parse_type("Array of A objects")), Some(Some("A")));
        assert_eq!(object_name(&parse_type("Object")), Some(None));
        assert_eq!(object_name(&parse_type("Array of strings")), None);
    }
}
