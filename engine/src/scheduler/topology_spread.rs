//! PodTopologySpread (plugins/podtopologyspread): a pod's
//! topologySpreadConstraints — DoNotSchedule ones filter, ScheduleAnyway ones
//! score — and, for a pod without any, the system defaults (hostname maxSkew
//! 3 and zone maxSkew 5, ScheduleAnyway) over the selectors of the Services,
//! ReplicationController, ReplicaSet or StatefulSet that select it.

use super::facts::{LabelSelector, Labels, NodeView, PodFacts};
use super::plugins::{self, NodeInfo};
use crate::api::meta;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

pub const NOT_MATCH: &str = "node(s) didn't match pod topology spread constraints";
pub const MISSING_LABEL: &str =
    "node(s) didn't match pod topology spread constraints (missing required label)";

const HOSTNAME: &str = "kubernetes.io/hostname";
const ZONE: &str = "topology.kubernetes.io/zone";

#[derive(Clone, Debug)]
pub struct Constraint {
    max_skew: i64,
    topology_key: String,
    selector: LabelSelector,
    min_domains: i64,
    honor_affinity: bool,
    honor_taints: bool,
}

impl Constraint {
    /// nodeAffinityPolicy (default Honor) and nodeTaintsPolicy (default Ignore).
    fn includes(&self, pod: &PodFacts, node: &NodeView) -> bool {
        (!self.honor_affinity
            || !pod.node_constrained
            || plugins::node_affinity(&pod.value, &node.value).is_none())
            && (!self.honor_taints
                || node.taints.is_empty()
                || plugins::taint_toleration(&pod.value, &node.value).is_none())
    }
}

/// The Services and controllers whose selectors make the default
/// constraints' selector (helper.DefaultSelector), listed once per pass.
#[derive(Default)]
pub struct Owners {
    /// (namespace, spec.selector) of every Service with a selector.
    pub services: Vec<(String, Labels)>,
    /// (kind, namespace, name) → the controller's selector.
    pub controllers: BTreeMap<(String, String, String), LabelSelector>,
}

impl Owners {
    pub fn add_service(&mut self, svc: &Value) {
        if let Some(sel) = meta::at(svc, &["spec", "selector"]).filter(|v| v.is_object()) {
            let set = meta::string_map(Some(sel))
                .into_iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect();
            self.services.push((meta::namespace(svc).to_string(), set));
        }
    }

    pub fn add_controller(&mut self, kind: &str, obj: &Value) {
        let sel = meta::at(obj, &["spec", "selector"]);
        let selector = if kind == "ReplicationController" {
            let set: Labels = meta::string_map(sel)
                .into_iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect();
            Some(LabelSelector::from_set(&set))
        } else {
            LabelSelector::parse(sel)
        };
        if let Some(s) = selector {
            let key = (
                kind.to_string(),
                meta::namespace(obj).to_string(),
                meta::name(obj).to_string(),
            );
            self.controllers.insert(key, s);
        }
    }

    /// DefaultSelector: the Services' selectors merged, and the owning
    /// controller's.
    fn default_selector(&self, pod: &PodFacts) -> LabelSelector {
        let mut set = Labels::new();
        for (ns, sel) in &self.services {
            if *ns == pod.namespace && LabelSelector::from_set(sel).matches(&pod.labels) {
                set.extend(sel.iter().map(|(k, v)| (k.clone(), v.clone())));
            }
        }
        let owner = meta::at(&pod.value, &["metadata", "ownerReferences"])
            .and_then(Value::as_array)
            .and_then(|refs| refs.iter().find(|r| r["controller"] == true));
        let Some(owner) = owner else {
            return LabelSelector::from_set(&set);
        };
        let kind = owner["kind"].as_str().unwrap_or("");
        let api_version = owner["apiVersion"].as_str().unwrap_or("");
        let known = matches!(
            (api_version, kind),
            ("v1", "ReplicationController") | ("apps/v1", "ReplicaSet" | "StatefulSet")
        );
        let key = (
            kind.to_string(),
            pod.namespace.clone(),
            owner["name"].as_str().unwrap_or("").to_string(),
        );
        match self.controllers.get(&key).filter(|_| known) {
            Some(sel) => LabelSelector::from_set(&set).and(sel),
            None => LabelSelector::from_set(&set),
        }
    }
}

