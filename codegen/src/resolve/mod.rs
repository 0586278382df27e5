//! Stage 2, resolve and validate: turn one parsed spec into the intermediate model.
//!
//! Every `$ref` is followed, every name goes through the [`naming`](crate::naming) registry, and every
//! construct the emitters cannot represent exactly becomes a diagnostic that names it. The resolver
//! keeps going after a problem so that one run reports all of them; a spec with any error yields no
//! model.

mod extensions;
pub(crate) use schema::UNKNOWN_VARIANT;
mod operation;
mod schema;

use std::collections::{HashMap, HashSet};

use heck::ToUpperCamelCase;

use crate::diagnostics::{Diagnostics, Location};
use crate::ir::{Service, ShapeKind, TypeDef, TypeId, TypeKind};
use crate::load::SpecFile;
use crate::naming::{Case, Scope};
use crate::pointer::Pointer;

/// Resolves one spec into a [`Service`]; `None` when it has errors (all of which are in `diags`).
pub fn resolve(spec: &SpecFile, module: &str, diags: &mut Diagnostics) -> Option<Service> {
    let errors_before = diags.error_count();
    let mut resolver = Resolver::new(spec, diags);
    let source = resolver.source_page();
    let status_table = resolver.status_table(module);
    resolver.reserve_operation_names();
    // Claimed before any schema, like the operations' own types.
    let client_type = (!resolver.operation_names.is_empty()).then(|| {
        let pointer = Pointer::root().join("paths");
        resolver.claim_type_name(&format!("{module}_client"), "the service's client type", &pointer)
    });
    resolver.declare_component_types();
    resolver.define_component_types();
    let operations = resolver.operations();
    resolver.check_unknown_root_extensions();
    let types = resolver.finish_types();
    if resolver.diags.error_count() > errors_before {
        return None;
    }
    let info = &spec.document.info;
    Some(Service {
        module: module.to_owned(),
        spec_file: spec.display.clone(),
        title: info.title.clone(),
        description: info.description.clone(),
        version: info.version.clone(),
        source,
        servers: spec.document.servers.iter().map(|s| s.url.clone()).collect(),
        types,
        operations,
        client_type,
        status_table,
    })
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
}

impl<'a> Resolver<'a> {
    fn new(spec: &'a SpecFile, diags: &'a mut Diagnostics) -> Self {
        let mut type_names = Scope::default();
        let here = spec.locate(&Pointer::root());
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
        }
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

    /// Claims a type name (UpperCamelCase of `wanted`) for `owner` (shown in clash messages); a clash is
    /// renamed and reported as a warning.
    fn claim_type_name(&mut self, wanted: &str, owner: &str, pointer: &Pointer) -> String {
        let location = self.locate(pointer);
        let ident = crate::naming::identifier(&wanted.to_upper_camel_case(), Case::UpperCamel);
        match self.type_names.claim_ident(ident, owner, Case::UpperCamel, &location) {
            Ok(name) => name,
            Err(clash) => {
                self.diags
                    .warning(
                        location,
                        format!(
                            "type name `{}` is already taken by {}; this type is named `{}` instead",
                            clash.wanted, clash.first_owner, clash.given
                        ),
                    )
                    .related
                    .push(("the name was first taken here".into(), clash.first));
                clash.given
            }
        }
    }

    /// Creates a named type with a body to be filled in, returning its id.
    fn declare_type(&mut self, wanted: &str, pointer: &Pointer) -> (TypeId, String) {
        let name = self.claim_type_name(wanted, &format!("schema `{wanted}`"), pointer);
        self.types.push(None);
        self.declared_names.push(name.clone());
        (self.types.len() - 1, name)
    }

    fn define_type(&mut self, id: TypeId, def: TypeDef) {
        self.types[id] = Some(def);
    }

    /// The kind of a defined type (`None` while it is being defined).
    fn type_kind(&self, id: TypeId) -> Option<&TypeKind> {
        self.types.get(id).and_then(Option::as_ref).map(|t| &t.kind)
    }

    /// Takes the finished types, boxing fields that would make a type contain itself.
    fn finish_types(&mut self) -> Vec<TypeDef> {
        let slots = std::mem::take(&mut self.types);
        if slots.iter().any(Option::is_none) {
            // Only possible after an error in the type's own schema, which is already reported.
            if !self.diags.has_errors() {
                self.error(&Pointer::root(), "internal error: a type was declared but never defined");
            }
            return Vec::new();
        }
        let mut types: Vec<TypeDef> = slots.into_iter().flatten().collect();
        let direct = |def: &TypeDef| -> Vec<TypeId> {
            match &def.kind {
                TypeKind::Struct(fields) => fields
                    .iter()
                    .filter_map(|f| if let ShapeKind::Named(id) = f.shape.kind { Some(id) } else { None })
                    .collect(),
                TypeKind::StringEnum(_) => Vec::new(),
            }
        };
        let edges: Vec<Vec<TypeId>> = types.iter().map(direct).collect();
        let reaches = |from: TypeId, to: TypeId| -> bool {
            let mut seen = vec![false; edges.len()];
            let mut stack = vec![from];
            while let Some(at) = stack.pop() {
                if at == to {
                    return true;
                }
                if let Some(next) = edges.get(at) {
                    if !std::mem::replace(&mut seen[at], true) {
                        stack.extend(next);
                    }
                }
            }
            false
        };
        for (id, def) in types.iter_mut().enumerate() {
            if let TypeKind::Struct(fields) = &mut def.kind {
                for field in fields {
                    if let ShapeKind::Named(target) = field.shape.kind {
                        field.boxed = reaches(target, id);
                    }
                }
            }
        }
        types
    }
}
