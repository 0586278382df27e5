//! Stage 2, resolve and validate: turn one parsed spec into the intermediate model.
//!
//! Every `$ref` is followed, every name goes through the [`naming`](crate::naming) registry, and every
//! construct the emitters cannot represent exactly becomes a diagnostic that names it. The resolver
//! keeps going after a problem so that one run reports all of them; a spec with any error yields no
//! model.

mod extensions;
mod groups;
pub(crate) use schema::UNKNOWN_VARIANT;
mod operation;
mod pagination;
mod schema;

use std::collections::{HashMap, HashSet};

use crate::diagnostics::{Diagnostics, Location};
use crate::ir::{Coverage, Operation, Service, Shape, ShapeKind, TypeDef, TypeId, TypeKind};
use crate::load::{RawCursor, SpecFile};
use crate::naming::{Case, Scope};
use crate::pointer::Pointer;
use crate::vendor;

/// What to do with parts of a spec that cannot be generated.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Policy {
    /// Any error rejects the whole spec (the workspace: specs must be fully supported).
    #[default]
    Strict,
    /// Skip the operations and types that hit an error, or use a type that did, and generate the
    /// rest (specs written by others). The errors are still reported, with a warning per skipped
    /// operation.
    SkipUnsupported,
}

/// Resolves one spec into a [`Service`]. Under [`Policy::Strict`], `None` when it has errors (all of
/// which are in `diags`); under [`Policy::SkipUnsupported`], whatever could be resolved.
pub fn resolve(
    spec: &SpecFile,
    module: &str,
    policy: Policy,
    diags: &mut Diagnostics,
) -> Option<Service> {
    // Resolving is one long sequence (names are claimed in spec order). What reads only the
    // document runs beside it on a spare core: mapping a large file's lines, and finding the
    // vendor extensions, which walks every node.
    let aside = || {
        spec.map_lines_if_large();
        vendor::find_all(&spec.raw)
    };
    crate::parallel::beside(aside, |extensions| {
        let mut resolver = Resolver::new(spec, diags);
        resolver.policy = policy;
        resolver.service(module, extensions)
    })
}

impl Resolver<'_> {
    /// The service; `extensions` are the document's vendor extensions, being found meanwhile.
    fn service(
        mut self,
        module: &str,
        extensions: crate::parallel::Pending<'_, Vec<vendor::Found>>,
    ) -> Option<Service> {
        let errors_before = self.diags.error_count();
        self.report_conversions();
        let source = self.source_page(&Pointer::root());
        self.root_source = source.clone();
        let status_table = self.status_table(module);
        self.reserve_operation_names();
        // Claimed before any schema, like the operations' own types.
        let client_type = (!self.operation_names.is_empty()).then(|| {
            let pointer = Pointer::root().join("paths");
            self.claim_type_name(&format!("{module}_client"), "the service's client type", &pointer)
        });
        self.declare_component_types();
        self.define_component_types();
        let operations = self.operations();
        self.check_vendor_extensions(extensions.wait());
        self.report_unchecked_formats();
        let (servers, server_variables) = self.servers();
        if self.policy == Policy::Strict && self.diags.error_count() > errors_before {
            return None;
        }
        let (types, mut operations, coverage) = self.finish(operations);
        let groups = self.group_operations(module, &mut operations);
        let spec = self.spec;
        let info = &spec.document.info;
        Some(Service {
            module: module.to_owned(),
            spec_file: spec.display.clone(),
            title: info.title.clone(),
            description: info.description.clone(),
            version: info.version.clone(),
            source,
            servers,
            server_variables,
            types,
            operations,
            client_type,
            status_table,
            groups,
            coverage,
        })
    }

    /// Reports what an OpenAPI 3.1 file says that its 3.0 reading only approximates or ignores, like a
    /// schema mistake: an error under the strict policy, a warning saying what is generated otherwise.
    fn report_conversions(&mut self) {
        for conversion in &self.spec.conversions {
            let location = self.spec.locate_in_file(&conversion.pointer);
            match self.policy {
                Policy::Strict => self.diags.error(location, conversion.message.clone()),
                Policy::SkipUnsupported => self
                    .diags
                    .warning(location, format!("{}; {}", conversion.message, conversion.then)),
            };
        }
    }

    /// The server URL templates with every variable but `{region}` (which the client fills from its
    /// configuration) replaced by its default, and those variables for the docs.
    fn servers(&mut self) -> (Vec<String>, Vec<crate::ir::ServerVariable>) {
        let mut urls = Vec::new();
        let mut variables: Vec<crate::ir::ServerVariable> = Vec::new();
        for (index, server) in self.spec.document.servers.iter().enumerate() {
            let pointer = Pointer::root().join("servers").join(index);
            let mut url = server.url.clone();
            for (name, variable) in server.variables.iter().flatten() {
                if !variable.enumeration.is_empty()
                    && !variable.enumeration.contains(&variable.default)
                {
                    self.error(&pointer.join("variables").join(name).join("default"), format!("the default `{}` of server variable `{name}` is not one of its `enum` values", variable.default));
                }
                if name == "region" {
                    continue;
                }
                url = url.replace(&format!("{{{name}}}"), &variable.default);
                if !variables.iter().any(|v| &v.name == name) {
                    variables.push(crate::ir::ServerVariable {
                        name: name.clone(),
                        default: variable.default.clone(),
                        values: variable.enumeration.clone(),
                        description: variable.description.clone(),
                    });
                }
            }
            let mut rest = url.as_str();
            let mut complete = true;
            while let Some(open) = rest.find('{') {
                let close = rest[open..].find('}').map_or(rest.len(), |i| open + i + 1);
                let placeholder = &rest[open..close];
                if placeholder != "{region}" {
                    complete = false;
                    self.mistake(
                        &pointer.join("url"),
                        &format!(
                            "the server URL has `{placeholder}`, which `variables` does not define"
                        ),
                        "this server is left out (without one, clients are given their endpoint with `Config::with_endpoint`)",
                    );
                }
                rest = &rest[close..];
            }
            if complete {
                urls.push(url);
            }
        }
        (urls, variables)
    }
}

