//! Namespace: `NAME STATUS AGE`.

use super::Printer;
use crate::api::meta;
use crate::api::table::{age, Column};
use crate::clock::Time;
use serde_json::Value;

pub const PRINTER: Printer = Printer {
    columns: &[
        Column::name_column(),
        Column::new("Status", "string", 0),
        Column::new("Age", "string", 0),
    ],
    row,
};

fn row(obj: &Value, now: Time) -> Vec<Value> {
    vec![
        meta::name(obj).into(),
        // v1 defaulting makes an absent phase Active.
        match meta::str_at(obj, &["status", "phase"]) {
            None | Some("") => "Active",
            Some(p) => p,
        }
        .into(),
        age(meta::str_at(obj, &["metadata", "creationTimestamp"]), now).into(),
    ]
}

#[cfg(test)]
mod tests {
    use super::super::common::test_support::{ago, cells};
    use super::*;
    use serde_json::json;

    #[test]
    fn namespaces() {
        let ns = json!({"apiVersion": "v1", "kind": "Namespace",
            "metadata": {"name": "dev", "creationTimestamp": ago(12)}, "spec": {"finalizers": ["kubernetes"]},
            "status": {"phase": "Terminating"}});
        assert_eq!(
            cells(&PRINTER, &ns),
            vec![json!("dev"), json!("Terminating"), json!("12s")]
        );
        let ns = json!({"metadata": {"name": "new", "creationTimestamp": ago(1)}});
        assert_eq!(cells(&PRINTER, &ns)[1], json!("Active"));
    }
}
