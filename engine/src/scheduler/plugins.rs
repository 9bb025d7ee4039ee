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
    /// Requests in milli-units by resource (cpu, memory, ephemeral-storage,
    /// extended resources).
    pub requested: BTreeMap<String, i128>,
    /// cpu and memory requests with the scheduler's defaults (100m, 200Mi)
    /// for containers that set none: what LeastAllocated scores.
    pub non_zero: [i128; 2],
    pub host_ports: Vec<(i64, String)>,
}

const RESOURCES: [&str; 3] = ["cpu", "memory", "ephemeral-storage"];
/// schedutil.DefaultMilliCPURequest and DefaultMemoryRequest, in milli-units.
const DEFAULT_NON_ZERO: [i128; 2] = [100, 200 * 1024 * 1024 * 1000];

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
        for (r, q) in all_requests(pod) {
            *self.requested.entry(r).or_default() += q;
        }
        let nz = non_zero_requests(pod);
        self.non_zero[0] += nz[0];
        self.non_zero[1] += nz[1];
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

/// Every resource a pod requests (containers summed, init containers at their max).
pub fn all_requests(pod: &Value) -> BTreeMap<String, i128> {
    let mut names: Vec<String> = vec![];
    for field in ["containers", "initContainers"] {
        for c in meta::at(pod, &["spec", field])
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            if let Some(m) = meta::at(c, &["resources", "requests"]).and_then(Value::as_object) {
                names.extend(m.keys().cloned());
            }
        }
    }
    names
        .into_iter()
        .map(|n| {
            let q = requests(pod, &n);
            (n, q)
        })
        .collect()
}

/// cpu and memory requests where a container without one counts the defaults.
fn non_zero_requests(pod: &Value) -> [i128; 2] {
    let per = |field: &str, i: usize, r: &str| -> Vec<i128> {
        meta::at(pod, &["spec", field])
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .map(|c| {
                meta::str_at(c, &["resources", "requests", r])
                    .and_then(milli)
                    .unwrap_or(DEFAULT_NON_ZERO[i])
            })
            .collect()
    };
    let mut out = [0; 2];
    for (i, r) in ["cpu", "memory"].into_iter().enumerate() {
        let regular: i128 = per("containers", i, r).iter().sum();
        let init = per("initContainers", i, r).into_iter().max().unwrap_or(0);
        out[i] = regular.max(init);
    }
    out
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
    let wanted = all_requests(pod);
    // cpu, memory, ephemeral-storage first, then the scalar (extended) resources.
    let scalar = wanted
        .keys()
        .filter(|r| !RESOURCES.contains(&r.as_str()) && r.as_str() != "pods");
    for r in RESOURCES.iter().copied().chain(scalar.map(String::as_str)) {
        let want = wanted.get(r).copied().unwrap_or(0);
        if want == 0 {
            continue;
        }
        if info.used(r) + want > allocatable(node, r) {
            reasons.push(format!("Insufficient {r}"));
        }
    }
    (!reasons.is_empty()).then_some(reasons)
}

/// The PreFilter of VolumeRestrictions and VolumeBinding: a claim that is
/// missing, lost or unbound in Immediate mode rejects the pod on every node
/// (UnschedulableAndUnresolvable). `pvcs` by (namespace, name); `modes` is
/// each StorageClass's volumeBindingMode.
pub fn volume_prefilter(
    pod: &Value,
    pvcs: &BTreeMap<(String, String), Arc<Value>>,
    modes: &BTreeMap<String, String>,
) -> Option<(String, String)> {
    let ns = meta::namespace(pod);
    let mut unbound_immediate = false;
    for vol in meta::at(pod, &["spec", "volumes"])
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let (claim, ephemeral) = match (
            meta::str_at(vol, &["persistentVolumeClaim", "claimName"]),
            vol.get("ephemeral"),
        ) {
            (Some(c), _) => (c.to_string(), false),
            (None, Some(_)) => (
                format!(
                    "{}-{}",
                    meta::name(pod),
                    vol.get("name").and_then(Value::as_str).unwrap_or("")
                ),
                true,
            ),
            _ => continue,
        };
        let Some(pvc) = pvcs.get(&(ns.to_string(), claim.clone())) else {
            return Some(if ephemeral {
                ("VolumeBinding".into(), format!("waiting for ephemeral volume controller to create the persistentvolumeclaim \"{claim}\""))
            } else {
                (
                    "VolumeRestrictions".into(),
                    format!("persistentvolumeclaim \"{claim}\" not found"),
                )
            });
        };
        let volume = meta::str_at(pvc, &["spec", "volumeName"]).unwrap_or("");
        if meta::str_at(pvc, &["status", "phase"]) == Some("Lost") {
            return Some((
                "VolumeBinding".into(),
                format!("persistentvolumeclaim \"{claim}\" bound to non-existent persistentvolume \"{volume}\""),
            ));
        }
        if meta::at(pvc, &["metadata", "deletionTimestamp"]).is_some() {
            return Some((
                "VolumeBinding".into(),
                format!("persistentvolumeclaim \"{claim}\" is being deleted"),
            ));
        }
        if volume.is_empty() {
            let class = meta::str_at(pvc, &["spec", "storageClassName"]);
            let delayed = class
                .and_then(|c| modes.get(c))
                .is_some_and(|m| m == "WaitForFirstConsumer");
            unbound_immediate |= !delayed;
        }
    }
    unbound_immediate.then(|| {
        (
            "VolumeBinding".into(),
            "pod has unbound immediate PersistentVolumeClaims".into(),
        )
    })
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

