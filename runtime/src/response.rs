//! A successful response: status, headers and the typed body.

use std::ops::Deref;

/// Header carrying the request id of Huawei Cloud APIs.
pub const REQUEST_ID_HEADER: &str = "X-Request-Id";

/// A 2xx response with its decoded body.
#[derive(Debug, Clone)]
pub struct Response<T> {
    status: u16,
    headers: http::HeaderMap,
    body: T,
}

impl<T> Response<T> {
    /// Wraps a decoded body with the status and headers it came with.
    pub fn new(status: u16, headers: http::HeaderMap, body: T) -> Self {
        Self { status, headers, body }
    }

    /// HTTP status code.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// All response headers.
    pub fn headers(&self) -> &http::HeaderMap {
        &self.headers
    }

    /// The value of header `name` (any case) when it is valid text.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|value| value.to_str().ok())
    }

    /// The `X-Request-Id` header, for support tickets.
    pub fn request_id(&self) -> Option<&str> {
        self.header(REQUEST_ID_HEADER)
    }

    /// The decoded body.
    pub fn body(&self) -> &T {
        &self.body
    }

    /// Takes the decoded body.
    pub fn into_body(self) -> T {
        self.body
    }

    /// Applies `f` to the body, keeping status and headers.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Response<U> {
        Response { status: self.status, headers: self.headers, body: f(self.body) }
    }
}

impl<T> Deref for Response<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.body
    }
}
