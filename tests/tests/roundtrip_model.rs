//! Round trips through the client generated for the hand-built sample model
//! (`tests/golden/model-sample.rs`): real HTTP on loopback against the runtime.
#![deny(warnings)]

// A golden file (prettyplease output): rustfmt must not reformat it.
#[rustfmt::skip]
#[path = "../golden/model-sample.rs"]
pub mod sample;
#[path = "roundtrip/server.rs"]
mod server;

use futures::TryStreamExt;
use sample::types;
use server::{TestServer, config};

fn client(server: &TestServer) -> sample::Client {
    sample::Client::from_config(config(server)).expect("client")
}

fn page(offset: usize, limit: usize, total: usize) -> String {
    let items: Vec<_> = (offset..(offset + limit).min(total))
        .map(|n| serde_json::json!({"type": format!("n{n}")}))
        .collect();
    serde_json::json!({"items": items, "total_count": total}).to_string()
}

#[tokio::test]
async fn query_paging_walks_every_page_and_sends_params() {
    let server = TestServer::start(|request| {
        let pairs = request.query_pairs();
        let number =
            |key: &str| pairs.iter().find(|(k, _)| k == key).map(|(_, v)| v.parse().unwrap());
        (200, "application/json", page(number("offset").unwrap(), number("limit").unwrap(), 5))
    })
    .await;
    let request = sample::ListNodesRequest::new("trace-7")
        .status(types::Status::AB)
        .id(vec!["x".to_owned(), "y".to_owned()]);
    let names: Vec<String> = client(&server)
        .list_nodes_paginator(request)
        .page_size(2)
        .items()
        .map_ok(|node| node.r#type)
        .try_collect()
        .await
        .expect("pages");
    assert_eq!(names, ["n0", "n1", "n2", "n3", "n4"]);
    let requests = server.requests();
    assert_eq!(requests.len(), 3);
    assert_eq!(requests[0].method, "GET");
    assert_eq!(requests[0].path, "/v1/proj123/nodes");
    assert_eq!(requests[2].query, "id=x&id=y&limit=2&offset=4&status=a-b");
    assert_eq!(requests[0].header("x-trace"), Some("trace-7"));
}

#[tokio::test]
async fn body_paging_writes_offset_and_limit_into_the_body() {
    let server = TestServer::start(|request| {
        let body = request.json();
        let number = |key: &str| body[key].as_str().expect("decimal text").parse().unwrap();
        (200, "application/json", page(number("offset"), number("limit"), 3))
    })
    .await;
    let request = sample::ListNodesByTagRequest::new(types::TagQuery::new("filter"));
    let pages: Vec<_> = client(&server)
        .list_nodes_by_tag_paginator(request)
        .page_size(2)
        .try_collect()
        .await
        .expect("pages");
    assert_eq!(pages.len(), 2);
    let bodies: Vec<_> = server.requests().iter().map(|r| r.json()).collect();
    assert_eq!(bodies[0], serde_json::json!({"action": "filter", "offset": "0", "limit": "2"}));
    assert_eq!(bodies[1], serde_json::json!({"action": "filter", "offset": "2", "limit": "2"}));
}

#[tokio::test]
async fn several_success_statuses_decode_into_the_output_enum() {
    let server = TestServer::start(|request| match request.json()["type"].as_str() {
        Some("a") => (200, "application/json", r#"{"type":"made"}"#.to_owned()),
        Some("b") => (202, "application/json", r#""queued""#.to_owned()),
        Some("c") => (204, "application/json", String::new()),
        _ => (206, "text/plain", "partial".to_owned()),
    })
    .await;
    let client = client(&server);
    let create =
        |kind: &str| client.create_node(sample::CreateNodeRequest::new(types::Node::new(kind)));
    let made = create("a").await.expect("200").into_body();
    assert!(matches!(made, sample::CreateNodeOutput::Status200(n) if n.r#type == "made"));
    let queued = create("b").await.expect("202").into_body();
    assert_eq!(queued, sample::CreateNodeOutput::Status202(types::Shape::Text("queued".into())));
    assert_eq!(create("c").await.expect("204").into_body(), sample::CreateNodeOutput::Status204);
    let other = create("d").await.expect("206").into_body();
    assert_eq!(other, sample::CreateNodeOutput::Other { status: 206, body: "partial".into() });
    assert_eq!(server.requests()[0].json(), serde_json::json!({"type": "a"}));
}

#[tokio::test]
async fn form_text_empty_bodies_and_waiters() {
    let server =
        TestServer::start(|request| match (request.method.as_str(), request.path.as_str()) {
            ("POST", "/v1/login") => (204, "text/plain", String::new()),
            ("GET", "/v1/manual") => (200, "text/plain", "read me".to_owned()),
            ("DELETE", _) => (204, "application/json", String::new()),
            ("GET", "/v1/nodes/gone") => {
                (404, "application/json", r#"{"error_code":"X.404","error_msg":"gone"}"#.to_owned())
            }
            _ => (200, "application/json", r#"{"type":"ready"}"#.to_owned()),
        })
        .await;
    let client = client(&server);
    client
        .login(sample::LoginRequest::new(types::Login::new("bob").remember(true)))
        .await
        .expect("login");
    let manual = client.show_manual(sample::ShowManualRequest::new()).await.expect("manual");
    assert_eq!(manual.body(), "read me");
    client.delete_node(sample::DeleteNodeRequest::new("n1")).await.expect("delete");
    let ready = client
        .wait_until_node_ready(sample::ShowNodeRequest::new("n1"), specbind::WaitOptions::new())
        .await
        .expect("ready");
    assert_eq!(ready.r#type, "ready");
    client
        .wait_until_node_deleted(sample::ShowNodeRequest::new("gone"), specbind::WaitOptions::new())
        .await
        .expect("a 404 ends a deleted-waiter");

    let requests = server.requests();
    assert_eq!(requests[0].header("content-type"), Some("application/x-www-form-urlencoded"));
    assert_eq!(String::from_utf8_lossy(&requests[0].body), "user=bob&remember=true");
    assert_eq!(requests[2].method, "DELETE");
    assert_eq!(requests[2].path, "/v1/nodes/n1");
}
