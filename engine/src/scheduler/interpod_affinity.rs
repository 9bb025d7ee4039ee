//! InterPodAffinity (plugins/interpodaffinity): required pod affinity and
//! anti-affinity of the incoming pod, the existing pods' required
//! anti-affinity toward it (Filter), and the preferred terms of both sides
//! plus existing pods' required affinity at weight 1 (Score).

use super::facts::{Labels, NodeView, PodFacts};
use super::plugins::NodeInfo;
use std::collections::BTreeMap;
use std::sync::Arc;

pub const AFFINITY_NOT_MATCH: &str = "node(s) didn't match pod affinity rules";
pub const ANTI_NOT_MATCH: &str = "node(s) didn't match pod anti-affinity rules";
pub const EXISTING_ANTI_NOT_MATCH: &str =
    "node(s) didn't satisfy existing pods anti-affinity rules";

/// The default profile's hardPodAffinityWeight.
const HARD_POD_AFFINITY_WEIGHT: i64 = 1;

/// Matching pods by topology pair (key, value).
type Counts = BTreeMap<(String, String), i64>;

/// Namespace labels by namespace name.
pub type Namespaces = BTreeMap<String, Labels>;

fn bump(m: &mut Counts, node: &NodeView, key: &str, by: i64) {
    if let Some(v) = node.labels.get(key) {
        let pair = (key.to_string(), v.clone());
        let e = m.entry(pair.clone()).or_default();
        *e += by;
        if *e == 0 {
            m.remove(&pair);
        }
    }
}

/// What PreFilter computed for one incoming pod.
#[derive(Clone, Debug)]
pub struct PreFilter {
    pod: Arc<PodFacts>,
    ns_labels: Option<Labels>,
    existing_anti: Counts,
    affinity: Counts,
    anti: Counts,
    /// Whether the pod matches all its own required affinity terms.
    self_match: bool,
}

fn matches_all(terms: &[super::facts::AffinityTerm], pod: &PodFacts, nss: &Namespaces) -> bool {
    !terms.is_empty()
        && terms
            .iter()
            .all(|t| t.matches(&pod.namespace, &pod.labels, nss.get(&pod.namespace)))
}

impl PreFilter {
    /// None when the plugin skips: no required terms on either side.
    pub fn new(
        pod: &Arc<PodFacts>,
        nodes: &[NodeView],
        infos: &[NodeInfo],
        nss: &Namespaces,
    ) -> Option<PreFilter> {
        let mut s = PreFilter {
            pod: pod.clone(),
            ns_labels: nss.get(&pod.namespace).cloned(),
            existing_anti: Counts::new(),
            affinity: Counts::new(),
            anti: Counts::new(),
            self_match: pod
                .affinity
                .as_ref()
                .is_some_and(|a| matches_all(&a.required, pod, nss)),
        };
        let has_required = pod
            .affinity
            .as_ref()
            .is_some_and(|a| !a.required.is_empty() || !a.required_anti.is_empty());
        for (node, info) in nodes.iter().zip(infos) {
            if info.with_required_anti == 0 && !has_required {
                continue;
            }
            for existing in &info.pods {
                s.update_with_pod(existing, node, nss, 1);
            }
        }
        if s.existing_anti.is_empty() && !has_required {
            return None;
        }
        Some(s)
    }

    /// Counts (`by` = 1) or uncounts (-1) an existing pod on `node`
    /// (updateWithPod, as preemption's AddPod/RemovePod do).
    pub fn update_with_pod(
        &mut self,
        existing: &PodFacts,
        node: &NodeView,
        nss: &Namespaces,
        by: i64,
    ) {
        let pod = &self.pod;
        if let Some(a) = &existing.affinity {
            for t in &a.required_anti {
                if t.matches(&pod.namespace, &pod.labels, self.ns_labels.as_ref()) {
                    bump(&mut self.existing_anti, node, &t.topology_key, by);
                }
            }
        }
        if let Some(a) = &pod.affinity {
            if matches_all(&a.required, existing, nss) {
                for t in &a.required {
                    bump(&mut self.affinity, node, &t.topology_key, by);
                }
            }
            for t in &a.required_anti {
                if t.matches(
                    &existing.namespace,
                    &existing.labels,
                    nss.get(&existing.namespace),
                ) {
                    bump(&mut self.anti, node, &t.topology_key, by);
                }
            }
        }
    }

