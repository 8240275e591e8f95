//! One HTTP/1.1 exchange on a fresh connection, read by the message's own framing
//! (`Content-Length`, chunks, or the connection's end). The client never asks for the
//! connection to close, so a `Connection: close` in the answer is the server's own doing.

use serde_json::Value;
use specbind::http_request::HttpRequest;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// The connection closed before any answer arrived.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NoAnswer;

/// What came back.
#[derive(Clone)]
pub struct Reply {
    /// HTTP status.
    pub status: u16,
    /// Headers, names lower-cased.
    pub headers: Vec<(String, String)>,
    /// The body as it arrived (de-chunked; cut short if the connection ended early).
    pub bytes: Vec<u8>,
    /// The body as JSON; `Null` when empty or not JSON.
    pub body: Value,
}

impl std::fmt::Debug for Reply {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "HTTP {} {}", self.status, self.text())
    }
}

impl Reply {
    /// The body as text, for messages.
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.bytes).into_owned()
    }

    /// `error_code` of an error body.
    pub fn code(&self) -> &str {
        self.body["error_code"].as_str().unwrap_or_default()
    }

    /// `error_msg` of an error body.
    pub fn message(&self) -> &str {
        self.body["error_msg"].as_str().unwrap_or_default()
    }

    /// A header value by lower-case name.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(key, _)| key == name).map(|(_, value)| value.as_str())
    }

    /// `X-Request-Id`, which every answer carries.
    pub fn request_id(&self) -> Option<&str> {
        self.header("x-request-id")
    }

    /// Asserts a VPCEP-shaped 4xx: the status, `error_code`, and a non-empty `error_msg`.
    #[track_caller]
    pub fn assert_error(&self, status: u16, code: &str) {
        assert_eq!(self.status, status, "unexpected status: {self:?}");
        assert_eq!(self.code(), code, "unexpected error_code: {self:?}");
        assert!(!self.message().is_empty(), "error_msg is empty: {self:?}");
    }
}

/// Sends `request` to `host` and reads one answer.
pub async fn exchange(host: &str, request: &HttpRequest) -> Result<Reply, NoAnswer> {
    let query = specbind::signing::wire_query(request);
    let target = match query.is_empty() {
        true => request.resource_path.clone(),
        false => format!("{}?{query}", request.resource_path),
    };
    let mut head = format!("{} {target} HTTP/1.1\r\n", request.method);
    if request.header("Host").is_none() {
        head.push_str(&format!("Host: {host}\r\n"));
    }
    for (name, value) in &request.headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str(&format!("Content-Length: {}\r\n\r\n", request.body.len()));
    let mut stream = TcpStream::connect(host).await.expect("simulator accepts");
    stream.write_all(head.as_bytes()).await.expect("head written");
    // A server that refuses early (an oversized body) may stop reading; its answer still counts.
    let _ = stream.write_all(&request.body).await;
    read_reply(&mut stream).await
}

async fn read_reply(stream: &mut TcpStream) -> Result<Reply, NoAnswer> {
    let mut raw = Vec::new();
    let head_end = loop {
        if let Some(end) = raw.windows(4).position(|w| w == b"\r\n\r\n") {
            break end;
        }
        if !read_more(stream, &mut raw).await {
            return Err(NoAnswer);
        }
    };
    let (status, headers) = parse_head(&raw[..head_end]);
    let mut body = raw.split_off(head_end + 4);
    let header = |name: &str| headers.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str());
    let chunked = header("transfer-encoding").is_some_and(|v| v.contains("chunked"));
    let length = header("content-length").and_then(|v| v.parse::<usize>().ok());
    let bytes = if matches!(status, 100..=199 | 204 | 304) {
        Vec::new()
    } else if chunked {
        loop {
            let (data, complete) = dechunk(&body);
            if complete || !read_more(stream, &mut body).await {
                break data;
            }
        }
    } else if let Some(length) = length {
        while body.len() < length && read_more(stream, &mut body).await {}
        body.truncate(length);
        body
    } else {
        while read_more(stream, &mut body).await {}
        body
    };
    let json = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
    Ok(Reply { status, headers, bytes, body: json })
}

/// Appends what the connection has next; `false` once it has ended (or broke: what arrived
/// before is still judged).
async fn read_more(stream: &mut TcpStream, into: &mut Vec<u8>) -> bool {
    let mut chunk = [0u8; 8192];
    match stream.read(&mut chunk).await {
        Ok(0) | Err(_) => false,
        Ok(n) => {
            into.extend_from_slice(&chunk[..n]);
            true
        }
    }
}

fn parse_head(head: &[u8]) -> (u16, Vec<(String, String)>) {
    let head = String::from_utf8_lossy(head);
    let mut lines = head.split("\r\n");
    let status_line = lines.next().unwrap_or_default();
    let status = status_line
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("bad status line {status_line:?}"));
    let headers = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    (status, headers)
}

/// The data of a chunked body so far, and whether its last (empty) chunk has arrived.
fn dechunk(mut data: &[u8]) -> (Vec<u8>, bool) {
    let mut out = Vec::new();
    while let Some(end) = data.windows(2).position(|w| w == b"\r\n") {
        let size_text = String::from_utf8_lossy(&data[..end]);
        let Ok(size) = usize::from_str_radix(size_text.split(';').next().unwrap_or("").trim(), 16)
        else {
            break;
        };
        data = &data[end + 2..];
        if size == 0 {
            return (out, true);
        }
        if data.len() < size {
            out.extend_from_slice(data);
            break;
        }
        out.extend_from_slice(&data[..size]);
        data = data.get(size + 2..).unwrap_or_default();
    }
    (out, false)
}
