//! Client configuration and its builder.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Duration;

use crate::credentials::{self, Credentials};
use crate::error::Error;
use crate::retry::RetryConfig;
use crate::signing::SigningAlgorithm;
use crate::time::{AsyncSleep, SystemClock, TimeSource, TokioSleep};

/// Client parameter key of the project id.
pub const PROJECT_ID_PARAM: &str = "project_id";
/// Client parameter key of the domain (account) id.
pub const DOMAIN_ID_PARAM: &str = "domain_id";
/// Default connect timeout, as in the official SDK.
const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(60);
/// Default read timeout, as in the official SDK.
const DEFAULT_READ_TIMEOUT: Duration = Duration::from_secs(120);
/// Default `User-Agent`.
const DEFAULT_USER_AGENT: &str = concat!("specbind/", env!("CARGO_PKG_VERSION"));

/// Everything a [`Client`](crate::Client) needs: where, who, and how patiently.
///
/// `Debug` never shows secrets: credentials are redacted and a proxy's password is hidden.
#[derive(Clone)]
pub struct Config {
    pub(crate) region: Option<String>,
    pub(crate) endpoint: Option<String>,
    pub(crate) client_params: BTreeMap<String, String>,
    pub(crate) credentials: Option<Credentials>,
    pub(crate) signing: SigningAlgorithm,
    pub(crate) connect_timeout: Duration,
    pub(crate) read_timeout: Duration,
    pub(crate) timeout: Option<Duration>,
    pub(crate) retry: RetryConfig,
    pub(crate) user_agent: String,
    pub(crate) proxy: Option<ProxyUrl>,
    pub(crate) accept_invalid_certs: bool,
    pub(crate) region_check: bool,
    pub(crate) sleep: Arc<dyn AsyncSleep>,
    pub(crate) time_source: Arc<dyn TimeSource>,
}

impl Config {
    /// A builder with defaults: standard retry, 60 s connect and 120 s read timeouts.
    pub fn builder() -> ConfigBuilder {
        ConfigBuilder::default()
    }

    /// A builder whose credentials, project id and domain id come from the chain (environment,
    /// then the credentials file), and whose region comes from `HUAWEICLOUD_SDK_REGION` when set.
    pub fn from_env() -> Result<ConfigBuilder, Error> {
        let resolved = credentials::resolve_chain(None)
            .map_err(|error| Error::construction(error.to_string()))?;
        let mut builder = Config::builder().credentials(resolved.credentials);
        if let Some(project_id) = resolved.project_id {
            builder = builder.project_id(project_id);
        }
        if let Some(domain_id) = resolved.domain_id {
            builder = builder.domain_id(domain_id);
        }
        if let Some(region) =
            std::env::var("HUAWEICLOUD_SDK_REGION").ok().filter(|region| !region.is_empty())
        {
            builder = builder.region(region);
        }
        Ok(builder)
    }

    /// The region id, when set.
    pub fn region(&self) -> Option<&str> {
        self.region.as_deref()
    }

    /// The explicit endpoint, when set.
    pub fn endpoint(&self) -> Option<&str> {
        self.endpoint.as_deref()
    }

    /// A client parameter (e.g. `project_id`).
    pub fn client_param(&self, key: &str) -> Option<&str> {
        self.client_params.get(key).map(String::as_str)
    }

    /// The project id.
    pub fn project_id(&self) -> Option<&str> {
        self.client_param(PROJECT_ID_PARAM)
    }

    /// The domain (account) id.
    pub fn domain_id(&self) -> Option<&str> {
        self.client_param(DOMAIN_ID_PARAM)
    }

    pub(crate) fn retry_bucket_capacity(&self) -> u32 {
        self.retry.bucket_capacity()
    }
}

impl std::fmt::Debug for Config {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Config")
            .field("region", &self.region)
            .field("endpoint", &self.endpoint)
            .field("client_params", &self.client_params)
            .field("credentials", &self.credentials)
            .field("signing", &self.signing)
            .field("connect_timeout", &self.connect_timeout)
            .field("read_timeout", &self.read_timeout)
            .field("timeout", &self.timeout)
            .field("retry", &self.retry)
            .field("user_agent", &self.user_agent)
            .field("proxy", &self.proxy)
            .field("accept_invalid_certs", &self.accept_invalid_certs)
            .field("region_check", &self.region_check)
            .finish_non_exhaustive()
    }
}

/// A proxy URL; may hold a password, which `Debug` replaces.
#[derive(Clone)]
pub(crate) struct ProxyUrl(pub(crate) String);

impl std::fmt::Debug for ProxyUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&redact_proxy(&self.0))
    }
}

/// The proxy URL with any password replaced.
fn redact_proxy(proxy: &str) -> String {
    match url::Url::parse(proxy) {
        Ok(mut url) if url.password().is_some() => {
            // Setting a password on a URL that already has one cannot fail.
            let _ = url.set_password(Some("redacted"));
            url.to_string()
        }
        Ok(url) => url.to_string(),
        Err(_) => "<unparsable proxy>".to_owned(),
    }
}

/// Builds a [`Config`].
#[derive(Debug, Clone, Default)]
pub struct ConfigBuilder {
    region: Option<String>,
    endpoint: Option<String>,
    client_params: BTreeMap<String, String>,
    credentials: Option<Credentials>,
    anonymous: bool,
    signing: SigningAlgorithm,
    connect_timeout: Option<Duration>,
    read_timeout: Option<Duration>,
    timeout: Option<Duration>,
    retry: Option<RetryConfig>,
    user_agent: Option<String>,
    proxy: Option<ProxyUrl>,
    accept_invalid_certs: bool,
    region_check: Option<bool>,
    sleep: Option<Arc<dyn AsyncSleep>>,
    time_source: Option<Arc<dyn TimeSource>>,
}

