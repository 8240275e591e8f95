//! Compiles every golden file under `#![deny(warnings)]` and checks how the generated types
//! behave with serde: wire names, unknown enum values, unions, nullability, defaults, recursion.
#![deny(warnings)]

// Golden files are prettyplease output, compared byte for byte: rustfmt must not touch them.
#[rustfmt::skip]
#[path = "../golden/model-pets.rs"]
pub mod model_pets;
#[rustfmt::skip]
#[path = "../golden/model-sample.rs"]
pub mod model_sample;
#[rustfmt::skip]
#[path = "../golden/openapi-api-with-examples.rs"]
pub mod openapi_api_with_examples;
#[rustfmt::skip]
#[path = "../golden/openapi-callback-example.rs"]
pub mod openapi_callback_example;
#[rustfmt::skip]
#[path = "../golden/openapi-link-example.rs"]
pub mod openapi_link_example;
#[rustfmt::skip]
#[path = "../golden/openapi-petstore.rs"]
pub mod openapi_petstore;
#[rustfmt::skip]
#[path = "../golden/openapi-petstore-expanded.rs"]
pub mod openapi_petstore_expanded;
#[rustfmt::skip]
#[path = "../golden/openapi-uspto.rs"]
pub mod openapi_uspto;
#[rustfmt::skip]
#[path = "../golden/operations.rs"]
pub mod operations;
#[rustfmt::skip]
#[path = "../golden/shapes.rs"]
pub mod shapes;
#[rustfmt::skip]
#[path = "../golden/split.rs"]
pub mod split;
#[rustfmt::skip]
#[path = "../golden/uploads.rs"]
pub mod uploads;
#[rustfmt::skip]
#[path = "../golden/yaml_catalog.rs"]
pub mod yaml_catalog;

/// Names a user's module may have in scope that clash with the prelude; generated code must
/// not resolve anything through them.
pub mod clashing_names {
    pub struct Option;
    pub struct Result;
    pub struct String;
    pub struct Vec;
    pub struct Box;
    pub struct Default;
    pub struct Some;
    pub struct None;
    pub struct Ok;
    pub struct Err;
    pub trait Into {}
    pub trait From {}
    pub mod serde {}
    pub mod serde_json {}
    pub mod core {}
    pub mod std {}
    // A primitive type's name resolves to any item of that name in scope.
    #[allow(non_camel_case_types)]
    pub struct bool;
    #[allow(non_camel_case_types)]
    pub struct str;
    #[allow(non_camel_case_types)]
    pub struct u8;
    #[allow(non_camel_case_types)]
    pub struct u16;
    #[allow(non_camel_case_types)]
    pub struct u64;
    #[allow(non_camel_case_types)]
    pub struct usize;
    #[allow(non_camel_case_types)]
    pub struct i32;
    #[allow(non_camel_case_types)]
    pub struct i64;
    #[allow(non_camel_case_types)]
    pub struct f32;
    #[allow(non_camel_case_types)]
    pub struct f64;
}

/// The sample expanded into a module whose glob import shadows the prelude.
pub mod hygiene {
    // Nothing should resolve through this import; that is what is being tested.
    #[allow(unused_imports)]
    use crate::clashing_names::*;
    include!("../golden/model-sample.rs");
}

use serde_json::json;

/// Decodes `value`, checks it re-encodes to exactly the same JSON, and returns it.
fn round_trip<T>(value: serde_json::Value) -> T
where
    T: serde::Serialize + serde::de::DeserializeOwned,
{
    let typed: T = serde_json::from_value(value.clone()).expect("decodes");
    assert_eq!(serde_json::to_value(&typed).expect("encodes"), value, "re-encodes unchanged");
    typed
}

mod model {
    use super::model_pets::types as pets;
    use super::model_sample::types as sample;
    use super::*;

    #[test]
    fn string_enums_keep_unknown_values() {
        assert_eq!(round_trip::<sample::Status>(json!("available")), sample::Status::Available);
        let odd: sample::Status = round_trip(json!("hibernating"));
        assert_eq!(odd, sample::Status::Unknown("hibernating".into()));
        assert_eq!(odd.as_str(), "hibernating");
        assert_eq!(sample::Status::from("a-b"), sample::Status::AB);
        assert_eq!(sample::Status::AB.to_string(), "a-b");
        // A listed value spelled like the catch-all is a known variant, not the catch-all.
        assert_eq!(round_trip::<sample::Status>(json!("Unknown")), sample::Status::Unknown2);
    }

