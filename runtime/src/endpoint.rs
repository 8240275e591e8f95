//! Where requests go: region → endpoint, with the official SDK's overrides.

use crate::error::Error;
use crate::service::{REGION_PLACEHOLDER, ServiceInfo};

/// Prefix of the per-service, per-region endpoint override variable.
pub const REGION_ENV_PREFIX: &str = "HUAWEICLOUD_SDK_REGION";

/// Regions whose endpoints are under a domain other than `myhuaweicloud.com`. From the official
/// SDKs' region tables: no other region id is, and even eu-west-101 is `.eu` for only some
/// services (VPCEP, IAM, RDS, … but not ECS or VPC), which list `.com` in
/// [`ServiceInfo::region_hosts`] instead.
const REGION_DOMAINS: &[(&str, &str)] = &[("eu-west-101", "myhuaweicloud.eu")];

/// The default domain of public regions.
const DEFAULT_DOMAIN: &str = "myhuaweicloud.com";

/// A parsed base URL: scheme, host (with port when not the default) and path prefix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Endpoint {
    /// `http` or `https`.
    pub scheme: String,
    /// Host and explicit port, e.g. `127.0.0.1:8080`.
    pub host: String,
    /// Path prefix without a trailing slash (usually empty).
    pub base_path: String,
}

impl Endpoint {
    /// Parses `https://host[:port][/prefix]`; other schemes and URLs with credentials, query or
    /// fragment are rejected.
    pub fn parse(url: &str) -> Result<Self, Error> {
        let parsed = url::Url::parse(url)
            .map_err(|error| Error::construction(format!("invalid endpoint `{url}`: {error}")))?;
        if !matches!(parsed.scheme(), "http" | "https") {
            return Err(Error::construction(format!("endpoint `{url}` must use http or https")));
        }
        if !parsed.username().is_empty() || parsed.password().is_some() {
            return Err(Error::construction("an endpoint must not contain credentials"));
        }
        if parsed.query().is_some() || parsed.fragment().is_some() {
            return Err(Error::construction(format!(
                "endpoint `{url}` must not have a query or fragment"
            )));
        }
        let Some(host) = parsed.host_str() else {
            return Err(Error::construction(format!("endpoint `{url}` has no host")));
        };
        let host = match parsed.port() {
            Some(port) => format!("{host}:{port}"),
            None => host.to_owned(),
        };
        let base_path = parsed.path().trim_end_matches('/').to_owned();
        Ok(Self { scheme: parsed.scheme().to_owned(), host, base_path })
    }

    /// `scheme://host/prefix`.
    pub fn url(&self) -> String {
        format!("{}://{}{}", self.scheme, self.host, self.base_path)
    }
}

/// The variable that overrides `service`'s endpoint in `region`, normalised like the official
/// SDK: `HUAWEICLOUD_SDK_REGION_<SERVICE>_<REGION>`, upper case, `-` in the region as `_`.
pub fn region_env_var(service: &str, region: &str) -> String {
    format!(
        "{REGION_ENV_PREFIX}_{}_{}",
        service.to_uppercase(),
        region.replace('-', "_").to_uppercase()
    )
}

/// The base URL of `service`, in the official SDKs' order: the configured `endpoint`; else, when
/// a region is set, the `HUAWEICLOUD_SDK_REGION_<NAME>_<REGION>` variable (its first
/// comma-separated entry) or the service's host for that region; else the global host.
///
/// A URL without a scheme gets `https://`, as the official client builders do. A regional
/// template with neither region nor endpoint is an error naming the service.
pub fn resolve_endpoint(
    service: &ServiceInfo,
    endpoint: Option<&str>,
    region: Option<&str>,
    env: impl Fn(&str) -> Option<String>,
) -> Result<String, Error> {
    if let Some(endpoint) = endpoint {
        return Ok(with_scheme(endpoint));
    }
    if let Some(region) = region {
        let from_env = env(&region_env_var(service.name, region)).and_then(|value| {
            value.split(',').map(str::trim).find(|entry| !entry.is_empty()).map(with_scheme)
        });
        if let Some(endpoint) = from_env {
            return Ok(endpoint);
        }
    }
    let host = region_host(service, region)?;
    if host.is_empty() || host.contains(['{', '}', '/']) {
        return Err(Error::construction(format!(
            "service `{}` has an unusable host template `{}` (only `{REGION_PLACEHOLDER}` may be \
             filled in)",
            service.name, service.host
        )));
    }
    Ok(format!("https://{host}"))
}

/// The host for `region`: the service's own exception, else the template with the region filled
/// in and, for a region served under another domain, that domain.
fn region_host(service: &ServiceInfo, region: Option<&str>) -> Result<String, Error> {
    if let Some(host) = region.and_then(|region| service.region_host(region)) {
        return Ok(host.to_owned());
    }
    if service.is_global() {
        return Ok(service.host.to_owned());
    }
    let Some(region) = region else {
        return Err(Error::construction(format!(
            "service `{}` is regional: set a region or an endpoint",
            service.name
        )));
    };
    let host = service.host.replace(REGION_PLACEHOLDER, region);
    let domain = REGION_DOMAINS.iter().find(|(id, _)| *id == region).map(|(_, domain)| domain);
    let suffix = format!(".{DEFAULT_DOMAIN}");
    Ok(match (domain, host.strip_suffix(&suffix)) {
        (Some(domain), Some(stem)) => format!("{stem}.{domain}"),
        _ => host,
    })
}

