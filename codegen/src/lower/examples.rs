//! Repairs taken from a response's own examples: a required property that an example of the
//! response sends as `null` is read as nullable. API Explorer exports mark fields required that
//! the services answer with `null` (ECS and EVS jobs carry `"error_code": null` until they
//! fail, as the exports' examples show), and a client that refused such a body could not poll
//! a job at all.

use std::collections::BTreeSet;

use serde_json::Value;

use crate::diag::Diagnostics;
use crate::load::SpecSet;
use crate::model::*;

/// How deep an example is followed (schemas may be recursive; examples are finite anyway).
const MAX_DEPTH: usize = 32;

/// Marks nullable every required property some success response example sends as `null`.
pub fn nulls_from_examples(api: &mut Api, set: &SpecSet, diags: &mut Diagnostics) {
    let mut found: BTreeSet<(String, String)> = BTreeSet::new();
    for op in api.operations.values() {
        for response in &op.responses {
            let Some(body) = &response.body else { continue };
            let Some(file) = set.by_display(&response.loc.file) else { continue };
            let Some(raw) = file.value.pointer(&response.loc.pointer) else { continue };
            for example in examples(raw) {
                null_fields(api, &body.ty, example, 0, &mut found);
            }
        }
    }
    for (type_name, wire_name) in found {
        let Some(TypeDef { kind: TypeKind::Struct(def), .. }) = api.types.get_mut(&type_name)
        else {
            continue;
        };
        if let Some(field) = def.fields.iter_mut().find(|f| f.wire_name == wire_name) {
            field.nullable = true;
            diags.repair(
                &field.loc,
                "required, and a response example sends `null`: read as nullable",
            );
        }
    }
}

/// The JSON examples of a response: Swagger 2 `examples.<media type>`, OpenAPI 3
/// `content.<media type>.example` and `.examples.<name>.value`.
fn examples(response: &Value) -> Vec<&Value> {
    let mut out: Vec<&Value> = Vec::new();
    if let Some(by_media) = response.get("examples").and_then(Value::as_object) {
        out.extend(by_media.values());
    }
    for media in response.get("content").and_then(Value::as_object).into_iter().flatten() {
        out.extend(media.1.get("example"));
        let named = media.1.get("examples").and_then(Value::as_object);
        out.extend(named.into_iter().flatten().filter_map(|(_, e)| e.get("value")));
    }
    out
}

/// Collects (type, property) for every required, non-nullable property `value` holds as null.
fn null_fields(
    api: &Api,
    ty: &TypeRef,
    value: &Value,
    depth: usize,
    found: &mut BTreeSet<(String, String)>,
) {
    if depth > MAX_DEPTH {
        return;
    }
    match (api.resolve(ty), value) {
        (TypeRef::Array(item), Value::Array(values)) => {
            values.iter().for_each(|v| null_fields(api, item, v, depth + 1, found));
        }
        (TypeRef::Map(item), Value::Object(values)) => {
            values.values().for_each(|v| null_fields(api, item, v, depth + 1, found));
        }
        (TypeRef::Named(name), Value::Object(values)) => {
            let Some(TypeDef { kind: TypeKind::Struct(def), .. }) = api.types.get(name) else {
                return;
            };
            for field in &def.fields {
                match values.get(&field.wire_name) {
                    Some(Value::Null) if field.required && !field.nullable => {
                        found.insert((name.clone(), field.wire_name.clone()));
                    }
                    Some(inner) => null_fields(api, &field.ty, inner, depth + 1, found),
                    None => {}
                }
            }
        }
        _ => {}
    }
}
