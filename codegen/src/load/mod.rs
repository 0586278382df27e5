//! Stage 1, parse: read a spec file into `openapiv3::OpenAPI`, keeping the raw YAML and the text, so
//! later stages can point at lines (the source map is built the first time a line is asked for).
//!
//! JSON text is read with `serde_json`, several times faster than a YAML parser reading it as flow
//! style; the typed document and the raw value are read side by side on two threads.
//!
//! When the document does not deserialize, each top-level section, path, operation and component is
//! tried on its own, so that every broken part is reported, not just the first.

mod source_map;

use std::path::Path;
use std::sync::{Arc, OnceLock};

use openapiv3::OpenAPI;
use serde::de::DeserializeOwned;
use serde_yaml::Value;

pub use source_map::SourceMap;

use crate::diagnostics::{Diagnostics, Location};
use crate::pointer::Pointer;

/// A parsed spec file.
#[derive(Debug, Clone)]
pub struct SpecFile {
    /// The file as shown in diagnostics.
    pub display: String,
    /// The file name without extension; it names the service module.
    pub stem: String,
    /// The typed document.
    pub document: OpenAPI,
    /// The document as plain YAML, for vendor extensions and key checks.
    pub raw: Value,
    lines: Lines,
}

impl SpecFile {
    /// The location of `pointer` in this file.
    pub fn locate(&self, pointer: &Pointer) -> Location {
        Location {
            file: self.display.clone(),
            pointer: pointer.to_string(),
            line: self.lines.line(pointer),
        }
    }

    /// The raw YAML node at `pointer`, if there is one.
    pub fn raw_at(&self, pointer: &Pointer) -> Option<&Value> {
        raw_at(&self.raw, pointer)
    }
}

/// Walks a raw YAML document. Mapping keys are matched as strings, and as integers where a key such as
/// a status code was written unquoted.
pub fn raw_at<'a>(root: &'a Value, pointer: &Pointer) -> Option<&'a Value> {
    pointer.segments().try_fold(root, |node, segment| match node {
        Value::Mapping(map) => map
            .get(segment.as_str())
            .or_else(|| segment.parse::<u64>().ok().and_then(|n| map.get(Value::Number(n.into())))),
        Value::Sequence(items) => segment.parse::<usize>().ok().and_then(|i| items.get(i)),
        _ => None,
    })
}

/// The lines of a spec's pointers, mapped from its text the first time one is asked for (most
/// specs have no diagnostic, and mapping a large one costs as much as parsing it).
#[derive(Clone)]
struct Lines {
    text: Arc<str>,
    json: bool,
    map: OnceLock<SourceMap>,
}

impl std::fmt::Debug for Lines {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Lines({} bytes, mapped: {})", self.text.len(), self.map.get().is_some())
    }
}

impl Lines {
    fn new(text: &str, json: bool) -> Self {
        Self { text: text.into(), json, map: OnceLock::new() }
    }

    fn line(&self, pointer: &Pointer) -> Option<usize> {
        let map = self.map.get_or_init(|| {
            let json = if self.json { SourceMap::build_json(&self.text) } else { None };
            // The text parsed already, so the YAML scan succeeds; without a map, lines are unknown.
            json.or_else(|| SourceMap::build(&self.text).ok()).unwrap_or_default()
        });
        map.line(pointer)
    }
}

/// Reads and parses the file at `path`, shown as `display` in diagnostics.
pub fn load_file(path: &Path, display: String, diags: &mut Diagnostics) -> Option<SpecFile> {
    match std::fs::read_to_string(path) {
        Ok(text) => load_str(display, &text, diags),
        Err(err) => {
            let location = Location { file: display, pointer: "#".into(), line: None };
            diags.error(location, format!("cannot read the spec file: {err}"));
            None
        }
    }
}

