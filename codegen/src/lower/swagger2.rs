//! Swagger 2.0 operations → the model. Schemas (`definitions`, `$ref: #/definitions/…`) go
//! through the same [`SchemaLowerer`] as OpenAPI 3.0; what differs is where types live:
//! parameters carry `type`/`format`/`items` themselves, the body is an `in: body` parameter,
//! form fields are `in: formData` parameters, and media types come from `consumes`/`produces`.

use serde_json::{Map, Value, json};

use super::common::{self, encoding_of};
use super::explorer::is_runtime_header;
use super::schema::{SchemaLowerer, constraints_of, docs_of};
use crate::diag::Diagnostics;
use crate::load::SpecSet;
use crate::model::*;

/// Keys of a Swagger 2.0 parameter that describe its value (the rest describe the parameter).
const VALUE_KEYS: [&str; 13] = [
    "type",
    "format",
    "items",
    "enum",
    "default",
    "minimum",
    "maximum",
    "minLength",
    "maxLength",
    "pattern",
    "minItems",
    "maxItems",
    "description",
];

/// Lowers one Swagger 2.0 operation.
pub struct Swagger2Walker<'a> {
    /// All spec files, to resolve `$ref`s.
    pub set: &'a SpecSet,
    /// Path template.
    pub path: &'a str,
    /// The path item (for path-level parameters).
    pub item: &'a Value,
    /// HTTP method.
    pub method: HttpMethod,
    /// An API Explorer export: runtime-owned headers are dropped and `project_id` comes from
    /// client configuration.
    pub explorer: bool,
    /// Document-level `consumes`.
    pub consumes: Vec<String>,
    /// Document-level `produces`.
    pub produces: Vec<String>,
}

