//! Retry behaviour over real HTTP with a manual clock: which failures are retried, how long the
//! client waits, that each attempt is signed afresh, and that a non-idempotent request that may
//! have reached the server is never resent.

mod common;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use common::{Thing, reply, scripted};
use specbind::__private::{decode_empty, decode_json};
use specbind::{CallOptions, RetryConfig};
use tokio::io::AsyncReadExt;
use tokio::net::TcpListener;

fn ok_thing() -> axum::response::Response {
    common::json(serde_json::json!({"id": "t", "status": "ok"}))
}

fn error_body(code: &str) -> String {
    format!(r#"{{"error_code":"{code}","error_msg":"m"}}"#)
}

#[tokio::test]
async fn service_unavailable_is_retried_and_each_attempt_is_signed_afresh() {
    let answer = |n: usize, _: &common::Seen| {
        if n == 0 { reply(503, &[("Retry-After", "2")], "busy") } else { ok_thing() }
    };
    let (base, log) = scripted(answer).await;
    let (builder, time) = common::config(&base);
    let client = common::client(builder);
    let response = client.execute(common::show_thing("t"), decode_json::<Thing>).await.unwrap();
    assert_eq!(response.status, "ok");
    let seen = log.all();
    assert_eq!(seen.len(), 2);
    assert_eq!(time.sleeps(), vec![Duration::from_secs(2)]);
    let dates: Vec<_> = seen.iter().map(|s| s.header("X-Sdk-Date").unwrap().to_owned()).collect();
    assert_ne!(dates[0], dates[1], "the retry must carry a fresh signing date");
    assert_ne!(seen[0].header("Authorization"), seen[1].header("Authorization"));
}

#[tokio::test]
async fn too_many_requests_honours_retry_after_as_http_date() {
    let (builder, time) = common::config("http://127.0.0.1:1");
    let at = time_plus(&time, 7);
    let answer = move |n: usize, _: &common::Seen| {
        if n == 0 { reply(429, &[("Retry-After", at.as_str())], "slow down") } else { ok_thing() }
    };
    let (base, log) = scripted(answer).await;
    let client = common::client(builder.endpoint(base));
    client.execute(common::show_thing("t"), decode_json::<Thing>).await.unwrap();
    assert_eq!(log.len(), 2);
    let slept = time.sleeps()[0];
    assert!(slept > Duration::from_secs(5) && slept <= Duration::from_secs(7), "{slept:?}");
}

fn time_plus(time: &specbind::time::ManualTime, seconds: u64) -> String {
    use specbind::time::TimeSource;
    httpdate::fmt_http_date(time.now() + Duration::from_secs(seconds))
}

#[tokio::test]
async fn retryable_codes_from_the_spec_are_retried_others_are_not() {
    for (status, code, expected_requests) in
        [(400, "EndPoint.0022", 2), (500, "EndPoint.0001", 2), (400, "EndPoint.0099", 1)]
    {
        let body = error_body(code);
        let answer = move |n: usize, _: &common::Seen| {
            if n == 0 { reply(status, &[], body.clone()) } else { ok_thing() }
        };
        let (base, log) = scripted(answer).await;
        let (builder, _) = common::config(&base);
        let result =
            common::client(builder).execute(common::show_thing("t"), decode_json::<Thing>).await;
        assert_eq!(log.len(), expected_requests, "{code}");
        assert_eq!(result.is_ok(), expected_requests == 2, "{code}");
    }
}

#[tokio::test]
async fn throttling_codes_from_the_spec_make_the_error_throttled() {
    for (code, throttled) in [("EndPoint.0022", true), ("EndPoint.0001", false)] {
        let body = error_body(code);
        let (base, _) = scripted(move |_, _| reply(400, &[], body.clone())).await;
        let (builder, _) = common::config(&base);
        let client = common::client(builder.retry(RetryConfig::disabled()));
        let error =
            client.execute(common::show_thing("t"), decode_json::<Thing>).await.unwrap_err();
        assert_eq!(error.code(), Some(code));
        assert_eq!(error.is_throttled(), throttled, "{code}");
        assert!(error.is_retryable(), "{code} is a retryable code either way");
    }
}

#[tokio::test]
async fn attempts_are_bounded_and_the_last_error_is_returned() {
    let (base, log) =
        scripted(|_, _| reply(504, &[("X-Request-Id", "last")], "gateway timeout")).await;
    let (builder, time) = common::config(&base);
    let retry = RetryConfig::standard().max_attempts(4).initial_backoff(Duration::from_secs(1));
    let client = common::client(builder.retry(retry));
    let error = client.execute(common::show_thing("t"), decode_json::<Thing>).await.unwrap_err();
    assert_eq!(log.len(), 4);
    assert_eq!(error.status(), Some(504));
    assert_eq!(error.request_id(), Some("last"));
    let sleeps = time.sleeps();
    assert_eq!(sleeps.len(), 3);
    for (retry, slept) in sleeps.iter().enumerate() {
        assert!(*slept <= Duration::from_secs(1 << retry), "retry {retry} slept {slept:?}");
    }
}

#[tokio::test]
async fn per_call_options_can_disable_retries() {
    let (base, log) = scripted(|_, _| reply(503, &[], "busy")).await;
    let (builder, _) = common::config(&base);
    let client =
        common::client(builder).with_options(CallOptions::new().retry(RetryConfig::disabled()));
    client.execute(common::show_thing("t"), decode_json::<Thing>).await.unwrap_err();
    assert_eq!(log.len(), 1);
}

/// A server that reads each request and drops the connection without answering.
async fn dropping_server() -> (String, Arc<AtomicUsize>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let received = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&received);
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            let mut buffer = vec![0u8; 16 * 1024];
            if matches!(socket.read(&mut buffer).await, Ok(n) if n > 0) {
                counter.fetch_add(1, Ordering::SeqCst);
            }
            drop(socket);
        }
    });
    (base, received)
}

