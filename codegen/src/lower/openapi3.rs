//! OpenAPI 3.0 documents → the model. Walks `info`, `components` and `paths` of every file;
//! schemas go through [`SchemaLowerer`], extensions through [`extensions`].

use std::collections::BTreeMap;

use heck::ToUpperCamelCase;
use serde_json::Value;

use super::explorer::{self, Format};
use super::schema::{SchemaLowerer, constraints_of, docs_of};
use super::swagger2::Swagger2Walker;
use super::{common, extensions};
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
                    match api.operations.get(&operation.id) {
                        Some(first) => diags.error(
                            &op_loc.join("operationId"),
                            format!("operationId `{}` is also used at {}", operation.id, first.loc),
                        ),
                        None => {
                            api.operations.insert(operation.id.clone(), operation);
                        }
                    }
                }
            }
        }
    }
    api.types = schemas.types;
    api
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
    if !skip_invalid {
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
        api.service =
            file.value.get("host").and_then(Value::as_str).and_then(explorer::service_from_host);
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

/// Lowers one operation object.
struct OperationWalker<'a> {
    set: &'a SpecSet,
    path: &'a str,
    item: &'a Value,
    method: HttpMethod,
    /// An API Explorer export: runtime-owned headers are dropped and `project_id` comes from
    /// client configuration.
    explorer: bool,
}

