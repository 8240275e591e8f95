//! Rebuilds an [`HttpRequest`] from what a server received, for [`super::verify_request`].

use bytes::Bytes;
use percent_encoding::percent_decode_str;

use crate::http_request::{HttpRequest, QueryValue};

/// The request as a server received it: the path stays percent-encoded (the canonical URI is
/// computed from it), the query is split with [`parse_wire_query`], header values that are not
/// UTF-8 are decoded lossily (they then fail verification rather than panic), and the host is
/// taken from the `Host` header, else from the URI.
pub fn received_request(
    method: http::Method,
    uri: &http::Uri,
    headers: &http::HeaderMap,
    body: Bytes,
) -> HttpRequest {
    let headers: Vec<(String, String)> = headers
        .iter()
        .map(|(name, value)| {
            (name.as_str().to_owned(), String::from_utf8_lossy(value.as_bytes()).into_owned())
        })
        .collect();
    let host = headers
        .iter()
        .find(|(name, _)| name == "host")
        .map(|(_, value)| value.clone())
        .or_else(|| uri.authority().map(|authority| authority.as_str().to_owned()))
        .unwrap_or_default();
    HttpRequest {
        method,
        scheme: uri.scheme_str().unwrap_or("http").to_owned(),
        host,
        resource_path: uri.path().to_owned(),
        query: uri.query().map(parse_wire_query).unwrap_or_default(),
        headers,
        body,
    }
}

/// Splits a raw query string (without `?`) into decoded pairs, one per `key=value`; a key without
/// `=` gets an empty value. `+` stays a plus sign: signing clients send a space as `%20`.
pub fn parse_wire_query(query: &str) -> Vec<(String, QueryValue)> {
    query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            let decode = |text: &str| percent_decode_str(text).decode_utf8_lossy().into_owned();
            (decode(key), QueryValue::Single(decode(value)))
        })
        .collect()
}