/// Prelude types the generated code names unqualified; a spec type with one of these names is renamed.
const PRELUDE_TYPES: [&str; 5] = ["Option", "Result", "String", "Vec", "Box"];

struct Resolver<'a> {
    spec: &'a SpecFile,
    diags: &'a mut Diagnostics,
    /// Types in creation order; `None` while a declared type's body is being resolved.
    types: Vec<Option<TypeDef>>,
    /// The name of every declared type, by id.
    declared_names: Vec<String>,
    /// The one namespace of all type names of the service.
    type_names: Scope,
    /// Component schemas that are named types.
    component_types: HashMap<String, TypeId>,
    /// Component schemas that are not named types (strings, arrays, ...), resolved on first use.
    aliases: HashMap<String, schema::Resolved>,
    aliases_in_progress: HashSet<String>,
    /// The type names of each operation, claimed before any component so they stay predictable.
    operation_names: HashMap<Pointer, operation::OperationNames>,
    /// Types whose definition hit an error.
    broken_types: HashSet<TypeId>,
    /// Alias schemas whose resolution hit an error (their uses count as errors too).
    broken_aliases: HashSet<String>,
    /// Uses of broken aliases after the first, which produce no new diagnostic but still break
    /// whatever contains them.
    poison: usize,
    /// Documented formats that validation does not check, with how often each appears.
    unchecked_formats: std::collections::BTreeMap<String, usize>,
    /// What errors do.
    policy: Policy,
    /// Set while a multipart body's schema is resolved: `format: binary` means a file's bytes there.
    binary_is_bytes: bool,
    /// Inline string enums by their value list: identical inline enums share one type, which keeps
    /// large specs (where `[read, write]` may appear hundreds of times) compact.
    inline_enums: HashMap<Vec<String>, TypeId>,
    /// Inline objects by their structure (fields, types, constraints; not prose): identical inline
    /// objects share one type, as webhook-style specs repeat the same object at hundreds of places.
    inline_structs: HashMap<String, TypeId>,
    /// Inline objects found identical to an earlier one: never referenced, dropped by `finish`.
    merged_types: HashSet<TypeId>,
    /// The root `x-huawei-source`, whose repository operations' sources inherit.
    root_source: Option<crate::ir::SourcePage>,
    /// Finds the raw nodes of the schemas and operations being resolved.
    raw: std::cell::RefCell<RawCursor<'a>>,
}

impl<'a> Resolver<'a> {
    fn new(spec: &'a SpecFile, diags: &'a mut Diagnostics) -> Self {
        let mut type_names = Scope::default();
        let here = spec.place(&Pointer::root());
        for name in PRELUDE_TYPES {
            type_names.reserve(name, &format!("the Rust prelude type {name}"), &here);
        }
        Self {
            spec,
            diags,
            types: Vec::new(),
            declared_names: Vec::new(),
            type_names,
            component_types: HashMap::new(),
            aliases: HashMap::new(),
            aliases_in_progress: HashSet::new(),
            operation_names: HashMap::new(),
            broken_types: HashSet::new(),
            broken_aliases: HashSet::new(),
            poison: 0,
            unchecked_formats: std::collections::BTreeMap::new(),
            inline_enums: HashMap::new(),
            inline_structs: HashMap::new(),
            merged_types: HashSet::new(),
            policy: Policy::Strict,
            binary_is_bytes: false,
            root_source: None,
            raw: std::cell::RefCell::new(RawCursor::new(&spec.raw)),
        }
    }

