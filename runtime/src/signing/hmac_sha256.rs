//! `SDK-HMAC-SHA256`, Huawei Cloud's default AK/SK signing: its algorithm name and the keyed HMAC.

use hmac::{Hmac, Mac};
use sha2::Sha256;

/// Algorithm name at the head of the string to sign and the `Authorization` value.
pub(crate) const ALGORITHM: &str = "SDK-HMAC-SHA256";

/// A keyed HMAC-SHA256 ready to take the string to sign.
pub(crate) fn mac(key: &[u8]) -> Hmac<Sha256> {
    // HMAC accepts keys of any length, so this never fails.
    <Hmac<Sha256> as Mac>::new_from_slice(key)
        .unwrap_or_else(|_| unreachable!("HMAC takes any key length"))
}
