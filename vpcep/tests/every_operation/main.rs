//! Every VPCEP operation, called through the generated bindings against the simulator, in the
//! steps of a real private-link rollout: a provider publishes services and manages their
//! whitelists, consumers connect endpoints that the provider accepts or rejects, both sides tag,
//! page and wait, and everything is torn down again. Results are checked field by field.
//!
//! Each step is its own test on its own simulator, brought to the state the step needs by the
//! setup helpers on [`World`] (which call the API but check nothing), so one step failing does
//! not hide the others. Each test records the operations it exercises in a [`Ledger`] and must
//! match its row of [`COVERAGE`]; [`every_spec_operation_is_covered`] checks those rows against
//! the spec directory, so an operation added to the spec and not exercised here fails.

mod connections;
mod endpoints;
mod listing;
mod services;

use std::collections::BTreeSet;
use std::time::Duration;

use vpcep::types::{self, PortList};
use vpcep::*;
use vpcep_sim::{RunningSimulator, Simulator, Tenant};

/// The operations (by `operationId`) each test exercises and checks.
const COVERAGE: &[(&str, &[&str])] = &[
    (
        "discovery_reads_versions_quotas_and_public_services",
        &[
            "ListVersionDetails",
            "ListSpecifiedVersionDetails",
            "ListQuotaDetails",
            "ListServicePublicDetails",
        ],
    ),
    (
        "the_provider_publishes_edits_renames_and_upgrades_a_service",
        &[
            "CreateEndpointService",
            "UpdateEndpointService",
            "UpdateEndpointServiceName",
            "UpgradeEndpointService",
            "AddEndpointServiceServerResource",
            "ListServiceDetails",
            "ListEndpointService",
        ],
    ),
    (
        "a_stranger_describes_the_service_but_cannot_connect",
        &["ListServiceDescribeDetails", "CreateEndpoint"],
    ),
    (
        "the_provider_manages_the_whitelist",
        &[
            "AddOrRemoveServicePermissions",
            "BatchAddEndpointServicePermissions",
            "UpdateEndpointServicePermissionDesc",
            "ListServicePermissionsDetails",
            "BatchRemoveEndpointServicePermissions",
        ],
    ),
    (
        "the_consumer_connects_and_the_provider_accepts",
        &[
            "ListEndpointInfoDetails",
            "ListServiceConnections",
            "UpdateEndpointConnectionsDesc",
            "AcceptOrRejectEndpoint",
        ],
    ),
    ("a_second_endpoint_is_rejected_and_deleted", &["DeleteEndpoint"]),
    ("teardown_deletes_the_endpoint_before_the_service", &["DeleteEndpointService"]),
    (
        "the_consumer_configures_its_endpoint",
        &["UpdateEndpointWhite", "UpdateEndpointPolicy", "DeleteEndpointPolicy", "UpgradeEndpoint"],
    ),
    ("a_gateway_endpoint_changes_its_route_tables", &["UpdateEndpointRoutetable"]),
    (
        "both_sides_tag_and_find_resources_by_tag",
        &[
            "BatchAddOrRemoveResourceInstance",
            "ListQueryProjectResourceTags",
            "ListResourceInstances",
        ],
    ),
    ("every_paginator_walks_every_page", &["ListEndpoints"]),
    ("a_missing_resource_is_a_typed_404", &[]),
];

#[test]
fn every_spec_operation_is_covered() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../specs/vpcep");
    let in_spec: BTreeSet<String> = std::fs::read_dir(dir)
        .expect("spec directory")
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .filter_map(|name| name.strip_suffix(".json").map(str::to_string))
        .filter(|name| name != "common")
        .collect();
    let mut covered = BTreeSet::new();
    for (test, operations) in COVERAGE {
        for operation in *operations {
            assert!(covered.insert(operation.to_string()), "{operation} is covered twice ({test})");
        }
    }
    let missing: Vec<_> = in_spec.difference(&covered).collect();
    let unknown: Vec<_> = covered.difference(&in_spec).collect();
    assert!(
        missing.is_empty() && unknown.is_empty(),
        "not covered: {missing:?}; not in spec: {unknown:?}"
    );
    assert_eq!(covered.len(), 33, "VPCEP has 33 operations");
}

