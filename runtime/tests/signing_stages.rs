//! Stage-by-stage signing tests: canonical request, string to sign and `Authorization` for
//! hand-picked requests that each exercise one rule of Huawei Cloud's signer.
//!
//! Every expected literal is the output of huaweicloudsdkcore 3.1.219 for the same request;
//! `python3 conformance/signing/stage_examples.py` prints them again.

mod signing_fixture;

use std::time::{Duration, UNIX_EPOCH};

use signing_fixture::{AK, EMPTY_HASH, HOST, SK, request, signing_time};
use specbind::credentials::Credentials;
use specbind::http_request::{HttpRequest, QueryValue};
use specbind::signing::{
    SigningAlgorithm, SigningContext, SigningError, SigningTrace, sign_request, wire_query,
};

fn context() -> SigningContext<'static> {
    SigningContext { service: "vpcep", region: "cn-north-4", project_id: None, now: signing_time() }
}

fn sign(
    request: &mut HttpRequest,
    credentials: &Credentials,
    context: &SigningContext<'_>,
) -> SigningTrace {
    sign_request(request, credentials, SigningAlgorithm::HmacSha256, context).unwrap()
}

fn assert_stages(
    trace: &SigningTrace,
    canonical_request: &str,
    string_to_sign: &str,
    authorization: &str,
) {
    assert_eq!(trace.canonical_request, canonical_request, "canonical request");
    assert_eq!(trace.string_to_sign, string_to_sign, "string to sign");
    assert_eq!(trace.authorization, authorization, "authorization");
}

#[test]
fn get_adds_trailing_slash_to_canonical_uri_only() {
    let mut request = request(http::Method::GET, "/v1/p1/vpc-endpoints");
    let trace = sign(&mut request, &Credentials::aksk(AK, SK), &context());
    assert_stages(
        &trace,
        &format!(
            "GET\n/v1/p1/vpc-endpoints/\n\nhost:{HOST}\nx-sdk-date:20240315T081530Z\n\nhost;x-sdk-date\n{EMPTY_HASH}"
        ),
        "SDK-HMAC-SHA256\n20240315T081530Z\n8b15728258f86ab58cc91cdb538bea41149ba0458e966bc3a694a7b51796dc16",
        "SDK-HMAC-SHA256 Access=AKIDEXAMPLE, SignedHeaders=host;x-sdk-date, \
         Signature=f62d751c13be025a1a36f62bb9de16281ece0a1a3add1624222207d2893cfd6b",
    );
    assert_eq!(request.header("X-Sdk-Date"), Some("20240315T081530Z"));
    assert_eq!(request.header("Host"), Some(HOST));
    assert_eq!(request.header("Authorization"), Some(trace.authorization.as_str()));
    assert_eq!(wire_query(&request), "");
}

#[test]
fn query_is_sorted_encoded_and_lists_repeat_their_key() {
    let mut request = request(http::Method::GET, "/v1/p1/vpc-endpoints/");
    request.query = vec![
        ("name".into(), QueryValue::Single("a b/c~中".into())),
        ("limit".into(), QueryValue::Single("10".into())),
        ("tags".into(), QueryValue::List(vec!["z".into(), "a".into(), String::new()])),
        ("flag".into(), QueryValue::Single("true".into())),
        ("empty".into(), QueryValue::Single(String::new())),
        ("name".into(), QueryValue::Single("A".into())),
    ];
    let trace = sign(&mut request, &Credentials::aksk(AK, SK), &context());
    let query = "empty=&flag=true&limit=10&name=A&name=a%20b%2Fc~%E4%B8%AD&tags=&tags=a&tags=z";
    assert_stages(
        &trace,
        &format!(
            "GET\n/v1/p1/vpc-endpoints/\n{query}\nhost:{HOST}\nx-sdk-date:20240315T081530Z\n\nhost;x-sdk-date\n{EMPTY_HASH}"
        ),
        "SDK-HMAC-SHA256\n20240315T081530Z\n5ba2c08c628cc93bdd366b3ad9a2b54597e75b1d5320b2fc87580c5ac8bbf9d0",
        "SDK-HMAC-SHA256 Access=AKIDEXAMPLE, SignedHeaders=host;x-sdk-date, \
         Signature=977959286cfdcbb01fc3de635b1115491ca3cee74b63f334b46e8c6afa7fbd5c",
    );
    assert_eq!(wire_query(&request), query, "the wire query is the canonical query");
}

