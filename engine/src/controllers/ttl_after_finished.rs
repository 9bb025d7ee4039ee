//! The TTL-after-finished controller: a finished Job with
//! `ttlSecondsAfterFinished` is deleted that many seconds after it finished
//! (its pods follow through the garbage collector).

use super::job;
use crate::api::meta;
use crate::apiserver::{ApiServer, ListOptions, WriteOptions};
use serde_json::Value;

/// When each finished Job with a TTL expires.
fn expiries(api: &ApiServer) -> Vec<(Value, i64)> {
    let Some(r) = api.registry().resolve("jobs.batch").cloned() else {
        return vec![];
    };
    api.list(&r, None, &ListOptions::default())
        .unwrap_or_default()
        .into_iter()
        .filter(|j| meta::at(j, &["metadata", "deletionTimestamp"]).is_none())
        .filter_map(|j| {
            let ttl = meta::at(&j, &["spec", "ttlSecondsAfterFinished"])?.as_i64()?;
            let done = job::finished_at(&j)?;
            Some((j, done.0 + ttl * 1000))
        })
        .collect()
}

pub fn reconcile(api: &mut ApiServer) {
    let Some(r) = api.registry().resolve("jobs.batch").cloned() else {
        return;
    };
    let now = api.now().0;
    for (j, at) in expiries(api) {
        if at <= now {
            let _ = api.delete(
                &r,
                meta::namespace(&j),
                meta::name(&j),
                &WriteOptions::default(),
            );
        }
    }
}

pub fn next_wakeup(api: &ApiServer, now: i64) -> Vec<i64> {
    expiries(api)
        .into_iter()
        .map(|(_, t)| t)
        .filter(|t| *t > now)
        .collect()
}
