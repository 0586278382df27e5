//! Request building: exact method, path, headers and body for each operation, and path parameters
//! that try to escape their segment.

use huaweicloud_api::ces::models::{EventItem, EventItemDetail, EventLevel, EventState};
use huaweicloud_api::ces::operations::CreateEventsRequest;
use huaweicloud_api::csms::operations::DeleteSecretEventRequest;
use huaweicloud_api::prelude::*;
use huaweicloud_api::runtime::BuildError;
use huaweicloud_api::vpcep::models::{ConnectionsDesc, UpdateEndpointConnectionsDescRequestBody};
use huaweicloud_api::vpcep::operations::UpdateEndpointConnectionsDescRequest;

fn event(name: &str) -> EventItem {
    let detail = EventItemDetail::default()
        .with_content("The financial system was invaded")
        .with_resource_name("ecs001")
        .with_event_state(EventState::Normal)
        .with_event_level(EventLevel::Major);
    EventItem::new(name, 1_522_121_194_000, detail).with_event_source("financial.Sytem")
}

fn delete_event(event_name: &str) -> DeleteSecretEventRequest {
    DeleteSecretEventRequest::new("p1", event_name, "token-value")
}

#[test]
fn create_events_is_a_json_post_to_the_documented_path() {
    let request =
        CreateEventsRequest::new("0605767a3300d5762fb7c0186d9e1779", [event("systemInvaded")]);
    let http = request.build_request().unwrap();
    assert_eq!(http.method(), http::Method::POST);
    assert_eq!(http.uri(), "/V1.0/0605767a3300d5762fb7c0186d9e1779/events");
    assert_eq!(http.headers().len(), 1);
    assert_eq!(http.headers()["content-type"], "application/json");
    let body: serde_json::Value = serde_json::from_slice(http.body()).unwrap();
    assert_eq!(
        body,
        serde_json::json!([{
            "event_name": "systemInvaded",
            "event_source": "financial.Sytem",
            "time": 1_522_121_194_000_i64,
            "detail": {
                "content": "The financial system was invaded",
                "resource_name": "ecs001",
                "event_state": "normal",
                "event_level": "Major"
            }
        }]),
        "optional fields that are None are omitted, wire names and enum values are preserved"
    );
    assert_eq!(<CreateEventsRequest as Operation>::OPERATION_ID, "CreateEvents");
    assert_eq!(<CreateEventsRequest as Operation>::PATH_TEMPLATE, "/V1.0/{project_id}/events");
}

#[test]
fn delete_secret_event_sends_the_token_and_no_body() {
    let http = delete_event("my_event").build_request().unwrap();
    assert_eq!(http.method(), http::Method::DELETE);
    assert_eq!(http.uri(), "/v1/p1/csms/events/my_event");
    assert_eq!(http.headers().len(), 1);
    assert_eq!(http.headers()["x-auth-token"], "token-value");
    assert!(http.body().is_empty());
}

#[test]
fn update_connection_descriptions_is_a_json_put() {
    let request = UpdateEndpointConnectionsDescRequest::new(
        "a4a5d4098fb4474fa22cd05f897d6b99",
        "813d9300-8473-405b-bfcd-f711117bad65",
        UpdateEndpointConnectionsDescRequestBody::new([ConnectionsDesc::new(
            "0df78897-35b0-4a93-ad17-0bc0585f546b",
            "节点1",
        )]),
    );
    let http = request.build_request().unwrap();
    assert_eq!(http.method(), http::Method::PUT);
    assert_eq!(
        http.uri().path(),
        format!(
            "/v1/{}/vpc-endpoint-services/813d9300-8473-405b-bfcd-f711117bad65/connections/description",
            "a4a5d4098fb4474fa22cd05f897d6b99".to_owned()
        )
    );
    assert_eq!(http.headers()["content-type"], "application/json");
    assert_eq!(
        serde_json::from_slice::<serde_json::Value>(http.body()).unwrap(),
        serde_json::json!({"connections": [{"id": "0df78897-35b0-4a93-ad17-0bc0585f546b", "description": "节点1"}]})
    );
}

#[test]
fn path_parameters_stay_inside_their_segment() {
    let cases = [
        ("a/b", "a%2Fb"),
        ("../../admin", "..%2F..%2Fadmin"),
        ("a..b", "a..b"),
        ("with space", "with%20space"),
        ("事件", "%E4%BA%8B%E4%BB%B6"),
        ("q?x=1#frag", "q%3Fx%3D1%23frag"),
        ("100%", "100%25"),
    ];
    for (raw, encoded) in cases {
        let http = delete_event(raw).build_request().unwrap();
        assert_eq!(http.uri().path(), format!("/v1/p1/csms/events/{encoded}"), "{raw:?}");
        assert_eq!(http.uri().query(), None, "{raw:?}");
        assert_eq!(http.uri().path().split('/').count(), 6, "{raw:?} added a segment");
    }
}

#[test]
fn path_parameters_that_cannot_be_one_segment_are_rejected() {
    for raw in ["", ".", ".."] {
        let err = delete_event(raw).build_request().unwrap_err();
        assert!(
            matches!(err, BuildError::InvalidPathParameter { name: "event_name", .. }),
            "{raw:?}: {err:?}"
        );
    }
    let err = CreateEventsRequest::new("..", []).build_request().unwrap_err();
    assert!(matches!(err, BuildError::InvalidPathParameter { name: "project_id", .. }));
    // `validate()` reports them with every other violation, before anything is built.
    let err = delete_event("..").validate().unwrap_err();
    assert_eq!(err.violations[0].rule, huaweicloud_api::runtime::Rule::PathSegment);
}

#[test]
fn header_values_with_line_breaks_are_rejected() {
    let mut request = delete_event("e");
    request.x_auth_token = "token\r\nX-Injected: yes".into();
    let err = request.build_request().unwrap_err();
    assert!(matches!(err, BuildError::InvalidHeaderValue { name: "X-Auth-Token", .. }), "{err:?}");
    let err = request.validate().unwrap_err();
    assert_eq!(err.violations[0].rule, huaweicloud_api::runtime::Rule::HeaderText);
    assert_eq!(err.violations[0].path, "X-Auth-Token");
}
