//! With TLS on, the simulator serves HTTPS with the certificate it reports, and the specbind
//! runtime (through `config_for`) talks to it.

mod support;

use support::{Call, provider};
use vpcep_sim::Simulator;

#[tokio::test]
async fn serves_https_with_its_own_certificate() {
    let sim = Simulator::builder().tls(true).start().await.unwrap();
    assert!(sim.url().starts_with("https://"), "{}", sim.url());
    let pem = sim.certificate_pem().expect("a certificate").to_string();
    let owner = provider(&sim);
    let host = sim.address().to_string();
    let path = format!("/v1/{}/quotas", owner.project_id);
    // The signature does not depend on the scheme; the helper signs, reqwest speaks TLS.
    let request = Call::new(&owner, "GET", path.clone()).signed(&sim);

    // reqwest is built without a default TLS provider.
    let _ = rustls::crypto::ring::default_provider().install_default();
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
