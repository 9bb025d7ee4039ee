//! PersistentVolumeClaim and PersistentVolume decode defaults (DEFAULTS.md §8).

use super::{child, default_str, default_value, existing, pod, quantity, top};
use serde_json::{json, Map, Value};

pub fn claim(obj: &mut Value) {
    claim_map(top(obj));
}

/// A claim as a map (also each StatefulSet `volumeClaimTemplates[]`).
pub fn claim_map(pvc: &mut Map<String, Value>) {
    if let Some(spec) = existing(pvc, "spec") {
        claim_spec(spec);
        normalize_data_sources(spec);
    }
    if let Some(status) = child(pvc, "status") {
        default_str(status, "phase", "Pending");
        quantity::resource_list(status.get_mut("capacity"));
        quantity::resource_list(status.get_mut("allocatedResources"));
    }
}

/// `SetDefaults_PersistentVolumeClaimSpec` (also ephemeral volume claim templates).
pub fn claim_spec(spec: &mut Map<String, Value>) {
    default_value(spec, "volumeMode", json!("Filesystem"));
    // VolumeResourceRequirements is a struct: always printed.
    if let Some(res) = child(spec, "resources") {
        quantity::resource_list(res.get_mut("requests"));
        quantity::resource_list(res.get_mut("limits"));
    }
}

/// `dataSource` and `dataSourceRef` mirror each other when only one is set
/// (`pvcutil.NormalizeDataSources`, in the PVC strategy's PrepareForCreate).
fn normalize_data_sources(spec: &mut Map<String, Value>) {
    let has = |spec: &Map<String, Value>, k: &str| spec.get(k).is_some_and(Value::is_object);
    if has(spec, "dataSource") && !has(spec, "dataSourceRef") {
        let ds = spec["dataSource"].clone();
        spec.insert("dataSourceRef".into(), ds);
    } else if has(spec, "dataSourceRef")
        && !has(spec, "dataSource")
        && spec["dataSourceRef"]
            .get("namespace")
            .is_none_or(Value::is_null)
    {
        let mut ds = spec["dataSourceRef"].clone();
        if let Some(m) = ds.as_object_mut() {
            m.retain(|k, _| matches!(k.as_str(), "apiGroup" | "kind" | "name"));
        }
        spec.insert("dataSource".into(), ds);
    }
}

pub fn volume(obj: &mut Value) {
    let m = top(obj);
    if let Some(spec) = existing(m, "spec") {
        default_str(spec, "persistentVolumeReclaimPolicy", "Retain");
        default_value(spec, "volumeMode", json!("Filesystem"));
        quantity::resource_list(spec.get_mut("capacity"));
        if let Some(h) = existing(spec, "hostPath") {
            default_value(h, "type", json!(""));
        }
        pod::legacy_sources(spec);
    }
    if let Some(status) = child(m, "status") {
        default_str(status, "phase", "Pending");
    }
}
