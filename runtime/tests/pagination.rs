//! The generic paginator against a loopback server that pages through a fixed list.

mod common;

use std::collections::HashMap;

use futures::{StreamExt, TryStreamExt};
use specbind::__private::{Call, decode_json};
use specbind::pagination::{PagedRequest, PagedResponse};
use specbind::{Error, Paginator, Response};

#[derive(Debug, Clone, Default)]
struct ListRequest {
    offset: Option<u64>,
    limit: Option<u64>,
}

impl PagedRequest for ListRequest {
    fn page_offset(&self) -> Option<u64> {
        self.offset
    }
    fn page_limit(&self) -> Option<u64> {
        self.limit
    }
    fn set_page(&mut self, offset: u64, limit: Option<u64>) {
        self.offset = Some(offset);
        self.limit = limit;
    }
}

#[derive(Debug, serde::Deserialize)]
struct ListPage {
    things: Vec<String>,
    total_count: Option<u64>,
}

impl PagedResponse for ListPage {
    type Item = String;
    fn page_len(&self) -> usize {
        self.things.len()
    }
    fn total_count(&self) -> Option<u64> {
        self.total_count
    }
    fn into_page_items(self) -> Vec<String> {
        self.things
    }
}

/// Serves `items` things by offset/limit (default page size 3), with or without a total; a
/// request at `fail_at_offset` gets a 500.
async fn list_server(
    items: usize,
    with_total: bool,
    fail_at_offset: Option<usize>,
) -> (String, common::Log) {
    common::scripted(move |_, seen| {
        let query: HashMap<String, String> =
            form_urlencoded::parse(seen.uri.query().unwrap_or("").as_bytes())
                .into_owned()
                .collect();
        let offset: usize = query.get("offset").map_or(0, |v| v.parse().unwrap());
        let limit: usize = query.get("limit").map_or(3, |v| v.parse().unwrap());
        if Some(offset) == fail_at_offset {
            return common::reply(500, &[], r#"{"error_code":"X.500","error_msg":"broken page"}"#);
        }
        let things: Vec<String> =
            (offset..items.min(offset + limit)).map(|i| format!("thing-{i}")).collect();
        let mut body = serde_json::json!({ "things": things });
        if with_total {
            body["total_count"] = items.into();
        }
        common::json(body)
    })
    .await
}

fn paginator(client: &specbind::Client, request: ListRequest) -> Paginator<ListPage> {
    let client = client.clone();
    Paginator::new(request, move |request: ListRequest| {
        let client = client.clone();
        async move {
            let mut call = Call::new(&common::ops::LIST_THINGS);
            call.client_path_param("project_id", "project_id");
            call.query_opt("offset", &request.offset);
            call.query_opt("limit", &request.limit);
            let response: Result<Response<ListPage>, Error> =
                client.execute(call, decode_json::<ListPage>).await;
            response
        }
    })
}

fn offsets(log: &common::Log) -> Vec<String> {
    log.all().iter().map(|seen| seen.uri.query().unwrap_or("").to_owned()).collect()
}

#[tokio::test]
async fn stops_when_offset_reaches_total() {
    let (base, log) = list_server(6, true, None).await;
    let client = common::client(common::config(&base).0);
    let items: Vec<String> = paginator(&client, ListRequest::default())
        .page_size(3)
        .items()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(items, (0..6).map(|i| format!("thing-{i}")).collect::<Vec<_>>());
    assert_eq!(log.len(), 2, "no extra request after the total is reached: {:?}", offsets(&log));
}

#[tokio::test]
async fn without_limit_or_total_stops_at_an_empty_page() {
    let (base, log) = list_server(7, false, None).await;
    let client = common::client(common::config(&base).0);
    let pages: Vec<_> = paginator(&client, ListRequest::default()).try_collect().await.unwrap();
    let sizes: Vec<usize> = pages.iter().map(|page| page.things.len()).collect();
    assert_eq!(sizes, vec![3, 3, 1, 0]);
    assert_eq!(log.len(), 4);
}

#[tokio::test]
async fn without_total_stops_at_a_short_page() {
    let (base, log) = list_server(7, false, None).await;
    let client = common::client(common::config(&base).0);
    let request = ListRequest { offset: Some(1), limit: Some(4) };
    let items: Vec<String> = paginator(&client, request).items().try_collect().await.unwrap();
    assert_eq!(items.len(), 6, "starts at the request's own offset");
    assert_eq!(items[0], "thing-1");
    assert_eq!(log.len(), 2, "a page of 4, then a short page of 2 ends it: {:?}", offsets(&log));
    assert!(offsets(&log).iter().all(|query| query.contains("limit=4")));
}

#[tokio::test]
async fn an_error_ends_the_stream_after_yielding_it() {
    let (base, log) = list_server(9, true, Some(3)).await;
    let client = common::client(common::config(&base).0.retry(specbind::RetryConfig::disabled()));
    let results: Vec<Result<String, Error>> =
        paginator(&client, ListRequest::default()).page_size(3).items().collect().await;
    assert_eq!(results.len(), 4);
    assert!(results[..3].iter().all(Result::is_ok));
    assert_eq!(results[3].as_ref().unwrap_err().code(), Some("X.500"));
    assert_eq!(log.len(), 2);
}

#[tokio::test]
async fn nothing_is_requested_until_polled() {
    let (base, log) = list_server(3, true, None).await;
    let client = common::client(common::config(&base).0);
    let pages = paginator(&client, ListRequest::default());
    tokio::task::yield_now().await;
    assert_eq!(log.len(), 0);
    drop(pages);
}
