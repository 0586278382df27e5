//! Stage 1, parse: read a spec file into `openapiv3::OpenAPI`, keeping the raw YAML and the text, so
//! later stages can point at lines (the source map is built the first time a line is asked for).
//!
//! OpenAPI 3.0 documents are read as they are. OpenAPI 3.1 documents are rewritten into their 3.0
//! equivalent first (`openapi31.rs`), raw value and typed document alike; what that rewrite only
//! approximates is kept as [`Conversion`]s for the resolver to report, and diagnostics name the
//! pointers and lines of the file as written. Swagger 2.0 and other versions are refused. In both,
//! the targets of `$ref`s into the middle of the document become components (`deep_refs.rs`).
//!
//! JSON text is read with `serde_json`, several times faster than a YAML parser reading it as flow
//! style; the typed document and the raw value are read side by side on two threads. A YAML
//! document's typed document is read from its raw value (`typed_yaml.rs`).
//!
//! When the document does not deserialize, each top-level section, path, operation and component is
//! tried on its own, so that every broken part is reported, not just the first.

mod deep_refs;
mod json_halves;
mod openapi31;
mod raw_cursor;
mod source_map;
mod typed_yaml;

use std::path::Path;
use std::sync::{Arc, OnceLock};

use openapiv3::OpenAPI;
use serde::de::DeserializeOwned;
use serde_yaml::Value;

pub use openapi31::Conversion;
use openapi31::Origins;
pub use raw_cursor::RawCursor;
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
    /// The OpenAPI version the file declares (`document` and `raw` are always OpenAPI 3.0).
    pub declared_version: String,
    /// What the file says that its OpenAPI 3.0 reading only approximates or ignores (OpenAPI 3.1
    /// constructs without a 3.0 equivalent), for the resolver to report under its policy.
    pub conversions: Vec<Conversion>,
    /// Where the nodes a 3.1 rewrite moved are in the file.
    origins: Arc<Origins>,
    lines: Lines,
}

impl SpecFile {
    /// The location of `pointer` (of the document as read) in this file: for a node that an
    /// OpenAPI 3.1 rewrite moved, the pointer and line it has in the file.
    pub fn locate(&self, pointer: &Pointer) -> Location {
        match self.origins.original(pointer) {
            Some(original) => self.locate_in_file(&original),
            None => self.locate_in_file(pointer),
        }
    }

    /// The location of `pointer` without its line, which costs a walk of the source map (and the
    /// first one builds it): for places shown only if something goes wrong later, when
    /// [`SpecFile::with_line`] adds it.
    pub fn place(&self, pointer: &Pointer) -> Location {
        let in_file = self.origins.original(pointer).unwrap_or_else(|| pointer.clone());
        Location { file: self.display.clone(), pointer: in_file.to_string(), line: None }
    }

    /// Maps the lines of a large file now (a large spec nearly always has a diagnostic, and its
    /// first line lookup would otherwise map the whole file then); resolving calls this on a spare
    /// core.
    pub fn map_lines_if_large(&self) {
        if self.lines.text.len() >= MAP_ASIDE_BYTES {
            self.lines.map();
        }
    }

    /// `location` with its line, when it is a place in this file whose line is not known yet.
    pub fn with_line(&self, mut location: Location) -> Location {
        if location.line.is_none()
            && location.file == self.display
            && let Some(pointer) = Pointer::from_ref(&location.pointer)
        {
            location.line = self.lines.line(&pointer);
        }
        location
    }

    /// The location of `pointer`, a pointer into the file as written (as a [`Conversion`] has).
    pub fn locate_in_file(&self, pointer: &Pointer) -> Location {
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
    pointer.segments().try_fold(root, |node, segment| raw_child(node, &segment))
}

/// The child of a raw node named by one pointer segment (see [`raw_at`]).
fn raw_child<'a>(node: &'a Value, segment: &str) -> Option<&'a Value> {
    match node {
        Value::Mapping(map) => map
            .get(segment)
            .or_else(|| segment.parse::<u64>().ok().and_then(|n| map.get(Value::Number(n.into())))),
        Value::Sequence(items) => segment.parse::<usize>().ok().and_then(|i| items.get(i)),
        _ => None,
    }
}

