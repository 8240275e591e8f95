//! One signing conformance case (written by `conformance/signing/generate_cases.py` from the
//! official signer's output) and the stage-by-stage comparison against our signer.
//!
//! Shared by the `signing_conformance` example and the `signing_official_cases` test.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::Deserialize;
use specbind::credentials::Credentials;
use specbind::http_request::{HttpRequest, QueryValue};
use specbind::signing::{SigningAlgorithm, SigningContext, sign, sign_request, wire_query};

/// A request, its credentials and what the official signer produced for it.
#[derive(Debug, Deserialize)]
pub struct Case {
    pub name: String,
    pub algorithm: String,
    pub ak: String,
    pub sk: String,
    pub security_token: Option<String>,
    pub project_id: Option<String>,
    pub service: String,
    pub region: String,
    pub sdk_date: String,
    pub method: String,
    pub host: String,
    pub resource_path: String,
    pub query: Vec<(String, CaseQueryValue)>,
    pub headers: Vec<(String, String)>,
    pub body_hex: String,
    pub expected: Expected,
}

/// A query value as written in a case file: a string, a list of strings or a list of integers.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum CaseQueryValue {
    Single(String),
    List(Vec<String>),
    Integers(Vec<i64>),
}

/// The official signer's output at each stage.
#[derive(Debug, Deserialize)]
pub struct Expected {
    pub canonical_request: String,
    pub string_to_sign: String,
    pub authorization: String,
    pub wire_query: String,
    pub headers: Vec<(String, String)>,
}

impl Case {
    /// The class a case belongs to: its name without the trailing index (`case` for the random
    /// ones, a quirk's name for the others).
    pub fn class(&self) -> &str {
        self.name.rsplit_once('-').map_or(self.name.as_str(), |(class, _)| class)
    }
}

/// Reads a case file (a JSON array of cases).
pub fn load(path: &std::path::Path) -> Result<Vec<Case>, String> {
    let text =
        std::fs::read_to_string(path).map_err(|error| format!("{}: {error}", path.display()))?;
    serde_json::from_str(&text).map_err(|error| format!("{}: {error}", path.display()))
}

/// Signs `case` with our signer and compares every stage; `Err` names the first stage that
/// differs, with both values.
pub fn check(case: &Case) -> Result<(), String> {
    let mut request = request_of(case)?;
    let mut credentials = Credentials::aksk(&case.ak, &case.sk);
    if let Some(token) = &case.security_token {
        credentials = credentials.with_security_token(token);
    }
    let algorithm = match case.algorithm.as_str() {
        "SDK-HMAC-SHA256" => SigningAlgorithm::HmacSha256,
        "V11-HMAC-SHA256" => SigningAlgorithm::DerivedHmacSha256,
        other => return Err(format!("unknown algorithm {other}")),
    };
    let context = SigningContext {
        service: &case.service,
        region: &case.region,
        project_id: case.project_id.as_deref(),
        now: time_of(&case.sdk_date)?,
    };
    // The client signs with `sign`; the stages come from `sign_request`. Both must leave the
    // request with the same headers.
    let mut signed_by_client = request.clone();
    sign(&mut signed_by_client, &credentials, algorithm, &context)
        .map_err(|error| error.to_string())?;
    let trace = sign_request(&mut request, &credentials, algorithm, &context)
        .map_err(|error| error.to_string())?;
    compare(
        "headers from sign vs sign_request",
        &sorted_headers(&signed_by_client.headers),
        &sorted_headers(&request.headers),
    )?;
    let expected = &case.expected;
    compare("canonical request", &trace.canonical_request, &expected.canonical_request)?;
    compare("string to sign", &trace.string_to_sign, &expected.string_to_sign)?;
    compare("authorization", &trace.authorization, &expected.authorization)?;
    compare("wire query", &wire_query(&request), &expected.wire_query)?;
    compare("headers", &sorted_headers(&request.headers), &sorted_headers(&expected.headers))
}

fn request_of(case: &Case) -> Result<HttpRequest, String> {
    let method =
        http::Method::from_bytes(case.method.as_bytes()).map_err(|error| error.to_string())?;
    let body = hex::decode(&case.body_hex).map_err(|error| error.to_string())?;
    let query = case
        .query
        .iter()
        .map(|(key, value)| {
            let value = match value {
                CaseQueryValue::Single(value) => QueryValue::Single(value.clone()),
                CaseQueryValue::List(values) => QueryValue::List(values.clone()),
                CaseQueryValue::Integers(values) => QueryValue::Integers(values.clone()),
            };
            (key.clone(), value)
        })
        .collect();
    Ok(HttpRequest {
        method,
        scheme: "https".to_owned(),
        host: case.host.clone(),
        resource_path: case.resource_path.clone(),
        query,
        headers: case.headers.clone(),
        body: body.into(),
    })
}

/// `YYYYMMDDTHHMMSSZ` → `SystemTime`, via Python-independent arithmetic on the digits.
fn time_of(sdk_date: &str) -> Result<SystemTime, String> {
    let digits = |range: std::ops::Range<usize>| -> Result<i64, String> {
        sdk_date
            .get(range)
            .and_then(|text| text.parse().ok())
            .ok_or_else(|| format!("bad sdk_date {sdk_date}"))
    };
    let (year, month, day) = (digits(0..4)?, digits(4..6)?, digits(6..8)?);
    let seconds_of_day = digits(9..11)? * 3600 + digits(11..13)? * 60 + digits(13..15)?;
    // Days before each month in a non-leap year; leap days counted separately below.
    const BEFORE_MONTH: [i64; 12] = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];
    let leap = |y: i64| y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
    let mut days: i64 = (1970..year).map(|y| if leap(y) { 366 } else { 365 }).sum();
    days += BEFORE_MONTH[(month - 1) as usize] + day - 1 + i64::from(month > 2 && leap(year));
    let seconds =
        u64::try_from(days * 86_400 + seconds_of_day).map_err(|error| error.to_string())?;
    Ok(UNIX_EPOCH + Duration::from_secs(seconds))
}

fn sorted_headers(headers: &[(String, String)]) -> String {
    let mut lines: Vec<String> = headers
        .iter()
        .map(|(name, value)| format!("{}: {value}", name.to_ascii_lowercase()))
        .collect();
    lines.sort();
    lines.join("\n")
}

fn compare(stage: &str, ours: &str, official: &str) -> Result<(), String> {
    if ours == official {
        return Ok(());
    }
    Err(format!("{stage} differs\n  ours:     {ours:?}\n  official: {official:?}"))
}