    pub fn filter(&self, node: &NodeView) -> Option<String> {
        let empty = Default::default();
        let aff = self.pod.affinity.as_deref().unwrap_or(&empty);
        // satisfyPodAffinity
        let mut pods_exist = true;
        for t in &aff.required {
            match node.labels.get(&t.topology_key) {
                Some(v) => {
                    if self
                        .affinity
                        .get(&(t.topology_key.clone(), v.clone()))
                        .copied()
                        .unwrap_or(0)
                        <= 0
                    {
                        pods_exist = false;
                    }
                }
                None => return Some(AFFINITY_NOT_MATCH.into()),
            }
        }
        // With no matching pod anywhere, a pod that matches its own terms may
        // go first (else a group with affinity to itself could never start).
        let first_of_group = self.affinity.is_empty() && self.self_match;
        if !(pods_exist || first_of_group) {
            return Some(AFFINITY_NOT_MATCH.into());
        }
        if !self.anti.is_empty() {
            for t in &aff.required_anti {
                if let Some(v) = node.labels.get(&t.topology_key) {
                    if self
                        .anti
                        .get(&(t.topology_key.clone(), v.clone()))
                        .copied()
                        .unwrap_or(0)
                        > 0
                    {
                        return Some(ANTI_NOT_MATCH.into());
                    }
                }
            }
        }
        if !self.existing_anti.is_empty()
            && node.labels.iter().any(|(k, v)| {
                self.existing_anti
                    .get(&(k.clone(), v.clone()))
                    .copied()
                    .unwrap_or(0)
                    > 0
            })
        {
            return Some(EXISTING_ANTI_NOT_MATCH.into());
        }
        None
    }
}

/// PreScore's topology scores: key → value → summed weights.
pub type TopologyScore = BTreeMap<String, BTreeMap<String, i64>>;

fn process_term(
    m: &mut TopologyScore,
    term: &super::facts::AffinityTerm,
    weight: i64,
    target: &PodFacts,
    ns_labels: Option<&Labels>,
    node: &NodeView,
) -> bool {
    if !term.matches(&target.namespace, &target.labels, ns_labels) {
        return false;
    }
    let Some(v) = node.labels.get(&term.topology_key) else {
        return false;
    };
    *m.entry(term.topology_key.clone())
        .or_default()
        .entry(v.clone())
        .or_default() += weight;
    true
}

/// PreScore: None when the plugin skips (nothing to score).
pub fn prescore(
    pod: &PodFacts,
    nodes: &[NodeView],
    infos: &[NodeInfo],
    nss: &Namespaces,
) -> Option<TopologyScore> {
    let empty = Default::default();
    let aff = pod.affinity.as_deref().unwrap_or(&empty);
    let has_constraints = !aff.preferred.is_empty() || !aff.preferred_anti.is_empty();
    let ns_labels = nss.get(&pod.namespace);
    let mut out = TopologyScore::new();
    let mut any = false;
    for (node, info) in nodes.iter().zip(infos) {
        if !has_constraints && info.with_affinity == 0 {
            continue;
        }
        if node.labels.is_empty() {
            continue;
        }
        for existing in &info.pods {
            if !has_constraints && !existing.has_affinity() {
                continue;
            }
            let ens = nss.get(&existing.namespace);
            for t in &aff.preferred {
                any |= process_term(&mut out, t, t.weight, existing, ens, node);
            }
            for t in &aff.preferred_anti {
                any |= process_term(&mut out, t, -t.weight, existing, ens, node);
            }
            if let Some(ea) = &existing.affinity {
                for t in &ea.required {
                    any |=
                        process_term(&mut out, t, HARD_POD_AFFINITY_WEIGHT, pod, ns_labels, node);
                }
                for t in &ea.preferred {
                    any |= process_term(&mut out, t, t.weight, pod, ns_labels, node);
                }
                for t in &ea.preferred_anti {
                    any |= process_term(&mut out, t, -t.weight, pod, ns_labels, node);
                }
            }
        }
    }
    any.then_some(out)
}

