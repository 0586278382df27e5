//! `validate()`: the documentation's examples pass, and each documented constraint rejects values that
//! break it, naming the field path and the rule. All violations come back at once.

mod support;

use huaweicloud_api::ces::models::{EventItem, EventItemDetail, EventLevel, EventState};
use huaweicloud_api::ces::operations::{CreateEventsRequest, ListMetricsRequest};
use huaweicloud_api::prelude::*;
use huaweicloud_api::runtime::{Format, Rule, Violation};
use huaweicloud_api::vpcep::operations::UpdateEndpointConnectionsDescRequest;
use support::pages;

fn page_event() -> EventItem {
    pages::ces_page_event()
}

/// The VPCEP page's request, with an ID of the documented length.
fn page_update() -> UpdateEndpointConnectionsDescRequest {
    UpdateEndpointConnectionsDescRequest::new(
        // A real project ID: 32 lowercase hexadecimal characters.
        "a4a5d4098fb4474fa22cd05f897d6b99",
        "813d9300-8473-405b-bfcd-f711117bad65",
        pages::vpcep_page_body(),
    )
}

/// A violation as the tests compare it: the path, and the rule without the pattern's prose.
fn found(violation: Violation) -> (String, Rule) {
    let rule = match violation.rule {
        Rule::Pattern { pattern, .. } => pat(pattern),
        other => other,
    };
    (violation.path, rule)
}

/// A pattern rule, compared without its prose.
fn pat(pattern: &'static str) -> Rule {
    Rule::Pattern { pattern, meaning: None }
}

/// The violations of one event placed in a `CreateEvents` request.
fn violations_of(event: EventItem) -> Vec<(String, Rule)> {
    let request = CreateEventsRequest::new("p", [event]);
    match request.validate() {
        Ok(()) => Vec::new(),
        Err(err) => err.violations.into_iter().map(found).collect(),
    }
}

fn one(path: &str, rule: Rule) -> Vec<(String, Rule)> {
    vec![(path.to_owned(), rule)]
}

#[test]
fn the_page_examples_are_valid() {
    assert_eq!(violations_of(page_event()), []);
    page_update().validate().unwrap();
}

#[test]
fn event_name_length_and_pattern() {
    const NAME: &str = "^[A-Za-z][0-9A-Za-z_]*$";
    let with = |name: &str| violations_of(page_event().with_event_name(name));
    assert_eq!(with(&"a".repeat(64)), []);
    assert_eq!(with(&"a".repeat(65)), one("body[0].event_name", Rule::MaxLength(64)));
    assert_eq!(
        with(""),
        vec![
            ("body[0].event_name".into(), Rule::MinLength(1)),
            ("body[0].event_name".into(), pat(NAME))
        ]
    );
    for bad in ["1abc", "_abc", "ab-c", "ab c", "事件"] {
        assert_eq!(with(bad), one("body[0].event_name", pat(NAME)), "{bad:?}");
    }
}

#[test]
fn event_source_is_service_dot_item() {
    const SOURCE: &str = "^[A-Za-z][0-9A-Za-z_]*\\.[A-Za-z][0-9A-Za-z_]*$";
    let with = |source: &str| violations_of(page_event().with_event_source(source));
    assert_eq!(with("a.b"), []);
    assert_eq!(
        with("ab"),
        vec![
            ("body[0].event_source".into(), Rule::MinLength(3)),
            ("body[0].event_source".into(), pat(SOURCE))
        ]
    );
    for bad in ["nodot", "a.b.c", "1a.b", "a.1b", "a_.b-"] {
        assert_eq!(with(bad), one("body[0].event_source", pat(SOURCE)), "{bad:?}");
    }
    let long = format!("{}.{}", "a".repeat(16), "b".repeat(16));
    assert_eq!(with(&long), one("body[0].event_source", Rule::MaxLength(32)));
    assert_eq!(
        violations_of({
            let mut event = page_event();
            event.event_source = None;
            event
        }),
        [],
        "optional"
    );
}

