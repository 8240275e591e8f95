//! Fault injection for client tests: added latency, server errors, throttling and truncated
//! bodies and dropped connections, set for the whole simulator or per request with the
//! `X-Sim-Fault` header, e.g. `X-Sim-Fault: latency=200ms, status=503`, `throttle`, `truncate`,
//! `drop=before` (the connection closes with no answer) or `drop=after` (it closes right after
//! the answer).
//!
//! The rates are drawn from the simulator's own generator, seeded by [`Faults::seed`] when set,
//! so a test that sends the same requests in the same order sees the same faults. Every fault
//! injected is counted ([`FaultCounts`]), so a test can check that one happened at all.

use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http::StatusCode;

use crate::error::ApiError;
use crate::server::Shared;

/// Faults applied to every request. All off by default.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Faults {
    /// Delay before answering.
    pub latency: Duration,
    /// Share of requests (0.0–1.0) answered with a 503 `EndPoint.0001`.
    pub server_error_rate: f64,
    /// Share of requests answered with VPCEP's throttling error.
    pub throttle_rate: f64,
    /// Share of responses whose body is cut short (the connection ends mid-body).
    pub truncate_rate: f64,
    /// Share of requests whose connection is closed without any answer.
    pub drop_before_rate: f64,
    /// Share of requests whose connection is closed right after the answer.
    pub drop_after_rate: f64,
    /// Seed of the generator the rates are drawn from; `None` seeds it at random.
    pub seed: Option<u64>,
}

/// How many faults the simulator has injected since it started, by kind; asked for by header or
/// drawn from a rate alike. Latency is not counted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FaultCounts {
    /// Answers with an injected error status (`status=…` or [`Faults::server_error_rate`]).
    pub statuses: u64,
    /// Answers with VPCEP's throttling error.
    pub throttled: u64,
    /// Responses cut short.
    pub truncated: u64,
    /// Connections closed, before or right after the answer.
    pub dropped: u64,
}

/// The simulator's faults in force: the configuration, its generator and the counts.
pub(crate) struct FaultState {
    config: Faults,
    rng: Mutex<fastrand::Rng>,
    counts: Mutex<FaultCounts>,
}

impl FaultState {
    pub(crate) fn new(config: Faults) -> Self {
        let rng = config.seed.map_or_else(fastrand::Rng::new, fastrand::Rng::with_seed);
        Self { config, rng: Mutex::new(rng), counts: Mutex::default() }
    }

    pub(crate) fn counts(&self) -> FaultCounts {
        *lock(&self.counts)
    }

    /// Whether a fault of this `rate` strikes now. A rate of zero draws nothing, so turning one
    /// fault on does not change when the others strike.
    fn chance(&self, rate: f64) -> bool {
        rate > 0.0 && lock(&self.rng).f64() < rate
    }

    fn count(&self, kind: fn(&mut FaultCounts) -> &mut u64) {
        *kind(&mut lock(&self.counts)) += 1;
    }
}

/// A poisoned lock only means a request panicked holding it; a generator or counter is still
/// usable.
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

#[derive(Debug, Default)]
struct RequestFaults {
    latency: Option<Duration>,
    status: Option<u16>,
    throttle: bool,
    truncate: bool,
    drop_before: bool,
    drop_after: bool,
}

fn parse_header(value: &str) -> Result<RequestFaults, String> {
    let mut faults = RequestFaults::default();
    for item in value.split(',').map(str::trim).filter(|s| !s.is_empty()) {
        let (key, arg) = item.split_once('=').map_or((item, ""), |(k, v)| (k.trim(), v.trim()));
        match key {
            "latency" => {
                let millis = arg
                    .trim_end_matches("ms")
                    .parse::<u64>()
                    .map_err(|_| format!("bad latency `{arg}`"))?;
                faults.latency = Some(Duration::from_millis(millis.min(60_000)));
            }
            "status" => {
                let status = arg.parse::<u16>().ok().filter(|s| (400..600).contains(s));
                faults.status = Some(status.ok_or(format!("bad status `{arg}` (400–599)"))?);
            }
            "throttle" => faults.throttle = true,
            "truncate" => faults.truncate = true,
            "drop" if arg == "before" => faults.drop_before = true,
            "drop" if arg == "after" => faults.drop_after = true,
            "drop" => return Err(format!("bad drop `{arg}` (before or after)")),
            other => return Err(format!("unknown fault `{other}`")),
        }
    }
    Ok(faults)
}

