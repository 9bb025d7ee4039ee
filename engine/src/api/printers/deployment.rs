//! Deployment: `NAME READY UP-TO-DATE AVAILABLE AGE`, wide `CONTAINERS IMAGES
//! SELECTOR` (`printDeployment`).

use super::common::{age, at, col, containers, int, int_or, label_selector, s, AGE, NAME};
use super::Printer;
use crate::clock::Time;
use serde_json::Value;

pub const PRINTER: Printer = Printer {
    columns: &[
        NAME,
        col("Ready", "string", 0, "Number of the pod with ready state"),
        col("Up-to-date", "string", 0, "Total number of non-terminating pods targeted by this deployment that have the desired template spec."),
        col("Available", "string", 0, "Total number of available non-terminating pods (ready for at least minReadySeconds) targeted by this deployment."),
        AGE,
        col("Containers", "string", 1, "Names of each container in the template."),
        col("Images", "string", 1, "Images referenced by each container in the template."),
        col("Selector", "string", 1, "Label selector for pods. Existing ReplicaSets whose pods are selected by this will be the ones affected by this deployment."),
    ],
    row,
};

fn row(obj: &Value, now: Time) -> Vec<Value> {
    let (names, images) = containers(at(obj, &["spec", "template", "spec"]));
    // An empty or nil selector prints as "" here, not <none>.
    let selector =
        label_selector(at(obj, &["spec", "selector"])).unwrap_or_else(|()| "<invalid>".into());
    vec![
        s(obj, &["metadata", "name"]).into(),
        format!(
            "{}/{}",
            int(obj, &["status", "readyReplicas"]),
            int_or(obj, &["spec", "replicas"], 1)
        )
        .into(),
        int(obj, &["status", "updatedReplicas"]).into(),
        int(obj, &["status", "availableReplicas"]).into(),
        age(obj, now),
        names,
        images,
        selector.into(),
    ]
}

#[cfg(test)]
mod tests {
    use super::super::common::test_support::{ago, cells};
    use super::*;
    use serde_json::json;

    fn deployment(replicas: i64, status: Value) -> Value {
        json!({
            "apiVersion": "apps/v1", "kind": "Deployment",
            "metadata": {"name": "nginx", "namespace": "default", "creationTimestamp": ago(3 * 3600 + 5 * 60)},
            "spec": {"replicas": replicas, "selector": {"matchLabels": {"app": "nginx"}},
                     "template": {"metadata": {"labels": {"app": "nginx"}},
                                  "spec": {"containers": [{"name": "nginx", "image": "nginx:1.27"}]}}},
            "status": status,
        })
    }

    #[test]
    fn rolling_out() {
        let d = deployment(
            3,
            json!({"observedGeneration": 1, "replicas": 3, "updatedReplicas": 3, "readyReplicas": 2, "availableReplicas": 2}),
        );
        assert_eq!(
            cells(&PRINTER, &d),
            vec![
                json!("nginx"),
                json!("2/3"),
                json!(3),
                json!(2),
                json!("3h5m"),
                json!("nginx"),
                json!("nginx:1.27"),
                json!("app=nginx")
            ]
        );
    }

    #[test]
    fn fresh_deployment_has_no_status_counts() {
        let d = deployment(1, json!({}));
        assert_eq!(
            cells(&PRINTER, &d)[1..4],
            [json!("0/1"), json!(0), json!(0)]
        );
    }

    #[test]
    fn scaled_to_zero_and_odd_selectors() {
        let mut d = deployment(0, json!({"observedGeneration": 2}));
        assert_eq!(cells(&PRINTER, &d)[1], json!("0/0"));
        d["spec"]["selector"] = json!({});
        assert_eq!(cells(&PRINTER, &d)[7], json!(""));
        d["spec"]["selector"] = json!({"matchExpressions": [{"key": "app", "operator": "Bogus"}]});
        assert_eq!(cells(&PRINTER, &d)[7], json!("<invalid>"));
    }
}
