//! The diagram's model: the cluster's nodes, pods and namespaces as the
//! event stream describes them. Pure data, no DOM.

use kubeplay_engine::api::printers::pod_status_cells;
use kubeplay_engine::clock::EPOCH;
use kubeplay_engine::events::{Change, EngineEvent};
use serde_json::Value;
use std::collections::BTreeMap;

/// What the diagram shows.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Scene {
    pub nodes: BTreeMap<String, NodeView>,
    pub namespaces: BTreeMap<String, NamespaceView>,
    /// Pods by the node they are bound to ("" while not scheduled), each
    /// node's sorted by namespace and name: a node card finds its own pods
    /// without walking every pod of the cluster.
    pub pods: BTreeMap<String, BTreeMap<PodKey, PodView>>,
    /// Where each pod is filed in `pods` (its node), by key.
    pod_nodes: BTreeMap<PodKey, String>,
}

/// A pod's namespace and name.
pub type PodKey = (String, String);

#[derive(Clone, Debug, PartialEq)]
pub struct PodView {
    /// The STATUS column of `kubectl get pods` (Pending, ContainerCreating,
    /// Running, Terminating, CrashLoopBackOff, ...).
    pub status: String,
    /// Every container counted in READY is ready.
    pub ready: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct NodeView {
    pub name: String,
    pub ready: bool,
    pub roles: Vec<String>,
    pub version: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct NamespaceView {
    pub name: String,
    pub terminating: bool,
}

impl Scene {
    /// Folds one engine event into the scene; false when the event changes
    /// nothing the diagram draws (a lease renewal, a ConfigMap, ...), so
    /// the page need not tell the diagram.
    pub fn apply(&mut self, event: &EngineEvent) -> bool {
        let EngineEvent::Object {
            change,
            resource,
            group,
            namespace,
            name,
            object,
        } = event
        else {
            return false;
        };
        if !group.is_empty() {
            return false;
        }
        match (resource.as_str(), change) {
            ("nodes", Change::Deleted) => self.nodes.remove(name).is_some(),
            ("nodes", _) => put(&mut self.nodes, name, node_view(name, object)),
            ("namespaces", Change::Deleted) => self.namespaces.remove(name).is_some(),
            ("namespaces", _) => {
                let terminating = object.pointer("/metadata/deletionTimestamp").is_some()
                    || object.pointer("/status/phase") == Some(&Value::from("Terminating"));
                let view = NamespaceView {
                    name: name.clone(),
                    terminating,
                };
                put(&mut self.namespaces, name, view)
            }
            ("pods", change) => {
                let key = (namespace.clone().unwrap_or_default(), name.clone());
                if *change == Change::Deleted {
                    self.remove_pod(&key)
                } else {
                    self.put_pod(key, object)
                }
            }
            _ => false,
        }
    }

    /// How many pods the scene holds.
    pub fn pod_count(&self) -> usize {
        self.pod_nodes.len()
    }

    fn remove_pod(&mut self, key: &PodKey) -> bool {
        let Some(node) = self.pod_nodes.remove(key) else {
            return false;
        };
        if let Some(pods) = self.pods.get_mut(&node) {
            pods.remove(key);
            if pods.is_empty() {
                self.pods.remove(&node);
            }
        }
        true
    }

    fn put_pod(&mut self, key: PodKey, pod: &Value) -> bool {
        let node = pod
            .pointer("/spec/nodeName")
            .and_then(Value::as_str)
            .unwrap_or_default();
        let (ready, status, _) = pod_status_cells(pod, EPOCH);
        let ready = ready
            .split_once('/')
            .is_some_and(|(r, of)| r == of && of != "0");
        let view = PodView { status, ready };
        if self.pod_nodes.get(&key).map(String::as_str) == Some(node) {
            let pods = self.pods.entry(node.to_string()).or_default();
            return put(pods, &key, view);
        }
        self.remove_pod(&key);
        self.pod_nodes.insert(key.clone(), node.to_string());
        self.pods
            .entry(node.to_string())
            .or_default()
            .insert(key, view);
        true
    }
}

/// Inserts `value` unless `map` holds it already; whether anything changed.
fn put<K: Ord + Clone, V: PartialEq>(map: &mut BTreeMap<K, V>, key: &K, value: V) -> bool {
    if map.get(key) == Some(&value) {
        return false;
    }
    map.insert(key.clone(), value);
    true
}

fn node_view(name: &str, node: &Value) -> NodeView {
    let ready = node
        .pointer("/status/conditions")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .any(|c| c["type"] == "Ready" && c["status"] == "True");
    let roles = node
        .pointer("/metadata/labels")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
        .filter_map(|(k, _)| k.strip_prefix("node-role.kubernetes.io/"))
        .map(String::from)
        .collect();
    let version = node
        .pointer("/status/nodeInfo/kubeletVersion")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string();
    NodeView {
        name: name.to_string(),
        ready,
        roles,
        version,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    use wasm_bindgen_test::wasm_bindgen_test;

    fn event(change: Change, resource: &str, name: &str, object: Value) -> EngineEvent {
        EngineEvent::Object {
            change,
            resource: resource.into(),
            group: String::new(),
            namespace: None,
            name: name.into(),
            object: object.into(),
        }
    }

    fn pod(node: Option<&str>, phase: &str, waiting: Option<&str>) -> Value {
        let state = match waiting {
            Some(reason) => json!({"waiting": {"reason": reason}}),
            None => json!({"running": {}}),
        };
        json!({
            "metadata": {"name": "web-1", "namespace": "default"},
            "spec": {"nodeName": node, "containers": [{"name": "nginx"}]},
            "status": {"phase": phase, "containerStatuses": [
                {"name": "nginx", "ready": waiting.is_none(), "restartCount": 0, "state": state}]}
        })
    }

    fn pod_event(change: Change, object: Value) -> EngineEvent {
        EngineEvent::Object {
            change,
            resource: "pods".into(),
            group: String::new(),
            namespace: Some("default".into()),
            name: "web-1".into(),
            object: object.into(),
        }
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn pods_move_to_their_node_and_follow_their_status() {
        let mut scene = Scene::default();
        let key = ("default".to_string(), "web-1".to_string());
        let unscheduled = json!({"metadata": {"name": "web-1", "namespace": "default"},
                                 "spec": {"containers": [{"name": "nginx"}]},
                                 "status": {"phase": "Pending"}});
        assert!(scene.apply(&pod_event(Change::Added, unscheduled)));
        assert_eq!(scene.pods[""][&key].status, "Pending");
        let creating = pod(Some("minikube"), "Pending", Some("ContainerCreating"));
        assert!(scene.apply(&pod_event(Change::Modified, creating.clone())));
        assert!(!scene.pods.contains_key(""), "it left the unscheduled lane");
        assert_eq!(scene.pods["minikube"][&key].status, "ContainerCreating");
        assert!(
            !scene.apply(&pod_event(Change::Modified, creating)),
            "nothing new"
        );
        scene.apply(&pod_event(
            Change::Modified,
            pod(Some("minikube"), "Running", None),
        ));
        let running = &scene.pods["minikube"][&key];
        assert_eq!((running.status.as_str(), running.ready), ("Running", true));
        assert_eq!(scene.pod_count(), 1);
        assert!(scene.apply(&pod_event(Change::Deleted, json!({}))));
        assert!(scene.pods.is_empty());
        assert_eq!(scene.pod_count(), 0);
        assert!(!scene.apply(&event(Change::Added, "leases", "minikube", json!({}))));
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn nodes_and_namespaces_follow_events() {
        let mut scene = Scene::default();
        let node = json!({
            "metadata": {"name": "minikube", "labels": {"node-role.kubernetes.io/control-plane": ""}},
            "status": {"conditions": [{"type": "Ready", "status": "True"}],
                       "nodeInfo": {"kubeletVersion": "v1.33.1"}}
        });
        scene.apply(&event(Change::Added, "nodes", "minikube", node));
        scene.apply(&event(Change::Added, "namespaces", "demo", json!({})));
        let n = &scene.nodes["minikube"];
        assert!(n.ready);
        assert_eq!(n.roles, ["control-plane"]);
        assert_eq!(n.version, "v1.33.1");
        assert!(!scene.namespaces["demo"].terminating);
        let gone = json!({"metadata": {"deletionTimestamp": "2025-01-01T00:00:00Z"}});
        scene.apply(&event(Change::Modified, "namespaces", "demo", gone));
        assert!(scene.namespaces["demo"].terminating);
        scene.apply(&event(Change::Deleted, "namespaces", "demo", json!({})));
        assert!(scene.namespaces.is_empty());
    }
}
