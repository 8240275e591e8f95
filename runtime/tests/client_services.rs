//! Services described by a `ServiceInfo`: the endpoint their host template resolves to (seen on
//! the wire through a TLS-terminating `CONNECT` proxy on loopback), and the identity headers and
//! path parameters of project- and domain-scoped services.

mod common;

use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use common::{AK, PROJECT, SK, reply, scripted};
use specbind::__private::{Call, Method, Operation, decode_empty};
use specbind::signing::{SigningAlgorithm, received_request, verify_request};
use specbind::{Client, Config, CredentialScope, Credentials, RetryConfig, ServiceInfo};
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;
use tokio_rustls::TlsAcceptor;
use tokio_rustls::rustls::{self, pki_types::PrivateKeyDer};

const DOMAIN: &str = "domain-1";

const ECS: ServiceInfo =
    ServiceInfo::new("ecs", "ecs.{region}.myhuaweicloud.com", CredentialScope::Project)
        .with_region_hosts(&[("eu-west-101", "ecs.eu-west-101.myhuaweicloud.com")]);
const VPCEP: ServiceInfo =
    ServiceInfo::new("vpcep", "vpcep.{region}.myhuaweicloud.com", CredentialScope::Project);
const EPS: ServiceInfo = ServiceInfo::new("eps", "eps.myhuaweicloud.com", CredentialScope::Domain)
    .with_region_hosts(&[("eu-west-101", "eps.eu-west-101.myhuaweicloud.eu")]);

const LIST_THINGS: Operation = Operation {
    name: "ListThings",
    method: Method::Get,
    path: "/v1/things",
    idempotent: true,
    retryable_codes: &[],
    throttling_codes: &[],
};

const SHOW_DOMAIN_THING: Operation = Operation {
    name: "ShowDomainThing",
    method: Method::Get,
    path: "/v3/domains/{domain_id}/things/{thing_id}",
    idempotent: true,
    retryable_codes: &[],
    throttling_codes: &[],
};

/// What the proxy saw: the `CONNECT` target and the head of the request sent through the tunnel.
#[derive(Debug, Clone)]
struct Tunneled {
    target: String,
    head: String,
}

impl Tunneled {
    fn header(&self, name: &str) -> Option<&str> {
        self.head.lines().find_map(|line| {
            let (key, value) = line.split_once(':')?;
            key.eq_ignore_ascii_case(name).then(|| value.trim())
        })
    }
}

/// An HTTP proxy on loopback that accepts every `CONNECT`, ends the tunnelled TLS with a
/// self-signed certificate, records what it saw and answers 204: the endpoint a client resolved
/// arrives as the `CONNECT` target, though no such host is reachable from a test.
async fn tunnel_proxy() -> (String, Arc<Mutex<Vec<Tunneled>>>) {
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
    let address = listener.local_addr().unwrap();
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = Arc::clone(&seen);
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            let acceptor = acceptor.clone();
            let log = Arc::clone(&log);
            tokio::spawn(async move {
                let connect = read_head(&mut socket).await;
                let target = connect.split(' ').nth(1).unwrap_or_default().to_owned();
                let established = b"HTTP/1.1 200 Connection Established\r\n\r\n";
                if socket.write_all(established).await.is_err() {
                    return;
                }
                let Ok(mut stream) = acceptor.accept(socket).await else { return };
                let head = read_head(&mut stream).await;
                log.lock().unwrap().push(Tunneled { target, head });
                let answer =
                    "HTTP/1.1 204 No Content\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
                let _ = stream.write_all(answer.as_bytes()).await;
                let _ = stream.shutdown().await;
            });
        }
    });
    (format!("http://{address}"), seen)
}

/// Reads up to the blank line ending a request head, a byte at a time so that nothing after it
/// (the TLS handshake after `CONNECT`) is consumed.
async fn read_head<S: AsyncRead + Unpin>(stream: &mut S) -> String {
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") {
        match stream.read(&mut byte).await {
            Ok(1) => head.push(byte[0]),
            _ => break,
        }
    }
    String::from_utf8_lossy(&head).into_owned()
}

