//! The official signer's quirks that ours keeps (see `signing::sign_request`), stage by stage,
//! and the requests the official SDK sends for them through `verify_request`.
//!
//! Every expected literal, header list and URI is huaweicloudsdkcore 3.1.219's output for the
//! same request; `python3 conformance/signing/stage_examples.py` prints them again (the
//! `QUIRK_EXAMPLES`).

mod signing_fixture;

use std::time::Duration;

use signing_fixture::{AK, EMPTY_HASH, HOST, SK, request, signing_time};
use specbind::credentials::Credentials;
use specbind::http_request::{HttpRequest, QueryValue};
use specbind::signing::{
    SigningAlgorithm, SigningContext, SigningTrace, VerifyError, parse_wire_query, sign_request,
    verify_request, wire_query,
};

const DATE: &str = "20240315T081530Z";
/// SHA-256 of `hello`, the body of the header quirks' requests.
const HELLO_HASH: &str = "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824";

fn headers(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs.iter().map(|(name, value)| ((*name).to_owned(), (*value).to_owned())).collect()
}

fn sign(request: &mut HttpRequest) -> SigningTrace {
    let context = SigningContext {
        service: "vpcep",
        region: "cn-north-4",
        project_id: None,
        now: signing_time(),
    };
    let credentials = Credentials::aksk(AK, SK);
    sign_request(request, &credentials, SigningAlgorithm::HmacSha256, &context).unwrap()
}

fn assert_stages(trace: &SigningTrace, canonical_request: &str, hash: &str, authorization: &str) {
    assert_eq!(trace.canonical_request, canonical_request, "canonical request");
    let string_to_sign = format!("SDK-HMAC-SHA256\n{DATE}\n{hash}");
    assert_eq!(trace.string_to_sign, string_to_sign, "string to sign");
    assert_eq!(trace.authorization, authorization, "authorization");
}

fn content_type_lower() -> HttpRequest {
    let mut request = request(http::Method::POST, "/upload");
    request.headers = headers(&[("content-type", "text/plain")]);
    request.body = "hello".into();
    request
}

fn content_sha256_lower() -> HttpRequest {
    let mut request = request(http::Method::POST, "/upload");
    request.headers =
        headers(&[("x-sdk-content-sha256", HELLO_HASH), ("Content-Type", "text/plain")]);
    request.body = "hello".into();
    request
}

fn texts(items: &[&str]) -> QueryValue {
    QueryValue::List(items.iter().map(|item| (*item).to_owned()).collect())
}

fn repeated_lists(tags: [&[&str]; 2], ids: [&[i64]; 2]) -> HttpRequest {
    let mut request = request(http::Method::GET, "/v1/p1/vpc-endpoints");
    request.query = vec![
        ("tags".into(), texts(tags[0])),
        ("tags".into(), texts(tags[1])),
        ("ids".into(), QueryValue::Integers(ids[0].to_vec())),
        ("ids".into(), QueryValue::Integers(ids[1].to_vec())),
    ];
    request
}

#[test]
fn content_type_in_lower_case_leaves_the_body_signed() {
    let mut request = content_type_lower();
    let trace = sign(&mut request);
    assert_stages(
        &trace,
        &format!(
            "POST\n/upload/\n\ncontent-type:text/plain\nhost:{HOST}\nx-sdk-date:{DATE}\n\n\
             content-type;host;x-sdk-date\n{HELLO_HASH}"
        ),
        "5fcaf4e1f93ac405be6017873aef8c93c205b478f9483159420099bb9386dd7c",
        "SDK-HMAC-SHA256 Access=AKIDEXAMPLE, SignedHeaders=content-type;host;x-sdk-date, \
         Signature=afe32624733f0a24ecc3b2366d15aa2693983cd9964abf5897d8e7df2252bd8c",
    );
    assert_eq!(request.header("X-Sdk-Content-Sha256"), None);
}

#[test]
fn a_callers_content_sha256_in_another_spelling_stays_beside_ours_and_hashes() {
    let mut request = content_sha256_lower();
    let trace = sign(&mut request);
    let signed = "content-type;host;x-sdk-content-sha256;x-sdk-content-sha256;x-sdk-date";
    assert_stages(
        &trace,
        &format!(
            "POST\n/upload/\n\ncontent-type:text/plain\nhost:{HOST}\n\
             x-sdk-content-sha256:UNSIGNED-PAYLOAD\nx-sdk-content-sha256:UNSIGNED-PAYLOAD\n\
             x-sdk-date:{DATE}\n\n{signed}\n{HELLO_HASH}"
        ),
        "aeee95ecd77c68c58ae533775742a3bedb60cc4bad7eca9f5c6eba2f84329f81",
        &format!(
            "SDK-HMAC-SHA256 Access=AKIDEXAMPLE, SignedHeaders={signed}, \
             Signature=4ebb57c0c818bb1574bd2ff1687db13c67fcd93031c98d648f829f2fb6a6e8d2"
        ),
    );
    let payload_headers: Vec<(&str, &str)> = request
        .headers
        .iter()
        .filter(|(name, _)| name.eq_ignore_ascii_case("x-sdk-content-sha256"))
        .map(|(name, value)| (name.as_str(), value.as_str()))
        .collect();
    assert_eq!(
        payload_headers,
        [("x-sdk-content-sha256", HELLO_HASH), ("X-Sdk-Content-Sha256", "UNSIGNED-PAYLOAD")]
    );
}