/// The score plugins of the default profile with their weights
/// (default_plugins.go), in the order their scores are listed.
pub const SCORE_PLUGINS: [(&str, i64); 5] = [
    ("TaintToleration", 3),
    ("NodeAffinity", 2),
    ("NodeResourcesFit", 1),
    ("NodeResourcesBalancedAllocation", 1),
    ("ImageLocality", 1),
];

/// NodeResourcesFit's LeastAllocated score (0-100): cpu and memory with
/// the non-zero defaults, weight 1 each.
pub fn least_allocated(pod: &Value, node: &Value, info: &NodeInfo) -> i64 {
    let pod_nz = non_zero_requests(pod);
    let (mut total, mut weights) = (0, 0);
    for (i, r) in ["cpu", "memory"].into_iter().enumerate() {
        let cap = allocatable(node, r);
        if cap <= 0 {
            continue;
        }
        let used = info.non_zero[i] + pod_nz[i];
        total += if used > cap {
            0
        } else {
            ((cap - used) * 100 / cap) as i64
        };
        weights += 1;
    }
    if weights == 0 {
        0
    } else {
        total / weights
    }
}

/// NodeResourcesBalancedAllocation (0-100): how evenly cpu and memory would be
/// used, from actual requests; None (skipped) for a best-effort pod.
pub fn balanced_allocation(pod: &Value, node: &Value, info: &NodeInfo) -> Option<i64> {
    let want = [requests(pod, "cpu"), requests(pod, "memory")];
    if want == [0, 0] {
        return None;
    }
    let mut fractions = vec![];
    for (i, r) in ["cpu", "memory"].into_iter().enumerate() {
        let cap = allocatable(node, r);
        if cap == 0 {
            continue;
        }
        let f = (info.used(r) + want[i]) as f64 / cap as f64;
        fractions.push(f.min(1.0));
    }
    let std = if fractions.len() == 2 {
        ((fractions[0] - fractions[1]) / 2.0).abs()
    } else {
        0.0
    };
    Some(((1.0 - std) * 100.0) as i64)
}

/// TaintToleration's raw score: PreferNoSchedule taints the pod does not tolerate.
pub fn intolerable_prefer_no_schedule(pod: &Value, node: &Value) -> i64 {
    meta::at(node, &["spec", "taints"])
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter(|t| {
            let s = |f: &str| t.get(f).and_then(Value::as_str).unwrap_or("");
            s("effect") == "PreferNoSchedule"
                && !tolerates(pod, s("key"), s("value"), "PreferNoSchedule")
        })
        .count() as i64
}

/// NodeAffinity's raw score: the weights of the preferred terms the node
/// matches; None (skipped) when the pod prefers nothing.
pub fn preferred_node_affinity(pod: &Value, node: &Value) -> Option<i64> {
    let terms = meta::at(
        pod,
        &[
            "spec",
            "affinity",
            "nodeAffinity",
            "preferredDuringSchedulingIgnoredDuringExecution",
        ],
    )
    .and_then(Value::as_array)
    .filter(|t| !t.is_empty())?;
    let labels: BTreeMap<&str, &str> = meta::labels(node).into_iter().collect();
    let name = meta::name(node);
    Some(
        terms
            .iter()
            .filter(|t| {
                let pref = t.get("preference").cloned().unwrap_or(Value::Null);
                let exprs = pref.get("matchExpressions").and_then(Value::as_array);
                let fields = pref.get("matchFields").and_then(Value::as_array);
                if exprs.is_none_or(|e| e.is_empty()) && fields.is_none_or(|f| f.is_empty()) {
                    return false;
                }
                let names = BTreeMap::from([("metadata.name", name)]);
                exprs.is_none_or(|es| es.iter().all(|e| expression_matches(e, &labels)))
                    && fields.is_none_or(|es| es.iter().all(|e| expression_matches(e, &names)))
            })
            .map(|t| t.get("weight").and_then(Value::as_i64).unwrap_or(0))
            .sum(),
    )
}

