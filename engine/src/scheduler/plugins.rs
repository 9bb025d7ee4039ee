//! The default filter and score plugins, in the framework's order, with the
//! reason texts the real ones give (EVENTS.md §3).

use crate::api::meta;
use crate::api::quantity::Quantity;
use serde_json::Value;
use std::collections::BTreeMap;
use std::sync::Arc;

fn milli(q: &str) -> Option<i128> {
    Quantity::parse(q).map(|q| q.milli_value())
}

/// The resources a node's pods hold: the scheduler cache's NodeInfo, built
/// once per pass and updated as the pass binds pods, so that two pods
/// placed in one pass see each other.
#[derive(Clone, Debug, Default)]
pub struct NodeInfo {
    pub pods: i128,
    /// Requests in milli-units by resource (cpu, memory, ephemeral-storage).
    pub requested: BTreeMap<&'static str, i128>,
    /// cpu and memory requests with the scheduler's defaults for containers
    /// that set none: what LeastAllocated scores (schedutil.GetNonzeroRequests).
    pub non_zero_requested: BTreeMap<&'static str, i128>,
    pub host_ports: Vec<(i64, String)>,
}

const RESOURCES: [&str; 3] = ["cpu", "memory", "ephemeral-storage"];

impl NodeInfo {
    /// Counts `pod` on this node, unless it has finished (holds nothing).
    pub fn add(&mut self, pod: &Value) {
        if matches!(
            meta::str_at(pod, &["status", "phase"]),
            Some("Succeeded" | "Failed")
        ) {
            return;
        }
        self.pods += 1;
        for r in RESOURCES {
            *self.requested.entry(r).or_default() += requests(pod, r);
        }
        for r in ["cpu", "memory"] {
            *self.non_zero_requested.entry(r).or_default() += non_zero_requests(pod, r);
        }
        self.host_ports.extend(host_ports(pod));
    }

    fn used(&self, resource: &str) -> i128 {
        self.requested.get(resource).copied().unwrap_or(0)
    }
}

/// NodeInfo of every node by name, from the pods bound to them.
pub fn node_infos<'a>(pods: impl Iterator<Item = &'a Value>) -> BTreeMap<String, NodeInfo> {
    let mut out: BTreeMap<String, NodeInfo> = BTreeMap::new();
    for p in pods {
        let node = meta::str_at(p, &["spec", "nodeName"]).unwrap_or("");
        if !node.is_empty() {
            out.entry(node.to_string()).or_default().add(p);
        }
    }
    out
}

pub(crate) fn tolerates(pod: &Value, key: &str, value: &str, effect: &str) -> bool {
    meta::at(pod, &["spec", "tolerations"])
        .and_then(Value::as_array)
        .is_some_and(|ts| {
            ts.iter().any(|t| {
                let s = |f: &str| t.get(f).and_then(Value::as_str).unwrap_or("");
                let key_ok = s("key").is_empty() || s("key") == key;
                let effect_ok = s("effect").is_empty() || s("effect") == effect;
                let value_ok = match s("operator") {
                    "Exists" => true,
                    _ => s("value") == value,
                };
                key_ok
                    && effect_ok
                    && value_ok
                    && (!s("key").is_empty() || s("operator") == "Exists")
            })
        })
}

fn node_unschedulable(pod: &Value, node: &Value) -> Option<Vec<String>> {
    let cordoned =
        meta::at(node, &["spec", "unschedulable"]).and_then(Value::as_bool) == Some(true);
    (cordoned && !tolerates(pod, "node.kubernetes.io/unschedulable", "", "NoSchedule"))
        .then(|| vec!["node(s) were unschedulable".into()])
}

fn node_name(pod: &Value, node: &Value) -> Option<Vec<String>> {
    let wanted = meta::str_at(pod, &["spec", "nodeName"]).unwrap_or("");
    (!wanted.is_empty() && wanted != meta::name(node))
        .then(|| vec!["node(s) didn't match the requested node name".into()])
}

