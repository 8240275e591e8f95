//! Running one call: build once, then sign, send and interpret each attempt, retrying per policy.

use std::time::Duration;

use tracing::Instrument;
use tracing::field::Empty;

use crate::call::Call;
use crate::client::Client;
use crate::decode::Decoder;
use crate::error::{CodeClass, Error, TimeoutScope};
use crate::http_request::HttpRequest;
use crate::operation::Operation;
use crate::response::{REQUEST_ID_HEADER, Response};
use crate::retry::{is_final_timeout, may_retry};
use crate::service::CredentialScope;
use crate::service_error::ServiceError;
use crate::signing::{self, SigningContext};
use crate::transport::RawResponse;

/// Header holding the domain ID of AK/SK requests to domain-scoped services.
pub(crate) const DOMAIN_ID_HEADER: &str = "X-Domain-Id";
/// The region of derived-signing scopes for domain-scoped services, as in the official SDKs.
const GLOBAL_SIGNING_REGION: &str = "globe";

impl Client {
    /// Executes `call`, decoding a 2xx body with `decode`.
    ///
    /// Nothing is sent when the request cannot be built. Failed attempts are retried per the
    /// retry policy; each attempt is signed afresh.
    ///
    /// Hidden: generated code calls it with `__private` types; applications call the generated
    /// methods.
    #[doc(hidden)]
    pub async fn execute<T>(&self, call: Call, decode: Decoder<T>) -> Result<Response<T>, Error> {
        let operation = call.operation();
        let span = tracing::info_span!(
            "specbind.call",
            operation = operation.name,
            method = operation.method.as_str(),
            path = operation.path,
            status = Empty,
            request_id = Empty,
            attempts = Empty,
        );
        let run = self.run_attempts(&call, decode).instrument(span.clone());
        let limit = self.options.timeout.or(self.shared.config.timeout);
        let result = match limit {
            Some(limit) => tokio::time::timeout(limit, run)
                .await
                .unwrap_or_else(|_| Err(Error::timeout(TimeoutScope::Call, Some(limit), None))),
            None => run.await,
        };
        if let Err(error) = &result {
            span.in_scope(|| tracing::debug!(error = %error, "call failed"));
        }
        result.map_err(|error| error.for_operation(operation.name))
    }

    async fn run_attempts<T>(&self, call: &Call, decode: Decoder<T>) -> Result<Response<T>, Error> {
        let operation = call.operation();
        let config = &self.shared.config;
        if config.region_check
            && let Some(region) = config.region.as_deref()
            && call.unavailable_regions().contains(&region)
        {
            return Err(Error::construction(format!(
                "`{}` is not offered in region `{region}` (its API reference there does not list \
                 it); nothing was sent. `Config::builder().region_check(false)` sends it anyway",
                operation.name
            )));
        }
        if config.region_check
            && let Some(region) = config.region.as_deref()
            && let Some(used) =
                call.regional_fields().iter().find(|used| !used.regions.contains(&region))
        {
            let what = match &used.value {
                Some(value) => format!("`{}` set to `{value}`", used.field),
                None => format!("`{}`", used.field),
            };
            return Err(Error::construction(format!(
                "`{}` with {what} is offered only in {} (its API reference), not in region \
                 `{region}`; nothing was sent. `Config::builder().region_check(false)` sends it \
                 anyway",
                operation.name,
                used.regions.join(", ")
            )));
        }
        let mut base = call.to_http_request(&self.shared.endpoint, &config.client_params)?;
        base.set_header("User-Agent", config.user_agent.as_str());
        let retry = self.options.retry.as_ref().unwrap_or(&config.retry);
        let mut spent_tokens = 0;
        let mut attempt = 1;
        loop {
            let attempt_span = tracing::debug_span!(
                "specbind.attempt",
                attempt,
                status = Empty,
                request_id = Empty
            );
            let result = self.attempt(operation, &base, decode).instrument(attempt_span).await;
            let error = match result {
                Ok(response) => {
                    self.shared.bucket.release(spent_tokens);
                    record_outcome(attempt, response.status(), response.request_id());
                    return Ok(response);
                }
                Err(error) => error,
            };
            let give_up = attempt >= retry.attempts()
                || is_final_timeout(&error)
                || !may_retry(&error, operation);
            let cost = if give_up { None } else { self.shared.bucket.acquire(&error) };
            let Some(cost) = cost else {
                if !give_up {
                    tracing::debug!("retry token bucket is empty; not retrying");
                }
                record_outcome(attempt, error.status().unwrap_or_default(), error.request_id());
                return Err(error);
            };
            spent_tokens += cost;
            let delay = retry.backoff(attempt, error.retry_after());
            tracing::debug!(attempt, ?delay, error = %error, "retrying");
            config.sleep.sleep(delay).await;
            attempt += 1;
        }
    }

