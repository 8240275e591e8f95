//! Paginators and job waiters inferred for ECS, EVS and DNS, through the bindings generated from
//! their published API Explorer exports, against loopback servers that page and run jobs as the
//! services document: the items are the fully populated ones the official SDK decodes
//! (`responses/<SERVICE>/`), the job bodies are the exports' own examples.
//!
//! Each test checks what was asked of the server page by page (offsets, markers, limits), so a
//! paginator that stops early, runs on, or sends the wrong position fails it, and each waiter is
//! driven through pending states to its success and to its failure.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use futures::TryStreamExt;
use serde_json::{Value, json};

#[specbind::bindings(spec_crate = "huawei-cloud-api-definitions-ECS", skip_invalid = true)]
pub mod ecs {}

#[specbind::bindings(spec_crate = "huawei-cloud-api-definitions-EVS", skip_invalid = true)]
pub mod evs {}

#[specbind::bindings(spec_crate = "huawei-cloud-api-definitions-DNS", skip_invalid = true)]
pub mod dns {}

const PROJECT: &str = "0123456789abcdef0123456789abcdef";

/// One request as the loopback server saw it.
#[derive(Debug, Clone)]
struct Seen {
    path: String,
    query: Vec<(String, String)>,
}

impl Seen {
    fn get(&self, key: &str) -> Option<String> {
        self.query.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone())
    }

    fn number(&self, key: &str) -> Option<usize> {
        self.get(key).and_then(|v| v.parse().ok())
    }
}

type Answer = dyn Fn(&Seen) -> (u16, Value) + Send + Sync;

/// A loopback server answering every request with `answer` and remembering what it was asked.
struct Loopback {
    url: String,
    seen: Arc<Mutex<Vec<Seen>>>,
}

impl Loopback {
    async fn start(answer: impl Fn(&Seen) -> (u16, Value) + Send + Sync + 'static) -> Self {
        let seen = Arc::new(Mutex::new(Vec::new()));
        let answer: Arc<Answer> = Arc::new(answer);
        let log = seen.clone();
        let app = axum::Router::new().fallback(move |uri: axum::http::Uri| {
            let (answer, log) = (answer.clone(), log.clone());
            async move {
                let query = form_urlencoded::parse(uri.query().unwrap_or("").as_bytes())
                    .map(|(k, v)| (k.into_owned(), v.into_owned()))
                    .collect();
                let request = Seen { path: uri.path().to_string(), query };
                let (status, body) = answer(&request);
                log.lock().expect("log").push(request);
                let status = axum::http::StatusCode::from_u16(status).expect("status");
                (status, [("content-type", "application/json")], body.to_string())
            }
        });
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let url = format!("http://{}", listener.local_addr().expect("address"));
        tokio::spawn(async move { axum::serve(listener, app).await });
        Self { url, seen }
    }

    fn seen(&self) -> Vec<Seen> {
        self.seen.lock().expect("log").clone()
    }

    fn config(&self) -> specbind::Config {
        specbind::Config::builder()
            .endpoint(&self.url)
            .credentials(specbind::Credentials::aksk("PAGINGAK000000000000", "paging-secret"))
            .project_id(PROJECT)
            .retry(specbind::RetryConfig::disabled())
            .build()
            .expect("config")
    }
}

/// The first item of `array` in a recorded full response, as a template.
fn template(response: &str, array: &str) -> Value {
    let body: Value = serde_json::from_str(response).expect("recorded response");
    body[array][0].clone()
}

/// `count` copies of `item`, each with `id` set to `<prefix><n>`, from `start`.
fn numbered(item: &Value, prefix: &str, start: usize, count: usize) -> Vec<Value> {
    (start..start + count)
        .map(|n| {
            let mut item = item.clone();
            item["id"] = json!(format!("{prefix}{n}"));
            item
        })
        .collect()
}

/// The index after a marker `<prefix><n>` (0 without a marker).
fn after(marker: Option<String>, prefix: &str) -> usize {
    marker.map_or(0, |m| m.trim_start_matches(prefix).parse::<usize>().expect("marker") + 1)
}

fn ids<T: serde::Serialize>(items: &[T]) -> Vec<String> {
    items
        .iter()
        .map(|item| serde_json::to_value(item).expect("item")["id"].as_str().unwrap_or("").into())
        .collect()
}

