//! The code generator: OpenAPI 3.0 (and 3.1, read as 3.0) specs in, formatted Rust sources out.
//!
//! The pipeline, one module per stage: [`load`] (parse) → [`resolve`] (resolve `$ref`s, validate,
//! name) → [`ir`] (the intermediate model) → [`emit`] (token pieces and written blocks) →
//! [`format`](mod@format) (text in `prettyplease`'s layout) →
//! [`write`](mod@write) (sync files on disk, or check them). Problems are [`diagnostics`]; no stage panics on
//! input, and every problem of a run is reported together.

pub mod diagnostics;
pub mod diff;
pub mod emit;
pub mod format;
pub mod ir;
pub mod load;
pub mod naming;
pub mod pages;
pub mod parallel;
pub mod pointer;
pub mod resolve;
pub mod vendor;
pub mod write;

use std::path::{Path, PathBuf};

use diagnostics::{Diagnostics, Location};
use emit::crate_root::CrateConfig;
use emit::{Emitter, ServiceContext};
use ir::Service;
use load::SpecFile;
use naming::{Case, identifier};
use write::OutputFile;

/// One generated file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedFile {
    /// The emitter that made it.
    pub emitter: Emitter,
    /// The service module it belongs to, if any.
    pub service: Option<String>,
    /// Where it goes, relative to the generated crate.
    pub output: OutputFile,
}

/// Where the specs are and how the generated crate is packaged.
#[derive(Debug, Clone)]
pub struct Options {
    /// The directory holding the spec files (`*.yaml`, `*.yml`, `*.json`).
    pub specs_dir: PathBuf,
    /// Spec paths in diagnostics and headers are shown relative to this directory.
    pub display_root: PathBuf,
    /// The command named in `@generated` headers.
    pub command: String,
    /// Packaging of the generated crate.
    pub crate_config: CrateConfig,
    /// Whether unsupported parts reject a spec or are skipped.
    pub policy: resolve::Policy,
}

/// Everything a run produced: files when there were no errors, and all diagnostics.
#[derive(Debug, Clone, Default)]
pub struct Generation {
    /// The generated files, in a fixed order.
    pub files: Vec<GeneratedFile>,
    /// Every error and warning.
    pub diagnostics: Diagnostics,
}

/// Module names the crate root uses itself.
const RESERVED_MODULES: [&str; 2] = ["runtime", "prelude"];

/// Specs are loaded on other threads ahead of resolving while the files not yet resolved hold at
/// most this many bytes together. A document takes many times its text in memory, so small specs
/// all load at once, while a large one is loaded by the resolving thread once the one before it is
/// resolved and dropped.
pub const LOAD_AHEAD_BYTES: u64 = 8 << 20;

/// Runs the whole pipeline over a specs directory. No files are produced when any spec has errors.
pub fn generate(options: &Options) -> Generation {
    let mut diagnostics = Diagnostics::default();
    let mut resolution = Resolution::new(options.policy);
    let paths = spec_paths(&options.specs_dir, &options.display_root, &mut diagnostics);
    let weighed: Vec<(PathBuf, u64)> = paths
        .into_iter()
        .map(|path| {
            let size = std::fs::metadata(&path).map_or(0, |metadata| metadata.len());
            (path, size)
        })
        .collect();
    let load = |path: &PathBuf| {
        let mut found = Diagnostics::default();
        let spec = load::load_file(path, display(path, &options.display_root), &mut found);
        (spec, found)
    };
    // Resolved in file order, each document dropped once resolved: emitting needs only the
    // services.
    parallel::ahead(&weighed, LOAD_AHEAD_BYTES, load, |(spec, found)| {
        diagnostics.extend(found);
        if let Some(spec) = spec {
            resolution.add(&spec, &mut diagnostics);
        }
    });
    generate_services(&resolution.services, options, diagnostics)
}

/// Runs the pipeline over specs already loaded (for example from another git revision), adding to
/// the diagnostics of loading them.
pub fn generate_loaded(
    specs: Vec<SpecFile>,
    options: &Options,
    mut diagnostics: Diagnostics,
) -> Generation {
    let mut resolution = Resolution::new(options.policy);
    // Each document is dropped once resolved; emitting reuses its memory.
    for spec in specs {
        resolution.add(&spec, &mut diagnostics);
    }
    generate_services(&resolution.services, options, diagnostics)
}

