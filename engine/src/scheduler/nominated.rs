//! Nominated pods: a preemptor waiting for its victims to go keeps the room
//! it made on its nominated node. As upstream's
//! RunFilterPluginsWithNominatedPods/addGENominatedPods (framework
//! runtime), a node is filtered twice when pods of higher or equal
//! priority are nominated to it: once as if they were already there, once
//! without them; it fits only if both pass. (The PreFilter extensions'
//! AddPod, which would count them for inter-pod affinity and spreading, is
//! not applied: only the node's resources and ports see them.)

use super::facts::PodFacts;
use super::plugins::{self, CycleState, NodeInfo};
use super::NodeView;
use crate::api::meta;
use serde_json::Value;
use std::collections::BTreeMap;
use std::sync::Arc;

/// Unbound pods with `status.nominatedNodeName`, by node index.
#[derive(Default)]
pub struct Nominated {
    by_node: BTreeMap<usize, Vec<Arc<PodFacts>>>,
}

impl Nominated {
    pub fn new(pods: &[Arc<Value>], index: &BTreeMap<String, usize>) -> Nominated {
        let mut n = Nominated::default();
        for p in pods {
            // Few pods are nominated: that is looked at first.
            let Some(node) = meta::str_at(p, &["status", "nominatedNodeName"]) else {
                continue;
            };
            let unbound = meta::str_at(p, &["spec", "nodeName"])
                .unwrap_or("")
                .is_empty();
            let deleting = meta::at(p, &["metadata", "deletionTimestamp"]).is_some();
            if let (true, false, Some(&i)) = (unbound, deleting, index.get(node)) {
                n.add(i, Arc::new(PodFacts::new(p.clone())));
            }
        }
        n
    }

    /// A pod nominated in this pass (it preempted).
    pub fn add(&mut self, node: usize, pod: Arc<PodFacts>) {
        self.remove(&pod.uid);
        self.by_node.entry(node).or_default().push(pod);
    }

    /// A pod bound (or gone): it no longer holds a nomination.
    pub fn remove(&mut self, uid: &str) {
        for pods in self.by_node.values_mut() {
            pods.retain(|p| p.uid != uid);
        }
    }

    /// The filter plugins on node `i`, with the nominated pods that count
    /// against `pod` and without them.
    pub fn filter(
        &self,
        pod: &PodFacts,
        i: usize,
        node: &NodeView,
        info: &NodeInfo,
        state: &CycleState,
    ) -> Option<(String, Vec<String>)> {
        if self.by_node.is_empty() {
            return plugins::filter(pod, node, info, state);
        }
        let ahead: Vec<&Arc<PodFacts>> = self
            .by_node
            .get(&i)
            .into_iter()
            .flatten()
            .filter(|p| p.priority >= pod.priority && p.uid != pod.uid)
            .collect();
        if !ahead.is_empty() {
            let mut with = info.clone();
            for p in ahead {
                with.add(p.clone());
            }
            if let Some(r) = plugins::filter(pod, node, &with, state) {
                return Some(r);
            }
        }
        plugins::filter(pod, node, info, state)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn pod(name: &str, cpu: &str, priority: i64, nominated: Option<&str>) -> Arc<Value> {
        Arc::new(json!({
            "metadata": {"name": name, "namespace": "default", "uid": name},
            "spec": {"priority": priority, "containers": [{"resources": {"requests": {"cpu": cpu}}}]},
            "status": {"nominatedNodeName": nominated}}))
    }

    #[test]
    fn a_nomination_holds_room_against_lower_and_equal_priorities() {
        let node = NodeView::new(Arc::new(json!({"metadata": {"name": "n1"},
            "status": {"allocatable": {"cpu": "1", "memory": "1Gi", "pods": "110"}}})));
        let index: BTreeMap<String, usize> = [("n1".to_string(), 0)].into();
        let preemptor = pod("high", "600m", 100, Some("n1"));
        let nominated = Nominated::new(std::slice::from_ref(&preemptor), &index);
        let info = NodeInfo::default();
        let state = CycleState::default();
        let check = |p: &Arc<Value>| {
            nominated
                .filter(&PodFacts::new(p.clone()), 0, &node, &info, &state)
                .map(|(plugin, _)| plugin)
        };
        // Lower and equal priority: the preemptor's 600m counts.
        assert_eq!(
            check(&pod("low", "500m", 0, None)),
            Some("NodeResourcesFit".into())
        );
        assert_eq!(
            check(&pod("peer", "500m", 100, None)),
            Some("NodeResourcesFit".into())
        );
        // Higher priority, and the preemptor itself, do not see it.
        assert_eq!(check(&pod("top", "500m", 1000, None)), None);
        assert_eq!(check(&preemptor), None);
        // Once bound, the nomination is gone.
        let mut nominated = nominated;
        nominated.remove("high");
        let low = PodFacts::new(pod("low", "500m", 0, None));
        assert_eq!(nominated.filter(&low, 0, &node, &info, &state), None);
    }
}
