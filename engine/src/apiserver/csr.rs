//! CertificateSigningRequests: the server records who asked (the
//! requesting user fills the spec's username, uid, groups and extra), and
//! the `approval` subresource takes the Approved or Denied condition
//! (`kubectl certificate approve|deny`).

use super::ApiServer;
use crate::api::{meta, ApiResource, FieldError, Status};
use serde_json::{json, Value};

/// Whether `r` is the CertificateSigningRequest resource.
pub fn is_csr(r: &ApiResource) -> bool {
    r.group == "certificates.k8s.io" && r.name == "certificatesigningrequests"
}

impl ApiServer {
    /// PrepareForCreate: the requestor's identity replaces whatever the
    /// object claimed, and the status starts empty.
    pub(super) fn prepare_csr(&self, obj: &mut Value) {
        let spec = obj
            .as_object_mut()
            .map(|o| o.entry("spec").or_insert_with(|| json!({})));
        let Some(Value::Object(spec)) = spec else {
            return;
        };
        for k in ["username", "uid", "groups", "extra"] {
            spec.remove(k);
        }
        if let Some(user) = self.served_user() {
            spec.insert("username".into(), json!(user.name));
            if !user.uid.is_empty() {
                spec.insert("uid".into(), json!(user.uid));
            }
            spec.insert("groups".into(), json!(user.groups));
            if !user.extra.is_empty() {
                spec.insert("extra".into(), json!(user.extra));
            }
        }
        obj["status"] = json!({});
    }

    /// PUT certificatesigningrequests/NAME/approval: the body's
    /// conditions, their times filled in, Approved and Denied never both
    /// (a condition that is not an object is refused, never indexed).
    pub fn update_approval(&mut self, r: &ApiResource, body: Value) -> Result<Value, Status> {
        let name = meta::name(&body).to_string();
        let current = self.get(r, "", &name)?;
        let now = json!(self.now().rfc3339());
        let mut conditions: Vec<Value> = meta::at(&body, &["status", "conditions"])
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        let has = |t: &str, cs: &[Value]| cs.iter().any(|c| c["type"] == t);
        if conditions.iter().any(|c| !c.is_object()) {
            return Err(Status::bad_request(
                "status.conditions: each condition must be an object",
            ));
        }
        for c in conditions.iter_mut().filter_map(Value::as_object_mut) {
            for k in ["lastUpdateTime", "lastTransitionTime"] {
                if c.get(k).is_none_or(|v| v.is_null() || v == "") {
                    c.insert(k.into(), now.clone());
                }
            }
        }
        let mut errors = vec![];
        if has("Approved", &conditions) && has("Denied", &conditions) {
            let at = conditions
                .iter()
                .rposition(|c| c["type"] == "Approved" || c["type"] == "Denied")
                .unwrap_or(0);
            let t = conditions[at]["type"].as_str().unwrap_or("").to_string();
            errors.push(FieldError::invalid(
                &format!("status.conditions[{at}].type"),
                &format!("\"{t}\""),
                "Approved and Denied conditions are mutually exclusive",
            ));
        }
        if !errors.is_empty() {
            return Err(Status::invalid(r, &name, errors));
        }
        let mut next = current;
        next["status"]["conditions"] = json!(conditions);
        if let Some(rv) = meta::str_at(&body, &["metadata", "resourceVersion"]) {
            meta::metadata_mut(&mut next).insert("resourceVersion".into(), json!(rv));
        }
        self.update_status(r, "", next)
    }
}

#[cfg(test)]
mod tests {
    use crate::{Cluster, Preset};
    use serde_json::json;

    #[test]
    fn an_approval_whose_conditions_are_not_objects_is_refused_without_panic() {
        let mut c = Cluster::new(Preset::Minikube, 1);
        c.run("kubectl create -f - <<EOF\napiVersion: certificates.k8s.io/v1\nkind: CertificateSigningRequest\nmetadata:\n  name: x\nspec:\n  request: aGVsbG8=\n  signerName: kubernetes.io/kube-apiserver-client\n  usages: [client auth]\nEOF");
        let api = &mut c.world_mut().api;
        let r = api
            .registry()
            .resolve("certificatesigningrequests")
            .cloned()
            .expect("served");
        let body = json!({"metadata": {"name": "x"}, "status": {"conditions": ["Approved"]}});
        let err = api.update_approval(&r, body).expect_err("refused");
        assert_eq!(err.code, 400);
    }
}
