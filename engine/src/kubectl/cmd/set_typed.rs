//! The fields a typed Go object prints although they are empty: `kubectl set`
//! decodes objects into the client-go types, so `-o yaml|json` of a manifest
//! read with --local shows `creationTimestamp: null`, `resources: {}`,
//! `strategy: {}` and a zero status (fields without `omitempty` in
//! k8s.io/api; checked against kubectl v1.33 `set image --local -o yaml`).

use serde_json::{json, Map, Value};

fn object<'a>(v: &'a mut Value, key: &str) -> Option<&'a mut Map<String, Value>> {
    let m = v.as_object_mut()?;
    let slot = m.entry(key).or_insert_with(|| json!({}));
    if slot.is_null() {
        *slot = json!({});
    }
    slot.as_object_mut()
}

fn default(m: &mut Map<String, Value>, key: &str, value: Value) {
    m.entry(key).or_insert(value);
}

/// ObjectMeta.creationTimestamp is a struct without `omitempty`.
fn metadata(v: &mut Value) {
    if let Some(m) = object(v, "metadata") {
        default(m, "creationTimestamp", Value::Null);
    }
}

/// A PodTemplateSpec: its metadata, and every container's `resources`.
fn pod_template(template: &mut Value) {
    metadata(template);
    if let Some(spec) = template.get_mut("spec") {
        pod_spec(spec);
    }
}

fn pod_spec(spec: &mut Value) {
    for field in ["containers", "initContainers"] {
        for c in spec
            .get_mut(field)
            .and_then(Value::as_array_mut)
            .into_iter()
            .flatten()
        {
            if let Some(m) = c.as_object_mut() {
                default(m, "resources", json!({}));
            }
        }
    }
}

/// Adds the empty fields the Go type of `kind` always prints.
pub fn fill(obj: &mut Value) {
    let kind = obj["kind"].as_str().unwrap_or("").to_string();
    metadata(obj);
    let spec = obj.get_mut("spec");
    match (kind.as_str(), spec) {
        ("Pod", Some(spec)) => pod_spec(spec),
        ("CronJob", Some(spec)) => {
            if let Some(jt) = spec.get_mut("jobTemplate") {
                metadata(jt);
                if let Some(t) = jt.pointer_mut("/spec/template") {
                    pod_template(t);
                }
            }
        }
        (_, Some(spec)) => {
            if let Some(t) = spec.get_mut("template") {
                pod_template(t);
            }
            if let Some(s) = spec.as_object_mut() {
                match kind.as_str() {
                    "Deployment" => default(s, "strategy", json!({})),
                    "DaemonSet" => default(s, "updateStrategy", json!({})),
                    "StatefulSet" => {
                        default(s, "serviceName", json!(""));
                        default(s, "updateStrategy", json!({}));
                    }
                    _ => {}
                }
            }
        }
        _ => {}
    }
    // Kinds without a status field print none.
    if matches!(
        kind.as_str(),
        "RoleBinding" | "ClusterRoleBinding" | "Role" | "ClusterRole" | "ServiceAccount"
    ) {
        return;
    }
    let zero_status = match kind.as_str() {
        "DaemonSet" => {
            json!({"currentNumberScheduled": 0, "numberMisscheduled": 0, "desiredNumberScheduled": 0, "numberReady": 0})
        }
        "StatefulSet" => json!({"replicas": 0, "availableReplicas": 0}),
        "ReplicaSet" | "ReplicationController" => json!({"replicas": 0}),
        "Service" => json!({"loadBalancer": {}}),
        _ => json!({}),
    };
    if let (Some(status), Value::Object(zero)) = (object(obj, "status"), zero_status) {
        for (k, v) in zero {
            default(status, &k, v);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_manifest_gains_the_typed_empty_fields() {
        let mut d = json!({"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web"},
            "spec": {"template": {"spec": {"containers": [{"name": "c", "image": "a"}]}}}});
        fill(&mut d);
        assert_eq!(
            d,
            json!({"apiVersion": "apps/v1", "kind": "Deployment",
                "metadata": {"name": "web", "creationTimestamp": null},
                "spec": {"strategy": {}, "template": {"metadata": {"creationTimestamp": null},
                    "spec": {"containers": [{"name": "c", "image": "a", "resources": {}}]}}},
                "status": {}})
        );
    }

    #[test]
    fn a_live_object_keeps_what_it_has() {
        let mut s = json!({"kind": "StatefulSet", "metadata": {"creationTimestamp": "2025-06-01T09:00:00Z"},
            "spec": {"serviceName": "db", "updateStrategy": {"type": "RollingUpdate"}},
            "status": {"replicas": 3, "availableReplicas": 3}});
        let before = s.clone();
        fill(&mut s);
        assert_eq!(s, before);
    }
}
