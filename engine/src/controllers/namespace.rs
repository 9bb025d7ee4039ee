//! The namespace controller: a Terminating namespace has its contents deleted,
//! then its `kubernetes` finalizer removed, and then it is gone.

use crate::api::meta;
use crate::apiserver::{ApiServer, ListOptions, WriteOptions};
use crate::clock::Time;
use serde_json::{json, Value};

/// Real clusters take a moment to empty a namespace; `kubectl delete ns` waits for it.
const FINALIZE_AFTER_MS: i64 = 2000;

pub fn reconcile(api: &mut ApiServer) {
    let Some(ns_res) = api.registry().resolve("namespaces").cloned() else {
        return;
    };
    let Ok(namespaces) = api.list_shared(&ns_res, None, &ListOptions::default()) else {
        return;
    };
    for ns in namespaces {
        let Some(deleted_at) =
            meta::str_at(&ns, &["metadata", "deletionTimestamp"]).and_then(Time::parse_rfc3339)
        else {
            continue;
        };
        if api.now().0 - deleted_at.0 < FINALIZE_AFTER_MS {
            continue;
        }
        let name = meta::name(&ns).to_string();
        delete_contents(api, &name);
        let mut finalized: Value = (*ns).clone();
        finalized["spec"]["finalizers"] = json!([]);
        let _ = api.update(&ns_res, "", finalized);
    }
}

fn delete_contents(api: &mut ApiServer, namespace: &str) {
    let resources: Vec<_> = api
        .registry()
        .resources()
        .iter()
        .filter(|r| r.namespaced && r.has_verb("delete") && r.has_verb("list"))
        .cloned()
        .collect();
    for r in resources {
        let Ok(items) = api.list_shared(&r, Some(namespace), &ListOptions::default()) else {
            continue;
        };
        for item in items {
            let _ = api.delete(&r, namespace, meta::name(&item), &WriteOptions::default());
        }
    }
}

/// When the next Terminating namespace is due to be finalized.
pub fn next_wakeup(api: &ApiServer, now: i64) -> Option<i64> {
    let ns_res = api.registry().resolve("namespaces")?;
    api.list_shared(ns_res, None, &ListOptions::default())
        .ok()?
        .iter()
        .filter_map(|ns| {
            meta::str_at(ns, &["metadata", "deletionTimestamp"]).and_then(Time::parse_rfc3339)
        })
        .map(|t| t.0 + FINALIZE_AFTER_MS)
        .filter(|t| *t > now)
        .min()
}
