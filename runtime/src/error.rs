//! The one error type of the runtime, split by the phase a call failed in.
//!
//! Kinds stay private behind `is_*()` methods so new ones can be added without breaking users.
//! No variant ever holds a credential: messages are built from status lines, bodies of responses
//! and our own text, never from request headers.

use std::time::Duration;

use crate::service_error::ServiceError;

type Source = Box<dyn std::error::Error + Send + Sync>;

/// Status codes that signal throttling.
const THROTTLING_STATUS: u16 = 429;
/// Service codes that signal throttling across Huawei Cloud (API Gateway flow control).
const THROTTLING_CODES: &[&str] = &["APIGW.0308"];
/// How much of an undecodable body an error keeps.
const BODY_EXCERPT_CHARS: usize = 512;

/// Why a call failed.
#[derive(Debug)]
#[non_exhaustive]
pub struct Error {
    kind: Box<Kind>,
    operation: Option<&'static str>,
}

/// Which timeout fired.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TimeoutScope {
    /// Establishing the connection.
    Connect,
    /// Waiting for a response of one attempt.
    Attempt,
    /// The whole call, retries included.
    Call,
}

/// What the operation's spec says about a service error's code.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct CodeClass {
    /// Listed in `x-specbind-retryable-codes`.
    pub(crate) retryable: bool,
    /// Listed in `x-specbind-throttling-codes`.
    pub(crate) throttling: bool,
}

#[derive(Debug)]
enum Kind {
    Construction { message: String },
    Timeout { scope: TimeoutScope, limit: Option<Duration>, source: Option<Source> },
    Dispatch { maybe_sent: bool, source: Source },
    Response { status: u16, failure: crate::decode::DecodeFailure, body_excerpt: Option<String> },
    Service { error: ServiceError, code_class: CodeClass, retry_after: Option<Duration> },
    WaiterFailure { waiter: &'static str, field: &'static str, value: String },
    WaiterTimeout { waiter: &'static str, waited: Duration, last_seen: String },
}

impl Error {
    fn new(kind: Kind) -> Self {
        Self { kind: Box::new(kind), operation: None }
    }

    /// The request could not be built; nothing was sent.
    pub(crate) fn construction(message: impl Into<String>) -> Self {
        Self::new(Kind::Construction { message: message.into() })
    }

    pub(crate) fn timeout(
        scope: TimeoutScope,
        limit: Option<Duration>,
        source: Option<Source>,
    ) -> Self {
        Self::new(Kind::Timeout { scope, limit, source })
    }

    /// Sending failed; `maybe_sent` says whether the server may have received the request.
    pub(crate) fn dispatch(maybe_sent: bool, source: impl Into<Source>) -> Self {
        Self::new(Kind::Dispatch { maybe_sent, source: source.into() })
    }

    /// A response arrived but its body did not decode; keeps the start of the body.
    pub(crate) fn response(
        status: u16,
        failure: crate::decode::DecodeFailure,
        body: &[u8],
    ) -> Self {
        let body_excerpt = String::from_utf8_lossy(body).chars().take(BODY_EXCERPT_CHARS).collect();
        Self::new(Kind::Response { status, failure, body_excerpt: Some(body_excerpt) })
    }

    /// A response with `status` arrived but could not become the operation's output for a
    /// reason other than its bytes (a decoder paired with the wrong type, a body a waiter cannot
    /// inspect): still the response phase, since the request was sent.
    pub(crate) fn unusable_response(status: u16, message: impl Into<String>) -> Self {
        let failure = crate::decode::DecodeFailure::new(message);
        Self::new(Kind::Response { status, failure, body_excerpt: None })
    }

    pub(crate) fn service(
        error: ServiceError,
        code_class: CodeClass,
        retry_after: Option<Duration>,
    ) -> Self {
        Self::new(Kind::Service { error, code_class, retry_after })
    }

    pub(crate) fn waiter_failure(waiter: &'static str, field: &'static str, value: String) -> Self {
        Self::new(Kind::WaiterFailure { waiter, field, value })
    }

    pub(crate) fn waiter_timeout(
        waiter: &'static str,
        waited: Duration,
        last_seen: String,
    ) -> Self {
        Self::new(Kind::WaiterTimeout { waiter, waited, last_seen })
    }

    /// Names the operation in the error, unless one is already named.
    pub(crate) fn for_operation(mut self, operation: &'static str) -> Self {
        self.operation.get_or_insert(operation);
        self
    }

    /// The operation (`operationId`) that failed, when known.
    pub fn operation(&self) -> Option<&'static str> {
        self.operation
    }

