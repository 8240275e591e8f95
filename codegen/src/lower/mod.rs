//! Lowering: parsed spec documents → the format-neutral [`crate::model`].
//!
//! This module is the driver for every format: it reads `info`, registers the named schemas of
//! every file and walks `paths`, handing each operation to the walker of its document's format
//! (`openapi3` or `swagger2`). `schema` handles JSON Schema for both; `explorer` recognises
//! Huawei Cloud API Explorer exports of either; `extensions` reads the `x-specbind-*` keys;
//! `examples` repairs required properties that responses' own examples send as `null`; `infer`
//! adds paging and job waiters from operations' shapes; `common` holds what the walkers share.

mod common;
mod examples;
pub mod explorer;
pub mod extensions;
pub mod infer;
pub mod openapi3;
pub mod scalars;
pub mod schema;
pub mod swagger2;

use heck::ToUpperCamelCase;
use serde_json::Value;

use self::explorer::Format;
use self::openapi3::OperationWalker;
use self::schema::{SchemaLowerer, docs_of};
use self::swagger2::Swagger2Walker;
use crate::diag::Diagnostics;
use crate::load::{SpecFile, SpecSet};
use crate::model::*;

const METHODS: [(&str, HttpMethod); 7] = [
    ("get", HttpMethod::Get),
    ("put", HttpMethod::Put),
    ("post", HttpMethod::Post),
    ("delete", HttpMethod::Delete),
    ("patch", HttpMethod::Patch),
    ("head", HttpMethod::Head),
    ("options", HttpMethod::Options),
];

/// Lowers every API document of `set` into one [`Api`].
pub fn lower(set: &SpecSet, skip_invalid: bool, diags: &mut Diagnostics) -> Api {
    let documents: Vec<(&SpecFile, Format)> = set
        .roots()
        .filter_map(|file| document_format(file, skip_invalid, diags).map(|format| (file, format)))
        .collect();
    let mut api = Api::default();
    let mut schemas = SchemaLowerer::new(set);
    let mut named: Vec<(String, SpecLoc, &Value)> = Vec::new();
    for file in set.files() {
        api_info(&mut api, file, diags);
        register_schemas(file, &mut schemas, &mut named, diags);
    }
    for (name, loc, schema) in &named {
        schemas.lower_named(name, loc, schema, diags);
    }
    for (file, format) in documents {
        let Some(paths) = file.value.get("paths") else { continue };
        let paths_loc = file.root().join("paths");
        let Some(paths) = paths.as_object() else {
            diags.error(&paths_loc, "`paths` must be an object");
            continue;
        };
        for (path, item) in paths {
            let item_loc = paths_loc.join(path);
            if !path.starts_with('/') {
                diags.error(&item_loc, "a path must start with `/`");
            }
            for (key, method) in METHODS {
                let Some(op) = item.get(key) else { continue };
                let op_loc = item_loc.join(key);
                let explorer = format.is_explorer();
                let operation = match format {
                    Format::OpenApi3 { .. } => {
                        OperationWalker { set, path, item, method, explorer }.lower(
                            &op_loc,
                            op,
                            &mut schemas,
                            diags,
                        )
                    }
                    Format::Swagger2 { .. } => {
                        let consumes = explorer::media_types(file.value.get("consumes"));
                        let produces = explorer::media_types(file.value.get("produces"));
                        Swagger2Walker { set, path, item, method, explorer, consumes, produces }
                            .lower(&op_loc, op, &mut schemas, diags)
                    }
                };
                if let Some(operation) = operation {
                    insert_operation(&mut api, file, operation, diags);
                }
            }
        }
    }
    api.types = schemas.types;
    let any_explorer =
        set.roots().any(|file| explorer::detect(&file.value).is_ok_and(Format::is_explorer));
    let scope_declared =
        set.files().any(|file| file.value.pointer("/info/x-specbind-scope").is_some());
    if any_explorer && !scope_declared {
        explorer::apply_credential_scope(&mut api);
    }
    examples::nulls_from_examples(&mut api, set, diags);
    infer::infer(&mut api);
    api
}

/// Adds `operation`. An `operationId` used twice (exporters write one operation under two file
/// names that differ only in case) is repaired: the later one is named after its file, or
/// numbered, so both stay callable.
fn insert_operation(
    api: &mut Api,
    file: &SpecFile,
    mut operation: Operation,
    diags: &mut Diagnostics,
) {
    let Some(first) = api.operations.get(&operation.id) else {
        api.operations.insert(operation.id.clone(), operation);
        return;
    };
    let stem = file.path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let mut renamed = stem.to_upper_camel_case();
    let mut n = 2;
    while renamed.is_empty() || api.operations.contains_key(&renamed) {
        renamed = format!("{}{n}", operation.id);
        n += 1;
    }
    diags.repair(
        &operation.loc.join("operationId"),
        format!(
            "operationId `{}` is also used at {}; this one is bound as `{renamed}`",
            operation.id, first.loc
        ),
    );
    operation.id = renamed;
    api.operations.insert(operation.id.clone(), operation);
}

