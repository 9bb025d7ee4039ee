//! Which fields a list or watch may select on, per kind, and the value each
//! selects by: the API server's field label conversion functions
//! (pkg/apis/*/v1/conversion.go) and `*ToSelectableFields` (v1.33).

use super::meta;
use serde_json::Value;

const META: &[&str] = &["metadata.name", "metadata.namespace"];

/// The labels a kind converts, or None for kinds with only the default
/// `metadata.name` and `metadata.namespace`.
fn supported(group: &str, kind: &str) -> Option<&'static [&'static str]> {
    Some(match (group, kind) {
        ("", "Pod") => &[
            "metadata.name",
            "metadata.namespace",
            "spec.nodeName",
            "spec.restartPolicy",
            "spec.schedulerName",
            "spec.serviceAccountName",
            "spec.hostNetwork",
            "status.phase",
            "status.podIP",
            "status.podIPs",
            "status.nominatedNodeName",
            "spec.host",
        ],
        ("", "Node") => &["metadata.name", "spec.unschedulable"],
        ("", "ReplicationController") | ("apps", "ReplicaSet") => {
            &["metadata.name", "metadata.namespace", "status.replicas"]
        }
        ("", "Event") => &[
            "involvedObject.kind",
            "involvedObject.namespace",
            "involvedObject.name",
            "involvedObject.uid",
            "involvedObject.apiVersion",
            "involvedObject.resourceVersion",
            "involvedObject.fieldPath",
            "reason",
            "reportingComponent",
            "source",
            "type",
            "metadata.namespace",
            "metadata.name",
        ],
        ("", "Namespace") => &["status.phase", "metadata.name"],
        ("", "Secret") => &["type", "metadata.namespace", "metadata.name"],
        ("", "Service") => &[
            "metadata.namespace",
            "metadata.name",
            "spec.clusterIP",
            "spec.type",
        ],
        ("batch", "Job") => &["metadata.name", "metadata.namespace", "status.successful"],
        ("certificates.k8s.io", "CertificateSigningRequest") => {
            &["metadata.name", "spec.signerName"]
        }
        _ => return None,
    })
}

/// The API server's error for a label the kind cannot select on.
pub fn check(group: &str, kind: &str, label: &str) -> Result<(), String> {
    match supported(group, kind) {
        Some(labels) if labels.contains(&label) => Ok(()),
        Some(_) => Err(format!("field label not supported: {label}")),
        None if META.contains(&label) => Ok(()),
        None => Err(format!(
            "{label:?} is not a known field selector: only \"metadata.name\", \"metadata.namespace\""
        )),
    }
}

/// The value `label` selects by: the field as text, with the defaults the
/// selectable-fields functions print for absent booleans and counts.
pub fn value(obj: &Value, label: &str) -> String {
    let label = if label == "spec.host" {
        "spec.nodeName"
    } else {
        label
    };
    if label == "source" {
        return meta::str_at(obj, &["source", "component"])
            .unwrap_or("")
            .to_string();
    }
    if label == "reportingComponent" {
        return meta::str_at(obj, &["reportingComponent"])
            .unwrap_or("")
            .to_string();
    }
    let path: Vec<&str> = label.split('.').collect();
    match meta::at(obj, &path) {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Bool(b)) => b.to_string(),
        Some(Value::Number(n)) => n.to_string(),
        Some(Value::Array(ips)) if label == "status.podIPs" => ips
            .iter()
            .filter_map(|i| i["ip"].as_str())
            .collect::<Vec<_>>()
            .join(","),
        _ => match label {
            "spec.unschedulable" | "spec.hostNetwork" => "false".into(),
            "status.replicas" | "status.successful" => "0".into(),
            _ => String::new(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn kinds_name_their_own_labels() {
        assert!(check("", "Pod", "status.phase").is_ok());
        assert_eq!(
            check("", "Pod", "nope"),
            Err("field label not supported: nope".into())
        );
        assert_eq!(
            check("apps", "Deployment", "spec.replicas"),
            Err("\"spec.replicas\" is not a known field selector: only \"metadata.name\", \"metadata.namespace\"".into())
        );
        assert!(check("", "ConfigMap", "metadata.namespace").is_ok());
        assert!(check("", "Node", "metadata.namespace").is_err());
    }

    #[test]
    fn absent_booleans_and_counts_have_defaults() {
        let node = json!({"spec": {}});
        assert_eq!(value(&node, "spec.unschedulable"), "false");
        let rs = json!({"status": {"replicas": 3}});
        assert_eq!(value(&rs, "status.replicas"), "3");
        let pod = json!({"spec": {"nodeName": "minikube"}});
        assert_eq!(value(&pod, "spec.host"), "minikube");
    }
}