impl Swagger2Walker<'_> {
    /// The operation at `loc`, or `None` after reporting why it cannot be used.
    pub fn lower(
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
        let (params, body) = self.parameters(loc, op, &id, schemas, diags);
        let responses = self.responses(loc, op, &id, schemas, diags);
        let parts = common::OperationParts { id, params, body, responses };
        Some(common::assemble(loc, op, self.method, self.path, parts, diags))
    }

    fn media(&self, op: &Value, key: &str, document: &[String]) -> String {
        let own = super::explorer::media_types(op.get(key));
        own.into_iter()
            .chain(document.iter().cloned())
            .min_by_key(|media| encoding_of(media).0)
            .unwrap_or_else(|| "application/json".to_string())
    }

    fn parameters(
        &self,
        loc: &SpecLoc,
        op: &Value,
        id: &str,
        schemas: &mut SchemaLowerer<'_>,
        diags: &mut Diagnostics,
    ) -> (Vec<Parameter>, Option<RequestBody>) {
        let item_loc =
            SpecLoc::new(loc.file.clone(), loc.pointer.rsplit_once('/').map_or("", |(p, _)| p));
        let lists = [
            (item_loc.join("parameters"), self.item.get("parameters")),
            (loc.join("parameters"), op.get("parameters")),
        ];
        let (mut params, mut body, mut form) = (Vec::<Parameter>::new(), None, Vec::new());
        for (list_loc, list) in lists {
            let Some(list) = list.and_then(Value::as_array) else { continue };
            for (i, param) in list.iter().enumerate() {
                let Some((at, param)) = common::deref(self.set, &list_loc.join(i), param, diags)
                else {
                    continue;
                };
                let name =
                    param.get("name").and_then(Value::as_str).unwrap_or_default().to_string();
                let location = match param.get("in").and_then(Value::as_str) {
                    Some("body") => {
                        body = self.body(&at, param, op, id, schemas, diags);
                        continue;
                    }
                    Some("formData") => {
                        form.push((name, param.clone()));
                        continue;
                    }
                    Some("path") => ParamLocation::Path,
                    Some("query") => ParamLocation::Query,
                    Some("header") if self.explorer && is_runtime_header(&name) => {
                        super::explorer::refuse_own_signature(&at, &name, param, diags);
                        continue;
                    }
                    Some("header") => ParamLocation::Header,
                    _ => {
                        diags.repair(
                            &at.join("in"),
                            "`in` must be path, query, header, body or formData; left out",
                        );
                        continue;
                    }
                };
                if name.is_empty() {
                    diags.error(&at, "parameter has no `name`");
                    continue;
                }
                let hint = format!("{id}_{name}");
                let ty = schemas.type_of(&at, &value_schema(param), &hint, diags);
                let client_param =
                    common::client_param(&at, param, &name, location, self.explorer, diags);
                params.retain(|p: &Parameter| !(p.name == name && p.location == location));
                params.push(Parameter {
                    required: location == ParamLocation::Path
                        || param.get("required") == Some(&Value::Bool(true)),
                    explode: param.get("collectionFormat").and_then(Value::as_str) == Some("multi"),
                    default: param.get("default").cloned(),
                    constraints: constraints_of(param),
                    docs: docs_of(param),
                    loc: at,
                    name,
                    location,
                    ty,
                    client_param,
                });
            }
        }
        if !form.is_empty() && body.is_none() {
            body = self.form_body(loc, op, &form, id, schemas, diags);
        }
        (params, body)
    }

    fn body(
        &self,
        at: &SpecLoc,
        param: &Value,
        op: &Value,
        id: &str,
        schemas: &mut SchemaLowerer<'_>,
        diags: &mut Diagnostics,
    ) -> Option<RequestBody> {
        let content_type = self.media(op, "consumes", &self.consumes);
        let encoding = encoding_of(&content_type).1;
        let ty = match param.get("schema") {
            Some(schema) => {
                schemas.type_of(&at.join("schema"), schema, &format!("{id}RequestBody"), diags)
            }
            None => TypeRef::Any,
        };
        Some(RequestBody {
            content_type,
            encoding,
            ty,
            required: param.get("required") == Some(&Value::Bool(true)),
            docs: docs_of(param),
            loc: at.clone(),
        })
    }

    /// `formData` parameters become one object body, sent as a form (multipart with files).
    fn form_body(
        &self,
        loc: &SpecLoc,
        op: &Value,
        form: &[(String, Value)],
        id: &str,
        schemas: &mut SchemaLowerer<'_>,
        diags: &mut Diagnostics,
    ) -> Option<RequestBody> {
        let mut properties = Map::new();
        let mut required = Vec::new();
        for (name, param) in form {
            properties.insert(name.clone(), value_schema(param));
            if param.get("required") == Some(&Value::Bool(true)) {
                required.push(Value::String(name.clone()));
            }
        }
        let has_file =
            form.iter().any(|(_, p)| p.get("type").and_then(Value::as_str) == Some("file"));
        let schema = json!({ "type": "object", "properties": properties, "required": required });
        let ty =
            schemas.type_of(&loc.join("parameters"), &schema, &format!("{id}RequestBody"), diags);
        let declared = self.media(op, "consumes", &self.consumes);
        let content_type = match (has_file, encoding_of(&declared).1) {
            (true, _) => "multipart/form-data".to_string(),
            (false, BodyEncoding::Form | BodyEncoding::Multipart) => declared,
            (false, _) => "application/x-www-form-urlencoded".to_string(),
        };
        let encoding = encoding_of(&content_type).1;
        let required = !required.is_empty();
        let body = RequestBody {
            content_type,
            encoding,
            ty,
            required,
            docs: Docs::default(),
            loc: loc.join("parameters"),
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
        let Some(list) = op.get("responses").and_then(Value::as_object) else { return Vec::new() };
        let content_type = self.media(op, "produces", &self.produces);
        let mut out: Vec<Response> = Vec::new();
        for (code, response) in list {
            let Ok(status @ 200..=299) = code.parse::<u16>() else { continue };
            let Some((at, response)) =
                common::deref(self.set, &list_loc.join(code), response, diags)
            else {
                continue;
            };
            let hint = if status == 200 {
                format!("{id}ResponseBody")
            } else {
                format!("{id}Response{status}Body")
            };
            let body = response.get("schema").map(|schema| ResponseBody {
                ty: schemas.type_of(&at.join("schema"), schema, &hint, diags),
                content_type: content_type.clone(),
                encoding: encoding_of(&content_type).1,
            });
            let headers = response
                .get("headers")
                .and_then(Value::as_object)
                .map(|headers| {
                    headers
                        .iter()
                        .map(|(name, header)| ResponseHeader {
                            name: name.clone(),
                            ty: schemas.type_of(
                                &at.join("headers").join(name),
                                &value_schema(header),
                                &format!("{name}Header"),
                                diags,
                            ),
                            docs: docs_of(header),
                        })
                        .collect()
                })
                .unwrap_or_default();
            out.push(Response { status, body, headers, docs: docs_of(response), loc: at });
        }
        out.sort_by_key(|response| response.status);
        out
    }
}

/// The schema of a parameter's (or header's) value: its value keywords, with `type: file`
/// read as binary.
fn value_schema(param: &Value) -> Value {
    let mut schema: Map<String, Value> = VALUE_KEYS
        .iter()
        .filter_map(|key| param.get(*key).map(|value| (key.to_string(), value.clone())))
        .collect();
    if schema.get("type").and_then(Value::as_str) == Some("file") {
        schema.insert("type".into(), "string".into());
        schema.insert("format".into(), "binary".into());
    }
    if !schema.contains_key("type") {
        schema.insert("type".into(), "string".into());
    }
    Value::Object(schema)
}
