//! Injectable clock and sleep, so backoff and waiter tests run fast and deterministically.
//!
//! Production uses the system clock and `tokio::time::sleep`. Tests pass [`ManualTime`], whose
//! sleeps return at once, advance its clock and are recorded for inspection.

use std::fmt::Debug;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, SystemTime};

/// A boxed future that completes after a sleep.
pub type SleepFuture = Pin<Box<dyn Future<Output = ()> + Send>>;

/// Waits for a duration. Used for retry backoff and waiter delays.
pub trait AsyncSleep: Debug + Send + Sync {
    /// A future that completes after `duration`.
    fn sleep(&self, duration: Duration) -> SleepFuture;
}

/// Tells the time. Used for signing dates, `Retry-After` dates and waiter deadlines.
pub trait TimeSource: Debug + Send + Sync {
    /// The current time.
    fn now(&self) -> SystemTime;
}

/// Sleeps on the tokio timer.
#[derive(Debug, Clone, Copy, Default)]
pub struct TokioSleep;

impl AsyncSleep for TokioSleep {
    fn sleep(&self, duration: Duration) -> SleepFuture {
        Box::pin(tokio::time::sleep(duration))
    }
}

/// The system clock.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl TimeSource for SystemClock {
    fn now(&self) -> SystemTime {
        SystemTime::now()
    }
}

/// A clock that moves only when something sleeps on it; sleeps finish immediately.
///
/// Clones share the same clock and record.
#[derive(Debug, Clone)]
pub struct ManualTime {
    state: Arc<Mutex<ManualState>>,
}

#[derive(Debug)]
struct ManualState {
    now: SystemTime,
    sleeps: Vec<Duration>,
}

impl ManualTime {
    /// A clock starting at `start`.
    pub fn new(start: SystemTime) -> Self {
        Self { state: Arc::new(Mutex::new(ManualState { now: start, sleeps: Vec::new() })) }
    }

    /// Every sleep requested so far, in order.
    pub fn sleeps(&self) -> Vec<Duration> {
        self.lock().sleeps.clone()
    }

    /// Moves the clock forward without recording a sleep.
    pub fn advance(&self, duration: Duration) {
        let mut state = self.lock();
        state.now += duration;
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, ManualState> {
        // The state stays consistent even if a holder panicked: each update is one assignment.
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl AsyncSleep for ManualTime {
    fn sleep(&self, duration: Duration) -> SleepFuture {
        let mut state = self.lock();
        state.now += duration;
        state.sleeps.push(duration);
        Box::pin(std::future::ready(()))
    }
}

impl TimeSource for ManualTime {
    fn now(&self) -> SystemTime {
        self.lock().now
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn manual_sleep_advances_and_records() {
        let start = SystemTime::UNIX_EPOCH + Duration::from_secs(1_000);
        let time = ManualTime::new(start);
        drop(time.sleep(Duration::from_secs(3)));
        time.advance(Duration::from_secs(1));
        assert_eq!(time.now(), start + Duration::from_secs(4));
        assert_eq!(time.sleeps(), vec![Duration::from_secs(3)]);
    }
}
