//! Compiles every golden file under `#![deny(warnings)]` and checks how the generated types
//! behave with serde: wire names, unknown enum values, unions, nullability, defaults, recursion.
#![deny(warnings)]

#[path = "../golden/model-pets.rs"]
pub mod model_pets;
#[path = "../golden/model-sample.rs"]
pub mod model_sample;

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
