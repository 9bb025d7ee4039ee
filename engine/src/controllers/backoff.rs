//! The retry back-off of a controller's work queue (client-go
//! `workqueue.DefaultTypedControllerRateLimiter`'s per-item part): a sync
//! that fails is retried after 5 ms · 2^(failures so far), at most 1000 s,
//! and a sync that succeeds forgets the failures. Kept per object (by uid)
//! on the virtual clock, saved with the world.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The first retry's delay (ms).
const BASE_MS: i64 = 5;
/// The longest delay (ms).
const MAX_MS: i64 = 1_000_000;

/// When an object's failed sync may be retried.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
struct Retry {
    /// Failed syncs since the last success.
    failures: u32,
    /// The instant (ms) of the next attempt.
    at: i64,
}

/// Failed syncs and their next attempts, by object uid.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Backoff {
    #[serde(default)]
    items: BTreeMap<String, Retry>,
}

/// The delay after the `failures`+1-th consecutive failure.
pub fn delay_ms(failures: u32) -> i64 {
    if failures >= 30 {
        return MAX_MS;
    }
    (BASE_MS << failures).min(MAX_MS)
}

impl Backoff {
    /// Whether `uid` failed and its retry is still ahead of `now`.
    pub fn waiting(&self, uid: &str, now: i64) -> bool {
        self.items.get(uid).is_some_and(|r| now < r.at)
    }

    /// A sync of `uid` failed at `now`: the next attempt waits.
    pub fn failed(&mut self, uid: &str, now: i64) {
        let r = self.items.entry(uid.to_string()).or_insert(Retry {
            failures: 0,
            at: now,
        });
        r.at = now + delay_ms(r.failures);
        r.failures = r.failures.saturating_add(1);
    }

    /// A sync of `uid` succeeded (workqueue Forget).
    pub fn forget(&mut self, uid: &str) {
        self.items.remove(uid);
    }

    /// Drops the objects that are gone.
    pub fn retain(&mut self, live: impl Fn(&str) -> bool) {
        self.items.retain(|uid, _| live(uid));
    }

    /// The earliest retry after `now`.
    pub fn next_wakeup(&self, now: i64) -> Option<i64> {
        self.items.values().map(|r| r.at).filter(|t| *t > now).min()
    }
}

/// The back-offs of the controllers that create pods.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Backoffs {
    #[serde(default)]
    pub replicaset: Backoff,
    #[serde(default)]
    pub daemonset: Backoff,
    #[serde(default)]
    pub statefulset: Backoff,
    #[serde(default)]
    pub job: Backoff,
}

impl Backoffs {
    pub fn next_wakeup(&self, now: i64) -> Option<i64> {
        [
            &self.replicaset,
            &self.daemonset,
            &self.statefulset,
            &self.job,
        ]
        .iter()
        .filter_map(|b| b.next_wakeup(now))
        .min()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_double_from_5ms_up_to_1000s_and_a_success_forgets() {
        let mut b = Backoff::default();
        let mut now = 0;
        let mut attempts = vec![];
        // Attempt whenever allowed, failing every time, for two minutes.
        while now <= 120_000 {
            if !b.waiting("u", now) {
                attempts.push(now);
                b.failed("u", now);
            }
            now = b.next_wakeup(now).unwrap();
        }
        assert_eq!(
            attempts,
            [0, 5, 15, 35, 75, 155, 315, 635, 1275, 2555, 5115, 10235, 20475, 40955, 81915]
        );
        assert_eq!(delay_ms(17), 655_360);
        assert_eq!(delay_ms(18), MAX_MS);
        assert_eq!(delay_ms(200), MAX_MS);
        b.forget("u");
        assert!(!b.waiting("u", now));
        b.failed("u", now);
        assert_eq!(b.next_wakeup(now), Some(now + 5));
    }
}
