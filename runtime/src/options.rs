//! Per-call overrides and waiter options.

use std::time::Duration;

use crate::retry::RetryConfig;

/// Overrides for calls made through [`Client::with_options`](crate::Client::with_options).
///
/// Unset fields keep the client's configuration.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CallOptions {
    pub(crate) timeout: Option<Duration>,
    pub(crate) read_timeout: Option<Duration>,
    pub(crate) retry: Option<RetryConfig>,
}

impl CallOptions {
    /// No overrides.
    pub fn new() -> Self {
        Self::default()
    }

    /// Limit for the whole call, retries and backoff included.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// Limit for each attempt, from sending the request until the whole response is read.
    pub fn read_timeout(mut self, timeout: Duration) -> Self {
        self.read_timeout = Some(timeout);
        self
    }

    /// Retry policy for these calls (the client's token bucket is still shared).
    pub fn retry(mut self, retry: RetryConfig) -> Self {
        self.retry = Some(retry);
        self
    }

    /// `other`'s set fields on top of `self`.
    pub(crate) fn overlay(&self, other: CallOptions) -> CallOptions {
        CallOptions {
            timeout: other.timeout.or(self.timeout),
            read_timeout: other.read_timeout.or(self.read_timeout),
            retry: other.retry.or_else(|| self.retry.clone()),
        }
    }
}

/// Overrides for a waiter; unset fields use the values from the spec.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WaitOptions {
    pub(crate) max_wait: Option<Duration>,
    pub(crate) delay: Option<Duration>,
    pub(crate) max_delay: Option<Duration>,
}

impl WaitOptions {
    /// The spec's delays and limit.
    pub fn new() -> Self {
        Self::default()
    }

    /// Give up after this long.
    pub fn max_wait(mut self, max_wait: Duration) -> Self {
        self.max_wait = Some(max_wait);
        self
    }

    /// First delay between polls.
    pub fn delay(mut self, delay: Duration) -> Self {
        self.delay = Some(delay);
        self
    }

    /// Largest delay between polls; delays grow from `delay` up to this (default: 4 × delay).
    pub fn max_delay(mut self, max_delay: Duration) -> Self {
        self.max_delay = Some(max_delay);
        self
    }
}
