//! The intermediate model every input format lowers into and every emitter reads.
//!
//! The model is format-neutral: OpenAPI 3.0, Swagger 2.0 and API Explorer exports all lower
//! into it, so checks and emission are written once. Every node keeps the [`SpecLoc`] it came
//! from so any later stage can point at the exact place in the user's spec.
//!
//! Names in the model are *wire* names (as they appear in the spec), except the names lowering
//! makes up for inline schemas and renamed duplicates: those are built from their parents'
//! names in UpperCamelCase (`ListThingsResponseBody`), so that they read like schema names and
//! stay unique across the API. Turning any model name into a Rust identifier (keywords,
//! collisions, casing) is still the job of [`crate::ident`], at emission time.

use std::collections::BTreeMap;
use std::fmt;
use std::sync::Arc;

/// A place in a spec file: the file (as the user should see it) and a JSON pointer into it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SpecLoc {
    /// File path as shown in diagnostics (relative to the crate when possible).
    pub file: Arc<str>,
    /// RFC 6901 JSON pointer, `""` for the document root.
    pub pointer: String,
}

impl SpecLoc {
    /// A location at `pointer` inside `file`.
    pub fn new(file: impl Into<Arc<str>>, pointer: impl Into<String>) -> Self {
        Self { file: file.into(), pointer: pointer.into() }
    }

    /// The location of a child member or array index, escaping `~` and `/` per RFC 6901.
    pub fn join(&self, segment: impl fmt::Display) -> Self {
        let segment = segment.to_string().replace('~', "~0").replace('/', "~1");
        Self { file: self.file.clone(), pointer: format!("{}/{}", self.pointer, segment) }
    }
}

impl fmt::Display for SpecLoc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}#{}", self.file, self.pointer)
    }
}

/// Human documentation attached to a node; rendered as rustdoc.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Docs {
    /// One-line summary (OpenAPI `summary` or `title`).
    pub summary: Option<String>,
    /// Longer description (OpenAPI `description`).
    pub description: Option<String>,
}

/// One whole API: every named type and every operation from all input files.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Api {
    /// API title (`info.title`).
    pub title: Option<String>,
    /// API-level documentation.
    pub docs: Docs,
    /// Service name used for endpoint resolution, e.g. `vpcep` in
    /// `https://vpcep.{region}.myhuaweicloud.com` (`info.x-specbind-service`, or an export's `host`).
    pub service: Option<String>,
    /// Host template of the service: `ecs.{region}.myhuaweicloud.com` for a regional service,
    /// a plain host (`eps.myhuaweicloud.com`) for a global one (`info.x-specbind-host`, or an
    /// export's `host` with its `region_id` as `{region}`). `None`: `{service}.{region}.myhuaweicloud.com`.
    pub host: Option<String>,
    /// Whose id scopes the credentials: the project (`X-Project-Id`, `{project_id}`) or the
    /// account (`X-Domain-Id`, `{domain_id}`), as the official SDKs' basic and global credentials.
    pub scope: CredentialScope,
    /// Named types keyed by their model name (the schema name; unique across the API).
    pub types: BTreeMap<String, TypeDef>,
    /// Operations keyed by `operationId`.
    pub operations: BTreeMap<String, Operation>,
    /// Service error codes that are worth retrying (`x-specbind-retryable-codes`).
    pub retryable_codes: Vec<String>,
    /// Service error codes that mean the caller is throttled (`x-specbind-throttling-codes`).
    pub throttling_codes: Vec<String>,
}

/// Whose id a service's requests are scoped by.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum CredentialScope {
    /// The caller's project (most regional services).
    #[default]
    Project,
    /// The caller's account (global services such as IAM, EPS, Organizations).
    Domain,
}

/// A named type.
#[derive(Debug, Clone, PartialEq)]
pub struct TypeDef {
    /// Model name (the schema name, or a synthesized name for inline schemas).
    pub name: String,
    /// Where the schema is defined.
    pub loc: SpecLoc,
    /// Documentation.
    pub docs: Docs,
    /// What the type is.
    pub kind: TypeKind,
}

/// The shape of a named type.
#[derive(Debug, Clone, PartialEq)]
pub enum TypeKind {
    /// An object with known properties (after `allOf` merging).
    Struct(StructDef),
    /// A string enumeration.
    StringEnum(StringEnumDef),
    /// `oneOf` / `anyOf`.
    Union(UnionDef),
    /// Any other schema given a name (e.g. `type: array` or `type: string` at the top level).
    Alias(TypeRef),
}

