//! Reading a page's next marker from a typed response, for the generated `PagedResponse`
//! impls of marker-paged operations. Going through JSON keeps the generated code to one call
//! whatever the nesting and optionality of the fields on the way.

use serde::Serialize;
use serde_json::Value;

/// The text at `pointer` (e.g. `/page_info/next_marker`) in `page`, if it is a non-empty
/// string or a number.
pub fn marker_at<T: Serialize>(page: &T, pointer: &str) -> Option<String> {
    let value = serde_json::to_value(page).ok()?;
    as_marker(value.pointer(pointer)?)
}

/// `field` of the last item of the array `items` in `page`: the marker of APIs whose next page
/// starts after the last item seen.
pub fn last_item_marker<T: Serialize>(page: &T, items: &str, field: &str) -> Option<String> {
    let value = serde_json::to_value(page).ok()?;
    as_marker(value.get(items)?.as_array()?.last()?.get(field)?)
}

fn as_marker(value: &Value) -> Option<String> {
    match value {
        Value::String(text) if !text.is_empty() => Some(text.clone()),
        Value::Number(number) => Some(number.to_string()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn reads_nested_markers_and_last_items() {
        let page = json!({"page_info": {"next_marker": "m2"}, "servers": [{"id": "a"}, {"id": 7}]});
        assert_eq!(marker_at(&page, "/page_info/next_marker").as_deref(), Some("m2"));
        assert_eq!(last_item_marker(&page, "servers", "id").as_deref(), Some("7"));
        assert_eq!(
            marker_at(&json!({"page_info": {"next_marker": ""}}), "/page_info/next_marker"),
            None
        );
        assert_eq!(last_item_marker(&json!({"servers": []}), "servers", "id"), None);
    }
}
