//! The process environment read by `Config::build` and `Client::for_service`: endpoint override
//! for any service name, and the domain id from the credentials chain.
//!
//! The one test in this binary sets variables before any other thread exists; more tests here
//! would run in parallel with it and race on the environment.

mod common;

use common::{reply, scripted};
use specbind::__private::{Call, Method, Operation, decode_empty};
use specbind::{Client, Config, CredentialScope, ServiceInfo};

/// A service no other test names, so its override variable cannot collide.
const ENV_ONLY: ServiceInfo =
    ServiceInfo::new("envonly", "envonly.myhuaweicloud.com", CredentialScope::Domain);

const SHOW_DOMAIN: Operation = Operation {
    name: "ShowDomain",
    method: Method::Get,
    path: "/v3/domains/{domain_id}",
    idempotent: true,
    retryable_codes: &[],
    throttling_codes: &[],
};

#[test]
fn environment_overrides_the_endpoint_and_supplies_the_domain_id() {
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let (base, log) = runtime.block_on(scripted(|_, _| reply(204, &[], "")));
    // SAFETY: the test harness runs this binary's only test; the current-thread runtime and the
    // server task run on this thread, so no other thread reads the environment meanwhile.
    unsafe {
        std::env::set_var("HUAWEICLOUD_SDK_REGION_ENVONLY_AP_SOUTHEAST_3", format!("{base},x"));
        std::env::set_var("HUAWEICLOUD_SDK_AK", common::AK);
        std::env::set_var("HUAWEICLOUD_SDK_SK", common::SK);
        std::env::set_var("HUAWEICLOUD_SDK_DOMAIN_ID", "env-domain");
        std::env::set_var("HUAWEICLOUD_SDK_CREDENTIALS_FILE", "/nonexistent/specbind");
    }
    let config = Config::builder().region("ap-southeast-3").build().unwrap();
    assert_eq!(config.domain_id(), Some("env-domain"));
    let client = Client::for_service(&ENV_ONLY, config).unwrap();
    assert_eq!(client.endpoint(), base, "the first entry of the variable");

    let mut call = Call::new(&SHOW_DOMAIN);
    call.client_path_param("domain_id", specbind::DOMAIN_ID_PARAM);
    runtime.block_on(client.execute(call, decode_empty)).unwrap();
    let seen = &log.all()[0];
    assert_eq!(seen.uri.path(), "/v3/domains/env-domain");
    assert_eq!(seen.header("X-Domain-Id"), Some("env-domain"));

    let elsewhere = Config::builder().region("cn-north-4").build().unwrap();
    let client = Client::for_service(&ENV_ONLY, elsewhere).unwrap();
    assert_eq!(client.endpoint(), "https://envonly.myhuaweicloud.com", "only that region's");
}