    /// The raw node at `pointer`, if there is one.
    fn raw_at(&self, pointer: &Pointer) -> Option<&'a serde_yaml::Value> {
        self.raw.borrow_mut().at(pointer)
    }

    /// One warning for all documented formats that `validate()` does not check (each is also noted
    /// in the field's docs), rather than one per field.
    fn report_unchecked_formats(&mut self) {
        if self.unchecked_formats.is_empty() {
            return;
        }
        let list: Vec<String> = self
            .unchecked_formats
            .iter()
            .map(|(name, count)| format!("`{name}` ({count}×)"))
            .collect();
        let message = format!(
            "these formats are documented but not checked by `validate()`: {}",
            list.join(", ")
        );
        self.warning(&Pointer::root(), message);
    }

    /// A counter that grows whenever something goes wrong: compare it before and after resolving a
    /// part to know whether that part is broken.
    fn faults(&self) -> usize {
        self.diags.error_count() + self.poison
    }

    fn locate(&self, pointer: &Pointer) -> Location {
        self.spec.locate(pointer)
    }

    fn error(&mut self, pointer: &Pointer, message: impl Into<String>) {
        let location = self.locate(pointer);
        self.diags.error(location, message);
    }

    fn warning(&mut self, pointer: &Pointer, message: impl Into<String>) {
        let location = self.locate(pointer);
        self.diags.warning(location, message);
    }

    /// Reports something valid that a spec only says by mistake (a keyword that constrains
    /// nothing, a required property never declared): an error in the workspace, whose specs are
    /// written to say exactly what their pages say; a warning for specs written elsewhere, which are
    /// generated as the schema means, which `then` says.
    fn mistake(&mut self, pointer: &Pointer, message: &str, then: &str) {
        match self.policy {
            Policy::Strict => self.error(pointer, message),
            Policy::SkipUnsupported => self.warning(pointer, format!("{message}; {then}")),
        }
    }

    /// Claims a type name (UpperCamelCase of `wanted`) for `owner` (shown in clash messages); a clash is
    /// renamed and reported as a warning.
    fn claim_type_name(&mut self, wanted: &str, owner: &str, pointer: &Pointer) -> String {
        let ident = crate::naming::type_identifier(wanted);
        let mut names = std::mem::take(&mut self.type_names);
        let name = self.claim_in(&mut names, &ident, owner, Case::UpperCamel, pointer, "type name");
        self.type_names = names;
        name
    }

    /// Claims the identifier for `wanted` in `scope`. A clash is renamed deterministically and
    /// reported as a warning naming both places; `what` says what kind of name it is.
    fn claim_in(
        &mut self,
        scope: &mut Scope,
        wanted: &str,
        owner: &str,
        case: Case,
        pointer: &Pointer,
        what: &str,
    ) -> String {
        // Most names never clash: the lines are looked up only for a warning.
        let location = self.spec.place(pointer);
        match scope.claim_ident(crate::naming::identifier(wanted, case), owner, case, &location) {
            Ok(name) => name,
            Err(clash) => {
                let message = format!(
                    "{owner} maps to the {what} `{}`, already used by {}; it is named `{}` instead",
                    clash.wanted, clash.first_owner, clash.given
                );
                let first = self.spec.with_line(clash.first);
                self.diags
                    .warning(self.spec.with_line(location), message)
                    .related
                    .push(("first used here".into(), first));
                clash.given
            }
        }
    }

    /// Creates a named type with a body to be filled in, returning its id.
    fn declare_type(&mut self, wanted: &str, pointer: &Pointer) -> (TypeId, String) {
        let name = self.claim_type_name(wanted, &format!("schema `{wanted}`"), pointer);
        self.types.push(None);
        self.declared_names.push(name.clone());
        (TypeId::new(self.types.len() - 1), name)
    }

    fn define_type(&mut self, id: TypeId, def: TypeDef) {
        self.types[id.index()] = Some(def);
    }

    /// The kind of a defined type (`None` while it is being defined).
    fn type_kind(&self, id: TypeId) -> Option<&TypeKind> {
        self.types.get(id.index()).and_then(Option::as_ref).map(|t| &t.kind)
    }

    /// Drops broken types and the operations and types that use them (only errors put anything in
    /// the broken sets, so under the strict policy nothing is dropped), renumbers the rest, and
    /// boxes fields that would make a type contain itself.
    fn finish(
        &mut self,
        operations: Vec<(Operation, bool)>,
    ) -> (Vec<TypeDef>, Vec<Operation>, Coverage) {
        let slots = std::mem::take(&mut self.types);
        // Merged duplicates are dropped like broken types, but are neither reported nor counted.
        let mut broken: Vec<bool> = slots
            .iter()
            .enumerate()
            .map(|(index, slot)| {
                let id = TypeId::new(index);
                slot.is_none() || self.broken_types.contains(&id) || self.merged_types.contains(&id)
            })
            .collect();
        // A type that uses a broken type is broken too; iterate to a fixed point (types may recurse).
        loop {
            let mut changed = false;
            for (id, slot) in slots.iter().enumerate() {
                let Some(def) = slot else { continue };
                if !broken[id] && member_shapes(&def.kind).any(|shape| uses_broken(shape, &broken))
                {
                    broken[id] = true;
                    changed = true;
                }
            }
            if !changed {
                break;
            }
        }
        let mut renumber = vec![None; slots.len()];
        let mut types = Vec::new();
        for (id, slot) in slots.into_iter().enumerate() {
            if let (false, Some(def)) = (broken[id], slot) {
                renumber[id] = Some(TypeId::new(types.len()));
                types.push(def);
            }
        }
        let types_total = renumber.len() - self.merged_types.len();
        let operations_total = operations.len();
        let mut kept = Vec::new();
        for (mut op, failed) in operations {
            let uses_broken_type = op.shapes().any(|shape| uses_broken(shape, &broken));
            if failed || uses_broken_type {
                let why = if failed {
                    "of the errors reported for it"
                } else {
                    "it uses a type that could not be generated"
                };
                let location = self.spec.with_line(op.origin.clone());
                self.diags
                    .warning(location, format!("operation `{}` is skipped because {why}", op.id));
                continue;
            }
            op.shapes_mut().for_each(|shape| renumber_shape(shape, &renumber));
            kept.push(op);
        }
        for def in &mut types {
            match &mut def.kind {
                TypeKind::Struct(fields) => {
                    fields.iter_mut().for_each(|f| renumber_shape(&mut f.shape, &renumber))
                }
                TypeKind::Union(variants, _) => {
                    variants.iter_mut().for_each(|v| renumber_shape(&mut v.shape, &renumber))
                }
                TypeKind::StringEnum(_) => {}
            }
        }
        box_recursive_fields(&mut types);
        let coverage = Coverage {
            operations_total,
            operations_generated: kept.len(),
            types_total,
            types_generated: types.len(),
        };
        (types, kept, coverage)
    }
}