/// An object type.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct StructDef {
    /// Properties in spec order.
    pub fields: Vec<Field>,
    /// Type of extra properties when `additionalProperties` is a schema (or `true` → `Any`).
    pub additional_properties: Option<TypeRef>,
}

/// One property of an object type.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// Property name on the wire.
    pub wire_name: String,
    /// Property type.
    pub ty: TypeRef,
    /// Listed in `required`.
    pub required: bool,
    /// `nullable: true` (the value may be JSON `null`).
    pub nullable: bool,
    /// Default value from the spec, if any.
    pub default: Option<serde_json::Value>,
    /// Validation limits from the spec (documented; enforced by servers, not by the client).
    pub constraints: Constraints,
    /// Marked `readOnly` in the spec.
    pub read_only: bool,
    /// Marked `deprecated` in the spec.
    pub deprecated: bool,
    /// Documentation.
    pub docs: Docs,
    /// Where the property is defined.
    pub loc: SpecLoc,
}

/// A request body field that only some regions offer, or only some of its values
/// (`x-specbind-regional-fields`).
#[derive(Debug, Clone, PartialEq)]
pub struct RegionalField {
    /// Wire name of a top-level field of the JSON request body.
    pub field: String,
    /// The values only those regions offer; empty: any value of the field.
    pub values: Vec<String>,
    /// The regions that offer it.
    pub regions: Vec<String>,
    /// Where the entry is written.
    pub loc: SpecLoc,
}

/// Validation limits carried from the spec into documentation.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Constraints {
    /// `minLength`.
    pub min_length: Option<u64>,
    /// `maxLength`.
    pub max_length: Option<u64>,
    /// `minimum`.
    pub minimum: Option<f64>,
    /// `maximum`.
    pub maximum: Option<f64>,
    /// `minItems`.
    pub min_items: Option<u64>,
    /// `maxItems`.
    pub max_items: Option<u64>,
    /// `pattern`.
    pub pattern: Option<String>,
}

/// A string enumeration. Emitted with a catch-all variant so unknown values round-trip.
#[derive(Debug, Clone, PartialEq)]
pub struct StringEnumDef {
    /// Known values on the wire, in spec order, without duplicates.
    pub values: Vec<String>,
}

/// `oneOf` / `anyOf`.
#[derive(Debug, Clone, PartialEq)]
pub struct UnionDef {
    /// The alternatives in spec order.
    pub variants: Vec<UnionVariant>,
    /// Present when the spec gives a `discriminator`: serialize as an internally tagged enum.
    pub discriminator: Option<Discriminator>,
}

/// One alternative of a union.
#[derive(Debug, Clone, PartialEq)]
pub struct UnionVariant {
    /// Suggested variant name (the referenced schema name, or a synthesized one).
    pub name: String,
    /// The alternative's type.
    pub ty: TypeRef,
}

/// `discriminator` of a union.
#[derive(Debug, Clone, PartialEq)]
pub struct Discriminator {
    /// Property that carries the tag.
    pub property: String,
    /// Tag value for each variant, by variant index. Defaults to the variant's schema name.
    pub tags: Vec<String>,
}

/// A reference to a type, as used by fields, parameters and bodies.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TypeRef {
    /// A named type in [`Api::types`].
    Named(String),
    /// A scalar.
    Primitive(Primitive),
    /// `type: array`.
    Array(Box<TypeRef>),
    /// `additionalProperties` with no fixed properties: a string-keyed map.
    Map(Box<TypeRef>),
    /// Free-form value (`{}`, `type: object` with nothing else): `serde_json::Value`.
    Any,
}

/// Scalar types, chosen from `type` + `format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Primitive {
    /// `string` (any format without a better mapping, including `date-time`, `uuid`).
    String,
    /// `string` + `format: binary` / `byte` in a JSON body: kept as a string; raw bodies use bytes.
    Bytes,
    /// `boolean`.
    Bool,
    /// `integer` + `int32`.
    I32,
    /// `integer` + `int64`, or `integer` without a format.
    I64,
    /// `number` + `float`.
    F32,
    /// `number` + `double`, or `number` without a format.
    F64,
    /// A file uploaded in a `multipart/form-data` body (Swagger 2.0 `type: file`, or a binary
    /// property of a multipart schema): `specbind::FilePart`.
    File,
}

/// An HTTP method.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum HttpMethod {
    /// GET
    Get,
    /// PUT
    Put,
    /// POST
    Post,
    /// DELETE
    Delete,
    /// PATCH
    Patch,
    /// HEAD
    Head,
    /// OPTIONS
    Options,
}

