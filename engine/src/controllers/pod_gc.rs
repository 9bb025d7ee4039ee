//! The pod garbage collector (`pkg/controller/podgc`), every 20s: pods bound
//! to a node that no longer exists are marked Failed with a DisruptionTarget
//! condition and force-deleted; so are terminating pods never scheduled; and
//! terminated pods beyond 12500 go, oldest first.

use crate::api::meta;
use crate::apiserver::{ApiServer, ListOptions, WriteOptions};
use serde_json::{json, Value};
use std::collections::BTreeSet;

const PERIOD_MS: i64 = 20_000;
/// `--terminated-pod-gc-threshold`.
const TERMINATED_THRESHOLD: usize = 12_500;

fn terminal(pod: &Value) -> bool {
    matches!(
        meta::str_at(pod, &["status", "phase"]),
        Some("Succeeded" | "Failed")
    )
}

struct Work {
    orphans: Vec<Value>,
    unscheduled_terminating: Vec<Value>,
    excess_terminated: Vec<Value>,
}

fn survey(api: &ApiServer) -> Option<Work> {
    let pods_r = api.registry().resolve("pods")?.clone();
    let nodes_r = api.registry().resolve("nodes")?.clone();
    let nodes = api
        .list_shared(&nodes_r, None, &ListOptions::default())
        .ok()?;
    let nodes: BTreeSet<&str> = nodes.iter().map(|n| meta::name(n)).collect();
    // Shared, not copied: only the few pods to collect are cloned below.
    let pods = api
        .list_shared(&pods_r, None, &ListOptions::default())
        .ok()?;
    let mut work = Work {
        orphans: vec![],
        unscheduled_terminating: vec![],
        excess_terminated: vec![],
    };
    let mut terminated: Vec<&Value> = vec![];
    for p in &pods {
        let node = meta::str_at(p, &["spec", "nodeName"]).unwrap_or("");
        if !node.is_empty() && !nodes.contains(node) {
            work.orphans.push((**p).clone());
        } else if node.is_empty() && meta::at(p, &["metadata", "deletionTimestamp"]).is_some() {
            work.unscheduled_terminating.push((**p).clone());
        }
        if terminal(p) {
            terminated.push(p);
        }
    }
    let excess = terminated.len().saturating_sub(TERMINATED_THRESHOLD);
    if excess > 0 {
        terminated.sort_by_key(|p| {
            (
                meta::str_at(p, &["metadata", "creationTimestamp"]).unwrap_or(""),
                meta::name(p),
            )
        });
        work.excess_terminated = terminated[..excess].iter().map(|p| (*p).clone()).collect();
    }
    Some(work)
}

pub fn reconcile(api: &mut ApiServer) {
    if api.now().0.rem_euclid(PERIOD_MS) != 0 {
        return;
    }
    let Some(work) = survey(api) else {
        return;
    };
    let Some(pods_r) = api.registry().resolve("pods").cloned() else {
        return;
    };
    let force = WriteOptions {
        grace_period: Some(0),
        ..Default::default()
    };
    for mut pod in work.orphans {
        let ns = meta::namespace(&pod).to_string();
        let name = meta::name(&pod).to_string();
        if !terminal(&pod) {
            let now = api.now().rfc3339();
            let mut conditions = pod["status"]["conditions"]
                .as_array()
                .cloned()
                .unwrap_or_default();
            conditions.retain(|c| c["type"] != "DisruptionTarget");
            conditions.push(json!({
                "type": "DisruptionTarget",
                "status": "True",
                "reason": "DeletionByPodGC",
                "message": "PodGC: node no longer exists",
                "lastProbeTime": null,
                "lastTransitionTime": now,
            }));
            pod["status"]["conditions"] = json!(conditions);
            pod["status"]["phase"] = json!("Failed");
            let _ = api.write_status(&pods_r, &ns, pod);
        }
        let _ = api.delete(&pods_r, &ns, &name, &force);
    }
    for pod in work
        .unscheduled_terminating
        .iter()
        .chain(&work.excess_terminated)
    {
        let _ = api.delete(&pods_r, meta::namespace(pod), meta::name(pod), &force);
    }
}

/// A sweep that found nothing to collect is not repeated at the same
/// instant, whatever changes: the real one sweeps once a period
/// (gcCheckPeriod), and what a command changes waits for the next sweep.
pub fn between_sweeps(_: &ApiServer, _: &crate::store::WatchRecord) -> bool {
    true
}

/// The next 20s tick, only while there is something to collect.
pub fn next_wakeup(api: &ApiServer, now: i64) -> Vec<i64> {
    match survey(api) {
        Some(w)
            if !(w.orphans.is_empty()
                && w.unscheduled_terminating.is_empty()
                && w.excess_terminated.is_empty()) =>
        {
            vec![(now.div_euclid(PERIOD_MS) + 1) * PERIOD_MS]
        }
        _ => vec![],
    }
}
