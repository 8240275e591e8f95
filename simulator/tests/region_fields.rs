//! Request fields that only some regions accept: the professional edition's IPv6 services
//! (`ip_version` `ipv6`, `snat_network_id`) and dual-stack endpoints (`ip_version` `dualstack`,
//! `ipv6_address`) exist only in cn-east-4, me-east-1, cn-east-5 and af-north-1; Huawei Cloud
//! Europe (eu-west-101) refuses `enable_policy`. Elsewhere each is a 400 with an `error_code`,
//! and nothing is created.

mod support;

use serde_json::{Value, json};
use support::{Call, Reply, endpoints_path, provider, service_body, services_path};
use vpcep_sim::{Cloud, RunningSimulator, Simulator, Tenant};

async fn start(cloud: Cloud, region: &str) -> (RunningSimulator, Tenant) {
    let sim = Simulator::builder().cloud(cloud).region(region).start().await.unwrap();
    let tenant = provider(&sim);
    (sim, tenant)
}

fn with(mut body: Value, extra: Value) -> Value {
    body.as_object_mut().unwrap().extend(extra.as_object().unwrap().clone());
    body
}

async fn create_service(sim: &RunningSimulator, tenant: &Tenant, extra: Value) -> Reply {
    let body = with(service_body(80, 8080), extra);
    Call::new(tenant, "POST", services_path(tenant, "")).json(&body).send(sim).await
}

async fn create_endpoint(sim: &RunningSimulator, tenant: &Tenant, extra: Value) -> Reply {
    let created = create_service(sim, tenant, json!({})).await;
    assert_eq!(created.status, 200, "{created:?}");
    let body = json!({
        "endpoint_service_id": created.body["id"], "vpc_id": "4189d3c2-8882-4871-a3c2-d380272eed83",
        "subnet_id": "7d6e2c1a-51b6-4c2e-a3f4-5b6c7d8e9f01",
    });
    Call::new(tenant, "POST", endpoints_path(tenant, "")).json(&with(body, extra)).send(sim).await
}