impl ConfigBuilder {
    /// Region id, e.g. `cn-north-4`; picks the endpoint and scopes derived signing. Global
    /// services need none.
    pub fn region(mut self, region: impl Into<String>) -> Self {
        self.region = Some(region.into());
        self
    }

    /// Sends every request to this base URL instead of the region's endpoint (e.g. a local
    /// simulator at `http://127.0.0.1:8080`).
    pub fn endpoint(mut self, endpoint: impl Into<String>) -> Self {
        self.endpoint = Some(endpoint.into());
        self
    }

    /// The project id; fills `{project_id}` path parameters and, for project-scoped services,
    /// the `X-Project-Id` header.
    pub fn project_id(self, project_id: impl Into<String>) -> Self {
        self.client_param(PROJECT_ID_PARAM, project_id)
    }

    /// The domain (account) id; fills `{domain_id}` path parameters and, for domain-scoped
    /// (global) services, the `X-Domain-Id` header.
    pub fn domain_id(self, domain_id: impl Into<String>) -> Self {
        self.client_param(DOMAIN_ID_PARAM, domain_id)
    }

    /// A value for parameters the spec marks as client parameters.
    pub fn client_param(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        self.client_params.insert(key.into(), value.into());
        self
    }

    /// Credentials to sign with. Without them, `build` resolves the chain.
    pub fn credentials(mut self, credentials: Credentials) -> Self {
        self.credentials = Some(credentials);
        self
    }

    /// Sends requests unsigned (for servers without authentication); skips the chain.
    pub fn anonymous(mut self) -> Self {
        self.anonymous = true;
        self
    }

    /// AK/SK signing algorithm (default `SDK-HMAC-SHA256`).
    pub fn signing(mut self, algorithm: SigningAlgorithm) -> Self {
        self.signing = algorithm;
        self
    }

    /// Limit for establishing a connection.
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = Some(timeout);
        self
    }

    /// Limit for each read from the connection while waiting for a response.
    pub fn read_timeout(mut self, timeout: Duration) -> Self {
        self.read_timeout = Some(timeout);
        self
    }

    /// Limit for a whole call, retries and backoff included.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// Retry policy (default [`RetryConfig::standard`]).
    pub fn retry(mut self, retry: RetryConfig) -> Self {
        self.retry = Some(retry);
        self
    }

    /// `User-Agent` header value.
    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent = Some(user_agent.into());
        self
    }

    /// Proxy URL for all requests, e.g. `http://user:pass@proxy:3128`: plain HTTP to the proxy
    /// (HTTPS targets are tunnelled with `CONNECT`). `Client::new` refuses other schemes.
    pub fn proxy(mut self, proxy: impl Into<String>) -> Self {
        self.proxy = Some(ProxyUrl(proxy.into()));
        self
    }

    /// Accepts any TLS certificate. Only for test servers with self-signed certificates.
    pub fn accept_invalid_certs(mut self, accept: bool) -> Self {
        self.accept_invalid_certs = accept;
        self
    }

    /// Whether to refuse, before sending, an operation the spec says the configured region does
    /// not offer (`x-specbind-unavailable-in`). On by default; turn it off when the regional
    /// documentation lags behind the service.
    pub fn region_check(mut self, check: bool) -> Self {
        self.region_check = Some(check);
        self
    }

    /// Sleep used for retry backoff and waiter delays (tests pass [`ManualTime`](crate::time::ManualTime)).
    pub fn sleep(mut self, sleep: Arc<dyn AsyncSleep>) -> Self {
        self.sleep = Some(sleep);
        self
    }

    /// Clock used for signing dates and waiter deadlines.
    pub fn time_source(mut self, time_source: Arc<dyn TimeSource>) -> Self {
        self.time_source = Some(time_source);
        self
    }

    /// Checks the settings and resolves credentials (unless given or anonymous). Whether a region
    /// or endpoint is needed depends on the service, so the client checks that.
    pub fn build(self) -> Result<Config, Error> {
        if let Some(region) = &self.region
            && !crate::endpoint::is_valid_region(region)
        {
            return Err(Error::construction(format!("invalid region id `{region}`")));
        }
        let mut client_params = self.client_params;
        let credentials = match (self.credentials, self.anonymous) {
            (_, true) => None,
            (Some(credentials), false) => Some(credentials),
            (None, false) => {
                let resolved = credentials::resolve_chain(None)
                    .map_err(|error| Error::construction(error.to_string()))?;
                let found = [
                    (PROJECT_ID_PARAM, resolved.project_id),
                    (DOMAIN_ID_PARAM, resolved.domain_id),
                ];
                for (key, value) in found {
                    if let Some(value) = value {
                        client_params.entry(key.to_owned()).or_insert(value);
                    }
                }
                Some(resolved.credentials)
            }
        };
        Ok(Config {
            region: self.region,
            endpoint: self.endpoint,
            client_params,
            credentials,
            signing: self.signing,
            connect_timeout: self.connect_timeout.unwrap_or(DEFAULT_CONNECT_TIMEOUT),
            read_timeout: self.read_timeout.unwrap_or(DEFAULT_READ_TIMEOUT),
            timeout: self.timeout,
            retry: self.retry.unwrap_or_default(),
            user_agent: self.user_agent.unwrap_or_else(|| DEFAULT_USER_AGENT.to_owned()),
            proxy: self.proxy,
            accept_invalid_certs: self.accept_invalid_certs,
            region_check: self.region_check.unwrap_or(true),
            sleep: self.sleep.unwrap_or_else(|| Arc::new(TokioSleep)),
            time_source: self.time_source.unwrap_or_else(|| Arc::new(SystemClock)),
        })
    }
}
