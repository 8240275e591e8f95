//! Static description of one API operation, emitted as a `const` by generated code.

/// HTTP method of an operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Method {
    /// `GET`.
    Get,
    /// `PUT`.
    Put,
    /// `POST`.
    Post,
    /// `DELETE`.
    Delete,
    /// `PATCH`.
    Patch,
    /// `HEAD`.
    Head,
    /// `OPTIONS`.
    Options,
}

impl Method {
    /// The method as the `http` crate spells it.
    pub fn to_http(self) -> http::Method {
        match self {
            Self::Get => http::Method::GET,
            Self::Put => http::Method::PUT,
            Self::Post => http::Method::POST,
            Self::Delete => http::Method::DELETE,
            Self::Patch => http::Method::PATCH,
            Self::Head => http::Method::HEAD,
            Self::Options => http::Method::OPTIONS,
        }
    }

    /// Upper-case method name, e.g. `GET`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Get => "GET",
            Self::Put => "PUT",
            Self::Post => "POST",
            Self::Delete => "DELETE",
            Self::Patch => "PATCH",
            Self::Head => "HEAD",
            Self::Options => "OPTIONS",
        }
    }
}

/// What the runtime needs to know about an operation besides the request values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Operation {
    /// The spec's `operationId`, e.g. `ShowEndpointService`.
    pub name: &'static str,
    /// HTTP method.
    pub method: Method,
    /// Path template with `{name}` placeholders.
    pub path: &'static str,
    /// Whether the request may be resent after its bytes may have reached the server.
    pub idempotent: bool,
    /// Service `error_code`s worth retrying for this operation.
    pub retryable_codes: &'static [&'static str],
    /// Service `error_code`s that mean the caller is being throttled (retried, and reported by
    /// [`Error::is_throttled`](crate::Error::is_throttled)).
    pub throttling_codes: &'static [&'static str],
}