fn professional_fields() -> [(&'static str, Value, bool); 4] {
    // (field named in the error, extra body fields, on an endpoint rather than a service)
    [
        ("ip_version ipv6", json!({"ip_version": "ipv6", "snat_network_id": "net-1"}), false),
        ("snat_network_id", json!({"snat_network_id": "net-1"}), false),
        ("ip_version dualstack", json!({"ip_version": "dualstack"}), true),
        ("ipv6_address", json!({"ipv6_address": "2001:db8::5"}), true),
    ]
}

#[tokio::test]
async fn professional_fields_are_refused_outside_their_regions() {
    let regions = [
        (Cloud::HuaweiCloud, "cn-north-4"),
        (Cloud::HuaweiCloud, "eu-west-0"),
        (Cloud::HuaweiCloud, "eu-west-101"),
        (Cloud::HuaweiCloud, "ae-ad-1"),
        (Cloud::OpenTelekomCloud, "eu-de"),
    ];
    for (cloud, region) in regions {
        let (sim, tenant) = start(cloud, region).await;
        for (field, extra, on_endpoint) in professional_fields() {
            let reply = if on_endpoint {
                create_endpoint(&sim, &tenant, extra).await
            } else {
                create_service(&sim, &tenant, extra).await
            };
            reply.assert_error(400, "EndPoint.0002");
            assert!(
                reply.message().contains(field) && reply.message().contains(region),
                "{reply:?}"
            );
        }
        // The refusals created nothing: one service per endpoint attempt, no endpoints.
        let endpoints = Call::new(&tenant, "GET", endpoints_path(&tenant, "")).send(&sim).await;
        assert_eq!(endpoints.body["total_count"], 0, "{region}: {endpoints:?}");
        let services = Call::new(&tenant, "GET", services_path(&tenant, "")).send(&sim).await;
        assert_eq!(services.body["total_count"], 2, "{region}: {services:?}");
        // IPv4, said out loud, is fine everywhere.
        let ipv4 = create_service(&sim, &tenant, json!({"ip_version": "ipv4"})).await;
        assert_eq!(ipv4.status, 200, "{region}: {ipv4:?}");
    }
}

#[tokio::test]
async fn professional_regions_accept_and_keep_them() {
    for region in ["cn-east-4", "af-north-1"] {
        let (sim, tenant) = start(Cloud::HuaweiCloud, region).await;
        let extra = json!({"ip_version": "ipv6", "snat_network_id": "net-1"});
        let service = create_service(&sim, &tenant, extra).await;
        assert_eq!(service.status, 200, "{region}: {service:?}");
        assert_eq!(service.body["ip_version"], "ipv6", "{region}");
        let extra = json!({"ip_version": "dualstack", "ipv6_address": "2001:db8::5"});
        let endpoint = create_endpoint(&sim, &tenant, extra).await;
        assert_eq!(endpoint.status, 200, "{region}: {endpoint:?}");
        assert_eq!(endpoint.body["ipv6_address"], "2001:db8::5", "{region}");
    }
}

#[tokio::test]
async fn europe_refuses_enable_policy() {
    let (sim, tenant) = start(Cloud::HuaweiCloud, "eu-west-101").await;
    let refused = create_service(&sim, &tenant, json!({"enable_policy": true})).await;
    refused.assert_error(400, "EndPoint.0002");
    assert!(refused.message().contains("enable_policy"), "{refused:?}");
    // `false` is the default, and asking for it is no request for the feature.
    let off = create_service(&sim, &tenant, json!({"enable_policy": false})).await;
    assert_eq!(off.status, 200, "{off:?}");
    assert_eq!(off.body["enable_policy"], false);
}

#[tokio::test]
async fn elsewhere_enable_policy_is_kept_and_must_be_a_boolean() {
    let (sim, tenant) = start(Cloud::HuaweiCloud, "cn-north-4").await;
    let on = create_service(&sim, &tenant, json!({"enable_policy": true})).await;
    assert_eq!(on.status, 200, "{on:?}");
    let id = on.body["id"].as_str().unwrap();
    let shown =
        Call::new(&tenant, "GET", services_path(&tenant, &format!("/{id}"))).send(&sim).await;
    assert_eq!(shown.body["enable_policy"], true, "{shown:?}");
    let wrong = create_service(&sim, &tenant, json!({"enable_policy": "yes"})).await;
    wrong.assert_error(400, "EndPoint.0002");
}

#[test]
fn the_professional_regions_are_the_ones_specs_vpcep_marks() {
    // The client refuses professional fields from specs/vpcep's x-specbind-regional-fields;
    // the simulator must refuse them in exactly the same regions.
    let specs = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs/vpcep");
    let mut marked = std::collections::BTreeSet::new();
    for entry in std::fs::read_dir(&specs).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|ext| ext != "json") {
            continue;
        }
        let text = std::fs::read_to_string(path).unwrap();
        let spec: Value = serde_json::from_str(&text).unwrap();
        let operations = spec["paths"].as_object().into_iter().flatten().flat_map(|(_, item)| {
            item.as_object().into_iter().flatten().map(|(_, operation)| operation.clone())
        });
        for operation in operations {
            for field in operation["x-specbind-regional-fields"].as_array().into_iter().flatten() {
                let regions = field["regions"].as_array().unwrap();
                marked.extend(regions.iter().map(|r| r.as_str().unwrap().to_owned()));
            }
        }
    }
    assert_eq!(marked.len(), 4, "{marked:?}");
    for region in &marked {
        assert!(vpcep_sim::is_professional(region), "{region}");
    }
    for region in ["cn-north-4", "eu-west-101", "ae-ad-1", "eu-de"] {
        assert!(!vpcep_sim::is_professional(region), "{region}");
    }
}