/// The shapes a named type holds: its fields, or its union's alternatives.
fn member_shapes(kind: &TypeKind) -> Box<dyn Iterator<Item = &Shape> + '_> {
    match kind {
        TypeKind::Struct(fields) => Box::new(fields.iter().map(|f| &f.shape)),
        TypeKind::Union(variants, _) => Box::new(variants.iter().map(|v| &v.shape)),
        TypeKind::StringEnum(_) => Box::new(std::iter::empty()),
    }
}

fn uses_broken(shape: &Shape, broken: &[bool]) -> bool {
    match &shape.kind {
        ShapeKind::Named(id) => broken.get(id.index()).copied().unwrap_or(true),
        ShapeKind::Array(inner) | ShapeKind::Map(inner) => uses_broken(inner, broken),
        _ => false,
    }
}

fn renumber_shape(shape: &mut Shape, renumber: &[Option<TypeId>]) {
    match &mut shape.kind {
        ShapeKind::Named(id) => {
            if let Some(Some(new)) = renumber.get(id.index()) {
                *id = *new;
            }
        }
        ShapeKind::Array(inner) | ShapeKind::Map(inner) => renumber_shape(inner, renumber),
        _ => {}
    }
}

/// Boxes each field or union alternative whose named type can reach the type holding it without
/// passing through a `Vec` or a map (which are heap-allocated already).
fn box_recursive_fields(types: &mut [TypeDef]) {
    let direct =
        |shape: &Shape| if let ShapeKind::Named(id) = shape.kind { Some(id) } else { None };
    let edges: Vec<Vec<TypeId>> =
        types.iter().map(|def| member_shapes(&def.kind).filter_map(direct).collect()).collect();
    let reaches = |from: TypeId, to: TypeId| -> bool {
        let mut seen = vec![false; edges.len()];
        let mut stack = vec![from];
        while let Some(at) = stack.pop() {
            if at == to {
                return true;
            }
            if let Some(next) = edges.get(at.index())
                && !std::mem::replace(&mut seen[at.index()], true)
            {
                stack.extend(next);
            }
        }
        false
    };
    for (index, def) in types.iter_mut().enumerate() {
        let id = TypeId::new(index);
        match &mut def.kind {
            TypeKind::Struct(fields) => {
                for field in fields {
                    field.boxed = direct(&field.shape).is_some_and(|target| reaches(target, id));
                }
            }
            TypeKind::Union(variants, _) => {
                for variant in variants {
                    variant.boxed =
                        direct(&variant.shape).is_some_and(|target| reaches(target, id));
                }
            }
            TypeKind::StringEnum(_) => {}
        }
    }
}