/// The pod's constraints with `when` (DoNotSchedule or ScheduleAnyway), or
/// the system defaults when it has none.
fn constraints(pod: &PodFacts, when: &str, owners: &Owners) -> Vec<Constraint> {
    let own = meta::at(&pod.value, &["spec", "topologySpreadConstraints"])
        .and_then(Value::as_array)
        .filter(|c| !c.is_empty());
    let Some(own) = own else {
        if when != "ScheduleAnyway" {
            return vec![];
        }
        let selector = owners.default_selector(pod);
        if selector.is_empty() {
            return vec![];
        }
        return [(HOSTNAME, 3), (ZONE, 5)]
            .into_iter()
            .map(|(key, skew)| Constraint {
                max_skew: skew,
                topology_key: key.into(),
                selector: selector.clone(),
                min_domains: 1,
                honor_affinity: true,
                honor_taints: false,
            })
            .collect();
    };
    own.iter()
        .filter(|c| c["whenUnsatisfiable"] == when)
        .map(|c| {
            // A nil selector matches nothing (labels.Nothing()).
            let mut selector = LabelSelector::parse(c.get("labelSelector"));
            if let Some(sel) = selector.as_mut() {
                let mut set = Labels::new();
                for key in c["matchLabelKeys"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(Value::as_str)
                {
                    if let Some(v) = pod.labels.get(key) {
                        set.insert(key.to_string(), v.clone());
                    }
                }
                if !set.is_empty() {
                    *sel = LabelSelector::from_set(&set).and(sel);
                }
            }
            Constraint {
                max_skew: c["maxSkew"].as_i64().unwrap_or(1),
                topology_key: c["topologyKey"].as_str().unwrap_or("").to_string(),
                selector: selector.unwrap_or_else(nothing),
                min_domains: c["minDomains"].as_i64().unwrap_or(1),
                honor_affinity: c["nodeAffinityPolicy"].as_str() != Some("Ignore"),
                honor_taints: c["nodeTaintsPolicy"].as_str() == Some("Honor"),
            }
        })
        .collect()
}

/// A selector no labels satisfy.
fn nothing() -> LabelSelector {
    let mut s = LabelSelector::default();
    s.require("", "", true);
    s.require("", "", false);
    s
}

fn has_all_keys(node: &NodeView, cs: &[Constraint]) -> bool {
    cs.iter().all(|c| node.labels.contains_key(&c.topology_key))
}

/// countPodsMatchSelector: live pods of the namespace the selector matches.
fn count(info: &NodeInfo, selector: &LabelSelector, ns: &str) -> i64 {
    if selector.is_empty() {
        return 0;
    }
    info.pods
        .iter()
        .filter(|p| !p.terminating && p.namespace == ns && selector.matches(&p.labels))
        .count() as i64
}

/// What PreFilter computed: matching pods per topology value, per constraint.
#[derive(Clone, Debug)]
pub struct PreFilter {
    pod: Arc<PodFacts>,
    constraints: Vec<Constraint>,
    counts: Vec<BTreeMap<String, i64>>,
}

impl PreFilter {
    /// None when the pod has no DoNotSchedule constraint.
    pub fn new(
        pod: &Arc<PodFacts>,
        nodes: &[NodeView],
        infos: &[NodeInfo],
        owners: &Owners,
    ) -> Option<PreFilter> {
        let cs = constraints(pod, "DoNotSchedule", owners);
        if cs.is_empty() {
            return None;
        }
        let mut counts = vec![BTreeMap::new(); cs.len()];
        for (node, info) in nodes.iter().zip(infos) {
            if !has_all_keys(node, &cs) {
                continue;
            }
            for (i, c) in cs.iter().enumerate() {
                if c.includes(pod, node) {
                    *counts[i]
                        .entry(node.labels[&c.topology_key].clone())
                        .or_default() += count(info, &c.selector, &pod.namespace);
                }
            }
        }
        Some(PreFilter {
            pod: pod.clone(),
            constraints: cs,
            counts,
        })
    }

    /// Counts (`by` = 1) or uncounts (-1) an existing pod on `node`.
    pub fn update_with_pod(&mut self, existing: &PodFacts, node: &NodeView, by: i64) {
        if existing.namespace != self.pod.namespace || !has_all_keys(node, &self.constraints) {
            return;
        }
        for (i, c) in self.constraints.iter().enumerate() {
            if c.selector.matches(&existing.labels) && c.includes(&self.pod, node) {
                *self.counts[i]
                    .entry(node.labels[&c.topology_key].clone())
                    .or_default() += by;
            }
        }
    }

    pub fn filter(&self, pod: &PodFacts, node: &NodeView) -> Option<String> {
        for (i, c) in self.constraints.iter().enumerate() {
            let Some(value) = node.labels.get(&c.topology_key) else {
                return Some(MISSING_LABEL.into());
            };
            let mut min = self.counts[i]
                .values()
                .copied()
                .min()
                .unwrap_or(i32::MAX as i64);
            if (self.counts[i].len() as i64) < c.min_domains {
                min = 0;
            }
            let own = i64::from(c.selector.matches(&pod.labels));
            let here = self.counts[i].get(value).copied().unwrap_or(0);
            if here + own - min > c.max_skew {
                return Some(NOT_MATCH.into());
            }
        }
        None
    }
}

/// What PreScore computed for the ScheduleAnyway constraints.
pub struct PreScore {
    constraints: Vec<Constraint>,
    ignored: BTreeSet<String>,
    counts: Vec<BTreeMap<String, i64>>,
    weights: Vec<f64>,
}

impl PreScore {
    /// None when the plugin skips (no soft constraints). `feasible` are the
    /// indexes of the nodes that passed the filters.
    pub fn new(
        pod: &PodFacts,
        nodes: &[NodeView],
        infos: &[NodeInfo],
        feasible: &[usize],
        owners: &Owners,
    ) -> Option<PreScore> {
        let cs = constraints(pod, "ScheduleAnyway", owners);
        if cs.is_empty() || nodes.is_empty() {
            return None;
        }
        let own = meta::at(&pod.value, &["spec", "topologySpreadConstraints"])
            .and_then(Value::as_array)
            .is_some_and(|c| !c.is_empty());
        // Only the pod's own constraints need every topology label, so that
        // nodes without a zone still spread by hostname.
        let require_all = own;
        let mut ignored = BTreeSet::new();
        let mut counts: Vec<BTreeMap<String, i64>> = vec![BTreeMap::new(); cs.len()];
        for &i in feasible {
            let node = &nodes[i];
            if require_all && !has_all_keys(node, &cs) {
                ignored.insert(node.name.clone());
                continue;
            }
            for (j, c) in cs.iter().enumerate() {
                if c.topology_key != HOSTNAME {
                    let value = node
                        .labels
                        .get(&c.topology_key)
                        .cloned()
                        .unwrap_or_default();
                    counts[j].entry(value).or_default();
                }
            }
        }
        let weights = cs
            .iter()
            .enumerate()
            .map(|(j, c)| {
                let size = if c.topology_key == HOSTNAME {
                    feasible.len() - ignored.len()
                } else {
                    counts[j].len()
                };
                ((size + 2) as f64).ln()
            })
            .collect();
        for (node, info) in nodes.iter().zip(infos) {
            if require_all && !has_all_keys(node, &cs) {
                continue;
            }
            for (j, c) in cs.iter().enumerate() {
                if !c.includes(pod, node) {
                    continue;
                }
                let value = node
                    .labels
                    .get(&c.topology_key)
                    .cloned()
                    .unwrap_or_default();
                if let Some(n) = counts[j].get_mut(&value) {
                    *n += count(info, &c.selector, &pod.namespace);
                }
            }
        }
        Some(PreScore {
            constraints: cs,
            ignored,
            counts,
            weights,
        })
    }

    pub fn score(&self, pod: &PodFacts, node: &NodeView, info: &NodeInfo) -> i64 {
        if self.ignored.contains(&node.name) {
            return 0;
        }
        let mut score = 0.0;
        for (j, c) in self.constraints.iter().enumerate() {
            let Some(value) = node.labels.get(&c.topology_key) else {
                continue;
            };
            let cnt = if c.topology_key == HOSTNAME {
                count(info, &c.selector, &pod.namespace)
            } else {
                self.counts[j].get(value).copied().unwrap_or(0)
            };
            score += cnt as f64 * self.weights[j] + (c.max_skew - 1) as f64;
        }
        score.round() as i64
    }

    /// NormalizeScore: fewer matching pods score higher; ignored nodes 0.
    pub fn normalize(&self, names: &[&str], scores: &mut [i64]) {
        let counted = |i: &usize| !self.ignored.contains(names[*i]);
        let idx: Vec<usize> = (0..scores.len()).filter(counted).collect();
        let min = idx.iter().map(|i| scores[*i]).min().unwrap_or(i64::MAX);
        let max = idx.iter().map(|i| scores[*i]).max().unwrap_or(0).max(0);
        for (i, s) in scores.iter_mut().enumerate() {
            *s = if self.ignored.contains(names[i]) {
                0
            } else if max == 0 {
                100
            } else {
                100 * (max + min - *s) / max
            };
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn node(name: &str, zone: Option<&str>) -> NodeView {
        let mut labels = json!({"kubernetes.io/hostname": name});
        if let Some(z) = zone {
            labels[ZONE] = json!(z);
        }
        NodeView::new(Arc::new(
            json!({"metadata": {"name": name, "labels": labels}}),
        ))
    }

    fn pod(name: &str, spec: Value) -> Arc<PodFacts> {
        let mut spec = spec;
        spec["containers"] = json!([{}]);
        Arc::new(PodFacts::new(Arc::new(json!({
            "metadata": {"name": name, "namespace": "default", "uid": name, "labels": {"app": "web"}},
            "spec": spec}))))
    }

    fn spread(key: &str, when: &str, extra: Value) -> Value {
        let mut c = json!({"maxSkew": 1, "topologyKey": key, "whenUnsatisfiable": when,
                           "labelSelector": {"matchLabels": {"app": "web"}}});
        for (k, v) in extra.as_object().into_iter().flatten() {
            c[k] = v.clone();
        }
        json!({"topologySpreadConstraints": [c]})
    }

    fn placed(nodes: &[NodeView], on: &[usize]) -> Vec<NodeInfo> {
        let mut out = vec![NodeInfo::default(); nodes.len()];
        for (k, i) in on.iter().enumerate() {
            out[*i].add(pod(&format!("p{k}"), json!({})));
        }
        out
    }

    #[test]
    fn max_skew_and_missing_label() {
        let nodes = [
            node("a", Some("z1")),
            node("b", Some("z2")),
            node("c", None),
        ];
        let infos = placed(&nodes, &[0]);
        let p = pod("new", spread(ZONE, "DoNotSchedule", json!({})));
        let s = PreFilter::new(&p, &nodes, &infos, &Owners::default()).unwrap();
        assert_eq!(s.filter(&p, &nodes[0]).as_deref(), Some(NOT_MATCH));
        assert_eq!(s.filter(&p, &nodes[1]), None);
        assert_eq!(s.filter(&p, &nodes[2]).as_deref(), Some(MISSING_LABEL));
    }

    #[test]
    fn min_domains_counts_missing_domains_as_zero() {
        let nodes = [node("a", Some("z1")), node("b", Some("z2"))];
        let infos = placed(&nodes, &[0, 1]);
        let p = pod(
            "new",
            spread(ZONE, "DoNotSchedule", json!({"minDomains": 3})),
        );
        let s = PreFilter::new(&p, &nodes, &infos, &Owners::default()).unwrap();
        // 1 + 1 - 0 > 1 everywhere: a third zone is missing.
        assert_eq!(s.filter(&p, &nodes[0]).as_deref(), Some(NOT_MATCH));
        assert_eq!(s.filter(&p, &nodes[1]).as_deref(), Some(NOT_MATCH));
    }

    #[test]
    fn node_affinity_policy_decides_which_domains_count() {
        let mut nodes = vec![node("a", Some("z1")), node("b", Some("z2"))];
        nodes[0] = NodeView::new(Arc::new(json!({"metadata": {"name": "a", "labels": {
            "kubernetes.io/hostname": "a", ZONE: "z1", "disk": "ssd"}}})));
        let infos = placed(&nodes, &[0]);
        let mut spec = spread(ZONE, "DoNotSchedule", json!({}));
        spec["nodeSelector"] = json!({"disk": "ssd"});
        let p = pod("new", spec.clone());
        // Honor: z2 does not count, so z1 is the minimum and may take another.
        let s = PreFilter::new(&p, &nodes, &infos, &Owners::default()).unwrap();
        assert_eq!(s.filter(&p, &nodes[0]), None);
        spec["topologySpreadConstraints"][0]["nodeAffinityPolicy"] = json!("Ignore");
        let p = pod("new", spec);
        let s = PreFilter::new(&p, &nodes, &infos, &Owners::default()).unwrap();
        assert_eq!(s.filter(&p, &nodes[0]).as_deref(), Some(NOT_MATCH));
    }

    #[test]
    fn soft_spreading_prefers_the_emptier_node() {
        let nodes = [node("a", None), node("b", None)];
        let infos = placed(&nodes, &[0, 0]);
        let p = pod("new", spread(HOSTNAME, "ScheduleAnyway", json!({})));
        let s = PreScore::new(&p, &nodes, &infos, &[0, 1], &Owners::default()).unwrap();
        let mut scores: Vec<i64> = (0..2).map(|i| s.score(&p, &nodes[i], &infos[i])).collect();
        // 2 pods × ln(4) + 0 rounds to 3.
        assert_eq!(scores, [3, 0]);
        s.normalize(&["a", "b"], &mut scores);
        assert_eq!(scores, [0, 100]);
    }

    #[test]
    fn system_defaults_follow_the_owner() {
        let mut owners = Owners::default();
        owners.add_controller(
            "ReplicaSet",
            &json!({"metadata": {"name": "web-1", "namespace": "default"},
                    "spec": {"selector": {"matchLabels": {"app": "web"}}}}),
        );
        let bare = pod("bare", json!({}));
        assert!(constraints(&bare, "ScheduleAnyway", &owners).is_empty());
        let owned = Arc::new(PodFacts::new(Arc::new(json!({
            "metadata": {"name": "o", "namespace": "default", "uid": "o", "labels": {"app": "web"},
                         "ownerReferences": [{"apiVersion": "apps/v1", "kind": "ReplicaSet",
                                              "name": "web-1", "controller": true}]},
            "spec": {"containers": [{}]}}))));
        let cs = constraints(&owned, "ScheduleAnyway", &owners);
        assert_eq!(cs.len(), 2);
        assert_eq!((cs[0].max_skew, cs[1].max_skew), (3, 5));
        assert!(constraints(&owned, "DoNotSchedule", &owners).is_empty());
    }
}