/// Middleware applying the simulator-wide and per-request faults.
pub async fn inject(State(shared): State<Arc<Shared>>, request: Request, next: Next) -> Response {
    let asked = match request.headers().get("x-sim-fault").map(|v| v.to_str().map(parse_header)) {
        None => RequestFaults::default(),
        Some(Ok(Ok(faults))) => faults,
        Some(Ok(Err(message))) => {
            return ApiError::invalid(format!("X-Sim-Fault: {message}")).into_response();
        }
        Some(Err(_)) => return ApiError::invalid("X-Sim-Fault is not valid text").into_response(),
    };
    let faults = &shared.faults;
    let global = &faults.config;
    let latency = asked.latency.unwrap_or(global.latency);
    if !latency.is_zero() {
        tokio::time::sleep(latency).await;
    }
    if asked.throttle || faults.chance(global.throttle_rate) {
        faults.count(|c| &mut c.throttled);
        return ApiError::throttled().into_response();
    }
    let status = match asked.status {
        Some(status) => {
            Some(StatusCode::from_u16(status).unwrap_or(StatusCode::SERVICE_UNAVAILABLE))
        }
        None => faults.chance(global.server_error_rate).then_some(StatusCode::SERVICE_UNAVAILABLE),
    };
    if let Some(status) = status {
        faults.count(|c| &mut c.statuses);
        let mut error = ApiError::system("injected fault");
        error.status = status;
        return error.into_response();
    }
    if asked.drop_before || faults.chance(global.drop_before_rate) {
        faults.count(|c| &mut c.dropped);
        return drop_connection();
    }
    let mut response = next.run(request).await;
    if asked.truncate || faults.chance(global.truncate_rate) {
        faults.count(|c| &mut c.truncated);
        return truncate(response).await;
    }
    if asked.drop_after || faults.chance(global.drop_after_rate) {
        faults.count(|c| &mut c.dropped);
        // hyper closes the connection once this answer is written.
        let close = http::HeaderValue::from_static("close");
        response.headers_mut().insert(http::header::CONNECTION, close);
    }
    response
}

/// A response whose body fails before its first byte: hyper aborts the connection without
/// having sent the head, so the client sees the connection close with no answer.
fn drop_connection() -> Response {
    let cut = std::io::Error::new(std::io::ErrorKind::ConnectionAborted, "injected drop");
    let stream = futures::stream::iter([Err::<bytes::Bytes, _>(cut)]);
    Response::new(Body::from_stream(stream))
}

/// Sends the head (still announcing the full length) and half the body, then fails the stream
/// so the connection ends mid-body. The pause lets hyper flush the head and the first half
/// before the failure aborts the connection.
async fn truncate(response: Response) -> Response {
    use futures::StreamExt;
    let (parts, body) = response.into_parts();
    let bytes = axum::body::to_bytes(body, usize::MAX).await.unwrap_or_default();
    let half = bytes.slice(..bytes.len() / 2);
    let first = futures::stream::once(async move { Ok::<_, std::io::Error>(half) });
    let cut = futures::stream::once(async {
        tokio::time::sleep(Duration::from_millis(50)).await;
        Err(std::io::Error::new(std::io::ErrorKind::ConnectionAborted, "injected truncation"))
    });
    Response::from_parts(parts, Body::from_stream(first.chain(cut)))
}
