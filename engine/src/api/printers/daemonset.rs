//! DaemonSet: `NAME DESIRED CURRENT READY UP-TO-DATE AVAILABLE NODE SELECTOR
//! AGE`, wide `CONTAINERS IMAGES SELECTOR` (`printDaemonSet`).

use super::common::{
    age, at, col, containers, format_label_selector, format_labels, int, s, AGE, NAME,
};
use super::Printer;
use crate::clock::Time;
use serde_json::Value;

pub const PRINTER: Printer = Printer {
    columns: &[
        NAME,
        col("Desired", "integer", 0, "The total number of nodes that should be running the daemon pod (including nodes correctly running the daemon pod). More info: https://kubernetes.io/docs/concepts/workloads/controllers/daemonset/"),
        col("Current", "integer", 0, "The number of nodes that are running at least 1 daemon pod and are supposed to run the daemon pod. More info: https://kubernetes.io/docs/concepts/workloads/controllers/daemonset/"),
        col("Ready", "integer", 0, "The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and ready."),
        col("Up-to-date", "integer", 0, "The total number of nodes that are running updated daemon pod"),
        col("Available", "integer", 0, "The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and available (ready for at least spec.minReadySeconds)"),
        col("Node Selector", "string", 0, "NodeSelector is a selector which must be true for the pod to fit on a node. Selector which must match a node's labels for the pod to be scheduled on that node. More info: https://kubernetes.io/docs/concepts/configuration/assign-pod-node/"),
        AGE,
        col("Containers", "string", 1, "Names of each container in the template."),
        col("Images", "string", 1, "Images referenced by each container in the template."),
        col("Selector", "string", 1, "A label query over pods that are managed by the daemon set. Must match in order to be controlled. If empty, defaulted to labels on Pod template. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors"),
    ],
    row,
};

fn row(obj: &Value, now: Time) -> Vec<Value> {
    let (names, images) = containers(at(obj, &["spec", "template", "spec"]));
    let status = |k: &str| Value::from(int(obj, &["status", k]));
    vec![
        s(obj, &["metadata", "name"]).into(),
        status("desiredNumberScheduled"),
        status("currentNumberScheduled"),
        status("numberReady"),
        status("updatedNumberScheduled"),
        status("numberAvailable"),
        format_labels(at(obj, &["spec", "template", "spec", "nodeSelector"])).into(),
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
    fn kube_proxy() {
        let ds = json!({
            "apiVersion": "apps/v1", "kind": "DaemonSet",
            "metadata": {"name": "kube-proxy", "namespace": "kube-system", "creationTimestamp": ago(85 * 60)},
            "spec": {"selector": {"matchLabels": {"k8s-app": "kube-proxy"}},
                     "template": {"spec": {"nodeSelector": {"kubernetes.io/os": "linux"},
                         "containers": [{"name": "kube-proxy", "image": "registry.k8s.io/kube-proxy:v1.33.1"}]}}},
            "status": {"currentNumberScheduled": 1, "desiredNumberScheduled": 1, "numberAvailable": 1,
                       "numberMisscheduled": 0, "numberReady": 1, "observedGeneration": 1, "updatedNumberScheduled": 1},
        });
        assert_eq!(
            cells(&PRINTER, &ds),
            vec![
                json!("kube-proxy"),
                json!(1),
                json!(1),
                json!(1),
                json!(1),
                json!(1),
                json!("kubernetes.io/os=linux"),
                json!("85m"),
                json!("kube-proxy"),
                json!("registry.k8s.io/kube-proxy:v1.33.1"),
                json!("k8s-app=kube-proxy")
            ]
        );
    }

    #[test]
    fn no_node_selector_and_no_status() {
        let ds = json!({"metadata": {"name": "agent", "creationTimestamp": ago(3)},
                        "spec": {"selector": {"matchLabels": {"app": "agent"}}, "template": {"spec": {"containers": []}}}});
        assert_eq!(
            cells(&PRINTER, &ds)[1..8],
            [
                json!(0),
                json!(0),
                json!(0),
                json!(0),
                json!(0),
                json!("<none>"),
                json!("3s")
            ]
        );
    }
}
