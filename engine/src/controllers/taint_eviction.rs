//! The taint eviction controller (pkg/controller/tainteviction): a pod on a
//! node with NoExecute taints it does not tolerate is deleted at once; one
//! that tolerates them for a while (the 300s DefaultTolerationSeconds adds)
//! is deleted when the shortest tolerationSeconds has passed since the taint
//! came. Before deleting it adds the DisruptionTarget condition and records
//! TaintManagerEviction "Marking for deletion Pod ns/name".

use crate::api::meta;
use crate::apiserver::{ApiServer, ListOptions, WriteOptions};
use crate::clock::Time;
use crate::recorder::{self, Source};
use crate::scheduler::plugins::matching_tolerations;
use serde_json::{json, Value};

fn time_of(v: &Value) -> Option<i64> {
    v.as_str().and_then(Time::parse_rfc3339).map(|t| t.0)
}

/// When the pod is due for deletion on `node`, if ever: `processPodOnNode`.
fn eviction_at(pod: &Value, node: &Value) -> Option<i64> {
    let taints: Vec<&Value> = node["spec"]["taints"]
        .as_array()?
        .iter()
        .filter(|t| t["effect"] == "NoExecute")
        .collect();
    if taints.is_empty() || meta::at(pod, &["metadata", "deletionTimestamp"]).is_some() {
        return None;
    }
    let created = time_of(&pod["metadata"]["creationTimestamp"]).unwrap_or(0);
    let mut start = i64::MIN;
    let mut min_secs: Option<i64> = None;
    for t in &taints {
        let s = |f: &str| t[f].as_str().unwrap_or("");
        let used = matching_tolerations(pod, s("key"), s("value"), "NoExecute");
        if used.is_empty() {
            // Not tolerated: deleted as soon as seen.
            return Some(created.max(time_of(&t["timeAdded"]).unwrap_or(created)));
        }
        // The work is scheduled when the controller first sees the taint
        // on the pod's node.
        start = start.max(created.max(time_of(&t["timeAdded"]).unwrap_or(created)));
        for tol in used {
            if let Some(secs) = tol["tolerationSeconds"].as_i64() {
                min_secs = Some(min_secs.map_or(secs.max(0), |m: i64| m.min(secs.max(0))));
            }
        }
    }
    min_secs.map(|secs| start + secs * 1000)
}

fn survey(api: &ApiServer) -> Vec<(Value, i64)> {
    let (Some(pods_r), Some(nodes_r)) = (
        api.registry().resolve("pods").cloned(),
        api.registry().resolve("nodes").cloned(),
    ) else {
        return vec![];
    };
    let opts = ListOptions::default();
    let nodes = api.list_shared(&nodes_r, None, &opts).unwrap_or_default();
    let tainted: Vec<_> = nodes
        .iter()
        .filter(|n| {
            n["spec"]["taints"]
                .as_array()
                .is_some_and(|ts| ts.iter().any(|t| t["effect"] == "NoExecute"))
        })
        .collect();
    let mut out = vec![];
    for node in tainted {
        let opts = ListOptions {
            field_selector: Some(format!("spec.nodeName={}", meta::name(node))),
            ..Default::default()
        };
        for pod in api.list_shared(&pods_r, None, &opts).unwrap_or_default() {
            if let Some(at) = eviction_at(&pod, node) {
                out.push(((*pod).clone(), at));
            }
        }
    }
    out
}

pub fn next_wakeup(api: &ApiServer, now: i64) -> Option<i64> {
    survey(api)
        .into_iter()
        .map(|(_, at)| at)
        .filter(|at| *at > now)
        .min()
}

pub fn reconcile(api: &mut ApiServer) {
    let now = api.now().0;
    let Some(r) = api.registry().resolve("pods").cloned() else {
        return;
    };
    let source = Source {
        component: "taint-eviction-controller",
        host: String::new(),
    };
    for (mut pod, at) in survey(api) {
        if at > now {
            continue;
        }
        let ns = meta::namespace(&pod).to_string();
        let name = meta::name(&pod).to_string();
        let msg = format!("Marking for deletion Pod {ns}/{name}");
        recorder::record(
            api,
            &pod,
            None,
            "Normal",
            "TaintManagerEviction",
            &msg,
            &source,
        );
        let conditions = pod["status"]["conditions"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        if !conditions.iter().any(|c| c["type"] == "DisruptionTarget") {
            let mut cs = conditions;
            cs.push(json!({"type": "DisruptionTarget", "status": "True",
                           "lastProbeTime": null, "lastTransitionTime": Time(now).rfc3339(),
                           "reason": "DeletionByTaintManager",
                           "message": "Taint manager: deleting due to NoExecute taint"}));
            pod["status"]["conditions"] = json!(cs);
            let _ = api.write_status(&r, &ns, pod);
        }
        let _ = api.delete(&r, &ns, &name, &WriteOptions::default());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn node(taints: Value) -> Value {
        json!({"metadata": {"name": "n"}, "spec": {"taints": taints}})
    }

    fn pod(tolerations: Value) -> Value {
        json!({"metadata": {"name": "p", "creationTimestamp": "2025-06-01T09:00:00Z"},
               "spec": {"nodeName": "n", "tolerations": tolerations}})
    }

    #[test]
    fn pods_go_after_their_shortest_toleration() {
        let unreachable = node(
            json!([{"key": "node.kubernetes.io/unreachable", "effect": "NoExecute",
                                        "timeAdded": "2025-06-01T09:01:40Z"},
                                       {"key": "node.kubernetes.io/unreachable", "effect": "NoSchedule"}]),
        );
        let added = Time::parse_rfc3339("2025-06-01T09:01:40Z").unwrap().0;
        let default = pod(
            json!([{"key": "node.kubernetes.io/unreachable", "operator": "Exists",
                                  "effect": "NoExecute", "tolerationSeconds": 300}]),
        );
        assert_eq!(eviction_at(&default, &unreachable), Some(added + 300_000));
        // A DaemonSet's toleration has no seconds: it stays.
        let forever = pod(
            json!([{"key": "node.kubernetes.io/unreachable", "operator": "Exists", "effect": "NoExecute"}]),
        );
        assert_eq!(eviction_at(&forever, &unreachable), None);
        // Not tolerated at all: at once.
        assert_eq!(eviction_at(&pod(json!([])), &unreachable), Some(added));
        assert_eq!(eviction_at(&default, &node(json!([]))), None);
    }
}
