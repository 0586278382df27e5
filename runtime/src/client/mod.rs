//! Sending operations to Huawei Cloud: configuration, credentials, AK/SK signing, endpoints, a
//! pluggable transport, retries with back-off, timeouts, typed errors and `tracing` spans. Time is
//! read and waited on only through a [`Clock`], which tests replace with a [`ManualClock`].

mod attempts;
mod clock;
mod config;
mod credentials;
mod error;
mod retry;
pub mod signer;
mod transport;

use std::future::Future;
use std::sync::{Arc, Mutex};

use bytes::Bytes;

pub use clock::{Clock, ManualClock, SystemClock};
pub use config::{Config, ENV_ENDPOINT_PREFIX, ENV_REGION, Endpoint, ServiceInfo};
pub use credentials::{
    ConfigError, Credentials, ENV_AK, ENV_PROJECT_ID, ENV_SECURITY_TOKEN, ENV_SK, Secret,
};
pub use error::{Error, error_fields};
pub use retry::{RetryPolicy, is_idempotent, is_retryable_status, retry_after};
pub use transport::{BoxFuture, ReqwestTransport, Transport, TransportError, TransportErrorKind};

use crate::{DecodeError, Operation, Outcome, Paginated};

/// The streams of pages and items are `futures` streams; `StreamExt::next` iterates them.
pub use futures_util::stream::BoxStream;
pub use futures_util::{Stream, StreamExt};

/// What a call of operation `O` ends with: its success value ([`Outcome::Success`]) or an [`Error`].
pub type CallResult<O> =
    Result<<<O as Operation>::Response as Outcome>::Success, Error<<O as Operation>::Response>>;

/// The header parameter the client fills from token credentials (and drops for AK/SK).
pub const AUTH_TOKEN_HEADER: &str = "X-Auth-Token";

/// A member of a request the client fills in rather than the caller, named by its Rust field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Filled {
    /// The configured project ID (`Credentials::with_project_id`, `HUAWEICLOUD_SDK_PROJECT_ID`).
    ProjectId(&'static str),
    /// The token of token credentials, added when the request is signed (AK/SK requests carry
    /// none), so its documented constraints are not checked on the request value.
    AuthToken(&'static str),
}

impl Filled {
    fn field(self) -> &'static str {
        match self {
            Filled::ProjectId(field) | Filled::AuthToken(field) => field,
        }
    }

    /// The violations left once those of filled values are marked (project ID) or dropped (token);
    /// `None` when nothing is left.
    fn apply(
        filled: &[Filled],
        mut error: crate::ValidationError,
    ) -> Option<crate::ValidationError> {
        let filled_as = |path: &str| {
            let top = path.split(['.', '[']).next().unwrap_or_default();
            filled.iter().copied().find(|f| f.field() == top)
        };
        error.violations.retain(|v| !matches!(filled_as(&v.path), Some(Filled::AuthToken(_))));
        for violation in &mut error.violations {
            if let Some(Filled::ProjectId(_)) = filled_as(&violation.path) {
                violation.configured = Some("configured project ID");
            }
        }
        (!error.violations.is_empty()).then_some(error)
    }
}

/// A client for one service. Cheap to clone; clones share the connection pool. `Send + Sync`.
#[derive(Debug, Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    service: ServiceInfo,
    config: Config,
    endpoint: Endpoint,
    transport: Arc<dyn Transport>,
    /// The back-off jitter's random source, seeded from `RetryPolicy::jitter_seed`.
    jitter: Mutex<fastrand::Rng>,
}

impl Client {
    /// A client for `service` with the default `reqwest` transport. The endpoint may come from
    /// `HUAWEICLOUD_SDK_REGION_{SERVICE}_{REGION}` (see [`Config::endpoint_for`]).
    pub fn new(service: ServiceInfo, config: Config) -> Result<Self, ConfigError> {
        let transport = ReqwestTransport::new(config.connect_timeout, config.max_response_bytes)
            .map_err(|e| ConfigError::Transport(e.to_string()))?;
        Self::with_transport(service, config, Arc::new(transport))
    }

    /// A client that sends through `transport`.
    pub fn with_transport(
        service: ServiceInfo,
        config: Config,
        transport: Arc<dyn Transport>,
    ) -> Result<Self, ConfigError> {
        let endpoint = config.endpoint_for(&service, |name| std::env::var(name).ok())?;
        let jitter = Mutex::new(
            config.retry.jitter_seed.map_or_else(fastrand::Rng::new, fastrand::Rng::with_seed),
        );
        Ok(Self { inner: Arc::new(Inner { service, config, endpoint, transport, jitter }) })
    }

