//! Decoding responses into typed bodies without losing anything when that fails.

use bytes::Bytes;
use http::StatusCode;
use serde::de::DeserializeOwned;

/// A response that could not be turned into the operation's typed response.
///
/// Both variants keep the raw status and body, so nothing the server said is lost.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum DecodeError {
    /// The server answered with a status the API documentation does not list for this operation.
    #[error("undocumented response status {status}")]
    UndocumentedStatus {
        /// The status the server sent.
        status: StatusCode,
        /// The raw response body.
        body: Bytes,
    },
    /// The status is documented, but the body does not match the documented schema.
    #[error("the body of the {status} response does not match its documented schema")]
    Body {
        /// The status the server sent.
        status: StatusCode,
        /// The raw response body.
        body: Bytes,
        /// Where and why JSON decoding failed.
        #[source]
        source: serde_json::Error,
    },
}

impl DecodeError {
    /// The status the server sent.
    pub fn status(&self) -> StatusCode {
        match self {
            Self::UndocumentedStatus { status, .. } | Self::Body { status, .. } => *status,
        }
    }

    /// The raw response body.
    pub fn body(&self) -> &Bytes {
        match self {
            Self::UndocumentedStatus { body, .. } | Self::Body { body, .. } => body,
        }
    }
}

/// Decodes a JSON body documented for `status`.
pub fn decode_json<T: DeserializeOwned>(status: StatusCode, body: Bytes) -> Result<T, DecodeError> {
    match serde_json::from_slice(&body) {
        Ok(value) => Ok(value),
        Err(source) => Err(DecodeError::Body { status, body, source }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_body_that_does_not_decode_keeps_status_and_bytes() {
        let err = decode_json::<Vec<u32>>(StatusCode::CREATED, Bytes::from_static(b"[1, ")).unwrap_err();
        assert_eq!(err.status(), StatusCode::CREATED);
        assert_eq!(err.body().as_ref(), b"[1, ");
        assert!(matches!(err, DecodeError::Body { .. }));
    }
}
