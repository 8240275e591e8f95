//! Required properties that a response's own example sends as `null` are read as nullable,
//! with a repair naming each; properties the examples fill in stay as declared.

use std::path::Path;

use specbind_codegen::model::{Api, TypeKind};
use specbind_codegen::{GenerateInput, Options, lower_api};

fn lower(spec: &str) -> (Api, Vec<String>) {
    let input = GenerateInput {
        spec: Path::new(spec),
        base_dir: Path::new(env!("CARGO_MANIFEST_DIR")),
        overlays: &[],
        options: Options { skip_invalid: false, strict: false },
    };
    let lowered = lower_api(&input).unwrap_or_else(|f| panic!("{:?}", f.diagnostics));
    (lowered.api, lowered.notes.iter().map(ToString::to_string).collect())
}

/// (required, nullable) of `type_name.field`.
fn flags(api: &Api, type_name: &str, field: &str) -> (bool, bool) {
    let TypeKind::Struct(def) = &api.types[type_name].kind else { panic!("{type_name} struct") };
    let field = def.fields.iter().find(|f| f.wire_name == field).expect("field");
    (field.required, field.nullable)
}

#[test]
fn swagger2_examples_make_their_null_required_properties_nullable() {
    let (api, notes) = lower("tests/examples/swagger2.json");
    assert_eq!(flags(&api, "Job", "error_code"), (true, true));
    assert_eq!(flags(&api, "Job", "fail_reason"), (true, false), "an empty string is not null");
    assert_eq!(flags(&api, "Job", "job_id"), (true, false));
    assert_eq!(flags(&api, "SubJob", "error_code"), (true, true), "found inside an array");
    assert_eq!(flags(&api, "SubJob", "job_id"), (true, false));
    let repairs: Vec<&String> = notes.iter().filter(|n| n.contains("example sends")).collect();
    assert_eq!(repairs.len(), 2, "{notes:?}");
    assert!(repairs[0].starts_with("tests/examples/swagger2.json#/definitions/"), "{repairs:?}");
}

#[test]
fn openapi3_named_examples_count_too() {
    let (api, notes) = lower("tests/examples/openapi3.json");
    assert_eq!(flags(&api, "Task", "finished_at"), (true, true));
    assert_eq!(flags(&api, "Task", "task_id"), (true, false));
    assert!(notes.iter().any(|n| n.contains("Task/properties/finished_at")), "{notes:?}");
}
