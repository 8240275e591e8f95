//! Huawei Cloud API Explorer exports: one operation per file, in a wrapper that carries either a
//! Swagger 2.0 document (`"version": "2.0"`, `definitions`) or an OpenAPI 3.0 one
//! (`"version": "3.0.x"`, `components`), plus `host`, `consumes` (a JSON array written as a
//! string) and other keys. This module recognises the formats and knows the conventions the
//! exports share; the documents themselves lower through `openapi3` and `swagger2`.

use serde_json::Value;

use crate::diag::Diagnostics;
use crate::model::{Api, CredentialScope, SpecLoc};

/// What a spec file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// OpenAPI 3.0.x; `explorer` when wrapped as an API Explorer export.
    OpenApi3 {
        /// The file is an API Explorer export.
        explorer: bool,
    },
    /// Swagger 2.0; `explorer` when wrapped as an API Explorer export.
    Swagger2 {
        /// The file is an API Explorer export.
        explorer: bool,
    },
}

impl Format {
    /// Whether the file is an API Explorer export.
    pub fn is_explorer(self) -> bool {
        matches!(self, Format::OpenApi3 { explorer: true } | Format::Swagger2 { explorer: true })
    }
}

/// An API Explorer wrapper has `version`, `paths` and `host` instead of `openapi`/`swagger`.
fn is_wrapper(map: &serde_json::Map<String, Value>) -> bool {
    !map.contains_key("openapi")
        && !map.contains_key("swagger")
        && map.contains_key("version")
        && map.contains_key("paths")
}

/// The format of a parsed file, or the version key and value that are not supported.
pub fn detect(value: &Value) -> Result<Format, Option<(&'static str, String)>> {
    let Some(map) = value.as_object() else { return Err(None) };
    let (key, explorer) = if is_wrapper(map) {
        ("version", true)
    } else if map.contains_key("openapi") {
        ("openapi", false)
    } else if map.contains_key("swagger") {
        ("swagger", false)
    } else {
        return Err(None);
    };
    match map.get(key) {
        Some(Value::String(version)) if version == "3.0" || version.starts_with("3.0.") => {
            Ok(Format::OpenApi3 { explorer })
        }
        Some(Value::String(version)) if version == "2.0" => Ok(Format::Swagger2 { explorer }),
        Some(other) => Err(Some((key, other.to_string()))),
        None => Err(None),
    }
}

/// Headers the runtime sets itself (authentication, content type, project), so generated
/// request types never ask the caller for them.
pub fn is_runtime_header(name: &str) -> bool {
    const OWNED: [&str; 7] = [
        "x-auth-token",
        "content-type",
        "x-project-id",
        "x-sdk-date",
        "authorization",
        "x-security-token",
        "host",
    ];
    OWNED.iter().any(|owned| owned.eq_ignore_ascii_case(name))
}

/// The service's name, as the official SDKs spell it (it names the endpoint override variable
/// `HUAWEICLOUD_SDK_REGION_<NAME>_<REGION>`): the export's `product_short` in lower case, else
/// the first label of its `host`.
pub fn service_name(product_short: Option<&str>, host: Option<&str>) -> Option<String> {
    let product = product_short.map(str::trim).filter(|name| {
        !name.is_empty()
            && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    });
    match product {
        Some(name) => Some(name.to_ascii_lowercase()),
        None => host.and_then(service_from_host),
    }
}

/// The host template of an export: its `host` with the region it was exported from replaced by
/// `{region}` (`ecs.cn-north-4.myhuaweicloud.com` → `ecs.{region}.myhuaweicloud.com`). A host
/// without that region is global (`eps.myhuaweicloud.com`) or pinned, and stays as it is.
pub fn host_template(host: &str, region_id: Option<&str>) -> String {
    let host = host.trim();
    match region_id.map(str::trim).filter(|region| !region.is_empty()) {
        Some(region) if host.split('.').any(|label| label == region) => host
            .split('.')
            .map(|label| if label == region { "{region}" } else { label })
            .collect::<Vec<_>>()
            .join("."),
        _ => host.to_string(),
    }
}

