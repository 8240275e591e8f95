//! Wire conformance of the `vpcep` bindings against the official Python SDK.
//!
//! `record_sdk.py` recorded what the official SDK sends for one call per operation
//! (`recorded.json`), and `make_responses.py` built a fully populated response body per
//! operation from the SDK's models (`responses/`). This program makes the same calls through
//! `vpcep` against a loopback recorder and checks, per operation: method, path, query (as a
//! multiset), JSON body (as a value) and content type; that the full response decodes and
//! re-encodes to the same JSON; and that a response with unknown fields and enum values still
//! decodes, keeping the unknown enum values. Prints one line per operation and `N passed, M failed`.

mod calls;
mod compare;
mod recorder;

use std::path::PathBuf;
use std::process::ExitCode;

use serde_json::Value;

use crate::calls::Case;
use crate::recorder::Recorder;

#[tokio::main]
async fn main() -> ExitCode {
    let dir = std::env::args()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../vpcep"));
    match run(&dir).await {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(problem) => {
            eprintln!("vpcep-wire: {problem}");
            ExitCode::FAILURE
        }
    }
}

fn read_json(path: &std::path::Path) -> Result<Value, String> {
    let text = std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    serde_json::from_slice(&text).map_err(|e| format!("{} is not JSON: {e}", path.display()))
}

async fn run(dir: &std::path::Path) -> Result<bool, String> {
    let cases = read_json(&dir.join("cases.json"))?;
    let recorded = read_json(&dir.join("recorded.json"))?;
    let index = read_json(&dir.join("responses/index.json"))?;
    let project_id = cases["project_id"].as_str().ok_or("cases.json has no project_id")?;
    let recorder = Recorder::start().await.map_err(|e| format!("cannot start recorder: {e}"))?;
    let config = vpcep::Config::builder()
        .endpoint(recorder.url.clone())
        .project_id(project_id)
        .credentials(vpcep::Credentials::aksk("CONFORMANCEAK", "conformance-secret"))
        .retry(vpcep::RetryConfig::disabled())
        .build()
        .map_err(|e| e.to_string())?;
    let client = vpcep::Client::from_config(config).map_err(|e| e.to_string())?;

    let (mut passed, mut failed) = (0, 0);
    for case in cases["cases"].as_array().ok_or("cases.json has no cases")? {
        let case = Case {
            operation: case["operation"].as_str().unwrap_or_default().to_string(),
            path: case["path_params"].as_object().cloned().unwrap_or_default(),
            query: case["query_params"].as_object().cloned().unwrap_or_default(),
            body: case["body"].clone(),
        };
        let problems = check_operation(&client, &recorder, &case, &recorded, &index, dir).await;
        if problems.is_empty() {
            passed += 1;
            println!("ok   {}", case.operation);
        } else {
            failed += 1;
            println!("FAIL {}: {}", case.operation, problems.join("; "));
        }
    }
    println!("{passed} passed, {failed} failed");
    Ok(failed == 0 && passed > 0)
}

async fn check_operation(
    client: &vpcep::Client,
    recorder: &Recorder,
    case: &Case,
    recorded: &Value,
    index: &Value,
    dir: &std::path::Path,
) -> Vec<String> {
    let op = case.operation.as_str();
    let mut problems = Vec::new();
    let Some(expected) = recorded.get(op) else { return vec!["not in recorded.json".into()] };
    let entry = &index[op];
    let status = entry["status"].as_u64().and_then(|s| u16::try_from(s).ok()).unwrap_or(200);
    let full = match entry["body"].as_str() {
        Some(file) => match read_json(&dir.join("responses").join(file)) {
            Ok(body) => Some(body),
            Err(problem) => return vec![problem],
        },
        None => None,
    };

    // Request side, and the fully populated response decoding.
    recorder.prepare(status, full.as_ref().map(|b| b.to_string().into_bytes()).unwrap_or_default());
    let decoded = calls::call(client, case).await;
    match recorder.take() {
        Some(sent) => problems.extend(compare::request(expected, &sent)),
        None => problems.push("no request reached the recorder".into()),
    }
    match (decoded, &full) {
        (Err(error), _) => problems.push(format!("call failed: {error}")),
        (Ok(Some(value)), Some(full)) => {
            problems.extend(compare::json("response re-encoded", full, &value));
        }
        (Ok(None), None) => {}
        (Ok(Some(_)), None) => problems.push("decoded a body where the SDK expects none".into()),
        (Ok(None), Some(_)) => problems.push("dropped a response body the SDK decodes".into()),
    }

    // Unknown fields and enum values must not break decoding; unknown enum values survive.
    if let Some(variant_file) = entry["variant"].as_str() {
        match read_json(&dir.join("responses").join(variant_file)) {
            Ok(variant) => {
                recorder.prepare(status, variant.to_string().into_bytes());
                match calls::call(client, case).await {
                    Ok(Some(value)) => {
                        let unknown =
                            entry["unknown_fields"].as_array().cloned().unwrap_or_default();
                        let expected = compare::without_pointers(&variant, &unknown);
                        problems.extend(compare::json("variant re-encoded", &expected, &value));
                    }
                    Ok(None) => problems.push("variant decoded to nothing".into()),
                    Err(error) => problems.push(format!("variant failed to decode: {error}")),
                }
            }
            Err(problem) => problems.push(problem),
        }
    }
    problems
}
