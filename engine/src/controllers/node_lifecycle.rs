//! The node lifecycle controller (pkg/controller/nodelifecycle), every
//! `--node-monitor-period` (5s): a node whose kubelet posted neither a lease
//! renewal nor a status for `--node-monitor-grace-period` (50s since v1.32,
//! kubernetes#126287) gets its conditions set Unknown ("Kubelet stopped
//! posting node status."), a NodeNotReady event, its pods' Ready condition
//! False with a NodeNotReady event each, and the `unreachable` NoExecute and
//! NoSchedule taints. Ready=False (reported by the kubelet) gets the
//! `not-ready` taints. When the node is Ready again the taints go. A
//! cordoned node gets `node.kubernetes.io/unschedulable:NoSchedule`.

use crate::api::meta;
use crate::apiserver::{ApiServer, ListOptions};
use crate::clock::Time;
use crate::recorder::{self, Source};
use serde_json::{json, Value};

pub const MONITOR_PERIOD_MS: i64 = 5_000;
pub const GRACE_MS: i64 = 50_000;
const UNREACHABLE: &str = "node.kubernetes.io/unreachable";
const NOT_READY: &str = "node.kubernetes.io/not-ready";
/// A cordoned node's taint (`doNoScheduleTaintingPass`, TaintNodesByCondition).
const UNSCHEDULABLE: &str = "node.kubernetes.io/unschedulable";
/// The conditions the controller marks Unknown besides Ready
/// (`remainingNodeConditionTypes`).
const CONDITIONS: [&str; 4] = ["Ready", "MemoryPressure", "DiskPressure", "PIDPressure"];

fn source() -> Source {
    Source {
        component: "node-controller",
        host: String::new(),
    }
}

fn time_of(v: Option<&str>) -> i64 {
    v.and_then(Time::parse_rfc3339)
        .map_or(i64::MIN / 2, |t| t.0)
}

fn ready_condition(node: &Value) -> Option<&Value> {
    meta::at(node, &["status", "conditions"])
        .and_then(Value::as_array)?
        .iter()
        .find(|c| c["type"] == "Ready")
}

/// The last time the node's kubelet was heard from: its lease renewal or
/// the Ready condition's heartbeat, whichever is later (`probeTimestamp`).
fn probe(api: &ApiServer, node: &Value) -> i64 {
    let heartbeat = time_of(ready_condition(node).and_then(|c| c["lastHeartbeatTime"].as_str()));
    let lease = api
        .registry()
        .resolve("leases.coordination.k8s.io")
        .and_then(|r| api.get(r, "kube-node-lease", meta::name(node)).ok())
        .map_or(i64::MIN / 2, |l| {
            // renewTime is a MicroTime; milliseconds are what matter here.
            let renew = meta::str_at(&l, &["spec", "renewTime"]).unwrap_or("");
            let ms = renew
                .get(20..23)
                .and_then(|s| s.parse::<i64>().ok())
                .unwrap_or(0);
            time_of(Some(renew)) + ms
        });
    heartbeat.max(lease)
}

/// The first monitor pass after the grace period from `probe` ran out.
fn deadline(probe: i64) -> i64 {
    (probe + GRACE_MS).div_euclid(MONITOR_PERIOD_MS) * MONITOR_PERIOD_MS + MONITOR_PERIOD_MS
}

/// When the controller next has a node to mark: for every node not yet
/// Unknown whose kubelet is not `renewing` (a running kubelet renews its
/// lease lazily, so its stored renewTime may look stale between settles).
pub fn next_wakeup(api: &ApiServer, renewing: &dyn Fn(&str) -> bool) -> Option<i64> {
    let r = api.registry().resolve("nodes")?.clone();
    let nodes = api.list_shared(&r, None, &ListOptions::default()).ok()?;
    nodes
        .iter()
        .filter(|n| !renewing(meta::name(n)))
        .filter(|n| ready_condition(n).is_some_and(|c| c["status"] != "Unknown"))
        .map(|n| deadline(probe(api, n)))
        .min()
}

pub fn reconcile(api: &mut ApiServer) {
    let Some(r) = api.registry().resolve("nodes").cloned() else {
        return;
    };
    let now = api.now().0;
    let nodes = api
        .list(&r, None, &ListOptions::default())
        .unwrap_or_default();
    for node in nodes {
        let Some(ready) = ready_condition(&node).cloned() else {
            continue;
        };
        let mut node = node;
        if ready["status"] != "Unknown" && now >= deadline(probe(api, &node)) {
            node = mark_unknown(api, &r, node, now);
            if ready["status"] == "True" {
                let name = meta::name(&node).to_string();
                node_event(api, &name, "NodeNotReady");
                mark_pods_not_ready(api, &name);
            }
        }
        taint(api, &r, node, now);
    }
}

