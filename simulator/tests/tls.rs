//! With TLS on, the simulator serves HTTPS with the certificate it reports, and the specbind
//! runtime (through `config_for`) talks to it.

mod common;

use std::time::SystemTime;

use specbind::SigningAlgorithm;
use specbind::http_request::HttpRequest;
use specbind::signing::{SigningContext, sign_request};
use vpcep_sim::Simulator;

#[tokio::test]
async fn serves_https_with_its_own_certificate() {
    let sim = Simulator::builder().tls(true).start().await.unwrap();
    assert!(sim.url().starts_with("https://"), "{}", sim.url());
    let pem = sim.certificate_pem().expect("a certificate").to_string();
    let owner = sim.tenant("provider").unwrap().clone();
    let host = sim.address().to_string();
    let path = format!("/v1/{}/quotas", owner.project_id);
    let mut request = HttpRequest {
        method: http::Method::GET,
        scheme: "https".into(),
        host: host.clone(),
        resource_path: path.clone(),
        query: Vec::new(),
        headers: Vec::new(),
        body: Default::default(),
    };
    let context = SigningContext {
        service: "vpcep",
        region: sim.region(),
        project_id: Some(&owner.project_id),
        now: SystemTime::now(),
    };
    sign_request(&mut request, &owner.credentials(), SigningAlgorithm::HmacSha256, &context)
        .unwrap();

    let _ = common::http_client(); // installs the ring provider
    let trusted = reqwest::Client::builder()
        .add_root_certificate(reqwest::Certificate::from_pem(pem.as_bytes()).unwrap())
        .build()
        .unwrap();
    let mut call = trusted.get(format!("https://{host}{path}"));
    for (name, value) in &request.headers {
        if !name.eq_ignore_ascii_case("host") {
            call = call.header(name, value);
        }
    }
    let response = call.send().await.expect("the certificate is trusted");
    assert_eq!(response.status(), 200);
    let body: serde_json::Value = serde_json::from_slice(&response.bytes().await.unwrap()).unwrap();
    assert_eq!(body["quotas"]["resources"].as_array().unwrap().len(), 2, "{body}");

    // A client that does not trust the certificate cannot connect.
    let strict = reqwest::Client::new().get(format!("https://{host}{path}")).send().await;
    assert!(strict.is_err());
    // Plain HTTP on the TLS port gets no answer.
    let plain = reqwest::Client::new().get(format!("http://{host}{path}")).send().await;
    assert!(plain.is_err() || plain.is_ok_and(|r| !r.status().is_success()));
}

#[tokio::test]
async fn the_specbind_client_works_over_https_through_config_for() {
    let sim = Simulator::builder().tls(true).start().await.unwrap();
    let owner = sim.tenant("provider").unwrap().clone();
    let config = sim.config_for(&owner).build().expect("a valid config");
    let client = vpcep::Client::from_config(config).expect("a client");
    let quotas = client
        .list_quota_details(vpcep::ListQuotaDetailsRequest::default())
        .await
        .expect("the call succeeds over TLS");
    assert_eq!(quotas.status(), 200);
    assert!(quotas.request_id().is_some());
}
