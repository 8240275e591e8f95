//! Timeouts over real HTTP against a slow loopback server: whole-call and per-attempt limits,
//! set on the client or per call.

mod common;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use specbind::__private::decode_empty;
use specbind::{CallOptions, RetryConfig};

/// A server whose first `slow_requests` answers take two seconds; later ones are immediate.
/// Tests assert they finished well under those two seconds, so a limit that did not fire fails
/// them even on a loaded machine.
async fn slow_server(slow_requests: usize) -> (String, Arc<AtomicUsize>) {
    let count = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&count);
    let handler = move || {
        let counter = Arc::clone(&counter);
        async move {
            if counter.fetch_add(1, Ordering::SeqCst) < slow_requests {
                tokio::time::sleep(Duration::from_secs(2)).await;
            }
            axum::http::StatusCode::NO_CONTENT
        }
    };
    (common::serve(axum::Router::new().fallback(handler)).await, count)
}

#[tokio::test]
async fn whole_call_timeout_from_the_client_config() {
    let (base, _) = slow_server(usize::MAX).await;
    let (builder, _) = common::config(&base);
    let client = common::client(builder.timeout(Duration::from_millis(200)));
    let started = Instant::now();
    let error = client.execute(common::show_thing("t"), decode_empty).await.unwrap_err();
    assert!(error.is_timeout(), "{error}");
    assert!(!error.is_retryable(), "the whole-call limit is final");
    assert!(started.elapsed() < Duration::from_millis(1900));
    assert!(error.to_string().contains("whole call"), "{error}");
}

#[tokio::test]
async fn whole_call_timeout_per_call_overrides_the_client() {
    let (base, _) = slow_server(usize::MAX).await;
    let (builder, _) = common::config(&base);
    let client = common::client(builder.timeout(Duration::from_secs(30)));
    let started = Instant::now();
    let error = client
        .with_options(CallOptions::new().timeout(Duration::from_millis(200)))
        .execute(common::show_thing("t"), decode_empty)
        .await
        .unwrap_err();
    assert!(error.is_timeout(), "{error}");
    assert!(started.elapsed() < Duration::from_millis(1900));
}

#[tokio::test]
async fn per_call_attempt_timeout_is_retried() {
    let (base, count) = slow_server(1).await;
    let (builder, _) = common::config(&base);
    let client = common::client(builder)
        .with_options(CallOptions::new().read_timeout(Duration::from_millis(200)));
    let started = Instant::now();
    client.execute(common::show_thing("t"), decode_empty).await.unwrap();
    assert_eq!(count.load(Ordering::SeqCst), 2, "the slow attempt timed out and was retried");
    assert!(started.elapsed() < Duration::from_millis(1900));
}

#[tokio::test]
async fn client_read_timeout_fires() {
    let (base, count) = slow_server(usize::MAX).await;
    let (builder, _) = common::config(&base);
    let client = common::client(
        builder.read_timeout(Duration::from_millis(200)).retry(RetryConfig::disabled()),
    );
    let started = Instant::now();
    let error = client.execute(common::show_thing("t"), decode_empty).await.unwrap_err();
    assert!(error.is_timeout() && error.is_retryable(), "{error}");
    assert_eq!(count.load(Ordering::SeqCst), 1);
    assert!(started.elapsed() < Duration::from_millis(1900));
}

#[tokio::test]
async fn attempt_timeout_on_a_non_idempotent_post_is_not_retried() {
    let (base, count) = slow_server(usize::MAX).await;
    let (builder, _) = common::config(&base);
    let client = common::client(builder.read_timeout(Duration::from_millis(200)));
    let error = client
        .execute(common::create_thing(&serde_json::json!({})), decode_empty)
        .await
        .unwrap_err();
    assert!(error.is_timeout(), "{error}");
    assert_eq!(count.load(Ordering::SeqCst), 1, "the POST may have been processed");
}
