//! Property tests of the name registry: whatever names a spec uses, the generator's identifiers are
//! valid Rust, never keywords, and never collide within a scope.

use codegen::diagnostics::Location;
use codegen::naming::{Case, Scope, identifier};
use proptest::prelude::*;

fn here() -> Location {
    Location { file: "prop.yaml".into(), pointer: "#".into(), line: None }
}

fn assert_valid(ident: &str) {
    assert!(
        syn::parse_str::<syn::Ident>(ident).is_ok(),
        "`{ident}` is not a valid identifier (or is a keyword)"
    );
    assert!(ident.is_ascii(), "`{ident}` is not ASCII");
}

/// Names as specs write them: any Unicode, punctuation, digits, case mixes, and keywords.
fn spec_name() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[a-zA-Z0-9_ .$@/-]{0,24}",
        prop::sample::select(vec![
            "type", "self", "Self", "crate", "super", "fn", "r#type", "_", "__", "0", "Unknown",
            "body", "async", "gen"
        ])
        .prop_map(str::to_owned),
    ]
}

proptest! {
    #[test]
    fn identifiers_are_valid_in_both_cases(name in spec_name()) {
        assert_valid(&identifier(&name, Case::Snake));
        assert_valid(&identifier(&name, Case::UpperCamel));
    }

    #[test]
    fn a_scope_never_hands_out_the_same_identifier_twice(names in prop::collection::vec(spec_name(), 0..40), snake in any::<bool>()) {
        let case = if snake { Case::Snake } else { Case::UpperCamel };
        let mut scope = Scope::default();
        scope.reserve("Unknown", "the fallback variant", &here());
        let mut given = std::collections::HashSet::new();
        for name in &names {
            let ident = scope.claim(name, case, &here()).unwrap_or_else(|clash| clash.given);
            assert_valid(&ident);
            prop_assert!(ident != "Unknown", "a reserved name was handed out");
            prop_assert!(given.insert(ident.clone()), "`{}` was handed out twice", ident);
        }
    }

    #[test]
    fn claiming_is_deterministic(names in prop::collection::vec(spec_name(), 0..20)) {
        let run = || {
            let mut scope = Scope::default();
            names.iter().map(|n| scope.claim(n, Case::Snake, &here()).unwrap_or_else(|c| c.given)).collect::<Vec<_>>()
        };
        prop_assert_eq!(run(), run());
    }
}
