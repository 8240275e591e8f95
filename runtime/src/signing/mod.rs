//! Huawei Cloud request signing (`SDK-HMAC-SHA256`, `V11-HMAC-SHA256`).
//!
//! [`sign_request`] produces byte-for-byte what `huaweicloudsdkcore` 3.1.219 produces for the
//! same request and time; [`verify_request`] is the server side, used by the simulator. Each
//! stage (canonical request, string to sign, `Authorization`) is returned in a [`SigningTrace`]
//! so tests can compare stage by stage.

mod canonical;
mod date;
mod derived;
mod error;
mod hmac_sha256;
mod received;
mod verify;

use std::time::SystemTime;

pub use error::{SigningError, VerifyError};
pub use received::{parse_wire_query, received_request};
pub use verify::{VerifiedRequest, verify_request};

use crate::credentials::Credentials;
use crate::http_request::HttpRequest;
use date::SdkDate;

/// Header holding the signing time.
pub const SDK_DATE_HEADER: &str = "X-Sdk-Date";
/// Header holding the signature.
pub const AUTHORIZATION_HEADER: &str = "Authorization";
/// Header holding the security token of temporary AK/SK credentials.
pub const SECURITY_TOKEN_HEADER: &str = "X-Security-Token";
/// Header holding an IAM token.
pub const AUTH_TOKEN_HEADER: &str = "X-Auth-Token";
/// Header holding the project ID of AK/SK requests.
pub const PROJECT_ID_HEADER: &str = "X-Project-Id";

/// Which AK/SK signing algorithm to use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum SigningAlgorithm {
    /// `SDK-HMAC-SHA256`, the official SDK's default.
    #[default]
    HmacSha256,
    /// `V11-HMAC-SHA256`: the signing key is derived per day, region and service.
    DerivedHmacSha256,
}

impl SigningAlgorithm {
    /// The name that heads the `Authorization` value.
    pub fn name(self) -> &'static str {
        match self {
            Self::HmacSha256 => hmac_sha256::ALGORITHM,
            Self::DerivedHmacSha256 => derived::ALGORITHM,
        }
    }
}

/// What the signer needs besides the request and credentials.
#[derive(Debug, Clone, Copy)]
pub struct SigningContext<'a> {
    /// Service name, e.g. `vpcep` (part of the derived-signing scope).
    pub service: &'a str,
    /// Region ID, e.g. `cn-north-4` (part of the derived-signing scope).
    pub region: &'a str,
    /// Sent as `X-Project-Id` with AK/SK credentials when set, like the official
    /// `BasicCredentials`.
    pub project_id: Option<&'a str>,
    /// The signing time, written as `X-Sdk-Date`.
    pub now: SystemTime,
}

/// Every stage of one signature, for tests and debugging.
///
/// For IAM-token credentials nothing is signed and all three fields are empty.
#[derive(Clone, PartialEq, Eq, Default)]
pub struct SigningTrace {
    /// The canonical request that was hashed. With temporary credentials it holds the signed
    /// `x-security-token` line, so log it through `Debug`, which redacts that line.
    pub canonical_request: String,
    /// The string the HMAC was computed over.
    pub string_to_sign: String,
    /// The `Authorization` header value.
    pub authorization: String,
}

impl std::fmt::Debug for SigningTrace {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SigningTrace")
            .field("canonical_request", &redact_canonical_headers(&self.canonical_request))
            .field("string_to_sign", &self.string_to_sign)
            .field("authorization", &self.authorization)
            .finish()
    }
}

/// The canonical request with the values of credential-bearing header lines hidden. Only header
/// lines can match: in the query line a `:` is always percent-encoded.
fn redact_canonical_headers(canonical_request: &str) -> String {
    let lines = canonical_request.split('\n').map(|line| match line.split_once(':') {
        Some((name, _)) if crate::redact::is_secret_header(name) => format!("{name}:<redacted>"),
        _ => line.to_owned(),
    });
    lines.collect::<Vec<_>>().join("\n")
}

