//! The canonical request: the exact text both sides hash, built from the request's pieces the way
//! `huaweicloudsdkcore`'s `Signer` builds it.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, percent_decode_str, utf8_percent_encode};
use sha2::{Digest, Sha256};
use smallvec::SmallVec;

use super::query::{QueryOrder, write_query};
use crate::http_request::HttpRequest;

/// Header carrying the payload hash (or `UNSIGNED-PAYLOAD`) when the body is not signed.
pub(crate) const CONTENT_SHA256_HEADER: &str = "X-Sdk-Content-Sha256";
/// Value of [`CONTENT_SHA256_HEADER`] for bodies that are not JSON/BSON.
pub(crate) const UNSIGNED_PAYLOAD: &str = "UNSIGNED-PAYLOAD";
/// SHA-256 of the empty string: the payload hash of a request without a body.
pub(crate) const EMPTY_PAYLOAD_SHA256: &str =
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

/// Python's `quote(s, safe='~')`: everything but ASCII letters, digits and `_.-~` is escaped.
pub(crate) const ESCAPED: &AsciiSet =
    &NON_ALPHANUMERIC.remove(b'_').remove(b'.').remove(b'-').remove(b'~');

/// Lower-case hex SHA-256 of `data`.
pub(crate) fn sha256_hex(data: &[u8]) -> String {
    HexDigest::of(&Sha256::digest(data).into()).as_str().to_owned()
}

/// The lower-case hex form of a SHA-256 digest or HMAC-SHA256, on the stack: signing hex-encodes
/// three digests per request and only the last one ends up in a header.
pub(crate) struct HexDigest([u8; 64]);

impl HexDigest {
    /// Encodes a 32-byte digest.
    pub(crate) fn of(digest: &[u8; 32]) -> Self {
        const DIGITS: &[u8; 16] = b"0123456789abcdef";
        let mut text = [0u8; 64];
        for (pair, byte) in text.chunks_exact_mut(2).zip(digest) {
            pair[0] = DIGITS[usize::from(byte >> 4)];
            pair[1] = DIGITS[usize::from(byte & 0x0f)];
        }
        Self(text)
    }

    /// The 64 hex digits.
    pub(crate) fn as_str(&self) -> &str {
        // Only ASCII hex digits are ever written.
        std::str::from_utf8(&self.0).unwrap_or_else(|_| unreachable!("hex digits are ASCII"))
    }
}

// The writers below append to one buffer: signing is on every call's path, and building the
// canonical request from many small strings spent more time in the allocator than in SHA-256.

/// Appends the canonical URI: each `/`-separated segment of the decoded path re-encoded, with a
/// trailing `/` always present (the official signer adds one even when the wire path has none).
///
/// Decoding is lossy like Python's `unquote` (bad UTF-8 becomes U+FFFD). An empty path, which the
/// official signer cannot handle, is treated as `/`.
fn write_canonical_uri(out: &mut String, resource_path: &str) {
    let decoded = percent_decode_str(resource_path).decode_utf8_lossy();
    let start = out.len();
    for (i, segment) in decoded.split('/').enumerate() {
        if i > 0 {
            out.push('/');
        }
        out.extend(utf8_percent_encode(segment, ESCAPED));
    }
    if !out[start..].ends_with('/') {
        out.push('/');
    }
}

/// Python's `str.isspace()`: Unicode whitespace plus the ASCII separators U+001C..U+001F.
fn is_python_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

/// A header value as the official signer signs and sends it: trimmed of surrounding whitespace.
pub(crate) fn trim_header_value(value: &str) -> &str {
    value.trim_matches(is_python_space)
}

/// Names of the headers that are signed, sorted as their lower-case forms sort. Names containing
/// `_` are left out: proxies commonly drop such headers, so signing them would break the
/// signature. The names are borrowed as written; [`NameCase::Lower`] lower-cases them on output.
pub(crate) fn signed_header_names(headers: &[(String, String)]) -> SmallVec<[&str; 16]> {
    let names =
        headers.iter().filter(|(name, _)| !name.contains('_')).map(|(name, _)| name.as_str());
    let mut names: SmallVec<[&str; 16]> = names.collect();
    names.sort_unstable_by(|a, b| {
        a.bytes().map(|c| c.to_ascii_lowercase()).cmp(b.bytes().map(|c| c.to_ascii_lowercase()))
    });
    names
}

