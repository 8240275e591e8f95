//! Every class of spec mistake is a diagnostic naming file and JSON pointer, all reported in
//! one build; no input makes the generator panic.

mod support;

use std::path::Path;

use specbind_codegen::{GenerateInput, Options, generate};
use support::{Scratch, doc};

fn get_op(extra: &str) -> String {
    format!(
        r#"{{"/v1/{{project_id}}/items":{{"get":{{"operationId":"ListItems",
        "parameters":[{{"name":"project_id","in":"path","required":true,"schema":{{"type":"string"}}}},
                      {{"name":"offset","in":"query","schema":{{"type":"integer"}}}}],
        {extra}
        "responses":{{"200":{{"description":"ok","content":{{"application/json":{{"schema":
          {{"type":"object","properties":{{"items":{{"type":"array","items":{{"type":"string"}}}},
            "count":{{"type":"integer"}},"status":{{"type":"string"}}}}}}}}}}}}}}}}}}}}"#
    )
}

fn one_error(spec_text: &str) -> String {
    let s = Scratch::new();
    s.write("api.json", spec_text);
    let diags = s.lower_err("api.json");
    assert_eq!(diags.len(), 1, "{diags:#?}");
    diags.into_iter().next().unwrap()
}

#[test]
fn file_problems_name_the_file() {
    let s = Scratch::new();
    let missing = s.lower_err("nope.json");
    assert!(missing[0].starts_with("nope.json#: cannot read the spec"), "{missing:?}");
    s.write("bad.json", "{\n  \"openapi\": \"3.0.0\",\n  \"paths\": {,}\n}");
    assert_eq!(s.lower_err("bad.json")[0].split(": ").next(), Some("bad.json:3:13"));
    s.write("v2.json", r#"{"swagger":"1.2","paths":{}}"#);
    assert!(s.lower_err("v2.json")[0].starts_with("v2.json#/swagger: unsupported version"));
    s.write("v31.json", r#"{"openapi":"3.1.0","paths":{}}"#);
    assert!(s.lower_err("v31.json")[0].starts_with("v31.json#/openapi: unsupported version"));
}

#[test]
fn unresolved_refs_are_repaired_as_any_value_and_refused_under_strict() {
    let components = r##"{"schemas":{"A":{"$ref":"#/components/schemas/Missing"},
        "B":{"$ref":"other.json#/components/schemas/X"}}}"##;
    let s = Scratch::new();
    s.write("api.json", &doc("{}", components));
    let notes = s.lower_notes("api.json");
    assert_eq!(notes.len(), 2, "{notes:#?}");
    assert!(notes[0].starts_with("repaired: api.json#/components/schemas/A/$ref: "), "{notes:#?}");
    assert!(notes[1].starts_with("repaired: api.json#/components/schemas/B/$ref: "), "{notes:#?}");
    assert!(notes[1].contains("`other.json` is missing or unreadable"), "{notes:#?}");
    assert!(notes.iter().all(|n| n.ends_with("read as any JSON value")), "{notes:#?}");
    let errors = s.lower_strict_err("api.json");
    assert_eq!(errors.len(), 2, "{errors:#?}");
    assert!(errors[0].contains("(a repair; `strict` refuses it)"), "{errors:#?}");
}

#[test]
fn operation_ids_must_be_usable_and_a_repeated_one_is_renamed() {
    let paths = r#"{"/a":{"get":{"operationId":"Same","responses":{}}},
                    "/b":{"get":{"operationId":"Same","responses":{}},
                          "put":{"operationId":"","responses":{}},
                          "post":{"operationId":7,"responses":{}}}}"#;
    let s = Scratch::new();
    s.write("api.json", &doc(paths, "{}"));
    let diags = s.lower_err("api.json").join("\n");
    assert!(
        diags.contains("api.json#/paths/~1b/put/operationId: `operationId` is empty"),
        "{diags}"
    );
    assert!(diags.contains("api.json#/paths/~1b/post/operationId: `operationId` must be a string"));
    let s = Scratch::new();
    s.write(
        "api.json",
        &doc(&paths.replace(r#""operationId":"","#, "").replace(r#""operationId":7,"#, ""), "{}"),
    );
    let notes = s.lower_notes("api.json").join("\n");
    assert!(
        notes.contains(
            "operationId `Same` is also used at api.json#/paths/~1a/get; this one is bound as `Api`"
        ),
        "{notes}"
    );
}

#[test]
fn path_template_and_parameters_are_reconciled_both_ways() {
    let paths = r#"{"/v1/{id}/x":{"get":{"operationId":"A","responses":{},
        "parameters":[{"name":"other","in":"path","required":true,"schema":{"type":"string"}}]}}}"#;
    let s = Scratch::new();
    s.write("api.json", &doc(paths, "{}"));
    let notes = s.lower_notes("api.json").join("\n");
    assert!(
        notes.contains("has `{id}` but no path parameter `id`; it is added as a required string"),
        "{notes}"
    );
    assert!(
        notes.contains("path parameter `other` does not appear in `/v1/{id}/x`; left out"),
        "{notes}"
    );
    let api = s.lower_ok("api.json");
    let names: Vec<&str> = api.operations["A"].params.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["id"]);
}