/// Authenticates `request` in place.
///
/// AK/SK credentials: adds `X-Project-Id` (when `context.project_id` is set), `X-Security-Token`
/// (temporary credentials), `X-Sdk-Content-Sha256: UNSIGNED-PAYLOAD` (a body that is not
/// JSON/BSON), `X-Sdk-Date`, `Host` (when absent) and `Authorization`, and trims header values as
/// they are signed. IAM-token credentials: adds `X-Auth-Token` only.
///
/// Unlike the official SDK, an existing `X-Sdk-Date` or `Authorization` is replaced rather than
/// reused, so re-signing a request for a retry gives it a fresh date and signature.
pub fn sign_request(
    request: &mut HttpRequest,
    credentials: &Credentials,
    algorithm: SigningAlgorithm,
    context: &SigningContext<'_>,
) -> Result<SigningTrace, SigningError> {
    if let Some(token) = credentials.token() {
        if token.is_empty() {
            return Err(SigningError::MissingIamToken);
        }
        request.set_header(AUTH_TOKEN_HEADER, token);
        return Ok(SigningTrace::default());
    }
    let access_key = credentials
        .access_key()
        .filter(|ak| !ak.is_empty())
        .ok_or(SigningError::MissingAccessKey)?;
    let secret_key = credentials
        .secret_key()
        .filter(|sk| !sk.is_empty())
        .ok_or(SigningError::MissingSecretKey)?;
    let date = SdkDate::from_system_time(context.now).ok_or(SigningError::TimeOutOfRange)?;
    let scope = match algorithm {
        SigningAlgorithm::HmacSha256 => None,
        SigningAlgorithm::DerivedHmacSha256 => Some(derived_scope(date, context)?),
    };

    prepare_headers(request, credentials, context, date);
    let signed = canonical::signed_header_names(&request.headers);
    let canonical_request = canonical::canonical_request(request, &signed).unwrap_or_else(|_| {
        unreachable!("signed header names come from the request's own headers")
    });
    let sdk_date = date.to_string();
    let signed_list = signed.join(";");
    let (string_to_sign, authorization) = match &scope {
        None => {
            let string_to_sign = hmac_sha256::string_to_sign(&sdk_date, &canonical_request);
            let signature = hmac_sha256::signature(secret_key.as_bytes(), &string_to_sign);
            (string_to_sign, hmac_sha256::authorization(access_key, &signed_list, &signature))
        }
        Some(scope) => {
            let string_to_sign = derived::string_to_sign(&sdk_date, scope, &canonical_request);
            let key = derived::signing_key(access_key, secret_key, scope);
            let signature = hmac_sha256::signature(key.as_bytes(), &string_to_sign);
            (string_to_sign, derived::authorization(access_key, scope, &signed_list, &signature))
        }
    };
    request.set_header(AUTHORIZATION_HEADER, authorization.clone());
    Ok(SigningTrace { canonical_request, string_to_sign, authorization })
}

/// The query string sent on the wire (without `?`): the canonical query string, as the official
/// SDK sends it, so the server recomputes exactly what was signed.
pub fn wire_query(request: &HttpRequest) -> String {
    canonical::canonical_query(&request.query)
}

/// The scope of derived signing; service and region must be non-empty.
fn derived_scope(date: SdkDate, context: &SigningContext<'_>) -> Result<String, SigningError> {
    if context.service.is_empty() {
        return Err(SigningError::MissingDerivedScope("service name"));
    }
    if context.region.is_empty() {
        return Err(SigningError::MissingDerivedScope("region"));
    }
    Ok(derived::scope(&date.day_stamp(), context.region, context.service))
}

/// Adds the headers that are part of the signature, in the official SDK's order, and trims
/// every header value the way the official signer does before sending.
fn prepare_headers(
    request: &mut HttpRequest,
    credentials: &Credentials,
    context: &SigningContext<'_>,
    date: SdkDate,
) {
    request.headers.retain(|(name, _)| !name.eq_ignore_ascii_case(AUTHORIZATION_HEADER));
    if let Some(project_id) = context.project_id.filter(|id| !id.is_empty()) {
        request.set_header(PROJECT_ID_HEADER, project_id);
    }
    if let Some(token) = credentials.security_token() {
        request.set_header(SECURITY_TOKEN_HEADER, token);
    }
    let content_type = request.header("Content-Type").unwrap_or_default();
    if !content_type.is_empty()
        && !content_type.starts_with("application/json")
        && !content_type.starts_with("application/bson")
    {
        request.set_header(canonical::CONTENT_SHA256_HEADER, canonical::UNSIGNED_PAYLOAD);
    }
    request.set_header(SDK_DATE_HEADER, date.to_string());
    if request.header("Host").is_none() {
        let host = request.host.clone();
        request.set_header("Host", host);
    }
    for (_, value) in &mut request.headers {
        let trimmed = canonical::trim_header_value(value);
        if trimmed.len() != value.len() {
            *value = trimmed.to_owned();
        }
    }
}
