//! Fault injection for client tests: added latency, server errors, throttling and truncated
//! bodies and dropped connections, set for the whole simulator or per request with the
//! `X-Sim-Fault` header, e.g. `X-Sim-Fault: latency=200ms, status=503`, `throttle`, `truncate`,
//! `drop=before` (the connection closes with no answer) or `drop=after` (it closes right after
//! the answer).

use std::sync::Arc;
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
    let global = &shared.faults;
    let latency = asked.latency.unwrap_or(global.latency);
    if !latency.is_zero() {
        tokio::time::sleep(latency).await;
    }
    if asked.throttle || chance(global.throttle_rate) {
        return ApiError::throttled().into_response();
    }
    if let Some(status) = asked.status {
        let mut error = ApiError::system("injected fault");
        error.status = StatusCode::from_u16(status).unwrap_or(StatusCode::SERVICE_UNAVAILABLE);
        return error.into_response();
    }
    if chance(global.server_error_rate) {
        let mut error = ApiError::system("injected fault");
        error.status = StatusCode::SERVICE_UNAVAILABLE;
        return error.into_response();
    }
    if asked.drop_before || chance(global.drop_before_rate) {
        return drop_connection();
    }
    let mut response = next.run(request).await;
    if asked.truncate || chance(global.truncate_rate) {
        return truncate(response).await;
    }
    if asked.drop_after || chance(global.drop_after_rate) {
        // hyper closes the connection once this answer is written.
        response.headers_mut().insert(http::header::CONNECTION, "close".parse().expect("valid"));
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

fn chance(rate: f64) -> bool {
    rate > 0.0 && fastrand::f64() < rate
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
