//! Owner references: how controllers mark and find what they own.

use crate::api::meta;
use serde_json::{json, Value};

/// The controller ownerReference pointing at `owner`.
pub fn owner_reference(owner: &Value, api_version: &str, kind: &str) -> Value {
    json!({
        "apiVersion": api_version,
        "blockOwnerDeletion": true,
        "controller": true,
        "kind": kind,
        "name": meta::name(owner),
        "uid": meta::str_at(owner, &["metadata", "uid"]).unwrap_or(""),
    })
}

/// A pod from a controller's pod template (controller utils
/// GetPodFromTemplate): its labels, annotations and spec; never a name or
/// creation time of its own.
pub fn pod_from_template(template: Option<&Value>) -> Value {
    let mut pod = template.cloned().unwrap_or(json!({}));
    pod["apiVersion"] = json!("v1");
    pod["kind"] = json!("Pod");
    let m = meta::metadata_mut(&mut pod);
    m.remove("creationTimestamp");
    m.remove("name");
    pod
}

/// The controller reference of `obj`, if any.
pub fn controller_ref(obj: &Value) -> Option<&Value> {
    meta::at(obj, &["metadata", "ownerReferences"])
        .and_then(Value::as_array)?
        .iter()
        .find(|r| r.get("controller").and_then(Value::as_bool) == Some(true))
}

pub fn is_owned_by(obj: &Value, owner: &Value) -> bool {
    let uid = meta::str_at(owner, &["metadata", "uid"]);
    controller_ref(obj).is_some_and(|r| r.get("uid").and_then(Value::as_str) == uid)
}
