//! PodDisruptionBudget: `NAME MIN AVAILABLE MAX UNAVAILABLE ALLOWED
//! DISRUPTIONS AGE` (`printPodDisruptionBudget`).

use super::common::{age, at, col, int, s, AGE, NAME};
use super::Printer;
use crate::clock::Time;
use serde_json::Value;

pub const PRINTER: Printer = Printer {
    columns: &[
        NAME,
        col(
            "Min Available",
            "string",
            0,
            "The minimum number of pods that must be available.",
        ),
        col(
            "Max Unavailable",
            "string",
            0,
            "The maximum number of pods that may be unavailable.",
        ),
        col(
            "Allowed Disruptions",
            "integer",
            0,
            "Calculated number of pods that may be disrupted at this time.",
        ),
        AGE,
    ],
    row,
};

/// `intstr.IntOrString.String()`, or `N/A` when unset.
fn int_or_string(v: Option<&Value>) -> Value {
    match v {
        Some(Value::Number(n)) => n.to_string().into(),
        Some(Value::String(s)) => s.clone().into(),
        _ => "N/A".into(),
    }
}

fn row(pdb: &Value, now: Time) -> Vec<Value> {
    vec![
        s(pdb, &["metadata", "name"]).into(),
        int_or_string(at(pdb, &["spec", "minAvailable"])),
        int_or_string(at(pdb, &["spec", "maxUnavailable"])),
        int(pdb, &["status", "disruptionsAllowed"]).into(),
        age(pdb, now),
    ]
}

#[cfg(test)]
mod tests {
    use super::super::common::test_support::{ago, cells};
    use super::*;
    use serde_json::json;

    #[test]
    fn pdbs() {
        let pdb = json!({"apiVersion": "policy/v1", "kind": "PodDisruptionBudget",
            "metadata": {"name": "zk-pdb", "namespace": "default", "creationTimestamp": ago(40)},
            "spec": {"minAvailable": 2, "selector": {"matchLabels": {"app": "zookeeper"}}},
            "status": {"currentHealthy": 3, "desiredHealthy": 2, "disruptionsAllowed": 1, "expectedPods": 3, "observedGeneration": 1}});
        assert_eq!(
            cells(&PRINTER, &pdb),
            vec![
                json!("zk-pdb"),
                json!("2"),
                json!("N/A"),
                json!(1),
                json!("40s")
            ]
        );
        let pdb = json!({"metadata": {"name": "web", "creationTimestamp": ago(40)}, "spec": {"maxUnavailable": "50%"}});
        assert_eq!(
            cells(&PRINTER, &pdb)[1..4],
            [json!("N/A"), json!("50%"), json!(0)]
        );
    }
}
