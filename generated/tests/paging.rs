//! Paged list operations end to end: `pages()` and `items()` of generated calls against a server on
//! 127.0.0.1 that serves a fixed list in pages, by offset (VPCEP) and by marker (Cloud Eye). The
//! server answers what each request asks for, so the tests see which pages the stream requested,
//! in which order, and where it stopped.

mod support;

use huaweicloud_api::ces::CesClient;
use huaweicloud_api::prelude::*;
use huaweicloud_api::runtime::client::RetryPolicy;
use huaweicloud_api::vpcep::VpcepClient;
use serde_json::json;
use support::{Received, Reply, TestServer};

const AK: &str = "HPUATESTACCESSKEY000";
const SK: &str = "test-secret-key-never-printed";
const PROJECT: &str = "0605767a3300d5762fb7c0186d9e1779";

fn config(server: &TestServer) -> Config {
    let mut config = Config::new("cn-north-4", Credentials::ak_sk(AK, SK).with_project_id(PROJECT))
        .with_endpoint(server.url())
        .with_retry(RetryPolicy::none());
    config.endpoint_from_env = false;
    config
}

/// The value of query parameter `name` in a received request.
fn query(request: &Received, name: &str) -> Option<String> {
    let (_, query) = request.path_and_query.split_once('?')?;
    query.split('&').find_map(|pair| {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        let decode = |text| percent_encoding::percent_decode_str(text).decode_utf8_lossy();
        (decode(key) == name).then(|| decode(value).into_owned())
    })
}

/// The query parameters `names` of every request the server received, in order.
fn queried(server: &TestServer, names: &[&str]) -> Vec<Vec<Option<String>>> {
    server.received().iter().map(|r| names.iter().map(|n| query(r, n)).collect()).collect()
}

/// A VPCEP server holding `count` endpoints, answering `offset` and `limit` (default 10) with
/// `total_count`.
async fn endpoint_server(count: usize) -> TestServer {
    TestServer::start(move |request, _| {
        let offset: usize = query(request, "offset").map_or(0, |o| o.parse().unwrap());
        let limit: usize = query(request, "limit").map_or(10, |l| l.parse().unwrap());
        let page: Vec<_> = (offset..count.min(offset + limit))
            .map(|i| json!({"id": format!("endpoint-{i}")}))
            .collect();
        Reply::json(200, &json!({"endpoints": page, "total_count": count}).to_string())
    })
    .await
}

#[tokio::test]
async fn offset_pages_are_requested_until_the_total_is_reached() {
    let server = endpoint_server(5).await;
    let vpcep = VpcepClient::new(config(&server)).unwrap();

    let ids: Vec<String> = vpcep
        .list_endpoints()
        .with_limit(2)
        .items()
        .map(|endpoint| endpoint.unwrap().id.unwrap())
        .collect()
        .await;

    assert_eq!(ids, (0..5).map(|i| format!("endpoint-{i}")).collect::<Vec<_>>());
    let some = |s: &str| Some(s.to_owned());
    assert_eq!(
        queried(&server, &["offset", "limit"]),
        [[None, some("2")], [some("2"), some("2")], [some("4"), some("2")]],
        "the first page is the call as written, then the offset moves by the page's length"
    );
}

#[tokio::test]
async fn a_stream_starts_at_the_callers_offset_and_stops_at_a_short_page() {
    // The server holds 6 endpoints but claims 100; the second page is shorter than the limit, so it
    // is the last.
    let server = TestServer::start(|request, _| {
        let offset: usize = query(request, "offset").unwrap().parse().unwrap();
        let page: Vec<_> =
            (offset..6.min(offset + 3)).map(|i| json!({"id": format!("endpoint-{i}")})).collect();
        Reply::json(200, &json!({"endpoints": page, "total_count": 100}).to_string())
    })
    .await;
    let vpcep = VpcepClient::new(config(&server)).unwrap();

    let pages: Vec<usize> = vpcep
        .list_endpoints()
        .with_offset(1)
        .with_limit(3)
        .pages()
        .map(|page| page.unwrap().endpoints.unwrap().len())
        .collect()
        .await;

    assert_eq!(pages, [3, 2]);
    let offsets: Vec<_> = queried(&server, &["offset"]).into_iter().flatten().flatten().collect();
    assert_eq!(offsets, ["1", "4"]);
}