#[test]
fn detail_fields() {
    let with = |detail: EventItemDetail| violations_of(page_event().with_detail(detail));
    let base = page_event().detail;
    assert_eq!(
        with(base.clone().with_content("x".repeat(4097))),
        one("body[0].detail.content", Rule::MaxLength(4096))
    );
    assert_eq!(with(base.clone().with_content("事".repeat(4096))), [], "length counts characters");

    assert_eq!(with(base.clone().with_resource_id("ab_c-d:9")), []);
    assert_eq!(
        with(base.clone().with_resource_id("a".repeat(129))),
        one("body[0].detail.resource_id", Rule::MaxLength(128))
    );
    assert_eq!(
        with(base.clone().with_resource_id("a b")),
        one("body[0].detail.resource_id", pat("^[0-9A-Za-z_:-]*$"))
    );

    assert_eq!(with(base.clone().with_resource_name("云服务器-01_a.b")), []);
    assert_eq!(
        with(base.clone().with_resource_name("ecs 001")),
        one("body[0].detail.resource_name", pat("^[0-9A-Za-z一-龥_.-]*$"))
    );
    assert_eq!(
        with(base.clone().with_resource_name("a".repeat(129))),
        one("body[0].detail.resource_name", Rule::MaxLength(128))
    );

    assert_eq!(with(base.clone().with_event_user("team a/ops_1-x")), []);
    assert_eq!(
        with(base.clone().with_event_user("a".repeat(65))),
        one("body[0].detail.event_user", Rule::MaxLength(64))
    );
    assert_eq!(
        with(base.clone().with_event_user("a:b")),
        one("body[0].detail.event_user", pat("^[0-9A-Za-z_ /-]*$"))
    );

    assert_eq!(
        with(base.clone().with_event_state(EventState::Unknown("ok".into()))),
        one("body[0].detail.event_state", Rule::Enum(&["normal", "warning", "incident"]))
    );
    assert_eq!(
        with(base.with_event_level(EventLevel::Unknown("Fatal".into()))),
        one("body[0].detail.event_level", Rule::Enum(&["Critical", "Major", "Minor", "Info"]))
    );
}

/// The VPCEP page gives project IDs a minimum of 36 characters, which would refuse every real one;
/// the spec follows the real format (an erratum), so a real ID is valid.
#[test]
fn a_real_project_id_is_valid_for_vpcep() {
    assert_eq!(page_update().validate(), Ok(()));
    let mut request = page_update();
    request.project_id = "65382450e8f64ac0870cd180d14e684b".into();
    assert_eq!(request.validate(), Ok(()));
}

#[test]
fn vpcep_path_parameters_and_body() {
    let mut request = page_update();
    request.project_id = String::new();
    request.vpc_endpoint_service_id = "b".repeat(65);
    request.body.connections[1].id = "0d837f75-90d5-4528-bd11".into();
    request.body.connections[0].description = "<script>".into();
    let err = request.validate().unwrap_err();
    let found: Vec<(String, Rule)> = err.violations.into_iter().map(found).collect();
    assert_eq!(
        found,
        vec![
            ("project_id".into(), Rule::MinLength(1)),
            ("project_id".into(), Rule::PathSegment),
            ("vpc_endpoint_service_id".into(), Rule::MaxLength(64)),
            ("body.connections[0].description".into(), pat("^[^<>]*$")),
            ("body.connections[1].id".into(), Rule::Format(Format::Uuid)),
        ],
        "every violation is reported, in field order"
    );
    request = page_update();
    request.body.connections[0].description = "a > b".into();
    assert!(request.validate().is_err());
}

/// Patterns are ECMA-262: in a `key,value` dimension filter `.` matches no line terminator (`\r`,
/// U+2028 and U+2029 included, which Rust's `regex` crate let through) and `$` is the end of the
/// value (not before a final line feed).
#[test]
fn dimension_filters_follow_ecma_262() {
    const DIMENSION: &str = "^[^,]{1,32},.{1,256}$";
    let with = |dimension: &str| match ListMetricsRequest::new("p").with_dim_0(dimension).validate()
    {
        Ok(()) => Vec::new(),
        Err(err) => err.violations.into_iter().map(found).collect::<Vec<_>>(),
    };
    assert_eq!(with("instance_id,6f3c6f91-4b24-4e1b-b7d1-a94ac1cb011d"), []);
    assert_eq!(with("名称,值 😀"), [], "any character but a line terminator, counted as one");
    assert_eq!(with(&format!("key,{}", "😀".repeat(256))), []);
    for bad in [
        "no comma",
        "key,",
        "key,a\r",
        "key,a\u{2028}b",
        "key,a\u{2029}",
        "key,a\n",
        &format!("key,{}", "😀".repeat(257)),
    ] {
        assert_eq!(with(bad), one("dim.0", pat(DIMENSION)), "{bad:?}");
    }
}

#[test]
fn violations_render_with_path_and_rule() {
    let err =
        CreateEventsRequest::new("p", [page_event().with_event_name("1x")]).validate().unwrap_err();
    assert_eq!(
        err.to_string(),
        "1 documented constraint(s) violated; `body[0].event_name` must match the pattern \
         `^[A-Za-z][0-9A-Za-z_]*$` (documented as: The event name. It starts with a letter and \
         contains only letters, digits and underscores.)",
        "the rule, and the documentation's words for it"
    );
}
