//! Multipart uploads and several operations on one method and path, through a generated
//! client against a loopback server: the file, text, number and list parts arrive as
//! `multipart/form-data`, and each of two operations sharing `POST …/things/action` sends its
//! own body.
#![deny(warnings)]

#[path = "roundtrip/server.rs"]
mod server;

use server::{TestServer, config};

#[specbind::bindings(spec = "specs/uploads")]
pub mod uploads {}

use uploads::types;

fn client(server: &TestServer) -> uploads::Client {
    uploads::Client::from_config(config(server)).expect("client")
}

/// One part of a multipart body: name, file name, content type, data.
type Part = (String, Option<String>, Option<String>, Vec<u8>);
/// A part as compared in assertions.
type PartView<'a> = (&'a str, Option<&'a str>, Option<&'a str>, &'a [u8]);

/// The parts of a multipart body, in order.
fn parts(content_type: &str, body: &[u8]) -> Vec<Part> {
    let boundary = content_type.split("boundary=").nth(1).expect("a boundary");
    let delimiter = format!("--{boundary}");
    let text = body.to_vec();
    let mut out = Vec::new();
    let mut rest: &[u8] = &text;
    let find =
        |haystack: &[u8], needle: &[u8]| haystack.windows(needle.len()).position(|w| w == needle);
    while let Some(start) = find(rest, delimiter.as_bytes()) {
        rest = &rest[start + delimiter.len()..];
        if rest.starts_with(b"--") {
            break;
        }
        rest = &rest[2..]; // CRLF after the delimiter
        let head_end = find(rest, b"\r\n\r\n").expect("part headers end");
        let head = String::from_utf8(rest[..head_end].to_vec()).expect("UTF-8 headers");
        let after = &rest[head_end + 4..];
        let end = find(after, format!("\r\n{delimiter}").as_bytes()).expect("part ends");
        let data = after[..end].to_vec();
        let disposition = head.lines().next().unwrap_or_default();
        let param = |key: &str| {
            disposition
                .split(';')
                .map(str::trim)
                .find_map(|p| p.strip_prefix(&format!("{key}=\"")))
                .map(|v| v.trim_end_matches('"').to_owned())
        };
        let name = param("name").expect("a part name");
        let file_name = param("filename");
        let part_type =
            head.lines().find_map(|l| l.strip_prefix("Content-Type: ")).map(str::to_owned);
        out.push((name, file_name, part_type, data));
        rest = &after[end + 2..];
    }
    out
}

#[tokio::test]
async fn a_file_upload_is_sent_as_multipart_form_data() {
    let server =
        TestServer::start(|_| (201, "application/json", r#"{"id":"f1","size":4}"#.to_owned()))
            .await;
    let file =
        specbind::FilePart::new("logo.png", vec![0x89, b'P', b'N', b'G']).content_type("image/png");
    let body = types::UploadFileRequestBody::new(file, "brand")
        .copies(2)
        .tags(vec!["a".to_owned(), "b".to_owned()]);
    let stored =
        client(&server).upload_file(uploads::UploadFileRequest::new(body)).await.expect("upload");
    assert_eq!(stored.id.as_deref(), Some("f1"));

    let sent = server.single_request();
    assert_eq!((sent.method.as_str(), sent.path.as_str()), ("POST", "/v1/proj123/files"));
    let content_type = sent.header("content-type").expect("content type").to_owned();
    assert!(content_type.starts_with("multipart/form-data; boundary="), "{content_type}");
    let parts = parts(&content_type, &sent.body);
    let summary: Vec<PartView<'_>> = parts
        .iter()
        .map(|(n, f, t, d)| (n.as_str(), f.as_deref(), t.as_deref(), d.as_slice()))
        .collect();
    assert_eq!(
        summary,
        [
            ("file", Some("logo.png"), Some("image/png"), &[0x89, b'P', b'N', b'G'][..]),
            ("label", None, None, b"brand"),
            ("copies", None, None, b"2"),
            ("tags", None, None, b"a"),
            ("tags", None, None, b"b"),
        ]
    );
}

#[tokio::test]
async fn two_operations_on_one_method_and_path_each_send_their_own_body() {
    let server = TestServer::start(|_| (204, "application/json", String::new())).await;
    let client = client(&server);
    let pause = types::PauseThingsRequestBody::new(
        types::PauseThingsRequestBodyPause::new().reason("maintenance"),
    );
    client.pause_things(uploads::PauseThingsRequest::new(pause)).await.expect("pause");
    let resume =
        types::ResumeThingsRequestBody::new(types::ResumeThingsRequestBodyResume::new().at("now"));
    client.resume_things(uploads::ResumeThingsRequest::new(resume)).await.expect("resume");
    let sent = server.requests();
    assert_eq!(sent.len(), 2);
    for request in &sent {
        assert_eq!(
            (request.method.as_str(), request.path.as_str()),
            ("POST", "/v1/proj123/things/action")
        );
    }
    assert_eq!(sent[0].json(), serde_json::json!({"pause": {"reason": "maintenance"}}));
    assert_eq!(sent[1].json(), serde_json::json!({"resume": {"at": "now"}}));
}
