//! The operations of `specs/vpcep` read straight from the spec files, independently of the
//! simulator's compiled-in table, so tests compare the simulator against the specs themselves.

use std::collections::BTreeSet;

use serde_json::Value;
use vpcep_sim::Tenant;

/// One spec operation.
#[derive(Debug, Clone)]
pub struct SpecOp {
    /// `operationId`.
    pub id: String,
    /// HTTP method, upper case.
    pub method: String,
    /// Path template.
    pub path: String,
    /// `x-specbind-unavailable-in`.
    pub unavailable_in: Vec<String>,
}

impl SpecOp {
    /// The path with `{project_id}` as `tenant`'s project, `{resource_type}` as
    /// `endpoint_service`, `{version}` as `v1` and every other parameter an id nothing has.
    pub fn concrete_path(&self, tenant: &Tenant) -> String {
        self.path
            .split('/')
            .map(|part| match part {
                "{project_id}" => tenant.project_id.clone(),
                "{resource_type}" => "endpoint_service".into(),
                "{version}" => "v1".into(),
                p if p.starts_with('{') => "5f0c2a7e-0000-4000-8000-000000000000".into(),
                p => p.into(),
            })
            .collect::<Vec<_>>()
            .join("/")
    }
}

/// Every operation of `specs/vpcep`.
pub fn operations() -> Vec<SpecOp> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../specs/vpcep");
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).expect("specs/vpcep is readable") {
        let path = entry.expect("a directory entry").path();
        if path.extension().is_none_or(|ext| ext != "json") {
            continue;
        }
        let doc: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let Some(paths) = doc["paths"].as_object() else { continue };
        for (template, item) in paths {
            for (method, operation) in item.as_object().expect("a path item") {
                let Some(id) = operation["operationId"].as_str() else { continue };
                let unavailable_in = operation["x-specbind-unavailable-in"]
                    .as_array()
                    .map(|list| list.iter().filter_map(|r| r.as_str().map(Into::into)).collect())
                    .unwrap_or_default();
                found.push(SpecOp {
                    id: id.into(),
                    method: method.to_ascii_uppercase(),
                    path: template.clone(),
                    unavailable_in,
                });
            }
        }
    }
    found.sort_by(|a, b| a.id.cmp(&b.id));
    found
}

/// The ids of the operations `region` offers according to the specs.
pub fn offered_in(region: &str) -> BTreeSet<String> {
    operations()
        .into_iter()
        .filter(|op| !op.unavailable_in.iter().any(|r| r == region))
        .map(|op| op.id)
        .collect()
}