#[test]
fn path_segments_are_decoded_then_reencoded() {
    let mut request = request(http::Method::DELETE, "/v1/%E4%B8%AD/a%20b/~x/%2f/");
    let trace = sign(&mut request, &Credentials::aksk(AK, SK), &context());
    assert_stages(
        &trace,
        &format!(
            "DELETE\n/v1/%E4%B8%AD/a%20b/~x///\n\nhost:{HOST}\nx-sdk-date:20240315T081530Z\n\nhost;x-sdk-date\n{EMPTY_HASH}"
        ),
        "SDK-HMAC-SHA256\n20240315T081530Z\nf8231d2b49ed52756b98bdf0512300df33707691ac84b6efa8caddc878786b7f",
        "SDK-HMAC-SHA256 Access=AKIDEXAMPLE, SignedHeaders=host;x-sdk-date, \
         Signature=e58854df6d6418f8634c14197f708d2aa03c657b0a639b5af8a4c19fe9384385",
    );
    assert_eq!(
        request.resource_path, "/v1/%E4%B8%AD/a%20b/~x/%2f/",
        "the wire path is left as given"
    );
}

#[test]
fn header_values_are_trimmed_and_underscore_headers_unsigned() {
    let mut request = request(http::Method::GET, "/");
    request.headers = vec![
        ("X-Custom".into(), "  padded\t ".into()),
        ("X_Skipped".into(), "x".into()),
        ("Accept".into(), "application/json".into()),
    ];
    let trace = sign(&mut request, &Credentials::aksk(AK, SK), &context());
    assert_stages(
        &trace,
        &format!(
            "GET\n/\n\naccept:application/json\nhost:{HOST}\nx-custom:padded\nx-sdk-date:20240315T081530Z\n\n\
             accept;host;x-custom;x-sdk-date\n{EMPTY_HASH}"
        ),
        "SDK-HMAC-SHA256\n20240315T081530Z\n1644d1f612a116db56a63f5340b799c4880068bd47d6b80a0cb9bc3fac46cd38",
        "SDK-HMAC-SHA256 Access=AKIDEXAMPLE, SignedHeaders=accept;host;x-custom;x-sdk-date, \
         Signature=15a6b601cdba227ba1134c9b1715d5338dea10d87891727c6a5ba4ea3a874c4e",
    );
    assert_eq!(request.header("X-Custom"), Some("padded"), "the trimmed value is what is sent");
    assert_eq!(request.header("X_Skipped"), Some("x"), "unsigned headers are still sent");
}

#[test]
fn json_body_is_hashed() {
    let mut request = request(http::Method::POST, "/v1/p1/vpc-endpoints");
    request.headers = vec![("Content-Type".into(), "application/json;charset=UTF-8".into())];
    request.body = br#"{"a":1}"#.as_slice().into();
    let trace = sign(&mut request, &Credentials::aksk(AK, SK), &context());
    assert_stages(
        &trace,
        &format!(
            "POST\n/v1/p1/vpc-endpoints/\n\ncontent-type:application/json;charset=UTF-8\nhost:{HOST}\n\
             x-sdk-date:20240315T081530Z\n\ncontent-type;host;x-sdk-date\n\
             015abd7f5cc57a2dd94b7590f04ad8084273905ee33ec5cebeae62276a97f862"
        ),
        "SDK-HMAC-SHA256\n20240315T081530Z\na07e69238de995edcbc2e3b4b18a9370f864b31fefcf0a02d2c0398f2a1b1677",
        "SDK-HMAC-SHA256 Access=AKIDEXAMPLE, SignedHeaders=content-type;host;x-sdk-date, \
         Signature=d27a84174966138daa125b95984c13cbf3655459f21dfc782c552c21e1e17b9c",
    );
    assert_eq!(request.header("X-Sdk-Content-Sha256"), None);
}

