//! Turning a successful response body into the operation's typed output.

use bytes::Bytes;

/// Turns a 2xx status and the body bytes into the typed body.
pub type Decoder<T> = fn(status: u16, body: &[u8]) -> Result<T, DecodeFailure>;

/// Why a body could not be decoded: a message and, for JSON, the path of the field that failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeFailure {
    message: String,
    path: Option<String>,
}

impl DecodeFailure {
    /// A failure with a message and no field path.
    pub fn new(message: impl Into<String>) -> Self {
        Self { message: message.into(), path: None }
    }

    /// A failure at `path` (e.g. `endpoints[2].status`).
    pub fn at(message: impl Into<String>, path: impl Into<String>) -> Self {
        Self { message: message.into(), path: Some(path.into()) }
    }

    /// What went wrong.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// Path to the field that failed, when known.
    pub fn path(&self) -> Option<&str> {
        self.path.as_deref()
    }
}

impl std::fmt::Display for DecodeFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.path {
            Some(path) => write!(f, "at `{path}`: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

/// Decodes a JSON body, reporting the path of a field that has the wrong type or is missing.
///
/// The body is decoded once, without path tracking (tracking allocates for every field and
/// needs a second instantiation of `T`'s decoder); only a body that fails is scanned again, up
/// to serde_json's error position, to name the failing field.
pub fn decode_json<T: serde::de::DeserializeOwned>(
    _status: u16,
    body: &[u8],
) -> Result<T, DecodeFailure> {
    serde_json::from_slice(body)
        .map_err(|error| crate::__private::json_path::describe(body, &error))
}

/// For operations without a response body: any body is ignored.
pub fn decode_empty(_status: u16, _body: &[u8]) -> Result<(), DecodeFailure> {
    Ok(())
}

/// Decodes a UTF-8 text body.
pub fn decode_text(_status: u16, body: &[u8]) -> Result<String, DecodeFailure> {
    String::from_utf8(body.to_vec())
        .map_err(|error| DecodeFailure::new(format!("body is not UTF-8: {error}")))
}

/// Returns the body bytes unchanged.
pub fn decode_bytes(_status: u16, body: &[u8]) -> Result<Bytes, DecodeFailure> {
    Ok(Bytes::copy_from_slice(body))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    struct Page {
        #[allow(dead_code)]
        items: Vec<Item>,
    }

    #[derive(Debug, serde::Deserialize)]
    struct Item {
        #[allow(dead_code)]
        id: String,
    }

    #[test]
    fn json_failure_names_the_field() {
        let failure = decode_json::<Page>(200, br#"{"items":[{"id":"a"},{"id":7}]}"#).unwrap_err();
        assert_eq!(failure.path(), Some("items[1].id"));
        assert!(failure.message().contains("invalid type"), "{failure}");
    }

    #[test]
    fn json_syntax_error_has_no_path() {
        let failure = decode_json::<Page>(200, b"{not json").unwrap_err();
        assert_eq!(failure.path(), None);
    }

    #[test]
    fn trailing_garbage_is_rejected() {
        assert!(decode_json::<Page>(200, br#"{"items":[]} x"#).is_err());
    }

    #[test]
    fn text_must_be_utf8() {
        assert_eq!(decode_text(200, b"hi").unwrap(), "hi");
        assert!(decode_text(200, &[0xff, 0xfe]).is_err());
    }
}
