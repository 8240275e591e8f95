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
mod query;
mod received;
mod verify;

use std::time::SystemTime;

pub use error::{SigningError, VerifyError};
pub use received::{parse_wire_query, received_request};
pub use verify::{VerifiedRequest, verify_request};

use hmac::Mac;
use sha2::{Digest, Sha256};

use crate::credentials::Credentials;
use crate::http_request::HttpRequest;
use canonical::{HexDigest, NameCase};
use date::SdkDate;
use query::QueryOrder;

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

/// Authenticates `request` in place and returns every stage of the signature.
///
/// AK/SK credentials: adds `X-Project-Id` (when `context.project_id` is set), `X-Security-Token`
/// (temporary credentials), `X-Sdk-Content-Sha256: UNSIGNED-PAYLOAD` (a body that is not
/// JSON/BSON), `X-Sdk-Date`, `Host` (when absent) and `Authorization`, and trims header values as
/// they are signed. IAM-token credentials: adds `X-Auth-Token` only.
///
/// Quirks of the official signer that this one keeps, so that it stays byte-identical:
/// - The body is left unsigned only for a header named exactly `Content-Type`; `content-type:
///   text/plain` signs the body's hash.
/// - `X-Sdk-Content-Sha256: UNSIGNED-PAYLOAD` replaces a caller's header of exactly that name;
///   a caller's `x-sdk-content-sha256` stays beside it. Both are signed (the name twice in
///   `SignedHeaders`, each line with the last value), and the payload hash is the value of the
///   first such header in request order, here the caller's.
/// - A key given several lists: the entries are sorted by the whole list as given, then each
///   list's items are written sorted ([`QueryValue::Integers`] numerically). See [`wire_query`]
///   for the order they are sent in.
///
/// Unlike the official SDK, an existing `X-Sdk-Date` or `Authorization` is replaced rather than
/// reused, so re-signing a request for a retry gives it a fresh date and signature.
///
/// [`sign`] does the same without keeping the stages, which is what the client uses per call.
///
/// [`QueryValue::Integers`]: crate::http_request::QueryValue::Integers
pub fn sign_request(
    request: &mut HttpRequest,
    credentials: &Credentials,
    algorithm: SigningAlgorithm,
    context: &SigningContext<'_>,
) -> Result<SigningTrace, SigningError> {
    let mut trace = SigningTrace::default();
    sign_with(request, credentials, algorithm, context, Some(&mut trace))?;
    Ok(trace)
}

/// Authenticates `request` in place exactly like [`sign_request`], without returning the
/// stages: the canonical request is hashed and dropped, and the string to sign is fed straight
/// into the HMAC.
pub fn sign(
    request: &mut HttpRequest,
    credentials: &Credentials,
    algorithm: SigningAlgorithm,
    context: &SigningContext<'_>,
) -> Result<(), SigningError> {
    sign_with(request, credentials, algorithm, context, None)
}

