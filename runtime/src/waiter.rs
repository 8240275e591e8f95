//! One generic waiter: poll an operation until a field reaches a success or failure state.

use std::future::Future;
use std::time::Duration;

use crate::client::Client;
use crate::error::Error;
use crate::options::WaitOptions;
use crate::response::Response;

/// How much each delay grows over the previous one.
const DELAY_GROWTH: f64 = 1.5;
/// Shortest delay between polls, so a zero delay cannot hammer the service in a tight loop.
const MIN_DELAY: Duration = Duration::from_millis(100);
/// Default cap of the delay, as a multiple of the first delay.
const DEFAULT_MAX_DELAY_FACTOR: u32 = 4;

/// A waiter declared in the spec (`x-specbind-waiters`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WaiterSpec {
    /// Name, e.g. `service_available`.
    pub name: &'static str,
    /// JSON pointer into the response body, e.g. `/status`.
    pub field: &'static str,
    /// Values that end the wait successfully.
    pub success: &'static [&'static str],
    /// Values that end the wait with an error.
    pub failure: &'static [&'static str],
    /// Whether a 404 counts as success (for "deleted" waiters).
    pub success_on_not_found: bool,
    /// First delay between polls, in seconds.
    pub delay_seconds: u64,
    /// Give up after this many seconds.
    pub max_wait_seconds: u64,
}

impl Client {
    /// Polls with `poll` until the spec's field reaches a success value (returns that response),
    /// a failure value (error naming the waiter, field and value), or the time runs out.
    ///
    /// Returns `Ok(None)` when a 404 counts as success. Errors other than a counted 404 end the
    /// wait, except retryable ones, which are polled through like a pending state.
    ///
    /// Hidden: generated `wait_until_*` methods call it with a `__private` [`WaiterSpec`].
    #[doc(hidden)]
    pub async fn wait<T, F, Fut>(
        &self,
        spec: &'static WaiterSpec,
        options: WaitOptions,
        mut poll: F,
    ) -> Result<Option<Response<T>>, Error>
    where
        T: serde::Serialize,
        F: FnMut() -> Fut,
        Fut: Future<Output = Result<Response<T>, Error>>,
    {
        let config = &self.shared.config;
        let max_wait = options.max_wait.unwrap_or(Duration::from_secs(spec.max_wait_seconds));
        let mut delay =
            options.delay.unwrap_or(Duration::from_secs(spec.delay_seconds)).max(MIN_DELAY);
        let max_delay = options.max_delay.unwrap_or(delay * DEFAULT_MAX_DELAY_FACTOR).max(delay);
        let started = config.time_source.now();
        loop {
            let last_seen = match poll().await {
                Ok(response) => {
                    let value = field_value(&response, spec.field)?;
                    if spec.success.contains(&value.as_str()) {
                        return Ok(Some(response));
                    }
                    if spec.failure.contains(&value.as_str()) {
                        return Err(Error::waiter_failure(spec.name, spec.field, value));
                    }
                    tracing::debug!(waiter = spec.name, value = %value, "waiter state pending");
                    format!("`{}` was `{value}`", spec.field)
                }
                Err(error) if error.is_not_found() && spec.success_on_not_found => return Ok(None),
                Err(error) if error.is_retryable() => {
                    tracing::debug!(waiter = spec.name, error = %error, "poll failed");
                    format!("the last poll failed: {error}")
                }
                Err(error) => return Err(error),
            };
            let waited = config.time_source.now().duration_since(started).unwrap_or_default();
            let Some(remaining) = max_wait.checked_sub(waited).filter(|left| !left.is_zero())
            else {
                return Err(Error::waiter_timeout(spec.name, waited, last_seen));
            };
            config.sleep.sleep(delay.min(remaining)).await;
            delay = delay.mul_f64(DELAY_GROWTH).min(max_delay);
        }
    }
}

/// The value at `pointer` in the serialized body, as text (strings unquoted).
///
/// A body that cannot be serialized is a response-phase error: the poll was sent.
fn field_value<T: serde::Serialize>(
    response: &Response<T>,
    pointer: &str,
) -> Result<String, Error> {
    let json = serde_json::to_value(response.body()).map_err(|error| {
        Error::unusable_response(
            response.status(),
            format!("cannot inspect the response for a waiter: {error}"),
        )
    })?;
    Ok(match json.pointer(pointer) {
        Some(serde_json::Value::String(text)) => text.clone(),
        Some(serde_json::Value::Null) | None => String::new(),
        Some(other) => other.to_string(),
    })
}
