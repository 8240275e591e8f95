//! Real specs lower without a single diagnostic: our VPCEP spec and the OpenAPI Initiative's
//! examples (read from the shared folder beside the repository).

use std::path::{Path, PathBuf};

use specbind_codegen::{GenerateInput, Options, lower_api};

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf()
}

fn lower(spec: &Path) -> specbind_codegen::model::Api {
    let base = workspace();
    let input = GenerateInput { spec, base_dir: &base, options: Options::default() };
    match lower_api(&input) {
        Ok((api, _)) => api,
        Err(failure) => {
            let messages: Vec<String> =
                failure.diagnostics.iter().map(ToString::to_string).collect();
            panic!("{} did not lower:\n{}", spec.display(), messages.join("\n"));
        }
    }
}

#[test]
fn vpcep_spec_lowers_with_all_33_operations() {
    let api = lower(Path::new("specs/vpcep"));
    assert_eq!(api.operations.len(), 33);
    assert_eq!(api.service.as_deref(), Some("vpcep"));
    let list = &api.operations["ListEndpoints"];
    assert!(list.pagination.is_some());
    assert!(list.params.iter().any(|p| p.client_param.as_deref() == Some("project_id")));
    let details = &api.operations["ListServiceDetails"];
    assert!(details.waiters.iter().any(|w| w.name == "service_available"));
    assert!(api.retryable_codes.contains(&"EndPoint.0022".to_string()));
}

#[test]
fn openapi_initiative_examples_lower() {
    let dir = workspace().join("../shared/openapi");
    let mut count = 0;
    for entry in std::fs::read_dir(&dir).expect("../shared/openapi is beside the repository") {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "json") {
            let api = lower(&path);
            assert!(!api.operations.is_empty(), "{} has operations", path.display());
            count += 1;
        }
    }
    assert!(count >= 6);
}
