//! Requests built by the runtime arrive over real HTTP as the call described them, signed so
//! that the server-side verifier accepts them.

mod common;

use std::time::{Duration, SystemTime};

use common::{AK, PROJECT, SK, Thing, json, ops, reply, scripted};
use specbind::__private::{Call, decode_empty, decode_json};
use specbind::Credentials;
use specbind::signing::{received_request, verify_request};

fn verify(seen: &common::Seen) -> Result<(), String> {
    let request =
        received_request(seen.method.clone(), &seen.uri, &seen.headers, seen.body.clone());
    let secret_for = |access_key: &str| (access_key == AK).then(|| SK.to_owned());
    verify_request(
        &request,
        secret_for,
        SystemTime::now(),
        Duration::from_secs(900),
        Some(("vpcep", "cn-north-4")),
    )
    .map(drop)
    .map_err(|error| error.to_string())
}

#[tokio::test]
async fn get_with_path_query_and_headers_is_sent_and_signed() {
    let (base, log) = scripted(|_, _| json(serde_json::json!({"id": "t1", "status": "ok"}))).await;
    let (builder, _) = common::config(&base);
    let client = common::client(builder.user_agent("runtime-test/1"));

    let mut call = Call::new(&ops::SHOW_THING);
    call.client_path_param("project_id", "project_id");
    call.path_param("thing_id", "a b/c~é");
    call.query_list("ids", &["b", "a"], true);
    call.query_list("names", &["x", "y"], false);
    call.query("flag", &true);
    call.query_opt::<u32>("offset", &None);
    call.query_opt("limit", &Some(5u32));
    call.header("X-Client-Tag", "tag-1");
    let response = client.execute(call, decode_json::<Thing>).await.unwrap();

    assert_eq!(response.id, "t1");
    let seen = &log.all()[0];
    assert_eq!(seen.method, "GET");
    assert_eq!(seen.uri.path(), format!("/v1/{PROJECT}/things/a%20b%2Fc~%C3%A9"));
    let query = seen.uri.query().unwrap();
    for part in ["ids=a&ids=b", "names=x%2Cy", "flag=true", "limit=5"] {
        assert!(query.contains(part), "{part} missing from {query}");
    }
    assert!(!query.contains("offset"), "{query}");
    assert_eq!(seen.header("X-Client-Tag"), Some("tag-1"));
    assert_eq!(seen.header("X-Project-Id"), Some(PROJECT));
    assert_eq!(seen.header("User-Agent"), Some("runtime-test/1"));
    assert!(
        seen.header("Authorization").unwrap().starts_with("SDK-HMAC-SHA256 Access=AK-RUNTIME-TEST")
    );
    verify(seen).unwrap();
}

