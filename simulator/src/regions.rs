//! What the simulated region publishes: the operations its API gateway routes (from
//! `specs/vpcep`, compiled in by build.rs) and the request fields that only some regions accept.
//!
//! An operation the region does not offer is answered before authentication, as the gateway
//! does for an API it does not publish: 404 with `error_code` `APIGW.0101`.

use std::collections::BTreeSet;
use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::error::{ApiError, ApiResult};
use crate::server::Shared;

/// One operation of `specs/vpcep`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SpecOperation {
    /// `operationId`, e.g. `ListEndpoints`.
    pub id: &'static str,
    /// HTTP method, upper case.
    pub method: &'static str,
    /// Path template, e.g. `/v1/{project_id}/vpc-endpoints/{vpc_endpoint_id}`.
    pub path: &'static str,
    /// Regions whose API reference does not list it (`x-specbind-unavailable-in`).
    pub unavailable_in: &'static [&'static str],
}

impl SpecOperation {
    /// Whether `region` offers this operation.
    pub fn offered_in(&self, region: &str) -> bool {
        !self.unavailable_in.contains(&region)
    }
}

/// Every operation of `specs/vpcep`, sorted by id.
pub const SPEC_OPERATIONS: &[SpecOperation] =
    include!(concat!(env!("OUT_DIR"), "/spec_operations.rs"));

/// The ids of the operations `region` offers, sorted. A region the specs never name offers all.
pub fn operations_offered_in(region: &str) -> Vec<&'static str> {
    SPEC_OPERATIONS.iter().filter(|op| op.offered_in(region)).map(|op| op.id).collect()
}

/// Every region the specs name as lacking some operation.
pub fn regions_with_fewer_operations() -> BTreeSet<&'static str> {
    SPEC_OPERATIONS.iter().flat_map(|op| op.unavailable_in.iter().copied()).collect()
}

/// The spec operation a request is for. Literal segments win over parameters, earlier ones
/// first, as the router does (`…/vpc-endpoint-services/describe` is not a service id).
pub(crate) fn resolve(method: &str, path: &str) -> Option<&'static SpecOperation> {
    let segments: Vec<&str> = path.trim_start_matches('/').split('/').collect();
    SPEC_OPERATIONS
        .iter()
        .filter(|op| op.method.eq_ignore_ascii_case(method))
        .filter_map(|op| literal_mask(op.path, &segments).map(|mask| (mask, op)))
        .max_by(|(a, _), (b, _)| a.cmp(b))
        .map(|(_, op)| op)
}

/// Which segments of `template` are literal, when `segments` match it (a parameter takes one
/// non-empty segment).
fn literal_mask(template: &str, segments: &[&str]) -> Option<Vec<bool>> {
    let parts: Vec<&str> = template.trim_start_matches('/').split('/').collect();
    if parts.len() != segments.len() {
        return None;
    }
    parts
        .iter()
        .zip(segments)
        .map(|(part, segment)| {
            let parameter = part.starts_with('{') && part.ends_with('}');
            match (parameter, part == segment) {
                (true, _) if !segment.is_empty() => Some(false),
                (false, true) => Some(true),
                _ => None,
            }
        })
        .collect()
}

/// Answers `APIGW.0101` for an operation the simulated region does not publish, before the
/// request is authenticated (the gateway cannot know how to authenticate an API it lacks).
pub(crate) async fn published_only(
    State(shared): State<Arc<Shared>>,
    request: Request,
    next: Next,
) -> Response {
    let (method, path) = (request.method().as_str(), request.uri().path());
    match resolve(method, path) {
        Some(op) if !op.offered_in(&shared.region) => {
            no_such_api(&format!("{} is not published in region {}", op.id, shared.region))
                .into_response()
        }
        _ => next.run(request).await,
    }
}

/// The API gateway's answer for a method and path it does not route.
pub(crate) fn no_such_api(message: &str) -> ApiError {
    ApiError { status: StatusCode::NOT_FOUND, code: "APIGW.0101", message: message.to_owned() }
}

/// Regions that sell the professional edition of VPCEP (IPv6 services, dual-stack endpoints),
/// from the Terraform provider's `huaweicloud_vpcep_service` documentation.
const PROFESSIONAL_REGIONS: &[&str] = &["cn-east-4", "me-east-1", "cn-east-5", "af-north-1"];

/// Regions that refuse `enable_policy` on a new endpoint service: Huawei Cloud Europe (issue 15).
const NO_POLICY_REGIONS: &[&str] = &["eu-west-101"];

/// Whether `region` sells the professional edition.
pub fn is_professional(region: &str) -> bool {
    PROFESSIONAL_REGIONS.contains(&region)
}

/// Refuses `field` (a professional-edition setting) outside the professional regions.
pub(crate) fn require_professional(region: &str, field: &str) -> ApiResult<()> {
    if is_professional(region) {
        return Ok(());
    }
    Err(ApiError::invalid(format!(
        "{field} needs a professional VPC endpoint, which region {region} does not offer \
         (only {})",
        PROFESSIONAL_REGIONS.join(", ")
    )))
}

/// Refuses `enable_policy` where endpoint service policies cannot be switched on.
pub(crate) fn require_policy_support(region: &str) -> ApiResult<()> {
    if NO_POLICY_REGIONS.contains(&region) {
        return Err(ApiError::invalid(format!(
            "enable_policy is not supported in region {region}"
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_resolve_to_their_spec_operation() {
        for op in SPEC_OPERATIONS {
            // Fill every parameter with a value no literal segment has.
            let path = op
                .path
                .split('/')
                .map(|part| if part.starts_with('{') { "x1" } else { part })
                .collect::<Vec<_>>()
                .join("/");
            let found = resolve(op.method, &path).map(|found| found.id);
            assert_eq!(found, Some(op.id), "{} {path}", op.method);
        }
    }

    #[test]
    fn literal_segments_win_and_parameters_need_a_value() {
        let id = |method, path| resolve(method, path).map(|op| op.id);
        assert_eq!(
            id("GET", "/v1/p/vpc-endpoint-services/describe"),
            Some("ListServiceDescribeDetails")
        );
        assert_eq!(id("GET", "/v1/p/vpc-endpoint-services/abc"), Some("ListServiceDetails"));
        assert_eq!(id("GET", "/v1/p/endpoint/tags"), Some("ListQueryProjectResourceTags"));
        assert_eq!(id("GET", "/"), Some("ListVersionDetails"));
        assert_eq!(id("GET", "/v1"), Some("ListSpecifiedVersionDetails"));
        assert_eq!(id("GET", "/v1/p/vpc-endpoints/"), None);
        assert_eq!(id("PATCH", "/v1/p/vpc-endpoints"), None);
    }

    #[test]
    fn the_specs_name_regions_and_the_main_site_offers_everything() {
        assert!(SPEC_OPERATIONS.len() >= 30, "{} operations", SPEC_OPERATIONS.len());
        assert_eq!(operations_offered_in("cn-north-4").len(), SPEC_OPERATIONS.len());
        let fewer = regions_with_fewer_operations();
        assert!(fewer.contains("ae-ad-1") && fewer.contains("eu-west-0"), "{fewer:?}");
    }

    #[test]
    fn every_open_telekom_cloud_region_has_its_set_in_the_specs() {
        // Otherwise an OTC region would silently serve the main site's 33 operations.
        let regions = crate::Cloud::OpenTelekomCloud.regions().unwrap_or_default();
        assert!(!regions.is_empty());
        let fewer = regions_with_fewer_operations();
        for region in regions {
            assert!(fewer.contains(region), "specs/vpcep does not name {region}");
        }
    }
}
