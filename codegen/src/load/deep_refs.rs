//! `$ref`s into the middle of a document (`#/components/schemas/X/properties/y`,
//! `#/paths/~1a/get/responses/404`), which bundlers write to share a node without naming it. Each
//! such target moves into a component of its own, named after its path; its old place and every
//! reference to it point there. Later stages then only meet references to components, and a shared
//! node is one type, not one per place. Diagnostics still name the place in the file ([`Origins`]).

use std::collections::{BTreeMap, BTreeSet};

use serde_yaml::{Mapping, Value};

use super::openapi31::Origins;
use crate::pointer::Pointer;

/// Whether `text` may hold a `$ref` into the middle of the document: a quick scan of its `#/`
/// fragments, so that the walk of [`hoist`] is only made for documents that have one.
pub(super) fn may_have_deep_refs(text: &str) -> bool {
    text.match_indices("#/").any(|(at, _)| {
        let rest = &text[at..];
        let end = rest.find(['"', '\'', ' ', '\n', '\r', ',', '}', ']']).unwrap_or(rest.len());
        is_deep(&rest[..end])
    })
}

/// Moves the target of every `$ref` into the middle of `raw` into a component; `true` when
/// anything moved. A target that does not exist, or whose kind of component cannot be told from its
/// place, is left alone for the resolver to report.
pub(super) fn hoist(raw: &mut Value, origins: &mut Origins) -> bool {
    let mut targets = BTreeSet::new();
    collect_deep_refs(raw, &mut targets);
    if targets.is_empty() {
        return false;
    }
    // Deepest first: a target inside another target moves before its container does, while its
    // path still leads to it.
    // A reference is a URI fragment: `{` in a path is written `%7B`.
    let mut ordered: Vec<(Pointer, String)> = targets
        .into_iter()
        .filter_map(|reference| {
            let decoded = percent_encoding::percent_decode_str(&reference).decode_utf8().ok()?;
            Some((Pointer::from_ref(&decoded)?, reference))
        })
        .collect();
    ordered.sort_by(|(a, _), (b, _)| b.depth().cmp(&a.depth()).then_with(|| a.cmp(b)));
    let mut moved = BTreeMap::new();
    for (target, reference) in ordered {
        if let Some(component) = move_to_component(raw, &target, origins) {
            moved.insert(reference, component);
        }
    }
    rewrite_refs(raw, &moved);
    !moved.is_empty()
}

/// The `$ref` values that point below a component (or anywhere outside `components`).
fn collect_deep_refs(node: &Value, out: &mut BTreeSet<String>) {
    match node {
        Value::Mapping(map) => {
            for (key, value) in map {
                match (key.as_str(), value) {
                    (Some("$ref"), Value::String(reference)) if is_deep(reference) => {
                        out.insert(reference.clone());
                    }
                    // Examples are data: a `$ref` key there is no reference.
                    (Some("example" | "examples"), _) => {}
                    _ => collect_deep_refs(value, out),
                }
            }
        }
        Value::Sequence(items) => items.iter().for_each(|item| collect_deep_refs(item, out)),
        _ => {}
    }
}

/// Whether a local reference points elsewhere than at a component (`#/components/<kind>/<name>`).
fn is_deep(reference: &str) -> bool {
    let Some(rest) = reference.strip_prefix("#/") else { return false };
    let segments: Vec<&str> = rest.split('/').collect();
    !(segments.len() == 3 && segments[0] == "components") && segments.len() > 1
}

/// Moves the node at `target` into the components of its kind, leaves a `$ref` to it in its
/// place, and returns that reference.
fn move_to_component(raw: &mut Value, target: &Pointer, origins: &mut Origins) -> Option<String> {
    let segments = target.owned_segments();
    let kind = component_kind(&segments)?;
    // A node that is not a valid component of its kind stays, so its error stays where it is
    // rather than breaking the whole document.
    if !parses_as(kind, node_at_mut(raw, &segments)?) {
        return None;
    }
    let name = unique_name(raw, kind, &component_name(&segments));
    let reference = format!("#/components/{kind}/{}", escape(&name));
    let node = node_at_mut(raw, &segments)?;
    let mut stub = Mapping::new();
    stub.insert(Value::from("$ref"), Value::from(reference.clone()));
    let taken = std::mem::replace(node, Value::Mapping(stub));
    components_of(raw, kind)?.insert(Value::from(name.clone()), taken);
    let new = Pointer::root().join("components").join(kind).join(&name);
    origins.moved(new, target.clone());
    Some(reference)
}

