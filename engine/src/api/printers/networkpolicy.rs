//! NetworkPolicy: `NAME POD-SELECTOR AGE` (`printNetworkPolicy`).

use super::common::{age, at, col, format_label_selector, s, AGE, NAME};
use super::Printer;
use crate::clock::Time;
use serde_json::{json, Value};

pub const PRINTER: Printer = Printer {
    columns: &[
        NAME,
        col("Pod-Selector", "string", 0, "Selects the pods to which this NetworkPolicy object applies.  The array of ingress rules is applied to any pods selected by this field. Multiple network policies can select the same set of pods.  In this case, the ingress rules for each are combined additively. This field is NOT optional and follows standard label selector semantics. An empty podSelector matches all pods in this namespace."),
        AGE,
    ],
    row,
};

fn row(np: &Value, now: Time) -> Vec<Value> {
    // spec.podSelector is a struct, not a pointer: absent means `{}`.
    let empty = json!({});
    let selector = at(np, &["spec", "podSelector"])
        .filter(|v| !v.is_null())
        .unwrap_or(&empty);
    vec![
        s(np, &["metadata", "name"]).into(),
        format_label_selector(Some(selector)).into(),
        age(np, now),
    ]
}

#[cfg(test)]
mod tests {
    use super::super::common::test_support::{ago, cells};
    use super::*;

    #[test]
    fn network_policies() {
        let np = json!({"apiVersion": "networking.k8s.io/v1", "kind": "NetworkPolicy",
            "metadata": {"name": "deny-all", "namespace": "default", "creationTimestamp": ago(10)},
            "spec": {"podSelector": {}, "policyTypes": ["Ingress"]}});
        assert_eq!(
            cells(&PRINTER, &np),
            vec![json!("deny-all"), json!("<none>"), json!("10s")]
        );
        let np = json!({"metadata": {"name": "db", "creationTimestamp": ago(10)},
            "spec": {"podSelector": {"matchLabels": {"role": "db"}}}});
        assert_eq!(cells(&PRINTER, &np)[1], json!("role=db"));
    }
}
