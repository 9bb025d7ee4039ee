//! The pod subresources the control plane writes through: `binding` (the
//! scheduler's choice) and `status` (scheduler conditions, kubelet state).

use super::ApiServer;
use crate::api::{meta, Status};
use serde_json::{json, Value};
use std::sync::Arc;

/// Sets or replaces a condition of `type_` in `status.conditions`, keeping
/// `lastTransitionTime` when the status does not change.
pub fn set_condition(obj: &mut Value, mut cond: Value, now: &str) {
    let kind = cond["type"].clone();
    if !obj["status"].is_object() {
        obj["status"] = json!({});
    }
    if !obj["status"]["conditions"].is_array() {
        obj["status"]["conditions"] = json!([]);
    }
    let list = obj["status"]["conditions"]
        .as_array_mut()
        .expect("just made");
    match list.iter_mut().find(|c| c["type"] == kind) {
        Some(existing) => {
            if existing["status"] == cond["status"] {
                cond["lastTransitionTime"] = existing["lastTransitionTime"].clone();
            } else {
                cond["lastTransitionTime"] = json!(now);
            }
            *existing = cond;
        }
        None => {
            cond["lastTransitionTime"] = json!(now);
            list.push(cond);
        }
    }
}

impl ApiServer {
    fn pods(&self) -> Result<crate::api::ApiResource, Status> {
        self.registry()
            .resolve("pods")
            .cloned()
            .ok_or_else(|| Status::internal("pods are not served"))
    }

    /// POST pods/binding: assigns the pod to a node.
    pub fn bind(&mut self, namespace: &str, name: &str, node: &str) -> Result<Arc<Value>, Status> {
        let r = self.pods()?;
        let mut pod = self.get(&r, namespace, name)?;
        if !meta::str_at(&pod, &["spec", "nodeName"])
            .unwrap_or("")
            .is_empty()
        {
            return Err(Status::conflict(
                &r,
                name,
                &format!(
                    "pod {name} is already assigned to node \"{}\"",
                    meta::str_at(&pod, &["spec", "nodeName"]).unwrap_or("")
                ),
            ));
        }
        pod["spec"]["nodeName"] = json!(node);
        let now = self.now().rfc3339();
        set_condition(
            &mut pod,
            json!({"type": "PodScheduled", "status": "True", "lastProbeTime": null}),
            &now,
        );
        // pods/binding writes through no field manager.
        let before = self.set_field_manager(None);
        let out = self.write_status_shared(&r, namespace, pod);
        self.set_field_manager(before);
        out
    }

    /// The scheduler's PodScheduled=False condition.
    pub fn set_unschedulable(
        &mut self,
        namespace: &str,
        name: &str,
        message: &str,
    ) -> Result<Value, Status> {
        let r = self.pods()?;
        let mut pod = self.get(&r, namespace, name)?;
        let now = self.now().rfc3339();
        set_condition(
            &mut pod,
            json!({"type": "PodScheduled", "status": "False", "lastProbeTime": null,
                   "reason": "Unschedulable", "message": message}),
            &now,
        );
        if pod["status"].get("phase").is_none() {
            pod["status"]["phase"] = json!("Pending");
        }
        self.write_status(&r, namespace, pod)
    }

    /// PUT <resource>/status: writes the object as given (status and, for
    /// binding, nodeName) without touching generation.
    pub fn write_status(
        &mut self,
        r: &crate::api::ApiResource,
        namespace: &str,
        obj: Value,
    ) -> Result<Value, Status> {
        self.write_status_shared(r, namespace, obj)
            .map(Arc::unwrap_or_clone)
    }

    /// `write_status`, returning the stored object shared (not copied).
    pub fn write_status_shared(
        &mut self,
        r: &crate::api::ApiResource,
        namespace: &str,
        mut obj: Value,
    ) -> Result<Arc<Value>, Status> {
        let name = meta::name(&obj).to_string();
        let key = Self::key(r, namespace, &name);
        if let Some(current) = self.store.get_shared(&key).cloned() {
            self.track_status(r, &current, &mut obj);
        }
        let out = self
            .store
            .update_shared(&key, obj, None)
            .map_err(|_| Status::not_found(r, &name))?;
        let out = self.finish_if_finalized_shared(r, &key, out);
        self.publish();
        Ok(out)
    }
}

/// Why the kubelet cannot serve a container's log yet (`container "c" in
/// pod "p" is waiting to start: REASON`): None once it has run.
pub fn waiting_reason(pod: &Value, container: &str) -> Option<String> {
    let status = [
        "containerStatuses",
        "initContainerStatuses",
        "ephemeralContainerStatuses",
    ]
    .iter()
    .filter_map(|f| meta::at(pod, &["status", f]).and_then(Value::as_array))
    .flatten()
    .find(|s| s["name"] == container);
    match status {
        None => Some("ContainerCreating".into()),
        Some(s) => s["state"]["waiting"]["reason"].as_str().and_then(|r| {
            let restarted = s["restartCount"].as_i64().unwrap_or(0) > 0;
            (!restarted).then(|| match r {
                "ErrImagePull" | "ImagePullBackOff" => {
                    "trying and failing to pull image".to_string()
                }
                other => other.to_string(),
            })
        }),
    }
}