    async fn attempt<T>(
        &self,
        operation: &Operation,
        base: &HttpRequest,
        decode: Decoder<T>,
    ) -> Result<Response<T>, Error> {
        let mut request = base.clone();
        self.authenticate(&mut request)?;
        let wire_query = signing::wire_query(&request);
        let attempt_timeout = self.options.read_timeout;
        let raw = self.shared.http.send(request, &wire_query, attempt_timeout).await?;
        let span = tracing::Span::current();
        span.record("status", raw.status);
        let request_id = header_text(&raw.headers, REQUEST_ID_HEADER);
        if let Some(request_id) = &request_id {
            span.record("request_id", request_id.as_str());
        }
        self.interpret(operation, raw, request_id, decode)
    }

    /// Signs with the current time, so each attempt carries a fresh `X-Sdk-Date`.
    ///
    /// The scope decides the identity header, as the official `BasicCredentials` and
    /// `GlobalCredentials` do: `X-Project-Id` (added by the signer) for project-scoped services,
    /// `X-Domain-Id` for domain-scoped ones, each only with AK/SK and when the id is set; derived
    /// signatures of domain-scoped services are scoped to the region `globe`.
    fn authenticate(&self, request: &mut HttpRequest) -> Result<(), Error> {
        let config = &self.shared.config;
        let Some(credentials) = &config.credentials else { return Ok(()) };
        let (region, project_id) = match self.shared.service.scope {
            CredentialScope::Project => {
                (config.region.as_deref().unwrap_or_default(), config.project_id())
            }
            CredentialScope::Domain => {
                let domain_id = config.domain_id().filter(|id| !id.is_empty());
                if let Some(domain_id) = domain_id.filter(|_| !credentials.is_iam_token()) {
                    request.set_header(DOMAIN_ID_HEADER, domain_id);
                }
                (GLOBAL_SIGNING_REGION, None)
            }
        };
        let context = SigningContext {
            service: self.shared.service.name,
            region,
            project_id,
            now: config.time_source.now(),
        };
        signing::sign(request, credentials, config.signing, &context)
            .map_err(|error| Error::construction(error.to_string()))
    }

    fn interpret<T>(
        &self,
        operation: &Operation,
        raw: RawResponse,
        request_id: Option<String>,
        decode: Decoder<T>,
    ) -> Result<Response<T>, Error> {
        if (200..300).contains(&raw.status) {
            return match decode(raw.status, &raw.body) {
                Ok(body) => Ok(Response::new(raw.status, raw.headers, body)),
                Err(failure) => Err(Error::response(raw.status, failure, &raw.body)),
            };
        }
        let service_error = ServiceError::parse(raw.status, request_id, &raw.body);
        let code = service_error.error_code();
        let code_class = CodeClass {
            retryable: operation.retryable_codes.contains(&code),
            throttling: operation.throttling_codes.contains(&code),
        };
        let retry_after = self.retry_after(&raw.headers);
        Err(Error::service(service_error, code_class, retry_after))
    }

    /// `Retry-After` as delay seconds or an HTTP date (relative to the configured clock).
    fn retry_after(&self, headers: &http::HeaderMap) -> Option<Duration> {
        let value = header_text(headers, "Retry-After")?;
        let value = value.trim();
        if let Ok(seconds) = value.parse::<u64>() {
            return Some(Duration::from_secs(seconds));
        }
        let when = httpdate::parse_http_date(value).ok()?;
        Some(when.duration_since(self.shared.config.time_source.now()).unwrap_or_default())
    }
}

/// Records how the call ended on its span (fields are recorded once, at the end).
fn record_outcome(attempts: u32, status: u16, request_id: Option<&str>) {
    let span = tracing::Span::current();
    span.record("attempts", attempts);
    if status != 0 {
        span.record("status", status);
    }
    if let Some(request_id) = request_id {
        span.record("request_id", request_id);
    }
}

fn header_text(headers: &http::HeaderMap, name: &str) -> Option<String> {
    headers.get(name).and_then(|value| value.to_str().ok()).map(str::to_owned)
}
