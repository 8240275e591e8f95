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
