//! Overlay 1.0 documents applied before lowering: updates merge, removals remove, inference can
//! be switched off per operation, and every overlay mistake is an error at its place in the
//! overlay file.

mod support;

use std::path::{Path, PathBuf};

use specbind_codegen::{GenerateInput, Options, lower_api};
use support::{Scratch, doc};

const LIST: &str = r#"{"/v1/things":{"get":{"operationId":"ListThings",
    "parameters":[{"name":"offset","in":"query","schema":{"type":"integer"}},
                  {"name":"limit","in":"query","schema":{"type":"integer"}},
                  {"name":"debug","in":"query","schema":{"type":"boolean"}}],
    "responses":{"200":{"description":"ok","content":{"application/json":{"schema":
        {"type":"object","properties":{"things":{"type":"array","items":{"type":"string"}},
         "count":{"type":"integer"}}}}}}}}}}"#;

fn lower(s: &Scratch, overlays: &[&str]) -> Result<specbind_codegen::model::Api, Vec<String>> {
    let overlays: Vec<PathBuf> = overlays.iter().map(PathBuf::from).collect();
    let input = GenerateInput {
        spec: Path::new("api.json"),
        base_dir: &s.dir,
        overlays: &overlays,
        options: Options::default(),
    };
    lower_api(&input).map(|l| l.api).map_err(|f| f.errors().map(ToString::to_string).collect())
}

#[test]
fn inference_applies_without_an_overlay_and_an_overlay_can_switch_it_off() {
    let s = Scratch::new();
    s.write("api.json", &doc(LIST, "{}"));
    let api = lower(&s, &[]).unwrap();
    assert!(api.operations["ListThings"].pagination.as_ref().is_some_and(|p| p.inferred));
    s.write(
        "off.yaml",
        "overlay: 1.0.0\ninfo: {title: t, version: '1'}\nactions:\n  - target: \"$.paths['/v1/things'].get\"\n    update: {x-specbind-infer: false}\n",
    );
    let api = lower(&s, &["off.yaml"]).unwrap();
    assert!(api.operations["ListThings"].pagination.is_none());
}

#[test]
fn updates_merge_and_removals_remove() {
    let s = Scratch::new();
    s.write("api.json", &doc(LIST, "{}"));
    s.write(
        "edit.json",
        r#"{"overlay":"1.0.0","info":{"title":"t","version":"1"},"actions":[
            {"target":"$.paths['/v1/things'].get.parameters[?@.name == 'debug']","remove":true},
            {"target":"$.paths['/v1/things'].get","update":{"summary":"Lists things."}}]}"#,
    );
    let api = lower(&s, &["edit.json"]).unwrap();
    let op = &api.operations["ListThings"];
    assert!(op.params.iter().all(|p| p.name != "debug"));
    assert_eq!(op.docs.summary.as_deref(), Some("Lists things."));
}

#[test]
fn overlay_mistakes_are_errors_at_their_place_in_the_overlay() {
    let s = Scratch::new();
    s.write("api.json", &doc(LIST, "{}"));
    s.write(
        "bad.json",
        r#"{"overlay":"1.0.0","actions":[
            {"target":"$.paths['/v1/nothing'].get","update":{"summary":"x"}},
            {"target":"$.paths[","update":{}},
            {"target":"$.info","update":{},"remove":true}]}"#,
    );
    s.write("old.json", r#"{"overlay":"2.0.0","actions":[]}"#);
    let errors = lower(&s, &["bad.json", "old.json"]).unwrap_err().join("\n");
    assert!(
        errors.contains(
            "bad.json#/actions/0/target: `$.paths['/v1/nothing'].get` selects nothing in the spec"
        ),
        "{errors}"
    );
    assert!(
        errors.contains("bad.json#/actions/1/target: `$.paths[` is not a JSONPath"),
        "{errors}"
    );
    assert!(
        errors.contains(
            "bad.json#/actions/2: an action needs exactly one of `update` or `remove: true`"
        ),
        "{errors}"
    );
    assert!(errors.contains("old.json#/overlay: unsupported overlay version `2.0.0`"), "{errors}");
}