/// Files at least this large have their lines mapped beside resolving them.
const MAP_ASIDE_BYTES: usize = 1 << 20;

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
        self.map().line(pointer)
    }

    fn map(&self) -> &SourceMap {
        self.map.get_or_init(|| {
            let json = if self.json { SourceMap::build_json(&self.text) } else { None };
            // The text parsed already, so the YAML scan succeeds; without a map, lines are unknown.
            json.or_else(|| SourceMap::build(&self.text).ok()).unwrap_or_default()
        })
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

/// Parses spec text. Returns `None` (with diagnostics) when it is not a usable OpenAPI 3.0 or 3.1
/// document.
pub fn load_str(display: String, text: &str, diags: &mut Diagnostics) -> Option<SpecFile> {
    let at_line =
        |line: Option<usize>| Location { file: display.clone(), pointer: "#".into(), line };
    let (mut raw, typed, lines) = match parse_json(text) {
        Some((raw, typed)) => (raw, typed, Lines::new(text, true)),
        None => match parse_yaml(text) {
            Ok((raw, typed)) => (raw, typed, Lines::new(text, false)),
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
    let in_file = |pointer: &Pointer| Location {
        file: display.clone(),
        pointer: pointer.to_string(),
        line: lines.line(pointer),
    };

    let version = match version(&raw) {
        Ok(version) => version,
        Err((pointer, message)) => {
            diags.error(in_file(&pointer), message);
            return None;
        }
    };
    let declared_version = match raw.get("openapi") {
        Some(Value::String(v)) => v.clone(),
        _ => String::new(),
    };

    let (typed, conversions, origins) = match version {
        Version::V30 => {
            let typed = match typed {
                Some(typed) => typed,
                None if lines.json => serde_json::from_str::<OpenAPI>(text)
                    .map_err(|err| (Some(err.line()), json_message(&err))),
                None => typed_yaml::read(&raw, text),
            };
            (typed, Vec::new(), Origins::default())
        }
        Version::V31 => {
            let converted = openapi31::convert(&mut raw);
            (read_rewritten(&raw, lines.json), converted.conversions, converted.origins)
        }
    };
    let mut origins = origins;
    let typed = if deep_refs::may_have_deep_refs(text) && deep_refs::hoist(&mut raw, &mut origins) {
        read_rewritten(&raw, lines.json)
    } else {
        typed
    };
    let origins = Arc::new(origins);
    match typed {
        Ok(document) => Some(SpecFile {
            display,
            stem,
            document,
            raw,
            declared_version,
            conversions,
            origins,
            lines,
        }),
        Err((line, message)) => {
            let locate = |pointer: &Pointer| {
                in_file(&origins.original(pointer).unwrap_or_else(|| pointer.clone()))
            };
            // What the rewrite approximated may explain what broke.
            for conversion in &conversions {
                let message = format!("{}; {}", conversion.message, conversion.then);
                diags.warning(in_file(&conversion.pointer), message);
            }
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

/// The typed document of a rewritten raw value. Positions in it are not the file's (the probe of a
/// broken document finds the broken parts by pointer).
fn read_rewritten(raw: &Value, json: bool) -> Result<OpenAPI, (Option<usize>, String)> {
    if json {
        serde_json::to_value(raw)
            .and_then(serde_json::from_value::<OpenAPI>)
            .map_err(|err| (None, json_message(&err)))
    } else {
        typed_yaml::read_rewritten(raw)
    }
}

/// The OpenAPI versions read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Version {
    V30,
    V31,
}

/// The version `raw` declares, or where and why it is refused.
fn version(raw: &Value) -> Result<Version, (Pointer, String)> {
    let shown = |v: &Value| match v {
        Value::String(s) => s.clone(),
        other => serde_yaml::to_string(other).unwrap_or_default().trim().to_owned(),
    };
    match raw.get("openapi") {
        Some(Value::String(v)) if v.starts_with("3.0.") => Ok(Version::V30),
        Some(Value::String(v)) if v.starts_with("3.1.") => Ok(Version::V31),
        Some(v) => Err((
            Pointer::root().join("openapi"),
            format!(
                "only OpenAPI 3.0.x and 3.1.x are supported, this document declares `{}`",
                shown(v)
            ),
        )),
        None => match raw.get("swagger") {
            Some(v) => Err((
                Pointer::root().join("swagger"),
                format!(
                    "this is a Swagger {} (OpenAPI 2.0) document; only OpenAPI 3.0 and 3.1 are supported: convert it to OpenAPI 3 first (for example with swagger2openapi, or the converter at converter.swagger.io)",
                    shown(v)
                ),
            )),
            None => Err((
                Pointer::root(),
                "not an OpenAPI document: the `openapi` version field is missing".to_owned(),
            )),
        },
    }
}

/// What reading a document as `OpenAPI` gave: the document, or the line and message of the error.
type Typed = Result<OpenAPI, (Option<usize>, String)>;

/// Reads JSON text into the raw value and, on a second thread, the typed document; `None` when the
/// text is not JSON (YAML, or broken), which the YAML reader then reads or reports. A document that
/// looks like OpenAPI 3.1, whose typed document is read after its rewrite, is read once.
fn parse_json(text: &str) -> Option<(Value, Option<Typed>)> {
    if !text.trim_start().starts_with('{') {
        return None;
    }
    if looks_like_openapi_31(text) {
        return serde_json::from_str::<Value>(text).ok().map(|raw| (raw, None));
    }
    let whole = || {
        serde_json::from_str::<OpenAPI>(text).map_err(|err| (Some(err.line()), json_message(&err)))
    };
    std::thread::scope(|scope| {
        // The typed document without its paths on a second thread; the paths after the raw value.
        let (send_paths, paths) = std::sync::mpsc::channel();
        let rest = scope.spawn(move || {
            let halves = json_halves::halves(text);
            let _ = send_paths.send(halves.as_ref().map(|halves| halves.paths));
            halves.and_then(|halves| halves.rest())
        });
        let raw = serde_json::from_str::<Value>(text).ok();
        let paths = paths.recv().ok().flatten();
        let paths = paths.map(|paths| std::panic::catch_unwind(|| json_halves::paths(paths)));
        // A panic in a typed read is a bug of `openapiv3` (one panics on some malformed `$ref`s)
        // or serde, not the input's: the document is reported as unreadable.
        let unreadable = || Err((None, "unreadable".to_owned()));
        let typed = match (rest.join(), paths) {
            (Ok(Some(mut document)), Some(Ok(Some(paths)))) => {
                document.paths = paths;
                Ok(document)
            }
            (Err(_), _) | (_, Some(Err(_))) => unreadable(),
            // Read whole, for the error's message and line.
            _ => std::panic::catch_unwind(whole).unwrap_or_else(|_| unreadable()),
        };
        raw.map(|raw| (raw, Some(typed)))
    })
}

/// Reads YAML text into the raw value, and the typed document from it (`typed_yaml.rs`); a document
/// that looks like OpenAPI 3.1 is read as one after its rewrite, as in [`parse_json`]. Fails with
/// the raw read's error.
fn parse_yaml(text: &str) -> Result<(Value, Option<Typed>), serde_yaml::Error> {
    let looks_like_31 = text
        .lines()
        .find_map(|line| line.strip_prefix("openapi:"))
        .is_some_and(|version| version.trim().trim_start_matches(['"', '\'']).starts_with("3.1."));
    let raw = serde_yaml::from_str::<Value>(text)?;
    let typed = (!looks_like_31).then(|| typed_yaml::read(&raw, text));
    Ok((raw, typed))
}

/// Whether the first `"openapi"` key of JSON text is followed by a 3.1 version. Only a shortcut:
/// a wrong guess costs the parallel read, not correctness (the typed document is then read from the
/// raw value).
fn looks_like_openapi_31(text: &str) -> bool {
    let Some(at) = text.find("\"openapi\"") else { return false };
    let rest = text[at + "\"openapi\"".len()..].trim_start();
    rest.strip_prefix(':').is_some_and(|rest| rest.trim_start().starts_with("\"3.1."))
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