    /// The configuration.
    pub fn config(&self) -> &Config {
        &self.inner.config
    }

    /// The endpoint requests go to.
    pub fn endpoint(&self) -> &Endpoint {
        &self.inner.endpoint
    }

    /// The configured project ID, for operations whose path has `{project_id}`.
    pub fn project_id(&self) -> Result<String, ConfigError> {
        self.inner
            .config
            .credentials
            .project_id()
            .map(str::to_owned)
            .ok_or(ConfigError::MissingProjectId)
    }

    /// Sends a request that was prepared with values from the configuration (the project ID), as
    /// [`Client::call`] does: a preparation that failed is [`Error::Config`].
    pub fn call_prepared<O>(
        &self,
        prepared: Result<O, ConfigError>,
        filled: &[Filled],
    ) -> impl Future<Output = CallResult<O>>
    where
        O: Operation,
        O::Response: Outcome,
    {
        let built = prepared
            .map_err(|source| Error::Config { operation: O::OPERATION_ID, source })
            .and_then(|request| checked_build(&request, filled));
        self.exchange::<O, _>(built, Outcome::into_success)
    }

    /// Validates, builds, signs and sends `request`, retrying as configured, and decodes the answer.
    ///
    /// A 2xx documented status is `Ok` with the whole response enum; a documented error status is
    /// [`Error::Status`] with the typed response; everything else is the matching [`Error`]
    /// variant. Generated clients use [`Client::call`], which returns the success value alone.
    ///
    /// The signing date, `Retry-After` dates, back-off sleeps and both timeouts use
    /// [`Config::clock`]. The request is checked and built when this is called; nothing is sent,
    /// and the clock is not read, before the future is awaited.
    pub fn send<O: Operation>(
        &self,
        request: &O,
    ) -> impl Future<Output = Result<O::Response, Error<O::Response>>> {
        self.exchange::<O, _>(checked_build(request, &[]), Ok)
    }

    /// Like [`Client::send`], but a 2xx response is returned as its success value
    /// ([`Outcome::Success`]), and the values the client fills in (`filled`) are told apart from the
    /// caller's: a violated constraint on the configured project ID says so, and the token field is
    /// not checked here (it is added, or left out for AK/SK, when the request is signed).
    pub fn call<O>(&self, request: &O, filled: &[Filled]) -> impl Future<Output = CallResult<O>>
    where
        O: Operation,
        O::Response: Outcome,
    {
        self.exchange::<O, _>(checked_build(request, filled), Outcome::into_success)
    }

    /// Every page of a paged operation, from `first` on: each page is requested once the previous
    /// one has been consumed, and the stream ends after the last page or the first error (a
    /// `first` that is already an error, such as a missing project ID, is that error).
    pub fn pages<'c, O>(
        &'c self,
        first: Result<O, ConfigError>,
        filled: &'static [Filled],
    ) -> BoxStream<'c, CallResult<O>>
    where
        O: Paginated + Send + Sync + 'c,
        O::Response: Outcome + Send,
        <O::Response as Outcome>::Success: Send,
    {
        let first = first.map_err(|source| Error::Config { operation: O::OPERATION_ID, source });
        let pages = futures_util::stream::unfold(Some(first), move |state| async move {
            let request = match state? {
                Ok(request) => request,
                Err(error) => return Some((Err(error), None)),
            };
            match self.call(&request, filled).await {
                Ok(page) => {
                    let next = request.next_page(&page).map(Ok);
                    Some((Ok(page), next))
                }
                Err(error) => Some((Err(error), None)),
            }
        });
        Box::pin(pages)
    }

    /// Every item of a paged operation, page after page (see [`Client::pages`]).
    pub fn items<'c, O>(
        &'c self,
        first: Result<O, ConfigError>,
        filled: &'static [Filled],
    ) -> BoxStream<'c, Result<O::Item, Error<O::Response>>>
    where
        O: Paginated + Send + Sync + 'c,
        O::Item: Send,
        O::Response: Outcome + Send,
        <O::Response as Outcome>::Success: Send,
    {
        let items = self.pages(first, filled).flat_map(|page| {
            let items: Vec<Result<O::Item, Error<O::Response>>> = match page {
                Ok(page) => O::items(&page).into_iter().map(Ok).collect(),
                Err(error) => vec![Err(error)],
            };
            futures_util::stream::iter(items)
        });
        Box::pin(items)
    }

    /// Sends `built` and decodes the answer. With [`checked_build`] and [`finish`], this is what
    /// a generated crate compiles once per operation: the attempts themselves are not generic.
    async fn exchange<O: Operation, T>(
        &self,
        built: Result<http::Request<Bytes>, Error<O::Response>>,
        success: fn(O::Response) -> Result<T, O::Response>,
    ) -> Result<T, Error<O::Response>> {
        let operation = O::OPERATION_ID;
        let answer = self.answer(operation, &O::METHOD, built?).await;
        finish::<O, T>(answer.map_err(|unanswered| unanswered.into_error(operation))?, success)
    }
}

