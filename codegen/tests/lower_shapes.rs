//! Lowering of small inline OpenAPI 3.0 specs: schema shapes, synthesized names, operations.

mod support;

use specbind_codegen::model::*;
use support::{Scratch, doc};

fn kind<'a>(api: &'a Api, name: &str) -> &'a TypeKind {
    &api.types.get(name).unwrap_or_else(|| panic!("no type {name}: {:?}", api.types.keys())).kind
}

fn fields<'a>(api: &'a Api, name: &str) -> &'a StructDef {
    match kind(api, name) {
        TypeKind::Struct(def) => def,
        other => panic!("{name} is not a struct: {other:?}"),
    }
}

fn field<'a>(def: &'a StructDef, wire: &str) -> &'a Field {
    def.fields.iter().find(|f| f.wire_name == wire).unwrap_or_else(|| panic!("no field {wire}"))
}

const CREATE: &str = r##"{"/v1/{project_id}/endpoints": {
  "parameters": [{"name":"project_id","in":"path","required":true,"schema":{"type":"string"},
                  "x-specbind-client-param":"project_id"}],
  "post": {"operationId":"CreateEndpoint",
    "requestBody":{"required":true,"content":{"application/json":{"schema":{
      "type":"object","required":["vpc_id"],
      "properties":{"vpc_id":{"type":"string","minLength":1,"maxLength":64},
                    "tags":{"type":"array","items":{"type":"object",
                       "properties":{"key":{"type":"string"},"value":{"type":"string"}}}}}}}}},
    "responses":{"2XX":{"description":"ok",
        "headers":{"X-Request-Id":{"schema":{"type":"string"}}},
        "content":{"application/json":{"schema":{"properties":{"id":{"type":"string"}}}}}},
      "default":{"description":"error","content":{"application/json":{"schema":{"type":"object"}}}}}}}}"##;

#[test]
fn inline_schemas_get_parent_plus_field_names() {
    let s = Scratch::new();
    s.write("api.json", &doc(CREATE, "{}"));
    let api = s.lower_ok("api.json");
    let body = fields(&api, "CreateEndpointRequestBody");
    assert!(field(body, "vpc_id").required);
    assert_eq!(field(body, "vpc_id").constraints.max_length, Some(64));
    let tags = &field(body, "tags").ty;
    assert_eq!(
        tags,
        &TypeRef::Array(Box::new(TypeRef::Named("CreateEndpointRequestBodyTagsItem".into())))
    );
    fields(&api, "CreateEndpointRequestBodyTagsItem");
    // Missing `type` with `properties` is an object.
    fields(&api, "CreateEndpointResponseBody");
}

#[test]
fn synthesized_names_never_collide_with_named_schemas() {
    let s = Scratch::new();
    let components = r##"{"schemas":{"CreateEndpointRequestBody":{"type":"object",
        "properties":{"other":{"type":"boolean"}}}}}"##;
    s.write("api.json", &doc(CREATE, components));
    let api = s.lower_ok("api.json");
    field(fields(&api, "CreateEndpointRequestBody"), "other");
    let op = &api.operations["CreateEndpoint"];
    let TypeRef::Named(inline) = &op.body.as_ref().unwrap().ty else { panic!("named body") };
    assert_ne!(inline, "CreateEndpointRequestBody");
    field(fields(&api, inline), "vpc_id");
}

#[test]
fn operations_merge_path_parameters_and_keep_2xx_responses() {
    let s = Scratch::new();
    s.write("api.json", &doc(CREATE, "{}"));
    let api = s.lower_ok("api.json");
    let op = &api.operations["CreateEndpoint"];
    assert_eq!(op.method, HttpMethod::Post);
    assert!(!op.idempotent);
    let project = &op.params[0];
    assert_eq!((project.location, project.required), (ParamLocation::Path, true));
    assert_eq!(project.client_param.as_deref(), Some("project_id"));
    assert_eq!(op.responses.len(), 1, "the error `default` is not a success");
    assert_eq!(op.responses[0].status, 200);
    assert_eq!(op.responses[0].headers[0].name, "X-Request-Id");
    assert_eq!(op.body.as_ref().unwrap().encoding, BodyEncoding::Json);
}