/// Where `service` in `region` (if any) sends a request, as the proxy saw it.
async fn resolved_on_the_wire(service: &'static ServiceInfo, region: Option<&str>) -> Tunneled {
    let (proxy, seen) = tunnel_proxy().await;
    let mut config = Config::builder()
        .credentials(Credentials::aksk(AK, SK))
        .proxy(proxy)
        .accept_invalid_certs(true)
        .retry(RetryConfig::disabled())
        .connect_timeout(Duration::from_secs(5));
    if let Some(region) = region {
        config = config.region(region);
    }
    let client = Client::for_service(service, config.build().unwrap()).unwrap();
    let response = client.execute(Call::new(&LIST_THINGS), decode_empty).await.unwrap();
    assert_eq!(response.status(), 204);
    let seen = seen.lock().unwrap().clone();
    assert_eq!(seen.len(), 1, "{seen:?}");
    seen[0].clone()
}

#[tokio::test]
async fn a_regional_template_gets_the_configured_region() {
    let seen = resolved_on_the_wire(&ECS, Some("cn-north-4")).await;
    assert_eq!(seen.target, "ecs.cn-north-4.myhuaweicloud.com:443");
    assert_eq!(seen.header("Host"), Some("ecs.cn-north-4.myhuaweicloud.com"));
    assert!(seen.head.starts_with("GET /v1/things HTTP/1.1"), "{}", seen.head);
}

#[tokio::test]
async fn eu_west_101_is_under_myhuaweicloud_eu_unless_the_service_says_otherwise() {
    let vpcep = resolved_on_the_wire(&VPCEP, Some("eu-west-101")).await;
    assert_eq!(vpcep.target, "vpcep.eu-west-101.myhuaweicloud.eu:443");
    let ecs = resolved_on_the_wire(&ECS, Some("eu-west-101")).await;
    assert_eq!(ecs.target, "ecs.eu-west-101.myhuaweicloud.com:443", "ECS's own table entry");
}

#[tokio::test]
async fn a_global_host_needs_no_region_and_ignores_a_plain_one() {
    let without = resolved_on_the_wire(&EPS, None).await;
    assert_eq!(without.target, "eps.myhuaweicloud.com:443");
    let with = resolved_on_the_wire(&EPS, Some("cn-north-4")).await;
    assert_eq!(with.target, "eps.myhuaweicloud.com:443");
    let sovereign = resolved_on_the_wire(&EPS, Some("eu-west-101")).await;
    assert_eq!(sovereign.target, "eps.eu-west-101.myhuaweicloud.eu:443");
}

#[tokio::test]
async fn a_regional_service_without_region_or_endpoint_is_refused_naming_it() {
    let config = Config::builder().anonymous().build().unwrap();
    let error = Client::for_service(&ECS, config.clone()).unwrap_err();
    assert!(error.is_construction(), "{error}");
    assert!(error.to_string().contains("service `ecs` is regional"), "{error}");
    let global = Client::for_service(&EPS, config).unwrap();
    assert_eq!(global.endpoint(), "https://eps.myhuaweicloud.com");
    assert_eq!(global.service_info(), &EPS);
    assert_eq!(global.service(), "eps");
}

#[tokio::test]
async fn client_new_is_the_regional_project_scoped_shorthand() {
    let config = Config::builder().region("cn-south-1").anonymous().build().unwrap();
    let client = Client::new("vpcep", config).unwrap();
    let info = client.service_info();
    assert_eq!(
        (info.name, info.host, info.scope),
        ("vpcep", "vpcep.{region}.myhuaweicloud.com", CredentialScope::Project)
    );
    assert_eq!(client.endpoint(), "https://vpcep.cn-south-1.myhuaweicloud.com");
}

fn verify(seen: &common::Seen, derived: Option<(&str, &str)>) -> Result<(), String> {
    let request =
        received_request(seen.method.clone(), &seen.uri, &seen.headers, seen.body.clone());
    let secret_for = |access_key: &str| (access_key == AK).then(|| SK.to_owned());
    verify_request(&request, secret_for, SystemTime::now(), Duration::from_secs(900), derived)
        .map(drop)
        .map_err(|error| error.to_string())
}

/// A client for `service` at a recording loopback server, with both a project and a domain id.
async fn recorded(
    service: &'static ServiceInfo,
    adjust: impl FnOnce(specbind::ConfigBuilder) -> specbind::ConfigBuilder,
) -> (Client, common::Log) {
    let (base, log) = scripted(|_, _| reply(204, &[], "")).await;
    let (builder, _) = common::config(&base);
    let client = Client::for_service(service, adjust(builder.domain_id(DOMAIN)).build().unwrap());
    (client.unwrap(), log)
}

