//! HTTPS over loopback with rustls and the ring provider: a self-signed test server is rejected
//! by default and accepted with `accept_invalid_certs(true)`.

mod common;

use std::sync::Arc;

use specbind::__private::decode_empty;
use specbind::RetryConfig;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;
use tokio_rustls::TlsAcceptor;
use tokio_rustls::rustls::{self, pki_types::PrivateKeyDer};

/// An HTTPS server with a fresh self-signed certificate for `localhost` that answers every
/// request with 204; returns its `https://localhost:port` URL.
async fn self_signed_server() -> String {
    let certified = rcgen::generate_simple_self_signed(vec!["localhost".to_owned()]).unwrap();
    let key = PrivateKeyDer::try_from(certified.signing_key.serialize_der()).unwrap();
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let tls = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(vec![certified.cert.der().clone()], key)
        .unwrap();
    let acceptor = TlsAcceptor::from(Arc::new(tls));
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    tokio::spawn(async move {
        while let Ok((socket, _)) = listener.accept().await {
            let acceptor = acceptor.clone();
            tokio::spawn(async move {
                let Ok(mut stream) = acceptor.accept(socket).await else { return };
                let mut buffer = vec![0u8; 16 * 1024];
                if stream.read(&mut buffer).await.unwrap_or(0) > 0 {
                    let answer =
                        "HTTP/1.1 204 No Content\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
                    let _ = stream.write_all(answer.as_bytes()).await;
                    let _ = stream.shutdown().await;
                }
            });
        }
    });
    format!("https://localhost:{port}")
}

#[tokio::test]
async fn self_signed_certificates_are_rejected_unless_allowed() {
    let base = self_signed_server().await;
    let (builder, _) = common::config(&base);
    let builder = builder.retry(RetryConfig::disabled());

    let strict = common::client(builder.clone());
    let error = strict.execute(common::show_thing("t"), decode_empty).await.unwrap_err();
    assert!(error.is_dispatch(), "{error}");

    let lenient = common::client(builder.accept_invalid_certs(true));
    let response = lenient.execute(common::show_thing("t"), decode_empty).await.unwrap();
    assert_eq!(response.status(), 204);
}
