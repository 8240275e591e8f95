//! Shared by the `vpcep` benches: JSON bodies with every field filled, built from the spec.
//!
//! Bodies are derived from `specs/vpcep` rather than written by hand so that "all fields filled"
//! stays true when the spec gains a field. Each bench uses only some of these items.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::PathBuf;

use specbind::__private::serde_json::{self, Map, Value, json};

/// Every spec file of `specs/vpcep`, by file name.
pub struct Spec {
    files: BTreeMap<String, Value>,
}

impl Spec {
    /// Reads `specs/vpcep` relative to the `vpcep` crate.
    pub fn load() -> Self {
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../specs/vpcep");
        let mut files = BTreeMap::new();
        for entry in std::fs::read_dir(&dir).expect("specs/vpcep is readable") {
            let path = entry.expect("directory entry").path();
            if path.extension().is_some_and(|ext| ext == "json") {
                let text = std::fs::read(&path).expect("spec file is readable");
                let value = serde_json::from_slice(&text).expect("spec file is JSON");
                let name = path.file_name().unwrap().to_string_lossy().into_owned();
                files.insert(name, value);
            }
        }
        Self { files }
    }

    /// A sample of `components/schemas/<name>` declared in `file`, every property present.
    pub fn sample(&self, file: &str, name: &str, seed: u64) -> Value {
        let schema = self.resolve(file, &format!("#/components/schemas/{name}"));
        self.sample_schema(file, schema, seed, 0)
    }

    fn resolve(&self, file: &str, reference: &str) -> &Value {
        let (target, pointer) = reference.split_once('#').expect("$ref has a fragment");
        let target = if target.is_empty() { file } else { target };
        self.files[target].pointer(pointer).unwrap_or_else(|| panic!("{reference} resolves"))
    }

    fn sample_schema(&self, file: &str, schema: &Value, seed: u64, depth: usize) -> Value {
        if let Some(reference) = schema.get("$ref").and_then(Value::as_str) {
            let (target, _) = reference.split_once('#').unwrap();
            let target = if target.is_empty() { file } else { target };
            let resolved = self.resolve(file, reference);
            return self.sample_schema(target, resolved, seed, depth);
        }
        if let Some(values) = schema.get("enum").and_then(Value::as_array) {
            return values[seed as usize % values.len()].clone();
        }
        if let Some(parts) = schema.get("allOf").and_then(Value::as_array) {
            let mut merged = Map::new();
            for part in parts {
                if let Value::Object(fields) = self.sample_schema(file, part, seed, depth) {
                    merged.extend(fields);
                }
            }
            return Value::Object(merged);
        }
        let kind = schema.get("type").and_then(Value::as_str);
        match kind {
            Some("object") => self.sample_object(file, schema, seed, depth),
            Some("array") => {
                let items = &schema["items"];
                (0..2).map(|i| self.sample_schema(file, items, seed + i, depth + 1)).collect()
            }
            Some("string") => sample_string(schema, seed),
            Some("integer") => json!(1 + seed % 1000),
            Some("number") => json!(1.5 + (seed % 100) as f64),
            Some("boolean") => json!(seed.is_multiple_of(2)),
            // Free-form values (`policy_document`, `Condition`): an IAM-policy-shaped object.
            _ => {
                json!({"Version": "5.0", "Statement": [{"Effect": "Allow", "Action": ["obs:*:*"]}]})
            }
        }
    }

    fn sample_object(&self, file: &str, schema: &Value, seed: u64, depth: usize) -> Value {
        let mut fields = Map::new();
        if let Some(properties) = schema.get("properties").and_then(Value::as_object) {
            for (name, property) in properties {
                fields.insert(name.clone(), self.sample_schema(file, property, seed, depth + 1));
            }
        }
        Value::Object(fields)
    }
}

fn sample_string(schema: &Value, seed: u64) -> Value {
    match schema.get("format").and_then(Value::as_str) {
        Some("date-time") => json!("2026-11-28T15:04:05Z"),
        _ => {
            let max = schema.get("maxLength").and_then(Value::as_u64).unwrap_or(36).min(36);
            let text = format!("{seed:08x}-5f0c-4a6e-9d2b-3c1e7a9b0d42");
            json!(text[..max.max(1) as usize])
        }
    }
}

/// A `list_endpoints` response body with `count` endpoints, all fields filled, as JSON bytes.
pub fn list_endpoints_body(spec: &Spec, count: u64) -> Vec<u8> {
    let endpoints: Vec<Value> =
        (0..count).map(|i| spec.sample("ListEndpoints.json", "EndpointResponseBody", i)).collect();
    serde_json::to_vec(&json!({"endpoints": endpoints, "total_count": count}))
        .expect("JSON encodes")
}