pub(crate) fn taint_toleration(pod: &Value, node: &Value) -> Option<Vec<String>> {
    let taints = meta::at(node, &["spec", "taints"]).and_then(Value::as_array)?;
    taints.iter().find_map(|t| {
        let s = |f: &str| t.get(f).and_then(Value::as_str).unwrap_or("");
        let effect = s("effect");
        if effect == "PreferNoSchedule" || tolerates(pod, s("key"), s("value"), effect) {
            return None;
        }
        Some(vec![format!(
            "node(s) had untolerated taint {{{}: {}}}",
            s("key"),
            s("value")
        )])
    })
}

fn expression_matches(expr: &Value, labels: &BTreeMap<&str, &str>) -> bool {
    let key = expr.get("key").and_then(Value::as_str).unwrap_or("");
    let values: Vec<&str> = expr
        .get("values")
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let actual = labels.get(key).copied();
    match expr.get("operator").and_then(Value::as_str).unwrap_or("") {
        "In" => actual.is_some_and(|v| values.contains(&v)),
        "NotIn" => actual.is_none_or(|v| !values.contains(&v)),
        "Exists" => actual.is_some(),
        "DoesNotExist" => actual.is_none(),
        op @ ("Gt" | "Lt") => {
            let (Some(a), Some(b)) = (
                actual.and_then(|v| v.parse::<i64>().ok()),
                values.first().and_then(|v| v.parse::<i64>().ok()),
            ) else {
                return false;
            };
            if op == "Gt" {
                a > b
            } else {
                a < b
            }
        }
        _ => false,
    }
}

pub(crate) fn node_affinity(pod: &Value, node: &Value) -> Option<Vec<String>> {
    let labels: BTreeMap<&str, &str> = meta::labels(node).into_iter().collect();
    let reject = || {
        Some(vec![
            "node(s) didn't match Pod's node affinity/selector".to_string()
        ])
    };
    for (k, v) in meta::string_map(meta::at(pod, &["spec", "nodeSelector"])) {
        if labels.get(k) != Some(&v) {
            return reject();
        }
    }
    let terms = meta::at(
        pod,
        &[
            "spec",
            "affinity",
            "nodeAffinity",
            "requiredDuringSchedulingIgnoredDuringExecution",
            "nodeSelectorTerms",
        ],
    )
    .and_then(Value::as_array);
    if let Some(terms) = terms {
        let name = meta::name(node);
        let any = terms.iter().any(|t| {
            let exprs_ok = t
                .get("matchExpressions")
                .and_then(Value::as_array)
                .is_none_or(|es| es.iter().all(|e| expression_matches(e, &labels)));
            let fields_ok = t
                .get("matchFields")
                .and_then(Value::as_array)
                .is_none_or(|es| {
                    let fields = BTreeMap::from([("metadata.name", name)]);
                    es.iter().all(|e| expression_matches(e, &fields))
                });
            exprs_ok && fields_ok
        });
        if !any {
            return reject();
        }
    }
    None
}

fn host_ports(pod: &Value) -> Vec<(i64, String)> {
    let mut out = vec![];
    for c in meta::at(pod, &["spec", "containers"])
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        for p in c
            .get("ports")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            if let Some(hp) = p.get("hostPort").and_then(Value::as_i64) {
                let proto = p.get("protocol").and_then(Value::as_str).unwrap_or("TCP");
                out.push((hp, proto.to_string()));
            }
        }
    }
    out
}

fn node_ports(pod: &Value, info: &NodeInfo) -> Option<Vec<String>> {
    host_ports(pod)
        .iter()
        .any(|w| info.host_ports.contains(w))
        .then(|| vec!["node(s) didn't have free ports for the requested pod ports".into()])
}

