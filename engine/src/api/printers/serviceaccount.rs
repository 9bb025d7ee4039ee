//! ServiceAccount: `NAME SECRETS AGE` (`printServiceAccount`).

use super::common::{age, col, list, s, AGE, NAME};
use super::Printer;
use crate::clock::Time;
use serde_json::Value;

pub const PRINTER: Printer = Printer {
    columns: &[
        NAME,
        col("Secrets", "string", 0, "Secrets is a list of the secrets in the same namespace that pods running using this ServiceAccount are allowed to use. Pods are only limited to this list if this service account has a \"kubernetes.io/enforce-mountable-secrets\" annotation set to \"true\". The \"kubernetes.io/enforce-mountable-secrets\" annotation is deprecated since v1.32. Prefer separate namespaces to isolate access to mounted secrets. This field should not be used to find auto-generated service account token secrets for use outside of pods. Instead, tokens can be requested directly using the TokenRequest API, or service account token secrets can be manually created. More info: https://kubernetes.io/docs/concepts/configuration/secret"),
        AGE,
    ],
    row,
};

fn row(sa: &Value, now: Time) -> Vec<Value> {
    vec![
        s(sa, &["metadata", "name"]).into(),
        (list(sa, &["secrets"]).len() as i64).into(),
        age(sa, now),
    ]
}

#[cfg(test)]
mod tests {
    use super::super::common::test_support::{ago, cells};
    use super::*;
    use serde_json::json;

    #[test]
    fn service_accounts() {
        let sa = json!({"apiVersion": "v1", "kind": "ServiceAccount",
            "metadata": {"name": "default", "namespace": "default", "creationTimestamp": ago(300)}});
        assert_eq!(
            cells(&PRINTER, &sa),
            vec![json!("default"), json!(0), json!("5m")]
        );
        let sa = json!({"metadata": {"name": "old", "creationTimestamp": ago(300)}, "secrets": [{"name": "old-token-abcde"}]});
        assert_eq!(cells(&PRINTER, &sa)[1], json!(1));
    }
}
