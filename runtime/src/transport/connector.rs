//! Opening connections: directly, or through the configured proxy (absolute-form requests for
//! `http` targets, a `CONNECT` tunnel for `https` ones), with TLS where the target needs it.

use std::future::Future;
use std::io;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use base64::Engine;
use http::{HeaderValue, Uri};
use hyper::rt::{Read, ReadBufCursor, Write};
use hyper_rustls::{HttpsConnector, HttpsConnectorBuilder, MaybeHttpsStream};
use hyper_util::client::legacy::connect::proxy::Tunnel;
use hyper_util::client::legacy::connect::{Connected, Connection, HttpConnector};
use hyper_util::rt::TokioIo;
use percent_encoding::percent_decode_str;
use rustls::ClientConfig;
use tokio::net::TcpStream;
use tower_service::Service;

use crate::error::Error;

/// TCP keep-alive probe interval.
const TCP_KEEPALIVE: Duration = Duration::from_secs(60);

type BoxError = Box<dyn std::error::Error + Send + Sync>;
type Connecting = Pin<Box<dyn Future<Output = Result<ProxiedStream, BoxError>> + Send>>;

/// Opens connections for the pooled client.
#[derive(Clone)]
pub(crate) struct Connector {
    direct: HttpsConnector<HttpConnector>,
    proxy: Option<ProxyConnector>,
}

#[derive(Clone)]
struct ProxyConnector {
    address: Uri,
    /// For `http` targets: a plain connection to the proxy, which gets absolute-form requests.
    plain: HttpConnector,
    /// For `https` targets: `CONNECT` through the proxy, then TLS with the target.
    tunnel: HttpsConnector<Tunnel<HttpConnector>>,
}

/// The proxy settings parsed from its URL.
pub(crate) struct ProxySettings {
    address: Uri,
    /// `Basic` credentials from the URL's user info, if any.
    pub(crate) authorization: Option<HeaderValue>,
}

impl ProxySettings {
    /// Parses `http://[user:password@]host[:port]`. Errors never repeat the URL: it may hold a
    /// password.
    pub(crate) fn parse(proxy: &str) -> Result<Self, Error> {
        let invalid = || Error::construction("the proxy URL is not valid");
        let url = url::Url::parse(proxy).map_err(|_| invalid())?;
        // TLS to the proxy itself is not supported; sending its credentials in clear text to a
        // port that expects TLS would be worse than refusing.
        if url.scheme() != "http" {
            return Err(Error::construction(
                "the proxy URL must use http (TLS to the proxy is not supported)",
            ));
        }
        let host = url.host_str().ok_or_else(invalid)?;
        let port = url.port_or_known_default().ok_or_else(invalid)?;
        let address = format!("{}://{host}:{port}", url.scheme()).parse().map_err(|_| invalid())?;
        let authorization = match (url.username(), url.password()) {
            ("", None) => None,
            (user, password) => {
                let user = percent_decode_str(user).decode_utf8_lossy();
                let password = percent_decode_str(password.unwrap_or_default()).decode_utf8_lossy();
                let token =
                    base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}"));
                let mut value =
                    HeaderValue::try_from(format!("Basic {token}")).map_err(|_| invalid())?;
                value.set_sensitive(true);
                Some(value)
            }
        };
        Ok(Self { address, authorization })
    }
}

impl Connector {
    /// A connector that opens TCP connections with `connect_timeout` and speaks TLS with `tls`.
    pub(crate) fn new(
        tls: ClientConfig,
        connect_timeout: Duration,
        proxy: Option<&ProxySettings>,
    ) -> Self {
        let tcp = tcp_connector(connect_timeout);
        let direct = https(tls.clone(), tcp.clone());
        let proxy = proxy.map(|settings| {
            let mut tunnel = Tunnel::new(settings.address.clone(), tcp.clone());
            if let Some(authorization) = &settings.authorization {
                tunnel = tunnel.with_auth(authorization.clone());
            }
            ProxyConnector {
                address: settings.address.clone(),
                plain: tcp.clone(),
                tunnel: https(tls, tunnel),
            }
        });
        Self { direct, proxy }
    }
}

fn tcp_connector(connect_timeout: Duration) -> HttpConnector {
    let mut tcp = HttpConnector::new();
    // `https` URIs are handed to the TLS layer wrapping this connector.
    tcp.enforce_http(false);
    tcp.set_connect_timeout(Some(connect_timeout));
    tcp.set_keepalive(Some(TCP_KEEPALIVE));
    // Requests are written in one go and answered at once; Nagle would only add latency.
    tcp.set_nodelay(true);
    tcp
}

fn https<C>(tls: ClientConfig, connector: C) -> HttpsConnector<C> {
    HttpsConnectorBuilder::new()
        .with_tls_config(tls)
        .https_or_http()
        .enable_http1()
        .enable_http2()
        .wrap_connector(connector)
}

impl Service<Uri> for Connector {
    type Response = ProxiedStream;
    type Error = BoxError;
    type Future = Connecting;

    fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        // Every inner connector is always ready: they only hold settings.
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, target: Uri) -> Self::Future {
        let plain_target = target.scheme_str() == Some("http");
        match &mut self.proxy {
            Some(proxy) if plain_target => {
                let connecting = proxy.plain.call(proxy.address.clone());
                Box::pin(async move {
                    let stream = connecting.await?;
                    Ok(ProxiedStream { stream: MaybeHttpsStream::Http(stream), via_proxy: true })
                })
            }
            Some(proxy) => {
                let connecting = proxy.tunnel.call(target);
                Box::pin(async move { Ok(ProxiedStream::direct(connecting.await?)) })
            }
            None => {
                let connecting = self.direct.call(target);
                Box::pin(async move { Ok(ProxiedStream::direct(connecting.await?)) })
            }
        }
    }
}

/// A connection, and whether it goes to an HTTP proxy that expects absolute-form requests.
pub(crate) struct ProxiedStream {
    stream: MaybeHttpsStream<TokioIo<TcpStream>>,
    via_proxy: bool,
}

impl ProxiedStream {
    fn direct(stream: MaybeHttpsStream<TokioIo<TcpStream>>) -> Self {
        Self { stream, via_proxy: false }
    }
}

impl Connection for ProxiedStream {
    fn connected(&self) -> Connected {
        self.stream.connected().proxy(self.via_proxy)
    }
}

impl Read for ProxiedStream {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: ReadBufCursor<'_>,
    ) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().stream).poll_read(cx, buf)
    }
}

impl Write for ProxiedStream {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.get_mut().stream).poll_write(cx, buf)
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().stream).poll_flush(cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().stream).poll_shutdown(cx)
    }

    fn is_write_vectored(&self) -> bool {
        self.stream.is_write_vectored()
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.get_mut().stream).poll_write_vectored(cx, bufs)
    }
}