#[tokio::test]
async fn non_idempotent_post_is_not_resent_after_a_dropped_connection() {
    let (base, received) = dropping_server().await;
    let (builder, time) = common::config(&base);
    let client = common::client(builder);
    let error = client
        .execute(common::create_thing(&serde_json::json!({"a": 1})), decode_empty)
        .await
        .unwrap_err();
    assert!(error.is_dispatch(), "{error}");
    assert_eq!(
        received.load(Ordering::SeqCst),
        1,
        "a POST that may have arrived must not be resent"
    );
    assert!(time.sleeps().is_empty());
}

#[tokio::test]
async fn idempotent_get_is_resent_after_a_dropped_connection() {
    let (base, received) = dropping_server().await;
    let (builder, _) = common::config(&base);
    let client = common::client(builder);
    client.execute(common::show_thing("t"), decode_empty).await.unwrap_err();
    assert_eq!(received.load(Ordering::SeqCst), 3);
}

#[tokio::test]
async fn non_idempotent_post_is_retried_when_the_connection_was_refused() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    drop(listener);
    let (builder, time) = common::config(&base);
    let client = common::client(builder);
    let error = client
        .execute(common::create_thing(&serde_json::json!({})), decode_empty)
        .await
        .unwrap_err();
    assert!(error.is_dispatch(), "{error}");
    assert_eq!(time.sleeps().len(), 2, "nothing was sent, so every attempt is made");
}

#[tokio::test]
async fn non_idempotent_post_is_retried_on_503_but_not_on_502() {
    for (status, expected_requests) in [(503, 2), (502, 1)] {
        let answer = move |n: usize, _: &common::Seen| {
            if n == 0 { reply(status, &[], "") } else { reply(204, &[], "") }
        };
        let (base, log) = scripted(answer).await;
        let (builder, _) = common::config(&base);
        let _ = common::client(builder)
            .execute(common::create_thing(&serde_json::json!({})), decode_empty)
            .await;
        assert_eq!(log.len(), expected_requests, "status {status}");
    }
}

#[tokio::test]
async fn an_empty_token_bucket_stops_retrying() {
    let (base, log) = scripted(|_, _| reply(503, &[], "busy")).await;
    let (builder, _) = common::config(&base);
    let client = common::client(
        builder.retry(RetryConfig::standard().max_attempts(5).token_bucket_capacity(12)),
    );
    client.execute(common::show_thing("t"), decode_empty).await.unwrap_err();
    assert_eq!(log.len(), 3, "12 tokens pay for two retries of 5");
    assert_eq!(client.retry_tokens_available(), 2);
    client.execute(common::show_thing("t"), decode_empty).await.unwrap_err();
    assert_eq!(log.len(), 4, "a dry bucket allows no retry at all");
}
