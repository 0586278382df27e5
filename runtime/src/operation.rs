//! The contract every generated operation fulfils.

use bytes::Bytes;

use crate::{BuildError, DecodeError, Validate};

/// One API operation: its request type builds the HTTP request, and [`Operation::decode_response`]
/// turns the HTTP response into the operation's typed response.
///
/// A transport sends what [`Operation::build_request`] returns (after adding the endpoint's scheme and
/// authority and any authentication headers) and hands the answer to [`Operation::decode_response`].
pub trait Operation: Validate {
    /// The typed response: one variant per documented status code.
    type Response;

    /// The operation's name as the API documentation gives it (for example `CreateEvents`).
    const OPERATION_ID: &'static str;

    /// The HTTP method.
    const METHOD: http::Method;

    /// The path template as documented, with `{name}` placeholders for path parameters.
    const PATH_TEMPLATE: &'static str;

    /// Builds the complete request in origin form: method, path and query, headers and body.
    ///
    /// This does not call [`Validate::validate`]; call it first to catch documented constraint
    /// violations before anything is sent.
    fn build_request(&self) -> Result<http::Request<Bytes>, BuildError>;

    /// Decodes a response: a documented status becomes its variant with its typed body; an
    /// undocumented status or a body that does not match its schema becomes a [`DecodeError`]
    /// that keeps the raw status and bytes.
    fn decode_response(response: http::Response<Bytes>) -> Result<Self::Response, DecodeError>;
}

/// A response enum that knows its success responses: what a call returns when the status is 2xx.
///
/// Generated response enums implement it. A client returns [`Outcome::Success`] for a 2xx status and
/// keeps the whole response (with the typed body of a documented error status) in its error.
pub trait Outcome: Sized {
    /// What a successful call returns: the body of the one documented 2xx response (with its
    /// headers, when it documents some; `()` when it documents no body), or an enum of the 2xx
    /// responses when there are several.
    type Success;

    /// The success value of a 2xx response, or the response itself for any other status.
    fn into_success(self) -> Result<Self::Success, Self>;
}

/// A list operation whose results come in pages: where a page's items are, and the request for the
/// next page. Generated for operations documented with `x-huawei-pagination`; the client's `pages`
/// and `items` streams follow it.
pub trait Paginated: Operation + Clone
where
    Self::Response: Outcome,
{
    /// One item of a page.
    type Item;

    /// The items of a page (a copy), in order.
    fn items(page: &<Self::Response as Outcome>::Success) -> Vec<Self::Item>;

    /// The request for the page after `page`, or `None` when `page` is the last: it holds no
    /// items, it is not full, the total is reached, or the server gives no further marker.
    fn next_page(&self, page: &<Self::Response as Outcome>::Success) -> Option<Self>;
}