    #[test]
    fn tag_carrying_union_dispatches_on_the_tag_and_keeps_it() {
        let cat: pets::Pet =
            round_trip(json!({"petType": "cat", "name": "Tom", "lives": 3, "owner": null}));
        assert!(matches!(&cat, pets::Pet::Cat(c) if c.name == "Tom" && c.lives == 3));
        let bird = serde_json::from_value::<pets::Pet>(json!({"petType": "bird", "name": "x"}));
        assert!(bird.unwrap_err().to_string().contains("bird"));
        let untagged = serde_json::from_value::<pets::Pet>(json!({"name": "x"}));
        assert!(untagged.unwrap_err().to_string().contains("petType"));
    }

    #[test]
    fn internally_tagged_union_writes_the_tag() {
        let animal: pets::Animal = round_trip(json!({"kind": "bird", "wings": 2}));
        assert_eq!(animal, pets::Animal::Bird(pets::Bird { wings: 2 }));
    }

    #[test]
    fn required_nullable_is_sent_as_null_and_defaults_fill_missing_fields() {
        let cat: pets::Cat =
            serde_json::from_value(json!({"petType": "cat", "name": "Tom"})).unwrap();
        assert_eq!(cat.lives, 9, "spec default");
        assert_eq!(cat.owner, None);
        let sent = serde_json::to_value(&cat).unwrap();
        assert_eq!(sent, json!({"petType": "cat", "name": "Tom", "lives": 9, "owner": null}));
    }

    #[test]
    fn odd_names_keep_wire_names_and_extra_properties_flatten() {
        let wire = json!({"type": "t", "Type": "T", "new": "n", "extra": [1]});
        let node: sample::Node = round_trip(wire);
        assert_eq!(node.r#type, "t");
        assert_eq!(node.type_2.as_deref(), Some("T"));
        assert_eq!(node.new_2.as_deref(), Some("n"));
        assert_eq!(node.additional_properties.get("extra"), Some(&json!([1])));
    }

    #[test]
    fn recursive_types_are_boxed_and_decode() {
        let node: sample::Node = round_trip(json!({
            "type": "leaf",
            "child": {"type": "inner", "children": [{"type": "deep"}]},
            "shape": "text"
        }));
        let child = node.child.as_deref().expect("child");
        assert_eq!(child.children.as_ref().map(Vec::len), Some(1));
        assert_eq!(node.shape.as_deref(), Some(&sample::Shape::Text("text".into())));
    }

    #[test]
    fn bodies_and_requests_are_built_from_required_values_and_setters() {
        let node = sample::Node::new("t").type_2("T").child(sample::Node::new("c"));
        assert_eq!(
            serde_json::to_value(&node).unwrap(),
            json!({"type": "t", "Type": "T", "child": {"type": "c"}})
        );
        let request = model_sample::ListNodesRequest::new("trace").limit(5).status("available");
        assert_eq!(request.limit, Some(5));
        assert_eq!(request.status, Some(sample::Status::Available));
        assert_eq!(request.offset, None);
    }
}

/// The same properties on code generated from `tests/specs/shapes.json` through the whole
/// pipeline (load, lower, check, emit).
mod spec {
    use super::shapes::types;
    use super::*;

    #[test]
    fn string_enums_keep_unknown_values() {
        assert_eq!(round_trip::<types::Status>(json!("available")), types::Status::Available);
        let odd: types::Status = round_trip(json!("hibernating"));
        assert_eq!(odd, types::Status::Unknown("hibernating".into()));
        assert_eq!(types::Status::from("pending-acceptance").to_string(), "pending-acceptance");
        // Values differing only in case are different variants.
        assert_ne!(types::Status::from("AVAILABLE"), types::Status::Available);
        assert_eq!(round_trip::<types::Status>(json!("AVAILABLE")).as_str(), "AVAILABLE");
        assert_eq!(round_trip::<types::Status>(json!("Unknown")).as_str(), "Unknown");
    }

    #[test]
    fn discriminated_union_dispatches_on_the_tag_and_keeps_it() {
        let cat: types::Pet = round_trip(json!({"petType": "cat", "name": "Tom", "lives": 3}));
        assert!(matches!(&cat, types::Pet::Cat(c) if c.name == "Tom" && c.lives == Some(3)));
        let dog: types::Pet = round_trip(json!({"petType": "dog", "name": "Rex"}));
        assert!(matches!(dog, types::Pet::Dog(_)));
        let bird = serde_json::from_value::<types::Pet>(json!({"petType": "bird", "name": "x"}));
        assert!(bird.unwrap_err().to_string().contains("bird"));
    }

