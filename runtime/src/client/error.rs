//! The one error type of a call, telling apart what the caller can act on differently.

use bytes::Bytes;
use http::StatusCode;

use super::credentials::ConfigError;
use super::transport::TransportError;
use crate::{BuildError, ValidationError};

/// Why a call of operation `operation` did not return a success response.
///
/// `R` is the operation's response enum: a documented error status keeps its typed body in it.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error<R> {
    /// The client is not configured for this call (for example, no project ID).
    #[error("{operation}: the client is not configured for this call")]
    Config {
        /// The operationId.
        operation: &'static str,
        /// What is missing.
        #[source]
        source: ConfigError,
    },
    /// The request breaks documented constraints; nothing was sent. The violations of values the
    /// client filled in (the configured project ID) say so.
    #[error("{operation}: invalid request, nothing was sent")]
    InvalidRequest {
        /// The operationId.
        operation: &'static str,
        /// Every violation.
        #[source]
        source: ValidationError,
    },
    /// The request could not be built or signed (a header value with CR/LF, an unusable path
    /// parameter); nothing was sent.
    #[error("{operation}: the request could not be built, nothing was sent")]
    Build {
        /// The operationId.
        operation: &'static str,
        /// Why.
        #[source]
        source: BuildError,
    },
    /// Connecting, sending or receiving failed (after any retries).
    #[error("{operation}: no response after {attempts} attempt(s)")]
    Transport {
        /// The operationId.
        operation: &'static str,
        /// How many attempts were made.
        attempts: u32,
        /// The last failure.
        #[source]
        source: TransportError,
    },
    /// The server answered with a documented error status.
    #[error("{operation}: {status}{}{}", error_code.as_ref().map(|c| format!(" {c}")).unwrap_or_default(), error_msg.as_ref().map(|m| format!(": {m}")).unwrap_or_default())]
    Status {
        /// The operationId.
        operation: &'static str,
        /// The status.
        status: StatusCode,
        /// The `X-Request-Id` response header, for support requests.
        request_id: Option<String>,
        /// The error code found in the body (`error_code`, `errorCode` or `code`).
        error_code: Option<String>,
        /// The error message found in the body (`error_msg`, `errorMsg` or `message`).
        error_msg: Option<String>,
        /// The decoded response, with its typed body.
        response: R,
    },
    /// The server answered with a status the documentation does not list.
    #[error("{operation}: undocumented status {status}")]
    UndocumentedStatus {
        /// The operationId.
        operation: &'static str,
        /// The status.
        status: StatusCode,
        /// The `X-Request-Id` response header.
        request_id: Option<String>,
        /// The raw body.
        body: Bytes,
    },
    /// The status is documented, but the body does not match its schema.
    #[error("{operation}: the {status} response body does not match its schema")]
    Decode {
        /// The operationId.
        operation: &'static str,
        /// The status.
        status: StatusCode,
        /// The `X-Request-Id` response header.
        request_id: Option<String>,
        /// The raw body.
        body: Bytes,
        /// Where decoding failed.
        #[source]
        source: serde_json::Error,
    },
    /// The status is documented, but one of its documented headers is missing or does not match
    /// its schema.
    #[error("{operation}: a header of the {status} response does not match its documentation")]
    Header {
        /// The operationId.
        operation: &'static str,
        /// The status.
        status: StatusCode,
        /// The `X-Request-Id` response header.
        request_id: Option<String>,
        /// The raw body.
        body: Bytes,
        /// Which header, and what is wrong with it.
        #[source]
        source: crate::HeaderError,
    },
}

impl<R> Error<R> {
    /// The operationId of the failed call.
    pub fn operation(&self) -> &'static str {
        match self {
            Self::Config { operation, .. }
            | Self::InvalidRequest { operation, .. }
            | Self::Build { operation, .. }
            | Self::Transport { operation, .. }
            | Self::Status { operation, .. }
            | Self::UndocumentedStatus { operation, .. }
            | Self::Decode { operation, .. }
            | Self::Header { operation, .. } => operation,
        }
    }

    /// The HTTP status, when the server answered.
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            Self::Status { status, .. }
            | Self::UndocumentedStatus { status, .. }
            | Self::Decode { status, .. }
            | Self::Header { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// The `X-Request-Id` of the response, when the server answered with one.
    pub fn request_id(&self) -> Option<&str> {
        match self {
            Self::Status { request_id, .. }
            | Self::UndocumentedStatus { request_id, .. }
            | Self::Decode { request_id, .. }
            | Self::Header { request_id, .. } => request_id.as_deref(),
            _ => None,
        }
    }
}

/// The error code and message in an error body, looked up as the official SDKs do: `error_code` and
/// `error_msg`, else `errorCode` and `errorMsg`, else `code` and `message`, at the top level or,
/// failing that, in nested objects (such as `{"error": {...}}`).
pub fn error_fields(body: &[u8]) -> (Option<String>, Option<String>) {
    let Ok(serde_json::Value::Object(object)) = serde_json::from_slice::<serde_json::Value>(body)
    else {
        return (None, None);
    };
    find_fields(&object).unwrap_or((None, None))
}

fn find_fields(
    object: &serde_json::Map<String, serde_json::Value>,
) -> Option<(Option<String>, Option<String>)> {
    let text = |v: &serde_json::Value| match v {
        serde_json::Value::String(s) => Some(s.clone()),
        serde_json::Value::Null => None,
        other => Some(other.to_string()),
    };
    for (code, message) in
        [("error_code", "error_msg"), ("errorCode", "errorMsg"), ("code", "message")]
    {
        if let (Some(c), Some(m)) = (object.get(code), object.get(message)) {
            return Some((text(c), text(m)));
        }
    }
    object.values().filter_map(|v| v.as_object()).find_map(find_fields)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_fields_follow_the_sdk_lookup_order() {
        let csms = br#"{"error":{"error_code":"CSMS.0001","error_msg":"bad"}}"#;
        assert_eq!(error_fields(csms), (Some("CSMS.0001".into()), Some("bad".into())));
        let vpcep = br#"{"error":{"message":"not found","code":"EndPoint.0005"}}"#;
        assert_eq!(error_fields(vpcep), (Some("EndPoint.0005".into()), Some("not found".into())));
        let top = br#"{"errorCode":"E1","errorMsg":"m","code":"C","message":"M"}"#;
        assert_eq!(error_fields(top), (Some("E1".into()), Some("m".into())));
        assert_eq!(error_fields(b"<html>"), (None, None));
        assert_eq!(error_fields(b"[1]"), (None, None));
    }
}
