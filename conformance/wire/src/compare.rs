//! Comparisons between what the official SDK sent and what `vpcep` sent.

use serde_json::Value;

use crate::recorder::Recorded;

/// Compares one recorded request with the official SDK's.
pub fn request(expected: &Value, sent: &Recorded) -> Vec<String> {
    let mut problems = Vec::new();
    let text = |key: &str| expected[key].as_str().unwrap_or_default().to_string();
    if text("method") != sent.method {
        problems.push(format!("method {} != SDK {}", sent.method, text("method")));
    }
    if text("path") != sent.path {
        problems.push(format!("path {} != SDK {}", sent.path, text("path")));
    }
    let mut ours = query_pairs(&sent.raw_query);
    let mut theirs: Vec<(String, String)> = expected["query"]
        .as_array()
        .map(|pairs| {
            pairs
                .iter()
                .map(|pair| {
                    let part = |i: usize| match &pair[i] {
                        Value::String(s) => s.clone(),
                        other => other.to_string(),
                    };
                    (part(0), part(1))
                })
                .collect()
        })
        .unwrap_or_default();
    ours.sort();
    theirs.sort();
    if ours != theirs {
        problems.push(format!("query {ours:?} != SDK {theirs:?}"));
    }
    let expected_body = &expected["body"];
    let sent_body = if sent.body.is_empty() {
        Value::Null
    } else {
        match serde_json::from_slice(&sent.body) {
            Ok(value) => value,
            Err(error) => {
                problems.push(format!("body is not JSON: {error}"));
                Value::Null
            }
        }
    };
    problems.extend(json("request body", expected_body, &sent_body));
    // The SDK labels even bodiless requests `application/json`; the type only carries meaning
    // when there is a body, so that is where it must match.
    if !expected_body.is_null() {
        let theirs = text("content_type");
        let ours = sent.content_type.clone().unwrap_or_default();
        if !ours.eq_ignore_ascii_case(&theirs) {
            problems.push(format!("content type {ours:?} != SDK {theirs:?}"));
        }
    }
    problems
}

fn query_pairs(raw: &str) -> Vec<(String, String)> {
    form_urlencoded::parse(raw.as_bytes()).map(|(k, v)| (k.into_owned(), v.into_owned())).collect()
}

/// Compares two JSON values, describing the first difference.
pub fn json(what: &str, expected: &Value, actual: &Value) -> Vec<String> {
    match first_difference(expected, actual, String::new()) {
        Some(difference) => vec![format!("{what} differs at {difference}")],
        None => Vec::new(),
    }
}

fn first_difference(expected: &Value, actual: &Value, at: String) -> Option<String> {
    match (expected, actual) {
        (Value::Object(a), Value::Object(b)) => {
            for key in a.keys().chain(b.keys()) {
                let here = format!("{at}/{key}");
                match (a.get(key), b.get(key)) {
                    (Some(x), Some(y)) => {
                        if let Some(found) = first_difference(x, y, here) {
                            return Some(found);
                        }
                    }
                    (Some(_), None) => return Some(format!("{here} (missing)")),
                    (None, Some(_)) => return Some(format!("{here} (unexpected)")),
                    (None, None) => {}
                }
            }
            None
        }
        (Value::Array(a), Value::Array(b)) if a.len() == b.len() => a
            .iter()
            .zip(b)
            .enumerate()
            .find_map(|(i, (x, y))| first_difference(x, y, format!("{at}/{i}"))),
        (Value::Number(a), Value::Number(b)) if a.as_f64() == b.as_f64() => None,
        _ if expected == actual => None,
        _ => Some(format!("{} ({expected} != {actual})", if at.is_empty() { "/" } else { &at })),
    }
}

/// `value` without the members at the given JSON pointers.
pub fn without_pointers(value: &Value, pointers: &[Value]) -> Value {
    let mut value = value.clone();
    for pointer in pointers.iter().filter_map(Value::as_str) {
        if let Some((parent, key)) = pointer.rsplit_once('/') {
            let key = key.replace("~1", "/").replace("~0", "~");
            if let Some(Value::Object(map)) = value.pointer_mut(parent) {
                map.remove(&key);
            }
        }
    }
    value
}
