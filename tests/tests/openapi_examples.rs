//! Every OpenAPI example document in `../shared/openapi/` goes through the real
//! `#[specbind::bindings]` macro here, under `#![deny(warnings)]`, and a few operations of each
//! are called over loopback against a local axum server.
#![deny(warnings)]

#[path = "roundtrip/server.rs"]
mod server;

use server::{TestServer, config};

#[specbind::bindings(spec = "../../shared/openapi/api-with-examples.json")]
pub mod api_with_examples {}
#[specbind::bindings(spec = "../../shared/openapi/callback-example.json")]
pub mod callback_example {}
#[specbind::bindings(spec = "../../shared/openapi/link-example.json")]
pub mod link_example {}
#[specbind::bindings(spec = "../../shared/openapi/petstore-expanded.json")]
pub mod petstore_expanded {}
#[specbind::bindings(spec = "../../shared/openapi/petstore.json")]
pub mod petstore {}
#[specbind::bindings(spec = "../../shared/openapi/uspto.json")]
pub mod uspto {}

#[test]
fn every_shared_document_is_expanded_here() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/openapi");
    let source = include_str!("openapi_examples.rs");
    for entry in std::fs::read_dir(&dir).expect("shared/openapi") {
        let name = entry.expect("entry").file_name().to_string_lossy().into_owned();
        if name.ends_with(".json") {
            let attribute = format!("spec = \"../../shared/openapi/{name}\"");
            assert!(source.contains(&attribute), "{name} is not expanded by this test");
        }
    }
}