impl OperationWalker<'_> {
    fn lower(
        &self,
        loc: &SpecLoc,
        op: &Value,
        schemas: &mut SchemaLowerer<'_>,
        diags: &mut Diagnostics,
    ) -> Option<Operation> {
        if !op.is_object() {
            diags.error(loc, "an operation must be a JSON object");
            return None;
        }
        let id = common::operation_id(loc, op, self.method, self.path, diags)?;
        let params = self.parameters(loc, op, &id, schemas, diags);
        let body = op.get("requestBody").and_then(|body| {
            self.request_body(&loc.join("requestBody"), body, &id, schemas, diags)
        });
        let responses = self.responses(loc, op, &id, schemas, diags);
        let parts = common::OperationParts { id, params, body, responses };
        Some(common::assemble(loc, op, self.method, self.path, parts, diags))
    }

    /// Follows a `$ref` (to `components/parameters`, `requestBodies`, `responses`, `headers`).
    fn deref<'v>(
        &'v self,
        loc: &SpecLoc,
        value: &'v Value,
        diags: &mut Diagnostics,
    ) -> Option<(SpecLoc, &'v Value)> {
        common::deref(self.set, loc, value, diags)
    }

    fn parameters(
        &self,
        loc: &SpecLoc,
        op: &Value,
        id: &str,
        schemas: &mut SchemaLowerer<'_>,
        diags: &mut Diagnostics,
    ) -> Vec<Parameter> {
        let mut params: Vec<Parameter> = Vec::new();
        let item_loc =
            SpecLoc::new(loc.file.clone(), loc.pointer.rsplit_once('/').map_or("", |(p, _)| p));
        let lists = [
            (item_loc.join("parameters"), self.item.get("parameters")),
            (loc.join("parameters"), op.get("parameters")),
        ];
        for (list_loc, list) in lists {
            let Some(list) = list else { continue };
            let Some(list) = list.as_array() else {
                diags.error(&list_loc, "`parameters` must be an array");
                continue;
            };
            for (i, param) in list.iter().enumerate() {
                let Some((at, param)) = self.deref(&list_loc.join(i), param, diags) else {
                    continue;
                };
                // Runtime-owned headers of API Explorer exports are dropped before their
                // schemas are lowered, so they leave no types behind.
                let is_header = param.get("in").and_then(Value::as_str) == Some("header");
                let name = param.get("name").and_then(Value::as_str).unwrap_or_default();
                if self.explorer && is_header && explorer::is_runtime_header(name) {
                    continue;
                }
                let Some(param) = self.parameter(&at, param, id, schemas, diags) else { continue };
                // Operation-level parameters override path-level ones with the same name and place.
                params.retain(|p| !(p.name == param.name && p.location == param.location));
                params.push(param);
            }
        }
        params
    }

    fn parameter(
        &self,
        loc: &SpecLoc,
        param: &Value,
        id: &str,
        schemas: &mut SchemaLowerer<'_>,
        diags: &mut Diagnostics,
    ) -> Option<Parameter> {
        let Some(name) = param.get("name").and_then(Value::as_str) else {
            diags.error(loc, "parameter has no `name`");
            return None;
        };
        let location = match param.get("in").and_then(Value::as_str) {
            Some("path") => ParamLocation::Path,
            Some("query") => ParamLocation::Query,
            Some("header") => ParamLocation::Header,
            Some("cookie") => {
                diags.error(&loc.join("in"), "cookie parameters are not supported");
                return None;
            }
            _ => {
                diags.error(&loc.join("in"), "`in` must be `path`, `query` or `header`");
                return None;
            }
        };
        let hint = format!("{id}_{name}").to_upper_camel_case();
        let schema =
            param.get("schema").or_else(|| param.pointer("/content/application~1json/schema"));
        let ty = match schema {
            Some(schema) => schemas.type_of(&loc.join("schema"), schema, &hint, diags),
            None => TypeRef::Primitive(Primitive::String),
        };
        let client_param = common::client_param(loc, param, name, location, self.explorer, diags);
        let schema_value = schema.cloned().unwrap_or(Value::Null);
        Some(Parameter {
            name: name.to_string(),
            location,
            ty,
            required: location == ParamLocation::Path
                || param.get("required") == Some(&Value::Bool(true)),
            client_param,
            explode: param.get("explode").and_then(Value::as_bool).unwrap_or(true),
            default: schema_value.get("default").cloned(),
            constraints: constraints_of(&schema_value),
            docs: docs_of(param),
            loc: loc.clone(),
        })
    }

    fn request_body(
        &self,
        loc: &SpecLoc,
        body: &Value,
        id: &str,
        schemas: &mut SchemaLowerer<'_>,
        diags: &mut Diagnostics,
    ) -> Option<RequestBody> {
        let (at, body) = self.deref(loc, body, diags)?;
        let (content_type, encoding, schema_loc, schema) = pick_content(&at, body, diags)?;
        let ty = match schema {
            Some(schema) => {
                schemas.type_of(&schema_loc, schema, &format!("{id}RequestBody"), diags)
            }
            None if encoding == BodyEncoding::Json => TypeRef::Any,
            None => TypeRef::Primitive(Primitive::Bytes),
        };
        Some(RequestBody {
            content_type,
            encoding,
            ty,
            required: body.get("required") == Some(&Value::Bool(true)),
            docs: docs_of(body),
            loc: at,
        })
    }

    fn responses(
        &self,
        loc: &SpecLoc,
        op: &Value,
        id: &str,
        schemas: &mut SchemaLowerer<'_>,
        diags: &mut Diagnostics,
    ) -> Vec<Response> {
        let list_loc = loc.join("responses");
        let Some(list) = op.get("responses").and_then(Value::as_object) else {
            if op.get("responses").is_some() {
                diags.error(&list_loc, "`responses` must be an object");
            }
            return Vec::new();
        };
        let mut out: Vec<Response> = Vec::new();
        for (code, response) in list {
            let status = match code.as_str() {
                "2XX" | "2xx" => 200,
                code => match code.parse::<u16>() {
                    Ok(status @ 200..=299) => status,
                    Ok(100..=599) => continue,
                    _ if code == "default" || code.ends_with("XX") || code.ends_with("xx") => {
                        continue;
                    }
                    _ => {
                        diags.error(
                            &list_loc.join(code),
                            "a response key must be an HTTP status, `2XX` or `default`",
                        );
                        continue;
                    }
                },
            };
            let Some((at, response)) = self.deref(&list_loc.join(code), response, diags) else {
                continue;
            };
            let hint = if status == 200 {
                format!("{id}ResponseBody")
            } else {
                format!("{id}Response{status}Body")
            };
            let body = match response
                .get("content")
                .filter(|c| c.as_object().is_some_and(|c| !c.is_empty()))
            {
                None => None,
                Some(_) => pick_content(&at, response, diags).map(
                    |(content_type, encoding, schema_loc, schema)| ResponseBody {
                        ty: match schema {
                            Some(schema) => schemas.type_of(&schema_loc, schema, &hint, diags),
                            None if encoding == BodyEncoding::Json => TypeRef::Any,
                            None => TypeRef::Primitive(Primitive::Bytes),
                        },
                        content_type,
                        encoding,
                    },
                ),
            };
            let headers = self.response_headers(&at, response, schemas, diags);
            out.push(Response { status, body, headers, docs: docs_of(response), loc: at });
        }
        out.sort_by_key(|response| response.status);
        out
    }

    fn response_headers(
        &self,
        loc: &SpecLoc,
        response: &Value,
        schemas: &mut SchemaLowerer<'_>,
        diags: &mut Diagnostics,
    ) -> Vec<ResponseHeader> {
        let Some(headers) = response.get("headers").and_then(Value::as_object) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for (name, header) in headers {
            let Some((at, header)) = self.deref(&loc.join("headers").join(name), header, diags)
            else {
                continue;
            };
            let ty = match header.get("schema") {
                Some(schema) => {
                    schemas.type_of(&at.join("schema"), schema, &format!("{name}Header"), diags)
                }
                None => TypeRef::Primitive(Primitive::String),
            };
            out.push(ResponseHeader { name: name.clone(), ty, docs: docs_of(header) });
        }
        out
    }
}

/// Chooses the media type to use from a `content` map: JSON first, then form, multipart, text,
/// raw bytes.
fn pick_content<'v>(
    loc: &SpecLoc,
    holder: &'v Value,
    diags: &mut Diagnostics,
) -> Option<(String, BodyEncoding, SpecLoc, Option<&'v Value>)> {
    let content_loc = loc.join("content");
    let Some(content) = holder.get("content").and_then(Value::as_object).filter(|c| !c.is_empty())
    else {
        diags.error(&content_loc, "`content` must name at least one media type");
        return None;
    };
    let rank = |media: &str| common::encoding_of(media);
    let (media, value) = content.iter().min_by_key(|(media, _)| rank(media).0)?;
    let encoding = rank(media).1;
    let at = content_loc.join(media).join("schema");
    Some((media.clone(), encoding, at, value.get("schema")))
}
