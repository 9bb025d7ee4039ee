//! StatefulSet: `NAME READY AGE`, wide `CONTAINERS IMAGES` (`printStatefulSet`).

use super::common::{age, at, col, containers, int, int_or, s, AGE, NAME};
use super::Printer;
use crate::clock::Time;
use serde_json::Value;

pub const PRINTER: Printer = Printer {
    columns: &[
        NAME,
        col("Ready", "string", 0, "Number of the pod with ready state"),
        AGE,
        col(
            "Containers",
            "string",
            1,
            "Names of each container in the template.",
        ),
        col(
            "Images",
            "string",
            1,
            "Images referenced by each container in the template.",
        ),
    ],
    row,
};

fn row(obj: &Value, now: Time) -> Vec<Value> {
    let (names, images) = containers(at(obj, &["spec", "template", "spec"]));
    vec![
        s(obj, &["metadata", "name"]).into(),
        format!(
            "{}/{}",
            int(obj, &["status", "readyReplicas"]),
            int_or(obj, &["spec", "replicas"], 1)
        )
        .into(),
        age(obj, now),
        names,
        images,
    ]
}

#[cfg(test)]
mod tests {
    use super::super::common::test_support::{ago, cells};
    use super::*;
    use serde_json::json;

    #[test]
    fn statefulset() {
        let sts = json!({
            "apiVersion": "apps/v1", "kind": "StatefulSet",
            "metadata": {"name": "web", "namespace": "default", "creationTimestamp": ago(45)},
            "spec": {"replicas": 3, "serviceName": "nginx", "selector": {"matchLabels": {"app": "nginx"}},
                     "template": {"spec": {"containers": [{"name": "nginx", "image": "registry.k8s.io/nginx-slim:0.8"}]}}},
            "status": {"replicas": 2, "readyReplicas": 1, "currentReplicas": 2, "updatedReplicas": 2, "availableReplicas": 1},
        });
        assert_eq!(
            cells(&PRINTER, &sts),
            vec![
                json!("web"),
                json!("1/3"),
                json!("45s"),
                json!("nginx"),
                json!("registry.k8s.io/nginx-slim:0.8")
            ]
        );
    }

    #[test]
    fn no_ready_replicas_yet() {
        let sts = json!({"metadata": {"name": "db", "creationTimestamp": ago(1)}, "spec": {"replicas": 1}, "status": {"replicas": 0}});
        assert_eq!(cells(&PRINTER, &sts)[1], json!("0/1"));
    }
}
