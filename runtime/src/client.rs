//! The runtime client that generated service clients wrap.

use std::sync::Arc;

use crate::config::Config;
use crate::endpoint::{Endpoint, resolve_region_endpoint};
use crate::error::Error;
use crate::options::CallOptions;
use crate::retry::TokenBucket;

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
    pub(crate) service: &'static str,
    pub(crate) config: Config,
    pub(crate) endpoint: Endpoint,
    pub(crate) http: crate::transport::Transport,
    pub(crate) bucket: TokenBucket,
}

impl Client {
    /// A client for `service` (e.g. `vpcep`).
    ///
    /// The endpoint is, in order: the configured endpoint, the
    /// `HUAWEICLOUD_SDK_REGION_<SERVICE>_<REGION>` environment variable, or the region's
    /// public endpoint.
    pub fn new(service: &'static str, config: Config) -> Result<Client, Error> {
        let url = match (&config.endpoint, &config.region) {
            (Some(endpoint), _) => endpoint.clone(),
            (None, Some(region)) => {
                resolve_region_endpoint(service, region, |name| std::env::var(name).ok())
            }
            (None, None) => return Err(Error::construction("set a region or an endpoint")),
        };
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
            .field("service", &self.shared.service)
            .field("endpoint", &self.shared.endpoint.url())
            .field("options", &self.options)
            .field("config", &self.shared.config)
            .finish()
    }
}