/// `tryUpdateNodeHealth`: Ready and the pressure conditions become Unknown.
fn mark_unknown(
    api: &mut ApiServer,
    r: &crate::api::ApiResource,
    mut node: Value,
    now: i64,
) -> Value {
    let at = Time(now).rfc3339();
    if let Some(cs) = node["status"]["conditions"].as_array_mut() {
        for c in cs.iter_mut() {
            let kind = c["type"].as_str().unwrap_or("");
            if CONDITIONS.contains(&kind) && c["status"] != "Unknown" {
                c["status"] = json!("Unknown");
                c["reason"] = json!("NodeStatusUnknown");
                c["message"] = json!("Kubelet stopped posting node status.");
                c["lastTransitionTime"] = json!(at);
            }
        }
    }
    api.write_status(r, "", node.clone()).unwrap_or(node)
}

/// `RecordNodeStatusChange`: the reference's UID is the node's name.
pub fn node_event(api: &mut ApiServer, node: &str, status: &str) {
    let involved =
        json!({"apiVersion": "v1", "kind": "Node", "metadata": {"name": node, "uid": node}});
    let msg = format!("Node {node} status is now: {status}");
    recorder::record(api, &involved, None, "Normal", status, &msg, &source());
}

/// `MarkPodsNotReady` (pkg/controller/util/node/controller_utils.go).
fn mark_pods_not_ready(api: &mut ApiServer, node: &str) {
    let Some(r) = api.registry().resolve("pods").cloned() else {
        return;
    };
    let opts = ListOptions {
        field_selector: Some(format!("spec.nodeName={node}")),
        ..Default::default()
    };
    let now = api.now().rfc3339();
    for mut pod in api.list(&r, None, &opts).unwrap_or_default() {
        let Some(cs) = pod["status"]["conditions"].as_array_mut() else {
            continue;
        };
        let Some(c) = cs.iter_mut().find(|c| c["type"] == "Ready") else {
            continue;
        };
        if c["status"] == "False" {
            continue;
        }
        c["status"] = json!("False");
        c["lastTransitionTime"] = json!(now);
        let ns = meta::namespace(&pod).to_string();
        if let Ok(pod) = api.write_status(&r, &ns, pod) {
            recorder::record(
                api,
                &pod,
                None,
                "Warning",
                "NodeNotReady",
                "Node is not ready",
                &source(),
            );
        }
    }
}

/// The taints the Ready condition and `spec.unschedulable` call for
/// (`doNoExecuteTaintingPass`, `doNoScheduleTaintingPass`): NoExecute first,
/// as the rate-limited tainter usually lands before the NoSchedule pass.
fn taint(api: &mut ApiServer, r: &crate::api::ApiResource, mut node: Value, now: i64) {
    let key = match ready_condition(&node).and_then(|c| c["status"].as_str()) {
        Some("Unknown") => Some(UNREACHABLE),
        Some("False") => Some(NOT_READY),
        _ => None,
    };
    let mut wanted: Vec<(&str, &str)> = key
        .map(|k| vec![(k, "NoExecute"), (k, "NoSchedule")])
        .unwrap_or_default();
    if node["spec"]["unschedulable"] == true {
        wanted.push((UNSCHEDULABLE, "NoSchedule"));
    }
    let taints: Vec<Value> = node["spec"]["taints"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let ours = |t: &Value| {
        [UNREACHABLE, NOT_READY, UNSCHEDULABLE]
            .iter()
            .any(|k| t["key"] == *k)
    };
    let mut next: Vec<Value> = taints
        .iter()
        .filter(|t| {
            !ours(t)
                || wanted
                    .iter()
                    .any(|(k, e)| t["key"] == *k && t["effect"] == *e)
        })
        .cloned()
        .collect();
    for (key, effect) in wanted {
        if !next
            .iter()
            .any(|t| t["key"] == key && t["effect"] == effect)
        {
            let mut t = json!({"key": key, "effect": effect});
            if effect == "NoExecute" {
                t["timeAdded"] = json!(Time(now).rfc3339());
            }
            next.push(t);
        }
    }
    if next == taints {
        return;
    }
    if next.is_empty() {
        if let Some(spec) = node["spec"].as_object_mut() {
            spec.remove("taints");
        }
    } else {
        node["spec"]["taints"] = json!(next);
    }
    let _ = api.write_status(r, "", node);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_pass_after_the_grace_period_marks() {
        // Last renewal at 10.3s: grace ends at 60.3s, the pass at 65s.
        assert_eq!(deadline(10_300), 65_000);
        assert_eq!(deadline(10_000), 65_000);
    }
}