#[test]
fn the_exact_spelling_of_content_sha256_is_replaced() {
    let mut request = content_sha256_lower();
    request.headers[0].0 = "X-Sdk-Content-Sha256".into();
    let trace = sign(&mut request);
    assert_eq!(request.headers[0], ("X-Sdk-Content-Sha256".into(), "UNSIGNED-PAYLOAD".into()));
    assert_eq!(request.headers.iter().filter(|(name, _)| name.starts_with("X-Sdk-C")).count(), 1);
    assert!(trace.canonical_request.ends_with("\nUNSIGNED-PAYLOAD"), "{trace:?}");
}

#[test]
fn several_lists_of_one_key_are_signed_in_their_given_order_and_sent_sorted() {
    let mut request = repeated_lists([&["b", "a"], &["a", "z"]], [&[10, 9], &[9, 100]]);
    request.query.push(("limit".into(), QueryValue::Single("5".into())));
    let trace = sign(&mut request);
    let signed_query = "ids=9&ids=100&ids=9&ids=10&limit=5&tags=a&tags=z&tags=a&tags=b";
    assert_stages(
        &trace,
        &format!(
            "GET\n/v1/p1/vpc-endpoints/\n{signed_query}\nhost:{HOST}\nx-sdk-date:{DATE}\n\n\
             host;x-sdk-date\n{EMPTY_HASH}"
        ),
        "cd256a29f68b89ce823e251481cf55762c23f3411419713a1035609bc291b161",
        "SDK-HMAC-SHA256 Access=AKIDEXAMPLE, SignedHeaders=host;x-sdk-date, \
         Signature=9f5795220950d43da4d944f04b082868987ac6bf4704f8b0c5807920b0526ca9",
    );
    assert_eq!(
        wire_query(&request),
        "ids=9&ids=10&ids=9&ids=100&limit=5&tags=a&tags=b&tags=a&tags=z"
    );
}

#[test]
fn several_sorted_lists_of_one_key_are_sent_as_signed() {
    let mut request = repeated_lists([&["a", "z"], &["a", "b"]], [&[9, 10], &[2]]);
    let trace = sign(&mut request);
    let query = "ids=2&ids=9&ids=10&tags=a&tags=b&tags=a&tags=z";
    assert_stages(
        &trace,
        &format!(
            "GET\n/v1/p1/vpc-endpoints/\n{query}\nhost:{HOST}\nx-sdk-date:{DATE}\n\n\
             host;x-sdk-date\n{EMPTY_HASH}"
        ),
        "9425aab1d76f954f472e9fc044796ff3f352e6f8bb51648de4ecc266e057f061",
        "SDK-HMAC-SHA256 Access=AKIDEXAMPLE, SignedHeaders=host;x-sdk-date, \
         Signature=596c517569e29c37e6fe61b379a3e893e06653cff75e9e6011a22259af911521",
    );
    assert_eq!(wire_query(&request), query);
}

// The verifier, fed the requests exactly as the official SDK sent them: its final headers (names
// lower-cased, as an HTTP server sees them), its URI and the body.

/// A received request: `uri` is the official SDK's `request.uri`.
fn received(method: http::Method, uri: &str, sent: &[(&str, &str)], body: &str) -> HttpRequest {
    let (path, query) = uri.split_once('?').unwrap_or((uri, ""));
    let mut request = request(method, path);
    request.query = parse_wire_query(query);
    request.headers =
        sent.iter().map(|(name, value)| (name.to_ascii_lowercase(), (*value).to_owned())).collect();
    request.body = body.to_owned().into();
    request
}

fn verify(request: &HttpRequest) -> Result<(), VerifyError> {
    let secret_for = |access_key: &str| (access_key == AK).then(|| SK.to_owned());
    let max_skew = Duration::from_secs(15 * 60);
    verify_request(request, secret_for, signing_time(), max_skew, None).map(|_| ())
}

fn authorization(signed: &str, signature: &str) -> String {
    format!("SDK-HMAC-SHA256 Access={AK}, SignedHeaders={signed}, Signature={signature}")
}