#[tokio::test]
async fn ecs_list_servers_details_continues_after_the_last_server_until_an_empty_page() {
    // Five servers, and two more are created after the first page: the `count` the service
    // reports changes, but marker paging follows the markers, through a short last page (id6)
    // and the empty page after it.
    let server = template(include_str!("../responses/ECS/ListServersDetails.json"), "servers");
    let calls = AtomicUsize::new(0);
    let loopback = Loopback::start(move |request| {
        assert_eq!(request.path, format!("/v1/{PROJECT}/cloudservers/detail"));
        let total: usize = if calls.fetch_add(1, Ordering::SeqCst) == 0 { 5 } else { 7 };
        let start = after(request.get("marker"), "id");
        let limit = request.number("limit").expect("a limit on every page");
        let page = numbered(&server, "id", start, limit.min(total - start.min(total)));
        (200, json!({ "count": total, "servers": page }))
    })
    .await;
    let client = ecs::Client::from_config(loopback.config()).expect("client");
    let request = ecs::ListServersDetailsRequest::new();
    let found: Result<Vec<_>, _> =
        client.list_servers_details_paginator(request).page_size(2).items().try_collect().await;
    let found = found.expect("every page decodes");
    assert_eq!(ids(&found), ["id0", "id1", "id2", "id3", "id4", "id5", "id6"]);
    let asked: Vec<_> =
        loopback.seen().iter().map(|r| (r.get("marker"), r.number("limit"))).collect();
    let marker = |m: &str| Some(m.to_string());
    assert_eq!(
        asked,
        [
            (None, Some(2)),
            (marker("id1"), Some(2)),
            (marker("id3"), Some(2)),
            (marker("id5"), Some(2)),
            (marker("id6"), Some(2)),
        ]
    );
}

#[tokio::test]
async fn evs_list_snapshots_pages_by_offset_and_follows_a_count_that_shrinks() {
    // Five snapshots; after the first page one is deleted: the second page is full, and the
    // paginator stops there at the new count instead of asking for a third.
    let snapshot = template(include_str!("../responses/EVS/ListSnapshots.json"), "snapshots");
    let calls = AtomicUsize::new(0);
    let loopback = Loopback::start(move |request| {
        assert_eq!(request.path, format!("/v2/{PROJECT}/cloudsnapshots/detail"));
        let total: usize = if calls.fetch_add(1, Ordering::SeqCst) == 0 { 5 } else { 4 };
        let offset = request.number("offset").unwrap_or(0);
        let limit = request.number("limit").unwrap_or(1000);
        let page = numbered(&snapshot, "s", offset, limit.min(total.saturating_sub(offset)));
        let links = json!([{ "href": "https://evs/next", "rel": "next" }]);
        (200, json!({ "count": total, "snapshots": page, "snapshots_links": links }))
    })
    .await;
    let client = evs::Client::from_config(loopback.config()).expect("client");
    let request = evs::ListSnapshotsRequest::new();
    let found: Result<Vec<_>, _> =
        client.list_snapshots_paginator(request).page_size(2).items().try_collect().await;
    assert_eq!(ids(&found.expect("every page decodes")), ["s0", "s1", "s2", "s3"]);
    let asked: Vec<_> = loopback.seen().iter().map(|r| r.number("offset")).collect();
    assert_eq!(asked, [Some(0), Some(2)]);
}

#[tokio::test]
async fn evs_list_snapshots_stops_at_an_empty_page_when_the_count_overstates() {
    // The count says 9 but only 4 snapshots exist: the empty page at offset 4 ends paging.
    let snapshot = template(include_str!("../responses/EVS/ListSnapshots.json"), "snapshots");
    let loopback = Loopback::start(move |request| {
        let offset = request.number("offset").unwrap_or(0);
        let limit = request.number("limit").unwrap_or(1000);
        let page = numbered(&snapshot, "s", offset, limit.min(4usize.saturating_sub(offset)));
        (200, json!({ "count": 9, "snapshots": page }))
    })
    .await;
    let client = evs::Client::from_config(loopback.config()).expect("client");
    let pages: Vec<_> = client
        .list_snapshots_paginator(evs::ListSnapshotsRequest::new().limit(2))
        .try_collect()
        .await
        .expect("every page decodes");
    assert_eq!(pages.len(), 3);
    assert!(pages[2].snapshots.as_ref().is_some_and(Vec::is_empty));
    let asked: Vec<_> = loopback.seen().iter().map(|r| r.number("offset")).collect();
    assert_eq!(asked, [Some(0), Some(2), Some(4)]);
}

