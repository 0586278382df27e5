//! OpenAPI 3.1 read as OpenAPI 3.0: the raw document is rewritten into its 3.0 equivalent before
//! the typed `OpenAPI` is read from it, so both describe the same 3.0 document and every later stage
//! works unchanged.
//!
//! What has an exact 3.0 spelling is rewritten silently: `type: [T, "null"]` (`nullable`), several
//! types (`anyOf`), `null` alternatives of `anyOf`/`oneOf`, `const`, numeric `exclusiveMinimum` and
//! `exclusiveMaximum`, one schema example, `$ref` with sibling keywords (`allOf`), boolean schemas,
//! `contentEncoding: base64` (`format: byte`), `contentMediaType` where a string is a file
//! (`format: binary`), `$defs` (component schemas), `components.pathItems` (inlined), a missing
//! `paths` or operation `responses`. What can only be approximated, or is ignored, is a
//! [`Conversion`]: the resolver reports each like a schema mistake (an error under the strict
//! policy, a warning saying what is generated otherwise). Keywords with no reading at all
//! (`$dynamicRef`) stay in place for the resolver's keyword check to report.
//!
//! Nodes that move (a `$ref` into `allOf`, keywords into the `anyOf` part of their type) are
//! recorded in [`Origins`], so diagnostics name the pointer and line the file has.

use std::collections::{HashMap, HashSet};

use serde_yaml::{Mapping, Value};

use crate::pointer::Pointer;

/// Something an OpenAPI 3.1 document says that its 3.0 reading only approximates or ignores.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conversion {
    /// Where, in the file as written.
    pub pointer: Pointer,
    /// What OpenAPI 3.0 cannot say.
    pub message: String,
    /// What is generated instead.
    pub then: String,
}

/// Where the nodes of a converted document were in the file: for each schema (or path item) whose
/// rewrite moved something, the moved nodes' new pointers with their pointers in the file.
#[derive(Debug, Clone, Default)]
pub struct Origins {
    steps: HashMap<Pointer, Vec<(Pointer, Pointer)>>,
}

impl Origins {
    /// The pointer in the file of the node at `pointer` in the converted document.
    pub fn original(&self, pointer: &Pointer) -> Option<Pointer> {
        if self.steps.is_empty() {
            return None;
        }
        let mut node = Some(pointer.clone());
        while let Some(at) = node {
            if let Some(entries) = self.steps.get(&at) {
                return entries
                    .iter()
                    .filter(|(new, _)| pointer.starts_with(new))
                    .max_by_key(|(new, _)| new.depth())
                    .and_then(|(new, old)| pointer.rebase(new, old));
            }
            node = at.parent();
        }
        None
    }

    /// Records that the node now at `new` was moved there whole from `old` (a pointer into the
    /// document as it was, which earlier moves translate to the file's).
    pub(super) fn moved(&mut self, new: Pointer, old: Pointer) {
        let Some(parent) = new.parent() else { return };
        let old = self.original_or_same(&old);
        let same = self.original_or_same(&parent);
        let entries = self.steps.entry(parent.clone()).or_insert_with(|| vec![(parent, same)]);
        entries.push((new, old));
    }

    fn original_or_same(&self, pointer: &Pointer) -> Pointer {
        self.original(pointer).unwrap_or_else(|| pointer.clone())
    }

    /// Records the moves made while rewriting the node at `node` (their old pointers as they were
    /// before the rewrite, which the earlier steps translate to the file's).
    fn record(&mut self, node: &Pointer, moves: Vec<(Pointer, Pointer)>) {
        if moves.is_empty() {
            return;
        }
        let mut entries: Vec<(Pointer, Pointer)> =
            moves.into_iter().map(|(new, old)| (new, self.original_or_same(&old))).collect();
        entries.push((node.clone(), self.original_or_same(node)));
        self.steps.insert(node.clone(), entries);
    }
}

/// The result of a conversion.
pub(super) struct Converted {
    pub conversions: Vec<Conversion>,
    pub origins: Origins,
}

/// Rewrites an OpenAPI 3.1 document (already known to declare `openapi: 3.1.x`) into OpenAPI 3.0.
pub(super) fn convert(raw: &mut Value) -> Converted {
    let mut converter = Converter::default();
    if let Value::Mapping(root) = raw {
        converter.document(root);
    }
    Converted { conversions: converter.conversions, origins: converter.origins }
}

/// The version the converted document declares.
const OPENAPI_30: &str = "3.0.3";