#[test]
fn unknown_types_are_repaired_and_unknown_formats_fall_back_to_the_type() {
    let bad = r#"{"schemas":{"A":{"type":"strang"},"B":{"type":"integer","format":"int128"},
        "C":{"type":"long"},"D":{"type":"string","enum":["a",1,true]}}}"#;
    let s = Scratch::new();
    s.write("api.json", &doc("{}", bad));
    assert_eq!(
        s.lower_notes("api.json"),
        [
            "repaired: api.json#/components/schemas/A/type: unknown type `strang`; read as any JSON value",
            "repaired: api.json#/components/schemas/C/type: unknown type `long`; read as `integer`",
            "repaired: api.json#/components/schemas/D/enum/1: a string enum may only list strings; 1 is kept as \"1\"",
            "repaired: api.json#/components/schemas/D/enum/2: a string enum may only list strings; true is kept as \"true\"",
        ]
    );
    let api = s.lower_ok("api.json");
    use specbind_codegen::model::{Primitive, TypeKind, TypeRef};
    assert_eq!(api.types["B"].kind, TypeKind::Alias(TypeRef::Primitive(Primitive::I64)));
    assert_eq!(api.types["C"].kind, TypeKind::Alias(TypeRef::Primitive(Primitive::I64)));
}

#[test]
fn conflicting_schemas_across_files_name_both_places() {
    let s = Scratch::new();
    s.write("d/a.json", &doc(&get_op(""), r#"{"schemas":{"T":{"type":"string"}}}"#));
    s.write("d/b.json", &doc(&get_op(""), r#"{"schemas":{"T":{"type":"integer"}}}"#));
    let diags = s.lower_err("d").join("\n");
    assert!(diags.contains("d/b.json#/components/schemas/T: schema `T` differs from the one at d/a.json#/components/schemas/T"), "{diags}");
    assert!(
        !diags.contains("is also defined"),
        "one method and path may carry several operations: {diags}"
    );
}

#[test]
fn bad_extension_values() {
    let page = r#""x-specbind-pagination":{"offset":"offset","limit":"limit","items":"count"},"#;
    let diags = Scratch::new();
    diags.write("api.json", &doc(&get_op(page), "{}"));
    let all = diags.lower_err("api.json").join("\n");
    assert!(all.contains("x-specbind-pagination/limit: no query parameter `limit`"), "{all}");
    assert!(all.contains("response field `count` is not an array"), "{all}");

    let waiter = r#""x-specbind-waiters":[{"name":"ready","field":"status","success":["ok"]}],"#;
    let message = one_error(&doc(&get_op(waiter), "{}"));
    assert!(
        message.contains("x-specbind-waiters/0/field: `field` must be a JSON pointer"),
        "{message}"
    );

    let client = get_op("")
        .replace(r#""in":"query","#, r#""in":"query","x-specbind-client-param":"region","#);
    let message = one_error(&doc(&client, "{}"));
    assert!(message.contains("parameters/1/x-specbind-client-param: "), "{message}");
}

#[test]
fn all_problems_are_reported_together() {
    let s = Scratch::new();
    s.write("d/a.json", &doc(r#"{"/x/{id}":{"get":{"operationId":"X","responses":{}}}}"#, "{}"));
    s.write("d/b.json", r#"{"openapi":"3.0.0","components":{"schemas":{"Y":{"type":"nope"}}}}"#);
    s.write("d/c.json", "{");
    // Strict, so the two repairs (a missing path parameter, an unknown type) count as errors.
    let diags = s.lower_strict_err("d");
    assert_eq!(diags.len(), 3, "{diags:#?}");
    assert!(diags[0].starts_with("d/a.json#/paths/~1x~1{id}/get: "), "{diags:#?}");
    assert!(diags[1].starts_with("d/b.json#/components/schemas/Y/type: "), "{diags:#?}");
    assert!(diags[2].starts_with("d/c.json:1:"), "{diags:#?}");
}

/// A tiny deterministic generator, so a failure is reproducible.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, below: usize) -> usize {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % below.max(1)
    }
}

#[test]
fn garbage_truncated_and_mutated_specs_never_panic() {
    let real = Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs/vpcep/CreateEndpoint.json");
    let original = std::fs::read_to_string(real).expect("specs/vpcep/CreateEndpoint.json");
    let bytes = original.as_bytes();
    let pieces = [
        "null",
        "[]",
        "1",
        "\"x\"",
        "{}",
        "{\"openapi\":3}",
        "{\"openapi\":\"3.0.0\",\"paths\":[]}",
        "{\"$ref\":\"#\"}",
        "true",
        "{\"a\":",
        "{\"type\":[\"x\"]}",
        "\"#/components\"",
    ];
    let mut rng = Lcg(42);
    let s = Scratch::new();
    for round in 0..400 {
        let text = match round % 3 {
            0 => String::from_utf8_lossy(&bytes[..rng.next(bytes.len())]).into_owned(),
            1 => {
                // Splice a JSON fragment in place of a random value-ish span.
                let start = rng.next(bytes.len());
                let end = (start + rng.next(200)).min(bytes.len());
                let piece = pieces[rng.next(pieces.len())];
                let mut mutated = String::from_utf8_lossy(&bytes[..start]).into_owned();
                mutated.push_str(piece);
                mutated.push_str(&String::from_utf8_lossy(&bytes[end..]));
                mutated
            }
            _ => (0..rng.next(300)).map(|_| (rng.next(95) as u8 + 32) as char).collect(),
        };
        s.write("spec/op.json", &text);
        s.write("spec/common.json", &original);
        let input = GenerateInput {
            spec: Path::new("spec"),
            base_dir: &s.dir,
            options: Options::default(),
        };
        let outcome = std::panic::catch_unwind(|| generate(&input).map(|_| ()));
        assert!(outcome.is_ok(), "panicked on round {round}:\n{text}");
    }
}

/// Two schemas aliasing each other, used as a paging type: the check stage's resolver is the
/// one bounded resolver, and the cycle is repaired before any rule follows it (an unbounded
/// walk here used to recurse until the stack overflowed).
#[test]
fn alias_cycle_used_as_a_paging_type_is_repaired_not_followed_forever() {
    let paths = r##"{"/things":{"get":{"operationId":"ListThings",
        "x-specbind-pagination":{"offset":"offset","limit":"limit","items":"things"},
        "parameters":[{"name":"offset","in":"query","schema":{"$ref":"#/components/schemas/A"}},
                      {"name":"limit","in":"query","schema":{"type":"integer"}}],
        "responses":{"200":{"description":"ok","content":{"application/json":{"schema":
            {"type":"object","properties":{"things":{"type":"array","items":{"type":"string"}}}}}}}}}}}"##;
    let components = r##"{"schemas":{"A":{"$ref":"#/components/schemas/B"},
        "B":{"$ref":"#/components/schemas/A"}}}"##;
    let s = Scratch::new();
    s.write("api.json", &doc(paths, components));
    let notes = s.lower_notes("api.json").join("\n");
    assert!(notes.contains("schemas/A: type alias refers back to itself"), "{notes}");
    let api = s.lower_ok("api.json");
    assert!(api.operations["ListThings"].pagination.is_some());
}

#[test]
fn yaml_specs_lower_like_json_and_syntax_errors_have_line_and_column() {
    let s = Scratch::new();
    s.write("api.yaml", "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      operationId: GetA\n      responses: {'204': {description: done}}\n");
    let api = s.lower_ok("api.yaml");
    assert!(api.operations.contains_key("GetA"));
    s.write("bad.yaml", "openapi: 3.0.3\npaths: [\n");
    let errors = s.lower_err("bad.yaml");
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert!(errors[0].starts_with("bad.yaml:"), "{errors:#?}");
    assert!(errors[0].contains("invalid YAML"), "{errors:#?}");
}
