//! Building and running the simulator: shared state, middleware and the listener.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::extract::{Request, State};
use axum::http::HeaderValue;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::api;
use crate::auth;
use crate::cloud::Cloud;
use crate::error::ApiError;
use crate::faults::{self, FaultCounts, FaultState, Faults};
use crate::regions;
use crate::store::Store;
use crate::tenant::{Tenant, resource_id};
use crate::tls;

/// Default quotas, as the real service starts a project with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quotas {
    /// Endpoint services per project.
    pub endpoint_services: u64,
    /// Endpoints per project.
    pub endpoints: u64,
}

impl Default for Quotas {
    fn default() -> Self {
        Self { endpoint_services: 20, endpoints: 50 }
    }
}

/// State shared by every request.
pub struct Shared {
    pub(crate) tenants: Vec<Tenant>,
    pub(crate) store: Mutex<Store>,
    pub(crate) state_file: Option<PathBuf>,
    pub(crate) region: String,
    pub(crate) lifecycle_delay: Duration,
    pub(crate) quotas: Quotas,
    pub(crate) faults: FaultState,
}

impl Shared {
    /// Locks the store after applying due lifecycle transitions.
    pub(crate) fn store(&self) -> std::sync::MutexGuard<'_, Store> {
        // A poisoned lock only means another request panicked mid-update; the data is still
        // the last consistent state, so keep serving it.
        let mut store = self.store.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        store.advance(crate::clock::now_ms());
        store
    }

    pub(crate) fn tenant_by_access_key(&self, access_key: &str) -> Option<&Tenant> {
        self.tenants.iter().find(|t| t.access_key == access_key)
    }
}

/// Configures a simulator.
#[derive(Debug, Clone)]
pub struct SimulatorBuilder {
    tenants: Vec<Tenant>,
    listen: SocketAddr,
    state_file: Option<PathBuf>,
    cloud: Cloud,
    region: Option<String>,
    lifecycle_delay: Duration,
    quotas: Quotas,
    faults: Faults,
    tls: bool,
}

/// Entry point: `Simulator::builder()…start().await`.
pub struct Simulator;

impl Simulator {
    /// A builder with two generated tenants (`provider` and `consumer`), an ephemeral loopback
    /// port, no persistence, instant lifecycle transitions and no faults.
    pub fn builder() -> SimulatorBuilder {
        SimulatorBuilder {
            tenants: Vec::new(),
            listen: SocketAddr::from(([127, 0, 0, 1], 0)),
            state_file: None,
            cloud: Cloud::default(),
            region: None,
            lifecycle_delay: Duration::ZERO,
            quotas: Quotas::default(),
            faults: Faults::default(),
            tls: false,
        }
    }
}

impl SimulatorBuilder {
    /// Adds a tenant (replacing the generated defaults).
    pub fn tenant(mut self, tenant: Tenant) -> Self {
        self.tenants.push(tenant);
        self
    }

    /// Address to listen on (default `127.0.0.1:0`).
    pub fn listen(mut self, address: SocketAddr) -> Self {
        self.listen = address;
        self
    }

    /// Keeps state in `path` across restarts.
    pub fn state_file(mut self, path: impl Into<PathBuf>) -> Self {
        self.state_file = Some(path.into());
        self
    }

    /// Region played (default: the cloud's, `cn-north-4` on Huawei Cloud). It decides which
    /// operations are served (the others answer 404 `APIGW.0101`, as that region's gateway
    /// does) and which request fields are accepted; it also names services and scopes derived
    /// signatures. [`start`](Self::start) refuses a region the cloud does not have.
    pub fn region(mut self, region: impl Into<String>) -> Self {
        self.region = Some(region.into());
        self
    }

    /// Cloud played (default Huawei Cloud); see [`Cloud`].
    pub fn cloud(mut self, cloud: Cloud) -> Self {
        self.cloud = cloud;
        self
    }

    /// How long resources stay `creating` / `deleting` (default zero).
    pub fn lifecycle_delay(mut self, delay: Duration) -> Self {
        self.lifecycle_delay = delay;
        self
    }

    /// Per-project quotas.
    pub fn quotas(mut self, quotas: Quotas) -> Self {
        self.quotas = quotas;
        self
    }

    /// Faults injected into every request (tests can also ask per request, see [`Faults`]).
    pub fn faults(mut self, faults: Faults) -> Self {
        self.faults = faults;
        self
    }

    /// Serves HTTPS with a self-signed certificate generated at start-up (see
    /// [`RunningSimulator::certificate_pem`]) instead of plain HTTP.
    pub fn tls(mut self, enabled: bool) -> Self {
        self.tls = enabled;
        self
    }