#[test]
fn form_body_is_sent_unsigned() {
    let mut request = request(http::Method::POST, "/form");
    request.headers = vec![("Content-Type".into(), "application/x-www-form-urlencoded".into())];
    request.body = b"a=1&b=2".as_slice().into();
    let trace = sign(&mut request, &Credentials::aksk(AK, SK), &context());
    assert_stages(
        &trace,
        &format!(
            "POST\n/form/\n\ncontent-type:application/x-www-form-urlencoded\nhost:{HOST}\n\
             x-sdk-content-sha256:UNSIGNED-PAYLOAD\nx-sdk-date:20240315T081530Z\n\n\
             content-type;host;x-sdk-content-sha256;x-sdk-date\nUNSIGNED-PAYLOAD"
        ),
        "SDK-HMAC-SHA256\n20240315T081530Z\nc9922176fcc2a8462e14ea3b0ef9b0370182e2a9cfeb80fda5ebe4b4ed9e8bae",
        "SDK-HMAC-SHA256 Access=AKIDEXAMPLE, SignedHeaders=content-type;host;x-sdk-content-sha256;x-sdk-date, \
         Signature=6ae6b2931026f58d0d21ecfec45f599b5ab889a77fb6cff6e0908e918aaaf37e",
    );
    assert_eq!(request.header("X-Sdk-Content-Sha256"), Some("UNSIGNED-PAYLOAD"));
}

#[test]
fn empty_octet_stream_body_hashes_as_empty_but_signs_the_unsigned_marker() {
    let mut request = request(http::Method::PUT, "/upload");
    request.headers = vec![("Content-Type".into(), "application/octet-stream".into())];
    let trace = sign(&mut request, &Credentials::aksk(AK, SK), &context());
    assert_stages(
        &trace,
        &format!(
            "PUT\n/upload/\n\ncontent-type:application/octet-stream\nhost:{HOST}\n\
             x-sdk-content-sha256:UNSIGNED-PAYLOAD\nx-sdk-date:20240315T081530Z\n\n\
             content-type;host;x-sdk-content-sha256;x-sdk-date\n{EMPTY_HASH}"
        ),
        "SDK-HMAC-SHA256\n20240315T081530Z\n901f24b37b79aec63453b241a3b796ab02696e2fc0277095a0f3c6921ebb5957",
        "SDK-HMAC-SHA256 Access=AKIDEXAMPLE, SignedHeaders=content-type;host;x-sdk-content-sha256;x-sdk-date, \
         Signature=30a77bc6a7c6f86c5ce0f96a18e18a59a22578177cc67629b919f7aea25bf9fa",
    );
}

#[test]
fn security_token_and_project_id_are_signed_headers() {
    let mut request = request(http::Method::GET, "/v1/p1/vpc-endpoints");
    let credentials = Credentials::aksk(AK, SK).with_security_token("temp-token");
    let context = SigningContext { project_id: Some("p1"), ..context() };
    let trace = sign(&mut request, &credentials, &context);
    assert_stages(
        &trace,
        &format!(
            "GET\n/v1/p1/vpc-endpoints/\n\nhost:{HOST}\nx-project-id:p1\nx-sdk-date:20240315T081530Z\n\
             x-security-token:temp-token\n\nhost;x-project-id;x-sdk-date;x-security-token\n{EMPTY_HASH}"
        ),
        "SDK-HMAC-SHA256\n20240315T081530Z\n0344a5da604917f9fddd6139178027707330f9277522c15f77d7fe471f52d61d",
        "SDK-HMAC-SHA256 Access=AKIDEXAMPLE, SignedHeaders=host;x-project-id;x-sdk-date;x-security-token, \
         Signature=3a7642b086f2636f4c961b4abbed79a7f4b4fc9dff8b0ed8b385c4fc3d24a846",
    );
    assert_eq!(request.header("X-Security-Token"), Some("temp-token"));
    assert_eq!(request.header("X-Project-Id"), Some("p1"));
}

