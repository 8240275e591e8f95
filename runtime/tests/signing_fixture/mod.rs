//! The request and keys the stage-by-stage signing tests share with the official SDK's
//! recorded output (`conformance/signing/stage_examples.py` signs the same ones).
#![allow(dead_code)] // Each test file uses a different subset.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use specbind::http_request::HttpRequest;

pub const AK: &str = "AKIDEXAMPLE";
pub const SK: &str = "sk-example/secret";
pub const HOST: &str = "vpcep.cn-north-4.myhuaweicloud.com";
/// SHA-256 of an empty body.
pub const EMPTY_HASH: &str = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

/// 2024-03-15T08:15:30Z, written `20240315T081530Z`.
pub fn signing_time() -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(1_710_490_530)
}

/// A bodiless request to `HOST` with no query or headers yet.
pub fn request(method: http::Method, resource_path: &str) -> HttpRequest {
    HttpRequest {
        method,
        scheme: "https".to_owned(),
        host: HOST.to_owned(),
        resource_path: resource_path.to_owned(),
        query: Vec::new(),
        headers: Vec::new(),
        body: Default::default(),
    }
}
