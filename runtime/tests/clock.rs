//! Everything time-dependent in `Client::send`, on a `ManualClock`: the signing date, back-off,
//! `Retry-After` dates, the total timeout and the attempt timeout. Time moves only when the clock
//! says so, so these tests are exact and take no real time. Most use a scripted `Transport`; one
//! signs for a real HTTP server on 127.0.0.1 that the test starts.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use bytes::Bytes;
use huaweicloud_api_runtime::client::{
    BoxFuture, Client, Clock, Config, Credentials, Error, ManualClock, RetryPolicy, ServiceInfo,
    Transport, TransportError, TransportErrorKind, signer,
};
use huaweicloud_api_runtime::{BuildError, DecodeError, FieldPath, Operation, Validate, Violation};

const AK: &str = "HPUATESTACCESSKEY000";
const SK: &str = "test-secret-key";
const SERVICE: ServiceInfo = ServiceInfo { name: "PROBE", server: None };

/// 2025-11-22T10:15:30.750Z: in the past, so a test that read the real clock instead would see
/// other dates and other `Retry-After` waits.
fn start() -> SystemTime {
    SystemTime::UNIX_EPOCH + Duration::from_millis(1_763_806_530_750)
}

fn secs(seconds: u64) -> Duration {
    Duration::from_secs(seconds)
}

/// `GET /probe?b=2&a=1`, idempotent, so it is retried; any status decodes to `(status, body)`.
struct Probe;

impl Validate for Probe {
    fn validate_into(&self, _: &FieldPath<'_>, _: &mut Vec<Violation>) {}
}

impl Operation for Probe {
    type Response = (u16, Bytes);
    const OPERATION_ID: &'static str = "Probe";
    const METHOD: http::Method = http::Method::GET;
    const PATH_TEMPLATE: &'static str = "/probe";

    fn build_request(&self) -> Result<http::Request<Bytes>, BuildError> {
        Ok(http::Request::builder().uri("/probe?b=2&a=1").body(Bytes::new())?)
    }