#[tokio::test]
async fn evs_list_volumes_pages_by_marker_beside_its_page_links() {
    let volume = template(include_str!("../responses/EVS/ListVolumes.json"), "volumes");
    let loopback = Loopback::start(move |request| {
        assert_eq!(request.path, format!("/v2/{PROJECT}/cloudvolumes/detail"));
        let start = after(request.get("marker"), "v");
        let limit = request.number("limit").expect("a limit on every page");
        let page = numbered(&volume, "v", start, limit.min(3usize.saturating_sub(start)));
        let links = json!([{ "href": "https://evs/next", "rel": "next" }]);
        (200, json!({ "count": 3, "volumes": page, "volumes_links": links }))
    })
    .await;
    let client = evs::Client::from_config(loopback.config()).expect("client");
    let request = evs::ListVolumesRequest::new().limit(2);
    let found: Result<Vec<_>, _> =
        client.list_volumes_paginator(request).items().try_collect().await;
    assert_eq!(ids(&found.expect("every page decodes")), ["v0", "v1", "v2"]);
    let markers: Vec<_> = loopback.seen().iter().map(|r| r.get("marker")).collect();
    assert_eq!(markers, [None, Some("v1".into()), Some("v2".into())]);
}

#[tokio::test]
async fn dns_list_public_zones_continues_after_the_last_zone_until_an_empty_page() {
    // DNS reports `links.next` and `metadata.total_count` (nested, so not a paging total) and
    // continues after the `marker` zone id; the total changes while paging.
    let zone = template(include_str!("../responses/DNS/ListPublicZones.json"), "zones");
    let calls = AtomicUsize::new(0);
    let loopback = Loopback::start(move |request| {
        assert_eq!(request.path, "/v2/zones");
        let total: usize = if calls.fetch_add(1, Ordering::SeqCst) == 0 { 4 } else { 5 };
        let start = after(request.get("marker"), "z");
        let limit = request.number("limit").expect("a limit on every page");
        let page = numbered(&zone, "z", start, limit.min(total - start.min(total)));
        let links =
            json!({ "self": "https://dns/v2/zones", "next": "https://dns/v2/zones?marker=x" });
        (200, json!({ "zones": page, "links": links, "metadata": { "total_count": total } }))
    })
    .await;
    let client = dns::Client::from_config(loopback.config()).expect("client");
    let request = dns::ListPublicZonesRequest::new().limit(2);
    let found: Result<Vec<_>, _> =
        client.list_public_zones_paginator(request).items().try_collect().await;
    assert_eq!(ids(&found.expect("every page decodes")), ["z0", "z1", "z2", "z3", "z4"]);
    let markers: Vec<_> = loopback.seen().iter().map(|r| r.get("marker")).collect();
    assert_eq!(markers, [None, Some("z1".into()), Some("z3".into()), Some("z4".into())]);
}

#[tokio::test]
async fn dns_list_custom_line_pages_by_offset_until_a_short_page() {
    // No top-level total: a page shorter than the limit is the last.
    let loopback = Loopback::start(|request| {
        assert_eq!(request.path, "/v2.1/customlines");
        let offset = request.number("offset").unwrap_or(0);
        let limit = request.number("limit").expect("a limit on every page");
        let count = limit.min(5usize.saturating_sub(offset));
        let lines: Vec<_> =
            (offset..offset + count).map(|n| json!({ "line_id": format!("l{n}") })).collect();
        (200, json!({ "lines": lines, "metadata": { "total_count": 5 } }))
    })
    .await;
    let client = dns::Client::from_config(loopback.config()).expect("client");
    let request = dns::ListCustomLineRequest::new().limit(2);
    let found: Result<Vec<_>, _> =
        client.list_custom_line_paginator(request).items().try_collect().await;
    assert_eq!(found.expect("every page decodes").len(), 5);
    let asked: Vec<_> = loopback.seen().iter().map(|r| r.number("offset")).collect();
    assert_eq!(asked, [Some(0), Some(2), Some(4)]);
}

/// A job body as the export's example gives it, with `status` replaced.
fn job_body(example: &str, status: &str) -> Value {
    let mut body: Value = serde_json::from_str(example).expect("job example");
    body["status"] = json!(status);
    body
}

/// Quick polls: the runtime's shortest delay, a few seconds at most.
fn quick() -> specbind::WaitOptions {
    specbind::WaitOptions::default()
        .delay(Duration::from_millis(1))
        .max_wait(Duration::from_secs(10))
}