/// How signed header names are written into the canonical request.
#[derive(Clone, Copy)]
pub(crate) enum NameCase {
    /// Lower-cased: the signer's own names, as written on the request.
    Lower,
    /// As given: names read from a received `SignedHeaders` list.
    AsGiven,
}

impl NameCase {
    fn write(self, out: &mut String, name: &str) {
        match self {
            Self::AsGiven => out.push_str(name),
            Self::Lower => {
                let start = out.len();
                out.push_str(name);
                out[start..].make_ascii_lowercase();
            }
        }
    }
}

/// Appends `name1;name2;...`, the `SignedHeaders` list.
pub(crate) fn write_signed_list<S: AsRef<str>>(out: &mut String, signed: &[S], case: NameCase) {
    for (i, name) in signed.iter().enumerate() {
        if i > 0 {
            out.push(';');
        }
        case.write(out, name.as_ref());
    }
}

/// `name:value\n` for each signed header, with the value of the last header of that name.
/// `Err` names a signed header the request does not carry.
fn write_canonical_headers<S: AsRef<str>>(
    out: &mut String,
    headers: &[(String, String)],
    signed: &[S],
    case: NameCase,
) -> Result<(), String> {
    for name in signed {
        let name = name.as_ref();
        let value = headers
            .iter()
            .rev()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| trim_header_value(value))
            .ok_or_else(|| name.to_owned())?;
        case.write(out, name);
        out.push(':');
        out.push_str(value);
        out.push('\n');
    }
    Ok(())
}

/// Appends the payload hash: the empty-body hash when there is no body, else the value of
/// `X-Sdk-Content-Sha256` when set, else the SHA-256 of the body.
fn write_payload_hash(out: &mut String, request: &HttpRequest) {
    if request.body.is_empty() {
        out.push_str(EMPTY_PAYLOAD_SHA256);
        return;
    }
    match request.header(CONTENT_SHA256_HEADER).map(trim_header_value) {
        Some(value) if !value.is_empty() => out.push_str(value),
        _ => out.push_str(HexDigest::of(&Sha256::digest(&request.body).into()).as_str()),
    }
}

/// Joins the six parts of the canonical request, the query in `query` order. `Err` names a signed
/// header that is missing.
pub(crate) fn canonical_request<S: AsRef<str>>(
    request: &HttpRequest,
    signed: &[S],
    case: NameCase,
    query: QueryOrder,
) -> Result<String, String> {
    let mut text = String::with_capacity(
        384 + request.resource_path.len() + 32 * request.query.len() + 48 * signed.len(),
    );
    write_canonical_request(&mut text, request, signed, case, query)?;
    Ok(text)
}

thread_local! {
    /// The canonical request of the last signature made on this thread, kept for its capacity.
    static CANONICAL_BUFFER: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
}

/// The SHA-256 of the canonical request, built in a per-thread buffer that is reused, so the
/// per-call path allocates nothing for it.
pub(crate) fn canonical_request_hash<S: AsRef<str>>(
    request: &HttpRequest,
    signed: &[S],
    case: NameCase,
    query: QueryOrder,
) -> Result<[u8; 32], String> {
    let hash = |text: &mut String| {
        text.clear();
        write_canonical_request(text, request, signed, case, query)?;
        Ok(Sha256::digest(text.as_bytes()).into())
    };
    CANONICAL_BUFFER
        .try_with(|buffer| match buffer.try_borrow_mut() {
            Ok(mut text) => hash(&mut text),
            // Only reachable if hashing re-entered itself; a fresh buffer is always correct.
            Err(_) => hash(&mut String::new()),
        })
        // The thread is shutting down and its buffer is gone.
        .unwrap_or_else(|_| hash(&mut String::new()))
}

fn write_canonical_request<S: AsRef<str>>(
    text: &mut String,
    request: &HttpRequest,
    signed: &[S],
    case: NameCase,
    query: QueryOrder,
) -> Result<(), String> {
    text.push_str(request.method.as_str());
    text.make_ascii_uppercase();
    text.push('\n');
    write_canonical_uri(text, &request.resource_path);
    text.push('\n');
    write_query(text, &request.query, query);
    text.push('\n');
    write_canonical_headers(text, &request.headers, signed, case)?;
    text.push('\n');
    write_signed_list(text, signed, case);
    text.push('\n');
    write_payload_hash(text, request);
    Ok(())
}
