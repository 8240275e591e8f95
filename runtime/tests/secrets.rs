//! Secrets (secret key, security token, IAM token, proxy password, signatures) never appear in
//! Debug or Display of configs, clients and errors, nor in the runtime's tracing output.

mod common;

use std::io::Write;
use std::sync::{Arc, Mutex};

use specbind::__private::decode_empty;
use specbind::{Config, Credentials, RetryConfig};

const TOKEN: &str = "security-token-must-not-leak";
const IAM: &str = "iam-token-must-not-leak";
const PROXY_PASSWORD: &str = "proxy-password-must-not-leak";

fn assert_clean(text: &str) {
    for secret in [common::SK, TOKEN, IAM, PROXY_PASSWORD] {
        assert!(!text.contains(secret), "secret {secret:?} leaked into: {text}");
    }
}

#[test]
fn config_and_client_debug_redact_secrets() {
    let builder = Config::builder()
        .region("cn-north-4")
        .credentials(Credentials::aksk(common::AK, common::SK).with_security_token(TOKEN))
        .proxy(format!("http://user:{PROXY_PASSWORD}@127.0.0.1:3128"));
    assert_clean(&format!("{builder:?}"));
    let config = builder.build().unwrap();
    let debug = format!("{config:?}");
    assert_clean(&debug);
    assert!(debug.contains(common::AK), "the access key is not secret and helps debugging");
    let client = specbind::Client::new("vpcep", config).unwrap();
    assert_clean(&format!("{client:?}"));

    let token_config = Config::builder()
        .region("cn-north-4")
        .credentials(Credentials::iam_token(IAM))
        .build()
        .unwrap();
    assert_clean(&format!("{token_config:?}"));
}

/// Collects everything the subscriber writes.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test]
async fn errors_and_traces_do_not_carry_secrets() {
    let (base, log) = common::scripted(|n, _| match n {
        0 => common::reply(503, &[("X-Request-Id", "r-1")], "busy"),
        _ => common::reply(
            401,
            &[("X-Request-Id", "r-2")],
            r#"{"error_code":"APIGW.0301","error_msg":"denied"}"#,
        ),
    })
    .await;
    let captured = Captured::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_writer(move || writer.clone())
        .with_ansi(false)
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    let (builder, _) = common::config(&base);
    let client = common::client(
        builder.credentials(Credentials::aksk(common::AK, common::SK).with_security_token(TOKEN)),
    );
    let error = client.execute(common::show_thing("t"), decode_empty).await.unwrap_err();
    assert_clean(&format!("{error:?}"));
    assert_clean(&error.to_string());

    let seen = log.all();
    assert_eq!(
        seen[0].header("X-Security-Token"),
        Some(TOKEN),
        "the token is sent, just never shown"
    );
    let signature = seen[1].header("Authorization").unwrap().rsplit('=').next().unwrap().to_owned();
    let traces = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
    assert!(traces.contains("specbind.call") && traces.contains("ShowThing"), "{traces}");
    assert!(traces.contains("r-2"), "request id is traced: {traces}");
    assert_clean(&traces);
    assert!(!traces.contains(&signature), "signature leaked into traces");
}

#[tokio::test]
async fn signing_failures_do_not_echo_credentials() {
    let (base, log) = common::scripted(|_, _| common::reply(204, &[], "")).await;
    let (builder, _) = common::config(&base);
    let client = common::client(
        builder.credentials(Credentials::aksk("", TOKEN)).retry(RetryConfig::disabled()),
    );
    let error = client.execute(common::show_thing("t"), decode_empty).await.unwrap_err();
    assert!(error.is_construction(), "{error}");
    assert_clean(&format!("{error} {error:?}"));
    assert_eq!(log.len(), 0);
}
