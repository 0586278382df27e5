//! Response decoding: every documented status of each operation, undocumented statuses, bodies that
//! do not match, and enum values the spec does not know.

use bytes::Bytes;
use huaweicloud_api::ces::operations::{CreateEventsRequest, CreateEventsResponse};
use huaweicloud_api::ces::status::CreateEventsStatus;
use huaweicloud_api::csms::operations::{DeleteSecretEventRequest, DeleteSecretEventResponse};
use huaweicloud_api::csms::status::DeleteSecretEventStatus;
use huaweicloud_api::prelude::*;
use huaweicloud_api::runtime::DecodeError;
use huaweicloud_api::vpcep::models::ConnectionStatus;
use huaweicloud_api::vpcep::operations::{
    UpdateEndpointConnectionsDescRequest, UpdateEndpointConnectionsDescResponse,
};
use huaweicloud_api::vpcep::status::UpdateEndpointConnectionsDescStatus;

fn response(status: u16, body: &str) -> http::Response<Bytes> {
    http::Response::builder().status(status).body(Bytes::copy_from_slice(body.as_bytes())).unwrap()
}

#[test]
fn create_events_decodes_every_documented_status() {
    let created = r#"[{"event_id":"ev1","event_name":"systemInvaded"}]"#;
    match CreateEventsRequest::decode_response(response(201, created)).unwrap() {
        CreateEventsResponse::Created(events) => {
            assert_eq!(events.len(), 1);
            assert_eq!(
                (events[0].event_id.as_str(), events[0].event_name.as_str()),
                ("ev1", "systemInvaded")
            );
        }
        other => panic!("expected Created, got {other:?}"),
    }
    assert_eq!(CreateEventsStatus::ALL.len(), 8);
    for status in CreateEventsStatus::ALL.iter().filter(|s| !s.is_success()) {
        // Error statuses document no body: whatever the server sent is kept.
        let decoded =
            CreateEventsRequest::decode_response(response(status.as_u16(), "not json")).unwrap();
        assert_eq!(decoded.status(), *status);
        let raw = match decoded {
            CreateEventsResponse::BadRequest(raw)
            | CreateEventsResponse::Unauthorized(raw)
            | CreateEventsResponse::Forbidden(raw)
            | CreateEventsResponse::RequestTimeout(raw)
            | CreateEventsResponse::TooManyRequests(raw)
            | CreateEventsResponse::InternalServerError(raw)
            | CreateEventsResponse::ServiceUnavailable(raw) => raw,
            other => panic!("{status} decoded as {other:?}"),
        };
        assert_eq!(raw.as_ref(), b"not json");
    }
}

#[test]
fn delete_secret_event_decodes_every_documented_status() {
    let ok = DeleteSecretEventRequest::decode_response(response(200, "")).unwrap();
    assert_eq!(ok, DeleteSecretEventResponse::Ok(Bytes::new()));
    let error = r#"{"error":{"error_code":"CSMS.0401","error_msg":"token expired"}}"#;
    for status in DeleteSecretEventStatus::ALL.iter().filter(|s| !s.is_success()) {
        let decoded =
            DeleteSecretEventRequest::decode_response(response(status.as_u16(), error)).unwrap();
        assert_eq!(decoded.status(), *status);
        let body = match decoded {
            DeleteSecretEventResponse::BadRequest(b)
            | DeleteSecretEventResponse::Unauthorized(b)
            | DeleteSecretEventResponse::Forbidden(b)
            | DeleteSecretEventResponse::NotFound(b)
            | DeleteSecretEventResponse::InternalServerError(b)
            | DeleteSecretEventResponse::BadGateway(b)
            | DeleteSecretEventResponse::GatewayTimeout(b) => b,
            other => panic!("{status} decoded as {other:?}"),
        };
        let detail = body.error.expect("error object");
        assert_eq!(detail.error_code.as_deref(), Some("CSMS.0401"));
        assert_eq!(detail.error_msg.as_deref(), Some("token expired"));
    }
    assert_eq!(
        DeleteSecretEventStatus::ALL.iter().map(|s| s.as_u16()).collect::<Vec<_>>(),
        [200, 400, 401, 403, 404, 500, 502, 504]
    );
}