/// `https://` in front of a URL that has no scheme.
fn with_scheme(url: &str) -> String {
    if url.contains("://") { url.to_owned() } else { format!("https://{url}") }
}

/// Whether `region` looks like a region id (`cn-north-4`): lower-case letters, digits and `-`.
pub(crate) fn is_valid_region(region: &str) -> bool {
    !region.is_empty()
        && region
            .bytes()
            .all(|byte| byte.is_ascii_lowercase() || byte.is_ascii_digit() || byte == b'-')
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::service::CredentialScope;

    const VPCEP: ServiceInfo =
        ServiceInfo::new("vpcep", "vpcep.{region}.myhuaweicloud.com", CredentialScope::Project);
    const ECS: ServiceInfo =
        ServiceInfo::new("ecs", "ecs.{region}.myhuaweicloud.com", CredentialScope::Project)
            .with_region_hosts(&[("eu-west-101", "ecs.eu-west-101.myhuaweicloud.com")]);
    const EPS: ServiceInfo =
        ServiceInfo::new("eps", "eps.myhuaweicloud.com", CredentialScope::Domain)
            .with_region_hosts(&[("eu-west-101", "eps.eu-west-101.myhuaweicloud.eu")]);

    fn resolve(service: &ServiceInfo, region: Option<&str>) -> Result<String, Error> {
        resolve_endpoint(service, None, region, |_| None)
    }

    #[test]
    fn regional_templates_default_and_special_domains() {
        let cn = resolve(&VPCEP, Some("cn-north-4")).unwrap();
        assert_eq!(cn, "https://vpcep.cn-north-4.myhuaweicloud.com");
        let eu = resolve(&VPCEP, Some("eu-west-101")).unwrap();
        assert_eq!(eu, "https://vpcep.eu-west-101.myhuaweicloud.eu");
        let ecs = resolve(&ECS, Some("eu-west-101")).unwrap();
        assert_eq!(ecs, "https://ecs.eu-west-101.myhuaweicloud.com", "the service's exception");
        let other = ServiceInfo::new("m", "m.{region}.example.cn", CredentialScope::Project);
        let other = resolve(&other, Some("eu-west-101")).unwrap();
        assert_eq!(other, "https://m.eu-west-101.example.cn", "only the default domain moves");
    }

    #[test]
    fn global_hosts_need_no_region() {
        assert_eq!(resolve(&EPS, None).unwrap(), "https://eps.myhuaweicloud.com");
        assert_eq!(resolve(&EPS, Some("cn-north-4")).unwrap(), "https://eps.myhuaweicloud.com");
        let eu = resolve(&EPS, Some("eu-west-101")).unwrap();
        assert_eq!(eu, "https://eps.eu-west-101.myhuaweicloud.eu");
    }

    #[test]
    fn a_regional_template_without_region_names_the_service() {
        let error = resolve(&VPCEP, None).unwrap_err();
        assert!(error.is_construction());
        assert!(error.to_string().contains("`vpcep` is regional"), "{error}");
        let explicit = resolve_endpoint(&VPCEP, Some("127.0.0.1:9"), None, |_| None).unwrap();
        assert_eq!(explicit, "https://127.0.0.1:9");
    }

    #[test]
    fn unusable_templates_are_refused() {
        for host in ["", "x.{zone}.com", "x.{region}.com/v1"] {
            let info = ServiceInfo::new("bad", host, CredentialScope::Project);
            let error = resolve(&info, Some("cn-north-4")).unwrap_err();
            assert!(error.to_string().contains("`bad`"), "{host}: {error}");
        }
    }

    #[test]
    fn environment_override_uses_sdk_normalisation() {
        assert_eq!(
            region_env_var("vpcep", "cn-north-4"),
            "HUAWEICLOUD_SDK_REGION_VPCEP_CN_NORTH_4"
        );
        let env = |name: &str| {
            (name == "HUAWEICLOUD_SDK_REGION_EPS_AP_SOUTHEAST_1")
                .then(|| " , a.example:8443, https://b".to_owned())
        };
        let resolved = resolve_endpoint(&EPS, None, Some("ap-southeast-1"), env).unwrap();
        assert_eq!(resolved, "https://a.example:8443");
        let unset = resolve_endpoint(&EPS, None, Some("cn-north-4"), env).unwrap();
        assert_eq!(unset, "https://eps.myhuaweicloud.com");
    }

    #[test]
    fn endpoint_parsing() {
        let endpoint = Endpoint::parse("http://127.0.0.1:8080/prefix/").unwrap();
        assert_eq!(endpoint.host, "127.0.0.1:8080");
        assert_eq!(endpoint.base_path, "/prefix");
        assert_eq!(Endpoint::parse("https://vpcep.x.com").unwrap().host, "vpcep.x.com");
        assert!(Endpoint::parse("ftp://x").is_err());
        assert!(Endpoint::parse("https://u:p@x").is_err());
        assert!(Endpoint::parse("not a url").is_err());
    }
}
