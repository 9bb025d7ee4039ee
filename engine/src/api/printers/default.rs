//! `rest.DefaultTableConvertor`: the table of built-in kinds with no printer
//! of their own (Role, ClusterRole, LimitRange, CSIStorageCapacity, CRD).
//! CREATED AT is the creation time in UTC RFC 3339, not an age.

use super::Printer;
use crate::api::meta;
use crate::api::table::Column;
use crate::clock::Time;
use serde_json::Value;

pub const PRINTER: Printer = Printer {
    columns: &[
        Column::name_column(),
        Column {
            name: std::borrow::Cow::Borrowed("Created At"),
            kind: std::borrow::Cow::Borrowed("date"),
            format: std::borrow::Cow::Borrowed(""),
            description: std::borrow::Cow::Borrowed(super::common::CREATION_TIMESTAMP_DOC),
            priority: 0,
        },
    ],
    row,
};

/// `creationTimestamp.Time.UTC().Format(time.RFC3339)`; the zero time if unset.
fn created_at(obj: &Value) -> String {
    match meta::str_at(obj, &["metadata", "creationTimestamp"]).and_then(Time::parse_rfc3339) {
        Some(t) => t.rfc3339(),
        None => "0001-01-01T00:00:00Z".into(),
    }
}

fn row(obj: &Value, _now: Time) -> Vec<Value> {
    vec![meta::name(obj).into(), created_at(obj).into()]
}

#[cfg(test)]
mod tests {
    use super::super::common::test_support::cells;
    use super::*;
    use serde_json::json;

    #[test]
    fn roles_print_their_creation_time() {
        let role = json!({"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "Role",
            "metadata": {"name": "pod-reader", "namespace": "default", "creationTimestamp": "2025-06-01T09:00:00Z"},
            "rules": [{"apiGroups": [""], "resources": ["pods"], "verbs": ["get"]}]});
        assert_eq!(
            cells(&PRINTER, &role),
            vec![json!("pod-reader"), json!("2025-06-01T09:00:00Z")]
        );
        let lr = json!({"metadata": {"name": "limits", "creationTimestamp": "2025-06-01T11:00:00+02:00"}});
        assert_eq!(cells(&PRINTER, &lr)[1], json!("2025-06-01T09:00:00Z"));
        assert_eq!(
            cells(&PRINTER, &json!({"metadata": {"name": "x"}}))[1],
            json!("0001-01-01T00:00:00Z")
        );
    }
}