    fn decode_response(response: http::Response<Bytes>) -> Result<(u16, Bytes), DecodeError> {
        Ok((response.status().as_u16(), response.into_body()))
    }
}

/// What the scripted transport does for one attempt.
#[derive(Debug, Clone)]
enum Step {
    /// Answer with this status and headers.
    Answer(u16, Vec<(&'static str, String)>),
    /// Answer after `Duration` has passed on the clock (the exchange "takes" that long).
    Slow(Duration, u16, Vec<(&'static str, String)>),
    /// Never answer.
    Hang,
}

fn status(code: u16) -> Step {
    Step::Answer(code, Vec::new())
}

/// A transport that plays `steps` in order (the last one repeats) and records every request.
#[derive(Debug)]
struct Scripted {
    steps: Vec<Step>,
    clock: ManualClock,
    sent: Mutex<Vec<http::Request<Bytes>>>,
}

impl Scripted {
    fn new(clock: &ManualClock, steps: Vec<Step>) -> Arc<Self> {
        Arc::new(Self { steps, clock: clock.clone(), sent: Mutex::new(Vec::new()) })
    }

    fn sent(&self) -> Vec<http::Request<Bytes>> {
        self.sent.lock().unwrap().clone()
    }

    fn dates(&self) -> Vec<String> {
        self.sent()
            .iter()
            .map(|r| r.headers()[signer::DATE_HEADER].to_str().unwrap().to_owned())
            .collect()
    }
}

impl Transport for Scripted {
    fn send(
        &self,
        request: http::Request<Bytes>,
    ) -> BoxFuture<'_, Result<http::Response<Bytes>, TransportError>> {
        let step = {
            let mut sent = self.sent.lock().unwrap();
            sent.push(request);
            self.steps[(sent.len() - 1).min(self.steps.len() - 1)].clone()
        };
        let answer = |code: u16, headers: Vec<(&'static str, String)>| {
            let mut response = http::Response::builder().status(code);
            for (name, value) in headers {
                response = response.header(name, value);
            }
            Ok(response.body(Bytes::new()).unwrap())
        };
        match step {
            Step::Answer(code, headers) => Box::pin(std::future::ready(answer(code, headers))),
            Step::Slow(takes, code, headers) => {
                self.clock.advance(takes);
                Box::pin(std::future::ready(answer(code, headers)))
            }
            Step::Hang => Box::pin(std::future::pending()),
        }
    }
}

fn config(clock: &ManualClock, retry: RetryPolicy) -> Config {
    let mut config = Config::new("cn-north-4", Credentials::ak_sk(AK, SK))
        .with_endpoint("https://probe.example.com")
        .with_retry(retry)
        .with_clock(Arc::new(clock.clone()));
    config.endpoint_from_env = false;
    config
}

fn client(config: Config, transport: &Arc<Scripted>) -> Client {
    Client::with_transport(SERVICE, config, transport.clone()).unwrap()
}

/// Runs `call` with a real-time guard: with the clock in charge nothing waits, so a regression to
/// real timers fails here instead of hanging the suite.
#[allow(clippy::disallowed_methods)] // The one real timer in these tests: the guard itself.
async fn instantly<F: std::future::Future>(call: F) -> F::Output {
    tokio::time::timeout(secs(10), call).await.expect("the call waited on real time")
}

/// Checks `authorization` is the signature, recomputed here step by step, of `request` at `date`.
fn assert_signed_at(request: &http::Request<Bytes>, date: &str) {
    let headers = request.headers();
    assert_eq!(headers[signer::DATE_HEADER], date);
    let mut covered = headers.clone();
    covered.remove(http::header::AUTHORIZATION);
    let query = signer::query_pairs(request.uri().query().unwrap_or(""));
    let canonical = signer::canonical_request(
        request.method().as_str(),
        request.uri().path(),
        &query,
        &covered,
        request.body(),
    );
    let signature = signer::signature(SK, &signer::string_to_sign(&canonical, date));
    let expected = signer::authorization(AK, &signer::signed_headers(&covered), &signature);
    assert_eq!(headers[http::header::AUTHORIZATION], expected.as_str());
    assert!(canonical.contains("x-sdk-date:") && expected.contains("x-sdk-date"));
}

#[tokio::test]
async fn the_signature_date_is_the_clocks_time() {
    let clock = ManualClock::new(start());
    let transport = Scripted::new(&clock, vec![status(200)]);
    let (code, _) = instantly(client(config(&clock, RetryPolicy::none()), &transport).send(&Probe))
        .await
        .unwrap();
    assert_eq!(code, 200);
    let sent = transport.sent();
    assert_eq!(sent.len(), 1);
    // The sub-second part is dropped: the header has whole seconds.
    assert_signed_at(&sent[0], "20251122T101530Z");
    assert_eq!(clock.waiting(), 0, "the attempt timer ended with the attempt");
    assert!(clock.sleeps().is_empty());

    clock.advance(Duration::from_millis(86_400_250));
    instantly(client(config(&clock, RetryPolicy::none()), &transport).send(&Probe)).await.unwrap();
    assert_signed_at(&transport.sent()[1], "20251123T101531Z");
}

#[tokio::test]
async fn a_call_is_sent_and_signed_when_awaited_not_when_made() {
    let clock = ManualClock::new(start());
    let transport = Scripted::new(&clock, vec![status(200)]);
    let client = client(config(&clock, RetryPolicy::none()), &transport);
    let call = client.send(&Probe);
    clock.advance(secs(90));
    assert!(transport.sent().is_empty(), "nothing is sent before the call is awaited");
    let (code, _) = instantly(call).await.unwrap();
    assert_eq!(code, 200);
    assert_signed_at(&transport.sent()[0], "20251122T101700Z");
}

/// A request as the test server read it off the socket.
struct Received {
    method: String,
    path_and_query: String,
    headers: http::HeaderMap,
}

/// Answers one request on 127.0.0.1 with `200` and an empty body, and returns it.
fn serve_one() -> (String, std::thread::JoinHandle<Received>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let server = std::thread::spawn(move || {
        let (stream, _) = listener.accept().unwrap();
        let mut reader = BufReader::new(stream);
        let mut line = String::new();
        reader.read_line(&mut line).unwrap();
        let mut words = line.split_whitespace();
        let (method, path_and_query) =
            (words.next().unwrap().to_owned(), words.next().unwrap().to_owned());
        let mut headers = http::HeaderMap::new();
        loop {
            let mut line = String::new();
            reader.read_line(&mut line).unwrap();
            let Some((name, value)) = line.trim_end().split_once(':') else { break };
            headers.append(
                http::HeaderName::from_bytes(name.trim().as_bytes()).unwrap(),
                value.trim().parse().unwrap(),
            );
        }
        let length =
            headers.get("content-length").map_or(0, |v| v.to_str().unwrap().parse().unwrap());
        reader.read_exact(&mut vec![0; length]).unwrap();
        let response = "HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
        reader.get_mut().write_all(response.as_bytes()).unwrap();
        Received { method, path_and_query, headers }
    });
    (url, server)
}

#[tokio::test]
async fn a_real_server_receives_the_clocks_date() {
    // A manual clock stands still, so the attempt timeout cannot fire while the socket is read.
    let clock = ManualClock::new(start());
    let (url, server) = serve_one();
    let config = config(&clock, RetryPolicy::none()).with_endpoint(url);
    let (code, _) = instantly(Client::new(SERVICE, config).unwrap().send(&Probe)).await.unwrap();
    assert_eq!(code, 200);
    let received = server.join().unwrap();
    assert_eq!(received.headers[signer::DATE_HEADER], "20251122T101530Z");
    assert_eq!(received.path_and_query, "/probe?a=1&b=2");
    assert!(signer::verify(
        &received.method,
        &received.path_and_query,
        &received.headers,
        b"",
        AK,
        SK
    ));
    assert_eq!((clock.waiting(), clock.monotonic()), (0, Duration::ZERO));
}

#[tokio::test]
async fn backoff_grows_is_capped_and_jittered_without_waiting() {
    let policy = RetryPolicy {
        max_attempts: 4,
        base_delay: Duration::from_millis(100),
        max_delay: Duration::from_millis(150),
        jitter_seed: Some(42),
        ..RetryPolicy::default()
    };
    let run = || async {
        let clock = ManualClock::auto_advance(start());
        let transport =
            Scripted::new(&clock, vec![status(503), status(503), status(503), status(200)]);
        let (code, _) = instantly(client(config(&clock, policy.clone()), &transport).send(&Probe))
            .await
            .unwrap();
        assert_eq!(code, 200);
        (clock, transport)
    };
    let (clock, transport) = run().await;
    let sleeps = clock.sleeps();
    assert_eq!(sleeps.len(), 3, "one wait before each retry, and no attempt timer fired");
    for (next, wait) in (2..).zip(&sleeps) {
        assert!(*wait <= policy.backoff_ceiling(next), "wait {wait:?} before attempt {next}");
    }
    let ceilings: Vec<u128> = (2..5).map(|next| policy.backoff_ceiling(next).as_millis()).collect();
    assert_eq!(ceilings, [100, 150, 150], "doubling, capped at max_delay");
    // The seeded jitter draws one fraction per back-off, in order.
    let mut rng = fastrand::Rng::with_seed(42);
    let expected: Vec<Duration> =
        (2..5).map(|next| policy.delay_with_jitter(next, None, rng.f64())).collect();
    assert_eq!(sleeps, expected);
    assert_eq!(run().await.0.sleeps(), sleeps, "the same seed, the same waits");

    // Each attempt is signed at the time it is sent: after the waits so far.
    assert_eq!(clock.monotonic(), sleeps.iter().sum::<Duration>());
    let mut at = start();
    let mut dates = vec![signer::sdk_date(at)];
    for wait in &sleeps {
        at += *wait;
        dates.push(signer::sdk_date(at));
    }
    assert_eq!(transport.dates(), dates);
    for (request, date) in transport.sent().iter().zip(&dates) {
        assert_signed_at(request, date);
    }
}

#[tokio::test]
async fn retry_after_as_an_http_date_waits_relative_to_the_clock() {
    let clock = ManualClock::auto_advance(start());
    // 6.25 s after the clock's 10:15:30.750 start; the real clock is long past it.
    let later = Step::Answer(503, vec![("Retry-After", "Sat, 22 Nov 2025 10:15:37 GMT".into())]);
    let transport = Scripted::new(&clock, vec![later, status(200)]);
    instantly(client(config(&clock, RetryPolicy::default()), &transport).send(&Probe))
        .await
        .unwrap();
    assert_eq!(clock.sleeps(), [Duration::from_millis(6_250)]);
    assert_eq!(transport.dates(), ["20251122T101530Z", "20251122T101537Z"]);

    // A date already past on the clock means "now": retried without a wait.
    let clock = ManualClock::auto_advance(start());
    let past = Step::Answer(503, vec![("Retry-After", "Sat, 22 Nov 2025 10:15:00 GMT".into())]);
    let transport = Scripted::new(&clock, vec![past, status(200)]);
    instantly(client(config(&clock, RetryPolicy::default()), &transport).send(&Probe))
        .await
        .unwrap();
    assert_eq!((clock.sleeps(), transport.sent().len()), (vec![Duration::ZERO], 2));
}

#[tokio::test]
async fn a_retry_that_would_overrun_the_total_timeout_is_not_attempted() {
    let asks = |seconds: &str| vec![("Retry-After", seconds.to_owned())];
    // A 30 s `Retry-After` does not fit in 10 s: the 503 is the answer.
    let clock = ManualClock::auto_advance(start());
    let transport = Scripted::new(&clock, vec![Step::Answer(503, asks("30")), status(200)]);
    let short = config(&clock, RetryPolicy::default()).with_timeouts(secs(30), secs(10));
    match instantly(client(short, &transport).send(&Probe)).await {
        Err(Error::Status { status, .. }) => assert_eq!(status.as_u16(), 503),
        other => panic!("{other:?}"),
    }
    assert_eq!((transport.sent().len(), clock.sleeps()), (1, vec![]));
    assert_eq!(clock.monotonic(), Duration::ZERO);

    // Each exchange takes 4 s: 4 s + 1 s wait + 4 s = 9 s, and another 1 s wait would reach 10 s.
    let clock = ManualClock::auto_advance(start());
    let transport = Scripted::new(&clock, vec![Step::Slow(secs(4), 503, asks("1"))]);
    let short = config(&clock, RetryPolicy::default()).with_timeouts(secs(30), secs(10));
    match instantly(client(short, &transport).send(&Probe)).await {
        Err(Error::Status { status, .. }) => assert_eq!(status.as_u16(), 503),
        other => panic!("{other:?}"),
    }
    assert_eq!((transport.sent().len(), clock.sleeps()), (2, vec![secs(1)]));
    assert_eq!(clock.monotonic(), secs(9));
    assert_eq!(transport.dates(), ["20251122T101530Z", "20251122T101535Z"]);
}

#[tokio::test]
async fn the_attempt_timeout_fires_on_the_clock() {
    let clock = ManualClock::auto_advance(start());
    let transport = Scripted::new(&clock, vec![Step::Hang]);
    let retry = RetryPolicy { jitter_seed: Some(7), ..RetryPolicy::default() };
    // The defaults: 30 s per attempt, 120 s in all, 3 attempts.
    match instantly(client(config(&clock, retry.clone()), &transport).send(&Probe)).await {
        Err(Error::Transport { attempts: 3, source, .. }) => {
            assert_eq!(source.kind, TransportErrorKind::Timeout);
            assert_eq!(source.message, "no complete response within 30s");
        }
        other => panic!("{other:?}"),
    }
    let mut rng = fastrand::Rng::with_seed(7);
    let (b1, b2) =
        (retry.delay_with_jitter(2, None, rng.f64()), retry.delay_with_jitter(3, None, rng.f64()));
    assert_eq!(clock.sleeps(), [secs(30), b1, secs(30), b2, secs(30)]);
    assert_eq!(clock.monotonic(), secs(90) + b1 + b2);

    // The total budget shortens the last attempt: 30 s, a back-off, then what is left of 45 s.
    let clock = ManualClock::auto_advance(start());
    let transport = Scripted::new(&clock, vec![Step::Hang]);
    let short = config(&clock, retry.clone()).with_timeouts(secs(30), secs(45));
    match instantly(client(short, &transport).send(&Probe)).await {
        Err(Error::Transport { attempts: 2, source, .. }) => {
            assert_eq!(source.kind, TransportErrorKind::Timeout)
        }
        other => panic!("{other:?}"),
    }
    let b1 = retry.delay_with_jitter(2, None, fastrand::Rng::with_seed(7).f64());
    assert_eq!(clock.sleeps(), [secs(30), b1, secs(15) - b1]);
    assert_eq!(clock.monotonic(), secs(45));
}

#[tokio::test]
async fn a_manual_clock_ends_the_attempt_only_when_advanced() {
    let clock = ManualClock::new(start());
    let transport = Scripted::new(&clock, vec![Step::Hang]);
    let client = client(config(&clock, RetryPolicy::none()), &transport);
    let call = tokio::spawn(async move { client.send(&Probe).await });
    while clock.waiting() == 0 {
        tokio::task::yield_now().await;
    }
    clock.advance(secs(29));
    for _ in 0..10 {
        tokio::task::yield_now().await;
    }
    assert!(!call.is_finished(), "29 s is within the 30 s attempt timeout");
    clock.advance(secs(1));
    match instantly(call).await.unwrap() {
        Err(Error::Transport { attempts: 1, source, .. }) => {
            assert_eq!(source.kind, TransportErrorKind::Timeout)
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(clock.sleeps(), [secs(30)]);
}
