//! OpenAPI 3.0 operations → the model: parameters (with `schema` or `content`), `requestBody`
//! and `responses` with `content` maps. Schemas go through [`SchemaLowerer`]; the driver in
//! [`super`] walks the documents and calls this walker for each OpenAPI 3.0 operation.

use heck::ToUpperCamelCase;
use serde_json::Value;

use super::common;
use super::explorer;
use super::schema::{SchemaLowerer, constraints_of, docs_of};
use crate::diag::Diagnostics;
use crate::load::SpecSet;
use crate::model::*;

/// Lowers one OpenAPI 3.0 operation object.
pub(super) struct OperationWalker<'a> {
    pub(super) set: &'a SpecSet,
    pub(super) path: &'a str,
    pub(super) item: &'a Value,
    pub(super) method: HttpMethod,
    /// An API Explorer export: runtime-owned headers are dropped and `project_id` comes from
    /// client configuration.
    pub(super) explorer: bool,
}

impl OperationWalker<'_> {
    pub(super) fn lower(
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
                    explorer::refuse_own_signature(&at, name, param, diags);
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
                diags.repair(&loc.join("in"), "cookie parameters are not supported; left out");
                return None;
            }
            _ => {
                diags.repair(&loc.join("in"), "`in` must be `path`, `query` or `header`; left out");
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
        let body = RequestBody {
            content_type,
            encoding,
            ty,
            required: body.get("required") == Some(&Value::Bool(true)),
            docs: docs_of(body),
            loc: at,
        };
        common::binary_fields_are_files(schemas, &body);
        Some(body)
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
                        diags.repair(
                            &list_loc.join(code),
                            "a response key must be an HTTP status, `2XX` or `default`; ignored",
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
