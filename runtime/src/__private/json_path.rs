//! Where in a JSON body a decoding error happened, found without knowing the target type.
//!
//! Path tracking through `serde_path_to_error` needs a second, tracked instantiation of every
//! response type's `Deserialize` impl, which every bindings crate then compiles. serde_json
//! already reports the line and column of an error; scanning the body up to that point gives the
//! same path, in the same notation (`items[1].id`), from one non-generic function.

use crate::decode::DecodeFailure;

/// Describes `error`, which serde_json returned for `body`, with the path of the value it is about.
#[cold]
pub(crate) fn describe(body: &[u8], error: &serde_json::Error) -> DecodeFailure {
    let message = error.to_string();
    let path = byte_offset(body, error.line(), error.column()).and_then(|end| path_at(body, end));
    match path {
        Some(path) => DecodeFailure::at(message, path),
        None => DecodeFailure::new(message),
    }
}

/// serde_json positions are a 1-based line and the bytes read on that line; line 0 means none.
fn byte_offset(body: &[u8], line: usize, column: usize) -> Option<usize> {
    if line == 0 {
        return None;
    }
    let line_start = if line == 1 {
        0
    } else {
        body.iter().enumerate().filter(|(_, byte)| **byte == b'\n').nth(line - 2)?.0 + 1
    };
    Some((line_start + column).min(body.len()))
}

enum Frame {
    Object { key: Option<String>, in_value: bool },
    Array { index: usize, started: bool },
}

/// The path of the innermost value that the first `end` bytes of `body` are inside or have just
/// finished, or `None` at the root. A token that starts before `end` counts as read.
fn path_at(body: &[u8], end: usize) -> Option<String> {
    let mut stack: Vec<Frame> = Vec::new();
    let mut at = 0;
    while at < end {
        let byte = body[at];
        if byte.is_ascii_whitespace() {
            at += 1;
            continue;
        }
        if !matches!(byte, b'}' | b']' | b',' | b':')
            && let Some(Frame::Array { started, .. }) = stack.last_mut()
        {
            *started = true;
        }
        match byte {
            b'{' => stack.push(Frame::Object { key: None, in_value: false }),
            b'[' => stack.push(Frame::Array { index: 0, started: false }),
            // A bracket that does not close the innermost container is the syntax error itself:
            // serde was reading a value there.
            b'}' | b']' => match (byte, stack.last_mut()) {
                (b'}', Some(Frame::Object { .. })) | (b']', Some(Frame::Array { .. })) => {
                    drop(stack.pop())
                }
                (_, Some(Frame::Array { started, .. })) => *started = true,
                _ => {}
            },
            b':' => {
                if let Some(Frame::Object { in_value, .. }) = stack.last_mut() {
                    *in_value = true;
                }
            }
            b',' => match stack.last_mut() {
                Some(Frame::Object { key, in_value }) => (*key, *in_value) = (None, false),
                Some(Frame::Array { index, .. }) => *index += 1,
                None => {}
            },
            b'"' => {
                let close = string_end(body, at);
                if let Some(Frame::Object { key, in_value: false }) = stack.last_mut() {
                    *key = Some(serde_json::from_slice(&body[at..close]).unwrap_or_default());
                }
                at = close;
                continue;
            }
            _ => {
                at += body[at..].iter().take_while(|b| !b",:]} \t\r\n".contains(b)).count();
                continue;
            }
        }
        at += 1;
    }
    render(&stack)
}

/// The index just past the string starting at `open` (or the end of the body).
fn string_end(body: &[u8], open: usize) -> usize {
    let mut at = open + 1;
    while at < body.len() {
        match body[at] {
            b'\\' => at += 2,
            b'"' => return at + 1,
            _ => at += 1,
        }
    }
    body.len()
}

