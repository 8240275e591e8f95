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

/// Lower-case hex SHA-256 of `data`.
pub(crate) fn sha256_hex(data: &[u8]) -> String {
    hex_of_digest(&Sha256::digest(data))
}

/// Lower-case hex of a 32-byte digest. `hex::encode` goes through a char iterator, which showed up
/// in signing profiles; the slice encoder is table-driven.
pub(crate) fn hex_of_digest(digest: &[u8]) -> String {
    let mut buffer = [0u8; 64];
    let Some(out) = buffer.get_mut(..digest.len() * 2) else { return hex::encode(digest) };
    match hex::encode_to_slice(digest, out) {
        Ok(()) => String::from_utf8_lossy(out).into_owned(),
        Err(_) => hex::encode(digest),
    }
}

// The writers below append to one buffer: signing is on every call's path, and building the
// canonical request from many small strings spent more time in the allocator than in SHA-256.

/// Appends the canonical URI: each `/`-separated segment of the decoded path re-encoded, with a
/// trailing `/` always present (the official signer adds one even when the wire path has none).
///
/// Decoding is lossy like Python's `unquote` (bad UTF-8 becomes U+FFFD). An empty path, which the
/// official signer cannot handle, is treated as `/`.
fn write_canonical_uri(out: &mut String, resource_path: &str) {
    let decoded = percent_decode_str(resource_path).decode_utf8_lossy();
    let start = out.len();
    for (i, segment) in decoded.split('/').enumerate() {
        if i > 0 {
            out.push('/');
        }
        out.extend(utf8_percent_encode(segment, ESCAPED));
    }
    if !out[start..].ends_with('/') {
        out.push('/');
    }
}

/// The canonical query string, which is also the query string sent on the wire.
///
/// Every value becomes its own `key=value` pair (lists as repeated keys, as the official client
/// sends them); pairs are sorted by key, then value, and both are percent-encoded.
pub(crate) fn canonical_query(query: &[(String, QueryValue)]) -> String {
    let mut text = String::new();
    write_canonical_query(&mut text, query);
    text
}

fn write_canonical_query(out: &mut String, query: &[(String, QueryValue)]) {
    let mut pairs: Vec<(&str, &str)> = Vec::with_capacity(query.len());
    for (key, value) in query {
        match value {
            QueryValue::Single(value) => pairs.push((key, value)),
            QueryValue::List(values) => {
                pairs.extend(values.iter().map(|value| (key.as_str(), value.as_str())))
            }
        }
    }
    pairs.sort_unstable();
    for (i, (key, value)) in pairs.iter().enumerate() {
        if i > 0 {
            out.push('&');
        }
        out.extend(utf8_percent_encode(key, ESCAPED));
        out.push('=');
        out.extend(utf8_percent_encode(value, ESCAPED));
    }
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
/// `Err` names a signed header the request does not carry.
fn write_canonical_headers(
    out: &mut String,
    headers: &[(String, String)],
    signed: &[String],
) -> Result<(), String> {
    for name in signed {
        let value = headers
            .iter()
            .rev()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| trim_header_value(value))
            .ok_or_else(|| name.clone())?;
        out.push_str(name);
        out.push(':');
        out.push_str(value);
        out.push('\n');
    }
    Ok(())
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
    let mut text = String::with_capacity(256 + request.resource_path.len());
    text.push_str(request.method.as_str());
    text.make_ascii_uppercase();
    text.push('\n');
    write_canonical_uri(&mut text, &request.resource_path);
    text.push('\n');
    write_canonical_query(&mut text, &request.query);
    text.push('\n');
    write_canonical_headers(&mut text, &request.headers, signed)?;
    text.push('\n');
    for (i, name) in signed.iter().enumerate() {
        if i > 0 {
            text.push(';');
        }
        text.push_str(name);
    }
    text.push('\n');
    text.push_str(&payload_hash(request));
    Ok(text)
}
