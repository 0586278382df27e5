//! Our vendor extensions (`x-huawei-…`, documented in `specs/README.md`): their names, their shapes,
//! and where each may appear. The resolver validates them; `page check` reads the sources and errata.

use serde::Deserialize;
use serde_yaml::Value;

use crate::pointer::Pointer;

/// Which documentation page a spec, an operation or a status table transcribes.
pub const SOURCE: &str = "x-huawei-source";
/// A service-wide status-code table (root only).
pub const STATUS_CODES: &str = "x-huawei-status-codes";
/// The reason phrase of a response, where the page's differs from the standard one.
pub const REASON: &str = "x-huawei-reason";
/// Where a spec deliberately departs from its page.
pub const ERRATA: &str = "x-huawei-errata";
/// How a list operation pages its results (operation only).
pub const PAGINATION: &str = "x-huawei-pagination";

/// A documentation page: its repository (`huaweicloudDocs/vpcep`) and path in it
/// (`cn.zh-cn/接口参考/创建终端节点.md`), and optionally its title and where it was captured.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// The documentation repository, `owner/name`.
    pub repository: Option<String>,
    /// The page's path in the repository.
    pub path: Option<String>,
    /// The page title as published.
    pub title: Option<String>,
    /// The seed file the page was first captured in.
    pub seed: Option<String>,
    /// The page's topic anchor.
    pub topic: Option<String>,
}

impl Source {
    /// The repository's name without its owner (`vpcep` of `huaweicloudDocs/vpcep`).
    pub fn repository_name(&self) -> Option<&str> {
        let repository = self.repository.as_deref()?;
        Some(repository.rsplit('/').next().unwrap_or(repository))
    }
}

/// One deliberate departure from the page, written next to the spot it concerns.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Erratum {
    /// What differs, in the terms `page check` reports it: a keyword (`minLength`, `type`,
    /// `required`, `enum`, …), `property <name>`, `parameter <name>`, `status <code>`,
    /// `operationId`, `method` or `path`; several are separated by commas.
    pub about: String,
    /// What the page says.
    pub page: String,
    /// What the spec says instead.
    pub spec: String,
    /// Why: what shows the page is wrong (its own examples, another page, the values the service
    /// really issues, the official SDK).
    pub evidence: String,
}

impl Erratum {
    /// Whether it declares a difference about `aspect`: `about` names one aspect, or several
    /// separated by commas (`minLength, maxLength`).
    pub fn declares(&self, aspect: &str) -> bool {
        self.about.split(',').any(|a| a.trim() == aspect)
    }
}

/// `x-huawei-pagination`: where a list operation's items are and how the next page is asked for.
/// Exactly one of `offset` and `marker` is given; with `marker`, exactly one of `next-marker` and
/// `marker-from-item`. Field paths are wire names joined by dots (`page_info.next_marker`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Pagination {
    /// The field of the success body holding the page's items (an array).
    pub items: String,
    /// The query parameter of the page size.
    pub limit: Option<String>,
    /// The query parameter of the number of items to skip.
    pub offset: Option<String>,
    /// The query parameter of the position marker.
    pub marker: Option<String>,
    /// The field of the success body holding the next page's marker.
    pub next_marker: Option<String>,
    /// The field of an item whose value, on the last item, is the next page's marker.
    pub marker_from_item: Option<String>,
    /// The field of the success body holding the total number of items.
    pub total: Option<String>,
}

/// Reads an `x-huawei-pagination` value.
pub fn pagination(value: &Value) -> Result<Pagination, String> {
    let pagination: Pagination = serde_yaml::from_value(value.clone()).map_err(|err| {
        format!("`{PAGINATION}` must be {{items, limit?, offset? | marker?, next-marker? | marker-from-item?, total?}}: {err}")
    })?;
    match (
        &pagination.offset,
        &pagination.marker,
        &pagination.next_marker,
        &pagination.marker_from_item,
    ) {
        (Some(_), None, None, None) => Ok(pagination),
        (None, Some(_), Some(_), None) | (None, Some(_), None, Some(_)) => Ok(pagination),
        (Some(_), Some(_), ..) | (None, None, ..) => {
            Err(format!("`{PAGINATION}` gives exactly one of `offset` and `marker`"))
        }
        (Some(_), None, ..) => Err(format!(
            "`{PAGINATION}`: `next-marker` and `marker-from-item` go with `marker`, not `offset`"
        )),
        (None, Some(_), ..) => Err(format!(
            "`{PAGINATION}` with `marker` gives exactly one of `next-marker` and `marker-from-item`"
        )),
    }
}

/// Where in a document an extension is allowed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Position {
    /// The document root.
    Root,
    /// An operation (`#/paths/{path}/{method}`).
    Operation,
    /// A response (`#/paths/…/responses/{status}` or `#/components/responses/{name}`).
    Response,
    /// Anywhere else outside examples: parameters, schemas, properties, media types.
    Other,
}

/// The extensions allowed at a position.
pub fn allowed_at(position: Position) -> &'static [&'static str] {
    match position {
        Position::Root => &[SOURCE, STATUS_CODES, ERRATA],
        Position::Operation => &[SOURCE, ERRATA, PAGINATION],
        Position::Response => &[REASON, ERRATA],
        Position::Other => &[ERRATA],
    }
}