/// Emits and formats the files of resolved services. Under the strict policy nothing is emitted
/// when `diagnostics` has errors.
pub fn generate_services(
    services: &[Service],
    options: &Options,
    mut diagnostics: Diagnostics,
) -> Generation {
    let strict = options.policy == resolve::Policy::Strict;
    if strict && diagnostics.has_errors() {
        return Generation { files: Vec::new(), diagnostics };
    }
    let contexts: Vec<ServiceContext<'_>> =
        services.iter().map(|s| ServiceContext::new(s, &options.crate_config)).collect();
    let source = display(&options.specs_dir, &options.display_root) + "/";
    let crate_headers = Headers::new(&options.command, &source);
    let krate = CrateJob { services, config: &options.crate_config, headers: &crate_headers };
    // The examples file can be the largest, so it starts first.
    let mut jobs = vec![Job::Examples(krate), Job::CrateRoot(krate)];
    let service_headers: Vec<Headers> =
        services.iter().map(|s| Headers::new(&options.command, &s.spec_file)).collect();
    let services_and_headers: Vec<_> = contexts.iter().zip(&service_headers).collect();
    jobs.extend(services_and_headers.iter().flat_map(|&(cx, headers)| file_jobs(cx, headers)));
    let (files, found) = run_jobs(&jobs);
    diagnostics.extend(found);
    // Services first, then the crate's files, whatever order the jobs ran in.
    let (mut files, crate_files): (Vec<_>, Vec<_>) =
        files.into_iter().partition(|file| file.service.is_some());
    files = with_module_files(&services_and_headers, files, &mut diagnostics);
    files.extend(crate_files);
    if strict && diagnostics.has_errors() {
        files.clear();
    }
    Generation { files, diagnostics }
}

/// Loads every spec file in `dir`, in file-name order.
pub fn load_dir(dir: &Path, display_root: &Path, diags: &mut Diagnostics) -> Vec<SpecFile> {
    spec_paths(dir, display_root, diags)
        .iter()
        .filter_map(|path| load::load_file(path, display(path, display_root), diags))
        .collect()
}

/// The spec files (`.yaml`, `.yml`, `.json`) in `dir`, in file-name order.
fn spec_paths(dir: &Path, display_root: &Path, diags: &mut Diagnostics) -> Vec<PathBuf> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(err) => {
            let location =
                Location { file: display(dir, display_root), pointer: "#".into(), line: None };
            diags.error(location, format!("cannot read the specs directory: {err}"));
            return Vec::new();
        }
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "yaml" || e == "yml" || e == "json"))
        .collect();
    paths.sort();
    paths
}

/// `path` relative to `root`, with `/` separators, for diagnostics and headers (as given when it is
/// not below `root`).
pub fn display(path: &Path, root: &Path) -> String {
    match path.strip_prefix(root) {
        Ok(relative) => relative
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/"),
        Err(_) => path.to_string_lossy().replace('\\', "/"),
    }
}

/// Resolves every spec; module names (from file names) must be unique and not reserved.
pub fn resolve_all(specs: &[SpecFile], diags: &mut Diagnostics) -> Vec<Service> {
    resolve_all_with(specs, resolve::Policy::Strict, diags)
}

/// Resolves every spec under `policy`; module names (from file names) must be unique and not reserved.
pub fn resolve_all_with(
    specs: &[SpecFile],
    policy: resolve::Policy,
    diags: &mut Diagnostics,
) -> Vec<Service> {
    let mut resolution = Resolution::new(policy);
    for spec in specs {
        resolution.add(spec, diags);
    }
    resolution.services
}

/// Specs resolved one at a time, so a caller can load each document, resolve it and drop it: only
/// one document is in memory at once. Module names (from file names) must be unique and not
/// reserved.
pub struct Resolution {
    policy: resolve::Policy,
    /// Each module name taken, with the root of the spec file that took it.
    modules: Vec<(String, Location)>,
    /// The services resolved so far, in the order their specs were added.
    pub services: Vec<Service>,
}

impl Resolution {
    /// Nothing resolved yet.
    pub fn new(policy: resolve::Policy) -> Self {
        Self { policy, modules: Vec::new(), services: Vec::new() }
    }

    /// Resolves `spec` into a service, unless its module name is taken or reserved.
    pub fn add(&mut self, spec: &SpecFile, diags: &mut Diagnostics) {
        let module = identifier(&spec.stem, Case::Snake);
        // Located only for an error: the first lookup of a line maps the whole file.
        let here = || spec.locate(&pointer::Pointer::root());
        if RESERVED_MODULES.contains(&module.as_str()) {
            diags.error(here(), format!("the spec file name gives the module `{module}`, which the generated crate uses itself; rename the file"));
            return;
        }
        if let Some((_, first)) = self.modules.iter().find(|(m, _)| m == &module) {
            let first = first.clone();
            let message =
                format!("this spec file gives the module name `{module}`, like another spec file");
            diags.error(here(), message).related.push(("the other spec file".into(), first));
            return;
        }
        // The other file may be gone by the time of a clash: its root is named without a line.
        self.modules.push((module.clone(), spec.place(&pointer::Pointer::root())));
        if let Some(service) = resolve::resolve(spec, &module, self.policy, diags) {
            self.services.push(service);
        }
    }
}

