//! Comparisons between what the official SDK sent and what our client sent.

use serde_json::Value;

use crate::recorder::Recorded;

/// Compares one recorded request with the official SDK's (an entry of `recorded/<SERVICE>.json`),
/// leaving out the body fields at the `lacking` pointers.
pub fn request(expected: &Value, sent: &Recorded, lacking: &[Value]) -> Vec<String> {
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
        .into_iter()
        .flatten()
        .map(|pair| (scalar_text(&pair[0]), scalar_text(&pair[1])))
        .collect();
    ours.sort();
    theirs.sort();
    if ours != theirs {
        let missing: Vec<_> = theirs.iter().filter(|p| !ours.contains(p)).collect();
        let extra: Vec<_> = ours.iter().filter(|p| !theirs.contains(p)).collect();
        problems.push(format!("query differs: SDK-only {missing:?}, ours-only {extra:?}"));
    }
    // Identity headers (null when the SDK sent none) and the operation's header parameters.
    for (name, value) in expected["headers"].as_object().into_iter().flatten() {
        let theirs = value.as_str().map(str::to_string);
        let ours = sent.header(name);
        if ours != theirs {
            problems.push(format!("header {name}: {ours:?} != SDK {theirs:?}"));
        }
    }
    let expected_body = &without_pointers(&expected["body"], lacking);
    let sent_body = if sent.body.is_empty() {
        Value::Null
    } else {
        serde_json::from_slice(&sent.body).unwrap_or_else(|error| {
            problems.push(format!("body is not JSON: {error}"));
            Value::Null
        })
    };
    problems.extend(json("request body", expected_body, &sent_body));
    // The SDK labels even bodiless requests `application/json`; the type only carries meaning
    // when there is a body, so that is where it must match.
    if !expected_body.is_null() {
        let theirs = text("content_type");
        let ours = sent.header("content-type").unwrap_or_default();
        if !ours.eq_ignore_ascii_case(&theirs) {
            problems.push(format!("content type {ours:?} != SDK {theirs:?}"));
        }
    }
    problems
}

fn scalar_text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
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
        // 1 and 1.0 are one JSON number.
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

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn sent(path: &str, query: &str, body: &str) -> Recorded {
        let mut headers = axum::http::HeaderMap::new();
        headers.insert("content-type", "application/json".parse().unwrap());
        headers.insert("x-project-id", "p1".parse().unwrap());
        Recorded {
            method: "POST".into(),
            path: path.into(),
            raw_query: query.into(),
            headers,
            body: body.to_string().into(),
        }
    }

    fn sdk(query: Value) -> Value {
        json!({
            "method": "POST", "path": "/v1/p1/x", "query": query, "content_type": "application/json",
            "headers": {"X-Project-Id": "p1", "X-Domain-Id": null}, "body": {"a": {"b": [1, 2]}},
        })
    }

    #[test]
    fn query_is_a_multiset_and_repeated_keys_differ_from_a_joined_value() {
        let expected = sdk(json!([["id", "a"], ["id", "b"], ["n", "x y"]]));
        let body = r#"{"a":{"b":[1,2]}}"#;
        assert!(request(&expected, &sent("/v1/p1/x", "n=x%20y&id=b&id=a", body), &[]).is_empty());
        let joined = request(&expected, &sent("/v1/p1/x", "n=x%20y&id=a,b", body), &[]);
        assert_eq!(joined.len(), 1, "{joined:?}");
    }

    #[test]
    fn body_headers_and_left_out_fields() {
        let expected = sdk(json!([]));
        let problems = request(&expected, &sent("/v1/p1/x", "", r#"{"a":{"b":[1]}}"#), &[]);
        assert_eq!(problems, vec!["request body differs at /a/b ([1,2] != [1])".to_string()]);
        // A field the export lacks is left out of the SDK's body before comparing.
        let lacking = [json!("/a")];
        assert!(request(&expected, &sent("/v1/p1/x", "", "{}"), &lacking).is_empty());
        let mut with_domain = expected.clone();
        with_domain["headers"]["X-Domain-Id"] = json!("d1");
        let problems = request(&with_domain, &sent("/v1/p1/x", "", r#"{"a":{"b":[1,2]}}"#), &[]);
        assert_eq!(problems, vec![r#"header X-Domain-Id: None != SDK Some("d1")"#.to_string()]);
    }
}
