//! The generic waiter against a loopback server that walks through a scripted list of states,
//! on a manual clock so delays are checked exactly and nothing really sleeps.

mod common;

use std::time::Duration;

use common::{Thing, reply, scripted};
use specbind::__private::{WaiterSpec, decode_json};
use specbind::{RetryConfig, WaitOptions};

static AVAILABLE: WaiterSpec = WaiterSpec {
    name: "thing_available",
    field: "/status",
    success: &["available"],
    failure: &["failed", "rejected"],
    success_on_not_found: false,
    delay_seconds: 2,
    max_wait_seconds: 60,
};

static DELETED: WaiterSpec = WaiterSpec {
    name: "thing_deleted",
    field: "/status",
    success: &["deleted"],
    failure: &["error"],
    success_on_not_found: true,
    delay_seconds: 1,
    max_wait_seconds: 30,
};

/// Answers with the scripted statuses in turn (the last one repeats); `404` means not found and
/// `503` a transient failure.
async fn states(
    script: &'static [&'static str],
) -> (specbind::Client, common::Log, specbind::time::ManualTime) {
    let (base, log) = scripted(move |n, _| match script[n.min(script.len() - 1)] {
        "404" => reply(404, &[], r#"{"error_code":"EndPoint.0005","error_msg":"gone"}"#),
        "503" => reply(503, &[], "busy"),
        status => common::json(serde_json::json!({"id": "t", "status": status})),
    })
    .await;
    let (builder, time) = common::config(&base);
    (common::client(builder.retry(RetryConfig::disabled())), log, time)
}

#[tokio::test]
async fn returns_the_response_that_reached_success_with_growing_delays() {
    let (client, log, time) = states(&["creating", "creating", "503", "available"]).await;
    let poll = || client.execute(common::show_thing("t"), decode_json::<Thing>);
    let response = client.wait(&AVAILABLE, WaitOptions::new(), poll).await.unwrap().unwrap();
    assert_eq!(response.status, "available");
    assert_eq!(log.len(), 4);
    let expected = [2000, 3000, 4500].map(Duration::from_millis);
    assert_eq!(time.sleeps(), expected, "delays start at the spec's 2 s and grow 1.5x");
}

#[tokio::test]
async fn a_failure_state_is_an_error_naming_waiter_field_and_value() {
    let (client, log, _) = states(&["creating", "failed"]).await;
    let poll = || client.execute(common::show_thing("t"), decode_json::<Thing>);
    let error = client.wait(&AVAILABLE, WaitOptions::new(), poll).await.unwrap_err();
    assert!(error.is_waiter_failure(), "{error}");
    let text = error.to_string();
    for part in ["thing_available", "/status", "failed"] {
        assert!(text.contains(part), "{part} missing from {text}");
    }
    assert_eq!(log.len(), 2);
}

#[tokio::test]
async fn gives_up_at_max_wait_with_the_last_value() {
    let (client, _, time) = states(&["creating"]).await;
    let poll = || client.execute(common::show_thing("t"), decode_json::<Thing>);
    let options = WaitOptions::new().max_wait(Duration::from_secs(10));
    let error = client.wait(&AVAILABLE, options, poll).await.unwrap_err();
    assert!(error.is_waiter_timeout(), "{error}");
    assert!(error.to_string().contains("`/status` was `creating`"), "{error}");
    assert_eq!(
        time.sleeps().iter().sum::<Duration>(),
        Duration::from_secs(10),
        "the last delay is cut to the limit"
    );
}

#[tokio::test]
async fn options_override_the_spec_delays() {
    let (client, _, time) = states(&["creating", "creating", "creating", "available"]).await;
    let poll = || client.execute(common::show_thing("t"), decode_json::<Thing>);
    let options =
        WaitOptions::new().delay(Duration::from_secs(5)).max_delay(Duration::from_secs(6));
    client.wait(&AVAILABLE, options, poll).await.unwrap();
    assert_eq!(time.sleeps(), [5, 6, 6].map(Duration::from_secs));
}

#[tokio::test]
async fn not_found_counts_as_success_when_the_spec_says_so() {
    let (client, log, _) = states(&["deleting", "404"]).await;
    let poll = || client.execute(common::show_thing("t"), decode_json::<Thing>);
    let outcome = client.wait(&DELETED, WaitOptions::new(), poll).await.unwrap();
    assert!(outcome.is_none());
    assert_eq!(log.len(), 2);
}

#[tokio::test]
async fn not_found_is_an_error_otherwise() {
    let (client, _, _) = states(&["creating", "404"]).await;
    let poll = || client.execute(common::show_thing("t"), decode_json::<Thing>);
    let error = client.wait(&AVAILABLE, WaitOptions::new(), poll).await.unwrap_err();
    assert!(error.is_not_found(), "{error}");
}

#[tokio::test]
async fn expect_polled_turns_a_missing_response_into_a_response_phase_error() {
    let error = specbind::__private::expect_polled::<Thing>(&AVAILABLE, None).unwrap_err();
    assert!(error.is_response() && !error.is_construction(), "polls were sent: {error}");
    assert!(error.is_not_found() && !error.is_retryable(), "{error}");
    assert!(error.to_string().contains("`thing_available`"), "{error}");
}

/// A body the waiter cannot turn into JSON to read its field.
#[derive(Debug)]
struct Opaque;

impl serde::Serialize for Opaque {
    fn serialize<S: serde::Serializer>(&self, _: S) -> Result<S::Ok, S::Error> {
        Err(serde::ser::Error::custom("opaque bodies cannot be serialized"))
    }
}

fn decode_opaque(_: u16, _: &[u8]) -> Result<Opaque, specbind::__private::DecodeFailure> {
    Ok(Opaque)
}

#[tokio::test]
async fn a_polled_body_the_waiter_cannot_inspect_is_a_response_phase_error() {
    let (client, log, _) = states(&["creating"]).await;
    let poll = || client.execute(common::show_thing("t"), decode_opaque);
    let error = client.wait(&AVAILABLE, WaitOptions::new(), poll).await.unwrap_err();
    assert_eq!(log.len(), 1, "the poll was sent");
    assert!(error.is_response() && !error.is_construction(), "{error}");
    assert_eq!(error.status(), Some(200));
    assert!(error.to_string().contains("cannot inspect the response"), "{error}");
}
