//! Emitter tests on hand-built models (independent of the loaders and lowering).

use std::collections::BTreeMap;

use crate::diag::Diagnostics;
use crate::model::*;

fn loc(pointer: &str) -> SpecLoc {
    SpecLoc::new("test.json", pointer)
}

fn field(wire: &str, ty: TypeRef, required: bool) -> Field {
    Field {
        wire_name: wire.into(),
        ty,
        required,
        nullable: false,
        default: None,
        constraints: Constraints::default(),
        read_only: false,
        deprecated: false,
        docs: Docs::default(),
        loc: loc(&format!("/f/{wire}")),
    }
}

fn named(name: &str) -> TypeRef {
    TypeRef::Named(name.into())
}

fn string() -> TypeRef {
    TypeRef::Primitive(Primitive::String)
}

fn def(name: &str, kind: TypeKind) -> (String, TypeDef) {
    (name.into(), TypeDef { name: name.into(), loc: loc(name), docs: Docs::default(), kind })
}

fn param(name: &str, location: ParamLocation, ty: TypeRef, required: bool) -> Parameter {
    Parameter {
        name: name.into(),
        location,
        ty,
        required,
        client_param: None,
        explode: true,
        default: None,
        constraints: Constraints::default(),
        docs: Docs::default(),
        loc: loc(&format!("/p/{name}")),
    }
}

fn response(status: u16, body: Option<TypeRef>) -> Response {
    Response {
        status,
        body: body.map(|ty| ResponseBody {
            content_type: "application/json".into(),
            encoding: BodyEncoding::Json,
            ty,
        }),
        headers: Vec::new(),
        docs: Docs::default(),
        loc: loc("/r"),
    }
}

fn operation(id: &str, method: HttpMethod, path: &str) -> Operation {
    Operation {
        id: id.into(),
        loc: loc(&format!("/o/{id}")),
        method,
        path: path.into(),
        docs: Docs::default(),
        deprecated: false,
        params: Vec::new(),
        body: None,
        responses: Vec::new(),
        pagination: None,
        waiters: Vec::new(),
        idempotent: method.is_idempotent(),
        retryable_codes: Vec::new(),
        throttling_codes: Vec::new(),
        infer: true,
        unavailable_in: Vec::new(),
        regional_fields: Vec::new(),
    }
}

