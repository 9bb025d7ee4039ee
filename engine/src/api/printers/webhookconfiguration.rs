//! Mutating- and ValidatingWebhookConfiguration: `NAME WEBHOOKS AGE`
//! (`printMutatingWebhook`, `printValidatingWebhook`).

use super::common::{age, col, list, s, AGE, NAME};
use super::Printer;
use crate::clock::Time;
use serde_json::Value;

pub const MUTATING: Printer = Printer {
    columns: &[
        NAME,
        col(
            "Webhooks",
            "integer",
            0,
            "Webhooks indicates the number of webhooks registered in this configuration",
        ),
        AGE,
    ],
    row,
};

pub const VALIDATING: Printer = Printer {
    columns: &[
        NAME,
        col(
            "Webhooks",
            "integer",
            0,
            "Webhooks indicates the number of webhooks registered in this configuration",
        ),
        AGE,
    ],
    row,
};

fn row(obj: &Value, now: Time) -> Vec<Value> {
    vec![
        s(obj, &["metadata", "name"]).into(),
        (list(obj, &["webhooks"]).len() as i64).into(),
        age(obj, now),
    ]
}

#[cfg(test)]
mod tests {
    use super::super::common::test_support::{ago, cells};
    use super::*;
    use serde_json::json;

    #[test]
    fn webhook_configurations() {
        let w = json!({"apiVersion": "admissionregistration.k8s.io/v1", "kind": "ValidatingWebhookConfiguration",
            "metadata": {"name": "ingress-nginx-admission", "creationTimestamp": ago(120)},
            "webhooks": [{"name": "validate.nginx.ingress.kubernetes.io", "admissionReviewVersions": ["v1"], "sideEffects": "None"}]});
        assert_eq!(
            cells(&VALIDATING, &w),
            vec![json!("ingress-nginx-admission"), json!(1), json!("2m")]
        );
        let w = json!({"metadata": {"name": "none", "creationTimestamp": ago(1)}});
        assert_eq!(cells(&MUTATING, &w)[1], json!(0));
    }
}