/// The format of `file`; reports (or with `skip_invalid`, skips) files that are not API documents.
fn document_format(file: &SpecFile, skip_invalid: bool, diags: &mut Diagnostics) -> Option<Format> {
    let problem = match explorer::detect(&file.value) {
        Ok(format) => return Some(format),
        Err(_) if !file.value.is_object() => {
            (file.root(), "a spec file must hold a JSON object".to_string())
        }
        Err(Some((key, version))) => (
            file.root().join(key),
            format!("unsupported version {version}; specbind reads OpenAPI 3.0.x and Swagger 2.0"),
        ),
        Err(None) => (file.root(), "not an OpenAPI document: no `openapi` version".to_string()),
    };
    if skip_invalid {
        diags.skip(&problem.0, format!("file left out: {}", problem.1));
    } else {
        diags.error(&problem.0, problem.1);
    }
    None
}

fn api_info(api: &mut Api, file: &SpecFile, diags: &mut Diagnostics) {
    let root = file.root();
    if let Some(info) = file.value.get("info") {
        api.title = api
            .title
            .take()
            .or_else(|| info.get("title").and_then(Value::as_str).map(str::to_string));
        if api.docs == Docs::default() {
            api.docs = docs_of(info);
        }
        read_service_location(api, &root.join("info"), info, diags);
        if let Some(service) = info.get("x-specbind-service") {
            match service.as_str().filter(|s| {
                !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
            }) {
                Some(service) => api.service = Some(service.to_string()),
                None => diags.error(
                    &root.join("info").join("x-specbind-service"),
                    "must be a service name such as `vpcep`",
                ),
            }
        }
    }
    if api.service.is_none() && explorer::detect(&file.value).is_ok_and(Format::is_explorer) {
        let text = |key: &str| file.value.get(key).and_then(Value::as_str);
        api.service = explorer::service_name(text("product_short"), text("host"));
        if api.host.is_none() {
            api.host = text("host").map(|host| explorer::host_template(host, text("region_id")));
        }
        api.title = api.title.take().or_else(|| {
            file.value.get("product_short").and_then(Value::as_str).map(str::to_string)
        });
    }
    for (key, codes) in [
        ("x-specbind-retryable-codes", &mut api.retryable_codes),
        ("x-specbind-throttling-codes", &mut api.throttling_codes),
    ] {
        let Some(value) = file.value.get(key) else { continue };
        for code in extensions::string_list(&root.join(key), value, diags) {
            if !codes.contains(&code) {
                codes.push(code);
            }
        }
    }
}

/// `info.x-specbind-host` (a host template) and `info.x-specbind-scope` (`project` or `domain`).
fn read_service_location(api: &mut Api, at: &SpecLoc, info: &Value, diags: &mut Diagnostics) {
    if let Some(host) = info.get("x-specbind-host") {
        match host.as_str().filter(|h| !h.is_empty() && !h.contains('/')) {
            Some(host) => api.host = Some(host.to_string()),
            None => diags.error(
                &at.join("x-specbind-host"),
                "must be a host such as `ecs.{region}.myhuaweicloud.com`",
            ),
        }
    }
    if let Some(scope) = info.get("x-specbind-scope") {
        match scope.as_str() {
            Some("project") => api.scope = CredentialScope::Project,
            Some("domain") => api.scope = CredentialScope::Domain,
            _ => diags.error(&at.join("x-specbind-scope"), "must be `project` or `domain`"),
        }
    }
}

/// Reserves a model name for each named schema (`components/schemas`, or Swagger 2.0
/// `definitions`). Identical schemas under one name in several files merge. Different ones are
/// an error in a hand-written spec; in API Explorer exports, where every file carries its own
/// copies, the later file's schema is renamed `<Name><FileStem>` (files are read in name order,
/// so the choice is stable) and nothing is dropped.
fn register_schemas<'v>(
    file: &'v SpecFile,
    schemas: &mut SchemaLowerer<'_>,
    named: &mut Vec<(String, SpecLoc, &'v Value)>,
    diags: &mut Diagnostics,
) {
    let explorer = explorer::detect(&file.value).is_ok_and(Format::is_explorer);
    for (pointer, segments) in [
        ("/components/schemas", ["components", "schemas"].as_slice()),
        ("/definitions", ["definitions"].as_slice()),
    ] {
        let Some(entries) = file.value.pointer(pointer).filter(|v| !v.is_null()) else { continue };
        let loc = segments.iter().fold(file.root(), |loc, segment| loc.join(segment));
        let Some(entries) = entries.as_object() else {
            diags.error(&loc, format!("`{}` must be an object", &pointer[1..]));
            continue;
        };
        for (name, schema) in entries {
            let at = loc.join(name);
            // An identical schema under the same key (in any file) is the same type.
            let key = at.pointer.rsplit('/').next().unwrap_or_default();
            let twin = named.iter().find(|(_, loc, value)| {
                loc.pointer.rsplit('/').next() == Some(key) && *value == schema
            });
            if let Some((model_name, _, _)) = twin {
                let model_name = model_name.clone();
                schemas.reserve(&at, &model_name);
                continue;
            }
            match named.iter().find(|(existing, _, _)| existing == name) {
                Some((_, first, _)) if !explorer => {
                    diags.error(&at, format!("schema `{name}` differs from the one at {first}"))
                }
                found => {
                    let model_name = match (found, name.is_empty()) {
                        (_, true) => schemas.fresh_name("Schema"),
                        (None, false) => name.clone(),
                        (Some(_), false) => {
                            let stem = file
                                .path
                                .file_stem()
                                .map(|s| s.to_string_lossy().into_owned())
                                .unwrap_or_default();
                            schemas.fresh_name(&format!("{name}{stem}"))
                        }
                    };
                    schemas.reserve(&at, &model_name);
                    named.push((model_name, at, schema));
                }
            }
        }
    }
}
