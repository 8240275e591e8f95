//! The `vpcep-sim` binary: serves on the address it prints, writes issued tokens to a file,
//! keeps state across a SIGTERM and a restart, and refuses bad arguments clearly.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};

use vpcep_sim::Tenant;

const BINARY: &str = env!("CARGO_BIN_EXE_vpcep-sim");

/// Starts the binary and returns it with the URL it printed.
fn launch(dir: &Path) -> (Child, String) {
    let mut child = Command::new(BINARY)
        .args(["--listen", "127.0.0.1:0", "--tenants"])
        .arg(dir.join("tenants.json"))
        .arg("--state")
        .arg(dir.join("state.json"))
        .arg("--tokens-out")
        .arg(dir.join("tokens.json"))
        .stdout(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    let stdout = child.stdout.take().expect("piped stdout");
    let first = BufReader::new(stdout).lines().next().expect("a line").expect("text");
    let url =
        first.strip_prefix("vpcep-sim listening on ").expect("the listening line").to_string();
    (child, url)
}

fn terminate(mut child: Child) {
    let status = Command::new("kill").arg(child.id().to_string()).status().expect("kill runs");
    assert!(status.success());
    let exit = child.wait().expect("the simulator exits");
    assert!(exit.success(), "a SIGTERM is a clean stop: {exit:?}");
}

async fn create_with_token(url: &str, tenant: &Tenant, token: &str) -> reqwest::Response {
    let body = serde_json::json!({
        "port_id": "2f4f6bc3-0f14-4e2b-9f1c-a5a8a2d8e5d1", "vpc_id": "v", "server_type": "VM",
        "ports": [{ "client_port": 80, "server_port": 80, "protocol": "TCP" }]
    });
    let _ = rustls::crypto::ring::default_provider().install_default();
    reqwest::Client::new()
        .post(format!("{url}/v1/{}/vpc-endpoint-services", tenant.project_id))
        .header("X-Auth-Token", token)
        .header("Content-Type", "application/json")
        .body(body.to_string())
        .send()
        .await
        .expect("an answer")
}

#[tokio::test]
async fn serves_persists_across_sigterm_and_restarts() {
    let dir = std::env::temp_dir().join(format!("vpcep-sim-binary-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let tenants = vec![Tenant::generate("owner"), Tenant::generate("guest")];
    std::fs::write(dir.join("tenants.json"), serde_json::to_vec(&tenants).unwrap()).unwrap();

    let (child, url) = launch(&dir);
    let tokens: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("tokens.json")).unwrap()).unwrap();
    let token = tokens["owner"].as_str().expect("a token for each tenant").to_string();
    let created = create_with_token(&url, &tenants[0], &token).await;
    assert_eq!(created.status(), 200);
    let id = serde_json::from_slice::<serde_json::Value>(&created.bytes().await.unwrap()).unwrap()
        ["id"]
        .as_str()
        .unwrap()
        .to_string();
    terminate(child);

    let (child, url) = launch(&dir);
    let tokens: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("tokens.json")).unwrap()).unwrap();
    let token = tokens["owner"].as_str().unwrap();
    assert_ne!(token, "", "tokens are issued afresh on every start");
    let listed = reqwest::Client::new()
        .get(format!("{url}/v1/{}/vpc-endpoint-services/{id}", tenants[0].project_id))
        .header("X-Auth-Token", token)
        .send()
        .await
        .unwrap();
    assert_eq!(listed.status(), 200, "the service survived the restart");
    terminate(child);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn bad_arguments_are_reported() {
    for args in [&["--listen", "nowhere"][..], &["--bogus"], &["--tenants", "/nonexistent/t.json"]]
    {
        let output = Command::new(BINARY).args(args).output().expect("runs");
        assert!(!output.status.success(), "{args:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.starts_with("vpcep-sim: "), "{args:?}: {stderr}");
    }
}
