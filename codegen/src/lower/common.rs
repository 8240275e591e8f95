//! Helpers both document walkers (OpenAPI 3.0 and Swagger 2.0) share.

use heck::ToUpperCamelCase;
use serde_json::Value;

use crate::diag::Diagnostics;
use crate::load::SpecSet;
use crate::model::{HttpMethod, SpecLoc};

/// Follows `$ref`s (to shared parameters, bodies, responses, headers) to the object they name.
pub fn deref<'v>(
    set: &'v SpecSet,
    loc: &SpecLoc,
    value: &'v Value,
    diags: &mut Diagnostics,
) -> Option<(SpecLoc, &'v Value)> {
    let mut current = (loc.clone(), value);
    for _ in 0..16 {
        let Some(reference) = current.1.get("$ref") else { return Some(current) };
        let Some(reference) = reference.as_str() else {
            diags.error(&current.0.join("$ref"), "`$ref` must be a string");
            return None;
        };
        match set.resolve(&current.0.join("$ref"), reference) {
            Ok(found) => current = found,
            Err(message) => {
                diags.error(&current.0.join("$ref"), message);
                return None;
            }
        }
    }
    diags.error(loc, "`$ref` chain is too long or cyclic");
    None
}

/// The operation's id. A missing id is named from method and path (real documents omit it); one
/// that is present but unusable is a mistake we cannot guess around.
pub fn operation_id(
    loc: &SpecLoc,
    op: &Value,
    method: HttpMethod,
    path: &str,
    diags: &mut Diagnostics,
) -> Option<String> {
    match op.get("operationId").map(|id| id.as_str().map(str::trim)) {
        Some(Some(id)) if !id.is_empty() => Some(id.to_string()),
        Some(Some(_)) => {
            diags.error(&loc.join("operationId"), "`operationId` is empty");
            None
        }
        Some(None) => {
            diags.error(&loc.join("operationId"), "`operationId` must be a string");
            None
        }
        None => Some(synthesized_operation_id(method, path)),
    }
}

/// A stable name for an operation without `operationId`: the method and the literal path
/// segments, with placeholders as `By<Name>` (`GET /pets/{id}` → `GetPetsById`).
fn synthesized_operation_id(method: HttpMethod, path: &str) -> String {
    let mut words = vec![method.as_str().to_ascii_lowercase()];
    for segment in path.split('/').filter(|s| !s.is_empty()) {
        match segment.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
            Some(name) => words.push(format!("by_{name}")),
            None => words.push(segment.to_string()),
        }
    }
    words.join("_").to_upper_camel_case()
}

/// How a body of this media type is encoded, and its preference when several are offered
/// (JSON first, then form, multipart, text, raw bytes).
pub fn encoding_of(media: &str) -> (u8, crate::model::BodyEncoding) {
    use crate::model::BodyEncoding;
    let media = media.to_ascii_lowercase();
    if media.contains("json") {
        (0, BodyEncoding::Json)
    } else if media.starts_with("application/x-www-form-urlencoded") {
        (1, BodyEncoding::Form)
    } else if media.starts_with("multipart/") {
        (2, BodyEncoding::Multipart)
    } else if media.starts_with("text/") {
        (3, BodyEncoding::Text)
    } else {
        (4, BodyEncoding::Binary)
    }
}

/// In a `multipart/form-data` body, binary properties are files to upload, not base64 text:
/// turns the body struct's `Bytes` fields (and lists of them) into [`Primitive::File`].
///
/// [`Primitive::File`]: crate::model::Primitive::File
pub fn binary_fields_are_files(
    schemas: &mut super::schema::SchemaLowerer<'_>,
    body: &crate::model::RequestBody,
) {
    use crate::model::{BodyEncoding, Primitive, TypeKind, TypeRef};
    let TypeRef::Named(name) = &body.ty else { return };
    if body.encoding != BodyEncoding::Multipart {
        return;
    }
    let Some(TypeKind::Struct(shape)) = schemas.types.get_mut(name).map(|def| &mut def.kind) else {
        return;
    };
    for field in &mut shape.fields {
        match &mut field.ty {
            ty @ TypeRef::Primitive(Primitive::Bytes) => *ty = TypeRef::Primitive(Primitive::File),
            TypeRef::Array(item) if **item == TypeRef::Primitive(Primitive::Bytes) => {
                **item = TypeRef::Primitive(Primitive::File);
            }
            _ => {}
        }
    }
}

/// What a walker lowered for one operation, before the shared parts are added.
pub struct OperationParts {
    /// The operation id.
    pub id: String,
    /// Path, query and header parameters.
    pub params: Vec<crate::model::Parameter>,
    /// The request body.
    pub body: Option<crate::model::RequestBody>,
    /// Success responses.
    pub responses: Vec<crate::model::Response>,
}

/// The operation at `loc`: the walker's parts plus what every format shares (docs, deprecation,
/// the `x-specbind-*` extensions, idempotency).
pub fn assemble(
    loc: &SpecLoc,
    op: &Value,
    method: HttpMethod,
    path: &str,
    parts: OperationParts,
    diags: &mut Diagnostics,
) -> crate::model::Operation {
    let ext = super::extensions::operation_extensions(loc, op, diags);
    crate::model::Operation {
        id: parts.id,
        docs: super::schema::docs_of(op),
        deprecated: op.get("deprecated") == Some(&Value::Bool(true)),
        idempotent: method.is_idempotent() || ext.idempotent,
        loc: loc.clone(),
        method,
        path: path.to_string(),
        params: parts.params,
        body: parts.body,
        responses: parts.responses,
        pagination: ext.pagination,
        waiters: ext.waiters,
        retryable_codes: ext.retryable_codes,
        throttling_codes: ext.throttling_codes,
        infer: ext.infer,
        unavailable_in: ext.unavailable_in,
        regional_fields: ext.regional_fields,
    }
}

/// The client-configuration key filling this parameter, if any: `x-specbind-client-param`
/// (`true` → the parameter's name, a string → that key), or `project_id` / `domain_id` in the path of an API
/// Explorer export. (Only path parameters can be client parameters: the check stage says so.)
pub fn client_param(
    loc: &SpecLoc,
    param: &Value,
    name: &str,
    location: crate::model::ParamLocation,
    explorer: bool,
    diags: &mut Diagnostics,
) -> Option<String> {
    use crate::model::ParamLocation;
    let at = loc.join("x-specbind-client-param");
    // API Explorer exports leave the caller's own project or account id to the SDK.
    let scope_id = matches!(name, "project_id" | "domain_id");
    match param.get("x-specbind-client-param") {
        None if explorer && location == ParamLocation::Path && scope_id => Some(name.to_string()),
        None | Some(Value::Bool(false)) => None,
        Some(Value::Bool(true)) => Some(name.to_string()),
        Some(Value::String(key)) if !key.is_empty() => Some(key.clone()),
        Some(_) => {
            diags.error(&at, "must be `true` or a configuration key");
            None
        }
    }
}
