//! HTTPS: a self-signed certificate generated at start-up (rcgen) and a listener that runs the
//! TLS handshake (tokio-rustls with the ring provider) before axum sees the connection.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use tokio::net::{TcpListener, TcpStream};
use tokio_rustls::TlsAcceptor;
use tokio_rustls::rustls::{self, pki_types::PrivateKeyDer};
use tokio_rustls::server::TlsStream;

/// A client that connects but never finishes the handshake must not hold up the next one for
/// long: accepting is sequential.
const HANDSHAKE_TIMEOUT: Duration = Duration::from_secs(10);

/// A fresh certificate for `localhost` and `127.0.0.1`, and an acceptor serving it; the PEM
/// text lets clients trust exactly this certificate.
pub fn self_signed() -> Result<(TlsAcceptor, String), String> {
    let names = vec!["localhost".to_owned(), "127.0.0.1".to_owned()];
    let certified = rcgen::generate_simple_self_signed(names)
        .map_err(|e| format!("cannot generate a certificate: {e}"))?;
    let pem = certified.cert.pem();
    let key = PrivateKeyDer::try_from(certified.signing_key.serialize_der())
        .map_err(|e| format!("unusable generated key: {e}"))?;
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .and_then(|builder| {
            builder.with_no_client_auth().with_single_cert(vec![certified.cert.der().clone()], key)
        })
        .map_err(|e| format!("cannot configure TLS: {e}"))?;
    Ok((TlsAcceptor::from(Arc::new(config)), pem))
}

/// A TCP listener whose connections are TLS streams.
pub struct TlsListener {
    tcp: TcpListener,
    acceptor: TlsAcceptor,
}

impl TlsListener {
    /// Wraps a bound listener.
    pub fn new(tcp: TcpListener, acceptor: TlsAcceptor) -> Self {
        Self { tcp, acceptor }
    }
}

impl axum::serve::Listener for TlsListener {
    type Io = TlsStream<TcpStream>;
    type Addr = SocketAddr;

    async fn accept(&mut self) -> (Self::Io, Self::Addr) {
        loop {
            let (socket, peer) = match self.tcp.accept().await {
                Ok(accepted) => accepted,
                Err(error) => {
                    // Usually out of file descriptors; wait instead of spinning.
                    tracing::warn!(%error, "accept failed");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            };
            match tokio::time::timeout(HANDSHAKE_TIMEOUT, self.acceptor.accept(socket)).await {
                Ok(Ok(stream)) => return (stream, peer),
                Ok(Err(error)) => tracing::debug!(%error, %peer, "TLS handshake failed"),
                Err(_) => tracing::debug!(%peer, "TLS handshake timed out"),
            }
        }
    }

    fn local_addr(&self) -> std::io::Result<Self::Addr> {
        self.tcp.local_addr()
    }
}
