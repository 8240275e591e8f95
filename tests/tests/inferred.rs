//! Paging and job waiters inferred from operations' shapes (no `x-specbind-*` keys in the spec),
//! exercised against a loopback server: item offsets with a total, page numbers, a total that
//! shrinks while paging, an empty last page, a page shorter than the limit, an operation with
//! inference switched off, a job polled until it succeeds or fails, and the shapes found in the
//! API Explorer corpus: OpenStack page links, `start_number`, markers in `page` or Kubernetes
//! `metadata.continue`, and a wrapped task whose status values are only documented.
#![deny(warnings)]

#[path = "roundtrip/server.rs"]
mod server;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use futures::TryStreamExt;
use server::{Recorded, TestServer, config};

#[specbind::bindings(spec = "specs/inferred")]
pub mod inferred {}

fn client(server: &TestServer) -> inferred::Client {
    inferred::Client::from_config(config(server)).expect("client")
}

fn query(request: &Recorded, key: &str) -> Option<usize> {
    request.query_pairs().into_iter().find(|(k, _)| k == key).and_then(|(_, v)| v.parse().ok())
}

/// `count` items `id0…`, served from `start`.
fn items(start: usize, count: usize) -> Vec<serde_json::Value> {
    (start..start + count).map(|i| serde_json::json!({ "id": format!("id{i}") })).collect()
}

fn ids(found: &[inferred::types::ListThingsResponseBodyThingsItem]) -> Vec<String> {
    found.iter().map(|item| item.id.clone().unwrap_or_default()).collect()
}

#[tokio::test]
async fn item_offsets_page_until_the_total_and_follow_a_total_that_shrinks() {
    // 7 items, then the total drops to 5 while paging: the stream stops at 5.
    let calls = Arc::new(AtomicUsize::new(0));
    let seen = calls.clone();
    let server = TestServer::start(move |request| {
        let call = seen.fetch_add(1, Ordering::SeqCst);
        let offset = query(request, "offset").unwrap_or(0);
        let limit = query(request, "limit").unwrap_or(100);
        let total: usize = if call == 0 { 7 } else { 5 };
        let count = limit.min(total.saturating_sub(offset));
        let body = serde_json::json!({ "things": items(offset, count), "total_count": total });
        (200, "application/json", body.to_string())
    })
    .await;
    let request = inferred::ListThingsRequest::new();
    let all: Vec<_> = client(&server)
        .list_things_paginator(request)
        .page_size(2)
        .items()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(ids(&all), ["id0", "id1", "id2", "id3", "id4"]);
    let sent: Vec<(Option<usize>, Option<usize>)> =
        server.requests().iter().map(|r| (query(r, "offset"), query(r, "limit"))).collect();
    assert_eq!(sent, [(Some(0), Some(2)), (Some(2), Some(2)), (Some(4), Some(2))]);
}

#[tokio::test]
async fn page_numbers_start_at_the_documented_first_page_and_stop_at_an_empty_page() {
    // 5 items in pages of 2 with no usable total (the count says 0): pages 1, 2, 3, then an
    // empty page 4 ends the stream.
    let server = TestServer::start(|request| {
        let page = query(request, "page").unwrap_or(0);
        let size = query(request, "page_size").unwrap_or(2);
        let start = (page.saturating_sub(1)) * size;
        let count = size.min(5usize.saturating_sub(start));
        let body = serde_json::json!({ "items": items(start, count) });
        (200, "application/json", body.to_string())
    })
    .await;
    let pages: Vec<_> = client(&server)
        .list_pages_paginator(inferred::ListPagesRequest::new().page_size(2))
        .try_collect()
        .await
        .unwrap();
    // The third page is shorter than the limit, so paging ends there without asking for more.
    assert_eq!(pages.len(), 3);
    let asked: Vec<Option<usize>> = server.requests().iter().map(|r| query(r, "page")).collect();
    assert_eq!(asked, [Some(1), Some(2), Some(3)]);
}