impl HttpMethod {
    /// The method as written on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            HttpMethod::Get => "GET",
            HttpMethod::Put => "PUT",
            HttpMethod::Post => "POST",
            HttpMethod::Delete => "DELETE",
            HttpMethod::Patch => "PATCH",
            HttpMethod::Head => "HEAD",
            HttpMethod::Options => "OPTIONS",
        }
    }

    /// Whether resending the request is safe by HTTP semantics.
    pub fn is_idempotent(self) -> bool {
        !matches!(self, HttpMethod::Post | HttpMethod::Patch)
    }
}

/// One API operation.
#[derive(Debug, Clone, PartialEq)]
pub struct Operation {
    /// `operationId` as written in the spec (e.g. `ListEndpoints`).
    pub id: String,
    /// Where the operation object is.
    pub loc: SpecLoc,
    /// HTTP method.
    pub method: HttpMethod,
    /// Path template, e.g. `/v1/{project_id}/vpc-endpoints/{vpc_endpoint_id}`.
    pub path: String,
    /// Documentation (`summary`, `description`).
    pub docs: Docs,
    /// `deprecated: true`.
    pub deprecated: bool,
    /// Path, query and header parameters in spec order (path-level ones merged in).
    pub params: Vec<Parameter>,
    /// Request body, if the operation takes one.
    pub body: Option<RequestBody>,
    /// Success responses (2xx), sorted by status.
    pub responses: Vec<Response>,
    /// `x-specbind-pagination`.
    pub pagination: Option<Pagination>,
    /// `x-specbind-waiters` declared on this (polled) operation.
    pub waiters: Vec<Waiter>,
    /// Safe to resend after the request may have reached the server: true for GET/PUT/DELETE/…,
    /// and for POST only when the spec says so (`x-specbind-idempotent: true`).
    pub idempotent: bool,
    /// Extra service error codes retryable for this operation, on top of [`Api::retryable_codes`].
    pub retryable_codes: Vec<String>,
    /// Extra throttling codes for this operation, on top of [`Api::throttling_codes`].
    pub throttling_codes: Vec<String>,
    /// Regions whose API reference does not offer this operation (`x-specbind-unavailable-in`):
    /// the client refuses to call it there.
    pub unavailable_in: Vec<String>,
    /// Request body fields only some regions offer (`x-specbind-regional-fields`): the client
    /// refuses to send them elsewhere.
    pub regional_fields: Vec<RegionalField>,
    /// Paging and waiters may be inferred from the operation's shape (`x-specbind-infer: false`
    /// turns that off for this operation).
    pub infer: bool,
}

/// Where a parameter travels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ParamLocation {
    /// Substituted into the path template.
    Path,
    /// Query string.
    Query,
    /// Request header.
    Header,
}

/// A path, query or header parameter.
#[derive(Debug, Clone, PartialEq)]
pub struct Parameter {
    /// Name on the wire.
    pub name: String,
    /// Where it travels.
    pub location: ParamLocation,
    /// Value type (a primitive, an enum, or an array of those for query parameters).
    pub ty: TypeRef,
    /// Must be given (always true for path parameters).
    pub required: bool,
    /// Filled from client configuration, not passed per call (`x-specbind-client-param`);
    /// holds the configuration key (usually the parameter name, e.g. `project_id`).
    pub client_param: Option<String>,
    /// For array query parameters: `true` (default) repeats the key, `false` joins with commas.
    pub explode: bool,
    /// Default value from the spec.
    pub default: Option<serde_json::Value>,
    /// Validation limits (documentation).
    pub constraints: Constraints,
    /// Documentation.
    pub docs: Docs,
    /// Where the parameter is defined.
    pub loc: SpecLoc,
}

/// How a request body is encoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BodyEncoding {
    /// `application/json` (and `*/*+json`).
    Json,
    /// `application/x-www-form-urlencoded`.
    Form,
    /// `multipart/form-data`.
    Multipart,
    /// `application/octet-stream` and other raw media types: bytes.
    Binary,
    /// `text/*`: a string.
    Text,
}

/// A request body.
#[derive(Debug, Clone, PartialEq)]
pub struct RequestBody {
    /// Media type sent as `Content-Type`, e.g. `application/json;charset=UTF-8`.
    pub content_type: String,
    /// Encoding derived from the media type.
    pub encoding: BodyEncoding,
    /// Body type; usually `Named` of a struct.
    pub ty: TypeRef,
    /// The body must be sent.
    pub required: bool,
    /// Documentation.
    pub docs: Docs,
    /// Where the body is defined.
    pub loc: SpecLoc,
}

