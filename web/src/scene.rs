//! The diagram's model: the cluster's nodes and namespaces as the event
//! stream describes them. Pure data, no DOM.

use kubeplay_engine::events::{Change, EngineEvent};
use serde_json::Value;
use std::collections::BTreeMap;

/// What the diagram shows.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Scene {
    pub nodes: BTreeMap<String, NodeView>,
    pub namespaces: BTreeMap<String, NamespaceView>,
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
    /// Folds one engine event into the scene.
    pub fn apply(&mut self, event: &EngineEvent) {
        let EngineEvent::Object {
            change,
            resource,
            group,
            name,
            object,
            ..
        } = event
        else {
            return;
        };
        if !group.is_empty() {
            return;
        }
        match (resource.as_str(), change) {
            ("nodes", Change::Deleted) => {
                self.nodes.remove(name);
            }
            ("nodes", _) => {
                self.nodes.insert(name.clone(), node_view(name, object));
            }
            ("namespaces", Change::Deleted) => {
                self.namespaces.remove(name);
            }
            ("namespaces", _) => {
                let terminating = object.pointer("/metadata/deletionTimestamp").is_some()
                    || object.pointer("/status/phase") == Some(&Value::from("Terminating"));
                let view = NamespaceView {
                    name: name.clone(),
                    terminating,
                };
                self.namespaces.insert(name.clone(), view);
            }
            _ => {}
        }
    }
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