/// Requests of a pod (sum of containers; init containers taken at their max).
pub fn requests(pod: &Value, resource: &str) -> i128 {
    let sum = |field: &str| -> Vec<i128> {
        meta::at(pod, &["spec", field])
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .map(|c| {
                meta::str_at(c, &["resources", "requests", resource])
                    .and_then(milli)
                    .unwrap_or(0)
            })
            .collect()
    };
    let regular: i128 = sum("containers").iter().sum();
    let init = sum("initContainers").into_iter().max().unwrap_or(0);
    regular.max(init)
}

fn allocatable(node: &Value, resource: &str) -> i128 {
    meta::str_at(node, &["status", "allocatable", resource])
        .and_then(milli)
        .unwrap_or(0)
}

fn node_resources_fit(pod: &Value, node: &Value, info: &NodeInfo) -> Option<Vec<String>> {
    let mut reasons = vec![];
    if (info.pods + 1) * 1000 > allocatable(node, "pods") {
        reasons.push("Too many pods".to_string());
    }
    for r in RESOURCES {
        let want = requests(pod, r);
        if want == 0 {
            continue;
        }
        if info.used(r) + want > allocatable(node, r) {
            reasons.push(format!("Insufficient {r}"));
        }
    }
    (!reasons.is_empty()).then_some(reasons)
}

/// The first filter plugin that rejects the node, with its reasons.
pub fn filter(pod: &Value, node: &Value, info: &NodeInfo) -> Option<(String, Vec<String>)> {
    type F<'a> = Box<dyn Fn() -> Option<Vec<String>> + 'a>;
    let plugins: Vec<(&str, F)> = vec![
        (
            "NodeUnschedulable",
            Box::new(|| node_unschedulable(pod, node)),
        ),
        ("NodeName", Box::new(|| node_name(pod, node))),
        ("TaintToleration", Box::new(|| taint_toleration(pod, node))),
        ("NodeAffinity", Box::new(|| node_affinity(pod, node))),
        ("NodePorts", Box::new(|| node_ports(pod, info))),
        (
            "NodeResourcesFit",
            Box::new(|| node_resources_fit(pod, node, info)),
        ),
    ];
    plugins
        .into_iter()
        .find_map(|(name, f)| f().map(|reasons| (name.to_string(), reasons)))
}

/// A pod's cpu or memory request as the scorer counts it: a container that
/// requests none counts as 100m cpu / 200MB memory (schedutil defaults).
fn non_zero_requests(pod: &Value, resource: &str) -> i128 {
    let default = match resource {
        "cpu" => 100,
        _ => 200 * 1024 * 1024 * 1000,
    };
    let sum = |field: &str| -> Vec<i128> {
        meta::at(pod, &["spec", field])
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .map(|c| {
                meta::str_at(c, &["resources", "requests", resource])
                    .and_then(milli)
                    .unwrap_or(default)
            })
            .collect()
    };
    let regular: i128 = sum("containers").iter().sum();
    let init = sum("initContainers").into_iter().max().unwrap_or(0);
    regular.max(init)
}

/// NodeResourcesFit's LeastAllocated score (0-100), averaged over cpu and memory.
pub fn score(pod: &Value, node: &Value, info: &NodeInfo) -> i64 {
    let mut total = 0;
    for r in ["cpu", "memory"] {
        let cap = allocatable(node, r);
        if cap <= 0 {
            continue;
        }
        let used = info.non_zero_requested.get(r).copied().unwrap_or(0) + non_zero_requests(pod, r);
        total += (((cap - used).max(0)) * 100 / cap) as i64;
    }
    total / 2
}

/// Filter plugins whose rejection preemption could resolve (code Unschedulable).
fn preemption_could_help(plugin: &str) -> bool {
    matches!(plugin, "NodeResourcesFit" | "NodePorts")
}

fn histogram(reasons: impl Iterator<Item = String>) -> String {
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for r in reasons {
        *counts.entry(r).or_default() += 1;
    }
    let mut parts: Vec<String> = counts
        .into_iter()
        .map(|(r, n)| format!("{n} {r}"))
        .collect();
    parts.sort();
    parts.join(", ")
}

