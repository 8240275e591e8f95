//! Tenants see only their own resources, except that anyone may describe a service and a
//! whitelisted tenant may connect to it; approval moves the connection and the endpoint together.

mod support;

use serde_json::json;
use support::{Call, consumer, create_service, named_service_body, provider, start};
use vpcep_sim::RunningSimulator;

const ENDPOINTS: &str = "/v1/{project_id}/vpc-endpoints";

fn endpoint_body(service_id: &str) -> serde_json::Value {
    json!({
        "endpoint_service_id": service_id,
        "vpc_id": "0d6f8b1e-2c3a-4b5d-9e7f-1a2b3c4d5e6f",
        "subnet_id": "7c8d9e0f-1a2b-4c3d-8e5f-6a7b8c9d0e1f"
    })
}

async fn whitelist(sim: &RunningSimulator, service_id: &str, entry: &str) {
    let owner = provider(sim);
    let path = format!("/v1/{{project_id}}/vpc-endpoint-services/{service_id}/permissions/action");
    let body = json!({ "permissions": [entry], "action": "add" });
    let answer = Call::new(&owner, "POST", path).json(&body).send(sim).await;
    assert_eq!(answer.status, 200, "{answer:?}");
}

#[tokio::test]
async fn another_tenant_cannot_see_or_touch_a_service() {
    let sim = start().await;
    let (owner, other) = (provider(&sim), consumer(&sim));
    let id = create_service(&sim, &owner, "private", false).await;
    let one = format!("/v1/{{project_id}}/vpc-endpoint-services/{id}");
    for method in ["GET", "DELETE"] {
        let answer = Call::new(&other, method, one.clone()).send(&sim).await;
        assert_eq!(answer.status, 404, "{method}: {answer:?}");
    }
    let listed =
        Call::new(&other, "GET", "/v1/{project_id}/vpc-endpoint-services").send(&sim).await;
    assert_eq!(listed.body["total_count"], 0, "{listed:?}");
    let still = Call::new(&owner, "GET", one).send(&sim).await;
    assert_eq!(still.status, 200, "{still:?}");
}

/// What `describe` may show; everything else about a service stays with its owner.
const BASIC_FIELDS: &[&str] = &[
    "id",
    "service_name",
    "service_type",
    "created_at",
    "is_charge",
    "public_border_group",
    "enable_policy",
];

#[tokio::test]
async fn any_tenant_describes_a_service_and_sees_only_its_basic_fields() {
    let sim = start().await;
    let (owner, other) = (provider(&sim), consumer(&sim));
    let id = create_service(&sim, &owner, "listed", false).await;
    let describe = "/v1/{project_id}/vpc-endpoint-services/describe";
    let by_id = Call::new(&other, "GET", describe).query("id", &id).send(&sim).await;
    assert_eq!(by_id.status, 200, "not whitelisted, still describable: {by_id:?}");
    let name = by_id.body["service_name"].as_str().expect("a service name").to_string();
    assert_eq!(name, format!("cn-north-4.listed.{id}"));
    assert_eq!(
        (&by_id.body["id"], &by_id.body["service_type"], &by_id.body["is_charge"]),
        (&json!(id), &json!("interface"), &json!(false)),
        "{by_id:?}"
    );
    assert!(by_id.body["created_at"].is_string(), "{by_id:?}");
    let keys: Vec<&String> = by_id.body.as_object().expect("an object").keys().collect();
    assert!(keys.iter().all(|k| BASIC_FIELDS.contains(&k.as_str())), "server details: {keys:?}");
    let by_name =
        Call::new(&other, "GET", describe).query("endpoint_service_name", &name).send(&sim).await;
    assert_eq!(by_name.body, by_id.body, "{by_name:?}");
    let own = Call::new(&owner, "GET", describe).query("id", &id).send(&sim).await;
    assert_eq!(own.body, by_id.body, "the owner sees the same summary: {own:?}");

    // Describing grants nothing else: details stay hidden and connecting still needs the list.
    let details = format!("/v1/{{project_id}}/vpc-endpoint-services/{id}");
    assert_eq!(Call::new(&other, "GET", details).send(&sim).await.status, 404);
    let refused = Call::new(&other, "POST", ENDPOINTS).json(&endpoint_body(&id)).send(&sim).await;
    assert_eq!((refused.status, refused.code()), (403, "EndPoint.0007"), "{refused:?}");
}

