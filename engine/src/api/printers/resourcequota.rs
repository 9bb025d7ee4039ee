//! ResourceQuota: `NAME REQUEST LIMIT AGE` (`printResourceQuota`).

use super::common::{age, at, col, resource_quantity, s, AGE, NAME};
use super::Printer;
use crate::clock::Time;
use serde_json::Value;

pub const PRINTER: Printer = Printer {
    columns: &[
        NAME,
        col("Request", "string", 0, "Request represents a minimum amount of cpu/memory that a container may consume."),
        col("Limit", "string", 0, "Limits control the maximum amount of cpu/memory that a container may use independent of contention on the node."),
        AGE,
    ],
    row,
};

/// `"<name>: <used>/<hard>"` for every key of status.hard (sorted): to LIMIT
/// when the name is `limits.*`, else to REQUEST.
fn request_and_limit(rq: &Value) -> (String, String) {
    let Some(hard) = at(rq, &["status", "hard"]).and_then(Value::as_object) else {
        return (String::new(), String::new());
    };
    let mut names: Vec<&String> = hard.keys().collect();
    names.sort();
    let (mut request, mut limit) = (vec![], vec![]);
    for name in names {
        let used = resource_quantity(at(rq, &["status", "used", name]));
        let text = format!("{name}: {used}/{}", resource_quantity(hard.get(name)));
        match name.split_once('.') {
            Some(("limits", _)) => limit.push(text),
            _ => request.push(text),
        }
    }
    (request.join(", "), limit.join(", "))
}

fn row(rq: &Value, now: Time) -> Vec<Value> {
    let (request, limit) = request_and_limit(rq);
    vec![
        s(rq, &["metadata", "name"]).into(),
        request.into(),
        limit.into(),
        age(rq, now),
    ]
}

#[cfg(test)]
mod tests {
    use super::super::common::test_support::{ago, cells};
    use super::*;
    use serde_json::json;

    #[test]
    fn quota_with_requests_and_limits() {
        let rq = json!({"apiVersion": "v1", "kind": "ResourceQuota",
            "metadata": {"name": "compute", "namespace": "default", "creationTimestamp": ago(42)},
            "spec": {"hard": {"pods": "10", "requests.cpu": "1", "requests.memory": "1Gi", "limits.cpu": "2", "limits.memory": "2Gi"}},
            "status": {"hard": {"pods": "10", "requests.cpu": "1", "requests.memory": "1Gi", "limits.cpu": "2", "limits.memory": "2Gi"},
                       "used": {"pods": "1", "requests.cpu": "100m", "requests.memory": "0", "limits.cpu": "0.5", "limits.memory": "128Mi"}}});
        assert_eq!(
            cells(&PRINTER, &rq),
            vec![
                json!("compute"),
                json!("pods: 1/10, requests.cpu: 100m/1, requests.memory: 0/1Gi"),
                json!("limits.cpu: 500m/2, limits.memory: 128Mi/2Gi"),
                json!("42s")
            ]
        );
    }

    #[test]
    fn before_the_controller_fills_status() {
        let rq = json!({"metadata": {"name": "q", "creationTimestamp": ago(1)}, "spec": {"hard": {"pods": "2"}}});
        assert_eq!(cells(&PRINTER, &rq)[1..3], [json!(""), json!("")]);
    }

    #[test]
    fn names_and_quantities_as_the_server_prints_them() {
        let rq = json!({"metadata": {"name": "q", "creationTimestamp": ago(1)},
            "status": {"hard": {"count/deployments.apps": "2000", "limits": "1", "services.loadbalancers": "0", "requests.storage": "1024Mi"},
                       "used": {"count/deployments.apps": "3"}}});
        assert_eq!(
            cells(&PRINTER, &rq)[1..3],
            [json!("count/deployments.apps: 3/2k, limits: 0/1, requests.storage: 0/1Gi, services.loadbalancers: 0/0"), json!("")]
        );
    }
}
