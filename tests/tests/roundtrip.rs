//! Round trips through generated clients: each test starts a loopback axum server, calls a
//! generated method, checks what arrived (method, path, query, headers, body) and that the
//! client decoded the server's JSON answer into the generated types.
#![deny(warnings)]

#[path = "roundtrip/server.rs"]
mod server;

use futures::TryStreamExt;
use server::{TestServer, config};

#[specbind::bindings(spec = "specs/operations.json")]
pub mod gadgets {}

use gadgets::types;

fn client(server: &TestServer) -> gadgets::Client {
    gadgets::Client::from_config(config(server)).expect("client")
}

fn gadget_json(id: &str, status: &str) -> String {
    serde_json::json!({"id": id, "name": "g", "status": status, "size": 3}).to_string()
}

#[tokio::test]
async fn list_sends_every_parameter_kind_and_decodes_the_page() {
    let server = TestServer::start(|_| {
        let body =
            serde_json::json!({"gadgets": [{"id": "g1", "status": "ready"}], "total_count": 1});
        (200, "application/json", body.to_string())
    })
    .await;
    let request = gadgets::ListGadgetsRequest::new("created_at", "trace-1")
        .offset(5)
        .limit(2)
        .status(types::GadgetStatus::Ready)
        .id(vec!["a".to_owned(), "b c".to_owned()])
        .tags(vec!["x".to_owned(), "y".to_owned()])
        .dry(true)
        .x_client_version("9.9");
    let page = client(&server).list_gadgets(request).await.expect("list");
    assert_eq!(page.status(), 200);
    let gadgets = page.gadgets.as_deref().expect("gadgets");
    assert_eq!(gadgets[0].id, "g1");
    assert_eq!(gadgets[0].status, types::GadgetStatus::Ready);
    assert_eq!(page.total_count, Some(1));

    let sent = server.single_request();
    assert_eq!(sent.method, "GET");
    assert_eq!(sent.path, "/v1/proj123/gadgets");
    let mut query = sent.query_pairs();
    query.sort();
    let expected: Vec<(String, String)> = [
        ("dry", "true"),
        ("id", "a"),
        ("id", "b c"),
        ("limit", "2"),
        ("offset", "5"),
        ("sort_key", "created_at"),
        ("status", "ready"),
        ("tags", "x,y"),
    ]
    .iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    assert_eq!(query, expected);
    assert_eq!(sent.header("x-trace-id"), Some("trace-1"));
    assert_eq!(sent.header("x-client-version"), Some("9.9"));
    assert!(
        sent.header("authorization").is_some_and(|a| a.contains("TESTAK")),
        "request is signed"
    );
}

#[tokio::test]
async fn paginator_walks_every_page_by_offset() {
    let server = TestServer::start(|request| {
        let pairs = request.query_pairs();
        let get = |key: &str| {
            pairs.iter().find(|(k, _)| k == key).map(|(_, v)| v.parse::<usize>().unwrap()).unwrap()
        };
        let (offset, limit) = (get("offset"), get("limit"));
        let items: Vec<_> = (offset..(offset + limit).min(5))
            .map(|n| serde_json::json!({"id": format!("g{n}"), "status": "ready"}))
            .collect();
        (
            200,
            "application/json",
            serde_json::json!({"gadgets": items, "total_count": 5}).to_string(),
        )
    })
    .await;
    let request = gadgets::ListGadgetsRequest::new("name", "trace");
    let ids: Vec<String> = client(&server)
        .list_gadgets_paginator(request)
        .page_size(2)
        .items()
        .map_ok(|gadget| gadget.id)
        .try_collect()
        .await
        .expect("all pages");
    assert_eq!(ids, ["g0", "g1", "g2", "g3", "g4"]);
    assert_eq!(server.requests().len(), 3);
}

#[tokio::test]
async fn body_paging_sets_offset_and_limit_in_the_json_body() {
    let server = TestServer::start(|request| {
        let body = request.json();
        let offset = body["offset"].as_u64().unwrap() as usize;
        let items: Vec<_> = (offset..(offset + 2).min(3))
            .map(|n| serde_json::json!({"id": format!("t{n}"), "status": "ready"}))
            .collect();
        (
            200,
            "application/json",
            serde_json::json!({"resources": items, "total_count": 3}).to_string(),
        )
    })
    .await;
    let query = types::TagQuery::new("filter").tags(vec![types::Tag::new("env").value("prod")]);
    let request = gadgets::ListGadgetsByTagsRequest::new(query);
    let ids: Vec<String> = client(&server)
        .list_gadgets_by_tags_paginator(request)
        .page_size(2)
        .items()
        .map_ok(|gadget| gadget.id)
        .try_collect()
        .await
        .expect("all pages");
    assert_eq!(ids, ["t0", "t1", "t2"]);
    let first = &server.requests()[0];
    assert_eq!(first.method, "POST");
    assert_eq!(first.path, "/v1/proj123/gadgets/action");
    assert_eq!(
        first.json(),
        serde_json::json!({"action": "filter", "tags": [{"key": "env", "value": "prod"}], "offset": 0, "limit": 2})
    );
}

