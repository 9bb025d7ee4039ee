//! ConfigMap: `NAME DATA AGE` (`printConfigMap`: DATA counts data and binaryData).

use super::common::{age, col, map_len, s, AGE, NAME};
use super::Printer;
use crate::clock::Time;
use serde_json::Value;

pub const PRINTER: Printer = Printer {
    columns: &[
        NAME,
        col("Data", "string", 0, "Data contains the configuration data. Each key must consist of alphanumeric characters, '-', '_' or '.'. Values with non-UTF-8 byte sequences must use the BinaryData field. The keys stored in Data must not overlap with the keys in the BinaryData field, this is enforced during validation process."),
        AGE,
    ],
    row,
};

fn row(cm: &Value, now: Time) -> Vec<Value> {
    let data = map_len(cm, &["data"]) + map_len(cm, &["binaryData"]);
    vec![
        s(cm, &["metadata", "name"]).into(),
        (data as i64).into(),
        age(cm, now),
    ]
}

#[cfg(test)]
mod tests {
    use super::super::common::test_support::{ago, cells};
    use super::*;
    use serde_json::json;

    #[test]
    fn config_maps() {
        let cm = json!({"apiVersion": "v1", "kind": "ConfigMap",
            "metadata": {"name": "kube-root-ca.crt", "namespace": "default", "creationTimestamp": ago(5000)},
            "data": {"ca.crt": "-----BEGIN CERTIFICATE-----\n"}});
        assert_eq!(
            cells(&PRINTER, &cm),
            vec![json!("kube-root-ca.crt"), json!(1), json!("83m")]
        );
        let cm = json!({"metadata": {"name": "mixed", "creationTimestamp": ago(1)},
            "data": {"a": "1", "b": "2"}, "binaryData": {"c": "AAE="}});
        assert_eq!(cells(&PRINTER, &cm)[1], json!(3));
        let cm = json!({"metadata": {"name": "empty", "creationTimestamp": ago(1)}});
        assert_eq!(cells(&PRINTER, &cm)[1], json!(0));
    }
}
