//! The default filter and score plugins, in the framework's order, with the
//! reason texts the real ones give (EVENTS.md §3).

use super::facts::{normalized_image, NodeView, PodFacts};
use super::{interpod_affinity, topology_spread};
use crate::api::meta;
use serde_json::Value;
use std::collections::BTreeMap;
use std::sync::Arc;

/// The pods on a node and what they hold: the scheduler cache's NodeInfo,
/// built once per pass and updated as the pass binds pods, so that two pods
/// placed in one pass see each other.
#[derive(Clone, Debug, Default)]
pub struct NodeInfo {
    pub pods: Vec<Arc<PodFacts>>,
    /// Requests in milli-units by resource (cpu, memory, ephemeral-storage,
    /// extended resources).
    pub requested: BTreeMap<String, i128>,
    /// cpu, memory and ephemeral-storage of `requested`.
    pub native: [i128; 3],
    /// cpu and memory requests with the scheduler's defaults (100m, 200Mi)
    /// for containers that set none: what LeastAllocated scores.
    pub non_zero: [i128; 2],
    pub host_ports: Vec<(i64, String)>,
    /// How many of its pods have inter-pod (anti-)affinity, and required
    /// anti-affinity (HavePodsWithAffinityList and its required variant).
    pub with_affinity: usize,
    pub with_required_anti: usize,
}

const RESOURCES: [&str; 3] = ["cpu", "memory", "ephemeral-storage"];

impl NodeInfo {
    /// Counts `pod` on this node, unless it has finished (holds nothing).
    pub fn add(&mut self, pod: Arc<PodFacts>) {
        if matches!(
            meta::str_at(&pod.value, &["status", "phase"]),
            Some("Succeeded" | "Failed")
        ) {
            return;
        }
        self.account(&pod, 1);
        self.host_ports.extend(pod.host_ports.iter().cloned());
        self.pods.push(pod);
    }

    /// Takes `uid` off this node (a preemption victim in a dry run).
    pub fn remove(&mut self, uid: &str) -> Option<Arc<PodFacts>> {
        let i = self.pods.iter().position(|p| p.uid == uid)?;
        let pod = self.pods.remove(i);
        self.account(&pod, -1);
        for hp in &pod.host_ports {
            if let Some(j) = self.host_ports.iter().position(|h| h == hp) {
                self.host_ports.remove(j);
            }
        }
        Some(pod)
    }

    fn account(&mut self, pod: &PodFacts, sign: i128) {
        if pod.has_scalar {
            for (r, q) in &pod.requests {
                *self.requested.entry(r.clone()).or_default() += sign * q;
            }
        }
        for i in 0..3 {
            self.native[i] += sign * pod.native[i];
        }
        self.non_zero[0] += sign * pod.non_zero[0];
        self.non_zero[1] += sign * pod.non_zero[1];
        let sign = sign as isize;
        if pod.has_affinity() {
            self.with_affinity = self.with_affinity.saturating_add_signed(sign);
        }
        if pod.has_required_anti_affinity() {
            self.with_required_anti = self.with_required_anti.saturating_add_signed(sign);
        }
    }

    fn used(&self, resource: &str) -> i128 {
        match RESOURCES.iter().position(|r| *r == resource) {
            Some(i) => self.native[i],
            None => self.requested.get(resource).copied().unwrap_or(0),
        }
    }
}

pub(crate) fn tolerates(pod: &Value, key: &str, value: &str, effect: &str) -> bool {
    !matching_tolerations(pod, key, value, effect).is_empty()
}

/// The pod's tolerations that tolerate the taint (`Toleration.ToleratesTaint`).
pub(crate) fn matching_tolerations<'a>(
    pod: &'a Value,
    key: &str,
    value: &str,
    effect: &str,
) -> Vec<&'a Value> {
    let Some(ts) = meta::at(pod, &["spec", "tolerations"]).and_then(Value::as_array) else {
        return vec![];
    };
    ts.iter()
        .filter(|t| {
            let s = |f: &str| t.get(f).and_then(Value::as_str).unwrap_or("");
            let key_ok = s("key").is_empty() || s("key") == key;
            let effect_ok = s("effect").is_empty() || s("effect") == effect;
            let value_ok = match s("operator") {
                "Exists" => true,
                _ => s("value") == value,
            };
            key_ok && effect_ok && value_ok && (!s("key").is_empty() || s("operator") == "Exists")
        })
        .collect()
}

