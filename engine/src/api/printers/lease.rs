//! Lease: `NAME HOLDER AGE` (`printLease`).

use super::common::{age, col, s, AGE, NAME};
use super::Printer;
use crate::clock::Time;
use serde_json::Value;

pub const PRINTER: Printer = Printer {
    columns: &[
        NAME,
        col("Holder", "string", 0, "holderIdentity contains the identity of the holder of a current lease. If Coordinated Leader Election is used, the holder identity must be equal to the elected LeaseCandidate.metadata.name field."),
        AGE,
    ],
    row,
};

fn row(lease: &Value, now: Time) -> Vec<Value> {
    vec![
        s(lease, &["metadata", "name"]).into(),
        s(lease, &["spec", "holderIdentity"]).into(),
        age(lease, now),
    ]
}

#[cfg(test)]
mod tests {
    use super::super::common::test_support::{ago, cells};
    use super::*;
    use serde_json::json;

    #[test]
    fn leases() {
        let l = json!({"apiVersion": "coordination.k8s.io/v1", "kind": "Lease",
            "metadata": {"name": "kube-scheduler", "namespace": "kube-system", "creationTimestamp": ago(85 * 60)},
            "spec": {"holderIdentity": "minikube_0b9e1c5e-7f3a-4f7e-9d0b-2b8f1a6c3d4e", "leaseDurationSeconds": 15}});
        assert_eq!(
            cells(&PRINTER, &l),
            vec![
                json!("kube-scheduler"),
                json!("minikube_0b9e1c5e-7f3a-4f7e-9d0b-2b8f1a6c3d4e"),
                json!("85m")
            ]
        );
        let l = json!({"metadata": {"name": "free", "creationTimestamp": ago(1)}, "spec": {}});
        assert_eq!(cells(&PRINTER, &l)[1], json!(""));
    }
}
