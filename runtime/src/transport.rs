//! The HTTP layer: a pooled reqwest client over rustls, and sending one signed attempt.

use std::time::Duration;

use bytes::Bytes;

use crate::config::Config;
use crate::error::{Error, TimeoutScope};
use crate::http_request::HttpRequest;

/// How long an idle pooled connection is kept.
const POOL_IDLE_TIMEOUT: Duration = Duration::from_secs(90);
/// TCP keep-alive probe interval.
const TCP_KEEPALIVE: Duration = Duration::from_secs(60);

/// A response as received, before decoding.
#[derive(Debug)]
pub(crate) struct RawResponse {
    pub(crate) status: u16,
    pub(crate) headers: http::HeaderMap,
    pub(crate) body: Bytes,
}

/// Builds the pooled HTTP client for `config`.
pub(crate) fn build_http_client(config: &Config) -> Result<reqwest::Client, Error> {
    install_crypto_provider();
    let mut builder = reqwest::Client::builder()
        .connect_timeout(config.connect_timeout)
        .read_timeout(config.read_timeout)
        .pool_idle_timeout(POOL_IDLE_TIMEOUT)
        .tcp_keepalive(TCP_KEEPALIVE)
        // A redirect would be sent without a fresh signature; surface it instead.
        .redirect(reqwest::redirect::Policy::none())
        .tls_danger_accept_invalid_certs(config.accept_invalid_certs);
    if let Some(proxy) = &config.proxy {
        let proxy = reqwest::Proxy::all(proxy.0.as_str())
            .map_err(|_| Error::construction("the proxy URL is not valid"))?;
        builder = builder.proxy(proxy);
    } else {
        builder = builder.no_proxy();
    }
    builder
        .build()
        .map_err(|error| Error::construction(format!("cannot build the HTTP client: {error}")))
}

/// Makes `ring` the process's rustls provider unless the application already chose one.
/// aws-lc-rs (reqwest's default) needs cmake to build, which our targets do not have.
fn install_crypto_provider() {
    if rustls::crypto::CryptoProvider::get_default().is_none() {
        // Losing a race with another thread installing a provider is fine: one is installed.
        let _ = rustls::crypto::ring::default_provider().install_default();
    }
}

/// Sends one signed attempt and reads the whole response.
///
/// `attempt_timeout` bounds the time from sending until the body is read.
pub(crate) async fn send(
    http: &reqwest::Client,
    request: &HttpRequest,
    wire_query: &str,
    attempt_timeout: Option<Duration>,
) -> Result<RawResponse, Error> {
    let exchange = exchange(http, request, wire_query);
    match attempt_timeout {
        Some(limit) => tokio::time::timeout(limit, exchange)
            .await
            .map_err(|_| Error::timeout(TimeoutScope::Attempt, Some(limit), None))?,
        None => exchange.await,
    }
}

async fn exchange(
    http: &reqwest::Client,
    request: &HttpRequest,
    wire_query: &str,
) -> Result<RawResponse, Error> {
    let mut url = format!("{}://{}{}", request.scheme, request.host, request.resource_path);
    if !wire_query.is_empty() {
        url.push('?');
        url.push_str(wire_query);
    }
    let url = reqwest::Url::parse(&url)
        .map_err(|error| Error::construction(format!("invalid request URL: {error}")))?;
    let mut builder = http.request(request.method.clone(), url);
    for (name, value) in &request.headers {
        // reqwest derives Host from the URL; the signed value is the same authority.
        if !name.eq_ignore_ascii_case("host") {
            builder = builder.header(name.as_str(), value.as_str());
        }
    }
    if !request.body.is_empty() {
        builder = builder.body(request.body.clone());
    }
    let response = builder.send().await.map_err(classify_send_error)?;
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let body = response.bytes().await.map_err(classify_body_error)?;
    Ok(RawResponse { status, headers, body })
}

/// Connect failures happen before any byte of the request left; anything later may have
/// reached the server.
fn classify_send_error(error: reqwest::Error) -> Error {
    if error.is_builder() {
        return Error::construction(format!("cannot send this request: {error}"));
    }
    let connect = error.is_connect();
    if error.is_timeout() {
        let scope = if connect { TimeoutScope::Connect } else { TimeoutScope::Attempt };
        return Error::timeout(scope, None, Some(Box::new(error)));
    }
    Error::dispatch(!connect, error)
}

fn classify_body_error(error: reqwest::Error) -> Error {
    if error.is_timeout() {
        return Error::timeout(TimeoutScope::Attempt, None, Some(Box::new(error)));
    }
    Error::dispatch(true, error)
}
