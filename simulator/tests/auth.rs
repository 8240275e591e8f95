//! Authentication as the API gateway does it: a signature recomputed from the request, a date
//! within 15 minutes of the server clock, or a token the simulator issued. Failures are 401
//! `APIGW.0301`; a project that is not the caller's is 403.

mod support;

use std::time::{Duration, SystemTime};

use specbind::Credentials;
use specbind::time::ManualTime;
use support::{Call, services_path};
use vpcep::ListEndpointServiceRequest;
use vpcep_sim::{RunningSimulator, Simulator, Tenant};

async fn start() -> (RunningSimulator, Tenant) {
    let sim = Simulator::builder().start().await.expect("simulator starts");
    let provider = sim.tenants()[0].clone();
    (sim, provider)
}

fn client_with(sim: &RunningSimulator, tenant: &Tenant, credentials: Credentials) -> vpcep::Client {
    let config = sim
        .config_for(tenant)
        .credentials(credentials)
        .retry(vpcep::RetryConfig::disabled())
        .build()
        .expect("config builds");
    vpcep::Client::from_config(config).expect("client builds")
}

#[track_caller]
fn assert_unauthorized(error: &vpcep::Error) {
    assert_eq!(error.status(), Some(401), "{error}");
    assert_eq!(error.code(), Some("APIGW.0301"), "{error}");
    assert!(error.message().is_some_and(|m| !m.is_empty()), "{error}");
    assert!(error.request_id().is_some(), "401 carries X-Request-Id: {error}");
}

#[tokio::test]
async fn the_right_keys_are_accepted() {
    let (sim, provider) = start().await;
    let client = client_with(&sim, &provider, provider.credentials());
    let list =
        client.list_endpoint_service(ListEndpointServiceRequest::new()).await.expect("signed call");
    assert_eq!(list.total_count, Some(0));
}

#[tokio::test]
async fn a_wrong_secret_key_is_401() {
    let (sim, provider) = start().await;
    let wrong = Credentials::aksk(provider.access_key.clone(), "0".repeat(40));
    let error = client_with(&sim, &provider, wrong)
        .list_endpoint_service(ListEndpointServiceRequest::new())
        .await
        .expect_err("a signature made with the wrong SK is refused");
    assert_unauthorized(&error);
}

#[tokio::test]
async fn an_unknown_access_key_is_401() {
    let (sim, provider) = start().await;
    let stranger = Credentials::aksk("NOSUCHACCESSKEY00000", provider.secret_key.clone());
    let error = client_with(&sim, &provider, stranger)
        .list_endpoint_service(ListEndpointServiceRequest::new())
        .await
        .expect_err("unknown AK");
    assert_unauthorized(&error);
}

#[tokio::test]
async fn an_unsigned_request_is_401() {
    let (sim, provider) = start().await;
    let reply = Call::unsigned("GET", services_path(&provider, "")).send(&sim).await;
    reply.assert_error(401, "APIGW.0301");
}

#[tokio::test]
async fn a_tampered_request_is_401() {
    // Signed for one path, sent to another: the recomputed signature differs.
    let (sim, provider) = start().await;
    let signed = Call::new(&provider, "GET", services_path(&provider, "")).signed(&sim);
    let mut raw = Call::unsigned("GET", services_path(&provider, "/public"));
    for (name, value) in &signed.headers {
        raw = raw.header(name, value);
    }
    raw.send(&sim).await.assert_error(401, "APIGW.0301");
}

/// What the Terraform provider signs: no `host`.
const TERRAFORM_SIGNED: &[&str] = &["accept", "content-type", "user-agent", "x-sdk-date"];

/// A call carrying the headers the Terraform provider sends, signed the way it signs them.
fn terraform_call(tenant: &Tenant, method: &str, path: String) -> Call {
    Call::new(tenant, method, path)
        .header("Accept", "application/json")
        .header("Content-Type", "application/json")
        .header("User-Agent", "terraform-provider-huaweicloud/1.70")
        .sign_only(TERRAFORM_SIGNED)
}

#[tokio::test]
async fn signatures_that_leave_host_unsigned_are_accepted() {
    let (sim, provider) = start().await;
    let created = terraform_call(&provider, "POST", services_path(&provider, ""))
        .body(support::service_body(80, 8080).to_string())
        .send(&sim)
        .await;
    assert_eq!(created.status, 200, "{created:?}");
    let id = created.body["id"].as_str().expect("an id").to_string();
    let listed = terraform_call(&provider, "GET", services_path(&provider, ""))
        .query("limit", 10)
        .query("id", &id)
        .send(&sim)
        .await;
    assert_eq!((listed.status, &listed.body["total_count"]), (200, &1.into()), "{listed:?}");
    // Host is not signed, so a proxy that rewrites it breaks nothing.
    let proxied = terraform_call(&provider, "GET", services_path(&provider, &format!("/{id}")))
        .header("Host", "vpcep.cn-north-4.myhuaweicloud.com")
        .send(&sim)
        .await;
    assert_eq!((proxied.status, &proxied.body["id"]), (200, &id.into()), "{proxied:?}");
}

