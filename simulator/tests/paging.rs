//! List paging: limit/offset/sort, totals, and an offset past the end is an empty page.

mod support;

use support::{Call, create_service, provider, start};

const SERVICES: &str = "/v1/{project_id}/vpc-endpoint-services";

#[tokio::test]
async fn pages_cover_every_item_once_in_order() {
    let sim = start().await;
    let owner = provider(&sim);
    let mut created = Vec::new();
    for i in 0..5 {
        created.push(create_service(&sim, &owner, &format!("svc{i}"), false).await);
        // Creation times have second precision; ids break ties, so order is still total.
    }
    let mut seen = Vec::new();
    let mut offset = 0;
    loop {
        let page = Call::new(&owner, "GET", SERVICES)
            .query("limit", 2)
            .query("offset", offset)
            .query("sort_key", "create_at")
            .query("sort_dir", "asc")
            .send(&sim)
            .await;
        assert_eq!(page.status, 200, "{page:?}");
        assert_eq!(page.body["total_count"], 5);
        let items = page.body["endpoint_services"].as_array().unwrap().clone();
        assert!(items.len() <= 2);
        if items.is_empty() {
            break;
        }
        offset += items.len();
        seen.extend(items.iter().map(|s| s["id"].as_str().unwrap().to_string()));
    }
    let mut sorted_seen = seen.clone();
    sorted_seen.sort();
    sorted_seen.dedup();
    assert_eq!(sorted_seen.len(), 5, "{seen:?}");
    let mut expected = created.clone();
    expected.sort();
    assert_eq!(sorted_seen, expected);

    let descending = Call::new(&owner, "GET", SERVICES).query("limit", 1000).send(&sim).await;
    let ids: Vec<&str> = descending.body["endpoint_services"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap())
        .collect();
    let reversed: Vec<&str> = seen.iter().rev().map(String::as_str).collect();
    assert_eq!(ids, reversed, "the default order is newest first");
}

#[tokio::test]
async fn default_limit_is_ten_and_past_the_end_is_empty() {
    let sim = start().await;
    let owner = provider(&sim);
    for i in 0..12 {
        create_service(&sim, &owner, &format!("n{i}"), false).await;
    }
    let first = Call::new(&owner, "GET", SERVICES).send(&sim).await;
    assert_eq!(first.body["endpoint_services"].as_array().unwrap().len(), 10);
    assert_eq!(first.body["total_count"], 12);
    let past = Call::new(&owner, "GET", SERVICES).query("offset", 12).send(&sim).await;
    assert_eq!(past.status, 200, "{past:?}");
    assert_eq!(past.body["endpoint_services"].as_array().unwrap().len(), 0);
    assert_eq!(past.body["total_count"], 12);
    let filtered =
        Call::new(&owner, "GET", SERVICES).query("endpoint_service_name", "n1").send(&sim).await;
    // n1, n10, n11
    assert_eq!(filtered.body["total_count"], 3, "{filtered:?}");
}

#[tokio::test]
async fn resources_by_tag_pages_with_string_offsets_and_counts() {
    let sim = start().await;
    let owner = provider(&sim);
    for i in 0..3 {
        let id = create_service(&sim, &owner, &format!("t{i}"), false).await;
        let tag = serde_json::json!({ "action": "create", "tags": [{ "key": "k", "value": format!("v{i}") }] });
        let tagged = Call::new(
            &owner,
            "POST",
            format!("/v1/{{project_id}}/endpoint_service/{id}/tags/action"),
        )
        .json(&tag)
        .send(&sim)
        .await;
        assert_eq!(tagged.status, 204, "{tagged:?}");
    }
    let find = "/v1/{project_id}/endpoint_service/resource_instances/action";
    let body = serde_json::json!({ "action": "filter", "limit": "2", "offset": "2", "tags": [{ "key": "k", "values": [] }] });
    let page = Call::new(&owner, "POST", find).json(&body).send(&sim).await;
    assert_eq!(page.status, 200, "{page:?}");
    assert_eq!(page.body["resources"].as_array().unwrap().len(), 1, "{page:?}");
    assert_eq!(page.body["total_count"].to_string().trim_matches('"'), "3");
    let count =
        serde_json::json!({ "action": "count", "tags": [{ "key": "k", "values": ["v1"] }] });
    let counted = Call::new(&owner, "POST", find).json(&count).send(&sim).await;
    assert_eq!(counted.body["total_count"].to_string().trim_matches('"'), "1", "{counted:?}");
    let bad = serde_json::json!({ "action": "filter", "limit": "0" });
    let refused = Call::new(&owner, "POST", find).json(&bad).send(&sim).await;
    assert_eq!(refused.status, 400, "{refused:?}");
}
