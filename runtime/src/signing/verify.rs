//! The server side: checks a received request's signature by recomputing it from the request
//! itself. Only the access key, the list of signed headers and the signature are taken from the
//! `Authorization` header; everything that was signed is rebuilt from what arrived.

use std::time::{Duration, SystemTime};

use super::canonical::{self, UNSIGNED_PAYLOAD};
use super::date::SdkDate;
use super::error::VerifyError;
use super::query::QueryOrder;
use super::{AUTHORIZATION_HEADER, SDK_DATE_HEADER, SigningAlgorithm, derived, hmac_sha256};
use crate::http_request::HttpRequest;
use hmac::Mac;

/// The one header every signature must cover: without it a signature could be replayed at any
/// time.
const REQUIRED_SIGNED_HEADER: &str = "x-sdk-date";

/// A request whose signature checked out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifiedRequest {
    /// The access key that signed it.
    pub access_key: String,
    /// The algorithm it was signed with.
    pub algorithm: SigningAlgorithm,
}

/// The parts of an `Authorization` header value.
struct Authorization<'a> {
    algorithm: SigningAlgorithm,
    access_key: &'a str,
    /// `YYYYMMDD/region/service`, derived signing only.
    scope: Option<&'a str>,
    signed_headers: Vec<String>,
    signature: &'a str,
}

/// Verifies `request` as received: `secret_for(access_key)` supplies the secret key, `now` and
/// `max_skew` bound the `X-Sdk-Date`, and `derived_context` (service, region) enables
/// `V11-HMAC-SHA256`, whose scope must name that service and region and the request's date.
///
/// Like Huawei's API gateway, it accepts any set of signed headers that includes `x-sdk-date`:
/// every header named in `SignedHeaders` must be present and carry the value that was signed,
/// and nothing else (not even `host`) has to be signed.
///
/// The query is canonicalized by sorting the received pairs. When a key repeats and that fails,
/// the pairs are also tried in the order received: the official signer signs a key's several
/// lists in its own order (see [`super::wire_query`]) and sends them in that order unless
/// sorting each list's items reorders the lists. In that last case the query it sends does not
/// determine the one it signed, and the request is rejected.
///
/// Requests from the official SDK with a caller's `x-sdk-content-sha256` beside its own
/// `X-Sdk-Content-Sha256` verify like any other: the first of them is the payload hash, and it
/// must be `UNSIGNED-PAYLOAD` or the body's true hash.
///
/// `request.resource_path` is the path as received (still percent-encoded) and `request.query`
/// the decoded query pairs; [`super::received_request`] builds such a request.
pub fn verify_request(
    request: &HttpRequest,
    secret_for: impl Fn(&str) -> Option<String>,
    now: SystemTime,
    max_skew: Duration,
    derived_context: Option<(&str, &str)>,
) -> Result<VerifiedRequest, VerifyError> {
    let header = request.header(AUTHORIZATION_HEADER).ok_or(VerifyError::MissingAuthorization)?;
    let authorization = parse_authorization(header)?;
    let sdk_date =
        request.header(SDK_DATE_HEADER).map(canonical::trim_header_value).unwrap_or_default();
    let date = SdkDate::parse(sdk_date).ok_or(VerifyError::BadDate)?;
    check_skew(date.to_system_time(), now, max_skew)?;
    // The gateway requires only the date to be signed (Huawei's signing guide; the Terraform
    // provider signs `accept;content-type;user-agent;x-sdk-date`, no `host`). Whatever else the
    // client chose to sign must be present and unchanged, which the signature itself checks.
    if !authorization.signed_headers.iter().any(|name| name == REQUIRED_SIGNED_HEADER) {
        return Err(VerifyError::UnsignedRequiredHeader(REQUIRED_SIGNED_HEADER));
    }
    check_payload_hash(request)?;
    let canonical_request = |order| {
        let signed = &authorization.signed_headers;
        canonical::canonical_request(request, signed, canonical::NameCase::AsGiven, order)
            .map_err(VerifyError::MissingSignedHeader)
    };
    let sorted = canonical_request(QueryOrder::Signed)?;
    let secret_key = secret_for(authorization.access_key)
        .filter(|sk| !sk.is_empty())
        .ok_or_else(|| VerifyError::UnknownAccessKey(authorization.access_key.to_owned()))?;
    let sdk_date = date.to_string();
    let key = match authorization.scope {
        None => secret_key,
        Some(scope) => {
            let (service, region) = derived_context
                .ok_or_else(|| VerifyError::UnsupportedAlgorithm(derived::ALGORITHM.to_owned()))?;
            check_scope(scope, date, service, region)?;
            derived::signing_key(authorization.access_key, &secret_key, scope)
        }
    };
    let expected =
        hex::decode(authorization.signature).map_err(|_| VerifyError::SignatureMismatch)?;
    let signs = |canonical_request: &str| {
        let canonical_hash = canonical::sha256_hex(canonical_request.as_bytes());
        let pieces = super::string_to_sign_pieces(authorization.scope, &sdk_date, &canonical_hash);
        let mut mac = hmac_sha256::mac(key.as_bytes());
        for piece in pieces {
            mac.update(piece.as_bytes());
        }
        // Constant-time comparison: a timing side channel must not reveal the right signature.
        mac.verify_slice(&expected).is_ok()
    };
    if !signs(&sorted) {
        // The official signer signs a key's several lists in an order of its own and sends them
        // in the order it signed whenever sorting each list's items does not reorder the lists;
        // the received order is then the signed one. Only a repeated key can need this.
        let as_received = match has_repeated_key(request) {
            true => Some(canonical_request(QueryOrder::AsGiven)?),
            false => None,
        };
        if !as_received.is_some_and(|text| text != sorted && signs(&text)) {
            return Err(VerifyError::SignatureMismatch);
        }
    }
    Ok(VerifiedRequest {
        access_key: authorization.access_key.to_owned(),
        algorithm: authorization.algorithm,
    })
}

