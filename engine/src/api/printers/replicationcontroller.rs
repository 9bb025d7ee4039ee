//! ReplicationController: `NAME DESIRED CURRENT READY AGE`, wide `CONTAINERS
//! IMAGES SELECTOR` (`printReplicationController`).

use super::common::{age, at, col, containers, format_labels, int, int_or, s, AGE, NAME};
use super::Printer;
use crate::clock::Time;
use serde_json::Value;

pub const PRINTER: Printer = Printer {
    columns: &[
        NAME,
        col("Desired", "integer", 0, "Replicas is the number of desired replicas. This is a pointer to distinguish between explicit zero and unspecified. Defaults to 1. More info: https://kubernetes.io/docs/concepts/workloads/controllers/replicationcontroller#what-is-a-replicationcontroller"),
        col("Current", "integer", 0, "Replicas is the most recently observed number of replicas. More info: https://kubernetes.io/docs/concepts/workloads/controllers/replicationcontroller#what-is-a-replicationcontroller"),
        col("Ready", "integer", 0, "The number of ready replicas for this replication controller."),
        AGE,
        col("Containers", "string", 1, "Names of each container in the template."),
        col("Images", "string", 1, "Images referenced by each container in the template."),
        col("Selector", "string", 1, "Selector is a label query over pods that should match the Replicas count. If Selector is empty, it is defaulted to the labels present on the Pod template. Label keys and values that must match in order to be controlled by this replication controller, if empty defaulted to labels on Pod template. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors"),
    ],
    row,
};

fn row(obj: &Value, now: Time) -> Vec<Value> {
    let (names, images) = containers(at(obj, &["spec", "template", "spec"]));
    vec![
        s(obj, &["metadata", "name"]).into(),
        int_or(obj, &["spec", "replicas"], 1).into(),
        int(obj, &["status", "replicas"]).into(),
        int(obj, &["status", "readyReplicas"]).into(),
        age(obj, now),
        names,
        images,
        format_labels(at(obj, &["spec", "selector"])).into(),
    ]
}

#[cfg(test)]
mod tests {
    use super::super::common::test_support::{ago, cells};
    use super::*;
    use serde_json::json;

    #[test]
    fn replication_controller() {
        let rc = json!({
            "apiVersion": "v1", "kind": "ReplicationController",
            "metadata": {"name": "nginx", "namespace": "default", "creationTimestamp": ago(600)},
            "spec": {"replicas": 3, "selector": {"app": "nginx", "tier": "web"},
                     "template": {"spec": {"containers": [{"name": "nginx", "image": "nginx"}]}}},
            "status": {"replicas": 3, "readyReplicas": 2, "availableReplicas": 2},
        });
        assert_eq!(
            cells(&PRINTER, &rc),
            vec![
                json!("nginx"),
                json!(3),
                json!(3),
                json!(2),
                json!("10m"),
                json!("nginx"),
                json!("nginx"),
                json!("app=nginx,tier=web")
            ]
        );
    }

    #[test]
    fn without_selector_or_status() {
        let rc = json!({"metadata": {"name": "x", "creationTimestamp": ago(5)}, "spec": {"replicas": 0}});
        assert_eq!(
            cells(&PRINTER, &rc),
            vec![
                json!("x"),
                json!(0),
                json!(0),
                json!(0),
                json!("5s"),
                json!(""),
                json!(""),
                json!("<none>")
            ]
        );
    }
}
