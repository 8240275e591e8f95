//! The credentials chain (explicit → environment → credentials file) and secret redaction.
//! The environment is a map passed as a lookup closure, so tests never touch the process env.

use std::collections::HashMap;
use std::path::PathBuf;
use std::time::{Duration, UNIX_EPOCH};

use specbind::credentials::{
    Credentials, CredentialsError, ResolvedCredentials, credentials_file_path, from_env, from_file,
    resolve_chain_with,
};
use specbind::http_request::HttpRequest;
use specbind::signing::{SigningAlgorithm, SigningContext, sign_request};

const SECRETS: [&str; 3] = ["SECRET-SK-VALUE", "SECRET-TOKEN-VALUE", "SECRET-IAM-TOKEN"];

fn env(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> + use<> {
    let map: HashMap<String, String> =
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
    move |name| map.get(name).cloned()
}

/// A credentials file with `content` in a fresh directory under the system temp dir.
/// A file under a directory named after `name`: every test must use names of its own, since
/// tests run in parallel within one process.
fn temp_file(name: &str, content: &str) -> PathBuf {
    let dir =
        std::env::temp_dir().join(format!("specbind-credentials-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("credentials");
    std::fs::write(&path, content).unwrap();
    path
}

#[test]
fn explicit_credentials_win_over_environment_and_file() {
    let file = temp_file("explicit", "[basic]\nak = file-ak\nsk = file-sk\n");
    let file = file.to_str().unwrap();
    let lookup = env(&[
        ("HUAWEICLOUD_SDK_AK", "env-ak"),
        ("HUAWEICLOUD_SDK_SK", "env-sk"),
        ("HUAWEICLOUD_SDK_CREDENTIALS_FILE", file),
    ]);
    let resolved =
        resolve_chain_with(Some(Credentials::aksk("explicit-ak", "explicit-sk")), lookup).unwrap();
    assert_eq!(
        resolved,
        ResolvedCredentials {
            credentials: Credentials::aksk("explicit-ak", "explicit-sk"),
            project_id: None,
            domain_id: None,
        }
    );
}

#[test]
fn environment_wins_over_file_and_carries_token_project_and_domain() {
    let file = temp_file("env", "[basic]\nak = file-ak\nsk = file-sk\ndomain_id = file-domain\n");
    let lookup = env(&[
        ("HUAWEICLOUD_SDK_AK", "env-ak"),
        ("HUAWEICLOUD_SDK_SK", "env-sk"),
        ("HUAWEICLOUD_SDK_SECURITY_TOKEN", "env-token"),
        ("HUAWEICLOUD_SDK_PROJECT_ID", "env-project"),
        ("HUAWEICLOUD_SDK_DOMAIN_ID", "env-domain"),
        ("HUAWEICLOUD_SDK_CREDENTIALS_FILE", file.to_str().unwrap()),
    ]);
    let resolved = resolve_chain_with(None, lookup).unwrap();
    let expected = Credentials::aksk("env-ak", "env-sk").with_security_token("env-token");
    assert_eq!(resolved.credentials, expected);
    assert_eq!(resolved.project_id.as_deref(), Some("env-project"));
    assert_eq!(resolved.domain_id.as_deref(), Some("env-domain"));

    let without_domain = env(&[("HUAWEICLOUD_SDK_AK", "a"), ("HUAWEICLOUD_SDK_SK", "s")]);
    let resolved = resolve_chain_with(None, without_domain).unwrap();
    assert_eq!(resolved.domain_id, None, "no HUAWEICLOUD_SDK_DOMAIN_ID, no domain id");
}

#[test]
fn half_set_environment_falls_through_to_the_file() {
    let file = temp_file("half", "[basic]\nAK = file-ak\nsk: file-sk\nproject_id = file-project\n");
    let lookup = env(&[
        ("HUAWEICLOUD_SDK_AK", "env-ak"),
        ("HUAWEICLOUD_SDK_SK", ""),
        ("HUAWEICLOUD_SDK_CREDENTIALS_FILE", file.to_str().unwrap()),
    ]);
    let resolved = resolve_chain_with(None, lookup).unwrap();
    assert_eq!(resolved.credentials, Credentials::aksk("file-ak", "file-sk"));
    assert_eq!(resolved.project_id.as_deref(), Some("file-project"));
}

#[test]
fn default_file_lives_under_home() {
    let home = std::env::temp_dir().join(format!("specbind-home-{}", std::process::id()));
    std::fs::create_dir_all(home.join(".huaweicloud")).unwrap();
    let content = "# comment\n[DEFAULT]\nproject_id = default-project\n\n[global]\nak = wrong\nsk = wrong\n\
                   [basic]\nak = home-ak\nsk = home-sk\nsecurity_token = home-token\n";
    std::fs::write(home.join(".huaweicloud/credentials"), content).unwrap();
    let lookup = env(&[("HOME", home.to_str().unwrap())]);
    assert_eq!(credentials_file_path(&lookup), Some(home.join(".huaweicloud/credentials")));
    let resolved = resolve_chain_with(None, lookup).unwrap();
    assert_eq!(
        resolved.credentials,
        Credentials::aksk("home-ak", "home-sk").with_security_token("home-token")
    );
    assert_eq!(
        resolved.project_id.as_deref(),
        Some("default-project"),
        "[DEFAULT] values are inherited"
    );
}

#[test]
fn nothing_found_lists_every_reason() {
    let missing = std::env::temp_dir().join("specbind-no-such-dir/credentials");
    let lookup = env(&[("HUAWEICLOUD_SDK_CREDENTIALS_FILE", missing.to_str().unwrap())]);
    let CredentialsError::NotFound { reasons } = resolve_chain_with(None, lookup).unwrap_err()
    else {
        panic!("expected NotFound");
    };
    assert_eq!(reasons.len(), 2, "{reasons:?}");
    assert!(reasons[0].contains("HUAWEICLOUD_SDK_AK"), "{reasons:?}");
    assert!(reasons[1].contains("does not exist"), "{reasons:?}");

    let no_home = resolve_chain_with(None, env(&[])).unwrap_err();
    assert!(no_home.to_string().contains("home directory"), "{no_home}");
}

#[test]
fn file_without_basic_or_global_keys_is_not_found() {
    let no_section = temp_file("syntax-nosection", "[other]\nak = a\nsk = b\n");
    let reason = from_file(&no_section).unwrap().unwrap_err();
    assert!(reason.contains("no [basic] or [global] section"), "{reason}");
    let no_sk = temp_file("nosk", "[basic]\nak = a\n[global]\nsk = b\n");
    assert!(from_file(&no_sk).unwrap().unwrap_err().contains("ak and sk"));
}

#[test]
fn domain_id_comes_from_basic_else_global_like_the_official_global_profile() {
    // The official SDKs read global services' keys and domain_id from [global].
    let both = "[basic]\nak = basic-ak\nsk = basic-sk\nproject_id = p\n\
                [global]\nak = global-ak\nsk = global-sk\ndomain_id = global-domain\n";
    let resolved = from_file(&temp_file("domain-both", both)).unwrap().unwrap();
    assert_eq!(resolved.credentials, Credentials::aksk("basic-ak", "basic-sk"));
    assert_eq!(resolved.project_id.as_deref(), Some("p"));
    assert_eq!(resolved.domain_id.as_deref(), Some("global-domain"));

    let basic = "[basic]\nak = a\nsk = s\ndomain_id = basic-domain\n[global]\ndomain_id = g\n";
    let resolved = from_file(&temp_file("domain-basic", basic)).unwrap().unwrap();
    assert_eq!(resolved.domain_id.as_deref(), Some("basic-domain"), "[basic] wins");

    let global = "[global]\nak = global-ak\nsk = global-sk\nsecurity_token = t\ndomain_id = d\n\
                  project_id = ignored\n";
    let resolved = from_file(&temp_file("domain-global", global)).unwrap().unwrap();
    let expected = Credentials::aksk("global-ak", "global-sk").with_security_token("t");
    assert_eq!(resolved.credentials, expected, "a file for global services only still works");
    assert_eq!(resolved.domain_id.as_deref(), Some("d"));
    assert_eq!(resolved.project_id, None, "[global] has no project id in the official SDKs");
}

#[test]
fn malformed_file_is_a_hard_error_without_the_line_content() {
    let path = temp_file("malformed", "[basic]\nak = a\nSECRET-SK-VALUE\n");
    let lookup = env(&[("HUAWEICLOUD_SDK_CREDENTIALS_FILE", path.to_str().unwrap())]);
    let error = resolve_chain_with(None, lookup).unwrap_err();
    assert!(matches!(error, CredentialsError::File { .. }), "{error:?}");
    assert!(error.to_string().contains("line 3"), "{error}");
    assert_no_secret(&error.to_string());
    assert_no_secret(&format!("{error:?}"));
}

#[test]
fn env_reader_ignores_empty_values() {
    let lookup = env(&[
        ("HUAWEICLOUD_SDK_AK", "a"),
        ("HUAWEICLOUD_SDK_SK", "b"),
        ("HUAWEICLOUD_SDK_PROJECT_ID", ""),
    ]);
    let resolved = from_env(lookup).unwrap();
    assert_eq!(resolved.project_id, None);
    assert!(from_env(env(&[("HUAWEICLOUD_SDK_AK", ""), ("HUAWEICLOUD_SDK_SK", "b")])).is_err());
}

fn assert_no_secret(text: &str) {
    for secret in SECRETS {
        assert!(!text.contains(secret), "secret leaked into: {text}");
    }
}

#[test]
fn secrets_never_appear_in_debug_display_or_traces() {
    let aksk = Credentials::aksk("VISIBLE-AK", SECRETS[0]).with_security_token(SECRETS[1]);
    let iam = Credentials::iam_token(SECRETS[2]);
    let debug = format!(
        "{aksk:?} {iam:?} {:?}",
        ResolvedCredentials { credentials: aksk.clone(), project_id: None, domain_id: None }
    );
    assert_no_secret(&debug);
    assert!(debug.contains("VISIBLE-AK") && debug.contains("<redacted>"), "{debug}");

    for credentials in [&aksk, &iam] {
        for algorithm in [SigningAlgorithm::HmacSha256, SigningAlgorithm::DerivedHmacSha256] {
            let mut request = HttpRequest {
                method: http::Method::GET,
                scheme: "https".into(),
                host: "vpcep.cn-north-4.myhuaweicloud.com".into(),
                resource_path: "/v1/p1/vpc-endpoints".into(),
                query: Vec::new(),
                headers: Vec::new(),
                body: Default::default(),
            };
            let context = SigningContext {
                service: "vpcep",
                region: "cn-north-4",
                project_id: Some("p1"),
                now: UNIX_EPOCH + Duration::from_secs(1_700_000_000),
            };
            let trace = sign_request(&mut request, credentials, algorithm, &context).unwrap();
            assert_no_secret(&format!("{trace:?} {request:?}"));
            // The token must still reach the wire; only its printed forms are hidden.
            assert!(request.headers.iter().any(|(_, value)| SECRETS.contains(&value.as_str())));
        }
    }
    let error = sign_request(
        &mut HttpRequest { host: String::new(), ..empty_request() },
        &Credentials::aksk("", SECRETS[0]),
        SigningAlgorithm::HmacSha256,
        &SigningContext { service: "", region: "", project_id: None, now: UNIX_EPOCH },
    )
    .unwrap_err();
    assert_no_secret(&format!("{error} {error:?}"));
}

fn empty_request() -> HttpRequest {
    HttpRequest {
        method: http::Method::GET,
        scheme: "https".into(),
        host: "h".into(),
        resource_path: "/".into(),
        query: Vec::new(),
        headers: Vec::new(),
        body: Default::default(),
    }
}

#[test]
fn file_syntax_follows_python_configparser() {
    let read = |name: &str, content: &str| from_file(&temp_file(name, content));
    let parsed = read("syntax", "[basic]\nAK = a\n  b\nsk: x = y\n[DEFAULT]\nproject_id=d\n")
        .unwrap()
        .unwrap();
    assert_eq!(parsed.credentials, Credentials::aksk("a\nb", "x = y"));
    assert_eq!(parsed.project_id.as_deref(), Some("d"));
    assert!(
        read("case", "[Basic]\nak=1\nsk=2\n").unwrap().is_err(),
        "section names keep their case"
    );
    for (name, content, line) in [
        ("syntax-dupsection", "[basic]\nak=1\n[basic]\n", "line 3"),
        ("syntax-dupkey", "[basic]\nak=1\nAK=2\n", "line 3"),
        ("syntax-emptykey", "[basic]\n=1\n", "line 2"),
        ("nosection", "ak=1\n[basic]\n", "line 1"),
        ("syntax-novalue", "[basic]\nnovalue\n", "line 2"),
    ] {
        let error = read(name, content).unwrap_err();
        assert!(error.to_string().contains(line), "{name}: {error}");
    }
}