fn node_name(pod: &PodFacts, node: &NodeView) -> Option<Vec<String>> {
    let wanted = &pod.node_name;
    (!wanted.is_empty() && *wanted != node.name)
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

fn node_ports(pod: &PodFacts, info: &NodeInfo) -> Option<Vec<String>> {
    pod.host_ports
        .iter()
        .any(|w| info.host_ports.contains(w))
        .then(|| vec!["node(s) didn't have free ports for the requested pod ports".into()])
}

fn node_resources_fit(pod: &PodFacts, node: &NodeView, info: &NodeInfo) -> Option<Vec<String>> {
    let too_many = (info.pods.len() as i128 + 1) * 1000 > node.native[3];
    let short = |i: usize| pod.native[i] > 0 && info.native[i] + pod.native[i] > node.native[i];
    if !too_many && !pod.has_scalar && !(0..3).any(short) {
        return None;
    }
    let mut reasons = vec![];
    if too_many {
        reasons.push("Too many pods".to_string());
    }
    // cpu, memory, ephemeral-storage first, then the scalar (extended) resources.
    let scalar = pod
        .requests
        .keys()
        .filter(|r| !RESOURCES.contains(&r.as_str()) && r.as_str() != "pods");
    for r in RESOURCES.iter().copied().chain(scalar.map(String::as_str)) {
        let want = pod.request(r);
        if want == 0 {
            continue;
        }
        if info.used(r) + want > node.allocatable(r) {
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

/// What the PreFilters computed for one pod, read by the Filters.
#[derive(Clone, Debug, Default)]
pub struct CycleState {
    pub spread: Option<topology_spread::PreFilter>,
    pub affinity: Option<interpod_affinity::PreFilter>,
}

/// The first filter plugin that rejects the node, with its reasons, in the
/// default profile's order.
pub fn filter(
    pod: &PodFacts,
    node: &NodeView,
    info: &NodeInfo,
    state: &CycleState,
) -> Option<(String, Vec<String>)> {
    let reject = |plugin: &str, reasons: Vec<String>| Some((plugin.to_string(), reasons));
    if node.unschedulable
        && !tolerates(
            &pod.value,
            "node.kubernetes.io/unschedulable",
            "",
            "NoSchedule",
        )
    {
        return reject(
            "NodeUnschedulable",
            vec!["node(s) were unschedulable".into()],
        );
    }
    if let Some(r) = node_name(pod, node) {
        return reject("NodeName", r);
    }
    if !node.taints.is_empty() {
        if let Some(r) = taint_toleration(&pod.value, &node.value) {
            return reject("TaintToleration", r);
        }
    }
    if pod.node_constrained {
        if let Some(r) = node_affinity(&pod.value, &node.value) {
            return reject("NodeAffinity", r);
        }
    }
    if let Some(r) = node_ports(pod, info) {
        return reject("NodePorts", r);
    }
    if let Some(r) = node_resources_fit(pod, node, info) {
        return reject("NodeResourcesFit", r);
    }
    if let Some(r) = state.spread.as_ref().and_then(|s| s.filter(pod, node)) {
        return reject("PodTopologySpread", vec![r]);
    }
    if let Some(r) = state.affinity.as_ref().and_then(|s| s.filter(node)) {
        return reject("InterPodAffinity", vec![r]);
    }
    None
}

/// Whether a rejection is `Unschedulable` (preemption may resolve it)
/// rather than `UnschedulableAndUnresolvable`.
pub fn resolvable(plugin: &str, reasons: &[String]) -> bool {
    match plugin {
        "NodeResourcesFit" | "NodePorts" => true,
        "PodTopologySpread" => reasons.iter().all(|r| r == topology_spread::NOT_MATCH),
        "InterPodAffinity" => reasons
            .iter()
            .all(|r| r != interpod_affinity::AFFINITY_NOT_MATCH),
        _ => false,
    }
}

/// The score plugins of the default profile with their weights
/// (default_plugins.go), in the order their scores are listed.
pub const SCORE_PLUGINS: [(&str, i64); 7] = [
    ("TaintToleration", 3),
    ("NodeAffinity", 2),
    ("NodeResourcesFit", 1),
    ("PodTopologySpread", 2),
    ("InterPodAffinity", 2),
    ("NodeResourcesBalancedAllocation", 1),
    ("ImageLocality", 1),
];

/// NodeResourcesFit's LeastAllocated score (0-100): cpu and memory with
/// the non-zero defaults, weight 1 each.
pub fn least_allocated(pod: &PodFacts, node: &NodeView, info: &NodeInfo) -> i64 {
    let (mut total, mut weights) = (0, 0);
    for i in 0..2 {
        let cap = node.native[i];
        if cap <= 0 {
            continue;
        }
        let used = info.non_zero[i] + pod.non_zero[i];
        total += if used > cap {
            0
        } else {
            div((cap - used) * 100, cap) as i64
        };
        weights += 1;
    }
    if weights == 0 {
        0
    } else {
        total / weights
    }
}

/// `a / b` on i64 when both fit (the same quotient; i128 division is a
/// slow library call, made on every node for every pod).
fn div(a: i128, b: i128) -> i128 {
    match (i64::try_from(a), i64::try_from(b)) {
        (Ok(a), Ok(b)) if b > 0 => (a / b) as i128,
        _ => a / b,
    }
}

/// `v as f64` through i64 when it fits (the same value, without i128's
/// slow conversion).
fn float(v: i128) -> f64 {
    match i64::try_from(v) {
        // black_box: else the compiler proves both arms equal and keeps
        // only the slow one.
        Ok(v) => std::hint::black_box(v) as f64,
        Err(_) => v as f64,
    }
}

/// NodeResourcesBalancedAllocation (0-100): how evenly cpu and memory would be
/// used, from actual requests; None (skipped) for a best-effort pod.
pub fn balanced_allocation(pod: &PodFacts, node: &NodeView, info: &NodeInfo) -> Option<i64> {
    if pod.native[0] == 0 && pod.native[1] == 0 {
        return None;
    }
    let (mut fractions, mut n) = ([0.0f64; 2], 0);
    for i in 0..2 {
        let cap = node.native[i];
        if cap == 0 {
            continue;
        }
        let f = float(info.native[i] + pod.native[i]) / float(cap);
        fractions[n] = f.min(1.0);
        n += 1;
    }
    let std = if n == 2 {
        ((fractions[0] - fractions[1]) / 2.0).abs()
    } else {
        0.0
    };
    Some(((1.0 - std) * 100.0) as i64)
}

/// TaintToleration's raw score: PreferNoSchedule taints the pod does not tolerate.
pub fn intolerable_prefer_no_schedule(pod: &PodFacts, node: &NodeView) -> i64 {
    node.taints
        .iter()
        .filter(|t| {
            t.effect == "PreferNoSchedule"
                && !tolerates(&pod.value, &t.key, &t.value, "PreferNoSchedule")
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

/// The images on every node (node.status.images), by normalized name:
/// each node's sizes, and on how many nodes each image is.
#[derive(Default)]
pub struct Images {
    pub by_node: BTreeMap<String, BTreeMap<String, i64>>,
    pub spread: BTreeMap<String, i64>,
}

impl Images {
    pub fn of(nodes: &[NodeView]) -> Images {
        let mut out = Images::default();
        for n in nodes {
            let m = out.by_node.entry(n.name.clone()).or_default();
            for img in meta::at(&n.value, &["status", "images"])
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
            for name in m.keys() {
                *out.spread.entry(name.clone()).or_default() += 1;
            }
        }
        out
    }
}

/// ImageLocality (0-100): the sizes of the pod's images already on the node,
/// scaled by how widely spread each image is, between 23MB and 1000MB a container.
pub fn image_locality(pod: &PodFacts, node: &str, images: &Images) -> i64 {
    const MB: i64 = 1024 * 1024;
    let total_nodes = images.by_node.len().max(1) as i64;
    let on_node = images.by_node.get(node);
    let mut sum = 0i64;
    for name in &pod.images {
        if let Some(size) = on_node.and_then(|m| m.get(name)) {
            let spread = images.spread.get(name).copied().unwrap_or(0);
            sum += (*size as f64 * (spread as f64 / total_nodes as f64)) as i64;
        }
    }
    let (min, max) = (23 * MB, 1000 * MB * pod.images.len().max(1) as i64);
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

/// The FitError histogram: each distinct reason with its count, sorted as
/// whole strings.
pub fn histogram(reasons: impl Iterator<Item = String>) -> String {
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

/// FitError.Error() of v1.33: `0/N nodes are available: <reasons>.` and
/// the PostFilter's message if any; a PreFilter rejection is printed once,
/// not per node.
pub fn fit_error(
    verdicts: &[super::NodeVerdict],
    prefilter: Option<&str>,
    postfilter: Option<&str>,
) -> String {
    if verdicts.is_empty() {
        return "no nodes available to schedule pods".into();
    }
    let n = verdicts.len();
    let mut out = match prefilter {
        Some(msg) => format!("0/{n} nodes are available: {msg}."),
        None => format!(
            "0/{n} nodes are available: {}.",
            histogram(
                verdicts
                    .iter()
                    .flat_map(|v| v.rejected_by.iter().flat_map(|(_, r)| r.clone()))
            )
        ),
    };
    if let Some(post) = postfilter {
        out.push(' ');
        out.push_str(post);
    }
    out
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

    fn facts(pod: &Value) -> PodFacts {
        PodFacts::new(Arc::new(pod.clone()))
    }

    fn view(node: &Value) -> NodeView {
        NodeView::new(Arc::new(node.clone()))
    }

    fn filter(pod: &Value, node: &Value, info: &NodeInfo) -> Option<(String, Vec<String>)> {
        super::filter(&facts(pod), &view(node), info, &CycleState::default())
    }

    fn least_allocated(pod: &Value, node: &Value, info: &NodeInfo) -> i64 {
        super::least_allocated(&facts(pod), &view(node), info)
    }

    fn balanced_allocation(pod: &Value, node: &Value, info: &NodeInfo) -> Option<i64> {
        super::balanced_allocation(&facts(pod), &view(node), info)
    }

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
            scores: Default::default(),
        };
        assert_eq!(
            fit_error(&[v("a", "NodeResourcesFit", "Insufficient memory"), v("b", "TaintToleration", "node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }")], None,
                Some("preemption: 0/2 nodes are available: 1 No preemption victims found for incoming pod, 1 Preemption is not helpful for scheduling.")),
            "0/2 nodes are available: 1 Insufficient memory, 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }. preemption: 0/2 nodes are available: 1 No preemption victims found for incoming pod, 1 Preemption is not helpful for scheduling."
        );
        assert_eq!(
            fit_error(&[], None, None),
            "no nodes available to schedule pods"
        );
        let unbound = "pod has unbound immediate PersistentVolumeClaims";
        assert_eq!(
            fit_error(&[v("a", "VolumeBinding", unbound)], Some(unbound), None),
            "0/1 nodes are available: pod has unbound immediate PersistentVolumeClaims."
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
        info.add(Arc::new(facts(&json!({"spec": {"containers": [{"resources": {"requests": {"cpu": "1", "memory": "1Gi"}}}]}}))));
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
        assert_eq!(intolerable_prefer_no_schedule(&facts(&pod), &view(&n)), 1);
        let mut scores = [1, 0, 2];
        normalize(&mut scores, true);
        assert_eq!(scores, [50, 100, 0]);
        let mut none = [0, 0];
        normalize(&mut none, true);
        assert_eq!(none, [100, 100]);
    }

    #[test]
    fn image_locality_counts_spread() {
        let mut a = node("a");
        a["status"]["images"] = json!([{"names": ["nginx"], "sizeBytes": 500 * 1024 * 1024}]);
        let images = Images::of(&[view(&a), view(&node("b"))]);
        let pod =
            facts(&json!({"spec": {"containers": [{"image": "docker.io/library/nginx:latest"}]}}));
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
