//! `V11-HMAC-SHA256`: derived AK/SK signing. The signing key is derived per day, region and
//! service with HKDF-SHA256, so a leaked signature key is only good for that scope.

use hkdf::Hkdf;
use sha2::Sha256;

/// Algorithm name at the head of the string to sign and the `Authorization` value.
pub(crate) const ALGORITHM: &str = "V11-HMAC-SHA256";

/// The credential scope `YYYYMMDD/<region>/<service>`, also the HKDF info.
pub(crate) fn scope(day_stamp: &str, region: &str, service: &str) -> String {
    format!("{day_stamp}/{region}/{service}")
}

/// The signing key: HKDF-SHA256 (salt = AK, input key = SK, info = scope, 32 bytes), used as
/// the HMAC key in its lower-case hex form, as the official SDK does.
pub(crate) fn signing_key(access_key: &str, secret_key: &str, scope: &str) -> String {
    let hkdf = Hkdf::<Sha256>::new(Some(access_key.as_bytes()), secret_key.as_bytes());
    let mut key = [0u8; 32];
    // 32 bytes is far below HKDF-SHA256's 8160-byte limit, so expansion never fails.
    hkdf.expand(scope.as_bytes(), &mut key)
        .unwrap_or_else(|_| unreachable!("32 bytes is a valid HKDF length"));
    hex::encode(key)
}
