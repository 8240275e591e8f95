//! Errors by phase over real HTTP: undecodable bodies name the failing field, service errors are
//! parsed in every body form the official SDK understands.

mod common;

use common::{Thing, reply, scripted};
use specbind::__private::decode_json;
use specbind::RetryConfig;

async fn fail_with(
    status: u16,
    headers: &'static [(&'static str, &'static str)],
    body: &'static str,
) -> specbind::Error {
    let (base, _) = scripted(move |_, _| reply(status, headers, body)).await;
    let (builder, _) = common::config(&base);
    let client = common::client(builder.retry(RetryConfig::disabled()));
    client.execute(common::show_thing("t"), decode_json::<Thing>).await.unwrap_err()
}

#[tokio::test]
async fn undecodable_body_reports_status_field_path_and_excerpt() {
    let error = fail_with(200, &[], r#"{"id":"t","status":7}"#).await;
    assert!(error.is_response(), "{error}");
    assert_eq!(error.status(), Some(200));
    assert_eq!(error.field_path(), Some("status"));
    assert!(error.body_excerpt().unwrap().contains(r#""status":7"#));
    let text = error.to_string();
    assert!(text.contains("ShowThing") && text.contains("`status`"), "{text}");
    assert!(!error.is_retryable());
}

#[tokio::test]
async fn a_decoder_of_the_wrong_type_is_a_response_phase_error_after_sending() {
    use specbind::__private::{call, erased_json};
    let (base, log) =
        scripted(|_, _| common::json(serde_json::json!({"id": "t", "status": "ok"}))).await;
    let (builder, _) = common::config(&base);
    let client = common::client(builder.retry(RetryConfig::disabled()));
    let result = call::<String>(&client, common::show_thing("t"), erased_json::<Thing>).await;
    let error = result.unwrap_err();
    assert_eq!(log.len(), 1, "the request was sent");
    assert!(error.is_response() && !error.is_construction(), "{error}");
    assert_eq!((error.status(), error.body_excerpt()), (Some(200), None));
    assert!(error.to_string().contains("wrong body type"), "{error}");
}

#[tokio::test]
async fn snake_case_service_error_with_request_id() {
    let body = r#"{"error_code":"EndPoint.0005","error_msg":"endpoint not found"}"#;
    let error = fail_with(404, &[("X-Request-Id", "rid-404")], body).await;
    assert!(error.is_service() && error.is_not_found());
    assert_eq!(error.code(), Some("EndPoint.0005"));
    assert_eq!(error.message(), Some("endpoint not found"));
    assert_eq!(error.request_id(), Some("rid-404"));
    let text = error.to_string();
    assert!(text.contains("EndPoint.0005") && text.contains("rid-404"), "{text}");
}

#[tokio::test]
async fn camel_case_and_code_message_forms() {
    let error = fail_with(
        401,
        &[],
        r#"{"errorCode":"APIGW.0301","errorMsg":"Incorrect IAM authentication"}"#,
    )
    .await;
    assert_eq!(
        (error.code(), error.message()),
        (Some("APIGW.0301"), Some("Incorrect IAM authentication"))
    );
    let error = fail_with(400, &[], r#"{"code":"VPC.0101","message":"bad"}"#).await;
    assert_eq!((error.code(), error.message()), (Some("VPC.0101"), Some("bad")));
}

#[tokio::test]
async fn nested_error_object_and_authorization_message() {
    let body = r#"{"error":{"error_code":"IAM.0002","error_msg":"denied"},"encoded_authorization_message":"enc-1"}"#;
    let error = fail_with(403, &[], body).await;
    let service = error.as_service_error().unwrap();
    assert_eq!((service.error_code(), service.error_msg()), ("IAM.0002", "denied"));
    assert_eq!(service.encoded_authorization_message(), Some("enc-1"));
    assert_eq!(service.status(), 403);
}

#[tokio::test]
async fn non_json_error_body_keeps_its_text() {
    let error = fail_with(500, &[], "upstream exploded").await;
    assert_eq!(error.code(), Some("500"));
    assert_eq!(error.message(), Some("upstream exploded"));
    assert!(!error.is_retryable(), "a plain 500 is not retryable");
}

#[tokio::test]
async fn throttling_is_recognised() {
    let error = fail_with(429, &[], r#"{"error_code":"APIGW.0308","error_msg":"throttled"}"#).await;
    assert!(error.is_throttled() && error.is_retryable());
}

#[tokio::test]
async fn connection_refused_is_a_dispatch_error() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    drop(listener);
    let (builder, _) = common::config(&base);
    let client = common::client(builder.retry(RetryConfig::disabled()));
    let error = client.execute(common::show_thing("t"), decode_json::<Thing>).await.unwrap_err();
    assert!(error.is_dispatch(), "{error}");
    assert!(error.is_retryable());
    assert!(std::error::Error::source(&error).is_some());
}
