//! The async clients end to end, against a real HTTP server on 127.0.0.1 started by each test: the
//! server checks method, path, query, headers and body, and recomputes the signature from what it
//! received. Then the faults: refused connections, a server that never answers, 429 with
//! `Retry-After`, 503 then 200, POST not retried, truncated and invalid bodies, a 10 MB body, and an
//! unknown enum value. Nothing here contacts any other address.

mod support;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use huaweicloud_api::ces::CesClient;
use huaweicloud_api::ces::models::EventItem;
use huaweicloud_api::ces::status::CreateEventsStatus;
use huaweicloud_api::csms::CsmsClient;
use huaweicloud_api::csms::status::DeleteSecretEventStatus;
use huaweicloud_api::runtime::client::{
    Config, ConfigError, Credentials, Error, RetryPolicy, TransportErrorKind, signer,
};
use huaweicloud_api::vpcep::VpcepClient;
use huaweicloud_api::vpcep::models::{ConnectionStatus, UpdateEndpointConnectionsDescRequestBody};
use huaweicloud_api::vpcep::status::UpdateEndpointConnectionsDescStatus;
use support::{Received, Reply, TestServer, pages};

const AK: &str = "HPUATESTACCESSKEY000";
const SK: &str = "test-secret-key-never-printed";
/// A real project ID's format: 32 lowercase hexadecimal characters (the VPCEP page's minimum of 36 is
/// an erratum in the spec).
const PROJECT: &str = "0605767a3300d5762fb7c0186d9e1779";
const SERVICE_ID: &str = "813d9300-8473-405b-bfcd-f711117bad65";

fn config(server: &TestServer) -> Config {
    let mut config = Config::new("cn-north-4", Credentials::ak_sk(AK, SK).with_project_id(PROJECT))
        .with_endpoint(server.url());
    config.endpoint_from_env = false;
    config.retry = RetryPolicy { base_delay: Duration::from_millis(10), ..RetryPolicy::default() };
    config
}

fn no_retries(server: &TestServer) -> Config {
    config(server).with_retry(RetryPolicy::none())
}

fn page_events() -> Vec<EventItem> {
    vec![pages::ces_page_event()]
}

fn connections() -> UpdateEndpointConnectionsDescRequestBody {
    UpdateEndpointConnectionsDescRequestBody::new([pages::vpcep_page_body().connections.remove(0)])
}

/// What every signed request must carry, checked the way the server would.
fn assert_signed(request: &Received, server: &TestServer) {
    assert!(
        signer::verify(
            &request.method,
            &request.path_and_query,
            &request.headers,
            &request.body,
            AK,
            SK
        ),
        "signature does not verify: {request:?}"
    );
    let auth = request.headers["authorization"].to_str().unwrap();
    assert!(auth.starts_with(&format!("SDK-HMAC-SHA256 Access={AK}, SignedHeaders=")), "{auth}");
    assert!(auth.contains("host;") && auth.contains("x-sdk-date"), "{auth}");
    assert_eq!(request.headers["host"], server.addr.to_string());
    assert_eq!(request.headers["x-project-id"], PROJECT);
    assert_eq!(request.headers["x-sdk-date"].len(), 16);
    assert!(request.headers["user-agent"].to_str().unwrap().starts_with("huaweicloud-api-rust/"));
    assert!(!request.headers.contains_key("x-auth-token"), "AK/SK requests carry no token");
}

