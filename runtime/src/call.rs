//! One request being assembled by generated code, then turned into an [`HttpRequest`].

use std::collections::BTreeMap;

use bytes::Bytes;
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

use crate::config::{DOMAIN_ID_PARAM, PROJECT_ID_PARAM};
use crate::endpoint::Endpoint;
use crate::error::Error;
use crate::http_request::{HttpRequest, QueryValue};
use crate::operation::Operation;
use crate::param::ParamValue;

/// Bytes a path parameter keeps unencoded: the unreserved set, as Python's
/// `quote(value, safe='')` used by the official SDK.
const PATH_PARAM: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

#[derive(Debug, Clone)]
enum PathValue {
    Given(String),
    FromClient(&'static str),
}

#[derive(Debug, Clone)]
struct Body {
    content_type: std::borrow::Cow<'static, str>,
    bytes: Bytes,
}

/// One request being assembled.
///
/// Methods never fail: the first problem (a body that cannot be serialized, say) is kept and
/// [`Client::execute`](crate::Client::execute) returns it as a construction error before
/// anything is sent.
#[derive(Debug, Clone)]
pub struct Call {
    operation: &'static Operation,
    path_params: Vec<(&'static str, PathValue)>,
    query: Vec<(String, QueryValue)>,
    headers: Vec<(String, String)>,
    body: Option<Body>,
    problem: Option<String>,
    unavailable_in: &'static [&'static str],
    regional: Vec<RegionalUse>,
}

/// A request body field (or value) that only some regions offer, as this request uses it.
#[derive(Debug, Clone)]
pub(crate) struct RegionalUse {
    pub(crate) field: &'static str,
    /// The value, when only some values are regional.
    pub(crate) value: Option<String>,
    pub(crate) regions: &'static [&'static str],
}

impl Call {
    /// An empty request for `operation`.
    pub fn new(operation: &'static Operation) -> Self {
        Self {
            operation,
            path_params: Vec::new(),
            query: Vec::new(),
            headers: Vec::new(),
            body: None,
            problem: None,
            unavailable_in: &[],
            regional: Vec::new(),
        }
    }

