//! Operations a region's API reference does not offer are refused by the client before anything
//! is sent (naming region and operation), offered ones go through, an unknown region is not an
//! error, and `region_check(false)` sends anyway for when the documentation lags.

use vpcep::{Client, ListEndpointsRequest, UpdateEndpointServiceNameRequest, types};

async fn client_in(sim: &vpcep_sim::RunningSimulator, region: &str, check: bool) -> Client {
    let tenant = sim.tenants()[0].clone();
    let config = sim.config_for(&tenant).region(region).region_check(check).build().unwrap();
    Client::from_config(config).unwrap()
}

fn rename() -> UpdateEndpointServiceNameRequest {
    UpdateEndpointServiceNameRequest::new("no-such-service")
        .body(types::UpdateEndpointServiceNameRequestBody::new().endpoint_service_name("new"))
}

#[tokio::test]
async fn an_operation_the_region_lacks_is_refused_before_sending() {
    let sim = vpcep_sim::Simulator::builder().start().await.unwrap();
    for region in ["ae-ad-1", "my-kualalumpur-1", "eu-west-0", "tr-central-201"] {
        let client = client_in(&sim, region, true).await;
        let error = client.update_endpoint_service_name(rename()).await.unwrap_err();
        assert!(error.is_construction(), "{region}: {error}");
        let text = error.to_string();
        assert!(text.contains("UpdateEndpointServiceName") && text.contains(region), "{text}");
        // What the region offers goes through.
        client.list_endpoints(ListEndpointsRequest::new()).await.unwrap();
    }
}

#[tokio::test]
async fn the_main_site_an_unknown_region_and_the_opt_out_send_the_call() {
    let sim = vpcep_sim::Simulator::builder().start().await.unwrap();
    for (region, check) in [("cn-north-4", true), ("xx-new-9", true), ("ae-ad-1", false)] {
        let client = client_in(&sim, region, check).await;
        let error = client.update_endpoint_service_name(rename()).await.unwrap_err();
        // Sent: the simulator answers that the service does not exist.
        assert!(error.is_service() && error.is_not_found(), "{region}: {error}");
    }
}

#[tokio::test]
async fn tags_are_missing_only_in_ankara_and_describe_only_in_the_legacy_regions() {
    let sim = vpcep_sim::Simulator::builder().start().await.unwrap();
    let tags = || vpcep::ListQueryProjectResourceTagsRequest::new("endpoint_service");
    let ankara = client_in(&sim, "tr-central-201", true).await;
    assert!(ankara.list_query_project_resource_tags(tags()).await.unwrap_err().is_construction());
    let paris = client_in(&sim, "eu-west-0", true).await;
    paris.list_query_project_resource_tags(tags()).await.unwrap();
    let describe = || vpcep::ListServiceDescribeDetailsRequest::new().id("nothing");
    let abu_dhabi = client_in(&sim, "ae-ad-1", true).await;
    assert!(
        abu_dhabi.list_service_describe_details(describe()).await.unwrap_err().is_construction()
    );
}

#[tokio::test]
async fn sent_anyway_the_regions_gateway_answers_apigw_0101() {
    // Client and simulator take the region's operation set from the same specs: what the client
    // refuses, a simulator of that region does not route either.
    for (cloud, region) in
        [(vpcep_sim::Cloud::HuaweiCloud, "ae-ad-1"), (vpcep_sim::Cloud::OpenTelekomCloud, "eu-de")]
    {
        let sim =
            vpcep_sim::Simulator::builder().cloud(cloud).region(region).start().await.unwrap();
        let checked = client_in(&sim, region, true).await;
        let refused = checked.update_endpoint_service_name(rename()).await.unwrap_err();
        assert!(refused.is_construction(), "{region}: {refused}");
        let unchecked = client_in(&sim, region, false).await;
        let error = unchecked.update_endpoint_service_name(rename()).await.unwrap_err();
        assert!(error.is_service() && error.is_not_found(), "{region}: {error}");
        assert!(error.to_string().contains("APIGW.0101"), "{region}: {error}");
        unchecked.list_endpoints(ListEndpointsRequest::new()).await.unwrap();
    }
}

fn service(ip_version: Option<&str>, snat: Option<&str>) -> vpcep::CreateEndpointServiceRequest {
    let mut body = types::CreateEndpointServiceRequestBody::new(
        "port-4f1c2a9e",
        "vpc-provider-01",
        "VM",
        vec![types::PortList::new().client_port(443).server_port(8443).protocol("TCP")],
    );
    if let Some(version) = ip_version {
        body = body.ip_version(version);
    }
    if let Some(network) = snat {
        body = body.snat_network_id(network);
    }
    vpcep::CreateEndpointServiceRequest::new(body)
}

#[tokio::test]
async fn professional_fields_are_refused_before_sending_outside_their_regions() {
    let sim = vpcep_sim::Simulator::builder().start().await.unwrap();
    let client = client_in(&sim, "cn-north-4", true).await;
    // An IPv6 service is a professional-edition value of `ip_version`: refused, naming it.
    let error = client.create_endpoint_service(service(Some("ipv6"), None)).await.unwrap_err();
    assert!(error.is_construction(), "{error}");
    let text = error.to_string();
    for part in ["CreateEndpointService", "`ip_version` set to `ipv6`", "cn-east-4", "cn-north-4"] {
        assert!(text.contains(part), "missing {part:?} in {text}");
    }
    // Any value of `snat_network_id` is professional-only.
    let snat = client.create_endpoint_service(service(None, Some("net-1"))).await.unwrap_err();
    assert!(snat.is_construction() && snat.to_string().contains("snat_network_id"), "{snat}");
    // `ipv4` is offered everywhere, and nothing above reached the simulator.
    let created = client.create_endpoint_service(service(Some("ipv4"), None)).await.unwrap();
    assert_eq!(created.ip_version, Some(types::ServiceIpVersion::Ipv4));
    let listed = client.list_endpoint_service(vpcep::ListEndpointServiceRequest::new()).await;
    assert_eq!(listed.unwrap().into_body().endpoint_services.unwrap_or_default().len(), 1);
}

#[tokio::test]
async fn professional_fields_go_through_in_their_regions_and_with_the_opt_out() {
    // cn-east-4 sells the professional edition: the simulator of that region creates the
    // service. Elsewhere, region_check(false) sends it and the simulator's gateway refuses it.
    let east = vpcep_sim::Simulator::builder().region("cn-east-4").start().await.unwrap();
    let client = client_in(&east, "cn-east-4", true).await;
    client.create_endpoint_service(service(Some("ipv6"), Some("net-1"))).await.unwrap();
    let north = vpcep_sim::Simulator::builder().start().await.unwrap();
    let unchecked = client_in(&north, "cn-north-4", false).await;
    let error = unchecked.create_endpoint_service(service(Some("ipv6"), None)).await.unwrap_err();
    assert!(error.is_service() && error.status() == Some(400), "{error}");
}
