//! The runtime client that generated service clients wrap.

use std::sync::Arc;

use crate::config::Config;
use crate::endpoint::{Endpoint, resolve_endpoint};
use crate::error::Error;
use crate::options::CallOptions;
use crate::retry::TokenBucket;
use crate::service::{self, ServiceInfo};

/// Executes calls for one service: resolves the endpoint, signs, sends, retries and decodes.
///
/// Cloning is cheap; clones share the connection pool and the retry token bucket.
#[derive(Clone)]
pub struct Client {
    pub(crate) shared: Arc<Shared>,
    pub(crate) options: CallOptions,
}

/// What every clone of a client shares.
pub(crate) struct Shared {
    pub(crate) service: &'static ServiceInfo,
    pub(crate) config: Config,
    pub(crate) endpoint: Endpoint,
    pub(crate) http: crate::transport::Transport,
    pub(crate) bucket: TokenBucket,
}

impl Client {
    /// A client for the regional, project-scoped service `service` (e.g. `vpcep`) at
    /// `{service}.{region}.myhuaweicloud.com`: shorthand for [`Client::for_service`].
    pub fn new(service: &'static str, config: Config) -> Result<Client, Error> {
        Client::for_service(service::shorthand(service), config)
    }

    /// A client for `service`, as its bindings describe it.
    ///
    /// The endpoint is, in order: the configured endpoint; when a region is set, the
    /// `HUAWEICLOUD_SDK_REGION_<NAME>_<REGION>` environment variable, or the service's host in
    /// that region (its template with `{region}` filled in; `eu-west-101` under
    /// `myhuaweicloud.eu`; a [`ServiceInfo::region_hosts`] exception first); else the host of a
    /// global service. A regional service with neither region nor endpoint is an error naming
    /// it, as is a proxy or TLS setting that cannot be used.
    pub fn for_service(service: &'static ServiceInfo, config: Config) -> Result<Client, Error> {
        let url = resolve_endpoint(
            service,
            config.endpoint.as_deref(),
            config.region.as_deref(),
            |name| std::env::var(name).ok(),
        )?;
        let endpoint = Endpoint::parse(&url)?;
        let http = crate::transport::Transport::new(&config)?;
        let bucket = TokenBucket::new(config.retry_bucket_capacity());
        let shared = Shared { service, config, endpoint, http, bucket };
        Ok(Client { shared: Arc::new(shared), options: CallOptions::default() })
    }

    /// A clone whose calls use `options` on top of the current ones.
    pub fn with_options(&self, options: CallOptions) -> Client {
        Client { shared: Arc::clone(&self.shared), options: self.options.overlay(options) }
    }

    /// The service name this client was built for.
    pub fn service(&self) -> &'static str {
        self.shared.service.name
    }

    /// The description of the service this client was built for.
    pub fn service_info(&self) -> &'static ServiceInfo {
        self.shared.service
    }

    /// The configuration.
    pub fn config(&self) -> &Config {
        &self.shared.config
    }

    /// The base URL requests go to.
    pub fn endpoint(&self) -> String {
        self.shared.endpoint.url()
    }

    /// Retry tokens left in the shared bucket (for monitoring and tests).
    pub fn retry_tokens_available(&self) -> u32 {
        self.shared.bucket.available()
    }
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client")
            .field("service", &self.shared.service.name)
            .field("endpoint", &self.shared.endpoint.url())
            .field("options", &self.options)
            .field("config", &self.shared.config)
            .finish()
    }
}