/// The kind of component a node is, from its place: what the keyword above it holds.
fn component_kind(segments: &[String]) -> Option<&'static str> {
    if segments.len() > 2 && segments[0] == "components" && segments[1] == "schemas" {
        return Some("schemas");
    }
    let last = segments.last()?.as_str();
    let parent = segments.len().checked_sub(2).map(|at| segments[at].as_str());
    // A property may have any name, so `properties/<name>` is read before the keywords.
    match (parent, last) {
        (Some("properties"), _) => Some("schemas"),
        (Some("allOf" | "anyOf" | "oneOf"), index) if index.parse::<usize>().is_ok() => {
            Some("schemas")
        }
        (_, "schema" | "items" | "additionalProperties" | "not") => Some("schemas"),
        (Some("responses"), _) => Some("responses"),
        (Some("parameters"), index) if index.parse::<usize>().is_ok() => Some("parameters"),
        (Some("headers"), _) => Some("headers"),
        (_, "requestBody") => Some("requestBodies"),
        (Some("examples"), _) => Some("examples"),
        _ => None,
    }
}

/// Whether `node` reads as a component of `kind`.
fn parses_as(kind: &str, node: &Value) -> bool {
    use openapiv3::{Example, Header, Parameter, ReferenceOr, RequestBody, Response, Schema};
    fn reads<T: serde::de::DeserializeOwned>(node: &Value) -> bool {
        serde_yaml::from_value::<ReferenceOr<T>>(node.clone()).is_ok()
    }
    match kind {
        "schemas" => reads::<Schema>(node),
        "responses" => reads::<Response>(node),
        "parameters" => reads::<Parameter>(node),
        "headers" => reads::<Header>(node),
        "requestBodies" => reads::<RequestBody>(node),
        "examples" => reads::<Example>(node),
        _ => false,
    }
}

/// A component name made of the path's meaningful segments (`ApplicationGateway_rewriteRuleSet`,
/// `v2_1-clicks_get_401`); the type name the generator makes of it reads as the inline one would.
fn component_name(segments: &[String]) -> String {
    const STRUCTURE: &[&str] = &[
        "components",
        "schemas",
        "paths",
        "properties",
        "content",
        "schema",
        "responses",
        "parameters",
        "headers",
        "requestBody",
        "examples",
    ];
    let words: Vec<String> = segments
        .iter()
        .filter(|segment| !STRUCTURE.contains(&segment.as_str()) && !is_media_type(segment))
        // A path (`/v2/1-clicks`) gives a word per segment; a media type none.
        .flat_map(|segment| segment.split('/').filter(|word| !word.is_empty()))
        .map(|segment| match segment {
            "items" => "item".to_owned(),
            "additionalProperties" => "value".to_owned(),
            other => other.chars().filter(|c| c.is_alphanumeric() || *c == '_').collect(),
        })
        .filter(|word| !word.is_empty())
        .collect();
    let name = words.join("_");
    if name.is_empty() { "shared".to_owned() } else { name }
}

/// Whether a segment is a media type (`application/json`), which names no part of an API.
fn is_media_type(segment: &str) -> bool {
    segment.contains('/') && !segment.starts_with('/')
}

/// `wanted`, or `wanted_2`, `wanted_3`, ... when components of `kind` have it already.
fn unique_name(raw: &Value, kind: &str, wanted: &str) -> String {
    let taken = |name: &str| {
        super::raw_at(raw, &Pointer::root().join("components").join(kind).join(name)).is_some()
    };
    if !taken(wanted) {
        return wanted.to_owned();
    }
    (2..).map(|n| format!("{wanted}_{n}")).find(|name| !taken(name)).unwrap_or_default()
}

/// The map of components of `kind`, made when missing.
fn components_of<'a>(raw: &'a mut Value, kind: &str) -> Option<&'a mut Mapping> {
    let root = raw.as_mapping_mut()?;
    let components = root
        .entry(Value::from("components"))
        .or_insert_with(|| Value::Mapping(Mapping::new()))
        .as_mapping_mut()?;
    components
        .entry(Value::from(kind))
        .or_insert_with(|| Value::Mapping(Mapping::new()))
        .as_mapping_mut()
}

/// The node at `segments`, matching mapping keys as strings or as the integers YAML reads unquoted
/// status codes as (as [`super::raw_at`] does).
fn node_at_mut<'a>(root: &'a mut Value, segments: &[String]) -> Option<&'a mut Value> {
    segments.iter().try_fold(root, |node, segment| match node {
        Value::Mapping(map) => {
            let key = if map.contains_key(segment.as_str()) {
                Value::from(segment.as_str())
            } else {
                Value::Number(segment.parse::<u64>().ok()?.into())
            };
            map.get_mut(&key)
        }
        Value::Sequence(items) => items.get_mut(segment.parse::<usize>().ok()?),
        _ => None,
    })
}

/// Points every `$ref` to a moved target at its component.
fn rewrite_refs(node: &mut Value, moved: &BTreeMap<String, String>) {
    match node {
        Value::Mapping(map) => {
            for (key, value) in map.iter_mut() {
                match (key.as_str(), value) {
                    (Some("$ref"), Value::String(reference)) => {
                        if let Some(component) = moved.get(reference.as_str()) {
                            *reference = component.clone();
                        }
                    }
                    (Some("example" | "examples"), _) => {}
                    (_, value) => rewrite_refs(value, moved),
                }
            }
        }
        Value::Sequence(items) => items.iter_mut().for_each(|item| rewrite_refs(item, moved)),
        _ => {}
    }
}