#[tokio::test]
async fn an_offset_documented_as_a_page_number_counts_pages() {
    // Exactly two full pages, then an empty one.
    let server = TestServer::start(|request| {
        let page = query(request, "offset").unwrap_or(0);
        let count = if (1..=2).contains(&page) { 3 } else { 0 };
        let body = serde_json::json!({ "rows": items((page.max(1) - 1) * 3, count) });
        (200, "application/json", body.to_string())
    })
    .await;
    let rows: Vec<_> = client(&server)
        .list_numbered_paginator(inferred::ListNumberedRequest::new().limit(3))
        .items()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(rows.len(), 6);
    let asked: Vec<Option<usize>> = server.requests().iter().map(|r| query(r, "offset")).collect();
    assert_eq!(asked, [Some(1), Some(2), Some(3)], "an empty third page ends the stream");
}

#[test]
fn inference_switched_off_leaves_a_plain_method() {
    let generated = include_str!("../golden/inferred.rs");
    assert!(generated.contains("pub async fn list_opted_out("));
    assert!(!generated.contains("list_opted_out_paginator"));
}

#[tokio::test]
async fn a_job_is_polled_until_it_succeeds_or_fails() {
    let polls = Arc::new(AtomicUsize::new(0));
    let seen = polls.clone();
    let server = TestServer::start(move |request| {
        let n = seen.fetch_add(1, Ordering::SeqCst);
        let status = match (request.path.ends_with("/ok"), n) {
            (true, 0) => "INIT",
            (true, 1) => "RUNNING",
            (true, _) => "SUCCESS",
            (false, _) => "FAIL",
        };
        let body = serde_json::json!({ "job_id": "j", "status": status, "fail_reason": "disk" });
        (200, "application/json", body.to_string())
    })
    .await;
    let client = client(&server);
    let quick = specbind::WaitOptions::default()
        .delay(std::time::Duration::from_millis(5))
        .max_wait(std::time::Duration::from_secs(5));
    let done = client
        .wait_until_job_finished(inferred::ShowJobRequest::new("ok"), quick.clone())
        .await
        .expect("the job succeeds");
    assert_eq!(done.status, Some(inferred::types::ShowJobResponseBodyStatus::Success));
    assert_eq!(polls.load(Ordering::SeqCst), 3);
    let failed = client
        .wait_until_job_finished(inferred::ShowJobRequest::new("bad"), quick)
        .await
        .expect_err("the job fails");
    assert!(failed.is_waiter_failure(), "{failed}");
}

/// 5 items `id0…id4` after `marker` (an id), at most `limit` of them.
fn after_marker(request: &Recorded) -> Vec<serde_json::Value> {
    let marker = request.query_pairs().into_iter().find(|(k, _)| k == "marker").map(|(_, v)| v);
    let start = marker.map_or(0, |m| m.trim_start_matches("id").parse::<usize>().unwrap() + 1);
    let limit = query(request, "limit").unwrap_or(100);
    items(start, limit.min(5usize.saturating_sub(start)))
}

#[tokio::test]
async fn markers_from_page_info_are_followed_until_there_is_none() {
    let server = TestServer::start(|request| {
        let page = after_marker(request);
        let last = page.last().and_then(|item| item["id"].as_str()).map(str::to_owned);
        let next = last.filter(|id| id != "id4");
        let body = serde_json::json!({ "groups": page, "page_info": { "next_marker": next } });
        (200, "application/json", body.to_string())
    })
    .await;
    let all: Vec<_> = client(&server)
        .list_marked_paginator(inferred::ListMarkedRequest::new())
        .page_size(2)
        .items()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(all.len(), 5);
    let markers: Vec<Option<String>> = server
        .requests()
        .iter()
        .map(|r| r.query_pairs().into_iter().find(|(k, _)| k == "marker").map(|(_, v)| v))
        .collect();
    assert_eq!(markers, [None, Some("id1".into()), Some("id3".into())]);
}

