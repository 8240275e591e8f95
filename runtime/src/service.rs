//! What a service's bindings know about it at compile time: its name, host and credential scope.

use std::sync::{Mutex, PoisonError};

/// Placeholder of the region id in a host template.
pub const REGION_PLACEHOLDER: &str = "{region}";

/// Which identity a service's requests carry besides the signature, as the official SDKs'
/// `BasicCredentials` (project) and `GlobalCredentials` (domain) do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum CredentialScope {
    /// Regional, project-scoped services (ECS, VPC, VPCEP, …): AK/SK requests carry
    /// `X-Project-Id` when a project id is configured.
    Project,
    /// Global, account-scoped services (IAM, EPS, …): AK/SK requests carry `X-Domain-Id` when a
    /// domain id is configured, never `X-Project-Id`, and derived (`V11`) signatures use the
    /// region `globe`.
    Domain,
}

/// What generated code knows about a service at compile time.
///
/// Bindings declare one as a constant and pass a reference to
/// [`Client::for_service`](crate::Client::for_service):
///
/// ```
/// use specbind::{CredentialScope, ServiceInfo};
///
/// const ECS: ServiceInfo =
///     ServiceInfo::new("ecs", "ecs.{region}.myhuaweicloud.com", CredentialScope::Project);
/// const EPS: ServiceInfo =
///     ServiceInfo::new("eps", "eps.myhuaweicloud.com", CredentialScope::Domain)
///         .with_region_hosts(&[("eu-west-101", "eps.eu-west-101.myhuaweicloud.eu")]);
/// assert!(EPS.is_global() && !ECS.is_global());
/// ```
///
/// The struct is `#[non_exhaustive]` so fields can be added without breaking generated code:
/// build it with [`ServiceInfo::new`] and the `with_*` methods, all usable in constants.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct ServiceInfo {
    /// Lower-case service name, e.g. `ecs`. Names the endpoint override variable
    /// (`HUAWEICLOUD_SDK_REGION_ECS_<REGION>`), appears in logs, and is the service of derived
    /// (`V11-HMAC-SHA256`) signatures.
    pub name: &'static str,
    /// Host template from the spec: `ecs.{region}.myhuaweicloud.com` for a regional service, or
    /// a host without `{region}` (`eps.myhuaweicloud.com`) for a global one. May end in `:port`.
    pub host: &'static str,
    /// Which identity requests carry.
    pub scope: CredentialScope,
    /// Hosts that replace the template in particular regions, as `(region id, host)`: the
    /// official region tables list such exceptions per service (a global service's sovereign
    /// endpoint, a region on another domain). Empty unless the spec says otherwise.
    pub region_hosts: &'static [(&'static str, &'static str)],
}

impl ServiceInfo {
    /// A service called `name` at `host` (a template with `{region}`, or a global host).
    pub const fn new(name: &'static str, host: &'static str, scope: CredentialScope) -> Self {
        Self { name, host, scope, region_hosts: &[] }
    }

    /// The same service with per-region host exceptions (see [`ServiceInfo::region_hosts`]).
    pub const fn with_region_hosts(
        mut self,
        region_hosts: &'static [(&'static str, &'static str)],
    ) -> Self {
        self.region_hosts = region_hosts;
        self
    }

    /// True when the host template has no `{region}`, so the service needs no region.
    pub fn is_global(&self) -> bool {
        !self.host.contains(REGION_PLACEHOLDER)
    }

    /// The exception listed for `region`, if any.
    pub(crate) fn region_host(&self, region: &str) -> Option<&'static str> {
        self.region_hosts.iter().find(|(id, _)| *id == region).map(|(_, host)| *host)
    }
}

/// The description [`Client::new`](crate::Client::new) uses for `service`: regional,
/// project-scoped, at `{service}.{region}.myhuaweicloud.com`.
///
/// Made once per service name and kept for the life of the process, so that every client can
/// hand out a `&'static ServiceInfo`; the names are `&'static` already, so this grows with the
/// number of distinct services a program uses, not with the number of clients.
pub(crate) fn shorthand(service: &'static str) -> &'static ServiceInfo {
    static MADE: Mutex<Vec<&'static ServiceInfo>> = Mutex::new(Vec::new());
    let mut made = MADE.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some(info) = made.iter().find(|info| info.name == service) {
        return info;
    }
    let host = format!("{service}.{REGION_PLACEHOLDER}.myhuaweicloud.com");
    let host: &'static str = Box::leak(host.into_boxed_str());
    let info: &'static ServiceInfo =
        Box::leak(Box::new(ServiceInfo::new(service, host, CredentialScope::Project)));
    made.push(info);
    info
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shorthand_is_made_once_per_name() {
        let first = shorthand("shorthand-test");
        assert!(std::ptr::eq(first, shorthand("shorthand-test")));
        assert_eq!(first.host, "shorthand-test.{region}.myhuaweicloud.com");
        assert_eq!(first.scope, CredentialScope::Project);
        assert!(!std::ptr::eq(first, shorthand("shorthand-other")));
    }

    #[test]
    fn region_hosts_are_found_by_exact_region() {
        const INFO: ServiceInfo = ServiceInfo::new("x", "x.example", CredentialScope::Domain)
            .with_region_hosts(&[("eu-west-101", "x.eu")]);
        assert_eq!(INFO.region_host("eu-west-101"), Some("x.eu"));
        assert_eq!(INFO.region_host("eu-west-10"), None);
        assert!(INFO.is_global());
    }
}
