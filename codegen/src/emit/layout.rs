//! Where each generated item lives when a service is split into groups (one module per tag).
//!
//! An operation lives in its group's module. A named type lives with the only group that uses it,
//! or, when several groups (or none) use it, in the service's own `models` module, where it is
//! compiled only if a group using it is enabled. Types no operation uses (webhook payloads, say)
//! have a feature of their own, `schemas`. "Uses" is transitive: a type reachable from a
//! group's parameters, bodies or responses through fields and alternatives is used by that group.
//! So a group's types only ever name types of the same group or of the service's `models`.

use proc_macro2::TokenStream;

use super::crate_root::Packaging;
use crate::ir::{GroupId, Service, Shape, ShapeKind, TypeId, TypeKind};

/// The part of a service one set of files is emitted for: the service module itself, or one of its
/// groups.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// `src/<service>/`: every operation and type of an ungrouped service; the client type, the
    /// status table and the shared types of a grouped one.
    Service,
    /// `src/<service>/<group>/`.
    Group(GroupId),
}

/// The placement of a service's operations and types, and the cargo feature of each group.
pub(crate) struct Layout {
    /// Per type: the part whose `models` module defines it.
    home: Vec<Part>,
    /// Per type: the features that compile it, as indexes into `features`, ascending (empty when
    /// the service is not grouped).
    users: Vec<Vec<usize>>,
    /// The cargo features: one per group (same index), then the `schemas` feature when some type
    /// is used by no operation.
    pub(crate) features: Vec<String>,
    /// How many of `features` are groups.
    groups: usize,
}

/// The feature of the types no operation uses, in a grouped service.
pub(crate) const SCHEMAS_FEATURE: &str = "schemas";

impl Layout {
    /// Places everything of `service`. In a standalone crate (one service) group features are named
    /// after the group module; in a crate of several services they carry the service's name.
    pub(crate) fn new(service: &Service, packaging: Packaging) -> Self {
        let count = service.types.len();
        let groups = service.groups.len();
        let feature = |name: &str| match packaging {
            Packaging::Standalone => name.to_owned(),
            Packaging::Workspace => format!("{}-{name}", service.module),
        };
        let mut features: Vec<String> = service.groups.iter().map(|g| feature(&g.module)).collect();
        if groups == 0 {
            return Self {
                home: vec![Part::Service; count],
                users: vec![Vec::new(); count],
                features,
                groups,
            };
        }
        // used[type][group], seeded by each operation's shapes, then carried along type references.
        // used[type][feature]: seeded by each operation's shapes, then carried along type
        // references. Column `groups` is the `schemas` feature: types nothing else reaches, and
        // everything they reach.
        let mut used = vec![vec![false; groups + 1]; count];
        for op in &service.operations {
            let Some(group) = op.group else { continue };
            let mut ids = Vec::new();
            for shape in op.shapes() {
                named_types(shape, &mut ids);
            }
            for id in ids {
                if let Some(row) = used.get_mut(id.index()) {
                    row[group.index()] = true;
                }
            }
        }
        let references: Vec<Vec<usize>> = service
            .types
            .iter()
            .map(|def| {
                let mut ids = Vec::new();
                match &def.kind {
                    TypeKind::Struct(fields) => {
                        fields.iter().for_each(|f| named_types(&f.shape, &mut ids))
                    }
                    TypeKind::Union(variants, _) => {
                        variants.iter().for_each(|v| named_types(&v.shape, &mut ids))
                    }
                    TypeKind::StringEnum(_) => {}
                }
                ids.into_iter().map(TypeId::index).filter(|&id| id < count).collect()
            })
            .collect();
        spread(&mut used, &references);
        let unused: Vec<usize> = (0..count).filter(|&id| !used[id].contains(&true)).collect();
        for &id in &unused {
            used[id][groups] = true;
        }
        spread(&mut used, &references);
        if !unused.is_empty() {
            features.push(feature(SCHEMAS_FEATURE));
        }
        let users: Vec<Vec<usize>> =
            used.iter().map(|row| (0..=groups).filter(|&f| row[f]).collect()).collect();
        let home = users
            .iter()
            .map(|u| match u.as_slice() {
                [only] if *only < groups => Part::Group(GroupId::new(*only)),
                _ => Part::Service,
            })
            .collect();
        Self { home, users, features, groups }
    }

    /// The part whose `models` module defines type `id`.
    pub(crate) fn home(&self, id: TypeId) -> Part {
        self.home.get(id.index()).copied().unwrap_or(Part::Service)
    }

    /// The features that compile type `id`, as indexes into `features`, ascending (empty when the
    /// service is not grouped).
    pub(crate) fn users(&self, id: TypeId) -> &[usize] {
        self.users.get(id.index()).map_or(&[], Vec::as_slice)
    }

    /// The feature of a group.
    pub(crate) fn group_feature(&self, group: GroupId) -> &str {
        &self.features[group.index()]
    }

    /// The feature of the types no operation uses, when some are.
    pub(crate) fn schemas_feature(&self) -> Option<&str> {
        self.features.get(self.groups).map(String::as_str)
    }

    /// The `#[cfg(...)]` of a shared type: compiled when any feature using it is. `None` for a type
    /// in a group module (the module is gated) or used by every group.
    pub(crate) fn type_cfg(&self, id: TypeId) -> Option<TokenStream> {
        if self.home.get(id.index()) != Some(&Part::Service) {
            return None;
        }
        self.gate(self.users.get(id.index())?)
    }

    /// `#[cfg(...)]` for an item needed by `features` (indexes, ascending); `None` when that is
    /// every group, so the item is there whenever its service is.
    pub(crate) fn gate(&self, features: &[usize]) -> Option<TokenStream> {
        let all_groups = (0..self.groups).all(|g| features.binary_search(&g).is_ok());
        (!features.is_empty() && !all_groups).then(|| self.any_feature(features))
    }

    /// `#[cfg(feature = ...)]` for one feature, `#[cfg(any(feature = ..., ...))]` for several.
    pub(crate) fn any_feature(&self, features: &[usize]) -> TokenStream {
        let names: Vec<&str> = features.iter().map(|&f| self.features[f].as_str()).collect();
        super::cfg_any_feature(&names)
    }
}

/// Marks every type reachable from a marked one with the same marks (a worklist over references).
fn spread(used: &mut [Vec<bool>], references: &[Vec<usize>]) {
    let mut pending: Vec<usize> = (0..used.len()).filter(|&id| used[id].contains(&true)).collect();
    while let Some(id) = pending.pop() {
        for &target in &references[id] {
            let mut changed = false;
            for column in 0..used[id].len() {
                if used[id][column] && !used[target][column] {
                    used[target][column] = true;
                    changed = true;
                }
            }
            if changed {
                pending.push(target);
            }
        }
    }
}

/// The named types a shape mentions.
pub(crate) fn named_types(shape: &Shape, out: &mut Vec<TypeId>) {
    match &shape.kind {
        ShapeKind::Named(id) => out.push(*id),
        ShapeKind::Array(inner) | ShapeKind::Map(inner) => named_types(inner, out),
        _ => {}
    }
}