    #[test]
    fn untagged_unions_take_the_first_alternative_that_fits() {
        assert_eq!(
            round_trip::<types::StringOrNumber>(json!(7)),
            types::StringOrNumber::Integer(7)
        );
        let text = round_trip::<types::StringOrNumber>(json!("7"));
        assert_eq!(text, types::StringOrNumber::String("7".into()));
        let list = round_trip::<types::ScalarOrList>(json!(["a"]));
        assert_eq!(list, types::ScalarOrList::Array(vec!["a".into()]));
    }

    #[test]
    fn nullable_required_and_defaults() {
        let value: types::Nullables =
            round_trip(json!({"required_nullable": null, "required_plain": "x"}));
        assert_eq!(value.required_nullable, None);
        let missing = serde_json::from_value::<types::Nullables>(json!({"required_nullable": "a"}));
        assert!(missing.unwrap_err().to_string().contains("required_plain"));
        let numbers: types::Numbers = serde_json::from_value(json!({})).expect("count defaults");
        assert_eq!(numbers.count, 10);
    }

    /// Structs decode through specbind's own `Deserialize` impl; its errors read as serde's.
    #[test]
    fn struct_decoding_errors_and_unknown_fields() {
        let decode = |text: &str| serde_json::from_str::<types::Nullables>(text);
        let error = |text: &str| decode(text).unwrap_err().to_string();
        let twice = r#"{"required_plain": "a", "required_plain": "b"}"#;
        assert!(error(twice).starts_with("duplicate field `required_plain`"), "{}", error(twice));
        assert!(error("{}").starts_with("missing field `required_plain`"), "{}", error("{}"));
        assert!(error(r#"["a"]"#).contains("expected struct Nullables"), "{}", error(r#"["a"]"#));
        let bad = r#"{"required_plain": "a", "optional_plain": 1}"#;
        assert!(error(bad).starts_with("invalid type: integer `1`, expected a boolean"));
        let value = decode(r#"{"surplus": {"a": [1, null]}, "required_plain": "a"}"#).unwrap();
        assert_eq!((value.required_nullable, value.required_plain.as_str()), (None, "a"));
        let nulls = r#"{"required_plain": "a", "optional_nullable": null, "optional_plain": null}"#;
        assert_eq!(decode(nulls).unwrap().optional_nullable, None);
    }

    #[test]
    fn odd_names_keep_their_wire_names() {
        let wire = json!({
            "type": "t", "self": "s", "Self": "S", "Action": "A", "a-b": "1", "a.b": "2",
            "a_b": "3", "1st": "first", "": "empty", "name": "n", "Name": "N", "new": "new",
            "async": true, "additional_properties": "named", "something-else": "extra"
        });
        let odd: types::OddNames = round_trip(wire);
        assert_eq!(odd.self_2.as_deref(), Some("S"));
        assert_eq!(odd.a_b_3.as_deref(), Some("3"));
        assert_eq!(odd.n1st.as_deref(), Some("first"));
        assert_eq!(odd.empty.as_deref(), Some("empty"));
        assert_eq!(odd.r#async, Some(true));
        let extra = odd.additional_properties_2.get("something-else");
        assert_eq!(extra.map(String::as_str), Some("extra"));
    }

    #[test]
    fn recursive_and_deeply_nested_inline_types_decode() {
        let everything: types::Everything = round_trip(json!({
            "pet": {"petType": "dog", "name": "Rex"},
            "tree": {"label": "leaf", "parent": {"label": "root"}, "ping": {"pong": {"ping": {}}}},
            "groups": {"admins": ["a", "b"]},
            "nested": {"level_two": [{"name": "x", "level_three": {"mode": "fast", "level_four": {"depth": 4}}}]},
            "dated": {"created_at": "2026-01-01T00:00:00Z", "id": "d1"}
        }));
        assert_eq!(everything.tree.parent.as_deref().map(|p| p.label.as_str()), Some("root"));
        assert_eq!(everything.groups.as_ref().and_then(|g| g.get("admins")).map(Vec::len), Some(2));
        let dated = everything.dated.expect("allOf merged");
        assert_eq!((dated.id.as_str(), dated.created_at.as_str()), ("d1", "2026-01-01T00:00:00Z"));
    }
}
