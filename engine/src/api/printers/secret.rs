//! Secret: `NAME TYPE DATA AGE` (`printSecret`).

use super::common::{age, at, col, s, AGE, NAME};
use super::Printer;
use crate::clock::Time;
use serde_json::Value;
use std::collections::BTreeSet;

pub const PRINTER: Printer = Printer {
    columns: &[
        NAME,
        col("Type", "string", 0, "Used to facilitate programmatic handling of secret data. More info: https://kubernetes.io/docs/concepts/configuration/secret/#secret-types"),
        col("Data", "string", 0, "Data contains the secret data. Each key must consist of alphanumeric characters, '-', '_' or '.'. The serialized form of the secret data is a base64 encoded string, representing the arbitrary (possibly non-string) data value here. Described in https://tools.ietf.org/html/rfc4648#section-4"),
        AGE,
    ],
    row,
};

fn row(secret: &Value, now: Time) -> Vec<Value> {
    // The internal type merges stringData into data (a stored Secret has none).
    let keys: BTreeSet<&str> = ["data", "stringData"]
        .iter()
        .filter_map(|k| at(secret, &[k]).and_then(Value::as_object))
        .flat_map(|m| m.keys().map(String::as_str))
        .collect();
    let kind = match s(secret, &["type"]) {
        "" => "Opaque",
        t => t,
    };
    vec![
        s(secret, &["metadata", "name"]).into(),
        kind.into(),
        (keys.len() as i64).into(),
        age(secret, now),
    ]
}

#[cfg(test)]
mod tests {
    use super::super::common::test_support::{ago, cells};
    use super::*;
    use serde_json::json;

    #[test]
    fn secrets() {
        let sec = json!({"apiVersion": "v1", "kind": "Secret",
            "metadata": {"name": "tls", "namespace": "default", "creationTimestamp": ago(20)},
            "type": "kubernetes.io/tls", "data": {"tls.crt": "Zm9v", "tls.key": "YmFy"}});
        assert_eq!(
            cells(&PRINTER, &sec),
            vec![
                json!("tls"),
                json!("kubernetes.io/tls"),
                json!(2),
                json!("20s")
            ]
        );
        let sec =
            json!({"metadata": {"name": "empty", "creationTimestamp": ago(20)}, "type": "Opaque"});
        assert_eq!(cells(&PRINTER, &sec)[1..3], [json!("Opaque"), json!(0)]);
        let sec = json!({"metadata": {"name": "s", "creationTimestamp": ago(20)}, "data": {"a": "eA=="}, "stringData": {"a": "y", "b": "z"}});
        assert_eq!(cells(&PRINTER, &sec)[1..3], [json!("Opaque"), json!(2)]);
    }
}
