//! Hand-written API Explorer exports covering what the real VPCEP and RAM exports do not:
//! form fields, arrays of references, enums on parameters, two different definitions with one
//! name, and an empty export (an error unless `skip_invalid`).

use std::path::Path;

use specbind_codegen::model::{BodyEncoding, ParamLocation, TypeKind, TypeRef};
use specbind_codegen::{GenerateInput, Options, lower_api};

fn lower(skip_invalid: bool) -> Result<specbind_codegen::model::Api, Vec<String>> {
    let base = Path::new(env!("CARGO_MANIFEST_DIR"));
    let input = GenerateInput {
        spec: Path::new("tests/explorer-small"),
        base_dir: base,
        options: Options { skip_invalid, strict: false },
    };
    lower_api(&input)
        .map(|lowered| lowered.api)
        .map_err(|f| f.diagnostics.iter().map(ToString::to_string).collect())
}

#[test]
fn an_empty_export_is_an_error_naming_the_file_unless_skipped() {
    let errors = lower(false).unwrap_err();
    assert_eq!(
        errors,
        ["tests/explorer-small/Empty.json#: not an OpenAPI document: no `openapi` version"]
    );
    assert_eq!(lower(true).unwrap().operations.len(), 3);
}

#[test]
fn explorer_conventions_apply() {
    let api = lower(true).unwrap();
    assert_eq!(api.service.as_deref(), Some("widgets"));
    for op in api.operations.values() {
        assert!(
            !op.params.iter().any(|p| p.name == "X-Auth-Token"),
            "runtime headers are not asked of the caller"
        );
        let project = op.params.iter().find(|p| p.name == "project_id").unwrap();
        assert_eq!(project.client_param.as_deref(), Some("project_id"));
    }
}

#[test]
fn form_fields_become_one_form_body() {
    let api = lower(true).unwrap();
    let body = api.operations["UploadWidgetIcon"].body.as_ref().unwrap();
    assert_eq!(body.encoding, BodyEncoding::Form);
    assert!(body.required);
    let TypeRef::Named(name) = &body.ty else { panic!("named body") };
    let TypeKind::Struct(def) = &api.types[name].kind else { panic!("struct body") };
    let fields: Vec<(&str, bool)> =
        def.fields.iter().map(|f| (f.wire_name.as_str(), f.required)).collect();
    assert_eq!(fields, [("label", true), ("size", false)]);
}

#[test]
fn parameter_enums_and_repeated_arrays() {
    let api = lower(true).unwrap();
    let list = &api.operations["ListWidgets"];
    let colour = list.params.iter().find(|p| p.name == "colour").unwrap();
    let TypeRef::Named(name) = &colour.ty else { panic!("named enum") };
    assert!(
        matches!(&api.types[name].kind, TypeKind::StringEnum(e) if e.values == ["red", "green"])
    );
    let ids = list.params.iter().find(|p| p.name == "ids").unwrap();
    assert_eq!((ids.location, ids.explode), (ParamLocation::Query, true));
    assert!(matches!(&ids.ty, TypeRef::Array(_)));
    assert_eq!(list.responses[0].headers[0].name, "X-Request-Id");
}

#[test]
fn different_definitions_with_one_name_are_both_kept() {
    let api = lower(true).unwrap();
    let body = api.operations["CreateWidgets"].body.as_ref().unwrap();
    let TypeRef::Array(item) = &body.ty else { panic!("array of refs") };
    // Files are read in name order: CreateWidgets.json keeps `Widget`, ListWidgets.json's differing
    // copy is renamed after its file.
    assert_eq!(**item, TypeRef::Named("Widget".into()));
    assert!(
        api.types.contains_key("WidgetListWidgets"),
        "{:?}",
        api.types.keys().collect::<Vec<_>>()
    );
}