/// The image names a reference may be listed under in node.status.images.
fn normalized_image(image: &str) -> String {
    let tagged = image.rfind(':').map(|i| i as i64).unwrap_or(-1)
        > image.rfind('/').map(|i| i as i64).unwrap_or(-1);
    let image = if tagged || image.contains('@') {
        image.to_string()
    } else {
        format!("{image}:latest")
    };
    let first = image.split('/').next().unwrap_or("");
    let has_registry =
        image.contains('/') && (first.contains('.') || first.contains(':') || first == "localhost");
    if has_registry {
        image
    } else if image.contains('/') {
        format!("docker.io/{image}")
    } else {
        format!("docker.io/library/{image}")
    }
}

/// Size of each image on each node (node.status.images), by normalized name.
pub fn node_images(nodes: &[Arc<Value>]) -> BTreeMap<String, BTreeMap<String, i64>> {
    let mut out: BTreeMap<String, BTreeMap<String, i64>> = BTreeMap::new();
    for n in nodes {
        let m = out.entry(meta::name(n).to_string()).or_default();
        for img in meta::at(n, &["status", "images"])
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let size = img.get("sizeBytes").and_then(Value::as_i64).unwrap_or(0);
            for name in img
                .get("names")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
            {
                m.insert(normalized_image(name), size);
            }
        }
    }
    out
}

/// ImageLocality (0-100): the sizes of the pod's images already on the node,
/// scaled by how widely spread each image is, between 23MB and 1000MB a container.
pub fn image_locality(
    pod: &Value,
    node: &str,
    images: &BTreeMap<String, BTreeMap<String, i64>>,
) -> i64 {
    const MB: i64 = 1024 * 1024;
    let containers: Vec<&Value> = ["initContainers", "containers"]
        .iter()
        .flat_map(|f| {
            meta::at(pod, &["spec", f])
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
        })
        .collect();
    let total_nodes = images.len().max(1) as i64;
    let on_node = images.get(node);
    let mut sum = 0i64;
    for c in &containers {
        let Some(image) = c.get("image").and_then(Value::as_str) else {
            continue;
        };
        let name = normalized_image(image);
        if let Some(size) = on_node.and_then(|m| m.get(&name)) {
            let spread = images.values().filter(|m| m.contains_key(&name)).count() as i64;
            sum += (*size as f64 * (spread as f64 / total_nodes as f64)) as i64;
        }
    }
    let (min, max) = (23 * MB, 1000 * MB * containers.len().max(1) as i64);
    let sum = sum.clamp(min, max);
    100 * (sum - min) / (max - min)
}