/// Emits and formats the files of one service: its module, and one module per group when its
/// operations are grouped by tag, for the crate `config` describes.
pub fn emit_service(
    service: &Service,
    command: &str,
    config: &CrateConfig,
    diags: &mut Diagnostics,
) -> Vec<GeneratedFile> {
    let cx = ServiceContext::new(service, config);
    let headers = Headers::new(command, &service.spec_file);
    let jobs: Vec<Job<'_>> = file_jobs(&cx, &headers).collect();
    let (files, found) = run_jobs(&jobs);
    diags.extend(found);
    with_module_files(&[(&cx, &headers)], files, diags)
}

/// A job per file of each part of a service, but its module files (`mod.rs`), which say which of
/// the others exist: the largest parts' files are formatted side by side.
fn file_jobs<'a>(
    cx: &'a ServiceContext<'a>,
    headers: &'a Headers,
) -> impl Iterator<Item = Job<'a>> + 'a {
    cx.parts().into_iter().flat_map(move |part| {
        [Emitter::Models, Emitter::Operations, Emitter::Status, Emitter::Client]
            .map(|emitter| Job::File(cx, part, emitter, headers))
    })
}

/// The files of `services`' parts with each part's module file before them: the files of each
/// part, as [`file_jobs`] made them, and its `mod.rs` declaring those that exist.
fn with_module_files(
    services: &[(&ServiceContext<'_>, &Headers)],
    mut files: Vec<GeneratedFile>,
    diags: &mut Diagnostics,
) -> Vec<GeneratedFile> {
    let mut ordered = Vec::with_capacity(files.len() + 1);
    for &(cx, headers) in services {
        for part in cx.parts() {
            let dir = part_dir(cx, part);
            let in_part = |file: &GeneratedFile| {
                file.output.path.rsplit_once('/').is_some_and(|(parent, _)| parent == dir)
            };
            let (mine, rest): (Vec<_>, Vec<_>) = files.into_iter().partition(in_part);
            files = rest;
            let has = |emitter| mine.iter().any(|file| file.emitter == emitter);
            let submodules = emit::module::Submodules {
                models: has(Emitter::Models),
                operations: has(Emitter::Operations),
                status: has(Emitter::Status),
                client: has(Emitter::Client),
            };
            let code = emit::module::emit(cx, part, &submodules).into();
            let path = format!("{dir}/mod.rs");
            let role = format::FileRole::Module;
            if let Some(contents) = formatted(code, headers, &path, role, diags) {
                let service = Some(cx.service.module.clone());
                let output = OutputFile { path, contents };
                ordered.push(GeneratedFile { emitter: Emitter::Module, service, output });
            }
            ordered.extend(mine);
        }
    }
    ordered.extend(files);
    ordered
}

/// The directory of a part's files: `src/<service>`, or `src/<service>/<group>`.
fn part_dir(cx: &ServiceContext<'_>, part: emit::Part) -> String {
    let service = cx.service;
    match part {
        emit::Part::Service => format!("src/{}", service.module),
        emit::Part::Group(g) => format!("src/{}/{}", service.module, service.groups[g].module),
    }
}

/// Emits the crate-level files: `src/lib.rs`, `Cargo.toml`, `OPERATIONS.md` and
/// `tests/spec_examples.rs`.
pub fn emit_crate(
    services: &[Service],
    options: &Options,
    diags: &mut Diagnostics,
) -> Vec<GeneratedFile> {
    let source = display(&options.specs_dir, &options.display_root) + "/";
    let headers = Headers::new(&options.command, &source);
    let krate = CrateJob { services, config: &options.crate_config, headers: &headers };
    let (files, found) = run_jobs(&[Job::CrateRoot(krate), Job::Examples(krate)]);
    diags.extend(found);
    files
}

/// The `@generated` headers of the files of one service (or of the crate).
struct Headers {
    command: String,
    /// The spec file (or specs directory) shown in the headers and diagnostics.
    source: String,
    rust: String,
}

impl Headers {
    fn new(command: &str, source: &str) -> Self {
        Self {
            command: command.to_owned(),
            source: source.to_owned(),
            rust: format::header("//", command, source),
        }
    }
}

/// What the crate-level files are made from.
#[derive(Clone, Copy)]
struct CrateJob<'a> {
    services: &'a [Service],
    config: &'a CrateConfig,
    headers: &'a Headers,
}

/// The files one job emits and formats. Jobs are independent, so they run on every core.
enum Job<'a> {
    /// One file (models, operations, status or client) of one part of a service.
    File(&'a ServiceContext<'a>, emit::Part, Emitter, &'a Headers),
    /// `src/lib.rs`, `Cargo.toml` and `OPERATIONS.md`.
    CrateRoot(CrateJob<'a>),
    /// `tests/spec_examples.rs`.
    Examples(CrateJob<'a>),
}

/// Runs `jobs` in parallel; the files and diagnostics are in the order of `jobs`.
fn run_jobs(jobs: &[Job<'_>]) -> (Vec<GeneratedFile>, Diagnostics) {
    let mut files = Vec::new();
    let mut diagnostics = Diagnostics::default();
    for (done, found) in parallel::map(jobs, run_job) {
        files.extend(done);
        diagnostics.extend(found);
    }
    (files, diagnostics)
}

fn run_job(job: &Job<'_>) -> (Vec<GeneratedFile>, Diagnostics) {
    let mut diags = Diagnostics::default();
    let files = match job {
        Job::File(cx, part, emitter, headers) => {
            emit_file(cx, *part, *emitter, headers, &mut diags).into_iter().collect()
        }
        Job::CrateRoot(krate) => emit_crate_root(*krate, &mut diags),
        Job::Examples(krate) => emit_examples(*krate, &mut diags).into_iter().collect(),
    };
    (files, diags)
}

/// One file of one part of a service (the service module, or one group's); `None` when the part
/// has nothing for it.
fn emit_file(
    cx: &ServiceContext<'_>,
    part: emit::Part,
    emitter: Emitter,
    headers: &Headers,
    diags: &mut Diagnostics,
) -> Option<GeneratedFile> {
    let (code, name) = match emitter {
        Emitter::Models => (emit::models::emit(cx, part)?, "models.rs"),
        Emitter::Operations => (emit::operations::emit(cx, part)?, "operations.rs"),
        Emitter::Status => (emit::status::emit(cx, part)?.into(), "status.rs"),
        Emitter::Client => (emit::client::emit(cx, part)?.into(), "client.rs"),
        // Module files wait for these (`with_module_files`); crate files are jobs of their own.
        _ => return None,
    };
    let path = format!("{}/{name}", part_dir(cx, part));
    let contents = formatted(code, headers, &path, format::FileRole::Module, diags)?;
    let service = Some(cx.service.module.clone());
    Some(GeneratedFile { emitter, service, output: OutputFile { path, contents } })
}

/// `src/lib.rs`, `Cargo.toml` and `OPERATIONS.md`.
fn emit_crate_root(krate: CrateJob<'_>, diags: &mut Diagnostics) -> Vec<GeneratedFile> {
    let CrateJob { services, config, headers } = krate;
    let crate_file = |emitter, path: &str, contents| GeneratedFile {
        emitter,
        service: None,
        output: OutputFile { path: path.into(), contents },
    };
    let mut files = Vec::new();
    let lib = emit::crate_root::lib_rs(services, config);
    let path = "src/lib.rs";
    if let Some(contents) = formatted(lib.into(), headers, path, format::FileRole::CrateRoot, diags)
    {
        files.push(crate_file(Emitter::CrateRoot, path, contents));
    }
    let toml_header = format::header("#", &headers.command, &headers.source);
    let manifest = emit::crate_root::manifest(services, config, &toml_header);
    files.push(crate_file(Emitter::Manifest, "Cargo.toml", manifest));
    let markdown_header = format::markdown_header(&headers.command, &headers.source);
    let catalog = emit::catalog::catalog(services, &markdown_header);
    files.push(crate_file(Emitter::Catalog, "OPERATIONS.md", catalog));
    files
}

/// `tests/spec_examples.rs`, when a spec has examples.
fn emit_examples(krate: CrateJob<'_>, diags: &mut Diagnostics) -> Option<GeneratedFile> {
    let tokens = emit::examples::emit(krate.services, krate.config)?;
    let path = "tests/spec_examples.rs";
    let contents =
        formatted(tokens.into(), krate.headers, path, format::FileRole::CrateRoot, diags)?;
    Some(GeneratedFile {
        emitter: Emitter::Examples,
        service: None,
        output: OutputFile { path: path.into(), contents },
    })
}

fn formatted(
    code: format::FileCode<'_>,
    headers: &Headers,
    path: &str,
    role: format::FileRole,
    diags: &mut Diagnostics,
) -> Option<String> {
    match format::rust_file(code, &headers.rust, role) {
        Ok(text) => Some(text),
        Err(err) => {
            let location =
                Location { file: headers.source.clone(), pointer: "#".into(), line: None };
            diags.error(location, format!("internal error: the code emitted for `{path}` does not parse ({err}); please report this"));
            None
        }
    }
}
