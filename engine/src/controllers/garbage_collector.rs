//! The garbage collector: objects whose controller owner is gone are deleted
//! (background cascading deletion).

use super::owned::controller_ref;
use crate::api::meta;
use crate::apiserver::{ApiServer, ListOptions, WriteOptions};
use serde_json::Value;
use std::collections::BTreeSet;

/// The kinds whose objects own others here, and the kinds they own.
const OWNERS: &[&str] = &[
    "deployments",
    "replicasets",
    "services",
    "jobs.batch",
    "cronjobs.batch",
    "daemonsets",
    "statefulsets",
];
const DEPENDENTS: &[&str] = &[
    "replicasets",
    "pods",
    "endpointslices.discovery.k8s.io",
    "jobs.batch",
    "controllerrevisions",
    "persistentvolumeclaims",
];
/// The owner kinds whose dependents are collected.
const OWNER_KINDS: &[&str] = &[
    "Deployment",
    "ReplicaSet",
    "Service",
    "Job",
    "CronJob",
    "DaemonSet",
    "StatefulSet",
];

pub fn reconcile(api: &mut ApiServer) {
    let mut live: BTreeSet<String> = BTreeSet::new();
    for o in OWNERS {
        let Some(r) = api.registry().resolve(o).cloned() else {
            continue;
        };
        for obj in api
            .list(&r, None, &ListOptions::default())
            .unwrap_or_default()
        {
            live.insert(
                meta::str_at(&obj, &["metadata", "uid"])
                    .unwrap_or("")
                    .to_string(),
            );
        }
    }
    for d in DEPENDENTS {
        let Some(r) = api.registry().resolve(d).cloned() else {
            continue;
        };
        for obj in api
            .list(&r, None, &ListOptions::default())
            .unwrap_or_default()
        {
            let Some(owner) = controller_ref(&obj) else {
                continue;
            };
            let kind = owner.get("kind").and_then(Value::as_str).unwrap_or("");
            if !OWNER_KINDS.contains(&kind) {
                continue;
            }
            let uid = owner.get("uid").and_then(Value::as_str).unwrap_or("");
            if !live.contains(uid) && meta::at(&obj, &["metadata", "deletionTimestamp"]).is_none() {
                let _ = api.delete(
                    &r,
                    meta::namespace(&obj),
                    meta::name(&obj),
                    &WriteOptions::default(),
                );
            }
        }
    }
}
