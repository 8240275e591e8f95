//! The error a service returned: status, code, message and request id.
//!
//! The body is read the way `huaweicloudsdkcore`'s exception handler reads it: the pairs
//! `error_code`/`error_msg`, `errorCode`/`errorMsg` and `code`/`message` (both keys of a pair must
//! be present), at the top level or inside nested objects; a body that is not a JSON object keeps
//! its text as the message, and a missing code falls back to the HTTP status.

use serde_json::{Map, Value};

/// The key pairs the official SDK recognises, in its order of preference.
const CODE_MESSAGE_KEYS: &[(&str, &str)] =
    &[("error_code", "error_msg"), ("errorCode", "errorMsg"), ("code", "message")];

/// Nesting deeper than this is not searched; it bounds recursion on hostile bodies.
const MAX_NESTING: usize = 8;

/// A non-2xx response from the service.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServiceError {
    status: u16,
    error_code: String,
    error_msg: String,
    request_id: Option<String>,
    encoded_authorization_message: Option<String>,
}

impl ServiceError {
    /// Parses a service error from the HTTP status, the `X-Request-Id` header and the body.
    pub fn parse(status: u16, request_id: Option<String>, body: &[u8]) -> Self {
        let text = String::from_utf8_lossy(body).into_owned();
        let mut found = Found::default();
        let mut encoded_authorization_message = None;
        if let Ok(Value::Object(object)) = serde_json::from_slice::<Value>(body) {
            encoded_authorization_message = object
                .get("encoded_authorization_message")
                .map(value_text)
                .filter(|text| !text.is_empty());
            search(&object, &mut found, 0);
        }
        let error_code =
            found.code.filter(|code| !code.is_empty()).unwrap_or_else(|| status.to_string());
        let error_msg = found.message.filter(|message| !message.is_empty()).unwrap_or(text);
        Self { status, error_code, error_msg, request_id, encoded_authorization_message }
    }

    /// HTTP status code.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// The service's error code, e.g. `EndPoint.0022`; the HTTP status as text when the body had
    /// none.
    pub fn error_code(&self) -> &str {
        &self.error_code
    }

    /// The service's error message; the raw body text when the body had none.
    pub fn error_msg(&self) -> &str {
        &self.error_msg
    }

    /// The `X-Request-Id` response header.
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }

    /// Encoded reason of an authorization failure, when the service sent one.
    pub fn encoded_authorization_message(&self) -> Option<&str> {
        self.encoded_authorization_message.as_deref()
    }
}

impl std::fmt::Display for ServiceError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "HTTP {} {}: {}", self.status, self.error_code, self.error_msg)?;
        if let Some(request_id) = &self.request_id {
            write!(f, " (request id {request_id})")?;
        }
        Ok(())
    }
}

#[derive(Default)]
struct Found {
    code: Option<String>,
    message: Option<String>,
}

/// Like the official handler: a pair at this level ends the search here; otherwise every nested
/// object is searched in order and a later match replaces an earlier one.
fn search(object: &Map<String, Value>, found: &mut Found, depth: usize) {
    for (code_key, message_key) in CODE_MESSAGE_KEYS {
        if let (Some(code), Some(message)) = (object.get(*code_key), object.get(*message_key)) {
            found.code = Some(value_text(code));
            found.message = Some(value_text(message));
            return;
        }
    }
    if depth >= MAX_NESTING {
        return;
    }
    for value in object.values() {
        if let Value::Object(nested) = value {
            search(nested, found, depth + 1);
        }
    }
}

/// A JSON value as text: strings unquoted, `null` empty, anything else as JSON.
fn value_text(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::ServiceError;

    fn parse(status: u16, body: &str) -> ServiceError {
        ServiceError::parse(status, Some("req-1".into()), body.as_bytes())
    }

    #[test]
    fn snake_case_pair() {
        let error = parse(400, r#"{"error_code":"EndPoint.0022","error_msg":"too many requests"}"#);
        assert_eq!((error.error_code(), error.error_msg()), ("EndPoint.0022", "too many requests"));
        assert_eq!(error.request_id(), Some("req-1"));
    }

    #[test]
    fn camel_case_pair() {
        let error = parse(403, r#"{"errorCode":"APIGW.0301","errorMsg":"bad signature"}"#);
        assert_eq!((error.error_code(), error.error_msg()), ("APIGW.0301", "bad signature"));
    }

    #[test]
    fn code_message_pair_and_numeric_code() {
        let error = parse(500, r#"{"code":500,"message":"boom"}"#);
        assert_eq!((error.error_code(), error.error_msg()), ("500", "boom"));
    }

    #[test]
    fn nested_one_level() {
        let error = parse(404, r#"{"error":{"code":"EndPoint.0005","message":"not found"}}"#);
        assert_eq!((error.error_code(), error.error_msg()), ("EndPoint.0005", "not found"));
    }

    #[test]
    fn a_lone_code_is_not_a_pair() {
        let error = parse(409, r#"{"error_code":"X.1"}"#);
        assert_eq!(error.error_code(), "409");
        assert_eq!(error.error_msg(), r#"{"error_code":"X.1"}"#);
    }

    #[test]
    fn non_json_body_keeps_its_text() {
        let error = parse(502, "<html>Bad Gateway</html>");
        assert_eq!((error.error_code(), error.error_msg()), ("502", "<html>Bad Gateway</html>"));
    }

    #[test]
    fn encoded_authorization_message_is_kept() {
        let body = r#"{"error_code":"IAM.0001","error_msg":"denied","encoded_authorization_message":"abc"}"#;
        assert_eq!(parse(403, body).encoded_authorization_message(), Some("abc"));
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let body = format!("{}{}", "{\"a\":".repeat(10_000), "}".repeat(10_000));
        assert_eq!(parse(400, &body).error_code(), "400");
    }
}