#[tokio::test]
async fn create_decodes_each_success_status_into_its_own_variant() {
    let server = TestServer::start(|request| match request.json()["name"].as_str() {
        Some("queued") => (202, "application/json", r#"{"job_id":"j1"}"#.to_owned()),
        _ => (201, "application/json", gadget_json("g9", "creating")),
    })
    .await;
    let client = client(&server);
    let body = types::CreateGadgetBody::new("now").size(7);
    let created =
        client.create_gadget(gadgets::CreateGadgetRequest::new(body)).await.expect("create");
    match created.into_body() {
        gadgets::CreateGadgetOutput::Status201(gadget) => {
            assert_eq!(gadget.id, "g9");
            assert_eq!(gadget.status, types::GadgetStatus::Creating);
        }
        other => panic!("expected 201, got {other:?}"),
    }
    let queued = types::CreateGadgetBody::new("queued");
    let queued =
        client.create_gadget(gadgets::CreateGadgetRequest::new(queued)).await.expect("queue");
    assert_eq!(
        *queued.body(),
        gadgets::CreateGadgetOutput::Status202(types::Job { job_id: "j1".into() })
    );

    let sent = &server.requests()[0];
    assert_eq!((sent.method.as_str(), sent.path.as_str()), ("POST", "/v1/proj123/gadgets"));
    assert_eq!(sent.header("content-type"), Some("application/json;charset=UTF-8"));
    assert_eq!(sent.json(), serde_json::json!({"name": "now", "size": 7}));
}

#[tokio::test]
async fn unknown_enum_values_survive_a_round_trip() {
    let server =
        TestServer::start(|_| (200, "application/json", gadget_json("g1", "hibernating"))).await;
    let shown =
        client(&server).show_gadget(gadgets::ShowGadgetRequest::new("g1")).await.expect("show");
    assert_eq!(shown.status, types::GadgetStatus::Unknown("hibernating".into()));
    assert_eq!(serde_json::to_value(shown.body()).unwrap()["status"], "hibernating");
    assert_eq!(server.single_request().path, "/v1/proj123/gadgets/g1");
}

#[tokio::test]
async fn bodiless_statuses_and_optional_bodies() {
    let server = TestServer::start(|request| match request.method.as_str() {
        "DELETE" => (204, "application/json", String::new()),
        _ if request.body.is_empty() => (204, "application/json", String::new()),
        _ => (200, "application/json", gadget_json("g1", "ready")),
    })
    .await;
    let client = client(&server);
    let deleted =
        client.delete_gadget(gadgets::DeleteGadgetRequest::new("g1")).await.expect("delete");
    assert_eq!(deleted.status(), 204);
    let unchanged =
        client.update_gadget(gadgets::UpdateGadgetRequest::new("g1")).await.expect("noop");
    assert_eq!(*unchanged.body(), gadgets::UpdateGadgetOutput::Status204);
    let renamed =
        gadgets::UpdateGadgetRequest::new("g1").body(types::UpdateGadgetBody::default().name("n"));
    let renamed = client.update_gadget(renamed).await.expect("update");
    assert!(matches!(renamed.body(), gadgets::UpdateGadgetOutput::Status200(g) if g.id == "g1"));
    let requests = server.requests();
    assert_eq!(requests[1].method, "PUT");
    assert!(requests[1].body.is_empty(), "no body when none was set");
    assert_eq!(requests[2].json(), serde_json::json!({"name": "n"}));
}

#[tokio::test]
async fn waiters_poll_until_success_and_treat_404_as_gone() {
    let server = TestServer::start(|_| (200, "application/json", gadget_json("g1", "ready"))).await;
    let ready = client(&server)
        .wait_until_gadget_ready(
            gadgets::ShowGadgetRequest::new("g1"),
            specbind::WaitOptions::new(),
        )
        .await
        .expect("ready");
    assert_eq!(ready.status, types::GadgetStatus::Ready);

    let gone = TestServer::start(|_| {
        (
            404,
            "application/json",
            r#"{"error_code":"Gadget.404","error_msg":"no such gadget"}"#.to_owned(),
        )
    })
    .await;
    client(&gone)
        .wait_until_gadget_deleted(
            gadgets::ShowGadgetRequest::new("g1"),
            specbind::WaitOptions::new(),
        )
        .await
        .expect("404 ends a deleted-waiter successfully");
}

#[tokio::test]
async fn form_text_and_keyword_named_operations() {
    let server = TestServer::start(|request| match request.path.as_str() {
        "/v1/login" => (204, "text/plain", String::new()),
        "/v1/self/type" => (200, "application/json", r#"{"free":["form"]}"#.to_owned()),
        _ => (200, "text/plain", "read the manual".to_owned()),
    })
    .await;
    let client = client(&server);
    client
        .login(gadgets::LoginRequest::new(types::Login::new("bob").remember(true)))
        .await
        .expect("login");
    let manual =
        client.show_gadget_manual(gadgets::ShowGadgetManualRequest::new("g1")).await.expect("text");
    assert_eq!(manual.body(), "read the manual");
    let request = gadgets::TypeRequest::new("t").body("b").new_2("n");
    let any = client.r#type(request).await.expect("keyword operation");
    assert_eq!(*any.body(), serde_json::json!({"free": ["form"]}));

    let requests = server.requests();
    assert_eq!(requests[0].header("content-type"), Some("application/x-www-form-urlencoded"));
    assert_eq!(String::from_utf8_lossy(&requests[0].body), "user=bob&remember=true");
    assert_eq!(requests[1].path, "/v1/proj123/gadgets/g1/manual");
    assert_eq!(requests[2].query, "body=b&new=n&type=t");
}
