//! The pod kubectl picks for `attach`, `port-forward` and `logs` given a
//! workload or a Service (kubectl v0.33.1 `polymorphichelpers`:
//! `SelectorsForObject`, `GetFirstPod`, and the orders of
//! `util/podutils`: `ActivePods` reversed for attach and port-forward,
//! `ByLogging` for logs).

use crate::api::meta;
use crate::controllers::replicaset::{is_ready, selector_string};
use crate::kubectl::errors::CmdError;
use crate::kubectl::Env;
use serde_json::Value;
use std::cmp::Ordering;

/// Which order picks the first pod.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Order {
    /// The most active pod (attach, port-forward).
    Active,
    /// The pod whose logs say most (logs).
    Logging,
}

/// `SelectorsForObject`: the label selector of a workload or Service; Err
/// is the reason after `cannot attach to *v1.Kind: `.
pub fn selector_for(obj: &Value) -> Result<String, String> {
    let kind = obj["kind"].as_str().unwrap_or("");
    match kind {
        "Service" => {
            let sel = meta::string_map(obj["spec"].get("selector"));
            if sel.is_empty() {
                return Err(format!(
                    "invalid service '{}': Service is defined without a selector",
                    meta::name(obj)
                ));
            }
            Ok(sel
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect::<Vec<_>>()
                .join(","))
        }
        "ReplicationController" => Ok(meta::string_map(obj["spec"].get("selector"))
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join(",")),
        "ReplicaSet" | "StatefulSet" | "DaemonSet" | "Deployment" | "Job" => {
            Ok(selector_string(obj["spec"].get("selector")))
        }
        _ => Err(format!("selector for {} not implemented", go_type(obj))),
    }
}

/// Go's `%T` of a typed object: `*v1.Deployment`.
pub fn go_type(obj: &Value) -> String {
    let version = obj["apiVersion"].as_str().unwrap_or("v1");
    let version = version.rsplit('/').next().unwrap_or(version);
    format!("*{version}.{}", obj["kind"].as_str().unwrap_or(""))
}

fn phase(p: &Value) -> &str {
    meta::str_at(p, &["status", "phase"]).unwrap_or("")
}

fn node(p: &Value) -> &str {
    meta::str_at(p, &["spec", "nodeName"]).unwrap_or("")
}

/// The Ready condition's lastTransitionTime when it is True ("" if not).
fn ready_time(p: &Value) -> &str {
    meta::at(p, &["status", "conditions"])
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .find(|c| c["type"] == "Ready" && c["status"] == "True")
        .and_then(|c| c["lastTransitionTime"].as_str())
        .unwrap_or("")
}

fn restarts(p: &Value) -> i64 {
    meta::at(p, &["status", "containerStatuses"])
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|s| s["restartCount"].as_i64())
        .max()
        .unwrap_or(0)
}

fn created(p: &Value) -> &str {
    meta::str_at(p, &["metadata", "creationTimestamp"]).unwrap_or("")
}

fn deleting(p: &Value) -> Option<&str> {
    meta::str_at(p, &["metadata", "deletionTimestamp"])
}

/// `afterOrZero(t1, t2)` on RFC 3339 texts (same format, so they compare as text).
fn after_or_zero(t1: &str, t2: &str) -> bool {
    if t1.is_empty() || t2.is_empty() {
        return t1.is_empty();
    }
    t1 > t2
}

/// Go's `Less` as an Ordering (Less when `less(a, b)`, Greater when `less(b, a)`).
fn ordering(less: impl Fn(&Value, &Value) -> bool, a: &Value, b: &Value) -> Ordering {
    if less(a, b) {
        Ordering::Less
    } else if less(b, a) {
        Ordering::Greater
    } else {
        Ordering::Equal
    }
}

/// `podutils.ActivePods.Less`: whether `a` is less active than `b`.
fn less_active(a: &Value, b: &Value) -> bool {
    if node(a) != node(b) && (node(a).is_empty() || node(b).is_empty()) {
        return node(a).is_empty();
    }
    let rank = |p: &Value| match phase(p) {
        "Unknown" => 1,
        "Running" => 2,
        _ => 0,
    };
    if rank(a) != rank(b) {
        return rank(a) < rank(b);
    }
    if is_ready(a) != is_ready(b) {
        return !is_ready(a);
    }
    if deleting(a).is_some() != deleting(b).is_some() {
        return deleting(a).is_some();
    }
    if let (Some(da), Some(db)) = (deleting(a), deleting(b)) {
        if da != db {
            return da < db;
        }
    }
    if is_ready(a) && is_ready(b) && ready_time(a) != ready_time(b) {
        return after_or_zero(ready_time(a), ready_time(b));
    }
    if restarts(a) != restarts(b) {
        return restarts(a) > restarts(b);
    }
    if created(a) != created(b) {
        return after_or_zero(created(a), created(b));
    }
    false
}