/// A small API touching recursion, unions, enums, odd names, paging and waiters.
pub(crate) fn sample_api() -> Api {
    let mut node = StructDef::default();
    node.fields.push(field("child", named("Node"), false));
    node.fields.push(field("children", TypeRef::Array(Box::new(named("Node"))), false));
    node.fields.push(field("type", string(), true));
    node.fields.push(field("Type", string(), false));
    node.fields.push(field("new", string(), false));
    node.fields.push(field("shape", named("Shape"), false));
    node.additional_properties = Some(TypeRef::Any);
    let mut list = StructDef::default();
    list.fields.push(field("items", TypeRef::Array(Box::new(named("Node"))), false));
    list.fields.push(field("total_count", TypeRef::Primitive(Primitive::I32), false));
    let status = StringEnumDef { values: vec!["available".into(), "Unknown".into(), "a-b".into()] };
    let shape = UnionDef {
        variants: vec![
            UnionVariant { name: "Node".into(), ty: named("Node") },
            UnionVariant { name: "text".into(), ty: string() },
        ],
        discriminator: None,
    };
    let types: BTreeMap<String, TypeDef> = [
        def("Node", TypeKind::Struct(node)),
        def("NodeList", TypeKind::Struct(list)),
        def("status", TypeKind::StringEnum(status)),
        def("Shape", TypeKind::Union(shape)),
        def("Names", TypeKind::Alias(TypeRef::Array(Box::new(string())))),
    ]
    .into_iter()
    .collect();

    let mut list_op = operation("ListNodes", HttpMethod::Get, "/v1/{project_id}/nodes");
    let mut project = param("project_id", ParamLocation::Path, string(), true);
    project.client_param = Some("project_id".into());
    list_op.params.push(project);
    list_op.params.push(param(
        "offset",
        ParamLocation::Query,
        TypeRef::Primitive(Primitive::I32),
        false,
    ));
    list_op.params.push(param(
        "limit",
        ParamLocation::Query,
        TypeRef::Primitive(Primitive::I32),
        false,
    ));
    list_op.params.push(param("status", ParamLocation::Query, named("status"), false));
    list_op.params.push(param(
        "id",
        ParamLocation::Query,
        TypeRef::Array(Box::new(string())),
        false,
    ));
    list_op.params.push(param("X-Trace", ParamLocation::Header, string(), true));
    list_op.responses.push(response(200, Some(named("NodeList"))));
    list_op.pagination = Some(Pagination {
        first_page: None,
        next_marker: None,
        inferred: false,
        offset: "offset".into(),
        limit: "limit".into(),
        location: PageParamLocation::Query,
        items: "items".into(),
        total: Some("total_count".into()),
        loc: loc("/pg"),
    });

    let mut create = operation("CreateNode", HttpMethod::Post, "/v1/nodes");
    create.body = Some(RequestBody {
        content_type: "application/json".into(),
        encoding: BodyEncoding::Json,
        ty: named("Node"),
        required: true,
        docs: Docs::default(),
        loc: loc("/b"),
    });
    create.responses.push(response(200, Some(named("Node"))));
    create.responses.push(response(202, Some(named("Shape"))));
    create.responses.push(response(204, None));

    let mut show = operation("ShowNode", HttpMethod::Get, "/v1/nodes/{node_id}");
    show.params.push(param("node_id", ParamLocation::Path, string(), true));
    show.responses.push(response(200, Some(named("Node"))));
    show.waiters.push(Waiter {
        name: "node_ready".into(),
        field: "/type".into(),
        success: vec!["ready".into()],
        failure: vec!["failed".into()],
        success_on_not_found: false,
        delay_seconds: 1,
        max_wait_seconds: 60,
        loc: loc("/w"),
    });
    let mut delete = operation("DeleteNode", HttpMethod::Delete, "/v1/nodes/{node_id}");
    delete.params.push(param("node_id", ParamLocation::Path, string(), true));
    delete.responses.push(response(204, None));

    let mut operations: BTreeMap<String, Operation> =
        [list_op, create, show, delete].into_iter().map(|op| (op.id.clone(), op)).collect();
    let mut api = Api { service: Some("nodes".into()), types, ..Api::default() };
    add_more_operations(&mut api, &mut operations);
    api.operations = operations;
    api
}

/// Body paging, a form body, a text response and a "deleted" waiter.
fn add_more_operations(api: &mut Api, operations: &mut BTreeMap<String, Operation>) {
    let action = StringEnumDef { values: vec!["filter".into(), "count".into()] };
    api.types.extend([def("TagAction", TypeKind::StringEnum(action))]);
    let mut query = StructDef::default();
    query.fields.push(field("action", named("TagAction"), true));
    // Decimal strings, as VPCEP's resources-by-tag body has them.
    query.fields.push(field("offset", string(), false));
    query.fields.push(field("limit", string(), false));
    let mut login = StructDef::default();
    login.fields.push(field("user", string(), true));
    login.fields.push(field("remember", TypeRef::Primitive(Primitive::Bool), false));
    api.types
        .extend([def("TagQuery", TypeKind::Struct(query)), def("Login", TypeKind::Struct(login))]);

    let mut by_tag = operation("ListNodesByTag", HttpMethod::Post, "/v1/nodes/action");
    by_tag.body = Some(body("application/json", BodyEncoding::Json, named("TagQuery")));
    by_tag.responses.push(response(200, Some(named("NodeList"))));
    by_tag.pagination = Some(Pagination {
        first_page: None,
        next_marker: None,
        inferred: false,
        offset: "offset".into(),
        limit: "limit".into(),
        location: PageParamLocation::Body,
        items: "items".into(),
        total: Some("total_count".into()),
        loc: loc("/pg2"),
    });
    let mut login = operation("login", HttpMethod::Post, "/v1/login");
    let form = "application/x-www-form-urlencoded";
    login.body = Some(body(form, BodyEncoding::Form, named("Login")));
    login.responses.push(response(204, None));
    let mut manual = operation("ShowManual", HttpMethod::Get, "/v1/manual");
    manual.responses.push(Response {
        body: Some(ResponseBody {
            content_type: "text/plain".into(),
            encoding: BodyEncoding::Text,
            ty: string(),
        }),
        ..response(200, None)
    });
    manual.responses[0].headers.push(ResponseHeader {
        name: "X-Request-Id".into(),
        ty: string(),
        docs: Docs { summary: None, description: Some("Request id.".into()) },
    });
    let show = operations.get_mut("ShowNode").expect("ShowNode");
    show.waiters.push(Waiter {
        name: "node_deleted".into(),
        field: "/type".into(),
        success: vec!["deleted".into()],
        failure: Vec::new(),
        success_on_not_found: true,
        delay_seconds: 1,
        max_wait_seconds: 30,
        loc: loc("/w2"),
    });
    operations.extend([by_tag, login, manual].into_iter().map(|op| (op.id.clone(), op)));
}