pub fn score(s: &TopologyScore, node: &NodeView) -> i64 {
    s.iter()
        .filter_map(|(k, values)| node.labels.get(k).and_then(|v| values.get(v)))
        .sum()
}

/// NormalizeScore: min-max scaled to 0-100.
pub fn normalize(scores: &mut [i64]) {
    let (min, max) = (
        scores.iter().copied().min().unwrap_or(0),
        scores.iter().copied().max().unwrap_or(0),
    );
    let diff = max - min;
    for s in scores.iter_mut() {
        *s = if diff > 0 {
            (100.0 * ((*s - min) as f64 / diff as f64)) as i64
        } else {
            0
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{json, Value};

    fn node(name: &str, zone: &str) -> NodeView {
        NodeView::new(Arc::new(json!({"metadata": {"name": name, "labels": {
            "kubernetes.io/hostname": name, "topology.kubernetes.io/zone": zone}}})))
    }

    fn pod(name: &str, labels: Value, affinity: Value) -> Arc<PodFacts> {
        Arc::new(PodFacts::new(Arc::new(json!({
            "metadata": {"name": name, "namespace": "default", "uid": name, "labels": labels},
            "spec": {"affinity": affinity, "containers": [{}]}}))))
    }

    fn anti(app: &str, key: &str) -> Value {
        json!({"podAntiAffinity": {"requiredDuringSchedulingIgnoredDuringExecution": [
            {"labelSelector": {"matchLabels": {"app": app}}, "topologyKey": key}]}})
    }

    fn infos(nodes: &[NodeView], placed: &[(usize, Arc<PodFacts>)]) -> Vec<NodeInfo> {
        let mut out = vec![NodeInfo::default(); nodes.len()];
        for (i, p) in placed {
            out[*i].add(p.clone());
        }
        out
    }

    #[test]
    fn required_anti_affinity_by_hostname_and_zone() {
        let nodes = [node("a", "z1"), node("b", "z1"), node("c", "z2")];
        let nss = Namespaces::new();
        let web = |n: &str, key: &str| pod(n, json!({"app": "web"}), anti("web", key));
        let infos = infos(&nodes, &[(0, web("w1", "kubernetes.io/hostname"))]);
        let incoming = web("w2", "kubernetes.io/hostname");
        let s = PreFilter::new(&incoming, &nodes, &infos, &nss).unwrap();
        assert_eq!(s.filter(&nodes[0]).as_deref(), Some(ANTI_NOT_MATCH));
        assert_eq!(s.filter(&nodes[1]), None);
        let by_zone = web("w3", "topology.kubernetes.io/zone");
        let s = PreFilter::new(&by_zone, &nodes, &infos, &nss).unwrap();
        assert_eq!(s.filter(&nodes[1]).as_deref(), Some(ANTI_NOT_MATCH));
        assert_eq!(s.filter(&nodes[2]), None);
    }

    #[test]
    fn existing_pods_anti_affinity_rejects_the_newcomer() {
        let nodes = [node("a", "z1"), node("b", "z2")];
        let nss = Namespaces::new();
        let loner = pod(
            "db",
            json!({"app": "db"}),
            anti("web", "kubernetes.io/hostname"),
        );
        let infos = infos(&nodes, &[(0, loner)]);
        let incoming = pod("w", json!({"app": "web"}), Value::Null);
        let s = PreFilter::new(&incoming, &nodes, &infos, &nss).unwrap();
        assert_eq!(
            s.filter(&nodes[0]).as_deref(),
            Some(EXISTING_ANTI_NOT_MATCH)
        );
        assert_eq!(s.filter(&nodes[1]), None);
        // A pod nobody minds skips the plugin.
        let other = pod("x", json!({"app": "other"}), Value::Null);
        assert!(PreFilter::new(&other, &nodes, &infos, &nss).is_none());
    }

    #[test]
    fn required_affinity_and_the_first_pod_of_a_group() {
        let nodes = [node("a", "z1"), node("b", "z2")];
        let nss = Namespaces::new();
        let with_cache = json!({"podAffinity": {"requiredDuringSchedulingIgnoredDuringExecution": [
            {"labelSelector": {"matchLabels": {"app": "cache"}}, "topologyKey": "topology.kubernetes.io/zone"}]}});
        let incoming = pod("w", json!({"app": "web"}), with_cache.clone());
        // No cache pod anywhere and the pod is not one: no node fits.
        let s = PreFilter::new(&incoming, &nodes, &infos(&nodes, &[]), &nss).unwrap();
        assert_eq!(s.filter(&nodes[0]).as_deref(), Some(AFFINITY_NOT_MATCH));
        // A cache pod that wants to be with caches may start anywhere.
        let first = pod("c", json!({"app": "cache"}), with_cache.clone());
        let s = PreFilter::new(&first, &nodes, &infos(&nodes, &[]), &nss).unwrap();
        assert_eq!(s.filter(&nodes[0]), None);
        // Once a cache runs in z2, only z2 fits.
        let placed = infos(
            &nodes,
            &[(1, pod("c1", json!({"app": "cache"}), Value::Null))],
        );
        let s = PreFilter::new(&incoming, &nodes, &placed, &nss).unwrap();
        assert_eq!(s.filter(&nodes[0]).as_deref(), Some(AFFINITY_NOT_MATCH));
        assert_eq!(s.filter(&nodes[1]), None);
    }

    #[test]
    fn namespaces_of_terms() {
        let nodes = [node("a", "z1")];
        let mut nss = Namespaces::new();
        nss.insert("prod".into(), Labels::from([("team".into(), "x".into())]));
        let other_ns = Arc::new(PodFacts::new(Arc::new(json!({
            "metadata": {"name": "o", "namespace": "prod", "uid": "o", "labels": {"app": "web"}},
            "spec": {"containers": [{}]}}))));
        let placed = infos(&nodes, &[(0, other_ns)]);
        // Same namespace only by default: the prod pod does not count.
        let incoming = pod(
            "w",
            json!({"app": "web"}),
            anti("web", "kubernetes.io/hostname"),
        );
        let s = PreFilter::new(&incoming, &nodes, &placed, &nss).unwrap();
        assert_eq!(s.filter(&nodes[0]), None);
        // A namespaceSelector reaches it.
        let sel = json!({"podAntiAffinity": {"requiredDuringSchedulingIgnoredDuringExecution": [
            {"labelSelector": {"matchLabels": {"app": "web"}}, "topologyKey": "kubernetes.io/hostname",
             "namespaceSelector": {"matchLabels": {"team": "x"}}}]}});
        let incoming = pod("w", json!({"app": "web"}), sel);
        let s = PreFilter::new(&incoming, &nodes, &placed, &nss).unwrap();
        assert_eq!(s.filter(&nodes[0]).as_deref(), Some(ANTI_NOT_MATCH));
    }

    #[test]
    fn preferred_terms_score_by_topology() {
        let nodes = [node("a", "z1"), node("b", "z2")];
        let nss = Namespaces::new();
        let placed = infos(
            &nodes,
            &[(0, pod("c", json!({"app": "cache"}), Value::Null))],
        );
        let prefers = json!({"podAffinity": {"preferredDuringSchedulingIgnoredDuringExecution": [
            {"weight": 10, "podAffinityTerm": {"labelSelector": {"matchLabels": {"app": "cache"}},
             "topologyKey": "topology.kubernetes.io/zone"}}]}});
        let incoming = pod("w", json!({"app": "web"}), prefers);
        let ts = prescore(&incoming, &nodes, &placed, &nss).unwrap();
        let mut scores: Vec<i64> = nodes.iter().map(|n| score(&ts, n)).collect();
        assert_eq!(scores, [10, 0]);
        normalize(&mut scores);
        assert_eq!(scores, [100, 0]);
        let plain = pod("p", json!({"app": "web"}), Value::Null);
        assert!(prescore(&plain, &nodes, &placed, &nss).is_none());
    }
}
