//! The canonical request: the exact text both sides hash, built from the request's pieces the way
//! `huaweicloudsdkcore`'s `Signer` builds it.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, percent_decode_str, utf8_percent_encode};
use sha2::{Digest, Sha256};

use crate::http_request::{HttpRequest, QueryValue};

/// Header carrying the payload hash (or `UNSIGNED-PAYLOAD`) when the body is not signed.
pub(crate) const CONTENT_SHA256_HEADER: &str = "X-Sdk-Content-Sha256";
/// Value of [`CONTENT_SHA256_HEADER`] for bodies that are not JSON/BSON.
pub(crate) const UNSIGNED_PAYLOAD: &str = "UNSIGNED-PAYLOAD";
/// SHA-256 of the empty string: the payload hash of a request without a body.
pub(crate) const EMPTY_PAYLOAD_SHA256: &str =
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

/// Python's `quote(s, safe='~')`: everything but ASCII letters, digits and `_.-~` is escaped.
const ESCAPED: &AsciiSet = &NON_ALPHANUMERIC.remove(b'_').remove(b'.').remove(b'-').remove(b'~');

/// Percent-encodes `text` (as UTF-8) with upper-case hex, leaving `A-Za-z0-9_.-~` alone.
pub(crate) fn encode(text: &str) -> String {
    utf8_percent_encode(text, ESCAPED).to_string()
}

/// Lower-case hex SHA-256 of `data`.
pub(crate) fn sha256_hex(data: &[u8]) -> String {
    hex::encode(Sha256::digest(data))
}

/// The canonical URI: each `/`-separated segment of the decoded path re-encoded, with a trailing
/// `/` always present (the official signer adds one even when the wire path has none).
///
/// Decoding is lossy like Python's `unquote` (bad UTF-8 becomes U+FFFD). An empty path, which the
/// official signer cannot handle, is treated as `/`.
pub(crate) fn canonical_uri(resource_path: &str) -> String {
    let decoded = percent_decode_str(resource_path).decode_utf8_lossy();
    let mut uri = decoded.split('/').map(encode).collect::<Vec<_>>().join("/");
    if !uri.ends_with('/') {
        uri.push('/');
    }
    uri
}

/// The canonical query string, which is also the query string sent on the wire.
///
/// Every value becomes its own `key=value` pair (lists as repeated keys, as the official client
/// sends them); pairs are sorted by key, then value, and both are percent-encoded.
pub(crate) fn canonical_query(query: &[(String, QueryValue)]) -> String {
    let mut pairs: Vec<(&str, &str)> = Vec::new();
    for (key, value) in query {
        match value {
            QueryValue::Single(value) => pairs.push((key, value)),
            QueryValue::List(values) => {
                pairs.extend(values.iter().map(|value| (key.as_str(), value.as_str())))
            }
        }
    }
    pairs.sort_unstable();
    pairs
        .iter()
        .map(|(key, value)| format!("{}={}", encode(key), encode(value)))
        .collect::<Vec<_>>()
        .join("&")
}

/// Python's `str.isspace()`: Unicode whitespace plus the ASCII separators U+001C..U+001F.
fn is_python_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

/// A header value as the official signer signs and sends it: trimmed of surrounding whitespace.
pub(crate) fn trim_header_value(value: &str) -> &str {
    value.trim_matches(is_python_space)
}

/// Lower-cased names of the headers that are signed, sorted. Names containing `_` are left out:
/// proxies commonly drop such headers, so signing them would break the signature.
pub(crate) fn signed_header_names(headers: &[(String, String)]) -> Vec<String> {
    let mut names: Vec<String> = headers
        .iter()
        .filter(|(name, _)| !name.contains('_'))
        .map(|(name, _)| name.to_ascii_lowercase())
        .collect();
    names.sort_unstable();
    names
}

/// `name:value\n` for each signed header, with the value of the last header of that name.
/// `None` names a signed header the request does not carry.
pub(crate) fn canonical_headers(
    headers: &[(String, String)],
    signed: &[String],
) -> Result<String, String> {
    let mut text = String::new();
    for name in signed {
        let value = headers
            .iter()
            .rev()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| trim_header_value(value))
            .ok_or_else(|| name.clone())?;
        text.push_str(name);
        text.push(':');
        text.push_str(value);
        text.push('\n');
    }
    Ok(text)
}

/// The payload hash: the empty-body hash when there is no body, else the value of
/// `X-Sdk-Content-Sha256` when set, else the SHA-256 of the body.
pub(crate) fn payload_hash(request: &HttpRequest) -> String {
    if request.body.is_empty() {
        return EMPTY_PAYLOAD_SHA256.to_owned();
    }
    match request.header(CONTENT_SHA256_HEADER) {
        Some(value) if !trim_header_value(value).is_empty() => trim_header_value(value).to_owned(),
        _ => sha256_hex(&request.body),
    }
}

/// Joins the six parts of the canonical request. `Err` names a signed header that is missing.
pub(crate) fn canonical_request(
    request: &HttpRequest,
    signed: &[String],
) -> Result<String, String> {
    Ok(format!(
        "{}\n{}\n{}\n{}\n{}\n{}",
        request.method.as_str().to_ascii_uppercase(),
        canonical_uri(&request.resource_path),
        canonical_query(&request.query),
        canonical_headers(&request.headers, signed)?,
        signed.join(";"),
        payload_hash(request),
    ))
}