/// Serves `/v1/{project}/jobs/{id}` from `example`: job `ok` goes INIT, RUNNING, SUCCESS;
/// job `bad` goes RUNNING, FAIL. Deleting answers with job `ok`.
async fn job_server(example: &'static str) -> Loopback {
    let polls = Arc::new(Mutex::new(std::collections::HashMap::<String, usize>::new()));
    Loopback::start(move |request| {
        if !request.path.contains("/jobs/") {
            return (200, json!({ "job_id": "ok" }));
        }
        let job = request.path.rsplit('/').next().unwrap_or_default().to_string();
        let mut polls = polls.lock().expect("polls");
        let n = polls.entry(job.clone()).or_default();
        *n += 1;
        let status = match (job.as_str(), *n) {
            ("ok", 1) => "INIT",
            ("ok", 2) => "RUNNING",
            ("ok", _) => "SUCCESS",
            (_, 1) => "RUNNING",
            _ => "FAIL",
        };
        (200, job_body(example, status))
    })
    .await
}

const ECS_JOB: &str = include_str!("jobs/ECS.json");
const EVS_JOB: &str = include_str!("jobs/EVS.json");

#[tokio::test]
async fn ecs_delete_servers_answers_a_job_that_is_waited_for_until_success_or_failure() {
    let loopback = job_server(ECS_JOB).await;
    let client = ecs::Client::from_config(loopback.config()).expect("client");
    let body = ecs::types::DeleteServersRequestBody::new(vec![ecs::types::ServerId::new("srv")]);
    let job = client.delete_servers(ecs::DeleteServersRequest::new(body)).await.expect("delete");
    let done = client
        .wait_until_job_finished(ecs::ShowJobRequest::new(job.job_id.clone()), quick())
        .await
        .expect("the job succeeds");
    assert_eq!(done.status, ecs::types::ShowJobResponseBodyStatus::Success);
    let polled: Vec<_> = loopback.seen().iter().map(|r| r.path.clone()).collect();
    let job_path = format!("/v1/{PROJECT}/jobs/ok");
    assert_eq!(polled[1..], [job_path.clone(), job_path.clone(), job_path]);
    let failed = client
        .wait_until_job_finished(ecs::ShowJobRequest::new("bad"), quick())
        .await
        .expect_err("the job fails");
    assert!(failed.is_waiter_failure(), "{failed}");
    assert!(failed.to_string().contains("FAIL"), "{failed}");
}

#[tokio::test]
async fn evs_delete_volume_answers_a_job_that_is_waited_for_until_success_or_failure() {
    let loopback = job_server(EVS_JOB).await;
    let client = evs::Client::from_config(loopback.config()).expect("client");
    let job = client.delete_volume(evs::DeleteVolumeRequest::new("vol")).await.expect("delete");
    let job_id = job.job_id.clone().expect("a job id");
    let done = client
        .wait_until_job_finished(evs::ShowJobRequest::new(job_id), quick())
        .await
        .expect("the job succeeds");
    assert_eq!(done.status, evs::types::ShowJobResponseBodyStatus::Success);
    assert_eq!(loopback.seen().len(), 4, "one delete, then INIT, RUNNING, SUCCESS");
    let failed = client
        .wait_until_job_finished(evs::ShowJobRequest::new("bad"), quick())
        .await
        .expect_err("the job fails");
    assert!(failed.is_waiter_failure(), "{failed}");
}

#[tokio::test]
async fn dns_batch_operation_tasks_are_waited_for_until_done() {
    // DNS tasks have no failure state: they end DONE, with an error count.
    let polls = AtomicUsize::new(0);
    let loopback = Loopback::start(move |request| {
        assert_eq!(request.path, "/v2.1/batch-operation-tasks/t1");
        let status = if polls.fetch_add(1, Ordering::SeqCst) < 2 { "PENDING" } else { "DONE" };
        let body = json!({
            "id": "t1", "type": "create", "status": status, "success_count": 9, "error_count": 1,
        });
        (200, body)
    })
    .await;
    let client = dns::Client::from_config(loopback.config()).expect("client");
    let done = client
        .wait_until_task_finished(dns::ShowBatchOperationTaskRequest::new("t1"), quick())
        .await
        .expect("the task ends");
    assert_eq!(done.error_count, Some(1));
    assert_eq!(loopback.seen().len(), 3, "PENDING, PENDING, DONE");
}