    /// The request could not be built, so nothing was sent.
    pub fn is_construction(&self) -> bool {
        matches!(*self.kind, Kind::Construction { .. })
    }

    /// A connect, attempt or whole-call timeout fired.
    pub fn is_timeout(&self) -> bool {
        matches!(*self.kind, Kind::Timeout { .. })
    }

    /// Sending failed (connection refused or reset, TLS failure, …).
    pub fn is_dispatch(&self) -> bool {
        matches!(*self.kind, Kind::Dispatch { .. })
    }

    /// A response arrived (so the request was sent) but could not be turned into the
    /// operation's output: usually a 2xx body that did not decode into the expected type.
    pub fn is_response(&self) -> bool {
        matches!(*self.kind, Kind::Response { .. })
    }

    /// The service answered with an error status.
    pub fn is_service(&self) -> bool {
        matches!(*self.kind, Kind::Service { .. })
    }

    /// A waiter reached one of its failure states.
    pub fn is_waiter_failure(&self) -> bool {
        matches!(*self.kind, Kind::WaiterFailure { .. })
    }

    /// A waiter ran out of time before reaching a success state.
    pub fn is_waiter_timeout(&self) -> bool {
        matches!(*self.kind, Kind::WaiterTimeout { .. })
    }

    /// The service answered 404.
    pub fn is_not_found(&self) -> bool {
        self.status() == Some(404)
    }

    /// The service is throttling: HTTP 429, the API gateway's flow-control code, or a code the
    /// spec lists in `x-specbind-throttling-codes` (for VPCEP, `EndPoint.0022`).
    pub fn is_throttled(&self) -> bool {
        match &*self.kind {
            Kind::Service { error, code_class, .. } => {
                code_class.throttling
                    || error.status() == THROTTLING_STATUS
                    || THROTTLING_CODES.contains(&error.error_code())
            }
            _ => false,
        }
    }

    /// Whether trying again may succeed: connect problems, attempt timeouts, throttling,
    /// 502/503/504 and service codes the spec marks retryable. For a non-idempotent operation
    /// the retry loop additionally refuses to resend what may have reached the server.
    pub fn is_retryable(&self) -> bool {
        match &*self.kind {
            Kind::Timeout { scope, .. } => *scope != TimeoutScope::Call,
            Kind::Dispatch { .. } => true,
            Kind::Service { error, code_class, .. } => {
                code_class.retryable || self.is_throttled() || matches!(error.status(), 502..=504)
            }
            _ => false,
        }
    }

    /// Whether the server may have received the request (false when it surely did not).
    pub(crate) fn maybe_sent(&self) -> bool {
        match &*self.kind {
            Kind::Construction { .. } => false,
            Kind::Timeout { scope, .. } => *scope != TimeoutScope::Connect,
            Kind::Dispatch { maybe_sent, .. } => *maybe_sent,
            _ => true,
        }
    }

    pub(crate) fn timeout_scope(&self) -> Option<TimeoutScope> {
        match &*self.kind {
            Kind::Timeout { scope, .. } => Some(*scope),
            _ => None,
        }
    }

    /// The delay the service asked for with `Retry-After`.
    pub(crate) fn retry_after(&self) -> Option<Duration> {
        match &*self.kind {
            Kind::Service { retry_after, .. } => *retry_after,
            _ => None,
        }
    }

