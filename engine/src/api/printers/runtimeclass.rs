//! RuntimeClass: `NAME HANDLER AGE` (`printRuntimeClass`).

use super::common::{age, col, s, AGE, NAME};
use super::Printer;
use crate::clock::Time;
use serde_json::Value;

pub const PRINTER: Printer = Printer {
    columns: &[NAME, col("Handler", "string", 0, ""), AGE],
    row,
};

fn row(rc: &Value, now: Time) -> Vec<Value> {
    vec![
        s(rc, &["metadata", "name"]).into(),
        s(rc, &["handler"]).into(),
        age(rc, now),
    ]
}

#[cfg(test)]
mod tests {
    use super::super::common::test_support::{ago, cells};
    use super::*;
    use serde_json::json;

    #[test]
    fn runtime_classes() {
        let rc = json!({"apiVersion": "node.k8s.io/v1", "kind": "RuntimeClass",
            "metadata": {"name": "gvisor", "creationTimestamp": ago(4)}, "handler": "runsc"});
        assert_eq!(
            cells(&PRINTER, &rc),
            vec![json!("gvisor"), json!("runsc"), json!("4s")]
        );
    }
}
