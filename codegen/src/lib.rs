//! The code generator: OpenAPI 3.0 specs in, formatted Rust sources out.
//!
//! The pipeline, one module per stage: [`load`] (parse) → [`resolve`] (resolve `$ref`s, validate,
//! name) → [`ir`] (the intermediate model) → [`emit`] (`syn` trees) → [`format`](mod@format) (`prettyplease`) →
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

/// Runs the whole pipeline over a specs directory. No files are produced when any spec has errors.
pub fn generate(options: &Options) -> Generation {
    let mut diagnostics = Diagnostics::default();
    let specs = load_dir(&options.specs_dir, &options.display_root, &mut diagnostics);
    generate_loaded(&specs, options, diagnostics)
}

/// Runs the pipeline over specs already loaded (for example from another git revision), adding to
/// the diagnostics of loading them.
pub fn generate_loaded(
    specs: &[SpecFile],
    options: &Options,
    mut diagnostics: Diagnostics,
) -> Generation {
    let services = resolve_all_with(specs, options.policy, &mut diagnostics);
    generate_services(&services, options, diagnostics)
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
    let mut files = Vec::new();
    for service in services {
        files.extend(emit_service(
            service,
            &options.command,
            &options.crate_config,
            &mut diagnostics,
        ));
    }
    files.extend(emit_crate(services, options, &mut diagnostics));
    if strict && diagnostics.has_errors() {
        files.clear();
    }
    Generation { files, diagnostics }
}

/// Loads every spec file in `dir`, in file-name order.
pub fn load_dir(dir: &Path, display_root: &Path, diags: &mut Diagnostics) -> Vec<SpecFile> {
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
        .iter()
        .filter_map(|path| load::load_file(path, display(path, display_root), diags))
        .collect()
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
    let mut modules: Vec<(String, Location)> = Vec::new();
    let mut services = Vec::new();
    for spec in specs {
        let module = identifier(&spec.stem, Case::Snake);
        let here = spec.locate(&pointer::Pointer::root());
        if RESERVED_MODULES.contains(&module.as_str()) {
            diags.error(here, format!("the spec file name gives the module `{module}`, which the generated crate uses itself; rename the file"));
            continue;
        }
        if let Some((_, first)) = modules.iter().find(|(m, _)| m == &module) {
            let first = first.clone();
            diags
                .error(
                    here,
                    format!(
                        "this spec file gives the module name `{module}`, like another spec file"
                    ),
                )
                .related
                .push(("the other spec file".into(), first));
            continue;
        }
        modules.push((module.clone(), here));
        if let Some(service) = resolve::resolve(spec, &module, policy, diags) {
            services.push(service);
        }
    }
    services
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
    let header = format::header("//", command, &service.spec_file);
    let mut files = Vec::new();
    for part in cx.parts() {
        let models = emit::models::emit(&cx, part);
        let operations = emit::operations::emit(&cx, part);
        let status = emit::status::emit(&cx, part);
        let client = emit::client::emit(&cx, part);
        let submodules = emit::module::Submodules {
            models: models.is_some(),
            operations: operations.is_some(),
            status: status.is_some(),
            client: client.is_some(),
        };
        let module = Some(emit::module::emit(&cx, part, &submodules));
        let dir = match part {
            emit::Part::Service => format!("src/{}", service.module),
            emit::Part::Group(g) => {
                format!("src/{}/{}", service.module, service.groups[g].module)
            }
        };
        for (emitter, tokens, name) in [
            (Emitter::Module, module, "mod.rs"),
            (Emitter::Models, models, "models.rs"),
            (Emitter::Operations, operations, "operations.rs"),
            (Emitter::Status, status, "status.rs"),
            (Emitter::Client, client, "client.rs"),
        ] {
            let Some(tokens) = tokens else { continue };
            let path = format!("{dir}/{name}");
            if let Some(contents) = formatted(
                tokens,
                &header,
                &service.spec_file,
                &path,
                format::FileRole::Module,
                diags,
            ) {
                files.push(GeneratedFile {
                    emitter,
                    service: Some(service.module.clone()),
                    output: OutputFile { path, contents },
                });
            }
        }
    }
    files
}

/// Emits the crate-level files: `src/lib.rs`, `Cargo.toml` and `tests/spec_examples.rs`.
pub fn emit_crate(
    services: &[Service],
    options: &Options,
    diags: &mut Diagnostics,
) -> Vec<GeneratedFile> {
    let config = &options.crate_config;
    let source = display(&options.specs_dir, &options.display_root) + "/";
    let rust_header = format::header("//", &options.command, &source);
    let mut files = Vec::new();
    let lib = emit::crate_root::lib_rs(services, config);
    if let Some(contents) =
        formatted(lib, &rust_header, &source, "src/lib.rs", format::FileRole::CrateRoot, diags)
    {
        files.push(GeneratedFile {
            emitter: Emitter::CrateRoot,
            service: None,
            output: OutputFile { path: "src/lib.rs".into(), contents },
        });
    }
    let manifest = emit::crate_root::manifest(
        services,
        config,
        &format::header("#", &options.command, &source),
    );
    files.push(GeneratedFile {
        emitter: Emitter::Manifest,
        service: None,
        output: OutputFile { path: "Cargo.toml".into(), contents: manifest },
    });
    files.push(GeneratedFile {
        emitter: Emitter::Catalog,
        service: None,
        output: OutputFile {
            path: "OPERATIONS.md".into(),
            contents: emit::catalog::catalog(
                services,
                &format::markdown_header(&options.command, &source),
            ),
        },
    });
    if let Some(tokens) = emit::examples::emit(services, config) {
        let path = "tests/spec_examples.rs";
        if let Some(contents) =
            formatted(tokens, &rust_header, &source, path, format::FileRole::CrateRoot, diags)
        {
            files.push(GeneratedFile {
                emitter: Emitter::Examples,
                service: None,
                output: OutputFile { path: path.into(), contents },
            });
        }
    }
    files
}

fn formatted(
    tokens: proc_macro2::TokenStream,
    header: &str,
    spec: &str,
    path: &str,
    role: format::FileRole,
    diags: &mut Diagnostics,
) -> Option<String> {
    match format::rust_file(tokens, header, role) {
        Ok(text) => Some(text),
        Err(err) => {
            let location = Location { file: spec.to_owned(), pointer: "#".into(), line: None };
            diags.error(location, format!("internal error: the code emitted for `{path}` does not parse ({err}); please report this"));
            None
        }
    }
}