#[tokio::test]
async fn a_signed_header_that_changed_is_still_401() {
    let (sim, provider) = start().await;
    let path = services_path(&provider, "");
    // Baseline: the same request, untouched, is accepted.
    assert_eq!(terraform_call(&provider, "GET", path.clone()).send(&sim).await.status, 200);
    let mut request = terraform_call(&provider, "GET", path.clone()).signed(&sim);
    request.set_header("User-Agent", "curl/8.5");
    let mut tampered = Call::unsigned("GET", path.clone());
    for (name, value) in &request.headers {
        tampered = tampered.header(name, value);
    }
    tampered.send(&sim).await.assert_error(401, "APIGW.0301");
    // Every listed header must be there, and the date must be among them.
    let missing = Call::new(&provider, "GET", path.clone()).sign_only(&["accept", "x-sdk-date"]);
    missing.send(&sim).await.assert_error(401, "APIGW.0301");
    let undated = terraform_call(&provider, "GET", path).sign_only(&["accept", "user-agent"]);
    let reply = undated.send(&sim).await;
    reply.assert_error(401, "APIGW.0301");
    assert!(reply.message().contains("x-sdk-date"), "{reply:?}");
}

#[tokio::test]
async fn a_date_20_minutes_old_is_401_and_10_minutes_is_fine() {
    let (sim, provider) = start().await;
    let path = services_path(&provider, "");
    let old = SystemTime::now() - Duration::from_secs(20 * 60);
    Call::new(&provider, "GET", &path)
        .signed_at(old)
        .send(&sim)
        .await
        .assert_error(401, "APIGW.0301");
    let ahead = SystemTime::now() + Duration::from_secs(20 * 60);
    Call::new(&provider, "GET", &path)
        .signed_at(ahead)
        .send(&sim)
        .await
        .assert_error(401, "APIGW.0301");
    let recent = SystemTime::now() - Duration::from_secs(10 * 60);
    let reply = Call::new(&provider, "GET", &path).signed_at(recent).send(&sim).await;
    assert_eq!(reply.status, 200, "{}", reply.text());

    // The same through the typed client whose clock runs 20 minutes late.
    let late_clock = std::sync::Arc::new(ManualTime::new(old));
    let config = sim
        .config_for(&provider)
        .time_source(late_clock)
        .retry(vpcep::RetryConfig::disabled())
        .build()
        .expect("config builds");
    let error = vpcep::Client::from_config(config)
        .expect("client")
        .list_endpoint_service(ListEndpointServiceRequest::new())
        .await
        .expect_err("stale X-Sdk-Date");
    assert_unauthorized(&error);
}

#[tokio::test]
async fn an_issued_token_is_accepted_and_an_unknown_one_is_not() {
    let (sim, provider) = start().await;
    let token = sim.issue_token(&provider).unwrap();
    let with_token = client_with(&sim, &provider, Credentials::iam_token(token.clone()));
    let created = support::create_service_typed(&with_token, 8080).await;
    // The token acts for its tenant: the AK/SK client of the same tenant sees the service.
    let listed = client_with(&sim, &provider, provider.credentials())
        .list_endpoint_service(ListEndpointServiceRequest::new())
        .await
        .expect("list");
    let ids: Vec<_> =
        listed.endpoint_services.iter().flatten().filter_map(|s| s.id.clone()).collect();
    assert_eq!(ids, vec![created]);

    let forged = format!("{token}x");
    let error = client_with(&sim, &provider, Credentials::iam_token(forged))
        .list_endpoint_service(ListEndpointServiceRequest::new())
        .await
        .expect_err("unknown token");
    assert_unauthorized(&error);
    let raw = Call::unsigned("GET", services_path(&provider, ""))
        .header("X-Auth-Token", "MIIsimnope")
        .send(&sim)
        .await;
    raw.assert_error(401, "APIGW.0301");
}

#[tokio::test]
async fn a_token_of_another_tenant_acts_as_that_tenant() {
    let (sim, provider) = start().await;
    let consumer = sim.tenants()[1].clone();
    let consumer_token = sim.issue_token(&consumer).unwrap();
    // Valid token, but the path names the provider's project: 403, not the provider's data.
    let reply = Call::unsigned("GET", services_path(&provider, ""))
        .header("X-Auth-Token", &consumer_token)
        .send(&sim)
        .await;
    reply.assert_error(403, "EndPoint.0007");
}

#[tokio::test]
async fn another_tenants_project_in_the_path_is_403() {
    let (sim, provider) = start().await;
    let consumer = sim.tenants()[1].clone();
    let reply = Call::new(&consumer, "GET", services_path(&provider, "")).send(&sim).await;
    reply.assert_error(403, "EndPoint.0007");
}

#[tokio::test]
async fn derived_signing_is_scoped_to_the_simulator_region() {
    let sim = Simulator::builder().region("eu-west-101").start().await.unwrap();
    let provider = sim.tenants()[0].clone();
    let derived = |region: &str| {
        let config = sim
            .config_for(&provider)
            .region(region)
            .signing(specbind::SigningAlgorithm::DerivedHmacSha256)
            .retry(vpcep::RetryConfig::disabled())
            .build()
            .expect("config builds");
        vpcep::Client::from_config(config).expect("client builds")
    };
    let created = support::create_service_typed(&derived("eu-west-101"), 8080).await;
    let shown = derived("eu-west-101")
        .list_service_details(vpcep::ListServiceDetailsRequest::new(created.clone()))
        .await
        .expect("V11 signature with the right scope");
    assert_eq!(shown.service_name.as_deref(), Some(format!("eu-west-101.{created}").as_str()));
    let error = derived("cn-north-4")
        .list_endpoint_service(ListEndpointServiceRequest::new())
        .await
        .expect_err("scope names another region");
    assert_unauthorized(&error);
}
