//! Standard retry: exponential backoff with full jitter, bounded by a shared token bucket.
//!
//! The bucket (as in smithy-rs' standard mode) stops a struggling service from being flooded:
//! every retry spends tokens, a success puts some back, and when the bucket is empty the last
//! error is returned instead of retrying.

use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use crate::error::{Error, TimeoutScope};
use crate::operation::Operation;

/// Tokens a retry after an ordinary transient error costs.
const RETRY_COST: u32 = 5;
/// Tokens a retry after a timeout costs; timeouts hint at an overloaded service.
const TIMEOUT_RETRY_COST: u32 = 10;
/// Tokens a first-attempt success returns.
const SUCCESS_REFILL: u32 = 1;

/// How failed attempts are retried.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryConfig {
    max_attempts: u32,
    initial_backoff: Duration,
    max_backoff: Duration,
    bucket_capacity: u32,
}

impl Default for RetryConfig {
    /// Three attempts, backoff starting at 100 ms and capped at 20 s, a bucket of 500 tokens.
    fn default() -> Self {
        Self::standard()
    }
}

impl RetryConfig {
    /// The standard policy (see [`Default`]).
    pub fn standard() -> Self {
        Self {
            max_attempts: 3,
            initial_backoff: Duration::from_millis(100),
            max_backoff: Duration::from_secs(20),
            bucket_capacity: 500,
        }
    }

    /// One attempt only.
    pub fn disabled() -> Self {
        Self { max_attempts: 1, ..Self::standard() }
    }

    /// Total attempts including the first (at least 1).
    pub fn max_attempts(mut self, attempts: u32) -> Self {
        self.max_attempts = attempts.max(1);
        self
    }

    /// Upper bound of the first backoff; it doubles each retry.
    pub fn initial_backoff(mut self, backoff: Duration) -> Self {
        self.initial_backoff = backoff;
        self
    }

    /// Upper bound of any backoff, `Retry-After` included.
    pub fn max_backoff(mut self, backoff: Duration) -> Self {
        self.max_backoff = backoff;
        self
    }

    /// Size of the client's retry token bucket (read when the client is built).
    pub fn token_bucket_capacity(mut self, tokens: u32) -> Self {
        self.bucket_capacity = tokens;
        self
    }

    pub(crate) fn bucket_capacity(&self) -> u32 {
        self.bucket_capacity
    }

    /// Configured attempts.
    pub fn attempts(&self) -> u32 {
        self.max_attempts
    }

    /// Delay before retry number `retry` (1-based): `Retry-After` when the service sent one,
    /// else a random duration up to `initial * 2^(retry-1)`, both capped at `max_backoff`.
    pub(crate) fn backoff(&self, retry: u32, retry_after: Option<Duration>) -> Duration {
        if let Some(asked) = retry_after {
            return asked.min(self.max_backoff);
        }
        let factor = 2u32.saturating_pow(retry.saturating_sub(1));
        let ceiling = self.initial_backoff.saturating_mul(factor).min(self.max_backoff);
        ceiling.mul_f64(fastrand::f64())
    }
}

/// Retry tokens shared by every clone of a client.
#[derive(Debug, Clone)]
pub(crate) struct TokenBucket {
    state: Arc<Mutex<Tokens>>,
}

#[derive(Debug)]
struct Tokens {
    available: u32,
    capacity: u32,
}

impl TokenBucket {
    pub(crate) fn new(capacity: u32) -> Self {
        Self { state: Arc::new(Mutex::new(Tokens { available: capacity, capacity })) }
    }

    /// Takes the cost of retrying after `error`; `None` when the bucket cannot pay.
    pub(crate) fn acquire(&self, error: &Error) -> Option<u32> {
        let cost = if error.timeout_scope().is_some() { TIMEOUT_RETRY_COST } else { RETRY_COST };
        let mut tokens = self.lock();
        let remaining = tokens.available.checked_sub(cost)?;
        tokens.available = remaining;
        Some(cost)
    }

    /// Returns tokens after a success: the cost of the retries that led to it, or the small
    /// first-attempt refill.
    pub(crate) fn release(&self, spent: u32) {
        let mut tokens = self.lock();
        let refill = if spent == 0 { SUCCESS_REFILL } else { spent };
        tokens.available = tokens.available.saturating_add(refill).min(tokens.capacity);
    }

    /// Tokens currently available.
    pub(crate) fn available(&self) -> u32 {
        self.lock().available
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Tokens> {
        // Each update is a single assignment, so a poisoned lock still holds a valid count.
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// Whether `error` on `operation` may be retried at all, before counting attempts or tokens.
///
/// A request that may have reached the server is resent only when the operation is idempotent,
/// or when the service itself answered that it did not process it (429, 503 or a retryable
/// code). A 502/504 from a gateway may hide a backend that did the work, so it is not resent
/// for non-idempotent operations.
pub(crate) fn may_retry(error: &Error, operation: &Operation) -> bool {
    if !error.is_retryable() {
        return false;
    }
    if operation.idempotent || !error.maybe_sent() {
        return true;
    }
    error.is_service() && !matches!(error.status(), Some(502) | Some(504))
}

/// Whether a timeout scope ends the call regardless of the policy.
pub(crate) fn is_final_timeout(error: &Error) -> bool {
    error.timeout_scope() == Some(TimeoutScope::Call)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_is_bounded_and_grows() {
        let config = RetryConfig::standard().initial_backoff(Duration::from_secs(1));
        for _ in 0..100 {
            assert!(config.backoff(1, None) <= Duration::from_secs(1));
            assert!(config.backoff(3, None) <= Duration::from_secs(4));
            assert!(config.backoff(30, None) <= Duration::from_secs(20));
        }
    }

    #[test]
    fn retry_after_wins_but_is_capped() {
        let config = RetryConfig::standard();
        assert_eq!(config.backoff(1, Some(Duration::from_secs(2))), Duration::from_secs(2));
        assert_eq!(config.backoff(1, Some(Duration::from_secs(999))), Duration::from_secs(20));
    }

    #[test]
    fn bucket_runs_dry_and_refills() {
        let bucket = TokenBucket::new(12);
        let error = Error::dispatch(false, "refused");
        assert_eq!(bucket.acquire(&error), Some(5));
        assert_eq!(bucket.acquire(&error), Some(5));
        assert_eq!(bucket.acquire(&error), None);
        bucket.release(10);
        assert_eq!(bucket.available(), 12);
    }
}