fn body(content_type: &str, encoding: BodyEncoding, ty: TypeRef) -> RequestBody {
    RequestBody {
        content_type: content_type.into(),
        encoding,
        ty,
        required: true,
        docs: Docs::default(),
        loc: loc("/b"),
    }
}

fn emit_pretty(api: &Api) -> String {
    let tokens = super::emit_api(api);
    let file: syn::File = syn::parse2(tokens).expect("emitted tokens parse as a file");
    prettyplease::unparse(&file)
}

#[test]
fn sample_emits_valid_rust_with_expected_items() {
    let code = emit_pretty(&sample_api());
    for needle in [
        "pub child: ::core::option::Option<::std::boxed::Box<Node>>",
        "pub children: ::core::option::Option<::std::vec::Vec<Node>>",
        "pub r#type: ::std::string::String",
        "::specbind::__private::ser::Opt(\"Type\", &self.type_2)",
        "pub type_2:",
        "pub new_2:",
        "pub additional_properties: ::std::collections::BTreeMap<",
        "Unknown2,",
        "AB,",
        "Unknown(::std::string::String)",
        "#[serde(crate = \"::specbind::__private::serde\", untagged)]",
        "Node(::std::boxed::Box<Node>)",
        "pub shape: ::core::option::Option<::std::boxed::Box<Shape>>",
        "pub enum CreateNodeOutput",
        "Status204,",
        "call.client_path_param(\"project_id\", \"project_id\");",
        "call.query_opt(\"status\", &request.status);",
        "call.query_list(\"id\", values, true);",
        "call.header(\"X-Trace\", &request.x_trace);",
        "impl ::specbind::pagination::PagedRequest for ListNodesRequest",
        "impl ::specbind::pagination::PagedResponse for types::NodeList",
        "pub fn list_nodes_paginator(",
        "pub async fn wait_until_node_ready(",
        "pub const SERVICE: &'static ::core::primitive::str = \"nodes\";",
    ] {
        assert!(code.contains(needle), "missing `{needle}` in:\n{code}");
    }
    assert!(!code.contains("project_id:"), "client params stay out of request types:\n{code}");
}

#[test]
fn output_is_deterministic() {
    let api = sample_api();
    assert_eq!(emit_pretty(&api), emit_pretty(&api));
}

#[test]
fn unsupported_shapes_are_repaired_by_the_check_stage_before_emission() {
    let mut api = sample_api();
    let op = api.operations.get_mut("ShowNode").unwrap();
    op.params.push(param("filter", ParamLocation::Query, named("Node"), false));
    op.params.push(param("ghost", ParamLocation::Query, named("Missing"), false));
    let mut diags = Diagnostics::new();
    crate::check::check(&mut api, &mut diags);
    let notes = diags.into_sorted();
    let messages: Vec<String> = notes.iter().map(ToString::to_string).collect();
    assert_eq!(messages.len(), 3, "{messages:#?}");
    assert!(notes.iter().all(|d| d.severity == crate::diag::Severity::Repair));
    assert!(messages.iter().any(|m| m.contains("/p/filter: parameter `filter` has a type")));
    assert!(messages.iter().any(|m| m.contains("unknown type `Missing`")));
    let code = emit_pretty(&api);
    assert!(code.contains("pub filter: ::core::option::Option<::std::string::String>"), "{code}");
}

/// Both kinds of discriminated union in one API.
fn pets_api() -> Api {
    let mut api = pet_api(true);
    let mut bird = StructDef::default();
    bird.fields.push(field("wings", TypeRef::Primitive(Primitive::I32), true));
    let animal = UnionDef {
        variants: vec![UnionVariant { name: "Bird".into(), ty: named("Bird") }],
        discriminator: Some(Discriminator { property: "kind".into(), tags: vec!["bird".into()] }),
    };
    api.types.extend([def("Bird", TypeKind::Struct(bird)), def("Animal", TypeKind::Union(animal))]);
    api.service = Some("pets".into());
    api
}