    /// HTTP status of a service error or undecodable response.
    pub fn status(&self) -> Option<u16> {
        match &*self.kind {
            Kind::Service { error, .. } => Some(error.status()),
            Kind::Response { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// The service error, when the service answered with an error status.
    pub fn as_service_error(&self) -> Option<&ServiceError> {
        match &*self.kind {
            Kind::Service { error, .. } => Some(error),
            _ => None,
        }
    }

    /// The service's `error_code`.
    pub fn code(&self) -> Option<&str> {
        self.as_service_error().map(ServiceError::error_code)
    }

    /// The service's `error_msg`.
    pub fn message(&self) -> Option<&str> {
        self.as_service_error().map(ServiceError::error_msg)
    }

    /// The `X-Request-Id` of the failed response.
    pub fn request_id(&self) -> Option<&str> {
        self.as_service_error().and_then(ServiceError::request_id)
    }

    /// Path of the field that failed to decode, for response errors.
    pub fn field_path(&self) -> Option<&str> {
        match &*self.kind {
            Kind::Response { failure, .. } => failure.path(),
            _ => None,
        }
    }

    /// The start of the body that failed to decode, for response errors about the body's bytes.
    pub fn body_excerpt(&self) -> Option<&str> {
        match &*self.kind {
            Kind::Response { body_excerpt, .. } => body_excerpt.as_deref(),
            _ => None,
        }
    }
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if let Some(operation) = self.operation {
            write!(f, "{operation}: ")?;
        }
        match &*self.kind {
            Kind::Construction { message } => write!(f, "could not build the request: {message}"),
            Kind::Timeout { scope, limit, .. } => {
                let what = match scope {
                    TimeoutScope::Connect => "connecting",
                    TimeoutScope::Attempt => "waiting for the response",
                    TimeoutScope::Call => "the whole call",
                };
                match limit {
                    Some(limit) => write!(f, "timed out {what} (limit {limit:?})"),
                    None => write!(f, "timed out {what}"),
                }
            }
            Kind::Dispatch { maybe_sent, source } => {
                let sent =
                    if *maybe_sent { "the request may have been sent" } else { "nothing was sent" };
                write!(f, "could not send the request ({sent}): {}", source_chain(source.as_ref()))
            }
            Kind::Response { status, failure, body_excerpt: Some(body_excerpt) } => {
                write!(
                    f,
                    "could not decode the HTTP {status} response body {failure}; body starts: {body_excerpt}"
                )
            }
            Kind::Response { status, failure, body_excerpt: None } => {
                write!(f, "could not use the HTTP {status} response: {failure}")
            }
            Kind::Service { error, .. } => write!(f, "service error: {error}"),
            Kind::WaiterFailure { waiter, field, value } => {
                write!(f, "waiter `{waiter}` reached failure state: `{field}` is `{value}`")
            }
            Kind::WaiterTimeout { waiter, waited, last_seen } => {
                write!(f, "waiter `{waiter}` gave up after {waited:?}; {last_seen}")
            }
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &*self.kind {
            Kind::Dispatch { source, .. } => Some(source.as_ref()),
            Kind::Timeout { source: Some(source), .. } => Some(source.as_ref()),
            _ => None,
        }
    }
}

/// `outer: inner: innermost`, so a connect error shows its root cause.
fn source_chain(error: &(dyn std::error::Error + 'static)) -> String {
    let mut text = error.to_string();
    let mut next = error.source();
    while let Some(cause) = next {
        let cause_text = cause.to_string();
        if !text.contains(&cause_text) {
            text.push_str(": ");
            text.push_str(&cause_text);
        }
        next = cause.source();
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn service(status: u16, code: &str, retryable_code: bool) -> Error {
        let body = format!(r#"{{"error_code":"{code}","error_msg":"m"}}"#);
        Error::service(
            ServiceError::parse(status, Some("rid".into()), body.as_bytes()),
            CodeClass { retryable: retryable_code, throttling: false },
            None,
        )
    }

    #[test]
    fn a_spec_throttling_code_is_throttled_and_retryable() {
        let body = br#"{"error_code":"EndPoint.0022","error_msg":"too many requests"}"#;
        let error = Error::service(
            ServiceError::parse(400, None, body),
            CodeClass { retryable: false, throttling: true },
            None,
        );
        assert!(error.is_throttled());
        assert!(error.is_retryable());
        assert!(!service(400, "EndPoint.0022", false).is_throttled(), "only when the spec says so");
    }

    #[test]
    fn classification_by_status_and_code() {
        assert!(service(429, "X", false).is_throttled());
        assert!(service(429, "X", false).is_retryable());
        assert!(service(503, "X", false).is_retryable());
        assert!(!service(500, "X", false).is_retryable());
        assert!(service(500, "EndPoint.0001", true).is_retryable());
        assert!(service(404, "X", false).is_not_found());
        assert!(!service(400, "X", false).is_retryable());
        assert_eq!(service(400, "X", false).request_id(), Some("rid"));
        assert_eq!(service(400, "X", false).code(), Some("X"));
    }

    #[test]
    fn construction_is_not_sent_and_not_retryable() {
        let error = Error::construction("missing").for_operation("Op");
        assert!(error.is_construction() && !error.is_retryable() && !error.maybe_sent());
        assert_eq!(error.to_string(), "Op: could not build the request: missing");
    }

    #[test]
    fn an_unusable_response_was_sent_and_is_not_retryable() {
        let error = Error::unusable_response(200, "wrong type").for_operation("Op");
        assert!(error.is_response() && !error.is_construction(), "{error}");
        assert!(error.maybe_sent() && !error.is_retryable());
        assert_eq!((error.status(), error.body_excerpt()), (Some(200), None));
        assert_eq!(error.to_string(), "Op: could not use the HTTP 200 response: wrong type");
    }

    #[test]
    fn whole_call_timeout_is_final() {
        assert!(!Error::timeout(TimeoutScope::Call, None, None).is_retryable());
        assert!(Error::timeout(TimeoutScope::Attempt, None, None).is_retryable());
    }
}
