//! Wire conformance of bindings generated from the API Explorer exports of ECS, VPC, EVS, IAM,
//! DNS and ELB against the official Python SDK.
//!
//! The Python scripts beside this crate recorded what the official SDK sends for one fully
//! populated call per chosen operation (`recorded/<SERVICE>.json`) and built fully populated
//! response bodies from the SDK's models (`responses/<SERVICE>/`). This program makes the same
//! calls through the generated clients against a loopback recorder and checks, per case: method,
//! path, query (as a multiset), the operation's header parameters, `X-Project-Id` /
//! `X-Domain-Id`, JSON body (as a value) and content type; that the full response decodes and
//! re-encodes to the same JSON; and that unknown members and enum values do not break decoding
//! (unknown enum values are kept). One more case per service checks that its whole export crate
//! binds as one module. Prints one line per case and `N passed, M failed`.
//!
//! `services-wire [DIR] [SERVICE...]`: DIR defaults to this crate's directory.

mod bind;
mod bindings;
mod calls;
mod case;
mod compare;
mod recorder;
mod service;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use serde_json::Value;

use crate::case::Case;
use crate::recorder::Recorder;
use crate::service::{Scope, ServiceClient};

#[tokio::main]
async fn main() -> ExitCode {
    let mut args = std::env::args().skip(1).peekable();
    let dir = match args.peek() {
        Some(first) if Path::new(first).is_dir() => PathBuf::from(args.next().unwrap_or_default()),
        _ => PathBuf::from(env!("CARGO_MANIFEST_DIR")),
    };
    let wanted: Vec<String> = args.map(|name| name.to_ascii_uppercase()).collect();
    let recorder = match Recorder::start().await {
        Ok(recorder) => recorder,
        Err(error) => {
            eprintln!("services-wire: cannot start the recorder: {error}");
            return ExitCode::FAILURE;
        }
    };
    let (mut passed, mut failed) = (0, 0);
    for name in service::SERVICES {
        if !wanted.is_empty() && !wanted.iter().any(|w| w == name) {
            continue;
        }
        for outcome in run_service(&dir, name, &recorder).await {
            let notes = if outcome.notes.is_empty() {
                String::new()
            } else {
                format!(" [{}]", outcome.notes.join("; "))
            };
            if outcome.problems.is_empty() {
                passed += 1;
                println!("ok   {name} {}{notes}", outcome.case);
            } else {
                failed += 1;
                println!("FAIL {name} {}: {}{notes}", outcome.case, outcome.problems.join("; "));
            }
        }
    }
    println!("{passed} passed, {failed} failed");
    if failed == 0 && passed > 0 { ExitCode::SUCCESS } else { ExitCode::FAILURE }
}

fn read_json(path: &Path) -> Result<Value, String> {
    let text = std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    serde_json::from_slice(&text).map_err(|e| format!("{} is not JSON: {e}", path.display()))
}

/// What became of one case.
#[derive(Default)]
struct Outcome {
    case: String,
    /// Why the case failed; none when it passed.
    problems: Vec<String>,
    /// What the reader should know either way (fields the export lacks).
    notes: Vec<String>,
}

impl Outcome {
    fn failed(case: &str, problem: String) -> Self {
        Self { case: case.to_string(), problems: vec![problem], notes: Vec::new() }
    }
}

/// Every case of one service.
async fn run_service(dir: &Path, name: &str, recorder: &Recorder) -> Vec<Outcome> {
    let crate_name = format!("huawei-cloud-api-definitions-{name}");
    let bind_case = "<all exports bind as one module>";
    let mut results = vec![match bind::whole_crate_binds(&crate_name) {
        Ok(notes) => Outcome { case: bind_case.to_string(), notes, ..Outcome::default() },
        Err(problem) => Outcome::failed(bind_case, problem),
    }];
    let loaded = (|| {
        let cases = read_json(&dir.join("cases").join(format!("{name}.json")))?;
        let recorded = read_json(&dir.join("recorded").join(format!("{name}.json")))?;
        let responses = dir.join("responses").join(name);
        let index = read_json(&responses.join("index.json"))?;
        let text = |key: &str| cases[key].as_str().unwrap_or_default().to_string();
        let scope = match text("scope").as_str() {
            "domain" => Scope::Domain(text("domain_id")),
            _ => Scope::Project(text("project_id")),
        };
        let client = ServiceClient::new(name, &recorder.url, &scope)?;
        Ok::<_, String>((cases, recorded, responses, index, client))
    })();
    let (cases, recorded, responses, index, client) = match loaded {
        Ok(loaded) => loaded,
        Err(problem) => {
            results.push(Outcome::failed("<setup>", problem));
            return results;
        }
    };
    for case in cases["cases"].as_array().into_iter().flatten() {
        let check = Check { client: &client, recorder, recorded: &recorded, index: &index };
        results.push(match Case::from_json(case) {
            Ok(case) => check.run(&case, &responses).await,
            Err(problem) => Outcome::failed("<case>", problem),
        });
    }
    results
}