#[test]
fn update_connection_descriptions_decodes_every_documented_status() {
    let ok = r#"{"connections":[{"id":"0d837f75-90d5-4528-bd11-5d974238ebca","status":"failed","marker_id":302008767,
        "error":[{"error_code":"E1","error_message":"boom"}]}]}"#;
    let UpdateEndpointConnectionsDescResponse::Ok(body) =
        UpdateEndpointConnectionsDescRequest::decode_response(response(200, ok)).unwrap()
    else {
        panic!("expected Ok");
    };
    let connection = &body.connections.as_ref().unwrap()[0];
    assert_eq!(connection.status, Some(ConnectionStatus::Failed));
    assert_eq!(connection.marker_id, Some(302_008_767));
    assert_eq!(connection.error.as_ref().unwrap()[0].error_message.as_deref(), Some("boom"));

    // The VPCEP error body is {error: {message, code}}, unlike CSMS's {error: {error_code, error_msg}}.
    let error = r#"{"error":{"message":"endpoint service not found","code":"EndPoint.0005"}}"#;
    let errors: Vec<_> =
        UpdateEndpointConnectionsDescStatus::ALL.iter().filter(|s| !s.is_success()).collect();
    assert_eq!(errors.len(), 14);
    for status in errors {
        let decoded =
            UpdateEndpointConnectionsDescRequest::decode_response(response(status.as_u16(), error))
                .unwrap();
        assert_eq!(decoded.status(), *status);
        let body = match decoded {
            UpdateEndpointConnectionsDescResponse::BadRequest(b)
            | UpdateEndpointConnectionsDescResponse::Unauthorized(b)
            | UpdateEndpointConnectionsDescResponse::Forbidden(b)
            | UpdateEndpointConnectionsDescResponse::NotFound(b)
            | UpdateEndpointConnectionsDescResponse::MethodNotAllowed(b)
            | UpdateEndpointConnectionsDescResponse::NotAcceptable(b)
            | UpdateEndpointConnectionsDescResponse::ProxyAuthenticationRequired(b)
            | UpdateEndpointConnectionsDescResponse::RequestTimeout(b)
            | UpdateEndpointConnectionsDescResponse::Conflict(b)
            | UpdateEndpointConnectionsDescResponse::InternalServerError(b)
            | UpdateEndpointConnectionsDescResponse::NotImplemented(b)
            | UpdateEndpointConnectionsDescResponse::BadGateway(b)
            | UpdateEndpointConnectionsDescResponse::ServiceUnavailable(b)
            | UpdateEndpointConnectionsDescResponse::GatewayTimeout(b) => b,
            other => panic!("{status} decoded as {other:?}"),
        };
        let detail = body.error.expect("error object");
        assert_eq!(detail.code.as_deref(), Some("EndPoint.0005"));
        assert_eq!(detail.message.as_deref(), Some("endpoint service not found"));
    }
}

#[test]
fn an_undocumented_status_keeps_status_and_body() {
    let err = CreateEventsRequest::decode_response(response(418, "teapot")).unwrap_err();
    assert!(matches!(err, DecodeError::UndocumentedStatus { .. }), "{err:?}");
    assert_eq!(err.status(), 418);
    assert_eq!(err.body().as_ref(), b"teapot");
    // 201 is documented for CreateEvents but not for DeleteSecretEvent.
    let err = DeleteSecretEventRequest::decode_response(response(201, "")).unwrap_err();
    assert!(matches!(err, DecodeError::UndocumentedStatus { .. }));
}

#[test]
fn a_body_that_does_not_match_keeps_status_and_bytes() {
    for body in
        [r#"[{"event_id":"x""#, r#"{"event_id":"x"}"#, r#"[{"event_id":1,"event_name":"a"}]"#, ""]
    {
        let err = CreateEventsRequest::decode_response(response(201, body)).unwrap_err();
        assert!(matches!(err, DecodeError::Body { .. }), "{body:?}: {err:?}");
        assert_eq!(err.status(), 201);
        assert_eq!(err.body().as_ref(), body.as_bytes());
    }
    let err = DeleteSecretEventRequest::decode_response(response(404, "<html>")).unwrap_err();
    assert!(matches!(err, DecodeError::Body { .. }));
    assert_eq!(err.body().as_ref(), b"<html>");
}

#[test]
fn an_unknown_enum_value_decodes_and_round_trips() {
    let body = r#"{"connections":[{"id":"x","status":"migrating"}]}"#;
    let UpdateEndpointConnectionsDescResponse::Ok(decoded) =
        UpdateEndpointConnectionsDescRequest::decode_response(response(200, body)).unwrap()
    else {
        panic!("expected Ok");
    };
    let connection = &decoded.connections.as_ref().unwrap()[0];
    assert_eq!(connection.status, Some(ConnectionStatus::Unknown("migrating".into())));
    assert_eq!(connection.status.as_ref().unwrap().as_str(), "migrating");
    assert_eq!(serde_json::to_string(&decoded).unwrap(), body);
    assert!(decoded.validate().is_err(), "validate() reports values the spec does not document");
}
