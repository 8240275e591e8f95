//! Signing over real HTTP on loopback: a signed request is written to a TCP socket exactly as
//! `HttpRequest` describes it (path + wire query, headers, body); an axum server rebuilds it with
//! `received_request` and verifies it. Tampering with the bytes on the way is caught.

use std::net::SocketAddr;
use std::time::{Duration, SystemTime};

use axum::body::Bytes;
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use specbind::credentials::Credentials;
use specbind::http_request::{HttpRequest, QueryValue};
use specbind::signing::{
    SigningAlgorithm, SigningContext, received_request, sign_request, verify_request, wire_query,
};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

const AK: &str = "AK-LOOPBACK";
const SK: &str = "sk-loopback-secret";

async fn verify_handler(
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> (StatusCode, String) {
    let request = received_request(method, &uri, &headers, body);
    let secret_for = |access_key: &str| (access_key == AK).then(|| SK.to_owned());
    match verify_request(
        &request,
        secret_for,
        SystemTime::now(),
        Duration::from_secs(900),
        Some(("vpcep", "cn-north-4")),
    ) {
        Ok(verified) => {
            (StatusCode::OK, format!("{} {:?}", verified.access_key, verified.algorithm))
        }
        Err(error) => (StatusCode::UNAUTHORIZED, error.to_string()),
    }
}

async fn start_server() -> SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let app = axum::Router::new().fallback(verify_handler);
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    address
}

fn signed_request(address: SocketAddr, algorithm: SigningAlgorithm) -> HttpRequest {
    let mut request = HttpRequest {
        method: http::Method::POST,
        scheme: "http".to_owned(),
        host: address.to_string(),
        resource_path: "/v1/p1/vpc-endpoints/%E4%B8%AD%20x".to_owned(),
        query: vec![
            ("name".into(), QueryValue::Single("a b+c/中".into())),
            ("tags".into(), QueryValue::List(vec!["z".into(), "a".into()])),
            ("flag".into(), QueryValue::Single("true".into())),
        ],
        headers: vec![
            ("Content-Type".into(), "application/json;charset=UTF-8".into()),
            ("X-Trace".into(), "  padded  ".into()),
        ],
        body: br#"{"service_id":"s1"}"#.as_slice().into(),
    };
    let credentials = Credentials::aksk(AK, SK).with_security_token("token-xyz");
    let context = SigningContext {
        service: "vpcep",
        region: "cn-north-4",
        project_id: Some("p1"),
        now: SystemTime::now(),
    };
    sign_request(&mut request, &credentials, algorithm, &context).unwrap();
    request
}

/// The request as HTTP/1.1 bytes: request target = resource path + `?` + wire query.
fn to_wire(request: &HttpRequest) -> Vec<u8> {
    let query = wire_query(request);
    let target = if query.is_empty() {
        request.resource_path.clone()
    } else {
        format!("{}?{query}", request.resource_path)
    };
    let mut bytes = format!("{} {target} HTTP/1.1\r\n", request.method).into_bytes();
    for (name, value) in &request.headers {
        bytes.extend_from_slice(format!("{name}: {value}\r\n").as_bytes());
    }
    bytes.extend_from_slice(
        format!("Content-Length: {}\r\nConnection: close\r\n\r\n", request.body.len()).as_bytes(),
    );
    bytes.extend_from_slice(&request.body);
    bytes
}

async fn send(address: SocketAddr, wire: &[u8]) -> String {
    let mut stream = TcpStream::connect(address).await.unwrap();
    stream.write_all(wire).await.unwrap();
    let mut response = Vec::new();
    stream.read_to_end(&mut response).await.unwrap();
    String::from_utf8_lossy(&response).into_owned()
}

fn replace(wire: &[u8], from: &str, to: &str) -> Vec<u8> {
    let text = String::from_utf8(wire.to_vec()).unwrap();
    assert!(text.contains(from), "{from} not in request");
    text.replacen(from, to, 1).into_bytes()
}

#[tokio::test]
async fn signed_requests_verify_on_a_loopback_server() {
    let address = start_server().await;
    for algorithm in [SigningAlgorithm::HmacSha256, SigningAlgorithm::DerivedHmacSha256] {
        let response = send(address, &to_wire(&signed_request(address, algorithm))).await;
        assert!(response.starts_with("HTTP/1.1 200"), "{algorithm:?}: {response}");
        assert!(response.ends_with(&format!("{AK} {algorithm:?}")), "{response}");
    }
}

#[tokio::test]
async fn bytes_changed_on_the_wire_are_rejected() {
    let address = start_server().await;
    let wire = to_wire(&signed_request(address, SigningAlgorithm::HmacSha256));
    let tampered = [
        ("path", replace(&wire, "/v1/p1/", "/v1/p2/")),
        ("query", replace(&wire, "flag=true", "flag=false")),
        ("body", replace(&wire, r#""s1""#, r#""s2""#)),
        ("header", replace(&wire, "X-Trace: padded", "X-Trace: padder")),
        ("token", replace(&wire, "token-xyz", "token-xyw")),
    ];
    for (what, bytes) in tampered {
        let response = send(address, &bytes).await;
        assert!(response.starts_with("HTTP/1.1 401"), "{what}: {response}");
        assert!(
            response.ends_with("the signature does not match the request"),
            "{what}: {response}"
        );
    }
}
