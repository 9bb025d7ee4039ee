//! The pvc-protection and pv-protection controllers: a deleted claim keeps
//! its `kubernetes.io/pvc-protection` finalizer while a pod still uses it;
//! a deleted volume keeps `kubernetes.io/pv-protection` while it is Bound.

use super::persistentvolume::{resources, uses_claim};
use crate::api::meta;
use crate::apiserver::{ApiServer, ListOptions};
use serde_json::Value;

const PVC_FINALIZER: &str = "kubernetes.io/pvc-protection";
const PV_FINALIZER: &str = "kubernetes.io/pv-protection";

fn without(obj: &Value, finalizer: &str) -> Option<Value> {
    let list = meta::at(obj, &["metadata", "finalizers"])?.as_array()?;
    if !list.iter().any(|f| f == finalizer) {
        return None;
    }
    let mut next = obj.clone();
    if let Some(f) = next
        .pointer_mut("/metadata/finalizers")
        .and_then(Value::as_array_mut)
    {
        f.retain(|x| x != finalizer);
    }
    Some(next)
}

fn deleting(obj: &Value) -> bool {
    meta::at(obj, &["metadata", "deletionTimestamp"]).is_some()
}

pub fn reconcile(api: &mut ApiServer) {
    let Some(res) = resources(api) else {
        return;
    };
    for pvc in api
        .list(&res.pvcs, None, &ListOptions::default())
        .unwrap_or_default()
    {
        if !deleting(&pvc) {
            continue;
        }
        let in_use = api
            .list(
                &res.pods,
                Some(meta::namespace(&pvc)),
                &ListOptions::default(),
            )
            .unwrap_or_default()
            .iter()
            .any(|p| {
                uses_claim(p, meta::name(&pvc))
                    && !matches!(
                        meta::str_at(p, &["status", "phase"]),
                        Some("Succeeded" | "Failed")
                    )
            });
        if !in_use {
            if let Some(next) = without(&pvc, PVC_FINALIZER) {
                let _ = api.update(&res.pvcs, meta::namespace(&pvc), next);
            }
        }
    }
    for pv in api
        .list(&res.pvs, None, &ListOptions::default())
        .unwrap_or_default()
    {
        if deleting(&pv) && meta::str_at(&pv, &["status", "phase"]) != Some("Bound") {
            if let Some(next) = without(&pv, PV_FINALIZER) {
                let _ = api.update(&res.pvs, "", next);
            }
        }
    }
}