#[tokio::test]
async fn create_events_end_to_end() {
    let server = TestServer::start(|_, _| {
        Reply::json(201, r#"[{"event_id":"evdgiqwgedkkcvhdjcdu346","event_name":"systemInvaded"}]"#)
    })
    .await;
    let client = CesClient::new(config(&server)).unwrap();
    // A call returns its success body alone.
    let events = client.create_events(page_events()).await.unwrap();
    assert_eq!(events[0].event_id, "evdgiqwgedkkcvhdjcdu346");

    let received = server.received();
    assert_eq!(received.len(), 1);
    let request = &received[0];
    assert_eq!(request.method, "POST");
    assert_eq!(request.path_and_query, format!("/V1.0/{PROJECT}/events"));
    assert_eq!(request.headers["content-type"], "application/json");
    assert_signed(request, &server);
    assert_eq!(
        serde_json::from_slice::<serde_json::Value>(&request.body).unwrap(),
        serde_json::to_value(page_events()).unwrap()
    );
}

#[tokio::test]
async fn create_events_decodes_every_documented_status() {
    for status in CreateEventsStatus::ALL {
        let code = status.as_u16();
        let body = if code == 201 { "[]".to_owned() } else { format!("status {code}") };
        let server = TestServer::start(move |_, _| {
            Reply::json(code, &body).with_header("X-Request-Id", "req-42")
        })
        .await;
        let client = CesClient::new(config(&server)).unwrap();
        match client.create_events(page_events()).await {
            Ok(events) => {
                assert!(status.is_success());
                assert_eq!(events, Vec::new());
            }
            Err(Error::Status { status: got, request_id, response, .. }) => {
                assert!(!status.is_success());
                assert_eq!(got.as_u16(), code);
                assert_eq!(request_id.as_deref(), Some("req-42"));
                assert_eq!(response.status(), *status);
            }
            Err(other) => panic!("{status}: {other:?}"),
        }
        assert_eq!(server.received().len(), 1, "{status}: POST is not retried");
    }
}

#[tokio::test]
async fn delete_secret_event_with_ak_sk_and_with_a_token() {
    let server = TestServer::start(|_, _| Reply::json(200, "")).await;
    let client = CsmsClient::new(config(&server)).unwrap();
    // Arguments take anything that converts; a success without a documented body is `()`.
    let () = client.delete_secret_event("rotate/../secret event 事件").await.unwrap();
    let request = &server.received()[0];
    assert_eq!(request.method, "DELETE");
    assert_eq!(
        request.path_and_query,
        format!("/v1/{PROJECT}/csms/events/rotate%2F..%2Fsecret%20event%20%E4%BA%8B%E4%BB%B6")
    );
    assert!(request.body.is_empty());
    assert_signed(request, &server);

    let mut token_config = config(&server);
    token_config.credentials = Credentials::token("iam-user-token").with_project_id(PROJECT);
    CsmsClient::new(token_config).unwrap().delete_secret_event("e1").await.unwrap();
    let request = &server.received()[1];
    assert_eq!(request.headers["x-auth-token"], "iam-user-token");
    assert!(!request.headers.contains_key("authorization"), "token requests are not signed");
    assert_eq!(request.path_and_query, format!("/v1/{PROJECT}/csms/events/e1"));
}

#[tokio::test]
async fn delete_secret_event_decodes_every_documented_status() {
    for status in DeleteSecretEventStatus::ALL.iter().filter(|s| !s.is_success()) {
        let code = status.as_u16();
        let server = TestServer::start(move |_, _| {
            Reply::json(
                code,
                r#"{"error":{"error_code":"CSMS.0201","error_msg":"event is referenced"}}"#,
            )
            .with_header("X-Request-Id", "abc")
        })
        .await;
        let client = CsmsClient::new(no_retries(&server)).unwrap();
        let Err(Error::Status {
            status: got,
            error_code,
            error_msg,
            request_id,
            response,
            operation,
        }) = client.delete_secret_event("e").await
        else {
            panic!("{status}: expected a status error");
        };
        assert_eq!(
            (operation, got.as_u16(), request_id.as_deref()),
            ("DeleteSecretEvent", code, Some("abc"))
        );
        assert_eq!(
            (error_code.as_deref(), error_msg.as_deref()),
            (Some("CSMS.0201"), Some("event is referenced"))
        );
        assert_eq!(response.status(), *status);
    }
}

#[tokio::test]
async fn update_connection_descriptions_end_to_end_with_temporary_credentials() {
    let ok = r#"{"connections":[{"id":"0df78897-35b0-4a93-ad17-0bc0585f546b","status":"accepted","description":"终端节点节点1","marker_id":302001833}]}"#;
    let server = TestServer::start(move |_, _| Reply::json(200, ok)).await;
    let mut config = config(&server);
    config.credentials =
        Credentials::temporary(AK, SK, "security-token-value").with_project_id(PROJECT);
    let client = VpcepClient::new(config).unwrap();
    let body = client.update_endpoint_connections_desc(SERVICE_ID, connections()).await.unwrap();
    assert_eq!(body.connections.unwrap()[0].status, Some(ConnectionStatus::Accepted));
    let request = &server.received()[0];
    assert_eq!(request.method, "PUT");
    assert_eq!(
        request.path_and_query,
        format!("/v1/{PROJECT}/vpc-endpoint-services/{SERVICE_ID}/connections/description")
    );
    assert_eq!(request.headers["x-security-token"], "security-token-value");
    assert!(
        request.headers["authorization"].to_str().unwrap().contains("x-security-token"),
        "the token is signed"
    );
    assert_signed(request, &server);
    assert_eq!(
        serde_json::from_slice::<serde_json::Value>(&request.body).unwrap(),
        serde_json::to_value(connections()).unwrap()
    );
}

#[tokio::test]
async fn update_connection_descriptions_decodes_every_documented_status() {
    for status in UpdateEndpointConnectionsDescStatus::ALL.iter().filter(|s| !s.is_success()) {
        let code = status.as_u16();
        let server = TestServer::start(move |_, _| {
            Reply::json(code, r#"{"error":{"message":"no such service","code":"EndPoint.0005"}}"#)
        })
        .await;
        let client = VpcepClient::new(no_retries(&server)).unwrap();
        match client.update_endpoint_connections_desc(SERVICE_ID, connections()).await {
            Err(Error::Status { response, error_code, error_msg, .. }) => {
                assert_eq!(response.status(), *status);
                assert_eq!(
                    (error_code.as_deref(), error_msg.as_deref()),
                    (Some("EndPoint.0005"), Some("no such service"))
                );
            }
            other => panic!("{status}: {other:?}"),
        }
    }
}

#[tokio::test]
async fn a_refused_connection_is_retried_then_reported() {
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let mut config = Config::new("cn-north-4", Credentials::ak_sk(AK, SK).with_project_id(PROJECT))
        .with_endpoint(format!("http://127.0.0.1:{port}"));
    config.retry = RetryPolicy { base_delay: Duration::from_millis(5), ..RetryPolicy::default() };
    let client = CsmsClient::new(config).unwrap();
    match client.delete_secret_event("e").await {
        Err(Error::Transport { attempts, source, operation }) => {
            assert_eq!(
                (attempts, source.kind, operation),
                (3, TransportErrorKind::Connect, "DeleteSecretEvent")
            );
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn a_server_that_never_answers_times_out() {
    let server = TestServer::start(|_, _| Reply::Hang).await;
    let config = config(&server).with_timeouts(Duration::from_millis(200), Duration::from_secs(5));
    let client = CesClient::new(config).unwrap();
    match client.create_events(page_events()).await {
        Err(Error::Transport { attempts: 1, source, .. }) => {
            assert_eq!(source.kind, TransportErrorKind::Timeout)
        }
        other => panic!("{other:?}"),
    }
    // An idempotent call retries until the total budget is spent, and still ends.
    let config = config_with_total(&server, Duration::from_millis(150), Duration::from_millis(500));
    match CsmsClient::new(config).unwrap().delete_secret_event("e").await {
        Err(Error::Transport { source, .. }) => {
            assert_eq!(source.kind, TransportErrorKind::Timeout)
        }
        other => panic!("{other:?}"),
    }
}

fn config_with_total(server: &TestServer, attempt: Duration, total: Duration) -> Config {
    config(server).with_timeouts(attempt, total)
}

#[tokio::test]
async fn too_many_requests_honours_retry_after() {
    let server = TestServer::start(|_, index| {
        if index == 0 {
            Reply::json(429, r#"{"error_code":"APIGW.0308","error_msg":"throttled"}"#)
                .with_header("Retry-After", "1")
        } else {
            Reply::json(200, "")
        }
    })
    .await;
    let started = Instant::now();
    CsmsClient::new(config(&server)).unwrap().delete_secret_event("e").await.unwrap();
    assert!(started.elapsed() >= Duration::from_millis(950), "waited only {:?}", started.elapsed());
    let received = server.received();
    assert_eq!(received.len(), 2);
    assert_signed(&received[1], &server);
    assert_signed(&received[0], &server);
}

#[tokio::test]
async fn service_unavailable_then_ok_succeeds_for_put() {
    let server = TestServer::start(|_, index| {
        if index == 0 {
            Reply::json(503, "busy")
        } else {
            Reply::json(200, r#"{"connections":[]}"#)
        }
    })
    .await;
    let client = VpcepClient::new(config(&server)).unwrap();
    let body = client.update_endpoint_connections_desc(SERVICE_ID, connections()).await.unwrap();
    assert_eq!(body.connections, Some(Vec::new()));
    assert_eq!(server.received().len(), 2);
}

#[tokio::test]
async fn post_is_not_retried_unless_the_caller_opts_in() {
    let handler = |_: &Received, index: usize| {
        if index == 0 { Reply::json(503, "busy") } else { Reply::json(201, "[]") }
    };
    let server = TestServer::start(handler).await;
    let err =
        CesClient::new(config(&server)).unwrap().create_events(page_events()).await.unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(503));
    assert_eq!(server.received().len(), 1);

    let server = TestServer::start(handler).await;
    let mut opted_in = config(&server);
    opted_in.retry.retry_non_idempotent = true;
    CesClient::new(opted_in).unwrap().create_events(page_events()).await.unwrap();
    assert_eq!(server.received().len(), 2);
}

#[tokio::test]
async fn a_truncated_body_is_a_transport_error() {
    let server = TestServer::start(|_, _| Reply::Truncate {
        status: 201,
        declared: 100,
        body: br#"[{"event_id":"#.to_vec(),
    })
    .await;
    match CesClient::new(config(&server)).unwrap().create_events(page_events()).await {
        Err(Error::Transport { source, attempts: 1, .. }) => {
            assert_eq!(source.kind, TransportErrorKind::Body)
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn invalid_json_keeps_the_raw_body() {
    let server =
        TestServer::start(|_, _| Reply::json(201, "{not json").with_header("X-Request-Id", "r1"))
            .await;
    match CesClient::new(config(&server)).unwrap().create_events(page_events()).await {
        Err(Error::Decode { status, body, request_id, .. }) => {
            assert_eq!(
                (status.as_u16(), body.as_ref(), request_id.as_deref()),
                (201, &b"{not json"[..], Some("r1"))
            );
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn an_undocumented_status_keeps_the_raw_body() {
    let server = TestServer::start(|_, _| Reply::json(418, "teapot")).await;
    match CesClient::new(config(&server)).unwrap().create_events(page_events()).await {
        Err(Error::UndocumentedStatus { status, body, .. }) => {
            assert_eq!((status.as_u16(), body.as_ref()), (418, &b"teapot"[..]))
        }
        other => panic!("{other:?}"),
    }
}

fn big_response(connections: usize) -> String {
    let one = r#"{"id":"0d837f75-90d5-4528-bd11-5d974238ebca","status":"accepted","description":"终端节点节点2, 属于账户[0605767a3300d5762fb7c0186d9e1779]iaas_commonnet_odin_26","marker_id":302008767,"domain_id":"05b5408a0a80d2b10f06c0184a774460","created_at":"2022-04-14T02:09:08Z","updated_at":"2022-04-14T07:55:40Z"}"#;
    format!(r#"{{"connections":[{}]}}"#, vec![one; connections].join(","))
}

#[tokio::test]
async fn a_ten_megabyte_body_decodes() {
    let body = big_response(33_000);
    assert!(body.len() > 10_000_000);
    let server = TestServer::start(move |_, _| Reply::json(200, &body)).await;
    let body = VpcepClient::new(config(&server))
        .unwrap()
        .update_endpoint_connections_desc(SERVICE_ID, connections())
        .await
        .unwrap();
    assert_eq!(body.connections.unwrap().len(), 33_000);
}

#[tokio::test]
async fn a_body_over_the_limit_is_refused() {
    let body = big_response(2_000);
    let server = TestServer::start(move |_, _| Reply::json(200, &body)).await;
    let mut config = no_retries(&server);
    config.max_response_bytes = 64 * 1024;
    match VpcepClient::new(config)
        .unwrap()
        .update_endpoint_connections_desc(SERVICE_ID, connections())
        .await
    {
        Err(Error::Transport { source, .. }) => {
            assert_eq!(source.kind, TransportErrorKind::BodyTooLarge)
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn an_unknown_enum_value_decodes() {
    let server = TestServer::start(|_, _| {
        Reply::json(200, r#"{"connections":[{"id":"x","status":"migrating"}]}"#)
    })
    .await;
    let body = VpcepClient::new(config(&server))
        .unwrap()
        .update_endpoint_connections_desc(SERVICE_ID, connections())
        .await
        .unwrap();
    assert_eq!(
        body.connections.unwrap()[0].status,
        Some(ConnectionStatus::Unknown("migrating".into()))
    );
}

#[tokio::test]
async fn nothing_is_sent_for_invalid_arguments() {
    let server = TestServer::start(|_, _| Reply::json(200, "")).await;
    let client = VpcepClient::new(config(&server)).unwrap();
    match client.update_endpoint_connections_desc("short", connections()).await {
        Err(Error::InvalidRequest { source, operation }) => {
            assert_eq!(operation, "UpdateEndpointConnectionsDesc");
            assert_eq!(source.violations[0].path, "vpc_endpoint_service_id");
        }
        other => panic!("{other:?}"),
    }
    let mut bad_token = config(&server);
    bad_token.credentials = Credentials::token("t\r\nX-Injected: 1").with_project_id(PROJECT);
    assert!(matches!(
        CsmsClient::new(bad_token).unwrap().delete_secret_event("e").await,
        Err(Error::Build { .. })
    ));
    let mut no_project = config(&server);
    no_project.credentials = Credentials::ak_sk(AK, SK);
    assert!(matches!(
        CsmsClient::new(no_project).unwrap().delete_secret_event("e").await,
        Err(Error::Config { source: ConfigError::MissingProjectId, .. })
    ));
    // A value that cannot be one path segment is invalid input like any other.
    match CsmsClient::new(config(&server)).unwrap().delete_secret_event("..").await {
        Err(Error::InvalidRequest { source, .. }) => {
            assert_eq!(source.violations[0].rule, huaweicloud_api::runtime::Rule::PathSegment);
        }
        other => panic!("{other:?}"),
    }
    // A value the client fills in is reported as the configuration's, not the caller's.
    let mut empty_project = config(&server);
    empty_project.credentials = Credentials::ak_sk(AK, SK).with_project_id("");
    match VpcepClient::new(empty_project)
        .unwrap()
        .update_endpoint_connections_desc(SERVICE_ID, connections())
        .await
    {
        Err(error @ Error::InvalidRequest { .. }) => {
            let source = std::error::Error::source(&error).unwrap().to_string();
            assert!(
                source.contains("the configured project ID (`project_id`) must be at least 1"),
                "{source}"
            );
            assert_eq!(
                error.to_string(),
                "UpdateEndpointConnectionsDesc: invalid request, nothing was sent"
            );
        }
        other => panic!("{other:?}"),
    }
    assert!(server.received().is_empty());
}

#[test]
fn clients_are_send_sync_and_never_print_secrets() {
    fn assert_send_sync<T: Send + Sync + Clone>() {}
    assert_send_sync::<CesClient>();
    assert_send_sync::<CsmsClient>();
    let config = Config::new("cn-north-4", Credentials::temporary(AK, SK, "the-security-token"));
    let shown = format!("{config:?}");
    assert!(!shown.contains(SK) && !shown.contains("the-security-token"), "{shown}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ten_thousand_calls_sixty_four_at_a_time() {
    const CALLS: usize = 10_000;
    const CONCURRENCY: usize = 64;
    let server = TestServer::start(|_, _| Reply::json(200, "")).await;
    let client = CsmsClient::new(config(&server)).unwrap();
    let next = Arc::new(AtomicUsize::new(0));
    let workers: Vec<_> = (0..CONCURRENCY)
        .map(|_| {
            let (client, next) = (client.clone(), next.clone());
            tokio::spawn(async move {
                let mut done = 0;
                while next.fetch_add(1, Ordering::Relaxed) < CALLS {
                    client.delete_secret_event("e").await.expect("every call succeeds");
                    done += 1;
                }
                done
            })
        })
        .collect();
    let mut total = 0;
    for worker in workers {
        total += worker.await.unwrap();
    }
    assert_eq!(total, CALLS);
    assert_eq!(server.received().len(), CALLS);
}
