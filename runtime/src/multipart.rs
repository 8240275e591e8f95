//! `multipart/form-data` request bodies (RFC 7578): uploads with files and text fields.
//!
//! Generated code writes each field of a multipart body into a [`MultipartForm`] (files as
//! [`FilePart`]s, everything else as text); the form encodes itself with a boundary that does
//! not occur in any part.

use std::fmt;
use std::sync::atomic::{AtomicU64, Ordering};

use bytes::{BufMut, Bytes, BytesMut};

/// A file to upload in a multipart body: its name, media type and contents.
///
/// `Debug` shows the name, media type and size, not the contents.
#[derive(Clone, PartialEq, Eq)]
pub struct FilePart {
    file_name: String,
    content_type: String,
    data: Bytes,
}

impl FilePart {
    /// A file called `file_name` holding `data`, sent as `application/octet-stream`.
    pub fn new(file_name: impl Into<String>, data: impl Into<Bytes>) -> Self {
        Self {
            file_name: file_name.into(),
            content_type: "application/octet-stream".to_owned(),
            data: data.into(),
        }
    }

    /// Sets the media type of the file (e.g. `image/png`).
    pub fn content_type(mut self, content_type: impl Into<String>) -> Self {
        self.content_type = content_type.into();
        self
    }

    /// The file name sent with the part.
    pub fn file_name(&self) -> &str {
        &self.file_name
    }

    /// The contents.
    pub fn data(&self) -> &Bytes {
        &self.data
    }
}

impl fmt::Debug for FilePart {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FilePart")
            .field("file_name", &self.file_name)
            .field("content_type", &self.content_type)
            .field("len", &self.data.len())
            .finish()
    }
}

// Generated structs derive serde traits for every field; a file is only ever uploaded, so its
// serde form is just its name, and decoding one is an error rather than a silent empty file.
impl serde::Serialize for FilePart {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.file_name)
    }
}

impl<'de> serde::Deserialize<'de> for FilePart {
    fn deserialize<D: serde::Deserializer<'de>>(_: D) -> Result<Self, D::Error> {
        Err(serde::de::Error::custom("a file part is uploaded in a multipart body, never decoded"))
    }
}

/// One part of a form.
#[derive(Debug, Clone)]
enum Part {
    Text { name: &'static str, value: String },
    File { name: &'static str, file: FilePart },
}

/// A `multipart/form-data` body being assembled, in field order.
#[derive(Debug, Clone, Default)]
pub struct MultipartForm {
    parts: Vec<Part>,
    problem: Option<String>,
}

impl MultipartForm {
    /// An empty form.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a text field: strings as they are, numbers and booleans in their JSON spelling,
    /// lists one part per item, objects as JSON text. `None` adds nothing.
    pub fn text<T: serde::Serialize + ?Sized>(&mut self, name: &'static str, value: &T) {
        match serde_json::to_value(value) {
            Ok(value) => self.push_text(name, value),
            Err(error) => {
                self.problem
                    .get_or_insert(format!("form field `{name}` cannot be written: {error}"));
            }
        }
    }

    fn push_text(&mut self, name: &'static str, value: serde_json::Value) {
        use serde_json::Value;
        let value = match value {
            Value::Null => return,
            Value::String(text) => text,
            Value::Array(items) => {
                for item in items {
                    self.push_text(name, item);
                }
                return;
            }
            other => other.to_string(),
        };
        self.parts.push(Part::Text { name, value });
    }

    /// Adds a file.
    pub fn file(&mut self, name: &'static str, file: &FilePart) {
        self.parts.push(Part::File { name, file: file.clone() });
    }

    /// The encoded body and its `Content-Type` (with the boundary), or why it could not be made.
    pub fn encode(&self) -> Result<(String, Bytes), String> {
        if let Some(problem) = &self.problem {
            return Err(problem.clone());
        }
        let boundary = self.boundary();
        let mut out = BytesMut::new();
        for part in &self.parts {
            out.put_slice(b"--");
            out.put_slice(boundary.as_bytes());
            out.put_slice(b"\r\n");
            match part {
                Part::Text { name, value } => {
                    let head = format!(
                        "Content-Disposition: form-data; name=\"{}\"\r\n\r\n",
                        quoted(name)
                    );
                    out.put_slice(head.as_bytes());
                    out.put_slice(value.as_bytes());
                }
                Part::File { name, file } => {
                    let head = format!(
                        "Content-Disposition: form-data; name=\"{}\"; filename=\"{}\"\r\nContent-Type: {}\r\n\r\n",
                        quoted(name),
                        quoted(&file.file_name),
                        file.content_type.replace(['\r', '\n'], "")
                    );
                    out.put_slice(head.as_bytes());
                    out.put_slice(&file.data);
                }
            }
            out.put_slice(b"\r\n");
        }
        out.put_slice(b"--");
        out.put_slice(boundary.as_bytes());
        out.put_slice(b"--\r\n");
        Ok((format!("multipart/form-data; boundary={boundary}"), out.freeze()))
    }

    /// A boundary that occurs in no part (RFC 2046 requires it).
    fn boundary(&self) -> String {
        static COUNTER: AtomicU64 = AtomicU64::new(0);
        loop {
            let n = COUNTER.fetch_add(1, Ordering::Relaxed);
            let nanos = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.subsec_nanos());
            let boundary = format!("specbind-{nanos:08x}{n:08x}");
            let clashes = self.parts.iter().any(|part| match part {
                Part::Text { value, .. } => value.contains(&boundary),
                Part::File { file, .. } => contains(&file.data, boundary.as_bytes()),
            });
            if !clashes {
                return boundary;
            }
        }
    }
}

/// A form field or file name inside a quoted header parameter: quotes and line breaks are
/// percent-encoded, as browsers do (RFC 7578 §4.2).
fn quoted(text: &str) -> String {
    text.replace('"', "%22").replace('\r', "%0D").replace('\n', "%0A")
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|window| window == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_text_lists_and_files_with_a_fresh_boundary() {
        let mut form = MultipartForm::new();
        form.text("label", "icon");
        form.text("size", &42);
        form.text("tags", &["a", "b"]);
        form.text("missing", &None::<String>);
        form.text("meta", &serde_json::json!({"k": 1}));
        form.file(
            "file",
            &FilePart::new("a\"b.png", vec![0u8, 159, 146, 150]).content_type("image/png"),
        );
        let (content_type, body) = form.encode().unwrap();
        let boundary = content_type.strip_prefix("multipart/form-data; boundary=").unwrap();
        let mut expected = Vec::new();
        for (name, value) in
            [("label", "icon"), ("size", "42"), ("tags", "a"), ("tags", "b"), ("meta", "{\"k\":1}")]
        {
            expected.extend_from_slice(
                format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n").as_bytes(),
            );
        }
        expected.extend_from_slice(
            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a%22b.png\"\r\nContent-Type: image/png\r\n\r\n").as_bytes(),
        );
        expected.extend_from_slice(&[0, 159, 146, 150]);
        expected.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
        assert_eq!(body.as_ref(), expected.as_slice());
    }

    #[test]
    fn file_debug_hides_contents_and_decoding_a_file_is_an_error() {
        let file = FilePart::new("secret.txt", "top secret");
        assert!(!format!("{file:?}").contains("top secret"));
        assert!(serde_json::from_str::<FilePart>("\"x\"").is_err());
    }
}