/// `name` as one pointer segment.
fn escape(name: &str) -> String {
    name.replace('~', "~0").replace('/', "~1")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hoisted(yaml: &str) -> (Value, Origins) {
        let mut raw: Value = serde_yaml::from_str(yaml).unwrap();
        let mut origins = Origins::default();
        assert!(hoist(&mut raw, &mut origins));
        (raw, origins)
    }

    #[test]
    fn a_property_referenced_from_elsewhere_becomes_a_component() {
        let (raw, origins) = hoisted(
            "components:\n  schemas:\n    Gateway:\n      properties:\n        rule: {type: object, properties: {a: {type: string}}}\n    Other:\n      properties:\n        rule: {$ref: '#/components/schemas/Gateway/properties/rule'}\n",
        );
        let schemas = &raw["components"]["schemas"];
        assert_eq!(schemas["Gateway_rule"]["properties"]["a"]["type"], "string");
        assert_eq!(
            schemas["Gateway"]["properties"]["rule"]["$ref"],
            "#/components/schemas/Gateway_rule"
        );
        assert_eq!(
            schemas["Other"]["properties"]["rule"]["$ref"],
            "#/components/schemas/Gateway_rule"
        );
        let moved = Pointer::root()
            .join("components")
            .join("schemas")
            .join("Gateway_rule")
            .join("properties");
        assert_eq!(
            origins.original(&moved).unwrap().to_string(),
            "#/components/schemas/Gateway/properties/rule/properties"
        );
    }

    #[test]
    fn responses_and_parameters_of_operations_become_components_of_their_kind() {
        let (raw, _) = hoisted(
            "paths:\n  /a/{id}:\n    get:\n      parameters: [{name: q, in: query, schema: {type: string}}]\n      responses:\n        401: {description: no}\n  /b:\n    get:\n      parameters: [{$ref: '#/paths/~1a~1%7Bid%7D/get/parameters/0'}]\n      responses:\n        401: {$ref: '#/paths/~1a~1%7Bid%7D/get/responses/401'}\n",
        );
        let components = &raw["components"];
        assert_eq!(components["parameters"]["a_id_get_0"]["name"], "q");
        assert_eq!(components["responses"]["a_id_get_401"]["description"], "no");
        assert_eq!(
            raw["paths"]["/b"]["get"]["responses"][401]["$ref"],
            "#/components/responses/a_id_get_401"
        );
        assert_eq!(
            raw["paths"]["/a/{id}"]["get"]["parameters"][0]["$ref"],
            "#/components/parameters/a_id_get_0"
        );
    }

    #[test]
    fn nested_targets_move_before_their_containers() {
        let (raw, _) = hoisted(
            "components:\n  schemas:\n    X:\n      properties:\n        a: {properties: {b: {type: string}}}\n    Y: {$ref: '#/components/schemas/X/properties/a'}\n    Z: {$ref: '#/components/schemas/X/properties/a/properties/b'}\n",
        );
        let schemas = &raw["components"]["schemas"];
        assert_eq!(schemas["X_a"]["properties"]["b"]["$ref"], "#/components/schemas/X_a_b");
        assert_eq!(schemas["X_a_b"]["type"], "string");
        assert_eq!(schemas["Z"]["$ref"], "#/components/schemas/X_a_b");
    }

    #[test]
    fn the_scan_finds_deep_references_in_json_and_yaml() {
        assert!(may_have_deep_refs(r##"{"$ref": "#/paths/~1a/get/responses/404"}"##));
        assert!(may_have_deep_refs("x: {$ref: '#/components/schemas/X/properties/y'}"));
        assert!(may_have_deep_refs("$ref: #/components/schemas/X/items\n"));
        assert!(!may_have_deep_refs(r##"{"$ref": "#/components/schemas/X"}"##));
        assert!(!may_have_deep_refs("see https://example.com/#/intro"));
    }

    #[test]
    fn missing_or_invalid_targets_and_component_refs_are_left_alone() {
        let yaml = "components:\n  schemas:\n    X: {type: string, definitions: {t: {type: {enum: [a]}}}}\n    Y: {$ref: '#/components/schemas/X'}\n    Z: {$ref: '#/components/schemas/X/properties/nope'}\n    W: {$ref: '#/components/schemas/X/definitions/t'}\n";
        let mut raw: Value = serde_yaml::from_str(yaml).unwrap();
        assert!(!hoist(&mut raw, &mut Origins::default()));
        assert_eq!(raw, serde_yaml::from_str::<Value>(yaml).unwrap());
    }
}
