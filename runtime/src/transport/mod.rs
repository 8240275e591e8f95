//! The HTTP layer: a pooled hyper client over rustls, and sending one signed attempt.
//!
//! hyper is used directly rather than through a higher-level client: requests arrive here
//! already built and signed, so URL parsing, redirect and retry layers would only add cost to
//! every call (they were most of the client-side overhead in `vpcep/benches/per_call.rs`).

mod connector;
mod tls;

use std::time::Duration;

use bytes::{Bytes, BytesMut};
use http::header::{HeaderName, HeaderValue, PROXY_AUTHORIZATION};
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper_util::client::legacy::Client as PooledClient;
use hyper_util::rt::{TokioExecutor, TokioTimer};

use crate::config::Config;
use crate::error::{Error, TimeoutScope};
use crate::http_request::HttpRequest;
use connector::{Connector, ProxySettings};

/// How long an idle pooled connection is kept.
const POOL_IDLE_TIMEOUT: Duration = Duration::from_secs(90);

/// A response as received, before decoding.
#[derive(Debug)]
pub(crate) struct RawResponse {
    pub(crate) status: u16,
    pub(crate) headers: http::HeaderMap,
    pub(crate) body: Bytes,
}

/// The pooled HTTP client of one [`crate::Client`] and its clones.
pub(crate) struct Transport {
    pool: PooledClient<Connector, Full<Bytes>>,
    /// Added to `http` requests that go through a proxy with credentials.
    proxy_authorization: Option<HeaderValue>,
    /// Longest wait for any one read: the response head, or the next piece of the body.
    read_timeout: Duration,
}

impl Transport {
    /// Builds the pooled client for `config`.
    pub(crate) fn new(config: &Config) -> Result<Self, Error> {
        let tls = tls::client_config(config.accept_invalid_certs)?;
        let proxy = config.proxy.as_ref().map(|url| ProxySettings::parse(&url.0)).transpose()?;
        let connector = Connector::new(tls, config.connect_timeout, proxy.as_ref());
        let pool = PooledClient::builder(TokioExecutor::new())
            .pool_idle_timeout(POOL_IDLE_TIMEOUT)
            .pool_timer(TokioTimer::new())
            .build(connector);
        let proxy_authorization = proxy.and_then(|settings| settings.authorization);
        Ok(Self { pool, proxy_authorization, read_timeout: config.read_timeout })
    }

    /// Sends one signed attempt and reads the whole response.
    ///
    /// `attempt_timeout` bounds the time from sending until the body is read.
    pub(crate) async fn send(
        &self,
        request: HttpRequest,
        wire_query: &str,
        attempt_timeout: Option<Duration>,
    ) -> Result<RawResponse, Error> {
        let request = self.to_hyper(request, wire_query)?;
        let exchange = self.exchange(request);
        match attempt_timeout {
            Some(limit) => tokio::time::timeout(limit, exchange)
                .await
                .map_err(|_| Error::timeout(TimeoutScope::Attempt, Some(limit), None))?,
            None => exchange.await,
        }
    }

    /// Takes the request by value so header values move into the header map without a copy.
    fn to_hyper(
        &self,
        request: HttpRequest,
        wire_query: &str,
    ) -> Result<http::Request<Full<Bytes>>, Error> {
        let mut uri = String::with_capacity(
            request.scheme.len()
                + request.host.len()
                + request.resource_path.len()
                + wire_query.len()
                + 4,
        );
        uri.push_str(&request.scheme);
        uri.push_str("://");
        uri.push_str(&request.host);
        uri.push_str(&request.resource_path);
        if !wire_query.is_empty() {
            uri.push('?');
            uri.push_str(wire_query);
        }
        let uri = http::Uri::try_from(uri)
            .map_err(|error| Error::construction(format!("invalid request URL: {error}")))?;
        let mut headers = http::HeaderMap::with_capacity(request.headers.len() + 1);
        for (name, value) in request.headers {
            // hyper derives Host from the URI; the signed value is the same authority.
            if name.eq_ignore_ascii_case("host") {
                continue;
            }
            let value = header_value(&name, value)?;
            headers.append(header_name(&name)?, value);
        }
        if request.scheme == "http"
            && let Some(authorization) = &self.proxy_authorization
        {
            headers.insert(PROXY_AUTHORIZATION, authorization.clone());
        }
        let mut built = http::Request::new(Full::new(request.body));
        *built.method_mut() = request.method;
        *built.uri_mut() = uri;
        *built.headers_mut() = headers;
        Ok(built)
    }

    async fn exchange(&self, request: http::Request<Full<Bytes>>) -> Result<RawResponse, Error> {
        let limit = self.read_timeout;
        let response = tokio::time::timeout(limit, self.pool.request(request))
            .await
            .map_err(|_| read_timeout(limit))?
            .map_err(classify_send_error)?;
        let (head, body) = response.into_parts();
        let body = read_body(body, limit).await?;
        Ok(RawResponse { status: head.status.as_u16(), headers: head.headers, body })
    }
}

/// Reads the body to its end; each read may take at most `limit`.
async fn read_body(mut body: Incoming, limit: Duration) -> Result<Bytes, Error> {
    // Most API responses arrive as one piece, which is then kept without copying.
    let mut first: Option<Bytes> = None;
    let mut joined = BytesMut::new();
    loop {
        let frame =
            tokio::time::timeout(limit, body.frame()).await.map_err(|_| read_timeout(limit))?;
        let Some(frame) = frame else { break };
        let frame = frame.map_err(|error| Error::dispatch(true, error))?;
        let Ok(data) = frame.into_data() else { continue };
        match first.take() {
            None if joined.is_empty() => first = Some(data),
            None => joined.extend_from_slice(&data),
            Some(earlier) => {
                joined.extend_from_slice(&earlier);
                joined.extend_from_slice(&data);
            }
        }
    }
    Ok(first.unwrap_or_else(|| joined.freeze()))
}

fn read_timeout(limit: Duration) -> Error {
    Error::timeout(TimeoutScope::Attempt, Some(limit), None)
}

fn header_name(name: &str) -> Result<HeaderName, Error> {
    HeaderName::from_bytes(name.as_bytes())
        .map_err(|_| Error::construction(format!("`{name}` is not a valid header name")))
}

/// The value's bytes are reused, not copied. It is left out of the message: it may be a
/// credential.
fn header_value(name: &str, value: String) -> Result<HeaderValue, Error> {
    let mut value = HeaderValue::from_maybe_shared(Bytes::from(value))
        .map_err(|_| Error::construction(format!("header `{name}` has an invalid value")))?;
    if crate::redact::is_secret_header(name) {
        value.set_sensitive(true);
    }
    Ok(value)
}

/// Connect failures happen before any byte of the request left; anything later may have
/// reached the server.
fn classify_send_error(error: hyper_util::client::legacy::Error) -> Error {
    let connect = error.is_connect();
    if connect && caused_by_timeout(&error) {
        return Error::timeout(TimeoutScope::Connect, None, Some(Box::new(error)));
    }
    Error::dispatch(!connect, error)
}

fn caused_by_timeout(error: &(dyn std::error::Error + 'static)) -> bool {
    let mut next = Some(error);
    while let Some(cause) = next {
        if let Some(io) = cause.downcast_ref::<std::io::Error>()
            && io.kind() == std::io::ErrorKind::TimedOut
        {
            return true;
        }
        next = cause.source();
    }
    false
}
