//! The `pods/ephemeralcontainers` subresource: the only way to change a
//! running pod's containers. Debug containers may be added, never changed
//! or removed; the rest of the pod stays as it is.

use super::ApiServer;
use crate::api::{meta, FieldError, Status};
use serde_json::{json, Value};

/// The defaults the API server gives an ephemeral container.
fn defaulted(mut c: Value) -> Value {
    let image = c["image"].as_str().unwrap_or("").to_string();
    if c.get("imagePullPolicy").is_none() {
        let policy = match crate::images::parse(&image) {
            Ok(r) if r.tag != "latest" => "IfNotPresent",
            _ => "Always",
        };
        c["imagePullPolicy"] = json!(policy);
    }
    for (k, v) in [
        ("terminationMessagePath", json!("/dev/termination-log")),
        ("terminationMessagePolicy", json!("File")),
        ("resources", json!({})),
    ] {
        if c.get(k).is_none() {
            c[k] = v;
        }
    }
    c
}

impl ApiServer {
    /// PATCH/PUT pods/NAME/ephemeralcontainers with the whole new list.
    pub fn set_ephemeral_containers(
        &mut self,
        namespace: &str,
        name: &str,
        list: Vec<Value>,
    ) -> Result<Value, Status> {
        let r = self
            .registry()
            .resolve("pods")
            .cloned()
            .ok_or_else(|| Status::internal("pods are not served"))?;
        let mut pod = self.get(&r, namespace, name)?;
        let old = meta::at(&pod, &["spec", "ephemeralContainers"])
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        let list: Vec<Value> = list.into_iter().map(defaulted).collect();
        let mut errors = vec![];
        if list.len() < old.len() || old.iter().zip(&list).any(|(a, b)| a != b) {
            errors.push(FieldError::forbidden(
                "spec.ephemeralContainers",
                "existing ephemeral containers may not be changed",
            ));
        }
        let mut names: Vec<String> = ["containers", "initContainers"]
            .iter()
            .filter_map(|f| meta::at(&pod, &["spec", f]).and_then(Value::as_array))
            .flatten()
            .filter_map(|c| c["name"].as_str().map(String::from))
            .collect();
        let others = names.clone();
        for (i, c) in list.iter().enumerate() {
            if let Some(t) = c["targetContainerName"].as_str() {
                if !others.iter().any(|o| o == t) {
                    errors.push(FieldError::not_found(
                        &format!("spec.ephemeralContainers[{i}].targetContainerName"),
                        &format!("\"{t}\""),
                    ));
                }
            }
            let n = c["name"].as_str().unwrap_or("");
            if names.iter().any(|x| x == n) {
                errors.push(FieldError::duplicate(
                    &format!("spec.ephemeralContainers[{i}].name"),
                    &format!("\"{n}\""),
                ));
            }
            names.push(n.to_string());
        }
        if !errors.is_empty() {
            return Err(Status::invalid(&r, name, errors));
        }
        pod["spec"]["ephemeralContainers"] = json!(list);
        self.write_status(&r, namespace, pod)
    }
}