/// One success response.
#[derive(Debug, Clone, PartialEq)]
pub struct Response {
    /// HTTP status (a concrete 2xx code; `2XX` ranges lower to 200).
    pub status: u16,
    /// Decoded body, or `None` when the response has no content.
    pub body: Option<ResponseBody>,
    /// Declared response headers.
    pub headers: Vec<ResponseHeader>,
    /// Documentation (`description`).
    pub docs: Docs,
    /// Where the response is defined.
    pub loc: SpecLoc,
}

/// A response body.
#[derive(Debug, Clone, PartialEq)]
pub struct ResponseBody {
    /// Media type.
    pub content_type: String,
    /// Encoding derived from the media type.
    pub encoding: BodyEncoding,
    /// Body type.
    pub ty: TypeRef,
}

/// A declared response header such as `X-Request-Id`.
#[derive(Debug, Clone, PartialEq)]
pub struct ResponseHeader {
    /// Header name as declared.
    pub name: String,
    /// Value type (usually a string).
    pub ty: TypeRef,
    /// Documentation.
    pub docs: Docs,
}

/// Where paging parameters live.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PageParamLocation {
    /// Query parameters (the usual case).
    Query,
    /// Top-level fields of the JSON request body (e.g. VPCEP resources-by-tag).
    Body,
}

/// `x-specbind-pagination`: offset/limit paging.
#[derive(Debug, Clone, PartialEq)]
pub struct Pagination {
    /// Name of the offset parameter or body field.
    pub offset: String,
    /// Name of the limit parameter or body field.
    pub limit: String,
    /// Where `offset` and `limit` live.
    pub location: PageParamLocation,
    /// Top-level response field holding the array of items.
    pub items: String,
    /// Top-level response field holding the total count, if the API reports one.
    pub total: Option<String>,
    /// `Some(first)` when `offset` is a page number counted from `first` (`page`/`page_size`
    /// APIs); `None` when it is an item offset.
    pub first_page: Option<u64>,
    /// Present for marker paging, where `offset` names the marker parameter: where each page
    /// says the next one starts.
    pub next_marker: Option<NextMarker>,
    /// Worked out from the operation's shape rather than written in the spec.
    pub inferred: bool,
    /// Where the extension is written.
    pub loc: SpecLoc,
}

/// Where a marker-paged response says the next page starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NextMarker {
    /// A JSON pointer into the response, e.g. `/page_info/next_marker`.
    At(String),
    /// A field of the last item of the page (APIs that continue after the last item seen).
    LastItem(String),
}

/// `x-specbind-waiters` entry: poll the operation it is declared on.
#[derive(Debug, Clone, PartialEq)]
pub struct Waiter {
    /// Waiter name in snake_case, e.g. `service_available` → `wait_until_service_available`.
    pub name: String,
    /// JSON pointer into the response body of the value to test, e.g. `/status`.
    pub field: String,
    /// Values that end the wait successfully.
    pub success: Vec<String>,
    /// Values that end the wait with an error.
    pub failure: Vec<String>,
    /// A 404 from the polled operation counts as success (for "deleted" waiters).
    pub success_on_not_found: bool,
    /// Initial delay between polls, in seconds.
    pub delay_seconds: u64,
    /// Give up after this many seconds.
    pub max_wait_seconds: u64,
    /// Where the extension entry is written.
    pub loc: SpecLoc,
}

impl Api {
    /// Follows aliases to the type `ty` finally names. This is the one alias resolver of the
    /// generator; it is bounded by the number of types, so even an alias cycle (which the check
    /// stage repairs) cannot make it loop.
    pub fn resolve<'a>(&'a self, ty: &'a TypeRef) -> &'a TypeRef {
        let mut current = ty;
        for _ in 0..=self.types.len() {
            match current {
                TypeRef::Named(name) => match self.types.get(name).map(|def| &def.kind) {
                    Some(TypeKind::Alias(target)) => current = target,
                    _ => return current,
                },
                _ => return current,
            }
        }
        current
    }

    /// The definition `ty` names after following aliases.
    pub fn definition(&self, ty: &TypeRef) -> Option<&TypeDef> {
        match self.resolve(ty) {
            TypeRef::Named(name) => self.types.get(name),
            _ => None,
        }
    }

    /// The struct behind `ty`, following aliases.
    pub fn struct_of(&self, ty: &TypeRef) -> Option<&StructDef> {
        match &self.definition(ty)?.kind {
            TypeKind::Struct(def) => Some(def),
            _ => None,
        }
    }
}

impl Operation {
    /// The body type of the success responses, when they all share one.
    pub fn success_body(&self) -> Option<&TypeRef> {
        self.responses.iter().find_map(|response| response.body.as_ref().map(|body| &body.ty))
    }
}