/// The request `request` makes, once its values pass their documented constraints (those of the
/// values the client fills in are told apart, see [`Filled`]).
fn checked_build<O: Operation>(
    request: &O,
    filled: &[Filled],
) -> Result<http::Request<Bytes>, Error<O::Response>> {
    let operation = O::OPERATION_ID;
    if let Some(source) = request.validate().err().and_then(|e| Filled::apply(filled, e)) {
        return Err(Error::InvalidRequest { operation, source });
    }
    request.build_request().map_err(|source| Error::Build { operation, source })
}

fn request_id(headers: &http::HeaderMap) -> Option<String> {
    headers.get("x-request-id").and_then(|v| v.to_str().ok()).map(str::to_owned)
}

/// Decodes a response: a 2xx status becomes what `success` makes of it; a documented error status
/// (or a 2xx that `success` does not take, such as one only a `default` response documents) is
/// [`Error::Status`].
fn finish<O: Operation, T>(
    response: http::Response<Bytes>,
    success: fn(O::Response) -> Result<T, O::Response>,
) -> Result<T, Error<O::Response>> {
    let operation = O::OPERATION_ID;
    let status = response.status();
    let request_id = request_id(response.headers());
    let body = response.body().clone();
    let decoded = match O::decode_response(response) {
        Ok(decoded) => decoded,
        Err(DecodeError::UndocumentedStatus { status, body }) => {
            return Err(Error::UndocumentedStatus { operation, status, request_id, body });
        }
        Err(DecodeError::Body { status, body, source }) => {
            return Err(Error::Decode { operation, status, request_id, body, source });
        }
        Err(DecodeError::Header { status, body, source }) => {
            return Err(Error::Header { operation, status, request_id, body, source });
        }
    };
    let response = if status.is_success() {
        match success(decoded) {
            Ok(value) => return Ok(value),
            Err(response) => response,
        }
    } else {
        decoded
    };
    let (error_code, error_msg) = error_fields(&body);
    Err(Error::Status { operation, status, request_id, error_code, error_msg, response })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{HeaderError, HeaderText, decode_headers, required_header};

    /// An operation whose 200 response requires an `X-Total` header.
    struct Counted;

    impl crate::Validate for Counted {
        fn validate_into(&self, _: &crate::FieldPath<'_>, _: &mut Vec<crate::Violation>) {}
    }

    impl Operation for Counted {
        type Response = u64;
        const OPERATION_ID: &'static str = "Counted";
        const METHOD: http::Method = http::Method::GET;
        const PATH_TEMPLATE: &'static str = "/count";

        fn build_request(&self) -> Result<http::Request<Bytes>, crate::BuildError> {
            Ok(http::Request::new(Bytes::new()))
        }

        fn decode_response(response: http::Response<Bytes>) -> Result<u64, DecodeError> {
            let (parts, body) = response.into_parts();
            decode_headers(&parts, &body, |headers| {
                required_header(headers, "X-Total", HeaderText::Scalar)
            })
        }
    }

    #[test]
    fn a_bad_documented_header_is_a_header_error_with_the_response() {
        let response = http::Response::builder()
            .status(200)
            .header("x-request-id", "r9")
            .body(Bytes::from_static(b"[]"))
            .unwrap();
        match finish::<Counted, _>(response, Ok) {
            Err(Error::Header {
                operation: "Counted",
                status,
                request_id,
                body,
                source: HeaderError::Missing { name: "X-Total" },
            }) => {
                assert_eq!(
                    (status.as_u16(), request_id.as_deref(), body.as_ref()),
                    (200, Some("r9"), &b"[]"[..])
                );
            }
            other => panic!("{other:?}"),
        }
        let good = http::Response::builder()
            .status(200)
            .header("x-total", "3")
            .body(Bytes::new())
            .unwrap();
        assert_eq!(finish::<Counted, _>(good, Ok).unwrap(), 3);
    }
}