/// Keywords that constrain values of one type, by type (JSON Schema applies each only to values of
/// its type): when a schema with several types is split into one schema per type, each goes with its
/// type.
const TYPE_KEYWORDS: &[(&str, &[&str])] = &[
    ("string", &["pattern", "minLength", "maxLength"]),
    ("integer", &["multipleOf", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"]),
    ("number", &["multipleOf", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"]),
    ("boolean", &[]),
    ("array", &["items", "minItems", "maxItems", "uniqueItems"]),
    (
        "object",
        &["properties", "required", "additionalProperties", "minProperties", "maxProperties"],
    ),
];

/// Keywords that describe a schema without constraining its values.
const ANNOTATIONS: &[&str] = &[
    "description",
    "title",
    "default",
    "example",
    "examples",
    "deprecated",
    "readOnly",
    "writeOnly",
    "nullable",
    "externalDocs",
    "xml",
    "$comment",
];

/// Keywords that apply other schemas to the same value, which `unevaluatedProperties` and
/// `unevaluatedItems` look through.
const APPLICATORS: &[&str] =
    &["allOf", "anyOf", "oneOf", "$ref", "$dynamicRef", "if", "then", "else", "dependentSchemas"];

const METHODS: [&str; 8] = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

#[derive(Default)]
struct Converter {
    conversions: Vec<Conversion>,
    origins: Origins,
    /// The moves of the node being rewritten, new pointer → pointer before the rewrite.
    moves: Vec<(Pointer, Pointer)>,
    /// Component schemas used in multipart or raw bodies, where a string with `contentMediaType`
    /// is a file; found while the operations are walked, before the component schemas are.
    binary_refs: HashSet<String>,
    /// `$defs` taken out of schemas (their pointers in the file), to become component schemas.
    hoisted: Vec<(Pointer, Value)>,
}

impl Converter {
    /// Records a conversion at `pointer` (in the document as being rewritten).
    fn note(&mut self, pointer: &Pointer, message: String, then: &str) {
        let pointer = self.original(pointer);
        self.conversions.push(Conversion { pointer, message, then: then.to_owned() });
    }

    /// The pointer in the file of a node of the schema being rewritten.
    fn original(&self, pointer: &Pointer) -> Pointer {
        let before = local_original(&self.moves, pointer);
        self.origins.original_or_same(&before)
    }

    /// Notes that the node now at `new` was at `current` (before any move of this rewrite).
    fn moved(&mut self, new: Pointer, current: Pointer) {
        let old = local_original(&self.moves, &current);
        self.moves.retain(|(n, _)| !n.starts_with(&new));
        self.moves.push((new, old));
    }

    fn document(&mut self, root: &mut Mapping) {
        let at = Pointer::root();
        root.insert("openapi".into(), OPENAPI_30.into());
        if let Some(dialect) = root.shift_remove("jsonSchemaDialect")
            && !known_dialect(&dialect)
        {
            self.note(
                    &at.join("jsonSchemaDialect"),
                    format!(
                        "the document declares the schema dialect `{}`, which the generator does not know",
                        shown(&dialect)
                    ),
                    "its schemas are read as OpenAPI 3.1's default dialect (JSON Schema 2020-12)",
                );
        }
        if let Some(webhooks) = root.shift_remove("webhooks") {
            let names = match &webhooks {
                Value::Mapping(map) => map.keys().map(key_text).collect::<Vec<_>>(),
                _ => Vec::new(),
            };
            if !names.is_empty() {
                self.note(
                    &at.join("webhooks"),
                    format!(
                        "`webhooks` (requests the API sends to its clients: {}) are not generated",
                        names.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ")
                    ),
                    "they are ignored",
                );
            }
        }
        if let Some(Value::Mapping(info)) = root.get_mut("info") {
            // A short summary of the API: the first paragraph of its description.
            if let Some(Value::String(summary)) = info.shift_remove("summary") {
                let text = match info.get("description") {
                    Some(Value::String(description)) => format!("{summary}\n\n{description}"),
                    _ => summary,
                };
                info.insert("description".into(), text.into());
            }
            // The SPDX identifier of the license; the generator reads no license.
            if let Some(Value::Mapping(license)) = info.get_mut("license") {
                license.shift_remove("identifier");
            }
        }
        let path_items = match root.get_mut("components") {
            Some(Value::Mapping(components)) => match components.shift_remove("pathItems") {
                Some(Value::Mapping(items)) => items,
                _ => Mapping::new(),
            },
            _ => Mapping::new(),
        };
        // The operations first: they tell which component schemas are bodies of files.
        match root.get_mut("paths") {
            Some(Value::Mapping(paths)) => {
                let base = at.join("paths");
                for (path, item) in paths.iter_mut() {
                    let pointer = base.join(key_text(path));
                    self.inline_path_item(item, &pointer, &path_items);
                    self.path_item(item, &pointer);
                }
            }
            Some(_) => {}
            // Optional in 3.1: a document of components (or webhooks) alone has no operations.
            None => {
                root.insert("paths".into(), Value::Mapping(Mapping::new()));
            }
        }
        if let Some(Value::Mapping(components)) = root.get_mut("components") {
            self.components(components, &at.join("components"));
        }
        self.hoist_defs(root);
    }

    fn components(&mut self, components: &mut Mapping, at: &Pointer) {
        for (section, entries) in components.iter_mut() {
            let section = key_text(section);
            let Value::Mapping(entries) = entries else { continue };
            if section == "securitySchemes" {
                // Mutual TLS (new in 3.1) has no 3.0 form; the generator reads no security scheme.
                entries.retain(|_, scheme| {
                    !matches!(scheme.get("type"), Some(Value::String(t)) if t == "mutualTLS")
                });
                continue;
            }
            if section == "schemas" {
                continue;
            }
            for (name, entry) in entries.iter_mut() {
                let pointer = at.join(&section).join(key_text(name));
                match section.as_str() {
                    "responses" => self.response(entry, &pointer),
                    "parameters" => self.parameter(entry, &pointer),
                    "requestBodies" => self.request_body(entry, &pointer),
                    "headers" => self.header(entry, &pointer),
                    "callbacks" => self.callback(entry, &pointer),
                    "examples" | "links" => {
                        self.reference(entry, &pointer);
                    }
                    _ => {}
                }
            }
        }
        let Some(Value::Mapping(schemas)) = components.get_mut("schemas") else { return };
        let binary = binary_closure(schemas, std::mem::take(&mut self.binary_refs));
        for (name, schema) in schemas.iter_mut() {
            let name = key_text(name);
            let pointer = at.join("schemas").join(&name);
            self.schema(schema, &pointer, binary.contains(&name));
        }
    }

    /// Replaces a `$ref` to `#/components/pathItems/X` by a copy of X (the 3.0 generator reads no
    /// path item references).
    fn inline_path_item(&mut self, item: &mut Value, pointer: &Pointer, path_items: &Mapping) {
        let Value::Mapping(map) = item else { return };
        let Some(Value::String(reference)) = map.get("$ref") else { return };
        let Some(target) = Pointer::from_ref(reference) else { return };
        let segments = target.owned_segments();
        let [components, section, name] = segments.as_slice() else { return };
        if components != "components" || section != "pathItems" {
            return;
        }
        let Some(Value::Mapping(found)) = path_items.get(name.as_str()) else { return };
        let mut inlined = found.clone();
        let mut conflicts = Vec::new();
        let mut moves = vec![(pointer.clone(), target.clone())];
        for (key, value) in map.iter() {
            let key_name = key_text(key);
            if key_name == "$ref" {
                continue;
            }
            if inlined.contains_key(key) {
                conflicts.push(key_name);
            } else {
                inlined.insert(key.clone(), value.clone());
                moves.push((pointer.join(&key_name), pointer.join(&key_name)));
            }
        }
        for key in conflicts {
            self.note(
                &pointer.join(&key),
                format!("`{key}` is both beside this `$ref` and in the path item it refers to, which OpenAPI 3.1 leaves undefined"),
                "the referenced path item's is used",
            );
        }
        *item = Value::Mapping(inlined);
        // Recorded as a whole: the moved nodes' old pointers are already the file's.
        self.origins.steps.insert(pointer.clone(), moves);
    }

    fn path_item(&mut self, item: &mut Value, pointer: &Pointer) {
        let Value::Mapping(map) = item else { return };
        if let Some(Value::Sequence(parameters)) = map.get_mut("parameters") {
            for (index, parameter) in parameters.iter_mut().enumerate() {
                self.parameter(parameter, &pointer.join("parameters").join(index));
            }
        }
        for method in METHODS {
            if let Some(operation) = map.get_mut(method) {
                self.operation(operation, &pointer.join(method));
            }
        }
    }

    fn operation(&mut self, operation: &mut Value, pointer: &Pointer) {
        let Value::Mapping(map) = operation else { return };
        if let Some(Value::Sequence(parameters)) = map.get_mut("parameters") {
            for (index, parameter) in parameters.iter_mut().enumerate() {
                self.parameter(parameter, &pointer.join("parameters").join(index));
            }
        }
        if let Some(body) = map.get_mut("requestBody") {
            self.request_body(body, &pointer.join("requestBody"));
        }
        match map.get_mut("responses") {
            Some(Value::Mapping(responses)) => {
                for (status, response) in responses.iter_mut() {
                    self.response(response, &pointer.join("responses").join(key_text(status)));
                }
            }
            Some(_) => {}
            // Optional in 3.1; the resolver reports an operation that documents no response.
            None => {
                map.insert("responses".into(), Value::Mapping(Mapping::new()));
            }
        }
        if let Some(Value::Mapping(callbacks)) = map.get_mut("callbacks") {
            for (name, callback) in callbacks.iter_mut() {
                self.callback(callback, &pointer.join("callbacks").join(key_text(name)));
            }
        }
    }

    fn callback(&mut self, callback: &mut Value, pointer: &Pointer) {
        if self.reference(callback, pointer) {
            return;
        }
        let Value::Mapping(expressions) = callback else { return };
        for (expression, item) in expressions.iter_mut() {
            self.path_item(item, &pointer.join(key_text(expression)));
        }
    }

    /// Whether `value` is a Reference Object. In 3.1 its `summary` and `description` replace the
    /// referenced object's, which 3.0 cannot say: they are removed, with a note.
    fn reference(&mut self, value: &mut Value, pointer: &Pointer) -> bool {
        let Value::Mapping(map) = value else { return false };
        if !map.contains_key("$ref") {
            return false;
        }
        for key in ["summary", "description"] {
            if map.shift_remove(key).is_some() {
                self.note(
                    &pointer.join(key),
                    format!("in OpenAPI 3.1 the `{key}` beside a `$ref` replaces the referenced object's, which OpenAPI 3.0 cannot say"),
                    "the referenced object's own is used",
                );
            }
        }
        true
    }

    fn parameter(&mut self, parameter: &mut Value, pointer: &Pointer) {
        if self.reference(parameter, pointer) {
            return;
        }
        let Value::Mapping(map) = parameter else { return };
        if let Some(schema) = map.get_mut("schema") {
            self.schema(schema, &pointer.join("schema"), false);
        }
        self.content(map, pointer);
        self.examples(map, pointer);
    }

    fn header(&mut self, header: &mut Value, pointer: &Pointer) {
        self.parameter(header, pointer);
    }

    fn request_body(&mut self, body: &mut Value, pointer: &Pointer) {
        if self.reference(body, pointer) {
            return;
        }
        if let Value::Mapping(map) = body {
            self.content(map, pointer);
        }
    }

    fn response(&mut self, response: &mut Value, pointer: &Pointer) {
        if self.reference(response, pointer) {
            return;
        }
        let Value::Mapping(map) = response else { return };
        if let Some(Value::Mapping(headers)) = map.get_mut("headers") {
            for (name, header) in headers.iter_mut() {
                self.header(header, &pointer.join("headers").join(key_text(name)));
            }
        }
        self.content(map, pointer);
        if let Some(Value::Mapping(links)) = map.get_mut("links") {
            for (name, link) in links.iter_mut() {
                self.reference(link, &pointer.join("links").join(key_text(name)));
            }
        }
    }

    /// The `examples` map of a parameter, header or media type: Example Objects or references.
    fn examples(&mut self, map: &mut Mapping, pointer: &Pointer) {
        if let Some(Value::Mapping(examples)) = map.get_mut("examples") {
            for (name, example) in examples.iter_mut() {
                self.reference(example, &pointer.join("examples").join(key_text(name)));
            }
        }
    }

    /// The media types of `map`'s `content`.
    fn content(&mut self, map: &mut Mapping, pointer: &Pointer) {
        let Some(Value::Mapping(content)) = map.get_mut("content") else { return };
        for (media_type, media) in content.iter_mut() {
            let media_type = key_text(media_type);
            let at = pointer.join("content").join(&media_type);
            let Value::Mapping(media) = media else { continue };
            // Multipart parts and raw bodies are bytes: a string with a media type is a file there.
            let essence = media_type.split(';').next().unwrap_or_default().trim().to_lowercase();
            let json = essence == "application/json"
                || (essence.starts_with("application/") && essence.ends_with("+json"));
            let binary = !json && essence != "application/x-www-form-urlencoded";
            if let Some(schema) = media.get_mut("schema") {
                self.schema(schema, &at.join("schema"), binary);
            }
            self.examples(media, &at);
            if let Some(Value::Mapping(encoding)) = media.get_mut("encoding") {
                for (property, entry) in encoding.iter_mut() {
                    let Some(Value::Mapping(headers)) = entry.get_mut("headers") else { continue };
                    for (name, header) in headers.iter_mut() {
                        let header_at = at
                            .join("encoding")
                            .join(key_text(property))
                            .join("headers")
                            .join(key_text(name));
                        self.header(header, &header_at);
                    }
                }
            }
        }
    }

    /// Rewrites one schema and, below it, every schema it holds. `binary`: the schema describes
    /// bytes (a multipart part or a raw body), where a string with a media type is a file.
    fn schema(&mut self, value: &mut Value, pointer: &Pointer, binary: bool) {
        let map = match value {
            Value::Bool(true) => {
                *value = Value::Mapping(Mapping::new());
                return;
            }
            // No value is valid: `not: {}`, which the resolver reports as unsupported.
            Value::Bool(false) => {
                *value = Value::Mapping(mapping([("not", Value::Mapping(Mapping::new()))]));
                return;
            }
            Value::Mapping(map) => map,
            _ => return,
        };
        self.moves.clear();
        if binary
            && let Some(Value::String(reference)) = map.get("$ref")
            && let Some(name) = reference.strip_prefix("#/components/schemas/")
        {
            self.binary_refs.insert(name.to_owned());
        }
        self.null_alternatives(map, pointer);
        self.identifiers(map, pointer);
        self.constant(map, pointer);
        self.schema_examples(map, pointer);
        exclusive_bounds(map, &mut |new, old| self.moved(pointer.join(new), pointer.join(old)));
        self.content_keywords(map, pointer, binary);
        let applicators = APPLICATORS.iter().any(|k| map.contains_key(*k));
        self.arrays(map, pointer, applicators);
        self.objects(map, pointer, applicators);
        self.conditionals(map, pointer);
        self.types(map, pointer);
        self.ref_siblings(map, pointer);
        let moves = std::mem::take(&mut self.moves);
        self.origins.record(pointer, moves);

        if let Some(Value::Mapping(properties)) = map.get_mut("properties") {
            for (name, property) in properties.iter_mut() {
                self.schema(property, &pointer.join("properties").join(key_text(name)), binary);
            }
        }
        if matches!(map.get("not"), Some(Value::Bool(false))) {
            // `not: false` holds for every value.
            map.shift_remove("not");
        }
        for key in ["items", "additionalProperties", "not"] {
            match map.get_mut(key) {
                Some(Value::Bool(_)) if key == "additionalProperties" => {}
                Some(child) => self.schema(child, &pointer.join(key), binary),
                None => {}
            }
        }
        for key in ["allOf", "anyOf", "oneOf"] {
            if let Some(Value::Sequence(parts)) = map.get_mut(key) {
                for (index, part) in parts.iter_mut().enumerate() {
                    self.schema(part, &pointer.join(key).join(index), binary);
                }
            }
        }
    }

    /// `anyOf`/`oneOf` with a `null` alternative: the others, and `nullable`. One other is the
    /// schema itself (merged in, or the 3.0 idiom `allOf: [X]` beside `nullable`).
    fn null_alternatives(&mut self, map: &mut Mapping, pointer: &Pointer) {
        let mut nullable = false;
        for keyword in ["anyOf", "oneOf"] {
            let Some(Value::Sequence(parts)) = map.get_mut(keyword) else { continue };
            if !parts.iter().any(is_null_schema) {
                continue;
            }
            nullable = true;
            let kept: Vec<(usize, Value)> = std::mem::take(parts)
                .into_iter()
                .enumerate()
                .filter(|(_, p)| !is_null_schema(p))
                .collect();
            let at = pointer.join(keyword);
            for (new, (old, _)) in kept.iter().enumerate() {
                if new != *old {
                    self.moved(at.join(new), at.join(old));
                }
            }
            let all_of_ok = matches!(map.get("allOf"), None | Some(Value::Sequence(_)));
            match <[(usize, Value); 1]>::try_from(kept) {
                Ok([(old, part)]) if all_of_ok => {
                    map.shift_remove(keyword);
                    let from = at.join(old);
                    if mergeable(map, &part) {
                        let Value::Mapping(part) = part else { continue };
                        for (key, value) in part {
                            let key_name = key_text(&key);
                            self.moved(pointer.join(&key_name), from.join(&key_name));
                            map.insert(key, value);
                        }
                    } else {
                        self.prepend_all_of(map, pointer, vec![(part, from)]);
                    }
                }
                Ok(one) => {
                    map.insert(
                        keyword.into(),
                        Value::Sequence(one.into_iter().map(|(_, p)| p).collect()),
                    );
                }
                Err(kept) if kept.is_empty() => {
                    map.shift_remove(keyword);
                    self.only_null(map, &at);
                }
                Err(kept) => {
                    map.insert(
                        keyword.into(),
                        Value::Sequence(kept.into_iter().map(|(_, p)| p).collect()),
                    );
                }
            }
        }
        if nullable {
            map.insert("nullable".into(), true.into());
        }
    }

    /// Puts `parts` (each with the pointer it came from) first in `map`'s `allOf`.
    fn prepend_all_of(
        &mut self,
        map: &mut Mapping,
        pointer: &Pointer,
        parts: Vec<(Value, Pointer)>,
    ) {
        let at = pointer.join("allOf");
        let existing = match map.shift_remove("allOf") {
            Some(Value::Sequence(existing)) => existing,
            _ => Vec::new(),
        };
        for index in (0..existing.len()).rev() {
            self.moved(at.join(index + parts.len()), at.join(index));
        }
        let mut all = Vec::with_capacity(parts.len() + existing.len());
        for (index, (part, from)) in parts.into_iter().enumerate() {
            self.moved(at.join(index), from);
            all.push(part);
        }
        all.extend(existing);
        map.insert("allOf".into(), Value::Sequence(all));
    }

    /// A schema that only allows `null` (`type: "null"` alone): 3.0 has no such type, so it is read
    /// as any JSON value, which `null` is one of.
    fn only_null(&mut self, map: &mut Mapping, at: &Pointer) {
        map.shift_remove("type");
        map.shift_remove("enum");
        for (_, keywords) in TYPE_KEYWORDS {
            for keyword in *keywords {
                map.shift_remove(*keyword);
            }
        }
        map.shift_remove("format");
        map.insert("nullable".into(), true.into());
        self.note(
            at,
            "a schema that only allows `null` has no OpenAPI 3.0 equivalent".to_owned(),
            "it is read as any JSON value, which includes `null`",
        );
    }

    /// `$comment`, anchors and the vocabulary say nothing about values; `$schema` and `$id` are
    /// noted where they would change the reading; `$defs` become component schemas.
    fn identifiers(&mut self, map: &mut Mapping, pointer: &Pointer) {
        for key in ["$comment", "$anchor", "$dynamicAnchor", "$vocabulary"] {
            map.shift_remove(key);
        }
        if let Some(dialect) = map.shift_remove("$schema")
            && !known_dialect(&dialect)
        {
            self.note(
                &pointer.join("$schema"),
                format!(
                    "this schema declares the dialect `{}`, which the generator does not know",
                    shown(&dialect)
                ),
                "it is read as JSON Schema 2020-12",
            );
        }
        if let Some(id) = map.shift_remove("$id")
            && has_ref(&Value::Mapping(map.clone()))
        {
            self.note(
                &pointer.join("$id"),
                format!(
                    "`$id: {}` makes the `$ref`s inside this schema relative to it",
                    shown(&id)
                ),
                "they are resolved against this document",
            );
        }
        if let Some(Value::Mapping(defs)) = map.shift_remove("$defs") {
            for (name, schema) in defs {
                let at = self.original(&pointer.join("$defs").join(key_text(&name)));
                self.hoisted.push((at, schema));
            }
        }
    }

    /// `const: v` is `enum: [v]`.
    fn constant(&mut self, map: &mut Mapping, pointer: &Pointer) {
        let Some(value) = map.shift_remove("const") else { return };
        if value.is_null() {
            self.only_null(map, &pointer.join("const"));
            return;
        }
        if let Some(Value::Sequence(values)) = map.get("enum")
            && !values.contains(&value)
        {
            self.note(
                &pointer.join("const"),
                "`const` and `enum` have no value in common, so no value is valid".to_owned(),
                "the `const` value is used",
            );
        }
        map.insert("enum".into(), Value::Sequence(vec![value]));
        self.moved(pointer.join("enum"), pointer.join("const"));
    }

    /// A schema's `examples` (a list in JSON Schema) as the one `example` of OpenAPI 3.0.
    fn schema_examples(&mut self, map: &mut Mapping, pointer: &Pointer) {
        let Some(Value::Sequence(examples)) = map.get("examples") else { return };
        let examples = examples.clone();
        map.shift_remove("examples");
        let at = pointer.join("examples");
        if map.contains_key("example") {
            if !examples.is_empty() {
                self.note(
                    &at,
                    "an OpenAPI 3.0 schema has one `example`, this one has `examples` beside it"
                        .to_owned(),
                    "the `example` is used",
                );
            }
            return;
        }
        let count = examples.len();
        let Some(first) = examples.into_iter().next() else { return };
        map.insert("example".into(), first);
        self.moved(pointer.join("example"), at.join(0));
        if count > 1 {
            self.note(
                &at,
                format!("an OpenAPI 3.0 schema has one `example`, this one has {count} `examples`"),
                "the first is used",
            );
        }
    }

    /// `contentEncoding: base64` is `format: byte`; a string with a `contentMediaType` in a
    /// multipart part or raw body is a file, `format: binary`. Elsewhere such a string is text.
    fn content_keywords(&mut self, map: &mut Mapping, pointer: &Pointer, binary: bool) {
        if map.shift_remove("contentSchema").is_some() {
            self.note(
                &pointer.join("contentSchema"),
                "`contentSchema` (the schema of a string's decoded content) has no OpenAPI 3.0 equivalent".to_owned(),
                "the value is read as the string it is",
            );
        }
        let encoding = map.shift_remove("contentEncoding");
        let media = map.shift_remove("contentMediaType");
        let encoding_name = encoding.as_ref().and_then(Value::as_str).map(str::to_ascii_lowercase);
        let format = match encoding_name.as_deref() {
            Some("base64") => Some(("byte", "contentEncoding")),
            None | Some("binary" | "8bit" | "7bit") if media.is_some() && binary => {
                Some(("binary", "contentMediaType"))
            }
            None | Some("binary" | "8bit" | "7bit") => None,
            Some(other) => {
                self.note(
                    &pointer.join("contentEncoding"),
                    format!("`contentEncoding: {other}` has no OpenAPI 3.0 format"),
                    "the value is read as the encoded text, a string",
                );
                None
            }
        };
        let Some((format, from)) = format else { return };
        if map.contains_key("format") {
            return;
        }
        if !map.contains_key("type") {
            map.insert("type".into(), "string".into());
        }
        map.insert("format".into(), format.into());
        self.moved(pointer.join("format"), pointer.join(from));
    }

    /// `prefixItems` (tuples), `items: false`, `unevaluatedItems` and `contains`.
    fn arrays(&mut self, map: &mut Mapping, pointer: &Pointer, applicators: bool) {
        let contains: Vec<&str> = ["contains", "minContains", "maxContains"]
            .into_iter()
            .filter(|k| map.shift_remove(*k).is_some())
            .collect();
        if let Some(first) = contains.first() {
            self.note(
                &pointer.join(*first),
                format!("`{first}` (some items must match a schema) has no OpenAPI 3.0 equivalent"),
                "it is not checked",
            );
        }
        if let Some(unevaluated) = map.shift_remove("unevaluatedItems") {
            if map.contains_key("items") || is_true_schema(&unevaluated) {
                // `items` (or a `true`) leaves nothing for it.
            } else if !applicators {
                map.insert("items".into(), unevaluated);
                self.moved(pointer.join("items"), pointer.join("unevaluatedItems"));
            } else {
                self.note(
                    &pointer.join("unevaluatedItems"),
                    "`unevaluatedItems` beside `allOf`, `anyOf`, `oneOf` or `$ref` has no OpenAPI 3.0 equivalent".to_owned(),
                    "it is not checked",
                );
            }
        }
        let prefix = match map.shift_remove("prefixItems") {
            Some(Value::Sequence(prefix)) => prefix,
            Some(other) => {
                // Not a list: left for the resolver to report.
                map.insert("prefixItems".into(), other);
                return;
            }
            None => {
                if matches!(map.get("items"), Some(Value::Bool(false))) {
                    map.shift_remove("items");
                    map.insert("maxItems".into(), 0.into());
                    self.moved(pointer.join("maxItems"), pointer.join("items"));
                }
                return;
            }
        };
        let count = prefix.len();
        if count == 0 {
            // No positions: the array is what `items` says.
            return;
        }
        let items = map.shift_remove("items");
        let closed_by_items = matches!(items, Some(Value::Bool(false)));
        if closed_by_items {
            let max = map
                .get("maxItems")
                .and_then(Value::as_u64)
                .map_or(count, |m| m.min(count as u64) as usize);
            map.insert("maxItems".into(), max.into());
        }
        let closed = closed_by_items
            || map.get("maxItems").and_then(Value::as_u64).is_some_and(|m| m <= count as u64);
        let at = pointer.join("prefixItems");
        let mut alternatives: Vec<(Value, Pointer)> =
            prefix.into_iter().enumerate().map(|(i, s)| (s, at.join(i))).collect();
        let mut open = false;
        if !closed {
            match items {
                Some(items) if !is_true_schema(&items) => {
                    alternatives.push((items, pointer.join("items")));
                }
                _ => open = true,
            }
        }
        alternatives.dedup_by(|a, b| a.0 == b.0);
        let same = alternatives.iter().all(|(a, _)| *a == alternatives[0].0);
        let items_at = pointer.join("items");
        let then = if open {
            map.insert("items".into(), Value::Mapping(Mapping::new()));
            "the items are read as any JSON value, as items of any kind may follow the listed positions".to_owned()
        } else if alternatives.is_empty() {
            return;
        } else if same {
            let (schema, from) = alternatives.swap_remove(0);
            map.insert("items".into(), schema);
            self.moved(items_at, from);
            return;
        } else {
            let mut parts = Vec::new();
            for (index, (schema, from)) in alternatives.into_iter().enumerate() {
                self.moved(items_at.join("anyOf").join(index), from);
                parts.push(schema);
            }
            map.insert(
                "items".into(),
                Value::Mapping(mapping([("anyOf", Value::Sequence(parts))])),
            );
            "each item is read as any of the positions' schemas (`anyOf`), so which position holds which is not checked".to_owned()
        };
        self.note(
            &at,
            "`prefixItems` (a tuple: a schema for each position) has no OpenAPI 3.0 equivalent"
                .to_owned(),
            &then,
        );
    }

    /// Forbidden properties, `patternProperties`, `propertyNames`, `dependentRequired`,
    /// `dependentSchemas` and `unevaluatedProperties`.
    fn objects(&mut self, map: &mut Mapping, pointer: &Pointer, applicators: bool) {
        if let Some(Value::Mapping(properties)) = map.get_mut("properties") {
            let forbidden: Vec<Value> = properties
                .iter()
                .filter(|(_, v)| matches!(v, Value::Bool(false)))
                .map(|(k, _)| k.clone())
                .collect();
            for key in forbidden {
                properties.shift_remove(&key);
                let name = key_text(&key);
                self.note(
                    &pointer.join("properties").join(&name),
                    format!(
                        "property `{name}` is forbidden (`false`), which OpenAPI 3.0 cannot say"
                    ),
                    "it is left out of the type",
                );
            }
        }
        match map.shift_remove("patternProperties") {
            Some(Value::Mapping(patterns)) if !patterns.is_empty() => {
                self.pattern_properties(map, pointer, patterns);
            }
            Some(Value::Mapping(_)) | None => {}
            Some(other) => {
                map.insert("patternProperties".into(), other);
            }
        }
        if let Some(names) = map.shift_remove("propertyNames")
            && !is_true_schema(&names)
        {
            self.note(
                &pointer.join("propertyNames"),
                "`propertyNames` has no OpenAPI 3.0 equivalent".to_owned(),
                "property names are not checked",
            );
        }
        for (key, what) in [
            ("dependentRequired", "properties required when another is present"),
            ("dependentSchemas", "schemas that apply when a property is present"),
        ] {
            match map.shift_remove(key) {
                Some(Value::Mapping(m)) if m.is_empty() => {}
                Some(_) => self.note(
                    &pointer.join(key),
                    format!("`{key}` ({what}) has no OpenAPI 3.0 equivalent"),
                    "it is not checked",
                ),
                None => {}
            }
        }
        if let Some(unevaluated) = map.shift_remove("unevaluatedProperties") {
            if is_true_schema(&unevaluated) || map.contains_key("additionalProperties") {
                // Nothing is left for it.
            } else if !applicators {
                map.insert("additionalProperties".into(), unevaluated);
                self.moved(
                    pointer.join("additionalProperties"),
                    pointer.join("unevaluatedProperties"),
                );
            } else {
                self.note(
                    &pointer.join("unevaluatedProperties"),
                    "`unevaluatedProperties` beside `allOf`, `anyOf`, `oneOf` or `$ref` has no OpenAPI 3.0 equivalent".to_owned(),
                    "it is not checked: properties its parts do not declare are accepted",
                );
            }
        }
    }

    /// Properties named by pattern: additional properties of the patterns' schemas.
    fn pattern_properties(&mut self, map: &mut Mapping, pointer: &Pointer, patterns: Mapping) {
        let at = pointer.join("patternProperties");
        let message = "`patternProperties` has no OpenAPI 3.0 equivalent".to_owned();
        let additional = map.get("additionalProperties");
        if additional.is_none_or(is_true_schema) {
            self.note(
                &at,
                message,
                "the properties it describes are additional properties, which this object allows with any value",
            );
            return;
        }
        let mut alternatives: Vec<(Value, Pointer)> = patterns
            .into_iter()
            .map(|(pattern, schema)| {
                let from = at.join(key_text(&pattern));
                (schema, from)
            })
            .collect();
        if let Some(schema @ Value::Mapping(_)) = map.shift_remove("additionalProperties") {
            alternatives.push((schema, pointer.join("additionalProperties")));
        }
        alternatives.dedup_by(|a, b| a.0 == b.0);
        let target = pointer.join("additionalProperties");
        if alternatives.iter().all(|(a, _)| *a == alternatives[0].0) {
            let (schema, from) = alternatives.swap_remove(0);
            map.insert("additionalProperties".into(), schema);
            self.moved(target, from);
        } else {
            let mut parts = Vec::new();
            for (index, (schema, from)) in alternatives.into_iter().enumerate() {
                self.moved(target.join("anyOf").join(index), from);
                parts.push(schema);
            }
            map.insert(
                "additionalProperties".into(),
                Value::Mapping(mapping([("anyOf", Value::Sequence(parts))])),
            );
        }
        self.note(
            &at,
            message,
            "the properties it describes are read as additional properties of its schemas, and their names are not checked against the patterns",
        );
    }

    /// `if`/`then`/`else`.
    fn conditionals(&mut self, map: &mut Mapping, pointer: &Pointer) {
        let condition = map.shift_remove("if");
        let branches = [map.shift_remove("then"), map.shift_remove("else")];
        if condition.is_some() && branches.iter().any(Option::is_some) {
            self.note(
                &pointer.join("if"),
                "`if`/`then`/`else` (a conditional schema) has no OpenAPI 3.0 equivalent"
                    .to_owned(),
                "it is not checked",
            );
        }
    }

    /// `type` lists: one type and `nullable`, or one schema per type in an `anyOf`.
    fn types(&mut self, map: &mut Mapping, pointer: &Pointer) {
        let names: Vec<String> = match map.get("type") {
            Some(Value::String(t)) if t == "null" => {
                self.only_null(map, &pointer.join("type"));
                return;
            }
            Some(Value::Sequence(list)) => {
                let Some(names) =
                    list.iter().map(|v| v.as_str().map(str::to_owned)).collect::<Option<Vec<_>>>()
                else {
                    return;
                };
                names
            }
            _ => return,
        };
        let mut types: Vec<String> = Vec::new();
        for name in names {
            if !types.contains(&name) {
                types.push(name);
            }
        }
        let null = types.iter().any(|t| t == "null");
        types.retain(|t| t != "null");
        if types.iter().any(|t| t == "number") {
            // Every integer is a number.
            types.retain(|t| t != "integer");
        }
        if types.is_empty() {
            if null {
                self.only_null(map, &pointer.join("type"));
            }
            return;
        }
        if null {
            map.insert("nullable".into(), true.into());
        }
        // An `enum` keeps only the types it has values of.
        let mut enums: Option<Vec<Vec<Value>>> = None;
        if let Some(Value::Sequence(values)) = map.get("enum") {
            let mut split = vec![Vec::new(); types.len()];
            for value in values {
                let owner = value_type(value, &types);
                if let Some(index) = owner.and_then(|t| types.iter().position(|x| x == t)) {
                    split[index].push(value.clone());
                }
            }
            let mut kept = Vec::new();
            let mut kept_types = Vec::new();
            for (t, values) in types.iter().zip(split) {
                if !values.is_empty() {
                    kept_types.push(t.clone());
                    kept.push(values);
                }
            }
            if !kept_types.is_empty() {
                types = kept_types;
                enums = Some(kept);
            }
        }
        if types.len() == 1 {
            map.insert("type".into(), types[0].clone().into());
            if let Some(mut values) = enums {
                let mut only = values.swap_remove(0);
                if null {
                    only.push(Value::Null);
                }
                map.insert("enum".into(), Value::Sequence(only));
            }
            return;
        }
        map.shift_remove("type");
        map.shift_remove("enum");
        let mut parts: Vec<Mapping> =
            types.iter().map(|t| mapping([("type", Value::String(t.clone()))])).collect();
        if let Some(values) = enums {
            for (part, values) in parts.iter_mut().zip(values) {
                part.insert("enum".into(), Value::Sequence(values));
            }
        }
        let keys: Vec<Value> = map.keys().cloned().collect();
        for key in keys {
            let Some(name) = key.as_str() else { continue };
            let owners: Vec<usize> = if name == "format" {
                let wanted = match map.get("format").and_then(Value::as_str) {
                    Some("int32" | "int64") => "integer",
                    Some("float" | "double") => "number",
                    _ => "string",
                };
                let fallback = if wanted == "integer" { "number" } else { wanted };
                let found = types
                    .iter()
                    .position(|t| t == wanted)
                    .or_else(|| types.iter().position(|t| t == fallback));
                found.into_iter().collect()
            } else {
                let own: Vec<usize> = types
                    .iter()
                    .enumerate()
                    .filter(|(_, t)| {
                        TYPE_KEYWORDS.iter().any(|(typ, kws)| typ == t && kws.contains(&name))
                    })
                    .map(|(i, _)| i)
                    .collect();
                let any_type = TYPE_KEYWORDS.iter().any(|(_, kws)| kws.contains(&name));
                if own.is_empty() && !any_type {
                    continue;
                }
                own
            };
            // A keyword of no listed type constrains nothing, and goes.
            let Some(value) = map.shift_remove(&key) else { continue };
            for index in owners {
                parts[index].insert(key.clone(), value.clone());
            }
        }
        let parts: Vec<Value> = parts.into_iter().map(Value::Mapping).collect();
        let count = parts.len();
        let union = Value::Sequence(parts);
        let base = if map.contains_key("anyOf") || map.contains_key("oneOf") {
            // Beside an existing union, the types are one more condition.
            let list = match map.get_mut("allOf") {
                Some(Value::Sequence(list)) => list,
                _ => {
                    map.insert("allOf".into(), Value::Sequence(Vec::new()));
                    match map.get_mut("allOf") {
                        Some(Value::Sequence(list)) => list,
                        _ => return,
                    }
                }
            };
            list.push(Value::Mapping(mapping([("anyOf", union)])));
            pointer.join("allOf").join(list.len() - 1)
        } else {
            map.insert("anyOf".into(), union);
            pointer.clone()
        };
        for index in 0..count {
            self.moved(base.join("anyOf").join(index), pointer.clone());
        }
    }

    /// `$ref` beside other keywords (all apply in 3.1, the others are ignored in 3.0): the reference
    /// as an `allOf` part, the constraints as another, the annotations beside them.
    fn ref_siblings(&mut self, map: &mut Mapping, pointer: &Pointer) {
        if !matches!(map.get("$ref"), Some(Value::String(_))) || map.len() == 1 {
            return;
        }
        let Some(reference) = map.shift_remove("$ref") else { return };
        let mut constraints = Mapping::new();
        let keys: Vec<Value> = map.keys().cloned().collect();
        for key in keys {
            let name = key_text(&key);
            if ANNOTATIONS.contains(&name.as_str()) || name.starts_with("x-") {
                continue;
            }
            if let Some(value) = map.shift_remove(&key) {
                constraints.insert(key, value);
            }
        }
        let from = pointer.join("$ref");
        let mut parts = vec![(Value::Mapping(mapping([("$ref", reference)])), from.clone())];
        if constraints.len() == 1 && matches!(constraints.get("allOf"), Some(Value::Sequence(_))) {
            // Only an `allOf` beside it: the reference joins its parts.
            map.insert("allOf".into(), constraints.shift_remove("allOf").unwrap_or(Value::Null));
        } else if !constraints.is_empty() {
            parts.push((Value::Mapping(constraints), pointer.clone()));
        }
        self.prepend_all_of(map, pointer, parts);
        // The part is the reference: it and its one keyword are where the `$ref` is.
        self.moved(pointer.join("allOf").join(0).join("$ref"), from);
    }
}

/// `moves`' old pointer of `pointer` (itself when nothing moved it).
fn local_original(moves: &[(Pointer, Pointer)], pointer: &Pointer) -> Pointer {
    moves
        .iter()
        .filter(|(new, _)| pointer.starts_with(new))
        .max_by_key(|(new, _)| new.depth())
        .and_then(|(new, old)| pointer.rebase(new, old))
        .unwrap_or_else(|| pointer.clone())
}

/// Numeric `exclusiveMinimum`/`exclusiveMaximum` (2020-12) as a bound with the 3.0 flag; beside a
/// `minimum`/`maximum`, the stricter of the two. `moved` is told of each bound taken from the
/// exclusive keyword.
fn exclusive_bounds(map: &mut Mapping, moved: &mut dyn FnMut(&str, &str)) {
    for (exclusive, bound, lower) in
        [("exclusiveMinimum", "minimum", true), ("exclusiveMaximum", "maximum", false)]
    {
        let Some(Value::Number(limit)) = map.get(exclusive).cloned() else { continue };
        let (Some(limit_f), inclusive) = (limit.as_f64(), map.get(bound).and_then(Value::as_f64))
        else {
            continue;
        };
        let inclusive_stricter =
            inclusive.is_some_and(|b| if lower { b > limit_f } else { b < limit_f });
        if inclusive_stricter {
            map.shift_remove(exclusive);
        } else {
            map.insert(bound.into(), Value::Number(limit));
            map.insert(exclusive.into(), true.into());
            moved(bound, exclusive);
        }
    }
}

/// A schema only `null` satisfies: `type: "null"` (or `["null"]`), `const: null` or `enum: [null]`,
/// with nothing but annotations beside.
fn is_null_schema(value: &Value) -> bool {
    let Value::Mapping(map) = value else { return false };
    let null_type = match map.get("type") {
        Some(Value::String(t)) => t == "null",
        Some(Value::Sequence(list)) => {
            !list.is_empty() && list.iter().all(|t| t.as_str() == Some("null"))
        }
        Some(_) => return false,
        None => false,
    };
    let null_const = matches!(map.get("const"), Some(Value::Null));
    let null_enum = matches!(map.get("enum"), Some(Value::Sequence(v)) if v.iter().all(Value::is_null) && !v.is_empty());
    (null_type || null_const || null_enum)
        && map.keys().all(|k| {
            let k = key_text(k);
            ["type", "const", "enum"].contains(&k.as_str())
                || ANNOTATIONS.contains(&k.as_str())
                || k.starts_with("x-")
        })
}

/// Whether the one alternative left of a union can be merged into the schema holding it: nothing
/// but annotations (and `nullable`) beside the union, and no keyword in both.
fn mergeable(map: &Mapping, part: &Value) -> bool {
    let Value::Mapping(part) = part else { return false };
    map.keys().all(|k| {
        let k = key_text(k);
        (ANNOTATIONS.contains(&k.as_str()) || k.starts_with("x-") || k == "anyOf" || k == "oneOf")
            && !(part.contains_key(k.as_str()) && k != "nullable")
    }) && !map.contains_key("anyOf")
        && !map.contains_key("oneOf")
}

/// `true` or `{}`: a schema every value satisfies.
fn is_true_schema(value: &Value) -> bool {
    match value {
        Value::Bool(b) => *b,
        Value::Mapping(map) => map.is_empty(),
        _ => false,
    }
}

/// The listed type an `enum` value belongs to.
fn value_type<'t>(value: &Value, types: &'t [String]) -> Option<&'t str> {
    let has = |t: &str| types.iter().any(|x| x == t);
    let wanted = match value {
        Value::String(_) => "string",
        Value::Bool(_) => "boolean",
        Value::Number(n) if (n.is_i64() || n.is_u64()) && has("integer") => "integer",
        Value::Number(_) => "number",
        Value::Sequence(_) => "array",
        Value::Mapping(_) => "object",
        _ => return None,
    };
    types.iter().find(|t| *t == wanted).map(String::as_str)
}

/// Whether a value holds a `$ref` anywhere.
fn has_ref(value: &Value) -> bool {
    match value {
        Value::Mapping(map) => map.contains_key("$ref") || map.values().any(has_ref),
        Value::Sequence(items) => items.iter().any(has_ref),
        Value::Tagged(tagged) => has_ref(&tagged.value),
        _ => false,
    }
}

/// The component schemas named in `seeds`, and those they refer to, to any depth.
fn binary_closure(schemas: &Mapping, seeds: HashSet<String>) -> HashSet<String> {
    let mut found = HashSet::new();
    let mut pending: Vec<String> = seeds.into_iter().collect();
    while let Some(name) = pending.pop() {
        if !found.insert(name.clone()) {
            continue;
        }
        if let Some(schema) = schemas.get(name.as_str()) {
            collect_refs(schema, &mut pending);
        }
    }
    found
}

fn collect_refs(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::Mapping(map) => {
            if let Some(Value::String(reference)) = map.get("$ref")
                && let Some(name) = reference.strip_prefix("#/components/schemas/")
            {
                out.push(name.to_owned());
            }
            map.values().for_each(|v| collect_refs(v, out));
        }
        Value::Sequence(items) => items.iter().for_each(|v| collect_refs(v, out)),
        _ => {}
    }
}

impl Converter {
    /// The `$defs` taken out of schemas become component schemas (named after the definition, a
    /// number added on a clash), and the `$ref`s to them are rewritten.
    fn hoist_defs(&mut self, root: &mut Mapping) {
        if self.hoisted.is_empty() {
            return;
        }
        let mut renames: Vec<(String, String)> = Vec::new();
        let mut next = 0;
        while next < self.hoisted.len() {
            let (from, mut schema) =
                std::mem::replace(&mut self.hoisted[next], (Pointer::root(), Value::Null));
            next += 1;
            let components =
                root.entry("components".into()).or_insert_with(|| Value::Mapping(Mapping::new()));
            let Value::Mapping(components) = components else { return };
            let schemas = components
                .entry("schemas".into())
                .or_insert_with(|| Value::Mapping(Mapping::new()));
            let Value::Mapping(schemas) = schemas else { return };
            let wanted = from.segments().last().unwrap_or_default().into_owned();
            let mut name = wanted.clone();
            let mut n = 1;
            while schemas.contains_key(name.as_str()) {
                n += 1;
                name = format!("{wanted}_{n}");
            }
            schemas.insert(name.clone().into(), Value::Null);
            let pointer = Pointer::root().join("components").join("schemas").join(&name);
            self.origins.steps.insert(pointer.clone(), vec![(pointer.clone(), from.clone())]);
            self.schema(&mut schema, &pointer, false);
            renames.push((from.to_string(), pointer.to_string()));
            // The walk above may have hoisted more; `schemas` is found again for each.
            if let Some(Value::Mapping(components)) = root.get_mut("components")
                && let Some(Value::Mapping(schemas)) = components.get_mut("schemas")
            {
                schemas.insert(name.into(), schema);
            }
        }
        root.values_mut().for_each(|value| rename_in(value, &renames));
    }
}

/// Rewrites every `$ref` into a hoisted definition (or below one).
fn rename_in(value: &mut Value, renames: &[(String, String)]) {
    match value {
        Value::Mapping(map) => {
            if let Some(Value::String(reference)) = map.get_mut("$ref") {
                for (from, to) in renames {
                    if let Some(rest) = reference.strip_prefix(from.as_str())
                        && (rest.is_empty() || rest.starts_with('/'))
                    {
                        *reference = format!("{to}{rest}");
                        break;
                    }
                }
            }
            map.values_mut().for_each(|v| rename_in(v, renames));
        }
        Value::Sequence(items) => items.iter_mut().for_each(|v| rename_in(v, renames)),
        _ => {}
    }
}

/// The JSON Schema dialects an OpenAPI 3.1 schema is read in: 2020-12 and the OpenAPI dialects
/// built on it.
fn known_dialect(dialect: &Value) -> bool {
    let Some(uri) = dialect.as_str() else { return false };
    let uri = uri.trim_end_matches('#');
    let uri = uri.strip_prefix("https://").or_else(|| uri.strip_prefix("http://")).unwrap_or(uri);
    uri == "json-schema.org/draft/2020-12/schema"
        || uri.starts_with("spec.openapis.org/oas/3.1/dialect/")
}

fn mapping<const N: usize>(entries: [(&str, Value); N]) -> Mapping {
    entries.into_iter().map(|(k, v)| (Value::String(k.to_owned()), v)).collect()
}

fn key_text(key: &Value) -> String {
    match key {
        Value::String(s) => s.clone(),
        other => shown(other),
    }
}

fn shown(value: &Value) -> String {
    serde_yaml::to_string(value).map(|s| s.trim().to_owned()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn yaml(text: &str) -> Value {
        serde_yaml::from_str(text).unwrap()
    }

    /// Converts a document with `schema` as component `S`: the schema as rewritten, and the
    /// conversions as `pointer: message; then`.
    fn schema(schema: &str) -> (Value, Vec<String>) {
        let mut doc = yaml("{openapi: 3.1.0, info: {title: t, version: '1'}}");
        doc["components"] = yaml("{schemas: {}}");
        doc["components"]["schemas"]["S"] = yaml(schema);
        let (doc, notes) = document(doc);
        (doc["components"]["schemas"]["S"].clone(), notes)
    }

    fn document(mut doc: Value) -> (Value, Vec<String>) {
        let converted = convert(&mut doc);
        let notes = converted
            .conversions
            .iter()
            .map(|c| format!("{}: {}; {}", c.pointer, c.message, c.then))
            .collect();
        (doc, notes)
    }

    fn exact(from: &str, to: &str) {
        let (got, notes) = schema(from);
        assert_eq!(got, yaml(to), "{from}");
        assert!(notes.is_empty(), "{from}: {notes:?}");
    }

    fn approximate(from: &str, to: &str, note: &str) {
        let (got, notes) = schema(from);
        assert_eq!(got, yaml(to), "{from}");
        assert!(notes.len() == 1 && notes[0].contains(note), "{from}: {notes:?}");
    }

    #[test]
    fn type_lists() {
        exact(
            "{type: [string, 'null'], maxLength: 3}",
            "{type: string, maxLength: 3, nullable: true}",
        );
        exact(
            "{type: ['null', array], items: {type: [integer]}}",
            "{type: array, items: {type: integer}, nullable: true}",
        );
        exact("{type: [integer, number], minimum: 1}", "{type: number, minimum: 1}");
        // One schema per type, each with its keywords; the others stay beside them.
        exact(
            "{type: [string, integer, 'null'], description: d, maxLength: 3, minimum: 0, format: int64}",
            "{description: d, nullable: true, anyOf: [{type: string, maxLength: 3}, {type: integer, minimum: 0, format: int64}]}",
        );
        // An `enum` splits by value, and keeps only the types it has values of.
        exact(
            "{type: [string, integer, boolean], enum: [a, 1, b]}",
            "{anyOf: [{type: string, enum: [a, b]}, {type: integer, enum: [1]}]}",
        );
        exact(
            "{type: [string, integer, 'null'], enum: [a, null]}",
            "{type: string, nullable: true, enum: [a, null]}",
        );
        // Beside a union, the types are one more `allOf` condition.
        exact(
            "{type: [string, integer], oneOf: [{minLength: 1}, {minimum: 1}]}",
            "{oneOf: [{minLength: 1}, {minimum: 1}], allOf: [{anyOf: [{type: string}, {type: integer}]}]}",
        );
        approximate(
            "{type: 'null', description: d}",
            "{description: d, nullable: true}",
            "only allows `null`",
        );
        approximate(
            "{type: ['null'], maxLength: 2}",
            "{nullable: true}",
            "#/components/schemas/S/type:",
        );
    }

    #[test]
    fn null_alternatives() {
        exact(
            "{anyOf: [{$ref: '#/components/schemas/A'}, {type: 'null'}], description: d}",
            "{description: d, nullable: true, allOf: [{$ref: '#/components/schemas/A'}]}",
        );
        exact(
            "{oneOf: [{type: string, minLength: 1}, {type: 'null'}]}",
            "{type: string, minLength: 1, nullable: true}",
        );
        exact(
            "{anyOf: [{type: string}, {type: integer}, {const: null}]}",
            "{anyOf: [{type: string}, {type: integer}], nullable: true}",
        );
        // Keywords beside the union apply too: the alternative goes in an `allOf`.
        exact(
            "{anyOf: [{type: object}, {type: 'null'}], minProperties: 1}",
            "{minProperties: 1, allOf: [{type: object}], nullable: true}",
        );
        approximate(
            "{anyOf: [{type: 'null'}, {enum: [null]}]}",
            "{nullable: true}",
            "only allows `null`",
        );
    }

    #[test]
    fn keywords_with_a_30_spelling() {
        exact("{const: 3}", "{enum: [3]}");
        exact("{type: string, const: a, enum: [a, b]}", "{type: string, enum: [a]}");
        exact(
            "{type: integer, exclusiveMinimum: 0, exclusiveMaximum: 10}",
            "{type: integer, exclusiveMinimum: true, exclusiveMaximum: true, minimum: 0, maximum: 10}",
        );
        // The stricter bound holds.
        exact("{type: number, minimum: 5, exclusiveMinimum: 1}", "{type: number, minimum: 5}");
        exact(
            "{type: number, minimum: 1, exclusiveMinimum: 1}",
            "{type: number, minimum: 1, exclusiveMinimum: true}",
        );
        exact("{type: number, maximum: 9, exclusiveMaximum: 10}", "{type: number, maximum: 9}");
        exact(
            "{type: number, minimum: 0, exclusiveMinimum: true}",
            "{type: number, minimum: 0, exclusiveMinimum: true}",
        );
        exact("{type: string, examples: [a]}", "{type: string, example: a}");
        exact(
            "{type: string, contentEncoding: base64, contentMediaType: image/png}",
            "{type: string, format: byte}",
        );
        // Outside a multipart part or raw body, a string with a media type is text.
        exact("{type: string, contentMediaType: text/html}", "{type: string}");
        exact(
            "{$comment: c, $anchor: a, $schema: 'https://spec.openapis.org/oas/3.1/dialect/base', type: string}",
            "{type: string}",
        );
        exact(
            "{type: object, unevaluatedProperties: false}",
            "{type: object, additionalProperties: false}",
        );
        exact(
            "{type: object, additionalProperties: {}, unevaluatedProperties: false}",
            "{type: object, additionalProperties: {}}",
        );
        exact(
            "{type: array, unevaluatedItems: {type: string}}",
            "{type: array, items: {type: string}}",
        );
        exact("{type: array, items: false}", "{type: array, maxItems: 0}");
        exact("{if: {type: string}}", "{}");
        exact(
            "{type: object, properties: {a: true, b: {not: false}}}",
            "{type: object, properties: {a: {}, b: {}}}",
        );
        exact("{allOf: [true, false]}", "{allOf: [{}, {not: {}}]}");
    }

    #[test]
    fn ref_siblings() {
        // Annotations stay beside the reference, the 3.0 idiom `allOf: [$ref]` the resolver reads
        // as the referenced type.
        exact(
            "{$ref: '#/components/schemas/A', description: d, readOnly: true}",
            "{description: d, readOnly: true, allOf: [{$ref: '#/components/schemas/A'}]}",
        );
        // Constraints are one more part.
        exact(
            "{$ref: '#/components/schemas/A', description: d, required: [x], maxProperties: 3}",
            "{description: d, allOf: [{$ref: '#/components/schemas/A'}, {required: [x], maxProperties: 3}]}",
        );
        exact(
            "{$ref: '#/components/schemas/A', allOf: [{$ref: '#/components/schemas/B'}]}",
            "{allOf: [{$ref: '#/components/schemas/A'}, {$ref: '#/components/schemas/B'}]}",
        );
        exact("{$ref: '#/components/schemas/A'}", "{$ref: '#/components/schemas/A'}");
    }

    #[test]
    fn tuples() {
        exact(
            "{type: array, prefixItems: [{type: number}, {type: number}], items: false}",
            "{type: array, maxItems: 2, items: {type: number}}",
        );
        exact(
            "{type: array, prefixItems: [{type: number}], items: {type: number}}",
            "{type: array, items: {type: number}}",
        );
        exact(
            "{type: array, prefixItems: [{type: number}, {type: number}], maxItems: 2}",
            "{type: array, maxItems: 2, items: {type: number}}",
        );
        approximate(
            "{type: array, prefixItems: [{type: string}, {type: integer}], items: false}",
            "{type: array, maxItems: 2, items: {anyOf: [{type: string}, {type: integer}]}}",
            "which position holds which is not checked",
        );
        approximate(
            "{type: array, prefixItems: [{type: string}], items: {type: boolean}}",
            "{type: array, items: {anyOf: [{type: string}, {type: boolean}]}}",
            "`prefixItems`",
        );
        approximate(
            "{type: array, prefixItems: [{type: string}]}",
            "{type: array, items: {}}",
            "any JSON value",
        );
    }

    #[test]
    fn pattern_properties() {
        approximate(
            "{type: object, patternProperties: {'^a': {type: string}, '^b': {type: integer}}, additionalProperties: false}",
            "{type: object, additionalProperties: {anyOf: [{type: string}, {type: integer}]}}",
            "names are not checked",
        );
        approximate(
            "{type: object, patternProperties: {'^a': {type: string}}, additionalProperties: {type: string}}",
            "{type: object, additionalProperties: {type: string}}",
            "names are not checked",
        );
        approximate(
            "{type: object, patternProperties: {'^a': {type: string}}}",
            "{type: object}",
            "with any value",
        );
    }

    #[test]
    fn defs_become_components_and_refs_follow() {
        let (doc, notes) = document(yaml(
            "{openapi: 3.1.0, info: {title: t, version: '1'}, paths: {}, components: {schemas: {
              A: {type: object, properties: {b: {$ref: '#/components/schemas/A/$defs/B'}}, $defs: {B: {type: [string, 'null']}}},
              B: {type: integer}}}}",
        ));
        assert!(notes.is_empty(), "{notes:?}");
        let schemas = &doc["components"]["schemas"];
        assert_eq!(
            schemas["A"],
            yaml("{type: object, properties: {b: {$ref: '#/components/schemas/B_2'}}}")
        );
        assert_eq!(schemas["B_2"], yaml("{type: string, nullable: true}"));
    }

    #[test]
    fn documents() {
        let (doc, notes) = document(yaml(
            "{openapi: 3.1.0, jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
              info: {title: t, summary: s, version: '1', license: {name: MIT, identifier: MIT}},
              webhooks: {}, components: {securitySchemes: {tls: {type: mutualTLS}, key: {type: apiKey, in: header, name: k}}}}",
        ));
        assert!(notes.is_empty(), "{notes:?}");
        assert_eq!(doc["openapi"], yaml("3.0.3"));
        assert_eq!(doc["paths"], yaml("{}"));
        assert_eq!(
            doc["info"],
            yaml("{title: t, version: '1', license: {name: MIT}, description: s}")
        );
        assert_eq!(
            doc["components"]["securitySchemes"],
            yaml("{key: {type: apiKey, in: header, name: k}}")
        );
        assert!(doc.get("webhooks").is_none() && doc.get("jsonSchemaDialect").is_none());
        // Operations without responses get an empty map, for the resolver to report.
        let (doc, _) = document(yaml("{openapi: 3.1.0, paths: {/a: {get: {operationId: a}}}}"));
        assert_eq!(doc["paths"]["/a"]["get"]["responses"], yaml("{}"));
    }

    #[test]
    fn multipart_strings_with_a_media_type_are_files() {
        let (doc, notes) = document(yaml(
            "{openapi: 3.1.0, paths: {/a: {post: {requestBody: {content: {
               multipart/form-data: {schema: {type: object, properties: {
                 file: {type: string, contentMediaType: image/png},
                 files: {type: array, items: {contentMediaType: application/octet-stream}},
                 part: {$ref: '#/components/schemas/Part'}}}},
               application/json: {schema: {type: object, properties: {text: {type: string, contentMediaType: text/html}}}}}}}}},
              components: {schemas: {Part: {type: object, properties: {data: {type: string, contentMediaType: image/png}}}}}}",
        ));
        assert!(notes.is_empty(), "{notes:?}");
        let content = &doc["paths"]["/a"]["post"]["requestBody"]["content"];
        let properties = &content["multipart/form-data"]["schema"]["properties"];
        assert_eq!(properties["file"], yaml("{type: string, format: binary}"));
        assert_eq!(properties["files"]["items"], yaml("{type: string, format: binary}"));
        assert_eq!(
            content["application/json"]["schema"]["properties"]["text"],
            yaml("{type: string}")
        );
        // A component used as a multipart body is read in the same way.
        assert_eq!(
            doc["components"]["schemas"]["Part"]["properties"]["data"],
            yaml("{type: string, format: binary}")
        );
    }

    #[test]
    fn path_item_references_are_inlined() {
        let (doc, notes) = document(yaml(
            "{openapi: 3.1.0, paths: {/a: {$ref: '#/components/pathItems/A', description: d}},
              components: {pathItems: {A: {get: {operationId: a, responses: {'204': {description: ok}}}}}}}",
        ));
        assert!(notes.is_empty(), "{notes:?}");
        assert_eq!(
            doc["paths"]["/a"],
            yaml("{get: {operationId: a, responses: {'204': {description: ok}}}, description: d}")
        );
        assert!(doc["components"].get("pathItems").is_none());
    }

    /// Moved nodes are found where the file has them.
    #[test]
    fn origins_name_the_file_pointers() {
        let mut doc = yaml(
            "{openapi: 3.1.0, paths: {/a: {$ref: '#/components/pathItems/A'}}, components: {
               pathItems: {A: {get: {responses: {'200': {description: ok, content: {application/json: {schema: {type: [string, integer], maxLength: 1}}}}}}}},
               schemas: {
                 R: {$ref: '#/components/schemas/X', maxProperties: 1},
                 N: {oneOf: [{type: 'null'}, {type: object, properties: {p: {type: [string, 'null']}}}, {type: string}]},
                 T: {type: array, prefixItems: [{type: string}, {type: integer}], items: false},
                 M: {anyOf: [{type: 'null'}, {type: string, const: a}]}}}}",
        );
        let converted = convert(&mut doc);
        let original = |p: &str| {
            let pointer = Pointer::from_ref(p).unwrap();
            converted.origins.original(&pointer).unwrap_or(pointer).to_string()
        };
        let schemas = "#/components/schemas";
        assert_eq!(original(&format!("{schemas}/R/allOf/0/$ref")), format!("{schemas}/R/$ref"));
        assert_eq!(
            original(&format!("{schemas}/R/allOf/1/maxProperties")),
            format!("{schemas}/R/maxProperties")
        );
        assert_eq!(
            original(&format!("{schemas}/N/oneOf/0/properties/p")),
            format!("{schemas}/N/oneOf/1/properties/p")
        );
        assert_eq!(original(&format!("{schemas}/N/oneOf/1")), format!("{schemas}/N/oneOf/2"));
        assert_eq!(
            original(&format!("{schemas}/T/items/anyOf/1")),
            format!("{schemas}/T/prefixItems/1")
        );
        assert_eq!(original(&format!("{schemas}/M/enum")), format!("{schemas}/M/anyOf/1/const"));
        assert_eq!(original(&format!("{schemas}/M/type")), format!("{schemas}/M/anyOf/1/type"));
        let schema = "#/paths/~1a/get/responses/200/content/application~1json/schema";
        assert_eq!(
            original(&format!("{schema}/anyOf/0/maxLength")),
            "#/components/pathItems/A/get/responses/200/content/application~1json/schema/maxLength"
        );
        // Nodes nothing moved keep their pointers.
        assert_eq!(original(&format!("{schemas}/T/type")), format!("{schemas}/T/type"));
        assert_eq!(original("#/info"), "#/info");
    }
}
