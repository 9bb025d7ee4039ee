//! The service-account controller and the root-CA publisher: every active
//! namespace gets a `default` ServiceAccount and a `kube-root-ca.crt` ConfigMap.

use crate::api::meta;
use crate::apiserver::{ApiServer, ListOptions, WriteOptions};
use serde_json::json;

/// The cluster CA certificate every namespace's kube-root-ca.crt carries.
pub const CA_CRT: &str = crate::cluster_ca::CA_CRT;

pub fn reconcile(api: &mut ApiServer) {
    let Some(ns_r) = api.registry().resolve("namespaces").cloned() else {
        return;
    };
    for ns in api
        .list_shared(&ns_r, None, &ListOptions::default())
        .unwrap_or_default()
    {
        if meta::str_at(&ns, &["status", "phase"]) != Some("Active") {
            continue;
        }
        ensure_namespace(api, meta::name(&ns));
    }
}

/// The `default` ServiceAccount and `kube-root-ca.crt` of one active
/// namespace. Also run for ServiceAccount admission, which waits for this
/// controller when a pod names a `default` it has not created yet.
pub fn ensure_namespace(api: &mut ApiServer, name: &str) {
    let (Some(sa_r), Some(cm_r)) = (
        api.registry().resolve("serviceaccounts").cloned(),
        api.registry().resolve("configmaps").cloned(),
    ) else {
        return;
    };
    let name = name.to_string();
    if api.get(&sa_r, &name, "default").is_err() {
        let sa =
            json!({"apiVersion": "v1", "kind": "ServiceAccount", "metadata": {"name": "default"}});
        let _ = api.create(&sa_r, &name, sa, &WriteOptions::default());
    }
    if api.get(&cm_r, &name, "kube-root-ca.crt").is_err() {
        let cm = json!({
            "apiVersion": "v1", "kind": "ConfigMap",
            "metadata": {"name": "kube-root-ca.crt",
                         "annotations": {"kubernetes.io/description": "Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters."}},
            "data": {"ca.crt": CA_CRT},
        });
        let _ = api.create(&cm_r, &name, cm, &WriteOptions::default());
    }
}