/// Operations a test has exercised, by `operationId`.
#[derive(Default)]
struct Ledger(BTreeSet<&'static str>);

impl Ledger {
    fn note(&mut self, operation: &'static str) {
        self.0.insert(operation);
    }
}

/// Both sides of the connection on one simulator, and what the test has exercised.
struct World {
    // Kept so the simulator runs as long as the test.
    _sim: RunningSimulator,
    provider: Client,
    consumer: Client,
    consumer_tenant: Tenant,
    ops: Ledger,
}

fn client_for(sim: &RunningSimulator, tenant: &Tenant) -> Client {
    Client::from_config(sim.config_for(tenant).build().expect("config")).expect("client")
}

/// Polls quickly: the simulator settles at once, and the spec's 5 s delay would only slow tests.
fn quick() -> WaitOptions {
    WaitOptions::new().delay(Duration::from_millis(100)).max_wait(Duration::from_secs(5))
}

#[track_caller]
fn assert_request_id<T>(response: &Response<T>) {
    let id = response.request_id().expect("X-Request-Id on every answer");
    assert!(id.len() >= 16 && id.chars().all(|c| c.is_ascii_hexdigit()), "request id {id:?}");
}

impl World {
    /// A fresh simulator with its two default tenants.
    async fn start() -> Self {
        let sim = Simulator::builder().start().await.expect("simulator starts");
        let (provider, consumer) = (sim.tenants()[0].clone(), sim.tenants()[1].clone());
        Self {
            provider: client_for(&sim, &provider),
            consumer: client_for(&sim, &consumer),
            consumer_tenant: consumer,
            _sim: sim,
            ops: Ledger::default(),
        }
    }

    /// Checks that the test exercised exactly the operations of its [`COVERAGE`] row.
    #[track_caller]
    fn finish(&self, test: &str) {
        let row = COVERAGE.iter().find(|(name, _)| *name == test);
        let (_, expected) = row.unwrap_or_else(|| panic!("{test} has no row in COVERAGE"));
        let expected: BTreeSet<&str> = expected.iter().copied().collect();
        assert_eq!(self.ops.0, expected, "operations exercised by {test}");
    }

    // Setup: the state a later step starts from, made without checks of its own (the step that
    // makes it properly has its own test).

    /// The provider's `payments-v2` service, with approval, available.
    async fn published(&self) -> String {
        let body = types::CreateEndpointServiceRequestBody::new(
            "port-4f1c2a9e",
            "vpc-provider-01",
            "VM",
            vec![PortList::new().client_port(443).server_port(8443).protocol("TCP")],
        )
        .service_name("payments-v2")
        .approval_enabled(true);
        let created = self
            .provider
            .create_endpoint_service(CreateEndpointServiceRequest::new(body))
            .await
            .expect("setup: service created");
        let id = created.id.clone().expect("setup: service id");
        self.provider
            .wait_until_service_available(ListServiceDetailsRequest::new(id.clone()), quick())
            .await
            .expect("setup: service available");
        id
    }

    /// Puts the consumer, and only the consumer, on `service`'s whitelist.
    async fn whitelist_consumer(&self, service: &str) {
        let entry = vec![self.consumer_tenant.whitelist_entry()];
        let add = types::AddOrRemoveServicePermissionsRequestBody::new(entry, "add");
        self.provider
            .add_or_remove_service_permissions(AddOrRemoveServicePermissionsRequest::new(
                service, add,
            ))
            .await
            .expect("setup: consumer whitelisted");
    }

    /// A consumer endpoint on `service`, accepted by the provider.
    async fn connected(&self, service: &str) -> String {
        let body = types::CreateEndpointRequestBody::new(service, "vpc-consumer-07")
            .subnet_id("subnet-consumer-a");
        let created = self
            .consumer
            .create_endpoint(CreateEndpointRequest::new(body))
            .await
            .expect("setup: endpoint created");
        let id = created.id.clone().expect("setup: endpoint id");
        self.consumer
            .wait_until_endpoint_ready(ListEndpointInfoDetailsRequest::new(id.clone()), quick())
            .await
            .expect("setup: endpoint awaits approval");
        let accept = types::AcceptOrRejectEndpointRequestBody::new("receive", vec![id.clone()]);
        self.provider
            .accept_or_reject_endpoint(AcceptOrRejectEndpointRequest::new(service, accept))
            .await
            .expect("setup: endpoint accepted");
        id
    }

    /// `count` more provider services, `svc0`, `svc1`, …
    async fn other_services(&self, count: i32) {
        for n in 0..count {
            let body = types::CreateEndpointServiceRequestBody::new(
                "port-x",
                "vpc-provider-01",
                "VM",
                vec![PortList::new().client_port(80).server_port(8080 + n)],
            )
            .service_name(format!("svc{n}"));
            self.provider
                .create_endpoint_service(CreateEndpointServiceRequest::new(body))
                .await
                .expect("setup: service created");
        }
    }
}