#[tokio::test]
async fn pages_are_requested_only_as_the_stream_is_read() {
    let server = endpoint_server(50).await;
    let vpcep = VpcepClient::new(config(&server)).unwrap();

    let mut items = vpcep.list_endpoints().with_limit(10).items();
    assert_eq!(server.received().len(), 0, "nothing is sent before the stream is polled");
    let first: Vec<_> = items.by_ref().take(12).collect().await;

    assert_eq!(first.len(), 12);
    assert_eq!(server.received().len(), 2, "twelve items need two pages of ten, not five");
}

#[tokio::test]
async fn an_error_ends_the_stream_after_the_pages_before_it() {
    let server = TestServer::start(|request, _| match query(request, "offset").as_deref() {
        None => Reply::json(200, r#"{"endpoints": [{"id": "a"}, {"id": "b"}], "total_count": 9}"#),
        Some(_) => Reply::json(500, r#"{"error": {"error_code": "EP.500", "message": "down"}}"#),
    })
    .await;
    let vpcep = VpcepClient::new(config(&server)).unwrap();

    let results: Vec<_> = vpcep.list_endpoints().with_limit(2).items().collect().await;

    assert_eq!(results.len(), 3);
    assert!(results[..2].iter().all(Result::is_ok));
    let error = results[2].as_ref().unwrap_err();
    assert!(matches!(error, Error::Status { .. } | Error::UndocumentedStatus { .. }), "{error:?}");
    assert_eq!(server.received().len(), 2, "no page is requested after an error");
}

/// A Cloud Eye server holding `alarms` alarm rules, paged by the ID of the last one returned
/// (`start`), the next page's marker in `meta_data.marker` (empty after the last page).
async fn alarm_server(alarms: usize) -> TestServer {
    TestServer::start(move |request, _| {
        let ids: Vec<String> = (0..alarms).map(|i| format!("al{i:020}")).collect();
        let from = match query(request, "start") {
            Some(start) => ids.iter().position(|id| *id == start).unwrap() + 1,
            None => 0,
        };
        let limit: usize = query(request, "limit").map_or(100, |l| l.parse().unwrap());
        let page = &ids[from.min(alarms)..alarms.min(from + limit)];
        let marker =
            if from + limit < alarms { page.last().cloned().unwrap() } else { String::new() };
        let body = json!({
            "metric_alarms": page.iter().map(|id| json!({"alarm_id": id})).collect::<Vec<_>>(),
            "meta_data": {"count": page.len(), "marker": marker, "total": alarms},
        });
        Reply::json(200, &body.to_string())
    })
    .await
}

#[tokio::test]
async fn marker_pages_follow_the_next_marker_until_it_is_empty() {
    let server = alarm_server(7).await;
    let ces = CesClient::new(config(&server)).unwrap();

    let ids: Vec<String> = ces
        .list_alarms()
        .with_limit(3)
        .items()
        .map(|alarm| alarm.unwrap().alarm_id.unwrap())
        .collect()
        .await;

    assert_eq!(ids, (0..7).map(|i| format!("al{i:020}")).collect::<Vec<_>>());
    let starts: Vec<Option<String>> =
        queried(&server, &["start"]).into_iter().map(|mut q| q.remove(0)).collect();
    assert_eq!(
        starts,
        [None, Some(format!("al{:020}", 2)), Some(format!("al{:020}", 5))],
        "each page starts after the previous page's marker"
    );
}

#[tokio::test]
async fn a_repeated_marker_ends_the_stream_instead_of_looping() {
    // A server that always returns the same page and the same marker.
    let server = TestServer::start(|_, _| {
        Reply::json(
            200,
            r#"{"metric_alarms": [{"alarm_id": "al1"}], "meta_data": {"count": 1, "marker": "al1"}}"#,
        )
    })
    .await;
    let ces = CesClient::new(config(&server)).unwrap();

    let pages: Vec<_> = ces.list_alarms().with_limit(1).pages().collect().await;

    assert_eq!(pages.len(), 2, "the first page, then the one its marker points to; not a third");
    assert_eq!(server.received().len(), 2);
}