/// DefaultNormalizeScore: scale to 0-100 by the highest; `reverse` for
/// plugins where fewer is better.
pub fn normalize(scores: &mut [i64], reverse: bool) {
    let max = scores.iter().copied().max().unwrap_or(0);
    for s in scores.iter_mut() {
        *s = if max == 0 {
            if reverse {
                100
            } else {
                0
            }
        } else {
            let v = 100 * *s / max;
            if reverse {
                100 - v
            } else {
                v
            }
        };
    }
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

/// FitError.Error() of v1.33, with the DefaultPreemption suffix; a
/// PreFilter rejection is printed once, not per node.
pub fn fit_error(verdicts: &[super::NodeVerdict], prefilter: Option<&str>) -> String {
    if verdicts.is_empty() {
        return "no nodes available to schedule pods".into();
    }
    let n = verdicts.len();
    if let Some(msg) = prefilter {
        return format!(
            "0/{n} nodes are available: {msg}. preemption: 0/{n} nodes are available: {n} Preemption is not helpful for scheduling."
        );
    }
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
            scores: vec![],
        };
        assert_eq!(
            fit_error(&[v("a", "NodeResourcesFit", "Insufficient memory"), v("b", "TaintToleration", "node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }")], None),
            "0/2 nodes are available: 1 Insufficient memory, 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }. preemption: 0/2 nodes are available: 1 No preemption victims found for incoming pod, 1 Preemption is not helpful for scheduling."
        );
        assert_eq!(fit_error(&[], None), "no nodes available to schedule pods");
        let unbound = "pod has unbound immediate PersistentVolumeClaims";
        assert_eq!(
            fit_error(&[v("a", "VolumeBinding", unbound)], Some(unbound)),
            "0/1 nodes are available: pod has unbound immediate PersistentVolumeClaims. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling."
        );
    }

    #[test]
    fn extended_resources_after_the_native_ones() {
        let mut n = node("a");
        n["status"]["allocatable"]["example.com/gpu"] = json!("1");
        let pod = json!({"spec": {"containers": [{"resources": {"requests": {
            "cpu": "3", "example.com/gpu": "2", "example.com/fpga": "1"}}}]}});
        assert_eq!(
            filter(&pod, &n, &NodeInfo::default()).unwrap().1,
            vec![
                "Insufficient cpu",
                "Insufficient example.com/fpga",
                "Insufficient example.com/gpu"
            ]
        );
    }

    #[test]
    fn resource_scores() {
        let n = node("a");
        let mut info = NodeInfo::default();
        info.add(&json!({"spec": {"containers": [{"resources": {"requests": {"cpu": "1", "memory": "1Gi"}}}]}}));
        let pod = json!({"spec": {"containers": [{"resources": {"requests": {"cpu": "500m", "memory": "1Gi"}}}]}});
        // cpu (2000-1500)*100/2000 = 25, memory (4-2)*100/4 = 50.
        assert_eq!(least_allocated(&pod, &n, &info), 37);
        // fractions 0.75 and 0.5: std 0.125.
        assert_eq!(balanced_allocation(&pod, &n, &info), Some(87));
        let best_effort = json!({"spec": {"containers": [{}]}});
        assert_eq!(balanced_allocation(&best_effort, &n, &info), None);
        // A container without requests counts 100m and 200Mi.
        assert_eq!(
            least_allocated(&best_effort, &n, &NodeInfo::default()),
            (95 + 95) / 2
        );
    }

    #[test]
    fn taint_and_affinity_preferences() {
        let mut n = node("a");
        n["metadata"]["labels"]["disk"] = json!("ssd");
        n["spec"] = json!({"taints": [{"key": "k", "effect": "PreferNoSchedule"}]});
        let pod = json!({"spec": {"affinity": {"nodeAffinity": {"preferredDuringSchedulingIgnoredDuringExecution": [
            {"weight": 5, "preference": {"matchExpressions": [{"key": "disk", "operator": "In", "values": ["ssd"]}]}},
            {"weight": 7, "preference": {"matchExpressions": [{"key": "disk", "operator": "In", "values": ["hdd"]}]}}]}}}});
        assert_eq!(preferred_node_affinity(&pod, &n), Some(5));
        assert_eq!(preferred_node_affinity(&json!({}), &n), None);
        assert_eq!(intolerable_prefer_no_schedule(&pod, &n), 1);
        let mut scores = [1, 0, 2];
        normalize(&mut scores, true);
        assert_eq!(scores, [50, 100, 0]);
        let mut none = [0, 0];
        normalize(&mut none, true);
        assert_eq!(none, [100, 100]);
    }

    #[test]
    fn image_locality_counts_spread() {
        const MB: i64 = 1024 * 1024;
        let images = BTreeMap::from([
            (
                "a".to_string(),
                BTreeMap::from([(normalized_image("nginx"), 500 * MB)]),
            ),
            ("b".to_string(), BTreeMap::new()),
        ]);
        let pod = json!({"spec": {"containers": [{"image": "docker.io/library/nginx:latest"}]}});
        // 500MB on half the nodes scales to 250MB: (250-23)*100/(1000-23).
        assert_eq!(image_locality(&pod, "a", &images), 23);
        assert_eq!(image_locality(&pod, "b", &images), 0);
    }

    #[test]
    fn claims_before_filters() {
        let pvcs = BTreeMap::from([
            (
                ("d".to_string(), "fast".to_string()),
                Arc::new(json!({"spec": {"storageClassName": "fast"}})),
            ),
            (
                ("d".to_string(), "later".to_string()),
                Arc::new(json!({"spec": {"storageClassName": "wffc"}})),
            ),
        ]);
        let modes = BTreeMap::from([
            ("fast".to_string(), "Immediate".to_string()),
            ("wffc".to_string(), "WaitForFirstConsumer".to_string()),
        ]);
        let pod = |claim: &str| {
            json!({"metadata": {"namespace": "d", "name": "p"},
            "spec": {"volumes": [{"name": "v", "persistentVolumeClaim": {"claimName": claim}}]}})
        };
        assert_eq!(
            volume_prefilter(&pod("fast"), &pvcs, &modes).unwrap().1,
            "pod has unbound immediate PersistentVolumeClaims"
        );
        assert_eq!(volume_prefilter(&pod("later"), &pvcs, &modes), None);
        assert_eq!(
            volume_prefilter(&pod("gone"), &pvcs, &modes).unwrap().1,
            "persistentvolumeclaim \"gone\" not found"
        );
    }
}
