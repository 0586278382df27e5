//! Support code shared by every generated Huawei Cloud API module.
//!
//! The generated crate (`huaweicloud-api`) and any crate written by the code generator depend on this
//! crate instead of carrying their own copy of these helpers, so that generated files stay short:
//!
//! - [`validate`]: the [`Validate`] trait and the checks behind every documented constraint.
//! - [`request`]: building an `http::Request` safely (path segments, header values, JSON bodies).
//! - [`response`]: decoding an `http::Response` into typed bodies, keeping the raw bytes on failure.
//! - [`operation`]: the [`Operation`] trait that ties a request type to its response type.
//! - `client` (feature `client`, on by default): sending operations with AK/SK signing, endpoints,
//!   retries and typed errors.

pub mod base64;
#[cfg(feature = "client")]
pub mod client;
pub mod multipart;
pub mod nullable;
pub mod operation;
pub mod request;
pub mod response;
pub mod validate;

pub use base64::Base64;
pub use multipart::Multipart;
pub use operation::{Operation, Outcome, Paginated};
pub use request::{
    BuildError, FormStyle, ObjectStyle, append_query, append_query_deep_object,
    append_query_object, append_query_reserved, append_query_value, cookie_pair, form_body,
    form_body_with, header_value, json_body, json_text, path_list, path_segment, scalar_value_text,
};
pub use response::{
    DecodeError, HeaderError, HeaderText, decode_headers, decode_json, header, required_header,
};
pub use validate::{FieldPath, Format, Pattern, Rule, Validate, ValidationError, Violation};