#[test]
fn schema_shapes_lower_to_the_model() {
    let components = r##"{"schemas":{
      "Base":{"type":"object","required":["id"],"properties":{"id":{"type":"integer","format":"int64"}}},
      "Child":{"description":"A child.","allOf":[{"$ref":"#/components/schemas/Base"},
               {"properties":{"name":{"type":"string","nullable":true,"default":"x"}}}]},
      "Cat":{"type":"object","properties":{"kind":{"type":"string"}}},
      "Dog":{"type":"object","properties":{"kind":{"type":"string"}}},
      "Pet":{"oneOf":[{"$ref":"#/components/schemas/Cat"},{"$ref":"#/components/schemas/Dog"}],
             "discriminator":{"propertyName":"kind","mapping":{"cat":"#/components/schemas/Cat","dog":"#/components/schemas/Dog"}}},
      "Status":{"type":"string","enum":["up","down"]},
      "Labels":{"type":"object","additionalProperties":{"type":"string"}},
      "Open":{"type":"object","properties":{"a":{"type":"number","format":"float"}},"additionalProperties":true},
      "Free":{},
      "Odd":{"type":"string","format":"made-up"},
      "Node":{"type":"object","properties":{"next":{"$ref":"#/components/schemas/Node"}}}}}"##;
    let s = Scratch::new();
    s.write("api.json", &doc("{}", components));
    let api = s.lower_ok("api.json");
    let child = fields(&api, "Child");
    assert_eq!(field(child, "id").ty, TypeRef::Primitive(Primitive::I64));
    assert!(field(child, "id").required);
    let name = field(child, "name");
    assert!(name.nullable && !name.required);
    assert_eq!(name.default, Some(serde_json::json!("x")));
    assert_eq!(api.types["Child"].docs.description.as_deref(), Some("A child."));
    match kind(&api, "Pet") {
        TypeKind::Union(union) => {
            assert_eq!(union.variants.len(), 2);
            let d = union.discriminator.as_ref().expect("discriminator");
            assert_eq!(
                (d.property.as_str(), d.tags.clone()),
                ("kind", vec!["cat".into(), "dog".into()])
            );
        }
        other => panic!("Pet: {other:?}"),
    }
    assert!(matches!(kind(&api, "Status"), TypeKind::StringEnum(e) if e.values == ["up", "down"]));
    let labels_is_map = match kind(&api, "Labels") {
        TypeKind::Alias(TypeRef::Map(v)) => **v == TypeRef::Primitive(Primitive::String),
        _ => false,
    };
    assert!(labels_is_map, "{:?}", kind(&api, "Labels"));
    let open = fields(&api, "Open");
    assert_eq!(field(open, "a").ty, TypeRef::Primitive(Primitive::F32));
    assert_eq!(open.additional_properties, Some(TypeRef::Any));
    assert!(matches!(kind(&api, "Free"), TypeKind::Alias(TypeRef::Any)));
    assert!(matches!(kind(&api, "Odd"), TypeKind::Alias(TypeRef::Primitive(Primitive::String))));
    // A `$ref` cycle is allowed; emission boxes it.
    assert_eq!(field(fields(&api, "Node"), "next").ty, TypeRef::Named("Node".into()));
}

#[test]
fn component_refs_encodings_and_idempotency() {
    let paths = r##"{
      "/files/{id}": {"put": {"operationId":"PutFile","x-specbind-retryable-codes":["X.1"],
          "parameters":[{"$ref":"#/components/parameters/Id"}],
          "requestBody":{"$ref":"#/components/requestBodies/Raw"},
          "responses":{"204":{"$ref":"#/components/responses/Empty"}}}},
      "/forms": {"post": {"operationId":"PostForm","x-specbind-idempotent":true,
          "requestBody":{"content":{"application/x-www-form-urlencoded":{"schema":{"properties":{"a":{"type":"string"}}}}}},
          "responses":{"default":{"description":"anything"}}}},
      "/upload": {"post": {"operationId":"Upload",
          "requestBody":{"content":{"multipart/form-data":{"schema":{"properties":{"f":{"type":"string","format":"binary"}}}}}},
          "responses":{"200":{"description":"ok","content":{"text/plain":{"schema":{"type":"string"}}}}}}}}"##;
    let components = r##"{
      "parameters":{"Id":{"name":"id","in":"path","required":true,"schema":{"type":"integer","format":"int32"}}},
      "requestBodies":{"Raw":{"content":{"application/octet-stream":{"schema":{"type":"string","format":"binary"}}}}},
      "responses":{"Empty":{"description":"done"}}}"##;
    let s = Scratch::new();
    s.write("api.json", &doc(paths, components));
    let api = s.lower_ok("api.json");
    let put = &api.operations["PutFile"];
    assert!(put.idempotent);
    assert_eq!(put.retryable_codes, ["X.1"]);
    assert_eq!(put.params[0].ty, TypeRef::Primitive(Primitive::I32));
    assert_eq!(put.body.as_ref().unwrap().encoding, BodyEncoding::Binary);
    assert_eq!((put.responses[0].status, put.responses[0].body.is_none()), (204, true));
    let form = &api.operations["PostForm"];
    assert!(form.idempotent, "x-specbind-idempotent makes a POST idempotent");
    assert_eq!(form.body.as_ref().unwrap().encoding, BodyEncoding::Form);
    assert!(form.responses.iter().all(|r| r.body.is_none()), "default-only: no typed body");
    let upload = &api.operations["Upload"];
    assert_eq!(upload.body.as_ref().unwrap().encoding, BodyEncoding::Multipart);
    assert_eq!(upload.responses[0].body.as_ref().unwrap().encoding, BodyEncoding::Text);
}

