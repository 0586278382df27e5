//! Inline objects: identical ones share one type, and anything that shapes the type or its
//! checks keeps them apart.

use codegen::diagnostics::Diagnostics;
use codegen::ir::{ShapeKind, TypeKind};

/// The type each property of `Holder` has, by property name.
fn property_types(text: &str) -> Vec<(String, String)> {
    let mut diags = Diagnostics::default();
    let spec = codegen::load::load_str("inline.yaml".into(), text, &mut diags);
    let services = codegen::resolve_all(spec.as_slice(), &mut diags);
    assert!(!diags.has_errors(), "{diags}");
    let types = &services[0].types;
    let holder = types.iter().find(|t| t.name == "Holder").expect("the Holder type");
    let TypeKind::Struct(fields) = &holder.kind else { panic!("Holder is a struct") };
    fields
        .iter()
        .map(|field| match &field.shape.kind {
            ShapeKind::Named(id) => (field.wire_name.clone(), types[id.index()].name.clone()),
            other => panic!("{} is {other:?}", field.wire_name),
        })
        .collect()
}

#[test]
fn identical_inline_objects_share_a_type_and_a_differing_constraint_keeps_them_apart() {
    let object = |extra: &str| {
        format!(
            "{{type: object, properties: {{code: {{type: string{extra}}}, size: {{type: integer, minimum: 0}}}}}}"
        )
    };
    let text = format!(
        "openapi: 3.0.3\ninfo: {{title: T, version: '1'}}\npaths: {{}}\ncomponents:\n  schemas:\n    Holder:\n      type: object\n      properties:\n        first: {}\n        same: {}\n        described: {}\n        longer: {}\n        patterned: {}\n",
        object(", maxLength: 3"),
        object(", maxLength: 3"),
        object(", maxLength: 3, description: Prose only."),
        object(", maxLength: 4"),
        object(", maxLength: 3, pattern: '^[a-z]+$'"),
    );
    let types = property_types(&text);
    let type_of = |name: &str| &types.iter().find(|(wire, _)| wire == name).unwrap().1;
    assert_eq!(type_of("same"), type_of("first"), "{types:?}");
    assert_eq!(type_of("described"), type_of("first"), "{types:?}");
    assert_ne!(type_of("longer"), type_of("first"), "{types:?}");
    assert_ne!(type_of("patterned"), type_of("first"), "{types:?}");
    assert_ne!(type_of("patterned"), type_of("longer"), "{types:?}");
}
