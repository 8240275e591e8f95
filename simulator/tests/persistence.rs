//! With a state file, a restarted simulator continues where the last one stopped.

mod support;

use std::path::PathBuf;

use support::{Call, create_service, provider};
use vpcep_sim::{Simulator, Tenant};

fn temp_state(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("vpcep-sim-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("state.json");
    let _ = std::fs::remove_file(&path);
    path
}

#[tokio::test]
async fn state_survives_a_restart() {
    let state = temp_state("restart");
    let tenants = [Tenant::generate("provider"), Tenant::generate("consumer")];
    let start = || {
        tenants
            .iter()
            .cloned()
            .fold(Simulator::builder(), |b, t| b.tenant(t))
            .state_file(&state)
            .start()
    };
    let first = start().await.unwrap();
    let owner = provider(&first);
    let id = create_service(&first, &owner, "durable", true).await;
    let path = format!("/v1/{{project_id}}/vpc-endpoint-services/{id}/permissions/action");
    let body = serde_json::json!({ "permissions": ["*"], "action": "add" });
    assert_eq!(Call::new(&owner, "POST", path).json(&body).send(&first).await.status, 200);
    first.shutdown().await;
    assert!(state.exists());
    assert!(!state.with_file_name("state.json.tmp").exists(), "the temporary file was renamed");

    let second = start().await.unwrap();
    let shown = Call::new(&owner, "GET", format!("/v1/{{project_id}}/vpc-endpoint-services/{id}"))
        .send(&second)
        .await;
    assert_eq!(shown.status, 200, "{shown:?}");
    assert!(shown.body["service_name"].as_str().unwrap().contains(".durable."));
    let permissions = Call::new(
        &owner,
        "GET",
        format!("/v1/{{project_id}}/vpc-endpoint-services/{id}/permissions"),
    )
    .send(&second)
    .await;
    assert_eq!(permissions.body["total_count"], 1, "{permissions:?}");
    second.shutdown().await;
}

#[tokio::test]
async fn an_issued_token_survives_a_restart() {
    let state = temp_state("token");
    let owner = Tenant::generate("provider");
    let start = || Simulator::builder().tenant(owner.clone()).state_file(&state).start();
    let first = start().await.unwrap();
    let token = first.issue_token(&owner).unwrap();
    first.shutdown().await;

    let second = start().await.unwrap();
    let client = vpcep::Client::from_config(
        second
            .config_for(&owner)
            .credentials(specbind::Credentials::iam_token(token))
            .build()
            .unwrap(),
    )
    .unwrap();
    let listed = client
        .list_endpoint_service(vpcep::ListEndpointServiceRequest::new())
        .await
        .expect("the token issued before the restart is still accepted");
    assert_eq!(listed.status(), 200);
    second.shutdown().await;
}

#[tokio::test]
async fn a_damaged_state_file_is_a_clear_start_error() {
    let state = temp_state("damaged");
    std::fs::write(&state, b"{ not json").unwrap();
    let error = match Simulator::builder().state_file(&state).start().await {
        Ok(_) => panic!("a damaged state file must not start"),
        Err(error) => error,
    };
    assert!(error.to_string().contains("damaged"), "{error}");
}
