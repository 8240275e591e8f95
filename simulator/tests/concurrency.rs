//! Concurrent requests keep the state consistent: a quota is never overrun and every created
//! resource is listed exactly once.

mod support;

use support::{Call, named_service_body, provider};
use vpcep_sim::{Quotas, Simulator};

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_creates_respect_the_quota() {
    let quotas = Quotas { endpoint_services: 15, ..Quotas::default() };
    let sim = std::sync::Arc::new(Simulator::builder().quotas(quotas).start().await.unwrap());
    let owner = provider(&sim);
    let mut tasks = Vec::new();
    for i in 0..40 {
        let (sim, owner) = (sim.clone(), owner.clone());
        tasks.push(tokio::spawn(async move {
            let body = named_service_body(&format!("c{i}"), false);
            let send =
                Call::new(&owner, "POST", "/v1/{project_id}/vpc-endpoint-services").json(&body);
            send.send(&sim).await
        }));
    }
    let mut created = 0;
    for task in tasks {
        let answer = task.await.unwrap();
        match answer.status {
            200 => created += 1,
            400 => assert!(answer.message().contains("quota"), "{answer:?}"),
            _ => panic!("unexpected answer {answer:?}"),
        }
    }
    assert_eq!(created, 15);
    let listed = Call::new(&owner, "GET", "/v1/{project_id}/vpc-endpoint-services")
        .query("limit", 100)
        .send(&sim)
        .await;
    assert_eq!(listed.body["total_count"], 15);
    let mut ids: Vec<&str> = listed.body["endpoint_services"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap())
        .collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 15);
}
