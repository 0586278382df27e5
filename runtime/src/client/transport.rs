//! The HTTP stack behind a client: a small trait, and its `reqwest` (rustls) implementation.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

use bytes::{Bytes, BytesMut};

/// A boxed, sendable future, as [`Transport::send`] returns.
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// Sends one fully built request (absolute URI, all headers, signed) and reads the whole response.
///
/// Implement this to use another HTTP stack or a test double. Implementations must not retry:
/// the client does that, with its own policy.
pub trait Transport: Send + Sync + fmt::Debug {
    /// Sends `request`.
    fn send(
        &self,
        request: http::Request<Bytes>,
    ) -> BoxFuture<'_, Result<http::Response<Bytes>, TransportError>>;
}

/// What went wrong below HTTP.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum TransportErrorKind {
    /// No connection could be made (refused, DNS, TLS handshake). The request was not sent.
    Connect,
    /// The attempt took longer than its timeout.
    Timeout,
    /// The connection broke while the response was read (for example a truncated body).
    Body,
    /// The response body is larger than the configured limit.
    BodyTooLarge,
    /// Anything else.
    Other,
}

/// A failure to exchange a request and response.
#[derive(Debug, thiserror::Error)]
#[error("{message}")]
pub struct TransportError {
    /// The class of failure, which decides whether it is retried.
    pub kind: TransportErrorKind,
    /// A description.
    pub message: String,
    /// The underlying error.
    #[source]
    pub source: Option<Box<dyn std::error::Error + Send + Sync>>,
}

impl TransportError {
    /// An error of `kind` with a message and no source.
    pub fn new(kind: TransportErrorKind, message: impl Into<String>) -> Self {
        Self { kind, message: message.into(), source: None }
    }

    /// Whether the request certainly never reached the server, or may be retried as such.
    pub fn is_retryable(&self) -> bool {
        matches!(
            self.kind,
            TransportErrorKind::Connect | TransportErrorKind::Timeout | TransportErrorKind::Body
        )
    }
}

/// The default transport: `reqwest` with rustls (no OpenSSL), pooling connections, HTTP/1.1 and
/// HTTP/2.
#[derive(Debug, Clone)]
pub struct ReqwestTransport {
    client: reqwest::Client,
    max_response_bytes: usize,
}

impl ReqwestTransport {
    /// A transport with this connect timeout and response size limit.
    pub fn new(
        connect_timeout: Duration,
        max_response_bytes: usize,
    ) -> Result<Self, reqwest::Error> {
        let client =
            reqwest::Client::builder().connect_timeout(connect_timeout).use_rustls_tls().build()?;
        Ok(Self { client, max_response_bytes })
    }

    async fn exchange(
        &self,
        request: http::Request<Bytes>,
    ) -> Result<http::Response<Bytes>, TransportError> {
        let request = reqwest::Request::try_from(request)
            .map_err(|e| classify(e, TransportErrorKind::Other))?;
        let mut response = self
            .client
            .execute(request)
            .await
            .map_err(|e| classify(e, TransportErrorKind::Other))?;
        let mut builder =
            http::Response::builder().status(response.status()).version(response.version());
        if let Some(headers) = builder.headers_mut() {
            *headers = std::mem::take(response.headers_mut());
        }
        let mut body = BytesMut::new();
        while let Some(chunk) =
            response.chunk().await.map_err(|e| classify(e, TransportErrorKind::Body))?
        {
            if body.len() + chunk.len() > self.max_response_bytes {
                return Err(TransportError::new(
                    TransportErrorKind::BodyTooLarge,
                    format!(
                        "the response body exceeds the limit of {} bytes",
                        self.max_response_bytes
                    ),
                ));
            }
            body.extend_from_slice(&chunk);
        }
        builder.body(body.freeze()).map_err(|e| TransportError {
            kind: TransportErrorKind::Other,
            message: "the response could not be assembled".into(),
            source: Some(Box::new(e)),
        })
    }
}

fn classify(error: reqwest::Error, otherwise: TransportErrorKind) -> TransportError {
    let kind = if error.is_timeout() {
        TransportErrorKind::Timeout
    } else if error.is_connect() {
        TransportErrorKind::Connect
    } else if error.is_body() || error.is_decode() {
        TransportErrorKind::Body
    } else {
        otherwise
    };
    // The message says what failed; the reqwest error, as the source, says why (once).
    let message = match kind {
        TransportErrorKind::Timeout => "timed out",
        TransportErrorKind::Connect => "could not connect",
        TransportErrorKind::Body => "the response broke off",
        _ => "the exchange failed",
    };
    TransportError { kind, message: message.into(), source: Some(Box::new(error)) }
}

impl Transport for ReqwestTransport {
    fn send(
        &self,
        request: http::Request<Bytes>,
    ) -> BoxFuture<'_, Result<http::Response<Bytes>, TransportError>> {
        Box::pin(self.exchange(request))
    }
}