#[tokio::test]
async fn describing_what_does_not_exist_is_404() {
    let sim = start().await;
    let (owner, other) = (provider(&sim), consumer(&sim));
    let id = create_service(&sim, &owner, "real", false).await;
    let describe = "/v1/{project_id}/vpc-endpoint-services/describe";
    let missing = "00000000-0000-4000-a000-00000000dead";
    let cases = [
        Call::new(&other, "GET", describe).query("id", missing),
        Call::new(&other, "GET", describe).query("endpoint_service_name", "cn-north-4.nothing"),
        // Both given: both must name the same service.
        Call::new(&other, "GET", describe)
            .query("id", &id)
            .query("endpoint_service_name", "cn-north-4.nothing"),
    ];
    for send in cases {
        let answer = send.send(&sim).await;
        assert_eq!((answer.status, answer.code()), (404, "EndPoint.0005"), "{answer:?}");
    }
    let empty = Call::new(&other, "GET", describe).query("id", "").send(&sim).await;
    assert_eq!((empty.status, empty.code()), (400, "EndPoint.0002"), "{empty:?}");
}

#[tokio::test]
async fn a_project_id_of_another_tenant_is_forbidden() {
    let sim = start().await;
    let (owner, other) = (provider(&sim), consumer(&sim));
    let path = format!("/v1/{}/vpc-endpoint-services", owner.project_id);
    let answer = Call::new(&other, "GET", path).send(&sim).await;
    assert_eq!(answer.status, 403, "{answer:?}");
    assert!(answer.message().contains(&owner.project_id), "{answer:?}");
}

#[tokio::test]
async fn connecting_needs_the_owner_whitelist() {
    let sim = start().await;
    let (owner, other) = (provider(&sim), consumer(&sim));
    let id = create_service(&sim, &owner, "guarded", false).await;
    let refused = Call::new(&other, "POST", ENDPOINTS).json(&endpoint_body(&id)).send(&sim).await;
    assert_eq!(refused.status, 403, "{refused:?}");
    let malformed_path =
        format!("/v1/{{project_id}}/vpc-endpoint-services/{id}/permissions/action");
    let malformed = json!({ "permissions": ["iam:domain:42"], "action": "add" });
    let bad = Call::new(&owner, "POST", malformed_path).json(&malformed).send(&sim).await;
    assert_eq!(bad.status, 400, "{bad:?}");
    whitelist(&sim, &id, &other.whitelist_entry()).await;
    let created = Call::new(&other, "POST", ENDPOINTS).json(&endpoint_body(&id)).send(&sim).await;
    assert_eq!(created.status, 200, "{created:?}");
    let eid = created.body["id"].as_str().unwrap().to_string();
    let shown = Call::new(&other, "GET", format!("{ENDPOINTS}/{eid}")).send(&sim).await;
    assert_eq!(shown.body["status"], "accepted", "{shown:?}");
    // The owner sees the connection but not the consumer's endpoint itself.
    let hidden = Call::new(&owner, "GET", format!("{ENDPOINTS}/{eid}")).send(&sim).await;
    assert_eq!(hidden.status, 404, "{hidden:?}");
}

#[tokio::test]
async fn a_wildcard_whitelist_admits_everyone() {
    let sim = start().await;
    let (owner, other) = (provider(&sim), consumer(&sim));
    let id = create_service(&sim, &owner, "open", false).await;
    whitelist(&sim, &id, "*").await;
    let created = Call::new(&other, "POST", ENDPOINTS).json(&endpoint_body(&id)).send(&sim).await;
    assert_eq!(created.status, 200, "{created:?}");
}