/// `podutils.ByLogging.Less`: whether `a`'s logs come before `b`'s.
fn logs_first(a: &Value, b: &Value) -> bool {
    if node(a) != node(b) && (node(a).is_empty() || node(b).is_empty()) {
        return !node(a).is_empty();
    }
    let rank = |p: &Value| match phase(p) {
        "Running" => 0,
        "Unknown" => 1,
        "Pending" => 2,
        _ => 0,
    };
    if rank(a) != rank(b) {
        return rank(a) < rank(b);
    }
    if is_ready(a) != is_ready(b) {
        return is_ready(a);
    }
    if is_ready(a) && is_ready(b) && ready_time(a) != ready_time(b) {
        return after_or_zero(ready_time(b), ready_time(a));
    }
    if restarts(a) != restarts(b) {
        return restarts(a) > restarts(b);
    }
    if created(a) != created(b) {
        return after_or_zero(created(b), created(a));
    }
    false
}

/// Sorts pods as kubectl does (Go's insertion sort for small lists keeps
/// ties in list order, as a stable sort does).
pub fn sort(pods: &mut [Value], order: Order) {
    match order {
        Order::Active => pods.sort_by(|a, b| ordering(less_active, b, a)),
        Order::Logging => pods.sort_by(|a, b| ordering(logs_first, a, b)),
    }
}

/// `GetFirstPod`: the pods `selector` matches in `ns`, sorted, waiting up
/// to `timeout_ms` for one to appear; the first and how many there were.
pub fn first_pod(
    env: &mut Env,
    ns: &str,
    selector: &str,
    timeout_ms: i64,
    order: Order,
) -> Result<(Value, usize), CmdError> {
    let pods_r = env
        .world
        .api
        .registry()
        .resolve("pods")
        .cloned()
        .ok_or_else(|| CmdError::Plain("pods are not served".into()))?;
    let opts = crate::apiserver::ListOptions {
        label_selector: Some(selector.to_string()),
        ..Default::default()
    };
    let mut pods = env.world.api.list(&pods_r, Some(ns), &opts)?;
    if pods.is_empty() {
        // It then watches for the first pod added or changed.
        let found = env.world.advance_until(timeout_ms, |w| {
            w.api
                .list(&pods_r, Some(ns), &opts)
                .is_ok_and(|p| !p.is_empty())
        });
        if !found {
            return Err(CmdError::Plain(
                "timed out waiting for the condition".into(),
            ));
        }
        pods = env.world.api.list(&pods_r, Some(ns), &opts)?;
        pods.truncate(1);
    }
    sort(&mut pods, order);
    let n = pods.len();
    Ok((pods.swap_remove(0), n))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn pod(name: &str, phase: &str, ready: Option<&str>, created: &str) -> Value {
        let conditions = match ready {
            Some(t) => json!([{"type": "Ready", "status": "True", "lastTransitionTime": t}]),
            None => json!([]),
        };
        json!({
            "metadata": {"name": name, "creationTimestamp": created},
            "spec": {"nodeName": "minikube"},
            "status": {"phase": phase, "conditions": conditions},
        })
    }

    #[test]
    fn both_orders_take_the_longest_ready_first() {
        let a = pod(
            "a",
            "Running",
            Some("2025-06-01T09:00:10Z"),
            "2025-06-01T09:00:00Z",
        );
        let b = pod(
            "b",
            "Running",
            Some("2025-06-01T09:00:05Z"),
            "2025-06-01T09:00:00Z",
        );
        let c = pod("c", "Pending", None, "2025-06-01T09:00:00Z");
        let names = |v: &[Value]| {
            v.iter()
                .map(|p| meta::name(p).to_string())
                .collect::<Vec<_>>()
        };
        let mut pods = vec![a.clone(), b.clone(), c.clone()];
        sort(&mut pods, Order::Active);
        assert_eq!(names(&pods), ["b", "a", "c"]);
        let mut pods = vec![c, a, b];
        sort(&mut pods, Order::Logging);
        assert_eq!(names(&pods), ["b", "a", "c"]);
    }

    #[test]
    fn ties_keep_the_list_order() {
        let t = Some("2025-06-01T09:00:10Z");
        let mut pods = vec![
            pod("x", "Running", t, "2025-06-01T09:00:00Z"),
            pod("y", "Running", t, "2025-06-01T09:00:00Z"),
        ];
        sort(&mut pods, Order::Active);
        assert_eq!(meta::name(&pods[0]), "x");
        sort(&mut pods, Order::Logging);
        assert_eq!(meta::name(&pods[0]), "x");
    }
}