/// Infers whose id scopes an API Explorer service's credentials, as the official SDKs decide it
/// per service: the account's (`GlobalCredentials`) when no path carries the caller's project
/// (a `{project_id}` that is not `projects/{project_id}`, which names a project as a resource)
/// and the service is global or its paths carry `{domain_id}`; the project's otherwise. Under
/// the account's scope `{project_id}` is an ordinary parameter of the request.
pub fn apply_credential_scope(api: &mut Api) {
    let global = api.host.as_deref().is_some_and(|host| !host.contains("{region}"));
    let mut caller_project = false;
    let mut domain = false;
    for op in api.operations.values() {
        let segments: Vec<&str> = op.path.split('/').collect();
        for (i, segment) in segments.iter().enumerate() {
            let after_projects = i > 0 && segments[i - 1] == "projects";
            caller_project |= *segment == "{project_id}" && !after_projects;
            domain |= *segment == "{domain_id}";
        }
    }
    if caller_project || !(global || domain) {
        return;
    }
    api.scope = CredentialScope::Domain;
    for param in api.operations.values_mut().flat_map(|op| op.params.iter_mut()) {
        if param.client_param.as_deref() == Some("project_id") {
            param.client_param = None;
        }
    }
}

/// Reports an export that makes the caller send an `Authorization` header of its own: such an
/// API signs requests in a scheme the runtime does not implement (OBS's `OBS <ak>:<signature>`,
/// for example), so a generated client could not sign a single call. Refusing it here, with the
/// reason, beats a client whose every call is rejected.
pub fn refuse_own_signature(loc: &SpecLoc, name: &str, param: &Value, diags: &mut Diagnostics) {
    if name.eq_ignore_ascii_case("authorization")
        && param.get("required") == Some(&Value::Bool(true))
    {
        diags.error(
            loc,
            "the operation requires an `Authorization` header of its own: it signs requests in a \
             scheme specbind does not implement (SDK-HMAC-SHA256 and V11 only), so no call could be \
             signed",
        );
    }
}

/// The service name in an export's `host`: `vpcep.cn-north-4.myhuaweicloud.com` → `vpcep`.
pub fn service_from_host(host: &str) -> Option<String> {
    let first = host.split('.').next()?.trim();
    let valid = !first.is_empty() && first.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
    (valid && host.contains('.')).then(|| first.to_ascii_lowercase())
}

/// Media types an export accepts: `consumes` is an array, or (in the wrapper) a JSON array
/// written as a string.
pub fn media_types(value: Option<&Value>) -> Vec<String> {
    match value {
        Some(Value::Array(items)) => {
            items.iter().filter_map(Value::as_str).map(str::to_string).collect()
        }
        Some(Value::String(text)) => match serde_json::from_str::<Vec<String>>(text) {
            Ok(items) => items,
            Err(_) => vec![text.clone()],
        },
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn detects_every_flavour() {
        assert_eq!(
            detect(&json!({"openapi": "3.0.3", "paths": {}})),
            Ok(Format::OpenApi3 { explorer: false })
        );
        assert_eq!(
            detect(&json!({"swagger": "2.0", "paths": {}})),
            Ok(Format::Swagger2 { explorer: false })
        );
        assert_eq!(
            detect(&json!({"version": "2.0", "paths": {}, "host": "x.y"})),
            Ok(Format::Swagger2 { explorer: true })
        );
        assert_eq!(
            detect(&json!({"version": "3.0.3", "paths": {}})),
            Ok(Format::OpenApi3 { explorer: true })
        );
        assert_eq!(detect(&json!({})), Err(None));
        assert_eq!(detect(&json!("text")), Err(None));
        assert_eq!(
            detect(&json!({"openapi": "3.1.0"})),
            Err(Some(("openapi", "\"3.1.0\"".into())))
        );
    }

    #[test]
    fn reads_explorer_conventions() {
        assert_eq!(
            service_from_host("vpcep.cn-north-4.myhuaweicloud.com").as_deref(),
            Some("vpcep")
        );
        assert_eq!(service_from_host("localhost"), None);
        assert_eq!(
            media_types(Some(&json!("[\"application/json;charset=UTF-8\"]"))),
            ["application/json;charset=UTF-8"]
        );
        assert!(is_runtime_header("X-Auth-Token") && !is_runtime_header("X-Request-Id"));
    }
}