    /// The operation this call is for.
    pub fn operation(&self) -> &'static Operation {
        self.operation
    }

    /// Fills `{name}` in the path template.
    pub fn path_param<V: ParamValue + ?Sized>(&mut self, name: &'static str, value: &V) {
        self.path_params.push((name, PathValue::Given(value.to_param().into_owned())));
    }

    /// Fills `{name}` from the client parameter `config_key` (e.g. `project_id`).
    pub fn client_path_param(&mut self, name: &'static str, config_key: &'static str) {
        self.path_params.push((name, PathValue::FromClient(config_key)));
    }

    /// Adds `name=value` to the query.
    pub fn query<V: ParamValue + ?Sized>(&mut self, name: &'static str, value: &V) {
        self.query.push((name.to_owned(), QueryValue::Single(value.to_param().into_owned())));
    }

    /// Adds `name=value` to the query when the value is set.
    pub fn query_opt<V: ParamValue>(&mut self, name: &'static str, value: &Option<V>) {
        if let Some(value) = value {
            self.query(name, value);
        }
    }

    /// Adds a list: repeated keys when `explode`, else one comma-separated value. An empty list
    /// adds nothing.
    pub fn query_list<V: ParamValue>(&mut self, name: &'static str, values: &[V], explode: bool) {
        if values.is_empty() {
            return;
        }
        let texts: Vec<String> = values.iter().map(|value| value.to_param().into_owned()).collect();
        let value =
            if explode { QueryValue::List(texts) } else { QueryValue::Single(texts.join(",")) };
        self.query.push((name.to_owned(), value));
    }

    /// Sets a header.
    pub fn header<V: ParamValue + ?Sized>(&mut self, name: &'static str, value: &V) {
        self.set_header(name, value.to_param().into_owned());
    }

    /// Sets a header when the value is set.
    pub fn header_opt<V: ParamValue>(&mut self, name: &'static str, value: &Option<V>) {
        if let Some(value) = value {
            self.header(name, value);
        }
    }

    /// Serializes `body` as JSON.
    pub fn json_body<B: serde::Serialize + ?Sized>(
        &mut self,
        content_type: &'static str,
        body: &B,
    ) {
        match serde_json::to_vec(body) {
            Ok(bytes) => {
                self.body = Some(Body { content_type: content_type.into(), bytes: bytes.into() })
            }
            Err(error) => self.fail(format!("request body cannot be serialized as JSON: {error}")),
        }
    }

    /// Serializes `body` (a flat struct or map) as `application/x-www-form-urlencoded`.
    pub fn form_body<B: serde::Serialize + ?Sized>(
        &mut self,
        content_type: &'static str,
        body: &B,
    ) {
        match form_encode(body) {
            Ok(text) => {
                self.body = Some(Body { content_type: content_type.into(), bytes: text.into() })
            }
            Err(message) => self.fail(message),
        }
    }

    /// Sends `body` as is.
    pub fn bytes_body(&mut self, content_type: &'static str, body: Bytes) {
        self.body = Some(Body { content_type: content_type.into(), bytes: body });
    }

    /// Sends `body` as UTF-8 text.
    pub fn text_body(&mut self, content_type: &'static str, body: String) {
        self.body = Some(Body { content_type: content_type.into(), bytes: body.into() });
    }

    /// Sends `form` as `multipart/form-data` (the boundary goes into the `Content-Type`).
    pub fn multipart_body(&mut self, form: &crate::multipart::MultipartForm) {
        match form.encode() {
            Ok((content_type, bytes)) => {
                self.body = Some(Body { content_type: content_type.into(), bytes })
            }
            Err(problem) => self.fail(format!("multipart body cannot be written: {problem}")),
        }
    }

    fn set_header(&mut self, name: &str, value: String) {
        match self.headers.iter_mut().find(|(key, _)| key.eq_ignore_ascii_case(name)) {
            Some(slot) => slot.1 = value,
            None => self.headers.push((name.to_owned(), value)),
        }
    }

    /// Regions whose API reference does not offer this operation: calling it there is refused
    /// before anything is sent (see `ConfigBuilder::region_check`).
    pub fn unavailable_in(&mut self, regions: &'static [&'static str]) {
        self.unavailable_in = regions;
    }

    /// Records that the request body sets `field` (to `value`), which only `regions` offer when
    /// `values` is empty or lists that value (see `ConfigBuilder::region_check`).
    pub fn regional_field(
        &mut self,
        field: &'static str,
        value: Option<&str>,
        values: &'static [&'static str],
        regions: &'static [&'static str],
    ) {
        if values.is_empty() || value.is_some_and(|value| values.contains(&value)) {
            let value = value.filter(|_| !values.is_empty()).map(str::to_owned);
            self.regional.push(RegionalUse { field, value, regions });
        }
    }

    /// The regional fields recorded by [`Self::regional_field`].
    pub(crate) fn regional_fields(&self) -> &[RegionalUse] {
        &self.regional
    }

    /// The regions set by [`Self::unavailable_in`].
    pub(crate) fn unavailable_regions(&self) -> &'static [&'static str] {
        self.unavailable_in
    }

    fn fail(&mut self, message: String) {
        self.problem.get_or_insert(message);
    }

    /// The request to sign and send, or the first problem found while assembling it.
    pub(crate) fn to_http_request(
        &self,
        endpoint: &Endpoint,
        client_params: &BTreeMap<String, String>,
    ) -> Result<HttpRequest, Error> {
        if let Some(problem) = &self.problem {
            return Err(Error::construction(problem.clone()));
        }
        let path = self.expand_path(client_params)?;
        let mut headers = Vec::with_capacity(self.headers.len() + 1);
        for (name, value) in &self.headers {
            check_header(name, value)?;
            headers.push((name.clone(), value.clone()));
        }
        let mut request = HttpRequest {
            method: self.operation.method.to_http(),
            scheme: endpoint.scheme.clone(),
            host: endpoint.host.clone(),
            resource_path: format!("{}{}", endpoint.base_path, path),
            query: self.query.clone(),
            headers,
            body: Bytes::new(),
        };
        if let Some(body) = &self.body {
            request.set_header("Content-Type", body.content_type.as_ref());
            request.body = body.bytes.clone();
        }
        Ok(request)
    }

    /// Substitutes every `{name}` of the template with its percent-encoded value.
    fn expand_path(&self, client_params: &BTreeMap<String, String>) -> Result<String, Error> {
        let template = self.operation.path;
        let mut path = String::with_capacity(template.len() + 32);
        let mut rest = template;
        while let Some(open) = rest.find('{') {
            let Some(close) = rest[open..].find('}').map(|offset| open + offset) else { break };
            path.push_str(&rest[..open]);
            let name = &rest[open + 1..close];
            let value = self.path_value(name, client_params)?;
            if value.is_empty() {
                return Err(Error::construction(format!("path parameter `{name}` is empty")));
            }
            path.extend(utf8_percent_encode(value, PATH_PARAM));
            rest = &rest[close + 1..];
        }
        path.push_str(rest);
        Ok(path)
    }

    fn path_value<'a>(
        &'a self,
        name: &str,
        client_params: &'a BTreeMap<String, String>,
    ) -> Result<&'a str, Error> {
        match self.path_params.iter().rev().find(|(key, _)| *key == name).map(|(_, value)| value) {
            Some(PathValue::Given(value)) => Ok(value),
            Some(PathValue::FromClient(key)) => client_params
                .get(*key)
                .map(String::as_str)
                .ok_or_else(|| missing_client_param(name, key)),
            None => Err(Error::construction(format!("path parameter `{name}` has no value"))),
        }
    }
}

