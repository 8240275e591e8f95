//! Overlays (the OpenAPI Initiative's Overlay Specification 1.0): documents that add or correct
//! parts of a spec without editing it, so a downloaded export can gain `x-specbind-*` keys that
//! survive the next download.
//!
//! An overlay lists `actions`, each with a JSONPath `target` (RFC 9535) and either an `update`
//! (merged into every node the target selects: objects key by key, arrays appended to, anything
//! else replaced) or `remove: true`. They apply in order to every file the user named, before
//! lowering. A mistake in an overlay (no `actions`, a bad path, a target that selects nothing in
//! any file) is an error at its place in the overlay file.

use std::path::{Path, PathBuf};

use serde_json::Value;
use serde_json_path::JsonPath;

use crate::diag::Diagnostics;
use crate::load::{self, SpecSet};
use crate::model::SpecLoc;

/// Applies each overlay in `overlays` (absolute, or relative to `base_dir`) to `set`.
pub fn apply(set: &mut SpecSet, overlays: &[PathBuf], base_dir: &Path, diags: &mut Diagnostics) {
    for overlay in overlays {
        let path = load::normalize(&base_dir.join(overlay));
        let display = load::shown_path(&path, base_dir);
        set.tracked.push(path.clone());
        let Some(document) = load::read_document(&path, &display, true, diags) else { continue };
        let root = SpecLoc::new(display, "");
        if let Some(actions) = actions(&root, &document, diags) {
            for (index, action) in actions.iter().enumerate() {
                apply_action(set, &root.join("actions").join(index), action, diags);
            }
        }
    }
}

/// The overlay's actions, after checking that it is an overlay this code reads.
fn actions<'v>(
    root: &SpecLoc,
    document: &'v Value,
    diags: &mut Diagnostics,
) -> Option<&'v [Value]> {
    match document.get("overlay").and_then(Value::as_str) {
        Some(version) if version.starts_with("1.") => {}
        Some(version) => {
            diags.error(
                &root.join("overlay"),
                format!("unsupported overlay version `{version}`; specbind reads 1.x"),
            );
            return None;
        }
        None => {
            diags.error(root, "not an overlay: no `overlay` version (such as \"1.0.0\")");
            return None;
        }
    }
    match document.get("actions").and_then(Value::as_array) {
        Some(actions) => Some(actions),
        None => {
            diags.error(&root.join("actions"), "an overlay needs an `actions` array");
            None
        }
    }
}

fn apply_action(set: &mut SpecSet, at: &SpecLoc, action: &Value, diags: &mut Diagnostics) {
    let Some(target) = action.get("target").and_then(Value::as_str) else {
        diags.error(&at.join("target"), "an action needs a JSONPath `target` string");
        return;
    };
    let path = match JsonPath::parse(target) {
        Ok(path) => path,
        Err(error) => {
            diags.error(&at.join("target"), format!("`{target}` is not a JSONPath: {error}"));
            return;
        }
    };
    let remove = action.get("remove") == Some(&Value::Bool(true));
    let update = action.get("update");
    if remove == update.is_some() {
        diags.error(at, "an action needs exactly one of `update` or `remove: true`");
        return;
    }
    let mut matched = 0;
    for file in set.roots_mut() {
        let pointers: Vec<String> =
            path.query_located(&file.value).locations().map(|l| l.to_json_pointer()).collect();
        matched += pointers.len();
        // Last first, so that removing an array item does not shift the ones still to remove.
        for pointer in pointers.iter().rev() {
            match update {
                Some(update) => {
                    if let Some(node) = file.value.pointer_mut(pointer) {
                        merge(node, update);
                    }
                }
                None if pointer.is_empty() => {
                    diags.error(&at.join("target"), "the document root cannot be removed");
                }
                None => remove_at(&mut file.value, pointer),
            }
        }
    }
    if matched == 0 {
        diags.error(&at.join("target"), format!("`{target}` selects nothing in the spec"));
    }
}

/// Merges `update` into `node` as Overlay 1.0 says: objects key by key (recursively), arrays
/// get the update appended (each item of an array update), anything else is replaced.
fn merge(node: &mut Value, update: &Value) {
    match (node, update) {
        (Value::Object(target), Value::Object(update)) => {
            for (key, value) in update {
                match target.get_mut(key) {
                    Some(existing) => merge(existing, value),
                    None => {
                        target.insert(key.clone(), value.clone());
                    }
                }
            }
        }
        (Value::Array(target), Value::Array(items)) => target.extend(items.iter().cloned()),
        (Value::Array(target), item) => target.push(item.clone()),
        (node, value) => *node = value.clone(),
    }
}

/// Removes the node at `pointer` (not the root) from its parent.
fn remove_at(document: &mut Value, pointer: &str) {
    let Some((parent, last)) = pointer.rsplit_once('/') else { return };
    let key = last.replace("~1", "/").replace("~0", "~");
    match document.pointer_mut(parent) {
        Some(Value::Object(map)) => {
            map.remove(&key);
        }
        Some(Value::Array(items)) => {
            if let Ok(index) = key.parse::<usize>()
                && index < items.len()
            {
                items.remove(index);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn merge_follows_the_overlay_rules() {
        let mut node = json!({"a": {"b": 1, "c": [1]}, "d": "x"});
        merge(&mut node, &json!({"a": {"b": 2, "c": [2, 3], "e": true}, "d": "y"}));
        assert_eq!(node, json!({"a": {"b": 2, "c": [1, 2, 3], "e": true}, "d": "y"}));
    }

    #[test]
    fn remove_takes_object_members_and_array_items() {
        let mut document = json!({"a": {"b": 1, "c/d": 2}, "list": [0, 1, 2]});
        remove_at(&mut document, "/a/c~1d");
        remove_at(&mut document, "/list/1");
        assert_eq!(document, json!({"a": {"b": 1}, "list": [0, 2]}));
    }
}
