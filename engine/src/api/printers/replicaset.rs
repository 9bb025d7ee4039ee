//! ReplicaSet: `NAME DESIRED CURRENT READY AGE`, wide `CONTAINERS IMAGES
//! SELECTOR` (`printReplicaSet`).

use super::common::{age, at, col, containers, format_label_selector, int, int_or, s, AGE, NAME};
use super::Printer;
use crate::clock::Time;
use serde_json::Value;

pub const PRINTER: Printer = Printer {
    columns: &[
        NAME,
        col("Desired", "integer", 0, "Replicas is the number of desired pods. This is a pointer to distinguish between explicit zero and unspecified. Defaults to 1. More info: https://kubernetes.io/docs/concepts/workloads/controllers/replicaset"),
        col("Current", "integer", 0, "Replicas is the most recently observed number of non-terminating pods. More info: https://kubernetes.io/docs/concepts/workloads/controllers/replicaset"),
        col("Ready", "integer", 0, "The number of non-terminating pods targeted by this ReplicaSet with a Ready Condition."),
        AGE,
        col("Containers", "string", 1, "Names of each container in the template."),
        col("Images", "string", 1, "Images referenced by each container in the template."),
        col("Selector", "string", 1, "Selector is a label query over pods that should match the replica count. If the selector is empty, it is defaulted to the labels present on the pod template. Label keys and values that must match in order to be controlled by this replica set. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors"),
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
        format_label_selector(at(obj, &["spec", "selector"])).into(),
    ]
}

#[cfg(test)]
mod tests {
    use super::super::common::test_support::{ago, cells};
    use super::*;
    use serde_json::json;

    #[test]
    fn replicaset_of_a_deployment() {
        let rs = json!({
            "apiVersion": "apps/v1", "kind": "ReplicaSet",
            "metadata": {"name": "nginx-7c5ddbdf54", "namespace": "default", "creationTimestamp": ago(59)},
            "spec": {"replicas": 3, "selector": {"matchLabels": {"app": "nginx", "pod-template-hash": "7c5ddbdf54"}},
                     "template": {"spec": {"containers": [{"name": "nginx", "image": "nginx"}, {"name": "log", "image": "busybox"}]}}},
            "status": {"replicas": 3, "fullyLabeledReplicas": 3, "readyReplicas": 1, "availableReplicas": 1, "observedGeneration": 1},
        });
        assert_eq!(
            cells(&PRINTER, &rs),
            vec![
                json!("nginx-7c5ddbdf54"),
                json!(3),
                json!(3),
                json!(1),
                json!("59s"),
                json!("nginx,log"),
                json!("nginx,busybox"),
                json!("app=nginx,pod-template-hash=7c5ddbdf54")
            ]
        );
    }

    #[test]
    fn old_replicaset_scaled_down() {
        let rs = json!({
            "metadata": {"name": "nginx-old", "creationTimestamp": ago(86400 * 3)},
            "spec": {"replicas": 0, "selector": {"matchLabels": {"app": "nginx"}}, "template": {"spec": {"containers": []}}},
            "status": {"replicas": 0, "observedGeneration": 3},
        });
        assert_eq!(
            cells(&PRINTER, &rs)[1..5],
            [json!(0), json!(0), json!(0), json!("3d")]
        );
    }
}
