//! Decode defaulting: the `SetDefaults_*` functions (and generated `+default`
//! markers) the API server runs on every object it decodes — the create and
//! update bodies, and again on every read of stored bytes (DEFAULTS.md §1,
//! steps 2 and 11). All of it is idempotent: running it twice changes nothing.
//!
//! One module per kind; [`pod`] also defaults every embedded pod template.

mod cronjob;
mod daemonset;
mod deployment;
mod endpoints;
mod hpa;
mod ingress;
mod job;
mod limitrange;
mod namespace;
mod networkpolicy;
mod node;
mod persistentvolume;
mod pod;
mod priorityclass;
pub mod quantity;
mod rbac;
mod replicaset;
mod replicationcontroller;
mod resourcequota;
pub(crate) mod secret;
mod service;
mod serviceaccount;
mod statefulset;
mod storageclass;

#[cfg(test)]
mod tests;

use crate::api::registry::ApiResource;
use serde_json::{json, Map, Value};

pub(crate) use pod::pod_qos_class;

/// Applies the decode defaults of the object's kind.
pub fn apply(r: &ApiResource, obj: &mut Value) {
    if !obj.is_object() {
        return;
    }
    drop_empty_metadata_maps(obj);
    match (r.group.as_str(), r.name.as_str()) {
        ("", "pods") => pod::pod(obj),
        ("", "podtemplates") => pod::template_at(obj, "template"),
        ("", "replicationcontrollers") => replicationcontroller::apply(obj),
        ("", "services") => service::apply(obj),
        // ConfigMap: `data` is made an empty map, which Go then omits: nothing to see.
        ("", "secrets") => secret::apply(obj),
        ("", "serviceaccounts") => serviceaccount::apply(obj),
        ("", "namespaces") => namespace::apply(obj),
        ("", "nodes") => node::apply(obj),
        ("", "limitranges") => limitrange::apply(obj),
        ("", "resourcequotas") => resourcequota::apply(obj),
        ("", "endpoints") => endpoints::endpoints(obj),
        ("", "persistentvolumeclaims") => persistentvolume::claim(obj),
        ("", "persistentvolumes") => persistentvolume::volume(obj),
        ("apps", "deployments") => deployment::apply(obj),
        ("apps", "replicasets") => replicaset::apply(obj),
        ("apps", "statefulsets") => statefulset::apply(obj),
        ("apps", "daemonsets") => daemonset::apply(obj),
        ("batch", "jobs") => job::apply(obj),
        ("batch", "cronjobs") => cronjob::apply(obj),
        ("autoscaling", "horizontalpodautoscalers") => hpa::apply(obj),
        ("networking.k8s.io", "ingressclasses") => ingress::ingress_class(obj),
        ("networking.k8s.io", "networkpolicies") => networkpolicy::apply(obj),
        ("discovery.k8s.io", "endpointslices") => endpoints::endpoint_slice(obj),
        ("rbac.authorization.k8s.io", "rolebindings" | "clusterrolebindings") => rbac::binding(obj),
        ("rbac.authorization.k8s.io", "roles" | "clusterroles") => rbac::role(obj),
        ("scheduling.k8s.io", "priorityclasses") => priorityclass::apply(obj),
        ("storage.k8s.io", "storageclasses") => storageclass::storage_class(obj),
        ("storage.k8s.io", "csidrivers") => storageclass::csi_driver(obj),
        // Ingress (no decode defaults: pathType is required), PodDisruptionBudget,
        // ConfigMap, Lease, Event: nothing.
        _ => {}
    }
}

/// `labels: {}`, `annotations: {}`, `finalizers: []`, `ownerReferences: []` are
/// dropped: Go omits empty maps and slices.
fn drop_empty_metadata_maps(obj: &mut Value) {
    if let Some(m) = obj.get_mut("metadata").and_then(Value::as_object_mut) {
        for key in ["labels", "annotations", "finalizers", "ownerReferences"] {
            if m.get(key).is_some_and(is_empty_or_null) {
                m.remove(key);
            }
        }
    }
}

fn is_empty_or_null(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::Object(m) => m.is_empty(),
        Value::Array(a) => a.is_empty(),
        _ => false,
    }
}

// ---- helpers over JSON maps, shared by the kind modules ----

/// A field that Go holds as a pointer or slice/map: unset when absent or null.
pub(crate) fn is_unset(m: &Map<String, Value>, key: &str) -> bool {
    m.get(key).is_none_or(Value::is_null)
}

/// Sets `key` when it is nil (absent or null).
pub(crate) fn default_value(m: &mut Map<String, Value>, key: &str, val: Value) {
    if is_unset(m, key) {
        m.insert(key.into(), val);
    }
}

/// Sets a string `key` when it is empty (absent, null or "").
pub(crate) fn default_str(m: &mut Map<String, Value>, key: &str, val: &str) {
    if is_unset(m, key) || m.get(key).and_then(Value::as_str) == Some("") {
        m.insert(key.into(), json!(val));
    }
}

/// Sets a non-pointer number `key` when it is 0 (absent, null or 0).
pub(crate) fn default_nonzero(m: &mut Map<String, Value>, key: &str, val: i64) {
    if is_unset(m, key) || m.get(key).and_then(Value::as_f64) == Some(0.0) {
        m.insert(key.into(), json!(val));
    }
}

/// The map at `key`, created (as `{}`) when nil; `None` if it is some other type.
pub(crate) fn child<'a>(
    m: &'a mut Map<String, Value>,
    key: &str,
) -> Option<&'a mut Map<String, Value>> {
    if is_unset(m, key) {
        m.insert(key.into(), json!({}));
    }
    m.get_mut(key).and_then(Value::as_object_mut)
}

/// The map at `key` if it is one (nothing is created).
pub(crate) fn existing<'a>(
    m: &'a mut Map<String, Value>,
    key: &str,
) -> Option<&'a mut Map<String, Value>> {
    m.get_mut(key).and_then(Value::as_object_mut)
}

/// Runs `f` on every map in the array at `key`.
pub(crate) fn each(
    m: &mut Map<String, Value>,
    key: &str,
    mut f: impl FnMut(&mut Map<String, Value>),
) {
    if let Some(items) = m.get_mut(key).and_then(Value::as_array_mut) {
        for item in items.iter_mut().filter_map(Value::as_object_mut) {
            f(item);
        }
    }
}

/// The object's `spec`, if it is a map.
pub(crate) fn spec_of(obj: &mut Value) -> Option<&mut Map<String, Value>> {
    obj.get_mut("spec").and_then(Value::as_object_mut)
}

/// The object's top-level map.
pub(crate) fn top(obj: &mut Value) -> &mut Map<String, Value> {
    obj.as_object_mut()
        .expect("defaults::apply checked for an object")
}
