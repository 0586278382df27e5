//! AK/SK request signing, `SDK-HMAC-SHA256`, computed exactly as the official Huawei Cloud SDKs do.
//!
//! The canonical request is:
//!
//! ```text
//! METHOD \n canonical URI \n canonical query \n canonical headers \n signed headers \n hex(sha256(body))
//! ```
//!
//! - canonical URI: the path percent-decoded, split on `/`, each piece encoded (everything but
//!   unreserved characters), joined with `/`, and ending in `/`;
//! - canonical query: the decoded `(name, value)` pairs sorted, each encoded, joined with `&`; the
//!   request is sent with exactly this query string;
//! - canonical headers: every header whose name has no `_`, name lower-cased, value trimmed, sorted by
//!   name, each as `name:value\n`; the signed headers list those names joined with `;`;
//! - body hash: of the empty string for an empty body, `UNSIGNED-PAYLOAD` for bodies that are neither
//!   JSON nor BSON (announced in `X-Sdk-Content-Sha256`).
//!
//! The string to sign is `SDK-HMAC-SHA256\n{X-Sdk-Date}\n{hex(sha256(canonical request))}`, the
//! signature is `hex(hmac_sha256(sk, string to sign))`, and the header is
//! `Authorization: SDK-HMAC-SHA256 Access={ak}, SignedHeaders={names}, Signature={signature}`.
//! `runtime/tests/signing_vectors.rs` checks all of this against vectors made with the official
//! Python SDK's signer.

use bytes::Bytes;
use hmac::{Hmac, Mac};
use http::header::{HeaderMap, HeaderName, HeaderValue};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, percent_decode_str, utf8_percent_encode};
use sha2::{Digest, Sha256};

/// The algorithm name, as it appears in the string to sign and the `Authorization` header.
pub const ALGORITHM: &str = "SDK-HMAC-SHA256";
/// The header carrying the signing time, `YYYYMMDDTHHMMSSZ` in UTC.
pub const DATE_HEADER: &str = "X-Sdk-Date";
/// The header announcing an unsigned payload.
pub const CONTENT_HASH_HEADER: &str = "X-Sdk-Content-Sha256";
const UNSIGNED_PAYLOAD: &str = "UNSIGNED-PAYLOAD";

/// Everything but unreserved characters (`A-Z a-z 0-9 - . _ ~`) is encoded.
const UNRESERVED: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

fn encode(text: &str) -> String {
    utf8_percent_encode(text, UNRESERVED).to_string()
}

/// The canonical URI of a path as sent (percent-encoded).
pub fn canonical_uri(path: &str) -> String {
    let decoded = percent_decode_str(path).decode_utf8_lossy();
    let mut uri = decoded.split('/').map(encode).collect::<Vec<_>>().join("/");
    if !uri.ends_with('/') {
        uri.push('/');
    }
    uri
}

/// Decodes a query string (`a=1&b=%20`) into its pairs. `+` is not a space here: the signer encodes
/// spaces as `%20`.
pub fn query_pairs(query: &str) -> Vec<(String, String)> {
    query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            (
                percent_decode_str(name).decode_utf8_lossy().into_owned(),
                percent_decode_str(value).decode_utf8_lossy().into_owned(),
            )
        })
        .collect()
}

/// The canonical query string of decoded pairs; also the query the request is sent with.
pub fn canonical_query(pairs: &[(String, String)]) -> String {
    let mut sorted: Vec<&(String, String)> = pairs.iter().collect();
    sorted.sort();
    sorted
        .iter()
        .map(|(name, value)| format!("{}={}", encode(name), encode(value)))
        .collect::<Vec<_>>()
        .join("&")
}

/// The signed header names: every header without `_` in its name, lower-cased and sorted.
pub fn signed_headers(headers: &HeaderMap) -> Vec<String> {
    let mut names: Vec<String> = headers
        .keys()
        .map(HeaderName::as_str)
        .filter(|n| !n.contains('_'))
        .map(str::to_owned)
        .collect();
    names.sort();
    names.dedup();
    names
}

fn header_text(headers: &HeaderMap, name: &str) -> String {
    // With several values the last one counts, as when the SDK overwrites a header.
    headers
        .get_all(name)
        .iter()
        .next_back()
        .map(|v| String::from_utf8_lossy(v.as_bytes()).trim().to_owned())
        .unwrap_or_default()
}

