//! Each request gets a `tracing` span with the operation, attempt, status and request id, and no log
//! line ever shows the secret key or a token.

mod support;

use std::io::Write;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use huaweicloud_api::csms::CsmsClient;
use huaweicloud_api::runtime::client::{Config, Credentials, RetryPolicy};
use support::{Reply, TestServer};

#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test]
async fn spans_name_the_call_and_never_show_secrets() {
    let captured = Captured::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::DEBUG)
        .with_span_events(tracing_subscriber::fmt::format::FmtSpan::CLOSE)
        .with_ansi(false)
        .with_writer(move || writer.clone())
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    let server = TestServer::start(|_, index| {
        if index == 0 {
            Reply::json(503, "busy").with_header("X-Request-Id", "req-first")
        } else {
            Reply::json(200, "").with_header("X-Request-Id", "req-second")
        }
    })
    .await;
    for credentials in [
        Credentials::temporary("AK1", "the-secret-key", "the-security-token"),
        Credentials::token("the-iam-token"),
    ] {
        let mut config = Config::new("cn-north-4", credentials.with_project_id("p1"))
            .with_endpoint(server.url());
        config.retry =
            RetryPolicy { base_delay: Duration::from_millis(1), ..RetryPolicy::default() };
        CsmsClient::new(config).unwrap().delete_secret_event("e").await.unwrap();
    }

    let log = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
    for expected in [
        "huaweicloud.request",
        "operation=\"DeleteSecretEvent\"",
        "attempt=1",
        "attempt=2",
        "status=503",
        "status=200",
        "request_id=\"req-first\"",
        "request_id=\"req-second\"",
        "retrying",
    ] {
        assert!(log.contains(expected), "missing {expected:?} in:\n{log}");
    }
    for secret in ["the-secret-key", "the-security-token", "the-iam-token"] {
        assert!(!log.contains(secret), "{secret} leaked into:\n{log}");
    }
}