/// Parses spec text. Returns `None` (with diagnostics) when it is not a usable OpenAPI 3.0 document.
pub fn load_str(display: String, text: &str, diags: &mut Diagnostics) -> Option<SpecFile> {
    let at_line =
        |line: Option<usize>| Location { file: display.clone(), pointer: "#".into(), line };
    let (raw, typed, lines) = match parse_json(text) {
        Some((raw, typed)) => (raw, Some(typed), Lines::new(text, true)),
        None => match serde_yaml::from_str::<Value>(text) {
            Ok(raw) => (raw, None, Lines::new(text, false)),
            Err(err) => {
                diags.error(
                    at_line(err.location().map(|l| l.line())),
                    format!("invalid YAML: {}", message_of(&err)),
                );
                return None;
            }
        },
    };
    let stem = Path::new(&display)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let locate = |pointer: &Pointer| Location {
        file: display.clone(),
        pointer: pointer.to_string(),
        line: lines.line(pointer),
    };

    let version_pointer = Pointer::root().join("openapi");
    match raw.get("openapi") {
        Some(Value::String(v)) if v.starts_with("3.0.") => {}
        Some(v) => {
            let shown = serde_yaml::to_string(v).unwrap_or_default();
            diags.error(
                locate(&version_pointer),
                format!(
                    "only OpenAPI 3.0.x is supported, this document declares `{}`",
                    shown.trim()
                ),
            );
            return None;
        }
        None => {
            diags.error(
                locate(&Pointer::root()),
                "not an OpenAPI document: the `openapi` version field is missing",
            );
            return None;
        }
    }

    let typed = typed.unwrap_or_else(|| {
        serde_yaml::from_str::<OpenAPI>(text)
            .map_err(|err| (err.location().map(|l| l.line()), message_of(&err)))
    });
    match typed {
        Ok(document) => Some(SpecFile { display, stem, document, raw, lines }),
        Err((line, message)) => {
            let mut found = Diagnostics::default();
            probe_document(&raw, &mut |pointer, message| {
                found.error(
                    locate(pointer),
                    format!("this is not a valid OpenAPI object here: {message}"),
                );
            });
            if found.is_empty() {
                diags.error(at_line(line), format!("not a valid OpenAPI document: {message}"));
            } else {
                diags.extend(found);
            }
            None
        }
    }
}

/// What reading a document as `OpenAPI` gave: the document, or the line and message of the error.
type Typed = Result<OpenAPI, (Option<usize>, String)>;

/// Reads JSON text into the raw value and, on a second thread, the typed document; `None` when the
/// text is not JSON (YAML, or broken), which the YAML reader then reads or reports.
fn parse_json(text: &str) -> Option<(Value, Typed)> {
    if !text.trim_start().starts_with('{') {
        return None;
    }
    std::thread::scope(|scope| {
        let typed = scope.spawn(|| {
            serde_json::from_str::<OpenAPI>(text)
                .map_err(|err| (Some(err.line()), json_message(&err)))
        });
        let raw = serde_json::from_str::<Value>(text).ok();
        // A panic in the typed read is serde's bug, not the input's: report it as an invalid document.
        let typed = typed.join().unwrap_or_else(|_| Err((None, "unreadable".to_owned())));
        raw.map(|raw| (raw, typed))
    })
}

/// serde_json's message without the position, which the diagnostic shows on its own.
fn json_message(err: &serde_json::Error) -> String {
    let text = err.to_string();
    match text.find(" at line ") {
        Some(at) => text[..at].to_owned(),
        None => text,
    }
}

/// serde_yaml's message without the position, which the diagnostic shows on its own.
fn message_of(err: &serde_yaml::Error) -> String {
    let text = err.to_string();
    match text.find(" at line ") {
        Some(at) => text[..at].to_owned(),
        None => text,
    }
}

type Report<'r> = dyn FnMut(&Pointer, String) + 'r;