/// What one case is checked against.
struct Check<'a> {
    client: &'a ServiceClient,
    recorder: &'a Recorder,
    recorded: &'a Value,
    index: &'a Value,
}

impl Check<'_> {
    async fn run(&self, case: &Case, responses: &Path) -> Outcome {
        let op = case.operation.as_str();
        let Some(expected) = self.recorded.get(op) else {
            return Outcome::failed(op, "not in the recorded file".into());
        };
        let entry = &self.index[op];
        let status = entry["status"].as_u64().and_then(|s| u16::try_from(s).ok()).unwrap_or(200);
        let full = match entry["body"].as_str() {
            Some(file) => match read_json(&responses.join(file)) {
                Ok(body) => Some(body),
                Err(problem) => return Outcome::failed(op, problem),
            },
            None => None,
        };
        let lacking = entry["export_lacks"].as_array().cloned().unwrap_or_default();
        let mut problems = Vec::new();

        // Request side, and the fully populated response decoding.
        let reply = full.as_ref().map(|b| b.to_string().into_bytes()).unwrap_or_default();
        self.recorder.prepare(status, reply);
        let decoded = self.client.call(case).await;
        problems.extend(case.unread().into_iter().map(|what| format!("{what} was never sent")));
        match self.recorder.take() {
            Some(sent) => problems.extend(compare::request(expected, &sent, &case.export_lacks)),
            None => problems.push("no request reached the recorder".into()),
        }
        match (decoded, &full) {
            (Err(error), _) => problems.push(error),
            (Ok(Some(value)), Some(full)) => {
                let full = compare::without_pointers(full, &lacking);
                problems.extend(compare::json("response re-encoded", &full, &value));
            }
            (Ok(None), None) => {}
            (Ok(Some(_)), None) => problems.push("decoded a body where the SDK has none".into()),
            (Ok(None), Some(_)) => problems.push("dropped a response body the SDK decodes".into()),
        }
        if let Some(variant) = entry["variant"].as_str() {
            problems.extend(self.variant(case, status, entry, &responses.join(variant)).await);
        }
        let mut notes = Vec::new();
        for (what, pointers) in [("request", &case.export_lacks), ("response", &lacking)] {
            let pointers: Vec<&str> = pointers.iter().filter_map(Value::as_str).collect();
            if !pointers.is_empty() {
                notes.push(format!("export lacks {what} {}", pointers.join(", ")));
            }
        }
        Outcome { case: op.to_string(), problems, notes }
    }

    /// Unknown members and enum values must not break decoding; unknown enum values survive.
    async fn variant(&self, case: &Case, status: u16, entry: &Value, file: &Path) -> Vec<String> {
        let variant = match read_json(file) {
            Ok(variant) => variant,
            Err(problem) => return vec![problem],
        };
        self.recorder.prepare(status, variant.to_string().into_bytes());
        match self.client.call(case).await {
            Ok(Some(value)) => {
                let mut left_out = entry["unknown_fields"].as_array().cloned().unwrap_or_default();
                left_out.extend(entry["export_lacks"].as_array().cloned().unwrap_or_default());
                let expected = compare::without_pointers(&variant, &left_out);
                compare::json("variant re-encoded", &expected, &value)
            }
            Ok(None) => vec!["variant decoded to nothing".into()],
            Err(error) => vec![format!("variant: {error}")],
        }
    }
}
