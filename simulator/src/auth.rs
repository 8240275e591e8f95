//! Authentication, as the API gateway in front of VPCEP does it: an AK/SK signature
//! (`SDK-HMAC-SHA256` or `V11-HMAC-SHA256`) recomputed from the request as received, or an
//! `X-Auth-Token` this simulator issued. Nothing in the headers is taken on trust.

use std::sync::Arc;
use std::time::{Duration, SystemTime};

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::error::ApiError;
use crate::server::Shared;
use crate::tenant::Tenant;

/// How far `X-Sdk-Date` may be from the server clock.
const MAX_SKEW: Duration = Duration::from_secs(15 * 60);

/// Largest request body accepted; larger ones are refused before reading on.
const MAX_BODY: usize = 1 << 20;

/// The authenticated tenant, put in the request's extensions for handlers.
#[derive(Debug, Clone)]
pub struct Caller(pub Tenant);

/// Middleware: authenticates the request or answers 401.
pub async fn authenticate(
    State(shared): State<Arc<Shared>>,
    request: Request,
    next: Next,
) -> Response {
    let (parts, body) = request.into_parts();
    let body = match axum::body::to_bytes(body, MAX_BODY).await {
        Ok(body) => body,
        Err(_) => {
            return ApiError::invalid(format!("request body is larger than {MAX_BODY} bytes"))
                .into_response();
        }
    };
    let tenant = match identify(&shared, &parts, &body) {
        Ok(tenant) => tenant,
        Err(message) => return ApiError::unauthorized(message).into_response(),
    };
    let mut request = Request::from_parts(parts, axum::body::Body::from(body));
    request.extensions_mut().insert(Caller(tenant));
    next.run(request).await
}

fn identify(
    shared: &Shared,
    parts: &http::request::Parts,
    body: &bytes::Bytes,
) -> Result<Tenant, String> {
    if let Some(token) = parts.headers.get("x-auth-token") {
        let token = token.to_str().map_err(|_| "X-Auth-Token is not valid text".to_string())?;
        let project = shared.store().tokens.get(token).cloned();
        let project = project.ok_or("the token is not valid or has expired")?;
        return shared
            .tenants
            .iter()
            .find(|t| t.project_id == project)
            .cloned()
            .ok_or_else(|| "the token's project no longer exists".to_string());
    }
    let received = specbind::signing::received_request(
        parts.method.clone(),
        &parts.uri,
        &parts.headers,
        body.clone(),
    );
    let verified = specbind::signing::verify_request(
        &received,
        |access_key| shared.tenant_by_access_key(access_key).map(|t| t.secret_key.clone()),
        SystemTime::now(),
        MAX_SKEW,
        Some(("vpcep", &shared.region)),
    )
    .map_err(|error| format!("Incorrect IAM authentication information: {error}"))?;
    shared
        .tenant_by_access_key(&verified.access_key)
        .cloned()
        .ok_or_else(|| "unknown access key".to_string())
}