#[tokio::test]
async fn without_a_next_marker_paging_continues_after_the_last_item_until_an_empty_page() {
    let server = TestServer::start(|request| {
        let body = serde_json::json!({ "flavors": after_marker(request) });
        (200, "application/json", body.to_string())
    })
    .await;
    let all: Vec<_> = client(&server)
        .list_after_last_paginator(inferred::ListAfterLastRequest::new().limit(2))
        .items()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(all.len(), 5);
    // id0-1, id2-3, id4, then an empty page after id4 ends it.
    assert_eq!(server.requests().len(), 4);
}

#[tokio::test]
async fn a_bodiless_success_status_is_an_empty_last_page() {
    // Two full pages of logs, then a bare 204 (as DCS answers "no records"): the stream ends
    // there with every item, and the 204 is a page of its own with no items.
    let server = TestServer::start(|request| {
        let offset = query(request, "offset").unwrap_or(0);
        let limit = query(request, "limit").unwrap_or(100);
        if offset >= 4 {
            return (204, "application/json", String::new());
        }
        let body = serde_json::json!({ "logs": items(offset, limit) });
        (200, "application/json", body.to_string())
    })
    .await;
    let pages: Vec<_> = client(&server)
        .list_logs_paginator(inferred::ListLogsRequest::new())
        .page_size(2)
        .try_collect()
        .await
        .unwrap();
    assert_eq!(pages.len(), 3);
    assert!(matches!(pages[2].body(), inferred::ListLogsOutput::Status204));
    let all: Vec<_> = client(&server)
        .list_logs_paginator(inferred::ListLogsRequest::new())
        .page_size(2)
        .items()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(
        all.iter().map(|log| log.id.clone().unwrap_or_default()).collect::<Vec<_>>(),
        ["id0", "id1", "id2", "id3"]
    );
}

fn marker_of(request: &Recorded, key: &str) -> Option<String> {
    request.query_pairs().into_iter().find(|(k, _)| k == key).map(|(_, v)| v)
}

#[tokio::test]
async fn page_links_beside_the_items_are_not_items_and_paging_continues_after_the_last_id() {
    // OpenStack answers `servers` and `servers_links`; the items are the servers.
    let server = TestServer::start(|request| {
        let page = after_marker(request);
        let body = serde_json::json!({
            "servers": page,
            "servers_links": [{ "href": "http://next", "rel": "next" }],
        });
        (200, "application/json", body.to_string())
    })
    .await;
    let all: Vec<_> = client(&server)
        .list_servers_paginator(inferred::ListServersRequest::new().limit(2))
        .items()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(
        all.iter().map(|s| s.id.clone().unwrap_or_default()).collect::<Vec<_>>(),
        ["id0", "id1", "id2", "id3", "id4"]
    );
    let markers: Vec<_> = server.requests().iter().map(|r| marker_of(r, "marker")).collect();
    assert_eq!(markers, [None, Some("id1".into()), Some("id3".into()), Some("id4".into())]);
}

#[tokio::test]
async fn a_start_number_is_an_item_offset_and_total_number_its_total() {
    // 6 rows, then the total grows to 7 while paging: the stream follows it to the 7th.
    let calls = Arc::new(AtomicUsize::new(0));
    let seen = calls.clone();
    let server = TestServer::start(move |request| {
        let total: usize = if seen.fetch_add(1, Ordering::SeqCst) == 0 { 6 } else { 7 };
        let start = query(request, "start_number").unwrap_or(0);
        let limit = query(request, "limit").unwrap_or(20);
        let rows = items(start, limit.min(total.saturating_sub(start)));
        let body =
            serde_json::json!({ "groups": rows, "start_number": start, "total_number": total });
        (200, "application/json", body.to_string())
    })
    .await;
    let all: Vec<_> = client(&server)
        .list_groups_paginator(inferred::ListGroupsRequest::new())
        .page_size(3)
        .items()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(all.len(), 7);
    let starts: Vec<_> = server.requests().iter().map(|r| query(r, "start_number")).collect();
    assert_eq!(starts, [Some(0), Some(3), Some(6)]);
}

