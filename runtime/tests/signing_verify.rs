//! `verify_request` round trips: what `sign_request` produces verifies, and any change to what
//! was signed, a wrong key or a stale date is rejected with the matching error.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use specbind::credentials::Credentials;
use specbind::http_request::{HttpRequest, QueryValue};
use specbind::signing::{
    SigningAlgorithm, SigningContext, VerifiedRequest, VerifyError, parse_wire_query, sign_request,
    verify_request, wire_query,
};

const AK: &str = "AK-VERIFY";
const SK: &str = "secret-key-for-verify";
const MAX_SKEW: Duration = Duration::from_secs(15 * 60);
const DERIVED: Option<(&str, &str)> = Some(("vpcep", "cn-north-4"));

fn now() -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(1_710_490_530)
}

fn secret_for(access_key: &str) -> Option<String> {
    (access_key == AK).then(|| SK.to_owned())
}

fn unsigned_request() -> HttpRequest {
    HttpRequest {
        method: http::Method::POST,
        scheme: "http".to_owned(),
        host: "127.0.0.1:8080".to_owned(),
        resource_path: "/v1/p1/vpc-endpoints/%E4%B8%AD".to_owned(),
        query: vec![
            ("limit".into(), QueryValue::Single("10".into())),
            ("tags".into(), QueryValue::List(vec!["b c".into(), "a".into()])),
        ],
        headers: vec![
            ("Content-Type".into(), "application/json".into()),
            ("X-Client-Trace".into(), " trace-1 ".into()),
        ],
        body: br#"{"endpoint_service_id":"abc"}"#.as_slice().into(),
    }
}

/// Signs `request` and returns it as a server would receive it: the query re-parsed from the
/// wire form.
fn signed(mut request: HttpRequest, algorithm: SigningAlgorithm) -> HttpRequest {
    let context = SigningContext {
        service: "vpcep",
        region: "cn-north-4",
        project_id: Some("p1"),
        now: now(),
    };
    sign_request(&mut request, &Credentials::aksk(AK, SK), algorithm, &context).unwrap();
    let query = wire_query(&request);
    request.query = parse_wire_query(&query);
    request
}

fn verify(request: &HttpRequest) -> Result<VerifiedRequest, VerifyError> {
    verify_request(request, secret_for, now(), MAX_SKEW, DERIVED)
}

/// One way of changing a signed request.
type Tamper = fn(&mut HttpRequest);

fn set_header(request: &mut HttpRequest, name: &str, value: &str) {
    request.set_header(name, value);
}

#[test]
fn accepts_what_the_signer_produced_with_both_algorithms() {
    for algorithm in [SigningAlgorithm::HmacSha256, SigningAlgorithm::DerivedHmacSha256] {
        let request = signed(unsigned_request(), algorithm);
        assert_eq!(verify(&request), Ok(VerifiedRequest { access_key: AK.to_owned(), algorithm }));
    }
}

#[test]
fn accepts_extra_unsigned_headers_added_by_the_transport() {
    let mut request = signed(unsigned_request(), SigningAlgorithm::HmacSha256);
    set_header(&mut request, "Content-Length", "29");
    set_header(&mut request, "Accept-Encoding", "gzip");
    assert!(verify(&request).is_ok());
}