#[tokio::test]
async fn a_project_scoped_service_sends_x_project_id_and_never_x_domain_id() {
    let (client, log) = recorded(&VPCEP, |builder| builder).await;
    client.execute(Call::new(&LIST_THINGS), decode_empty).await.unwrap();
    let seen = &log.all()[0];
    assert_eq!(seen.header("X-Project-Id"), Some(PROJECT));
    assert_eq!(seen.header("X-Domain-Id"), None);
    verify(seen, None).unwrap();
}

#[tokio::test]
async fn a_domain_scoped_service_sends_a_signed_x_domain_id_and_never_x_project_id() {
    let (client, log) = recorded(&EPS, |builder| builder).await;
    client.execute(Call::new(&LIST_THINGS), decode_empty).await.unwrap();
    let seen = &log.all()[0];
    assert_eq!(seen.header("X-Domain-Id"), Some(DOMAIN));
    assert_eq!(seen.header("X-Project-Id"), None);
    let authorization = seen.header("Authorization").unwrap();
    assert!(authorization.contains("x-domain-id"), "signed: {authorization}");
    verify(seen, None).unwrap();
}

#[tokio::test]
async fn temporary_keys_and_derived_signing_work_in_the_domain_scope() {
    let (client, log) = recorded(&EPS, |builder| {
        builder
            .credentials(Credentials::aksk(AK, SK).with_security_token("token-1"))
            .signing(SigningAlgorithm::DerivedHmacSha256)
    })
    .await;
    client.execute(Call::new(&LIST_THINGS), decode_empty).await.unwrap();
    let seen = &log.all()[0];
    assert_eq!(seen.header("X-Security-Token"), Some("token-1"));
    assert_eq!(seen.header("X-Domain-Id"), Some(DOMAIN));
    let authorization = seen.header("Authorization").unwrap();
    assert!(authorization.contains("/globe/eps,"), "the official global scope: {authorization}");
    verify(seen, Some(("eps", "globe"))).unwrap();
    assert!(verify(seen, Some(("eps", "cn-north-4"))).is_err(), "not the configured region");
}

#[tokio::test]
async fn iam_tokens_and_unset_domain_ids_send_no_x_domain_id() {
    let (client, log) =
        recorded(&EPS, |builder| builder.credentials(Credentials::iam_token("t"))).await;
    client.execute(Call::new(&LIST_THINGS), decode_empty).await.unwrap();
    let seen = &log.all()[0];
    assert_eq!(seen.header("X-Auth-Token"), Some("t"));
    assert_eq!(seen.header("X-Domain-Id"), None);

    let (base, log) = scripted(|_, _| reply(204, &[], "")).await;
    let config = common::config(&base).0.build().unwrap();
    let client = Client::for_service(&EPS, config).unwrap();
    client.execute(Call::new(&LIST_THINGS), decode_empty).await.unwrap();
    let seen = &log.all()[0];
    assert_eq!(seen.header("X-Domain-Id"), None);
    assert_eq!(seen.header("X-Project-Id"), None);
    verify(seen, None).unwrap();
}

fn show_domain_thing() -> Call {
    let mut call = Call::new(&SHOW_DOMAIN_THING);
    call.client_path_param("domain_id", specbind::DOMAIN_ID_PARAM);
    call.path_param("thing_id", "t 1");
    call
}

#[tokio::test]
async fn domain_id_path_parameters_are_filled_from_the_domain_id() {
    let (client, log) = recorded(&EPS, |builder| builder).await;
    client.execute(show_domain_thing(), decode_empty).await.unwrap();
    let seen = &log.all()[0];
    assert_eq!(seen.uri.path(), format!("/v3/domains/{DOMAIN}/things/t%201"));
    verify(seen, None).unwrap();
}

#[tokio::test]
async fn a_missing_domain_id_is_a_construction_error_and_nothing_is_sent() {
    let (base, log) = scripted(|_, _| reply(204, &[], "")).await;
    let config = common::config(&base).0.build().unwrap();
    let client = Client::for_service(&EPS, config).unwrap();
    let error = client.execute(show_domain_thing(), decode_empty).await.unwrap_err();
    assert!(error.is_construction() && !error.is_retryable(), "{error}");
    let text = error.to_string();
    assert!(text.contains("`domain_id`") && text.contains("HUAWEICLOUD_SDK_DOMAIN_ID"), "{text}");
    assert_eq!(log.len(), 0, "nothing was sent");
}