/// FitError.Error() of v1.33, with the DefaultPreemption suffix.
pub fn fit_error(verdicts: &[super::NodeVerdict]) -> String {
    if verdicts.is_empty() {
        return "no nodes available to schedule pods".into();
    }
    let n = verdicts.len();
    let reasons = verdicts
        .iter()
        .flat_map(|v| v.rejected_by.iter().flat_map(|(_, r)| r.clone()));
    let preemption = histogram(verdicts.iter().filter_map(|v| {
        v.rejected_by.as_ref().map(|(p, _)| {
            if preemption_could_help(p) {
                "No preemption victims found for incoming pod".to_string()
            } else {
                "Preemption is not helpful for scheduling".to_string()
            }
        })
    }));
    format!(
        "0/{n} nodes are available: {}. preemption: 0/{n} nodes are available: {preemption}.",
        histogram(reasons)
    )
}

/// The host the scheduler runs on (for reportingInstance): the control-plane node.
pub fn control_plane_host(nodes: &[Arc<Value>]) -> String {
    nodes
        .iter()
        .find(|n| {
            meta::labels(n)
                .iter()
                .any(|(k, _)| *k == "node-role.kubernetes.io/control-plane")
        })
        .or(nodes.first())
        .map(|n| meta::name(n).to_string())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scheduler::NodeVerdict;
    use serde_json::json;

    fn node(name: &str) -> Value {
        json!({"metadata": {"name": name, "labels": {"kubernetes.io/hostname": name}},
               "status": {"allocatable": {"cpu": "2", "memory": "4Gi", "pods": "110"}}})
    }

    #[test]
    fn resources_and_selectors() {
        let big = json!({"spec": {"containers": [{"resources": {"requests": {"cpu": "3"}}}]}});
        assert_eq!(
            filter(&big, &node("a"), &NodeInfo::default()),
            Some(("NodeResourcesFit".into(), vec!["Insufficient cpu".into()]))
        );
        let picky = json!({"spec": {"nodeSelector": {"disk": "ssd"}, "containers": []}});
        assert_eq!(
            filter(&picky, &node("a"), &NodeInfo::default()).unwrap().0,
            "NodeAffinity"
        );
        let plain = json!({"spec": {"containers": [{}]}});
        assert_eq!(filter(&plain, &node("a"), &NodeInfo::default()), None);
    }

    #[test]
    fn taints_unless_tolerated() {
        let mut n = node("cp");
        n["spec"] = json!({"taints": [{"key": "node-role.kubernetes.io/control-plane", "effect": "NoSchedule"}]});
        let pod = json!({"spec": {"containers": []}});
        assert_eq!(
            filter(&pod, &n, &NodeInfo::default()).unwrap().1,
            vec![
                "node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }"
                    .to_string()
            ]
        );
        let tolerant = json!({"spec": {"tolerations": [{"key": "node-role.kubernetes.io/control-plane", "operator": "Exists", "effect": "NoSchedule"}]}});
        assert_eq!(filter(&tolerant, &n, &NodeInfo::default()), None);
    }

    #[test]
    fn fit_error_text() {
        let v = |node: &str, plugin: &str, reason: &str| NodeVerdict {
            node: node.into(),
            rejected_by: Some((plugin.into(), vec![reason.into()])),
            score: 0,
        };
        assert_eq!(
            fit_error(&[v("a", "NodeResourcesFit", "Insufficient memory"), v("b", "TaintToleration", "node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }")]),
            "0/2 nodes are available: 1 Insufficient memory, 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }. preemption: 0/2 nodes are available: 1 No preemption victims found for incoming pod, 1 Preemption is not helpful for scheduling."
        );
        assert_eq!(fit_error(&[]), "no nodes available to schedule pods");
    }
}