#[tokio::test]
async fn post_json_body_arrives_intact_and_response_metadata_is_kept() {
    let answer = |_: usize, _: &common::Seen| {
        reply(201, &[("X-Request-Id", "req-42")], r#"{"id":"t2","status":"creating","size":3}"#)
    };
    let (base, log) = scripted(answer).await;
    let (builder, _) = common::config(&base);
    let client = common::client(builder);

    let body = serde_json::json!({"name": "中文 name", "tags": [{"key": "k", "value": "v"}]});
    let response = client.execute(common::create_thing(&body), decode_json::<Thing>).await.unwrap();

    assert_eq!(response.status(), 201);
    assert_eq!(response.request_id(), Some("req-42"));
    assert_eq!(response.size, Some(3));
    let seen = &log.all()[0];
    assert_eq!(seen.method, "POST");
    assert_eq!(seen.header("Content-Type"), Some("application/json;charset=UTF-8"));
    assert_eq!(serde_json::from_slice::<serde_json::Value>(&seen.body).unwrap(), body);
    verify(seen).unwrap();
}

#[tokio::test]
async fn derived_signing_is_accepted_by_the_verifier() {
    let (base, log) = scripted(|_, _| reply(204, &[], "")).await;
    let (builder, _) = common::config(&base);
    let client = common::client(builder.signing(specbind::SigningAlgorithm::DerivedHmacSha256));
    client.execute(common::show_thing("x"), decode_empty).await.unwrap();
    let seen = &log.all()[0];
    assert!(seen.header("Authorization").unwrap().starts_with("V11-HMAC-SHA256"));
    verify(seen).unwrap();
}

#[tokio::test]
async fn iam_token_and_anonymous_requests() {
    let (base, log) = scripted(|_, _| reply(204, &[], "")).await;
    let (builder, _) = common::config(&base);
    let token_client =
        common::client(builder.clone().credentials(Credentials::iam_token("iam-token-value")));
    token_client.execute(common::show_thing("x"), decode_empty).await.unwrap();
    let anonymous_client = common::client(builder.anonymous());
    anonymous_client.execute(common::show_thing("x"), decode_empty).await.unwrap();

    let seen = log.all();
    assert_eq!(seen[0].header("X-Auth-Token"), Some("iam-token-value"));
    assert_eq!(seen[0].header("Authorization"), None);
    assert_eq!(seen[1].header("Authorization"), None);
    assert_eq!(seen[1].header("X-Auth-Token"), None);
}

#[tokio::test]
async fn construction_errors_send_nothing() {
    let (base, log) = scripted(|_, _| reply(204, &[], "")).await;
    let (builder, _) = common::config(&base);
    let client = common::client(builder.clone());

    let mut missing_path = Call::new(&ops::SHOW_THING);
    missing_path.client_path_param("project_id", "project_id");
    let error = client.execute(missing_path, decode_empty).await.unwrap_err();
    assert!(error.is_construction(), "{error}");
    assert!(error.to_string().starts_with("ShowThing: "), "{error}");

    // A client without a project id cannot fill `{project_id}`.
    let bare = specbind::Config::builder().endpoint(base.as_str()).anonymous().build().unwrap();
    let bare = specbind::Client::new("vpcep", bare).unwrap();
    let error = bare.execute(common::show_thing("x"), decode_empty).await.unwrap_err();
    assert!(error.is_construction() && error.to_string().contains("project_id"), "{error}");

    let mut bad_body = Call::new(&ops::CREATE_THING);
    bad_body.client_path_param("project_id", "project_id");
    let unserializable: std::collections::HashMap<(u8, u8), u8> = [((1, 2), 3)].into();
    bad_body.json_body("application/json", &unserializable);
    let error = client.execute(bad_body, decode_empty).await.unwrap_err();
    assert!(error.is_construction(), "{error}");

    assert_eq!(log.len(), 0, "nothing may be sent when the request cannot be built");
}

#[tokio::test]
async fn client_configuration_is_validated() {
    let nowhere = specbind::Config::builder().anonymous().build().unwrap();
    let error = specbind::Client::new("vpcep", nowhere).unwrap_err();
    assert!(error.is_construction() && error.to_string().contains("`vpcep`"), "{error}");
    assert!(specbind::Config::builder().region("CN North").anonymous().build().is_err());
    let config = specbind::Config::builder().endpoint("ftp://x").anonymous().build().unwrap();
    assert!(specbind::Client::new("vpcep", config).is_err());
    for proxy in ["https://user:pw@proxy:3128", "socks5://proxy:1080", "not a url"] {
        let config = specbind::Config::builder().region("cn-north-4").proxy(proxy);
        let error =
            specbind::Client::new("vpcep", config.anonymous().build().unwrap()).unwrap_err();
        assert!(error.is_construction(), "{proxy}: {error}");
        assert!(!error.to_string().contains("pw"), "the proxy password stays out: {error}");
    }
    let config = specbind::Config::builder().region("eu-west-101").anonymous().build().unwrap();
    let client = specbind::Client::new("vpcep", config).unwrap();
    assert_eq!(client.endpoint(), "https://vpcep.eu-west-101.myhuaweicloud.eu");
}

#[tokio::test]
async fn requests_go_through_the_configured_proxy() {
    let (proxy, log) = scripted(|_, _| reply(204, &[], "")).await;
    let proxy_with_auth = proxy.replace("http://", "http://user:pw@");
    let (builder, _) = common::config("http://vpcep.cn-north-4.example.invalid");
    let client = common::client(builder.proxy(proxy_with_auth));
    client.execute(common::show_thing("t"), decode_empty).await.unwrap();
    let seen = &log.all()[0];
    assert_eq!(
        seen.uri.host(),
        Some("vpcep.cn-north-4.example.invalid"),
        "absolute-form URI: {}",
        seen.uri
    );
    assert!(seen.header("Proxy-Authorization").unwrap().starts_with("Basic "));
    verify(seen).unwrap();
}

#[tokio::test]
async fn connections_are_pooled_and_reused() {
    use axum::extract::ConnectInfo;
    use std::net::SocketAddr;
    use std::sync::{Arc, Mutex};

    let peers = Arc::new(Mutex::new(Vec::new()));
    let recorded = Arc::clone(&peers);
    let handler = move |ConnectInfo(peer): ConnectInfo<SocketAddr>| {
        recorded.lock().unwrap().push(peer);
        async { axum::http::StatusCode::NO_CONTENT }
    };
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let app = axum::Router::new().fallback(handler);
    tokio::spawn(async move {
        let service = app.into_make_service_with_connect_info::<SocketAddr>();
        axum::serve(listener, service).await.unwrap()
    });

    let client = common::client(common::config(&base).0);
    for _ in 0..3 {
        client.execute(common::show_thing("t"), decode_empty).await.unwrap();
    }
    let peers = peers.lock().unwrap().clone();
    assert_eq!(peers.len(), 3);
    assert!(peers.iter().all(|peer| *peer == peers[0]), "one kept-alive connection: {peers:?}");
}