/// The one implementation behind [`sign`] and [`sign_request`], so the two cannot drift.
fn sign_with(
    request: &mut HttpRequest,
    credentials: &Credentials,
    algorithm: SigningAlgorithm,
    context: &SigningContext<'_>,
    trace: Option<&mut SigningTrace>,
) -> Result<(), SigningError> {
    if let Some(token) = credentials.token() {
        if token.is_empty() {
            return Err(SigningError::MissingIamToken);
        }
        request.set_header(AUTH_TOKEN_HEADER, token);
        return Ok(());
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
    let sdk_date = date.to_basic();
    prepare_headers(request, credentials, context, sdk_date.as_str());

    let signed_names = canonical::signed_header_names(&request.headers);
    let signed = signed_names.as_slice();
    let (canonical_request, canonical_hash) = match trace.is_some() {
        true => {
            let text =
                canonical::canonical_request(request, signed, NameCase::Lower, QueryOrder::Signed)
                    .unwrap_or_else(signed_header_exists);
            let hash: [u8; 32] = Sha256::digest(text.as_bytes()).into();
            (text, hash)
        }
        false => {
            let hash = canonical::canonical_request_hash(
                request,
                signed,
                NameCase::Lower,
                QueryOrder::Signed,
            )
            .unwrap_or_else(signed_header_exists);
            (String::new(), hash)
        }
    };
    let canonical_hash = HexDigest::of(&canonical_hash);
    let derived_key;
    let key = match &scope {
        None => secret_key.as_bytes(),
        Some(scope) => {
            derived_key = derived::signing_key(access_key, secret_key, scope);
            derived_key.as_bytes()
        }
    };
    let pieces =
        string_to_sign_pieces(scope.as_deref(), sdk_date.as_str(), canonical_hash.as_str());
    let algorithm_name = pieces[0];
    let mut mac = hmac_sha256::mac(key);
    for piece in pieces {
        mac.update(piece.as_bytes());
    }
    let signature = HexDigest::of(&mac.finalize().into_bytes().into());

    let mut authorization = String::with_capacity(160 + 16 * signed.len());
    authorization.push_str(algorithm_name);
    match &scope {
        None => {
            authorization.push_str(" Access=");
            authorization.push_str(access_key);
        }
        Some(scope) => {
            authorization.push_str(" Credential=");
            authorization.push_str(access_key);
            authorization.push('/');
            authorization.push_str(scope);
        }
    }
    authorization.push_str(", SignedHeaders=");
    canonical::write_signed_list(&mut authorization, signed, NameCase::Lower);
    authorization.push_str(", Signature=");
    authorization.push_str(signature.as_str());
    if let Some(trace) = trace {
        trace.string_to_sign = pieces.concat();
        trace.canonical_request = canonical_request;
        trace.authorization = authorization.clone();
    }
    // The names borrow the request's headers, which change next.
    drop(signed_names);
    request.set_header(AUTHORIZATION_HEADER, authorization);
    Ok(())
}

/// The string to sign, in pieces to feed the HMAC without formatting it:
/// `ALGORITHM \n X-Sdk-Date \n [scope \n] hex(sha256(canonical request))`, where a derived-signing
/// scope selects `V11-HMAC-SHA256`. Signer and verifier both build it here.
pub(crate) fn string_to_sign_pieces<'a>(
    scope: Option<&'a str>,
    sdk_date: &'a str,
    canonical_hash: &'a str,
) -> [&'a str; 7] {
    let (algorithm, scope, scope_end) = match scope {
        None => (hmac_sha256::ALGORITHM, "", ""),
        Some(scope) => (derived::ALGORITHM, scope, "\n"),
    };
    [algorithm, "\n", sdk_date, "\n", scope, scope_end, canonical_hash]
}

/// Signed header names are taken from the request's own headers, so none can be missing.
fn signed_header_exists<T>(name: String) -> T {
    unreachable!("signed header `{name}` comes from the request's own headers")
}

/// The query string to send (without `?`), as the official SDK sends it: pairs sorted by key,
/// then value, and percent-encoded, so a server that sorts the received pairs recomputes what
/// was signed.
///
/// One exception, kept for byte-identity: when a key is given more than one list, the official
/// signer orders those lists by their items as given when signing, but by their items sorted
/// when writing the URI (it sorts them in place in between). For such a request this string is
/// the URI's query and can differ from the signed one in [`SigningTrace::canonical_request`].
pub fn wire_query(request: &HttpRequest) -> String {
    let mut query = String::new();
    query::write_query(&mut query, &request.query, QueryOrder::Wire);
    query
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

/// Whether the official signer opts the body out of signing: a non-empty content type that is not
/// JSON or BSON, looked up under the exact name `Content-Type` (the official signer reads one
/// dict key, so `content-type` never switches).
fn unsigned_payload(request: &HttpRequest) -> bool {
    let content_type = request.headers.iter().find(|(name, _)| name == "Content-Type");
    content_type.is_some_and(|(_, value)| {
        !value.is_empty()
            && !value.starts_with("application/json")
            && !value.starts_with("application/bson")
    })
}

/// Adds the headers that are part of the signature, in the official SDK's order, and trims
/// every header value the way the official signer does before sending.
fn prepare_headers(
    request: &mut HttpRequest,
    credentials: &Credentials,
    context: &SigningContext<'_>,
    sdk_date: &str,
) {
    request.headers.retain(|(name, _)| !name.eq_ignore_ascii_case(AUTHORIZATION_HEADER));
    // Room for the headers added here, so the list grows once.
    request.headers.reserve(6);
    if let Some(project_id) = context.project_id.filter(|id| !id.is_empty()) {
        request.set_header(PROJECT_ID_HEADER, project_id);
    }
    if let Some(token) = credentials.security_token() {
        request.set_header(SECURITY_TOKEN_HEADER, token);
    }
    if unsigned_payload(request) {
        // Like the official signer's dict assignment: a caller's header spelled differently stays
        // beside this one, and its value, being first, is the payload hash (`write_payload_hash`).
        let header = canonical::CONTENT_SHA256_HEADER;
        match request.headers.iter_mut().find(|(name, _)| name == header) {
            Some(slot) => canonical::UNSIGNED_PAYLOAD.clone_into(&mut slot.1),
            None => {
                request.headers.push((header.to_owned(), canonical::UNSIGNED_PAYLOAD.to_owned()))
            }
        }
    }
    request.set_header(SDK_DATE_HEADER, sdk_date);
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
