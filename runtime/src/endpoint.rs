//! Where requests go: region → endpoint, with the official SDK's overrides.

use crate::error::Error;

/// Prefix of the per-service, per-region endpoint override variable.
pub const REGION_ENV_PREFIX: &str = "HUAWEICLOUD_SDK_REGION";

/// Regions served under a domain other than `myhuaweicloud.com` (from the official SDK's region
/// tables).
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

/// The endpoint URL for `service` in `region`: the environment override when set (its first
/// comma-separated entry), else `https://{service}.{region}.{domain}`.
pub fn resolve_region_endpoint(
    service: &str,
    region: &str,
    env: impl Fn(&str) -> Option<String>,
) -> String {
    let from_env = env(&region_env_var(service, region)).and_then(|value| {
        value.split(',').map(str::trim).find(|entry| !entry.is_empty()).map(str::to_owned)
    });
    if let Some(endpoint) = from_env {
        return endpoint;
    }
    let domain = REGION_DOMAINS
        .iter()
        .find(|(id, _)| *id == region)
        .map_or(DEFAULT_DOMAIN, |(_, domain)| domain);
    format!("https://{service}.{region}.{domain}")
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

    #[test]
    fn default_and_special_domains() {
        let none = |_: &str| None;
        assert_eq!(
            resolve_region_endpoint("vpcep", "cn-north-4", none),
            "https://vpcep.cn-north-4.myhuaweicloud.com"
        );
        assert_eq!(
            resolve_region_endpoint("vpcep", "eu-west-101", none),
            "https://vpcep.eu-west-101.myhuaweicloud.eu"
        );
    }

    #[test]
    fn environment_override_uses_sdk_normalisation() {
        assert_eq!(
            region_env_var("vpcep", "cn-north-4"),
            "HUAWEICLOUD_SDK_REGION_VPCEP_CN_NORTH_4"
        );
        let env = |name: &str| {
            (name == "HUAWEICLOUD_SDK_REGION_VPCEP_AP_SOUTHEAST_1")
                .then(|| " https://a.example, https://b".to_owned())
        };
        assert_eq!(resolve_region_endpoint("vpcep", "ap-southeast-1", env), "https://a.example");
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
