//! `SDK-HMAC-SHA256` over a chosen set of headers, written here rather than taken from the
//! runtime (whose signer always signs every header, `host` included), so a simulator test can
//! send what clients like the Terraform provider send. Being a second implementation, it also
//! checks the verifier against something other than its own signer.

use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};
use specbind::http_request::{HttpRequest, QueryValue};

/// Replaces the `Authorization` of a request the runtime has signed (so `X-Sdk-Date` is set)
/// with one covering only `names`, which must be lower-case.
pub fn resign(request: &mut HttpRequest, access_key: &str, secret_key: &str, names: &[String]) {
    let date = request.header("X-Sdk-Date").expect("the runtime signer set X-Sdk-Date").to_owned();
    let mut names = names.to_vec();
    names.sort();
    let signed = names.join(";");
    let canonical = canonical_request(request, &names, &signed);
    let string_to_sign = format!("SDK-HMAC-SHA256\n{date}\n{}", hex(&Sha256::digest(canonical)));
    let mut mac = Hmac::<Sha256>::new_from_slice(secret_key.as_bytes()).expect("any key length");
    mac.update(string_to_sign.as_bytes());
    let signature = hex(&mac.finalize().into_bytes());
    let authorization = format!(
        "SDK-HMAC-SHA256 Access={access_key}, SignedHeaders={signed}, Signature={signature}"
    );
    request.set_header("Authorization", authorization);
}

/// Method, path with a trailing `/`, sorted query, the signed headers as `name:value` lines,
/// their names, and the body's SHA-256. A listed header the request lacks signs as empty, so
/// the server finds it missing.
fn canonical_request(request: &HttpRequest, names: &[String], signed: &str) -> String {
    let mut path: String =
        request.resource_path.split('/').map(encode).collect::<Vec<_>>().join("/");
    if !path.ends_with('/') {
        path.push('/');
    }
    let mut pairs: Vec<(&str, String)> = request
        .query
        .iter()
        .flat_map(|(key, value)| {
            let values: Vec<String> = match value {
                QueryValue::Single(value) => vec![value.clone()],
                QueryValue::List(values) => values.clone(),
                QueryValue::Integers(values) => values.iter().map(i64::to_string).collect(),
            };
            values.into_iter().map(move |v| (key.as_str(), v))
        })
        .collect();
    pairs.sort();
    let query: Vec<String> =
        pairs.iter().map(|(k, v)| format!("{}={}", encode(k), encode(v))).collect();
    let headers: String = names
        .iter()
        .map(|name| format!("{name}:{}\n", request.header(name).unwrap_or_default().trim()))
        .collect();
    let method = request.method.as_str();
    let body = hex(&Sha256::digest(&request.body));
    format!("{method}\n{path}\n{}\n{headers}\n{signed}\n{body}", query.join("&"))
}

/// Percent-encodes all but ASCII letters, digits and `_.-~`.
fn encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'_' | b'.' | b'-' | b'~' => {
                char::from(b).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