/// Deserializes each part of the document on its own and reports every part that fails.
fn probe_document(raw: &Value, report: &mut Report<'_>) {
    let root = Pointer::root();
    probe::<openapiv3::Info>(raw.get("info"), &root.join("info"), report);
    probe::<Vec<openapiv3::Server>>(raw.get("servers"), &root.join("servers"), report);
    probe::<Vec<openapiv3::Tag>>(raw.get("tags"), &root.join("tags"), report);
    if let Some(Value::Mapping(paths)) = raw.get("paths") {
        for (path, item) in paths {
            let pointer = root.join("paths").join(key_text(path));
            if !probe::<openapiv3::ReferenceOr<openapiv3::PathItem>>(
                Some(item),
                &pointer,
                &mut |_, _| {},
            ) {
                probe_path_item(item, &pointer, report);
            }
        }
    } else {
        probe::<openapiv3::Paths>(raw.get("paths"), &root.join("paths"), report);
    }
    if let Some(Value::Mapping(components)) = raw.get("components") {
        let base = root.join("components");
        for (section, entries) in components {
            let section = key_text(section);
            let Value::Mapping(entries) = entries else { continue };
            for (name, entry) in entries {
                let pointer = base.join(&section).join(key_text(name));
                let entry = Some(entry);
                match section.as_str() {
                    "schemas" => {
                        probe::<openapiv3::ReferenceOr<openapiv3::Schema>>(entry, &pointer, report)
                    }
                    "responses" => probe::<openapiv3::ReferenceOr<openapiv3::Response>>(
                        entry, &pointer, report,
                    ),
                    "parameters" => probe::<openapiv3::ReferenceOr<openapiv3::Parameter>>(
                        entry, &pointer, report,
                    ),
                    "requestBodies" => probe::<openapiv3::ReferenceOr<openapiv3::RequestBody>>(
                        entry, &pointer, report,
                    ),
                    "headers" => {
                        probe::<openapiv3::ReferenceOr<openapiv3::Header>>(entry, &pointer, report)
                    }
                    "examples" => {
                        probe::<openapiv3::ReferenceOr<openapiv3::Example>>(entry, &pointer, report)
                    }
                    "securitySchemes" => {
                        probe::<openapiv3::ReferenceOr<openapiv3::SecurityScheme>>(
                            entry, &pointer, report,
                        )
                    }
                    _ => true,
                };
            }
        }
    }
}

const METHODS: [&str; 8] = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

fn probe_path_item(item: &Value, pointer: &Pointer, report: &mut Report<'_>) {
    let mut found_inner = false;
    for method in METHODS {
        let Some(operation) = item.get(method) else { continue };
        let op_pointer = pointer.join(method);
        if probe::<openapiv3::Operation>(Some(operation), &op_pointer, &mut |_, _| {}) {
            continue;
        }
        found_inner = true;
        let mut parts_failed = false;
        if let Some(Value::Sequence(params)) = operation.get("parameters") {
            for (i, param) in params.iter().enumerate() {
                let p = op_pointer.join("parameters").join(i);
                parts_failed |=
                    !probe::<openapiv3::ReferenceOr<openapiv3::Parameter>>(Some(param), &p, report);
            }
        }
        let body = operation.get("requestBody");
        if body.is_some() {
            let p = op_pointer.join("requestBody");
            parts_failed |=
                !probe::<openapiv3::ReferenceOr<openapiv3::RequestBody>>(body, &p, report);
        }
        if let Some(Value::Mapping(responses)) = operation.get("responses") {
            for (status, response) in responses {
                let p = op_pointer.join("responses").join(key_text(status));
                parts_failed |= !probe::<openapiv3::ReferenceOr<openapiv3::Response>>(
                    Some(response),
                    &p,
                    report,
                );
            }
        }
        if !parts_failed {
            probe::<openapiv3::Operation>(Some(operation), &op_pointer, report);
        }
    }
    if !found_inner {
        probe::<openapiv3::ReferenceOr<openapiv3::PathItem>>(Some(item), pointer, report);
    }
}

/// Tries one part; reports and returns `false` when it does not deserialize. Absent parts pass.
fn probe<T: DeserializeOwned>(
    value: Option<&Value>,
    pointer: &Pointer,
    report: &mut Report<'_>,
) -> bool {
    let Some(value) = value else { return true };
    match serde_yaml::from_value::<T>(value.clone()) {
        Ok(_) => true,
        Err(err) => {
            report(pointer, message_of(&err));
            false
        }
    }
}

fn key_text(key: &Value) -> String {
    match key {
        Value::String(s) => s.clone(),
        other => serde_yaml::to_string(other).map(|s| s.trim().to_owned()).unwrap_or_default(),
    }
}
