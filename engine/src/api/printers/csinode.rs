//! CSINode: `NAME DRIVERS AGE` (`printCSINode`).

use super::common::{age, col, list, s, AGE, NAME};
use super::Printer;
use crate::clock::Time;
use serde_json::Value;

pub const PRINTER: Printer = Printer {
    columns: &[
        NAME,
        col(
            "Drivers",
            "integer",
            0,
            "Drivers indicates the number of CSI drivers registered on the node",
        ),
        AGE,
    ],
    row,
};

fn row(n: &Value, now: Time) -> Vec<Value> {
    vec![
        s(n, &["metadata", "name"]).into(),
        (list(n, &["spec", "drivers"]).len() as i64).into(),
        age(n, now),
    ]
}

#[cfg(test)]
mod tests {
    use super::super::common::test_support::{ago, cells};
    use super::*;
    use serde_json::json;

    #[test]
    fn csi_nodes() {
        let n = json!({"apiVersion": "storage.k8s.io/v1", "kind": "CSINode",
            "metadata": {"name": "minikube", "creationTimestamp": ago(85 * 60)}, "spec": {"drivers": null}});
        assert_eq!(
            cells(&PRINTER, &n),
            vec![json!("minikube"), json!(0), json!("85m")]
        );
        let n = json!({"metadata": {"name": "n", "creationTimestamp": ago(1)},
            "spec": {"drivers": [{"name": "hostpath.csi.k8s.io", "nodeID": "n", "topologyKeys": null}]}});
        assert_eq!(cells(&PRINTER, &n)[1], json!(1));
    }
}