/// Golden files for hand-built models live beside the spec-based ones in `tests/golden/` and
/// are compiled (and called over loopback) by the `specbind-tests` crate.
#[test]
fn hand_built_models_match_golden_files() {
    let bless = std::env::var("SPECBIND_BLESS").is_ok_and(|v| v == "1");
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/golden");
    for (name, api) in [("sample", sample_api()), ("pets", pets_api())] {
        let code = emit_pretty(&api);
        let text = format!(
            "// Generated by specbind from the hand-built `{name}` model in codegen/src/emit/tests.rs.\n\
             // Do not edit: refresh with SPECBIND_BLESS=1.\n{code}"
        );
        let path = dir.join(format!("model-{name}.rs"));
        if bless {
            std::fs::write(&path, text).expect("write golden file");
        } else {
            let golden = std::fs::read_to_string(&path).unwrap_or_default();
            assert!(golden == text, "{} is stale; refresh with SPECBIND_BLESS=1", path.display());
        }
    }
}

fn pet_api(variants_carry_tag: bool) -> Api {
    let mut cat = StructDef::default();
    if variants_carry_tag {
        cat.fields.push(field("petType", string(), true));
    }
    cat.fields.push(field("name", string(), true));
    let mut counted = field("lives", TypeRef::Primitive(Primitive::I32), true);
    counted.default = Some(serde_json::json!(9));
    cat.fields.push(counted);
    let mut maybe = field("owner", string(), true);
    maybe.nullable = true;
    cat.fields.push(maybe);
    let pet = UnionDef {
        variants: vec![UnionVariant { name: "Cat".into(), ty: named("Cat") }],
        discriminator: Some(Discriminator { property: "petType".into(), tags: vec!["cat".into()] }),
    };
    let types = [def("Cat", TypeKind::Struct(cat)), def("Pet", TypeKind::Union(pet))];
    Api { types: types.into_iter().collect(), ..Api::default() }
}

#[test]
fn discriminated_union_with_tag_in_variants_dispatches_on_the_tag() {
    let code = emit_pretty(&pet_api(true));
    assert!(
        code.contains("#[serde(crate = \"::specbind::__private::serde\", untagged)]"),
        "{code}"
    );
    assert!(code.contains(".get(\"petType\")"), "{code}");
    assert!(code.contains("::core::option::Option::Some(\"cat\") =>"), "{code}");
}

#[test]
fn discriminated_union_without_tag_in_variants_is_internally_tagged() {
    let code = emit_pretty(&pet_api(false));
    assert!(code.contains("tag = \"petType\""), "{code}");
    assert!(code.contains("#[serde(rename = \"cat\")]"), "{code}");
}

#[test]
fn required_nullable_is_sent_as_null_and_defaults_fill_missing_fields() {
    let code = emit_pretty(&pet_api(true));
    let owner = code.find("pub owner:").expect("owner field");
    let attrs = &code[code[..owner].rfind("///").unwrap()..owner];
    assert!(
        !attrs.contains("skip_serializing_if"),
        "required nullable must serialize null: {attrs}"
    );
    assert!(code.contains("pub owner: ::core::option::Option<::std::string::String>"), "{code}");
    assert!(code.contains("Cat::__default_lives,"), "missing lives fall back to it: {code}");
    assert!(code.contains("fn __default_lives() -> ::core::primitive::i32"), "{code}");
}

#[test]
fn colliding_operation_names_get_distinct_types_and_methods() {
    let mut api = Api::default();
    for id in ["listPets", "ListPets", "new", "Client", "runtime"] {
        let mut op = operation(id, HttpMethod::Get, "/p");
        op.responses.push(response(200, None));
        op.responses.push(response(201, Some(string())));
        api.operations.insert(id.into(), op);
    }
    let code = emit_pretty(&api);
    for needle in [
        "pub struct ClientRequest",
        "pub enum ClientOutput",
        "pub struct ListPetsRequest ",
        "pub struct ListPetsRequest2 ",
        "pub enum ListPetsOutput2",
        "pub async fn list_pets(",
        "pub async fn list_pets_2(",
        "pub async fn new_2(",
        "pub async fn runtime_2(",
        "pub struct NewRequest",
    ] {
        assert!(code.contains(needle), "missing `{needle}` in:\n{code}");
    }
}