#[test]
fn derived_signing_scopes_the_key_to_day_region_and_service() {
    let mut request = request(http::Method::GET, "/v1/p1/vpc-endpoints");
    let trace = sign_request(
        &mut request,
        &Credentials::aksk(AK, SK),
        SigningAlgorithm::DerivedHmacSha256,
        &context(),
    )
    .unwrap();
    assert_stages(
        &trace,
        &format!(
            "GET\n/v1/p1/vpc-endpoints/\n\nhost:{HOST}\nx-sdk-date:20240315T081530Z\n\nhost;x-sdk-date\n{EMPTY_HASH}"
        ),
        "V11-HMAC-SHA256\n20240315T081530Z\n20240315/cn-north-4/vpcep\n\
         8b15728258f86ab58cc91cdb538bea41149ba0458e966bc3a694a7b51796dc16",
        "V11-HMAC-SHA256 Credential=AKIDEXAMPLE/20240315/cn-north-4/vpcep, SignedHeaders=host;x-sdk-date, \
         Signature=365f2b2b8d08e253fcdd9112c501a08993163419ea40894cdb5415656b40b5de",
    );
}

#[test]
fn iam_token_is_sent_without_a_signature() {
    let mut request = request(http::Method::GET, "/v1/p1/vpc-endpoints");
    let context = SigningContext { project_id: Some("p1"), ..context() };
    let trace = sign(&mut request, &Credentials::iam_token("iam-token-value"), &context);
    assert_eq!(trace, SigningTrace::default());
    assert_eq!(request.header("X-Auth-Token"), Some("iam-token-value"));
    assert_eq!(request.header("Authorization"), None);
    assert_eq!(request.header("X-Sdk-Date"), None);
}

#[test]
fn signing_again_replaces_date_and_signature() {
    let mut request = request(http::Method::GET, "/v1/p1/vpc-endpoints");
    let credentials = Credentials::aksk(AK, SK);
    let first = sign(&mut request, &credentials, &context());
    let later = SigningContext { now: signing_time() + Duration::from_secs(61), ..context() };
    let second = sign(&mut request, &credentials, &later);
    assert_ne!(first.authorization, second.authorization);
    assert_eq!(request.header("X-Sdk-Date"), Some("20240315T081631Z"));
    assert_eq!(
        request
            .headers
            .iter()
            .filter(|(name, _)| name.eq_ignore_ascii_case("authorization"))
            .count(),
        1
    );
    assert!(second.canonical_request.contains("x-sdk-date:20240315T081631Z\n"));
    assert!(!second.canonical_request.contains("authorization"), "the old signature is not signed");
}

#[test]
fn bad_credentials_or_context_are_errors_not_panics() {
    let mut request = request(http::Method::GET, "/");
    let hmac = SigningAlgorithm::HmacSha256;
    let derived = SigningAlgorithm::DerivedHmacSha256;
    let sign_with = |request: &mut HttpRequest,
                     credentials: &Credentials,
                     algorithm,
                     context: &SigningContext<'_>| {
        sign_request(request, credentials, algorithm, context).unwrap_err()
    };
    assert_eq!(
        sign_with(&mut request, &Credentials::aksk("", SK), hmac, &context()),
        SigningError::MissingAccessKey
    );
    assert_eq!(
        sign_with(&mut request, &Credentials::aksk(AK, ""), hmac, &context()),
        SigningError::MissingSecretKey
    );
    assert_eq!(
        sign_with(&mut request, &Credentials::iam_token(""), hmac, &context()),
        SigningError::MissingIamToken
    );
    let no_region = SigningContext { region: "", ..context() };
    assert_eq!(
        sign_with(&mut request, &Credentials::aksk(AK, SK), derived, &no_region),
        SigningError::MissingDerivedScope("region")
    );
    let no_service = SigningContext { service: "", ..context() };
    assert_eq!(
        sign_with(&mut request, &Credentials::aksk(AK, SK), derived, &no_service),
        SigningError::MissingDerivedScope("service name")
    );
    let before_epoch = SigningContext { now: UNIX_EPOCH - Duration::from_secs(1), ..context() };
    assert_eq!(
        sign_with(&mut request, &Credentials::aksk(AK, SK), hmac, &before_epoch),
        SigningError::TimeOutOfRange
    );
    assert!(request.headers.is_empty(), "a failed signing leaves the request untouched");
}

#[test]
fn empty_resource_path_signs_as_root() {
    let mut request = request(http::Method::GET, "");
    let trace = sign(&mut request, &Credentials::aksk(AK, SK), &context());
    assert!(trace.canonical_request.starts_with("GET\n/\n\n"), "{}", trace.canonical_request);
}