/// Sorted rather than compared pairwise: a received query can be long, and this runs on the
/// path of failed signatures, which anyone can send.
fn has_repeated_key(request: &HttpRequest) -> bool {
    let mut keys: Vec<&str> = request.query.iter().map(|(key, _)| key.as_str()).collect();
    keys.sort_unstable();
    keys.windows(2).any(|pair| pair[0] == pair[1])
}

fn parse_authorization(value: &str) -> Result<Authorization<'_>, VerifyError> {
    let (name, rest) =
        value.split_once(' ').ok_or(VerifyError::MalformedAuthorization("no algorithm"))?;
    let (algorithm, credential_key) = match name {
        hmac_sha256::ALGORITHM => (SigningAlgorithm::HmacSha256, "Access"),
        derived::ALGORITHM => (SigningAlgorithm::DerivedHmacSha256, "Credential"),
        other => return Err(VerifyError::UnsupportedAlgorithm(other.chars().take(40).collect())),
    };
    let mut fields = rest.split(", ");
    let mut field = |key: &str, what: &'static str| -> Result<&str, VerifyError> {
        fields
            .next()
            .and_then(|field| field.strip_prefix(key))
            .and_then(|field| field.strip_prefix('='))
            .ok_or(VerifyError::MalformedAuthorization(what))
    };
    let credential = field(credential_key, "expected Access= or Credential=")?;
    let signed_headers = field("SignedHeaders", "expected SignedHeaders=")?;
    let signature = field("Signature", "expected Signature=")?;
    if fields.next().is_some() {
        return Err(VerifyError::MalformedAuthorization("unexpected trailing fields"));
    }
    let (access_key, scope) = match algorithm {
        SigningAlgorithm::HmacSha256 => (credential, None),
        SigningAlgorithm::DerivedHmacSha256 => {
            let (access_key, scope) = credential
                .split_once('/')
                .ok_or(VerifyError::MalformedAuthorization("credential without scope"))?;
            (access_key, Some(scope))
        }
    };
    if access_key.is_empty() || signed_headers.is_empty() {
        return Err(VerifyError::MalformedAuthorization("empty access key or signed headers"));
    }
    let signed_headers = signed_headers.split(';').map(str::to_owned).collect();
    Ok(Authorization { algorithm, access_key, scope, signed_headers, signature })
}

fn check_skew(
    signed_at: SystemTime,
    now: SystemTime,
    max_skew: Duration,
) -> Result<(), VerifyError> {
    let skew = signed_at
        .duration_since(now)
        .or_else(|_| now.duration_since(signed_at))
        .unwrap_or_default();
    if skew > max_skew {
        return Err(VerifyError::ClockSkew {
            skew_seconds: skew.as_secs(),
            max_skew_seconds: max_skew.as_secs(),
        });
    }
    Ok(())
}

/// `X-Sdk-Content-Sha256` may only opt out of body signing or state the true hash; anything else
/// would let a client claim a hash for a body it did not send.
fn check_payload_hash(request: &HttpRequest) -> Result<(), VerifyError> {
    // The first such header is the one hashed, and a blank one means the body's own hash.
    let claimed =
        request.header(canonical::CONTENT_SHA256_HEADER).map(canonical::trim_header_value);
    match claimed {
        Some(claimed) if !request.body.is_empty() && !claimed.is_empty() => {
            if claimed == UNSIGNED_PAYLOAD || claimed == canonical::sha256_hex(&request.body) {
                Ok(())
            } else {
                Err(VerifyError::PayloadHashMismatch)
            }
        }
        _ => Ok(()),
    }
}

fn check_scope(scope: &str, date: SdkDate, service: &str, region: &str) -> Result<(), VerifyError> {
    let expected = derived::scope(&date.day_stamp(), region, service);
    if scope == expected {
        return Ok(());
    }
    let day_matches = scope.split('/').next() == Some(date.day_stamp().as_str());
    Err(VerifyError::ScopeMismatch(if day_matches { "region or service" } else { "date" }))
}
