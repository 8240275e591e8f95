//! Errors in VPCEP's flat form, `{"error_code": "...", "error_msg": "..."}`.
//!
//! Codes confirmed from VPCEP's public error table: `EndPoint.0001` (system error, 500),
//! `EndPoint.0022` (too many requests, 400) and `Endpoint.2013`-style relation errors. The
//! others below are the simulator's own numbering, with the real service's HTTP statuses.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

/// An error answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    /// HTTP status.
    pub status: StatusCode,
    /// `error_code`.
    pub code: &'static str,
    /// `error_msg`.
    pub message: String,
}

impl ApiError {
    fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> Self {
        Self { status, code, message: message.into() }
    }

    /// 400: a parameter or body field is wrong.
    pub fn invalid(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, "EndPoint.0002", message)
    }

    /// 404: the resource does not exist (or is not visible to the caller).
    pub fn not_found(kind: &str, id: &str) -> Self {
        Self::new(StatusCode::NOT_FOUND, "EndPoint.0005", format!("{kind} {id} does not exist"))
    }

    /// 403: the caller may not do this.
    pub fn forbidden(message: impl Into<String>) -> Self {
        Self::new(StatusCode::FORBIDDEN, "EndPoint.0007", message)
    }

    /// 400: a quota would be exceeded.
    pub fn quota(kind: &str, limit: u64) -> Self {
        Self::new(
            StatusCode::BAD_REQUEST,
            "EndPoint.0017",
            format!("the {kind} quota of {limit} is used up"),
        )
    }

    /// 400: the resource is not in a state that allows this.
    pub fn conflict(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, "EndPoint.2013", message)
    }

    /// 400: throttled.
    pub fn throttled() -> Self {
        Self::new(
            StatusCode::BAD_REQUEST,
            "EndPoint.0022",
            "The number of requests exceeded the limit. Try again later.",
        )
    }

    /// 500: internal failure.
    pub fn system(message: impl Into<String>) -> Self {
        Self::new(StatusCode::INTERNAL_SERVER_ERROR, "EndPoint.0001", message)
    }

    /// 401 from the API gateway, in its own error shape.
    pub fn unauthorized(message: impl Into<String>) -> Self {
        Self::new(StatusCode::UNAUTHORIZED, "APIGW.0301", message)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = serde_json::json!({ "error_code": self.code, "error_msg": self.message });
        (self.status, axum::Json(body)).into_response()
    }
}

/// Handler result.
pub type ApiResult<T> = Result<T, ApiError>;