#[tokio::test]
async fn approval_moves_connection_and_endpoint_together() {
    let sim = start().await;
    let (owner, other) = (provider(&sim), consumer(&sim));
    let id = create_service(&sim, &owner, "approved", true).await;
    whitelist(&sim, &id, &other.whitelist_entry()).await;
    let mut ids = Vec::new();
    for _ in 0..2 {
        let created =
            Call::new(&other, "POST", ENDPOINTS).json(&endpoint_body(&id)).send(&sim).await;
        assert_eq!(created.status, 200, "{created:?}");
        ids.push(created.body["id"].as_str().unwrap().to_string());
    }
    let connections = format!("/v1/{{project_id}}/vpc-endpoint-services/{id}/connections");
    let pending = Call::new(&owner, "GET", connections.clone()).send(&sim).await;
    assert_eq!(pending.body["total_count"], 2, "{pending:?}");
    assert!(
        pending.body["connections"]
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c["status"] == "pendingAcceptance")
    );
    // Only the service owner may decide.
    let action = format!("{connections}/action");
    let accept = json!({ "action": "receive", "endpoints": [ids[0]] });
    let stranger = Call::new(&other, "POST", action.clone()).json(&accept).send(&sim).await;
    assert_eq!(stranger.status, 404, "{stranger:?}");
    let accepted = Call::new(&owner, "POST", action.clone()).json(&accept).send(&sim).await;
    assert_eq!(accepted.status, 200, "{accepted:?}");
    let reject = json!({ "action": "reject", "endpoints": [ids[1]] });
    let rejected = Call::new(&owner, "POST", action.clone()).json(&reject).send(&sim).await;
    assert_eq!(rejected.status, 200, "{rejected:?}");
    let bad = json!({ "action": "maybe", "endpoints": [ids[1]] });
    let invalid = Call::new(&owner, "POST", action).json(&bad).send(&sim).await;
    assert_eq!(invalid.status, 400, "{invalid:?}");
    for (eid, status) in [(&ids[0], "accepted"), (&ids[1], "rejected")] {
        let shown = Call::new(&other, "GET", format!("{ENDPOINTS}/{eid}")).send(&sim).await;
        assert_eq!(shown.body["status"], status, "{shown:?}");
    }
    let filtered =
        Call::new(&owner, "GET", connections).query("status", "rejected").send(&sim).await;
    assert_eq!(filtered.body["total_count"], 1, "{filtered:?}");
    assert_eq!(filtered.body["connections"][0]["id"], ids[1].as_str());
}

#[tokio::test]
async fn deleting_goes_through_deleting_then_404_and_quota_counts_follow() {
    let sim = vpcep_sim::Simulator::builder()
        .lifecycle_delay(std::time::Duration::from_millis(300))
        .quotas(vpcep_sim::Quotas { endpoint_services: 2, ..vpcep_sim::Quotas::default() })
        .start()
        .await
        .unwrap();
    let owner = provider(&sim);
    let first = create_service(&sim, &owner, "one", false).await;
    let one = format!("/v1/{{project_id}}/vpc-endpoint-services/{first}");
    let creating = Call::new(&owner, "GET", one.clone()).send(&sim).await;
    assert_eq!(creating.body["status"], "creating", "{creating:?}");
    create_service(&sim, &owner, "two", false).await;
    let over = Call::new(&owner, "POST", "/v1/{project_id}/vpc-endpoint-services")
        .json(&named_service_body("three", false))
        .send(&sim)
        .await;
    assert_eq!(over.status, 400, "{over:?}");
    assert!(over.message().contains("quota"), "{over:?}");
    let quotas = Call::new(&owner, "GET", "/v1/{project_id}/quotas")
        .query("type", "endpoint_service")
        .send(&sim)
        .await;
    assert_eq!(quotas.body["quotas"]["resources"][0]["used"], 2, "{quotas:?}");
    assert_eq!(quotas.body["quotas"]["resources"][0]["quota"], 2, "{quotas:?}");
    tokio::time::sleep(std::time::Duration::from_millis(400)).await;
    let available = Call::new(&owner, "GET", one.clone()).send(&sim).await;
    assert_eq!(available.body["status"], "available", "{available:?}");
    let deleted = Call::new(&owner, "DELETE", one.clone()).send(&sim).await;
    assert_eq!(deleted.status, 204, "{deleted:?}");
    let deleting = Call::new(&owner, "GET", one.clone()).send(&sim).await;
    assert_eq!(deleting.body["status"], "deleting", "{deleting:?}");
    tokio::time::sleep(std::time::Duration::from_millis(400)).await;
    let gone = Call::new(&owner, "GET", one).send(&sim).await;
    assert_eq!(gone.status, 404, "{gone:?}");
}

#[tokio::test]
async fn a_service_on_the_failing_backend_ends_failed_and_takes_no_endpoints() {
    let sim = start().await;
    let (owner, other) = (provider(&sim), consumer(&sim));
    let mut body = named_service_body("doomed", false);
    body["port_id"] = json!(vpcep_sim::FAILING_BACKEND);
    let created = Call::new(&owner, "POST", "/v1/{project_id}/vpc-endpoint-services")
        .json(&body)
        .send(&sim)
        .await;
    assert_eq!(created.status, 200, "{created:?}");
    let id = created.body["id"].as_str().unwrap().to_string();
    let shown = Call::new(&owner, "GET", format!("/v1/{{project_id}}/vpc-endpoint-services/{id}"))
        .send(&sim)
        .await;
    assert_eq!(shown.body["status"], "failed", "{shown:?}");
    whitelist(&sim, &id, "*").await;
    let refused = Call::new(&other, "POST", ENDPOINTS).json(&endpoint_body(&id)).send(&sim).await;
    assert_eq!(refused.status, 400, "{refused:?}");
}