fn render(stack: &[Frame]) -> Option<String> {
    let mut path = String::new();
    for frame in stack {
        match frame {
            Frame::Object { key: Some(key), .. } => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(key);
            }
            Frame::Array { index, started: true } => path.push_str(&format!("[{index}]")),
            _ => {}
        }
    }
    (!path.is_empty()).then_some(path)
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;
    use serde::de::DeserializeOwned;

    use super::*;

    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Page {
        items: Vec<Item>,
        total: Option<u32>,
        #[serde(default)]
        nested: Option<Box<Page>>,
    }

    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Item {
        id: String,
        #[serde(default)]
        tags: Vec<String>,
        #[serde(default)]
        kind: Option<Kind>,
    }

    #[derive(Debug, Deserialize)]
    #[serde(rename_all = "lowercase")]
    enum Kind {
        Cat,
        Dog,
    }

    /// The path and message `serde_path_to_error` gives, in `DecodeFailure` form.
    fn tracked<T: DeserializeOwned>(body: &[u8]) -> DecodeFailure {
        let mut deserializer = serde_json::Deserializer::from_slice(body);
        let error = match serde_path_to_error::deserialize::<_, T>(&mut deserializer) {
            Ok(_) => return DecodeFailure::new(deserializer.end().unwrap_err().to_string()),
            Err(error) => error,
        };
        let path = error.path().to_string();
        let message = error.into_inner().to_string();
        if path == "." || path == "?" {
            DecodeFailure::new(message)
        } else {
            DecodeFailure::at(message, path)
        }
    }

    fn scanned<T: DeserializeOwned>(body: &[u8]) -> DecodeFailure {
        match serde_json::from_slice::<T>(body) {
            Ok(_) => panic!("the case must fail"),
            Err(error) => describe(body, &error),
        }
    }

    #[test]
    fn paths_match_serde_path_to_error() {
        let cases: &[&str] = &[
            r#"{"items":[{"id":"a"},{"id":7}]}"#,
            r#"{"items":[{"id":"a"},{"tags":[]}]}"#,
            r#"{"items":[{"id":"a","tags":["x",{"y":1}]}]}"#,
            r#"{"items":[{"id":"a","kind":"bird"}]}"#,
            r#"{"items":[], "total": "many"}"#,
            r#"{"items":[], "total": -1}"#,
            r#"{"items":[], "nested": {"items": [{"id": "a"}, {"id": null}]}}"#,
            r#"{"items":[], "nested": {"items": [{"id": "a \"quoted\" , [x]"}, {"id": []}]}}"#,
            "{\n  \"items\": [\n    {\"id\": \"a\"},\n    {\"id\": true}\n  ]\n}",
            r#"{"total": 1}"#,
            r#"{"items": {"id": "a"}}"#,
            r#"{"items": [{"id": "a", "kind": {"cat": 1}}]}"#,
            r#"{"items": [{"id": "a"}], "nested": {"items": [], "nested": {"items": 3}}}"#,
            r#"{"ite\u006ds": 4}"#,
            r#"{"items": [}"#,
            r#"{not json"#,
            r#"[1, 2]"#,
            r#""text""#,
            r#"{"items": []} x"#,
            r#"{"items": [{"id": "é\n\"", "tags": ["a", 2]}]}"#,
            "{\r\n\"items\": [\r\n{\"id\": 1}]}",
            r#"{"items": [{"id": "a"}], "total": 1, "nested": {"items": [{"id": "b", "kind": 5}]}}"#,
        ];
        for case in cases {
            assert_eq!(
                scanned::<Page>(case.as_bytes()),
                tracked::<Page>(case.as_bytes()),
                "{case}"
            );
        }
        let list = br#"[{"id":"a"},{"id":"b","tags":[1]}]"#;
        assert_eq!(scanned::<Vec<Item>>(list), tracked::<Vec<Item>>(list));
        let nested = br#"[["a"], ["b", 3]]"#;
        assert_eq!(scanned::<Vec<Vec<String>>>(nested), tracked::<Vec<Vec<String>>>(nested));
    }

    #[test]
    fn positions_past_the_end_are_clamped() {
        assert_eq!(byte_offset(b"{}", 1, 10), Some(2));
        assert_eq!(byte_offset(b"{\n}", 2, 1), Some(3));
        assert_eq!(byte_offset(b"{}", 3, 0), None);
        assert_eq!(byte_offset(b"{}", 0, 0), None);
    }
}
