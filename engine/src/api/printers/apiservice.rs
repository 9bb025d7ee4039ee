//! APIService (kube-aggregator's own ConvertToTable): `NAME SERVICE AVAILABLE AGE`.

use super::common::{age, at, col, condition, s, AGE, NAME};
use super::Printer;
use crate::clock::Time;
use serde_json::Value;

pub const PRINTER: Printer = Printer {
    columns: &[
        NAME,
        col(
            "Service",
            "string",
            0,
            "The reference to the service that hosts this API endpoint.",
        ),
        col(
            "Available",
            "string",
            0,
            "Whether this service is available.",
        ),
        AGE,
    ],
    row,
};

fn row(svc: &Value, now: Time) -> Vec<Value> {
    let service = match at(svc, &["spec", "service"]).filter(|v| v.is_object()) {
        Some(r) => format!(
            "{}/{}",
            r.get("namespace").and_then(Value::as_str).unwrap_or(""),
            r.get("name").and_then(Value::as_str).unwrap_or("")
        ),
        None => "Local".into(),
    };
    let available = match condition(svc, &["status", "conditions"], "Available") {
        Some(c) => {
            let status = c.get("status").and_then(Value::as_str).unwrap_or("");
            let reason = c.get("reason").and_then(Value::as_str).unwrap_or("");
            if status != "True" && !reason.is_empty() {
                format!("{status} ({reason})")
            } else {
                status.to_string()
            }
        }
        None => "Unknown".into(),
    };
    vec![
        s(svc, &["metadata", "name"]).into(),
        service.into(),
        available.into(),
        age(svc, now),
    ]
}

#[cfg(test)]
mod tests {
    use super::super::common::test_support::{ago, cells};
    use super::*;
    use serde_json::json;

    #[test]
    fn api_services() {
        let a = json!({"apiVersion": "apiregistration.k8s.io/v1", "kind": "APIService",
            "metadata": {"name": "v1.apps", "creationTimestamp": ago(85 * 60)},
            "spec": {"group": "apps", "version": "v1", "groupPriorityMinimum": 17800, "versionPriority": 15},
            "status": {"conditions": [{"type": "Available", "status": "True", "reason": "Local", "message": "Local APIServices are always available"}]}});
        assert_eq!(
            cells(&PRINTER, &a),
            vec![
                json!("v1.apps"),
                json!("Local"),
                json!("True"),
                json!("85m")
            ]
        );
        let a = json!({"metadata": {"name": "v1beta1.metrics.k8s.io", "creationTimestamp": ago(30)},
            "spec": {"service": {"namespace": "kube-system", "name": "metrics-server", "port": 443}},
            "status": {"conditions": [{"type": "Available", "status": "False", "reason": "MissingEndpoints"}]}});
        assert_eq!(
            cells(&PRINTER, &a)[1..3],
            [
                json!("kube-system/metrics-server"),
                json!("False (MissingEndpoints)")
            ]
        );
        let a = json!({"metadata": {"name": "x", "creationTimestamp": ago(30)}, "spec": {}});
        assert_eq!(cells(&PRINTER, &a)[2], json!("Unknown"));
    }
}
