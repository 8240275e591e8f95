//! `SDK-HMAC-SHA256`: the string to sign, signature and `Authorization` value of Huawei Cloud's
//! default AK/SK signing.

use hmac::{Hmac, Mac};
use sha2::Sha256;

use super::canonical::sha256_hex;

/// Algorithm name at the head of the string to sign and the `Authorization` value.
pub(crate) const ALGORITHM: &str = "SDK-HMAC-SHA256";

/// `ALGORITHM \n X-Sdk-Date \n hex(sha256(canonical request))`.
pub(crate) fn string_to_sign(sdk_date: &str, canonical_request: &str) -> String {
    format!("{ALGORITHM}\n{sdk_date}\n{}", sha256_hex(canonical_request.as_bytes()))
}

/// A keyed HMAC-SHA256 ready to take the string to sign.
pub(crate) fn mac(key: &[u8]) -> Hmac<Sha256> {
    // HMAC accepts keys of any length, so this never fails.
    <Hmac<Sha256> as Mac>::new_from_slice(key)
        .unwrap_or_else(|_| unreachable!("HMAC takes any key length"))
}
