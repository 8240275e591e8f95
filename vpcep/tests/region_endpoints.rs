//! Every region in the official Python SDK's VPCEP region table resolves to the endpoint that
//! SDK uses there. The table is recorded, not copied by hand: `conformance/vpcep/regions.json`
//! comes from `record_regions.py`, which reads `huaweicloudsdkvpcep`'s own region file.

use serde_json::Value;
use specbind::endpoint::resolve_endpoint;

fn sdk_regions() -> Vec<(String, String)> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../conformance/vpcep/regions.json");
    let text = std::fs::read_to_string(path).expect("conformance/vpcep/regions.json is readable");
    let rows: Vec<Value> = serde_json::from_str(&text).expect("regions.json is a JSON array");
    rows.iter()
        .map(|row| {
            let field = |name: &str| row[name].as_str().expect("region and endpoint are strings");
            (field("region").to_owned(), field("endpoint").to_owned())
        })
        .collect()
}

#[test]
fn every_sdk_region_resolves_to_the_sdk_endpoint() {
    let regions = sdk_regions();
    // The 3.1.219 table lists 34 regions; far fewer means the recording broke.
    assert!(regions.len() >= 30, "only {} regions recorded", regions.len());
    let mismatches: Vec<String> = regions
        .iter()
        .filter_map(|(region, expected)| {
            // No environment: an override variable on the test machine must not hide a mismatch.
            let resolved =
                resolve_endpoint(&vpcep::Client::SERVICE_INFO, None, Some(region), |_| None)
                    .unwrap_or_else(|error| format!("error: {error}"));
            (&resolved != expected).then(|| format!("{region}: SDK {expected}, ours {resolved}"))
        })
        .collect();
    assert!(mismatches.is_empty(), "endpoints differ:\n{}", mismatches.join("\n"));
}

#[test]
fn a_client_built_for_an_sdk_region_sends_there() {
    // The same through the public client, for one region on the default domain and the one
    // that is not (eu-west-101 is under myhuaweicloud.eu).
    let regions = sdk_regions();
    for wanted in ["ae-ad-1", "eu-west-101"] {
        let (region, expected) =
            regions.iter().find(|(id, _)| id == wanted).expect("the SDK lists the region");
        let config = vpcep::Config::builder()
            .region(region.clone())
            .credentials(specbind::Credentials::aksk("AK", "SK"))
            .project_id("p")
            .build()
            .unwrap();
        let client = vpcep::Client::from_config(config).unwrap();
        assert_eq!(&client.runtime().endpoint(), expected, "{region}");
    }
}