#[test]
fn rejects_tampering_with_anything_signed() {
    let tampers: Vec<(&str, Tamper)> = vec![
        ("method", |r| r.method = http::Method::PUT),
        ("path", |r| r.resource_path = "/v1/p2/vpc-endpoints/%E4%B8%AD".into()),
        ("query value", |r| r.query[0].1 = QueryValue::Single("11".into())),
        ("extra query", |r| r.query.push(("offset".into(), QueryValue::Single("0".into())))),
        ("dropped query", |r| {
            r.query.pop();
        }),
        ("body", |r| r.body = br#"{"endpoint_service_id":"abd"}"#.as_slice().into()),
        ("signed header", |r| r.set_header("X-Client-Trace", "trace-2")),
        ("project id", |r| r.set_header("X-Project-Id", "p2")),
        ("host", |r| r.set_header("Host", "127.0.0.1:8081")),
        ("date within skew", |r| r.set_header("X-Sdk-Date", "20240315T081531Z")),
    ];
    for algorithm in [SigningAlgorithm::HmacSha256, SigningAlgorithm::DerivedHmacSha256] {
        for (what, tamper) in &tampers {
            let mut request = signed(unsigned_request(), algorithm);
            tamper(&mut request);
            assert_eq!(
                verify(&request),
                Err(VerifyError::SignatureMismatch),
                "{what} ({algorithm:?})"
            );
        }
    }
}

#[test]
fn rejects_a_removed_signed_header() {
    let mut request = signed(unsigned_request(), SigningAlgorithm::HmacSha256);
    request.headers.retain(|(name, _)| name != "X-Client-Trace");
    assert_eq!(verify(&request), Err(VerifyError::MissingSignedHeader("x-client-trace".into())));
}

#[test]
fn rejects_wrong_or_unknown_keys() {
    let request = signed(unsigned_request(), SigningAlgorithm::HmacSha256);
    let wrong_secret = |_: &str| Some("not-the-secret".to_owned());
    assert_eq!(
        verify_request(&request, wrong_secret, now(), MAX_SKEW, None),
        Err(VerifyError::SignatureMismatch)
    );
    let nobody = |_: &str| None;
    assert_eq!(
        verify_request(&request, nobody, now(), MAX_SKEW, None),
        Err(VerifyError::UnknownAccessKey(AK.into()))
    );
}

#[test]
fn rejects_dates_beyond_the_allowed_skew_either_way() {
    let request = signed(unsigned_request(), SigningAlgorithm::HmacSha256);
    let at = |offset: i64| {
        let shifted = if offset >= 0 {
            now() + Duration::from_secs(offset.unsigned_abs())
        } else {
            now() - Duration::from_secs(offset.unsigned_abs())
        };
        verify_request(&request, secret_for, shifted, MAX_SKEW, None)
    };
    assert!(at(900).is_ok() && at(-900).is_ok(), "exactly max_skew is accepted");
    let skewed =
        |seconds| Err(VerifyError::ClockSkew { skew_seconds: seconds, max_skew_seconds: 900 });
    assert_eq!(at(901), skewed(901));
    assert_eq!(at(-3600), skewed(3600));
}

#[test]
fn derived_signatures_need_a_matching_scope() {
    let request = signed(unsigned_request(), SigningAlgorithm::DerivedHmacSha256);
    let with = |context| verify_request(&request, secret_for, now(), MAX_SKEW, context);
    assert_eq!(with(None), Err(VerifyError::UnsupportedAlgorithm("V11-HMAC-SHA256".into())));
    assert_eq!(
        with(Some(("vpcep", "cn-south-1"))),
        Err(VerifyError::ScopeMismatch("region or service"))
    );
    assert_eq!(
        with(Some(("ecs", "cn-north-4"))),
        Err(VerifyError::ScopeMismatch("region or service"))
    );

    let mut next_day = request.clone();
    let authorization =
        next_day.header("Authorization").unwrap().replace("/20240315/", "/20240316/");
    next_day.set_header("Authorization", authorization);
    assert_eq!(verify(&next_day), Err(VerifyError::ScopeMismatch("date")));
}

#[test]
fn unsigned_payload_may_only_claim_the_marker_or_the_true_hash() {
    let mut request = unsigned_request();
    request.set_header("Content-Type", "application/octet-stream");
    request.body = vec![0u8, 1, 2, 255].into();
    let request = signed(request, SigningAlgorithm::HmacSha256);
    assert_eq!(request.header("X-Sdk-Content-Sha256"), Some("UNSIGNED-PAYLOAD"));
    assert!(verify(&request).is_ok());

    let mut other_body = request.clone();
    other_body.body = vec![9u8; 4].into();
    assert!(
        verify(&other_body).is_ok(),
        "an unsigned payload is, by design, not covered by the signature"
    );

    let mut lying = request.clone();
    lying.set_header("X-Sdk-Content-Sha256", "0".repeat(64));
    assert_eq!(verify(&lying), Err(VerifyError::PayloadHashMismatch));
}

#[test]
fn rejects_missing_or_malformed_authentication_headers() {
    let good = signed(unsigned_request(), SigningAlgorithm::HmacSha256);
    let authorization = good.header("Authorization").unwrap().to_owned();
    let with_authorization = |value: &str| {
        let mut request = good.clone();
        request.set_header("Authorization", value);
        verify(&request)
    };
    let mut missing = good.clone();
    missing.headers.retain(|(name, _)| name != "Authorization");
    assert_eq!(verify(&missing), Err(VerifyError::MissingAuthorization));
    assert_eq!(
        with_authorization("Bearer abc"),
        Err(VerifyError::UnsupportedAlgorithm("Bearer".into()))
    );
    assert!(matches!(
        with_authorization("SDK-HMAC-SHA256 Access=AK"),
        Err(VerifyError::MalformedAuthorization(_))
    ));
    assert_eq!(
        with_authorization(&authorization.replace(";x-sdk-date", "")),
        Err(VerifyError::UnsignedRequiredHeader("x-sdk-date"))
    );
    assert_eq!(
        with_authorization(&authorization.replace("host;", "")),
        Err(VerifyError::SignatureMismatch),
        "leaving a signed header out of the list changes what was signed"
    );
    assert_eq!(
        with_authorization(&authorization.replace("Signature=", "Signature=zz")),
        Err(VerifyError::SignatureMismatch)
    );
    let mut no_date = good.clone();
    no_date.set_header("X-Sdk-Date", "2024-03-15T08:15:30Z");
    assert_eq!(verify(&no_date), Err(VerifyError::BadDate));
}

#[test]
fn arbitrary_authorization_values_never_panic() {
    let good = signed(unsigned_request(), SigningAlgorithm::DerivedHmacSha256);
    let authorization = good.header("Authorization").unwrap().to_owned();
    let mut seed = 0x9e37_79b9_7f4a_7c15u64;
    for _ in 0..2_000 {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let mut value: Vec<char> = authorization.chars().collect();
        let cut = (seed % value.len() as u64) as usize;
        value.truncate(cut);
        value.push(['/', ',', ' ', '=', ';', '中', 'x'][(seed >> 32) as usize % 7]);
        let mut request = good.clone();
        request.set_header("Authorization", value.into_iter().collect::<String>());
        assert!(verify(&request).is_err());
    }
}

#[test]
fn wire_query_parses_back_to_the_same_canonical_query() {
    let mut request = unsigned_request();
    request.query.push(("odd key+".into(), QueryValue::Single("100% sure & /".into())));
    request.query.push(("empty".into(), QueryValue::Single(String::new())));
    let wire = wire_query(&request);
    let reparsed = HttpRequest { query: parse_wire_query(&wire), ..request };
    assert_eq!(wire_query(&reparsed), wire);
}

/// A request as the Terraform provider signs it: `accept;content-type;user-agent;x-sdk-date`,
/// no `host`. The `Authorization` values come from the official signer's own stage functions
/// given these header subsets (`python3 conformance/signing/stage_examples.py`).
fn request_signed_with_subset(authorization: &str) -> HttpRequest {
    HttpRequest {
        method: http::Method::POST,
        scheme: "http".to_owned(),
        host: "127.0.0.1:8080".to_owned(),
        resource_path: "/v1/p1/vpc-endpoints".to_owned(),
        query: vec![("limit".into(), QueryValue::Single("10".into()))],
        headers: vec![
            ("Accept".into(), "application/json".into()),
            ("Content-Type".into(), "application/json".into()),
            ("User-Agent".into(), "terraform-provider-iac".into()),
            ("X-Sdk-Date".into(), "20240315T081530Z".into()),
            ("Host".into(), "127.0.0.1:8080".into()),
            ("Authorization".into(), authorization.into()),
        ],
        body: br#"{"endpoint_service_id":"abc"}"#.as_slice().into(),
    }
}

const TERRAFORM_STYLE: &str = "SDK-HMAC-SHA256 Access=AK-VERIFY, \
    SignedHeaders=accept;content-type;user-agent;x-sdk-date, \
    Signature=59071e8b3e2ec9a6a353f0e44801c7eac7d29a65565ea0fe789c5eb0d67e8cc2";

#[test]
fn accepts_a_signature_that_leaves_host_unsigned() {
    let request = request_signed_with_subset(TERRAFORM_STYLE);
    let verified =
        VerifiedRequest { access_key: AK.to_owned(), algorithm: SigningAlgorithm::HmacSha256 };
    assert_eq!(verify(&request), Ok(verified.clone()));

    // Host is not signed here, so a proxy may rewrite or drop it.
    let mut other_host = request.clone();
    other_host.set_header("Host", "vpcep.example.com");
    assert_eq!(verify(&other_host), Ok(verified.clone()));
    let mut no_host = request;
    no_host.headers.retain(|(name, _)| name != "Host");
    assert_eq!(verify(&no_host), Ok(verified));
}

#[test]
fn a_subset_signature_still_covers_every_header_it_lists() {
    let tampers: Vec<(&str, Tamper)> = vec![
        ("content-type", |r| r.set_header("Content-Type", "application/xml")),
        ("user-agent", |r| r.set_header("User-Agent", "curl/8")),
        ("accept", |r| r.set_header("Accept", "*/*")),
        ("body", |r| r.body = br#"{"endpoint_service_id":"abd"}"#.as_slice().into()),
    ];
    for (what, tamper) in tampers {
        let mut request = request_signed_with_subset(TERRAFORM_STYLE);
        tamper(&mut request);
        assert_eq!(verify(&request), Err(VerifyError::SignatureMismatch), "{what}");
    }
    let mut no_user_agent = request_signed_with_subset(TERRAFORM_STYLE);
    no_user_agent.headers.retain(|(name, _)| name != "User-Agent");
    assert_eq!(verify(&no_user_agent), Err(VerifyError::MissingSignedHeader("user-agent".into())));
}

#[test]
fn a_signature_that_leaves_the_date_unsigned_is_rejected() {
    // A valid signature over `accept;content-type;host;user-agent`: without the rule it would
    // verify, and it could be replayed with any X-Sdk-Date.
    let request = request_signed_with_subset(
        "SDK-HMAC-SHA256 Access=AK-VERIFY, SignedHeaders=accept;content-type;host;user-agent, \
         Signature=839239e17d8ebee8e41d69349fe73eb3e7be59f66b6935c777d985f25f37e088",
    );
    assert_eq!(verify(&request), Err(VerifyError::UnsignedRequiredHeader("x-sdk-date")));
}
