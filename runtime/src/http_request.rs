//! The request as the signer and the transport see it.
//!
//! It keeps the pieces separately, the way Huawei Cloud's signer needs them: a resource path whose
//! parameters are already percent-encoded, raw query pairs, an ordered header list and the body
//! bytes. The wire URI is derived from these, so what is signed is exactly what is sent.

use bytes::Bytes;

/// A query value: one value, or a list sent as repeated keys.
///
/// A list's items are written in sorted order, as the official SDK writes them: text by code
/// point, [`QueryValue::Integers`] numerically (so `9` before `10`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QueryValue {
    /// `key=value`.
    Single(String),
    /// `key=a&key=b`: a list of text values.
    List(Vec<String>),
    /// `key=9&key=10`: a list of integers, which the official SDK sorts as numbers, not text.
    Integers(Vec<i64>),
}

/// An HTTP request ready to be signed and sent.
#[derive(Clone, PartialEq, Eq)]
pub struct HttpRequest {
    /// Upper-case HTTP method, e.g. `GET`.
    pub method: http::Method,
    /// `http` or `https`.
    pub scheme: String,
    /// Host and optional port, e.g. `vpcep.cn-north-4.myhuaweicloud.com` or `127.0.0.1:8080`.
    pub host: String,
    /// Path with parameters substituted and percent-encoded, e.g. `/v1/p1/vpc-endpoints`.
    pub resource_path: String,
    /// Query parameters in insertion order, values not yet encoded.
    pub query: Vec<(String, QueryValue)>,
    /// Headers in insertion order. `set_header` keeps names unique ignoring case; the signer may
    /// add its `X-Sdk-Content-Sha256` beside a caller's `x-sdk-content-sha256` spelled
    /// otherwise, as the official signer does.
    pub headers: Vec<(String, String)>,
    /// Body bytes (empty when there is none).
    pub body: Bytes,
}

impl std::fmt::Debug for HttpRequest {
    // Header values may hold credentials (Authorization, X-Security-Token, X-Auth-Token).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let headers: Vec<(&str, &str)> = self
            .headers
            .iter()
            .map(|(name, value)| {
                let shown = if crate::redact::is_secret_header(name) {
                    "<redacted>"
                } else {
                    value.as_str()
                };
                (name.as_str(), shown)
            })
            .collect();
        f.debug_struct("HttpRequest")
            .field("method", &self.method)
            .field("scheme", &self.scheme)
            .field("host", &self.host)
            .field("resource_path", &self.resource_path)
            .field("query", &self.query)
            .field("headers", &headers)
            .field("body_len", &self.body.len())
            .finish()
    }
}

impl HttpRequest {
    /// The value of header `name`, compared ignoring ASCII case.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }

    /// Sets header `name`, replacing an existing one with the same name ignoring case.
    pub fn set_header(&mut self, name: impl Into<String>, value: impl Into<String>) {
        let name = name.into();
        let value = value.into();
        match self.headers.iter_mut().find(|(key, _)| key.eq_ignore_ascii_case(&name)) {
            Some(slot) => slot.1 = value,
            None => self.headers.push((name, value)),
        }
    }
}
