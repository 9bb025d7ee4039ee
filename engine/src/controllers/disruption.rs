//! The disruption controller: each PodDisruptionBudget's status — how many
//! of its pods are expected, healthy and needed, how many may be disrupted
//! now — as pkg/controller/disruption computes it, so evictions can ask.

use super::replicaset::{is_ready, selector_string};
use crate::api::meta;
use crate::api::selector::Selector;
use crate::apiserver::{ApiServer, ListOptions};
use serde_json::{json, Map, Value};

/// The pods a budget covers: policy/v1's empty selector matches every pod
/// of the namespace, a missing one none.
pub fn covered_pods(pdb: &Value, pods: &[Value]) -> Vec<Value> {
    let Some(sel) = meta::at(pdb, &["spec", "selector"]) else {
        return vec![];
    };
    let Ok(sel) = Selector::parse(&selector_string(Some(sel))) else {
        return vec![];
    };
    pods.iter()
        .filter(|p| meta::namespace(p) == meta::namespace(pdb))
        .filter(|p| sel.matches(&meta::labels(p)))
        .cloned()
        .collect()
}

/// `intstr` scaled against a total: percentages round up, as upstream's
/// GetScaledValueFromIntOrPercent with roundUp.
fn scaled(v: &Value, total: i64) -> i64 {
    match v {
        Value::String(s) => {
            let pct: i64 = s.trim_end_matches('%').parse().unwrap_or(0);
            (pct * total + 99) / 100
        }
        _ => v.as_i64().unwrap_or(0),
    }
}

/// The replicas the pods' controllers ask for, each controller once.
fn expected_from_controllers(api: &ApiServer, pods: &[Value]) -> i64 {
    let mut seen: Vec<String> = vec![];
    let mut total = 0;
    for p in pods {
        let Some(owner) = meta::at(p, &["metadata", "ownerReferences"])
            .and_then(Value::as_array)
            .and_then(|o| o.iter().find(|o| o["controller"] == true))
        else {
            continue;
        };
        let uid = owner["uid"].as_str().unwrap_or("").to_string();
        if seen.contains(&uid) {
            continue;
        }
        seen.push(uid);
        let resource = match owner["kind"].as_str().unwrap_or("") {
            "ReplicaSet" => "replicasets.apps",
            "StatefulSet" => "statefulsets.apps",
            "ReplicationController" => "replicationcontrollers",
            _ => continue,
        };
        let Some(r) = api.registry().resolve(resource).cloned() else {
            continue;
        };
        let name = owner["name"].as_str().unwrap_or("");
        if let Ok(o) = api.get(&r, meta::namespace(p), name) {
            total += meta::at(&o, &["spec", "replicas"])
                .and_then(Value::as_i64)
                .unwrap_or(1);
        }
    }
    total
}

/// The status a budget should have now, keeping what did not change
/// (the condition's transition time, disrupted pods still pending).
fn desired_status(api: &ApiServer, pdb: &Value, pods: &[Value], now: &str) -> Value {
    let pods = covered_pods(pdb, pods);
    let spec = meta::at(pdb, &["spec"]).cloned().unwrap_or(json!({}));
    let (expected, desired) = if let Some(max) = spec.get("maxUnavailable") {
        let expected = expected_from_controllers(api, &pods);
        (expected, (expected - scaled(max, expected)).max(0))
    } else if let Some(min) = spec.get("minAvailable") {
        if min.is_string() {
            let expected = expected_from_controllers(api, &pods);
            (expected, scaled(min, expected))
        } else {
            (pods.len() as i64, min.as_i64().unwrap_or(0))
        }
    } else {
        (pods.len() as i64, 0)
    };
    let old = meta::at(pdb, &["status"]).cloned().unwrap_or(json!({}));
    // Pods an eviction just let go stay counted as disrupted until they are deleting.
    let mut disrupted = Map::new();
    if let Some(d) = old.get("disruptedPods").and_then(Value::as_object) {
        for (name, at) in d {
            let live = pods.iter().any(|p| {
                meta::name(p) == name && meta::at(p, &["metadata", "deletionTimestamp"]).is_none()
            });
            if live {
                disrupted.insert(name.clone(), at.clone());
            }
        }
    }
    let healthy = pods
        .iter()
        .filter(|p| meta::at(p, &["metadata", "deletionTimestamp"]).is_none())
        .filter(|p| !disrupted.contains_key(meta::name(p)))
        .filter(|p| is_ready(p))
        .count() as i64;
    let allowed = if expected <= 0 {
        0
    } else {
        (healthy - desired).max(0)
    };
    let generation = meta::at(pdb, &["metadata", "generation"])
        .cloned()
        .unwrap_or(json!(1));
    let (cond_status, reason) = if allowed > 0 {
        ("True", "SufficientPods")
    } else {
        ("False", "InsufficientPods")
    };
    let old_cond = old
        .get("conditions")
        .and_then(Value::as_array)
        .and_then(|c| c.iter().find(|c| c["type"] == "DisruptionAllowed"));
    let since = match old_cond {
        Some(c) if c["status"] == cond_status => c["lastTransitionTime"].clone(),
        _ => json!(now),
    };
    let mut status = json!({
        "conditions": [{
            "lastTransitionTime": since,
            "message": "",
            "observedGeneration": generation,
            "reason": reason,
            "status": cond_status,
            "type": "DisruptionAllowed",
        }],
        "currentHealthy": healthy,
        "desiredHealthy": desired,
        "disruptionsAllowed": allowed,
        "expectedPods": expected,
        "observedGeneration": generation,
    });
    if !disrupted.is_empty() {
        status["disruptedPods"] = Value::Object(disrupted);
    }
    status
}

pub fn reconcile(api: &mut ApiServer) {
    let Some(pdbs_r) = api
        .registry()
        .resolve("poddisruptionbudgets.policy")
        .cloned()
    else {
        return;
    };
    let Some(pods_r) = api.registry().resolve("pods").cloned() else {
        return;
    };
    let pdbs = api
        .list(&pdbs_r, None, &ListOptions::default())
        .unwrap_or_default();
    if pdbs.is_empty() {
        return;
    }
    let pods = api
        .list(&pods_r, None, &ListOptions::default())
        .unwrap_or_default();
    let now = api.now().rfc3339();
    for pdb in pdbs {
        let status = desired_status(api, &pdb, &pods, &now);
        if meta::at(&pdb, &["status"]) != Some(&status) {
            let mut next = pdb.clone();
            next["status"] = status;
            let _ = api.update_status(&pdbs_r, meta::namespace(&pdb), next);
        }
    }
}