    /// Binds the listener and starts serving in the background. Fails (`InvalidInput`) when the
    /// cloud has no such region.
    pub async fn start(self) -> std::io::Result<RunningSimulator> {
        let region = self.region.unwrap_or_else(|| self.cloud.default_region().to_owned());
        self.cloud
            .check_region(&region)
            .map_err(|message| std::io::Error::new(std::io::ErrorKind::InvalidInput, message))?;
        let tenants = if self.tenants.is_empty() {
            vec![Tenant::generate("provider"), Tenant::generate("consumer")]
        } else {
            self.tenants
        };
        let mut store = match &self.state_file {
            Some(path) => Store::load(path).map_err(std::io::Error::other)?,
            None => Store::default(),
        };
        api::seed_public_services(&mut store, &region);
        let shared = Arc::new(Shared {
            tenants: tenants.clone(),
            store: Mutex::new(store),
            state_file: self.state_file,
            region: region.clone(),
            lifecycle_delay: self.lifecycle_delay,
            quotas: self.quotas,
            faults: FaultState::new(self.faults),
        });
        let app = api::router()
            .layer(axum::middleware::from_fn_with_state(shared.clone(), persist))
            .layer(axum::middleware::from_fn_with_state(shared.clone(), auth::authenticate))
            .layer(axum::middleware::from_fn_with_state(shared.clone(), regions::published_only))
            .layer(axum::middleware::from_fn_with_state(shared.clone(), faults::inject))
            .layer(axum::middleware::from_fn(request_id))
            .with_state(shared.clone());
        let listener = tokio::net::TcpListener::bind(self.listen).await?;
        let address = listener.local_addr()?;
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let stopped = async move {
            let _ = stopped.await;
        };
        let (task, certificate_pem) = if self.tls {
            let (acceptor, pem) = tls::self_signed().map_err(std::io::Error::other)?;
            let listener = tls::TlsListener::new(listener, acceptor);
            let task = tokio::spawn(async move {
                let _ = axum::serve(listener, app).with_graceful_shutdown(stopped).await;
            });
            (task, Some(pem))
        } else {
            let task = tokio::spawn(async move {
                let _ = axum::serve(listener, app).with_graceful_shutdown(stopped).await;
            });
            (task, None)
        };
        Ok(RunningSimulator {
            certificate_pem,
            address,
            tenants,
            cloud: self.cloud,
            region,
            shared,
            stop: Some(stop),
            task,
        })
    }
}

/// A running simulator; dropping it stops the server.
pub struct RunningSimulator {
    certificate_pem: Option<String>,
    address: SocketAddr,
    tenants: Vec<Tenant>,
    cloud: Cloud,
    region: String,
    shared: Arc<Shared>,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    task: tokio::task::JoinHandle<()>,
}

impl RunningSimulator {
    /// Base URL, e.g. `http://127.0.0.1:40123` (`https://` when serving TLS).
    pub fn url(&self) -> String {
        let scheme = if self.certificate_pem.is_some() { "https" } else { "http" };
        format!("{scheme}://{}", self.address)
    }

    /// The self-signed certificate (PEM) when serving TLS, for clients to trust.
    pub fn certificate_pem(&self) -> Option<&str> {
        self.certificate_pem.as_deref()
    }

    /// The socket address served.
    pub fn address(&self) -> SocketAddr {
        self.address
    }

    /// Region the simulator pretends to be.
    pub fn region(&self) -> &str {
        &self.region
    }

    /// Cloud the simulator pretends to be.
    pub fn cloud(&self) -> Cloud {
        self.cloud
    }

    /// The operations served, by `operationId` (the region's set from `specs/vpcep`).
    pub fn operations(&self) -> Vec<&'static str> {
        regions::operations_offered_in(&self.region)
    }

    /// All tenants.
    pub fn tenants(&self) -> &[Tenant] {
        &self.tenants
    }

    /// The tenant called `name`.
    pub fn tenant(&self, name: &str) -> Option<&Tenant> {
        self.tenants.iter().find(|t| t.name == name)
    }

    /// How many faults have been injected so far, by kind.
    pub fn fault_counts(&self) -> FaultCounts {
        self.shared.faults.counts()
    }

    /// Issues an IAM-style token for `tenant`, accepted in `X-Auth-Token`; with a state file it
    /// is saved there too and survives a restart.
    pub fn issue_token(&self, tenant: &Tenant) -> std::io::Result<String> {
        let token = format!("MIIsim{}", resource_id().replace('-', ""));
        let mut store = self.shared.store();
        store.tokens.insert(token.clone(), tenant.project_id.clone());
        if let Some(path) = &self.shared.state_file {
            store.save(path)?;
        }
        Ok(token)
    }

    /// A specbind configuration for `tenant` pointed at this simulator.
    pub fn config_for(&self, tenant: &Tenant) -> specbind::ConfigBuilder {
        specbind::Config::builder()
            .endpoint(self.url())
            .region(self.region.clone())
            .project_id(tenant.project_id.clone())
            .credentials(tenant.credentials())
            // The certificate is self-signed; a test client has no other way to trust it.
            .accept_invalid_certs(self.certificate_pem.is_some())
    }

    /// Stops the server and waits for in-flight requests to finish.
    pub async fn shutdown(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        let _ = (&mut self.task).await;
    }
}

impl Drop for RunningSimulator {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

/// Every answer carries `X-Request-Id`, like the real API gateway's.
async fn request_id(request: Request, next: Next) -> Response {
    let id = resource_id().replace('-', "");
    let mut response = next.run(request).await;
    if let Ok(value) = HeaderValue::from_str(&id) {
        response.headers_mut().insert("x-request-id", value);
    }
    response
}

/// Saves the store after every successful change when persistence is on.
async fn persist(State(shared): State<Arc<Shared>>, request: Request, next: Next) -> Response {
    let changes = request.method() != http::Method::GET;
    let response = next.run(request).await;
    if let (true, Some(path)) = (changes && response.status().is_success(), &shared.state_file) {
        let store = shared.store();
        if let Err(error) = store.save(path) {
            tracing::error!(%error, "could not save simulator state");
            return ApiError::system("the simulator could not save its state").into_response();
        }
    }
    response
}