#[tokio::test]
async fn petstore_lists_creates_and_shows() {
    let server =
        TestServer::start(|request| match (request.method.as_str(), request.path.as_str()) {
            ("GET", "/pets") => {
                (200, "application/json", r#"[{"id":1,"name":"Rex","tag":"dog"}]"#.to_owned())
            }
            ("POST", _) => (201, "application/json", String::new()),
            _ => (200, "application/json", r#"{"id":7,"name":"Tom"}"#.to_owned()),
        })
        .await;
    let client = petstore::Client::from_config(config(&server)).expect("client");
    let pets = client.list_pets(petstore::ListPetsRequest::new().limit(10)).await.expect("list");
    assert_eq!(pets.len(), 1);
    assert_eq!(pets[0].name, "Rex");
    assert_eq!(pets[0].tag.as_deref(), Some("dog"));
    let new_pet = petstore::types::Pet::new(7, "Tom");
    client.create_pets(petstore::CreatePetsRequest::new(new_pet)).await.expect("create");
    let shown = client.show_pet_by_id(petstore::ShowPetByIdRequest::new("7")).await.expect("show");
    assert_eq!(shown.id, 7);

    let requests = server.requests();
    assert_eq!(requests[0].query, "limit=10");
    assert_eq!(requests[1].json(), serde_json::json!({"id": 7, "name": "Tom"}));
    // Paths are the spec's templates; the server URL's base path comes from the endpoint.
    assert_eq!(requests[0].path, "/pets");
    assert_eq!(requests[2].path, "/pets/7");
}

#[tokio::test]
async fn petstore_expanded_merges_all_of_and_sends_list_queries() {
    let server = TestServer::start(|request| match request.method.as_str() {
        "GET" => (200, "application/json", r#"[{"id":1,"name":"Rex"}]"#.to_owned()),
        "DELETE" => (204, "application/json", String::new()),
        _ => (200, "application/json", r#"{"id":2,"name":"Tom","tag":"cat"}"#.to_owned()),
    })
    .await;
    let client = petstore_expanded::Client::from_config(config(&server)).expect("client");
    let request = petstore_expanded::FindPetsRequest::new()
        .tags(vec!["a".to_owned(), "b".to_owned()])
        .limit(3);
    let pets = client.find_pets(request).await.expect("find");
    assert_eq!(pets[0].id, 1);
    let added = client
        .add_pet(petstore_expanded::AddPetRequest::new(petstore_expanded::types::NewPet::new(
            "Tom",
        )))
        .await
        .expect("add");
    assert_eq!((added.id, added.tag.as_deref()), (2, Some("cat")));
    client.delete_pet(petstore_expanded::DeletePetRequest::new(2)).await.expect("delete");

    let requests = server.requests();
    assert_eq!(requests[0].query, "limit=3&tags=a&tags=b");
    assert_eq!(requests[1].json(), serde_json::json!({"name": "Tom"}));
    assert_eq!(requests[2].method, "DELETE");
    assert_eq!(requests[2].path, "/pets/2");
}

#[tokio::test]
async fn link_example_paths_and_enums() {
    let server = TestServer::start(|request| match request.path.as_str() {
        "/2.0/users/alice" => {
            (200, "application/json", r#"{"username":"alice","uuid":"u1"}"#.to_owned())
        }
        "/2.0/repositories/alice/tools/pullrequests/5/merge" => {
            (204, "application/json", String::new())
        }
        _ => (
            200,
            "application/json",
            r#"[{"id":5,"title":"fix","author":{"username":"bob"}}]"#.to_owned(),
        ),
    })
    .await;
    let client = link_example::Client::from_config(config(&server)).expect("client");
    let user = client
        .get_user_by_name(link_example::GetUserByNameRequest::new("alice"))
        .await
        .expect("user");
    assert_eq!(user.uuid.as_deref(), Some("u1"));
    let request =
        link_example::GetPullRequestsByRepositoryRequest::new("alice", "tools").state("merged");
    let pulls = client.get_pull_requests_by_repository(request).await.expect("pulls");
    assert_eq!(pulls[0].author.as_ref().and_then(|a| a.username.as_deref()), Some("bob"));
    let merge = link_example::MergePullRequestRequest::new("alice", "tools", "5");
    client.merge_pull_request(merge).await.expect("merge");
    let requests = server.requests();
    assert_eq!(requests[1].path, "/2.0/repositories/alice/tools/pullrequests");
    assert_eq!(requests[1].query, "state=merged");
    assert_eq!(requests[2].method, "POST");
}

#[tokio::test]
async fn uspto_lists_data_sets_and_searches_with_a_form() {
    let server = TestServer::start(|request| match request.method.as_str() {
        "GET" => (
            200,
            "application/json",
            r#"{"total":1,"apis":[{"apiKey":"oa_citations"}]}"#.to_owned(),
        ),
        _ => (200, "application/json", r#"[{"patent":"x","year":2001}]"#.to_owned()),
    })
    .await;
    let client = uspto::Client::from_config(config(&server)).expect("client");
    let sets = client.list_data_sets(uspto::ListDataSetsRequest::new()).await.expect("list");
    assert_eq!(sets.total, Some(1));
    let form = uspto::types::PerformSearchRequestBody::new("*:*").start(0).rows(10);
    let request = uspto::PerformSearchRequest::new("v1", "oa_citations").body(form);
    let found = client.perform_search(request).await.expect("search");
    assert_eq!(found.len(), 1);
    let search = &server.requests()[1];
    assert_eq!(search.path, "/oa_citations/v1/records");
    assert_eq!(search.header("content-type"), Some("application/x-www-form-urlencoded"));
    assert_eq!(String::from_utf8_lossy(&search.body), "criteria=*%3A*&start=0&rows=10");
}

#[tokio::test]
async fn api_with_examples_decodes_free_form_json() {
    let server =
        TestServer::start(|_| (200, "application/json", r#"{"versions":[]}"#.to_owned())).await;
    let client = api_with_examples::Client::from_config(config(&server)).expect("client");
    client
        .list_versionsv2(api_with_examples::ListVersionsv2Request::new())
        .await
        .expect("versions");
    assert_eq!(server.single_request().path, "/");
}

#[tokio::test]
async fn callback_example_subscribes_with_a_required_query() {
    let server =
        TestServer::start(|_| (201, "application/json", r#"{"subscriptionId":"s-1"}"#.to_owned()))
            .await;
    let client = callback_example::Client::from_config(config(&server)).expect("client");
    let request = callback_example::PostStreamsRequest::new("https://example.invalid/hook?a=1");
    let subscribed = client.post_streams(request).await.expect("subscribe");
    assert_eq!(subscribed.status(), 201);
    assert_eq!(subscribed.subscription_id, "s-1");
    let sent = server.single_request();
    assert_eq!((sent.method.as_str(), sent.path.as_str()), ("POST", "/streams"));
    assert_eq!(
        sent.query_pairs(),
        [("callbackUrl".to_owned(), "https://example.invalid/hook?a=1".to_owned())]
    );
}