/// An `x-huawei-` key found in a document.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    /// The node that has the key.
    pub at: Pointer,
    /// The key.
    pub key: String,
    /// What kind of node that is.
    pub position: Position,
}

/// Every `x-huawei-` key in a raw document, in document order. Example values are free-form data,
/// so nothing inside `example`/`examples` counts.
pub fn find_all(root: &Value) -> Vec<Found> {
    let mut found = Vec::new();
    walk(root, &Pointer::root(), &mut found);
    found
}

fn walk(node: &Value, at: &Pointer, found: &mut Vec<Found>) {
    // Only mappings and sequences can hold extensions: scalars are not descended into (a large
    // spec has millions), so no pointer is built for them.
    let holds_keys = |value: &Value| matches!(value, Value::Mapping(_) | Value::Sequence(_));
    match node {
        Value::Mapping(map) => {
            for (key, value) in map {
                let number;
                let key = match key {
                    Value::String(key) => key.as_str(),
                    Value::Number(n) => {
                        number = n.to_string();
                        number.as_str()
                    }
                    _ => continue,
                };
                if key.starts_with("x-huawei-") {
                    found.push(Found {
                        at: at.clone(),
                        key: key.to_owned(),
                        position: position_of(at),
                    });
                } else if holds_keys(value)
                    && key != "example"
                    && key != "examples"
                    && !key.starts_with("x-")
                {
                    walk(value, &at.join(key), found);
                }
            }
        }
        Value::Sequence(items) => {
            for (index, item) in items.iter().enumerate().filter(|(_, item)| holds_keys(item)) {
                walk(item, &at.join(index), found);
            }
        }
        _ => {}
    }
}

const METHODS: [&str; 8] = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/// The position of the node at `pointer`.
pub fn position_of(pointer: &Pointer) -> Position {
    let segments = pointer.owned_segments();
    let parts: Vec<&str> = segments.iter().map(String::as_str).collect();
    match parts.as_slice() {
        [] => Position::Root,
        ["paths", _, method] if METHODS.contains(method) => Position::Operation,
        ["paths", _, method, "responses", _] if METHODS.contains(method) => Position::Response,
        ["components", "responses", _] => Position::Response,
        _ => Position::Other,
    }
}

/// Reads an `x-huawei-source` value.
pub fn source(value: &Value) -> Result<Source, String> {
    serde_yaml::from_value(value.clone()).map_err(|err| {
        format!("`{SOURCE}` must be {{repository?, path?, title?, seed?, topic?}}: {err}")
    })
}

/// Reads an `x-huawei-errata` value.
pub fn errata(value: &Value) -> Result<Vec<Erratum>, String> {
    let errata: Vec<Erratum> = serde_yaml::from_value(value.clone()).map_err(|err| {
        format!("`{ERRATA}` must be a list of {{about, page, spec, evidence}}: {err}")
    })?;
    match errata
        .iter()
        .find(|e| [&e.about, &e.page, &e.spec, &e.evidence].iter().any(|t| t.trim().is_empty()))
    {
        Some(erratum) => Err(format!(
            "erratum `{}` leaves a field empty: each says what differs, what the page says, what the spec says instead, and the evidence",
            erratum.about
        )),
        None => Ok(errata),
    }
}

/// The errata written on the node at `pointer` (none when it has no valid `x-huawei-errata`).
pub fn errata_at(root: &Value, pointer: &Pointer) -> Vec<Erratum> {
    crate::load::raw_at(root, pointer)
        .and_then(|node| node.get(ERRATA))
        .and_then(|value| errata(value).ok())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_follow_the_document_structure() {
        let root = Pointer::root();
        let op = root.join("paths").join("/v1/x").join("get");
        assert_eq!(position_of(&root), Position::Root);
        assert_eq!(position_of(&op), Position::Operation);
        assert_eq!(position_of(&op.join("responses").join("200")), Position::Response);
        assert_eq!(position_of(&op.join("parameters").join(0)), Position::Other);
        let response = root.join("components").join("responses").join("NotFound");
        assert_eq!(position_of(&response), Position::Response);
    }

    #[test]
    fn keys_inside_examples_are_data() {
        let doc: Value = serde_yaml::from_str(
            "x-huawei-source: {repository: a/b}\npaths:\n  /x:\n    get:\n      x-huawei-typo: 1\n      responses:\n        '200':\n          content:\n            application/json:\n              example: {x-huawei-errata: 1}\n",
        )
        .unwrap();
        let found: Vec<String> =
            find_all(&doc).into_iter().map(|found| format!("{} {}", found.at, found.key)).collect();
        assert_eq!(found, ["# x-huawei-source", "#/paths/~1x/get x-huawei-typo"]);
    }

    #[test]
    fn errata_need_every_field() {
        let ok: Value =
            serde_yaml::from_str("[{about: minLength, page: '36', spec: none, evidence: e}]")
                .unwrap();
        assert_eq!(errata(&ok).unwrap()[0].about, "minLength");
        let empty: Value =
            serde_yaml::from_str("[{about: minLength, page: '36', spec: none, evidence: ''}]")
                .unwrap();
        assert!(errata(&empty).unwrap_err().contains("leaves a field empty"));
        let unknown: Value =
            serde_yaml::from_str("[{about: a, page: b, spec: c, evidence: d, extra: e}]").unwrap();
        assert!(errata(&unknown).is_err());
    }
}