/// The hex SHA-256 of the payload as the signature covers it.
pub fn payload_hash(headers: &HeaderMap, body: &[u8]) -> String {
    if body.is_empty() {
        return hex::encode(Sha256::digest(b""));
    }
    match headers.get(CONTENT_HASH_HEADER) {
        Some(value) => String::from_utf8_lossy(value.as_bytes()).into_owned(),
        None => hex::encode(Sha256::digest(body)),
    }
}

/// The canonical request.
pub fn canonical_request(
    method: &str,
    path: &str,
    query: &[(String, String)],
    headers: &HeaderMap,
    body: &[u8],
) -> String {
    let signed = signed_headers(headers);
    let canonical_headers: String =
        signed.iter().map(|name| format!("{name}:{}\n", header_text(headers, name))).collect();
    format!(
        "{}\n{}\n{}\n{}\n{}\n{}",
        method.to_ascii_uppercase(),
        canonical_uri(path),
        canonical_query(query),
        canonical_headers,
        signed.join(";"),
        payload_hash(headers, body)
    )
}

/// The string to sign for a canonical request at `date` (`YYYYMMDDTHHMMSSZ`).
pub fn string_to_sign(canonical_request: &str, date: &str) -> String {
    format!("{ALGORITHM}\n{date}\n{}", hex::encode(Sha256::digest(canonical_request.as_bytes())))
}

/// The hex HMAC-SHA256 of the string to sign under the secret key.
pub fn signature(secret_key: &str, string_to_sign: &str) -> String {
    // HMAC accepts keys of any length, so this cannot fail.
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(secret_key.as_bytes())
        .unwrap_or_else(|_| unreachable!("HMAC takes any key length"));
    mac.update(string_to_sign.as_bytes());
    hex::encode(mac.finalize().into_bytes())
}

/// The `Authorization` header value.
pub fn authorization(access_key: &str, signed_headers: &[String], signature: &str) -> String {
    format!(
        "{ALGORITHM} Access={access_key}, SignedHeaders={}, Signature={signature}",
        signed_headers.join(";")
    )
}

/// `at` in UTC as `YYYYMMDDTHHMMSSZ`, the format of `X-Sdk-Date`; the client passes its clock's
/// time ([`Clock::now`](super::Clock::now)).
///
/// The format has room for the years 1970 to 9999 only (earlier is a broken clock): times outside
/// are clamped to that range rather than a panic.
pub fn sdk_date(at: std::time::SystemTime) -> String {
    const LAST: i64 = 253_402_300_799; // 9999-12-31T23:59:59Z
    let seconds = at
        .duration_since(std::time::SystemTime::UNIX_EPOCH)
        .map_or(0, |since| i64::try_from(since.as_secs()).unwrap_or(LAST).min(LAST));
    let at = time::OffsetDateTime::from_unix_timestamp(seconds)
        .unwrap_or(time::OffsetDateTime::UNIX_EPOCH);
    format!(
        "{:04}{:02}{:02}T{:02}{:02}{:02}Z",
        at.year(),
        u8::from(at.month()),
        at.day(),
        at.hour(),
        at.minute(),
        at.second()
    )
}

