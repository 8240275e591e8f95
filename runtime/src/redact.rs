//! Which headers carry secrets, so no `Debug`, log or error ever prints them.

/// Headers whose values are credentials or derived from them.
const SECRET_HEADERS: &[&str] =
    &["authorization", "x-security-token", "x-auth-token", "proxy-authorization"];

/// True when `name` (any case) carries a credential.
pub fn is_secret_header(name: &str) -> bool {
    SECRET_HEADERS.iter().any(|secret| secret.eq_ignore_ascii_case(name))
}