fn sent_content_type_lower() -> HttpRequest {
    let signature = "afe32624733f0a24ecc3b2366d15aa2693983cd9964abf5897d8e7df2252bd8c";
    let authorization = authorization("content-type;host;x-sdk-date", signature);
    let sent = [
        ("content-type", "text/plain"),
        ("X-Sdk-Date", DATE),
        ("Host", HOST),
        ("Authorization", &authorization),
    ];
    received(http::Method::POST, "/upload", &sent, "hello")
}

fn sent_content_sha256_lower() -> HttpRequest {
    let signed = "content-type;host;x-sdk-content-sha256;x-sdk-content-sha256;x-sdk-date";
    let signature = "4ebb57c0c818bb1574bd2ff1687db13c67fcd93031c98d648f829f2fb6a6e8d2";
    let authorization = authorization(signed, signature);
    let sent = [
        ("x-sdk-content-sha256", HELLO_HASH),
        ("Content-Type", "text/plain"),
        ("X-Sdk-Date", DATE),
        ("X-Sdk-Content-Sha256", "UNSIGNED-PAYLOAD"),
        ("Host", HOST),
        ("Authorization", &authorization),
    ];
    received(http::Method::POST, "/upload", &sent, "hello")
}

fn sent_repeated_lists(uri: &str, signature: &str) -> HttpRequest {
    let authorization = authorization("host;x-sdk-date", signature);
    let sent = [("X-Sdk-Date", DATE), ("Host", HOST), ("Authorization", &authorization)];
    received(http::Method::GET, uri, &sent, "")
}

fn sent_sorted_lists() -> HttpRequest {
    sent_repeated_lists(
        "/v1/p1/vpc-endpoints?ids=2&ids=9&ids=10&tags=a&tags=b&tags=a&tags=z",
        "596c517569e29c37e6fe61b379a3e893e06653cff75e9e6011a22259af911521",
    )
}

#[test]
fn the_official_sdks_requests_for_each_quirk_verify() {
    assert_eq!(verify(&sent_content_type_lower()), Ok(()), "content-type");
    assert_eq!(verify(&sent_content_sha256_lower()), Ok(()), "x-sdk-content-sha256");
    assert_eq!(verify(&sent_sorted_lists()), Ok(()), "several lists of one key");
}

/// One way of changing a received request.
type Tamper = fn(&mut HttpRequest);

/// What is changed, in which request, how, and the error that must follow.
type TamperCase = (&'static str, fn() -> HttpRequest, Tamper, VerifyError);

#[test]
fn tampered_quirk_requests_still_fail() {
    let swap_tags: Tamper = |r| r.query.swap(4, 5);
    let cases: [TamperCase; 7] = [
        ("content-type body", sent_content_type_lower, |r| r.body = "hellO".into(), mismatch()),
        (
            "content-type value",
            sent_content_type_lower,
            |r| r.headers[0].1 = "text/html".into(),
            mismatch(),
        ),
        (
            "claimed hash body",
            sent_content_sha256_lower,
            |r| r.body = "hellO".into(),
            VerifyError::PayloadHashMismatch,
        ),
        (
            "second payload header",
            sent_content_sha256_lower,
            |r| r.headers[3].1 = HELLO_HASH.into(),
            mismatch(),
        ),
        (
            "first payload header",
            sent_content_sha256_lower,
            |r| r.headers[0].1 = "UNSIGNED-PAYLOAD".into(),
            mismatch(),
        ),
        ("list items moved", sent_sorted_lists, swap_tags, mismatch()),
        (
            "list value",
            sent_sorted_lists,
            |r| r.query[0].1 = QueryValue::Single("3".into()),
            mismatch(),
        ),
    ];
    for (what, sent, tamper, error) in cases {
        let mut request = sent();
        assert_eq!(verify(&request), Ok(()), "{what}: untampered");
        tamper(&mut request);
        assert_eq!(verify(&request), Err(error), "{what}");
    }
}

fn mismatch() -> VerifyError {
    VerifyError::SignatureMismatch
}

/// The limit of any verifier: when sorting each list's items reorders a key's lists, the official
/// signer signs one order and sends another, and the query it sends does not say which lists it
/// came from.
#[test]
fn a_request_sent_in_another_order_than_signed_is_rejected() {
    let request = sent_repeated_lists(
        "/v1/p1/vpc-endpoints?ids=9&ids=10&ids=9&ids=100&limit=5&tags=a&tags=b&tags=a&tags=z",
        "9f5795220950d43da4d944f04b082868987ac6bf4704f8b0c5807920b0526ca9",
    );
    assert_eq!(verify(&request), Err(VerifyError::SignatureMismatch));
}