#[tokio::test]
async fn a_marker_in_a_page_object_is_followed_until_an_empty_page() {
    // IoTDA: `page.marker` names the last record; after it there is nothing.
    let server = TestServer::start(|request| {
        let after = marker_of(request, "marker");
        let start = after.map_or(0, |m| m.trim_start_matches('d').parse::<usize>().unwrap() + 1);
        let count = query(request, "limit").unwrap_or(10).min(3usize.saturating_sub(start));
        let devices: Vec<_> = (start..start + count)
            .map(|i| serde_json::json!({ "device_id": format!("d{i}") }))
            .collect();
        let last = devices.last().map(|d| d["device_id"].clone());
        let body =
            serde_json::json!({ "devices": devices, "page": { "count": 3, "marker": last } });
        (200, "application/json", body.to_string())
    })
    .await;
    let all: Vec<_> = client(&server)
        .list_devices_paginator(inferred::ListDevicesRequest::new().limit(2))
        .items()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(all.len(), 3);
    let markers: Vec<_> = server.requests().iter().map(|r| marker_of(r, "marker")).collect();
    // d0-1, d2 (marker d2), then an empty page after d2 ends it.
    assert_eq!(markers, [None, Some("d1".into()), Some("d2".into())]);
}

#[tokio::test]
async fn a_kubernetes_continue_token_is_passed_back_until_it_is_empty() {
    let server = TestServer::start(|request| {
        let (names, next) = match marker_of(request, "continue").as_deref() {
            None => (["a", "b"].as_slice(), "t1"),
            Some("t1") => (["c"].as_slice(), ""),
            Some(other) => panic!("unexpected token {other}"),
        };
        let items: Vec<_> = names.iter().map(|n| serde_json::json!({ "name": n })).collect();
        let body = serde_json::json!({ "items": items, "metadata": { "continue": next } });
        (200, "application/json", body.to_string())
    })
    .await;
    let all: Vec<_> = client(&server)
        .list_events_paginator(inferred::ListEventsRequest::new().limit(2))
        .items()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(all.len(), 3);
    assert_eq!(server.requests().len(), 2, "an empty continue token ends the stream");
}

#[tokio::test]
async fn a_wrapped_task_with_documented_values_is_polled_until_it_succeeds_or_fails() {
    let polls = Arc::new(AtomicUsize::new(0));
    let seen = polls.clone();
    let server = TestServer::start(move |request| {
        let n = seen.fetch_add(1, Ordering::SeqCst);
        let status = match (request.path.ends_with("/ok"), n) {
            (true, 0) => "running",
            (true, _) => "success",
            (false, _) => "failure",
        };
        let body = serde_json::json!({ "task": { "task_id": "t", "task_status": status } });
        (200, "application/json", body.to_string())
    })
    .await;
    let client = client(&server);
    let quick = specbind::WaitOptions::default()
        .delay(std::time::Duration::from_millis(5))
        .max_wait(std::time::Duration::from_secs(5));
    let done = client
        .wait_until_task_finished(inferred::ShowExportTaskRequest::new("ok"), quick.clone())
        .await
        .expect("the task succeeds");
    assert_eq!(done.task.as_ref().and_then(|t| t.task_status.as_deref()), Some("success"));
    assert_eq!(polls.load(Ordering::SeqCst), 2);
    let failed = client
        .wait_until_task_finished(inferred::ShowExportTaskRequest::new("bad"), quick)
        .await
        .expect_err("the task fails");
    assert!(failed.is_waiter_failure(), "{failed}");
}

#[test]
fn a_task_whose_states_include_no_success_gets_no_waiter() {
    let generated = include_str!("../golden/inferred.rs");
    assert!(generated.contains("pub async fn show_deploy_task("));
    assert!(!generated.contains("show_deploy_task_finished"));
}
