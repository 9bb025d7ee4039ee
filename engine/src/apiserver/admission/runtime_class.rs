//! RuntimeClass admission: a pod naming a `runtimeClassName` must find the class;
//! its `overhead.podFixed` becomes the pod's `overhead`, and its scheduling
//! nodeSelector and tolerations are merged into the pod.

use super::{forbidden, resource};
use crate::api::registry::ApiResource;
use crate::api::Status;
use crate::apiserver::ApiServer;
use serde_json::{json, Value};

pub fn admit(api: &ApiServer, r: &ApiResource, pod: &mut Value) -> Result<(), Status> {
    let Some(name) = pod["spec"]["runtimeClassName"]
        .as_str()
        .filter(|n| !n.is_empty())
        .map(String::from)
    else {
        return Ok(());
    };
    let class = resource(api, "node.k8s.io", "runtimeclasses")
        .and_then(|rc| api.get(&rc, "", &name).ok())
        .ok_or_else(|| {
            forbidden(
                r,
                pod,
                &format!("pod rejected: RuntimeClass {name:?} not found"),
            )
        })?;
    if let Some(fixed) = class["overhead"]["podFixed"].as_object() {
        match pod["spec"].get("overhead").filter(|o| !o.is_null()) {
            Some(o) if o.as_object() != Some(fixed) => {
                return Err(forbidden(
                    r,
                    pod,
                    "pod rejected: Pod's Overhead doesn't match RuntimeClass's defined Overhead",
                ));
            }
            _ => pod["spec"]["overhead"] = Value::Object(fixed.clone()),
        }
    }
    let scheduling = &class["scheduling"];
    if let Some(selector) = scheduling["nodeSelector"].as_object() {
        if !pod["spec"]["nodeSelector"].is_object() {
            pod["spec"]["nodeSelector"] = json!({});
        }
        let pod_selector = pod["spec"]["nodeSelector"]
            .as_object_mut()
            .expect("just made a map");
        for (k, v) in selector {
            match pod_selector.get(k) {
                Some(existing) if existing != v => {
                    let msg = format!(
                        "conflict: runtimeClass.scheduling.nodeSelector[{k}] = {}; pod.spec.nodeSelector[{k}] = {}",
                        v.as_str().unwrap_or(""),
                        existing.as_str().unwrap_or("")
                    );
                    return Err(forbidden(r, pod, &msg));
                }
                _ => {
                    pod_selector.insert(k.clone(), v.clone());
                }
            }
        }
    }
    if let Some(tolerations) = scheduling["tolerations"].as_array() {
        if !pod["spec"]["tolerations"].is_array() {
            pod["spec"]["tolerations"] = json!([]);
        }
        let list = pod["spec"]["tolerations"]
            .as_array_mut()
            .expect("just made an array");
        for t in tolerations {
            if !list.contains(t) {
                list.push(t.clone());
            }
        }
    }
    Ok(())
}
