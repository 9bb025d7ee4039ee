//! The bootstrap policy a fresh v1.33 cluster has: the ClusterRoles,
//! ClusterRoleBindings, Roles and RoleBindings kube-apiserver's RBAC
//! post-start hook writes (the data is upstream's
//! `bootstrappolicy/testdata`, without OpenShift's additions), then what
//! kubeadm and minikube add.

use crate::apiserver::ApiServer;
use crate::rng::Rng;
use crate::store::Key;
use serde_json::{json, Value};

const FILES: &[&str] = &[
    include_str!("bootstrap/cluster-roles.yaml"),
    include_str!("bootstrap/controller-roles.yaml"),
    include_str!("bootstrap/cluster-role-bindings.yaml"),
    include_str!("bootstrap/controller-role-bindings.yaml"),
    include_str!("bootstrap/namespace-roles.yaml"),
    include_str!("bootstrap/namespace-role-bindings.yaml"),
    include_str!("bootstrap/kubeadm-minikube.yaml"),
];

/// The objects, in the order the files list them.
pub fn objects() -> Vec<Value> {
    FILES
        .iter()
        .flat_map(|text| {
            serde_yaml::from_str::<Value>(text)
                .ok()
                .and_then(|v| v.get("items").and_then(Value::as_array).cloned())
                .unwrap_or_default()
        })
        .collect()
}

fn resource_of(kind: &str) -> Option<&'static str> {
    Some(match kind {
        "ClusterRole" => "clusterroles",
        "ClusterRoleBinding" => "clusterrolebindings",
        "Role" => "roles",
        "RoleBinding" => "rolebindings",
        _ => return None,
    })
}

impl ApiServer {
    /// Writes the bootstrap policy straight into the store, with uids from
    /// a generator of its own so the rest of the cluster's names stay put.
    pub fn install_bootstrap_policy(&mut self) {
        let mut rng = Rng::seeded(0x7262_6163_626f_6f74);
        for mut obj in objects() {
            let Some(resource) = obj["kind"].as_str().and_then(resource_of) else {
                continue;
            };
            let ns = obj["metadata"]["namespace"]
                .as_str()
                .unwrap_or("")
                .to_string();
            let name = obj["metadata"]["name"].as_str().unwrap_or("").to_string();
            obj["metadata"]["uid"] = json!(rng.uuid());
            obj["metadata"]["creationTimestamp"] = json!(self.now.rfc3339());
            if obj
                .get("rules")
                .is_some_and(|r| r.as_array().is_some_and(|a| a.is_empty()))
                && obj.get("aggregationRule").is_some()
            {
                obj.as_object_mut().map(|m| m.remove("rules"));
            }
            let key = Key::new(&format!("rbac.authorization.k8s.io/{resource}"), &ns, &name);
            let _ = self.store.create(key, obj);
        }
        self.publish();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn has_the_upstream_roles_and_bindings() {
        let objs = objects();
        let count = |kind: &str| objs.iter().filter(|o| o["kind"] == kind).count();
        assert_eq!(count("ClusterRole"), 31 + 36 + 2);
        assert_eq!(count("ClusterRoleBinding"), 12 + 36 + 9);
        assert_eq!(count("RoleBinding"), 7 + 5);
        assert_eq!(count("Role"), 7 + 5);
        assert!(objs
            .iter()
            .any(|o| o["metadata"]["name"] == "system:aggregate-to-view"));
        assert!(!objs.iter().any(|o| o["metadata"]["name"]
            .as_str()
            .unwrap_or("")
            .contains("openshift")));
    }
}
