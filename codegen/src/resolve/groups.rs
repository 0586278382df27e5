//! Operation groups: one module (and one cargo feature) per tag, so a large spec compiles only the
//! parts a user enables and reads as a set of small modules.

use std::collections::HashMap;

use super::Resolver;
use crate::ir::{Group, GroupId, Operation};
use crate::naming::{Case, Scope};
use crate::pointer::Pointer;

/// The module of the operations that have no tag, when others have one.
pub(crate) const UNTAGGED_MODULE: &str = "untagged";

/// Names a group module may not take: the service module's own files, the service module itself
/// (a standalone crate's group features sit beside its feature), the `default` and `schemas`
/// features, and the
/// generated crate's dependencies (cargo features share their namespace).
const RESERVED: [&str; 11] = [
    "models",
    "operations",
    "status",
    "client",
    "default",
    "schemas",
    "bytes",
    "http",
    "serde",
    "serde_json",
    "huaweicloud_api_runtime",
];

impl Resolver<'_> {
    /// Groups `operations` by their first tag, in the order of the spec's `tags` list and then of
    /// first use, with untagged operations last. A service whose operations all share one tag (or
    /// have none) is not grouped: its module holds them directly.
    pub(super) fn group_operations(
        &mut self,
        module: &str,
        operations: &mut [Operation],
    ) -> Vec<Group> {
        let declared = &self.spec.document.tags;
        let mut order: Vec<Option<String>> = Vec::new();
        for tag in declared {
            if operations.iter().any(|op| op.tag.as_deref() == Some(tag.name.as_str()))
                && !order.contains(&Some(tag.name.clone()))
            {
                order.push(Some(tag.name.clone()));
            }
        }
        for op in operations.iter() {
            if op.tag.is_some() && !order.contains(&op.tag) {
                order.push(op.tag.clone());
            }
        }
        if operations.iter().any(|op| op.tag.is_none()) {
            order.push(None);
        }
        if order.len() < 2 {
            return Vec::new();
        }

        let mut scope = Scope::default();
        let here = self.spec.place(&Pointer::root());
        for name in RESERVED.iter().copied().chain([module]) {
            scope.reserve(
                name,
                &format!("the name `{name}`, which the generated crate uses itself"),
                &here,
            );
        }
        let mut groups = Vec::new();
        let mut index: HashMap<Option<String>, GroupId> = HashMap::new();
        for tag in order {
            let (wanted, pointer, owner) = match &tag {
                Some(name) => {
                    let pointer = match declared.iter().position(|t| &t.name == name) {
                        Some(i) => Pointer::root().join("tags").join(i),
                        None => first_use(operations, name),
                    };
                    (name.clone(), pointer, format!("tag `{name}`"))
                }
                None => (
                    UNTAGGED_MODULE.to_owned(),
                    Pointer::root().join("paths"),
                    "the operations without a tag".to_owned(),
                ),
            };
            let name =
                self.claim_in(&mut scope, &wanted, &owner, Case::Snake, &pointer, "module name");
            let description = tag
                .as_ref()
                .and_then(|name| declared.iter().find(|t| &t.name == name))
                .and_then(|t| t.description.clone());
            index.insert(tag.clone(), GroupId::new(groups.len()));
            groups.push(Group { module: name, tag, description });
        }
        for op in operations.iter_mut() {
            op.group = index.get(&op.tag).copied();
        }
        groups
    }
}

/// The first `tags` entry naming `tag`, for tags the spec's `tags` list does not declare.
fn first_use(operations: &[Operation], tag: &str) -> Pointer {
    operations
        .iter()
        .find(|op| op.tag.as_deref() == Some(tag))
        .and_then(|op| Pointer::from_ref(&op.origin.pointer))
        .map_or_else(|| Pointer::root().join("paths"), |p| p.join("tags").join(0))
}
