//! Huawei Cloud API Explorer exports: one operation per file, in a wrapper that carries either a
//! Swagger 2.0 document (`"version": "2.0"`, `definitions`) or an OpenAPI 3.0 one
//! (`"version": "3.0.x"`, `components`), plus `host`, `consumes` (a JSON array written as a
//! string) and other keys. This module recognises the formats and knows the conventions the
//! exports share; the documents themselves lower through `openapi3` and `swagger2`.

use serde_json::Value;

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
