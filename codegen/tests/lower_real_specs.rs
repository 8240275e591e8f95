//! Our VPCEP spec lowers without a single diagnostic. (The OpenAPI Initiative's examples are
//! expanded by the corpus suites of `specbind-tests`.)

use std::path::{Path, PathBuf};

use specbind_codegen::{GenerateInput, Options, lower_api};

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf()
}

fn lower(spec: &Path) -> specbind_codegen::model::Api {
    let base = workspace();
    let input = GenerateInput { spec, base_dir: &base, options: Options::default() };
    match lower_api(&input) {
        Ok(lowered) => lowered.api,
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
