//! Signing and verification errors. None of them ever carries a secret.

/// Why a request could not be signed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SigningError {
    /// The AK/SK credentials have an empty access key.
    #[error("cannot sign: the access key is empty")]
    MissingAccessKey,
    /// The AK/SK credentials have an empty secret key.
    #[error("cannot sign: the secret key is empty")]
    MissingSecretKey,
    /// The IAM-token credentials have an empty token.
    #[error("cannot authenticate: the IAM token is empty")]
    MissingIamToken,
    /// Derived signing needs the service name and region for its credential scope.
    #[error("derived signing (V11-HMAC-SHA256) needs a non-empty {0}")]
    MissingDerivedScope(&'static str),
    /// The signing time cannot be written as an `X-Sdk-Date` (before 1970 or after 9999).
    #[error("the signing time is outside the years 1970..=9999")]
    TimeOutOfRange,
}

/// Why a received request failed verification. Never carries a secret; the access key is not
/// one.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum VerifyError {
    /// No `Authorization` header.
    #[error("the request has no Authorization header")]
    MissingAuthorization,
    /// The `Authorization` header does not have the expected shape.
    #[error("malformed Authorization header: {0}")]
    MalformedAuthorization(&'static str),
    /// The `Authorization` header names an algorithm this verifier does not accept.
    #[error("unsupported signing algorithm `{0}`")]
    UnsupportedAlgorithm(String),
    /// No `X-Sdk-Date` header, or one that is not `YYYYMMDDTHHMMSSZ`.
    #[error("missing or malformed X-Sdk-Date header")]
    BadDate,
    /// The request was signed too far from the verifier's clock.
    #[error(
        "X-Sdk-Date is {skew_seconds}s away from the server clock (allowed: {max_skew_seconds}s)"
    )]
    ClockSkew {
        /// Distance between the request date and now, in whole seconds.
        skew_seconds: u64,
        /// The allowed distance, in whole seconds.
        max_skew_seconds: u64,
    },
    /// `SignedHeaders` leaves out `x-sdk-date`, the one header every signature must cover.
    #[error("header `{0}` must be signed")]
    UnsignedRequiredHeader(&'static str),
    /// `SignedHeaders` names a header the request does not carry.
    #[error("signed header `{0}` is missing from the request")]
    MissingSignedHeader(String),
    /// The access key is not known to the verifier.
    #[error("unknown access key `{0}`")]
    UnknownAccessKey(String),
    /// The derived-signing credential scope does not match the date, region or service.
    #[error("credential scope does not match: {0}")]
    ScopeMismatch(&'static str),
    /// `X-Sdk-Content-Sha256` is neither `UNSIGNED-PAYLOAD` nor the body's hash.
    #[error("X-Sdk-Content-Sha256 does not match the body")]
    PayloadHashMismatch,
    /// The signature does not match the request.
    #[error("the signature does not match the request")]
    SignatureMismatch,
}