#[test]
fn a_directory_merges_files_paths_and_identical_schemas() {
    let s = Scratch::new();
    s.write("spec/common.json", &doc("{}", r##"{"schemas":{
        "Tag":{"type":"object","properties":{"key":{"type":"string"},"kind":{"$ref":"#/components/schemas/Kind"}}},
        "Kind":{"type":"string","enum":["a","b"]}}}"##));
    let tag_list = r##"{"type":"array","items":{"$ref":"common.json#/components/schemas/Tag"}}"##;
    s.write("spec/List.json", &format!(
        r##"{{"openapi":"3.0.1","paths":{{"/tags":{{"get":{{"operationId":"ListTags",
        "responses":{{"200":{{"description":"ok","content":{{"application/json":{{"schema":{tag_list}}}}}}}}}}}}}}},
        "components":{{"schemas":{{"Kind":{{"type":"string","enum":["a","b"]}}}}}}}}"##));
    s.write("spec/Create.json", r##"{"openapi":"3.0.1","paths":{"/tags":{"post":{"operationId":"CreateTag",
        "requestBody":{"content":{"application/json":{"schema":{"$ref":"common.json#/components/schemas/Tag"}}}},
        "responses":{"201":{"description":"ok"}}}}}}"##);
    s.write("spec/notes.txt", "not json, not read");
    let api = s.lower_ok("spec");
    assert_eq!(api.title.as_deref(), Some("t"), "info from the one file that has it");
    assert_eq!(api.operations["ListTags"].method, HttpMethod::Get);
    assert_eq!(api.operations["CreateTag"].body.as_ref().unwrap().ty, TypeRef::Named("Tag".into()));
    assert!(matches!(kind(&api, "Kind"), TypeKind::StringEnum(_)));
    assert_eq!(field(fields(&api, "Tag"), "kind").ty, TypeRef::Named("Kind".into()));
}

#[test]
fn unknown_vendor_keys_are_ignored() {
    let paths = r#"{"/a":{"x-path-note":1,"get":{"operationId":"GetA","x-huawei-anything":{"a":[1]},
        "responses":{"200":{"description":"ok","x-r":true,"content":{"application/json":{
          "schema":{"type":"object","x-order":3,"properties":{"n":{"type":"string","x-y":"z"}}}}}}}}}}"#;
    let s = Scratch::new();
    s.write("api.json", &doc(paths, r#"{"x-extra":{}}"#));
    let api = s.lower_ok("api.json");
    assert_eq!(
        field(fields(&api, "GetAResponseBody"), "n").ty,
        TypeRef::Primitive(Primitive::String)
    );
}

#[test]
fn skip_invalid_skips_files_that_are_not_api_documents() {
    let s = Scratch::new();
    s.write("d/api.json", &doc(r#"{"/a":{"get":{"operationId":"GetA","responses":{}}}}"#, "{}"));
    s.write("d/package.json", r#"{"name":"not-a-spec","version":"1.0.0"}"#);
    let errors = s.lower("d").expect_err("a stray JSON file is an error by default");
    assert_eq!(errors, ["d/package.json#: not an OpenAPI document: no `openapi` version"]);
    let options = specbind_codegen::Options { skip_invalid: true, strict: false };
    let api = s.lower_with("d", options).expect("skipped");
    assert_eq!(api.operations.keys().collect::<Vec<_>>(), ["GetA"]);
}