/// Why a request could not be signed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SignError {
    /// The request has no `X-Sdk-Date` or `Host` header.
    #[error("the request has no `{0}` header to sign")]
    MissingHeader(&'static str),
    /// The canonical URI could not be set on the request.
    #[error("the request URI could not be rebuilt with the canonical query")]
    Uri(#[from] http::Error),
    /// A header value the `http` crate rejects.
    #[error("a signing header value is invalid")]
    HeaderValue(#[from] http::header::InvalidHeaderValue),
}

/// Signs a request in place: adds `X-Sdk-Content-Sha256` for non-JSON bodies, rewrites the query to
/// its canonical form, and sets `Authorization`. The request must already carry `Host` and
/// `X-Sdk-Date` (and any other header to be signed).
pub fn sign(
    request: &mut http::Request<Bytes>,
    access_key: &str,
    secret_key: &str,
) -> Result<(), SignError> {
    let date = request.headers().get(DATE_HEADER).ok_or(SignError::MissingHeader(DATE_HEADER))?;
    let date = String::from_utf8_lossy(date.as_bytes()).into_owned();
    if !request.headers().contains_key(http::header::HOST) {
        return Err(SignError::MissingHeader("Host"));
    }
    let unsigned = request.headers().get(http::header::CONTENT_TYPE).is_some_and(|t| {
        let t = t.as_bytes();
        !t.starts_with(b"application/json") && !t.starts_with(b"application/bson")
    });
    if unsigned {
        request
            .headers_mut()
            .insert(CONTENT_HASH_HEADER, HeaderValue::from_static(UNSIGNED_PAYLOAD));
    }
    let pairs = query_pairs(request.uri().query().unwrap_or(""));
    let query = canonical_query(&pairs);
    let path = request.uri().path().to_owned();
    let mut parts = request.uri().clone().into_parts();
    let path_and_query = if query.is_empty() { path.clone() } else { format!("{path}?{query}") };
    parts.path_and_query = Some(path_and_query.parse().map_err(http::Error::from)?);
    *request.uri_mut() = http::Uri::from_parts(parts).map_err(http::Error::from)?;

    let canonical = canonical_request(
        request.method().as_str(),
        &path,
        &pairs,
        request.headers(),
        request.body(),
    );
    let signature = signature(secret_key, &string_to_sign(&canonical, &date));
    let value = authorization(access_key, &signed_headers(request.headers()), &signature);
    request.headers_mut().insert(http::header::AUTHORIZATION, HeaderValue::from_str(&value)?);
    Ok(())
}

/// Checks an `Authorization` header the way a server would: recomputes the signature over the
/// headers it names. Used by tests that play the server.
pub fn verify(
    method: &str,
    path_and_query: &str,
    headers: &HeaderMap,
    body: &[u8],
    access_key: &str,
    secret_key: &str,
) -> bool {
    let Some(auth) = headers.get(http::header::AUTHORIZATION).and_then(|v| v.to_str().ok()) else {
        return false;
    };
    let Some(rest) = auth.strip_prefix(&format!("{ALGORITHM} ")) else { return false };
    let mut fields = rest.split(", ");
    let (Some(access), Some(signed), Some(given), None) =
        (fields.next(), fields.next(), fields.next(), fields.next())
    else {
        return false;
    };
    let (Some(access), Some(signed), Some(given)) = (
        access.strip_prefix("Access="),
        signed.strip_prefix("SignedHeaders="),
        given.strip_prefix("Signature="),
    ) else {
        return false;
    };
    let mut covered = HeaderMap::new();
    for name in signed.split(';') {
        let Ok(name) = HeaderName::from_bytes(name.as_bytes()) else { return false };
        let Some(value) = headers.get(&name) else { return false };
        covered.insert(name, value.clone());
    }
    let Some(date) =
        headers.get(DATE_HEADER).map(|d| String::from_utf8_lossy(d.as_bytes()).into_owned())
    else {
        return false;
    };
    let (path, query) = path_and_query.split_once('?').unwrap_or((path_and_query, ""));
    let canonical = canonical_request(method, path, &query_pairs(query), &covered, body);
    access == access_key && signature(secret_key, &string_to_sign(&canonical, &date)) == given
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_have_the_basic_format_in_utc() {
        use std::time::{Duration, SystemTime};
        let at = |seconds: u64| SystemTime::UNIX_EPOCH + Duration::from_secs(seconds);
        // 2025-11-22T10:15:30Z, and the sub-second part is dropped, not rounded.
        assert_eq!(sdk_date(at(1_763_806_530) + Duration::from_millis(999)), "20251122T101530Z");
        assert_eq!(sdk_date(at(951_782_400)), "20000229T000000Z", "a leap day");
        assert_eq!(sdk_date(at(0)), "19700101T000000Z");
        assert_eq!(sdk_date(SystemTime::UNIX_EPOCH - Duration::from_secs(1)), "19700101T000000Z");
        assert_eq!(sdk_date(at(253_402_300_799)), "99991231T235959Z");
        assert_eq!(sdk_date(at(400_000_000_000)), "99991231T235959Z", "clamped, no panic");
    }

    #[test]
    fn a_signed_request_verifies_and_a_tampered_one_does_not() {
        let mut request = http::Request::builder()
            .method("PUT")
            .uri("https://vpcep.example.com/v1/p/x?b=2&a=1")
            .header("Host", "vpcep.example.com")
            .header(DATE_HEADER, "20261122T101530Z")
            .header("Content-Type", "application/json")
            .body(Bytes::from_static(b"{}"))
            .unwrap();
        sign(&mut request, "AK", "SK").unwrap();
        assert_eq!(request.uri().query(), Some("a=1&b=2"), "the canonical query is what is sent");
        let pq = request.uri().path_and_query().unwrap().as_str().to_owned();
        assert!(verify("PUT", &pq, request.headers(), b"{}", "AK", "SK"));
        assert!(!verify("PUT", &pq, request.headers(), b"{ }", "AK", "SK"));
        assert!(!verify("PUT", &pq, request.headers(), b"{}", "AK", "other"));
        assert!(!verify("POST", &pq, request.headers(), b"{}", "AK", "SK"));
    }
}