/// Names the missing setting and, for the ids the chain can find, where it may come from.
fn missing_client_param(name: &str, key: &str) -> Error {
    let hint = match key {
        PROJECT_ID_PARAM => {
            ": set it on the config, in HUAWEICLOUD_SDK_PROJECT_ID or in the credentials file"
        }
        DOMAIN_ID_PARAM => {
            ": set it on the config, in HUAWEICLOUD_SDK_DOMAIN_ID or in the credentials file"
        }
        _ => "",
    };
    Error::construction(format!(
        "path parameter `{name}` needs the client parameter `{key}`, which is not configured{hint}"
    ))
}

/// Header names and values must be sendable; the value is not echoed, it may be a secret.
fn check_header(name: &str, value: &str) -> Result<(), Error> {
    if http::HeaderName::from_bytes(name.as_bytes()).is_err() {
        return Err(Error::construction(format!("invalid header name `{name}`")));
    }
    if http::HeaderValue::from_str(value).is_err() {
        return Err(Error::construction(format!(
            "header `{name}` has a value that cannot be sent"
        )));
    }
    Ok(())
}

/// Form-encodes a flat object: scalars as `key=value`, arrays as repeated keys, nulls skipped.
fn form_encode<B: serde::Serialize + ?Sized>(body: &B) -> Result<String, String> {
    let value = serde_json::to_value(body)
        .map_err(|error| format!("form body cannot be serialized: {error}"))?;
    let serde_json::Value::Object(fields) = value else {
        return Err("a form body must be an object".to_owned());
    };
    let mut form = form_urlencoded::Serializer::new(String::new());
    for (key, value) in &fields {
        let items = match value {
            serde_json::Value::Array(items) => items.iter().collect(),
            other => vec![other],
        };
        for item in items {
            match item {
                serde_json::Value::Null => {}
                serde_json::Value::String(text) => {
                    form.append_pair(key, text);
                }
                serde_json::Value::Bool(_) | serde_json::Value::Number(_) => {
                    form.append_pair(key, &item.to_string());
                }
                _ => {
                    return Err(format!("form field `{key}` is nested, which a form cannot carry"));
                }
            }
        }
    }
    Ok(form.finish())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::operation::Method;

    const OPERATION: Operation = Operation {
        name: "ShowThing",
        method: Method::Get,
        path: "/v1/{project_id}/things/{thing_id}",
        idempotent: true,
        retryable_codes: &[],
        throttling_codes: &[],
    };

    fn endpoint() -> Endpoint {
        Endpoint::parse("http://127.0.0.1:9").unwrap()
    }

    fn params() -> BTreeMap<String, String> {
        BTreeMap::from([("project_id".to_owned(), "p1".to_owned())])
    }

    #[test]
    fn path_params_are_encoded_like_the_sdk() {
        let mut call = Call::new(&OPERATION);
        call.client_path_param("project_id", "project_id");
        call.path_param("thing_id", "a b/c~d.e_f-g%é");
        let request = call.to_http_request(&endpoint(), &params()).unwrap();
        assert_eq!(request.resource_path, "/v1/p1/things/a%20b%2Fc~d.e_f-g%25%C3%A9");
    }

    #[test]
    fn missing_values_are_construction_errors() {
        let mut call = Call::new(&OPERATION);
        call.path_param("thing_id", "x");
        let error = call.to_http_request(&endpoint(), &BTreeMap::new()).unwrap_err();
        assert!(error.is_construction());
        assert!(error.to_string().contains("`project_id`"), "{error}");

        let mut call = Call::new(&OPERATION);
        call.client_path_param("project_id", "project_id");
        assert!(
            call.to_http_request(&endpoint(), &params())
                .unwrap_err()
                .to_string()
                .contains("`thing_id`")
        );
    }

    #[test]
    fn query_lists_and_options() {
        let mut call = Call::new(&OPERATION);
        call.query_list("ids", &["a", "b"], true);
        call.query_list("tags", &["x", "y"], false);
        call.query_list::<&str>("none", &[], true);
        call.query_opt("limit", &Some(10u32));
        call.query_opt::<u32>("offset", &None);
        call.query("flag", &true);
        assert_eq!(
            call.query,
            vec![
                ("ids".to_owned(), QueryValue::List(vec!["a".into(), "b".into()])),
                ("tags".to_owned(), QueryValue::Single("x,y".into())),
                ("limit".to_owned(), QueryValue::Single("10".into())),
                ("flag".to_owned(), QueryValue::Single("true".into())),
            ]
        );
    }

    #[test]
    fn bad_header_value_is_rejected_without_echo() {
        let mut call = Call::new(&OPERATION);
        call.client_path_param("project_id", "project_id");
        call.path_param("thing_id", "x");
        call.header("X-Token", "secret\nvalue");
        let error = call.to_http_request(&endpoint(), &params()).unwrap_err();
        assert!(!error.to_string().contains("secret"));
    }

    #[test]
    fn form_bodies() {
        let body = serde_json::json!({"a": "x y", "b": [1, 2], "c": null, "d": true});
        assert_eq!(form_encode(&body).unwrap(), "a=x+y&b=1&b=2&d=true");
        assert!(form_encode(&serde_json::json!({"a": {"b": 1}})).is_err());
        assert!(form_encode(&1).is_err());
    }
}
